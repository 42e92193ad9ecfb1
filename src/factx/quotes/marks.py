"""Pass 1 of quote extraction: quotation marks -> segments, one paragraph at a time."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from factx.quotes.lexicon import (_CLOSE_AFTER, _DOUBLE_MARK, _OPEN_BEFORE, _SINGLE_MARK,
                                  MARKUP_TAG, MAX_PAIRING_RESTARTS)


@dataclass
class _Segment:
    """One pair of quotation marks (or an opening mark left unclosed at the paragraph end)."""

    start: int  # offsets of the quoted words (marks excluded, whitespace trimmed)
    end: int
    open_at: int  # offset of the opening mark
    close_end: int  # offset just after the closing mark (the paragraph end when unclosed)
    para: int
    closed: bool
    single: bool = False  # made of single quotes
    # filled by pass 2
    speaker: Optional[tuple[int, int]] = None  # token span [i, j) of the speaker mention
    cue: Optional[str] = None
    cue_lemma: Optional[str] = None
    cue_start: Optional[int] = None  # character offsets of the cue token(s), None without one
    cue_end: Optional[int] = None
    rule: Optional[str] = None  # the sieve (or inheritance step) that attributed the segment
    own: Optional[str] = None  # how the attribution next to this segment was found
    statement: int = -1
    partial: bool = False
    names_work: bool = False  # a show's or book's title, never attributed


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line ("\\r" excluded); blank lines stay as empty paragraphs."""
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        out.append((pos, end - 1 if line.endswith("\r") else end))
        pos = end + 1
    return out


def _mark_role(text: str, s: int, e: int, a: int, b: int) -> str:
    """"open", "close" or "?" for the double mark text[s:e] in the paragraph text[a:b].

    Curly marks say their role. A straight (or NYT '') mark opens after a space and before a
    word, closes after a word and before a space or punctuation; otherwise it is ambiguous.
    """
    mark = text[s:e]
    before = text[s - 1] if s > a else ""
    after = text[e] if e < b else ""
    can_open = (before in _OPEN_BEFORE or before in "“‘'\"") and after not in _CLOSE_AFTER
    can_close = (before not in _OPEN_BEFORE or before in "-") and (after in _CLOSE_AFTER or after in "”’'\"")
    if mark in "“„‟«" or mark == "``":
        # a curly opener glued to the word before and followed by a space was typed for a
        # closer (“It's unusual,“ said ...)
        # (the comma before it counts as glued: "," may also come before an opener, so
        # can_close is no help here)
        glued = before.isalnum() or before in ",.!?"
        return "close" if glued and not can_open and (after == "" or after.isspace()) else "open"
    if mark in "”»":
        return "open" if can_open and not can_close and before.isspace() and after.isalpha() else "close"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "?"


def _double_marks(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Double-quote marks of text[a:b] as (start, end). A run of three apostrophes is a single
    quote next to an NYT '' mark; longer runs are decoration."""
    out = []
    for m in _DOUBLE_MARK.finditer(text, a, b):
        s, e = m.span()
        if text[s] == "'":
            if e - s > 3:
                continue
            if e - s == 3:
                # ''' : the closing '' comes last after a word, the opening '' comes first
                if s > a and not text[s - 1].isspace():
                    s += 1
                else:
                    e -= 1
        out.append((s, e))
    return out


def _family(mark: str) -> str:
    if mark in "“„‟«":
        return "curly"
    if mark in ("''", "``"):
        return "nyt"
    return "straight"


def _closes(family: str, mark: str) -> bool:
    if family == "curly":
        return mark in "”»\""
    if family == "nyt":
        return mark == "''"
    return mark in "\"”"


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _pair_doubles(text: str, para: int, a: int, b: int) -> list[_Segment]:
    """Pair the double marks of one paragraph, left to right.

    A stray closer (no quote open) is skipped rather than allowed to shift every later pair.
    Inside an open quote, marks of another family are nested quotes and a second curly opener
    nests one level deeper. A quote still open at the paragraph end ends there, unless quotes
    of another style follow its opener: then the opener was a stray mark ("Trump tried to
    laugh it off, “Only Rosie.”) and the rest is paired again without it (a few times at most,
    so a line full of odd marks stays linear).
    """
    marks = _double_marks(text, a, b)
    segs: list[_Segment] = []
    start, restarts = 0, 0
    while True:
        opened: Optional[tuple[int, int, str, int]] = None  # mark start, end, family, index
        depth = 0
        for n in range(start, len(marks)):
            s, e = marks[n]
            mark = text[s:e]
            role = _mark_role(text, s, e, a, b)
            if opened is None:
                if role == "close" or (role == "?" and e >= b):
                    continue
                opened, depth = (s, e, _family(mark), n), 1
                continue
            fam = opened[2]
            if fam == "curly" and mark in "“„‟«" and role == "open":
                depth += 1
                continue
            if not _closes(fam, mark) and not (fam == "curly" and role == "close" and mark in "“„‟«"):
                continue
            if fam == "curly" and depth > 1 and mark != "\"":
                depth -= 1
                continue
            st, en = _trim(text, opened[1], s)
            if en > st:
                segs.append(_Segment(st, en, opened[0], e, para, True))
            opened, depth = None, 0
        if opened is None:
            return segs
        fam = opened[2]
        if restarts < MAX_PAIRING_RESTARTS and any(_family(text[s:e]) != fam for s, e in marks[opened[3] + 1:]):
            start, restarts = opened[3] + 1, restarts + 1
            continue
        st, en = _trim(text, opened[1], b)
        if en > st:
            segs.append(_Segment(st, en, opened[0], b, para, False))
        return segs


def _pair_singles(text: str, para: int, a: int, b: int) -> list[_Segment]:
    """Single-quoted segments of text[a:b] (only called outside double quotes).

    An apostrophe between letters (don’t), a possessive (workers’) or an elision (’90s) is not
    a mark: an opener follows a space or the line start and precedes a word character; a
    closer follows a non-space and precedes a space, punctuation or the line end. A new opener
    replaces an unclosed one, and an opener never closed was just an apostrophe.
    """
    segs: list[_Segment] = []
    pending: Optional[int] = None
    for m in _SINGLE_MARK.finditer(text, a, b):
        s = m.start()
        before = text[s - 1] if s > a else ""
        after = text[s + 1] if s + 1 < b else ""
        if before in "'`" and before or after in "'`" and after:
            continue  # part of an NYT double mark
        can_open = text[s] in "‘'‛`" and (before in _OPEN_BEFORE or before in "\"“(") and \
            after.isalnum()
        can_close = text[s] in "’'" and before != "" and not before.isspace() and \
            (after in _CLOSE_AFTER or after in "\"”")
        if pending is not None and can_close and s > pending + 1:
            st, en = _trim(text, pending + 1, s)
            if en > st:
                segs.append(_Segment(st, en, pending, s + 1, para, True, single=True))
            pending = None
        elif can_open:
            pending = s
    return segs


def _without_markup(text: str) -> str:
    """The text with every markup tag blanked out, offsets kept: a tag's quoted attribute
    values are not quotations, and a mark next to a tag pairs as if the tag were a space."""
    return MARKUP_TAG.sub(lambda m: " " * len(m.group()), text)


def find_segments(text: str) -> list[_Segment]:
    """Every quoted segment of the text, in text order (pass 1)."""
    segs: list[_Segment] = []
    text = _without_markup(text)
    for p, (a, b) in enumerate(_paragraphs(text)):
        if a >= b:
            continue
        doubles = _pair_doubles(text, p, a, b)
        free, pos = [], a  # single quotes count only outside double quotes (else nested)
        for s in doubles:
            free.append((pos, s.open_at))
            pos = s.close_end
        free.append((pos, b))
        singles = [q for fa, fb in free if fb > fa for q in _pair_singles(text, p, fa, fb)]
        segs.extend(sorted(doubles + singles, key=lambda s: s.start))
    return segs


def _first_char(text: str, para: tuple[int, int]) -> int:
    a, b = para
    while a < b and text[a].isspace():
        a += 1
    return a
