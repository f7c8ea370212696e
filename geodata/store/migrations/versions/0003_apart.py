"""A reader's "not the same event": a passage kept out of corroboration groups.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.get_bind().exec_driver_sql("ALTER TABLE passages ADD COLUMN apart BOOLEAN NOT NULL DEFAULT FALSE")


def downgrade() -> None:
    raise NotImplementedError("the store migrates forward only")
