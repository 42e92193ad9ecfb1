"""A SQLite index of the store, designed so that a query costs what it prints, not what the
store holds. The JSON documents stay the source of truth: the index is derived, checked
against the store's manifest signature (its size and modification time: no parsing) on every
query, and brought up to date from the documents when it lags, is damaged or of another
version.

Tables (``rid``: SQLite row ids; ``article`` columns hold an article's rid):
    articles(rid, id, key, file, title, published, published_source, chars, n_entities,
             n_quotes, n_dates, warnings, rowcrc, context, merged, hash)
                                        ``context``: what the article is about for the person
                                        merge (people.article_features; NULL without people);
                                        ``merged``: 0 until the person merge has seen it;
                                        ``hash``: the content hash of the document indexed
    names(rid, article, aid, name, key, count, aliases, gender, pid, evidence, published,
          n_attrs, seq, crc)            the people of each article as named there (``seq``: the
                                        place of the person in the document's people), their
                                        corpus person ``pid`` and why (factx.names)
    quotes(rid, article, seq, stmt, kind, partial, published, speaker_row, speaker_pid,
           stmt_row, stmt_pid, start, crc)
                                        every quote segment (``seq``: its place in the document's
                                        list, ``start`` its offset); ``stmt``: the rid of its
                                        statement's first segment; ``speaker_row``: the names row
                                        of its speaker; ``stmt_pid``: the person of the statement
    quote_about(quote, row, pid)        quotes that mention a person (not said by them)
    speaker_tokens(token, stmt, pid)    the tokens of each statement's speaker as written (and the
                                        statement's person)
    quote_fts(text)                     FTS5 over each statement's words (rowid = stmt)
    date_fts(text)                      FTS5 over each date's sentence (rowid = the date's rid)
                                        (both contentless: the words are indexed, the text is
                                        not kept twice; ``fts_text`` gives them)
    dates(rid, article, seq, start, type, ckey, published, crc)
                                        every date (``ckey``: calendar key)
    date_people(date, row, pid, ckey, aid, start)
                                        the people each date's sentence is about
    entities(article, label, key, text, count)    non-person entities
    persons(pid, id, name, aliases, mentions, n_articles, base, first)
                                        people merged across the corpus; ``id`` is the stable
                                        person id users see ("donald-trump"): the slug ``base``
                                        of the name, numbered by ``first`` article
    name_ids(nid, name, key), name_links(link, nid), features(feature, df), dirty(name, pid),
    dirty_entities(label, key)          the state of the person merge (factx.merging): every
                                        written name and its links (names.merge_links), articles
                                        per context feature, what was removed since the merge
    alias_tokens(token, pid)            lookup by any token of any alias
    co_mentioned(pid, name, id, articles, rank)
                                        the people most often with each person in CO_HEAVY
                                        articles or more, kept at each merge (`who` of the most
                                        written-about people then reads CO_KEEP rows)
    entity_summary(label, name, mentions, articles, aliases, n_articles, crc, key)
    meta(name, value)                   version, store signature, whether persons are current

Quotes, dates and names are narrow rows: what filters, sorts and counts them, and where each is
in its article's document. What they say (text, speaker, cue, sentence, attributes...) is read
from the documents when printed (Index._item; a few documents kept parsed), so that the index
stays small (a rebuild writes less than half of what it wrote with the bodies in it) and a
query still costs what it prints: one document read per article printed from. A document that
cannot be read then, or no longer holds the item indexed, is an ArticleUnreadable error (run
`extract` again).

Every JSON column (and the columns of quotes and dates) carries a CRC32 checked when it is
read, so a flipped bit is noticed and the index rebuilt; a damaged index met while reading is
rebuilt and the query answered again.

A rebuild into an empty index (a new version, a damaged index, a first query) of BULK articles
or more writes without journal or syncs (a ``building`` mark in meta restarts a stopped one),
its documents read ahead by threads and, from PARALLEL_MIN articles, checked and turned into
rows by worker processes (``chunk_rows``) while this process numbers and writes them; the
secondary indexes are built once, after the rows (those of the quote and date tables, and those
of names by person, after the person merge has filled their person ids). A merge of everyone
over PARALLEL_MERGE_ROWS names rows spreads its groups over worker processes too. Readers keep
a small page cache, so memory stays flat whatever the store's size.
"""
from __future__ import annotations

import functools
import hashlib
import bisect
import heapq
import itertools
import json
import os
import re
import sqlite3
import types
import zlib
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional

from factx.merging import FIRST_NAME, FULL_MIN_ROWS, FULL_SHARE, SEP, CountedFeatures, PersonMerge, counted_features
from factx.names import fold, name_token_tuple, name_tokens
from factx.store import Store, StoreBusy, StoreError
from factx.timekeys import calendar_key, in_range

INDEX = "index.sqlite"
INDEX_VERSION = "20"
# A name asked for with more distinct words than this matches no one (and would exceed SQLite's
# limit on compound SELECTs).
MAX_QUERY_TOKENS = 64
# A word in at least this many statements is "dense": `quotes --contains` then walks the quotes
# in the order printed instead of sorting every match.
DENSE = 2000
# A speaker name that designates up to this many people ("Smith") reads each one's statements in
# the order printed and merges them, so a page costs its rows, not a sort of all their statements.
MERGED_PIDS = 100
# People in this many articles or more have their most co-mentioned people (CO_KEEP of them)
# kept at each merge rather than counted per query.
CO_HEAVY = 500
CO_KEEP = 100
# SQLite's page cache of a connection, in KiB (memory used only as pages are read or written):
# big while the index is brought up to date (big batches of writes to big indexes), small for
# reading it, so that a query that reads much of the index (summary) stays flat in memory.
CACHE_KB = 131072
READ_CACHE_KB = 8192
# `extract` checks the whole index (SQLite's quick_check and every row's checksum, ~0.4 ms an
# article) of a store of up to this many articles; in a bigger one, where that would be minutes
# for adding one article, it checks the next ROWS_CHECKED_PER_EXTRACT rows of each table in
# turn (every row is checked over successive extracts), and the whole file only when its last
# writer did not close it. `factx articles` (the whole list) always checks everything.
CHECK_WHOLE_MAX_ARTICLES = 2000
ROWS_CHECKED_PER_EXTRACT = 20000
# A rebuild of this many articles or more into an empty index writes the rows first and builds
# the secondary indexes after (faster than keeping them up to date row by row).
BULK = 5000
# Rows buffered by add() before they are written with executemany.
FLUSH_ARTICLES = 2000
# A rebuild of this many articles or more into an empty index makes the rows of the articles in
# worker processes (one a processor), PARALLEL_CHUNK articles a task.
PARALLEL_MIN = 2000
PARALLEL_CHUNK = 250
# A merge of everyone over this many names rows spreads its groups over worker processes.
PARALLEL_MERGE_ROWS = 20000
# Bytes of new full-text entries SQLite keeps in memory before it writes them as a segment: more
# during a rebuild (fewer segments to merge: a third less time inserting), SQLite's default after.
FTS_BULK_HASH = 64 << 20
FTS_HASH = 1 << 20

# What reading a damaged index can raise: SQLite's own errors ("database disk image is
# malformed", "Could not decode to UTF-8"), and undecodable or misshapen JSON in its columns.
# the tables whose rows carry a checksum, and the columns it covers
CHECKSUMMED = (("names", "name, aid, seq"), ("quotes", "aid, seq, start, published"),
               ("dates", "aid, seq, start, type, ckey, published"))
INDEX_ERRORS = (sqlite3.DatabaseError, ValueError, TypeError, KeyError, IndexError, AttributeError)


class IndexDamaged(sqlite3.DatabaseError):
    """The index failed a check; it is rebuilt from the documents."""


class ArticleUnreadable(StoreError):
    """The document of an article a query prints from cannot be read, or no longer holds the
    item the index points at (the document, not the index, is what is wrong)."""

    def __init__(self, aid: str, what: str):
        super().__init__(f"the document of article {aid!r} {what}; run `factx extract` again on the "
                         "article to repair it")


# What a row of quotes or dates gives to print it: where its item is in the article's document
# (the item itself, with its text and sentence, is read from the document: see Index._item), and
# its checksum (of the columns before it).
_QUOTE_COLS = "q.aid, q.seq, q.start, q.published, q.crc, q.speaker_pid"
_DATE_COLS = "d.aid, d.seq, d.start, d.type, d.ckey, d.published, d.crc"
_ITEM_CRC_AT = {"quotes": 4, "dates": 6}
# Article documents a reader keeps parsed (the items of a page come article by article).
DOCUMENTS_KEPT = 64


SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles(rid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, key TEXT, file TEXT,
    title TEXT, published TEXT, published_source TEXT, chars INTEGER, n_entities INTEGER, n_quotes INTEGER,
    n_dates INTEGER, warnings TEXT, rowcrc INTEGER, context TEXT, merged INTEGER, hash TEXT);
CREATE INDEX IF NOT EXISTS articles_new ON articles(rid) WHERE merged = 0;
CREATE TABLE IF NOT EXISTS names(rid INTEGER PRIMARY KEY, article INTEGER, aid TEXT, name TEXT, key TEXT, count INTEGER,
    aliases TEXT, gender TEXT, pid INTEGER, evidence TEXT, published TEXT, n_attrs INTEGER, seq INTEGER, crc INTEGER);
CREATE INDEX IF NOT EXISTS names_article ON names(article);
CREATE INDEX IF NOT EXISTS names_name ON names(name);
CREATE INDEX IF NOT EXISTS names_new ON names(rid) WHERE pid IS NULL;
CREATE INDEX IF NOT EXISTS names_pid ON names(pid, published);
CREATE INDEX IF NOT EXISTS names_pid_count ON names(pid, count DESC, aid, n_attrs);
CREATE TABLE IF NOT EXISTS quotes(rid INTEGER PRIMARY KEY, article INTEGER, aid TEXT, seq INTEGER, stmt INTEGER,
    kind TEXT, partial INTEGER, published TEXT, speaker_row INTEGER, speaker_pid INTEGER, stmt_row INTEGER,
    stmt_pid INTEGER, start INTEGER, crc INTEGER);
CREATE INDEX IF NOT EXISTS quotes_aid ON quotes(aid, seq);
CREATE INDEX IF NOT EXISTS quotes_stmt_pid ON quotes(stmt_pid, aid, seq);
CREATE INDEX IF NOT EXISTS quotes_speaker_pid ON quotes(speaker_pid, partial, published);
CREATE INDEX IF NOT EXISTS quotes_stmt ON quotes(stmt);
CREATE INDEX IF NOT EXISTS quotes_speaker_row ON quotes(speaker_row) WHERE speaker_row IS NOT NULL;
CREATE INDEX IF NOT EXISTS quotes_stmt_row ON quotes(stmt_row) WHERE stmt_row IS NOT NULL;
CREATE TABLE IF NOT EXISTS quote_about(quote INTEGER, row INTEGER, pid INTEGER, published TEXT);
CREATE INDEX IF NOT EXISTS quote_about_pid ON quote_about(pid, published);
CREATE INDEX IF NOT EXISTS quote_about_quote ON quote_about(quote);
CREATE INDEX IF NOT EXISTS quote_about_row ON quote_about(row);
CREATE TABLE IF NOT EXISTS speaker_tokens(token TEXT, stmt INTEGER, pid INTEGER);
CREATE INDEX IF NOT EXISTS speaker_tokens_token ON speaker_tokens(token, pid, stmt);
CREATE INDEX IF NOT EXISTS speaker_tokens_stmt ON speaker_tokens(stmt);
CREATE VIRTUAL TABLE IF NOT EXISTS quote_fts USING fts5(text, content='', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS date_fts USING fts5(text, content='', tokenize='unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS dates(rid INTEGER PRIMARY KEY, article INTEGER, aid TEXT, seq INTEGER, start INTEGER,
    type TEXT, ckey TEXT, published TEXT, crc INTEGER);
CREATE INDEX IF NOT EXISTS dates_aid ON dates(aid, seq);
CREATE INDEX IF NOT EXISTS dates_ckey ON dates(ckey, aid, start);
CREATE TABLE IF NOT EXISTS date_people(date INTEGER, row INTEGER, pid INTEGER, ckey TEXT, aid TEXT, start INTEGER);
CREATE INDEX IF NOT EXISTS date_people_pid ON date_people(pid, ckey, aid, start);
CREATE INDEX IF NOT EXISTS date_people_date ON date_people(date);
CREATE INDEX IF NOT EXISTS date_people_row ON date_people(row);
CREATE TABLE IF NOT EXISTS entities(article INTEGER, label TEXT, key TEXT, text TEXT, count INTEGER);
CREATE INDEX IF NOT EXISTS entities_article ON entities(article);
CREATE INDEX IF NOT EXISTS entities_key ON entities(label, key);
CREATE TABLE IF NOT EXISTS persons(pid INTEGER PRIMARY KEY, id TEXT UNIQUE, name TEXT, aliases TEXT,
    mentions INTEGER, n_articles INTEGER, base TEXT, first TEXT);
CREATE INDEX IF NOT EXISTS persons_base ON persons(base);
CREATE INDEX IF NOT EXISTS persons_mentions ON persons(mentions DESC, name);
CREATE TABLE IF NOT EXISTS entity_summary(label TEXT, name TEXT, mentions INTEGER, articles TEXT, aliases TEXT,
    n_articles INTEGER, crc INTEGER, key TEXT);
CREATE INDEX IF NOT EXISTS entity_summary_key ON entity_summary(label, key);
CREATE INDEX IF NOT EXISTS entity_summary_mentions ON entity_summary(mentions DESC, label, name);
CREATE TABLE IF NOT EXISTS co_mentioned(pid INTEGER, name TEXT, id TEXT, articles INTEGER, rank INTEGER);
CREATE INDEX IF NOT EXISTS co_mentioned_pid ON co_mentioned(pid, rank);
CREATE TABLE IF NOT EXISTS alias_tokens(token TEXT, pid INTEGER);
CREATE INDEX IF NOT EXISTS alias_tokens_token ON alias_tokens(token, pid);
CREATE INDEX IF NOT EXISTS alias_tokens_pid ON alias_tokens(pid);
CREATE TABLE IF NOT EXISTS name_ids(nid INTEGER PRIMARY KEY, name TEXT UNIQUE, key TEXT);
CREATE TABLE IF NOT EXISTS name_links(link TEXT, nid INTEGER, PRIMARY KEY(link, nid)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS name_links_nid ON name_links(nid);
CREATE TABLE IF NOT EXISTS features(feature TEXT PRIMARY KEY, df INTEGER) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dirty(name TEXT, pid INTEGER);
CREATE TABLE IF NOT EXISTS dirty_entities(label TEXT, key TEXT, PRIMARY KEY(label, key)) WITHOUT ROWID;
"""

# The indexes of names on their person ids, built after the person merge in a bulk rebuild.
_NAMES_PID_INDEXES = tuple(sql for sql in re.findall(r"CREATE INDEX [^;]*;", SCHEMA)
                           if " ON names(" in sql and "pid" in sql.split(" ON ")[1])

# The tables an article's rows live in, with the column naming the article (or its quotes and
# dates), in the order they are written.
_TABLES = ("articles", "names", "quotes", "quote_about", "speaker_tokens", "quote_fts", "dates", "date_fts", "date_people",
           "entities")


# The columns of the rows a rebuild worker makes (chunk_rows) that hold a row id of articles,
# names, quotes or dates, numbered from 1 in each chunk: by column, the table it numbers.
_CHUNK_REFS = {
    "articles": {0: "articles"},
    "names": {0: "names", 1: "articles"},
    "quotes": {0: "quotes", 1: "articles", 4: "quotes", 8: "names", 10: "names"},
    "quote_about": {0: "quotes", 1: "names"},
    "speaker_tokens": {1: "quotes"},
    "quote_fts": {0: "quotes"},
    "dates": {0: "dates", 1: "articles"},
    "date_fts": {0: "dates"},
    "date_people": {0: "dates", 1: "names"},
    "entities": {0: "articles"},
}


def key_of(name: str) -> str:
    return " ".join(name_token_tuple(name))


def _fold(text: str) -> str:
    """``names.fold``, at once for ASCII text (nothing to decompose)."""
    return text.casefold() if text.isascii() else fold(text)


def sentence_text(text: str, item: dict[str, Any]) -> Optional[str]:
    """The text of an item's sentence (``sentence_start``/``sentence_end``), or None."""
    s, e = item.get("sentence_start"), item.get("sentence_end")
    return text[s:e].strip() if s is not None and e is not None else None


def _crc(*parts: Any) -> int:
    return zlib.crc32("\0".join([p if type(p) is str else "" if p is None else str(p) for p in parts])
                      .encode("utf-8", "surrogatepass"))


def _crc_with_bytes(*parts: Any) -> int:
    """``_crc`` of parts some of which are UTF-8 bytes, without decoding them (a long list read
    from the index as a blob)."""
    crc = 0
    for n, p in enumerate(parts):
        if n:
            crc = zlib.crc32(b"\0", crc)
        crc = zlib.crc32(p if isinstance(p, bytes) else ("" if p is None else str(p)).encode("utf-8", "surrogatepass"),
                         crc)
    return crc


def row_crc(row: tuple) -> int:
    """A checksum of an article's row as `factx articles` lists it (id to warnings)."""
    return zlib.crc32(json.dumps(row, ensure_ascii=False).encode("utf-8", "surrogatepass"))


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # one encoder, not one per call


def _dumps(obj: Any) -> str:
    return _ENCODE(obj)


# ---- words of statements (quotes --contains) ------------------------------------------------
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_COMPOUND = re.compile(r"[^\W_]+(?:['’]?[-‐‑/][^\W_]+)+", re.UNICODE)
_JOINERS = re.compile(r"(?<=[^\W_])[-‐‑](?=[^\W_])", re.UNICODE)


def words_of(text: str) -> list[str]:
    """Folded words (case and accents ignored; hyphens split words, apostrophes do not)."""
    return _WORD.findall(_fold(text))


_SPLITTERS = re.compile(r"[-‐‑/]")
# Characters outside ASCII that are not letters or digits: words_of splits words there; FTS5's
# tokenizer (unicode61, of an older Unicode) keeps some of them in words (private use,
# unassigned, some marks), so they are given to it as spaces.
_NOT_WORD = re.compile(r"[^\w\x00-\x7f‐‑’]")


def _compounds(folded: str) -> list[str]:
    """``_COMPOUND.findall(folded)``, looked for only in the whitespace-separated tokens that
    hold a joiner: a compound never spans whitespace, and the regex tried at every word of a
    long sentence was a large part of an index rebuild's time."""
    return [c for token in folded.split() if _SPLITTERS.search(token) for c in _COMPOUND.findall(token)]


def fts_text(text: str) -> str:
    """What the full-text index is given of a statement: its folded text (FTS5's unicode61
    tokenizer then splits it into the words of ``words_of``), then each hyphenated compound
    joined ("e-mail" is also "email"), so either spelling finds it."""
    folded = _fold(text)
    if not folded.isascii():
        folded = _NOT_WORD.sub(" ", folded)
    if "-" in folded or "/" in folded or "‐" in folded or "‑" in folded:
        joined = [w for c in _compounds(folded) for w in _WORD.findall(_SPLITTERS.sub("", c))]
        if joined:
            return folded + " " + " ".join(joined)
    return folded


def contains_words(text: str, wanted: str) -> bool:
    """Whether ``text`` has the words of ``wanted`` in a row (whole words, case- and
    accent-insensitive; a hyphenated compound matches its parts or the joined word)."""
    q = words_of(wanted)
    if not q:
        return True
    split = f" {' '.join(words_of(text))} "
    if f" {' '.join(q)} " in split:
        return True
    joined = f" {' '.join(words_of(_JOINERS.sub('', _fold(text))))} "
    return f" {' '.join(words_of(_JOINERS.sub('', _fold(wanted))))} " in joined


def fts_query(wanted: str) -> Optional[str]:
    """An FTS5 query that finds every statement ``contains_words`` can accept (each word, or a
    compound's parts as a phrase or its joined form); None when the text has no words."""
    parts = []
    for token in _fold(wanted).split():
        comps = _COMPOUND.fullmatch(token.strip(".,;:!?\"'()[]{}“”‘’"))
        split = _WORD.findall(token)
        if not split:
            continue
        if comps and len(split) > 1:
            joined = "".join(_WORD.findall(_JOINERS.sub("", token)))
            parts.append(f'("{" ".join(split)}" OR "{joined}")')
        else:
            parts.extend(f'"{w}"' for w in split)
    return " AND ".join(parts) if parts else None


# ---- the index file ------------------------------------------------------------------------
def _healing(method):
    """A reading method of Index that rebuilds a damaged index and tries once more."""
    @functools.wraps(method)
    def read(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except INDEX_ERRORS as err:
            _not_busy(self.store, err)
            self.rebuild(err)
            return method(self, *args, **kwargs)
    return read


def _not_busy(store: Store, err: BaseException) -> None:
    """A database another process holds locked past the wait (a long rebuild or extract) is
    busy, not damaged: StoreBusy, never a rebuild that would delete the other process's work."""
    if isinstance(err, sqlite3.OperationalError) and any(w in str(err).lower() for w in ("locked", "busy")):
        raise StoreBusy(f"another factx process is writing the index of {store.root} (an extract or an index "
                        "rebuild); ask again when it is done") from err


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
    def __init__(self, store: Store, path: Optional[Path] = None, readonly: bool = False, check: bool = False,
                 check_some: bool = False):
        """The index at ``path`` (default: in the store). ``readonly`` opens it without writing
        anything (for a store this process cannot write). ``check`` runs SQLite's quick_check
        and verifies every row's checksum; so does opening an index whose last writer did not
        close it (a write-ahead log is left). ``check_some`` verifies the next rows in turn
        (ROWS_CHECKED_PER_EXTRACT of each table). A failed check raises IndexDamaged."""
        self.store = store
        self.notes: list[str] = []  # things a user should hear about (a bad factx-people.json)
        self.corrupt: list = []  # corrupt article documents met (refresh), also after a rebuild
        self.path = Path(store.root) / INDEX if path is None else path
        self.readonly = readonly
        self._pending: dict[str, list] = {}
        self._pending_ids: set[str] = set()
        self._next: dict[str, int] = {}
        self.merge_stats: Counter = Counter()  # what the last person merge read (factx.merging)
        # the context features of every article of a rebuild in workers, counted there (None
        # otherwise): the next merge of everyone need not count them again
        self._counted: Optional[CountedFeatures] = None
        self._open(check, check_some)

    def _open(self, check: bool = False, check_some: bool = False) -> None:
        memory = str(self.path) == ":memory:"
        self._documents: dict[str, dict[str, Any]] = {}
        self._pending, self._pending_ids, self._next = {}, set(), {}
        self._counted = None  # counts of a rebuild that did not reach its merge are not those of this index
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
        self.db.execute(f"PRAGMA cache_size=-{self._cache_kb()}")
        if (check or unclean) and not memory:
            self.check()
        version = self.db.execute("SELECT value FROM meta WHERE name='version'").fetchone() \
            if self.db.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone() else None
        if version is None or version[0] != INDEX_VERSION or self.db.execute(
                "SELECT 1 FROM meta WHERE name='building'").fetchone():  # a bulk rebuild was stopped
            self._reset()
        elif check:
            self.check_rows()
        elif check_some:
            self.check_next_rows(ROWS_CHECKED_PER_EXTRACT)

    def check(self) -> None:
        """SQLite's quick_check of the whole file; IndexDamaged if it finds anything."""
        problems = [r[0] for r in self.db.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise IndexDamaged(f"index {self.path} is damaged: {'; '.join(map(str, problems))[:200]}")

    def check_rows(self) -> None:
        """Every row against its checksum; IndexDamaged at the first mismatch."""
        for table, cols in CHECKSUMMED:
            self._check_rows(table, self.db.execute(f"SELECT {cols}, crc FROM {table}"))

    def check_next_rows(self, n: int) -> None:
        """The next ``n`` rows of each table after those the last call checked (from the start
        again after the end), against their checksums; IndexDamaged at the first mismatch."""
        for table, cols in CHECKSUMMED:
            key = f"checked_{table}"
            after = self.db.execute("SELECT value FROM meta WHERE name=?", (key,)).fetchone()
            after = int(after[0]) if after and str(after[0]).isdigit() else 0
            rows = self.db.execute(f"SELECT {cols}, crc, rowid FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                   (after, n)).fetchall()
            self._check_rows(table, (row[:-1] for row in rows))
            last = rows[-1][-1] if len(rows) == n else 0
            self.db.execute("INSERT OR REPLACE INTO meta VALUES(?, ?)", (key, str(last)))

    def _check_rows(self, table: str, rows: Iterable[tuple]) -> None:
        for row in rows:
            if _crc(*row[:-1]) != row[-1]:
                raise IndexDamaged(f"index {self.path} is damaged: a row of {table} does not match its checksum")

    def signature(self) -> str:
        from factx.people import corrections_signature

        return self.store.signature() + "|" + corrections_signature(Path(self.store.root))

    def is_current(self, full_check: bool = False) -> bool:
        """Up to date with the store, without writing anything (the read-only case)."""
        recorded = dict(self.db.execute("SELECT name, value FROM meta"))
        if recorded.get("signature") != self.signature() or recorded.get("persons_current") != "1":
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
        for kind, name in self.db.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') "
                                          "AND name NOT LIKE 'sqlite_%'").fetchall():
            try:
                self.db.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
            except sqlite3.OperationalError:  # a shadow table of FTS5, gone with its table
                pass
        self.db.executescript(SCHEMA)
        self.db.execute("INSERT INTO meta VALUES('version', ?)", (INDEX_VERSION,))

    def close(self) -> None:
        self.db.close()

    # ---- writing ---------------------------------------------------------------------------
    def begin(self) -> None:
        """Start writing: the write lock is taken now (a query bringing the index up to date
        while an extract writes it waits for it), and row ids are numbered from what is there."""
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
            self._next = {}

    def commit(self) -> None:
        self.flush()
        if self.db.in_transaction:
            self.db.execute("COMMIT")

    def _rid(self, table: str) -> int:
        """The next row id of a table (rows are numbered here, so that one article's rows can
        point at each other before they are written; inside the write transaction of begin())."""
        if table not in self._next:
            self._next[table] = self._first_free(table)
        self._next[table] += 1
        return self._next[table] - 1

    def _first_free(self, table: str) -> int:
        """The next row id of a table: after its rows, and after those taken out whose words
        the full-text indexes still hold (see _forget_words)."""
        top = (self.db.execute(f"SELECT max(rid) FROM {table}").fetchone()[0] or 0) + 1
        kept = self.db.execute("SELECT value FROM meta WHERE name=?", (f"next_{table}",)).fetchone()
        return max(top, int(kept[0])) if kept and str(kept[0]).isdigit() else top

    def add(self, doc: dict[str, Any], key: str, file: Optional[str] = None, digest: Optional[str] = None) -> None:
        """Index one article (replacing what it had); rows are written in batches, at the
        latest by commit(). ``file``, ``digest``: its document's file and content hash (by
        default, the manifest's)."""
        aid = doc["id"]
        if aid in self._pending_ids:
            self.flush()
        self.remove(aid)
        if file is None or digest is None:
            entry = self.store.entries.get(aid) if self.store._entries is not None or self.store.writing else None
            file = (entry or {}).get("file") if file is None else file
            digest = (entry or {}).get("hash") if digest is None else digest
        self.begin()
        rows = checked_rows(aid, doc, key, file, self._rid, digest)
        self.begin()
        for table, table_rows in rows.items():
            self._pending.setdefault(table, []).extend(table_rows)
        self._pending_ids.add(aid)
        if len(self._pending_ids) >= FLUSH_ARTICLES:
            self.flush()

    def flush(self) -> None:
        """Write the rows add() buffered."""
        if not self._pending_ids:
            return
        pending, self._pending, self._pending_ids = self._pending, {}, set()
        self.begin()
        for table in _TABLES:
            table_rows = pending.get(table)
            if table_rows:
                marks = ",".join("?" * len(table_rows[0]))
                cols = "(rowid, text)" if table.endswith("_fts") else ""
                self.db.executemany(f"INSERT INTO {table}{cols} VALUES({marks})", table_rows)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES('persons_current', '0')")

    def _rows(self, aid: str, doc: dict[str, Any], key: str, file: Optional[str]) -> dict[str, list[tuple]]:
        """Every row of one article, numbered, ready for executemany."""
        return article_rows(aid, doc, key, file, self._rid)

    def _reserve(self, table: str, n: int) -> int:
        """Take the next ``n`` row ids of a table; returns the one before the first."""
        if table not in self._next:
            self._next[table] = self._first_free(table)
        base = self._next[table] - 1
        self._next[table] += n
        return base

    def remove(self, aid: str) -> None:
        row = self.db.execute("SELECT rid, merged, context, file, hash FROM articles WHERE id=?", (aid,)).fetchone()
        if row is None:
            return
        self.begin()
        arid = row[0]
        if row[1]:
            self._forget_merged(arid, row[2])
        self._forget_words(aid, row[3], row[4])
        sub = "(SELECT rid FROM quotes WHERE aid=?)"
        for sql, key in ((f"DELETE FROM quote_about WHERE quote IN {sub}", aid),
                         (f"DELETE FROM speaker_tokens WHERE stmt IN {sub}", aid),
                         ("DELETE FROM date_people WHERE date IN (SELECT rid FROM dates WHERE aid=?)", aid),
                         ("DELETE FROM quotes WHERE aid=?", aid), ("DELETE FROM dates WHERE aid=?", aid),
                         ("DELETE FROM names WHERE article=?", arid), ("DELETE FROM entities WHERE article=?", arid),
                         ("DELETE FROM articles WHERE rid=?", arid)):
            self.db.execute(sql, (key,))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES('persons_current', '0')")

    def _forget_words(self, aid: str, file: Any, digest: Any) -> None:
        """Take an article's statements and dated sentences out of the full-text indexes. They
        keep no copy of the text (contentless), and FTS5 needs the words it was given to delete
        them: they are worked out again from the article's document while it is still the one
        indexed (its content hash; `extract` takes an article out before writing its new
        document). Else (a document replaced or damaged behind the index's back) the words stay,
        counted in meta ``fts_stale``: they point at no row any more (row ids are not reused
        while they are there), and every match is checked against the document's text anyway;
        a rebuild drops them."""
        from factx.store import content_hash

        quotes = self.db.execute("SELECT rid, stmt, seq FROM quotes WHERE aid=? ORDER BY stmt, seq", (aid,)).fetchall()
        dates = self.db.execute("SELECT rid, seq FROM dates WHERE aid=?", (aid,)).fetchall()
        if not quotes and not dates:
            return
        doc = None
        if isinstance(digest, str) and isinstance(file, str):
            try:
                data = self.store.document_path({"file": file}).read_bytes()
                if content_hash(data) == digest:
                    doc, _ = self.store.load_document(aid, file, data)
            except (OSError, ValueError):
                doc = None
        try:
            texts: dict[int, list[str]] = {}
            for _, stmt, seq in quotes:
                texts.setdefault(stmt, []).append(doc["quotes"][seq]["text"])
            deleted_dates = [(rid, fts_text(sentence_text(doc["text"], doc["dates"][seq]) or doc["dates"][seq]["text"]))
                             for rid, seq in dates]
        except (TypeError, KeyError, IndexError, AttributeError):  # no document, or not the one indexed
            stale = len({stmt for _, stmt, _ in quotes}) + len(dates)
            self.db.execute("INSERT OR IGNORE INTO meta VALUES('fts_stale', 0)")
            self.db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE name='fts_stale'", (stale,))
            for table in ("quotes", "dates"):  # their row ids not given again while the words are there
                top = self.db.execute(f"SELECT max(rid) FROM {table}").fetchone()[0] or 0
                self.db.execute("INSERT OR REPLACE INTO meta VALUES(?, max(?, coalesce((SELECT CAST(value AS INTEGER) "
                                "FROM meta WHERE name=?), 0)))", (f"next_{table}", top + 1, f"next_{table}"))
            return
        self.db.executemany("INSERT INTO quote_fts(quote_fts, rowid, text) VALUES('delete', ?, ?)",
                            [(stmt, fts_text(" ".join(parts))) for stmt, parts in texts.items()])
        self.db.executemany("INSERT INTO date_fts(date_fts, rowid, text) VALUES('delete', ?, ?)", deleted_dates)

    def _forget_merged(self, arid: int, context: Optional[str]) -> None:
        """What the person merge counted of an article about to be removed: its names and their
        persons and its entities are merged again, its context features no longer counted."""
        self.db.execute("INSERT INTO dirty SELECT name, pid FROM names WHERE article=?", (arid,))
        self.db.execute("INSERT OR IGNORE INTO dirty_entities SELECT label, key FROM entities WHERE article=?", (arid,))
        if context is None:
            return
        first = self.db.execute(f"SELECT {FIRST_NAME} FROM articles a WHERE rid=?", (arid,)).fetchone()[0]
        self.db.executemany("UPDATE features SET df = df - 1 WHERE feature=?",
                            [(f,) for f in counted_features(context, first)])
        self.db.execute("UPDATE meta SET value = CAST(value AS INTEGER) - 1 WHERE name='context_articles'")

    def rebuild_persons(self, full: Optional[bool] = None) -> Counter:
        """Merge people across the corpus (factx.merging, which asks factx.names), record each
        article's person and the evidence, and give every quote and date its people. Only the
        groups of the names added or removed since the last merge are merged again, unless
        ``full``, the user's corrections changed, or much of the corpus is new (see
        factx.merging for when that can differ from a full merge). Returns what was merged."""
        from factx.people import corrections_signature, load_corrections

        self.flush()
        corrections, problems = load_corrections(Path(self.store.root))
        self.notes += problems
        state = f"{INDEX_VERSION}|{corrections_signature(Path(self.store.root))}"
        self.begin()
        if full is None:
            full = self._merge_state() != state or self._mostly_new()
        workers = _rebuild_workers() if full and self._names_rows() >= PARALLEL_MERGE_ROWS else 0
        # the features the rebuild's workers counted are those of every article (the index was
        # empty), so a merge of everyone takes them as they are
        counted, self._counted = self._counted, None
        with _pool(workers) as pool:
            merge = PersonMerge(self.db, corrections, lambda pid, name: self._co_mentioned(pid, name, CO_KEEP),
                                CO_HEAVY, self._summarize_entities, self._index_names_by_person, pool, workers,
                                counted if full else None)
            if full:
                merge.merge_all()
            else:
                merge.merge_changes()
        self.db.execute("INSERT OR REPLACE INTO meta VALUES('merge_state', ?)", (state,))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES('persons_current', '1')")
        self.commit()
        merge.stats["full"] = int(full)
        return merge.stats

    def _names_rows(self) -> int:
        return self.db.execute("SELECT coalesce(max(rid), 0) FROM names").fetchone()[0]

    def _index_names_by_person(self) -> None:
        """The indexes of names by person, once every row has its person (a bulk rebuild leaves
        them out until then: the merge gives every row a pid, which would move every entry)."""
        for sql in _NAMES_PID_INDEXES:
            self.db.execute(sql)

    def _merge_state(self) -> Optional[str]:
        row = self.db.execute("SELECT value FROM meta WHERE name='merge_state'").fetchone()
        return row[0] if row else None

    def _mostly_new(self) -> bool:
        """Whether so many names rows are new that merging everything is the quicker way."""
        new = self.db.execute("SELECT count(*) FROM names WHERE pid IS NULL").fetchone()[0]
        total = self.db.execute("SELECT coalesce(max(rid), 0) - coalesce(min(rid), 0) + 1 FROM names").fetchone()[0]
        return new > max(FULL_SHARE * total, FULL_MIN_ROWS)

    def _summarize_entities(self, groups: Optional[list[tuple[str, str]]] = None) -> None:
        """Other entities grouped by label and folded name (all, or these ``(label, key)``),
        once per change, not per query; one entity at a time."""
        if groups is None:
            self.db.execute("DELETE FROM entity_summary")
            # aggregated in SQL from a scan of the table, sorted there (read in the order of
            # entities_key, its rows would be read at random, which grows much slower than the
            # table does): each text's count and articles, the texts of an entity one after another
            texts: dict[str, int] = {}
            ids: list[str] = []

            def entities() -> Iterator[tuple]:
                for (lab, key), run in itertools.groupby(self.db.execute(
                        "SELECT e.label, e.key, e.text, sum(e.count), json_group_array(a.id) FROM entities e NOT INDEXED "
                        "JOIN articles a ON a.rid = e.article GROUP BY e.label, e.key, e.text ORDER BY e.label, e.key"),
                        key=lambda row: row[:2]):
                    texts.clear()
                    ids.clear()
                    for _, _, text, n, text_ids in run:
                        texts[text] = n
                        ids.extend(json.loads(text_ids))
                    yield _entity_summary_of(lab, key, texts, ids)
            summaries = entities()
        else:
            runs = (self.db.execute("SELECT e.label, e.key, a.id, e.text, e.count FROM entities e JOIN articles a "
                                    "ON a.rid = e.article WHERE e.label=? AND e.key=? ORDER BY e.rowid", g).fetchall()
                    for g in groups)
            for g in groups:
                self.db.execute("DELETE FROM entity_summary WHERE label=? AND key=?", g)
            summaries = (_entity_summary(run) for run in runs if run)
        batch = []
        for summary in summaries:
            batch.append(summary)
            if len(batch) >= 10_000:
                self.db.executemany("INSERT INTO entity_summary VALUES(?,?,?,?,?,?,?,?)", batch)
                batch = []
        self.db.executemany("INSERT INTO entity_summary VALUES(?,?,?,?,?,?,?,?)", batch)

    # ---- freshness -------------------------------------------------------------------------
    def stale_articles(self) -> tuple[list[str], list[str]]:
        """(ids to (re)index, ids to drop) so that the index matches the store's manifest."""
        indexed = {aid: (key, file) for aid, key, file in self.db.execute("SELECT id, key, file FROM articles")}
        entries = self.store.entries
        todo = sorted(aid for aid, e in entries.items() if indexed.get(aid) != (e.get("key"), e.get("file")))
        gone = [aid for aid in indexed if aid not in entries]
        return todo, gone

    def refresh(self, full_check: bool = False) -> list:
        """Bring the index up to date from the article documents; returns corrupt articles.
        When the manifest and journal are unchanged since the last refresh (their size and
        modification time, recorded in the index), nothing is read (unless ``full_check``,
        which also looks for damaged documents)."""
        self.flush()
        signature = self.signature()
        recorded = dict(self.db.execute("SELECT name, value FROM meta"))
        if recorded.get("signature", "").split("|")[-1:] != signature.split("|")[-1:]:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES('persons_current', '0')")  # corrections changed
        if not full_check and recorded.get("signature") == signature and recorded.get("persons_current") == "1":
            return []
        self.db.execute(f"PRAGMA cache_size=-{CACHE_KB}")
        try:
            return self._refresh(signature, full_check)
        finally:
            try:
                self.db.execute(f"PRAGMA cache_size=-{self._cache_kb()}")
            except sqlite3.Error:  # closed by a rebuild that failed
                pass

    def _cache_kb(self) -> int:
        return CACHE_KB if self.store.writing else READ_CACHE_KB

    def _refresh(self, signature: str, full_check: bool) -> list:
        from factx.store import CorruptArticle

        todo, gone = self.stale_articles()
        damaged = self.store.damaged_articles(full=full_check)
        corrupt = [CorruptArticle(aid, self.store.entries[aid].get("file", ""), damaged[aid])
                   for aid in sorted(damaged)]
        todo = [aid for aid in todo if aid not in damaged]
        bulk = len(todo) >= BULK and self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None
        if bulk:
            self._bulk_start()
            for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
                                           "AND name != 'persons_mentions'").fetchall():
                self.db.execute(f'DROP INDEX "{name}"')
        if todo or gone or damaged:
            self.begin()
            for aid in [*gone, *damaged]:
                self.remove(aid)
            workers = _rebuild_workers() if bulk and len(todo) >= PARALLEL_MIN else 0
            if workers:
                self._add_in_workers(todo, workers, corrupt)
            else:
                entries = self.store.entries
                pairs = [(aid, entries[aid].get("file")) for aid in todo]
                for aid, data in self.store.read_ahead(pairs) if len(todo) > 1 else ((a, None) for a, _ in pairs):
                    entry = entries[aid]
                    try:
                        self.add(self.store.read_document(aid, entry.get("file"), data), entry.get("key", ""),
                                 entry.get("file"), entry.get("hash"))
                    except ValueError as err:
                        self.remove(aid)
                        corrupt.append(CorruptArticle(aid, entry.get("file", ""), str(err)))
            self.commit()
        if bulk:
            # the indexes, built once over all the rows: those the person merge reads now, those
            # of the tables it gives person ids to after it (rather than kept up to date row by row)
            for sql in re.findall(r"CREATE INDEX [^;]*;", SCHEMA):
                if not re.search(r" ON (quotes|speaker_tokens|quote_about|date_people|dates)\(", sql) \
                        and sql not in _NAMES_PID_INDEXES:
                    self.db.execute(sql)
        current = self.db.execute("SELECT value FROM meta WHERE name='persons_current'").fetchone()
        if current is None or current[0] != "1":
            self.merge_stats = self.rebuild_persons()
        if bulk:
            self.db.executescript(SCHEMA)
            self._bulk_end()
        if not corrupt:  # a damaged document is looked at again next time
            self.db.execute("INSERT OR REPLACE INTO meta VALUES('signature', ?)", (signature,))
        return corrupt

    def _add_in_workers(self, todo: list[str], workers: int, corrupt: list) -> None:
        """Index the articles ``todo`` into an empty index with worker processes reading the
        documents and making their rows (``chunk_rows``, a chunk of articles each, numbered from
        1), while this process numbers them on from what is written (the same row ids as
        adding them one by one) and writes them, chunk after chunk in order. Should a worker die
        (killed, out of memory), the chunks not written yet are made here instead."""
        from collections import deque
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        entries = self.store.entries
        items = ((aid, entries[aid].get("key", ""), entries[aid].get("file"), entries[aid].get("hash")) for aid in todo)
        chunks = iter(lambda: list(itertools.islice(items, PARALLEL_CHUNK)), [])
        root = str(self.store.root)
        self.begin()
        self._counted = CountedFeatures()  # the chunks' context features, for the person merge
        pending: deque = deque()  # (chunk, its future), in order
        try:
            with ProcessPoolExecutor(workers, mp_context=_pool_context()) as pool:
                for chunk in chunks:
                    pending.append((chunk, pool.submit(chunk_rows, root, chunk)))
                    while len(pending) >= 2 * workers or pending and pending[0][1].done():
                        self._write_chunk(*pending[0][1].result(), corrupt)
                        pending.popleft()
                while pending:
                    self._write_chunk(*pending[0][1].result(), corrupt)
                    pending.popleft()
        except BrokenProcessPool:
            for chunk in itertools.chain((c for c, _ in pending), chunks):
                self._write_chunk(*chunk_rows(root, chunk), corrupt)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES('persons_current', '0')")

    def _write_chunk(self, rows: dict[str, list[tuple]], used: dict[str, int], bad: list,
                     features: CountedFeatures, corrupt: list) -> None:
        from factx.store import CorruptArticle

        base = {t: self._reserve(t, used.get(t, 0)) for t in ("articles", "names", "quotes", "dates")}
        for table in _TABLES:
            table_rows = rows.get(table)
            if table_rows:
                # the chunk's row ids renumbered in SQL (NULL stays NULL), not row by row here
                refs = _CHUNK_REFS[table]
                marks = ",".join(f"?+{base[refs[i]]}" if i in refs else "?" for i in range(len(table_rows[0])))
                cols = "(rowid, text)" if table.endswith("_fts") else ""
                self.db.executemany(f"INSERT INTO {table}{cols} VALUES({marks})", table_rows)
        corrupt.extend(CorruptArticle(aid, file, reason) for aid, file, reason in bad)
        self._counted.update(features)

    def _bulk_start(self) -> None:
        """Before a rebuild into an empty index: no rollback journal and no syncs until it is
        done (the rows are written once, not also to the log). A crash meanwhile leaves the
        mark ``building``: the next process starts the index again (see _open)."""
        if str(self.path) == ":memory:" or self.db.in_transaction:
            return
        self.db.execute("INSERT OR REPLACE INTO meta VALUES('building', '1')")
        try:
            self.db.execute("PRAGMA journal_mode=OFF")  # stays WAL while another process reads it
        except sqlite3.OperationalError:
            pass
        self.db.execute("PRAGMA synchronous=OFF")
        self._fts_hash(FTS_BULK_HASH)  # fewer, larger segments: less merging as rows come

    def _fts_hash(self, size: int) -> None:
        """The memory the full-text tables keep new entries in (an SQLite without the option
        keeps its own)."""
        for table in ("quote_fts", "date_fts"):
            try:
                self.db.execute(f"INSERT INTO {table}({table}, rank) VALUES('hashsize', ?)", (size,))
            except sqlite3.OperationalError:
                pass

    def _bulk_end(self) -> None:
        """After the rebuild: synced, back to the write-ahead log, the mark removed."""
        if str(self.path) == ":memory:":
            return
        self._fts_hash(FTS_HASH)
        self.commit()
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("DELETE FROM meta WHERE name='building'")  # synced: written after everything else
        self.db.execute("PRAGMA synchronous=NORMAL")

    # ---- reading ---------------------------------------------------------------------------
    # Every reader checks what it decodes; on a damaged index (SQLite errors, bad JSON, a
    # checksum or a type that does not fit) it is rebuilt from the documents and read again.
    def stream(self, rows: Callable[[], Iterable[tuple]], decode: Callable[[tuple], Optional[dict]],
               limit: Optional[int] = None, offset: int = 0) -> Iterator[dict[str, Any]]:
        """Items decoded from ``rows()`` (an ordered query; ``decode`` returns None to skip a
        row), ``offset`` skipped and at most ``limit`` given. On a damaged index it is rebuilt
        and the query run again, going on after the items already given."""
        given = 0
        for attempt in (0, 1):
            source = iter(())

            def close() -> None:
                # a generator over cursors (heapq.merge of two queries) is closed while the
                # database is open: left to the garbage collector it would step a closed one
                # (a cursor left alone is harmless, and closing one after its database raises)
                if isinstance(source, types.GeneratorType):
                    try:
                        source.close()
                    except sqlite3.Error:  # its cursors' database went wrong or was closed
                        pass
            try:
                seen = 0
                source = iter(rows())
                for row in source:
                    item = decode(row)
                    if item is None:
                        continue
                    seen += 1
                    if seen <= offset + given:
                        continue
                    if limit is not None and given >= limit:
                        return
                    given += 1
                    if limit is not None and given >= limit:
                        close()  # the caller stops at the last item: nothing is left to read
                    yield item
                return
            except INDEX_ERRORS as err:
                close()  # before the rebuild closes the database under it
                if attempt:
                    raise
                self.rebuild(err)
            finally:
                close()

    @_healing
    def article_rows(self, limit: Optional[int] = None, offset: int = 0) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT id, title, published, chars, n_entities, n_quotes, n_dates, warnings, "
                               "published_source, rowcrc FROM articles ORDER BY id LIMIT ? OFFSET ?",
                               (-1 if limit is None else limit, offset)).fetchall()
        _expect(all(row_crc(r[:9]) == r[9] for r in rows))
        out = [{"id": r[0], "title": r[1], "published": r[2], "published_source": r[8], "characters": r[3],
                "entities": r[4], "quotes": r[5], "dates": r[6], "warnings": json.loads(r[7] or "[]")} for r in rows]
        for r in out:
            _expect(isinstance(r["id"], str) and _str_or_none(r["title"], r["published"], r["published_source"])
                    and _ints(r["characters"], r["entities"], r["quotes"], r["dates"]) and _strs(r["warnings"]))
        return out

    @_healing
    def resolve(self, ref: str) -> tuple[Optional[str], list[str]]:
        """(the id, its document's file) of the article ``ref`` names exactly, else of the one
        article whose id starts with it; (None, up to 11 candidates) otherwise."""
        row = self.db.execute("SELECT id, file FROM articles WHERE id=?", (ref,)).fetchone()
        if row is not None:
            _expect(isinstance(row[0], str))
            return row[0], [row[1]] if isinstance(row[1], str) else []
        if not ref:
            return None, []
        rows = self.db.execute("SELECT id, file FROM articles WHERE id > ? AND substr(id, 1, ?) = ? ORDER BY id "
                               "LIMIT 11", (ref, len(ref), ref)).fetchall()
        _expect(all(isinstance(r[0], str) for r in rows))
        if len(rows) == 1:
            return rows[0][0], [rows[0][1]] if isinstance(rows[0][1], str) else []
        return None, [r[0] for r in rows]

    @_healing
    def person_candidates(self, query: str) -> list[dict[str, Any]]:
        """Persons with an alias token for every token of the query (verified by the caller)."""
        tokens = sorted(set(name_tokens(query)))
        if not tokens or len(tokens) > MAX_QUERY_TOKENS:  # no alias has that many words
            return []
        return self.persons(self._pids_with_every_token("alias_tokens", tokens) or [])

    @_healing
    def persons(self, pids: Optional[list[int]] = None, top: Optional[int] = None,
                with_articles: bool = False) -> list[dict[str, Any]]:
        """Persons with ``n_articles``; ``with_articles`` also lists their article ids."""
        cols = "SELECT pid, id, name, aliases, mentions, n_articles FROM persons"
        if pids is None:
            rows = self.db.execute(cols + " ORDER BY mentions DESC, name" + (" LIMIT ?" if top else ""),
                                   (top,) if top else ())
        else:
            rows = [r for chunk in _chunks(pids, 500) for r in self.db.execute(
                f"{cols} WHERE pid IN ({','.join('?' * len(chunk))})", chunk)]
        out = [{"pid": r[0], "id": r[1], "name": r[2], "aliases": json.loads(r[3]), "mentions": r[4],
                "n_articles": r[5]} for r in rows]
        for p in out:
            _expect(_ints(p["pid"], p["mentions"], p["n_articles"]) and isinstance(p["id"], str)
                    and isinstance(p["name"], str) and _strs(p["aliases"]))
        if with_articles and pids is None and top is None:  # everyone: one pass over the names
            ids: dict[int, list[str]] = {}
            for pid, aid in self.db.execute("SELECT DISTINCT pid, aid FROM names ORDER BY pid, aid"):
                _expect(isinstance(aid, str))
                ids.setdefault(pid, []).append(aid)
            for p in out:
                p["articles"] = ids.get(p["pid"], [])
        elif with_articles:
            for p in out:
                p["articles"] = self.person_article_ids(p["pid"])
        return out

    def person_article_ids(self, pid: int) -> list[str]:
        ids = [r[0] for r in self.db.execute("SELECT DISTINCT aid FROM names WHERE pid=? ORDER BY aid", (pid,))]
        _expect(all(isinstance(i, str) for i in ids))
        return ids

    @_healing
    def person_by_id(self, person_id: str) -> Optional[dict[str, Any]]:
        row = self.db.execute("SELECT pid FROM persons WHERE id=?", (person_id,)).fetchone()
        return (self.persons([row[0]]) or [None])[0] if row else None

    def persons_named(self, query: str) -> list[dict[str, Any]]:
        """Persons whose corpus name is the query (folded)."""
        key = key_of(query)
        return [p for p in self.person_candidates(query) if key_of(p["name"]) == key]

    @_healing
    def main_role(self, pid: int, sample: int = 5) -> str:
        """The role most often given to a person in a few of their articles, "" when none."""
        roles: Counter = Counter()
        for row in self.db.execute("SELECT name, aid, seq, crc FROM names WHERE pid=? AND n_attrs > 0 LIMIT ?",
                                   (pid, sample)):
            roles.update(a["value"] for a in self._attributes(row)
                         if a.get("type") == "role" and isinstance(a.get("value"), str))
        return min(roles.items(), key=lambda kv: (-kv[1], kv[0]))[0] if roles else ""  # ties: by text

    @_healing
    def article_persons(self, article: str) -> dict[tuple[str, str], dict[str, Any]]:
        """(article, local name) -> the corpus person's id and name, for one article."""
        out = {}
        for local, pid, pname in self.db.execute(
                "SELECT n.name, p.id, p.name FROM articles a JOIN names n ON n.article = a.rid "
                "JOIN persons p ON p.pid = n.pid WHERE a.id=?", (article,)):
            _expect(isinstance(pid, str) and isinstance(pname, str) and isinstance(local, str))
            out[(article, local)] = {"id": pid, "name": pname}
        return out

    # ---- items read from the documents -----------------------------------------------------
    def _document(self, aid: str) -> dict[str, Any]:
        """The document of an indexed article (the last DOCUMENTS_KEPT read are kept). Only its
        id and text are checked here, the items printed from it by _item and _attributes (a
        whole document's check would be a third of the cost of a query printing from many)."""
        from factx.schema import check_text

        doc = self._documents.get(aid)
        if doc is None:
            row = self.db.execute("SELECT file FROM articles WHERE id=?", (aid,)).fetchone()
            _expect(row is not None and isinstance(row[0], str))
            try:
                doc, _ = self.store.load_document(aid, row[0])
                check_text(doc.get("text"))
            except ValueError as err:
                raise ArticleUnreadable(aid, f"cannot be read ({err})") from err
            if len(self._documents) >= DOCUMENTS_KEPT:
                del self._documents[next(iter(self._documents))]
            self._documents[aid] = doc
        return doc

    def _item(self, row: tuple, table: str) -> dict[str, Any]:
        """The quote or date a row of ``table`` (quotes, dates) points at, as its article's
        document has it, with the text of its sentence (``sentence``, None when unknown).
        ``row``: the columns _QUOTE_COLS or _DATE_COLS (the article id, the item's place in the
        document's list, its start and checksummed columns, its checksum)."""
        at = _ITEM_CRC_AT[table]
        aid, seq, start = row[:3]
        _expect(isinstance(aid, str) and _ints(seq, start) and _crc(*row[:at]) == row[at])
        doc = self._document(aid)
        items = doc.get(table, [])
        item = items[seq] if type(items) is list and 0 <= seq < len(items) else None
        if item is not None:
            _check_item(aid, item, table[:-1], f"{table}[{seq}]")
        if item is None or item.get("start") != start:
            raise ArticleUnreadable(aid, f"changed since it was indexed (its {table} differ)")
        return {**item, "sentence": sentence_text(doc["text"], item)}

    def _attributes(self, row: tuple) -> list[dict[str, Any]]:
        """The attributes (with their sentence) of the person a names row ``(name, article id,
        place in the document's people, checksum)`` points at, as the document has them."""
        name, aid, seq, crc = row
        _expect(isinstance(name, str) and isinstance(aid, str) and _ints(seq) and _crc(name, aid, seq) == crc)
        doc = self._document(aid)
        people_ = doc.get("people", [])
        person = people_[seq] if type(people_) is list and 0 <= seq < len(people_) else None
        if not isinstance(person, dict) or person.get("name") != name:
            raise ArticleUnreadable(aid, "changed since it was indexed (its people differ)")
        attributes = person.get("attributes", [])
        if type(attributes) is not list:
            raise ArticleUnreadable(aid, f"cannot be read (people[{seq}].attributes is not a list)")
        for n, a in enumerate(attributes):
            _check_item(aid, a, "attribute", f"people[{seq}].attributes[{n}]")
        return [{**a, "sentence": sentence_text(doc["text"], a)} for a in attributes]

    # ---- quotes ----------------------------------------------------------------------------
    def _person_ref(self, pid: Optional[int], cache: dict) -> tuple[Optional[str], Optional[str]]:
        if pid is None:
            return None, None
        if pid not in cache:
            row = self.db.execute("SELECT id, name FROM persons WHERE pid=?", (pid,)).fetchone()
            _expect(row is None or isinstance(row[0], str) and isinstance(row[1], str))
            cache[pid] = tuple(row) if row else (None, None)
        return cache[pid]

    def _quote(self, cache: dict) -> Callable[[tuple], dict[str, Any]]:
        from factx.wording import segment_key

        def decode(row: tuple) -> dict[str, Any]:
            q = self._item(row[:5], "quotes")
            sid, sname = self._person_ref(row[5], cache)
            return {**q, "article": row[0], "statement_key": segment_key(q["text"]), "speaker_id": sid,
                    "speaker_person": sname}
        return decode

    def quotes(self, *, article: Optional[str] = None, speaker: Optional[str] = None,
               speaker_pids: Optional[list[int]] = None, contains: Optional[str] = None,
               include_partial: bool = False, kind: str = "all", published_from: Optional[str] = None,
               published_to: Optional[str] = None, limit: Optional[int] = None,
               offset: int = 0) -> Iterator[dict[str, Any]]:
        """Quote segments matching every filter, in article id and text order, each with a
        ``statement_key`` (equal for the same quoted words in any article), ``speaker_id`` and
        ``speaker_person``. ``speaker``: statements whose speaker is one of ``speaker_pids``
        (the people the name designates) or, in those people's articles (in any article when
        none), whose speaker as written holds every token of the name. ``contains``: the
        statement has those words in a row (full-text index). ``kind``: direct, indirect, all."""
        where, args = ["1"], []
        if not include_partial:
            where.append("q.partial = 0")
        if kind != "all":
            where.append("q.kind = ?")
            args.append(kind)
        if article is not None:
            where.append("q.aid = ?")
            args.append(article)
        _published(where, args, "q.published", published_from, published_to)
        match = fts_query(contains) if contains is not None else None
        if match is not None:
            where.append("{plus}q.stmt IN (SELECT rowid FROM quote_fts WHERE quote_fts MATCH ?)")
            args.append(match)
        # The statements of the people a speaker name designates, and (in their articles, or in
        # any article when it designates no one) those whose speaker as written holds every token
        # of the name: disjoint queries (one a person), each in the order printed, merged.
        parts: list[tuple[list[str], list]] = [([], [])] if speaker is None else []
        if speaker is not None:
            tokens = sorted(set(name_tokens(speaker)))
            marks = ",".join("?" * len(speaker_pids or []))
            if speaker_pids:
                if len(speaker_pids) <= MERGED_PIDS:  # each walked in order on its index, merged
                    parts += [(["q.stmt_pid = ?"], [pid]) for pid in speaker_pids]
                else:
                    parts.append(([f"q.stmt_pid IN ({marks})"], list(speaker_pids)))
            if tokens and len(tokens) <= MAX_QUERY_TOKENS:
                if speaker_pids:
                    # of speakers that are no person, or another person whose statements hold
                    # every token (found by seeks, not by reading every statement of the name's
                    # commonest word: "Smith" is said by many people)
                    designated = set(speaker_pids)
                    others = self._pids_with_every_token("speaker_tokens", tokens, most=MERGED_PIDS + len(designated))
                    if others is None:  # a word of very many people's: every other person's rows
                        among, among_args = f" OR pid NOT IN ({marks})", list(speaker_pids)
                    else:
                        others = [p for p in others if p not in designated]
                        among, among_args = " OR pid IN ({})".format(",".join("?" * len(others))), others
                    by_name = ["q.stmt IN (" + " INTERSECT ".join(
                        f"SELECT stmt FROM speaker_tokens WHERE token=? AND (pid IS NULL{among if among_args else ''})"
                        for _ in tokens) + ")",
                        f"EXISTS (SELECT 1 FROM names n WHERE n.article = q.article AND n.pid IN ({marks}))"]
                    extra = [x for t in tokens for x in (t, *among_args)] + list(speaker_pids)
                else:
                    by_name = ["q.stmt IN (" + " INTERSECT ".join("SELECT stmt FROM speaker_tokens WHERE token=?"
                                                                  for _ in tokens) + ")"]
                    extra = list(tokens)
                parts.append((by_name, extra))
        sqls = [(f"SELECT {_QUOTE_COLS}, q.stmt FROM quotes q{{scan}} "
                 f"WHERE {' AND '.join(where + more)} ORDER BY q.aid, q.seq", args + more_args)
                for more, more_args in parts]

        def rows():
            # A word in many statements: walk the quotes in the order printed and stop at the
            # page's end; a rare one: fetch its few statements and sort them.
            dense = match is not None and speaker is None and article is None and self.db.execute(
                "SELECT count(*) FROM (SELECT 1 FROM quote_fts WHERE quote_fts MATCH ? LIMIT ?)",
                (match, DENSE)).fetchone()[0] >= DENSE
            cursors = [self.db.execute(sql.format(scan=" INDEXED BY quotes_aid" if dense else "",
                                                  plus="+" if dense else ""), sql_args) for sql, sql_args in sqls]
            if not cursors:
                return iter(())
            return cursors[0] if len(cursors) == 1 else heapq.merge(*cursors, key=lambda r: (r[0], r[1]))
        decode_quote = self._quote({})
        wanted = contains if match is not None else None
        # by article and statement (row ids change in a rebuild); rows come article by article
        # (but for a speaker's two merged lists), so only the last few articles' are kept
        texts: dict[tuple[str, int], bool] = {}

        def decode(row):
            q = decode_quote(row)
            if wanted is not None:
                if q.get("statement") is None:
                    return q if contains_words(q["text"], wanted) else None
                key = (row[0], q["statement"])
                if key not in texts:
                    if len(texts) >= 4096:
                        texts.clear()
                    texts[key] = contains_words(self._statement_text(row[6]), wanted)
                if not texts[key]:
                    return None
            return q
        return self.stream(rows, decode, limit, offset)

    def _pids_with_every_token(self, table: str, tokens: list[str], most: Optional[int] = None) -> Optional[list[int]]:
        """The pids that have a row of ``table`` (alias_tokens or speaker_tokens) for each of
        ``tokens``: a leapfrog over its index of (token, pid), one seek a step, so the cost
        follows the rarest token's persons, not the rows of the commonest ("Smith"). None when
        there are more than ``most``."""
        seek = f"SELECT min(pid) FROM {table} WHERE token=? AND pid >= ?"
        found: list[int] = []
        at, agree, n = -(2 ** 63), 0, 0
        while True:
            pid = self.db.execute(seek, (tokens[n % len(tokens)], at)).fetchone()[0]
            if pid is None:
                return found
            _expect(_ints(pid))
            agree = agree + 1 if pid == at else 1
            at = pid
            if agree == len(tokens):
                if most is not None and len(found) >= most:
                    return None
                found.append(pid)
                at, agree = pid + 1, 0
            n += 1

    def _statement_text(self, stmt: int) -> str:
        """The words of a statement: all its segments."""
        return " ".join(self._item(row, "quotes")["text"] for row in self.db.execute(
            f"SELECT {_QUOTE_COLS} FROM quotes q WHERE q.stmt=? ORDER BY q.seq", (stmt,)))

    # ---- dates and the timeline ------------------------------------------------------------
    def dates(self, *, article: Optional[str] = None, type_: Optional[str] = None,
              published_from: Optional[str] = None, published_to: Optional[str] = None,
              contains: Optional[str] = None, limit: Optional[int] = None,
              offset: int = 0) -> Iterator[dict[str, Any]]:
        """Dates (with their sentence) in article id and text order; ``contains``: whose
        sentence has those words in a row (full-text index)."""
        where, args = ["1"], []
        _sentence_words(where, args, contains)
        if article is not None:
            where.append("d.aid = ?")
            args.append(article)
        if type_ is not None:
            where.append("d.type = ?")
            args.append(type_)
        _published(where, args, "d.published", published_from, published_to)
        sql = (f"SELECT {_DATE_COLS} FROM dates d WHERE {' AND '.join(where)} "
               "ORDER BY d.aid, d.seq")

        def decode(row):
            d = self._item(row, "dates")
            if contains is not None and not contains_words(d.get("sentence") or d["text"], contains):
                return None
            return {**d, "article": row[0]}
        return self.stream(lambda: self.db.execute(sql, args), decode, limit, offset)

    def timeline(self, *, pid: Optional[int] = None, start: Optional[str] = None, end: Optional[str] = None,
                 include_unresolved: bool = False, published_from: Optional[str] = None,
                 published_to: Optional[str] = None, contains: Optional[str] = None,
                 limit: Optional[int] = None, offset: int = 0) -> Iterator[dict[str, Any]]:
        """Dated sentences (dates and times) in calendar order, each with its article and people;
        ``pid``: only those about this person. Dates with no known year come last, and only with
        ``include_unresolved`` (and no ``start``/``end``)."""
        where, args = ["d.type IN ('date', 'time')"], []
        _sentence_words(where, args, contains)
        # A person's dates are walked in calendar order through their own index entries.
        source, order = ("FROM date_people k JOIN dates d ON d.rid = k.date", "k.") if pid is not None \
            else ("FROM dates d", "d.")
        if pid is not None:
            where.append("k.pid = ?")
            args.append(pid)
        if start:
            where.append("d.ckey >= ?")
            args.append(start)
        if end:
            where.append("substr(d.ckey, 1, ?) <= ?")
            args += [len(end), end]
        _published(where, args, "d.published", published_from, published_to)
        where = [w.replace("d.ckey", f"{order}ckey") for w in where]
        dated = (f"SELECT {_DATE_COLS}, d.rid {source} WHERE {order}ckey IS NOT NULL "
                 f"AND {' AND '.join(where)} ORDER BY {order}ckey, {order}aid, {order}start")
        undated = (f"SELECT {_DATE_COLS}, d.rid {source} WHERE {order}ckey IS NULL "
                   f"AND {' AND '.join(where)} ORDER BY d.aid, d.seq")
        given: set[int] = set()  # a date about two names of the person in one article: once

        def rows():
            yield from self.db.execute(dated, args)
            if include_unresolved and not (start or end):
                yield from self.db.execute(undated, args)

        def decode(row):
            d = self._item(row, "dates")
            key = calendar_key(d.get("value"))
            if key is not None and not in_range(key, start, end):
                return None
            if contains is not None and not contains_words(d.get("sentence") or d["text"], contains):
                return None
            if pid is not None:
                if row[7] in given:
                    return None
                if len(given) >= 4096:  # a date comes again right after itself (same key, article, start)
                    given.clear()
                given.add(row[7])
            return {"key": key, "value": d.get("value"), "text": d["text"], "article": row[0], "start": d["start"],
                    "end": d["end"], "people": d.get("people") or [], "sentence": d.get("sentence")}
        return self.stream(rows, decode, limit, offset)

    # ---- one person ------------------------------------------------------------------------
    @_healing
    def profile(self, person: dict[str, Any], limit: Optional[int] = 20) -> dict[str, Any]:
        """Everything known about one person, in SQL: counts of everything, and the latest
        ``limit`` (None: all) articles, attributes, quotes said, quotes about them, dates and
        co-mentioned people."""
        pid = person["pid"]
        lim = -1 if limit is None else limit
        counts = {}
        n_attrs, mentions = self.db.execute("SELECT coalesce(sum(n_attrs), 0), coalesce(sum(count), 0) FROM names "
                                            "INDEXED BY names_pid_count WHERE pid=?", (pid,)).fetchone()
        counts["articles"] = person["n_articles"]
        counts["attributes"] = n_attrs
        appearances = [{"article": a, "name": n, "mentions": c, "evidence": e or ""} for a, n, c, e in self.db.execute(
            "SELECT aid, name, count, evidence FROM names WHERE pid=? ORDER BY count DESC, aid LIMIT ?", (pid, lim))]
        _expect(all(isinstance(x["article"], str) and isinstance(x["name"], str) and _ints(x["mentions"])
                    and isinstance(x["evidence"], str) for x in appearances))
        attributes = []
        for row in self.db.execute(
                "SELECT name, aid, seq, crc FROM names WHERE pid=? AND n_attrs > 0 ORDER BY published DESC, aid", (pid,)):
            attributes += [{**attr, "article": row[1]} for attr in self._attributes(row)]
            if limit is not None and len(attributes) >= limit:
                attributes = attributes[:limit]
                break
        cache: dict = {}
        decode = self._quote(cache)
        said_sql = "FROM quotes q WHERE q.speaker_pid=? AND q.partial=0"
        counts["quotes"] = self.db.execute(f"SELECT count(*) {said_sql}", (pid,)).fetchone()[0]
        said = [decode(r) for r in self.db.execute(
            f"SELECT {_QUOTE_COLS} {said_sql} "
            "ORDER BY q.published DESC, q.aid, q.seq LIMIT ?", (pid, lim))]
        about_sql = "FROM quote_about qa JOIN quotes q ON q.rid = qa.quote WHERE qa.pid=?"
        counts["quoted_about"] = self.db.execute("SELECT count(*) FROM quote_about WHERE pid=?", (pid,)).fetchone()[0]
        about = []
        for r in self.db.execute(f"SELECT {_QUOTE_COLS} {about_sql} "
                                 "ORDER BY qa.published DESC, q.aid, q.seq LIMIT ?", (pid, lim)):
            q = decode(r)
            q.pop("statement_key", None)
            about.append(q)  # with its speaker's corpus id and name (speaker_id, speaker_person)
        for q in said:
            q.pop("statement_key", None)
        counts["dates"] = self.db.execute("SELECT count(*) FROM date_people WHERE pid=?", (pid,)).fetchone()[0]
        dates_sql = (f"SELECT {_DATE_COLS} FROM date_people dp JOIN dates d ON d.rid = dp.date "
                     "WHERE dp.pid=? AND dp.ckey IS {} NULL ORDER BY dp.ckey DESC, dp.aid DESC, dp.start DESC LIMIT ?")
        dated = [{**self._item(r, "dates"), "article": r[0]} for r in self.db.execute(dates_sql.format("NOT"), (pid, lim))]
        if limit is None or len(dated) < limit:  # undated last
            dated += [{**self._item(r, "dates"), "article": r[0]} for r in self.db.execute(
                dates_sql.format(""), (pid, -1 if limit is None else limit - len(dated)))]
        kept = []
        if limit is not None and limit <= CO_KEEP and person.get("n_articles", 0) >= CO_HEAVY:
            kept = self.db.execute("SELECT name, id, articles FROM co_mentioned WHERE pid=? ORDER BY rank LIMIT ?",
                                   (pid, limit)).fetchall()
            _expect(all(isinstance(n, str) and isinstance(i, str) and _ints(c) for n, i, c in kept))
        co = [{"name": n, "id": i, "articles": c} for n, i, c in (kept or self._co_mentioned(pid, person["name"], lim))]
        extra = {"also_matching": person["also_matching"]} if person.get("also_matching") else {}
        return {
            **extra,
            "name": person["name"], "id": person.get("id"), "label": "PERSON", "aliases": person["aliases"],
            "mentions": mentions, "articles": appearances, "attributes": attributes, "quotes": said,
            "quoted_about": about, "dates": dated, "co_mentioned": co, "counts": counts, "limit": limit,
        }

    def _co_mentioned(self, pid: int, name: str, limit: int) -> list[tuple[str, str, int]]:
        """(name, id, articles together) of the people most often in a person's articles (as
        named there, under another corpus name than the person's)."""
        rows = self.db.execute(
            "SELECT p.name, min(p.id), count(*) AS c FROM names me JOIN names other ON other.article = me.article "
            "AND other.rid != me.rid JOIN persons p ON p.pid = other.pid WHERE me.pid = ? AND other.pid != ? "
            "AND p.name != ? GROUP BY p.name ORDER BY c DESC, p.name LIMIT ?", (pid, pid, name, limit)).fetchall()
        _expect(all(isinstance(n, str) and isinstance(i, str) and _ints(c) for n, i, c in rows))
        return rows

    def entities(self, label: Optional[str] = None, top: Optional[int] = None,
                 raw: bool = False, with_articles: bool = True) -> Iterator[dict[str, Any]]:
        """`factx entities`: other entities and persons, the most mentioned first (then by label
        and name), at most ``top``, streamed: each entity's list of articles is read only as it is given, so
        memory holds one list, not every listed entity's (with ``raw``: as the UTF-8 bytes of
        its JSON text; without ``with_articles``: no list, ``n_articles`` only)."""
        from factx import people

        def others() -> Iterator[tuple]:
            if label == "PERSON":
                return
            # the columns stored after the list of articles (aliases, n_articles) are read only
            # without the list: reaching them walks every page of the list (10^6 ids), which
            # _entity_articles reads once with them
            after = "aliases, n_articles" if not with_articles else "NULL, NULL"
            sql = f"SELECT label, name, mentions, {after}, rowid FROM entity_summary"
            args: list[Any] = []
            if label:
                sql += " WHERE label=?"
                args.append(label)
            sql += " ORDER BY mentions DESC, label, name" + (" LIMIT ?" if top else "")
            for lab, name, n, al, n_arts, rowid in self.db.execute(sql, args + ([top] if top else [])):
                _expect(isinstance(lab, str) and isinstance(name, str) and _ints(n))
                row = {"name": name, "label": lab, "mentions": n, "articles": None, "aliases": None, "n_articles": None}
                if not with_articles:
                    row["aliases"], row["n_articles"] = _aliases_and_count(al, n_arts)
                yield (-n, lab, name), 0, row, rowid

        def persons() -> Iterator[tuple]:
            if label not in (None, "PERSON"):
                return
            sql = "SELECT pid, id, name, aliases, mentions, n_articles FROM persons ORDER BY mentions DESC, name"
            for pid, pid_id, name, al, n, n_arts in self.db.execute(sql + (" LIMIT ?" if top else ""),
                                                                   (top,) if top else ()):
                _expect(_ints(pid, n, n_arts) and isinstance(pid_id, str) and isinstance(name, str))
                p = {"pid": pid, "id": pid_id, "name": name, "aliases": json.loads(al), "mentions": n,
                     "n_articles": n_arts}
                _expect(_strs(p["aliases"]))
                row = people.person_rows([p])[0]
                yield (-n, "PERSON", name), 1, row, pid

        merged = heapq.merge(others(), persons(), key=lambda r: r[:2])
        for n, (_, source, row, ref) in enumerate(merged):
            if top and n >= top:
                return
            if with_articles and source == 0:
                row["articles"], row["aliases"], row["n_articles"] = self._entity_articles(ref, raw)
            elif with_articles:
                row["articles"] = self._person_articles(ref, raw)
            else:
                del row["articles"]
            yield row

    def _entity_articles(self, rowid: int, raw: bool) -> tuple[Any, list[str], int]:
        """(the articles, the aliases, the number of articles) of an entity_summary row."""
        from factx.schema import RawJSONBytes

        if raw:  # the list's bytes, checked without decoding them (it may hold 10^6 ids)
            row = self.db.execute("SELECT label, name, CAST(articles AS BLOB), aliases, crc, n_articles "
                                  "FROM entity_summary WHERE rowid=?", (rowid,)).fetchone()
            _expect(row is not None and isinstance(row[0], str) and isinstance(row[1], str)
                    and isinstance(row[2], bytes) and isinstance(row[3], str))
            _expect(_crc_with_bytes(*row[:4]) == row[4])
            return (RawJSONBytes(row[2]), *_aliases_and_count(row[3], row[5]))
        row = self.db.execute("SELECT label, name, articles, aliases, crc, n_articles FROM entity_summary WHERE rowid=?",
                              (rowid,)).fetchone()
        _expect(row is not None and isinstance(row[2], str) and isinstance(row[3], str) and _crc(*row[:4]) == row[4])
        arts = json.loads(row[2])
        _expect(_strs(arts))
        return (arts, *_aliases_and_count(row[3], row[5]))

    def _person_articles(self, pid: int, raw: bool) -> Any:
        from factx.schema import RawJSONBytes

        if not raw:
            return self.person_article_ids(pid)
        # the JSON list made by SQLite, in C (json_quote escapes as json.dumps does, but for
        # control characters: \u000a for \n, the same string once read)
        row = self.db.execute("SELECT CAST('[' || coalesce(group_concat(json_quote(aid), ', '), '') || ']' AS BLOB), "
                              "min(typeof(aid) = 'text') FROM (SELECT DISTINCT aid FROM names WHERE pid=? ORDER BY aid)",
                              (pid,)).fetchone()
        _expect(isinstance(row[0], bytes) and row[1] in (None, 1))
        return RawJSONBytes(row[0])

    @_healing
    def entity_labels(self) -> set[str]:
        """The labels of the non-person entities the store holds."""
        labels = {r[0] for r in self.db.execute("SELECT DISTINCT label FROM entity_summary")}
        _expect(all(isinstance(x, str) for x in labels))
        return labels

    @_healing
    def summary(self, top: int = 10) -> dict[str, Any]:
        """The corpus at a glance, in SQL: articles by month of publication, statements by kind,
        the ``top`` speakers by statements, people and organisations by mentions, and the share
        of statements by the gender of their speaker where it is known (as the Gender Gap
        Tracker counts for newsrooms)."""
        months = [{"month": m or None, "articles": n} for m, n in self.db.execute(
            "SELECT substr(published, 1, 7) AS m, count(*) FROM articles GROUP BY m ORDER BY m IS NULL, m")]
        totals = {"articles": self.db.execute("SELECT count(*) FROM articles").fetchone()[0],
                  "dates": self.db.execute("SELECT count(*) FROM dates").fetchone()[0]}
        # a statement: the segments sharing a first segment (stmt), counted once, scare quotes
        # apart; every count is an SQL aggregate (memory flat in the number of speakers)
        statements = "SELECT stmt, min(kind) AS kind, max(stmt_pid) AS pid FROM quotes WHERE partial = 0 GROUP BY stmt"
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS summary_speakers(pid INTEGER PRIMARY KEY, n INTEGER, "
                   "direct INTEGER, indirect INTEGER)")
        db.execute("DELETE FROM temp.summary_speakers")
        by_kind: Counter = Counter()
        unnamed = 0
        for named, kind, n in db.execute(f"SELECT pid IS NOT NULL, kind, count(*) FROM ({statements}) "
                                         "GROUP BY 1, 2"):
            by_kind[kind] += n
            if not named:
                unnamed += n
        totals["statements"] = sum(by_kind.values())
        totals["statements_by_kind"] = dict(sorted(by_kind.items()))
        db.execute(f"INSERT INTO temp.summary_speakers SELECT pid, count(*), sum(kind = 'direct'), "
                   f"sum(kind = 'indirect') FROM ({statements}) WHERE pid IS NOT NULL GROUP BY pid")
        speakers = db.execute("SELECT p.id, p.name, s.n, s.direct, s.indirect FROM temp.summary_speakers s "
                              "JOIN persons p ON p.pid = s.pid ORDER BY s.n DESC, p.name, p.pid LIMIT ?",
                              (top,)).fetchall()
        _expect(all(isinstance(i, str) and isinstance(n, str) and _ints(c, d, r) for i, n, c, d, r in speakers))
        genders = Counter()
        for gender, n in db.execute(
                "SELECT coalesce(nullif(g.gender, ''), 'unknown'), sum(s.n) FROM temp.summary_speakers s LEFT JOIN (SELECT pid, min(gender) AS gender FROM names "
                "WHERE pid IS NOT NULL AND gender IS NOT NULL GROUP BY pid HAVING count(DISTINCT gender) = 1) g "
                "ON g.pid = s.pid GROUP BY 1"):
            genders[gender] += n
        db.execute("DROP TABLE temp.summary_speakers")
        people = self.persons(top=top)
        orgs = [{"name": n, "mentions": m, "n_articles": a} for n, m, a in self.db.execute(  # not their article lists
            "SELECT name, mentions, n_articles FROM entity_summary WHERE label='ORG' "
            "ORDER BY mentions DESC, label, name LIMIT ?", (top,))]
        _expect(all(isinstance(o["name"], str) and _ints(o["mentions"], o["n_articles"]) for o in orgs))
        return {
            "totals": totals,
            "articles_by_month": months,
            "top_speakers": [{"id": i, "name": n, "statements": c, "direct": d, "indirect": r}
                             for i, n, c, d, r in speakers],
            "statements_without_named_person": unnamed,
            "statements_by_speaker_gender": dict(sorted(genders.items(), key=lambda g: (g[0] != "unknown", g[0]))),
            "top_people": [{"id": p["id"], "name": p["name"], "mentions": p["mentions"],
                            "articles": p["n_articles"]} for p in people],
            "top_organisations": [{"name": o["name"], "mentions": o["mentions"], "articles": o["n_articles"]}
                                  for o in orgs],
        }

def article_rows(aid: str, doc: dict[str, Any], key: str, file: Optional[str],
                 rid_of: Callable[[str], int], digest: Optional[str] = None) -> dict[str, list[tuple]]:
    """Every row of one article, ready for executemany, numbered by ``rid_of(table)`` (the
    next row id of articles, names, quotes or dates); ``digest``: its document's content hash."""
    from factx.people import article_features, speaker_person

    text = doc.get("text", "")
    quotes = doc.get("quotes", [])
    people_ = doc.get("people", [])
    published = doc.get("published")
    arid = rid_of("articles")
    row = (aid, doc.get("title"), published, len(text), len(doc.get("entities", [])),
           sum(1 for q in quotes if not q.get("partial")), len(doc.get("dates", [])),
           json.dumps(doc.get("warnings", [])), doc.get("published_source"))
    out: dict[str, list[tuple]] = {t: [] for t in _TABLES}
    out["articles"].append((arid, aid, key, file, row[1], published, row[8], *row[3:8], row_crc(row)))
    strings: list[str] = [aid, key or "", file or "", row[1] or "", published or "", row[7], row[8] or ""]
    row_of: dict[str, int] = {}
    spans_of: list[tuple[str, list]] = []  # each person's mentions, in the order of the document
    starts: list[tuple[int, str]] = []  # where each mention of each name starts
    names_rows = out["names"]
    for pseq, p in enumerate(people_):
        name = p["name"]
        rid = rid_of("names")
        row_of.setdefault(name, rid)
        spans = [m for m in p.get("mentions", []) if isinstance(m, list) and len(m) == 2]
        spans_of.append((name, spans))
        starts.extend((m[0], name) for m in spans)
        aliases = _ENCODE(p.get("aliases", []))
        names_rows.append((rid, arid, aid, name, key_of(name), p.get("count", 1), aliases, p.get("gender"), None,
                           None, published, len(p.get("attributes", [])), pseq, _crc(name, aid, pseq)))
        strings += (name, aliases)
        if isinstance(p.get("gender"), str):
            strings.append(p["gender"])
    starts.sort()
    mention_starts = [s for s, _ in starts]
    names_order = {name: i for i, name in enumerate(dict.fromkeys(n for n, _ in spans_of))}
    first_of: dict[Any, tuple[int, Optional[int]]] = {}
    texts: dict[int, list[str]] = {}
    by_speaker: dict[str, Optional[str]] = {}
    quote_rows, token_rows, about_rows = out["quotes"], out["speaker_tokens"], out["quote_about"]
    for seq, q in enumerate(quotes):
        rid = rid_of("quotes")
        speaker = q.get("speaker")
        local = None
        if isinstance(speaker, str) and speaker:
            s, e = q.get("speaker_start"), q.get("speaker_end")
            if type(s) is int and type(e) is int:  # as people.speaker_person looks first
                for name, spans in spans_of:
                    for m in spans:
                        if m[0] <= s and e <= m[1] or s <= m[0] < e:
                            local = name
                            break
                    if local is not None:
                        break
            if local is None:
                if speaker not in by_speaker:  # the rest of speaker_person depends on the name alone
                    by_speaker[speaker] = speaker_person(doc, {"speaker": speaker})
                local = by_speaker[speaker]
        srow = row_of.get(local) if local else None
        stmt_key = q.get("statement") if q.get("statement") is not None else ("solo", seq)
        stmt, stmt_row = first_of.setdefault(stmt_key, (rid, srow))
        texts.setdefault(stmt, []).append(q["text"])
        kind = q.get("kind", "direct")
        qstart = q["start"]
        quote_rows.append((rid, arid, aid, seq, stmt, kind, 1 if q.get("partial") else 0,
                           published, srow, None, stmt_row, None, qstart, _crc(aid, seq, qstart, published)))
        strings.append(kind if isinstance(kind, str) else "")
        if stmt == rid:
            tokens = sorted(set(name_token_tuple(speaker or "")))
            token_rows.extend((t, rid, None) for t in tokens)
            strings += tokens
        if not q.get("partial"):
            # the people with a mention starting inside the quote, in the order of the names
            qs, qe = q["start"], q["end"]
            i = bisect.bisect_left(mention_starts, qs)
            hit = set()
            while i < len(starts) and starts[i][0] < qe:
                hit.add(starts[i][1])
                i += 1
            hit.discard(local)
            for name in sorted(hit, key=names_order.__getitem__):
                about_rows.append((rid, row_of[name], None, published))
    for stmt, parts in texts.items():
        words = fts_text(" ".join(parts))
        out["quote_fts"].append((stmt, words))
        strings.append(words)
    words_of_sentence: dict[str, str] = {}  # the dates of one sentence share its words
    date_rows, date_fts, date_people = out["dates"], out["date_fts"], out["date_people"]
    for seq, d in enumerate(doc.get("dates", [])):
        rid = rid_of("dates")
        ckey = calendar_key(d.get("value"))
        searched = sentence_text(text, d) or d["text"]
        words = words_of_sentence.get(searched)
        if words is None:
            words = words_of_sentence[searched] = fts_text(searched)
            strings.append(words)
        date_fts.append((rid, words))
        dtype = d.get("type")
        dstart = d["start"]
        date_rows.append((rid, arid, aid, seq, dstart, dtype, ckey, published, _crc(aid, seq, dstart, dtype, ckey, published)))
        strings += (dtype if isinstance(dtype, str) else "", ckey or "")
        for name in dict.fromkeys(d.get("people") or []):
            if name in row_of:
                date_people.append((rid, row_of[name], None, ckey, aid, d["start"]))
    counts: Counter = Counter()
    for ent in doc.get("entities", []):
        if ent["label"] != "PERSON":
            etext = ent["text"][4:] if _fold(ent["text"]).startswith("the ") else ent["text"]
            counts[(ent["label"], key_of(etext), etext)] += 1
    out["entities"] = [(arid, label, k, etext, n) for (label, k, etext), n in counts.items()]
    for label, k, etext in counts:
        strings += (label, k, etext)
    context = SEP.join(sorted(article_features([p["name"] for p in people_],
                                               [(label, k) for label, k, _ in counts]))) if people_ else None
    out["articles"][0] += (context, 0, digest)
    # A lone surrogate (a document validate_article let through) is refused here, before
    # any row of the batch is written: every string the rows hold, encoded once.
    if context:
        strings.append(context)
    "\0".join(strings).encode("utf-8")
    return out


def checked_rows(aid: str, doc: dict[str, Any], key: str, file: Optional[str],
                 rid_of: Callable[[str], int], digest: Optional[str] = None) -> dict[str, list[tuple]]:
    """``article_rows``, any error of a document validate_article let through a ValueError."""
    try:
        return article_rows(aid, doc, key, file, rid_of, digest)
    except (TypeError, KeyError, AttributeError, ValueError, UnicodeEncodeError) as err:
        raise ValueError(f"cannot index article {aid!r}: {type(err).__name__}: {str(err)[:120]}") from err


def chunk_rows(root: str, chunk: list[tuple[str, str, Optional[str], Optional[str]]]
               ) -> tuple[dict, dict, list, CountedFeatures]:
    """In a worker process of a rebuild: the rows of the articles ``(id, key, file, content
    hash)`` of a store, numbered from 1 in each table; returns (rows by table, row ids used by table, the
    articles that could not be indexed as (id, file, reason), the context features of these
    articles as the person merge counts them: counted here, in the workers, a merge of everyone
    after a rebuild does not read every article again on its own)."""
    store = Store(Path(root))
    used: dict[str, int] = {}
    features = CountedFeatures()

    def rid_of(table: str) -> int:
        used[table] = used.get(table, 0) + 1
        return used[table]
    out: dict[str, list[tuple]] = {t: [] for t in _TABLES}
    bad = []
    files = {aid: (key, file, digest) for aid, key, file, digest in chunk}
    for aid, data in store.read_ahead([(aid, file) for aid, _, file, _ in chunk], threads=2, ahead=16):
        key, file, digest = files[aid]
        try:
            rows = checked_rows(aid, store.read_document(aid, file, data), key, file, rid_of, digest)
        except ValueError as err:
            bad.append((aid, file or "", str(err)))
            continue
        for table, table_rows in rows.items():
            out[table].extend(table_rows)
        context = rows["articles"][0][-3]
        if context is not None:  # its context and first person's name, as PersonMerge._count_features reads them
            features.add(counted_features(context, rows["names"][0][3]))
    return out, used, bad, features


def _rebuild_workers() -> int:
    """Worker processes for a rebuild: one a processor, up to 4 (none on one processor, or
    where no worker can be started safely: see _pool_context)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cpus, 4) if cpus > 1 and _pool_context() is not None else 0


def _pool(workers: int):
    """A pool of ``workers`` processes to use within a with block, or None (no workers)."""
    import contextlib
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, mp_context=_pool_context()) if workers else contextlib.nullcontext()


def _pool_context():
    """How to start rebuild workers: forked when this process runs no other thread (a fork
    runs nothing of the program again; the workers never touch the open database and leave
    with os._exit, which closes nothing of it); else spawned, when the main module is one a
    spawned process imports without running the program (``python -m factx``, ``-c``);
    else None (a script without a main guard would run again in each worker)."""
    import multiprocessing
    import sys
    import threading

    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    main = sys.modules.get("__main__")
    if getattr(getattr(main, "__spec__", None), "name", None) or not getattr(main, "__file__", None):
        return multiprocessing.get_context("spawn")
    return None


def _entity_summary(rows: list[tuple]) -> tuple:
    """The entity_summary row of one entity from its rows ``(label, key, article id, text,
    count)``: its most used text as its name, every article."""
    texts: Counter = Counter()
    for _, _, _, text, count in rows:
        texts[text] += count
    return _entity_summary_of(rows[0][0], rows[0][1], texts, [r[2] for r in rows])


def _entity_summary_of(label: str, key: str, texts: Mapping[str, int], article_ids: Iterable[str]) -> tuple:
    """The entity_summary row of one entity from its texts' counts and its articles' ids (in
    any order, repeated or not)."""
    # ties broken by the text itself: the order rows come in depends on the order articles were
    # stored, which --jobs changes
    ranked = [a for a, _ in sorted(texts.items(), key=lambda kv: (-kv[1], kv[0]))]
    articles = sorted(set(article_ids))
    name, arts = ranked[0], json.dumps(articles, ensure_ascii=False)
    alias_json = json.dumps(ranked, ensure_ascii=False)
    return (label, name, sum(texts.values()), arts, alias_json, len(articles),
            _crc(label, name, arts, alias_json), key)


def _speaker_by_span(q: dict[str, Any], doc: dict[str, Any]) -> Optional[str]:
    """``people.speaker_person`` when the speaker mention overlaps a person's mention (the
    common case, found without parsing any name); None to ask it."""
    if not isinstance(q.get("speaker"), str) or not q["speaker"]:
        return None
    s, e = q.get("speaker_start"), q.get("speaker_end")
    if type(s) is not int or type(e) is not int:
        return None
    for p in doc.get("people", []):  # in the order speaker_person looks at them
        if isinstance(p, dict) and isinstance(p.get("name"), str):
            for m in p.get("mentions", []):
                if isinstance(m, list) and len(m) == 2 and (m[0] <= s and e <= m[1] or s <= m[0] < e):
                    return p["name"]
    return None


def _aliases_and_count(aliases: Any, n_articles: Any) -> tuple[list[str], int]:
    """An entity_summary row's aliases (decoded) and number of articles, checked."""
    _expect(isinstance(aliases, str) and _ints(n_articles))
    decoded = json.loads(aliases)
    _expect(_strs(decoded))
    return decoded, n_articles


def _check_item(aid: str, item: Any, kind: str, where: str) -> None:
    """ArticleUnreadable unless a quote, date or attribute read from an article's document has
    the shape of one (factx.schema)."""
    from factx.schema import check_item

    try:
        check_item(item, kind, where)
    except ValueError as err:
        raise ArticleUnreadable(aid, f"cannot be read ({err})") from err


def _sentence_words(where: list[str], args: list, contains: Optional[str]) -> None:
    """Dates whose sentence may have the words of ``contains`` (checked again when decoded)."""
    match = fts_query(contains) if contains is not None else None
    if match is not None:
        where.append("d.rid IN (SELECT rowid FROM date_fts WHERE date_fts MATCH ?)")
        args.append(match)


def _published(where: list[str], args: list, column: str, start: Optional[str], end: Optional[str]) -> None:
    """Publication date bounds, at the precision of the bound (--to 2019 includes 2019-11-15)."""
    if start:
        where.append(f"{column} >= ?")
        args.append(start)
    if end:
        where.append(f"substr({column}, 1, ?) <= ?")
        args += [len(end), end]


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
    # `factx articles` checks the whole index, `extract` too in a store small enough for it to be
    # quick (else the next rows in turn)
    small = store.writing and len(store.entries) <= CHECK_WHOLE_MAX_ARTICLES
    check = full_check or small
    index = None
    try:
        index = Index(store, check=check, check_some=store.writing and not check)
        index.corrupt.extend(index.refresh(full_check))
        return index, index.corrupt
    except INDEX_ERRORS as err:
        if index is not None:
            try:
                index.close()
            except sqlite3.Error:
                pass
        _not_busy(store, err)
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
