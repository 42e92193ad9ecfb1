"""Reading articles from files and folders: plain text, Markdown, JSON, JSON Lines and saved
HTML pages.

Everything that cannot be read becomes an ``InputFailure`` with a reason, never an exception,
so one odd file cannot stop a run. No spaCy here, and trafilatura (for HTML) only when an HTML
file is read.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from factx.dates.lexicon import MONTHS

TEXT_SUFFIXES = {".txt", ".md"}
JSON_SUFFIXES = {".jsonl", ".json"}
HTML_SUFFIXES = {".html", ".htm"}
METADATA_FILE = "factx-metadata.json"
# The user's corrections to the people merge (factx.people); a file of the corpus, not an article.
PEOPLE_FILE = "factx-people.json"
# Long articles are parsed in pieces (factx.nlp.parse_long), so size is only a sanity limit:
# parsing runs at some 15 KB of text per CPU-second, so 20 MB is already over 20 minutes for one
# article; anything bigger is more likely a dump than an article.
DEFAULT_MAX_BYTES = 20_000_000
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class RawArticle:
    id: str
    text: str
    title: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    path: Optional[str] = None
    warnings: list[str] = field(default_factory=list)
    author: Optional[str] = None
    # Where ``published`` came from: metadata (factx-metadata.json or a JSON record's field),
    # html (the page's own metadata), path (a date in the file's name or folders) or text (a
    # dateline or byline at the top); None when there is no date.
    published_source: Optional[str] = None
    # Where the article was read (a file, or a file and its line or item), for messages such as
    # duplicate ids; not part of the facts.
    origin: Optional[str] = None

    @property
    def content_hash(self) -> str:
        """Hash of everything that changes the extracted facts (text and reference date)."""
        h = hashlib.sha256()
        for part in (self.text, self.title or "", self.published or ""):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        return h.hexdigest()


@dataclass
class InputFailure:
    id: str
    reason: str
    path: Optional[str] = None


ReadResult = Union[RawArticle, InputFailure]


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode bytes like ``open(path, encoding="utf-8")`` would (universal newlines, BOM kept),
    falling back to UTF-16 (with BOM) and Windows-1252 with a warning. Raises ValueError for binary."""
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
            warnings.append("decoded as UTF-16")
        except UnicodeDecodeError as err:  # a lone surrogate or an odd number of bytes
            text = data.decode("utf-16", errors="replace")
            warnings.append(f"not valid UTF-16 (byte {err.start}); invalid bytes replaced with U+FFFD")
    else:
        if b"\0" in data:
            raise ValueError("binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            # Windows-1252 maps almost every byte; the few it leaves undefined are replaced.
            text = data.decode("cp1252", errors="replace")
            warnings.append(f"not valid UTF-8 (byte {err.start}); decoded as Windows-1252")
    # Python's text mode turns \r\n and lone \r into \n; offsets are defined on that text.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, warnings


def headline(text: str) -> Optional[str]:
    for line in text.split("\n"):
        if line.strip():
            return line.strip().lstrip("\ufeff#").strip() or None
    return None


def normalize_date(value: Any) -> Optional[str]:
    """Keep YYYY-MM-DD from an ISO date or timestamp; None for anything else."""
    if not isinstance(value, str) or not _DATE_RE.match(value.strip()):
        return None
    day = value.strip()[:10]
    try:
        date.fromisoformat(day)
    except ValueError:
        return None
    return day


def load_metadata(folder: Path) -> tuple[dict[str, dict[str, Any]], list[InputFailure]]:
    """Read ``factx-metadata.json`` of a folder: {"relative/path.txt": {"published": ..., ...}}."""
    meta_path = folder / METADATA_FILE
    if not meta_path.is_file():
        return {}, []
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8").lstrip("\ufeff"))
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise ValueError("expected an object mapping file names to objects")
    except RecursionError:
        return {}, [InputFailure(METADATA_FILE, "unreadable metadata file: nested too deeply", str(meta_path))]
    except (OSError, ValueError) as err:
        return {}, [InputFailure(METADATA_FILE, f"unreadable metadata file: {err}", str(meta_path))]
    return data, []


ARTICLE_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES
_STRING_FIELDS = ("title", "published", "url", "source", "author")
_MAX_SHOWN = 80  # characters of a bad value quoted in a warning


def shown(value: Any) -> str:
    """A short printable form of a value for a warning (never the whole of a huge one)."""
    if isinstance(value, str):
        text = repr(value if len(value) <= _MAX_SHOWN else value[:_MAX_SHOWN] + "…")
    else:
        text = type(value).__name__ if isinstance(value, (list, dict)) else repr(value)[:_MAX_SHOWN]
    return text


def safe_str(value: str, from_filesystem: bool = False) -> str:
    """``value`` without lone surrogates, which no UTF-8 write can encode. A name read from the
    file system keeps its undecodable bytes visible and distinct (``caf\\xe9.txt``); anything
    else gets U+FFFD, one for one (offsets are kept)."""
    if not _SURROGATE.search(value):
        return value
    if from_filesystem:
        try:
            return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeError:
            pass
    return _SURROGATE.sub("\ufffd", value)


def is_store_folder(folder: Path) -> bool:
    """A factx fact store (its lock, articles and manifest or journal): never read as input."""
    from factx.store import ARTICLES, JOURNAL, LOCK, MANIFEST

    return ((folder / ARTICLES).is_dir() and (folder / LOCK).exists()
            and ((folder / MANIFEST).exists() or (folder / JOURNAL).exists()))


def iter_files(root: Path, skip_dirs: tuple[Path, ...] = ()) -> Iterator[Union[Path, InputFailure]]:
    """Input files below a folder in a stable order; loops and unreadable folders are reported.
    Folders in ``skip_dirs`` (the store being written) and fact stores are not read; files
    without an article suffix are ignored, broken links among them too."""
    seen_dirs: set[tuple[int, int]] = set()
    skipped: set[tuple[int, int]] = set()
    for folder in skip_dirs:
        try:
            st = os.stat(folder)
            skipped.add((st.st_dev, st.st_ino))
        except OSError:
            pass

    def walk(folder: Path) -> Iterator[Union[Path, InputFailure]]:
        try:
            st = folder.stat()
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                yield InputFailure(str(folder), "symlink loop: folder already visited", str(folder))
                return
            seen_dirs.add(key)
            if key in skipped or is_store_folder(folder):
                return
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            yield InputFailure(str(folder), f"cannot read folder: {err.strerror or err}", str(folder))
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith(".") or entry.name in (METADATA_FILE, PEOPLE_FILE):
                continue
            article = path.suffix.lower() in ARTICLE_SUFFIXES
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
                broken = not is_dir and not is_file and entry.is_symlink() and not os.path.exists(entry.path)
            except OSError as err:
                yield InputFailure(entry.name, f"cannot read: {err.strerror or err}", entry.path)
                continue
            if is_dir:
                yield from walk(path)
            elif not article:
                continue  # not an article file (a broken link to one included)
            elif broken:
                yield InputFailure(entry.name, "broken symlink", entry.path)
            elif not is_file:  # a FIFO would block the run, a device never end
                yield InputFailure(entry.name, "not a regular file", entry.path)
            else:
                yield path

    yield from walk(root)


def read_inputs(paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES,
                skip_dirs: tuple[Path, ...] = (), guess_published: bool = True) -> Iterator[ReadResult]:
    """Every article in the given files and folders (recursive), or a failure saying why not.
    Every string of what is yielded can be written as UTF-8 (see ``sanitize``). An article
    without a publication date in its metadata takes one from its path or its first lines,
    unless ``guess_published`` is off (see ``guess_publication_date``)."""
    for item in _read_inputs(paths, max_bytes, skip_dirs):
        if guess_published and isinstance(item, RawArticle) and item.published is None:
            item.published, item.published_source = guess_publication_date(item.id, item.text)
        yield sanitize(item)


# A date in a path: 2016-11-03, 2016_11_03, 2016.11.03, 2016/11/03 (folders) or 20161103, not
# inside a longer number.
_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_./]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# "Nov. 3, 2016", "November 3 2016", "3 November 2016", "2016-11-03"
_TEXT_DATES = (
    (re.compile(r"\b" + _MONTH + r"\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b", re.IGNORECASE), (3, 1, 2)),
    (re.compile(r"\b(\d{1,2})\s+" + _MONTH + r",?\s+((?:19|20)\d\d)\b", re.IGNORECASE), (3, 2, 1)),
    (re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)"), (1, 2, 3)),
)
# A line that gives the article's own date: a byline label, or a dateline that is little more
# than the date (with a place, a dash or a time).
_DATE_LABEL = re.compile(r"\b(published|posted)\b|^\s*dated?\s*:", re.IGNORECASE)
_UPDATED_LABEL = re.compile(r"\b(updated|modified)\b", re.IGNORECASE)
TOP_LINES = 5
DATELINE_MAX_WORDS = 10


def date_from_path(path: str) -> Optional[str]:
    """The last valid date written in a path (the file name's before its folders'), or None."""
    for m in reversed(list(_PATH_DATE.finditer(path))):
        day = _valid_day(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if day:
            return day
    return None


def _date_in_line(line: str) -> Optional[str]:
    for pattern, (y, mo, d) in _TEXT_DATES:
        for m in pattern.finditer(line):
            month = m.group(mo)
            month = MONTHS.get(month.lower()) if not month.isdigit() else int(month)
            day = _valid_day(int(m.group(y)), month, int(m.group(d))) if month else None
            if day:
                return day
    return None


def date_from_text(text: str) -> Optional[str]:
    """The date of a dateline or byline among the first lines ("Published: Nov. 3, 2016",
    "WASHINGTON — Nov. 3, 2016"), else None. An "Updated" date is taken only when no other is
    given; a date inside a sentence of the story is never taken."""
    lines = [line for line in text[:2000].split("\n") if line.strip()][:TOP_LINES]
    updated = None
    for line in lines:
        day = _date_in_line(line)
        if day is None:
            continue
        if _DATE_LABEL.search(line):
            return day
        if _UPDATED_LABEL.search(line):
            updated = updated or day
        elif len(line.split()) <= DATELINE_MAX_WORDS:
            return day
    return updated


def guess_publication_date(path: str, text: str) -> tuple[Optional[str], Optional[str]]:
    """(date, source) from the path, else from the top of the text; (None, None) when neither
    gives one. Never a file's modification time: that is when a copy was made."""
    day = date_from_path(path)
    if day:
        return day, "path"
    day = date_from_text(text)
    return (day, "text") if day else (None, None)


def _valid_day(year: int, month: int, day: int) -> Optional[str]:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _read_inputs(paths: list[Path], max_bytes: int, skip_dirs: tuple[Path, ...]) -> Iterator[ReadResult]:
    for given in paths:
        if given.is_dir():
            metadata, failures = load_metadata(given)
            yield from failures
            for item in iter_files(given, skip_dirs):
                if isinstance(item, InputFailure):
                    yield item
                    continue
                rel = item.relative_to(given).as_posix()
                yield from read_file(item, rel, _meta_for(metadata, rel), max_bytes)
        else:
            metadata, failures = load_metadata(given.parent)
            yield from failures
            yield from read_file(given, given.name, _meta_for(metadata, given.name), max_bytes)


def _meta_for(metadata: dict[str, Any], rel: str) -> dict[str, Any]:
    meta = metadata.get(rel)
    if meta is None and _SURROGATE.search(rel):  # a file name that is not UTF-8, keyed as shown
        meta = metadata.get(safe_str(rel, from_filesystem=True))
    return meta if isinstance(meta, dict) else {}


def sanitize(item: ReadResult) -> ReadResult:
    """No string of an article or failure may hold a lone surrogate (from a JSON escape such as
    "\\ud800" or a file name that is not UTF-8): one would make every later write of it raise.
    Such characters are replaced, with a warning; a non-string metadata value is dropped."""
    if isinstance(item, InputFailure):
        item.id = safe_str(item.id, from_filesystem=True)
        item.reason = safe_str(item.reason, from_filesystem=True)
        if item.path is not None:
            item.path = safe_str(item.path, from_filesystem=True)
        return item
    for name in ("id", "path", "origin"):
        value = getattr(item, name)
        if isinstance(value, str) and _SURROGATE.search(value):
            setattr(item, name, safe_str(value, from_filesystem=True))
            if name == "id":
                item.warnings.append(f"the id has characters that are not valid Unicode; stored as {item.id!r}")
    if _SURROGATE.search(item.text):
        item.text = safe_str(item.text)
        item.warnings.append("replaced invalid surrogate characters with U+FFFD")
    for name in _STRING_FIELDS:
        value = getattr(item, name)
        if value is not None and not isinstance(value, str):
            setattr(item, name, None)
            item.warnings.append(f"ignored '{name}' {shown(value)}: not a string")
        elif isinstance(value, str) and _SURROGATE.search(value):
            setattr(item, name, safe_str(value))
            item.warnings.append(f"replaced invalid surrogate characters in '{name}' with U+FFFD")
    item.warnings = [safe_str(w) for w in item.warnings]
    return item


def _meta_str(meta: dict[str, Any], key: str, warnings: list[str]) -> Optional[str]:
    """A string field of a metadata object; anything else is ignored with a warning."""
    value = meta.get(key)
    if value is None or isinstance(value, str):
        return value
    warnings.append(f"ignored '{key}' {shown(value)} in {METADATA_FILE}: not a string")
    return None


def _meta_date(meta: dict[str, Any], warnings: list[str], where: str) -> Optional[str]:
    value = meta.get("published")
    day = normalize_date(value)
    if value not in (None, "") and day is None:
        warnings.append(f"ignored 'published' {shown(value)}{where}: not YYYY-MM-DD")
    return day


def read_file(path: Path, article_id: str, meta: dict[str, Any], max_bytes: int) -> Iterator[ReadResult]:
    suffix = path.suffix.lower()
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block the run, a device never end
            yield InputFailure(article_id, "not a regular file", str(path))
            return
        if st.st_size > max_bytes and suffix not in JSON_SUFFIXES | HTML_SUFFIXES:
            yield InputFailure(article_id, f"too large ({st.st_size:,} bytes > {max_bytes:,})", str(path))
            return
        data = path.read_bytes()
    except OSError as err:
        yield InputFailure(article_id, f"cannot read: {err.strerror or err}", str(path))
        return
    if suffix in JSON_SUFFIXES:
        yield from read_json_articles(path, data, max_bytes, article_id)
        return
    if path.suffix.lower() in HTML_SUFFIXES:
        yield read_html_article(path, article_id, data, meta, max_bytes)
        return
    try:
        text, warnings = decode_text(data)
    except ValueError as err:
        yield InputFailure(article_id, str(err), str(path))
        return
    if not text.strip():
        yield InputFailure(article_id, "empty file" if not text else "only whitespace", str(path))
        return
    published = _meta_date(meta, warnings, f" in {METADATA_FILE}")
    yield RawArticle(
        id=article_id, text=text, title=_meta_str(meta, "title", warnings) or headline(text),
        published=published, published_source="metadata" if published else None, url=_meta_str(meta, "url", warnings),
        source=_meta_str(meta, "source", warnings), path=str(path), warnings=warnings,
        author=_meta_str(meta, "author", warnings), origin=article_id,
    )


# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">.
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
# The HTML standard reads these labels as Windows-1252 (pages labelled Latin-1 routinely use its
# curly quotes), and a UTF-16 label in a meta tag cannot be right (the tag itself was ASCII).
_HTML_CHARSET_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "utf-16-le": "utf-8", "utf-16-be": "utf-8",
                         "utf-16": "utf-8"}


def declared_charset(data: bytes) -> Optional[str]:
    """The encoding a page declares in a meta tag near its start, as a Python codec name."""
    match = _META_CHARSET.search(data[:4096])  # browsers look at the first 1024 bytes; be lenient
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return label  # the caller reports it
    return _HTML_CHARSET_ALIASES.get(name, name)


def decode_html(data: bytes) -> tuple[str, list[str]]:
    """Decode a saved page: by its byte-order mark, else by its meta charset, else like a text
    file (UTF-8, falling back to Windows-1252). Raises ValueError for binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        text, warnings = decode_text(data)
        return text.lstrip("\ufeff"), warnings
    if b"\0" in data:
        raise ValueError("binary file (contains NUL bytes)")
    charset = declared_charset(data)
    if charset is None or charset == "utf-8":
        return decode_text(data)
    try:
        return data.decode(charset), []
    except UnicodeDecodeError as err:
        try:
            return data.decode(charset, errors="replace"), [
                f"not valid {charset} as the page declares (byte {err.start}); invalid bytes replaced"]
        except (UnicodeError, ValueError):
            pass
    except (LookupError, UnicodeError, ValueError):  # not a text encoding ("base64") or unusable
        pass
    text, warnings = decode_text(data)
    return text, [f"ignored the declared charset {charset!r}: not a usable text encoding"] + warnings


def _extract_html(markup: str):
    """trafilatura's main text and metadata of a page (a ``trafilatura.settings.Document``), or None."""
    import trafilatura  # slow to import: only runs that read HTML pay for it

    return trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,  # readers' comments are not the article
        include_tables=False,  # cells joined by pipes are not sentences and confuse quote pairing
        favor_precision=True,  # the default keeps some cookie banners and navigation links
        # Metadata only: htmldate's extensive search guesses a day from the URL or the copyright
        # year, and a wrong reference date silently shifts every relative date of the article.
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": date.today().isoformat()},
    )


def html_paragraphs(text: str) -> str:
    """trafilatura's text (one block per line) with blank lines between blocks, as in the text
    files factx reads: spaCy then never runs a headline or a list item into the next sentence."""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def read_html_article(path: Path, article_id: str, data: bytes, meta: dict[str, Any], max_bytes: int) -> ReadResult:
    """A saved web page as an article: its main text without navigation and boilerplate, and
    title, author, publication date, URL and site name from the page's metadata. Values given
    for the file in the folder's metadata file take precedence; the page fills the gaps."""
    if not data.strip():
        return InputFailure(article_id, "empty file" if not data else "only whitespace", str(path))
    try:
        markup, warnings = decode_html(data)
    except ValueError as err:
        return InputFailure(article_id, str(err), str(path))
    try:
        page = _extract_html(markup)
    except Exception as err:  # noqa: BLE001 - a page the parser chokes on is one failed input
        return InputFailure(article_id, f"cannot parse HTML: {type(err).__name__}: {err}", str(path))
    text = html_paragraphs(page.text or "") if page is not None else ""
    if not any(c.isalnum() for c in text):
        return InputFailure(article_id, "no article text found in HTML", str(path))
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        return InputFailure(article_id, f"article text too large (> {max_bytes:,} bytes)", str(path))
    published, published_source = _meta_date(meta, warnings, f" in {METADATA_FILE}"), "metadata"
    if published is None:
        published, published_source = normalize_date(page.date), "html"
    return RawArticle(
        id=article_id, text=text, title=_meta_str(meta, "title", warnings) or page.title or headline(text),
        published=published, published_source=published_source if published else None,
        url=_meta_str(meta, "url", warnings) or page.url,
        source=_meta_str(meta, "source", warnings) or page.sitename, path=str(path), warnings=warnings,
        author=_meta_str(meta, "author", warnings) or page.author, origin=article_id,
    )


def _json_loads(text: str) -> Any:
    """json.loads; nesting deeper than Python's recursion limit is a ValueError like any other."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def read_json_articles(path: Path, data: bytes, max_bytes: int, name: Optional[str] = None) -> Iterator[ReadResult]:
    """Articles from a .jsonl file (one object per line) or a .json file (an object or a list).
    ``name`` is the file's id (its path relative to the folder given), used in origins."""
    name = name or path.name
    try:
        content, _ = decode_text(data)
    except ValueError as err:
        yield InputFailure(path.name, str(err), str(path))
        return
    content = content.lstrip("\ufeff")  # a byte-order mark (Notepad writes one) is not JSON
    if path.suffix.lower() == ".jsonl":
        records = []
        for lineno, line in enumerate(content.split("\n"), 1):
            if not line.strip():
                continue
            try:
                records.append((f"line {lineno}", _json_loads(line)))
            except ValueError as err:
                yield InputFailure(f"{path.name}:{lineno}", f"malformed JSON on line {lineno}: {err}", str(path))
    else:
        try:
            doc = _json_loads(content)
        except ValueError as err:
            yield InputFailure(path.name, f"malformed JSON: {err}", str(path))
            return
        items = doc if isinstance(doc, list) else [doc]
        records = [(f"item {i}", item) for i, item in enumerate(items, 1)]
    for where, record in records:
        yield article_from_record(record, path, where, max_bytes, origin=f"{name} {where}")


def article_from_record(record: Any, path: Path, where: str, max_bytes: int,
                        origin: Optional[str] = None) -> ReadResult:
    label = f"{path.name} ({where})"
    if not isinstance(record, dict):
        return InputFailure(label, "not a JSON object", str(path))
    text, art_id = record.get("text"), record.get("id")
    if art_id is None or (isinstance(art_id, str) and not art_id.strip()):
        return InputFailure(label, "missing 'id'", str(path))
    if isinstance(art_id, bool) or not isinstance(art_id, (str, int)):
        return InputFailure(label, f"'id' {shown(art_id)} is not a string or an integer", str(path))
    id_warnings = ["replaced invalid surrogate characters in 'id' with U+FFFD"] if _SURROGATE.search(str(art_id)) else []
    art_id = safe_str(str(art_id))
    if not isinstance(text, str):
        return InputFailure(str(art_id), "missing or non-string 'text'", str(path))
    if not text.strip():
        return InputFailure(str(art_id), "empty 'text'", str(path))
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        return InputFailure(str(art_id), f"text too large (> {max_bytes:,} bytes)", str(path))
    warnings = id_warnings
    if _SURROGATE.search(text):
        # JSON can carry lone surrogates ("\ud800") that no UTF-8 file can hold; one-for-one
        # replacement keeps every offset.
        text = _SURROGATE.sub("\ufffd", text)
        warnings.append("replaced invalid surrogate characters with U+FFFD")
    fields = {key: record.get(key) for key in ("title", "url", "source", "author")}
    for key, value in fields.items():
        if value is not None and not isinstance(value, str):
            warnings.append(f"ignored '{key}' {shown(value)}: not a string")
            fields[key] = None
    published = _meta_date(record, warnings, "")
    return RawArticle(
        id=art_id, text=text, published=published, published_source="metadata" if published else None,
        path=str(path), warnings=warnings, origin=origin or label, **fields,
    )
