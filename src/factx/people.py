"""People across the corpus: the corpus merge (asked of factx.names) turned into persons with
stable ids, the user's corrections (``factx-people.json``), lookup by name or id, and profiles
for `factx who`. Pure Python (no spaCy); the index (factx.index) stores the merged result."""
from __future__ import annotations

import difflib
import json
import os
import re
from collections import Counter
from pathlib import Path
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional

from factx import names
from factx.names import fold, name_token_tuple, name_tokens
from factx.reader import PEOPLE_FILE as CORRECTIONS_FILE

# Entity labels that say nothing about who an article is about (every article has dates).
NOT_CONTEXT = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


# ---- the user's corrections -----------------------------------------------------------------

def corrections_path(store_root: Path) -> Path:
    return Path(store_root) / CORRECTIONS_FILE


def corrections_signature(store_root: Path) -> str:
    """Changes when the corrections file does (so the index merges people again)."""
    try:
        st = os.stat(corrections_path(store_root))
    except OSError:
        return "none"
    return f"{st.st_size}:{st.st_mtime_ns}"


def adopt_corrections(corpus: Path, store_root: Path) -> bool:
    """A corpus folder's ``factx-people.json`` is copied into the store (where the index reads
    it) when it differs from the store's copy; True when it was."""
    source = Path(corpus) / CORRECTIONS_FILE
    if not Path(corpus).is_dir() or not source.is_file():
        return False
    try:
        data = source.read_bytes()
        target = corrections_path(store_root)
        if target.is_file() and target.read_bytes() == data:
            return False
        from factx.store import atomic_write

        atomic_write(target, data.decode("utf-8", errors="replace"))
    except OSError:
        return False
    return True


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def parse_corrections(data: Any) -> tuple[names.Corrections, list[str]]:
    """Corrections from the JSON of ``factx-people.json``; what cannot be used is reported::

        {"merge": [["Stacy Stites", "Stacey Stiles"]],   # these names are one person
         "split": ["Deep Throat"],                        # this name is a person of its own
         "rename": {"Donald J. Trump": "Donald Trump"}}   # show this person under this name
    """
    problems: list[str] = []
    if not isinstance(data, dict):
        return names.Corrections(), ["expected a JSON object with merge, split and rename"]
    unknown = sorted(set(data) - {"merge", "split", "rename"})
    if unknown:
        problems.append(f"unknown keys ignored: {', '.join(map(str, unknown))}")
    merge = []
    for group in data.get("merge", []) if isinstance(data.get("merge", []), list) else []:
        good = _strings(group)
        if len(good) >= 2:
            merge.append(good)
        else:
            problems.append(f"a merge needs a list of two names or more: {str(group)[:80]}")
    split = _strings(data.get("split", []))
    rename_raw = data.get("rename", {})
    rename = {k: v for k, v in rename_raw.items() if isinstance(k, str) and isinstance(v, str) and v.strip()} \
        if isinstance(rename_raw, dict) else {}
    if not isinstance(data.get("merge", []), list) or not isinstance(data.get("split", []), list) or \
            not isinstance(rename_raw, dict):
        problems.append("merge and split must be lists, rename an object")
    return names.Corrections(merge, split, rename), problems


def load_corrections(store_root: Path) -> tuple[Optional[names.Corrections], list[str]]:
    path = corrections_path(store_root)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, []
    except (OSError, UnicodeDecodeError) as err:
        return None, [f"{path}: cannot be read ({err})"]
    try:
        data = json.loads(raw)
    except ValueError as err:
        return None, [f"{path}: not valid JSON ({err})"]
    corrections, problems = parse_corrections(data)
    return corrections, [f"{path}: {p}" for p in problems]


# ---- the corpus merge -----------------------------------------------------------------------

def article_features(local_names: Iterable[str], entities: Iterable[tuple[str, str]]) -> set[str]:
    """What one article is about, as features: the surnames of its people and the keys of its
    other entities ``(label, key)`` (but dates, numbers and the like: every article has them)."""
    out = {last for n in local_names if (last := names.parse(n).last)}
    out.update(key for label, key in entities if key and label not in NOT_CONTEXT)
    return out


def node_context(features: Iterable[str], name: str) -> frozenset:
    """The features of a person's article but those made of the person's own name words."""
    own = set(names.parse(name).tokens)
    return frozenset(f for f in features if own.isdisjoint(f.split()))


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "person"


@dataclass
class MergedPerson:
    """One corpus person as the index stores it: ``rows``: (names row id, evidence) of each of
    its article persons; ``first``: its first article id (ids number persons by it)."""

    name: str
    aliases: list[str]
    mentions: int
    articles: list[str]
    rows: list[tuple[int, str]]

    @property
    def first(self) -> str:
        return self.articles[0]


class _Node:
    """A names.CorpusNode whose context is made from its article's features when the merge first
    asks for it (the merge compares few people by context)."""

    __slots__ = ("article", "name", "count", "gender", "_features", "_context")

    def __init__(self, article: str, name: str, count: int, gender: Optional[str], features: Iterable[str]) -> None:
        self.article, self.name, self.count, self.gender = article, name, count, gender
        self._features, self._context = features, None

    @property
    def context(self) -> frozenset:
        if self._context is None:
            self._context = node_context(self._features, self.name)
        return self._context


def merge_group(rows: list[tuple], features: dict[str, Iterable[str]], df: Mapping[str, int], n_articles: int,
                corrections: Optional[names.Corrections] = None) -> list[MergedPerson]:
    """Persons of index rows ``(rowid, article, name, count, aliases JSON, gender)`` (in row
    order), asking factx.names; ``features``: ``article_features`` of their articles; ``df`` and
    ``n_articles``: the corpus's (see names.merge_corpus). The rows are the whole corpus or one
    group of linked names (names.merge_links)."""
    nodes = [_Node(aid, name, count or 1, gender if gender in ("m", "f") else None, features.get(aid, ()))
             for _, aid, name, count, _, gender in rows]
    result = names.merge_corpus(nodes, corrections, df, n_articles)
    out = []
    for person in result.persons:
        aliases: Counter = Counter()
        for i in person.nodes:
            _, _, name, count, alias_json, _ = rows[i]
            aliases[name] += count or 1
            try:
                extra = json.loads(alias_json or "[]")
            except ValueError:
                extra = []
            for a in extra if isinstance(extra, list) else []:
                if isinstance(a, str):
                    aliases[a] += 1
        out.append(MergedPerson(person.name, [a for a, _ in aliases.most_common()],
                                sum(rows[i][3] or 1 for i in person.nodes), sorted({rows[i][1] for i in person.nodes}),
                                [(rows[i][0], result.evidence[i]) for i in person.nodes]))
    return out


def person_ids(persons: Iterable[tuple[str, str]]) -> list[str]:
    """The id of each person ``(name, first article)``: the slug of the name, numbered in order
    of first appearance (then name) when several people share it."""
    persons = list(persons)
    taken: Counter = Counter()
    ids = [""] * len(persons)
    for p in sorted(range(len(persons)), key=lambda p: (persons[p][1], persons[p][0])):
        base = slug(persons[p][0])
        taken[base] += 1
        ids[p] = base if taken[base] == 1 else f"{base}-{taken[base]}"
    return ids


def merge(rows: Iterable[tuple], entities: Iterable[tuple[str, str, str]],
          corrections: Optional[names.Corrections] = None) -> tuple[list[dict[str, Any]], dict[int, tuple[int, str]]]:
    """Persons across the corpus, all at once, from the index's rows ``(rowid, article, name,
    count, aliases JSON, gender)`` and ``(article, label, key)`` entities (the index merges
    group by group instead: the same persons). Returns the persons (pid, id, name, aliases,
    mentions, articles) and, per row, (pid, evidence); pids in order of first appearance."""
    rows = list(rows)
    local: dict[str, list[str]] = {}
    for _, aid, name, *_ in rows:
        local.setdefault(aid, []).append(name)
    ents: dict[str, list[tuple[str, str]]] = {}
    for aid, label, key in entities:
        ents.setdefault(aid, []).append((label, key))
    features = {aid: article_features(local_names, ents.get(aid, ())) for aid, local_names in local.items()}
    df: Counter = Counter()
    for aid, f in features.items():  # as its first person sees it: the weights the merge has always used
        df.update(node_context(f, local[aid][0]))
    merged = sorted(merge_group(rows, features, df, len(features), corrections), key=lambda p: (p.first, p.name))
    persons, per_row = [], {}
    for pid, (p, pid_str) in enumerate(zip(merged, person_ids((p.name, p.first) for p in merged)), 1):
        persons.append({"pid": pid, "id": pid_str, "name": p.name, "aliases": p.aliases, "mentions": p.mentions,
                        "articles": p.articles})
        per_row.update({rid: (pid, why) for rid, why in p.rows})
    return persons, per_row


# ---- lookup ---------------------------------------------------------------------------------

# `who NAME` of a name several people share answers the most written-about of them when it is
# in this many times more articles than the next (and says who else the name matches).
WHO_PROMINENCE = 4


def n_articles(person: dict[str, Any]) -> int:
    """In how many articles a person is (the index's count, else the length of their list)."""
    n = person.get("n_articles")
    return n if isinstance(n, int) else len(person.get("articles") or [])


def lookup(candidates: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Persons any alias of whom holds every token of the query. An exact (folded) match of a
    person's name wins, then an exact match of one alias; otherwise every partial match, the
    most mentioned first."""
    wanted = set(name_tokens(query))
    if not wanted:
        return []
    hits = [p for p in candidates if any(wanted <= set(name_tokens(a)) for a in p["aliases"])]
    key = name_tokens(query)
    named = [p for p in hits if name_tokens(p["name"]) == key]
    if len(named) == 1:
        return named
    exact = [p for p in hits if any(name_tokens(a) == key for a in p["aliases"])]
    if len(exact) == 1:
        return exact
    return sorted(named or exact or hits, key=lambda p: (-n_articles(p), -p["mentions"], p["name"]))


def lookup_partial(candidates: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Every person one of whose aliases holds all the query's tokens."""
    wanted = set(name_tokens(query))
    return [p for p in candidates if wanted and any(wanted <= set(name_tokens(a)) for a in p["aliases"])]


def choose(hits: list[dict[str, Any]], query: str) -> Optional[dict[str, Any]]:
    """The person a name designates among several that match it: the one whose own name it is,
    else the one called so (exactly) in clearly the most articles ("Obama": Barack, not
    Michelle, in a corpus about him). None when no one stands out."""
    if len(hits) == 1:
        return hits[0]
    key = name_tokens(query)
    exact = [p for p in hits if name_tokens(p["name"]) == key] or \
        [p for p in hits if any(name_tokens(a) == key for a in p["aliases"])]
    ranked = sorted(exact, key=lambda p: -n_articles(p))
    if len(ranked) == 1 or len(ranked) > 1 and \
            n_articles(ranked[0]) >= WHO_PROMINENCE * max(n_articles(p) for p in hits if p is not ranked[0]):
        return ranked[0]
    return None


def suggestions(everyone: list[dict[str, Any]], query: str, n: int = 5) -> list[str]:
    names = {fold(a): p["name"] for p in everyone for a in p["aliases"]}
    out: list[str] = []
    for close in difflib.get_close_matches(fold(query), list(names), n=n * 2, cutoff=0.6):
        if names[close] not in out:
            out.append(names[close])
    return out[:n]


def speaker_person(doc: dict[str, Any], quote: dict[str, Any]) -> Optional[str]:
    """The article person (their name in the article) a quote's speaker is: the person one of
    whose mentions is the speaker mention, else the person of that name, else the one person
    whose name is compatible with it (factx.names)."""
    speaker = quote.get("speaker")
    if not isinstance(speaker, str) or not speaker:
        return None
    people = [p for p in doc.get("people", []) if isinstance(p, dict) and isinstance(p.get("name"), str)]
    s, e = quote.get("speaker_start"), quote.get("speaker_end")
    if type(s) is int and type(e) is int:  # a pronoun overlaps no person's mention: by name below
        for p in people:
            spans = [m for m in p.get("mentions", []) if isinstance(m, list) and len(m) == 2]
            if any(a <= s and e <= b or s <= a < e for a, b in spans):
                return p["name"]
    key = name_token_tuple(speaker)
    same = [p["name"] for p in people if name_token_tuple(p["name"]) == key]
    if same:
        return same[0]
    if speaker == speaker.lower():
        return None  # "his attorneys", "officials": no one's name (and no name parser to load)
    wanted = names.parse(speaker)
    fits = [p["name"] for p in people if names.compatible(wanted, names.parse(p["name"]))]
    return fits[0] if len(fits) == 1 else None


def attach_person_ids(doc: dict[str, Any], corpus: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Tie an article's people and quote speakers to their corpus persons: each person gets
    ``person_id`` and ``person_name``, each quote ``speaker_id`` and ``speaker_person``."""
    for p in doc.get("people", []):
        if isinstance(p, dict):
            them = corpus.get((doc.get("id"), p.get("name")))
            p["person_id"], p["person_name"] = (them["id"], them["name"]) if them else (None, None)
    attach_speakers(doc.get("quotes", []), {doc.get("id"): doc}, corpus)


def attach_speakers(quotes: list[dict[str, Any]], docs: dict[str, dict[str, Any]],
                    corpus: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Each quote's ``speaker_id`` and ``speaker_person`` (the corpus person), or None."""
    for q in quotes:
        if not isinstance(q, dict):
            continue
        aid = q.get("article") or next(iter(docs), None)
        doc = docs.get(aid)
        local = speaker_person(doc, q) if doc is not None else None
        them = corpus.get((aid, local)) if local else None
        q["speaker_id"], q["speaker_person"] = (them["id"], them["name"]) if them else (None, None)


def person_rows(persons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`entities` rows of persons (``articles``: their article ids, from ``Index.persons``)."""
    return [{"name": p["name"], "label": "PERSON", "mentions": p["mentions"], "articles": p.get("articles", []),
             "n_articles": n_articles(p),
             "aliases": p["aliases"], "id": p["id"]} for p in persons]
