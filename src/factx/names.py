"""Name identity: the one module that decides whether two names can be the same person.

Everything that asks "is this the same person?" calls this module: the people of one article
(``factx.entities``), quote speakers (``factx.quotes``), the corpus merge (``factx.people`` and
the index) and lookups by name (``factx who``). It imports nothing else of factx but the
lexicon, and no spaCy, so query commands can use it.

* ``fold`` / ``name_tokens``: case-, accent- and apostrophe-insensitive word tokens.
* ``parse``: a written name as titles, given names, surname, generation suffix and nickname
  (nameparser's curated title list beside ours; "Dr Sanjay Gupta" and "Dr. Sanjay Gupta" alike).
* ``compatible``: can two names be one person, and on what evidence (same name, initial,
  nickname from the ``nicknames`` table, a middle name left out, surname alone). Generation
  suffixes are distinctive: Donald Trump is not Donald Trump Jr.
* ``first_name_gender``: the gender table of ``gender-guesser``, its "unknown", "andy" and
  "mostly_*" answers taken as unknown: never a guess.
* ``resolve_article``: the person each mention of one article designates.
* ``merge_corpus``: one person across articles, with the evidence of each merge;
  ``merge_links``: which names it can bring together (so the corpus merges group by group).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Mapping, Optional, Sequence

from factx.lexicon import DEGREE_SUFFIXES, GENERATION_SUFFIXES, HONORIFICS, TITLE_WORDS

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*\.?|\d+", re.UNICODE)
_QUOTED_NICKNAME = re.compile(r"\s[\"“'‘(]([^\"”'’)]{1,40})[\"”'’)]\s")
_APOSTROPHES = re.compile(r"['’`]")
_POSSESSIVE = re.compile(r"['’]s$")
# Particles that belong to the surname that follows ("van Beethoven", "de la Cruz").
SURNAME_PARTICLES = frozenset("van von der den de del della di da dos du la le bin ibn al el st".split())


class _Combining(dict):
    """str.translate's table dropping combining marks, filled as characters are met."""

    def __missing__(self, codepoint: int) -> Optional[int]:
        kept = None if unicodedata.combining(chr(codepoint)) else codepoint
        self[codepoint] = kept
        return kept


_DROP_COMBINING = _Combining()
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a string: NFKD without combining marks. Most text
    is ASCII but for its quotation marks and dashes: only a combining mark among its
    characters makes it translated character by character (the index folds every quote)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    for c in set("".join(_NON_ASCII.findall(decomposed))):
        if unicodedata.combining(c):
            return decomposed.translate(_DROP_COMBINING)
    return decomposed


def name_tokens(name: str) -> list[str]:
    """Folded word tokens of a name, without a possessive ("Reed's" -> "reed")."""
    return [_POSSESSIVE.sub("", t) for t in _WORD.findall(fold(name))]


@lru_cache(maxsize=65536)
def name_token_tuple(name: str) -> tuple[str, ...]:
    """``name_tokens`` as a tuple, kept: an index rebuild asks for the same names in every
    article."""
    return tuple(name_tokens(name))


def name_matches(query: str, name: Optional[str]) -> bool:
    """Every token of the query is a token of the name ("kardashian" matches "Kim Kardashian
    West"): how a user's search words find a name."""
    wanted = name_tokens(query)
    if not name or not wanted:
        return False
    have = set(name_tokens(name))
    return all(t in have for t in wanted)


def name_key(name: str) -> str:
    """The folded tokens joined by spaces: equal for the same written name."""
    return " ".join(name_tokens(name))


# ---- parsing ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _nameparser_titles() -> frozenset[str]:
    try:
        from nameparser.config import CONSTANTS
    except ImportError:  # the lexicon's titles still apply
        return frozenset()
    return frozenset(t.strip(".") for t in CONSTANTS.titles)


def is_title_word(word: str) -> bool:
    """A role or honorific word that may stand before a name ("Comedian", "Dr", "Gov.")."""
    w = fold(word).strip(".")
    return w in HONORIFICS or w in TITLE_WORDS or w in _nameparser_titles()


@dataclass(frozen=True)
class PersonName:
    """A person's name as parts. Tokens are folded, without periods or apostrophes; an initial
    is one letter. A one-word name (``single``) may be a surname or a given name."""

    text: str
    titles: tuple[str, ...] = ()
    given: tuple[str, ...] = ()
    surname: tuple[str, ...] = ()
    suffix: str = ""
    nickname: str = ""
    gender: Optional[str] = None  # stated by an honorific: "m" / "f"
    # derived from the parts once (the corpus merge compares names millions of times)
    tokens: tuple[str, ...] = field(init=False, repr=False, compare=False)
    single: bool = field(init=False, repr=False, compare=False)  # a one-word name
    last: str = field(init=False, repr=False, compare=False)  # the surname's last word, else the given name's
    key: tuple[str, ...] = field(init=False, repr=False, compare=False)  # tokens and suffix

    def __post_init__(self) -> None:
        tokens = self.given + self.surname
        derived = {"tokens": tokens, "single": len(tokens) == 1,
                   "last": self.surname[-1] if self.surname else (self.given[-1] if self.given else ""),
                   "key": tokens + ((self.suffix,) if self.suffix else ())}
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    @property
    def likely_gender(self) -> Optional[str]:
        """Stated by an honorific, else the first-name table's answer when it is sure."""
        if self.gender:
            return self.gender
        first = next((g for g in self.given if len(g) > 1), None)
        return first_name_gender(first) if first else None

    @property
    def display(self) -> str:
        """The name as written without leading titles or honorifics ("Dr Sanjay Gupta" ->
        "Sanjay Gupta") and without a possessive."""
        words = self.text.replace("[", "").replace("]", "").split()  # "[Vladimir] Putin": an editor's brackets
        while len(words) > 1 and is_title_word(words[0]) and (len(words) > 2 or self.titles):
            words.pop(0)
        return re.sub(r"['’]s?$", "", " ".join(words)).strip(" ,") or self.text

    def specificity(self) -> tuple[int, int, int, int]:
        """More full given names, then more tokens, then a suffix, then a nickname: the more
        specific name."""
        full = sum(1 for g in self.given if len(g) > 1)
        return (full, len(self.tokens), 1 if self.suffix else 0, 1 if self.nickname else 0)


def _clean_word(word: str) -> str:
    return _APOSTROPHES.sub("", fold(word)).strip(".")


def _suffix_of(word: str) -> str:
    w = _clean_word(word)
    return {"junior": "jr", "senior": "sr"}.get(w, w)


@lru_cache(maxsize=65536)
def parse(text: str) -> PersonName:
    """Parts of a written name: leading titles and honorifics, given names, surname (with its
    particles), a generation suffix (Jr., Sr., II...), a nickname in quotes; a possessive and
    degrees ("MD") are dropped."""
    nickname = ""
    padded = f" {text} "
    found = _QUOTED_NICKNAME.search(padded)
    if found and padded[:found.start()].strip() and padded[found.end():].strip():
        nickname = " ".join(name_tokens(found.group(1)))
        padded = padded[:found.start()] + " " + padded[found.end():]
    words = [re.sub(r"['’]s?$", "", w) if w[-2:] in ("'s", "’s") or w[-1:] in "'’" else w
             for w in _NAME_WORD.findall(padded)]
    words = [w for w in words if w and not w.isdigit()]
    titles: list[str] = []
    gender = None
    while len(words) > 1 and is_title_word(words[0]):
        w = _clean_word(words.pop(0))
        titles.append(w)
        gender = gender or HONORIFICS.get(w)
    suffix = ""
    while len(words) > 1:
        word = _clean_word(words[-1])
        if word in DEGREE_SUFFIXES:
            words.pop()
        elif not suffix and _suffix_of(words[-1]) in GENERATION_SUFFIXES and (len(words) > 2 or word in ("jr", "sr")):
            suffix = _suffix_of(words.pop())
        else:
            break
    tokens: list[str] = []
    for w in words:
        if re.fullmatch(r"(?:[^\W\d_]\.){2,}", w):  # "J.R.R." -> j r r
            tokens += [c for c in _clean_word(w).replace(".", "")]
        else:
            tokens += [t for t in re.split(r"[-.]", _clean_word(w)) if t]
    if not tokens:
        return PersonName(text, tuple(titles), suffix=suffix, nickname=nickname, gender=gender)
    if len(tokens) == 1:
        return PersonName(text, tuple(titles), (), tuple(tokens), suffix, nickname, gender)
    cut = len(tokens) - 1
    while cut > 1 and tokens[cut - 1] in SURNAME_PARTICLES:
        cut -= 1
    return PersonName(text, tuple(titles), tuple(tokens[:cut]), tuple(tokens[cut:]), suffix, nickname, gender)


# ---- first names: nicknames and gender ----------------------------------------------------------

@lru_cache(maxsize=1)
def _nicknamer():
    try:
        from nicknames import NickNamer
    except ImportError:
        return None
    return NickNamer()


@lru_cache(maxsize=65536)
def _nicknames_of(name: str) -> frozenset[str]:
    namer = _nicknamer()
    if namer is None or len(name) < 2:
        return frozenset()
    return frozenset(fold(n) for n in namer.nicknames_of(name))


def nickname_pair(a: str, b: str) -> bool:
    """One given name is a listed nickname of the other (Fred/Frederick, Katie/Kathryn)."""
    return a != b and (b in _nicknames_of(a) or a in _nicknames_of(b))


@lru_cache(maxsize=1)
def _gender_detector():
    try:
        import gender_guesser.detector as detector
    except ImportError:
        return None
    return detector.Detector(case_sensitive=False)


def load_tables() -> None:
    """Read the first-name table now rather than at the first name (see entities.load_tables)."""
    _gender_detector()


@lru_cache(maxsize=65536)
def first_name_gender(name: str, mostly: bool = False) -> Optional[str]:
    """"m" or "f" when the first-name table is sure (or, with ``mostly``, when it says mostly one
    gender: "Kim"); None for unknown or androgynous ("andy")."""
    detector = _gender_detector()
    if detector is None or len(name) < 2:
        return None
    answer = detector.get_gender(name.capitalize())
    if mostly and answer.startswith("mostly_"):
        answer = answer[len("mostly_"):]
    return {"male": "m", "female": "f"}.get(answer)


# ---- compatibility --------------------------------------------------------------------------------

def _given_match(a: str, b: str) -> Optional[str]:
    if a == b:
        return "same"
    if len(a) == 1 and b.startswith(a) or len(b) == 1 and a.startswith(b):
        return "initial"
    if nickname_pair(a, b):
        return f"nickname {a}/{b}"
    return None


def is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    it = iter(long)
    return all(tok in it for tok in short)


def _givens_match(a: tuple[str, ...], b: tuple[str, ...]) -> Optional[list[str]]:
    """Given names aligned from the first: each pair the same, an initial or a nickname; the
    shorter list may leave middle names out ("George W." is not "George H. W.")."""
    if not a or not b:
        return []
    reasons = []
    for x, y in zip(a, b):
        why = _given_match(x, y)
        if why is None:
            return None
        if why != "same":
            reasons.append(why)
    return reasons


def _single_matches(t: str, other: PersonName) -> Optional[str]:
    if other.single:
        return "same name" if other.tokens[0] == t else None
    if t == other.last or t == "".join(other.surname):
        return "surname"
    if t in other.surname or (len(other.tokens) > 2 and t in other.tokens[1:]):
        return "part of the surname"
    if t == other.nickname:
        return "nickname"
    return None


def compatible(a: PersonName, b: PersonName) -> Optional[str]:
    """Why ``a`` and ``b`` can name one person ("same name", "surname", "initial", "nickname
    fred/frederick", "middle name left out"...), or None when they cannot."""
    if not a.tokens or not b.tokens:
        return None
    why = _written_alike(a, b)
    if why is None:
        return None
    # genders last: the first-name table is a 0.2 s load that most pairs of names never need
    ga, gb = a.likely_gender, b.likely_gender
    if ga and gb and ga != gb:
        return None
    return why


def _written_alike(a: PersonName, b: PersonName) -> Optional[str]:
    """compatible() by the written names alone."""
    if a.single or b.single:
        short, other = (a, b) if a.single else (b, a)
        if short.suffix and short.suffix != other.suffix:
            return None
        return _single_matches(short.tokens[0], other)
    if a.suffix != b.suffix:
        return None
    if a.tokens == b.tokens:
        return "same name"
    short, long_ = sorted((a, b), key=lambda n: (len(n.tokens), n.tokens))
    if _family_names_only(short, long_):
        return "family names without the given name"
    if short.tokens[0] == long_.tokens[0] and is_subsequence(short.tokens, long_.tokens) and \
            _givens_match(short.given, long_.given) is not None:
        return "middle name left out"  # also "Kim Kardashian" / "Kim Kardashian West"
    if short.last != long_.last and "".join(short.surname) != "".join(long_.surname):
        return None
    reasons = _givens_match(short.given, long_.given)
    if reasons is not None:
        return ", ".join(reasons) if reasons else "middle name left out"
    if len(short.given) == 1 and short.given[0] in (long_.nickname, *long_.nickname.split()[:1]) and long_.nickname:
        return "nickname in quotes"  # 'Jerry Ortiz' / 'Luis Gerardo "Jerry" Ortiz'
    # "W. Mark Felt" ~ "Mark Felt"; "Luis Gerardo Jerry Ortiz" ~ "Jerry Ortiz": known by a middle name
    if len(short.given) == 1 and len(short.given[0]) > 1 and short.given[0] in long_.given[1:]:
        return "known by a middle name"
    return None


def _family_names_only(short: PersonName, long_: PersonName) -> bool:
    """"Kardashian West" of "Kim Kardashian West", "Bush Hager" of "Jenna Bush Hager": the
    family names without the given name (whose first word is no known first name)."""
    n = len(short.tokens)
    return 1 < n < len(long_.tokens) and long_.tokens[-n:] == short.tokens and \
        first_name_gender(short.tokens[0]) is None and not nickname_pair(short.tokens[0], long_.tokens[0])


def conflicts(a: PersonName, b: PersonName) -> bool:
    """The two names cannot be one person whatever else is known: stated or first-name genders
    differ, generation suffixes differ, or the same surname with given names that disagree
    (John Smith / Jane Smith)."""
    ga, gb = a.likely_gender, b.likely_gender
    if ga and gb and ga != gb:
        return True
    if not a.single and not b.single and a.suffix != b.suffix:
        return True
    if a.given and b.given and a.last == b.last:
        return compatible(a, b) is None
    return False


def most_specific(names: Iterable[PersonName]) -> PersonName:
    return max(names, key=lambda n: (n.specificity(), n.key))


def fits_person(names: Sequence[PersonName], candidate: PersonName) -> Optional[str]:
    """Why ``candidate`` can be the person already called ``names``: compatible with their most
    specific name and in conflict with none (so "J. Smith" never chains John and Jane Smith)."""
    why = compatible(most_specific(names), candidate)
    if why is None:
        why = next((w for n in names if (w := compatible(n, candidate))), None)
        if why is None:
            return None
    if any(conflicts(n, candidate) for n in names):
        return None
    return why


# ---- one article ----------------------------------------------------------------------------------

@dataclass
class ArticleMention:
    """A person mention of one article, in text order. ``gender``: stated right at the mention
    (an honorific before it); ``paragraph``: its paragraph number."""

    text: str
    start: int
    paragraph: int = 0
    gender: Optional[str] = None
    hint: Optional[str] = None  # gender of the pronoun that follows it in its sentence

    @property
    def name(self) -> PersonName:
        """The parsed name, with the gender an honorific before it states."""
        name = parse(self.text)
        if self.gender and not name.gender:
            name = replace(name, gender=self.gender)
        return name


@dataclass
class ArticlePerson:
    """One person of an article: the indices of its mentions, its names, and its gender with
    the evidence for it."""

    names: list[PersonName] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)
    gender_votes: Counter = field(default_factory=Counter)  # from honorifics at the mentions
    pronoun_votes: Counter = field(default_factory=Counter)  # from he/she about the person

    @property
    def name(self) -> PersonName:
        return max(self.names, key=lambda n: n.specificity())

    def gender(self) -> Optional[str]:
        """Honorifics first ("Mrs. Clinton"); then pronouns when the article clearly and often
        calls the person he or she; then the first-name table when it is sure; then a few
        pronouns (weak evidence: a pronoun near a name is often someone else's); then a first
        name the table calls mostly one gender ("Kim")."""
        m, f = self.pronoun_votes.get("m", 0), self.pronoun_votes.get("f", 0)
        if max(m, f) >= PRONOUNS_OVER_TABLE and min(m, f) * 4 <= max(m, f) and not self.gender_votes:
            return "m" if m > f else "f"  # the article clearly calls this person he (or she)
        first = next((g for n in self.names for g in n.given if len(g) > 1), None)
        return (_majority(self.gender_votes) or (first and first_name_gender(first))
                or _majority(self.pronoun_votes) or (first and first_name_gender(first, mostly=True)) or None)


def _majority(votes: Counter) -> Optional[str]:
    """"m" or "f", whichever has more votes; None on a tie."""
    m, f = votes.get("m", 0), votes.get("f", 0)
    return None if m == f else "m" if m > f else "f"


def adds_a_surname(a: PersonName, b: PersonName) -> bool:
    """In one article, "Kardashian West" beside "Kim Kardashian": two family names, the first of
    them the other name's surname and no known first name (a married or double name)."""
    for short, full in ((a, b), (b, a)):
        if len(short.tokens) == 2 and full.given and not short.suffix and short.tokens[0] == full.last \
                and short.tokens[1] != full.last and first_name_gender(short.tokens[0]) is None:
            return True
    return False


def _fits(person: ArticlePerson, name: PersonName) -> bool:
    g = person.gender()
    if name.gender and g and name.gender != g:
        return False
    if fits_person(person.names, name) is not None:
        return True
    return any(adds_a_surname(n, name) for n in person.names) and \
        not any(conflicts(n, name) for n in person.names)


# Pronoun votes outweigh the first-name table from this many on (and four to one).
PRONOUNS_OVER_TABLE = 3

# A short form refers to the person named just before it when that one alone was named this
# close before it in the same paragraph.
RECENT_CHARS = 250


def _choose(candidates: list[int], people: list[ArticlePerson], at: int,
            mentions: list[ArticleMention], assigned: list[Optional[int]], full_counts: dict[int, int]) -> Optional[int]:
    """Which of several people a short form ("Clinton", "Mrs. Clinton") means, by evidence, in
    this order: the gender an honorific states, the gender of the pronoun that follows it in its
    sentence ("Clinton said her ..."), a suffix ("Trump" is not "Trump Jr." when both are
    named), the one of them named alone just before it in the paragraph, the clearly main one of
    the article (twice the full-name mentions), the only one of them named so far in the
    paragraph. None when the evidence is even."""
    mention = mentions[at]
    name = mention.name
    for gender in (name.gender, mention.hint):
        if gender:
            candidates = [c for c in candidates if people[c].gender() in (None, gender)] or candidates
            known = [c for c in candidates if people[c].gender() == gender]
            if len(known) == 1:
                return known[0]
    if not name.suffix:
        plain = [c for c in candidates if not people[c].name.suffix]
        candidates = plain or candidates
    if len(candidates) == 1:
        return candidates[0]
    before = []  # mentions of the candidates earlier in the paragraph (mentions are in text order)
    j = at - 1
    while j >= 0 and mentions[j].paragraph == mention.paragraph:
        if assigned[j] in candidates:
            before.append(j)
        j -= 1
    near = {assigned[i] for i in before if mention.start - mentions[i].start <= RECENT_CHARS}
    if len(near) == 1:
        return near.pop()
    counts = sorted(((full_counts.get(c, 0), c) for c in candidates), reverse=True)
    if counts[0][0] >= 2 * counts[1][0]:
        return counts[0][1]
    in_paragraph = {assigned[i] for i in before}
    if len(in_paragraph) == 1:
        return in_paragraph.pop()
    return None


def resolve_article(mentions: list[ArticleMention]) -> tuple[list[ArticlePerson], list[Optional[int]]]:
    """The people of one article and, for each mention, the index of its person.

    Full names (two words or more) are grouped first, the most specific first; a name joins the
    one person it is compatible with (with all of that person's names), else starts a person.
    Then each short form (a surname, a first name, "Mr. X") is decided per mention: the one
    compatible person, or among several the one the evidence points to (see ``_choose``).
    Short forms no full name explains are one person per word."""
    people: list[ArticlePerson] = []
    assigned: list[Optional[int]] = [None] * len(mentions)
    full = [i for i, m in enumerate(mentions) if m.name.tokens and not m.name.single]
    by_key: dict[tuple[str, ...], list[int]] = {}
    for i in full:
        by_key.setdefault(mentions[i].name.key, []).append(i)
    order = sorted(by_key, key=lambda k: (tuple(-x for x in mentions[by_key[k][0]].name.specificity()),
                                          -len(by_key[k]), mentions[by_key[k][0]].start))
    for key in order:
        name = mentions[by_key[key][0]].name
        fits = [p for p, person in enumerate(people) if _fits(person, name)]
        if len(fits) == 1:
            target = fits[0]
        else:  # no one, or several ("John Smith" between John A. and John B. Smith): its own person
            people.append(ArticlePerson())
            target = len(people) - 1
        people[target].names.append(name)
        for i in by_key[key]:
            assigned[i] = target
            people[target].mentions.append(i)
            if mentions[i].gender:
                people[target].gender_votes[mentions[i].gender] += 1
    singles: dict[str, int] = {}
    full_counts = {p: len(person.mentions) for p, person in enumerate(people)}
    # the one-word forms each person (named in full) can be called by: surname words, first name
    by_short: dict[str, set[int]] = {}
    by_given: dict[str, set[int]] = {}
    for p, person in enumerate(people):
        for n in person.names:
            for t in {n.last, "".join(n.surname), *n.surname, *(n.tokens[1:] if len(n.tokens) > 2 else ()),
                      n.nickname}:
                by_short.setdefault(t, set()).add(p)
            if n.given:
                by_given.setdefault(n.given[0], set()).add(p)
    for m in mentions:  # "Hillary" also says who the article is about
        name = m.name
        if name.single and name.tokens[0] not in by_short:
            own = by_given.get(name.tokens[0], set())
            if len(own) == 1:
                full_counts[next(iter(own))] += 1
    for i, m in enumerate(mentions):
        name = m.name
        if not name.single:
            continue
        word = name.tokens[0]
        by_surname = [p for p in sorted(by_short.get(word, ())) if _fits(people[p], name)]
        candidates = by_surname or ([] if name.gender else sorted(by_given.get(word, ())))
        target = _choose(candidates, people, i, mentions, assigned, full_counts) if len(candidates) > 1 else \
            (candidates[0] if candidates else None)
        if target is None:
            token = name.tokens[0] + ("|" + name.suffix if name.suffix else "")
            if token not in singles:
                people.append(ArticlePerson())
                singles[token] = len(people) - 1
            target = singles[token]
            if name not in people[target].names:
                people[target].names.append(name)
        assigned[i] = target
        people[target].mentions.append(i)
        if m.gender:
            people[target].gender_votes[m.gender] += 1
    return people, assigned


# ---- the corpus -----------------------------------------------------------------------------------

@dataclass
class CorpusNode:
    """One person of one article, as the corpus merge sees it. ``context``: what else the article
    is about (the keys of its other people and entities), the evidence for or against a merge."""

    article: str
    name: str
    count: int = 1
    gender: Optional[str] = None
    context: frozenset = frozenset()


@dataclass
class Corrections:
    """A user's corrections (``factx-people.json``): names to merge, names to keep apart as a
    person of their own, and display names to use."""

    merge: list[list[str]] = field(default_factory=list)
    split: list[str] = field(default_factory=list)
    rename: dict[str, str] = field(default_factory=dict)


@dataclass
class CorpusPerson:
    name: str
    nodes: list[int]


@dataclass
class MergeResult:
    persons: list[CorpusPerson]
    person_of: list[int]  # node -> person
    evidence: list[str]  # node -> why it belongs to its person


# A one-word name joins a person named in full elsewhere only with this much shared context
# (see _context_score): a bare surname is the weakest evidence there is.
SINGLE_MIN_CONTEXT = 1.0
# Between several compatible people, the context must point to one by this factor.
CLEAR_MARGIN = 2.0
# A bare surname shared by several people means the most written-about one when that one is in
# this many times more articles than the next (and the context does not say otherwise).
PROMINENCE_MARGIN = 4
# Two spellings a letter apart ("Stacy Stites" / "Stacey Stiles") are one person only with at
# least this much shared context: typos are rare, namesakes are not.
SPELLING_MIN_CONTEXT = 2.0


class _Cluster:
    def __init__(self) -> None:
        self.names: dict[tuple[str, ...], PersonName] = {}
        self.nodes: list[int] = []
        self._context: Counter = Counter()
        # the nodes whose context is not counted in yet: most people are never compared by
        # context, so their nodes' contexts are never made (a node may make it on demand)
        self._uncounted: list[CorpusNode] = []
        self.genders: Counter = Counter()
        self.fits: dict[PersonName, tuple[int, Optional[str]]] = {}  # accepts(): (len(names) then, answer)

    def add(self, node: int, name: PersonName, n: CorpusNode) -> None:
        self.nodes.append(node)
        self.names.setdefault(name.key, name)
        self._uncounted.append(n)
        if n.gender:
            self.genders[n.gender] += 1

    @property
    def context(self) -> Counter:
        """The context features of the person's nodes (counted in the order they were added)."""
        if self._uncounted:
            for n in self._uncounted:
                self._context.update(n.context)
            self._uncounted = []
        return self._context

    def gender(self) -> Optional[str]:
        m, f = self.genders.get("m", 0), self.genders.get("f", 0)
        return "m" if m > f else "f" if f > m else None

    def accepts_gender(self, gender: Optional[str]) -> bool:
        mine = self.gender()
        return not (gender and mine and gender != mine)

    def rep(self) -> PersonName:
        return most_specific(self.names.values())

    def accepts(self, name: PersonName, gender: Optional[str]) -> Optional[str]:
        mine = self.gender()
        if gender and mine and gender != mine:
            return None
        # fits_person depends on the names alone, and names are only ever added: the answer
        # for a written name holds until the person has another name (the same name recurs in
        # every article of a person)
        known = self.fits.get(name)
        if known is None or known[0] != len(self.names):
            known = self.fits[name] = (len(self.names), fits_person(list(self.names.values()), name))
        return known[1]


def _context_score(context: frozenset, cluster: _Cluster, df: Mapping[str, int], n_articles: int) -> tuple[float, list[str]]:
    """Shared context, each shared feature weighted by how rare it is in the corpus (a feature in
    every article is no evidence): (score, the shared features, rarest first)."""
    import math

    shared = [f for f in context if f in cluster.context]
    weight = {f: math.log((n_articles + 1) / (df.get(f, 0) + 0.5)) / math.log(n_articles + 1.5) for f in shared}
    shared.sort(key=lambda f: (-weight[f], f))
    return sum(weight.values()), shared


def _one_edit(a: str, b: str) -> bool:
    """At most one letter inserted, deleted, changed or two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def similar_spelling(a: PersonName, b: PersonName) -> bool:
    """Not the same name, but the same surname or one a letter apart, and first names that are
    the same, a letter apart, a nickname or two forms of one name, with no middle names that
    disagree: "Stacy Stites" / "Stacey Stiles", "Alexis" / "Alexandros", "Betty Mae" / "Bettie"."""
    if a.single or b.single or not a.given or not b.given or a.suffix != b.suffix or a.tokens == b.tokens:
        return False
    if min(len(a.last), len(b.last)) < 4 or not _one_edit(a.last, b.last):
        return False
    x, y = a.given[0], b.given[0]  # before the genders: the cheaper test, and most pairs fail it
    if not (_one_edit(x, y) or nickname_pair(x, y) or _same_stem(x, y)):
        return False
    ga, gb = a.likely_gender, b.likely_gender
    if ga and gb and ga != gb:
        return False
    return all(_given_match(m, n) for m, n in zip(a.given[1:], b.given[1:]))


def _same_stem(a: str, b: str) -> bool:
    """Two forms of one given name: "Alexis" / "Alexandros", "Betty" / "Bettie"."""
    return min(len(a), len(b)) >= 4 and a[:4] == b[:4]


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def merge_links(text: str) -> frozenset[str]:
    """The ways ``merge_corpus`` can bring a written name together with another one: two names
    that share no link (directly or through other names) never meet there, so the corpus can be
    merged one group of linked names at a time, and an added name only re-merges its group.

    * ``t:WORD``: the words a person is looked up by and filed under (a full name's words after
      the first and its nickname; a one-word name's word);
    * ``d:FORM``: the surname with one letter left out (spellings a letter apart);
    * ``g:WORD`` of a one-word name and ``G:WORD`` of a full name's first given name: a one-word
      name may be a first name ("Lindsay"), so a ``G:`` link joins only where some one-word name
      has the ``g:`` link of that word (the first names of full names alone merge nothing)."""
    name = parse(text)
    if not name.tokens:
        return frozenset()
    if name.single:
        return frozenset({f"t:{name.tokens[0]}", f"g:{name.tokens[0]}"})
    links = {f"t:{t}" for t in name.tokens[1:]}
    if name.nickname:
        links.add(f"t:{name.nickname}")
    if name.given:
        links.add(f"G:{name.given[0]}")
    if len(name.last) >= 4:
        links.update(f"d:{d}" for d in _deletions(name.last))
    return frozenset(links)


def correction_groups(corrections: Optional[Corrections]) -> list[frozenset[str]]:
    """The name keys each of the user's merges joins (their names meet in ``merge_corpus``
    however they are written)."""
    return [frozenset(name_key(n) for n in group) for group in (corrections.merge if corrections else [])]


def merge_corpus(nodes: Sequence[CorpusNode], corrections: Optional[Corrections] = None,
                 df: Optional[Mapping[str, int]] = None, n_articles: Optional[int] = None) -> MergeResult:
    """People across articles.

    Full names are merged most specific first: a name joins the one person it is compatible with
    (with every name of that person, so "J. Smith" never chains John and Jane Smith); between
    several, the one with clearly more shared context. A one-word name (an article that never
    gives the full name) joins a person only with shared context. Then spellings a letter apart
    merge when their articles share enough context. The user's corrections come last.

    ``df`` (how many articles have each context feature) and ``n_articles`` (articles with
    people) weigh the shared context; they default to those of the articles of ``nodes``, and
    are the whole corpus's when ``nodes`` are one group of linked names (``merge_links``)."""
    parsed = [parse(n.name) for n in nodes]
    if df is None or n_articles is None:
        df, n_articles = context_frequencies(nodes)
    n_articles = max(1, n_articles)
    clusters: list[_Cluster] = []
    person_of = [-1] * len(nodes)
    evidence = [""] * len(nodes)
    buckets: dict[str, set[int]] = {}
    singles: dict[tuple[str, ...], int] = {}  # one-word names no full name explained
    by_key: dict[tuple[str, ...], int] = {}  # full names: the person their first holder joined
    given_buckets: dict[str, set[int]] = {}

    def place(i: int, c: Optional[int], why: str) -> None:
        if c is None:
            clusters.append(_Cluster())
            c = len(clusters) - 1
        clusters[c].add(i, parsed[i], nodes[i])
        person_of[i], evidence[i] = c, why
        name = parsed[i]
        if not name.single:
            by_key.setdefault(name.key, c)
            if name.given:
                given_buckets.setdefault(name.given[0], set()).add(c)
        for token in (name.tokens[1:] if not name.single else name.tokens) + ((name.nickname,) if name.nickname else ()):
            buckets.setdefault(token, set()).add(c)

    order = sorted(range(len(nodes)), key=lambda i: (parsed[i].single, tuple(-x for x in parsed[i].specificity()),
                                                     -nodes[i].count, nodes[i].article, nodes[i].name))
    for i in order:
        name, node = parsed[i], nodes[i]
        if not name.tokens:
            place(i, None, "no name words")
            continue
        same = by_key.get(name.key)
        # the same full name again: an article's gender guess (pronouns near the name) is weaker
        if same is not None and clusters[same].accepts(name, None):
            place(i, same, "same name")
            continue
        pool: set[int] = set()
        for token in (name.tokens[1:] if not name.single else name.tokens):
            pool |= buckets.get(token, set())
        fits = {c: why for c in sorted(pool) if (why := clusters[c].accepts(name, node.gender))}
        if name.single:
            fits = {c: why for c, why in fits.items() if not clusters[c].rep().single}
            if not fits:  # "Lindsay": the first name of one person, with strong context only
                fits = {c: "first name" for c in sorted(given_buckets.get(name.tokens[0], ()))
                        if not clusters[c].rep().single and clusters[c].accepts_gender(node.gender)}
        if not fits:
            own = singles.get(name.key) if name.single else None
            place(i, own, "same name" if own is not None else "first seen under this name")
            if name.single and own is None:
                singles[name.key] = person_of[i]
            continue
        scored = sorted(((*_context_score(node.context, clusters[c], df, n_articles), c) for c in fits),
                        key=lambda x: (-x[0], x[2]))
        best_score, best_shared, best = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else None
        clear = runner_up is None or best_score >= CLEAR_MARGIN * runner_up and best_score > runner_up
        if not clear and name.single:
            # a bare surname means its most written-about bearer, when that one clearly is
            ranked = sorted(fits, key=lambda c: -len(clusters[c].nodes))
            top = ranked[0]
            if len(clusters[top].nodes) >= PROMINENCE_MARGIN * len(clusters[ranked[1]].nodes):
                top_score, top_shared = _context_score(node.context, clusters[top], df, n_articles)
                if top_score >= SINGLE_MIN_CONTEXT:
                    best, best_score, best_shared, clear = top, top_score, top_shared, True
                    fits[best] += " of the most written-about bearer"
        needed = SPELLING_MIN_CONTEXT if fits[best] == "first name" else SINGLE_MIN_CONTEXT
        if name.single and (best_score < needed or not clear):
            own = singles.get(name.key)
            place(i, own, "same name" if own is not None else
                  ("one-word name shared by several people" if not clear else "one-word name, too little context"))
            if own is None:
                singles[name.key] = person_of[i]
            continue
        if runner_up is not None and not clear:
            place(i, None, "compatible with several people, context even")
            continue
        why = fits[best]
        if runner_up is not None or name.single:
            why += "; shared context: " + ", ".join(best_shared[:5])
        place(i, best, why)
    _merge_spellings(clusters, parsed, nodes, person_of, evidence, df, n_articles)
    if corrections:
        _apply_corrections(clusters, parsed, nodes, person_of, evidence, corrections)
    return _result(clusters, parsed, nodes, person_of, evidence, corrections)


def context_frequencies(nodes: Sequence[CorpusNode]) -> tuple[Counter, int]:
    """(articles per context feature, articles) of the articles of ``nodes``."""
    df: Counter = Counter()
    seen_articles: dict[str, frozenset] = {}
    for n in nodes:
        seen_articles.setdefault(n.article, n.context)
    for ctx in seen_articles.values():
        df.update(ctx)
    return df, len(seen_articles)


def _merge_spellings(clusters, parsed, nodes, person_of, evidence, df, n_articles) -> None:
    if sum(1 for cluster in clusters if cluster.nodes) < 2:
        return  # no two people
    by_deletion: dict[str, set[int]] = {}
    for c, cluster in enumerate(clusters):
        for name in cluster.names.values():
            if not name.single and len(name.last) >= 4:
                for d in _deletions(name.last):
                    by_deletion.setdefault(d, set()).add(c)
    done: set[tuple[int, int]] = set()
    for group in by_deletion.values():
        if len(group) < 2 or len(group) > 50:
            continue
        for a in sorted(group):
            for b in sorted(group):
                if a >= b or (a, b) in done or not clusters[a].nodes or not clusters[b].nodes:
                    continue
                done.add((a, b))
                pair = next(((x, y) for x in clusters[a].names.values() for y in clusters[b].names.values()
                             if similar_spelling(x, y)), None)
                if pair is None or any(conflicts(x, y) and not similar_spelling(x, y)
                                       for x in clusters[a].names.values() for y in clusters[b].names.values()):
                    continue
                score, shared = _shared(clusters[a], clusters[b], df, n_articles)
                if score < SPELLING_MIN_CONTEXT:
                    continue
                why = f"similar spelling {pair[0].display} / {pair[1].display}; shared context: {', '.join(shared[:5])}"
                _absorb(clusters, b, a, person_of, evidence, why)


def _shared(a: _Cluster, b: _Cluster, df: Mapping[str, int], n_articles: int) -> tuple[float, list[str]]:
    """Shared context of two people, counting only what the articles of each side have beyond
    their own names."""
    own = {t for cl in (a, b) for n in cl.names.values() for t in n.tokens}
    keys = frozenset(f for f in a.context if not set(f.split()) & own)
    return _context_score(keys, b, df, n_articles)


def _absorb(clusters, src: int, dst: int, person_of, evidence, why: str) -> None:
    for i in clusters[src].nodes:
        person_of[i] = dst
        evidence[i] = why
    clusters[dst].nodes += clusters[src].nodes
    clusters[dst].names.update(clusters[src].names)
    clusters[dst].fits.clear()  # update() may replace a name under the same key
    clusters[dst].context.update(clusters[src].context)
    clusters[dst].genders.update(clusters[src].genders)
    clusters[src].nodes = []


def _apply_corrections(clusters, parsed, nodes, person_of, evidence, corrections: Corrections) -> None:
    for name in corrections.split:
        key = name_key(name)
        moved = [i for i, n in enumerate(nodes) if name_key(n.name) == key]
        if not moved:
            continue
        clusters.append(_Cluster())
        c = len(clusters) - 1
        for i in moved:
            old = clusters[person_of[i]]
            old.nodes = [j for j in old.nodes if j != i]
            clusters[c].add(i, parsed[i], nodes[i])
            person_of[i], evidence[i] = c, "kept apart by factx-people.json"
    for group in corrections.merge:
        keys = {name_key(n) for n in group}
        targets = sorted({person_of[i] for i, n in enumerate(nodes) if name_key(n.name) in keys})
        for src in targets[1:]:
            if src != targets[0] and clusters[src].nodes:
                _absorb(clusters, src, targets[0], person_of, evidence, "merged by factx-people.json")


def _result(clusters, parsed, nodes, person_of, evidence, corrections) -> MergeResult:
    renames = {name_key(k): v for k, v in (corrections.rename.items() if corrections else ())}
    persons: list[CorpusPerson] = []
    index_of: dict[int, int] = {}
    for c, cluster in enumerate(clusters):
        if not cluster.nodes:
            continue
        index_of[c] = len(persons)
        persons.append(CorpusPerson(display_name([parsed[i] for i in cluster.nodes],
                                                 [nodes[i].count for i in cluster.nodes]), sorted(cluster.nodes)))
    for p in persons:
        called = [name_key(p.name)] + [name_key(nodes[i].name) for i in p.nodes]
        new = next((renames[k] for k in called if k in renames), None)
        if new:
            p.name = new
    return MergeResult(persons, [index_of[c] for c in person_of], evidence)


# The fuller of a person's names is shown when used at least this share as much as the most
# used one ("Kim Kardashian West" over "Kim Kardashian"; not a headline's "Crooked X").
DISPLAY_MIN_SHARE = 0.25


def display_name(names: Sequence[PersonName], counts: Sequence[int]) -> str:
    """The name to show for a person: among the full names (given name and surname, without
    titles) used at least DISPLAY_MIN_SHARE as much as the most used one, the one with the most
    whole words (initials do not count), then the most used."""
    weight: Counter = Counter()
    best: dict[str, PersonName] = {}
    for name, count in zip(names, counts):
        shown = name.display
        weight[shown] += count
        best.setdefault(shown, name)
    full = [s for s in weight if not best[s].single and any(len(g) > 1 for g in best[s].given)] or list(weight)
    top = max(weight[s] for s in full)
    used = [s for s in full if weight[s] >= DISPLAY_MIN_SHARE * top]
    words = lambda s: sum(1 for t in best[s].tokens if len(t) > 1)  # noqa: E731
    return max(used, key=lambda s: (words(s), weight[s], best[s].specificity(), len(s), s))
