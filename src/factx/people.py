"""People across the corpus: names merged when compatible, lookup by any alias, and profiles
for `factx who`. Pure Python (no spaCy); the index (factx.index) stores the merged result."""
from __future__ import annotations

import difflib
from collections import Counter
from typing import Any, Optional

from factx.query import fold, name_tokens

Key = tuple[str, ...]


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
    name compatible with two different people stays alone (an ambiguous surname is never merged).
    Candidates are found through buckets by first and last word, so this stays fast at scale."""
    by_first: dict[str, list[Key]] = {}
    by_last: dict[str, list[Key]] = {}
    for key in weights:
        by_first.setdefault(key[0], []).append(key)
        by_last.setdefault(key[-1], []).append(key)
    root: dict[Key, Key] = {}
    for key in sorted(weights, key=lambda k: (-len(k), -weights[k], k)):
        pool = by_last.get(key[0], []) if len(key) == 1 else by_first.get(key[0], [])
        roots = {root[k] for k in pool if len(k) > len(key) and compatible(key, k)}
        root[key] = roots.pop() if len(roots) == 1 else key
    return root


def lookup(candidates: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Persons any alias of whom holds every token of the query; an exact alias match wins."""
    wanted = set(name_tokens(query))
    if not wanted:
        return []
    hits = [p for p in candidates if any(wanted <= set(name_tokens(a)) for a in p["aliases"])]
    exact = [p for p in hits if any(fold(a) == fold(query.strip()) for a in p["aliases"])]
    return exact if len(exact) == 1 else sorted(hits, key=lambda p: -p["mentions"])


def suggestions(everyone: list[dict[str, Any]], query: str, n: int = 5) -> list[str]:
    names = {fold(a): p["name"] for p in everyone for a in p["aliases"]}
    out: list[str] = []
    for close in difflib.get_close_matches(fold(query), list(names), n=n * 2, cutoff=0.6):
        if names[close] not in out:
            out.append(names[close])
    return out[:n]


def profile(person: dict[str, Any], appearances: list[tuple[str, str, int]], docs: dict[str, dict[str, Any]],
            canonical: dict[tuple[str, str], str]) -> dict[str, Any]:
    """Everything known about one person. ``appearances``: (article, name used there, mentions);
    ``docs``: those articles' light documents; ``canonical``: (article, local name) -> corpus name."""
    keys = {tuple(name_tokens(local)) for _, local, _ in appearances}
    said, about, dated, attributes = [], [], [], []
    co_people: Counter = Counter()
    for article_id, local, _ in appearances:
        doc = docs.get(article_id)
        if doc is None:
            continue
        mine = next((p for p in doc.get("people", []) if p["name"] == local), {"mentions": [], "attributes": []})
        attributes += [{**a, "article": article_id} for a in mine.get("attributes", [])]
        for q in doc.get("quotes", []):
            if q.get("partial"):
                continue
            if q.get("speaker") and tuple(name_tokens(q["speaker"])) in keys:
                said.append({**q, "article": article_id})
            elif any(q["start"] <= s < q["end"] for s, _ in mine["mentions"]):
                about.append({**q, "article": article_id})
        for d in doc.get("dates", []):
            if local in (d.get("people") or []):
                dated.append({**d, "article": article_id})
        for other in doc.get("people", []):
            name = canonical.get((article_id, other["name"]), other["name"])
            if other["name"] != local and name != person["name"]:
                co_people[name] += 1
    from factx.query import calendar_key

    dated.sort(key=lambda d: (calendar_key(d.get("value")) is None, calendar_key(d.get("value")) or "",
                              d["article"], d["start"]))
    return {
        "name": person["name"], "label": "PERSON", "aliases": person["aliases"],
        "mentions": sum(n for _, _, n in appearances),
        "articles": [{"article": a, "name": local, "mentions": n} for a, local, n in appearances],
        "attributes": attributes, "quotes": said, "quoted_about": about, "dates": dated,
        "co_mentioned": [{"name": n, "articles": c} for n, c in co_people.most_common()],
    }


def person_rows(persons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"name": p["name"], "label": "PERSON", "mentions": p["mentions"], "articles": p["articles"],
             "aliases": p["aliases"]} for p in persons]


def top_entities(rows: list[dict[str, Any]], top: Optional[int]) -> list[dict[str, Any]]:
    rows = sorted(rows, key=lambda r: (-r["mentions"], r["label"], r["name"]))
    return rows[:top] if top else rows
