"""Interruptions, concurrent runs and parallel workers lose nothing."""
import hashlib
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import CORPUS, assert_offsets_point_at_the_text, document_files, interruptible, run, run_json
from factx.store import Store


def copies(folder, n):
    """n distinct articles made from the sample corpus (each gets its own id)."""
    folder.mkdir()
    sources = sorted(CORPUS.glob("*.txt"))
    for i in range(n):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (folder / f"a{i:03d}.txt").write_text(text + f"\nCopy {i}.\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_killed_extract_leaves_a_readable_store_and_the_next_run_resumes(tmp_path, sig):
    src, store = copies(tmp_path / "in", 32), tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-m", "factx", "extract", str(src), "--store", str(store), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=interruptible)
    journal = store / "journal.jsonl"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if journal.exists() and journal.stat().st_size > 0:
            break
        time.sleep(0.05)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    if sig != signal.SIGKILL:
        assert proc.returncode == 130, proc.stderr.read()[-2000:]
    done = run_json("articles", "--store", store)  # every query reads the interrupted store
    assert 0 < len(done) < 32
    summary = json.loads(run("extract", src, "--store", store, "--json", "-q").stdout)
    assert summary["skipped"] >= len(done) and summary["extracted"] + summary["skipped"] == 32
    assert len(run_json("articles", "--store", store)) == 32


def test_second_extract_on_a_locked_store_exits_5(tmp_path):
    store = tmp_path / "store"
    with Store(store).open_for_writing():
        result = run("extract", CORPUS, "--store", store)
    assert result.exit_code == 5 and "another" in result.stderr


def test_two_jobs_give_the_same_facts_as_one(tmp_path, monkeypatch):
    from factx import nlp

    src = copies(tmp_path / "in", 6)
    assert run("extract", src, "--store", tmp_path / "s1", "--jobs", "1", "-q").exit_code == 0

    def not_here(*args, **kwargs):
        raise AssertionError("the workers load the pipeline: the main process must leave them its core")

    monkeypatch.setattr(nlp, "load_pipeline", not_here)
    assert run("extract", src, "--store", tmp_path / "s2", "--jobs", "2", "-q").exit_code == 0
    monkeypatch.undo()
    for command in (["quotes"], ["dates"], ["entities"]):
        one = run_json(*command, "--store", tmp_path / "s1")
        two = run_json(*command, "--store", tmp_path / "s2")
        assert one == two, command
    # the same documents byte for byte, keys included (made from the workers' pipeline id)
    assert [p.read_bytes() for p in document_files(tmp_path / "s1")] == \
        [p.read_bytes() for p in document_files(tmp_path / "s2")]
    again = json.loads(run("extract", src, "--store", tmp_path / "s2", "--jobs", "1", "--json", "-q").stdout)
    assert again["skipped"] == 6 and again["extracted"] == 0


ODD = ["", " ", "x" * 5000, ".*[(", "O'Brien \"Jr\"", "%_\\", "Ünïcødé ß", "\x00", "🙂"]


@pytest.mark.parametrize("value", ODD, ids=range(len(ODD)))
def test_odd_query_input_never_crashes(corpus_store, value):
    blank = {2} if not value.strip() else {0}  # an empty text is a usage error
    for args, codes in ((["quotes", "--speaker", value], blank), (["quotes", "--contains", value], blank),
                        (["who", value], {3, 4}), (["show", value], {3, 4}),
                        (["timeline", "--who", value], {3, 4})):
        result = run(*args, "--store", corpus_store, "--json")
        assert result.exit_code in codes, (args, result.exit_code, result.stderr[-500:])
        assert "Traceback" not in result.stderr


# ---- long, odd and unreadable inputs ------------------------------------------------------

SPEAKERS = ["Jane Smith", "Omar Haddad", "Maria Lopez", "Peter Novak", "Grace Okafor", "Tom Becker"]
PLACES = ["Springfield", "Toledo", "Leeds", "Lyon", "Porto", "Graz", "Austin", "Dundee"]
MONTHS = ["January", "March", "April", "June", "August", "October", "November"]


def planted_paragraph(i):
    """A distinct paragraph with one quote, its speaker and a date: (paragraph, planted facts),
    offsets relative to the paragraph."""
    name, place = SPEAKERS[i % len(SPEAKERS)], PLACES[i % len(PLACES)]
    day = f"{MONTHS[i % len(MONTHS)]} {i % 28 + 1}, {1990 + i % 30}"
    quote = f"We will build bridge {i} in {place}, and it will carry {i * 7 % 900 + 100} cars a day,"
    para = f"The council of {place} voted on plan {i} on {day}. “{quote}” {name} said."
    return para, {"quote": (para.index(quote), quote), "name": (para.index(name, para.index(quote)), name),
                  "date": (para.index(day), day)}


def long_article(paragraphs, filler=0):
    """Article text and its planted facts with offsets into the whole text. ``filler`` adds a
    paragraph of that many characters of hex data (like an inline image in a scraped page)
    after each planted one: bulk that costs spaCy little (one token)."""
    parts, planted, pos = ["A long report\n\n"], [], len("A long report\n\n")
    for i in range(paragraphs):
        para, facts = planted_paragraph(i)
        planted.append({k: (pos + off, s) for k, (off, s) in facts.items()})
        parts.append(para + "\n\n")
        pos += len(para) + 2
        if filler:
            blob = (hashlib.sha256(str(i).encode()).hexdigest() * (filler // 64 + 1))[:filler]
            parts.append(blob + "\n\n")
            pos += filler + 2
    return "".join(parts), planted


def assert_planted_facts_found(doc, planted):
    quotes = {q["start"]: q for q in doc["quotes"]}
    assert len(doc["quotes"]) == len(planted)
    people = {tuple(m): p for p in doc["people"] for m in p["mentions"]}
    dates = {d["start"]: d for d in doc["dates"]}
    for facts in planted[-3:] + planted[:1]:  # the end of the text above all
        (qs, quote), (ns, name), (ds, day) = facts["quote"], facts["name"], facts["date"]
        q = quotes[qs]
        assert q["text"] == quote and (q["speaker_start"], q["speaker_text"], q["speaker"]) == (ns, name, name)
        assert people[(ns, ns + len(name))]["name"] == name
        assert dates[ds]["text"] == day and dates[ds]["value"] == date_value(day)


def date_value(day):
    from datetime import datetime

    return datetime.strptime(day, "%B %d, %Y").date().isoformat()


def test_multi_megabyte_article_is_extracted_in_pieces_with_whole_text_offsets(tmp_path):
    """Through the CLI, as a user runs it: ~5 MB (five times spaCy's max_length), planted
    facts in every part of the text; most of the bytes are inline data so the test stays fast."""
    from factx.nlp import PIECE_CHARS

    text, planted = long_article(300, filler=16_600)
    assert len(text) > 5_000_000 and len(text) > 40 * PIECE_CHARS
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    t0 = time.perf_counter()
    result = run("extract", tmp_path / "in", "--store", store, "--json", "-q")
    elapsed = time.perf_counter() - t0
    summary = json.loads(result.stdout)
    assert (result.exit_code, summary["extracted"], summary["failed"]) == (0, 1, []), result.stderr
    doc = run_json("show", "long.txt", "--store", store)
    assert doc["text"] == text
    assert_offsets_point_at_the_text(doc)
    assert_planted_facts_found(doc, planted)
    print(f"5 MB article with inline data: extract took {elapsed:.1f} s")


@pytest.mark.skipif(not os.environ.get("FACTX_LONG_TESTS"),
                    reason="6.5 CPU-minutes (11 min on a busy 2-core machine); set FACTX_LONG_TESTS=1 to run")
def test_five_megabytes_of_prose_are_extracted(tmp_path):
    """The same through the real code path with nothing but prose: 5 MB, 33,000 quotes."""
    text, planted = long_article(33_000)
    assert len(text) > 5_000_000
    f = tmp_path / "prose.txt"
    f.write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    t0 = time.perf_counter()
    result = run("extract", f, "--store", store, "--json", "-q")
    elapsed = time.perf_counter() - t0
    assert json.loads(result.stdout)["extracted"] == 1, result.stdout
    doc = run_json("show", "prose.txt", "--store", store)
    assert doc["text"] == text
    assert_offsets_point_at_the_text(doc)
    assert_planted_facts_found(doc, planted)
    print(f"5 MB of prose: extract took {elapsed:.1f} s")


def test_an_article_over_max_bytes_is_reported_too_large(tmp_path):
    text, _ = long_article(20)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    result = run("extract", tmp_path / "a.txt", "--store", tmp_path / "s", "--max-bytes", 1000, "--json", "-q")
    assert result.exit_code == 1
    [failure] = json.loads(result.stdout)["failed"]
    assert failure["article"] == "a.txt" and "too large" in failure["reason"]


def test_max_bytes_default_of_the_cli_is_the_readers():
    from factx.cli import extract
    from factx.reader import DEFAULT_MAX_BYTES

    import inspect

    assert inspect.signature(extract).parameters["max_bytes"].default == DEFAULT_MAX_BYTES >= 5_000_000


def test_pieces_end_at_paragraphs_then_lines_sentences_spaces_and_last_at_the_limit():
    from factx.nlp import split_text

    text = "One two.\n\nThree four. Five six\nseven eight. Nine ten eleven twelve thirteen " + "x" * 30
    assert split_text(text, 25) == ["One two.\n\n", "Three four. Five six\n", "seven eight. ",
                                    "Nine ten eleven twelve ", "thirteen ", "x" * 25, "x" * 5]


def blob(n):
    """n characters of base64 without whitespace, as in an inline image."""
    import base64
    import random

    return base64.b64encode(random.Random(n).randbytes(n)).decode()[:n]


def test_lines_of_100000_characters_without_spaces_are_extracted_quickly(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "letters.txt").write_text("a" * 100_000, encoding="utf-8")
    (src / "base64.txt").write_text("Photo\n\n" + blob(100_000) + "\n\n“It works,” Ann Lee said.\n", encoding="utf-8")
    (src / "longer_than_a_piece.txt").write_text(blob(250_000), encoding="utf-8")
    t0 = time.perf_counter()
    result = run("extract", src, "--store", tmp_path / "s", "--json", "-q")
    elapsed = time.perf_counter() - t0
    summary = json.loads(result.stdout)
    assert (result.exit_code, summary["extracted"], summary["failed"]) == (0, 3, []), result.stderr
    assert elapsed < 60, elapsed  # seconds here; a hang or a quadratic step would take far longer
    for name in ("letters.txt", "base64.txt", "longer_than_a_piece.txt"):
        doc = run_json("show", name, "--store", tmp_path / "s")
        assert doc["text"] == (src / name).read_text(encoding="utf-8")
        assert_offsets_point_at_the_text(doc)
    [quote] = run_json("show", "base64.txt", "--store", tmp_path / "s")["quotes"]
    assert (quote["text"], quote["speaker"]) == ("It works,", "Ann Lee")
    print(f"100,000-character lines: extract took {elapsed:.1f} s")


ODD_TEXTS = {
    "emoji.txt": "Launch day 🚀\n\n“We did it 🎉🎉,” said Ann Lee 👩‍👩‍👧 on Friday. Flags 🇺🇸🇫🇷, thumbs 👍🏽.\n",
    "arabic.txt": "قال الرئيس إن الجسر سيفتح يوم الجمعة. «سنبني الجسر» قال عمر حداد.\n\n"
                  "“We will build it,” Omar Haddad said in Cairo on May 3, 2019.\n",
    "hebrew.txt": "\u200fשלום עולם. “זה יום טוב,” אמר דוד כהן ביום שישי.\n\n"
                  "“This is a good day,” David Cohen said in Haifa.\n",
    "only_marks.txt": "\"“”‘’''``«»„\"\n\n\"\"\"\"\n",
    "unbalanced.txt": "The plan was “a disaster, officials said.\n\nThey met on Monday.\n\n"
                      "It was over” by noon. “We will publish a new plan next month,” said Mark Tolley.\n",
    "nested.txt": "“He told me, ‘they said “no” twice,’ and I left,” Sara Fox said on Tuesday. "
                  "'Her reply was \"never\"' he wrote.\n",
}


def test_emoji_right_to_left_and_odd_quote_marks_are_extracted_with_right_offsets(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name, text in ODD_TEXTS.items():
        (src / name).write_text(text, encoding="utf-8")
    result = run("extract", src, "--store", tmp_path / "s", "--json", "-q")
    summary = json.loads(result.stdout)
    assert (result.exit_code, summary["extracted"], summary["failed"]) == (0, len(ODD_TEXTS), [])
    docs = {name: run_json("show", name, "--store", tmp_path / "s") for name in ODD_TEXTS}
    for name, doc in docs.items():
        assert doc["text"] == ODD_TEXTS[name], name
        assert_offsets_point_at_the_text(doc)
    quotes = {name: {q["text"]: q["speaker"] for q in doc["quotes"]} for name, doc in docs.items()}
    assert quotes["emoji.txt"] == {"We did it 🎉🎉,": "Ann Lee"}
    assert quotes["arabic.txt"]["We will build it,"] == "Omar Haddad"
    assert quotes["hebrew.txt"]["This is a good day,"] == "David Cohen"
    assert quotes["unbalanced.txt"]["We will publish a new plan next month,"] == "Mark Tolley"
    assert quotes["nested.txt"]["He told me, ‘they said “no” twice,’ and I left,"] == "Sara Fox"


def test_an_article_that_breaks_spacy_is_a_failure_alone_or_in_a_chunk(tmp_path, monkeypatch):
    import factx.nlp

    real_parse, parsed = factx.nlp.parse, []

    def parse(nlp, texts, *args):
        for text in texts:
            if "BREAKS" in text:
                raise ValueError("cannot parse this")
            parsed.append(text)
            yield from real_parse(nlp, [text], *args)

    monkeypatch.setattr(factx.nlp, "parse", parse)
    src = tmp_path / "in"
    src.mkdir()
    texts = {"a.txt": "Ann Lee spoke on Friday.\n", "bad.txt": "This text BREAKS the parser.\n",
             "c.txt": "Bob Ray left on Monday.\n"}
    for name, text in texts.items():
        (src / name).write_text(text, encoding="utf-8")
    for given, extracted in ((src, 2), (src / "bad.txt", 0)):  # a chunk of three, then of one
        result = run("extract", given, "--store", tmp_path / "s", "--json", "-q", "--force")
        summary = json.loads(result.stdout)
        assert (result.exit_code, summary["extracted"]) == (1, extracted), result.stderr
        assert summary["failed"] == [{"article": "bad.txt", "reason": "spaCy failed: ValueError: cannot parse this"}]
    assert sorted(parsed) == sorted([texts["a.txt"], texts["c.txt"]])  # done once, not again on retry
