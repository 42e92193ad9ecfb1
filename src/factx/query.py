"""Queries over the fact store: the store as queries see it, and plain Python over what the index
gives (no spaCy: query commands must be fast). Lists and searches are SQL in factx.index."""
from __future__ import annotations

from collections import Counter
from typing import Any, Optional

from factx.store import Store, StoreError
from factx.wording import normalize_statement, segment_key, shingles  # noqa: F401 - part of this API


class Articles:
    """The store as queries see it: the SQLite index (brought up to date from the article
    documents first) for lists, searches and people, the JSON documents for one article's full
    facts. Corrupt documents are collected in ``corrupt`` instead of raised. Nothing here reads
    the store's manifest while the index is current."""

    def __init__(self, store: Store, full_check: bool = False):
        from factx.index import open_index

        self.store = store
        self.index, self.corrupt = open_index(store, full_check)
        self._files: dict[str, str] = {}

    def resolve(self, ref: str) -> str:
        """The id of the article ``ref`` names: an exact id, else a unique id prefix; KeyError
        lists the candidates (none or several), ValueError says why the store's manifest cannot
        be read. Asked of the index; the manifest only for an article the index does not hold
        (a corrupt document, reported when read)."""
        found, more = self.index.resolve(ref)
        if found is not None:
            if more:
                self._files[found] = more[0]
            return found
        if len(more) > 1:
            raise KeyError(more[:10])
        try:
            ids = self.store.article_ids()
        except StoreError as err:  # the manifest, read only now
            raise ValueError(str(err)) from err
        if ref in self.store.entries:
            return ref
        candidates = [i for i in ids if i.startswith(ref)] if ref else []
        if len(candidates) == 1:
            return candidates[0]
        raise KeyError(candidates)

    def read(self, article_id: str) -> dict[str, Any]:
        """One article document, found through the index (ValueError says why it cannot be read)."""
        file = self._files.get(article_id)
        if file is not None:
            return self.store.read_document(article_id, file)
        try:
            return self.store.read_article(article_id)
        except StoreError as err:
            raise ValueError(str(err)) from err

    def find(self, ref: str) -> dict[str, Any]:
        """An article by exact id, else by a unique id prefix (see ``resolve``); ValueError also
        says why a document cannot be read."""
        return self.read(self.resolve(ref))


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


def paragraph_around(view: dict[str, Any], start: int, end: Optional[int] = None) -> dict[str, Any]:
    """The paragraph(s) of an ``article_text`` view holding the characters [start, end), with
    the highlights inside them, offsets kept as in the article (``offset`` is the excerpt's
    first character), and ``target``: the span asked about."""
    text = view["text"]
    end = start + 1 if end is None else end
    a = text.rfind("\n\n", 0, start)
    a = 0 if a < 0 else a + 2
    b = text.find("\n\n", max(end - 1, start))
    b = len(text) if b < 0 else b
    inside = [h for h in view["highlights"] if a <= h["start"] and h["end"] <= b]
    return {"id": view["id"], "title": view.get("title"), "offset": a, "text": text[a:b],
            "target": {"start": start, "end": end, "text": text[start:end]}, "highlights": inside}


def entities_by_label(doc: dict[str, Any]) -> dict[str, list[tuple[str, int]]]:
    """Distinct entity texts per label with mention counts, most mentioned first."""
    counts: dict[str, Counter] = {}
    for ent in doc.get("entities", []):
        counts.setdefault(ent["label"], Counter())[ent["text"]] += 1
    return {label: c.most_common() for label, c in sorted(counts.items())}


def _words(segments: list[dict[str, Any]]) -> str:
    return normalize_statement(" ".join(q["text"] for q in segments))


def group_statements(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote segments grouped into statements. Statements of different articles that quote the
    same words (a shared run of eight words, or the same short text) are shown once, listing
    every article, with each other article's own wording under ``wordings`` where it differs.
    Linear in the output: shingles are looked up in a dict."""
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
                     "articles": [], "partial": all(q.get("partial") for q in segments), "wordings": []}
            groups.append(group)
        elif _words(segments) != _words(group["segments"]):
            # the same statement in other words (more, less, or edited): shown with its article
            group["wordings"].append({"article": article_id, "segments": segments})
        if article_id not in group["articles"]:
            group["articles"].append(article_id)
        if not group["speaker"] and segments[0].get("speaker"):
            group["speaker"] = segments[0]["speaker"]
        for k in keys:
            by_shingle.setdefault(k, group)
    return groups
