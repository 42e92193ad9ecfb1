"""Long tables on a terminal go through a pager, as git's do; --no-pager and PAGER=cat turn it off."""
from __future__ import annotations

import io
import shlex
import sys

import pytest
from rich.console import Console

from conftest import run
from factx import render


@pytest.fixture
def pager_to(tmp_path, monkeypatch):
    """A pager that writes what it is given to a file."""
    out = tmp_path / "paged.txt"
    script = f"import sys; open({str(out)!r}, 'w').write(sys.stdin.read())"
    monkeypatch.setenv("FACTX_PAGER", f"{shlex.quote(sys.executable)} -c {shlex.quote(script)}")
    monkeypatch.setattr(render, "PAGING", True)
    return out


def test_long_text_goes_through_the_pager(pager_to):
    text = "".join(f"line {i}\n" for i in range(40))
    assert render.page(text, height=10)
    assert pager_to.read_text() == text


def test_text_that_fits_the_screen_is_not_paged(pager_to):
    assert not render.page("one\ntwo\n", height=10)
    assert not pager_to.exists()


def test_no_pager_cat_and_a_missing_pager(pager_to, monkeypatch):
    long = "x\n" * 50
    monkeypatch.setattr(render, "PAGING", False)
    assert not render.page(long, height=10)
    monkeypatch.setattr(render, "PAGING", True)
    monkeypatch.setenv("FACTX_PAGER", "cat")
    assert not render.page(long, height=10)
    monkeypatch.setenv("FACTX_PAGER", "/nonexistent/pager-xyz")
    assert not render.page(long, height=10)


def test_a_terminal_view_longer_than_the_screen_is_paged(pager_to, monkeypatch, capsys):
    screen = Console(file=io.StringIO(), force_terminal=True, width=100, height=8)
    monkeypatch.setattr(render, "stdout_console", lambda: screen)
    rows = [{"name": f"Person {i}", "label": "PERSON", "mentions": i, "n_articles": 1, "aliases": []}
            for i in range(30)]
    render.view("entities", rows)
    assert "Person 29" in pager_to.read_text()
    assert capsys.readouterr().out == ""


def test_no_pager_option_is_global(corpus_store):
    result = run("--no-pager", "articles", "--store", corpus_store)
    assert result.exit_code == 0 and "000_4093bf72" in result.stdout
    assert render.PAGING is False
    run("articles", "--store", corpus_store)
    assert render.PAGING is True
