"""The command line's answers to bad input: one line saying what to do, an exit status, nothing lost."""

import socket

import click
import pytest
from click.testing import CliRunner

from geodata.service import open_store
from webapp.cli import cli
from webapp.cli_support import run

GOOD = '{{"id": "{id}", "title": "t", "text": "{text}", "published": "2020-01-01"}}\n'


def ingest(db, *files):
    return CliRunner().invoke(cli, ["ingest", "--db", str(db), *map(str, files)])


def one_line_error(result, *words):
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and all(w in errors[0] for w in words), result.output


def test_a_bad_line_is_reported_by_number_and_the_lines_after_it_still_go_in(tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(GOOD.format(id="a1", text="Shelling hit Raqqa.") + "{not json\n"
                     + GOOD.format(id="a2", text="Airstrikes near Hajin."), encoding="utf-8")
    result = ingest(tmp_path / "db.sqlite", batch)
    assert result.exit_code == 1  # something was not stored, and the status says so
    assert "articles added: 2" in result.output and "problems: 1" in result.output
    assert "batch.jsonl: line 2: not valid JSON" in result.output
    store = open_store(tmp_path / "db.sqlite")
    assert store.has_article("a1") and store.has_article("a2")


def test_line_separators_inside_json_strings_do_not_split_an_article(tmp_path):
    text = "Fighting in Raqqa\u2028went on\u0085near Hajin\u2029today."
    batch = tmp_path / "sep.jsonl"
    batch.write_text(GOOD.format(id="s1", text=text) + GOOD.format(id="s2", text="In Baghouz."), encoding="utf-8")
    result = ingest(tmp_path / "db.sqlite", batch)
    assert result.exit_code == 0, result.output
    store = open_store(tmp_path / "db.sqlite")
    assert store.article("s1").text == text and store.has_article("s2")
    geoparsed = CliRunner().invoke(cli, ["geoparse", str(batch)])
    assert geoparsed.exit_code == 0 and [line[:12] for line in geoparsed.output.splitlines()] == ['{"id": "s1",',
                                                                                                  '{"id": "s2",']


def test_ingesting_the_same_file_again_is_not_a_problem(tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(GOOD.format(id="r1", text="In Raqqa.") + GOOD.format(id="r2", text="In Hajin."), encoding="utf-8")
    db = tmp_path / "db.sqlite"
    assert ingest(db, batch).exit_code == 0
    again = ingest(db, batch)
    assert again.exit_code == 0, again.output
    assert "articles added: 0; already stored: 2" in again.output and "problems: 0" in again.output
    assert open_store(db).count("articles") == 3  # the seed and the two, once each


def test_a_different_article_under_a_stored_id_is_a_problem(tmp_path):
    db = tmp_path / "db.sqlite"
    first, second = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first.write_text(GOOD.format(id="d1", text="In Raqqa."), encoding="utf-8")
    second.write_text(GOOD.format(id="d1", text="In Hajin."), encoding="utf-8")
    ingest(db, first)
    result = ingest(db, second)
    assert result.exit_code == 1 and "d1: another article with this id is already stored" in result.output
    assert open_store(db).article("d1").text == "In Raqqa."


def test_a_file_that_is_not_utf8_gets_one_line_saying_so(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Title\nCombats à Raqqa.\n".encode("latin-1"))
    result = ingest(tmp_path / "db.sqlite", latin)
    assert result.exit_code == 1 and "latin.txt: not UTF-8 text" in result.output and "save the file as UTF-8" in result.output
    geoparsed = CliRunner().invoke(cli, ["geoparse", str(latin)])
    assert geoparsed.exit_code == 1 and "latin.txt: not UTF-8 text" in geoparsed.output


def test_geoparse_reports_a_bad_line_and_goes_on(tmp_path):
    lines = tmp_path / "in.jsonl"
    lines.write_text('{"id": "g1", "text": "In Raqqa."}\n[1, 2]\n{"id": "g2", "text": "In Hajin."}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["geoparse", str(lines)])
    assert result.exit_code == 1 and "in.jsonl: line 2: expected" in result.output
    assert '"id": "g1"' in result.output and '"id": "g2"' in result.output


@pytest.mark.parametrize("command", [["export", "--format", "geojson"], ["rules", "list"],
                                     ["apart", "--article", "a", "--start", "0"],
                                     ["override", "--article", "a", "--start", "0", "--end", "1", "--not-a-place"]])
def test_a_mistyped_database_is_an_error_not_a_new_database(tmp_path, command):
    typo = tmp_path / "typo.sqlite"
    result = CliRunner().invoke(cli, [*command, "--db", str(typo)])
    one_line_error(result, "no database at", "typo.sqlite", "--db")
    assert not typo.exists()


def test_an_unopenable_database_gets_one_line(tmp_path):
    (tmp_path / "a-file").write_text("not a directory")
    missing_dir = tmp_path / "a-file" / "db.sqlite"
    (tmp_path / "x.jsonl").write_text(GOOD.format(id="x", text="In Raqqa."), encoding="utf-8")
    result = ingest(missing_dir, tmp_path / "x.jsonl")
    one_line_error(result, "cannot open the database", "a-file")


def test_an_unreachable_postgresql_url_is_one_line_and_hides_the_password():
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", "postgresql://reader:s3cret@127.0.0.1:1/x"])
    one_line_error(result, "cannot open the database", "postgresql://reader:***@127.0.0.1:1/x")
    assert "s3cret" not in result.output


def test_export_to_a_missing_directory_is_one_line(tmp_path):
    db = tmp_path / "db.sqlite"
    open_store(db).close()
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "csv", "--out", str(tmp_path / "no" / "x.csv")])
    one_line_error(result, "cannot write", "x.csv")


def test_serving_on_a_busy_port_says_so_in_one_line(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        for workers in ("1", "2"):
            result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "db.sqlite"), "--port", str(port),
                                              "--workers", workers])
            one_line_error(result, f"port {port}", "in use", "--port")


def test_an_unexpected_error_is_one_line_unless_debugging(capsys, monkeypatch):
    @click.command()
    def broken():
        raise RuntimeError("the disk caught fire\nsecond line")

    with pytest.raises(SystemExit) as exited:
        run(broken, [])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError: the disk caught fire" in err and "CONFLICT_MAP_DEBUG=1" in err
    monkeypatch.setenv("CONFLICT_MAP_DEBUG", "1")
    with pytest.raises(RuntimeError):
        run(broken, [])
