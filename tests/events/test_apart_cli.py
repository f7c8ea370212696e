"""The command line's "not the same event": `conflict-map apart` keeps a passage out of reported events."""

from __future__ import annotations

from click.testing import CliRunner

from geodata.service import open_store
from webapp.cli import cli


def test_apart_keeps_a_passage_apart_and_undo_lets_it_back(tmp_path):
    db = tmp_path / "map.sqlite"
    store = open_store(db)
    start = store.passages_of("hajin")[0]["start"]
    store.close()

    def apart_of_hajin() -> bool:
        store = open_store(db)
        try:
            return next(p["apart"] for p in store.passages_of("hajin") if p["start"] == start)
        finally:
            store.close()

    args = ["apart", "--db", str(db), "--article", "baghouz-2019-02-17", "--start", str(start)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0 and "kept apart" in result.output, result.output
    assert apart_of_hajin() is True
    assert CliRunner().invoke(cli, args + ["--undo"]).exit_code == 0
    assert apart_of_hajin() is False

def test_apart_on_a_passage_that_does_not_exist_is_a_one_line_error(tmp_path):
    db = tmp_path / "map.sqlite"
    open_store(db).close()
    result = CliRunner().invoke(cli, ["apart", "--db", str(db), "--article", "baghouz-2019-02-17", "--start", "7"])
    assert result.exit_code == 1 and "no passage starting at offset 7" in result.output
    assert "Traceback" not in result.output
