from click.testing import CliRunner

from geodata.service import open_store
from webapp.cli import cli


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


def test_geoparse_writes_json_lines_and_leaves_the_store_alone(tmp_path):
    import json

    lines = tmp_path / "in.jsonl"
    lines.write_text('{"id": "k1", "text": "Shelling hit Kharkiv."}\n{"id": "k2", "text": "Nothing."}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["geoparse", str(lines)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["k1", "k2"] and out[1]["places"] == []
    [kharkiv] = out[0]["places"]
    documented = {"start", "end", "text", "name", "lat", "lon", "kind", "precision", "confidence", "gazetteer_id"}
    assert documented <= set(kharkiv) and set(kharkiv) - documented == {"candidates", "uncertain", "rule_id"}
    assert "Shelling hit Kharkiv."[kharkiv["start"] : kharkiv["end"]] == "Kharkiv"
    assert abs(kharkiv["lat"] - 49.98) < 0.1 and abs(kharkiv["lon"] - 36.25) < 0.1


def test_geoparse_reads_stdin():
    result = CliRunner().invoke(cli, ["geoparse"], input="Fighting near Hajin, Syria.")
    assert '"id": "stdin"' in result.output and '"Hajin"' in result.output


def test_override_relinks_a_span(tmp_path):
    db = tmp_path / "o.sqlite"
    open_store(db).close()
    text = open_store(db).article("baghouz-2019-02-17").text
    start = text.index("Al-Susah")
    result = CliRunner().invoke(cli, ["override", "--db", str(db), "--article", "baghouz-2019-02-17",
                                      "--start", str(start), "--end", str(start + 8), "--place", "hajin"])
    assert result.exit_code == 0, result.output
    mentions = {(m.start, m.place_slug, m.method) for m in open_store(db).mentions_of("baghouz-2019-02-17")}
    assert (start, "hajin", "override") in mentions
    bad = CliRunner().invoke(cli, ["override", "--db", str(db), "--article", "nope", "--start", "0", "--end", "1",
                                   "--place", "hajin"])
    assert bad.exit_code != 0 and "No article" in bad.output
