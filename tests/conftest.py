import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factx.cli import app

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ARTICLE_000 = "000_4093bf72cdfee258.txt"


def run(*args, env=None):
    """Invoke the CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", **(env or {})})


def run_json(*args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory):
    """A store extracted once from corpus/ for all read-only end-to-end tests."""
    store = tmp_path_factory.mktemp("store") / "facts"
    result = run("extract", CORPUS, "--store", store)
    assert result.exit_code == 0, result.stderr
    return store


def interruptible() -> None:
    """preexec_fn for a child that a test interrupts with SIGINT, as Ctrl-C in a terminal would:
    a shell that starts the test run in the background makes SIGINT ignored in its children, and
    Python then installs no KeyboardInterrupt handler."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
