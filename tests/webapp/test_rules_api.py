"""Corrections over the API and the command line: not a place, rules listed, exported and removed."""

import json

from click.testing import CliRunner

from webapp import create_app
from webapp.cli import cli

SEED = "baghouz-2019-02-17"


def test_not_a_place_over_the_api_records_a_rule_that_can_be_removed(client):
    text = client.get(f"/api/articles/{SEED}").get_json()["text"]
    start = text.index("Hajin")
    r = client.post(f"/api/articles/{SEED}/overrides", json={"start": start, "end": start + 5, "not_a_place": True})
    assert r.status_code == 200, r.get_json()
    assert all(m["start"] != start for m in r.get_json()["mentions"])
    [rule] = client.get("/api/rules").get_json()["rules"]
    assert (rule["name_key"], rule["country"], rule["action"], rule["place"]) == ("hajin", "SY", "never", None)
    assert client.post(f"/api/articles/{SEED}/overrides",
                       json={"start": start, "end": start + 5, "not_a_place": "yes"}).status_code == 400
    assert client.delete(f"/api/rules/{rule['id']}").status_code == 200
    r = client.delete(f"/api/rules/{rule['id']}")
    assert r.status_code == 404 and "error" in r.get_json()
    assert client.get("/api/rules").get_json() == {"rules": []}


def test_rule_writes_need_the_token_when_one_is_set(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "a.sqlite"), "TILE_URL": "", "WRITE_TOKEN": "s3cret"})
    client = app.test_client()
    assert client.delete("/api/rules/1").status_code == 401
    assert client.delete("/api/rules/1", headers={"Authorization": "Bearer s3cret"}).status_code == 404


def test_rules_on_the_command_line(tmp_path):
    db = str(tmp_path / "c.sqlite")
    runner = CliRunner()
    from geodata.service import open_store

    store = open_store(db)
    text = store.article(SEED).text
    store.close()
    start = text.index("Raqqa")
    r = runner.invoke(cli, ["override", "--db", db, "--article", SEED, "--start", str(start), "--end", str(start + 5),
                            "--not-a-place"])
    assert r.exit_code == 0 and "not a place" in r.output, r.output
    r = runner.invoke(cli, ["rules", "list", "--db", db])
    assert r.exit_code == 0 and "never\traqqa\tSY" in r.output, r.output
    r = runner.invoke(cli, ["rules", "export", "--db", db])
    [rule] = [json.loads(line) for line in r.output.splitlines()]
    assert (rule["action"], rule["name_key"]) == ("never", "raqqa")
    assert runner.invoke(cli, ["rules", "remove", "--db", db, str(rule["id"])]).exit_code == 0
    r = runner.invoke(cli, ["rules", "remove", "--db", db, str(rule["id"])])
    assert r.exit_code == 1 and "No rule" in r.output
