"""The same matches as a spaCy ``attribute_ruler``, found without spaCy's general ``Matcher``.

The English pipelines' attribute ruler maps fine-grained tags to parts of speech and fixes a few
words ("n't", "'s", "ai"); it runs after the parser on every token. Its general-purpose Matcher
takes about a tenth of the small model's time, although every pattern is one or two tokens
tested for equality or membership. ``install`` gives the ruler a ``match`` that finds exactly the
matches the Matcher would (same ids, spans and order) by looking each token up in tables built
from the patterns; spaCy's own ``set_annotations`` still writes the attributes. A pipeline whose
ruler has any pattern outside that simple shape keeps the stock Matcher."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Optional

# Token attributes a compiled pattern may test; each becomes a column of ``Doc.to_array``.
_COLUMNS = ("TAG", "LOWER", "ORTH", "NORM", "DEP", "POS", "ENT_TYPE", "IS_SPACE", "IS_PUNCT", "IS_DIGIT",
            "IS_ALPHA", "IS_LOWER", "IS_UPPER", "IS_TITLE", "LIKE_NUM")
_BOOLEAN = frozenset(c for c in _COLUMNS if c.startswith(("IS_", "LIKE_")))


@dataclass(frozen=True)
class _Test:
    column: int
    kind: str  # eq | in | not_in | regex
    value: Any


@dataclass(frozen=True)
class _Pattern:
    attr_id: int  # the ruler's rule number: later rules win, as in AttributeRuler.match
    match_id: int  # the Matcher's id of the rule (hash of its key)
    tokens: tuple[tuple[_Test, ...], ...]


class Unsupported(ValueError):
    """A pattern this module cannot match exactly: the ruler keeps spaCy's Matcher."""


def _test(vocab, column: int, name: str, value: Any) -> _Test:
    if name in _BOOLEAN:
        if not isinstance(value, bool):
            raise Unsupported(f"{name}: {value!r}")
        return _Test(column, "eq", int(value))
    if isinstance(value, str):
        return _Test(column, "eq", vocab.strings.add(value))
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
            return _Test(column, op.lower(), frozenset(vocab.strings.add(v) for v in arg))
        if op == "REGEX" and isinstance(arg, str):
            return _Test(column, "regex", re.compile(arg))
    raise Unsupported(f"{name}: {value!r}")


def _compile_token(vocab, spec: Any, columns: list[str]) -> tuple[_Test, ...]:
    if not isinstance(spec, dict) or not spec:
        raise Unsupported(repr(spec))
    tests = []
    for name, value in spec.items():
        if name not in _COLUMNS:  # OP, _, a custom attribute, ...: not this module's job
            raise Unsupported(name)
        if name not in columns:
            columns.append(name)
        tests.append(_test(vocab, columns.index(name), name, value))
    return tuple(tests)


def compile_patterns(ruler) -> tuple[list[_Pattern], list[str]]:
    """The ruler's rules as plain tests, and the token attributes they read (the columns the
    tests' numbers refer to); raises Unsupported for anything else."""
    vocab = ruler.vocab
    out: list[_Pattern] = []
    columns: list[str] = []
    for attr_id, rule in enumerate(ruler.patterns):
        match_id = vocab.strings[str(attr_id)]
        for pattern in rule["patterns"]:
            if not isinstance(pattern, list) or not pattern:
                raise Unsupported(repr(pattern))
            out.append(_Pattern(attr_id, match_id, tuple(_compile_token(vocab, t, columns) for t in pattern)))
    return out, columns


# How few tokens a test lets through, best first: a word (or a few) before a tag, a tag before
# a relation or a flag. The pattern is looked up by its most selective test.
_WORD_COLUMNS = ("LOWER", "ORTH", "NORM")


def _rank(test: _Test, columns: list[str]) -> Optional[int]:
    word = columns[test.column] in _WORD_COLUMNS
    if test.kind == "eq":
        return 0 if word else (2 if columns[test.column] not in _BOOLEAN else 4)
    if test.kind == "in":
        return 1 if word else 3
    if test.kind == "regex":
        return 5
    return None  # not_in: a test almost every token passes


@dataclass(frozen=True)
class _Anchor:
    """Where a pattern is looked up: the test on its token ``offset`` that a token must pass."""

    pattern: _Pattern
    offset: int
    test: Optional[_Test]
    left: tuple  # (token offset, test) pairs still to check


def _anchor(pattern: _Pattern, columns: list[str]) -> Optional[_Anchor]:
    ranked = [(rank, k, i) for k, tests in enumerate(pattern.tokens) for i, t in enumerate(tests)
              if (rank := _rank(t, columns)) is not None]
    if not ranked:
        return None
    _, k, i = min(ranked)
    test = pattern.tokens[k][i]
    left = tuple((j, t) for j, tests in enumerate(pattern.tokens) for t in tests if t is not test)
    return _Anchor(pattern, k, test, left)


class FastMatcher:
    """``AttributeRuler.match`` by table lookup: same (attr_id, match_id, start, end), same order."""

    def __init__(self, vocab, compiled: tuple[list[_Pattern], list[str]]):
        from spacy import attrs

        patterns, columns = compiled
        self.vocab = vocab
        self.columns = [getattr(attrs, name) for name in columns]
        # column -> value -> the anchors a token with that value passes
        self.by_value: dict[int, dict[int, list[_Anchor]]] = {}
        self.by_regex: dict[int, list[_Anchor]] = {}
        self.anywhere: list[_Anchor] = []  # patterns of only "not in" tests, tried at every token
        # interned string -> does the regex find it; words repeat, so each is searched once
        self.regex_seen: dict[tuple[int, int], bool] = {}
        for pattern in patterns:
            anchor = _anchor(pattern, columns)
            if anchor is None:
                every_test = tuple((k, t) for k, tests in enumerate(pattern.tokens) for t in tests)
                self.anywhere.append(_Anchor(pattern, 0, None, every_test))
            elif anchor.test.kind == "regex":
                self.by_regex.setdefault(anchor.test.column, []).append(anchor)
            else:
                table = self.by_value.setdefault(anchor.test.column, {})
                values = [anchor.test.value] if anchor.test.kind == "eq" else anchor.test.value
                for value in values:
                    table.setdefault(value, []).append(anchor)

    def __call__(self, doc) -> list[tuple[int, int, int, int]]:
        n = len(doc)
        if not n or not self.columns:
            return []
        array = doc.to_array(self.columns).reshape(n, len(self.columns))  # one column comes back flat
        rows = array.tolist()
        found: set[tuple[int, int, int, int]] = set()
        for column, table in self.by_value.items():
            for at, value in enumerate(array[:, column].tolist()):
                for anchor in table.get(value, ()):
                    self._try(anchor, at, rows, n, found)
        for column, anchors in self.by_regex.items():
            for at, value in enumerate(array[:, column].tolist()):
                for anchor in anchors:
                    if self._regex_finds(anchor.test, value):
                        self._try(anchor, at, rows, n, found)
        for anchor in self.anywhere:
            for start in range(n):
                self._try(anchor, start, rows, n, found)
        return sorted(found)

    def _regex_finds(self, test: _Test, value: int) -> bool:
        key = (id(test), value)
        hit = self.regex_seen.get(key)
        if hit is None:
            if len(self.regex_seen) > 200_000:  # bounded: a long run meets ever new words
                self.regex_seen.clear()
            hit = self.regex_seen[key] = test.value.search(self.vocab.strings[value]) is not None
        return hit

    def _try(self, anchor: _Anchor, at: int, rows: list, n: int, found: set) -> None:
        start = at - anchor.offset
        end = start + len(anchor.pattern.tokens)
        if start < 0 or end > n:
            return
        for k, test in anchor.left:
            if not self._passes(test, rows[start + k]):
                return
        found.add((anchor.pattern.attr_id, anchor.pattern.match_id, start, end))

    def _passes(self, test: _Test, row: list) -> bool:
        value = row[test.column]
        if test.kind == "eq":
            return value == test.value
        if test.kind == "in":
            return value in test.value
        if test.kind == "not_in":
            return value not in test.value
        return self._regex_finds(test, value)


def install(ruler) -> Optional[Callable]:
    """Give an attribute ruler the fast ``match`` when every one of its patterns compiles;
    returns the new matcher, or None (the ruler is left as it was)."""
    try:
        matcher = FastMatcher(ruler.vocab, compile_patterns(ruler))
    except Unsupported:
        return None
    ruler.match = matcher
    return matcher
