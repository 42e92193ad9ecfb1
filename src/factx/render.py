"""Output: the one helper every query command uses, and messages.

Data goes to stdout, messages and progress to stderr. Rich (imported only when a table or
message is printed, so `--json` answers stay fast) honours NO_COLOR and turns colour off when
the stream is not a terminal. The tables themselves are in ``factx.tables``.
"""
from __future__ import annotations

import json
import sys
from typing import Any


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
        from factx import tables

        getattr(tables, f"render_{table}")(stdout_console(), data)


def message(text: str, style: str = "") -> None:
    from rich.text import Text

    stderr_console().print(Text(text, style=style), soft_wrap=True)


def error(text: str) -> None:
    message(f"Error: {text}", "bold red")
