"""Saved HTML pages as input: main text without boilerplate, page metadata, reference dates,
and `factx show --text`. The pages are written by hand here, with the noise real pages carry."""
import json
import subprocess
import sys

import pytest

from conftest import assert_offsets_point_at_the_text, run, run_json
from factx.reader import InputFailure, RawArticle, read_inputs

NOISE_HEAD = """
<script>window.analyticsQueue = "TRACKING-SCRIPT-TEXT";</script>
<style>.banner { display: block }</style>
"""
NOISE_TOP = """
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience.
  COOKIE-BANNER-TEXT: accept all cookies to continue.</p><button>Accept</button></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">NAV-POLITICS-LINK</a></li>
  <li><a href="/sport">Sport</a></li></ul></nav>
"""
NOISE_BOTTOM = """
<aside><h2>Most read</h2><ul><li><a href="/x">ASIDE-MOST-READ story about something else</a></li></ul></aside>
<footer><p>FOOTER-COPYRIGHT 2021 The Riverside Courier. All rights reserved.</p>
  <a href="/privacy">Privacy policy</a></footer>
<script>document.write("TRAILING-SCRIPT-TEXT");</script>
"""
BODY = """
<article>
<h1>Council approves the river bridge</h1>
<p class="byline">By Maria Gonzalez</p>
<p>The city council approved a new bridge across the river yesterday, ending a debate that
lasted more than two years.</p>
<p>“This bridge will connect neighbourhoods that have been cut off for decades,” Mayor Helen
Carter said after the vote.</p>
<p>Councillor David Osei, who first proposed the crossing last Tuesday, said the cost was still
too high. The project will cost an estimated $40 million.</p>
<p>Work on the foundations is expected to start in the spring, officials said.</p>
</article>
"""


def page(head_meta: str = "", body: str = BODY, charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head>\n<meta charset="{charset}">\n'
            f"<title>Council approves the river bridge | The Riverside Courier</title>\n"
            f"{head_meta}{NOISE_HEAD}</head>\n<body>{NOISE_TOP}<main>{body}</main>{NOISE_BOTTOM}</body></html>\n")


NEWS_META = """<meta name="author" content="Maria Gonzalez">
<meta property="article:published_time" content="2021-03-12T08:30:00+00:00">
<link rel="canonical" href="https://news.example.com/2021/03/council-bridge">
"""
NOISE_MARKERS = ["TRACKING-SCRIPT-TEXT", "COOKIE-BANNER-TEXT", "NAV-POLITICS-LINK", "ASIDE-MOST-READ",
                 "FOOTER-COPYRIGHT", "TRAILING-SCRIPT-TEXT", ".banner"]


def read_one(path):
    items = list(read_inputs([path]))
    assert len(items) == 1, items
    return items[0]


# ---- reading (no spaCy) -------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_news_page_main_text_and_metadata(tmp_path, suffix):
    f = tmp_path / f"bridge{suffix}"
    f.write_text(page(NEWS_META), encoding="utf-8")
    art = read_one(f)
    assert isinstance(art, RawArticle), art
    assert art.id == f.name
    for marker in NOISE_MARKERS:
        assert marker not in art.text
    assert art.title == "Council approves the river bridge"
    assert art.author == "Maria Gonzalez"
    assert art.published == "2021-03-12"
    assert art.url == "https://news.example.com/2021/03/council-bridge"
    assert "“This bridge will connect neighbourhoods" in art.text
    # one paragraph per block, separated by blank lines like the text files factx reads
    paragraphs = art.text.split("\n\n")
    assert paragraphs[0] == "Council approves the river bridge"
    assert any(p.startswith("Councillor David Osei, who first proposed") for p in paragraphs)
    assert all(p.strip() == p and "\n" not in p for p in paragraphs)
    assert not art.warnings


def test_folder_walk_picks_up_html_pages(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "bridge.htm").write_text(page(NEWS_META), encoding="utf-8")
    (tmp_path / "a.txt").write_text("Title\n\nText.", encoding="utf-8")
    ids = sorted(i.id for i in read_inputs([tmp_path]))
    assert ids == ["a.txt", "news/bridge.htm"]


def test_page_without_date_metadata_has_no_publication_date(tmp_path):
    # The URL and the copyright line carry years: guessing a day from them would give a wrong
    # reference date, so only metadata counts.
    f = tmp_path / "undated.html"
    f.write_text(page('<link rel="canonical" href="https://news.example.com/2021/03/council-bridge">\n'),
                 encoding="utf-8")
    art = read_one(f)
    assert isinstance(art, RawArticle)
    assert art.published is None
    assert art.author == "Maria Gonzalez"  # from the byline when no meta tag names one
    assert "Mayor Helen" in art.text and "By Maria Gonzalez" not in art.text


@pytest.mark.parametrize("meta, expected", [
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
     '"datePublished": "2020-06-05T10:00:00Z", "author": {"@type": "Person", "name": "Li Wei"}}</script>',
     ("2020-06-05", "Li Wei")),
    ('<meta itemprop="datePublished" content="2018-02-03">', ("2018-02-03", "Maria Gonzalez")),
])
def test_other_kinds_of_date_metadata(tmp_path, meta, expected):
    f = tmp_path / "p.html"
    f.write_text(page(meta + "\n"), encoding="utf-8")
    art = read_one(f)
    assert (art.published, art.author) == expected


def test_metadata_file_wins_over_the_page_and_the_page_fills_gaps(tmp_path):
    (tmp_path / "bridge.html").write_text(page(NEWS_META), encoding="utf-8")
    (tmp_path / "factx-metadata.json").write_text(json.dumps(
        {"bridge.html": {"published": "2021-03-14", "source": "Courier archive"}}), encoding="utf-8")
    art = read_one(tmp_path)
    assert (art.published, art.source) == ("2021-03-14", "Courier archive")
    assert (art.author, art.url) == ("Maria Gonzalez", "https://news.example.com/2021/03/council-bridge")


@pytest.mark.parametrize("html", [
    # navigation, a cookie banner and a footer, nothing else
    "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<div id='cookie-banner'>We use cookies. Accept all cookies to continue.</div>"
    "<footer>Copyright 2024 Example Media. All rights reserved. Privacy policy.</footer></body></html>",
    "<html><head><title>Nothing</title><script>var x = 'only a script';</script></head><body></body></html>",
    "<<<<>>>> <p <div </",
    "\x01\x02\x03\x04<html>\x7f",
])
def test_page_without_article_text_is_a_failure_with_reason(tmp_path, html):
    f = tmp_path / "empty.html"
    f.write_text(html, encoding="utf-8")
    failure = read_one(f)
    assert isinstance(failure, InputFailure)
    assert failure.reason == "no article text found in HTML"


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"\n \n", "only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "binary"),  # a gzip stream named .html
])
def test_unusable_html_files_are_failures_with_reasons(tmp_path, content, reason):
    f = tmp_path / "bad.html"
    f.write_bytes(content)
    failure = read_one(f)
    assert isinstance(failure, InputFailure) and reason in failure.reason


def test_declared_windows_1252_page(tmp_path):
    body = ("<article><h1>Caf\u00e9 owner wins award</h1><p>\u201cIt is a great honour,\u201d said Ren\u00e9e "
            "Dubois, who opened the caf\u00e9 in 1998 and has run it with her family ever since.</p></article>")
    f = tmp_path / "latin.html"
    f.write_bytes(page(body=body, charset="windows-1252").encode("cp1252"))
    art = read_one(f)
    assert "\u201cIt is a great honour,\u201d said Ren\u00e9e Dubois" in art.text
    assert art.title.startswith("Caf\u00e9") and not art.warnings


def test_latin_1_label_in_http_equiv_is_read_as_windows_1252(tmp_path):
    # Pages labelled ISO-8859-1 use Windows-1252's curly quotes (bytes 0x93/0x94), as browsers assume.
    markup = page(body="<article><p>\u201cWe are ready,\u201d the coach of the na\u00efve team said on "
                       "Sunday, before the final match of the season.</p></article>", charset="x")
    markup = markup.replace('<meta charset="x">',
                            '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    f = tmp_path / "l1.html"
    f.write_bytes(markup.encode("cp1252"))
    art = read_one(f)
    assert "\u201cWe are ready,\u201d the coach of the na\u00efve team" in art.text


def test_undeclared_non_utf8_page_is_decoded_with_a_warning(tmp_path):
    body = "<article><p>The caf\u00e9 reopened on Monday after a long renovation of its old dining room.</p></article>"
    f = tmp_path / "undeclared.html"
    f.write_bytes(page(body=body).replace('<meta charset="utf-8">\n', "").encode("cp1252"))
    art = read_one(f)
    assert "caf\u00e9 reopened" in art.text
    assert any("Windows-1252" in w for w in art.warnings)


def test_bogus_declared_charset_is_ignored_with_a_warning(tmp_path):
    body = "<article><p>The caf\u00e9 reopened on Monday after a long renovation of its old dining room.</p></article>"
    f = tmp_path / "bogus.html"
    f.write_bytes(page(body=body, charset="no-such-charset").encode("utf-8"))
    art = read_one(f)
    assert "caf\u00e9 reopened" in art.text
    assert any("no-such-charset" in w for w in art.warnings)


def test_max_bytes_applies_to_the_extracted_text(tmp_path):
    f = tmp_path / "bridge.html"
    f.write_text(page(NEWS_META), encoding="utf-8")
    size = len(f.read_bytes())
    art = next(read_inputs([f], max_bytes=size - 1))  # the page is larger, its text is not
    assert isinstance(art, RawArticle)
    failure = next(read_inputs([f], max_bytes=100))
    assert isinstance(failure, InputFailure) and "too large" in failure.reason


def test_reading_text_files_does_not_import_trafilatura(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nText.", encoding="utf-8")
    (tmp_path / "b.html").write_text(page(NEWS_META), encoding="utf-8")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from factx.reader import read_inputs\n"
        f"list(read_inputs([Path({str(tmp_path / 'a.txt')!r})]))\n"
        "assert 'trafilatura' not in sys.modules\n"
        f"list(read_inputs([Path({str(tmp_path / 'b.html')!r})]))\n"
        "assert 'trafilatura' in sys.modules\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]


# ---- end to end: extract, then query ------------------------------------------------------

BOILERPLATE_ONLY = ("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav>"
                    "<div id='cookie-banner'>We use cookies. Accept all cookies to continue.</div>"
                    "<footer>Copyright 2024 Example Media. All rights reserved.</footer></body></html>")


@pytest.fixture(scope="module")
def html_store(tmp_path_factory):
    src = tmp_path_factory.mktemp("html_in")
    (src / "bridge.html").write_text(page(NEWS_META), encoding="utf-8")
    (src / "undated.html").write_text(page(), encoding="utf-8")
    (src / "boilerplate.html").write_text(BOILERPLATE_ONLY, encoding="utf-8")
    store = tmp_path_factory.mktemp("html_store") / "facts"
    result = run("extract", src, "--store", store, "--json", "--quiet")
    return src, store, result


def dates_by_text(doc):
    return {d["text"]: d for d in doc["dates"]}


def test_extract_reports_the_page_without_text_and_stores_the_others(html_store):
    _, store, result = html_store
    assert result.exit_code == 1, result.stderr
    summary = json.loads(result.stdout)
    assert summary["extracted"] == 2
    assert summary["failed"] == [{"article": "boilerplate.html", "reason": "no article text found in HTML"}]
    assert sorted(r["id"] for r in run_json("articles", "--store", store)) == ["bridge.html", "undated.html"]


def test_page_facts_use_the_page_date_as_reference(html_store):
    _, store, _ = html_store
    doc = run_json("show", "bridge.html", "--store", store)
    assert (doc["title"], doc["author"], doc["published"]) == ("Council approves the river bridge", "Maria Gonzalez",
                                                               "2021-03-12")
    assert doc["url"] == "https://news.example.com/2021/03/council-bridge"
    for marker in NOISE_MARKERS:
        assert marker not in doc["text"]
    found = dates_by_text(doc)
    assert found["yesterday"]["value"] == "2021-03-11"
    assert found["last Tuesday"]["value"] == "2021-03-09"
    [quote] = [q for q in doc["quotes"] if not q["partial"] and q["kind"] == "direct"]
    assert quote["text"].startswith("This bridge will connect neighbourhoods")
    assert quote["speaker"] == "Helen Carter" and "Helen Carter" in quote["speaker_text"]
    names = {p["name"] for p in doc["people"]}
    assert "Helen Carter" in names and any(n.endswith("David Osei") for n in names)
    assert_offsets_point_at_the_text(doc)


def test_page_without_date_leaves_relative_dates_open(html_store):
    _, store, _ = html_store
    doc = run_json("show", "undated.html", "--store", store)
    assert doc["published"] is None
    found = dates_by_text(doc)
    assert found["yesterday"]["relative"] and found["yesterday"]["value"] is None
    assert found["last Tuesday"]["value"] == "XXXX-WXX-2"
    assert_offsets_point_at_the_text(doc)


def test_reference_date_option_applies_only_to_pages_without_a_date(html_store, tmp_path):
    src, _, _ = html_store
    store = tmp_path / "s"
    result = run("extract", src / "undated.html", src / "bridge.html", "--store", store, "--quiet",
                 "--reference-date", "2022-07-01")
    assert result.exit_code == 0, result.stderr
    assert dates_by_text(run_json("show", "undated.html", "--store", store))["yesterday"]["value"] == "2022-06-30"
    assert dates_by_text(run_json("show", "bridge.html", "--store", store))["yesterday"]["value"] == "2021-03-11"


# ---- factx show --text ----------------------------------------------------------------------

def test_show_text_without_a_terminal_prints_the_stored_text_exactly(html_store):
    _, store, _ = html_store
    doc = run_json("show", "bridge.html", "--store", store)
    result = run("show", "bridge.html", "--text", "--store", store)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == doc["text"] + "\n"
    result = run("show", "bridge.html", "--text", "--store", store, env={"NO_COLOR": None})
    assert result.stdout == doc["text"] + "\n"  # not a terminal: no codes either


def test_show_text_with_colour_highlights_and_has_a_legend(html_store):
    _, store, _ = html_store
    result = run("show", "bridge.html", "--text", "--store", store,
                 env={"NO_COLOR": None, "FORCE_COLOR": "1", "COLUMNS": "300"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b[" in out and "highlights:" in out
    assert "\x1b[1;33myesterday\x1b[0m" in out  # a date
    assert "\x1b[3;32mThis bridge will connect" in out  # a quote
    body = out.split("\n", 2)[2]  # after the legend
    assert "\x1b[35mperson" in out  # the legend; every person of this page is also a speaker
    assert "\x1b[1;36mDavid Osei" in body  # the source of reported speech is a speaker (its title is a role)
    assert "\x1b[3mthe cost was still" in body  # reported speech, in italics
    assert "Work on the foundations is expected" in out


def test_show_text_json_gives_the_text_and_the_highlighted_spans(html_store):
    _, store, _ = html_store
    view = run_json("show", "bridge.html", "--text", "--store", store)
    assert set(view) == {"id", "title", "text", "highlights"}
    assert {h["kind"] for h in view["highlights"]} == {"quote", "reported", "speaker", "person", "date"}
    for h in view["highlights"]:
        assert view["text"][h["start"]:h["end"]] == h["text"]
    starts = [(h["start"], -h["end"]) for h in view["highlights"]]
    assert starts == sorted(starts)
    full = run_json("show", "bridge.html", "--store", store)  # --json alone is unchanged
    assert {"entities", "sentences", "quotes", "dates", "people", "author"} <= set(full)


def test_overlapping_highlights_combine():
    """A person inside a quote keeps the quote's italics in the person's colour, and the text
    around the person stays a quote."""
    import io

    from rich.console import Console

    from factx import tables
    from factx.query import article_text

    text = "“I thank Ann Lee for this,” Bob Hale said."
    doc = {"id": "x", "text": text,
           "quotes": [{"text": "I thank Ann Lee for this,", "start": 1, "end": 26, "speaker": "Bob Hale",
                       "speaker_text": "Bob Hale", "speaker_start": 28, "speaker_end": 36, "partial": False}],
           "people": [{"name": "Ann Lee", "mentions": [[9, 16]]}, {"name": "Bob Hale", "mentions": [[28, 36]]}],
           "dates": [{"text": "broken", "start": 40, "end": 99, "type": "date"}]}  # outside the text: left out
    view = article_text(doc)
    assert [(h["kind"], h["text"]) for h in view["highlights"]] == [
        ("quote", "I thank Ann Lee for this,"), ("person", "Ann Lee"), ("person", "Bob Hale"), ("speaker", "Bob Hale")]
    out = io.StringIO()
    tables.render_article_text(Console(file=out, force_terminal=True, color_system="standard", width=200), view)
    rendered = out.getvalue()
    assert "\x1b[3;32mI thank \x1b[0m\x1b[3;35mAnn Lee\x1b[0m\x1b[3;32m for this,\x1b[0m" in rendered
    assert "\x1b[1;36mBob Hale\x1b[0m" in rendered
