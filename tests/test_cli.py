from click.testing import CliRunner

from geodata.service import open_store
from run import cli


def test_every_command_has_help():
    runner = CliRunner()
    for command in [[], *([name] for name in cli.commands)]:
        result = runner.invoke(cli, [*command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_ingest_adds_articles_and_prints_a_summary(tmp_path):
    text = tmp_path / "report-2019-03-01.txt"
    text.write_text("Report\n\nAirstrikes near Hajin.\n\nCivilians left Baghouz.\n", encoding="utf-8")
    lines = tmp_path / "batch.jsonl"
    lines.write_text(
        '{"id": "j1", "title": "One", "text": "In Raqqa.", "published": "2019-03-02"}\n'
        '{"id": "j2", "title": "Two", "text": "Nothing here.", "published": "2019-03-03"}\n',
        encoding="utf-8",
    )
    db = tmp_path / "cli.sqlite"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(db), str(text), str(lines)])
    assert result.exit_code == 0, result.output
    assert "articles added: 3" in result.output
    store = open_store(db)
    assert store.count("articles") == 4
    assert store.article("report-2019-03-01").published == "2019-03-01"
    assert {m.place_slug for m in store.mentions_of("report-2019-03-01")} == {"hajin", "baghouz"}


def test_ingest_reports_a_broken_line_and_keeps_the_good_ones(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok1", "title": "t", "text": "x", "published": "2020-01-01"}\n{not json\n', encoding="utf-8")
    db = tmp_path / "cli.sqlite"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(db), str(bad)])
    assert "line 2" in result.output
    assert open_store(db).count("articles") == 2  # the seed and the good first line; the broken line is skipped
