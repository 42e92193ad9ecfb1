import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factx.cli import app

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ARTICLE_000 = "000_4093bf72cdfee258.txt"


def document_file(store, file: str) -> Path:
    """Where a store keeps the document named ``file`` (in its shard folder); ``file`` may be a
    manifest entry's "file" (the path in the store) or the name alone."""
    from factx.store import shard_of

    name = file.rsplit("/", 1)[-1]
    return Path(store) / "articles" / shard_of(name) / name


def document_files(store) -> list[Path]:
    """Every article document of a store (in the shard folders)."""
    return sorted((Path(store) / "articles").glob("*/*.json"))


def write_inputs(folder: Path, texts: dict[str, str]) -> Path:
    """A folder of input articles, one file per (name, text)."""
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def extracted_store(store: Path, inputs: Path) -> Path:
    """A store made by ``factx extract`` of ``inputs`` (asserted to succeed)."""
    result = run("extract", inputs, "--store", store, "-q")
    assert result.exit_code == 0, result.stderr
    return store


def run(*args, env=None):
    """Invoke the CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", **(env or {})})


def run_json(*args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once for every test that parses crafted sentences."""
    from factx.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def parsed(nlp):
    """A Doc with the parse given as rows (word, head index, dependency, fine tag, part of speech
    [, space after]): the parser's mistakes written out, so a rule meant for them is tested
    whatever a new model does with the sentence. Without the sixth column a word is followed by
    a space unless "," or "." comes next."""
    from spacy.tokens import Doc

    def build(rows):
        words = [r[0] for r in rows]
        spaces = [r[5] if len(r) > 5 else i + 1 < len(words) and words[i + 1] not in (",", ".")
                  for i, r in enumerate(rows)]
        return Doc(nlp.vocab, words=words, spaces=spaces, heads=[r[1] for r in rows],
                   deps=[r[2] for r in rows], tags=[r[3] for r in rows], pos=[r[4] for r in rows],
                   sent_starts=[i == 0 for i in range(len(rows))])
    return build


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


def assert_facts_point_at_the_text(doc):
    """The offset contract of a stored article document: every fact points at its own words."""
    text = doc["text"]
    sents = [(s["start"], s["end"]) for s in doc["sentences"]]
    assert sents == sorted(sents) and all(0 <= a < b <= len(text) for a, b in sents)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(sents, sents[1:]))
    for e in doc["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
    for q in doc["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
        if q["speaker_start"] is not None:
            assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_text"]
    for d in doc["dates"]:
        assert text[d["start"]:d["end"]] == d["text"]
        if d["sentence_start"] is not None:
            assert d["sentence_start"] <= d["start"] and d["end"] <= d["sentence_end"]


def assert_offsets_point_at_the_text(doc):
    """The offset contract, and people's mentions inside the text without surrounding spaces.
    The second part holds for the articles these tests write, not for any text: a token can end
    in a control character ("Lee\x1f") and a piece cut inside a word can keep a newline."""
    assert_facts_point_at_the_text(doc)
    text = doc["text"]
    for p in doc["people"]:
        for s, e in p["mentions"]:
            assert 0 <= s < e <= len(text) and text[s:e].strip() == text[s:e]
        for a in p["attributes"]:
            assert text[a["start"]:a["end"]] and a["sentence_start"] <= a["start"]


def people_of(nlp, text):
    """The people of one crafted text, by name."""
    from factx.entities import extract_people

    people, _ = extract_people(nlp(text))
    return {p["name"]: p for p in people}
