"""`factx timeline`: calendar order, ranges, a person's dated sentences; calendar keys."""
import json

import pytest

from conftest import CORPUS, run, run_json
from factx.timekeys import calendar_key, in_range


@pytest.mark.parametrize("value, key", [
    ("2019-11-15", "2019-11-15"), ("2018-05", "2018-05"), ("1996", "1996"), ("198X", "1980"),
    ("2019-SU", "2019-06"), ("2019-W47", "2019-11-18"), ("XXXX-11-20", None), ("P20Y", None), (None, None),
])
def test_calendar_key(value, key):
    assert calendar_key(value) == key


def test_range_compares_at_the_bound_precision():
    assert in_range("2019-11-15", "2019", "2019")
    assert in_range("2019", "2019-11", None)
    assert not in_range("2018-12-31", "2019", None)
    assert not in_range("2020-01", None, "2019-12")


@pytest.fixture(scope="module")
def dated_store(tmp_path_factory):
    """corpus/ with publication dates from a metadata file (2019-11-18 for every article)."""
    src = tmp_path_factory.mktemp("dated") / "in"
    src.mkdir()
    for p in CORPUS.glob("*.txt"):
        (src / p.name).write_bytes(p.read_bytes())
    (src / "factx-metadata.json").write_text(json.dumps({p.name: {"published": "2019-11-18"}
                                                          for p in CORPUS.glob("*.txt")}))
    store = src.parent / "store"
    assert run("extract", src, "--store", store, "-q").exit_code == 0
    return store


def test_timeline_is_in_calendar_order(dated_store):
    items = run_json("timeline", "--store", dated_store)
    keys = [i["key"] for i in items]
    assert keys == sorted(keys) and "1996" in keys
    assert all(i["sentence"] and i["article"] for i in items)


def test_timeline_for_a_person_and_range(dated_store):
    items = run_json("timeline", "--who", "Rodney Reed", "--from", "2019-11", "--store", dated_store)
    assert items and all(i["key"] >= "2019-11" for i in items)
    assert all("Rodney Reed" in i["people"] for i in items)
    assert any(i["value"] == "2019-11-15" for i in items)  # "On Friday, Reed found out ..."


def test_unresolved_dates_only_with_all(corpus_store):
    plain = run_json("timeline", "--store", corpus_store)
    everything = run_json("timeline", "--all", "--store", corpus_store)
    assert all(i["key"] is not None for i in plain)
    assert any(i["key"] is None for i in everything)  # "November 20" with no reference date


def test_bad_bounds_are_usage_errors(corpus_store):
    assert run("timeline", "--from", "Nov 2019", "--store", corpus_store).exit_code == 2
    assert run("timeline", "--who", "Nobody At All", "--store", corpus_store).exit_code == 3
