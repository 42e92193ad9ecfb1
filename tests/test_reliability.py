"""Interruptions, concurrent runs and parallel workers lose nothing."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import CORPUS, run, run_json
from factx.store import Store


def copies(folder, n):
    """n distinct articles made from the sample corpus (each gets its own id)."""
    folder.mkdir()
    sources = sorted(CORPUS.glob("*.txt"))
    for i in range(n):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (folder / f"a{i:03d}.txt").write_text(text + f"\nCopy {i}.\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_killed_extract_leaves_a_readable_store_and_the_next_run_resumes(tmp_path, sig):
    src, store = copies(tmp_path / "in", 32), tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-m", "factx", "extract", str(src), "--store", str(store), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    journal = store / "journal.jsonl"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if journal.exists() and journal.stat().st_size > 0:
            break
        time.sleep(0.05)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    if sig != signal.SIGKILL:
        assert proc.returncode == 130, proc.stderr.read()[-2000:]
    done = run_json("articles", "--store", store)  # every query reads the interrupted store
    assert 0 < len(done) < 32
    summary = json.loads(run("extract", src, "--store", store, "--json", "-q").stdout)
    assert summary["skipped"] >= len(done) and summary["extracted"] + summary["skipped"] == 32
    assert len(run_json("articles", "--store", store)) == 32


def test_second_extract_on_a_locked_store_exits_5(tmp_path):
    store = tmp_path / "store"
    with Store(store).open_for_writing():
        result = run("extract", CORPUS, "--store", store)
    assert result.exit_code == 5 and "another" in result.stderr


def test_two_jobs_give_the_same_facts_as_one(tmp_path):
    src = copies(tmp_path / "in", 6)
    for jobs in ("1", "2"):
        assert run("extract", src, "--store", tmp_path / f"s{jobs}", "--jobs", jobs, "-q").exit_code == 0
    for command in (["quotes"], ["dates"], ["entities"]):
        one = run_json(*command, "--store", tmp_path / "s1")
        two = run_json(*command, "--store", tmp_path / "s2")
        assert one == two, command


ODD = ["", " ", "x" * 5000, ".*[(", "O'Brien \"Jr\"", "%_\\", "Ünïcødé ß", "\x00", "🙂"]


@pytest.mark.parametrize("value", ODD, ids=range(len(ODD)))
def test_odd_query_input_never_crashes(corpus_store, value):
    for args, codes in ((["quotes", "--speaker", value], {0}), (["quotes", "--contains", value], {0}),
                        (["who", value], {3, 4}), (["show", value], {3, 4}),
                        (["timeline", "--who", value], {3, 4})):
        result = run(*args, "--store", corpus_store, "--json")
        assert result.exit_code in codes, (args, result.exit_code, result.stderr[-500:])
        assert "Traceback" not in result.stderr
