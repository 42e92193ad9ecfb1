"""A compact SQLite index of the store, so query commands answer fast at 10,000+ articles
without reading every article document. The JSON documents stay the source of truth: the index
is derived, checked against the manifest on every query, and brought up to date from the
documents when it lags (after an interrupted run, or when it is missing).

Tables:
    articles(id, key, title, published, n_entities, n_quotes, n_dates, light)
        ``light`` is the article's people, quotes and dates as JSON, with sentence texts, which
        is everything `who`, `quotes`, `dates` and `timeline` need
    names(article, name, key, count, aliases, gender, pid, evidence)
                                            people as named in each article (``key``: folded
                                            tokens), their corpus person and why (factx.names)
    entities(article, label, key, text, count)  non-person entities, for `factx entities`
    persons(pid, id, name, aliases, ...)    people merged across the corpus; ``id`` is the stable
                                            person id users see ("donald-trump")
    person_keys(key, pid)                   a view kept for older readers: name key -> person
    alias_tokens(token, pid)                lookup by any token of any alias
    meta(name, value)                       schema version, whether persons are current
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from factx.names import fold, name_tokens
from factx.store import ARTICLES, Store

INDEX = "index.sqlite"
INDEX_VERSION = "4"
# A name asked for with more distinct words than this matches no one (and would exceed SQLite's
# limit on compound SELECTs).
MAX_QUERY_TOKENS = 64

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles(id TEXT PRIMARY KEY, key TEXT, title TEXT, published TEXT,
    chars INTEGER, n_entities INTEGER, n_quotes INTEGER, n_dates INTEGER, warnings TEXT, light TEXT);
CREATE TABLE IF NOT EXISTS names(article TEXT, name TEXT, key TEXT, count INTEGER, aliases TEXT, gender TEXT,
    pid INTEGER, evidence TEXT);
CREATE INDEX IF NOT EXISTS names_article ON names(article);
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE INDEX IF NOT EXISTS names_pid ON names(pid);
CREATE TABLE IF NOT EXISTS entities(article TEXT, label TEXT, key TEXT, text TEXT, count INTEGER);
CREATE INDEX IF NOT EXISTS entities_article ON entities(article);
CREATE TABLE IF NOT EXISTS persons(pid INTEGER PRIMARY KEY, id TEXT UNIQUE, name TEXT, aliases TEXT,
    mentions INTEGER, articles TEXT);
CREATE TABLE IF NOT EXISTS entity_summary(label TEXT, name TEXT, mentions INTEGER, articles TEXT, aliases TEXT);
CREATE VIEW IF NOT EXISTS person_keys AS SELECT key, pid FROM names;
CREATE TABLE IF NOT EXISTS alias_tokens(token TEXT, pid INTEGER);
CREATE INDEX IF NOT EXISTS alias_tokens_token ON alias_tokens(token);
"""


def key_of(name: str) -> str:
    return " ".join(name_tokens(name))


def light_doc(doc: dict[str, Any]) -> dict[str, Any]:
    """What queries need of an article, with each date's and attribute's sentence as text."""
    text = doc.get("text", "")

    def sentence(item):
        s, e = item.get("sentence_start"), item.get("sentence_end")
        return text[s:e].strip() if s is not None and e is not None else None

    people = [{**p, "attributes": [{**a, "sentence": sentence(a)} for a in p.get("attributes", [])]}
              for p in doc.get("people", [])]
    dates = [{**d, "sentence": sentence(d)} for d in doc.get("dates", [])]
    return {"id": doc["id"], "title": doc.get("title"), "published": doc.get("published"),
            "people": people, "quotes": doc.get("quotes", []), "dates": dates}


class Index:
    def __init__(self, store: Store):
        self.store = store
        self.notes: list[str] = []  # things a user should hear about (a bad factx-people.json)
        self.path = Path(store.root) / INDEX
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        version = self.db.execute("SELECT value FROM meta WHERE name='version'").fetchone()
        if version is None or version[0] != INDEX_VERSION:
            self._reset()

    def _reset(self) -> None:
        """Start a new, empty index (another index version): it is rebuilt from the documents."""
        for kind, name in self.db.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')")\
                .fetchall():
            self.db.execute(f"DROP {kind.upper()} IF EXISTS {name}")
        self.db.executescript(SCHEMA)
        self.db.execute("INSERT INTO meta VALUES('version', ?)", (INDEX_VERSION,))

    def close(self) -> None:
        self.db.close()

    # ---- writing ---------------------------------------------------------------------------
    def begin(self) -> None:
        self.db.execute("BEGIN")

    def commit(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")

    def add(self, doc: dict[str, Any], key: str) -> None:
        """Index one article (replacing what it had); call between begin() and commit()."""
        aid = doc["id"]
        self.remove(aid)
        quotes = doc.get("quotes", [])
        self.db.execute(
            "INSERT INTO articles VALUES(?,?,?,?,?,?,?,?,?,?)",
            (aid, key, doc.get("title"), doc.get("published"), len(doc.get("text", "")),
             len(doc.get("entities", [])), sum(1 for q in quotes if not q.get("partial")),
             len(doc.get("dates", [])), json.dumps(doc.get("warnings", [])),
             json.dumps(light_doc(doc), ensure_ascii=False)))
        self.db.executemany("INSERT INTO names VALUES(?,?,?,?,?,?,NULL,NULL)", [
            (aid, p["name"], key_of(p["name"]), p.get("count", 1), json.dumps(p.get("aliases", []), ensure_ascii=False),
             p.get("gender")) for p in doc.get("people", [])])
        counts = Counter()
        for ent in doc.get("entities", []):
            if ent["label"] != "PERSON":
                text = ent["text"][4:] if fold(ent["text"]).startswith("the ") else ent["text"]
                counts[(ent["label"], key_of(text), text)] += 1
        self.db.executemany("INSERT INTO entities VALUES(?,?,?,?,?)",
                            [(aid, label, k, text, n) for (label, k, text), n in counts.items()])
        self.db.execute("INSERT OR REPLACE INTO meta VALUES('persons_current', '0')")

    def remove(self, aid: str) -> None:
        for table, col in (("articles", "id"), ("names", "article"), ("entities", "article")):
            self.db.execute(f"DELETE FROM {table} WHERE {col}=?", (aid,))

    def rebuild_persons(self) -> None:
        """Merge people across the corpus (factx.people.merge, which asks factx.names) and record
        each article's person and the evidence."""
        from factx.people import load_corrections, merge

        rows = self.db.execute("SELECT rowid, article, name, count, aliases, gender FROM names").fetchall()
        entities = self.db.execute("SELECT article, label, key FROM entities").fetchall()
        corrections, problems = load_corrections(Path(self.store.root))
        self.notes += problems
        persons, per_row = merge(rows, entities, corrections)
        self.begin()
        self.db.execute("DELETE FROM persons")
        self.db.execute("DELETE FROM alias_tokens")
        self.db.executemany("UPDATE names SET pid=?, evidence=? WHERE rowid=?",
                            [(pid, why, rowid) for rowid, (pid, why) in per_row.items()])
        for p in persons:
            self.db.execute("INSERT INTO persons VALUES(?,?,?,?,?,?)", (
                p["pid"], p["id"], p["name"], json.dumps(p["aliases"], ensure_ascii=False), p["mentions"],
                json.dumps(p["articles"], ensure_ascii=False)))
            tokens = {t for a in p["aliases"] for t in name_tokens(a)}
            self.db.executemany("INSERT INTO alias_tokens VALUES(?,?)", [(t, p["pid"]) for t in tokens])
        self._summarize_entities()
        self.db.execute("INSERT OR REPLACE INTO meta VALUES('persons_current', '1')")
        self.commit()

    def _summarize_entities(self) -> None:
        """Other entities grouped by label and folded name, once per change, not per query."""
        self.db.execute("DELETE FROM entity_summary")
        groups: dict[tuple[str, str], dict[str, Any]] = {}
        for aid, label, key, text, count in self.db.execute("SELECT article, label, key, text, count FROM entities"):
            g = groups.setdefault((label, key), {"name": text, "mentions": 0, "articles": set(), "aliases": Counter()})
            g["mentions"] += count
            g["articles"].add(aid)
            g["aliases"][text] += count
        self.db.executemany("INSERT INTO entity_summary VALUES(?,?,?,?,?)", [
            (label, g["aliases"].most_common(1)[0][0], g["mentions"], json.dumps(sorted(g["articles"])),
             json.dumps([a for a, _ in g["aliases"].most_common()], ensure_ascii=False))
            for (label, _), g in groups.items()])

    # ---- freshness -------------------------------------------------------------------------
    def stale_articles(self) -> tuple[list[str], list[str]]:
        """(ids to (re)index, ids to drop) so that the index matches the store's manifest."""
        indexed = dict(self.db.execute("SELECT id, key FROM articles"))
        entries = self.store.entries
        todo = [aid for aid, e in entries.items() if indexed.get(aid) != e.get("key")]
        gone = [aid for aid in indexed if aid not in entries]
        return todo, gone

    def refresh(self, full_check: bool = False) -> list:
        """Bring the index up to date from the article documents; returns corrupt articles.
        When the manifest and journal are unchanged since the last refresh, nothing is read
        (unless ``full_check``, which also looks for damaged documents)."""
        from factx.store import CorruptArticle

        from factx.people import corrections_signature

        signature = self.store.signature() + "|" + corrections_signature(Path(self.store.root))
        recorded = dict(self.db.execute("SELECT name, value FROM meta"))
        if recorded.get("signature", "").split("|")[-1:] != signature.split("|")[-1:]:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES('persons_current', '0')")  # corrections changed
        if not full_check and recorded.get("signature") == signature and recorded.get("persons_current") == "1":
            return []
        todo, gone = self.stale_articles()
        damaged = set(self.store.damaged_articles())
        corrupt = [CorruptArticle(aid, self.store.entries[aid].get("file", ""),
                                  "document missing or truncated (size differs from the manifest)")
                   for aid in sorted(damaged)]
        todo = [aid for aid in todo if aid not in damaged]
        if todo or gone or damaged:
            self.begin()
            for aid in [*gone, *damaged]:
                self.remove(aid)
            for aid in todo:
                try:
                    self.add(self.store.read_article(aid), self.store.entries[aid].get("key", ""))
                except ValueError as err:
                    self.remove(aid)
                    corrupt.append(CorruptArticle(aid, self.store.entries[aid].get("file", ""), str(err)))
            self.commit()
        current = self.db.execute("SELECT value FROM meta WHERE name='persons_current'").fetchone()
        if current is None or current[0] != "1":
            self.rebuild_persons()
        if not corrupt:  # a damaged document is looked at again next time
            self.db.execute("INSERT OR REPLACE INTO meta VALUES('signature', ?)", (signature,))
        return corrupt

    # ---- reading ---------------------------------------------------------------------------
    def article_rows(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT id, title, published, chars, n_entities, n_quotes, n_dates, warnings "
                               "FROM articles ORDER BY id")
        return [{"id": r[0], "title": r[1], "published": r[2], "characters": r[3], "entities": r[4],
                 "quotes": r[5], "dates": r[6], "warnings": json.loads(r[7] or "[]")} for r in rows]

    def light_docs(self, ids: Optional[Iterable[str]] = None) -> Iterator[dict[str, Any]]:
        if ids is None:
            cur = self.db.execute("SELECT light FROM articles ORDER BY id")
        else:
            wanted = sorted(set(ids))
            cur = (row for chunk in _chunks(wanted, 500) for row in self.db.execute(
                f"SELECT light FROM articles WHERE id IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk))
        for (light,) in cur:
            yield json.loads(light)

    def person_candidates(self, query: str) -> list[dict[str, Any]]:
        """Persons with an alias token for every token of the query (verified by the caller)."""
        tokens = sorted(set(name_tokens(query)))
        if not tokens or len(tokens) > MAX_QUERY_TOKENS:  # no alias has that many words
            return []
        sql = " INTERSECT ".join("SELECT pid FROM alias_tokens WHERE token=?" for _ in tokens)
        pids = [r[0] for r in self.db.execute(sql, tokens)]
        return self.persons(pids)

    def persons(self, pids: Optional[list[int]] = None, top: Optional[int] = None) -> list[dict[str, Any]]:
        cols = "SELECT pid, id, name, aliases, mentions, articles FROM persons"
        if pids is None:
            rows = self.db.execute(cols + " ORDER BY mentions DESC, name" + (" LIMIT ?" if top else ""),
                                   (top,) if top else ())
        else:
            rows = [r for chunk in _chunks(pids, 500) for r in self.db.execute(
                f"{cols} WHERE pid IN ({','.join('?' * len(chunk))})", chunk)]
        return [{"pid": r[0], "id": r[1], "name": r[2], "aliases": json.loads(r[3]), "mentions": r[4],
                 "articles": json.loads(r[5] or "[]")} for r in rows]

    def person_by_id(self, person_id: str) -> Optional[dict[str, Any]]:
        row = self.db.execute("SELECT pid FROM persons WHERE id=?", (person_id,)).fetchone()
        return self.persons([row[0]])[0] if row else None

    def persons_named(self, query: str) -> list[dict[str, Any]]:
        """Persons whose corpus name is the query (folded)."""
        key = key_of(query)
        return [p for p in self.person_candidates(query) if key_of(p["name"]) == key]

    def person_articles(self, pid: int) -> list[tuple[str, str, int]]:
        """(article, name used there, mentions) for one corpus person."""
        return list(self.db.execute("SELECT article, name, count FROM names WHERE pid=? ORDER BY count DESC, article",
                                    (pid,)))

    def person_evidence(self, pid: int) -> dict[tuple[str, str], str]:
        """(article, name used there) -> why it is this person."""
        return {(a, n): e or "" for a, n, e in self.db.execute(
            "SELECT article, name, evidence FROM names WHERE pid=?", (pid,))}

    def article_persons(self, articles: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
        """(article, local name) -> the corpus person's id and name, for the given articles."""
        out = {}
        for chunk in _chunks(sorted(set(articles)), 500):
            for aid, local, pid, pname in self.db.execute(
                    "SELECT n.article, n.name, p.id, p.name FROM names n JOIN persons p ON p.pid = n.pid "
                    f"WHERE n.article IN ({','.join('?' * len(chunk))})", chunk):
                out[(aid, local)] = {"id": pid, "name": pname}
        return out

    def canonical_names(self, articles: list[str]) -> dict[tuple[str, str], str]:
        """(article, local name) -> corpus name, for the people of the given articles."""
        return {k: v["name"] for k, v in self.article_persons(articles).items()}

    def entity_rows(self, label: Optional[str] = None, top: Optional[int] = None) -> list[dict[str, Any]]:
        sql = "SELECT label, name, mentions, articles, aliases FROM entity_summary"
        args: list[Any] = []
        if label:
            sql += " WHERE label=?"
            args.append(label)
        sql += " ORDER BY mentions DESC, label, name"
        if top:
            sql += " LIMIT ?"
            args.append(top)
        return [{"name": name, "label": lab, "mentions": n, "articles": json.loads(arts), "aliases": json.loads(al)}
                for lab, name, n, arts, al in self.db.execute(sql, args)]


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def open_index(store: Store, full_check: bool = False) -> tuple["Index", list]:
    """The store's index, up to date. The index is derived data: a damaged or foreign one is
    deleted and rebuilt from the article documents rather than reported."""
    try:
        index = Index(store)
        return index, index.refresh(full_check)
    except sqlite3.DatabaseError:
        try:
            index.close()
        except (NameError, sqlite3.Error):
            pass
        for suffix in ("", "-wal", "-shm"):
            Path(str(Path(store.root) / INDEX) + suffix).unlink(missing_ok=True)
        index = Index(store)
        return index, index.refresh(full_check)
