"""Publication dates for every article: metadata first, then the file's path, then a dateline or
byline at the top of the text (factx.reader.guess_publication_date), with where each came from."""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import run, run_json
from factx.reader import date_from_path, date_from_text, guess_publication_date


@pytest.mark.parametrize("path,expected", [
    ("politico_2016-11-03_trump-wins.txt", "2016-11-03"),
    ("2016/11/03/story.txt", "2016-11-03"),
    ("news/20161103-story.txt", "2016-11-03"),
    ("wire_2016_11_03.txt", "2016-11-03"),
    ("2015/01/02/item_2016-11-03.txt", "2016-11-03"),  # the name's date before its folders'
    ("x_2016-02-30.txt", None),  # no such day
    ("id_1232016110399.txt", None),  # digits inside a longer number
    ("2016-13-01.txt", None),
    ("plain.txt", None),
])
def test_date_from_path(path, expected):
    assert date_from_path(path) == expected


@pytest.mark.parametrize("text,expected", [
    ("Bridge opens\nNov. 3, 2016 — SPRINGFIELD\n\nThe council voted.", "2016-11-03"),
    ("Bridge opens\nBy Jane Roe | Published: November 3, 2016 at 5:00 pm\n\nText.", "2016-11-03"),
    ("Bridge opens\n3 November 2016\n\nText.", "2016-11-03"),
    ("Bridge opens\nUpdated: Nov. 5, 2016\nPublished: Nov. 3, 2016\nText.", "2016-11-03"),
    ("Bridge opens\nUpdated 2016-11-05\n\nText.", "2016-11-05"),  # only an update date: taken
    ("Bridge opens\n\nThe council that met on Nov. 3, 2016 voted to build the long-delayed bridge.", None),
    ("Bridge opens\n\nText.\nMore.\nMore.\nMore.\nMore.\nNov. 3, 2016", None),  # not at the top
    ("Feb. 30, 2016", None),
    ("", None),
])
def test_date_from_text(text, expected):
    assert date_from_text(text) == expected


def test_the_path_goes_before_the_text():
    assert guess_publication_date("a_2016-11-03.txt", "Title\nNov. 1, 2016\n") == ("2016-11-03", "path")
    assert guess_publication_date("a.txt", "Title\nNov. 1, 2016\n") == ("2016-11-01", "text")
    assert guess_publication_date("a.txt", "Title\n\nNo date here.") == (None, None)


@given(st.text(max_size=300))
def test_guessing_never_raises(value):
    day, source = guess_publication_date(value, value)
    assert (day is None) == (source is None)


@pytest.fixture()
def dated_folder(tmp_path):
    folder = tmp_path / "in"
    (folder / "2016" / "11" / "04").mkdir(parents=True)
    body = "\n\nThe mayor said on Friday that the bridge would open.\n"
    (folder / "politico_2016-11-03_bridge.txt").write_text("Bridge" + body, encoding="utf-8")
    (folder / "2016" / "11" / "04" / "story.txt").write_text("Story" + body, encoding="utf-8")
    (folder / "dateline.txt").write_text("Bridge opens\nNov. 2, 2016 — SPRINGFIELD" + body, encoding="utf-8")
    (folder / "given_2016-11-03.txt").write_text("Given" + body, encoding="utf-8")
    (folder / "factx-metadata.json").write_text(json.dumps({"given_2016-11-03.txt": {"published": "2016-10-01"}}),
                                               encoding="utf-8")
    return folder


def test_extract_takes_dates_from_metadata_then_path_then_text(dated_folder, tmp_path):
    store = tmp_path / "store"
    result = run("extract", dated_folder, "--store", store, "-q")
    assert result.exit_code == 0, result.stderr
    rows = {a["id"]: (a["published"], a["published_source"]) for a in run_json("articles", "--store", store)}
    assert rows == {"politico_2016-11-03_bridge.txt": ("2016-11-03", "path"),
                    "2016/11/04/story.txt": ("2016-11-04", "path"),
                    "dateline.txt": ("2016-11-02", "text"),
                    "given_2016-11-03.txt": ("2016-10-01", "metadata")}
    doc = run_json("show", "dateline", "--store", store)
    assert doc["published_source"] == "text"
    friday = [d for d in run_json("dates", "--store", store, "--article", "politico") if d["text"] == "Friday"]
    assert friday and friday[0]["value"].startswith("2016-")  # resolved against the path's date
    table = run("articles", "--store", store, env={"COLUMNS": "160"}).stdout
    assert "2016-11-02 (text)" in table and "2016-10-01 (" not in table
    show = run("show", "dateline", "--store", store, env={"COLUMNS": "160"}).stdout
    assert "published: 2016-11-02 (from text)" in show


def test_no_guess_published_keeps_only_metadata_dates(dated_folder, tmp_path):
    store = tmp_path / "store"
    result = run("extract", dated_folder, "--store", store, "-q", "--no-guess-published")
    assert result.exit_code == 0, result.stderr
    rows = {a["id"]: (a["published"], a["published_source"]) for a in run_json("articles", "--store", store)}
    assert rows["given_2016-11-03.txt"] == ("2016-10-01", "metadata")
    assert {v for k, v in rows.items() if k != "given_2016-11-03.txt"} == {(None, None)}
    # guessing again re-extracts the articles whose reference date changes
    result = run("extract", dated_folder, "--store", store, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["extracted"] == 3
