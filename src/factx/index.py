"""A compact SQLite index of the store, so query commands answer fast at 10,000+ articles
without reading every article document. The JSON documents stay the source of truth: the index
is derived, checked against the manifest on every query, and brought up to date from the
documents when it lags (after an interrupted run, or when it is missing).

Tables:
    articles(id, key, title, published, published_source, n_entities, n_quotes, n_dates, light)
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

import functools
import hashlib
import json
import os
import sqlite3
import zlib
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from factx.names import fold, name_tokens
from factx.store import ARTICLES, Store

INDEX = "index.sqlite"
INDEX_VERSION = "8"
# A name asked for with more distinct words than this matches no one (and would exceed SQLite's
# limit on compound SELECTs).
MAX_QUERY_TOKENS = 64

# What reading a damaged index can raise: SQLite's own errors ("database disk image is
# malformed", "Could not decode to UTF-8"), and undecodable or misshapen JSON in its columns.
INDEX_ERRORS = (sqlite3.DatabaseError, ValueError, TypeError, KeyError, IndexError, AttributeError)


class IndexDamaged(sqlite3.DatabaseError):
    """The index failed a check; it is rebuilt from the documents."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles(id TEXT PRIMARY KEY, key TEXT, title TEXT, published TEXT,
    chars INTEGER, n_entities INTEGER, n_quotes INTEGER, n_dates INTEGER, warnings TEXT, published_source TEXT,
    light TEXT, crc INTEGER, rowcrc INTEGER);
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
    """What queries need of an article, with each quote's, date's and attribute's sentence as
    text."""
    text = doc.get("text", "")

    def sentence(item):
        s, e = item.get("sentence_start"), item.get("sentence_end")
        return text[s:e].strip() if s is not None and e is not None else None

    people = [{**p, "attributes": [{**a, "sentence": sentence(a)} for a in p.get("attributes", [])]}
              for p in doc.get("people", [])]
    dates = [{**d, "sentence": sentence(d)} for d in doc.get("dates", [])]
    quotes = [{**q, "sentence": sentence(q)} for q in doc.get("quotes", [])]
    return {"id": doc["id"], "title": doc.get("title"), "published": doc.get("published"),
            "people": people, "quotes": quotes, "dates": dates}


def _healing(method):
    """A reading method of Index that rebuilds a damaged index and tries once more."""
    @functools.wraps(method)
    def read(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except INDEX_ERRORS as err:
            self.rebuild(err)
            return method(self, *args, **kwargs)
    return read


def light_crc(aid: str, light: str) -> int:
    """A checksum of an article's light document, checked when it is read: a damaged page of
    the index (a flipped bit in the JSON) is then noticed, and the index rebuilt."""
    return zlib.crc32(f"{aid}\0{light}".encode("utf-8", "surrogatepass"))


def row_crc(row: tuple) -> int:
    """A checksum of an article's row as `factx articles` lists it (id to warnings)."""
    return zlib.crc32(json.dumps(row, ensure_ascii=False).encode("utf-8", "surrogatepass"))


def cache_path(store: Store) -> Path:
    """Where the index of a store this process cannot write is kept: the user's cache folder."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    digest = hashlib.sha256(os.path.realpath(store.root).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return Path(base) / "factx" / digest / INDEX


def _left_open(path: Path) -> bool:
    """A write-ahead log with frames in it: the last writer did not close the index (a kill),
    or another process has it open right now."""
    try:
        return os.stat(str(path) + "-wal").st_size > 0
    except OSError:
        return False


def _writer_running(store: Store) -> bool:
    """Whether an `extract` holds the store's lock (its index then has a log, rightly). Looked
    up in /proc/locks (Linux): taking the lock, even shared, could make that extract fail."""
    if store.writing:
        return False
    try:
        inode = os.stat(os.path.join(store.root, "lock")).st_ino
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            for line in f:
                fields = line.split()
                if len(fields) > 5 and fields[1] == "FLOCK" and fields[5].endswith(f":{inode}"):
                    return True
    except OSError:
        pass
    return False


def _unlink_index(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


class Index:
    def __init__(self, store: Store, path: Optional[Path] = None, readonly: bool = False, check: bool = False):
        """The index at ``path`` (default: in the store). ``readonly`` opens it without writing
        anything (for a store this process cannot write). ``check`` runs SQLite's quick_check
        and verifies every light document's checksum; so does opening an index whose last
        writer did not close it (a write-ahead log is left). A failed check raises IndexDamaged."""
        self.store = store
        self.notes: list[str] = []  # things a user should hear about (a bad factx-people.json)
        self.corrupt: list = []  # corrupt article documents met (refresh), also after a rebuild
        self.path = Path(store.root) / INDEX if path is None else path
        self.readonly = readonly
        self._open(check)

    def _open(self, check: bool = False) -> None:
        memory = str(self.path) == ":memory:"
        if self.readonly:
            # immutable: no lock, no -shm; a store nobody can write does not change under us
            uri = "file:" + self.path.resolve().as_posix().replace("?", "%3f").replace("#", "%23")
            self.db = sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, isolation_level=None)
            version = self.db.execute("SELECT value FROM meta WHERE name='version'").fetchone()
            if version is None or version[0] != INDEX_VERSION:
                raise IndexDamaged(f"index {self.path} is of another version")
            return
        unclean = not memory and _left_open(self.path) and not _writer_running(self.store)
        if not memory and not self.path.exists():  # SQLite would make it 0644 whatever the umask
            os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666))
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        if not memory:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
        if (check or unclean) and not memory:
            self.check()
        self.db.executescript(SCHEMA)
        version = self.db.execute("SELECT value FROM meta WHERE name='version'").fetchone()
        if version is None or version[0] != INDEX_VERSION:
            self._reset()
        elif check:
            self.check_light()

    def check(self) -> None:
        """SQLite's quick_check of the whole file; IndexDamaged if it finds anything."""
        problems = [r[0] for r in self.db.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise IndexDamaged(f"index {self.path} is damaged: {'; '.join(map(str, problems))[:200]}")

    def check_light(self) -> None:
        """Every light document against its checksum; IndexDamaged at the first mismatch."""
        for aid, light, crc in self.db.execute("SELECT id, light, crc FROM articles"):
            if light_crc(aid, light) != crc:
                raise IndexDamaged(f"index {self.path} is damaged: the row of {aid!r} does not match its checksum")

    def is_current(self, full_check: bool = False) -> bool:
        """Up to date with the store, without writing anything (the read-only case)."""
        from factx.people import corrections_signature

        recorded = dict(self.db.execute("SELECT name, value FROM meta"))
        signature = self.store.signature() + "|" + corrections_signature(Path(self.store.root))
        if recorded.get("signature") != signature or recorded.get("persons_current") != "1":
            return False
        return not full_check or not self.store.damaged_articles(full=True)

    def rebuild(self, err: BaseException) -> None:
        """Start again from the documents after a damaged index was met while reading it (in
        the user's cache, or in memory, when the store cannot be written)."""
        try:
            self.db.close()
        except sqlite3.Error:
            pass
        old = self.path
        if self.readonly:
            self.readonly = False
            self.path = cache_path(self.store)
        try:
            if str(self.path) != ":memory:":
                _unlink_index(self.path)
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._open()
        except (OSError, sqlite3.Error):
            self.path = Path(":memory:")
            self._open()
        where = "" if self.path == old else f" into {self.path}"
        self.notes.append(f"the index {old} of store {self.store.root} was damaged "
                          f"({str(err).splitlines()[0][:120] if str(err) else type(err).__name__}); "
                          f"rebuilt from the article documents{where}")
        self.corrupt.extend(self.refresh())

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
        try:
            self._add(aid, doc, key, quotes)
        except (TypeError, KeyError, AttributeError, UnicodeEncodeError, sqlite3.InterfaceError,
                sqlite3.ProgrammingError) as err:  # a document validate_article let through
            self.remove(aid)
            raise ValueError(f"cannot index article {aid!r}: {type(err).__name__}: {str(err)[:120]}") from err
        self.db.execute("INSERT OR REPLACE INTO meta VALUES('persons_current', '0')")

    def _add(self, aid: str, doc: dict[str, Any], key: str, quotes: list) -> None:
        light = json.dumps(light_doc(doc), ensure_ascii=False)
        row = (aid, doc.get("title"), doc.get("published"), len(doc.get("text", "")), len(doc.get("entities", [])),
               sum(1 for q in quotes if not q.get("partial")), len(doc.get("dates", [])),
               json.dumps(doc.get("warnings", [])), doc.get("published_source"))
        self.db.execute("INSERT INTO articles VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (aid, key, *row[1:], light, light_crc(aid, light), row_crc(row)))
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
        damaged = self.store.damaged_articles(full=full_check)
        corrupt = [CorruptArticle(aid, self.store.entries[aid].get("file", ""), damaged[aid])
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
    # Every reader checks what it decodes; on a damaged index (SQLite errors, bad JSON, a
    # checksum or a type that does not fit) it is rebuilt from the documents and read again.
    @_healing
    def article_rows(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT id, title, published, chars, n_entities, n_quotes, n_dates, warnings, "
                               "published_source, rowcrc FROM articles ORDER BY id").fetchall()
        _expect(all(row_crc(r[:9]) == r[9] for r in rows))
        out = [{"id": r[0], "title": r[1], "published": r[2], "published_source": r[8], "characters": r[3],
                "entities": r[4], "quotes": r[5], "dates": r[6], "warnings": json.loads(r[7] or "[]")} for r in rows]
        for r in out:
            _expect(isinstance(r["id"], str) and _str_or_none(r["title"], r["published"], r["published_source"])
                    and _ints(r["characters"], r["entities"], r["quotes"], r["dates"]) and _strs(r["warnings"]))
        return out

    def light_docs(self, ids: Optional[Iterable[str]] = None) -> Iterator[dict[str, Any]]:
        wanted = None if ids is None else sorted(set(ids))
        last = None  # after a rebuild, go on after the last article given
        for attempt in (0, 1):
            try:
                for aid, light, crc in self._light_rows(wanted, last):
                    if not isinstance(aid, str) or not isinstance(light, str) or light_crc(aid, light) != crc:
                        raise IndexDamaged(f"the row of {aid!r} does not match its checksum")
                    doc = json.loads(light)
                    last = aid
                    yield doc
                return
            except INDEX_ERRORS as err:
                if attempt:
                    raise
                self.rebuild(err)

    def _light_rows(self, wanted: Optional[list[str]], after: Optional[str]) -> Iterator[tuple]:
        if wanted is None:
            if after is None:
                yield from self.db.execute("SELECT id, light, crc FROM articles ORDER BY id")
            else:
                yield from self.db.execute("SELECT id, light, crc FROM articles WHERE id > ? ORDER BY id", (after,))
            return
        wanted = [i for i in wanted if after is None or i > after]
        for chunk in _chunks(wanted, 500):
            yield from self.db.execute(
                f"SELECT id, light, crc FROM articles WHERE id IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk)

    @_healing
    def person_candidates(self, query: str) -> list[dict[str, Any]]:
        """Persons with an alias token for every token of the query (verified by the caller)."""
        tokens = sorted(set(name_tokens(query)))
        if not tokens or len(tokens) > MAX_QUERY_TOKENS:  # no alias has that many words
            return []
        sql = " INTERSECT ".join("SELECT pid FROM alias_tokens WHERE token=?" for _ in tokens)
        pids = [r[0] for r in self.db.execute(sql, tokens)]
        return self.persons(pids)

    @_healing
    def persons(self, pids: Optional[list[int]] = None, top: Optional[int] = None) -> list[dict[str, Any]]:
        cols = "SELECT pid, id, name, aliases, mentions, articles FROM persons"
        if pids is None:
            rows = self.db.execute(cols + " ORDER BY mentions DESC, name" + (" LIMIT ?" if top else ""),
                                   (top,) if top else ())
        else:
            rows = [r for chunk in _chunks(pids, 500) for r in self.db.execute(
                f"{cols} WHERE pid IN ({','.join('?' * len(chunk))})", chunk)]
        out = [{"pid": r[0], "id": r[1], "name": r[2], "aliases": json.loads(r[3]), "mentions": r[4],
                "articles": json.loads(r[5] or "[]")} for r in rows]
        for p in out:
            _expect(_ints(p["pid"], p["mentions"]) and isinstance(p["id"], str) and isinstance(p["name"], str)
                    and _strs(p["aliases"]) and _strs(p["articles"]))
        return out

    @_healing
    def person_by_id(self, person_id: str) -> Optional[dict[str, Any]]:
        row = self.db.execute("SELECT pid FROM persons WHERE id=?", (person_id,)).fetchone()
        return (self.persons([row[0]]) or [None])[0] if row else None

    def persons_named(self, query: str) -> list[dict[str, Any]]:
        """Persons whose corpus name is the query (folded)."""
        key = key_of(query)
        return [p for p in self.person_candidates(query) if key_of(p["name"]) == key]

    @_healing
    def person_articles(self, pid: int) -> list[tuple[str, str, int]]:
        """(article, name used there, mentions) for one corpus person."""
        rows = list(self.db.execute("SELECT article, name, count FROM names WHERE pid=? ORDER BY count DESC, article",
                                    (pid,)))
        _expect(all(isinstance(a, str) and isinstance(n, str) and _ints(c) for a, n, c in rows))
        return rows

    @_healing
    def person_evidence(self, pid: int) -> dict[tuple[str, str], str]:
        """(article, name used there) -> why it is this person."""
        out = {(a, n): e or "" for a, n, e in self.db.execute(
            "SELECT article, name, evidence FROM names WHERE pid=?", (pid,))}
        _expect(all(isinstance(a, str) and isinstance(n, str) and isinstance(e, str) for (a, n), e in out.items()))
        return out

    @_healing
    def article_persons(self, articles: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
        """(article, local name) -> the corpus person's id and name, for the given articles."""
        out = {}
        for chunk in _chunks(sorted(set(articles)), 500):
            for aid, local, pid, pname in self.db.execute(
                    "SELECT n.article, n.name, p.id, p.name FROM names n JOIN persons p ON p.pid = n.pid "
                    f"WHERE n.article IN ({','.join('?' * len(chunk))})", chunk):
                _expect(isinstance(pid, str) and isinstance(pname, str))
                out[(aid, local)] = {"id": pid, "name": pname}
        return out

    def canonical_names(self, articles: list[str]) -> dict[tuple[str, str], str]:
        """(article, local name) -> corpus name, for the people of the given articles."""
        return {k: v["name"] for k, v in self.article_persons(articles).items()}

    @_healing
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
        out = [{"name": name, "label": lab, "mentions": n, "articles": json.loads(arts), "aliases": json.loads(al)}
               for lab, name, n, arts, al in self.db.execute(sql, args)]
        for r in out:
            _expect(isinstance(r["name"], str) and isinstance(r["label"], str) and _ints(r["mentions"])
                    and _strs(r["articles"]) and _strs(r["aliases"]))
        return out


def _expect(ok: bool) -> None:
    if not ok:
        raise IndexDamaged("a value of an unexpected type or checksum")


def _ints(*values: Any) -> bool:
    return all(type(v) is int for v in values)


def _strs(values: Any) -> bool:
    return isinstance(values, list) and all(isinstance(v, str) for v in values)


def _str_or_none(*values: Any) -> bool:
    return all(v is None or isinstance(v, str) for v in values)


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _writable(store: Store) -> bool:
    """Whether this process may write the store's index (a store on a read-only mount, or
    another user's, cannot be)."""
    path = os.path.join(store.root, INDEX)
    return os.access(store.root, os.W_OK) and (not os.path.exists(path) or os.access(path, os.W_OK))


def open_index(store: Store, full_check: bool = False) -> tuple["Index", list]:
    """The store's index, up to date, and the corrupt article documents met. The index is
    derived data: a damaged or foreign one is deleted and rebuilt from the article documents
    (with a note). A store this process cannot write is read without writing to it: its index
    if current, else one built in the user's cache folder (or in memory), with a note."""
    if not _writable(store):
        return _open_readonly(store, full_check)
    check = full_check or store.writing  # `factx articles` and `extract` check the whole index
    index = None
    try:
        index = Index(store, check=check)
        index.corrupt.extend(index.refresh(full_check))
        return index, index.corrupt
    except INDEX_ERRORS as err:
        if index is not None:
            try:
                index.close()
            except sqlite3.Error:
                pass
        try:
            _unlink_index(Path(store.root) / INDEX)
            index = Index(store)
        except (OSError, *INDEX_ERRORS):  # e.g. a folder in its place: as for a read-only store
            return _open_readonly(store, full_check, "its index cannot be rebuilt in place")
        if not isinstance(err, IndexDamaged) or "another version" not in str(err):
            index.notes.append(f"the index of store {store.root} was damaged "
                               f"({str(err).splitlines()[0][:120] if str(err) else type(err).__name__}); "
                               "rebuilt from the article documents")
        index.corrupt.extend(index.refresh(full_check))
        return index, index.corrupt


def _open_readonly(store: Store, full_check: bool,
                   why: str = "is read-only and its index is not current") -> tuple["Index", list]:
    path = Path(store.root) / INDEX
    wal = Path(str(path) + "-wal")
    if why.startswith("is read-only") and path.is_file() and not (wal.exists() and wal.stat().st_size):
        index = None
        try:
            index = Index(store, readonly=True)
            if index.is_current(full_check):
                return index, index.corrupt
        except INDEX_ERRORS:
            pass
        if index is not None:
            index.close()
    index = None
    for where in (cache_path(store), Path(":memory:")):
        try:
            if str(where) != ":memory:":
                where.parent.mkdir(parents=True, exist_ok=True)
            index = Index(store, path=where, check=full_check)
            index.corrupt.extend(index.refresh(full_check))
            break
        except (OSError, *INDEX_ERRORS):
            if index is not None:
                try:
                    index.close()
                except sqlite3.Error:
                    pass
                index = None
            if str(where) != ":memory:":
                try:
                    _unlink_index(where)
                except OSError:
                    pass
    if index is None:  # a broken cache folder: the last resort cannot fail on the file system
        index = Index(store, path=Path(":memory:"))
        index.corrupt.extend(index.refresh(full_check))
    kept = "in memory" if str(index.path) == ":memory:" else f"in {index.path.parent}"
    index.notes.append(f"store {store.root} {why}; an index is kept {kept}")
    return index, index.corrupt
