"""`factx export`: the store as a SQLite database for Datasette."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run, run_json


@pytest.fixture(scope="module")
def exported(corpus_store, tmp_path_factory):
    db = tmp_path_factory.mktemp("export") / "facts.db"
    result = run("export", db, "--store", corpus_store)
    assert result.exit_code == 0, result.stderr
    assert "datasette" in result.stderr and not result.stdout
    return db


def rows(db: Path, sql: str, *args) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_every_fact_of_the_store_is_in_the_database(exported, corpus_store):
    quotes = run_json("quotes", "--store", corpus_store, "--all")
    dates = run_json("dates", "--store", corpus_store)
    articles = run_json("articles", "--store", corpus_store)
    assert rows(exported, "SELECT count(*) FROM quotes") == [(len(quotes),)]
    assert rows(exported, "SELECT count(*) FROM dates") == [(len(dates),)]
    assert {r[0] for r in rows(exported, "SELECT id FROM articles")} == {a["id"] for a in articles}
    mine = {(q["article"], q["start"], q["end"], q["kind"], q["speaker"], q["sentence"]) for q in quotes}
    theirs = set(rows(exported, 'SELECT article, start, "end", kind, speaker, sentence FROM quotes'))
    assert mine == theirs
    mine = {(d["article"], d["start"], d["value"], d["freq"], d["quant"]) for d in dates}
    assert mine == set(rows(exported, "SELECT article, start, value, freq, quant FROM dates"))


def test_foreign_keys_hold_and_speakers_link_to_corpus_people(exported):
    assert rows(exported, "PRAGMA foreign_key_check") == []
    linked = rows(exported, "SELECT p.name, count(*) FROM quotes q JOIN people p ON p.id = q.speaker_person "
                            "GROUP BY p.id ORDER BY count(*) DESC")
    assert linked and linked[0][0] == "Kim Kardashian West"
    assert rows(exported, "SELECT count(*) FROM mentions WHERE person IS NULL") == [(0,)]


def test_full_text_search_and_views(exported):
    hits = rows(exported, "SELECT q.article FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid "
                          "WHERE quotes_fts MATCH 'justice'")
    assert hits
    top = rows(exported, "SELECT name, statements FROM people_quoted LIMIT 1")
    assert top[0][0] == "Kim Kardashian West" and top[0][1] >= 2
    view = rows(exported, "SELECT speaker, title FROM quotes_with_speaker WHERE speaker_person IS NOT NULL")
    assert view and all(title for _, title in view)


def test_metadata_names_tables_and_facets(exported):
    meta = json.loads(exported.with_name("facts.metadata.json").read_text(encoding="utf-8"))
    tables = {r[0] for r in rows(exported, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert set(meta["tables"]) <= tables
    assert "kind" in meta["tables"]["quotes"]["facets"]


def test_datasette_serves_the_export(exported):
    pytest.importorskip("datasette")
    datasette = Path(sys.executable).with_name("datasette")
    out = subprocess.run([str(datasette), str(exported), "-m", str(exported.with_name("facts.metadata.json")),
                          "--get", "/facts/quotes_with_speaker.json?_shape=array"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    assert items and {"speaker", "text", "sentence", "title"} <= set(items[0])


def test_export_replaces_the_file_and_leaves_no_temporary_files(corpus_store, tmp_path):
    db = tmp_path / "out.db"
    db.write_text("not a database")
    assert run("export", db, "--store", corpus_store).exit_code == 0
    assert rows(db, "SELECT count(*) FROM articles") == [(3,)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.db", "out.metadata.json"]
    assert oct(db.stat().st_mode & 0o777) != oct(0o600)


def test_export_to_a_folder_or_a_missing_folder_is_a_usage_error(corpus_store, tmp_path):
    result = run("export", tmp_path, "--store", corpus_store)
    assert result.exit_code == 2 and "folder" in result.stderr and "Traceback" not in result.stderr
    result = run("export", tmp_path / "nope" / "x.db", "--store", corpus_store)
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_a_full_disk_is_an_error_and_leaves_nothing_behind(corpus_store, tmp_path, monkeypatch):
    import factx.export

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(factx.export, "_fill", full)
    db = tmp_path / "x.db"
    db.write_text("an older export")
    result = run("export", db, "--store", corpus_store)
    assert result.exit_code == 1 and "disk is full" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["x.db"] and db.read_text() == "an older export"


def test_export_json_summary(corpus_store, tmp_path):
    summary = run_json("export", tmp_path / "s.db", "--store", corpus_store)
    assert summary["articles"] == 3 and summary["quotes"] > 0 and summary["database"].endswith("s.db")


def test_export_without_a_store_is_an_error(tmp_path):
    result = run("export", tmp_path / "x.db", "--store", tmp_path / "none")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "x.db").exists()
    shutil.rmtree(tmp_path, ignore_errors=True)
