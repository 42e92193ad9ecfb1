"""The JSON schema of the fact store, as typed dataclasses.

Every article in the store is one JSON document produced by ``Article.to_dict``.
Field names here are a public contract (tools outside the project read them):
rename nothing without bumping ``SCHEMA_VERSION``.
"""
from __future__ import annotations

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
    value: Optional[str] = None  # e.g. "2019-11-15", "XXXX-11-20", "198X", "P20Y"
    relative: bool = False  # resolved (or left open) relative to a reference date
    mod: Optional[str] = None  # TIMEX3 mod: EARLY, MID, LATE, APPROX, MORE_THAN, ...
    sentence_start: Optional[int] = None
    sentence_end: Optional[int] = None
    people: list[str] = field(default_factory=list)
    article: str = ""

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
