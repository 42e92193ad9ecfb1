"""Extraction on a Dask cluster: ``factx extract --dask tcp://HOST:PORT`` (or ``--dask local``).

Only the scheduling differs from ``--jobs``: a shard is a list of the pipeline's chunks and a
worker runs ``pipeline.extract_chunk`` on each of them, so the NLP has one code path. The client
turns the shards' results back into the (chunk, results) stream of ``pipeline.run_chunks``, and
``run_extract`` writes the store from it as for a local run (skipping, journal, index, summary).

This is the only module that imports dask, and it is imported only when ``--dask`` is used: dask is
the optional extra ``factx[dask]``.
"""
from __future__ import annotations

import asyncio
import itertools
import logging
import os
from contextlib import contextmanager, suppress
from typing import Any, Iterator, Optional

from factx import __version__, pipeline
from factx.reader import RawArticle

EXTRA_HINT = "--dask needs the optional extra: pip install 'factx[dask]'"


class DaskUnavailable(ImportError):
    """The extra is not installed; the message says how to install it."""


try:
    import distributed
    from distributed.comm.addressing import resolve_address
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as err:
    raise DaskUnavailable(f"{EXTRA_HINT} ({err})") from err

# A shard is one Dask task: large enough that scheduling it (milliseconds) costs nothing next to
# its NLP, small enough that a retry redoes little and the client's memory stays flat.
SHARD_CHUNKS = 16  # chunks of pipeline.CHUNK_SIZE articles: 256 articles
# The articles travel inside the task (so a retry after a worker death still has them): a shard
# of long articles closes early rather than making a task of hundreds of megabytes.
SHARD_MAX_CHARS = 8_000_000
# Retries of a shard whose task raised. A shard whose worker died is retried by the scheduler
# instead, up to its `distributed.scheduler.allowed-failures` (3 by default), then KilledWorker.
SHARD_RETRIES = 2
CONNECT_TIMEOUT = "30s"
PLUGIN_NAME = "factx-pipeline"


class ClusterError(pipeline.WorkerDied):
    """The cluster cannot be reached, was lost, or its workers cannot load the pipeline. Like
    WorkerDied the run stops; what was stored is consistent and the next run resumes."""


class ModelMismatch(RuntimeError):
    """A worker's pipeline or factx is not the client's: its facts would be stored under a key
    that says otherwise, and never redone."""


def identity(model: Optional[str]) -> str:
    """What must be the same on the client and every worker (both are in an article's key)."""
    from factx.nlp import load_pipeline, model_id

    return f"pipeline {model_id(load_pipeline(model))} with factx {__version__}"


def _load_checked(model: str, expected: str) -> None:
    found = identity(model)
    if found != expected:
        raise ModelMismatch(f"this worker has the {found}, the client uses the {expected}")


class PreloadPipeline(WorkerPlugin):
    """Loads the spaCy pipeline when a worker starts or joins, into ``load_pipeline``'s
    per-process cache where every shard finds it; a worker without the model makes the plugin's
    registration fail before any article is sent."""

    name = PLUGIN_NAME
    idempotent = False  # the next run may use another model: replace the previous run's plugin

    def __init__(self, model: str, expected: str):
        self.model = model
        self.expected = expected

    async def setup(self, worker) -> None:
        # A load takes seconds; in a thread, so the worker's event loop keeps its heartbeats.
        await asyncio.to_thread(_load_checked, self.model, self.expected)


def extract_shard(chunks: list[list[RawArticle]], model: str, reference: Optional[str],
                  expected: str) -> list[list[tuple[str, Any]]]:
    """Runs on a worker: the local path's extraction of each chunk of the shard."""
    _load_checked(model, expected)
    return [pipeline.extract_chunk(chunk, model, reference) for chunk in chunks]


def shards(chunks: Iterator[list[RawArticle]]) -> Iterator[list[list[RawArticle]]]:
    """Groups of 1, 2, 4, ... chunks, then SHARD_CHUNKS each: small first shards put every worker
    to work at once (a run of a few hundred articles is not one shard) and show progress early.
    A long article's chunk (``pipeline.is_long``) is a shard of its own: a shard's results come
    back when it is all done, and short articles must not wait minutes for a long one."""
    shard: list[list[RawArticle]] = []
    chars, size = 0, 1
    for chunk in chunks:
        if pipeline.is_long(chunk):
            if shard:
                yield shard
                shard, chars, size = [], 0, size * 2
            yield [chunk]
            continue
        shard.append(chunk)
        chars += sum(len(raw.text) for raw in chunk)
        if len(shard) >= min(size, SHARD_CHUNKS) or chars >= SHARD_MAX_CHARS:
            yield shard
            shard, chars, size = [], 0, size * 2
    if shard:
        yield shard


def check_address(address: str) -> None:
    """Raise ClusterError unless ``address`` is "local" or a scheduler address whose host resolves."""
    if address == "local":
        return
    try:
        # Before any Client: one given a malformed address hangs in its finalizer for a minute.
        resolve_address(address)
    except (OSError, ValueError) as err:
        raise ClusterError(f"cannot connect to the Dask scheduler at {address!r}: {err}") from err


@contextmanager
def connect(address: str, local_workers: Optional[int] = None) -> Iterator[distributed.Client]:
    """A client of the scheduler at ``address``, or of a new LocalCluster when it is "local"."""
    cluster = None
    if address == "local":
        try:
            # Processes with one thread each: spaCy's pipeline is neither cheap nor safe to share
            # between threads, and the GIL would serialize them anyway. Dask's warnings (a worker
            # restarted, a task cancelled on Ctrl-C) would garble the progress bar; what they
            # mean for the articles is in the summary.
            cluster = distributed.LocalCluster(n_workers=local_workers or os.cpu_count() or 1,
                                               threads_per_worker=1, processes=True, dashboard_address=None,
                                               silence_logs=logging.ERROR)
        except Exception as err:  # noqa: BLE001 - e.g. no worker process could start
            raise ClusterError(f"cannot start a local Dask cluster: {type(err).__name__}: {err}") from err
    else:
        check_address(address)
    try:
        client = distributed.Client(cluster or address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, ValueError) as err:  # unreachable (a timeout is an OSError)
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot connect to the Dask scheduler at {address!r}: {err}") from err
    try:
        yield client
    finally:
        # After a lost scheduler, closing cancels the client's attempts to reconnect, which dask
        # logs as errors with tracebacks; the run's own one-line error has already said it all.
        previous = logging.root.manager.disable
        logging.disable(logging.CRITICAL)
        try:
            client.close()
        finally:
            logging.disable(previous)
        if cluster is not None:
            cluster.close()


def run_shards(chunks: Iterator[list[RawArticle]], address: str, model: Optional[str], reference: Optional[str],
               local_workers: Optional[int] = None) -> Iterator[tuple[list[RawArticle], list[tuple[str, Any]]]]:
    """Yield (chunk, results) as ``pipeline.run_chunks`` does, the chunks being extracted on the
    Dask cluster at ``address`` ("local": a LocalCluster of ``local_workers`` processes)."""
    first = next(chunks, None)
    if first is None:  # everything unchanged: no cluster to start or wake
        return
    from factx.nlp import model_name

    name = model_name(model)  # resolved here: the workers' FACTX_MODEL is not the user's
    expected = identity(model)
    with connect(address, local_workers) as client:
        try:
            client.register_plugin(PreloadPipeline(name, expected))
        except Exception as err:  # noqa: BLE001 - whatever a worker raised while loading
            raise ClusterError(f"the Dask workers cannot extract with the spaCy pipeline {name!r}: "
                               f"{type(err).__name__}: {err}") from err
        yield from _schedule(client, address, itertools.chain([first], chunks), name, reference, expected)


def _in_flight(client) -> int:
    # Two shards per worker thread keep every worker busy while the client stores results; asked
    # each time because workers may join or leave during a long run.
    return max(2, 2 * sum(client.nthreads().values()))


def _schedule(client, address, chunks, model, reference, expected):
    done = distributed.as_completed(loop=client.loop)  # not the default client: none is set
    pending: dict[distributed.Future, list[list[RawArticle]]] = {}
    try:
        for shard in shards(chunks):
            try:
                future = client.submit(extract_shard, shard, model, reference, expected,
                                       pure=False, retries=SHARD_RETRIES)
                limit = _in_flight(client)
            except OSError as err:  # the connection closed
                raise _lost(address, err) from err
            pending[future] = shard
            done.add(future)
            while len(pending) >= limit:
                yield from _collect(pending, next(done), address)
        for future in done:
            yield from _collect(pending, future, address)
    finally:
        if pending and client.status == "running":  # interrupted: nobody will store these
            # Must not replace the exception on its way out (a KeyboardInterrupt must stay one).
            with suppress(OSError, TimeoutError):
                client.cancel(list(pending), force=True)


def _lost(address: str, err: BaseException) -> ClusterError:
    detail = " ".join(str(err).split())  # dask's messages span lines; errors here are one line
    return ClusterError(f"lost the Dask scheduler at {address} ({type(err).__name__}: {detail}); "
                        "the store is consistent, run again to resume")


def _collect(pending: dict, future, address: str) -> Iterator[tuple[list[RawArticle], list[tuple[str, Any]]]]:
    shard = pending.pop(future)
    try:
        per_chunk = future.result()
    except distributed.CancelledError as err:
        # Only this run cancels its futures, on the way out: a cancelled one means the scheduler
        # was lost (or restarted), and every pending shard with it.
        raise _lost(address, err) from err
    except distributed.KilledWorker as err:
        reason = f"{err.allowed_failures + 1} Dask worker(s) died running its shard (out of memory or killed)"
        per_chunk = [[("error", reason)] * len(chunk) for chunk in shard]
    except Exception as err:  # noqa: BLE001 - the shard's own failure, after its retries
        reason = f"its shard failed {SHARD_RETRIES + 1} times on the Dask cluster: {type(err).__name__}: {err}"
        per_chunk = [[("error", reason)] * len(chunk) for chunk in shard]
    for chunk, results in zip(shard, per_chunk):
        yield chunk, results
