"""Extraction: articles -> spaCy -> facts -> store.

``extract_chunk`` is the one per-article code path; it runs in this process (``--jobs 1``), in
worker processes that each load the pipeline once (``--jobs N``) or on the workers of a Dask
cluster (``--dask``, see ``factx.cluster``). Workers return plain dicts, so only small JSON-able
facts cross process boundaries, not spaCy Docs.
"""
from __future__ import annotations

import concurrent.futures as cf
import gc
import hashlib
import json
import multiprocessing
import os
import signal
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

from factx import __version__
from factx.reader import DEFAULT_MAX_BYTES, InputFailure, RawArticle, read_inputs
from factx.schema import SCHEMA_VERSION, Article, Sentence
from factx.store import Store

CHUNK_SIZE = 16  # articles per nlp.pipe call / per task sent to a worker (a unit of progress)
# A chunk also closes at this many characters, and an article longer than this is a chunk of its
# own: a chunk's results are stored when the whole chunk is done, so short articles must not wait
# for a long one (minutes of parsing) to be stored. Short articles still share an nlp.pipe batch.
CHUNK_CHARS = 200_000
# In-process (--jobs 1) long articles are parsed after the short ones read after them, holding at
# most this many characters of long articles back (memory); an interrupted run then keeps every
# short article. With workers they go out in input order: a worker parses one while others go on.
HOLD_CHARS = 20_000_000
# While a chunk is extracted, a young-generation collection of Python's cyclic garbage collector
# comes every this many new container objects instead of 700 (``collector_tuned``).
GC_THRESHOLD = 10_000


class WorkerDied(RuntimeError):
    """A worker process ended abruptly; finished articles are stored, the rest can be resumed."""


@dataclass
class Outcome:
    """What happened to one article."""

    id: str
    status: str  # extracted | skipped | failed
    reason: Optional[str] = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Summary:
    read: int = 0
    extracted: int = 0
    skipped: int = 0
    failures: list[Outcome] = field(default_factory=list)
    warnings: list[Outcome] = field(default_factory=list)
    interrupted: bool = False

    def add(self, outcome: Outcome) -> None:
        self.read += 1
        if outcome.status == "extracted":
            self.extracted += 1
        elif outcome.status == "skipped":
            self.skipped += 1
        else:
            self.failures.append(outcome)
        if outcome.warnings:
            self.warnings.append(outcome)


def reference_date_for(raw: RawArticle, default: Optional[str]) -> Optional[date]:
    """The article's own publication date, else the run's --reference-date, else none."""
    value = raw.published or default
    return date.fromisoformat(value) if value else None


def article_key(raw: RawArticle, model: str, reference: Optional[str]) -> str:
    """Everything that changes an article's document (facts and stored metadata); equal keys
    mean it can be skipped. Author, URL and source are only added when an article has one, so
    the key of an article without them is what it was before they were part of it."""
    parts = [raw.content_hash, model, __version__, str(SCHEMA_VERSION), raw.published or reference or ""]
    metadata = (raw.author, raw.url, raw.source)
    if any(value is not None for value in metadata):
        parts += ["metadata"] + [json.dumps(value) for value in metadata]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def installed_model_id(model: Optional[str]) -> Optional[str]:
    """The ``model_id`` a pipeline will have once loaded, read cheaply from its ``meta.json``
    (an installed package's or a pipeline folder's) without importing spaCy; None when it
    cannot be known without loading it."""
    import importlib.util

    from factx.nlp import model_name

    name = model_name(model)
    folder: Optional[Path] = None
    try:
        if name.isidentifier() and not Path(name).exists():  # a package (find_spec imports no parent)
            spec = importlib.util.find_spec(name)
            if spec is not None and spec.origin:
                folder = Path(spec.origin).parent
        elif Path(name).is_dir():
            folder = Path(name)
        if folder is None:
            return None
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}=={meta.get('version', '0')}"
    except (ImportError, OSError, ValueError, AttributeError, RecursionError):
        return None


# ---- the per-article work (runs in workers) ----------------------------------------------

def build_article(doc, raw: RawArticle, model: str, reference: Optional[date]) -> dict[str, Any]:
    """All facts of one parsed article as a store document."""
    from factx.facts import extract_facts

    article = Article(
        id=raw.id, text=raw.text, title=raw.title, author=raw.author, published=raw.published,
        published_source=raw.published_source, url=raw.url,
        source=raw.source, path=raw.path, content_hash=raw.content_hash, model=model,
        factx_version=__version__, warnings=list(raw.warnings),
        sentences=[Sentence(s.start_char, s.end_char) for s in doc.sents],
    )
    extract_facts(doc, article, reference)
    return article.to_dict()


@contextmanager
def collector_tuned() -> Iterator[None]:
    """Python's cyclic garbage collector tuned for extraction, where spaCy and the extractors
    make millions of short-lived objects: what exists before (the loaded pipeline's hundred
    thousand objects, the caller's state) is frozen, so that the collections do not walk it
    again and again, and the young generation is collected every GC_THRESHOLD new objects rather
    than every 700 (5-7% of the extraction's time on news articles). Nothing goes uncollected:
    cycles made meanwhile are collected as usual, and the frozen objects are unfrozen at the
    end. A process that froze objects of its own keeps them as it froze them."""
    threshold = gc.get_threshold()
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    gc.set_threshold(max(threshold[0], GC_THRESHOLD), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if freeze:
            gc.unfreeze()


def extract_chunk(raws: list[RawArticle], model: Optional[str], reference: Optional[str],
                  on_article: Optional[Callable[[str], None]] = None) -> list[tuple[str, Any]]:
    """Parse and extract a list of articles: ("ok", document) or ("error", reason) for each.
    A failure in one article is isolated by retrying the rest of the chunk one at a time.

    Articles of any length take this path; long ones are parsed in pieces (``nlp.parse``).
    Each Doc is turned into facts as soon as it is parsed and then dropped, so at most one
    long article's Doc is alive at a time. ``on_article`` is told each article's id as soon as
    it is done (in this process only: a progress bar that moves an article at a time)."""
    with collector_tuned():
        return _extract_chunk(raws, model, reference, on_article)


def _extract_chunk(raws: list[RawArticle], model: Optional[str], reference: Optional[str],
                   on_article: Optional[Callable[[str], None]] = None) -> list[tuple[str, Any]]:
    from factx.nlp import load_pipeline, model_id, parse

    nlp = load_pipeline(model)
    mid = model_id(nlp)
    results: list[tuple[str, Any]] = []
    try:
        for doc, raw in zip(parse(nlp, [r.text for r in raws]), raws):
            results.append(_build_safely(doc, raw, mid, reference))
            del doc  # before the next article is parsed
            if on_article is not None:
                on_article(raw.id)
        return results
    except Exception as err:  # noqa: BLE001 - isolate the article that broke spaCy
        # Articles already done are kept (a long one may have taken minutes); the culprit is
        # among the rest, or is the rest when only one is left.
        if len(raws) - len(results) == 1:
            return results + [_spacy_failed(err)]
    for raw in raws[len(results):]:
        try:
            results.append(_build_safely(next(parse(nlp, [raw.text])), raw, mid, reference))
        except Exception as err:  # noqa: BLE001
            results.append(_spacy_failed(err))
    return results


def _spacy_failed(err: Exception) -> tuple[str, str]:
    return "error", f"spaCy failed: {type(err).__name__}: {err}"


def _build_safely(doc, raw, mid, reference) -> tuple[str, Any]:
    try:
        return "ok", build_article(doc, raw, mid, reference_date_for(raw, reference))
    except Exception as err:  # noqa: BLE001 - one article's bug must not stop the run
        return "error", f"extraction failed: {type(err).__name__}: {err}"


def load_extractors(model: Optional[str] = None):
    """What extraction loads once per process: the spaCy pipeline (returned) and the extractors'
    own tables (first names)."""
    from factx.entities import load_tables
    from factx.nlp import load_pipeline

    nlp = load_pipeline(model)
    load_tables()
    return nlp


def _worker_init(model: Optional[str], parent: Optional[int] = None) -> None:
    # The parent handles Ctrl-C and stops the workers; they must not print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        die_with_parent(parent)
    load_extractors(model)


def die_with_parent(parent: int, interval: float = 0.5) -> None:
    """End this worker as soon as the process that started it is gone (a SIGKILLed `extract`
    must not leave workers of 200 MB parsing for minutes): the kernel's parent-death signal on
    Linux, and everywhere a watch on the parent's pid."""
    import os
    import threading

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # already gone before the signal was set
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="factx-parent-watch", daemon=True).start()


# ---- scheduling ---------------------------------------------------------------------------

def chunked(items: Iterable[RawArticle], size: Optional[int] = None,
            max_chars: Optional[int] = None) -> Iterator[list[RawArticle]]:
    """Chunks in input order of at most ``size`` articles (CHUNK_SIZE) and ``max_chars``
    characters (CHUNK_CHARS); an article longer than that is a chunk of its own (``is_long``)."""
    size, max_chars = size or CHUNK_SIZE, max_chars or CHUNK_CHARS
    chunk: list[RawArticle] = []
    chars = 0
    for item in items:
        n = len(item.text)
        if chunk and (n > max_chars or chars + n > max_chars):
            yield chunk
            chunk, chars = [], 0
        chunk.append(item)
        chars += n
        if len(chunk) >= size or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def is_long(chunk: list[RawArticle], max_chars: Optional[int] = None) -> bool:
    """A chunk of one article longer than a chunk's characters (``chunked`` keeps it apart)."""
    return len(chunk) == 1 and len(chunk[0].text) > (max_chars or CHUNK_CHARS)


def shorts_first(chunks: Iterable[list[RawArticle]], hold_chars: Optional[int] = None,
                 max_chars: Optional[int] = None) -> Iterator[list[RawArticle]]:
    """The same chunks, long ones held back until the input ends or more than ``hold_chars``
    characters of them are held (then the oldest goes): run one at a time, short articles are
    not kept waiting behind a long one. Otherwise in input order."""
    hold_chars = hold_chars or HOLD_CHARS
    held: list[list[RawArticle]] = []
    chars = 0
    for chunk in chunks:
        if not is_long(chunk, max_chars):
            yield chunk
            continue
        held.append(chunk)
        chars += len(chunk[0].text)
        while len(held) > 1 and chars > hold_chars:
            oldest = held.pop(0)
            chars -= len(oldest[0].text)
            yield oldest
    yield from held


def balanced_tail(chunks: Iterable[list[RawArticle]], ahead: int, pieces: int = 4,
                  max_chars: Optional[int] = None) -> Iterator[list[RawArticle]]:
    """The same chunks in the same order, ``ahead`` of them held back so that the last ones are
    known when the input ends: those are cut into ``pieces`` smaller chunks each. With workers,
    the end of a run otherwise has one worker parse a whole chunk while the others wait (at
    --jobs 2 on 200 articles, most of a second). A long article's chunk is never held (memory):
    what is held goes out before it."""
    held: list[list[RawArticle]] = []
    for chunk in chunks:
        if is_long(chunk, max_chars):
            yield from held
            held = []
            yield chunk
            continue
        held.append(chunk)
        if len(held) > ahead:
            yield held.pop(0)
    for chunk in held:
        step = -(-len(chunk) // pieces)  # ceiling: at most `pieces` chunks
        for start in range(0, len(chunk), step):
            yield chunk[start:start + step]


def run_chunks(chunks: Iterator[list[RawArticle]], jobs: Optional[int], model: Optional[str],
               reference: Optional[str], dask: Optional[str] = None, run_shards: Optional[Callable] = None,
               on_article: Optional[Callable[[str], None]] = None,
               ) -> Iterator[tuple[list[RawArticle], list[tuple[str, Any]]]]:
    """Yield (chunk, results) as chunks finish; at most 2*jobs chunks in flight (flat memory).
    With ``dask`` (a scheduler address, or "local" for a cluster of ``jobs`` processes, one per
    CPU by default) the chunks are extracted on a Dask cluster instead, by ``run_shards``
    (``factx.cluster.run_shards``, given by the caller: the cluster module builds on this one)."""
    if dask:
        if run_shards is None:
            raise ValueError("extracting on Dask needs run_shards=factx.cluster.run_shards")
        yield from run_shards(chunks, dask, model, reference, local_workers=jobs)
        return
    jobs = jobs or 1
    if jobs <= 1:
        for chunk in shorts_first(chunks):
            yield chunk, extract_chunk(chunk, model, reference, on_article)
        return
    ctx = multiprocessing.get_context("spawn")  # no fork of a process that runs threads
    pool = cf.ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_worker_init, initargs=(model, os.getpid()))
    pending: dict[cf.Future, list[RawArticle]] = {}
    try:
        for chunk in balanced_tail(chunks, ahead=2 * jobs):
            pending[pool.submit(extract_chunk, chunk, model, reference)] = chunk
            if len(pending) >= 2 * jobs:
                yield from _collect(pending, cf.FIRST_COMPLETED)
        while pending:
            yield from _collect(pending, cf.FIRST_COMPLETED)
    finally:
        for proc in list(getattr(pool, "_processes", {}).values()):
            if pending:  # interrupted: do not wait for work nobody will store
                proc.terminate()
        # Done: the workers end (a few tenths of a second: spaCy's teardown) while this process
        # merges people across the corpus, rather than before; they are reaped at exit.
        pool.shutdown(wait=bool(pending), cancel_futures=True)


def _collect(pending: dict, when: str):
    done, _ = cf.wait(pending, return_when=when)
    for fut in done:
        chunk = pending.pop(fut)
        try:
            results = fut.result()
        except cf.process.BrokenProcessPool as err:
            raise WorkerDied("a worker process died (out of memory or killed); "
                             "the store is consistent, run again to resume") from err
        except Exception as err:  # noqa: BLE001
            results = [("error", f"worker failed: {type(err).__name__}: {err}")] * len(chunk)
        yield chunk, results


def run_extract(
    paths: list[Path],
    store: Store,
    *,
    jobs: Optional[int] = None,
    dask: Optional[str] = None,
    run_shards: Optional[Callable] = None,
    force: bool = False,
    reference_date: Optional[str] = None,
    model: Optional[str] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    guess_published: bool = True,
    on_outcome: Callable[[Outcome], None] = lambda o: None,
    on_article: Optional[Callable[[str], None]] = None,
) -> Summary:
    """Extract every article under ``paths`` into an open-for-writing ``store``.

    Unchanged articles are skipped unless ``force``; the manifest is saved at the end and on
    interruption (KeyboardInterrupt propagates after saving). ``jobs``, ``dask`` and
    ``run_shards``: see ``run_chunks``. ``on_outcome`` hears of every article once it is stored
    (or skipped, or failed); ``on_article`` of each article as soon as it is parsed, before its
    chunk is stored, when the parsing happens in this process (``--jobs 1``)."""
    # spaCy takes a second to import and load: a run with nothing new never loads it. The model
    # id in the keys comes from the pipeline's meta.json; when that cannot be read, or when the
    # first article needs parsing in this process, the pipeline is loaded (a missing model fails
    # there). With --jobs N the workers load it and each document says which pipeline made it:
    # its key is made from that, and loading it here too would take a core from the workers
    # while they load theirs.
    mid = installed_model_id(model)
    loaded = False
    workers_load = dask is None and (jobs or 1) > 1

    def load() -> str:
        nonlocal loaded
        from factx.nlp import model_id

        loaded = True
        return model_id(load_extractors(model))

    if mid is None:
        mid = load()
    summary = Summary()

    def report(outcome: Outcome) -> None:
        summary.add(outcome)
        on_outcome(outcome)

    first_origin: dict[str, str] = {}
    first_source: dict[str, tuple[str, str]] = {}

    def to_extract() -> Iterator[RawArticle]:
        nonlocal mid
        for item in read_inputs(paths, max_bytes=max_bytes, skip_dirs=(Path(store.root),),
                                guess_published=guess_published):
            if isinstance(item, InputFailure):
                report(Outcome(item.id, "failed", item.reason))
                continue
            origin = item.origin or item.path or item.id
            source = (os.path.realpath(item.path or ""), origin)
            if first_source.get(item.id) == source:  # one file given twice (a folder and a file in it)
                continue
            if item.id in first_origin:  # the first one read is kept, every run the same
                report(Outcome(item.id, "failed", f"duplicate id: {origin} has the id of "
                                                  f"{first_origin[item.id]}, which is kept"))
                continue
            first_origin[item.id] = origin
            first_source[item.id] = source
            if not force and store.is_current(item.id, article_key(item, mid, reference_date)):
                report(Outcome(item.id, "skipped"))
                continue
            if not loaded and not workers_load:
                mid = load()  # the pipeline's own id from now on, should meta.json have lied
            yield item

    from factx.index import open_index
    from factx.people import adopt_corrections

    for given in paths:
        adopt_corrections(given, Path(store.root))
    index, _ = open_index(store)
    try:
        for chunk, results in run_chunks(chunked(to_extract()), jobs, model, reference_date, dask, run_shards,
                                         on_article):
            # One batch a chunk: each document synced on its own, its folder once, and journaled
            # only then; the index follows what the journal lists.
            done = [(value, article_key(raw, value.get("model") or mid, reference_date))
                    for raw, (status, value) in zip(chunk, results) if status == "ok"]
            if done:
                mid = done[-1][0].get("model") or mid  # the pipeline's own id, should meta.json have lied
            # taken out of the index while their documents are still the ones indexed (the words
            # of the full-text indexes are worked out again from them to delete them)
            index.begin()
            for doc, _ in done:
                index.remove(doc["id"])
            store.write_articles(done)
            for doc, key in done:
                index.add(doc, key)
            index.commit()
            for raw, (status, value) in zip(chunk, results):
                if status == "ok":
                    report(Outcome(raw.id, "extracted", warnings=raw.warnings))
                else:
                    report(Outcome(raw.id, "failed", value))
    except KeyboardInterrupt:
        summary.interrupted = True
        raise
    finally:
        index.commit()
        store.save_manifest(model=mid, factx_version=__version__)
        if not summary.interrupted:
            index.refresh()  # also merges people across the corpus
        index.close()
    return summary


def count_inputs(paths: list[Path], store: Optional[Path] = None) -> int:
    """A cheap estimate of the number of articles (for the progress bar), without decoding."""
    from factx.reader import iter_files

    skip = (Path(store),) if store is not None else ()
    total = 0
    for given in paths:
        files = [given] if not given.is_dir() else [f for f in iter_files(given, skip) if isinstance(f, Path)]
        for f in files:
            if f.suffix.lower() == ".jsonl" and f.is_file():  # never open a FIFO
                try:
                    with open(f, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total
