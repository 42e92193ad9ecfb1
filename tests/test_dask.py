"""`factx extract --dask`: the same facts as the local path, shards that fail or whose worker dies
are retried then reported, and a one-line error when the extra is not installed."""
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

import factx
from conftest import CORPUS, document_files, interruptible, run
from factx import pipeline
from factx.reader import RawArticle

REFERENCE = "2019-11-18"
TARGET = "gen/b2.txt"  # the article the injected faults aim at
N_ARTICLES = 3 + 5 + 2


# ---- without the extra (no cluster needed) -----------------------------------------------

@pytest.fixture
def without_dask(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails
    monkeypatch.delitem(sys.modules, "factx.cluster", raising=False)
    monkeypatch.delattr(factx, "cluster", raising=False)


@pytest.mark.parametrize("how", [["--dask", "local"], ["--dask", "tcp://127.0.0.1:8786"], []])
def test_dask_without_the_extra_is_a_one_line_error_naming_it(tmp_path, without_dask, how):
    env = {} if how else {"FACTX_DASK": "local"}
    result = run("extract", CORPUS, "--store", tmp_path / "s", *how, env=env)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "pip install 'factx[dask]'" in result.stderr
    assert not (tmp_path / "s").exists()  # stopped before touching anything


def test_jobs_with_a_remote_cluster_is_a_usage_error(tmp_path):
    result = run("extract", CORPUS, "--store", tmp_path / "s", "--jobs", "2", env={"FACTX_DASK": "tcp://h:8786"})
    assert result.exit_code == 2 and "--jobs" in result.stderr and "FACTX_DASK" in result.stderr


# ---- with a cluster -----------------------------------------------------------------------

@pytest.fixture(scope="session")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster:
        yield cluster


@pytest.fixture
def client(dask_cluster):
    import distributed

    with distributed.Client(dask_cluster, set_as_default=False) as c:
        yield c
        c.run(_restore)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """The sample corpus, generated text articles and a JSONL file with publication dates."""
    gen = tmp_path_factory.mktemp("in") / "gen"
    gen.mkdir()
    sources = [p.read_text(encoding="utf-8").split("\n\n") for p in sorted(CORPUS.glob("*.txt"))]
    for i in range(5):
        paras = sources[i % len(sources)]
        body = paras[1:][i % 3::2] or paras[1:]
        (gen / f"b{i}.txt").write_text("\n\n".join([paras[0], *body]) + f"\n\nCopy {i}.\n", encoding="utf-8")
    with open(gen / "feed.jsonl", "w", encoding="utf-8") as f:
        for i, day in enumerate(["2019-11-15", "2020-02-03"]):
            text = "\n\n".join(sources[i][1:4])
            f.write(json.dumps({"id": f"feed-{i}", "text": text, "title": sources[i][0], "published": day}) + "\n")
    return [CORPUS, gen.parent]


@pytest.fixture(scope="module")
def local_store(inputs, tmp_path_factory):
    store = tmp_path_factory.mktemp("local") / "s"
    result = run("extract", *inputs, "--store", store, "--reference-date", REFERENCE, "-q")
    assert result.exit_code == 0, result.stderr
    return store


@pytest.fixture
def small_shards(monkeypatch):
    """Several shards out of ten articles: 2 articles a chunk, 2 chunks a shard."""
    from factx import cluster

    monkeypatch.setattr(pipeline, "CHUNK_SIZE", 2)
    monkeypatch.setattr(cluster, "SHARD_CHUNKS", 2)


def facts(store):
    """Every article document, byte for byte, and the manifest less its time of writing."""
    docs = {p.name: p.read_bytes() for p in document_files(store)}
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    manifest.pop("updated")
    return docs, manifest


def extract_on(cluster, inputs, store, *extra):
    result = run("extract", *inputs, "--store", store, "--reference-date", REFERENCE, "--dask",
                 cluster.scheduler_address, "--json", "-q", *extra)
    return result.exit_code, json.loads(result.stdout) if result.stdout else result.stderr


def test_dask_gives_the_same_store_as_the_local_path(dask_cluster, inputs, local_store, tmp_path, small_shards):
    code, summary = extract_on(dask_cluster, inputs, tmp_path / "s")
    assert code == 0 and summary["extracted"] == N_ARTICLES, summary
    assert len(facts(local_store)[0]) == N_ARTICLES
    assert facts(tmp_path / "s") == facts(local_store)
    # Nothing left to do: skipped without connecting (this address has no scheduler).
    result = run("extract", *inputs, "--store", tmp_path / "s", "--reference-date", REFERENCE,
                 "--dask", "tcp://127.0.0.1:9", "--json", "-q")
    assert result.exit_code == 0 and json.loads(result.stdout)["skipped"] == N_ARTICLES


def test_a_shard_that_keeps_failing_is_reported_and_the_rest_is_stored(client, dask_cluster, inputs, local_store,
                                                                       tmp_path, small_shards):
    client.run(_inject, "raise", 99)
    code, summary = extract_on(dask_cluster, inputs, tmp_path / "s")
    assert code == 1
    failed = {f["article"]: f["reason"] for f in summary["failed"]}
    assert TARGET in failed and len(failed) <= 4  # only its shard
    assert all("failed 3 times" in reason and "injected fault" in reason for reason in failed.values())
    assert summary["extracted"] == N_ARTICLES - len(failed)
    client.run(_restore)
    code, summary = extract_on(dask_cluster, inputs, tmp_path / "s")
    assert code == 0 and summary["extracted"] == len(failed)  # nothing was lost: the rest was stored
    assert facts(tmp_path / "s") == facts(local_store)


def test_a_shard_that_fails_once_is_retried(client, dask_cluster, inputs, local_store, tmp_path, small_shards):
    client.run(_inject, "raise", 1)  # each worker fails its first try: two workers, three tries
    code, summary = extract_on(dask_cluster, inputs, tmp_path / "s")
    assert code == 0 and summary["extracted"] == N_ARTICLES, summary
    assert 0 in client.run(_faults_left).values()  # the fault did fire
    assert facts(tmp_path / "s") == facts(local_store)


def test_a_shard_whose_worker_dies_is_retried(client, dask_cluster, inputs, local_store, tmp_path, small_shards):
    before = set(client.run(os.getpid).values())
    client.run(_inject, "exit", 1)  # the restarted worker is a fresh process, without the fault
    code, summary = extract_on(dask_cluster, inputs, tmp_path / "s")
    assert code == 0 and summary["extracted"] == N_ARTICLES, summary
    client.wait_for_workers(2)
    assert set(client.run(os.getpid).values()) != before  # a worker did die
    assert facts(tmp_path / "s") == facts(local_store)


def test_a_shard_whose_workers_keep_dying_is_reported(client, dask_cluster, inputs, local_store, tmp_path,
                                                      small_shards):
    scheduler = dask_cluster.scheduler
    allowed, scheduler.allowed_failures = scheduler.allowed_failures, 0  # the first death is one too many
    try:
        client.run(_inject, "exit", 1)
        code, summary = extract_on(dask_cluster, inputs, tmp_path / "s")
    finally:
        scheduler.allowed_failures = allowed
    assert code == 1
    failed = {f["article"]: f["reason"] for f in summary["failed"]}
    # The shards queued on the dying worker die with it, so more than the target's may fail.
    assert TARGET in failed
    assert all("worker(s) died running its shard" in reason for reason in failed.values())
    assert summary["extracted"] == N_ARTICLES - len(failed)
    client.wait_for_workers(2)
    code, summary = extract_on(dask_cluster, inputs, tmp_path / "s")
    assert code == 0 and summary["extracted"] == len(failed)
    assert facts(tmp_path / "s") == facts(local_store)


DOOMED_CLUSTER = ("import logging, time, distributed; c = distributed.LocalCluster(n_workers=1, "
                  "threads_per_worker=1, dashboard_address=None, silence_logs=logging.CRITICAL); "
                  "print(c.scheduler_address, flush=True); time.sleep(300)")
N_COPIES = 60  # thirty shards of two: the run is stopped long before the last, even on a fast machine

# factx with shards of two articles, each shard's write held a quarter second: a loaded machine
# may starve the test's polling thread while the workers race through every shard, and the run
# would end before the interrupt it is meant to test.
SLOW_SHARDS_CLI = ("import sys, time; from factx import cluster, pipeline, store; pipeline.CHUNK_SIZE = 2; "
                   "cluster.SHARD_CHUNKS = 1; write = store.Store.write_articles; "
                   "store.Store.write_articles = lambda self, items: (write(self, items), time.sleep(0.25))[0]; "
                   "from factx.cli import main; sys.argv[0] = 'factx'; main()")


def copies(folder, n):
    folder.mkdir()
    text = next(CORPUS.glob("*.txt")).read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"c{i:02d}.txt").write_text(f"{text}\nCopy {i}.\n", encoding="utf-8")
    return folder


def wait_for_journal(proc, store):
    """Until the first articles are written (the run is under way), or the run ended."""
    journal, deadline = store / "journal.jsonl", time.time() + 120
    while time.time() < deadline and proc.poll() is None and not (journal.exists() and journal.stat().st_size):
        time.sleep(0.05)


def test_interrupted_dask_extract_leaves_a_readable_store_and_the_next_run_resumes(dask_cluster, tmp_path):
    src, store = copies(tmp_path / "in", N_COPIES), tmp_path / "s"
    args = ["extract", str(src), "--store", str(store), "--dask", dask_cluster.scheduler_address, "-q"]
    proc = subprocess.Popen([sys.executable, "-c", SLOW_SHARDS_CLI, *args], stderr=subprocess.PIPE, text=True,
                            preexec_fn=interruptible)
    wait_for_journal(proc, store)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 130, proc.stderr.read()[-2000:]
    done = json.loads(run("articles", "--store", store, "--json").stdout)
    assert 0 < len(done) < N_COPIES
    summary = json.loads(run(*args, "--json").stdout)  # the cluster serves the next run as usual
    assert summary["skipped"] >= len(done) and summary["extracted"] + summary["skipped"] == N_COPIES


def test_a_lost_scheduler_stops_the_run_with_one_line_and_the_next_run_resumes(tmp_path, dask_cluster,
                                                                               small_shards):
    src, store = copies(tmp_path / "in", N_COPIES), tmp_path / "s"
    doomed = subprocess.Popen([sys.executable, "-c", DOOMED_CLUSTER], stdout=subprocess.PIPE, text=True,
                              start_new_session=True)
    finished = threading.Event()
    killer = threading.Thread(target=kill_when_under_way, args=(doomed, store, finished))
    try:
        address = doomed.stdout.readline().strip()
        killer.start()
        result = run("extract", src, "--store", store, "--dask", address, "-q")
    finally:
        finished.set()  # the killer kills in any case
        killer.join()
        doomed.wait()
    assert result.exit_code == 1 and result.stderr.startswith("Error: lost the Dask scheduler"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    done = json.loads(run("articles", "--store", store, "--json").stdout)
    assert 0 < len(done) < N_COPIES
    summary = json.loads(run("extract", src, "--store", store, "--dask", dask_cluster.scheduler_address,
                             "--json", "-q").stdout)
    assert summary["skipped"] >= len(done) and summary["extracted"] + summary["skipped"] == N_COPIES


def kill_when_under_way(proc, store, finished):
    journal = store / "journal.jsonl"
    while not finished.is_set() and not (journal.exists() and journal.stat().st_size):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the scheduler and its worker, with no goodbye


@pytest.mark.parametrize("other", ["pipeline", "factx"])
def test_workers_with_another_pipeline_or_factx_stop_the_run_before_any_article(client, dask_cluster, inputs,
                                                                                 tmp_path, other):
    client.run(_other, other)
    code, stderr = extract_on(dask_cluster, inputs, tmp_path / "s")
    assert code == 1 and "workers cannot extract" in stderr and "the client uses" in stderr
    assert ("en_other==9.9.9" if other == "pipeline" else "factx 0.0.0-other") in stderr, stderr
    assert len(stderr.strip().splitlines()) == 1
    assert not document_files(tmp_path / "s")


def test_shards_grow_to_their_size_and_close_early_when_their_text_is_large(monkeypatch):
    pytest.importorskip("distributed")
    from factx import cluster

    chunk = [RawArticle(id=str(i), text="x" * 60, path=str(i)) for i in range(2)]
    monkeypatch.setattr(cluster, "SHARD_CHUNKS", 16)
    sizes = [len(s) for s in cluster.shards(iter([chunk] * 100))]
    assert sizes == [1, 2, 4, 8, 16, 16, 16, 16, 16, 5]
    monkeypatch.setattr(cluster, "SHARD_MAX_CHARS", 250)
    assert [len(s) for s in cluster.shards(iter([chunk] * 10))] == [1, 2, 3, 3, 1]  # 3 chunks pass 250


def test_an_invalid_address_is_a_one_line_error(tmp_path):
    pytest.importorskip("distributed")
    result = run("extract", CORPUS, "--store", tmp_path / "s", "--dask", "tcp://127.0.0.1")
    assert result.exit_code == 1 and "cannot connect to the Dask scheduler" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# ---- faults injected into the worker processes (run there through client.run) -----------

def _inject(kind, times):
    original = getattr(pipeline, "_original_extract_chunk", pipeline.extract_chunk)
    pipeline._original_extract_chunk = original
    pipeline._faults_left = times

    def faulty(raws, *args):
        if pipeline._faults_left > 0 and any(raw.id == TARGET for raw in raws):
            pipeline._faults_left -= 1
            if kind == "exit":
                os._exit(1)
            raise RuntimeError("injected fault")
        return original(raws, *args)

    pipeline.extract_chunk = faulty


def _other(what):
    from factx import cluster, nlp

    nlp._original_model_id = getattr(nlp, "_original_model_id", nlp.model_id)
    cluster._original_version = getattr(cluster, "_original_version", cluster.__version__)
    if what == "pipeline":
        nlp.model_id = lambda _: "en_other==9.9.9"
    else:
        cluster.__version__ = "0.0.0-other"


def _restore():
    from factx import cluster, nlp

    pipeline.extract_chunk = getattr(pipeline, "_original_extract_chunk", pipeline.extract_chunk)
    nlp.model_id = getattr(nlp, "_original_model_id", nlp.model_id)
    cluster.__version__ = getattr(cluster, "_original_version", cluster.__version__)


def _faults_left():
    return pipeline._faults_left
