"""Errors inside the date code are logged with the article they happened in, never raised: one
odd article must not stop a corpus run, and must not go unnoticed either."""
from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Optional

log = logging.getLogger("factx.dates")

# The id of the article being read, set by ``extract_dates`` for the messages of the code below it.
current_article: ContextVar[str] = ContextVar("factx_dates_article", default="")


def report(what: str, exc: BaseException, text: Optional[str] = None,
           level: int = logging.WARNING) -> None:
    """Log one swallowed error: what was being done, on which text, in which article. The
    traceback goes with it at DEBUG level only, so a command's output stays readable."""
    on = f" {text!r}" if text is not None else ""
    log.log(level, "dates: %s%s failed (article %s): %s: %s", what, on,
            current_article.get() or "?", type(exc).__name__, exc,
            exc_info=log.isEnabledFor(logging.DEBUG))
