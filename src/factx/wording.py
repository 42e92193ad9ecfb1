"""The wording of a statement, normalized: keys equal for the same words quoted again, in any
article (case, accents and punctuation ignored). Used by the index (statement keys) and by
queries (grouping one statement quoted by several articles)."""
from __future__ import annotations

import hashlib
import re

from factx.names import fold

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def normalize_statement(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


def segment_key(text: str) -> str:
    """Equal for the same quoted words in any article (case, accents, punctuation ignored)."""
    return hashlib.sha1(normalize_statement(text).encode("utf-8")).hexdigest()[:16]


SHINGLE_WORDS = 8


def shingles(text: str) -> set[str]:
    """Runs of SHINGLE_WORDS normalized words: two statements sharing one are the same words
    quoted again, even when one article quotes more or less of it than the other."""
    words = normalize_statement(text).split()
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
