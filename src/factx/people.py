"""People across the corpus: per-article people merged by compatible names, and profiles for
`factx who`. Pure Python over the store (no spaCy)."""
from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from factx.query import fold, name_tokens

Key = tuple[str, ...]


@dataclass
class CorpusPerson:
    name: str
    label: str = "PERSON"
    keys: set = field(default_factory=set)
    aliases: Counter = field(default_factory=Counter)
    articles: Counter = field(default_factory=Counter)  # article id -> mentions
    local_names: dict = field(default_factory=dict)  # article id -> the name used in that article
    attributes: list = field(default_factory=list)

    @property
    def mentions(self) -> int:
        return sum(self.articles.values())


def is_subsequence(short: Key, long: Key) -> bool:
    it = iter(long)
    return all(tok in it for tok in short)


def compatible(short: Key, long: Key) -> bool:
    """'Kim Kardashian' ~ 'Kim Kardashian West', 'Alice Johnson' ~ 'Alice Marie Johnson';
    a one-word name only by its last word ('Trump' ~ 'Donald Trump')."""
    if len(short) == 1:
        return short[0] == long[-1]
    return short[0] == long[0] and short[-1] in long and is_subsequence(short, long)


def merge_keys(weights: Counter) -> dict[Key, Key]:
    """Map each name key to its canonical key: the unique maximal compatible longer name. A short
    name compatible with two names that are not compatible with each other stays alone."""
    keys = sorted(weights, key=lambda k: (-len(k), -weights[k], k))
    root: dict[Key, Key] = {}
    for key in keys:
        longer = [k for k in keys if len(k) > len(key) and compatible(key, k)]
        maximal = {root[k] for k in longer}
        root[key] = maximal.pop() if len(maximal) == 1 else key
    return root


def corpus_people(docs: Iterable[dict[str, Any]]) -> list[CorpusPerson]:
    per_article = []
    weights: Counter = Counter()
    for doc in docs:
        for p in doc.get("people", []):
            key = tuple(name_tokens(p["name"]))
            if key:
                weights[key] += p.get("count", 1)
                per_article.append((doc, p, key))
    root = merge_keys(weights)
    merged: dict[Key, CorpusPerson] = {}
    for doc, p, key in per_article:
        canon = root[key]
        person = merged.get(canon)
        if person is None:
            person = merged[canon] = CorpusPerson(name=p["name"], label=p.get("label", "PERSON"))
        if key == canon and len(p["name"]) > len(person.name):
            person.name = p["name"]
        person.keys.add(key)
        person.articles[doc["id"]] += p.get("count", 1)
        person.local_names[doc["id"]] = p["name"]
        for alias in [p["name"], *p.get("aliases", [])]:
            person.aliases[alias] += 1
        text = doc.get("text", "")
        for attr in p.get("attributes", []):
            person.attributes.append({**attr, "article": doc["id"],
                                      "sentence": text[attr.get("sentence_start", 0):attr.get("sentence_end", 0)]})
    for canon, person in merged.items():  # the canonical key's own spelling is the display name
        person.name = next((a for a in person.aliases if tuple(name_tokens(a)) == canon), person.name)
    return sorted(merged.values(), key=lambda p: (-p.mentions, p.name))


def lookup(people: list[CorpusPerson], query: str) -> list[CorpusPerson]:
    """People any alias of whom contains every token of the query (case/accent-insensitive).
    An exact name match wins over partial ones."""
    wanted = name_tokens(query)
    if not wanted:
        return []
    hits = [p for p in people if any(set(wanted) <= set(name_tokens(a)) for a in p.aliases)]
    exact = [p for p in hits if any(fold(a) == fold(query.strip()) for a in p.aliases)]
    return exact if len(exact) == 1 else hits


def suggestions(people: list[CorpusPerson], query: str, n: int = 5) -> list[str]:
    names = {fold(a): p.name for p in people for a in p.aliases}
    close = difflib.get_close_matches(fold(query), list(names), n=n * 2, cutoff=0.6)
    out: list[str] = []
    for c in close:
        if names[c] not in out:
            out.append(names[c])
    return out[:n]


def profile(person: CorpusPerson, docs: dict[str, dict[str, Any]], people: list[CorpusPerson]) -> dict[str, Any]:
    """Everything known about one person: articles, attributes, quotes by and about them,
    dated sentences that mention them, and the people they appear with."""
    said, about, dated = [], [], []
    for article_id in person.articles:
        doc = docs[article_id]
        local = person.local_names[article_id]
        mine = next((p for p in doc.get("people", []) if p["name"] == local), {"mentions": []})
        spans = [tuple(m) for m in mine["mentions"]]
        for q in doc.get("quotes", []):
            if q.get("partial"):
                continue
            if q.get("speaker") and tuple(name_tokens(q["speaker"])) in person.keys:
                said.append({**q, "article": article_id})
            elif any(q["start"] <= s < q["end"] for s, _ in spans):
                about.append({**q, "article": article_id})
        for d in doc.get("dates", []):
            if local in (d.get("people") or []):
                dated.append({**d, "article": article_id,
                              "sentence": doc["text"][d.get("sentence_start") or 0:d.get("sentence_end") or 0]})
    canonical_of = {}
    for p in people:
        for article_id, local in p.local_names.items():
            canonical_of[(article_id, local)] = p.name
    co_people = Counter()
    for article_id in person.articles:
        for other in docs[article_id].get("people", []):
            name = canonical_of.get((article_id, other["name"]), other["name"])
            if name != person.name:
                co_people[name] += 1
    dated.sort(key=lambda d: (d.get("value") is None, str(d.get("value"))))
    return {
        "name": person.name, "label": person.label,
        "aliases": [a for a, _ in person.aliases.most_common()],
        "mentions": person.mentions,
        "articles": [{"article": a, "mentions": n} for a, n in person.articles.most_common()],
        "attributes": person.attributes,
        "quotes": said, "quoted_about": about, "dates": dated,
        "co_mentioned": [{"name": n, "articles": c} for n, c in co_people.most_common()],
    }


def entity_table(docs: Iterable[dict[str, Any]], people: Optional[list[CorpusPerson]] = None,
                 label: Optional[str] = None) -> list[dict[str, Any]]:
    """Canonical entities with mention counts, articles and aliases. People come merged across
    articles; other labels are grouped by their folded text (a leading 'the' dropped)."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    docs = list(docs)
    for doc in docs:
        for ent in doc.get("entities", []):
            if ent["label"] == "PERSON" or (label and ent["label"] != label):
                continue
            text = ent["text"][4:] if fold(ent["text"]).startswith("the ") else ent["text"]
            key = (ent["label"], " ".join(name_tokens(text)))
            row = rows.setdefault(key, {"name": text, "label": ent["label"], "mentions": 0,
                                        "articles": [], "aliases": []})
            row["mentions"] += 1
            if doc["id"] not in row["articles"]:
                row["articles"].append(doc["id"])
            if ent["text"] not in row["aliases"]:
                row["aliases"].append(ent["text"])
    out = list(rows.values())
    if label in (None, "PERSON"):
        for p in people if people is not None else corpus_people(docs):
            out.append({"name": p.name, "label": "PERSON", "mentions": p.mentions,
                        "articles": list(p.articles), "aliases": [a for a, _ in p.aliases.most_common()]})
    return sorted(out, key=lambda r: (-r["mentions"], r["label"], r["name"]))
