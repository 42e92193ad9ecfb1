"""People (and other named entities) in one article: spaCy's mentions cleaned in general ways,
grouped under the article's fullest name for each person, with attributes (age, role) and the
sentence each came from.

Rules, all general (no names): possessives stripped; mentions with no proper noun dropped
("Email"); headline words glued to a name trimmed ("X Y Fights" -> "X Y" when "X Y" is a name
here, or a trailing verb); names ending in an organisation noun relabelled ORG; a single-word
"person" that is only ever the one told or cited ("told Vogue") relabelled ORG; short forms
resolved to the unique fullest name containing them; hashtags and handles mapped to the name
they spell. Runs in the extraction workers; imports nothing from spaCy itself.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional

import numpy
from nameparser.config import CONSTANTS

from factx import names, nlp
from factx.nlp import lemma
from factx.names import is_subsequence
from factx.lexicon import (DEGREE_SUFFIXES, GENDER_PRONOUNS, GENERATION_SUFFIXES, HONORIFICS, NAME_BREAKS,
                           NAME_TRAILERS, ORG_HEADS, PLACE_HEADS, PLACE_PREPOSITIONS, ROLE_WORDS, TITLE_WORDS)

POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
# Entity labels that sometimes hold a person's name the tagger got wrong.
HOST_LABELS = frozenset({"ORG", "GPE", "FAC", "LOC", "NORP", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT"})
PLACE_LABELS = frozenset({"GPE", "FAC", "LOC"})
CITED_AS_SOURCE = {"tell"}  # "told X": X is often an outlet; people are introduced by full name
HANDLE = re.compile(r"(?<![\w@#])[#@]([A-Za-z][A-Za-z0-9_]{2,})")
CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
AGE_AFTER = re.compile(r"^,\s*(?:(?:an?|aged)\s+)?(\d{1,3})(?:\s*[,.;)]|-year-old\b|$)")
AGE_BEFORE = re.compile(r"(\d{1,3})-year-old\s+$")


@dataclass
class Mention:
    text: str
    start: int
    end: int
    label: str
    tokens: list[str]
    sentence: tuple[int, int]
    span: Any = None  # the spaCy span (not stored)
    role_words: Any = None  # the spaCy span of role words cut from the front ('Coroner'), if any


@dataclass
class Person:
    name: str
    label: str = "PERSON"
    aliases: list[str] = field(default_factory=list)
    mentions: list[list[int]] = field(default_factory=list)
    attributes: list[dict[str, Any]] = field(default_factory=list)
    gender: Optional[str] = None  # "m" / "f" from honorifics, pronouns or the first-name table

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "aliases": self.aliases, "count": len(self.mentions),
                "mentions": self.mentions, "attributes": self.attributes, "gender": self.gender}


def name_key(tokens: list[str]) -> tuple[str, ...]:
    return tuple(t.casefold() for t in tokens)


# ---- cleaning spaCy's mentions ------------------------------------------------------------

QUOTE_CHARS = "\"'“”‘’«»`"
BRACKETS = {"(": ")", "[": "]", "{": "}"}
POSSESSIVE_TOKENS = {"'s", "’s", "'", "’"}
NOT_NAME_POS = {"VERB", "AUX", "ADV", "ADP", "DET", "CCONJ", "SCONJ", "PRON", "PART", "INTJ"}
NAME_PARTICLES = frozenset(CONSTANTS.prefixes) | frozenset(CONSTANTS.conjunctions)
TITLES = frozenset(CONSTANTS.titles)
_GENDER = None


def _first_names():
    global _GENDER
    if _GENDER is None:
        import gender_guesser.detector
        _GENDER = gender_guesser.detector.Detector()
    return _GENDER


@lru_cache(maxsize=65536)
def is_first_name(word: str) -> bool:
    """A given name by gender-guesser's list ('Will', 'Hope', 'Rush' are names, not words)."""
    return _first_names().get_gender(word[:1].upper() + word[1:].lower()) != "unknown"


def load_tables() -> None:
    """Read the first-name tables now (half a second, once per process: gender-guesser parses
    a 2 MB list) rather than in the middle of the first article that needs them."""
    _first_names()
    names.load_tables()


def is_title_word(tok) -> bool:
    """A role or title word: lexicon's, or nameparser's when it is not also a given name."""
    fold = tok.lower_.strip(".")
    if fold.endswith("s") and len(fold) > 4 and fold[:-1] in TITLE_WORDS | TITLES:  # 'Presidents'
        fold = fold[:-1]
    return fold in TITLE_WORDS or fold in ROLE_WORDS or fold in HONORIFICS or (fold in TITLES and not is_first_name(tok.text))


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """Lines written in Title Case or capitals (headlines, links, captions): as factx.quotes'
    definition, per line."""
    out, pos = [], 0
    for line in text.split("\n"):
        words = [w for w in line.split() if len(w) > 3 and w[:1].isalpha()]
        if len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def word_forms(word: str) -> set[str]:
    """The word and its plain forms ('Reverses' -> reverse, 'Hammering' -> hammer)."""
    w = word.lower()
    forms = {w}
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            forms.add(w[:len(w) - len(suffix)] + repl)
    if len(w) > 5 and w[-3:-2] == w[-4:-3] and w.endswith("ing"):  # 'hammering' / 'stopping'
        forms.add(w[:-4])
    return forms


class ArticleWords:
    """What the whole article says about words: which are written in lowercase somewhere (so are
    common words, not name parts), which lines are headlines, and the person names it has."""

    def __init__(self, doc, text: str):
        self.doc = doc
        self.lower: set[str] = set()
        self.nouns: set[str] = set()
        # each distinct (word, part of speech) looked at once, at its first token (Token objects
        # are slow): found on the token array
        noun = doc.vocab.strings["NOUN"]
        array = doc.to_array(["ORTH", "POS", "IS_ALPHA"])
        alpha = numpy.flatnonzero(array[:, 2])
        if len(alpha):
            _, first = numpy.unique(array[alpha, :2], axis=0, return_index=True)
            tokens = nlp.tokens(doc)
            for i in sorted(alpha[first].tolist()):
                tok = tokens[i]
                word = tok.orth_
                if word[:1].islower():
                    forms = (word.lower(), lemma(tok).lower())
                    self.lower.update(forms)
                    if tok.pos == noun:
                        self.nouns.update(forms)
        lines = title_case_lines(text)
        self.headlines = lines
        self.headline_starts = [a for a, _ in lines]
        self.keys: list[tuple[str, ...]] = []

    def in_headline(self, tok) -> bool:
        i = bisect.bisect_right(self.headline_starts, tok.idx) - 1
        return i >= 0 and tok.idx < self.headlines[i][1]

    def is_common(self, tok) -> bool:
        return bool(word_forms(tok.text) & self.lower)

    def capital_says_nothing(self, tok) -> bool:
        """Its capital letter is no sign of a name: a headline, or the first word of a sentence."""
        if self.in_headline(tok) or tok.i == 0 or tok.is_sent_start:
            return True
        prev = self.doc[tok.i - 1]
        return prev.is_space or (prev.is_punct and prev.text not in {",", "-"})

    def known(self, part, whole: tuple[str, ...]) -> bool:
        """``part`` (tokens) is, or is inside, another person name of the article, or ends with
        one ('Jane Doe' where the article says 'Doe')."""
        key = name_key([t.text for t in part])
        return bool(key) and any(k != whole and (is_subsequence(key, k) or key[-len(k):] == k) for k in self.keys)

    def name_word(self, tok, whole: tuple[str, ...]) -> bool:
        """The word is part of another person name of the article ('West' of 'Kanye West')."""
        return any(k != whole and tok.lower_ in k for k in self.keys)


def strip_possessive_span(span):
    """The span without a trailing possessive marker token or suffix."""
    end = span.end
    while end > span.start and span.doc[end - 1].tag_ == "POS":
        end -= 1
    return span.doc[span.start:end]


def mention_from_span(span, label: str) -> Optional[Mention]:
    span = strip_possessive_span(span)
    while len(span) and span[0].lower_ in {"the", "a", "an"}:
        span = span[1:]
    if not len(span):
        return None
    text = POSSESSIVE.sub("", span.text) if span[-1].tag_ != "POS" else span.text
    text = re.sub(r"[\s\x00-\x1f\x7f]+$", "", text)  # a trailing control character or line break
    end = span.start_char + len(text)
    tokens: list[str] = []
    glue = False
    for t in span:
        if t.is_space or (t.is_punct and t.text not in "-."):
            glue = False
            continue
        word = POSSESSIVE.sub("", t.text).strip("\x00\x1f\x7f")
        if tokens and glue:  # 'Mary-Kate', 'al-Assad': one word, as written
            tokens[-1] += word
        elif word:
            tokens.append(word)
        glue = not t.whitespace_ and t.i + 1 < span.end and (t.text == "-" or span.doc[t.i + 1].text == "-")
    if not tokens or not text.strip():
        return None
    sent = span.sent
    return Mention(text, span.start_char, end, label, tokens, (sent.start_char, sent.end_char), span)


def raw_mentions(doc) -> list[Mention]:
    out = []
    for ent in doc.ents:
        m = mention_from_span(ent, ent.label_)
        if m is not None:
            out.append(m)
    return out


def has_name(span) -> bool:
    return any(t.pos_ == "PROPN" and t.lower_.strip(".") not in GENERATION_SUFFIXES for t in span)


def balance_brackets(span):
    """'Vladimir] Putin' -> '[Vladimir] Putin' when the opener is right before it (and the same
    for a closer right after); an unmatched bracket at an edge is dropped."""
    doc, start, end = span.doc, span.start, span.end
    for open_, close in BRACKETS.items():
        depth = 0
        for t in doc[start:end]:
            depth += (t.text == open_) - (t.text == close)
            if depth < 0:
                if start > 0 and doc[start - 1].text == open_:
                    start -= 1
                break
        if depth > 0 and end < len(doc) and doc[end].text == close:
            end += 1
    return doc[start:end]


def trim_edges(span):
    """Without punctuation, spaces and possessive markers at either edge (a name keeps a final
    '.', and brackets that enclose a part of it)."""
    doc, start, end = span.doc, span.start, span.end
    def enclosed(i):
        t = doc[i]
        if t.text in BRACKETS:
            return any(doc[j].text == BRACKETS[t.text] for j in range(i + 1, end))
        closers = {v: k for k, v in BRACKETS.items()}
        return t.text in closers and any(doc[j].text == closers[t.text] for j in range(start, i))
    while start < end and (doc[start].is_space or doc[start].text in POSSESSIVE_TOKENS or
                           (doc[start].is_punct and not enclosed(start)) or doc[start].text.strip(QUOTE_CHARS) == ""):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text.strip(QUOTE_CHARS) == "" or
                           (doc[end - 1].text in POSSESSIVE_TOKENS and end - 1 > start) or
                           (doc[end - 1].is_punct and doc[end - 1].text != "." and not enclosed(end - 1))):
        end -= 1
    return doc[start:end]


def split_at_breaks(span) -> list:
    """Parts of a mention between line breaks and punctuation that never stands in a name."""
    parts, start = [], span.start
    for t in span:
        if "\n" in t.text or t.text in NAME_BREAKS:
            parts.append(span.doc[start:t.i])
            start = t.i + 1
    parts.append(span.doc[start:span.end])
    return [trim_edges(p) for p in parts if len(p)]


def split_possessive(span, words: ArticleWords):
    """"X's Y Z" inside a mention: the name is one side. The side that is a person name elsewhere
    in the article wins, else the side after when it starts with a given name ("Outlet's Jane
    Doe"), else the side before ("Jane Doe's Remarks")."""
    for t in span[1:-1] if len(span) > 2 else []:
        if t.text in POSSESSIVE_TOKENS or t.tag_ == "POS":
            before = trim_edges(span.doc[span.start:t.i])
            after = trim_edges(span.doc[t.i + 1:span.end])
            whole = name_key([x.text for x in span])
            for side in (after, before):
                if len(side) and has_name(side) and words.known(side, whole):
                    return side
            if len(after) > 1 and has_name(after) and is_first_name(after[0].text):
                return after
            return before if len(before) and has_name(before) else after
    return span


def cut_at_preposition(span, words: ArticleWords):
    """A preposition inside a mention of a headline ('Jane Doe Checks Into Rehab') ends the
    name: the name is before it, without the word right before it (the verb or noun the
    preposition belongs to) when two or more name words stay."""
    for t in span[1:]:
        if t.pos_ == "ADP" and t.lower_ not in NAME_PARTICLES and words.in_headline(t):
            before = trim_edges(span.doc[span.start:t.i])
            if len(before) > 2 and has_name(before[:-1]) and not is_first_name(before[-1].text) and \
                    before[-1].lower_.strip(".") not in GENERATION_SUFFIXES:
                before = before[:-1]
            return before if len(before) and has_name(before) else span
    return span


def cut_lowercase_words(span):
    """Lowercase words are no part of a name (name particles 'de', 'al', 'van' aside): the name is
    after the last one ('grant fellow Jane Doe'; the words before are returned as its role), and
    a lowercase tail is dropped. Returns (name span, words before it or None)."""
    doc = span.doc
    # a particle counts as part of the name only before another word of it ("de la Cruz", not "Roe and")
    low = [t.i for t in span if t.text[:1].islower() and t.is_alpha and
           (t.lower_ not in NAME_PARTICLES or t.i == span.end - 1)]
    if not low:
        return span, None
    last = low[-1]
    after = trim_edges(doc[last + 1:span.end])
    if len(after) and has_name(after):
        before = trim_edges(doc[span.start:last + 1])
        return after, before if len(before) else None
    first = low[0]
    before = trim_edges(doc[span.start:first])
    return (before, None) if len(before) and has_name(before) else (span, None)


def cut_leading_words(span, words: ArticleWords, whole):
    """Words glued before a name: a role or title ('Coroner Jane Doe', kept as the role), or a
    verb or common word whose capital says nothing ('Hammering Jane Doe' in a headline, a
    sentence's first word) when it is no given name. Returns (name span, role span or None)."""
    doc, start, role_end = span.doc, span.start, None
    while span.end - start >= 2 and has_name(doc[start + 1:span.end]):
        tok, rest = doc[start], doc[start + 1:span.end]
        if is_title_word(tok):
            start += 1
            role_end = start
            continue
        if words.capital_says_nothing(tok) and len(rest) >= 2 and words.keys.count(whole) <= 1 and \
                names.first_name_gender(rest[0].text) and \
                name_key([t.text for t in rest if not t.is_punct or t.text in "-."]) in words.keys:
            start += 1  # 'Rip Donald Trump' in a headline where the article also writes 'Donald Trump'
            continue
        if is_first_name(tok.text) or words.name_word(tok, whole):
            break
        if tok.lower_ in NAME_TRAILERS:  # 'Twitter @handle'
            start += 1
            continue
        loose = words.capital_says_nothing(tok)
        verb_like = tok.pos_ in NOT_NAME_POS or tok.tag_.startswith("VB") or \
            (len(tok) >= 6 and tok.lower_.endswith(("ing", "ly")) and words.known(rest, whole))
        if loose and (verb_like and (words.is_common(tok) or words.known(rest, whole) or words.in_headline(tok)) or
                      words.is_common(tok) and (words.known(rest, whole) or tok.pos_ in {"NOUN", "ADJ"})):
            start += 1
            if word_forms(tok.text) & words.nouns or tok.lower_ in TITLES:
                role_end = start
            continue
        break
    role = doc[span.start:role_end] if role_end else None
    return doc[start:span.end], role


def cut_trailing_words(span, words: ArticleWords, whole):
    """Words glued after a name: a service or document word ('Jane Doe Gmail'), or, in a
    headline, a common word when the name before it is a person of the article ('Jane Doe
    Claims'). A generation suffix ('Jr.') stays."""
    doc, end = span.doc, span.end
    while end - span.start >= 2:
        tok, rest = doc[end - 1], doc[span.start:end - 1]
        fold = tok.lower_.strip(".")
        if fold in GENERATION_SUFFIXES or fold in DEGREE_SUFFIXES or not has_name(rest):
            break
        if fold in NAME_TRAILERS or (words.in_headline(tok) and words.is_common(tok) and
                                     (words.known(rest, whole) or len(rest) > 2 and words.known(rest[-2:], whole))
                                     and not words.name_word(tok, whole)):
            end -= 1
            continue
        break
    return doc[span.start:end]


def split_two_names(span, words: ArticleWords, whole) -> list:
    """Two people in one mention: 'Smith Beats Jones' in a headline (a verb or common word
    between two names of the article), or two names run together ('Smith Jane Doe', where each
    is a person name elsewhere in the article and the whole is written nowhere else)."""
    doc = span.doc
    if len(span) < 2:
        return [span]
    for i in range(span.start + 1, span.end - 1):
        tok = doc[i]
        left, right = doc[span.start:i], doc[i + 1:span.end]
        if words.in_headline(tok) and (words.is_common(tok) or tok.tag_.startswith("VB")) and \
                not is_first_name(tok.text) and not words.name_word(tok, whole) and \
                has_name(left) and has_name(right) and words.known(left, whole) and words.known(right, whole):
            return [left, right]
    if sum(k == whole for k in words.keys) > 1:
        return [span]
    for i in range(span.start + 1, span.end - 1):
        left, right = doc[span.start:i], doc[i:span.end]
        if not doc[i - 1].whitespace_ or not (has_name(left) and has_name(right)):
            continue
        rkey, lkey = name_key([t.text for t in right]), name_key([t.text for t in left])
        # the left part ends another, longer name ("Clinton" of "Hillary Clinton"), not a
        # first name the article also uses alone ("Kim" before "Kardashian West")
        if len(rkey) >= 2 and rkey in words.keys and \
                any(k != whole and len(k) > len(lkey) and k[-len(lkey):] == lkey for k in words.keys):
            return [left, right]
    return [span]


def clean_person_mentions(doc, mentions: list[Mention], text: Optional[str] = None) -> list[Mention]:
    """Each PERSON mention cut to the name it holds (or split into the names it holds): line
    breaks and stray punctuation, possessives inside, lowercase words, role words and glued
    headline words before and after, two names in one."""
    words = ArticleWords(doc, doc.text if text is None else text)
    staged: list[tuple[Mention, Any, Any]] = []  # (mention, span, role span)
    for m in mentions:
        if m.label != "PERSON":
            staged.append((m, None, None))
            continue
        parts = split_at_breaks(balance_brackets(m.span))
        for part in parts:
            if not (len(part) and has_name(part)):
                continue
            part = split_possessive(part, words)
            part = cut_at_preposition(part, words)
            part, role = cut_lowercase_words(part)
            if len(part) and has_name(part):
                staged.append((m, part, role))
    words.keys = [name_key([t.text for t in s if not t.is_punct or t.text in "-."]) for m, s, _ in staged if s is not None]
    out = []
    for m, span, role in staged:
        if span is None:
            out.append(m)
            continue
        whole = name_key([t.text for t in span if not t.is_punct or t.text in "-."])
        span, lead_role = cut_leading_words(span, words, whole)
        role = lead_role if lead_role is not None else role
        span = cut_trailing_words(span, words, whole)
        pieces = split_two_names(span, words, whole)
        if len(pieces) > 1:  # each name may have its own glued words ('Doe Jane Roe Rally')
            pieces = [cut_trailing_words(cut_leading_words(p, words, whole)[0], words, whole) for p in pieces]
        for i, piece in enumerate(pieces):
            new = mention_from_span(piece, "PERSON")
            if new is not None:
                new.role_words = role if i == 0 else None
                out.append(new)
    return out


def drop_non_names(mentions: list[Mention]) -> list[Mention]:
    """A PERSON with no proper noun in it ("Email", a lowercase word) is a tagging artefact."""
    return [m for m in mentions if m.label != "PERSON" or any(t.pos_ == "PROPN" for t in m.span)]


def relabel_org_like(mentions: list[Mention]) -> None:
    for m in mentions:
        if m.label == "PERSON" and len(m.tokens) > 1 and m.tokens[-1].casefold() in ORG_HEADS:
            m.label = "ORG"


def trim_glued_words(mentions: list[Mention]) -> None:
    """'X Y Fights' in a headline -> 'X Y' when 'X Y' is a person named elsewhere in the article
    and the extra words are not singular proper nouns (a name's own part, 'West', stays), or
    when the extra trailing words are a verb or adverb."""
    names = {name_key(m.tokens) for m in mentions if m.label == "PERSON"}
    for m in mentions:
        if m.label != "PERSON" or len(m.tokens) < 2:
            continue
        keep = len(m.span)
        for cut in range(len(m.span) - 1, 0, -1):
            extra = m.span[cut:]
            if name_key([t.text for t in m.span[:cut]]) in names and any(t.tag_ != "NNP" for t in extra):
                keep = cut
                break
        while keep > 1 and m.span[keep - 1].pos_ in {"VERB", "AUX", "ADV", "ADP"}:
            keep -= 1
        if keep < len(m.span):
            span = m.span[:keep]
            m.span, m.text, m.end = span, span.text, span.end_char
            m.tokens = [t.text for t in span]


def relabel_cited_outlets(mentions: list[Mention]) -> None:
    """A one-word PERSON that never matches a fuller name and is only ever the one told
    ("she told Vogue") is far more often a publication than a person: news style introduces
    people by full name first."""
    full = [name_key(m.tokens) for m in mentions if m.label == "PERSON" and len(m.tokens) > 1]
    groups: dict[tuple[str, ...], list[Mention]] = {}
    for m in mentions:
        if m.label == "PERSON" and len(m.tokens) == 1:
            groups.setdefault(name_key(m.tokens), []).append(m)
    for key, group in groups.items():
        if any(is_subsequence(key, f) for f in full):
            continue
        if all(m.span.root.dep_ == "dobj" and lemma(m.span.root.head) in CITED_AS_SOURCE for m in group):
            for m in group:
                m.label = "ORG"


def relabel_person_short_forms(mentions: list[Mention]) -> None:
    """'Reed' tagged ORG/LAW/PRODUCT where 'Rodney Reed' (or 'Reed' itself) is a PERSON of the
    article is that person."""
    persons = {name_key(m.tokens) for m in mentions if m.label == "PERSON"}
    for m in mentions:
        if m.label in {"ORG", "LAW", "PRODUCT", "WORK_OF_ART", "NORP"} and len(m.tokens) <= 2:
            key = name_key(m.tokens)
            if any(is_subsequence(key, f) for f in persons):
                m.label = "PERSON"


def _sub_mention(m: Mention, start: int, end: int, label: str = "PERSON") -> Mention:
    """The mention of tokens [start, end) of the document, inside ``m``."""
    span = m.span.doc[start:end]
    return Mention(span.text, span.start_char, span.end_char, label, [t.text for t in span], m.sentence, span)


def _in_a_place_phrase(span) -> bool:
    """'in Jackson', 'from Paris': a place, not a person."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS


def persons_inside_other_entities(mentions: list[Mention], text: str) -> list[Mention]:
    """A person of the article named inside another entity ("Lohan" tagged GPE, "Overturn Bush
    Rules" tagged ORG, "Obama To Nominate Regina Benjamin" as one ORG) becomes a mention of
    that person; the rest of that entity was a tagging error around the name. Matches are the
    article's full PERSON names and the surnames of exactly one of its people."""
    full = {name_key(m.tokens) for m in mentions if m.label == "PERSON"}
    surnames: dict[str, set] = {}
    for key in full:
        if len(key) > 1:
            surnames.setdefault(key[-1], set()).add(key)
    out: list[Mention] = []
    headlines = title_case_lines(text) if mentions else []

    def in_headline(pos: int) -> bool:
        return any(a <= pos < b for a, b in headlines)

    def surname_alone(words, i) -> bool:
        """A bare surname inside a longer name is the person only in a headline or next to a
        lowercase word ("Philly and Cheeks"), not as part of a proper name ("The White House")."""
        if len(words) == 1 or in_headline(words[i].idx):
            return True
        near = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
        return not any(w.is_alpha and w.text[:1].isupper() and w.lower_ not in ("the", "a", "an") for w in near)

    for m in mentions:
        if m.label not in HOST_LABELS or not len(m.span) or (m.label in PLACE_LABELS and _in_a_place_phrase(m.span)):
            out.append(m)
            continue
        words = [t for t in m.span]
        found: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            hit = 0
            for j in range(len(words), i, -1):
                key = name_key([POSSESSIVE.sub("", t.text) for t in words[i:j]])
                if not words[i].text[:1].isupper() or not words[j - 1].text[:1].isupper():
                    continue
                if key in full or (j - i == 1 and len(surnames.get(key[0], ())) == 1 and surname_alone(words, i)):
                    hit = j
                    break
            if hit:
                found.append((words[i].i, words[hit - 1].i + 1))
                i = hit
            else:
                i += 1
        if not found:
            out.append(m)
        else:
            out += [_sub_mention(m, a, b) for a, b in found]
    return out


def names_by_first_name(mentions: list[Mention]) -> None:
    """A two- or three-word proper name tagged as an organisation, place or work ("Bettie Page"
    ORG, "Hugh Jackman" GPE) is a person when it starts with a first name the first-name table
    is sure of, every word is a singular proper noun, and none is an organisation or place word."""
    for m in mentions:
        span = m.span
        if m.label not in HOST_LABELS or not 2 <= len(span) <= 3 or _in_a_place_phrase(span):
            continue
        if span.start > 0 and span.doc[span.start - 1].lower_ == "the":
            continue
        if not all(t.tag_ == "NNP" and t.text[:1].isupper() and t.text[1:2].islower() for t in span):
            continue
        if any(t.lower_ in ORG_HEADS or t.lower_ in PLACE_HEADS for t in span):
            continue
        if names.first_name_gender(span[0].text) and not names.first_name_gender(span[-1].text):
            m.label = "PERSON"


QUOTED_NICKNAME = re.compile(r"\b([A-Z][\w.\-]*(?: [A-Z][\w.\-]*)?) ([\"“'‘])([A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,2})"
                             r"([\"”'’]) ([A-Z][\w'’\-]+)")


def join_quoted_nicknames(doc, mentions: list[Mention], text: str) -> list[Mention]:
    """'Vincent "The Chin" Gigante', which the tagger cuts into pieces at the quotes, is one
    person: given name, nickname in quotes, surname, when a piece was tagged PERSON."""
    joined: list[Mention] = []
    for match in QUOTED_NICKNAME.finditer(text):
        start, end = match.start(), match.end()
        hit = [m for m in mentions if m.start < end and start < m.end]
        if not any(m.label == "PERSON" for m in hit) or not is_first_name(match.group(1).split()[0]):
            continue
        # a PERSON piece that runs on ("Chin' Gigante Dies") is kept whole: cleaning cuts the rest
        start = min([start] + [m.start for m in hit if m.label == "PERSON"])
        end = max([end] + [m.end for m in hit if m.label == "PERSON"])
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.start_char != start or span.end_char != end:
            continue
        joined.append(Mention(span.text, start, end, "PERSON", [t.text for t in span],
                              (span.sent.start_char, span.sent.end_char), span))
    if not joined:
        return mentions
    taken = [(m.start, m.end) for m in joined]
    kept = [m for m in mentions if not any(m.start < e and s < m.end for s, e in taken)]
    return sorted(kept + joined, key=lambda m: (m.start, m.end))


OPENING_QUOTES = frozenset("\"“‘'«")


def cut_at_inner_quotes(mentions: list[Mention]) -> None:
    """A quotation opened inside a person mention that is no nickname ('Jane Roe ‘A Disgrace’
    Over' in a headline) ends the name."""
    for m in mentions:
        if m.label != "PERSON" or len(m.span) < 3 or QUOTED_NICKNAME.search(m.text):
            continue
        for tok in m.span[1:]:
            if tok.text in OPENING_QUOTES and tok.i > 0 and tok.doc[tok.i - 1].whitespace_:
                left = trim_edges(m.span.doc[m.span.start:tok.i])
                if len(left) and has_name(left):
                    m.span, m.text, m.end = left, left.text, left.end_char
                    m.tokens = [t.text for t in left]
                break


def clean_mentions(doc, text: Optional[str] = None) -> list[Mention]:
    """spaCy's entities cleaned, people's names first. ``text`` is ``doc.text`` if the caller has
    it (spaCy joins the tokens anew on every access)."""
    text = doc.text if text is None else text
    mentions = drop_non_names(clean_person_mentions(doc, raw_mentions(doc), text))
    relabel_org_like(mentions)
    trim_glued_words(mentions)
    cut_at_inner_quotes(mentions)
    # nicknames are joined after cleaning, which cuts at quotes and at capitalised common words
    mentions = join_quoted_nicknames(doc, mentions, text)
    relabel_cited_outlets(mentions)
    relabel_person_short_forms(mentions)
    names_by_first_name(mentions)
    return persons_inside_other_entities(mentions, text)


# ---- one person per name ------------------------------------------------------------------
# Which person each mention designates is decided by factx.names (the one owner of identity);
# here are only the spaCy-side facts it needs: paragraphs, honorifics and pronouns.

def _honorific_before(m: Mention) -> Optional[str]:
    """The gender an honorific right before the mention states ("Mrs. Clinton")."""
    words = [t for t in m.span if t.text.strip(".").casefold() in HONORIFICS]
    if words:
        return HONORIFICS[words[0].text.strip(".").casefold()]
    if m.span.start > 0:
        prev = m.span.doc[m.span.start - 1].text.strip(".").casefold()
        return HONORIFICS.get(prev)
    return None


def _pronoun_hint(m: Mention, others: set[int]) -> Optional[str]:
    """The gender of the first he/she/his/her after a subject mention in its sentence, unless
    another person is named first ("Clinton allowed her staff ..." -> "f")."""
    span = m.span
    if span.root.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for tok in span.doc[span.end:span.sent.end]:
        if tok.i in others:
            return None
        if tok.lower_ in GENDER_PRONOUNS:
            return GENDER_PRONOUNS[tok.lower_]
    return None


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]


def pronoun_gender_votes(doc, persons: list[Mention], person_of: dict[int, int]) -> list[tuple[int, str]]:
    """(person, gender) votes: when one person alone is named in a sentence, as its subject, the
    next he/she in the rest of that sentence (or as subject of the next one) is usually that
    person."""
    by_sent: dict[int, list[Mention]] = {}
    sents = list(doc.sents)
    starts = [s.start for s in sents]
    for m in persons:
        by_sent.setdefault(bisect.bisect_right(starts, m.span.start) - 1, []).append(m)
    votes = []
    for n, ms in by_sent.items():
        who = {person_of.get(id(m)) for m in ms} - {None}
        if len(who) != 1 or ms[0].span.root.dep_ not in ("nsubj", "nsubjpass"):
            continue
        found = None
        for t in doc[ms[-1].span.end:sents[n].end]:
            if t.lower_ in ("he", "she", "his", "her") and t.dep_ in ("nsubj", "nsubjpass", "poss"):
                found = GENDER_PRONOUNS[t.lower_]
                break
        if found is None and n + 1 < len(sents) and n + 1 not in by_sent:
            for t in sents[n + 1]:
                if t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass"):
                    found = GENDER_PRONOUNS[t.lower_]
                    break
        if found:
            votes.append((who.pop(), found))
    return votes


def group_people(mentions: list[Mention], text: str) -> tuple[list[Person], dict[int, Person]]:
    """The article's people (see factx.names.resolve_article) and the person of each PERSON
    mention (keyed by ``id(mention)``)."""
    persons = [m for m in mentions if m.label == "PERSON"]
    paragraphs = _paragraph_starts(text)
    person_tokens = {t.i for m in persons for t in m.span}
    infos = [names.ArticleMention(m.text, m.start, bisect.bisect_right(paragraphs, m.start) - 1,
                                  _honorific_before(m), _pronoun_hint(m, person_tokens - {t.i for t in m.span}))
             for m in persons]
    resolved, assigned = names.resolve_article(infos)
    person_index = {id(m): assigned[i] for i, m in enumerate(persons) if assigned[i] is not None}
    if persons:
        for p, g in pronoun_gender_votes(persons[0].span.doc, persons, person_index):
            resolved[p].pronoun_votes[g] += 1
    people: list[Person] = []
    for person in resolved:
        ms = [persons[i] for i in person.mentions]
        best = max(ms, key=lambda m: (person.name.key == names.parse(m.text).key, len(m.text)))
        p = Person(names.parse(" ".join(best.text.split())).display)
        for m in ms:
            p.mentions.append([m.start, m.end])
            if m.text not in p.aliases:
                p.aliases.append(m.text)
        p.gender = person.gender()
        people.append(p)
    by_mention = {key: people[i] for key, i in person_index.items()}
    return people, by_mention


def handle_tokens(handle: str) -> list[str]:
    parts = [p for chunk in handle.split("_") for p in CAMEL.findall(chunk)]
    return [p for p in parts if p.casefold() not in TITLE_WORDS]


def add_handles(text: str, people: list[Person]) -> None:
    """#RodneyReed, @GovAbbott -> the one person whose name they spell."""
    keys = [(tuple(names.name_tokens(p.name)), p) for p in people]
    for match in HANDLE.finditer(text):
        handle = match.group(1)
        key = name_key(handle_tokens(handle))
        joined = handle.casefold()
        hits = [p for k, p in keys if (key and is_subsequence(key, k)) or "".join(k) == joined]
        if len(hits) == 1:
            p = hits[0]
            p.mentions.append([match.start(), match.end()])
            if match.group(0) not in p.aliases:
                p.aliases.append(match.group(0))


# ---- attributes ---------------------------------------------------------------------------

def age_of(text: str, m: Mention) -> Optional[tuple[int, int, int]]:
    """(age, start, end) from 'Name, 51,' / 'Name, a 63-year-old' / '19-year-old Name'."""
    after = AGE_AFTER.match(text[m.end:m.end + 30])
    if after:
        return int(after.group(1)), m.end + after.start(1), m.end + after.end(1)
    before = AGE_BEFORE.search(text[max(0, m.start - 20):m.start])
    if before:
        offset = max(0, m.start - 20)
        return int(before.group(1)), offset + before.start(1), offset + before.end(1)
    return None


def role_before(m: Mention) -> Optional[Any]:
    """Title words right before the name that modify it: 'Texas Governor Greg Abbott'."""
    doc, i = m.span.doc, m.span.start
    start = i
    while start > 0:
        tok = doc[start - 1]
        if tok.head.i < m.span.start or tok.head.i >= m.span.end or tok.dep_ not in {"compound", "amod", "nmod"}:
            if not (tok.dep_ == "compound" and start - 1 < i and doc[start].i < m.span.end and
                    tok.head.i == start):
                break
        start -= 1
    words = doc[start:i]
    if len(words) and any(is_title_word(t) for t in words):
        return words
    return None


def role_appos(m: Mention) -> Optional[Any]:
    """'Angela Wynn, media liaison at X,' (appos of the name) or 'co-host, Jenna Bush Hager'."""
    root = m.span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= m.span.end and child.pos_ == "NOUN" and not child.ent_type_:
            sub = list(child.subtree)
            span = root.doc[sub[0].i:sub[-1].i + 1]
            if not any(c in span.text for c in "|/"):  # photo credits and captions, not roles
                return span
    if root.dep_ == "appos" and root.head.i < m.span.start and root.head.pos_ == "NOUN":
        head = root.head
        left = [t for t in head.subtree if t.i <= head.i]
        return root.doc[left[0].i:head.i + 1]
    return None


def trim_span_text(span) -> tuple[str, int, int]:
    text = span.text.rstrip(" ,;:—–-")
    lead = len(text) - len(text.lstrip(" ,"))
    return text.strip(" ,"), span.start_char + lead, span.start_char + len(text)


def attributes(text: str, mentions: list[Mention], person_of: dict[int, Person]) -> None:
    for m in mentions:
        if m.label != "PERSON":
            continue
        person = person_of.get(id(m))
        if person is None:
            continue
        found = []
        age = age_of(text, m)
        if age and 0 < age[0] < 125:
            found.append({"type": "age", "value": age[0], "start": age[1], "end": age[2]})
        for span in (m.role_words, role_before(m), role_appos(m)):
            if span is not None and len(span):
                value, s, e = trim_span_text(span)
                if value and len(value) <= 120:
                    found.append({"type": "role", "value": value, "start": s, "end": e})
        for attr in found:
            attr.update(sentence_start=m.sentence[0], sentence_end=m.sentence[1])
            if not any(a["type"] == attr["type"] and str(attr["value"]) in str(a["value"]) for a in person.attributes):
                person.attributes.append(attr)


def _name_like(tok) -> bool:
    """A word written as a name on its own: capitalised (or a headline's capitals), a proper
    noun or (mid-sentence) a word the tagger took for a common one ("Manning", "Luck"), and not
    the first or last word of a longer proper name ("White House", "Fort Brown")."""
    if not (tok.is_title or (tok.is_upper and len(tok) > 1)):
        return False
    if tok.pos_ != "PROPN" and (tok.pos_ not in ("NOUN", "ADJ", "VERB") or tok.is_sent_start):
        return False
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return not (nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and not nxt.ent_type_ == "PERSON")


def _add_mention(span, person: Person, person_of: dict[int, Person], covered: set) -> Mention:
    """A new PERSON mention of ``person`` for ``span``, recorded everywhere it must be."""
    m = Mention(span.text, span.start_char, span.end_char, "PERSON", [t.text for t in span],
                (span.sent.start_char, span.sent.end_char), span)
    person.mentions.append([m.start, m.end])
    if m.text not in person.aliases:
        person.aliases.append(m.text)
    person_of[id(m)] = person
    covered.update(range(m.start, m.end))
    return m


def _untagged_full_names(doc, text: str, people: list[Person], person_of: dict[int, Person],
                         covered: set) -> list[Mention]:
    """A person's full name written again where the tagger saw no entity ("Wladimir Klitschko",
    "WLADIMIR KLITSCHKO" in a headline) is a mention of that person."""
    forms: dict[str, Person] = {}
    for p in people:
        for alias in [p.name, *p.aliases]:
            if len(alias.split()) >= 2 and alias[:1].isalpha():
                forms.setdefault(alias.casefold(), p)
    if not forms:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) +
                         r")(?!\w)", re.IGNORECASE)
    added = []
    for match in pattern.finditer(text):
        if any(i in covered for i in range(match.start(), match.end())):
            continue
        span = doc.char_span(match.start(), match.end())
        if span is None or not all(t.is_title or t.is_upper or not t.is_alpha for t in span):
            continue
        person = forms[match.group(0).casefold()]
        added.append(_add_mention(span, person, person_of, covered))
    return added


def add_untagged_mentions(doc, text: str, mentions: list[Mention], people: list[Person],
                          person_of: dict[int, Person]) -> list[Mention]:
    """Proper nouns spaCy left untagged ('Reed, 51, was ...') that are the surname of exactly one
    person of the article become mentions of that person."""
    covered = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
    surnames: dict[str, list[tuple[tuple[str, ...], Person]]] = {}
    for p in people:
        key = name_key(p.name.split())
        if len(key) > 1:
            surnames.setdefault(key[-1], []).append((key, p))
    added = _untagged_full_names(doc, text, people, person_of, covered)
    for tok in nlp.tokens(doc):
        found = surnames.get(tok.lower_)
        if not (found and len(found) == 1 and tok.idx not in covered and _name_like(tok)):
            continue
        (key, person), start = found[0], tok.i
        # take the preceding parts of the same name too ("Kardashian West", not just "West")
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].idx not in covered and \
                name_key([t.text for t in doc[start - 1:tok.i + 1]]) == key[-(tok.i - start + 2):]:
            start -= 1
        span = doc[start:tok.i + 1]
        added.append(_add_mention(span, person, person_of, covered))
    return added


def extract_people(doc, text: Optional[str] = None) -> tuple[list[dict[str, Any]], list[Mention]]:
    """The article's people as dicts (see ``Person.to_dict``) and all cleaned mentions. ``text``
    is ``doc.text`` if the caller has it (spaCy joins the tokens anew on every access)."""
    text = doc.text if text is None else text
    mentions = clean_mentions(doc, text)
    people, person_of = group_people(mentions, text)
    mentions += add_untagged_mentions(doc, text, mentions, people, person_of)
    add_handles(text, people)
    attributes(text, mentions, person_of)
    for p in people:
        p.mentions.sort()
    ordered = sorted(people, key=lambda p: (-len(p.mentions), p.mentions[0]))
    return [p.to_dict() for p in ordered], mentions
