"""Output: the one helper every query command uses, and messages.

Data goes to stdout, messages and progress to stderr. Rich (imported only when a table or
message is printed, so `--json` answers stay fast) honours NO_COLOR and turns colour off when
the stream is not a terminal. The tables themselves are in ``factx.tables``.
"""
from __future__ import annotations

import dataclasses
import json
import re
import sys
from typing import Any, Iterable, Optional

from factx.schema import RawJSONBytes

# What an article may carry that a terminal would obey: C0 controls but tab and newline, DEL and
# C1 controls (ESC starts colour, title, clipboard (OSC 52) and cursor sequences). Each becomes
# U+FFFD, one character for one, so offsets into a text (`show --text`) still fit.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
REPLACEMENT = "\ufffd"


def terminal_safe(value: Any) -> Any:
    """``value`` with every string (also dict keys and dataclass fields) free of control
    characters: what is printed for a person, never for a program (`--json` stays exact)."""
    if isinstance(value, str):
        return _CONTROL.sub(REPLACEMENT, value)
    if isinstance(value, dict):
        return {terminal_safe(k): terminal_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [terminal_safe(v) for v in value]
    if isinstance(value, tuple):
        return tuple(terminal_safe(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: terminal_safe(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    return value


def stdout_console():
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False, soft_wrap=False)


def stderr_console():
    from rich.console import Console

    return Console(file=sys.stderr, highlight=False)


def emit(data: Any, as_json: bool, table: str) -> None:
    """Print query results: exactly one JSON document with --json, else the Rich view named
    ``table`` (a ``render_<table>`` function of factx.tables)."""
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        view(table, data)


def _compact_parts(item: Any) -> list:
    """An item as compact JSON: str pieces, and the bytes of any RawJSONBytes value."""
    if isinstance(item, dict) and any(isinstance(v, RawJSONBytes) for v in item.values()):
        parts: list = ["{"]
        for n, (k, v) in enumerate(item.items()):
            parts.append((", " if n else "") + json.dumps(k, ensure_ascii=False) + ": ")
            parts.append(v if isinstance(v, RawJSONBytes) else json.dumps(v, ensure_ascii=False))
        parts.append("}")
        return parts
    return [json.dumps(item, ensure_ascii=False)]


def _utf8_bytes_out(out: Any) -> Any:
    """The byte stream under a text stream that writes UTF-8 (so UTF-8 bytes can go to it as
    they are), else None."""
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return getattr(out, "buffer", None) if encoding == "utf8" else None


def _write(out: Any, parts: list) -> None:
    buffer = _utf8_bytes_out(out) if any(isinstance(p, bytes) for p in parts) else None
    for p in parts:
        if not isinstance(p, bytes):
            out.write(p)
        elif buffer is not None:
            out.flush()  # what the text layer holds goes first
            buffer.write(p)
        else:
            out.write(p.decode("utf-8", "replace"))


def emit_stream(items: Iterable[Any], limit: Optional[int] = None, compact: bool = False) -> None:
    """Print a JSON list item by item as the items come (memory flat in the number of items),
    laid out as ``emit`` lays out a list, or with ``compact`` one item a line (for items that
    hold long lists); at most ``limit`` items."""
    out = sys.stdout
    first = True
    for n, item in enumerate(items):
        if limit is not None and n >= limit:
            break
        lead = "[\n  " if first else ",\n  "
        if compact:
            _write(out, [lead, *_compact_parts(item)])
        else:
            out.write(lead + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  "))
        first = False
    out.write("[]\n" if first else "\n]\n")


def emit_lines(items: Iterable[Any], limit: Optional[int] = None) -> None:
    """JSON Lines: one compact JSON document a line, as the items come."""
    out = sys.stdout
    for n, item in enumerate(items):
        if limit is not None and n >= limit:
            break
        _write(out, [*_compact_parts(item), "\n"])


# The columns of each list in CSV/TSV, in order: a contract like the JSON keys (add, never rename).
COLUMNS = {
    "articles": ("id", "title", "published", "published_source", "characters", "entities", "quotes", "dates",
                 "warnings"),
    "statements": ("article", "statement", "kind", "partial", "text", "speaker", "speaker_id", "speaker_person",
                   "speaker_text", "speaker_via", "cue", "rule", "start", "end", "speaker_start", "speaker_end",
                   "cue_start", "cue_end", "sentence_start", "sentence_end", "sentence", "statement_key"),
    "dates": ("article", "text", "type", "value", "mod", "freq", "relative", "rule", "start", "end",
              "sentence_start", "sentence_end", "sentence", "people", "quant"),
    "timeline": ("key", "value", "text", "article", "start", "end", "people", "sentence"),
    "entities": ("name", "label", "id", "mentions", "n_articles", "aliases", "articles"),
}
# What a spreadsheet runs as a formula when a cell starts with it (CSV injection): such cells get
# a leading apostrophe, which spreadsheets show as text and hide.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = "; ".join(_cell(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def emit_rows(items: Iterable[dict[str, Any]], table: str, limit: Optional[int] = None,
              delimiter: str = ",") -> None:
    """CSV (or TSV) with a header of the list's stable columns, one row per item, as they come;
    lists in a cell are joined with "; "."""
    import csv

    columns = COLUMNS[table]
    writer = csv.writer(sys.stdout, delimiter=delimiter)
    writer.writerow(columns)
    for n, item in enumerate(items):
        if limit is not None and n >= limit:
            break
        writer.writerow([_cell(item.get(c)) for c in columns])


# `--no-pager` turns paging off for the run (as git's); FACTX_PAGER, else PAGER, names the pager.
PAGING = True
DEFAULT_PAGER = "less -FRX"  # -F: no pager when it fits one screen; -R: colours; -X: screen kept


def pager_command() -> Optional[list[str]]:
    """The pager to run, or None: paging off, or the pager is "cat" or empty."""
    import os
    import shlex

    command = os.environ.get("FACTX_PAGER", os.environ.get("PAGER", DEFAULT_PAGER))
    try:
        words = shlex.split(command)
    except ValueError:
        return None
    return None if not PAGING or not words or words[0] == "cat" else words


def page(text: str, height: int) -> bool:
    """Show ``text`` through the pager when it is longer than the screen; False when it was not
    paged (short, no pager, or the pager could not start), so the caller prints it."""
    import subprocess

    command = pager_command()
    if command is None or text.count("\n") < height:
        return False
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE)
    except OSError:
        return False
    try:
        proc.communicate(text.encode("utf-8", "replace"))
    except (BrokenPipeError, KeyboardInterrupt):  # the reader quit the pager early
        pass
    proc.wait()
    return True


def view(table: str, *data: Any, stderr: bool = False) -> None:
    """The Rich view ``table`` of ``data`` on stdout (or stderr), control characters replaced:
    every table a person sees goes through here. On a terminal, a view longer than the screen
    goes through the pager."""
    from factx import tables

    console = stderr_console() if stderr else stdout_console()
    render = getattr(tables, f"render_{table}")
    if stderr or not console.is_terminal or pager_command() is None:
        render(console, *terminal_safe(data))
        return
    with console.capture() as captured:
        render(console, *terminal_safe(data))
    text = captured.get()
    if not page(text, console.height):
        sys.stdout.write(text)


def message(text: str, style: str = "") -> None:
    from rich.text import Text

    stderr_console().print(Text(terminal_safe(text), style=style), soft_wrap=True)


def error(text: str) -> None:
    message(f"Error: {text}", "bold red")
