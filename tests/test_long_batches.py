"""A long article does not hold back the short ones: chunks keep it apart, short articles are
stored as they finish, and a run interrupted while the long one is parsed keeps every short one."""
import json
import signal
import subprocess
import sys
import time

import pytest

from conftest import CORPUS, interruptible, run_json
from factx import pipeline
from factx.reader import RawArticle

N_SHORT = 12
LONG_CHARS = 800_000  # some 50 CPU-seconds of parsing at ~15 KB/s; the short ones: about two


def raw(name, text):
    return RawArticle(id=name, text=text)


def prose(chars):
    """News prose of the sample corpus, paragraphs repeated (numbered) up to ``chars`` characters."""
    paras = [p for f in sorted(CORPUS.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n")[1:]]
    parts, n, i = ["A very long report\n\n"], 0, 0
    while n < chars:
        para = f"{paras[i % len(paras)].strip()} (Part {i}.)\n\n"
        parts.append(para)
        n, i = n + len(para), i + 1
    return "".join(parts)


def ids(chunks):
    return [[a.id for a in chunk] for chunk in chunks]


# ---- the chunker ----------------------------------------------------------------------------

def test_a_long_article_is_a_chunk_of_its_own_and_short_ones_share_chunks():
    long = raw("long", "x " * (pipeline.CHUNK_CHARS // 2 + 1))
    shorts = [raw(f"s{i:02d}", "A short one.\n" * 300) for i in range(25)]  # 3,900 characters each
    items = shorts[:5] + [long] + shorts[5:]
    chunks = list(pipeline.chunked(iter(items)))
    assert ids(chunks) == [[f"s{i:02d}" for i in range(5)], ["long"],
                           [f"s{i:02d}" for i in range(5, 5 + pipeline.CHUNK_SIZE)],
                           [f"s{i:02d}" for i in range(5 + pipeline.CHUNK_SIZE, 25)]]
    assert [pipeline.is_long(c) for c in chunks] == [False, True, False, False]
    assert [a for c in chunks for a in c] == items  # input order, nothing lost


def test_a_chunk_closes_at_its_character_budget():
    third = raw("", "y" * (pipeline.CHUNK_CHARS // 3))
    items = [RawArticle(id=f"m{i}", text=third.text) for i in range(7)]
    chunks = list(pipeline.chunked(iter(items)))
    assert ids(chunks) == [["m0", "m1", "m2"], ["m3", "m4", "m5"], ["m6"]]
    assert all(sum(len(a.text) for a in c) <= pipeline.CHUNK_CHARS for c in chunks)
    over = [raw("a", "z" * (pipeline.CHUNK_CHARS // 2 + 10)), raw("b", "z" * (pipeline.CHUNK_CHARS // 2 + 10))]
    assert ids(pipeline.chunked(iter(over))) == [["a"], ["b"]]  # neither long, yet not together


def test_in_process_long_chunks_go_after_the_short_ones_within_a_memory_bound():
    def chunk(name, n):
        return [raw(name, "w" * n)]

    big = pipeline.CHUNK_CHARS + 1
    chunks = [chunk("L1", big), chunk("s1", 10), chunk("L2", big), chunk("s2", 10), chunk("L3", big), chunk("s3", 10)]
    assert ids(pipeline.shorts_first(iter(chunks))) == [["s1"], ["s2"], ["s3"], ["L1"], ["L2"], ["L3"]]
    # Holding at most two long ones: the oldest goes when a third comes.
    assert ids(pipeline.shorts_first(iter(chunks), hold_chars=2 * big)) == [
        ["s1"], ["s2"], ["L1"], ["s3"], ["L2"], ["L3"]]


def test_with_workers_the_last_chunks_are_cut_smaller_and_nothing_moves():
    chunks = [[raw(f"c{c}a{a}", "short") for a in range(16)] for c in range(6)]
    out = list(pipeline.balanced_tail(iter(chunks), ahead=2, pieces=4))
    assert [a for c in out for a in c] == [a for c in chunks for a in c]  # input order, nothing lost
    assert [len(c) for c in out] == [16] * 4 + [4] * 8  # the last two, known once the input ends
    # fewer chunks than held back: all cut (a small run is shared between the workers too)
    assert [len(c) for c in pipeline.balanced_tail(iter([chunks[0][:7]]), ahead=4, pieces=4)] == [2, 2, 2, 1]


def test_a_long_chunk_is_never_held_back_nor_cut():
    long = [raw("long", "x" * (pipeline.CHUNK_CHARS + 1))]
    shorts = [[raw(f"s{i}", "short"), raw(f"t{i}", "short")] for i in range(4)]
    out = ids(pipeline.balanced_tail(iter(shorts[:2] + [long] + shorts[2:]), ahead=3, pieces=2))
    assert out == [["s0", "t0"], ["s1", "t1"], ["long"], ["s2"], ["t2"], ["s3"], ["t3"]]


def test_dask_shards_keep_a_long_chunk_apart():
    cluster = pytest.importorskip("factx.cluster")
    long = [raw("long", "x" * (pipeline.CHUNK_CHARS + 1))]
    shorts = [[raw(f"s{i}", "short")] for i in range(8)]
    chunks = shorts[:2] + [long] + shorts[2:]
    shards = list(cluster.shards(iter(chunks)))
    assert [long] in shards
    assert [[c[0].id for c in shard] for shard in shards] == [["s0"], ["s1"], ["long"], ["s2", "s3", "s4", "s5"],
                                                              ["s6", "s7"]]


# ---- end to end: interrupted while the long article is parsed -------------------------------

@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """One long article first in input order (name order), then a dozen short ones."""
    src = tmp_path_factory.mktemp("long") / "in"
    src.mkdir()
    (src / "000_long.txt").write_text(prose(LONG_CHARS), encoding="utf-8")
    sources = sorted(CORPUS.glob("*.txt"))
    for i in range(N_SHORT):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (src / f"s{i:02d}.txt").write_text(text + f"\nCopy {i}.\n", encoding="utf-8")
    return src


def journal_ids(store):
    try:
        lines = (store / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return set()
    return {json.loads(line)["id"] for line in lines if line.endswith("}")}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_short_articles_are_stored_while_the_long_one_is_parsed(folder, tmp_path, jobs):
    shorts = {f"s{i:02d}.txt" for i in range(N_SHORT)}
    store = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-m", "factx", "extract", str(folder), "--store", str(store),
                             "--jobs", jobs, "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=interruptible)
    try:
        # Every short article is in the journal long before the long one can be done; nothing
        # is timed: the run is interrupted as soon as they are all there (or fails by deadline).
        t0 = time.perf_counter()
        deadline = t0 + 90
        while time.perf_counter() < deadline and proc.poll() is None and not shorts <= journal_ids(store):
            time.sleep(0.05)
        waited = time.perf_counter() - t0
        assert proc.poll() is None, "the run ended before it was interrupted"
        done = journal_ids(store)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, proc.stderr.read()[-2000:]
    stored = {a["id"] for a in run_json("articles", "--store", store)}
    print(f"--jobs {jobs}: {len(stored & shorts)} of {N_SHORT} short articles stored after {waited:.1f} s, "
          f"the long one {'stored' if '000_long.txt' in stored else 'still being parsed'}")
    assert done == shorts == stored  # all the short ones, and not the long one
