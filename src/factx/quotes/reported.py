"""Reported speech: attributions whose content is not, or only partly, in quotation marks.

"Comey said he felt obliged to disclose the emails", "The vote will be close, Moreno said",
"according to court filings, the firm paid no taxes", "Pell vowed to veto the bill". Each
pattern is one sieve in ``REPORTED_SIEVES``, tried in order on every token outside quotation
marks; the first that matches makes one ``Report`` recording its name as ``rule``. A sieve
reads the parse through ``grammar`` (the subject of the cue is its source, as for direct
quotes) and its words from ``lexicon``.

``reported_quotes`` turns the reports into quotes of kind "indirect": the content span (quoted
pieces inside it stay direct segments, marked partial, in the same statement), the source
mention named through ``speakers``, and the cue. What the parse cannot support is left out: no
source found (unless the cue is passive: "it was reported that", or "seems"), a first-person
source outside quotation marks (the writer) or "it", content nested in another report's
content, content that is all quotation (a direct quote, found by the direct pass), or quoted
pieces that another speaker said. A pronoun source names a person only when that person's
gender is known to match (reported speech has many more "he said"s than quotations do).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import Callable, Optional

from factx.nlp import lemma, tokens
from factx.lexicon import GENDER_PRONOUNS
from factx.quotes.grammar import _lemma as _cue_lemma
from factx.quotes.grammar import (_according_to, _Context, _direct_subject, _first_np, _mention,
                                  _sentence_end, _speaker_token_ok, _subject, _verb)
from factx.quotes.lexicon import (_VERB_TAGS, ADDRESSEE_CUES, AS_CUES, ATTITUDE_ADJECTIVES,
                                  ATTITUDE_CLAUSE_ADJECTIVES, ATTITUDE_INFINITIVE_ADJECTIVES,
                                  CIRCUMSTANCE_MARKS, CLAIM_NOUNS, CLAUSE_COMPLEMENTS, CLAUSE_CUES,
                                  CLOSING_MARKS, COMPLEMENT_DEPS, CONTENT_MARKS, CONTENT_PREPOSITIONS,
                                  CUE_LEMMAS, DATELINE_DASHES, DATE_ENTS, DOCUMENT_NOUNS, EVIDENTIAL_VERBS,
                                  FINDING_CUES, FINITE_VERB_TAGS, GROUP_QUANTIFIERS, HEARSAY_ADVERBS,
                                  INDEFINITE_ARTICLES, INFINITIVE_CUES, INTENTION_NOUNS, LABEL_GROUP_NOUNS,
                                  LABEL_SETTING_WORDS, LIGHT_VERB_PHRASES, LINKING_VERBS,
                                  MAX_APPOSITION_TOKENS, MAX_CONTENT_TOKENS, MAX_DATELINE_TOKENS,
                                  MAX_LABEL_TOKENS, MAX_NAMED_TOKENS, MAX_OPENING_PHRASE_TOKENS,
                                  MAX_TRAILING_ATTRIBUTION_TOKENS, MEASURE_NOUNS, MIN_CLAUSE_TOKENS,
                                  NAMED_POS, NAME_DEPS, NAMING_CUES, NOT_LABELS, NOT_SOURCES, NOUN_CUE_DEPS,
                                  NOUN_PREPOSITION_CUES, OBJECT_CUES, OBJECT_NOUN_CUES, OBJECT_PHRASAL_CUES,
                                  OPENING_MARKS, OWN_SUBJECT_STANCES, PASSIVE_PREPOSITION_CUES,
                                  PERSPECTIVE_PREPOSITIONS, POLL_ENTS, PREPOSITION_CUES, QUESTION_CUES,
                                  QUESTION_MARKS, REACTION_NOUNS, REACTION_VERBS, REGARD_CUES,
                                  RELATIVE_PRONOUNS, RELATIVE_TAGS, REPUTATION_CUES, SENTENCE_END,
                                  SENTENCE_OPENERS, SETTING_PREPOSITIONS, SOURCE_NOUNS, SPEAKING_ENTS,
                                  STANCE_OBJECT_CUES, STANCE_PHRASES, STATEMENT_NOUNS, SUBORDINATING_MARKS,
                                  THING_RELATIVES, TIME_PREPOSITIONS, TRAILING_CLAUSE_DEPS, VIEW_HOLDERS)
from factx.quotes.sieves import CARRIED_RULES
from factx.quotes.statements import STATEMENT_RULE
from factx.quotes.speakers import _Cast, _name_of, speaker_via
from factx.schema import Quote



@dataclass
class Report:
    """One reported attribution, in tokens: content [i, j), source mention (None when the text
    names no source), cue [cue_i, cue_j)."""

    content: tuple[int, int]
    source: Optional[tuple[int, int]]
    cue_i: int
    cue_j: int
    lemma: str
    rule: str
    more: tuple[tuple[int, int], ...] = ()  # further content spans ("A, he said, B")

    @property
    def extent(self) -> tuple[int, int]:
        return self.content[0], max(j for _, j in (self.content,) + self.more)


_ATTITUDES = frozenset(ATTITUDE_ADJECTIVES) | ATTITUDE_CLAUSE_ADJECTIVES | ATTITUDE_INFINITIVE_ADJECTIVES
# Every word a sieve starts from (but any-verb-that-clause), to skip the other tokens cheaply.
_CUE_WORDS = CLAUSE_CUES | INFINITIVE_CUES | OBJECT_CUES | STANCE_OBJECT_CUES | NAMING_CUES | REGARD_CUES | \
    EVIDENTIAL_VERBS | CLAIM_NOUNS | INTENTION_NOUNS | frozenset(NOUN_PREPOSITION_CUES) | \
    frozenset(PREPOSITION_CUES) | _ATTITUDES | frozenset(LIGHT_VERB_PHRASES) | frozenset(OBJECT_PHRASAL_CUES) | \
    frozenset(REPUTATION_CUES) | frozenset(PASSIVE_PREPOSITION_CUES) | frozenset(OBJECT_NOUN_CUES) | \
    REACTION_VERBS | {"according"}


def _lemma(tok) -> str:
    return _cue_lemma(tok, _CUE_WORDS)


# ---- reading the parse ----------------------------------------------------------------------

def _clause_cue(tok) -> bool:
    """A verb that reports a clause: said, argued, believes, found ..."""
    return _verb(tok) and _lemma(tok) in CLAUSE_CUES


def _to_infinitive(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _passive(cue) -> bool:
    """A cue whose speaker the sentence leaves out: "it was reported that", "is expected to",
    or a participle opening the sentence ("Asked about the plan, ...")."""
    if _direct_subject(cue) == "passive" or _be_participle(cue):
        return True
    return cue.tag_ == "VBN" and cue.dep_ in ("advcl", "acl", "ROOT") and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "agent", "aux", "auxpass") for c in cue.children)


def _speaking_subject(tok) -> bool:
    """A subject that can say things: a person, organisation or group by name, or he/she/they."""
    return tok.ent_type_ in SPEAKING_ENTS or tok.pos_ == "PROPN" or \
        tok.lower_ in ("he", "she", "they")


def _source_ok(ctx: _Context, tok, cue) -> bool:
    """A speaker as for direct quotes, or a share of people ("72 percent of voters said", "most
    say")."""
    if _speaker_token_ok(ctx, tok, cue):
        return True
    if tok.lower_ in GROUP_QUANTIFIERS and tok.dep_ == "nsubj" and not ctx.quoted[tok.i]:
        return ctx.para_of(tok) == ctx.para_of(cue)  # "Many in the crowd said"
    return tok.ent_type_ in POLL_ENTS and tok.pos_ in ("NOUN", "NUM") and not ctx.quoted[tok.i] \
        and ctx.para_of(tok) == ctx.para_of(cue)


def _source(ctx: _Context, cue) -> Optional[tuple[int, int]]:
    """Token span of the cue's source mention, or None."""
    subj = _subject(cue, ctx.quoted, nearest=True)
    if subj is not None and not isinstance(subj, str) and ctx.para_of(subj) < ctx.para_of(cue):
        # a headline with no full stop parsed into the first sentence ("Storm warning for the
        # coast / Mayor Ann Lee said ..."): the noun phrase opening the cue's paragraph
        a = ctx.tok_at(ctx.paras[ctx.para_of(cue)][0])
        subj = _first_np(ctx, a, cue.i) if a < cue.i else None
        if subj is not None and subj.right_edge.i >= cue.i:
            subj = None
    if subj is not None and not isinstance(subj, str):
        subj = _after_dateline_subject(ctx, subj, cue)
    if subj is None and _direct_subject(cue) is None:
        subj = _name_set_off_before(ctx, cue)
    if subj is None or isinstance(subj, str):
        return None
    return _source_from(ctx, subj, cue)


def _source_from(ctx: _Context, subj, cue) -> Optional[tuple[int, int]]:
    """Token span of the source mention whose head is ``subj``, or None if it names no source."""
    adjective, subj = subj, _noun_of_adjective_pair(subj)
    if not _source_ok(ctx, subj, cue):
        return None
    span = _without_dateline(ctx, _mention(ctx, subj), cue)
    if span is not None and adjective.i != subj.i and adjective.i < span[0]:
        span = (adjective.i, span[1])  # "Current and former nurses"
    if subj.lower_ in GROUP_QUANTIFIERS and subj.right_edge.i < cue.i:
        span = (subj.left_edge.i, subj.right_edge.i + 1)  # "Many in the crowd"
    if span is not None and span[1] - span[0] == 1 and ctx.doc[span[0]].lower_ in NOT_SOURCES and \
            not _it_reports(subj, cue):
        return None  # "you", "this", "it" as a mere subject ("it is hard to say") name no one
    return span


def _it_reports(subj, cue) -> bool:
    """"The agency issued an audit. It found A": "it" as the cue's own subject stands for a body
    or a document; kept as the source mention, unresolved (``speaker`` null), as for direct
    quotes. Not "it" as the subject of another verb ("it is hard to say whether A")."""
    return subj.lower_ == "it" and subj.dep_ == "nsubj" and subj.head.i == cue.i


def _noun_of_adjective_pair(subj):
    """"Current and former nurses said": the parser takes the first adjective for the
    subject and the noun for its conjunct; the noun heads the mention."""
    if subj.pos_ != "ADJ":
        return subj
    return next((c for c in subj.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")), subj)


def _without_dateline(ctx: _Context, span: Optional[tuple[int, int]], cue) -> Optional[tuple[int, int]]:
    """"DUBLIN - Ann Lee said": the parser may join the dateline's place to the name after it."""
    if span is None:
        return None
    end = _after_dateline(ctx.doc, ctx.tok_at(ctx.paras[ctx.para_of(cue)][0]), cue.i)
    return (end, span[1]) if span[0] < end < span[1] else span


def _name_set_off_before(ctx: _Context, cue):
    """"As part of the deal, Ann Lee, 44, said ...": the parser may hang the name on the opening
    phrase as an apposition and leave the cue with no subject. A person's name opening a clause
    (after the sentence start or a comma), then only an apposition set off by commas (an age,
    a title: no verb), then the cue: the name is the subject. None otherwise ("a lawyer for Ann
    Lee, 44, said" is not Lee's word)."""
    doc, k = ctx.doc, cue.i - 1
    if k < 1 or doc[k].text != ",":
        return None
    sent_start = cue.sent.start
    for i in range(k - 1, max(sent_start, k - MAX_APPOSITION_TOKENS) - 1, -1):
        tok = doc[i]
        if ctx.quoted[i] or tok.pos_ in ("VERB", "AUX"):
            return None
        if tok.ent_type_ != "PERSON" or tok.ent_iob_ != "B":
            continue
        end = i
        while end + 1 < k and doc[end + 1].ent_iob_ == "I":
            end += 1
        before = doc[i - 1] if i > sent_start else None
        if (before is None or before.text == ",") and doc[end + 1].text == "," and \
                doc[end].dep_ not in ("nsubj", "nsubjpass"):
            return doc[end]
        return None
    return None


def _after_dateline_subject(ctx: _Context, subj, cue):
    """"WASHINGTON (AP) — Senator Lee said": the parser may take the dateline's place for the
    subject; the subject is the cue's after the dateline."""
    a = ctx.tok_at(ctx.paras[ctx.para_of(cue)][0])
    end = _after_dateline(ctx.doc, a, cue.i)
    if not a <= subj.i < end:
        return subj
    # the verb the dateline hangs on has its subject after it ("SALEM - Rallying workers, Lee tried ...")
    after = next((c for v in (cue, subj.head) for c in v.children if c.dep_ == "nsubj" and end <= c.i < cue.i),
                 None)
    return after if after is not None else (_first_np(ctx, end, cue.i) if end < cue.i else None)


def _a_date_phrase(tok) -> bool:
    """"on Monday", "last week": a phrase that only dates what was said."""
    words = [t for t in tok.subtree if not (t.i == tok.i and t.pos_ == "ADP")]
    return tok.dep_ in ("prep", "npadvmod") and bool(words) and _all_dates(words)


def _all_dates(words) -> bool:
    """Every word is part of a date or a time (the tagger's DATE or TIME)."""
    return all(t.ent_type_ in DATE_ENTS for t in words)


def _before_trailing_attribution(ctx: _Context, i: int, j: int) -> int:
    """", the report found" closing a clause is an attribution of its own: the content ends
    before its comma."""
    doc = ctx.doc
    for k in range(j - 1, max(i, j - MAX_TRAILING_ATTRIBUTION_TOKENS), -1):
        if doc[k].text != ",":
            continue
        rest = [t for t in doc[k + 1:j] if not t.is_punct and not t.is_space]
        if any(_clause_cue(t) for t in rest) and \
                any(t.dep_ == "nsubj" or t.pos_ in ("PROPN", "PRON") for t in rest):
            return k
        break
    return j


def _before_next_cue(ctx: _Context, i: int, j: int) -> int:
    """"He said A and said that B", "A, while others said B", "A, and 4 in 10 said B": a second
    report the parse hangs inside the first ends the first's content."""
    doc = ctx.doc
    for k in range(i + 1, j):
        t = doc[k]
        if not (_clause_cue(t) and t.dep_ in ("conj", "advcl")):
            continue
        if not any(c.dep_ in ("ccomp", "nsubj") for c in t.children):
            continue
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SUBORDINATING_MARKS for c in t.children):
            continue  # "... if he would have told her": part of the first report
        if t.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
            continue  # "says A and that she doubts B": a second "that" clause of the same report
        m = min(t.left_edge.i, k)
        while m > i and (doc[m - 1].dep_ in ("cc", "mark") or doc[m - 1].is_punct or doc[m - 1].is_space):
            m -= 1
        if m > i:
            return m
    return j


def _before_trailing_relative(ctx: _Context, i: int, j: int) -> int:
    """"..., who has been battered by ..." closing the content describes the last noun in the
    writer's words: the content ends before its comma."""
    doc = ctx.doc
    for k in range(i + 1, j - 1):
        nxt = doc[k + 1]
        if doc[k].text == "," and nxt.lower_ in ("who", "which") and nxt.head.dep_ == "relcl" and \
                nxt.head.right_edge.i + 1 >= j:
            return k
    return j


def _before_trailing_apposition(ctx: _Context, i: int, j: int) -> int:
    """"endorsed Mrs. Lee, a sign of her support among party leaders": an apposition closing
    the content is the writer's comment on it: the content ends before its comma."""
    doc = ctx.doc
    for k in range(i + 1, j - 1):
        if doc[k].text != "," or ctx.quoted[k]:
            continue
        nxt = doc[k + 1]
        head = nxt.head if nxt.dep_ == "det" else nxt
        if head.dep_ == "appos" and head.left_edge.i == k + 1 and head.right_edge.i + 1 >= j and \
                not _list_taken_for_apposition(head):
            return k
        if _comment_taken_for_object(head, k, j):
            return k
    return j


def _comment_taken_for_object(head, comma: int, j: int) -> bool:
    """"would pay more in taxes, an admission that rivals seized on": an indefinite noun phrase
    after a comma closing a clause whose verb already has its complement comments on the whole
    clause; the parser takes it for a second object."""
    det = head.doc[comma + 1]
    verb = head.head
    return det.dep_ == "det" and det.lower_ in INDEFINITE_ARTICLES and det.head.i == head.i and \
        head.dep_ in ("dobj", "npadvmod") and head.left_edge.i == comma + 1 and head.right_edge.i + 1 >= j and \
        verb.i < comma and any(c.dep_ in CLAUSE_COMPLEMENTS and c.i < comma for c in verb.children)


def _after_leading_date(ctx: _Context, head, i: int, j: int) -> int:
    """"said on Monday she was unlikely to ...": a date opening the content before the clause's
    subject tells when it was said; the parser hangs it inside the clause. Set off by a comma
    ("said in 2016, the city ...") or quoted, it opens the words said."""
    doc = ctx.doc
    prep = doc[i]
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if prep.pos_ != "ADP" or prep.head.i != head.i or subj is None or prep.right_edge.i >= subj.left_edge.i:
        return i
    end = prep.right_edge.i + 1
    if end >= j or doc[end].is_punct or any(ctx.quoted[k] for k in range(i, end)) or \
            not _all_dates(doc[prep.i + 1:end]):
        return i
    return end


def _list_taken_for_apposition(head) -> bool:
    """"differ on taxes, the border and the courts": the parser reads the second item of a list
    as an apposition of the first. An apposition describing someone is indefinite ("Ann Lee, a
    banker and former mayor"); list items are names or definite."""
    return any(c.dep_ == "conj" for c in head.children) and \
        not any(c.dep_ == "det" and c.lower_ in INDEFINITE_ARTICLES for c in head.children)


def _in_paragraph(ctx: _Context, tok, i: int, j: int) -> tuple[int, int]:
    """Tokens [i, j) narrowed to those of ``tok``'s paragraph, after its dateline if any."""
    doc = ctx.doc
    a, b = ctx.paras[ctx.para_of(tok)]
    while i < j and doc[i].idx < a:
        i += 1
    while j > i and doc[j - 1].idx >= b:
        j -= 1
    if i < j and (i == 0 or doc[i - 1].idx < a):
        i = _after_dateline(doc, i, j)
    return i, j


def _after_dateline(doc, i: int, j: int) -> int:
    """The first token after a dateline opening a paragraph ("WASHINGTON (AP) —", "ST. LOUIS
    --", "SALEM, Ore. - "): place names in capitals, a state or date after a comma, an agency
    in brackets, then a dash (a hyphen only with spaces around it). No one said those."""
    first = next((k for k in range(i, j) if not doc[k].is_space), i)
    if first >= j or not doc[first].is_upper:
        return i
    for k in range(i, min(j, i + MAX_DATELINE_TOKENS)):
        t = doc[k]
        if t.text in DATELINE_DASHES or _spaced_hyphen(t) and k > i:
            return k + 1 if k > i else i
        after_comma_or_bracket = doc[k - 1].text in ("(", ",")
        if not (t.is_upper or t.is_punct or t.is_space or t.is_digit or
                after_comma_or_bracket and t.text[:1].isupper()):
            return i
    return i


def _spaced_hyphen(tok) -> bool:
    """" - " as a dash; "U.S.-Mexico" and "anti-war" keep theirs."""
    return tok.text == "-" and bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


def _content(ctx: _Context, head, cue, min_tokens: int = MIN_CLAUSE_TOKENS,
             tail: tuple[str, ...] = (), until: Optional[int] = None,
             since: Optional[int] = None,
             tail_prepositions: Optional[frozenset] = CONTENT_PREPOSITIONS) -> Optional[tuple[int, int]]:
    """Token span of the content headed by ``head`` (its subtree from ``since`` on, and the
    following siblings whose dependency ``tail`` names, as "as ..." or, for "prep", those of
    ``tail_prepositions``: None for any), inside the cue's sentence and paragraph, without a
    leading "that", surrounding punctuation, or a trailing attribution of its own."""
    doc = ctx.doc
    i, j = head.left_edge.i if since is None else since, max(head.right_edge.i + 1, until or 0)
    for sib in head.head.children:  # "described the protests | as peaceful", "criticized Clinton | for ..."
        if sib.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in sib.children) or \
                sib.dep_ == "prep" and sib.lower_ in TIME_PREPOSITIONS or _a_date_phrase(sib):
            continue  # "defended it | when the council came under attack", "| before the vote", "| on
            # Monday": the writer's
        if sib.dep_ in tail and sib.i >= j and \
                (sib.dep_ != "prep" or tail_prepositions is None or sib.lower_ in tail_prepositions) and \
                all(t.is_space for t in doc[j:sib.left_edge.i]):
            j = sib.right_edge.i + 1
    if i <= cue.i < j:
        return None
    sent = cue.sent
    i, j = _in_paragraph(ctx, cue, max(i, sent.start), min(j, sent.end))
    j = _before_next_cue(ctx, i, _before_trailing_attribution(ctx, i, j))
    j = _before_trailing_relative(ctx, i, j)
    j = _before_trailing_apposition(ctx, i, j)
    i = _after_leading_date(ctx, head, i, j)
    while i < j and (doc[i].is_space or doc[i].is_punct and doc[i].text not in OPENING_MARKS or
                     doc[i].lower_ in CONTENT_MARKS and doc[i].dep_ == "mark"):
        i += 1
    while j > i and (doc[j - 1].is_space or doc[j - 1].is_punct and doc[j - 1].text not in CLOSING_MARKS):
        j -= 1
    if not min_tokens <= j - i <= MAX_CONTENT_TOKENS:
        return None
    return i, j


def _report(ctx: _Context, cue, head, rule: str, *, sourced: bool = True, stance: bool = False,
            subject=None, **content) -> Optional[Report]:
    """The report of ``cue`` with the content headed by ``head``, or None. ``stance``: a cue that
    need not be speech (endorsed, called for, vowed to): a relative "that"/"which" standing for a
    thing is no source of it. ``subject``: the source's head when the caller knows it better than
    the cue's own subject ("she was worried that A", read as a passive)."""
    span = _content(ctx, head, cue, **content)
    if span is None:
        return None
    source = (_source(ctx, cue) if subject is None else _source_from(ctx, subject, cue)) if sourced else None
    if sourced and (source is None or span[0] <= source[0] < span[1]):
        return None
    if stance and source is not None and _thing_relative(ctx.doc, source):
        return None
    return Report(span, source, cue.i, cue.i + 1, _lemma(cue), rule)


def _thing_relative(doc, source: tuple[int, int]) -> bool:
    """The source is "that" or "which" standing for a thing, not a named speaker: "a group that
    encourages people to move", "a pact which would bind the region closer" describe the thing;
    "Vantex, which declined to comment" keeps its source."""
    i, j = source
    tok = doc[i]
    if j - i != 1 or tok.lower_ not in THING_RELATIVES:
        return False
    antecedent = tok.head.head if tok.head.dep_ == "relcl" else None
    return antecedent is None or not (antecedent.ent_type_ in SPEAKING_ENTS or antecedent.pos_ == "PROPN")


def _clause_of(ctx: _Context, cue, after: bool):
    """The clause the cue reports, after it ("said A") or before it ("A, he said"). The parse may
    hang two clauses on one cue ("30% say A; 26% say B" across a semicolon): each sieve takes
    the one on its side, the nearest. A clause hung on the cue from another paragraph (a
    sentence run across a paragraph break) is no complement of it."""
    # the clause may start inside quotation marks (a mixed report): _own_words decides later.
    para = ctx.para_of(cue)
    clauses = [c for c in cue.children
               if c.dep_ == "ccomp" and ctx.para_of(c) == para and (c.i > cue.i) == after and
               not _circumstance(c)]
    clause = (clauses[0] if after else clauses[-1]) if clauses else None
    if clause is None and after and _lemma(cue) in QUESTION_CUES:
        # "asked workers if they planned to vote": the parser may take the question for a condition
        clause = next((c for c in cue.children if c.dep_ == "advcl" and c.i > cue.i and ctx.para_of(c) == para
                       and any(m.dep_ == "mark" and m.lower_ in QUESTION_MARKS for m in c.children)), None)
    if clause is None and after and _lemma(cue) in CUE_LEMMAS:
        # "said seeing so many officers was a welcome sight": the parser takes the gerund
        # subject for the cue's complement and hangs the clause on it
        clause = next((c for c in cue.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > cue.i
                       and any(g.dep_ == "ccomp" for g in c.children)), None)
        if clause is None:
            clause = _that_clause_under_preposition(ctx, cue)
    return clause


def _circumstance(clause) -> bool:
    """"said Ross | as the crowd cheered", "he said | while the fighters trained": a clause opened
    by a mark of time, reason or concession is when or why it was said, whatever the parser
    labels it."""
    first = clause.left_edge
    return first.dep_ == "mark" and first.head.i == clause.i and first.lower_ in CIRCUMSTANCE_MARKS


def _that_clause_under_preposition(ctx: _Context, cue):
    """"said in a statement that A": the parser may take the "that" clause for a clause of the
    noun in between. A "that" marking the clause (a complementizer, not a relative pronoun
    standing in it as subject or object) says it is what was said."""
    para = ctx.para_of(cue)
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.i < cue.i:
            continue
        # "said in the first of a series of letters that A": deeper than the preposition's object
        # only in a phrase that names a statement
        words = list(prep.subtree)
        deep = any(lemma(t).lower() in STATEMENT_NOUNS for t in words)
        for c in words:
            if c.dep_ in ("acl", "relcl") and c.i > c.head.i and ctx.para_of(c) == para and _marked_that(c) and \
                    (deep or c.head.head.i == prep.i):
                return c
    return None


def _infinitive_of(ctx: _Context, cue):
    return next((c for c in cue.children if c.dep_ in ("xcomp", "ccomp") and c.i > cue.i and
                 _to_infinitive(c)), None)


# ---- the sieves ------------------------------------------------------------------------------

def according_to(ctx: _Context, tok) -> Optional[Report]:
    """According to X, CLAUSE. / CLAUSE, according to X."""
    at = _according_to(ctx.doc, tok.i)
    if at is None:
        return None
    doc, sent = ctx.doc, tok.sent
    src_tok = doc[at]
    # the object of "according to" is a source by its place ("the polling average", which the
    # tagger may call an adjective), unless it is a number or a date
    if ctx.quoted[src_tok.i] or not (_source_ok(ctx, src_tok, tok) or _according_object(ctx, src_tok, tok)):
        return None
    source = _mention(ctx, src_tok)
    if source is None:
        return None
    k = source[1]  # the phrase runs to the next comma or the sentence end
    while k < sent.end and doc[k].text not in (",", ";", ":") and not _sentence_end(doc[k]):
        k += 1
    opening = _opens_sentence(tok)
    i, j = (k, sent.end) if opening else (sent.start, tok.i)
    content = _trimmed(ctx, *_in_paragraph(ctx, tok, i, j))
    if content is None or content[1] - content[0] < MIN_CLAUSE_TOKENS:
        return None
    return Report(content, source, tok.i, tok.i + 2, "according", "according-to")


def _opens_sentence(tok) -> bool:
    """Only punctuation or an opener ("But,") comes before tok in its sentence, or since a colon
    or semicolon in it ("It went unnoticed: according to polls, A")."""
    doc, start = tok.doc, tok.sent.start
    for k in range(tok.i - 1, start - 1, -1):
        if doc[k].text in (":", ";"):
            start = k + 1
            break
    return all(t.is_punct or t.is_space or t.lower_ in SENTENCE_OPENERS for t in doc[start:tok.i])


def in_source(ctx: _Context, tok) -> Optional[Report]:
    """In a new poll, CLAUSE. / CLAUSE in the latest poll.: the poll, survey or average is the
    source of the clause, when no cue of the sentence attributes it."""
    if tok.lower_ != "in" or tok.dep_ != "prep" or tok.head.pos_ not in ("VERB", "AUX"):
        return None
    doc, sent, verb = ctx.doc, tok.sent, tok.head
    src_tok = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if src_tok is None or lemma(src_tok).lower() not in MEASURE_NOUNS or ctx.quoted[src_tok.i]:
        return None
    if _clause_cue(verb) or _lemma(verb) in OBJECT_CUES or \
            any(_clause_cue(t) and not ctx.quoted[t.i] for t in doc[sent.start:sent.end]):
        return None  # "In a poll, 60 percent said ...": the cue's report carries it
    if not _opens_sentence(tok):
        return _trailing_measure(ctx, tok, src_tok)
    found = _opening_phrase_report(ctx, tok, src_tok, "in-source")
    if found is None:
        return None
    source = (min(found.source[0], tok.i + 1), found.source[1])  # "a CBS News poll released Monday"
    return Report(found.content, source, tok.i, tok.i + 1, "in", "in-source")


def _trailing_measure(ctx: _Context, tok, src_tok) -> Optional[Report]:
    """"Lee holds a narrow lead in the latest poll": the clause before the phrase, measured by the
    poll, when the phrase hangs on the sentence's main verb and the clause starts the sentence."""
    verb = tok.head
    if verb.dep_ != "ROOT" or tok.i < verb.i:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    if subj is None or ctx.quoted[subj.i]:
        return None
    content = _trimmed(ctx, *_in_paragraph(ctx, tok, max(subj.left_edge.i, tok.sent.start), tok.i))
    source = _mention(ctx, src_tok)
    if content is None or source is None or content[1] - content[0] < MIN_CLAUSE_TOKENS:
        return None
    return Report(content, source, tok.i, tok.i + 1, "in", "in-source")


def _opening_phrase_report(ctx: _Context, tok, src_tok, rule: str) -> Optional[Report]:
    """The sentence after an opening "In a poll, ..." / "To many voters, ..." phrase, reported by
    the phrase's object, which runs to the phrase's comma ("a poll released Monday")."""
    end = _end_of_opening_phrase(tok)
    if end is None:
        return None
    source = _mention(ctx, src_tok)
    content = _trimmed(ctx, *_in_paragraph(ctx, tok, end + 1, tok.sent.end))
    if source is None or content is None or content[1] - content[0] < MIN_CLAUSE_TOKENS:
        return None
    source = (source[0], max(source[1], end))
    while ctx.doc[source[1] - 1].is_punct:
        source = (source[0], source[1] - 1)
    return Report(content, source, tok.i, tok.i + 1, tok.lower_, rule)


def perspective(ctx: _Context, tok) -> Optional[Report]:
    """To many voters, A. / To his critics, A.: an opening phrase naming people (or a party or
    group) makes the sentence their view, when no cue of the sentence attributes it."""
    if tok.lower_ not in PERSPECTIVE_PREPOSITIONS or tok.dep_ != "prep" or not _opens_sentence(tok):
        return None
    holder = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if holder is None or ctx.quoted[holder.i] or not _holds_views(holder):
        return None
    sent = tok.sent
    if any(_clause_cue(t) and not ctx.quoted[t.i] for t in ctx.doc[sent.start:sent.end]):
        return None  # "For voters, she said, A": the cue's report carries it
    return _opening_phrase_report(ctx, tok, holder, "perspective")


def _holds_views(tok) -> bool:
    """People, a group or a party, not a time or a thing ("To that end", "To this day")."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.lower_ in ("him", "her", "them"):
        return True
    return tok.pos_ in ("NOUN", "PRON") and lemma(tok).lower() in VIEW_HOLDERS


def _end_of_opening_phrase(tok) -> Optional[int]:
    """The comma that closes an opening "In a poll (released Monday | last month)," phrase:
    what comes between the phrase and the comma may describe the poll, not say anything; so
    may a participle set off by commas ("In the poll, conducted in May, ...")."""
    doc, sent, limit = tok.doc, tok.sent, tok.i + MAX_OPENING_PHRASE_TOKENS
    k = _comma_within(doc, tok.right_edge.i + 1, sent.end, limit)
    if k is None or k + 1 >= sent.end or doc[k + 1].tag_ != "VBN":
        return k
    after = _comma_within(doc, k + 1, sent.end, limit)
    return after if after is not None else k


def _comma_within(doc, i: int, end: int, limit: int) -> Optional[int]:
    """The next comma from i on, before ``end`` and ``limit`` and before any finite verb."""
    for k in range(i, min(end, limit + 1)):
        if doc[k].text == ",":
            return k
        if doc[k].tag_ in FINITE_VERB_TAGS:
            return None
    return None


def _according_object(ctx: _Context, src_tok, tok) -> bool:
    return src_tok.dep_ == "pobj" and src_tok.head.i == tok.i + 1 and src_tok.pos_ in ("ADJ", "NOUN", "PROPN") \
        and not src_tok.ent_type_ and ctx.para_of(src_tok) == ctx.para_of(tok)


def passive_clause(ctx: _Context, tok) -> Optional[Report]:
    """It was reported that CLAUSE / X is expected to ...: kept with no source."""
    if not _verb(tok) or _lemma(tok) not in CLAUSE_CUES | INFINITIVE_CUES or not _passive(tok) or \
            tok.lower_ in _ATTITUDES:
        return None  # "she was convinced that A" is her attitude (attitude-adjective)
    head = _clause_of(ctx, tok, after=True)
    if head is not None:
        return _report(ctx, tok, head, "passive-clause", sourced=False)
    head = _infinitive_of(ctx, tok)
    if head is None:
        return None
    report = _report(ctx, tok, head, "passive-clause", sourced=False)
    subject = _raised_subject(ctx, tok)
    if report is None or subject is None:
        return report
    return replace(report, content=subject, more=(report.content,))


def _raised_subject(ctx: _Context, cue) -> Optional[tuple[int, int]]:
    """"The council is expected to approve the plan": what is expected is that the council will
    approve it, so the subject is the first piece of the content. "It", a relative pronoun or
    the writer name no one."""
    subj = next((c for c in cue.children if c.dep_ == "nsubjpass" and c.i < cue.i and not ctx.quoted[c.i]), None)
    if subj is None or subj.lower_ in NOT_SOURCES or subj.lower_ in RELATIVE_PRONOUNS or subj.tag_ in RELATIVE_TAGS:
        return None
    return _phrase(ctx, cue, subj)


def verb_clause(ctx: _Context, tok) -> Optional[Report]:
    """X said/told Y/argued/believes (that) CLAUSE; X asked whether CLAUSE."""
    if not _clause_cue(tok):
        return None
    head = _clause_of(ctx, tok, after=True)
    if head is None:
        return None
    # "a budget that critics say will raise taxes": the clause's subject is the relative pronoun
    # before the cue; the content is the rest of the clause
    since = tok.i + 1 if _relative_subject_before(head, tok) else _subject_taken_for_object(tok, head)
    # "told reporters that A and that B", "said A, but that B": the parse may hang each clause on
    # the cue
    last = max((c.right_edge.i + 1 for c in tok.children if c.i > head.i and (
        c.dep_ in TRAILING_CLAUSE_DEPS or c.dep_ == "conj" and any(m.dep_ == "mark" for m in c.children))),
        default=None)
    return _report(ctx, tok, head, "verb-clause", until=last, since=since)


def _subject_taken_for_object(cue, head) -> Optional[int]:
    """"said Bernie Lee | isn't the only candidate": a clause with no subject right after a noun
    phrase the parser took for the cue's object; the phrase is the clause's subject, where the
    content starts. Not a date ("said Monday"), nor whom a cue addresses ("told reporters")."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in head.children) or \
            _lemma(cue) in ADDRESSEE_CUES:
        return None
    phrase = next((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < head.i and
                   c.right_edge.i + 1 == head.left_edge.i), None)
    if phrase is None or _all_dates(phrase.subtree):
        return None
    first = phrase.left_edge
    # "said that trade | is one factor": a subject has no "that" before it, a clause does
    return first.i + 1 if first.lower_ == "that" and first.dep_ == "det" else first.i


def _relative_subject_before(head, cue) -> bool:
    """All of ``head``'s words before the cue are the relative pronoun that is its subject, in a
    relative clause ("that critics say | will raise taxes") or a free one ("what analysts said |
    was a sign of ...")."""
    before = [c for c in head.children if c.i < cue.i]
    if len(before) != 1 or before[0].dep_ not in ("nsubj", "nsubjpass") or before[0].left_edge.i != before[0].i:
        return False
    return cue.dep_ == "relcl" and before[0].tag_ in RELATIVE_TAGS or before[0].lower_ == "what"


def clause_then_cue(ctx: _Context, tok) -> Optional[Report]:
    """CLAUSE, X said."""
    if not _clause_cue(tok):
        return None
    head = _clause_of(ctx, tok, after=False)
    if head is None or _own_report_set_inside(head, tok):
        return None
    report = _report(ctx, tok, head, "clause-then-cue")
    if report is None:
        return None
    report = _until_quote_closes_clause(ctx, report)
    return report if _single_clause(ctx, report, head) else None


def _single_clause(ctx: _Context, report: Report, head=None) -> bool:
    """The content before a cue is one reported clause: no break (":" or ";") and no report of
    its own (a relative clause describes a noun of it: "users who continued to post, experts
    said"; a cue word with a plain object reports nothing: "with the region adding 15,000
    jobs")."""
    return not any(
        t.text in (":", ";") and not ctx.quoted[t.i] or
        (head is None or t.i != head.i) and _clause_cue(t) and not ctx.quoted[t.i] and
        t.dep_ not in ("relcl", "acl") and any(c.dep_ == "nsubj" for c in t.children) and not _plain_object(t)
        for t in ctx.doc[report.content[0]:report.content[1]])


def _own_report_set_inside(head, cue) -> bool:
    """"Tom Lee said A that, Lee noted, B": the parser hung the report on the later cue of the
    same speaker, set inside it; "Lee said A, the paper reported" is a report of a report."""
    subj, own = _direct_subject(cue), _direct_subject(head)
    return _clause_cue(head) and any(c.dep_ == "ccomp" and c.i > head.i for c in head.children) and \
        subj is not None and own is not None and not isinstance(subj, str) and not isinstance(own, str) and \
        subj.lower_ == own.lower_


def _plain_object(verb) -> bool:
    return any(c.dep_ == "dobj" for c in verb.children) and not any(c.dep_ == "ccomp" for c in verb.children)


def sentence_final_cue(ctx: _Context, tok) -> Optional[Report]:
    """A, X said. : a cue closing its sentence after a comma and its subject, with nothing it
    reports after it, reports the clause before the comma, however the parser hung that on the
    cue ("A, police said" with A's verb taken for a clause of time or reason of "said")."""
    if not _clause_cue(tok) or tok.dep_ in ("relcl", "acl"):
        return None
    # the nearest subject: the parser may take a noun of A for a second one
    subj = max((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), key=lambda c: c.i, default=None)
    if subj is None or subj.tag_ in RELATIVE_TAGS or \
            any(t.dep_ not in ("advmod", "aux", "neg") for t in ctx.doc[subj.right_edge.i + 1:tok.i]):
        return None
    comma = subj.left_edge.i - 1
    if comma <= tok.sent.start or ctx.doc[comma].text != "," or not _closes_sentence(tok) or \
            any(c.dep_ == "mark" and c.i > comma for c in tok.children):
        return None  # ", as she said.": a clause of its own
    source = _source_from(ctx, subj, tok)
    if source is None or source[0] <= comma:
        return None
    report = _report_around(ctx, tok, comma, tok.sent.end, source, _lemma(tok), "sentence-final-cue")
    if report is None or report.more or not _single_clause(ctx, report) or not _has_clause(ctx, report):
        return None
    return report


def _closes_sentence(cue) -> bool:
    """Nothing but when or where it was said ("on Tuesday", "in an interview") follows the cue
    before the full stop."""
    doc = cue.doc
    after = cue.i + 1
    for c in cue.children:
        if c.i > cue.i and (c.dep_ in ("npadvmod", "advmod") or c.dep_ == "prep" and c.lower_ in SETTING_PREPOSITIONS):
            after = max(after, c.right_edge.i + 1)
    return after < len(doc) and doc[after].text in SENTENCE_END


def _has_clause(ctx: _Context, report: Report) -> bool:
    """The content has a main clause: a verb with its subject, neither introduced by a mark nor
    describing a noun ("In a speech last spring,", "When she took office,", "An economist who
    studies trade," only tell when, where or who)."""
    i, j = report.content
    return any(t.dep_ in ("nsubj", "nsubjpass", "expl") and i <= t.head.i < j and
               t.head.dep_ not in ("relcl", "acl") and not any(_subordinating(c) for c in t.head.children)
               for t in ctx.doc[i:j])


def _subordinating(tok) -> bool:
    """A word that makes its verb's clause a subordinate one: a mark ("if", "because") or an
    opening "when"/"where" (which the parser tags as an adverb)."""
    return tok.dep_ == "mark" or tok.dep_ == "advmod" and tok.tag_ == "WRB" and tok.i < tok.head.i


def _until_quote_closes_clause(ctx: _Context, report: Report) -> Report:
    """“A,” CBS host Lee said: a comma then a closing mark ends the clause when only words of
    the speaker's phrase follow it, whatever the parser hung on them (it took "CBS" for an
    apposition of the quote's last word)."""
    doc = ctx.doc
    i, j = report.content
    if report.source is None or j > report.source[0]:
        return report
    for k in range(i + 1, j - 1):
        if doc[k].text in CLOSING_MARKS and doc[k - 1].text == "," and not ctx.quoted[k + 1]:
            tail = doc[k + 1:j]
            if any(t.pos_ in ("VERB", "AUX") or t.text == "," for t in tail):
                return report  # “A,” just as Clinton did in 2008, she said: the clause runs on
            return replace(report, content=(i, k + 1))
    return report


def parenthetical_cue(ctx: _Context, tok) -> Optional[Report]:
    """A, X said, B. / A, X said. : a cue set off by commas inside the clause it reports (the
    parser hangs it on the clause's verb as parataxis). The content is the clause around it."""
    if not _verb(tok) or _lemma(tok) not in CUE_LEMMAS or tok.dep_ not in ("parataxis", "conj"):
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "dobj") and _comma_before(c, tok) is None and not _addressee(c, tok)
           for c in tok.children):
        return None  # "A, she said, on condition of anonymity to discuss it": still set inside
    doc, sent = ctx.doc, tok.sent
    inverted = _inverted_parenthetical(ctx, tok)
    if inverted is not None or tok.dep_ == "conj":
        return inverted  # "A, but B, said the chief executive": the parser may join the cue to B
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1  # its commas included
    hi = _before_words_hung_after_comma(tok, hi)
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is not None and subj.left_edge.i > lo and doc[subj.left_edge.i - 1].text == ",":
        lo = subj.left_edge.i  # "Last spring, aides said, A": the opening phrase is part of A
    if lo <= sent.start or "," not in (doc[lo].text, doc[lo - 1].text) or ctx.quoted[tok.head.i]:
        return None
    source = _source(ctx, tok)
    if source is None or not lo <= source[0] < hi:
        return None
    return _report_around(ctx, tok, lo, hi, source, _lemma(tok), "parenthetical-cue")


def _before_words_hung_after_comma(cue, hi: int) -> int:
    """"A, advisers say, to take B": the parser hangs the rest of the words said on the cue; the
    cue's phrase ends at its comma. A phrase of circumstance ("on condition of anonymity to
    speak freely") stays the cue's."""
    doc = cue.doc
    for c in cue.children:
        comma = _comma_before(c, cue) if c.dep_ in ("ccomp", "xcomp", "dobj") else None
        if comma is not None and comma + 1 < len(doc) and doc[comma + 1].pos_ != "ADP":
            return min(hi, comma + 1)
    return hi


def _addressee(dependent, cue) -> bool:
    """Whom the cue addresses: "A, she told them, B", "A, he told reporters"."""
    return dependent.dep_ == "dobj" and _lemma(cue) in ADDRESSEE_CUES and dependent.left_edge.i == dependent.i and \
        (dependent.pos_ in ("PRON", "PROPN") or dependent.ent_type_ in SPEAKING_ENTS or dependent.tag_ == "NNS")


def _comma_before(dependent, cue) -> Optional[int]:
    """The first comma between the cue and a dependent after it, or None."""
    if dependent.i < cue.i:
        return None
    return next((t.i for t in cue.doc[cue.i + 1:dependent.left_edge.i] if t.text == ","), None)


def _inverted_parenthetical(ctx: _Context, tok) -> Optional[Report]:
    """A, said X, B: the cue before its subject, between commas. The parser takes the start of
    A for a second subject of the cue; the source is the subject after it."""
    doc = ctx.doc
    after = next((c for c in tok.children if c.dep_ == "nsubj" and c.i > tok.i), None)
    if after is None or tok.i == tok.sent.start or doc[tok.i - 1].text != "," or \
            not _source_ok(ctx, after, tok):
        return None
    hi = after.right_edge.i + 1
    if hi >= len(doc) or doc[hi].text != "," and not (hi == tok.sent.end - 1 and doc[hi].text in SENTENCE_END):
        return None  # "A, said X, B" or "A, said X."
    source = _mention(ctx, after)
    if source is None:
        return None
    return _report_around(ctx, tok, tok.i - 1, hi + 1, source, _lemma(tok), "parenthetical-cue")


def _report_around(ctx: _Context, tok, lo: int, hi: int, source, cue_lemma: str, rule: str,
                   start: int = 0, end: Optional[int] = None) -> Optional[Report]:
    """A report whose content is the words of the sentence (from ``start`` to ``end``) on each
    side of the cue's own phrase [lo, hi): one piece or two."""
    sent = tok.sent
    end = sent.end if end is None else min(end, sent.end)
    pieces = [p for p in (_trimmed(ctx, *_in_paragraph(ctx, tok, max(start, sent.start), lo)),
                          _trimmed(ctx, *_in_paragraph(ctx, tok, hi, end))) if p is not None]
    if sum(j - i for i, j in pieces) < MIN_CLAUSE_TOKENS:
        return None
    return Report(pieces[0], source, tok.i, tok.i + 1, cue_lemma, rule, tuple(pieces[1:]))


def as_cue(ctx: _Context, tok) -> Optional[Report]:
    """As X reported, A. / As reported by X, A. / A, as X noted. : the clause the "as" phrase
    hangs on is what X reported, the phrase itself left out."""
    if not _verb(tok) or _lemma(tok) not in AS_CUES or tok.dep_ != "advcl" or ctx.quoted[tok.i]:
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < tok.i for c in tok.children) or \
            any(c.dep_ in ("ccomp", "xcomp", "dobj", "nsubjpass") for c in tok.children):
        return None  # "as he said he would", "as she said goodbye": not a source of the clause
    doc, sent = ctx.doc, tok.sent
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    if not (lo > sent.start and doc[lo - 1].text == "," or hi < sent.end and doc[hi].text == ","):
        return None  # set off by a comma from the clause it attributes
    source = _source(ctx, tok)  # "As reported by X": the passive's agent
    if source is None or not lo <= source[0] < hi:
        return None
    return _report_around(ctx, tok, lo, hi, source, _lemma(tok), "as-cue")


def _phrase(ctx: _Context, cue, head) -> Optional[tuple[int, int]]:
    """Token span of the phrase ``head`` heads, inside the cue's sentence and paragraph, trimmed."""
    return _trimmed(ctx, *_in_paragraph(ctx, cue, max(head.left_edge.i, cue.sent.start), head.right_edge.i + 1))


def _trimmed(ctx: _Context, i: int, j: int) -> Optional[tuple[int, int]]:
    """[i, j) without surrounding spaces and punctuation (quotation marks kept), or None."""
    doc = ctx.doc
    while i < j and (doc[i].is_space or doc[i].is_punct and doc[i].text not in OPENING_MARKS):
        i += 1
    while j > i and (doc[j - 1].is_space or doc[j - 1].is_punct and doc[j - 1].text not in CLOSING_MARKS):
        j -= 1
    return (i, j) if j > i else None


def any_verb_that_clause(ctx: _Context, tok) -> Optional[Report]:
    """X <any verb> that CLAUSE, for a subject that can speak ("Sanders made clear that ...")."""
    if not _verb(tok) or lemma(tok).lower() in LINKING_VERBS:
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i and
                   any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if subj is None or clause is None or not _speaking_subject(subj):
        return None
    return _report(ctx, tok, clause, "any-verb-that-clause")


def verb_infinitive(ctx: _Context, tok) -> Optional[Report]:
    """X vowed to ... / urged Y to ... (the content is "Y to ...") / declined to ..."""
    if not _verb(tok) or _lemma(tok) not in INFINITIVE_CUES or _be_participle(tok) or _bare_past_participle(tok):
        return None
    head = _infinitive_of(ctx, tok)
    if head is None:
        return None
    # "urged voters to stay home": who is urged is part of what was urged
    obj = next((c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i < head.i and not ctx.quoted[c.i]), None)
    report = _report(ctx, tok, head, "verb-infinitive", min_tokens=2,
                     since=obj.left_edge.i if obj is not None else None, stance=True)
    if report is None:
        return None
    i, j = report.content
    cut = _trimmed(ctx, i, min(j, _infinitive_end(ctx, head)))
    return replace(report, content=cut) if cut is not None and cut[1] - cut[0] >= 2 else report


def _bare_past_participle(tok) -> bool:
    """"with Lee and his wife expected to visit": a past participle hung in a clause, with no
    auxiliary and no agent, is passive in meaning, whatever subject the parser gives it; who
    expects is not said. (A main verb so tagged is more often the tagger's mistake for a past
    tense: "Lee called to restart the talks".)"""
    return tok.tag_ == "VBN" and tok.dep_ != "ROOT" and \
        not any(c.dep_ in ("aux", "auxpass", "agent") for c in tok.children)


def _be_participle(tok) -> bool:
    """"She is expected to A" however the parser labels it: a past participle after a form of
    "be", with no agent ("was warned by X"), is passive, its subject not the one who expects
    (passive-clause's)."""
    if any(c.dep_ == "agent" for c in tok.children):
        return False
    return tok.tag_ == "VBN" and (any(c.dep_ in ("aux", "auxpass") and lemma(c).lower() == "be" for c in tok.children)
                                  or tok.dep_ in ("acomp", "xcomp") and lemma(tok.head).lower() == "be")


def verb_gerund(ctx: _Context, tok) -> Optional[Report]:
    """X reported raising $9 million / denied taking the money / recalled meeting her: a gerund
    right after the cue is what was said."""
    if not _verb(tok) or _lemma(tok) not in CUE_LEMMAS | OBJECT_CUES:
        return None
    ger = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG" and
                c.left_edge.i == tok.i + 1 and not any(g.dep_ in ("nsubj", "aux") for g in c.children)), None)
    if ger is None:
        return None
    return _report(ctx, tok, ger, "verb-gerund", stance=True)


def _infinitive_end(ctx: _Context, head) -> int:
    """Where an infinitive content ends before the writer's words the parser hung on it: a
    subordinate clause of reason or time ("declined to comment | because of ...", "refused to
    speak | as she left") or a finite verb coordinated with it, whose subject is the source's
    ("vowed to keep it | and celebrated the ruling")."""
    end = head.right_edge.i + 1
    for c in head.children:
        if c.i < head.i or ctx.quoted[c.i]:
            continue
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CIRCUMSTANCE_MARKS for m in c.children) \
                or c.dep_ == "conj" and c.tag_ in FINITE_VERB_TAGS:
            start = c.left_edge.i
            if c.dep_ == "conj":
                start = min([start] + [g.i for g in head.children if g.dep_ == "cc" and head.i < g.i < c.i])
            end = min(end, start)
    return end


def _marked_that(clause) -> bool:
    """The clause is opened by the complementizer "that" (not a relative pronoun in it)."""
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def _that_clause(tok):
    return next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i and _marked_that(c)), None)


def noun_clause(ctx: _Context, tok) -> Optional[Report]:
    """X's claim that CLAUSE; X's answer was that CLAUSE."""
    if tok.pos_ != "NOUN" or lemma(tok).lower() not in CLAIM_NOUNS:
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    clause = _that_clause(tok)
    if clause is None and tok.dep_ == "nsubj" and lemma(tok.head).lower() == "be":
        clause = _that_clause(tok.head)  # the parse hangs the clause on the copula
    if owner is None or clause is None or not _source_ok(ctx, owner, tok):
        return None
    span, source = _content(ctx, clause, tok), _mention(ctx, owner)
    if span is None or source is None:
        return None
    return Report(span, source, tok.i, tok.i + 1, lemma(tok).lower(), "noun-clause")


def _owner(ctx: _Context, tok):
    """The possessor of a noun cue ("Trump's plan", "her decision") when it can say things."""
    if tok.dep_ not in NOUN_CUE_DEPS:
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    return owner if owner is not None and _source_ok(ctx, owner, tok) else None


def _noun_report(ctx: _Context, tok, owner, head, rule: str, min_tokens: int) -> Optional[Report]:
    span, source = _content(ctx, head, tok, min_tokens=min_tokens), _mention(ctx, owner)
    if span is None or source is None:
        return None
    return Report(span, source, tok.i, tok.i + 1, lemma(tok).lower(), rule)


def noun_infinitive(ctx: _Context, tok) -> Optional[Report]:
    """X's plan / decision / refusal to ...: the infinitive is what the owner intends."""
    if tok.pos_ != "NOUN" or lemma(tok).lower() not in INTENTION_NOUNS:
        return None
    owner = _owner(ctx, tok)
    head = next((c for c in tok.children if c.dep_ == "acl" and c.i > tok.i and _to_infinitive(c)), None)
    if owner is None or head is None:
        return None
    return _noun_report(ctx, tok, owner, head, "noun-infinitive", min_tokens=2)


def noun_preposition(ctx: _Context, tok) -> Optional[Report]:
    """X's support for / criticism of / attacks on OBJECT: the object is what X stands for or
    against. Without an owner ("support for the bill grew") nobody is quoted."""
    preps = NOUN_PREPOSITION_CUES.get(lemma(tok).lower()) if tok.pos_ == "NOUN" else None
    owner = _owner(ctx, tok) if preps else None
    if owner is None:
        return None
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i), None)
    obj = prep is not None and next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")
                                     and not ctx.quoted[g.i]), None)
    if not obj:
        return None
    return _noun_report(ctx, tok, owner, obj, "noun-preposition", min_tokens=1)


def say_object(ctx: _Context, tok) -> Optional[Report]:
    """X said no (to A) / say the same of B / said so: what "say" takes as object is what was
    said (a pronoun other than "so" is left out: "said it" tells nothing)."""
    if not _verb(tok) or _lemma(tok) != "say":
        return None
    obj = next((c for c in tok.children if c.i > tok.i and not ctx.quoted[c.i] and (
        c.dep_ == "dobj" or c.dep_ == "intj" and c.lower_ in ("yes", "no") or
        c.dep_ == "advmod" and c.lower_ == "so" and c.i == tok.i + 1 or
        c.dep_ == "nsubj" and c.lower_ == "same")), None)  # "said so", "said the same" (misparsed)
    if obj is None or obj.pos_ == "PRON" and obj.lower_ not in ("so", "same", "nothing", "little"):
        return None
    if obj.lower_ in ("so", "same") and _direct_subject(tok) is None:
        return None  # "after half said so": the parser lost who said so; not the subject above
    about = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ in ("about", "of", "on")), None) \
        if obj.lower_ in ("nothing", "little", "much") else None
    topic = next((g for g in about.children if g.dep_ in ("pobj", "pcomp")), None) if about is not None else None
    if topic is not None:
        return _report(ctx, tok, topic, "say-object", min_tokens=1)  # "said little about A": A
    return _report(ctx, tok, obj, "say-object", min_tokens=1, tail=("prep",))


def light_verb(ctx: _Context, tok) -> Optional[Report]:
    """X made the case that A / took aim at A / raised concerns about A / made (it) clear that A:
    a verb and its object noun (``LIGHT_VERB_PHRASES``) that together report or take a stance;
    the content is the clause or the preposition's object, hung on the noun or on the verb."""
    if not _verb(tok):
        return None
    phrases = LIGHT_VERB_PHRASES.get(_lemma(tok))
    if not phrases:
        return None
    for noun in tok.children:
        if noun.i < tok.i or ctx.quoted[noun.i] or noun.dep_ not in ("dobj", "ccomp", "oprd", "acomp", "attr"):
            continue
        takes = phrases.get(lemma(noun).lower())
        if takes is None:
            continue
        if "that" in takes:
            # "made it clear to voters that A": the parser may hang the clause on the noun in between
            clause = next((c for c in (*noun.subtree, *tok.children) if c.i > noun.i and not ctx.quoted[c.i] and
                           (c.dep_ in ("ccomp", "acl", "relcl") and _marked_that(c) or
                            c.dep_ == "ccomp" and c.head.i == noun.i and noun.pos_ == "ADJ")), None)
            if clause is not None:
                return _report(ctx, tok, clause, "light-verb", stance=True)
        for c in (*noun.children, *tok.children):
            if c.i <= noun.i or ctx.quoted[c.i]:
                continue
            if c.dep_ == "prep" and c.lower_ in takes:
                obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    return _report(ctx, tok, obj, "light-verb", min_tokens=1, stance=True)
    return None


# What goes with the object of a communication verb: "described the dinner | as a party",
# "criticized Clinton | on two fronts", "defended it | despite criticism", "mentioned CNN | five
# times", any preposition)
OBJECT_TAIL = ("prep", "oprd", "npadvmod", "advmod", "advcl")


def verb_object(ctx: _Context, tok) -> Optional[Report]:
    """X announced/criticized/described OBJECT (as ...); OBJECT was criticized by X."""
    if not _verb(tok) or _lemma(tok) not in OBJECT_CUES | STANCE_OBJECT_CUES and not _phrasal_object_cue(tok) \
            and not _document_finding(tok) and not _said_noun_object(tok):
        return None
    if _lemma(tok) in STANCE_OBJECT_CUES and not _stance_taken(tok):
        return None
    if _lemma(tok) in OWN_SUBJECT_STANCES and _own_subject(tok) is None:
        return None
    # the object's head may be quoted when the object has words of the writer's too ("criticized
    # the “blame game” on display"): a mixed report whose quoted piece joins it
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i and
                (not ctx.quoted[c.i] or _partly_quoted(ctx, c))), None)
    if obj is None:
        return _passive_object(ctx, tok)
    # "gave the mayor a warm endorsement": whom it was given to is part of it
    dative = next((c for c in tok.children if c.dep_ == "dative" and tok.i < c.i < obj.i), None) \
        if _said_noun_object(tok) else None
    return _report(ctx, tok, obj, "verb-object", min_tokens=1, tail=OBJECT_TAIL, tail_prepositions=None,
                   stance=True, since=dative.left_edge.i if dative is not None else None)


def _said_noun_object(tok) -> bool:
    """"gave a vague answer", "told the story of A", "made a pledge to A": a verb whose object
    noun (``OBJECT_NOUN_CUES``) makes it a report."""
    nouns = OBJECT_NOUN_CUES.get(_lemma(tok))
    return bool(nouns) and any(c.dep_ == "dobj" and c.i > tok.i and c.lower_ in nouns for c in tok.children)


def _own_subject(tok):
    """The cue's own subject (or passive agent) token; None when it has none or is a passive
    without an agent."""
    subj = _direct_subject(tok)
    return None if isinstance(subj, str) else subj


def _document_finding(tok) -> bool:
    """"The survey found A", "a study finds A": a finding verb (``FINDING_CUES``) whose own subject
    is a poll, study or report."""
    if _lemma(tok) not in FINDING_CUES:
        return False
    subj = _own_subject(tok)
    return subj is not None and lemma(subj).lower() in DOCUMENT_NOUNS


def _phrasal_object_cue(tok) -> bool:
    """"laid out a plan", "put forward proposals": the verb with its particle (``OBJECT_PHRASAL_CUES``)."""
    particles = OBJECT_PHRASAL_CUES.get(lemma(tok).lower())
    return bool(particles) and any(c.dep_ == "prt" and c.lower_ in particles for c in tok.children)


def _stance_taken(cue) -> bool:
    """A stance cue reports a stance someone takes in the telling, not one in a relative clause
    that describes people ("voters who support Lee")."""
    return cue.dep_ not in ("relcl", "acl")


def _partly_quoted(ctx: _Context, obj) -> bool:
    """Some word of the object's phrase lies outside quotation marks."""
    return any(not ctx.quoted[t.i] and t.is_alpha for t in ctx.doc[obj.left_edge.i:obj.right_edge.i + 1])


def _passive_object(ctx: _Context, tok) -> Optional[Report]:
    """A was criticized / endorsed / reported by X: the passive's subject is the object, its
    agent the source. Without an agent ("A was criticized") nobody is named; a relative or "it"
    subject names nothing."""
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i and not ctx.quoted[c.i]), None)
    agent = next((c for c in tok.children if c.dep_ == "agent" and c.i > tok.i), None)
    if subj is None or agent is None or subj.lower_ in RELATIVE_PRONOUNS or subj.lower_ in NOT_SOURCES:
        return None
    who = next((g for g in agent.children if g.dep_ == "pobj"), None)
    return _subject_by(ctx, tok, subj, who, "verb-object")


def _subject_by(ctx: _Context, cue, subj, who, rule: str) -> Optional[Report]:
    """A report whose content is the cue's subject and whose source is ``who`` ("A was criticized
    by X", "A drew criticism from X"), or None when ``who`` names no source."""
    if who is None or not _source_ok(ctx, who, cue):
        return None
    source = _mention(ctx, who)
    span = _phrase(ctx, cue, subj)
    if source is None or span is None:
        return None
    return Report(span, source, cue.i, cue.i + 1, _lemma(cue), rule)


def colon_label(ctx: _Context, tok) -> Optional[Report]:
    """JAKE TAPPER: words ... / Poll: Voters abandon ...: a name opening a paragraph, then a
    colon, then the rest of the paragraph (transcripts and "Source: claim" headlines)."""
    if tok.text != ":":
        return None
    doc = ctx.doc
    a, b = ctx.paras[ctx.para_of(tok)]
    first = ctx.tok_at(a)
    while first < tok.i and doc[first].is_space:
        first += 1
    label = _label_before_setting(doc[first:tok.i])
    if not 0 < len(label) <= MAX_LABEL_TOKENS or label.text.lower() in NOT_LABELS:
        return None
    if not _label_words(label):
        return None
    if not any(t.ent_type_ in SPEAKING_ENTS for t in label) and lemma(label[-1]).lower() not in SOURCE_NOUNS \
            and label[-1].lower_ not in LABEL_GROUP_NOUNS and not ctx.names_person(label.text):
        return None  # "Breaking:", "Update:" and section heads name no one; a surname the
        # tagger missed in a headline is one of the article's people
    if not any(t.is_alpha for t in label) or any(ctx.quoted[t.i] for t in label):
        return None
    content = _trimmed(ctx, tok.i + 1, ctx.tok_before(b))
    if content is None or content[1] - content[0] < MIN_CLAUSE_TOKENS or \
            not (any(_verb(t) for t in doc[content[0]:content[1]]) or _headline_claim(ctx, tok, content)):
        return None
    if _whole_quote_inside(ctx, *content):
        return None  # "Name: “A.” B.": the quotations are attributed by the direct pass
    # a short quoted fragment inside ("Lee: Plan ‘Dead on Arrival’ in Senate") makes it mixed
    return Report(content, (label.start, label.end), tok.i, tok.i + 1, ":", "colon-label")


def _label_before_setting(label):
    """"Lee to donors" / "Lee at rally": the label up to the word naming to whom or where it was
    said (the first word stays: "At issue:" is no label)."""
    for t in label[1:]:
        if t.text in LABEL_SETTING_WORDS and t.pos_ == "ADP":
            return label[:t.i - label.start]
    return label


def _label_words(label) -> bool:
    """A label is a name, capitalized ("ADA MORENO", "Poll"), its first word capitalized and the
    rest capitalized or common nouns after it ("Lee camp", "Audit office report")."""
    words = [t for t in label if t.is_alpha]
    return bool(words) and _capitalized(words[0]) and \
        all(_capitalized(t) or t.pos_ == "NOUN" for t in words[1:])


def _capitalized(tok) -> bool:
    return tok.is_title or tok.is_upper or tok.pos_ == "PROPN"


def _headline_claim(ctx: _Context, colon, content: tuple[int, int]) -> bool:
    """"Lee: No new taxes this year": a headline drops its verbs (and the tagger misreads a
    capitalized one as a noun), so a label in the article's first paragraph needs none; a
    question there ("Lee: hero or villain?") asks about the label, it reports nothing of it."""
    return ctx.para_of(colon) == 0 and not any(t.text == "?" for t in ctx.doc[content[0]:content[1] + 1])


def _chars(doc, i: int, j: int) -> tuple[int, int]:
    """Character offsets of tokens [i, j)."""
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


def _whole_quote_inside(ctx: _Context, i: int, j: int) -> bool:
    """A quotation that is no short fragment lies in tokens [i, j)."""
    a, b = _chars(ctx.doc, i, j)
    return any(not s.partial and s.open_at < b and a < s.close_end for s in ctx.segs)


def seems(ctx: _Context, tok) -> Optional[Report]:
    """X seems/appears (to be) Y: how something looks, in the writer's voice: the content is X and
    Y, with no source. "It seems (that) A": the content is A."""
    if _lemma(tok) not in EVIDENTIAL_VERBS:
        return None
    verb = tok.head if tok.dep_ == "aux" else tok  # "he seemed rattled": the parse makes it an aux
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb is tok and subj is not None and subj.lower_ == "it":
        return _it_seems(ctx, tok)
    if verb is tok:
        rest = [c for c in tok.children if c.i > tok.i and (c.dep_ in ("xcomp", "acomp", "attr", "oprd") or
                                                             c.dep_ == "prep" and c.lower_ == "like")]
        if not rest:
            return None  # "appeared on television": no evidential
        if any(c.dep_ == "xcomp" and _verb(c) and _lemma(c) in _CUE_WORDS and _reports(ctx, c) for c in rest):
            return None  # "she appeared to suggest that A": the cue's own report, hers
        lo, hi = min(c.left_edge.i for c in rest), max(c.right_edge.i for c in rest) + 1
    else:
        lo, hi = tok.i + 1, verb.right_edge.i + 1
    if subj is None or ctx.quoted[subj.i] or subj.lower_ in NOT_SOURCES or subj.i > tok.i:
        return None
    sent = tok.sent
    first = _trimmed(ctx, max(subj.left_edge.i, sent.start), subj.right_edge.i + 1)
    second = _trimmed(ctx, lo, min(hi, sent.end))
    if first is None or second is None:
        return None
    return Report(first, None, tok.i, tok.i + 1, _lemma(tok), "seems", (second,))


def _reports(ctx: _Context, cue) -> bool:
    """Some sieve makes a report of ``cue``."""
    return any(sieve(ctx, cue) is not None for _, sieve in REPORTED_SIEVES)


def _it_seems(ctx: _Context, tok) -> Optional[Report]:
    """It seems / appears (likely) (that) CLAUSE: the clause is the writer's view, no source."""
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
    if clause is None:
        return None
    return _report(ctx, tok, clause, "seems", sourced=False)


def hearsay_adverb(ctx: _Context, tok) -> Optional[Report]:
    """X reportedly / allegedly did A: the clause around the adverb is a claim with no named
    source. A clause joined to it with a subject of its own ("..., but they left") is not."""
    if tok.lower_ not in HEARSAY_ADVERBS or tok.dep_ != "advmod" or not _verb(tok.head):
        return None
    verb = tok.head
    start, end = verb.left_edge.i, verb.right_edge.i + 1
    for c in verb.children:
        if c.i > tok.i and c.dep_ == "conj" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            end = min(end, c.left_edge.i)
    while end > start and (ctx.doc[end - 1].dep_ == "cc" or ctx.doc[end - 1].is_punct):
        end -= 1
    return _report_around(ctx, tok, tok.i, tok.i + 1, None, tok.lower_, "hearsay-adverb", start, end)


def naming_verb(ctx: _Context, tok) -> Optional[Report]:
    """X called Y a liar / labeled Y a hoax / branded Y a traitor: the naming is the content."""
    if not _verb(tok) or _lemma(tok) not in NAMING_CUES:
        return None
    objects = [c for c in tok.children if c.i > tok.i and c.dep_ in ("dobj", "dative", "oprd", "xcomp", "acomp")]
    if len(objects) == 1:
        objects += _quoted_name_taken_for_apposition(ctx, objects[0]) or _name_taken_for_apposition(objects[0])
    if len(objects) < 2 or ctx.quoted[objects[0].i]:
        return _quoted_name_after(ctx, tok)  # "called a press conference": one object is no naming
    # the name itself may be quoted ("called it “a hoax”"): a mixed report
    return _report(ctx, tok, objects[0], "naming-verb", min_tokens=2, until=objects[-1].right_edge.i + 1)


def _quoted_name_after(ctx: _Context, cue) -> Optional[Report]:
    """"Lee called Park “the conscience of the council”" / "Ruiz called that “absurd”" where the
    parser lost the second object in the quoted words: a short noun phrase right after the cue,
    then a quotation that closes the sentence, is the naming."""
    doc, sent = ctx.doc, cue.sent
    k = cue.i + 1
    while k < sent.end and k - cue.i <= MAX_NAMED_TOKENS and not ctx.quoted[k] and doc[k].text not in OPENING_MARKS:
        if doc[k].pos_ not in NAMED_POS or doc[k].is_punct:
            return None
        k += 1
    if k == cue.i + 1 or k >= sent.end or doc[k].text not in OPENING_MARKS or not ctx.quoted[min(k + 1, len(doc) - 1)]:
        return None
    end = k + 1
    while end < sent.end and (ctx.quoted[end] or doc[end].text in CLOSING_MARKS):
        end += 1
    if any(not (t.is_punct or t.is_space) for t in doc[end:sent.end]):
        return None  # the quotation does not close the sentence: no telling what it names
    span = _trimmed(ctx, *_in_paragraph(ctx, cue, cue.i + 1, end))
    source = _source(ctx, cue)
    if span is None or source is None:
        return None
    return Report(span, source, cue.i, cue.i + 1, _lemma(cue), "naming-verb")


def _quoted_name_taken_for_apposition(ctx: _Context, obj) -> list:
    """"called the firefighters “the pride of the town”": the parser may hang the quoted name on the object
    as an apposition. Right after the object and opened by a quotation mark, it is the name; an
    apposition set off by a comma ("called his lawyer, “a pro,”") stays one."""
    doc = ctx.doc
    for c in obj.children:
        mark = c.left_edge.i - 1
        if c.dep_ == "appos" and c.i > obj.i and ctx.quoted[c.i] and mark > obj.i and \
                doc[mark].text in OPENING_MARKS and doc[mark - 1].text != ",":
            return [c]
    return []


def _name_taken_for_apposition(obj) -> list:
    """"called her son her hero": a noun phrase right after the object, with no comma between,
    is the name the parser took for an apposition ("called Ann Lee, the mayor," stays one)."""
    doc = obj.doc
    return [c for c in obj.children
            if c.dep_ == "appos" and c.pos_ != "PRON" and c.left_edge.i > obj.i and
            not doc[c.left_edge.i - 1].is_punct][:1]  # "calling the donors himself" names nothing


def relative_naming(ctx: _Context, tok) -> Optional[Report]:
    """..., which X called a disgrace / the group X dubbed "the old guard": the object of the
    naming went ahead of the verb as a relative pronoun, so the name after the verb is the
    content; one quoted word is enough ("what she called “reckless”")."""
    if not _verb(tok) or _lemma(tok) not in NAMING_CUES:
        return None
    if not any(c.dep_ == "dobj" and c.i < tok.i and c.tag_ in RELATIVE_TAGS for c in tok.children):
        return None
    name = next((c for c in tok.children if c.i > tok.i and c.dep_ in NAME_DEPS), None)
    if name is None:
        return None
    quoted = _partial_inside(ctx, name.left_edge.i, name.right_edge.i + 1)
    return _report(ctx, tok, name, "relative-naming", min_tokens=1 if quoted else 2)


def regard_as(ctx: _Context, tok) -> Optional[Report]:
    """X sees / views / portrays OBJECT as Y: the view is the content."""
    if not _verb(tok) or _lemma(tok) not in REGARD_CUES:
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i and not ctx.quoted[c.i]), None)
    if obj is None:
        return None
    # the parser may hang "as" on the object or on a word inside it ("see the plan unveiled Monday | as a gamble")
    if not any(c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i and ctx.doc[c.i - 1].lower_ != "such" and
               (c.head.i in (tok.i, obj.i) or c.head.pos_ == "VERB") for c in (*tok.children, *obj.subtree)):
        return None  # not "such as", which gives examples
    return _report(ctx, tok, obj, "regard-as", min_tokens=3, tail=("prep",))


def passive_regard(ctx: _Context, tok) -> Optional[Report]:
    """X is seen as Y / X is known for Y / the contests known as Y: how X is regarded, in two
    pieces (X, and Y), by the agent if there is one ("seen by voters as"), else by no one named."""
    if not _verb(tok) or tok.tag_ != "VBN" or ctx.quoted[tok.i]:
        return None
    lem = _lemma(tok)
    preps = REPUTATION_CUES.get(lem, ("as",) if lem in REGARD_CUES else ())
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.i > tok.i and c.lower_ in preps), None)
    obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    first = _regarded(ctx, tok)
    if obj is None or first is None or any(c.dep_ == "dobj" for c in tok.children):
        return None
    sent = tok.sent
    second = _trimmed(ctx, *_in_paragraph(ctx, tok, prep.i + 1, min(obj.right_edge.i + 1, sent.end)))
    if second is None:
        return None
    agent = _own_subject(tok)
    source = _source_from(ctx, agent, tok) if agent is not None else None
    if agent is not None and source is None:
        return None  # "known by its logo as ...": no one holds the view
    return Report(first, source, tok.i, tok.i + 1, lem, "passive-regard", (second,))


def _regarded(ctx: _Context, participle) -> Optional[tuple[int, int]]:
    """Token span of what the passive participle regards: its subject ("Lee is seen as"), or the
    noun phrase it describes ("the series of races | known as"), or None."""
    sent = participle.sent
    if participle.dep_ == "acl" and participle.head.pos_ in ("NOUN", "PROPN") and participle.head.i < participle.i:
        noun = participle.head
        while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head  # "the series of races"
        lo, hi = max(noun.left_edge.i, sent.start), participle.left_edge.i  # "..., | also known as"
    else:
        if not any(c.dep_ == "auxpass" for c in participle.children):
            return None
        subj = next((c for c in participle.children if c.dep_ == "nsubjpass" and c.i < participle.i), None)
        if subj is None or subj.lower_ in NOT_SOURCES or ctx.quoted[subj.i] or \
                any(t.tag_ in RELATIVE_TAGS or t.tag_ == "WP$" for t in subj.subtree):
            return None  # "which is seen as", "whose town is seen as": the thing is in another clause
        return _phrase(ctx, participle, subj)
    return _trimmed(ctx, *_in_paragraph(ctx, participle, lo, hi))


def _subjectless_past_participle(tok) -> bool:
    """"Asked about the deal, Lee said ...": a past participle with no subject or auxiliary of its
    own is passive in meaning; the subject it hangs on is spoken to, and the one who spoke is
    not named."""
    return tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass")
                                         for c in tok.children)


# What goes on with the object of a cue's preposition, hung on the cue itself: "called on Lee |
# to resign", "railed against the board | for its vote", "referred to them | as criminals",
# "called for a boycott | after the firm refused"
PREPOSITION_TAIL = ("prep", "advcl")


def _preposition_tail(ctx: _Context, cue, j: int) -> int:
    """The end of the cue's following complements (of ``PREPOSITION_TAIL``, with a preposition
    of ``CONTENT_PREPOSITIONS``) that come right after token j, else j."""
    for sib in cue.children:
        if sib.i >= j and sib.dep_ in PREPOSITION_TAIL and all(t.is_space for t in ctx.doc[j:sib.left_edge.i]) \
                and (sib.dep_ != "prep" or sib.lower_ in CONTENT_PREPOSITIONS):
            j = sib.right_edge.i + 1
    return j


def verb_preposition(ctx: _Context, tok) -> Optional[Report]:
    """X called for / spoke about / warned of OBJECT (and what the cue hangs after it: "railed
    against the board | for its vote")."""
    if not _verb(tok):
        return None
    preps = PREPOSITION_CUES.get(_lemma(tok)) or PREPOSITION_CUES.get(lemma(tok).lower())
    allegation = _passive(tok) and PASSIVE_PREPOSITION_CUES.get(_lemma(tok))
    if allegation:
        preps = allegation  # "X is accused of A", "X was asked about A": no one is named for it
    if not preps:
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i:
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp") and not ctx.quoted[g.i]), None)
            if obj is None:
                continue
            report = _report(ctx, tok, obj, "verb-preposition", min_tokens=1,
                             until=_preposition_tail(ctx, tok, obj.right_edge.i + 1),
                             sourced=not (_subjectless_past_participle(tok) or allegation), stance=True)
            accused = _regarded(ctx, tok) if allegation and report is not None else None
            # "a contractor | accused of | spying": who is accused is the first piece, as in passive-regard
            return replace(report, content=accused, more=(report.content,)) if accused is not None else report
        if c.dep_ == "advcl" and c.i > tok.i and _opened_by(c, preps):
            # "called for all council members to publish the cost": the parser reads "for ... to"
            # as a clause of purpose
            return _report(ctx, tok, c, "verb-preposition", since=c.left_edge.i + 1,
                           sourced=not _subjectless_past_participle(tok), stance=True)
    return None


def stance_phrase(ctx: _Context, tok) -> Optional[Report]:
    """X voted / spoke / was in favor of A, X marched in support of A: the subject of the verb the
    phrase hangs on stands for A (``STANCE_PHRASES``); the cue is the three words."""
    if tok.lower_ != "in" or tok.dep_ != "prep" or ctx.quoted[tok.i]:
        return None
    noun = next((c for c in tok.children if c.dep_ == "pobj" and lemma(c).lower() in STANCE_PHRASES), None)
    if noun is None or noun.i != tok.i + 1:
        return None
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == STANCE_PHRASES[lemma(noun).lower()]
                 and c.i == noun.i + 1), None)
    obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp") and not ctx.quoted[g.i]), None) \
        if prep is not None else None
    verb = tok.head
    if obj is None or not _verb(verb):
        return None
    span = _content(ctx, obj, tok, min_tokens=1)
    source = _source(ctx, verb)
    if span is None or source is None or span[0] <= source[0] < span[1] or _thing_relative(ctx.doc, source):
        return None
    return Report(span, source, tok.i, prep.i + 1, f"in {noun.lower_} {prep.lower_}", "stance-phrase")


def reaction(ctx: _Context, tok) -> Optional[Report]:
    """The plan drew criticism from X / Lee won the support of X: X's reaction to the subject;
    the source is the one the reaction comes from, the content the subject."""
    if not _verb(tok) or _lemma(tok) not in REACTION_VERBS:
        return None
    noun = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i and lemma(c).lower() in REACTION_NOUNS
                 and not ctx.quoted[c.i]), None)
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
    if noun is None or subj is None or ctx.quoted[subj.i] or subj.tag_ in RELATIVE_TAGS or \
            subj.lower_ in NOT_SOURCES:
        return None
    prep = next((c for c in (*noun.children, *tok.children) if c.dep_ == "prep" and c.i > noun.i and
                 c.lower_ in ("from", "of", "among")), None)
    who = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
    return _subject_by(ctx, tok, subj, who, "reaction")


def attitude_adjective(ctx: _Context, tok) -> Optional[Report]:
    """X is optimistic that A / was critical of A / are tired of A: an attitude of the subject
    of the linking verb (``ATTITUDE_ADJECTIVES``) towards what the clause or the preposition's
    object says."""
    if tok.lower_ not in _ATTITUDES:
        return None
    subject = _passive_attitude_subject(tok)
    if subject is None and (tok.pos_ != "ADJ" and tok.tag_ != "VBN" or tok.dep_ != "acomp" or
                            lemma(tok.head).lower() not in LINKING_VERBS):
        return None
    return _attitude_report(ctx, tok, subject)


def _passive_attitude_subject(tok):
    """"She was worried that A", "they are convinced A": the parser reads the adjective as a
    passive participle, whose subject is the one who holds the attitude."""
    if tok.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in tok.children) or \
            any(c.dep_ == "agent" for c in tok.children):
        return None
    return next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)


def _attitude_report(ctx: _Context, tok, subject) -> Optional[Report]:
    content = _attitude_clause(tok) if tok.lower_ in ATTITUDE_CLAUSE_ADJECTIVES else None
    if content is None and tok.lower_ in ATTITUDE_INFINITIVE_ADJECTIVES:
        content = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i and _to_infinitive(c)), None)
        if content is not None and _lemma(content) in _CUE_WORDS and _reports(ctx, content):
            return None  # "more inclined to say that A": the cue's own report
    if content is not None:
        return _report(ctx, tok, content, "attitude-adjective", stance=True, subject=subject)
    preps = ATTITUDE_ADJECTIVES.get(tok.lower_, ())
    for c in tok.children:
        if c.dep_ == "prep" and c.i > tok.i and c.lower_ in preps:
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp") and not ctx.quoted[g.i]), None)
            if obj is not None:
                return _report(ctx, tok, obj, "attitude-adjective", min_tokens=1, stance=True, subject=subject)
    return None


def _attitude_clause(adjective):
    """The clause after the adjective ("confident | that A"): the parser hangs it on the adjective
    or on the linking verb."""
    for c in (*adjective.children, *adjective.head.children):
        if c.dep_ == "ccomp" and c.i > adjective.i:
            return c
    return None


def _opened_by(clause, words) -> bool:
    """The clause opens with one of ``words`` as its marker ("for | all candidates to ...")."""
    first = clause.left_edge
    return first.dep_ == "mark" and first.head.i == clause.i and first.lower_ in words


def _partial_inside(ctx: _Context, i: int, j: int) -> bool:
    """A short quoted fragment lies in tokens [i, j)."""
    a, b = _chars(ctx.doc, i, j)
    return any(s.partial and a <= s.start and s.end <= b for s in ctx.segs)


def quoted_words(ctx: _Context, tok) -> Optional[Report]:
    """X called China "provocative" / X laments a "throwaway culture": quoted words in what a
    reporting verb's subject says are that subject's; the content is the verb's complements.
    Any other verb ("helped fund a "mighty team of lawyers"") leaves the quoted words to whoever
    the writer quotes."""
    if not _verb(tok) or _lemma(tok) not in _CUE_WORDS:
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or not _speaking_subject(subj):
        return None
    right = [c for c in tok.children if c.i > tok.i and c.dep_ in COMPLEMENT_DEPS]
    if not right:
        return None
    i, j = min(c.left_edge.i for c in right), max(c.right_edge.i for c in right) + 1
    if not _partial_inside(ctx, i, j):
        return None
    return _report(ctx, tok, right[0], "quoted-words", min_tokens=1, until=j)


Sieve = Callable[[_Context, object], Optional[Report]]
# Order matters: the first sieve that matches a token makes its report.
REPORTED_SIEVES: tuple[tuple[str, Sieve], ...] = (
    ("according-to", according_to),
    ("in-source", in_source),
    ("perspective", perspective),
    ("passive-clause", passive_clause),
    ("verb-clause", verb_clause),
    ("clause-then-cue", clause_then_cue),
    ("parenthetical-cue", parenthetical_cue),
    ("sentence-final-cue", sentence_final_cue),
    ("as-cue", as_cue),
    ("verb-infinitive", verb_infinitive),
    ("verb-gerund", verb_gerund),
    ("noun-clause", noun_clause),
    ("noun-infinitive", noun_infinitive),
    ("noun-preposition", noun_preposition),
    ("colon-label", colon_label),
    ("seems", seems),
    ("hearsay-adverb", hearsay_adverb),
    ("naming-verb", naming_verb),
    ("relative-naming", relative_naming),
    ("regard-as", regard_as),
    ("passive-regard", passive_regard),
    ("say-object", say_object),
    ("light-verb", light_verb),
    ("verb-object", verb_object),
    ("verb-preposition", verb_preposition),
    ("attitude-adjective", attitude_adjective),
    ("stance-phrase", stance_phrase),
    ("reaction", reaction),
    ("quoted-words", quoted_words),
    ("any-verb-that-clause", any_verb_that_clause),
)


def _may_start_report(tok) -> bool:
    if lemma(tok).lower() in _CUE_WORDS or tok.lower_ in ("according", "in") or tok.text == ":" or \
            tok.lower_ in PERSPECTIVE_PREPOSITIONS or \
            tok.lower_ in HEARSAY_ADVERBS:
        return True
    if tok.pos_ == "VERB" and any(c.dep_ == "ccomp" for c in tok.children):
        return True  # any-verb-that-clause
    return tok.tag_ in _VERB_TAGS and _lemma(tok) in _CUE_WORDS  # a lemma the tagger got wrong


def find_reported(ctx: _Context) -> list[Report]:
    """Every report of the article in text order, outside quotation marks, leaving out those
    whose cue lies inside another report's content (the outer report carries them)."""
    found = []
    for tok in tokens(ctx.doc):
        if ctx.quoted[tok.i] or tok.is_space or tok.is_punct and tok.text != ":" or not _may_start_report(tok):
            continue
        for _, sieve in REPORTED_SIEVES:
            report = sieve(ctx, tok)
            if report is not None:
                found.append(report)
                break
    return [r for r in found if not any(_nested(r, other) for other in found if other is not r)]


def _nested(report: Report, other: Report) -> bool:
    """``report``'s cue lies in ``other``'s content. A report whose content holds a later cue
    set off by commas, which takes all the sentence for its own content ("A said B, C noted,
    D"), is not nested in it: that cue is set inside. ("B, according to C" stays C's.)"""
    a, b = other.extent
    if not a <= report.cue_i < b:
        return False
    x, y = report.extent
    return not (other.rule == "parenthetical-cue" and x <= other.cue_i < y and report.cue_i < other.cue_i)


# ---- reports as quotes ----------------------------------------------------------------------

def _char_span(ctx: _Context, span: tuple[int, int]) -> tuple[int, int]:
    """Characters of a content span, widened to the whole of any quotation it cuts into."""
    a, b = _chars(ctx.doc, *span)
    for s in ctx.segs:
        if s.open_at < b and a < s.close_end:
            a, b = min(a, s.open_at), max(b, s.close_end)
    return a, b


def _own_words(ctx: _Context, a: int, b: int) -> bool:
    """The content has words of its own outside quotation marks (else it is a direct quote)."""
    text, pos, words = ctx.text, a, []
    for s in ctx.segs:
        if a <= s.open_at and s.close_end <= b:
            words += text[pos:s.open_at].split()
            pos = s.close_end
    words += text[pos:b].split()
    return any(any(ch.isalnum() for ch in w) and w.lower() not in CONTENT_MARKS for w in words)


# Direct attributions taken from an earlier sentence or quote, or from another segment of the
# statement the piece was grouped into: the cue of a report around the quoted piece, in its own
# sentence, is the better evidence.
_INHERITED_RULES = CARRIED_RULES | {STATEMENT_RULE}


def _continuations(direct: list[Quote], pieces: list[Quote], speaker: Optional[str]) -> list[Quote]:
    """The later sentences of the quoted pieces' statement that only continue it (“A,” Lee
    said of the deal that it “B.” “C.”): they go with the pieces into the report's statement."""
    if not pieces:
        return []
    last = max(q.end for q in pieces)
    old = {q.statement for q in pieces}
    return [q for q in direct if q.statement in old and q.start >= last and q not in pieces
            and q.rule == STATEMENT_RULE and q.speaker == speaker]


def _attributed_inside(q: Quote, spans) -> bool:
    """The quoted piece's own cue or speaker lies inside the report's content (“A,” Lee said, as
    the report of another source): a speech of its own nested in the report. A cue elsewhere (a
    later "according to X", a cue after the report) lost to the report around the piece."""
    return any(x <= p < y for x, y in spans for p in (q.cue_start, q.speaker_start) if p is not None)


def _take_report(q: Quote, fields: dict) -> None:
    for key, value in fields.items():
        setattr(q, key, value)


def _speaker_of_quoted_content(pieces: list[Quote], fields: dict) -> None:
    """A report whose content is all quoted ("what Lee called “a disgrace”") is no report of its
    own: its source (``fields``: the attribution a report gives) is the speaker of the quoted
    words, when the quote pass found none for them; they keep their statement."""
    if not pieces or any(q.speaker_text is not None for q in pieces) or fields["speaker_text"] is None:
        return
    for q in pieces:
        _take_report(q, {**fields, "statement": pieces[0].statement})


def reported_quotes(ctx: _Context, cast: _Cast, direct: list[Quote],
                    named: list[tuple[int, int]]) -> list[Quote]:
    """The article's quotes with its reports added as quotes of kind "indirect", in text order.

    ``named``: (offset, person) of each direct attribution resolved to an article person, which
    pronoun sources may refer back to. A direct segment inside a report's content joins that
    statement as a partial segment with the report's source; a report whose quoted pieces have
    another speaker (found by a cue of their own inside the report's content, not inherited
    from an earlier sentence) is left out (a wrong speaker is worse than a missing one)."""
    doc, text = ctx.doc, ctx.text
    statement = max((q.statement for q in direct), default=-1)
    named = sorted(named)
    out, seen = list(direct), set()
    for report in find_reported(ctx):
        spans = tuple(_char_span(ctx, span) for span in (report.content,) + report.more)
        a = spans[0][0]
        own_words = any(_own_words(ctx, *span) for span in spans)
        if spans in seen or report.source is None and not own_words:
            continue
        speaker = speaker_text = sp_start = sp_end = person = None
        if report.source is not None:
            i, j = report.source
            sp_start, sp_end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
            speaker_text = text[sp_start:sp_end]
            k = bisect.bisect_left(named, (sp_start,))
            prev = (named[k - 1][1], named[k - 1][0]) if k else None
            speaker, person = _name_of(ctx, cast, report.source, sp_start, report.lemma, prev)
            pronoun = GENDER_PRONOUNS.get(speaker_text.lower())
            if person is not None and pronoun is not None and cast.gender(person) != pronoun:
                # reported speech has far more "he said"s than quotes do: a pronoun names only
                # a person whose gender is known to match
                speaker = person = None
        pieces = [q for q in direct if any(x <= q.start and q.end <= y for x, y in spans)]
        last = doc[report.cue_j - 1]
        cue_start, cue_end = doc[report.cue_i].idx, last.idx + len(last.text)
        fields = dict(speaker=speaker, speaker_text=speaker_text, speaker_start=sp_start, speaker_end=sp_end,
                      cue=text[cue_start:cue_end], cue_start=cue_start, cue_end=cue_end, rule=report.rule,
                      speaker_via=speaker_via(ctx, report.source, report.rule))
        if not own_words:
            _speaker_of_quoted_content(pieces, fields)
            continue
        if any(q.speaker is not None and q.speaker != speaker and q.rule not in _INHERITED_RULES
               and _attributed_inside(q, spans) for q in pieces):
            continue
        if person is not None:
            bisect.insort(named, (a, person))
        seen.add(spans)
        statement += 1
        fields["statement"] = statement
        followers = _continuations(direct, pieces, speaker)  # before the pieces take the new statement
        for q in pieces:
            _take_report(q, fields)
            q.partial = True
        for q in followers:
            _take_report(q, fields)
            q.partial, q.rule = False, STATEMENT_RULE
        out += [Quote(text=text[x:y], start=x, end=y, kind="indirect", **fields) for x, y in spans]
    out.sort(key=lambda q: (q.start, q.kind != "indirect", q.end))
    # statements numbered in text order again: a quoted piece took its report's new number
    numbers: dict[int, int] = {}
    for q in out:
        q.statement = numbers.setdefault(q.statement, len(numbers))
    return out
