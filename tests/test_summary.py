"""`factx summary`: the corpus at a glance."""
from __future__ import annotations

from conftest import run, run_json


def test_summary_counts_agree_with_the_lists(corpus_store):
    s = run_json("summary", "--store", corpus_store)
    quotes = run_json("quotes", "--store", corpus_store)
    statements = {(q["article"], q["statement"]) for q in quotes if not q["partial"]}
    assert s["totals"]["statements"] == len(statements)
    assert s["totals"]["articles"] == 3 and sum(m["articles"] for m in s["articles_by_month"]) == 3
    assert s["totals"]["dates"] == len(run_json("dates", "--store", corpus_store))
    assert sum(s["totals"]["statements_by_kind"].values()) == len(statements)
    named = sum(s["statements_by_speaker_gender"].values())
    assert named + s["statements_without_named_person"] == len(statements)


def test_summary_top_speakers_people_and_gender(corpus_store):
    s = run_json("summary", "--store", corpus_store, "--top", "1")
    top = s["top_speakers"][0]
    assert top["name"] == "Kim Kardashian West" and top["statements"] == top["direct"] + top["indirect"]
    assert len(s["top_people"]) == 1 and len(s["top_organisations"]) == 1
    assert s["top_people"][0]["id"] == "kim-kardashian-west"
    assert s["statements_by_speaker_gender"].get("f", 0) >= top["statements"]


def test_summary_table(corpus_store):
    result = run("summary", "--store", corpus_store, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    for cell in ("top speakers", "Kim Kardashian West", "statements by speaker gender", "women",
                 "top organisations", "articles by month"):
        assert cell in result.stdout


def test_summary_of_an_empty_store(tmp_path):
    empty = tmp_path / "in"
    empty.mkdir()
    assert run("extract", empty, "--store", tmp_path / "s", "-q").exit_code == 0
    s = run_json("summary", "--store", tmp_path / "s")
    assert s["totals"]["articles"] == 0 and s["top_speakers"] == [] and s["statements_by_speaker_gender"] == {}
    result = run("summary", "--store", tmp_path / "s")
    assert result.exit_code == 0 and "0 articles" in result.stdout


def test_summary_top_must_be_positive(corpus_store):
    assert run("summary", "--store", corpus_store, "--top", "0").exit_code == 2
