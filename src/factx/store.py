"""The JSON fact store: one JSON document per article, a manifest, a journal and a lock.

Layout of a store folder (default ``.factx/``)::

    manifest.json     schema version, factx and model versions, and one entry per article
    journal.jsonl     entries written since the manifest was last saved (replayed on open)
    articles/*.json   one document per article (see ``factx.schema``): the source of truth
    lock              held by a running ``factx extract``

Every file is written to a temporary name and renamed into place, so a reader never sees a
half-written document and a killed run leaves a store every command can read. No spaCy here.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional
from urllib.parse import quote

from factx.schema import SCHEMA_VERSION

DEFAULT_STORE = ".factx"
STORE_ENV = "FACTX_STORE"
MANIFEST = "manifest.json"
JOURNAL = "journal.jsonl"
ARTICLES = "articles"
LOCK = "lock"


class StoreError(RuntimeError):
    """A store problem the user must act on; the message says what."""


class StoreBusy(StoreError):
    pass


class IncompatibleStore(StoreError):
    pass


class StoreNotFound(StoreError):
    pass


@dataclass
class CorruptArticle:
    """An article document that could not be read; queries report it and go on."""

    id: str
    file: str
    reason: str


def store_path(store: Optional[Path]) -> Path:
    return Path(store or os.environ.get(STORE_ENV) or DEFAULT_STORE)


def article_filename(article_id: str) -> str:
    """A safe, readable, unique file name for any article id (ids may contain slashes)."""
    name = quote(article_id, safe="-_.()")
    if len(name) > 150 or name.startswith("."):
        digest = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        name = f"{name.lstrip('.')[:120]}-{digest}"
    return name + ".json"


def atomic_write(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def dump_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class Store:
    def __init__(self, root: Path):
        self.root = Path(root)
        self._entries: Optional[dict[str, dict[str, Any]]] = None
        self.meta: dict[str, Any] = {}
        self._lock_fd: Optional[int] = None
        self._journal = None

    # ---- reading -------------------------------------------------------------------------
    @property
    def entries(self) -> dict[str, dict[str, Any]]:
        """The manifest's entries plus the journal's, read on first use (queries answered from
        an up-to-date index never need them)."""
        if self._entries is None:
            self.load()
        return self._entries

    @entries.setter
    def entries(self, value: dict[str, dict[str, Any]]) -> None:
        self._entries = value

    def signature(self) -> str:
        """Changes whenever the manifest or the journal changes (size and modification time)."""
        parts = []
        for name in (MANIFEST, JOURNAL):
            try:
                st = os.stat(self.root / name)
                parts.append(f"{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                parts.append("-")
        return "/".join(parts)

    @property
    def exists(self) -> bool:
        return (self.root / MANIFEST).is_file() or (self.root / JOURNAL).is_file()

    def load(self) -> "Store":
        """Read manifest and journal. Raises IncompatibleStore for another schema version."""
        self._entries = {}
        manifest = self.root / MANIFEST
        if manifest.is_file():
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
            except ValueError as err:
                # The manifest is only an index: entries can be rebuilt from the articles.
                data = {"schema_version": SCHEMA_VERSION, "articles": self._scan_articles(),
                        "warning": f"manifest unreadable ({err}); rebuilt from articles"}
            version = data.get("schema_version")
            if version != SCHEMA_VERSION:
                raise IncompatibleStore(
                    f"store {self.root} was written with schema version {version}; this factx reads "
                    f"version {SCHEMA_VERSION}. Re-extract into a new store (--store) or with --force."
                )
            self.entries = dict(data.get("articles", {}))
            self.meta = {k: v for k, v in data.items() if k != "articles"}
        self._replay_journal()
        return self

    def _replay_journal(self) -> None:
        journal = self.root / JOURNAL
        if not journal.is_file():
            return
        with open(journal, encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    entry = json.loads(line)
                    self.entries[entry["id"]] = entry["entry"]
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by a kill: that article is simply redone

    def _scan_articles(self) -> dict[str, dict[str, Any]]:
        entries = {}
        for path in sorted((self.root / ARTICLES).glob("*.json")):
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
                entries[doc["id"]] = {"file": path.name, "key": doc.get("_key", ""), "title": doc.get("title"),
                                      "size": path.stat().st_size, "published": doc.get("published")}
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return entries

    def article_ids(self) -> list[str]:
        return sorted(self.entries)

    def read_article(self, article_id: str) -> dict[str, Any]:
        """One article document; raises KeyError if unknown, ValueError if corrupt."""
        entry = self.entries[article_id]
        path = self.root / ARTICLES / entry["file"]
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except OSError as err:
            raise ValueError(f"cannot read {path}: {err.strerror or err}") from err
        except ValueError as err:
            raise ValueError(f"corrupt JSON in {path}: {err}") from err
        if not isinstance(doc, dict) or doc.get("id") != article_id:
            raise ValueError(f"{path} does not hold article {article_id!r}")
        return doc

    def iter_articles(self) -> Iterator[dict[str, Any] | CorruptArticle]:
        for article_id in self.article_ids():
            try:
                yield self.read_article(article_id)
            except ValueError as err:
                yield CorruptArticle(article_id, self.entries[article_id].get("file", ""), str(err))

    def damaged_articles(self) -> list[str]:
        """Articles whose document is missing or has another size than the one written (cheap:
        one stat per article, no reading)."""
        damaged = []
        folder = os.path.join(self.root, ARTICLES, "")
        stat = os.stat  # plain strings: pathlib would triple the cost at 100,000 articles
        for article_id, entry in self.entries.items():
            try:
                if "size" in entry and stat(folder + entry["file"]).st_size != entry["size"]:
                    damaged.append(article_id)
            except OSError:
                damaged.append(article_id)
        return damaged

    def is_current(self, article_id: str, key: str) -> bool:
        """True when the stored article was made from the same input, model and versions and
        its document is intact: a missing or truncated one (size differs) is redone."""
        entry = self.entries.get(article_id)
        if not entry or entry.get("key") != key:
            return False
        try:
            return (self.root / ARTICLES / entry["file"]).stat().st_size == entry.get("size")
        except OSError:
            return False

    # ---- writing -------------------------------------------------------------------------
    def open_for_writing(self) -> "Store":
        (self.root / ARTICLES).mkdir(parents=True, exist_ok=True)
        self._lock_fd = os.open(self.root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            import fcntl

            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            os.close(self._lock_fd)
            self._lock_fd = None
            if err.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise StoreBusy(f"another `factx extract` is writing to {self.root}; wait for it to finish") from err
            raise
        self.load()
        self._journal = open(self.root / JOURNAL, "a", encoding="utf-8")
        return self

    def write_article(self, doc: dict[str, Any], key: str) -> None:
        article_id = doc["id"]
        entry = self.entries.get(article_id) or {"file": self._free_filename(article_id)}
        data = dump_json({**doc, "_key": key})
        entry = {"file": entry["file"], "key": key, "size": len(data.encode("utf-8", "surrogatepass")),
                 "title": doc.get("title"), "published": doc.get("published")}
        atomic_write(self.root / ARTICLES / entry["file"], data)
        self.entries[article_id] = entry
        self._journal.write(dump_json({"id": article_id, "entry": entry}) + "\n")
        self._journal.flush()

    def _free_filename(self, article_id: str) -> str:
        name = article_filename(article_id)
        taken = {e["file"] for e in self.entries.values()}
        n = 1
        while name in taken:  # two ids that quote to the same name (case-insensitive FS etc.)
            n += 1
            name = article_filename(f"{article_id}#{n}")
        return name

    def save_manifest(self, **meta: Any) -> None:
        """Write the manifest atomically, then empty the journal it now contains."""
        self.meta.update(meta)
        self.meta.update(schema_version=SCHEMA_VERSION, updated=time.strftime("%Y-%m-%dT%H:%M:%S"))
        atomic_write(self.root / MANIFEST, json.dumps({**self.meta, "articles": self.entries},
                                                      ensure_ascii=False, indent=1, sort_keys=True))
        if self._journal is not None:
            self._journal.truncate(0)
            self._journal.seek(0)

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def open_store(store: Optional[Path]) -> Store:
    """Open an existing store for reading; StoreNotFound if there is none."""
    s = Store(store_path(store))
    if not s.exists:
        raise StoreNotFound(f"no fact store at {s.root}; run `factx extract PATH` first (or pass --store)")
    return s
