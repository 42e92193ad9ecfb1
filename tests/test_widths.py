"""Every query command stays readable at 60, 80 and 160 columns: no table cropped at the right
edge, and the cells a reader looks for (names, ids, values, counts) are on screen."""
from __future__ import annotations

import pytest

from conftest import run, run_json

WIDTHS = (60, 80, 160)
BOX = "│┃┏┓┗┛┡┩└┘├┤┼━─╭╮╰╯"


def render(width, *args):
    result = run(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def assert_not_cropped(out, width):
    for line in out.splitlines():
        assert len(line.rstrip()) <= width, line
        if line[:1] in BOX:  # a table row or border keeps its right edge
            assert line.rstrip()[-1:] in BOX, f"cropped at {width}: {line!r}"


def flat(out):
    """The output's words in order, without borders or line breaks (cells wrap)."""
    return " ".join("".join(" " if c in BOX else c for c in out).split())


@pytest.fixture(scope="module")
def facts(corpus_store):
    return {c: run_json(c, "--store", corpus_store) for c in ("articles", "quotes", "dates", "timeline")}


@pytest.mark.parametrize("width", WIDTHS)
def test_articles(corpus_store, facts, width):
    out = render(width, "articles", "--store", corpus_store)
    assert_not_cropped(out, width)
    for a in facts["articles"]:
        assert a["id"][:12] in out
        assert str(a["entities"]) in out and str(a["dates"]) in out


@pytest.mark.parametrize("width", WIDTHS)
def test_quotes(corpus_store, width):
    out = render(width, "quotes", "--store", corpus_store, "--speaker", "Kardashian", "--limit", "3")
    assert_not_cropped(out, width)
    assert "Kim Kardashian West" in flat(out) and "said" in out
    assert "We did talk a lot about his case" in flat(out)


@pytest.mark.parametrize("width", WIDTHS)
def test_dates_and_timeline(corpus_store, facts, width):
    out = render(width, "dates", "--store", corpus_store, "--limit", "5")
    assert_not_cropped(out, width)
    for d in facts["dates"][:5]:
        assert (d["value"] or "—") in flat(out).replace(" ", "") or d["value"] in out
    out = render(width, "timeline", "--store", corpus_store, "--limit", "3")
    assert_not_cropped(out, width)
    assert facts["timeline"][0]["value"] in out


@pytest.mark.parametrize("width", WIDTHS)
def test_who_show_entities_summary(corpus_store, facts, width):
    out = render(width, "who", "Rodney Reed", "--store", corpus_store)
    assert_not_cropped(out, width)
    assert "Rodney Reed" in out and "@rodney-reed" in out and "Kim Kardashian West" in flat(out)
    article = facts["articles"][2]
    out = render(width, "show", article["id"], "--store", corpus_store)
    assert "Kim Kardashian" in flat(out)
    out = render(width, "entities", "--store", corpus_store, "--top", "5")
    assert_not_cropped(out, width)
    assert "Kim Kardashian West" in flat(out)
    out = render(width, "summary", "--store", corpus_store)
    assert_not_cropped(out, width)
    assert "Kim Kardashian West" in flat(out)


def test_a_statement_quoted_by_two_articles_shows_each_wording(corpus_store):
    out = flat(render(160, "quotes", "--store", corpus_store, "--speaker", "Kardashian"))
    assert "Words cannot describe the relief" in out
    assert "001_0242cc12b7aa0e21.txt: “Today, I had the honor of meeting #RodneyReed" in out


def test_speakers_show_the_corpus_name_and_the_articles_form(corpus_store):
    out = render(60, "quotes", "--store", corpus_store, "--speaker", "Kardashian")
    assert "Kim Kardashian West (Kim Kardashian" in out
    assert "Kim Kardashian (" not in out.replace("Kim Kardashian West", "")


@pytest.mark.parametrize("text,limit,clipped", [
    ("for his alleged involvement in the 1996 assault and murder", 40, "for his alleged involvement in the 1996…"),
    ("short", 10, "short"),
    ("averyveryverylongwordwithoutspaces", 10, "averyvery…"),
    ("line\nbreaks  and   spaces", 30, "line breaks and spaces"),
    (None, 5, ""),
])
def test_evidence_is_cut_at_a_word(text, limit, clipped):
    from factx.tables import clip

    assert clip(text, limit) == clipped
    assert len(clip(text, limit)) <= limit
