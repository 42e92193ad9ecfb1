"""--format table|json|jsonl|csv|tsv on every query command."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import run, run_json
from factx.render import COLUMNS, _cell

LISTS = {"articles": "articles", "quotes": "statements", "dates": "dates", "timeline": "timeline",
         "entities": "entities"}


def out(*args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("command", sorted(LISTS))
def test_csv_has_one_row_per_item_with_stable_columns(corpus_store, command):
    items = run_json(command, "--store", corpus_store)
    rows = list(csv.reader(io.StringIO(out(command, "--store", corpus_store, "--format", "csv"))))
    assert tuple(rows[0]) == COLUMNS[LISTS[command]]
    assert len(rows) - 1 == len(items)
    first = dict(zip(rows[0], rows[1]))
    key = COLUMNS[LISTS[command]][0]
    assert first[key] == str(items[0][key])


@pytest.mark.parametrize("command", sorted(LISTS))
def test_tsv_and_jsonl(corpus_store, command):
    items = run_json(command, "--store", corpus_store)
    rows = list(csv.reader(io.StringIO(out(command, "--store", corpus_store, "--format", "tsv")), delimiter="\t"))
    assert len(rows) - 1 == len(items)
    lines = out(command, "--store", corpus_store, "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == items


def test_quote_csv_keeps_text_with_commas_and_quotes_exact(corpus_store):
    quotes = run_json("quotes", "--store", corpus_store)
    rows = list(csv.DictReader(io.StringIO(out("quotes", "--store", corpus_store, "--format", "CSV"))))
    assert [r["text"] for r in rows] == [_cell(q["text"]) for q in quotes]
    assert any("," in r["text"] for r in rows)
    assert {r["kind"] for r in rows} == {"direct", "indirect"}


def test_format_json_is_json(corpus_store):
    assert json.loads(out("quotes", "--store", corpus_store, "--format", "json")) == \
        run_json("quotes", "--store", corpus_store)


def test_documents_take_json_and_jsonl_not_csv(corpus_store):
    article = run_json("articles", "--store", corpus_store)[0]["id"]
    for args in (("show", article), ("who", "Rodney Reed"), ("summary",)):
        line = out(*args, "--store", corpus_store, "--format", "jsonl")
        assert len(line.splitlines()) == 1 and isinstance(json.loads(line), dict)
        result = run(*args, "--store", corpus_store, "--format", "csv")
        assert result.exit_code == 2 and "lists" in result.stderr and not result.stdout


def test_json_and_another_format_is_a_usage_error(corpus_store):
    result = run("quotes", "--store", corpus_store, "--json", "--format", "csv")
    assert result.exit_code == 2 and "two formats" in result.stderr


def test_csv_pages(corpus_store):
    rows = list(csv.reader(io.StringIO(out("quotes", "--store", corpus_store, "--format", "csv", "--limit", "2"))))
    assert len(rows) == 3


@pytest.mark.parametrize("value,cell", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("@realDonaldTrump said", "'@realDonaldTrump said"),
    ("-1 point", "'-1 point"), ("plain", "plain"), (None, ""), (True, "true"), (["a", "b"], "a; b"), (3, "3"),
])
def test_cells_a_spreadsheet_would_run_are_text(value, cell):
    assert _cell(value) == cell
