"""Who said what: direct quotations and reported speech, with their speakers.

``extract_quotes(doc)`` finds every quoted segment of an article and every report of speech
without (or with only some) quotation marks, and ties each to the person (or body) who said it.
Four passes, each linear in the length of the text:

1. **Marks** (``marks``: characters, one paragraph at a time): pair the quotation marks of each
   line (curly, straight, NYT-style ``…'' and single quotes outside double ones). Pairing never
   crosses a line, so a stray mark only affects its own paragraph; a quote left open at a
   paragraph end stops there, and the next paragraph's quote continues the statement.
2. **Attribution** (``statements`` runs the ``sieves``, which read tokens and parse through
   ``grammar``): a reporting cue right after the closing mark (“A,” she said), right before the
   opening mark (She added, “A”), "according to X", or a bare "Name:" / "— Name"; the speaker
   mention is the cue's subject (never its object, which is the addressee). Segments without a
   cue take the attribution of their statement, of the previous quote in the paragraph, or,
   for a paragraph that is only a quote, of the quote or speaker introduced just before. Every
   quote records the sieve that attributed it as ``rule``.
3. **Names** (``speakers``): speakers are the article's people (``factx.entities.extract_people``;
   name identity is ``factx.names``'): a named mention becomes the name of the person whose
   mention it overlaps, or of the one person its name fits; a pronoun is resolved to the most
   recent person of compatible gender, or left None when in doubt (a wrong speaker is worse
   than a missing one).
4. **Reported speech** (``reported``: its own ordered sieves over the parse, names through
   ``speakers``): "X said (that) A", "A, X said", "according to X, A", "X vowed to A", ...
   become quotes of kind "indirect"; quoted pieces inside one stay direct segments, partial,
   in its statement.

Every word list and limit is in ``lexicon``. Data flows lexicon -> marks -> grammar -> sieves ->
statements -> speakers -> reported -> this module; the modules other than this one are private
to the package.
"""
from __future__ import annotations

import bisect
import logging
from typing import Optional

from factx.entities import extract_people
from factx.quotes.grammar import _Context
from factx.quotes.marks import find_segments
from factx.quotes.reported import reported_quotes
from factx.lexicon import GENDER_PRONOUNS
from factx.nlp import tokens
from factx.quotes.speakers import _cast, _name_of, _resolve_pronoun, speaker_via
from factx.quotes.statements import attribute
from factx.schema import Quote

__all__ = ["extract_quotes", "find_segments", "pronoun_people"]

log = logging.getLogger(__name__)


def extract_quotes(doc, text: Optional[str] = None, people: Optional[list[dict]] = None) -> list[Quote]:
    """Every quoted segment of ``doc`` (a spaCy Doc of the whole article) with its speaker,
    in text order. Never raises: on an internal error the segments are kept unattributed.
    ``text`` is ``doc.text`` if the caller has it (spaCy joins the tokens anew on every access).
    ``people``: the article's people as ``factx.entities.extract_people`` returns them (computed
    here when not given); a speaker is named as its person there."""
    text = doc.text if text is None else text
    try:
        return _extract(doc, text, people)
    except Exception:  # noqa: BLE001 - one odd article must not stop a corpus run
        log.exception("quote attribution failed; keeping the quotes unattributed")
        try:
            return [Quote(text[s.start:s.end], s.start, s.end, partial=True, statement=n)
                    for n, s in enumerate(find_segments(text))]
        except Exception:  # noqa: BLE001
            return []


def _extract(doc, text: str, people: Optional[list[dict]]) -> list[Quote]:
    segs = find_segments(text)
    ctx = _Context(doc, segs, text)
    if people is None:
        people = extract_people(doc, text)[0]
    cast = _cast(ctx, people)
    ctx.names_person = lambda written: bool(cast.fitting(written))
    if segs:
        attribute(ctx)
    out: list[Quote] = []
    named: list[tuple[int, int]] = []  # (offset, person) of each named direct attribution
    prev_speaker = None
    for s in segs:
        speaker = speaker_text = sp_start = sp_end = None
        if s.speaker is not None:
            i, j = s.speaker
            sp_start, sp_end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
            speaker_text = text[sp_start:sp_end]
            speaker, person = _name_of(ctx, cast, s.speaker, sp_start, s.cue_lemma, prev_speaker)
            if person is not None and not s.partial:
                prev_speaker = (person, s.start)
                named.append((s.start, person))
        out.append(Quote(text=text[s.start:s.end], start=s.start, end=s.end, speaker=speaker,
                         speaker_text=speaker_text, speaker_start=sp_start, speaker_end=sp_end,
                         cue=s.cue, partial=s.partial, statement=s.statement, kind="direct",
                         cue_start=s.cue_start, cue_end=s.cue_end, rule=s.rule,
                         speaker_via=speaker_via(ctx, s.speaker, s.rule)))
    try:
        out = reported_quotes(ctx, cast, out, named)
    except Exception:  # noqa: BLE001 - reported speech must not cost the direct quotes
        log.exception("reported speech failed; keeping the direct quotes")
    _add_sentences(ctx, out)
    return out


def _add_sentences(ctx: _Context, quotes: list[Quote]) -> None:
    """Give each quote the offsets of the sentence(s) it lies in, so users can cite it."""
    starts = [s.start_char for s in ctx.doc.sents]
    ends = [s.end_char for s in ctx.doc.sents]
    if not starts:
        return
    for q in quotes:
        first = max(bisect.bisect_right(starts, q.start) - 1, 0)
        last = min(max(bisect.bisect_left(ends, q.end), first), len(ends) - 1)
        start, end = starts[first], ends[last]
        # a headline with no full stop is no part of the first sentence: stay in the paragraphs
        p = bisect.bisect_right(ctx.para_starts, q.start) - 1
        if p >= 0:
            start = max(start, ctx.paras[p][0])
        p = bisect.bisect_right(ctx.para_starts, max(q.end - 1, q.start)) - 1
        if p >= 0:
            end = min(end, max(ctx.paras[p][1], q.end))
        while end > start and ctx.text[end - 1].isspace():
            end -= 1
        q.sentence_start, q.sentence_end = start, end


def pronoun_people(doc, text: str, people: list[dict], quotes: list[Quote] = ()) -> list[tuple[int, str]]:
    """(offset, person name) of each "he"/"she" subject outside quotation marks that refers to an
    article person. A pronoun that speaks a quote is its speaker (``quotes``: this article's,
    attributed with continuation cues such as "she added"); any other is resolved like pronoun
    speakers, and kept only for a person whose gender is known to match (a dated sentence tied to
    the wrong person is a wrong fact)."""
    try:
        spoken = {q.speaker_start: q.speaker for q in quotes
                  if q.speaker is not None and q.speaker_text and q.speaker_text.lower() in ("he", "she")}
        ctx = _Context(doc, find_segments(text), text)
        cast = _cast(ctx, people)
        found = []
        for tok in tokens(doc):
            if tok.lower_ not in ("he", "she") or tok.dep_ not in ("nsubj", "nsubjpass") or ctx.quoted[tok.i]:
                continue
            if tok.idx in spoken:
                found.append((tok.idx, spoken[tok.idx]))
                continue
            person = _resolve_pronoun(cast, tok.text, tok.idx, None, None)
            if person is not None and cast.gender(person) == GENDER_PRONOUNS[tok.lower_]:
                found.append((tok.idx, cast.called[person]))
        return found
    except Exception:  # noqa: BLE001 - people by pronoun are a bonus, never a failed article
        log.exception("pronoun resolution for dates failed")
        return []
