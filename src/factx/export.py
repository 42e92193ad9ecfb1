"""`factx export`: the store as one SQLite database for Datasette (or any SQL tool).

Tables, with foreign keys so that Datasette links them:
    articles(id, title, published, published_source, author, url, path, n_quotes, n_dates)
    people(id, name, aliases, gender, mentions, n_articles)   people merged across the corpus
    mentions(article -> articles, person -> people, name, count)
                                         each article's people as named there
    quotes(id, article -> articles, statement, segment, kind, partial, text, speaker,
           speaker_text, speaker_person -> people, speaker_via, cue, rule, start, end, sentence)
    dates(id, article -> articles, text, type, value, mod, relative, rule, freq, start, end,
          sentence, quant)
    date_people(date -> dates, person -> people)
    quotes_fts                           full-text search over quote text and sentence
Views: quotes_with_speaker (each quote with its article's title and date and its speaker's
corpus name), people_quoted (speakers with their number of statements). ``metadata.json``
next to the database gives Datasette titles, descriptions and facets: `datasette PATH.db -m
PATH.metadata.json`.

The JSON documents stay the source of truth; the corpus people come from the index. The
database is written to a temporary file beside PATH and moved into place at the end, so an
interrupted export never leaves half a database.
"""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from factx.query import Articles
from factx.index import sentence_text
from factx.store import CorruptArticle, atomic_write, discard, file_mode

SCHEMA = """
CREATE TABLE articles(id TEXT PRIMARY KEY, title TEXT, published TEXT, published_source TEXT,
    author TEXT, url TEXT, path TEXT, n_quotes INTEGER, n_dates INTEGER);
CREATE TABLE people(id TEXT PRIMARY KEY, name TEXT, aliases TEXT, gender TEXT, mentions INTEGER,
    n_articles INTEGER);
CREATE TABLE mentions(article TEXT REFERENCES articles(id), person TEXT REFERENCES people(id),
    name TEXT, count INTEGER);
CREATE TABLE quotes(id INTEGER PRIMARY KEY, article TEXT REFERENCES articles(id), statement INTEGER,
    segment INTEGER, kind TEXT, partial INTEGER, text TEXT, speaker TEXT, speaker_text TEXT,
    speaker_person TEXT REFERENCES people(id), speaker_via TEXT, cue TEXT, rule TEXT,
    start INTEGER, "end" INTEGER, sentence TEXT);
CREATE TABLE dates(id INTEGER PRIMARY KEY, article TEXT REFERENCES articles(id), text TEXT,
    type TEXT, value TEXT, mod TEXT, relative INTEGER, rule TEXT, freq TEXT, start INTEGER,
    "end" INTEGER, sentence TEXT, quant TEXT);
CREATE TABLE date_people(date INTEGER REFERENCES dates(id), person TEXT REFERENCES people(id));
CREATE INDEX mentions_article ON mentions(article);
CREATE INDEX mentions_person ON mentions(person);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_speaker_person ON quotes(speaker_person);
CREATE INDEX dates_article ON dates(article);
CREATE INDEX date_people_person ON date_people(person);
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, sentence, content='quotes', content_rowid='id');
CREATE VIEW quotes_with_speaker AS
    SELECT q.id, q.article, a.title, a.published, q.kind, q.text,
           coalesce(p.name, q.speaker) AS speaker, q.speaker_person, q.speaker_via, q.cue, q.sentence
    FROM quotes q JOIN articles a ON a.id = q.article LEFT JOIN people p ON p.id = q.speaker_person
    WHERE NOT q.partial;
CREATE VIEW people_quoted AS
    SELECT p.id, p.name, count(DISTINCT q.article || ':' || q.statement) AS statements,
           count(DISTINCT q.article) AS articles
    FROM quotes q JOIN people p ON p.id = q.speaker_person
    WHERE NOT q.partial GROUP BY p.id ORDER BY statements DESC;
"""

BATCH = 2000  # rows per executemany

METADATA = {
    "title": "factx: who said what, about whom, and when",
    "description": "Facts extracted from news articles by factx: quoted and reported statements "
                   "with their speakers, dates, and the people of each article. Check every fact "
                   "against its article: each quote and date carries its sentence.",
    "tables": {
        "articles": {"description": "One row per article.", "facets": ["published_source"],
                     "sortable_columns": ["published", "n_quotes", "n_dates"]},
        "people": {"description": "People merged across the corpus (id: stable person id).",
                   "facets": ["gender"], "sortable_columns": ["mentions", "n_articles"]},
        "mentions": {"description": "Each article's people as named there."},
        "quotes": {"description": "Quote segments: kind 'direct' (in quotation marks) or 'indirect' "
                                  "(reported speech). Segments of one statement share article and "
                                  "statement; speaker_via says how the speaker was found.",
                   "facets": ["kind", "speaker_via", "speaker_person"], "fts_table": "quotes_fts",
                   "fts_pk": "id"},
        "dates": {"description": "Dates and times with TimeML values.", "facets": ["type", "mod"]},
        "date_people": {"description": "The people each dated sentence is about."},
        "quotes_with_speaker": {"description": "Full statements (no scare quotes) with the speaker's "
                                               "corpus name and the article's title and date.",
                                "facets": ["kind", "speaker"]},
        "people_quoted": {"description": "Speakers by number of statements."},
    },
}


class ExportError(RuntimeError):
    """The export could not be written (the message says why)."""


@dataclass
class ExportCounts:
    articles: int = 0
    people: int = 0
    quotes: int = 0
    dates: int = 0
    skipped: list[str] = field(default_factory=list)  # corrupt article documents


def metadata_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + ".metadata.json")


def export_database(articles: Articles, dest: Path,
                    progress: Optional[Callable[[int], None]] = None) -> ExportCounts:
    """Write the store as a SQLite database at ``dest`` (replacing it) and Datasette metadata
    beside it; ``progress`` is called with the number of articles done."""
    dest = Path(dest)
    if dest.is_dir():
        raise ExportError(f"{dest} is a folder; give the path of a database file, e.g. {dest / 'facts.db'}")
    if not dest.parent.is_dir():
        raise ExportError(f"the folder {dest.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=".factx-export-", suffix=".db", dir=dest.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        try:
            counts = _fill(db, articles, progress)
            db.commit()
        finally:
            db.close()
        atomic_write(metadata_path(dest), json.dumps(METADATA, indent=2, ensure_ascii=False) + "\n")
        os.chmod(tmp, file_mode())  # a file others may read, as any file the user writes
        os.replace(tmp, dest)
    except BaseException:
        discard(tmp)
        raise
    return counts


def _fill(db: sqlite3.Connection, articles: Articles, progress) -> ExportCounts:
    db.executescript(SCHEMA)
    counts = ExportCounts()
    people = articles.index.persons()
    db.executemany("INSERT INTO people VALUES (?,?,?,?,?,?)",
                   [(p["id"], p["name"], json.dumps(p["aliases"], ensure_ascii=False), None, p["mentions"],
                     p["n_articles"]) for p in people])
    counts.people = len(people)
    genders: dict[str, str] = {}
    rows: dict[str, list[tuple]] = {"articles": [], "mentions": [], "quotes": [], "dates": [], "date_people": []}
    quote_id = date_id = 0
    for doc in articles.store.iter_articles():
        if isinstance(doc, CorruptArticle):
            counts.skipped.append(doc.id)
            continue
        aid, text = doc["id"], doc.get("text", "")
        person_of = {local: ref["id"] for (_, local), ref in articles.index.article_persons(aid).items()}
        quotes, dates = doc.get("quotes", []), doc.get("dates", [])
        rows["articles"].append((aid, doc.get("title"), doc.get("published"), doc.get("published_source"),
                                 doc.get("author"), doc.get("url"), doc.get("path"), len(quotes), len(dates)))
        for p in doc.get("people", []):
            person = person_of.get(p["name"])
            if person is not None and p.get("gender"):
                genders.setdefault(person, p["gender"])
            rows["mentions"].append((aid, person, p["name"], p.get("count", len(p.get("mentions", [])))))
        segment: dict[Any, int] = {}
        for q in quotes:
            quote_id += 1
            n = segment[q.get("statement")] = segment.get(q.get("statement"), -1) + 1
            rows["quotes"].append((quote_id, aid, q.get("statement"), n, q.get("kind", "direct"),
                                   int(bool(q.get("partial"))), q["text"], q.get("speaker"), q.get("speaker_text"),
                                   person_of.get(q.get("speaker")), q.get("speaker_via"), q.get("cue"),
                                   q.get("rule"), q["start"], q["end"], sentence_text(text, q)))
        for d in dates:
            date_id += 1
            rows["dates"].append((date_id, aid, d["text"], d.get("type"), d.get("value"), d.get("mod"),
                                  int(bool(d.get("relative"))), d.get("rule"), d.get("freq"), d["start"], d["end"],
                                  sentence_text(text, d), d.get("quant")))
            for name in d.get("people") or []:
                if name in person_of:
                    rows["date_people"].append((date_id, person_of[name]))
        counts.articles += 1
        counts.quotes += len(quotes)
        counts.dates += len(dates)
        if sum(len(r) for r in rows.values()) >= BATCH:
            _flush(db, rows)
        if progress is not None:
            progress(counts.articles)
    _flush(db, rows)
    db.executemany("UPDATE people SET gender=? WHERE id=?", [(g, pid) for pid, g in genders.items()])
    db.execute("INSERT INTO quotes_fts(rowid, text, sentence) SELECT id, text, sentence FROM quotes")
    return counts


_INSERTS = {
    "articles": "INSERT OR IGNORE INTO articles VALUES (?,?,?,?,?,?,?,?,?)",
    "mentions": "INSERT INTO mentions VALUES (?,?,?,?)",
    "quotes": "INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "dates": "INSERT INTO dates VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "date_people": "INSERT INTO date_people VALUES (?,?)",
}


def _flush(db: sqlite3.Connection, rows: dict[str, list[tuple]]) -> None:
    for table, items in rows.items():
        if items:
            db.executemany(_INSERTS[table], items)
            items.clear()
