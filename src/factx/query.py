"""Queries over the fact store: plain Python over JSON, no spaCy (query commands must be fast)."""
from __future__ import annotations

import hashlib
from collections import Counter
import re
from typing import Any, Iterable, Optional

from factx.names import fold
from factx.timekeys import calendar_key, in_range
from factx.store import CorruptArticle, Store, StoreError

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def normalize_statement(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


class Articles:
    """The store as queries see it: the SQLite index (brought up to date from the article
    documents first) for lists and searches, the JSON documents for one article's full facts.
    Corrupt documents are collected in ``corrupt`` instead of raised."""

    def __init__(self, store: Store, full_check: bool = False):
        from factx.index import open_index

        self.store = store
        self.index, self.corrupt = open_index(store, full_check)

    def __iter__(self) -> Iterable[dict[str, Any]]:
        """Light documents (people, quotes, dates with sentences) of every article."""
        return self.index.light_docs()

    def docs(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        return {d["id"]: d for d in self.index.light_docs(ids)}

    def resolve(self, ref: str) -> str:
        """The id of the article ``ref`` names: an exact id, else a unique id prefix; KeyError
        lists the candidates (none or several), ValueError says why the store's manifest cannot
        be read."""
        try:
            ids = self.store.article_ids()
        except StoreError as err:  # the manifest, read only now (the index was current)
            raise ValueError(str(err)) from err
        if ref in self.store.entries:
            return ref
        candidates = [i for i in ids if i.startswith(ref)] if ref else []
        if len(candidates) == 1:
            return candidates[0]
        raise KeyError(candidates)

    def find(self, ref: str) -> dict[str, Any]:
        """An article by exact id, else by a unique id prefix (see ``resolve``); ValueError also
        says why a document cannot be read."""
        return self.store.read_article(self.resolve(ref))


def article_rows(articles: Articles) -> list[dict[str, Any]]:
    return articles.index.article_rows()


def article_summary(doc: dict[str, Any]) -> dict[str, Any]:
    """One article's facts for `factx show`: everything but the store's private fields."""
    return {k: v for k, v in doc.items() if not k.startswith("_")}


# Drawing order of `factx show --text`: where spans overlap, the later kind's colour shows (a
# person named inside a quote is drawn as a person, in the quote's italics).
HIGHLIGHT_KINDS = ("reported", "quote", "person", "date", "speaker")


def article_text(doc: dict[str, Any]) -> dict[str, Any]:
    """An article's text with the spans `factx show --text` highlights: quoted statements (not
    scare-quoted fragments), reported speech, the speaker mentions they are attributed to, people's mentions and
    dates. Each span carries its text and what it stands for; spans whose offsets do not fit the
    text (a damaged document) are left out rather than drawn in the wrong place."""
    text = doc.get("text") or ""
    spans: dict[tuple[str, int, int], dict[str, Any]] = {}

    def add(kind: str, start: Any, end: Any, **about: Any) -> None:
        if type(start) is int and type(end) is int and 0 <= start < end <= len(text):
            spans.setdefault((kind, start, end), {"kind": kind, "start": start, "end": end,
                                                  "text": text[start:end], **about})

    for q in doc.get("quotes", []):
        if not q.get("partial"):
            kind = "reported" if q.get("kind") == "indirect" else "quote"
            add(kind, q.get("start"), q.get("end"), speaker=q.get("speaker"), statement=q.get("statement"))
            add("speaker", q.get("speaker_start"), q.get("speaker_end"), name=q.get("speaker"))
    for p in doc.get("people", []):
        for mention in p.get("mentions", []):
            if isinstance(mention, (list, tuple)) and len(mention) == 2:
                add("person", *mention, name=p.get("name"))
    for d in doc.get("dates", []):
        add("date", d.get("start"), d.get("end"), type=d.get("type"), value=d.get("value"))
    order = {kind: i for i, kind in enumerate(HIGHLIGHT_KINDS)}
    highlights = sorted(spans.values(), key=lambda s: (s["start"], -s["end"], order[s["kind"]]))
    return {"id": doc["id"], "title": doc.get("title"), "text": text, "highlights": highlights}


def entities_by_label(doc: dict[str, Any]) -> dict[str, list[tuple[str, int]]]:
    """Distinct entity texts per label with mention counts, most mentioned first."""
    counts: dict[str, Counter] = {}
    for ent in doc.get("entities", []):
        counts.setdefault(ent["label"], Counter())[ent["text"]] += 1
    return {label: c.most_common() for label, c in sorted(counts.items())}


def segment_key(text: str) -> str:
    """Equal for the same quoted words in any article (case, accents, punctuation ignored)."""
    return hashlib.sha1(normalize_statement(text).encode("utf-8")).hexdigest()[:16]


def by_statement_speaker(quotes: list[dict[str, Any]], keep) -> list[dict[str, Any]]:
    """The quotes of the statements whose first segment ``keep`` accepts."""
    first: dict[tuple[str, Any], bool] = {}
    out = []
    for q in quotes:
        k = (q["article"], q.get("statement"))
        if k not in first:
            first[k] = bool(keep(q))
        if first[k]:
            out.append(q)
    return out


def find_quotes(articles: Iterable[dict[str, Any]], *, article: Optional[str] = None,
                contains: Optional[str] = None, include_partial: bool = False,
                kind: str = "all") -> list[dict[str, Any]]:
    """Quote segments matching all filters, in article and text order, each with a
    ``statement_key`` that is equal for the same quoted words in any article. ``kind``: "direct"
    (words in quotation marks), "indirect" (reported speech) or "all"."""
    out = []
    wanted_text = normalize_statement(contains) if contains is not None else None
    for doc in articles:
        if article is not None and doc["id"] != article:
            continue
        by_statement: dict[Any, list[dict[str, Any]]] = {}
        for q in doc.get("quotes", []):
            if kind == "all" or q.get("kind", "direct") == kind:
                by_statement.setdefault(q.get("statement"), []).append(q)
        for segments in by_statement.values():
            if not include_partial and all(q.get("partial") for q in segments):
                continue
            if wanted_text is not None and wanted_text not in normalize_statement(" ".join(q["text"] for q in segments)):
                continue
            for q in segments:
                if include_partial or not q.get("partial"):
                    out.append({**q, "article": doc["id"], "statement_key": segment_key(q["text"])})
    return out


SHINGLE_WORDS = 8


def shingles(text: str) -> set[str]:
    """Runs of SHINGLE_WORDS normalized words: two statements sharing one are the same words
    quoted again, even when one article quotes more or less of it than the other."""
    words = normalize_statement(text).split()
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def group_statements(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote segments grouped into statements. Statements of different articles that quote the
    same words (a shared run of eight words, or the same short text) are shown once, listing
    every article. Linear in the output: shingles are looked up in a dict."""
    local: dict[tuple[str, Any], list[dict[str, Any]]] = {}
    for q in quotes:
        local.setdefault((q["article"], q.get("statement")), []).append(q)
    groups: list[dict[str, Any]] = []
    by_shingle: dict[str, dict[str, Any]] = {}
    for (article_id, _), segments in local.items():
        keys = set().union(*(shingles(q["text"]) for q in segments))
        group = next((by_shingle[k] for k in keys if k in by_shingle), None)
        if group is None:
            group = {"speaker": segments[0].get("speaker"), "cue": segments[0].get("cue"), "segments": segments,
                     "articles": [], "partial": all(q.get("partial") for q in segments)}
            groups.append(group)
        if article_id not in group["articles"]:
            group["articles"].append(article_id)
        if not group["speaker"] and segments[0].get("speaker"):
            group["speaker"] = segments[0]["speaker"]
        for k in keys:
            by_shingle.setdefault(k, group)
    return groups


def find_dates(articles: Articles, *, article: Optional[str] = None, type_: Optional[str] = None) -> list[dict[str, Any]]:
    out = []
    for doc in articles:
        if article is not None and doc["id"] != article:
            continue
        for d in doc.get("dates", []):
            if type_ is None or d.get("type") == type_:
                out.append({**d, "article": doc["id"]})
    return out


def timeline(articles: Articles, *, who: Optional[set[tuple[str, str]]] = None, start: Optional[str] = None,
             end: Optional[str] = None, include_unresolved: bool = False) -> list[dict[str, Any]]:
    """Dated sentences in calendar order across the corpus, each with its article and people.
    ``who`` is a set of (article id, name used there) for one person; unresolved dates (no
    known year) come last, and only with ``include_unresolved``."""
    dated, undated = [], []
    for doc in articles:
        for d in doc.get("dates", []):
            if d.get("type") not in ("date", "time"):
                continue
            if who is not None and not any((doc["id"], n) in who for n in d.get("people") or []):
                continue
            key = calendar_key(d.get("value"))
            item = {"key": key, "value": d.get("value"), "text": d["text"], "article": doc["id"],
                    "start": d["start"], "end": d["end"], "people": d.get("people") or [],
                    "sentence": d.get("sentence")}
            if key is None:
                undated.append(item)
            elif in_range(key, start, end):
                dated.append(item)
    dated.sort(key=lambda i: (i["key"], i["article"], i["start"]))
    return dated + (undated if include_unresolved and not (start or end) else [])
