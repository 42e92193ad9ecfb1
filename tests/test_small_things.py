"""Small things a new user runs into: one suggestion for a typo, empty texts as usage errors,
no-match answers that a program can read, shell completion."""
from __future__ import annotations

import json

import pytest

from conftest import run, run_json


def test_a_mistyped_command_gets_one_suggestion():
    result = run("qoutes")
    assert result.exit_code == 2
    assert result.stderr.count("Did you mean") == 1 and "'quotes'" in result.stderr


def test_empty_texts_are_usage_errors(corpus_store):
    for args in (("quotes", "--speaker", ""), ("quotes", "--speaker", "  "), ("quotes", "--contains", ""),
                 ("entities", "--label", "")):
        result = run(*args, "--store", corpus_store)
        assert result.exit_code == 2, args
        assert "needs" in result.stderr and not result.stdout


def test_unknown_entity_label_says_which_labels_exist(corpus_store):
    result = run("entities", "--label", "FOO", "--store", corpus_store)
    assert result.exit_code == 3 and "'FOO'" in result.stderr and "ORG" in result.stderr and not result.stdout
    result = run("entities", "--label", "foo", "--store", corpus_store, "--json")
    assert result.exit_code == 3
    error = json.loads(result.stdout)
    assert error["status"] == 3 and "ORG" in error["labels"] and "PERSON" in error["labels"]


def test_known_labels_are_case_insensitive(corpus_store):
    result = run("entities", "--label", "org", "--store", corpus_store, "--json")
    assert result.exit_code == 0
    assert {e["label"] for e in json.loads(result.stdout)} == {"ORG"}


def test_who_without_a_match_prints_a_json_error(corpus_store):
    for name in ("Nobody Atall", "@nobody-here"):
        result = run("who", name, "--store", corpus_store, "--json")
        assert result.exit_code == 3
        error = json.loads(result.stdout)
        assert error["status"] == 3 and error["query"] == name and "no person" in error["error"]
        assert "no person" in result.stderr


@pytest.mark.parametrize("command", [("who", "Nobody Atall"), ("timeline", "--who", "Nobody Atall"),
                                     ("entities", "--label", "NOPE")])
def test_a_jsonl_error_is_one_line(corpus_store, command):
    result = run(*command, "--store", corpus_store, "--format", "jsonl")
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["status"] == 3


def test_timeline_of_nobody_prints_a_json_error(corpus_store):
    result = run("timeline", "--who", "Nobody Atall", "--store", corpus_store, "--json")
    assert result.exit_code == 3 and json.loads(result.stdout)["query"] == "Nobody Atall"


def test_who_with_a_match_prints_no_error_object(corpus_store):
    result = run("who", "Rodney Reed", "--store", corpus_store, "--json")
    assert result.exit_code == 0 and "error" not in json.loads(result.stdout)


def test_shell_completion_is_offered():
    result = run("--help")
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def test_progress_counts_work_done_and_puts_unchanged_articles_apart():
    from rich.progress import Progress

    from factx.cli import _progress_bar, _progress_step
    from factx.pipeline import Outcome

    progress = Progress()
    task = progress.add_task("extracting", total=5)
    callbacks = _progress_step(progress, task, "extracting")
    step = callbacks["on_outcome"]
    for status in ("skipped", "skipped", "extracted", "failed"):
        step(Outcome("a.txt", status))
    t = progress.tasks[task]
    assert (t.completed, t.total) == (2, 3) and "2 unchanged" in t.description
    callbacks["on_article"]("b.txt")  # counted once parsed, not again once stored
    step(Outcome("b.txt", "extracted"))
    assert progress.tasks[task].completed == 3
    rate = [c for c in _progress_bar().columns if type(c).__name__ == "Rate"][0]
    idle = Progress()  # nothing done yet: no rate (loading the pipeline is no speed)
    idle_task = idle.add_task("x", total=3)
    assert str(rate.render(idle.tasks[idle_task])) == ""


def test_show_quote_prints_the_paragraph_to_cite(corpus_store):
    quotes = [q for q in run_json("quotes", "--store", corpus_store)
              if q["article"].startswith("000") and q["kind"] == "direct"]
    q = quotes[0]
    result = run("show", q["article"], "--quote", str(q["statement"]), "--store", corpus_store, "--json")
    assert result.exit_code == 0, result.stderr
    excerpt = json.loads(result.stdout)
    assert q["text"] in excerpt["text"] and excerpt["statement"] == q["statement"]
    doc = run_json("show", q["article"], "--store", corpus_store, "--text")
    assert doc["text"][excerpt["offset"]:excerpt["offset"] + len(excerpt["text"])] == excerpt["text"]
    assert "\n\n" not in doc["text"][excerpt["offset"]:q["start"]]  # the quote's own paragraph
    table = run("show", q["article"], "--quote", str(q["statement"]), "--store", corpus_store)
    assert table.exit_code == 0 and q["text"][:30] in table.stdout and "characters" in table.stdout


def test_show_at_an_offset_and_its_errors(corpus_store):
    q = run_json("quotes", "--store", corpus_store)[1]
    excerpt = run_json("show", q["article"], "--at", str(q["start"] + 3), "--store", corpus_store)
    assert excerpt["target"]["start"] == q["start"] and excerpt["target"]["text"] == q["text"]
    assert run("show", q["article"], "--at", "99999999", "--store", corpus_store).exit_code == 3
    assert run("show", q["article"], "--quote", "9999", "--store", corpus_store).exit_code == 3
    assert run("show", q["article"], "--quote", "1", "--at", "1", "--store", corpus_store).exit_code == 2


@pytest.mark.parametrize("stream", ["utf-8", "latin-1", "no bytes"])
def test_raw_json_bytes_are_written_in_order_whatever_stdout_is(monkeypatch, stream):
    import io
    import sys

    from factx import render
    from factx.schema import RawJSONBytes

    if stream == "no bytes":
        out = io.StringIO()
    else:
        out = io.TextIOWrapper(io.BytesIO(), encoding=stream, errors="replace", write_through=False)
    monkeypatch.setattr(sys, "stdout", out)
    items = [{"name": "Zoë", "articles": RawJSONBytes('["é.txt", "b.txt"]'.encode())}, {"name": "x", "n": 1}]
    render.emit_stream(items, compact=True)
    out.flush()
    text = out.getvalue() if stream == "no bytes" else out.buffer.getvalue().decode(stream)
    assert json.loads(text) == [{"name": "Zoë", "articles": ["é.txt", "b.txt"]}, {"name": "x", "n": 1}]
