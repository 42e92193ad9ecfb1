"""Reading inputs: formats, decoding, metadata and every kind of bad file."""
import json
import os
from pathlib import Path

import pytest

from factx.reader import InputFailure, RawArticle, decode_text, read_inputs


def read_all(*paths, **kw):
    return list(read_inputs(list(paths), **kw))


def test_text_file_id_headline_and_offsets_as_python_reads_it(tmp_path):
    (tmp_path / "sub").mkdir()
    f = tmp_path / "sub" / "a.txt"
    f.write_bytes(b"\n  Headline here\r\n\r\nBody line one.\r\nTwo.\r")
    [art] = read_all(tmp_path)
    assert art.id == "sub/a.txt"
    assert art.title == "Headline here"
    assert art.text == open(f, encoding="utf-8").read()


def test_utf8_bom_is_kept_like_open_does(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes("\ufeffTitle\nText “quoted”.".encode("utf-8"))
    [art] = read_all(f)
    assert art.text == open(f, encoding="utf-8").read()
    assert art.title == "Title"


def test_windows_1252_is_decoded_with_a_warning(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Caf\u00e9 \u201cquoted\u201d said Ren\u00e9e.".encode("cp1252"))
    [art] = read_all(f)
    assert art.text == "Café “quoted” said Renée."
    assert any("Windows-1252" in w for w in art.warnings)


def test_utf16_with_bom(tmp_path):
    f = tmp_path / "wide.txt"
    f.write_bytes("Title\r\nBody “q”.".encode("utf-16"))
    [art] = read_all(f)
    assert art.text == "Title\nBody “q”."


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"  \n\t\n", "only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_unusable_files_are_failures_with_reasons(tmp_path, content, reason):
    (tmp_path / "bad.txt").write_bytes(content)
    [failure] = read_all(tmp_path)
    assert isinstance(failure, InputFailure)
    assert reason in failure.reason


def test_oversize_text_is_reported_not_read(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 1000)
    [failure] = read_all(tmp_path, max_bytes=100)
    assert isinstance(failure, InputFailure) and "too large" in failure.reason


def test_other_suffixes_and_hidden_files_are_ignored(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "a.md").write_text("# Title\n\nText.")
    [art] = read_all(tmp_path)
    assert art.id == "a.md" and art.title == "Title"


def test_jsonl_articles_and_malformed_line_reported_with_number(tmp_path):
    f = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "T", "text": "Body.", "published": "2019-11-18T10:00:00Z", "url": "u"}),
        "{not json",
        json.dumps({"id": "a2", "text": "Other."}),
        json.dumps({"text": "no id"}),
        json.dumps({"id": "a3", "text": ""}),
    ]
    f.write_text("\n".join(lines) + "\n")
    items = read_all(f)
    arts = [i for i in items if isinstance(i, RawArticle)]
    fails = [i for i in items if isinstance(i, InputFailure)]
    assert [a.id for a in arts] == ["a1", "a2"]
    assert arts[0].text == "Body." and arts[0].title == "T"  # the title is not prepended
    assert arts[0].published == "2019-11-18" and arts[0].url == "u"
    assert any("line 2" in f.reason for f in fails)
    assert any("missing 'id'" in f.reason for f in fails)
    assert any(f.id == "a3" and "empty" in f.reason for f in fails)


def test_json_file_with_list_of_articles(tmp_path):
    f = tmp_path / "many.json"
    f.write_text(json.dumps([{"id": 1, "text": "One."}, {"id": "two", "text": "Two.", "published": "bad"}]))
    arts = read_all(f)
    assert [a.id for a in arts] == ["1", "two"]
    assert arts[1].published is None and arts[1].warnings


def test_metadata_file_gives_publication_dates(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nText.")
    (tmp_path / "factx-metadata.json").write_text(json.dumps(
        {"a.txt": {"published": "2019-11-18", "url": "https://example.org/a", "source": "Example"}}))
    [art] = read_all(tmp_path)
    assert (art.published, art.url, art.source) == ("2019-11-18", "https://example.org/a", "Example")


def test_malformed_metadata_is_reported_and_articles_still_read(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nText.")
    (tmp_path / "factx-metadata.json").write_text("[1, 2")
    items = read_all(tmp_path)
    assert any(isinstance(i, InputFailure) and "metadata" in i.reason for i in items)
    assert any(isinstance(i, RawArticle) for i in items)


def test_symlink_loop_is_reported_once(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nText.")
    os.symlink(tmp_path, tmp_path / "loop")
    items = read_all(tmp_path)
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["a.txt"]
    assert any(isinstance(i, InputFailure) and "loop" in i.reason for i in items)


def test_content_hash_changes_with_text_and_date():
    a = RawArticle("x", "text")
    assert a.content_hash == RawArticle("y", "text").content_hash
    assert a.content_hash != RawArticle("x", "text!").content_hash
    assert a.content_hash != RawArticle("x", "text", published="2020-01-01").content_hash


def test_decode_rejects_nul_bytes():
    with pytest.raises(ValueError):
        decode_text(b"abc\x00def")


def test_lone_surrogates_in_json_are_replaced_one_for_one(tmp_path):
    f = tmp_path / "s.jsonl"
    f.write_text('{"id": "s", "text": "ab\\ud800cd"}\n')
    [art] = read_all(f)
    assert art.text == "ab\ufffdcd" and art.warnings


def test_unreadable_file_is_a_failure_with_path_and_reason(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Title\n\nText.")
    secret = tmp_path / "secret.txt"
    secret.write_text("Title\n\nHidden.")
    real_read = Path.read_bytes

    def read_bytes(self):
        if self == secret:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    items = read_all(tmp_path)
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["a.txt"]
    [failure] = [i for i in items if isinstance(i, InputFailure)]
    assert (failure.id, failure.path, failure.reason) == ("secret.txt", str(secret), "cannot read: Permission denied")


def test_file_without_read_permission_is_a_failure(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nText.")
    secret = tmp_path / "secret.txt"
    secret.write_text("Title\n\nHidden.")
    secret.chmod(0)
    try:
        if os.access(secret, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        items = read_all(tmp_path)
    finally:
        secret.chmod(0o644)
    [failure] = [i for i in items if isinstance(i, InputFailure)]
    assert failure.id == "secret.txt" and "Permission denied" in failure.reason
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["a.txt"]
