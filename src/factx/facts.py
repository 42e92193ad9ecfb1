"""Combine the NLP components (entities and people, quotes, dates) into one article's facts."""
from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Any, Optional, Sequence

from factx.dates import extract_dates
from factx.entities import extract_people
from factx.nlp import release
from factx.quotes import extract_quotes, pronoun_people
from factx.schema import Article, Entity

AGE_TEXT = re.compile(r"^\d{1,3}(?:-year-old)?$")


def people_by_sentence(article: Article, by_pronoun: Sequence[tuple[int, str]] = ()) -> dict[int, list[str]]:
    """Canonical names of the people mentioned in each sentence, keyed by sentence start: by
    name, and by the "he"/"she" that refers to them (``by_pronoun``: offset, name)."""
    starts = [s.start for s in article.sentences]
    found: dict[int, list[str]] = {}
    mentions = [(start, person["name"]) for person in article.people for start, _ in person["mentions"]]
    for start, name in mentions + list(by_pronoun):
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0:
            names = found.setdefault(starts[i], [])
            if name not in names:
                names.append(name)
    return found


def age_spans(people: list[dict[str, Any]]) -> list[tuple[int, int]]:
    return [(a["start"], a["end"]) for p in people for a in p["attributes"] if a["type"] == "age"]


def cleaned_entities(mentions, people: list[dict[str, Any]]) -> list[Entity]:
    """Entities as cleaned for people, with ages no longer labelled as dates."""
    ages = age_spans(people)
    out = []
    for m in mentions:
        label = m.label
        if label in {"DATE", "TIME"} and AGE_TEXT.match(m.text) and \
                (any(s < m.end and m.start < e for s, e in ages) or m.text.endswith("-year-old")):
            label = "CARDINAL"
        out.append(Entity(m.text, label, m.start, m.end))
    return sorted(out, key=lambda e: (e.start, e.end))


def extract_facts(doc, article: Article, reference: Optional[date]) -> None:
    """Fill the people, entities, quotes and dates of ``article`` from its parsed ``doc``."""
    try:
        _extract_facts(doc, article, reference)
    finally:
        release(doc)  # the per-Doc caches the extractors shared


def _extract_facts(doc, article: Article, reference: Optional[date]) -> None:
    # article.text is doc.text, which spaCy would join anew from the tokens on every access
    article.people, mentions = extract_people(doc, article.text)
    article.entities = cleaned_entities(mentions, article.people)
    article.quotes = extract_quotes(doc, article.text, people=article.people)
    for quote in article.quotes:
        quote.article = article.id
    people = people_by_sentence(article, pronoun_people(doc, article.text, article.people, article.quotes))
    article.dates = extract_dates(doc, reference, article.text, article=article.id)
    for fact in article.dates:
        fact.article = article.id
        if fact.sentence_start is not None:
            fact.people = list(people.get(fact.sentence_start, []))
