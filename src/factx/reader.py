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
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Optional, Union

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
        text = data.decode("utf-16")
        warnings.append("decoded as UTF-16")
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
        data = json.loads(meta_path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise ValueError("expected an object mapping file names to objects")
    except (OSError, ValueError) as err:
        return {}, [InputFailure(METADATA_FILE, f"unreadable metadata file: {err}", str(meta_path))]
    return data, []


def iter_files(root: Path) -> Iterator[Union[Path, InputFailure]]:
    """Input files below a folder in a stable order; loops and unreadable folders are reported."""
    seen_dirs: set[tuple[int, int]] = set()

    def walk(folder: Path) -> Iterator[Union[Path, InputFailure]]:
        try:
            st = folder.stat()
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                yield InputFailure(str(folder), "symlink loop: folder already visited", str(folder))
                return
            seen_dirs.add(key)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            yield InputFailure(str(folder), f"cannot read folder: {err.strerror or err}", str(folder))
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith(".") or entry.name in (METADATA_FILE, PEOPLE_FILE):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError as err:
                yield InputFailure(entry.name, f"cannot read: {err.strerror or err}", entry.path)
                continue
            if is_dir:
                yield from walk(path)
            elif path.suffix.lower() in TEXT_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES:
                yield path
            elif not entry.is_file() and entry.is_symlink():
                yield InputFailure(entry.name, "broken symlink", entry.path)

    yield from walk(root)


def read_inputs(paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Every article in the given files and folders (recursive), or a failure saying why not."""
    for given in paths:
        if given.is_dir():
            metadata, failures = load_metadata(given)
            yield from failures
            for item in iter_files(given):
                if isinstance(item, InputFailure):
                    yield item
                    continue
                rel = item.relative_to(given).as_posix()
                yield from read_file(item, rel, metadata.get(rel, {}), max_bytes)
        else:
            metadata, failures = load_metadata(given.parent)
            yield from failures
            yield from read_file(given, given.name, metadata.get(given.name, {}), max_bytes)


def read_file(path: Path, article_id: str, meta: dict[str, Any], max_bytes: int) -> Iterator[ReadResult]:
    try:
        size = path.stat().st_size
        if size > max_bytes and path.suffix.lower() in TEXT_SUFFIXES:
            yield InputFailure(article_id, f"too large ({size:,} bytes > {max_bytes:,})", str(path))
            return
        data = path.read_bytes()
    except OSError as err:
        yield InputFailure(article_id, f"cannot read: {err.strerror or err}", str(path))
        return
    if path.suffix.lower() in JSON_SUFFIXES:
        yield from read_json_articles(path, data, max_bytes)
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
    yield RawArticle(
        id=article_id, text=text, title=meta.get("title") or headline(text),
        published=normalize_date(meta.get("published")), url=meta.get("url"),
        source=meta.get("source"), path=str(path), warnings=warnings, author=meta.get("author"),
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
    published = normalize_date(meta.get("published")) or normalize_date(page.date)
    return RawArticle(
        id=article_id, text=text, title=meta.get("title") or page.title or headline(text),
        published=published, url=meta.get("url") or page.url, source=meta.get("source") or page.sitename,
        path=str(path), warnings=warnings, author=meta.get("author") or page.author,
    )


def read_json_articles(path: Path, data: bytes, max_bytes: int) -> Iterator[ReadResult]:
    """Articles from a .jsonl file (one object per line) or a .json file (an object or a list)."""
    try:
        content, _ = decode_text(data)
    except ValueError as err:
        yield InputFailure(path.name, str(err), str(path))
        return
    if path.suffix.lower() == ".jsonl":
        records = []
        for lineno, line in enumerate(content.split("\n"), 1):
            if not line.strip():
                continue
            try:
                records.append((f"line {lineno}", json.loads(line)))
            except ValueError as err:
                yield InputFailure(f"{path.name}:{lineno}", f"malformed JSON on line {lineno}: {err}", str(path))
    else:
        try:
            doc = json.loads(content)
        except ValueError as err:
            yield InputFailure(path.name, f"malformed JSON: {err}", str(path))
            return
        items = doc if isinstance(doc, list) else [doc]
        records = [(f"item {i}", item) for i, item in enumerate(items, 1)]
    for where, record in records:
        yield article_from_record(record, path, where, max_bytes)


def article_from_record(record: Any, path: Path, where: str, max_bytes: int) -> ReadResult:
    label = f"{path.name} ({where})"
    if not isinstance(record, dict):
        return InputFailure(label, "not a JSON object", str(path))
    text, art_id = record.get("text"), record.get("id")
    if art_id is None or (isinstance(art_id, str) and not art_id.strip()):
        return InputFailure(label, "missing 'id'", str(path))
    if not isinstance(text, str):
        return InputFailure(str(art_id), "missing or non-string 'text'", str(path))
    if not text.strip():
        return InputFailure(str(art_id), "empty 'text'", str(path))
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        return InputFailure(str(art_id), f"text too large (> {max_bytes:,} bytes)", str(path))
    warnings = []
    if _SURROGATE.search(text):
        # JSON can carry lone surrogates ("\ud800") that no UTF-8 file can hold; one-for-one
        # replacement keeps every offset.
        text = _SURROGATE.sub("\ufffd", text)
        warnings.append("replaced invalid surrogate characters with U+FFFD")
    published = normalize_date(record.get("published"))
    if record.get("published") and not published:
        warnings.append(f"ignored 'published' {record.get('published')!r}: not YYYY-MM-DD")
    return RawArticle(
        id=str(art_id), text=text, title=record.get("title") if isinstance(record.get("title"), str) else None,
        published=published, url=record.get("url"), source=record.get("source"), path=str(path),
        warnings=warnings, author=record.get("author") if isinstance(record.get("author"), str) else None,
    )
