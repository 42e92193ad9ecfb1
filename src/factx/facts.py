"""Combine the NLP components (quotes, dates, people) into one article's facts."""
from __future__ import annotations

from datetime import date
from typing import Optional

from factx.dates import extract_dates
from factx.quotes import extract_quotes
from factx.schema import Article


def strip_possessive(name: str) -> str:
    for suffix in ("’s", "'s", "’", "'"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def people_by_sentence(doc) -> dict[int, list[str]]:
    """PERSON names mentioned in each sentence, keyed by the sentence's start offset."""
    found: dict[int, list[str]] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            names = found.setdefault(ent.sent.start_char, [])
            name = strip_possessive(ent.text.strip())
            if name and name not in names:
                names.append(name)
    return found


def extract_facts(doc, article: Article, reference: Optional[date]) -> None:
    """Fill the quotes and dates of ``article`` from its parsed ``doc``."""
    article.quotes = extract_quotes(doc)
    for quote in article.quotes:
        quote.article = article.id
    people = people_by_sentence(doc)
    article.dates = extract_dates(doc, reference)
    for fact in article.dates:
        fact.article = article.id
        if fact.sentence_start is not None:
            fact.people = list(people.get(fact.sentence_start, []))
