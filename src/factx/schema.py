"""The JSON schema of the fact store, as typed dataclasses.

Every article in the store is one JSON document produced by ``Article.to_dict``.
Field names here are a public contract (tools outside the project read them):
rename nothing without bumping ``SCHEMA_VERSION``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any, Optional

SCHEMA_VERSION = 1


def _from_dict(cls, data: dict[str, Any]):
    """Build a dataclass from a dict, ignoring keys it does not know (forward compatible)."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Entity:
    text: str
    label: str
    start: int
    end: int


@dataclass
class Sentence:
    start: int
    end: int


class RawJSONBytes(bytes):
    """JSON text, checked, as the UTF-8 bytes the index holds: printed as it is inside an item
    (`render.emit_stream` with ``compact``), written to stdout's byte stream as they are
    (a list of hundreds of thousands of article ids is then copied once, not decoded, joined
    and encoded again)."""


@dataclass
class Quote:
    """One contiguous quoted segment. Segments of one statement share ``statement``."""

    text: str  # the quoted words, without the quote marks
    start: int  # offsets of ``text`` in the article text
    end: int
    speaker: Optional[str] = None  # resolved name, or None when unknown
    speaker_text: Optional[str] = None  # the mention at the attribution as written ("she")
    speaker_start: Optional[int] = None
    speaker_end: Optional[int] = None
    cue: Optional[str] = None  # the reporting verb or phrase ("said", "according to")
    partial: bool = False  # a short fragment (scare quote), not a full statement
    statement: int = 0  # statement number within the article
    article: str = ""
    kind: str = "direct"  # "direct": the words in quotation marks
    cue_start: Optional[int] = None  # offsets of the cue word(s) in the article text, None when
    cue_end: Optional[int] = None  # no word is the cue (Name: “A” / “A” — Name / inherited)
    rule: Optional[str] = None  # the sieve that attributed the quote ("cue-after", "statement", ...)
    # how the speaker was found, so users check the uncertain ones first: "name" (a name at the
    # cue), "description" ("his attorneys", "a press release"), "pronoun" ("she", resolved to a
    # name or not), "previous" (carried over from an earlier sentence or quote); None: no speaker
    speaker_via: Optional[str] = None
    # the sentence(s) the quote lies in: offsets in the article text
    sentence_start: Optional[int] = None
    sentence_end: Optional[int] = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Quote":
        return _from_dict(cls, data)


@dataclass
class DateFact:
    """A temporal expression with a TIMEX3-style normalized value."""

    text: str
    start: int
    end: int
    type: str  # date | time | duration | set
    value: Optional[str] = None  # e.g. "2019-11-15", "XXXX-11-20", "198", "1998-W08", "P20Y"
    relative: bool = False  # resolved (or left open) relative to a reference date
    mod: Optional[str] = None  # TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, ...
    sentence_start: Optional[int] = None
    sentence_end: Optional[int] = None
    people: list[str] = field(default_factory=list)
    article: str = ""
    rule: Optional[str] = None  # the normalization rule that read it ("month_day", "dateparser")
    freq: Optional[str] = None  # of a set: how often in each period ("2X" for "twice a week")
    # of a set: the quantifier TIMEX3 writes in ``quant`` ("EVERY" for "every week" and "daily",
    # "EACH" for "each July"; None for "twice a week", "Sundays")
    quant: Optional[str] = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "DateFact":
        return _from_dict(cls, data)


def _shallow(item) -> dict[str, Any]:
    """A fact dataclass as a dict, its list values copied (the facts hold no deeper nesting)."""
    return {f.name: (list(v) if isinstance(v := getattr(item, f.name), list) else v) for f in fields(item)}


@dataclass
class Article:
    id: str
    text: str
    title: Optional[str] = None
    # Added within schema version 1: documents written before it lack the key and read as None.
    author: Optional[str] = None
    published: Optional[str] = None  # YYYY-MM-DD, the reference date for relative dates
    # Where ``published`` came from: metadata | html | path | text (None without a date, and in
    # documents written before it existed).
    published_source: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    path: Optional[str] = None  # the input file it came from
    content_hash: str = ""
    model: str = ""  # "name==version" of the spaCy pipeline used
    factx_version: str = ""
    schema_version: int = SCHEMA_VERSION
    warnings: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateFact] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        # dataclasses.asdict deep-copies every value: a tenth of the extraction time
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        for key in ("sentences", "entities", "quotes", "dates"):
            out[key] = [_shallow(item) for item in out[key]]
        out["warnings"] = list(self.warnings)
        out["people"] = [dict(p) for p in self.people]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        art = _from_dict(cls, data)
        art.sentences = [_from_dict(Sentence, s) for s in data.get("sentences", [])]
        art.entities = [_from_dict(Entity, e) for e in data.get("entities", [])]
        art.quotes = [Quote.from_dict(q) for q in data.get("quotes", [])]
        art.dates = [DateFact.from_dict(d) for d in data.get("dates", [])]
        return art


# ---- validation of stored documents -------------------------------------------------------
# A document read back from the store may have been edited or damaged: ``validate_article``
# checks the shape every query relies on (types, not meaning) and raises ValueError with a
# one-line reason, so that a bad document is reported and skipped instead of crashing a query.

_SURROGATE = re.compile("[\ud800-\udfff]")
_STR, _INT, _BOOL, _OPT_STR, _OPT_INT = "str", "int", "bool", "str|null", "int|null"
# What SQLite can hold (the index keeps offsets as INTEGER): a larger number is no offset
_INT64 = range(-2 ** 63, 2 ** 63)


def _ok(value: Any, kind: str) -> bool:
    if value is None:
        return kind.endswith("|null")
    base = kind.split("|")[0]
    if base == "str":
        return isinstance(value, str) and not _SURROGATE.search(value)
    if base == "int":
        return type(value) is int and value in _INT64
    if base == "bool":
        return type(value) is bool
    if base == "value":  # an attribute's value: an age or a role
        return type(value) in (int, float) or (isinstance(value, str) and not _SURROGATE.search(value))
    if base == "strlist":
        return isinstance(value, list) and all(isinstance(v, str) and not _SURROGATE.search(v) for v in value)
    if base == "spans":
        return isinstance(value, list) and all(
            isinstance(m, list) and len(m) == 2 and all(type(v) is int and v in _INT64 for v in m) for m in value)
    return False


def _check(obj: Any, where: str, required: dict[str, str], optional: dict[str, str]) -> None:
    if not isinstance(obj, dict):
        raise ValueError(f"{where} is {_kind(obj)}, not an object")
    for key, kind in required.items():
        if key not in obj:
            raise ValueError(f"{where} has no {key!r}" if where else f"no {key!r}")
    for fields_ in (required, optional):
        for key, kind in fields_.items():
            if key in obj and not _ok(obj[key], kind):
                name = f"{where}.{key}" if where else repr(key)
                raise ValueError(f"{name} is {_kind(obj[key])}, not {kind.replace('|null', ' or null')}")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str) and _SURROGATE.search(value):
        return "a string with a lone surrogate"
    if type(value) is int and value not in _INT64:
        return "a number too large"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def _items(doc: dict[str, Any], key: str, check) -> None:
    items = doc.get(key, [])
    if not isinstance(items, list):
        raise ValueError(f"{key!r} is {_kind(items)}, not a list")
    for i, item in enumerate(items):
        check(item, f"{key}[{i}]")


_SPAN = {"start": _INT, "end": _INT}
_QUOTE = ({"text": _STR, **_SPAN}, {"speaker": _OPT_STR, "speaker_text": _OPT_STR, "speaker_start": _OPT_INT,
                                     "speaker_end": _OPT_INT, "cue": _OPT_STR, "partial": _BOOL,
                                     "statement": _OPT_INT, "article": _STR, "statement_key": _STR,
                                     "kind": _STR, "cue_start": _OPT_INT, "cue_end": _OPT_INT,
                                     "rule": _OPT_STR, "speaker_via": _OPT_STR,
                                     "sentence_start": _OPT_INT, "sentence_end": _OPT_INT,
                                     "sentence": _OPT_STR})
_DATE = ({"text": _STR, **_SPAN}, {"type": _OPT_STR, "value": _OPT_STR, "relative": _BOOL, "mod": _OPT_STR,
                                    "sentence_start": _OPT_INT, "sentence_end": _OPT_INT,
                                    "people": "strlist|null", "article": _STR, "sentence": _OPT_STR,
                                    "rule": _OPT_STR, "freq": _OPT_STR, "quant": _OPT_STR})
_ATTRIBUTE = ({"type": _STR, "value": "value|null", **_SPAN}, {"sentence_start": _OPT_INT,
                                        "sentence_end": _OPT_INT, "sentence": _OPT_STR})
_PERSON = ({"name": _STR, "mentions": "spans"}, {"label": _OPT_STR, "aliases": "strlist", "count": _INT,
                                                 "gender": _OPT_STR})


def _person(p: Any, where: str) -> None:
    _check(p, where, *_PERSON)
    _items(p, "attributes", lambda a, w: _check(a, f"{where}.{w}", *_ATTRIBUTE))


# ---- the same checks, at once for a valid document (an index rebuild reads every document) ----
# Each field's kind as the exact types JSON gives (a str subclass, say, goes the slow way, which
# accepts it), or a name for the kinds made of several values. A document the quick check does
# not accept is checked field by field by the code above, which finds the reason.
_NONE = type(None)
_TYPES = {_STR: (str,), _INT: (int,), _BOOL: (bool,), _OPT_STR: (str, _NONE), _OPT_INT: (int, _NONE),
          "value|null": (int, float, str, _NONE)}


class _Absent:
    """The value of a field left out: one of the types a field that may be left out has."""


_ABSENT = _Absent()
_INT64_MIN, _INT64_END = _INT64.start, _INT64.stop


def _quick_spec(required: dict[str, str], optional: dict[str, str]) -> tuple[tuple, tuple, tuple]:
    """(the required keys of the other kinds, (key, its types, _Absent among them unless it is
    required) of the fields of one of a few types, (key, kind) of the others), for _quick_ok."""
    kinds = {**optional, **required}
    return (tuple(key for key, kind in required.items() if kind not in _TYPES),
            tuple((key, _TYPES[kind] if key in required else _TYPES[kind] + (_Absent,))
                  for key, kind in kinds.items() if kind in _TYPES),
            tuple((key, kind) for key, kind in kinds.items() if kind not in _TYPES))


def _quick_ok(obj: Any, spec: tuple[tuple, tuple, tuple], strings: list) -> bool:
    """Whether ``obj`` certainly passes ``_check`` (its strings, to look for surrogates, go
    to ``strings``, in no particular order). An index rebuild checks ~130 items an article:
    each field is looked up once, the fields of plain types first."""
    if type(obj) is not dict:
        return False
    required, typed, others = spec
    for key in required:
        if key not in obj:
            return False
    if not _typed_ok(obj, typed, strings):
        return False
    for key, kind in others:
        value = obj.get(key, _ABSENT)
        if value is _ABSENT or value is None and kind == "strlist|null":
            continue
        if kind in ("strlist", "strlist|null"):
            if type(value) is not list or any(type(v) is not str for v in value):
                return False
            strings.extend(value)
        elif kind == "spans":
            if type(value) is not list or any(type(m) is not list or len(m) != 2 or type(m[0]) is not int
                                              or type(m[1]) is not int or m[0] not in _INT64 or m[1] not in _INT64
                                              for m in value):
                return False
        else:
            return False
    return True


def _typed_ok(obj: dict, typed: tuple, strings: list) -> bool:
    """Each field of ``typed`` ((key, its types)) of ``obj`` is of one of its types."""
    for key, types in typed:
        value = obj.get(key, _ABSENT)
        kind = type(value)
        if kind not in types:
            return False
        if kind is str:
            strings.append(value)
        elif kind is int and not _INT64_MIN <= value < _INT64_END:
            return False
    return True


_Q_DOC = _quick_spec({"id": _STR, "text": _STR}, {
    **{k: _OPT_STR for k in ("title", "author", "published", "published_source", "url", "source", "path")},
    "content_hash": _STR, "model": _STR, "factx_version": _STR, "schema_version": _INT, "warnings": "strlist",
    "_key": _STR})
_Q_SENTENCE = _quick_spec(_SPAN, {})
_Q_ENTITY = _quick_spec({"text": _STR, "label": _STR, **_SPAN}, {})
_Q_QUOTE, _Q_DATE, _Q_ATTRIBUTE, _Q_PERSON = (_quick_spec(*s) for s in (_QUOTE, _DATE, _ATTRIBUTE, _PERSON))


def _quick_items(doc: dict[str, Any], key: str, spec: tuple, strings: list) -> bool:
    items = doc.get(key, [])
    if type(items) is not list:
        return False
    required, typed, others = spec
    if required or others:
        return all(_quick_ok(item, spec, strings) for item in items)
    # fields of plain types only (sentences, entities: three items in four of a document)
    return all(type(item) is dict and _typed_ok(item, typed, strings) for item in items)


def _quick_valid(doc: Any) -> bool:
    """Whether a full article document certainly passes ``validate_article``."""
    strings: list = []
    if not (_quick_ok(doc, _Q_DOC, strings) and doc["id"] and _quick_items(doc, "sentences", _Q_SENTENCE, strings)
            and _quick_items(doc, "entities", _Q_ENTITY, strings) and _quick_items(doc, "quotes", _Q_QUOTE, strings)
            and _quick_items(doc, "dates", _Q_DATE, strings) and _quick_items(doc, "people", _Q_PERSON, strings)):
        return False
    if not all(_quick_items(p, "attributes", _Q_ATTRIBUTE, strings) for p in doc.get("people", [])):
        return False
    return not _SURROGATE.search("".join(strings))


def check_item(item: Any, kind: str, where: str) -> None:
    """Raise ValueError (a one-line reason) unless ``item`` has the shape of a ``kind`` ("quote",
    "date", "attribute") of an article document: what a query checks of the items it prints
    from a document, rather than the whole document."""
    quick, full = {"quote": (_Q_QUOTE, _QUOTE), "date": (_Q_DATE, _DATE), "attribute": (_Q_ATTRIBUTE, _ATTRIBUTE)}[kind]
    strings: list = []
    if _quick_ok(item, quick, strings) and not _SURROGATE.search("".join(strings)):
        return
    _check(item, where, *full)


def check_text(text: Any) -> None:
    """Raise ValueError unless ``text`` is an article's text (a string without lone surrogates)."""
    if not isinstance(text, str) or _SURROGATE.search(text):
        raise ValueError(f"'text' is {_kind(text)}, not str")


def validate_article(doc: Any, light: bool = False) -> None:
    """Raise ValueError (a one-line reason) unless ``doc`` has the shape of an article document
    (or, with ``light``, of the index's light document): right types in every field queries use."""
    if not light and _quick_valid(doc):
        return
    check_fields(doc, light)


def check_fields(doc: Any, light: bool = False) -> None:
    """``validate_article`` field by field, with the reason of the first problem."""
    if not isinstance(doc, dict):
        raise ValueError(f"the document is {_kind(doc)}, not an object")
    required = {"id": _STR} if light else {"id": _STR, "text": _STR}
    optional = {k: _OPT_STR for k in ("title", "author", "published", "published_source", "url", "source", "path")}
    optional.update(content_hash=_STR, model=_STR, factx_version=_STR, schema_version=_INT, warnings="strlist",
                    _key=_STR)
    _check(doc, "", required, optional)
    if not doc["id"]:
        raise ValueError("the document has an empty 'id'")
    _items(doc, "sentences", lambda s, w: _check(s, w, _SPAN, {}))
    _items(doc, "entities", lambda e, w: _check(e, w, {"text": _STR, "label": _STR, **_SPAN}, {}))
    _items(doc, "quotes", lambda q, w: _check(q, w, *_QUOTE))
    _items(doc, "dates", lambda d, w: _check(d, w, *_DATE))
    _items(doc, "people", _person)
