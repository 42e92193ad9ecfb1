"""The JSON fact store: one JSON document per article, a manifest, a journal and a lock.

Layout of a store folder (default ``.factx/``)::

    manifest.json     store version, factx and model versions, and one entry per article
    journal.jsonl     entries written since the manifest was last saved (replayed on open)
    articles/XX/*.json  one document per article (see ``factx.schema``): the source of truth,
                      in 256 shard folders XX (``shard_of`` its file name)
    lock              held by a running ``factx extract``

Every file is written to a temporary name, flushed to disk and renamed into place, so a reader
never sees a half-written document and a killed run leaves a store every command can read. A
store of version 1 keeps its documents straight in ``articles/``: it is read as it is, and the
next ``extract`` moves them into their shards (``Store.migrate_layout``). No spaCy here.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional
from urllib.parse import quote

import orjson

from factx.schema import validate_article

DEFAULT_STORE = ".factx"
STORE_ENV = "FACTX_STORE"
MANIFEST = "manifest.json"
JOURNAL = "journal.jsonl"
ARTICLES = "articles"
LOCK = "lock"
# The manifest's "schema_version": the version of the store (its layout and manifest). Version
# 1 (factx before sharding) kept every document straight in articles/ and was also the version
# of the documents' schema (``factx.schema.SCHEMA_VERSION``, still 1: unchanged, so are the
# articles' keys and nothing is redone after the migration). Bump this whenever an older factx
# must not write the store, the documents' schema included: it then refuses the store (exit 6).
# Version 3 writes each entry's "file" as the document's path in the store ("articles/3f/ID.json"),
# so that tools reading the manifest find a document without knowing how the shards are made;
# version 2 wrote the name alone ("ID.json"), and is read as it is.
STORE_VERSION = 3
NAME_ONLY_VERSION = 2  # read as it is; its manifest is written anew (version 3) by the next extract
FLAT_VERSION = 1  # read as it is; migrated by the next extract
READ_VERSIONS = (FLAT_VERSION, NAME_ONLY_VERSION, STORE_VERSION)
LAYOUT = "articles/XX/FILE, XX the first two hex digits of the SHA-1 of FILE (UTF-8)"
# Threads reading documents ahead of an index rebuild (read_ahead), and how many documents ahead.
READ_THREADS = 4
READ_AHEAD = 64
# orjson reads an integer of more than 64 bits as a float, where json keeps it whole: bytes with
# a run of this many digits (every such integer has one) are left to json
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_DIGIT_RUN = b"0" * 19


def decode_document(data: bytes) -> Any:
    """``json.loads(data)``, the same value or the same error, in well under half its CPU
    (a rebuild decodes every document): orjson decodes it, unless the bytes hold what orjson
    would read otherwise or refuse (an integer beyond 64 bits; NaN, Infinity, a lone surrogate,
    a byte order mark, UTF-16, deep nesting: it raises, and json decodes them as it always did)."""
    if _LONG_DIGIT_RUN not in data.translate(_DIGITS_AS_ZERO):
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    return json.loads(data)


class StoreError(RuntimeError):
    """A store problem the user must act on; the message says what."""


class StoreBusy(StoreError):
    pass


class IncompatibleStore(StoreError):
    pass


class StoreNotFound(StoreError):
    pass


def is_disk_full(err: BaseException) -> bool:
    """The error says the disk (or quota) holding a file is full: ENOSPC/EDQUOT, or SQLite's
    "database or disk is full"."""
    import errno

    if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return type(err).__module__ == "sqlite3" and "full" in str(err)


def write_problem(root: Path, err: BaseException, then: str = "run `factx extract` again to go on") -> str:
    """One line for a failed write to the store: a full disk with the space left (and ``then``,
    what to do once there is space), or the error."""
    import shutil

    if is_disk_full(err):
        try:
            free = f"{shutil.disk_usage(root).free / 1e6:.1f} MB free"
        except OSError:
            free = "free space unknown"
        return (f"the disk holding the store {root} is full ({free}); what was written is kept and "
                f"consistent: free some space and {then}")
    return f"cannot write the store at {root}: {err}"


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


# A document's file name in a manifest or journal entry: one plain name inside articles/ (no
# folder part, nothing hidden, so never "..", a temporary file or a path outside the store).
_SAFE_FILE = re.compile(r"[^/\\\x00]+\.json\Z")


def safe_filename(name: Any) -> bool:
    return isinstance(name, str) and not name.startswith(".") and bool(_SAFE_FILE.match(name))


def shard_of(name: str) -> str:
    """The shard folder of a document's file name: two hex digits of a hash, 256 folders.

    A hash, not the name's first letters: ids share prefixes (dates, sources), which would
    fill a few folders. One level of 256: a million articles make some 3,900 files a folder,
    ten million 39,000, both fine for any file system and for `ls`; two levels (65,536
    folders) would put most documents of a store of thousands in a folder of their own."""
    return hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:2]


_SHARD = re.compile(r"[0-9a-f]{2}\Z")


def stored_file(name: str) -> str:
    """An entry's "file" as the manifest and the journal write it: the document's path inside
    the store, "articles/XX/NAME" (``shard_of``)."""
    return f"{ARTICLES}/{shard_of(name)}/{name}"


def file_name(file: Any) -> Optional[str]:
    """The document's file name that an entry's "file" gives: the name alone (versions 1 and 2)
    or its path in the store (``stored_file``); None for anything else (a path outside its own
    shard folder included)."""
    if not isinstance(file, str):
        return None
    parts = file.split("/")
    if len(parts) == 3 and parts[0] == ARTICLES and safe_filename(parts[2]) and parts[1] == shard_of(parts[2]):
        return parts[2]
    return file if len(parts) == 1 and safe_filename(file) else None


def _entry_in_memory(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry as read, with the file name alone (what the rest of this module works with)."""
    return {**entry, "file": file_name(entry.get("file"))}


def _entry_on_disk(entry: dict[str, Any]) -> dict[str, Any]:
    return {**entry, "file": stored_file(entry["file"])}


def valid_entry(entry: Any) -> bool:
    """A manifest or journal entry of the shape this module writes."""
    return (isinstance(entry, dict) and file_name(entry.get("file")) is not None and isinstance(entry.get("key", ""), str)
            and type(entry.get("size", 0)) is int and isinstance(entry.get("hash", ""), str)
            and all(isinstance(entry.get(k), (str, type(None))) for k in ("title", "published")))


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def file_mode() -> int:
    """The mode a new file gets under the process umask (mkstemp alone makes it 0600)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def discard(path: Any) -> None:
    """Remove a file (a temporary one, on the way out), whatever has become of it."""
    try:
        os.unlink(path)
    except OSError:
        pass


def write_temporary(folder: Path, name: str, data: bytes, sync: bool = True) -> str:
    """A new temporary file ``.NAME.*.tmp`` in ``folder`` holding ``data``, flushed to disk
    (its own fsync: no global sync), or with ``sync=False`` on its way there (``sync_file``
    then waits for it); the caller renames it into place or discards it."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, file_mode())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if sync:
                os.fsync(f.fileno())
            else:
                _start_writeback(f.fileno())
    except BaseException:
        discard(tmp)
        raise
    return tmp


def _start_writeback(fd: int) -> None:
    """Have the kernel start writing a file to disk now, without waiting: the fsyncs of a batch
    written this way then mostly wait for writes already under way (about three times faster
    than writing and syncing one file after the other). Only a hint; the fsync makes it so."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        try:
            advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass


def sync_file(path: str) -> None:
    """Wait until a file written earlier (and closed) is on disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Any) -> None:
    """Flush a folder's entries to disk, so that files renamed into it stay there after a crash
    (the files' own fsync does not cover their names)."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as err:
        # some file systems cannot sync a folder (they keep names in order themselves)
        if err.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def atomic_write(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part,
    and it is on disk once this returns."""
    tmp = write_temporary(path.parent, path.name, data.encode("utf-8"))
    try:
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise
    sync_folder(path.parent)


def dump_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class Store:
    def __init__(self, root: Path):
        self.root = Path(root)
        self._entries: Optional[dict[str, dict[str, Any]]] = None
        self.meta: dict[str, Any] = {}
        self._lock_fd: Optional[int] = None
        self._journal = None
        self._taken: Optional[set[str]] = None  # the documents' file names, casefolded (writing)
        self._shards_made: set[str] = set()  # shard folders known to be real folders (writing)
        self._new_shards = False  # a shard folder was made: articles/ needs a sync (writing)
        self.migrated = 0  # documents moved into their shards when opened for writing
        # the path each document read_ahead read was found at, by file name, until loaded
        # (load_document then needs not look for it again: three system calls a document)
        self._read_paths: dict[str, Path] = {}

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
    def writing(self) -> bool:
        """Open for writing (this process holds the lock)."""
        return self._lock_fd is not None

    @property
    def exists(self) -> bool:
        return (self.root / MANIFEST).is_file() or (self.root / JOURNAL).is_file()

    def load(self) -> "Store":
        """Read manifest and journal. Raises IncompatibleStore for another schema version.
        A manifest that cannot be read, or is not of the shape this module writes (an entry
        naming a file outside articles/ included), is rebuilt from the article documents."""
        self._entries = {}
        self._taken = None
        manifest = self.root / MANIFEST
        if manifest.is_file():
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
                problem = None
            except OSError as err:
                raise StoreError(f"cannot read the manifest of store {self.root}: {err.strerror or err}") from err
            except (ValueError, RecursionError) as err:
                data, problem = {}, f"unreadable ({str(err)[:200]})"
            if problem is None:
                problem = self._manifest_problem(data)
            if problem is not None:
                # The manifest is only an index: entries can be rebuilt from the articles.
                meta = {k: v for k, v in data.items() if k != "articles"} if isinstance(data, dict) else {}
                data = {**meta, "schema_version": STORE_VERSION, "articles": self._scan_articles(),
                        "warning": f"manifest of store {self.root} {problem}; rebuilt from the articles"}
            self.entries = {aid: _entry_in_memory(entry) for aid, entry in data["articles"].items()}
            self.meta = {k: v for k, v in data.items() if k != "articles"}
        self._replay_journal()
        self._separate_shared_files()
        return self

    def _manifest_problem(self, data: Any) -> Optional[str]:
        """Why a parsed manifest cannot be used as it is (None if it can); IncompatibleStore for
        one of another schema version."""
        if not isinstance(data, dict):
            return "is not a JSON object"
        version = data.get("schema_version")
        if version is None:
            return "has no schema version"
        if version not in READ_VERSIONS:
            raise IncompatibleStore(
                f"store {self.root} was written with schema version {version}; this factx reads "
                f"versions {FLAT_VERSION} to {STORE_VERSION}. Re-extract into a new store (--store)."
            )
        articles = data.get("articles", {})
        if not isinstance(articles, dict):
            return "has no 'articles' object"
        bad = next((aid for aid, entry in articles.items() if not valid_entry(entry)), None)
        if bad is not None:
            return f"has a damaged entry for {bad!r}"
        return None

    def _separate_shared_files(self) -> None:
        """Two entries naming one file (a damaged manifest): the article whose document it holds
        keeps it, the others get a file of their own (missing, so they are redone)."""
        by_file: dict[str, list[str]] = {}
        for aid, entry in self._entries.items():
            by_file.setdefault(entry["file"], []).append(aid)
        for ids in by_file.values():
            if len(ids) < 2:
                continue
            owner = None
            try:
                doc = json.loads(self.document_path(self._entries[ids[0]]).read_bytes())
                owner = doc.get("id") if isinstance(doc, dict) else None
            except (OSError, ValueError, RecursionError):
                pass
            for aid in ids:
                if aid != owner:
                    self._entries[aid] = {"file": self._free_filename(aid), "key": ""}

    def _replay_journal(self) -> None:
        journal = self.root / JOURNAL
        if not journal.is_file():
            return
        try:
            f = open(journal, encoding="utf-8", errors="replace")
        except OSError as err:
            raise StoreError(f"cannot read the journal of store {self.root}: {err.strerror or err}") from err
        with f:
            for line in f:
                try:
                    entry = json.loads(line)
                except (ValueError, RecursionError):
                    continue  # a line cut short by a kill: that article is simply redone
                if isinstance(entry, dict) and isinstance(entry.get("id"), str) and valid_entry(entry.get("entry")):
                    self._entries[entry["id"]] = _entry_in_memory(entry["entry"])
                # else a damaged line (a file outside articles/ included): that article is redone

    def _document_files(self) -> list[Path]:
        """Every document file where ``document_path`` looks: straight in articles/ (version 1,
        or not moved yet), then in the shard folders (a file in a shard not its own is no one's)."""
        folder = self.root / ARTICLES
        files = sorted(folder.glob("*.json"))
        for shard in sorted(folder.glob("??")):
            if _SHARD.match(shard.name) and shard.is_dir() and not shard.is_symlink():
                files += sorted(p for p in shard.glob("*.json") if shard_of(p.name) == shard.name)
        return files

    def _scan_articles(self) -> dict[str, dict[str, Any]]:
        entries = {}
        for path in self._document_files():
            if not safe_filename(path.name) or not path.is_file():
                continue
            try:
                data = path.read_bytes()
                doc = json.loads(data)
                validate_article(doc)
            except (OSError, ValueError, RecursionError):
                continue
            entries[doc["id"]] = {"file": path.name, "key": doc.get("_key", ""), "title": doc.get("title"),
                                  "size": len(data), "hash": content_hash(data), "published": doc.get("published")}
        return entries

    def article_ids(self) -> list[str]:
        return sorted(self.entries)

    def document_path(self, entry: dict[str, Any], writing: bool = False) -> Path:
        """The document file of an entry, which must be inside articles/ (ValueError if not; a
        link elsewhere is not followed when reading, and replaced when writing).

        Written in its shard folder (``shard_of``); read from there, else straight from
        articles/, where a store of version 1 (or one whose migration was stopped) has it."""
        name = entry.get("file")
        folder = self.root / ARTICLES
        if not safe_filename(name):
            raise ValueError(f"the store {self.root} names a document outside {folder}: {name!r}")
        shard = shard_of(name)
        path = folder / shard / name
        if writing:
            self._make_shard(shard)
            return path
        try:
            link = stat.S_ISLNK(os.lstat(path).st_mode)  # one look: whether it is there, and a link
        except OSError:
            flat = folder / name
            # a migration running meanwhile may move it from there to its shard between two looks
            path = flat if os.path.lexists(flat) else path
            link = path.is_symlink()
        if link or path.parent.is_symlink():
            inside = os.path.realpath(folder)
            if path.parent != folder:
                inside = os.path.join(inside, shard)
            if os.path.dirname(os.path.realpath(path)) != inside:
                raise ValueError(f"{path} links outside {folder}")
        return path

    def read_article(self, article_id: str) -> dict[str, Any]:
        """One article document; raises KeyError if unknown, ValueError if corrupt (not of the
        shape of an article document included: ``factx.schema.validate_article``)."""
        return self.read_document(article_id, self.entries[article_id].get("file"))

    def read_document(self, article_id: str, file: Any, data: Optional[bytes] = None) -> dict[str, Any]:
        """The document of ``article_id`` in ``file`` (a name inside articles/, as the manifest
        or the index gives it), checked as ``read_article`` does (``data``: its bytes, read
        already by ``read_ahead``)."""
        doc, path = self.load_document(article_id, file, data)
        try:
            validate_article(doc)
        except ValueError as err:
            raise ValueError(f"bad document {path}: {err}") from err
        return doc

    def load_document(self, article_id: str, file: Any,
                      data: Optional[bytes] = None) -> tuple[dict[str, Any], Path]:
        """(the parsed document of ``article_id`` in ``file``, its path), checked only to be an
        object with that id (ValueError otherwise): callers check what they read of it."""
        path = self._read_paths.pop(file, None) if data is not None and isinstance(file, str) else None
        if path is None:
            path = self.document_path({"file": file})
        try:
            doc = decode_document(path.read_bytes() if data is None else data)
        except OSError as err:
            raise ValueError(f"cannot read {path}: {err.strerror or err}") from err
        except (ValueError, RecursionError) as err:
            raise ValueError(f"corrupt JSON in {path}: {str(err)[:200]}") from err
        if not isinstance(doc, dict) or doc.get("id") != article_id:
            raise ValueError(f"{path} does not hold article {article_id!r}")
        return doc, path

    def read_ahead(self, articles: list[tuple[str, Any]], threads: int = READ_THREADS,
                   ahead: int = READ_AHEAD) -> Iterator[tuple[str, Optional[bytes]]]:
        """(id, the bytes of its document, or None when they cannot be read here) of each
        article ``(id, file)``, in order, read by a few threads up to ``ahead`` documents before
        they are asked for: the reads of a rebuild (cold documents on a disk) wait on the disk
        side by side, and while the caller parses. ``read_document(id, file, data)`` checks
        them."""
        from collections import deque
        from concurrent.futures import ThreadPoolExecutor
        from itertools import islice

        def read(file: Any) -> Optional[bytes]:
            try:
                path = self.document_path({"file": file})
                data = path.read_bytes()
            except (OSError, ValueError):
                return None  # read_document says why
            self._read_paths[file] = path
            return data
        with ThreadPoolExecutor(threads) as pool:
            items = iter(articles)
            pending = deque((aid, pool.submit(read, file)) for aid, file in islice(items, max(ahead, 1)))
            while pending:
                aid, future = pending.popleft()
                more = next(items, None)
                if more is not None:
                    pending.append((more[0], pool.submit(read, more[1])))
                yield aid, future.result()

    def iter_articles(self) -> Iterator[dict[str, Any] | CorruptArticle]:
        for article_id in self.article_ids():
            try:
                yield self.read_article(article_id)
            except ValueError as err:
                yield CorruptArticle(article_id, self.entries[article_id].get("file", ""), str(err))

    def damaged_articles(self, full: bool = False) -> dict[str, str]:
        """Articles whose document is missing or has another size than the one written (cheap:
        one stat per article, no reading), with the reason; ``full`` also reads every document
        and compares its content hash with the manifest's."""
        damaged = {}
        folder = os.path.join(self.root, ARTICLES, "")
        stat = os.stat  # plain strings: pathlib would triple the cost at 100,000 articles
        for article_id, entry in self.entries.items():
            name = entry["file"]
            path = f"{folder}{shard_of(name)}/{name}"
            try:
                try:
                    size = stat(path).st_size
                except FileNotFoundError:  # not moved into its shard yet (see document_path)
                    path = folder + name if os.path.lexists(folder + name) else path
                    size = stat(path).st_size
                if "size" in entry and size != entry["size"]:
                    damaged[article_id] = "document truncated or changed (size differs from the manifest)"
                elif full and "hash" in entry:
                    with open(path, "rb") as f:
                        if content_hash(f.read()) != entry["hash"]:
                            damaged[article_id] = "document changed (content differs from the manifest)"
            except OSError:
                damaged[article_id] = "document missing or unreadable"
        return damaged

    def is_current(self, article_id: str, key: str) -> bool:
        """True when the stored article was made from the same input, model and versions and
        its document is intact: a missing, truncated or otherwise changed one (size or content
        hash differ) is redone. An entry written before hashes were kept is checked by reading
        the document, and given its hash."""
        entry = self.entries.get(article_id)
        if not entry or entry.get("key") != key:
            return False
        try:
            path = self.document_path(entry)
            data = path.read_bytes()
        except (OSError, ValueError):
            return False
        if len(data) != entry.get("size"):
            return False
        if "hash" in entry:
            return content_hash(data) == entry["hash"]
        try:
            doc = json.loads(data)
            if not isinstance(doc, dict) or doc.get("id") != article_id:
                return False
            validate_article(doc)
        except (ValueError, RecursionError):
            return False
        entry = {**entry, "hash": content_hash(data)}
        self.entries[article_id] = entry
        if self._journal is not None:
            self._journal.write(dump_json({"id": article_id, "entry": _entry_on_disk(entry)}) + "\n")
        return True

    # ---- writing -------------------------------------------------------------------------
    def open_for_writing(self) -> "Store":
        (self.root / ARTICLES).mkdir(parents=True, exist_ok=True)
        # never through a link: a store's files are its own (O_NOFOLLOW: a link is an error)
        self._lock_fd = os.open(self.root / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
        try:
            import fcntl

            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            os.close(self._lock_fd)
            self._lock_fd = None
            if err.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise StoreBusy(f"another `factx extract` is writing to {self.root}; wait for it to finish") from err
            raise
        self._remove_stale_temporaries()
        for name in (MANIFEST, JOURNAL):
            if (self.root / name).exists() and not (self.root / name).is_file():
                raise IsADirectoryError(errno.EISDIR, f"{self.root / name} is not a file")
        try:
            self.load()
        except IncompatibleStore:
            raise
        except StoreError as err:  # the caller reports an OSError as "cannot write the store"
            raise OSError(str(err)) from err
        fd = os.open(self.root / JOURNAL, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
        self._journal = os.fdopen(fd, "a", encoding="utf-8")
        self.migrated = self.migrate_layout()
        return self

    def migrate_layout(self) -> int:
        """Move the documents of a version 1 store (straight in articles/) into their shard
        folders, once; returns how many were moved. Safe to stop at any point, and resumed by
        the next call: the manifest says version 2 before the first move (an older factx then
        refuses the store, exit 6, rather than write documents where this one does not look
        first), each move is one rename, and readers look in both places (``document_path``),
        so a store half moved reads whole. Nothing is copied: the documents, their names and
        their entries stay as they are, so neither the articles' keys nor the index change."""
        flat = self._flat_documents()
        if flat or self.meta.get("schema_version", STORE_VERSION) != STORE_VERSION:
            self.save_manifest()  # version 2 on disk before anything moves
        moved = 0
        while flat:  # a folder changed while listed may hide a name: list again until none is left
            self._move_into_shards(flat)  # moves every name listed, or raises
            moved += len(flat)
            flat = self._flat_documents()
        return moved

    def _flat_documents(self) -> list[str]:
        """The names of the documents straight in articles/ (a version 1 layout)."""
        with os.scandir(self.root / ARTICLES) as found:
            return [e.name for e in found if safe_filename(e.name) and not e.is_dir(follow_symlinks=False)]

    def _move_into_shards(self, names: list[str]) -> None:
        folder = self.root / ARTICLES
        touched = set()
        for name in names:
            target = self.document_path({"file": name}, writing=True)
            if os.path.lexists(target):
                # Only this layout's writer puts a document in a shard: the one there is newer.
                os.unlink(folder / name)
            else:
                os.rename(folder / name, target)
            touched.add(target.parent)
        for shard in sorted(touched):
            sync_folder(shard)
        sync_folder(folder)  # the new shard folders, and the names gone from it
        self._new_shards = False

    def _make_shard(self, shard: str) -> None:
        """Make sure articles/SHARD is a folder of the store's own, not a link or a file put
        there (a link is replaced, never written through); ``_sync_new_shards`` then puts the
        name of a new one on disk."""
        if shard in self._shards_made:
            return
        folder = self.root / ARTICLES
        path = folder / shard
        if path.is_symlink() or (os.path.lexists(path) and not path.is_dir()):
            path.unlink()
        if not path.is_dir():
            path.mkdir()
            self._new_shards = True
        self._shards_made.add(shard)

    def _sync_new_shards(self) -> None:
        """Put the names of the shard folders made since the last call on disk."""
        if self._new_shards:
            sync_folder(self.root / ARTICLES)
            self._new_shards = False

    def _remove_stale_temporaries(self) -> None:
        """Temporary files a killed writer left (we hold the lock: nobody else is writing)."""
        for folder in (self.root, self.root / ARTICLES):
            for path in folder.glob(".*.tmp"):
                try:
                    if not path.is_dir() or path.is_symlink():
                        path.unlink()
                except OSError:
                    pass

    def _document(self, doc: dict[str, Any], key: str) -> tuple[str, bytes, dict[str, Any]]:
        """An article document as stored (text and bytes) and its manifest entry."""
        entry = self.entries.get(doc["id"]) or {"file": self._free_filename(doc["id"])}
        data = dump_json({**doc, "_key": key})
        raw = data.encode("utf-8", "surrogatepass")
        return data, raw, {"file": entry["file"], "key": key, "size": len(raw), "hash": content_hash(raw),
                           "title": doc.get("title"), "published": doc.get("published")}

    def write_article(self, doc: dict[str, Any], key: str) -> None:
        self.write_articles([(doc, key)])

    def write_articles(self, items: Iterable[tuple[dict[str, Any], str]]) -> None:
        """Write many (document, key) pairs, atomically each, and list them in the journal only
        once they are on disk: each document goes to a temporary file in articles/, each file
        is synced on its own (fsync; all written first, so that their writes overlap), all are
        renamed into their shard folders, the folders they went to are synced once each (no
        global sync: other files of the machine are not this run's to flush), and then the
        batch is journaled. A batch that fails lists none of its documents (they are redone);
        one renamed before the failure is simply written again."""
        folder = self.root / ARTICLES
        staged: list[tuple[str, Path, str, dict[str, Any]]] = []
        try:
            for doc, key in items:
                _, raw, entry = self._document(doc, key)
                path = self.document_path(entry, writing=True)
                staged.append((write_temporary(folder, path.name, raw, sync=False), path, doc["id"], entry))
            for tmp, *_ in staged:
                sync_file(tmp)
            renamed = []
            while staged:
                tmp, path, article_id, entry = staged[0]
                os.replace(tmp, path)
                renamed.append(staged.pop(0))
            for shard in sorted({path.parent for _, path, _, _ in renamed}):
                sync_folder(shard)
            self._sync_new_shards()
            for _, _, article_id, entry in renamed:
                self.entries[article_id] = entry
                self._journal.write(dump_json({"id": article_id, "entry": _entry_on_disk(entry)}) + "\n")
        finally:
            for tmp, *_ in staged:
                discard(tmp)
            if self._journal is not None:
                self._journal.flush()

    def _free_filename(self, article_id: str) -> str:
        if self._taken is None:
            self._taken = {e["file"].casefold() for e in self._entries.values()}
        name = article_filename(article_id)
        n = 1
        while name.casefold() in self._taken:  # two ids that quote to the same name (case-insensitive FS etc.)
            n += 1
            name = article_filename(f"{article_id}#{n}")
        self._taken.add(name.casefold())
        return name

    def save_manifest(self, **meta: Any) -> None:
        """Write the manifest atomically, then empty the journal it now contains."""
        self.meta.update(meta)
        self.meta.pop("warning", None)  # about the manifest read, which this one replaces
        self.meta.update(schema_version=STORE_VERSION, layout=LAYOUT, updated=time.strftime("%Y-%m-%dT%H:%M:%S"))
        articles = {aid: _entry_on_disk(entry) for aid, entry in self.entries.items()}
        atomic_write(self.root / MANIFEST, json.dumps({**self.meta, "articles": articles},
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
