"""Alembic environment: migrations run on the connection the store hands over (geodata.store.engine.migrate).

From the command line (`alembic -c geodata/store/alembic.ini ...`, for writing a new revision) the
database comes from -x db=PATH_OR_URL.
"""

from alembic import context

from geodata.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # the alembic command line
    from geodata.store.engine import make_engine

    engine = make_engine(context.get_x_argument(as_dictionary=True)["db"])
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
else:
    context.configure(connection=connection, target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()
