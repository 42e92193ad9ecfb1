"""bench/bench.py's --keep-store: a kept query store is reused only when the bench made it and it
has the size asked for, and a folder the bench did not make is never replaced."""
import importlib.util
from pathlib import Path

import pytest

from test_scale import article, make_store

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("factx_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_kept_store_counts_its_articles_and_a_partial_one_counts_none(tmp_path, bench):
    store = make_store(tmp_path / "kept", [article(i) for i in range(7)])
    assert bench.kept_store_size(store) == 7
    (store / "manifest.json").unlink()  # a build stopped before its manifest
    assert bench.kept_store_size(store) == 0
    assert bench.kept_store_size(tmp_path / "nowhere") == 0


@pytest.mark.parametrize("content", ["a user's store", "a file"])
def test_a_folder_the_bench_did_not_make_is_never_replaced(tmp_path, bench, content):
    if content == "a file":
        target = tmp_path / "notes.txt"
        target.write_text("keep me")
    else:
        target = make_store(tmp_path / "mine", [article(i) for i in range(3)])
    before = sorted(p.name for p in (target.iterdir() if target.is_dir() else [target]))
    with pytest.raises(SystemExit, match="not an empty folder nor a store the bench made"):
        bench.bench_queries(tmp_path / "work", 5, 1, rebuild=False, keep=target)
    assert sorted(p.name for p in (target.iterdir() if target.is_dir() else [target])) == before
    if content == "a user's store":
        assert bench.kept_store_size(target) == 3


def test_a_store_the_bench_made_of_the_size_asked_for_is_reused_not_rebuilt(tmp_path, bench, monkeypatch):
    monkeypatch.setattr(bench, "median_time", lambda cmd, runs: 0.25)  # the timings are not what is tested
    monkeypatch.setattr(bench, "peak_rss_of", lambda cmd: (0.25, 30.0))
    store = make_store(tmp_path / "kept", [article(i) for i in range(4)])
    (store / bench.BENCH_MARK).write_text("made by the bench\n")
    documents = sorted(p.relative_to(store) for p in (store / "articles").rglob("*.json"))
    out = bench.bench_queries(tmp_path / "work", 4, 1, rebuild=False, keep=store)
    assert out["reused_store"] is True and out["store_articles"] == 4
    assert "index_articles_per_s" not in out  # no rebuild was taken
    assert out["top_person"] == "Alice Smith" and out["top_person_articles"] == 4
    assert sorted(p.relative_to(store) for p in (store / "articles").rglob("*.json")) == documents
