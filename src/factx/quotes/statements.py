"""Pass 2 of quote extraction, the orchestration: every segment's attribution.

1. Next to each segment: the sieves after its closing mark and before its opening mark
   (``factx.quotes.sieves``); a cue between two quotes of one sentence serves both.
2. Statements: split quotes and multi-paragraph quotes share one statement number.
3. Within a statement, segments without an attribution of their own take the statement's
   (rule ``statement``).
4. A statement still without one inherits from its surroundings (the inheritance sieves).
5. Partial quotes: short fragments (scare quotes, titles, labels) rather than statements.
"""
from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Optional

from factx.quotes.grammar import (_char_before, _Context, _cue, _next_text_para,
                                  _previous_sentence_speaker, _window_after, _window_before)
from factx.quotes.lexicon import _MINOR_WORDS, _WORD, DASH_CHARS, PARTIAL_MAX_WORDS, WORK_PREPOSITIONS
from factx.quotes.marks import _first_char, _Segment
from factx.quotes.sieves import _Attribution, attribution_after, attribution_before, inherited

# the rule of a segment that takes the attribution of another segment of its statement
STATEMENT_RULE = "statement"


def _take(seg: _Segment, att, rule: Optional[str]) -> None:
    """Give seg the speaker, cue and rule of att (an attribution or another segment)."""
    seg.speaker, seg.cue, seg.cue_start, seg.cue_end = att.speaker, att.cue, att.cue_start, att.cue_end
    seg.rule = rule


def attribute(ctx: _Context) -> None:
    """Pass 2: fill speaker, cue, statement and partial of every segment."""
    text, segs = ctx.text, ctx.segs
    # 1. an attribution right next to each segment
    for p, plist in ctx.by_para.items():
        pa, pb = ctx.paras[p]
        # short quotes inside a sentence ("wearing “Ted Cruz” pins") do not cut the sentence
        bounds = [s for s in plist if not _inline(ctx, s)]
        opens = [s.open_at for s in bounds]
        closes = [s.close_end for s in bounds]  # increasing: segments do not overlap
        shared: Optional[_Attribution] = None  # found after the previous segment, running on
        for seg in plist:
            if _names_a_work(ctx, seg):
                seg.names_work, shared = True, None
                continue
            k = bisect.bisect_right(opens, seg.open_at)
            nxt = opens[k] if k < len(opens) else pb
            k = bisect.bisect_right(closes, seg.open_at)
            prv = closes[k - 1] if k > 0 else pa
            win = _window_after(ctx, seg, nxt)
            after = attribution_after(ctx, seg, win) if seg.closed else None
            before = attribution_before(ctx, seg, _window_before(ctx, seg, prv))
            between = _char_before(ctx, seg.open_at, prv)
            if shared is not None and between and between in ",:\u2013\u2014\u2015" and \
                    (before is None or before.cue_i == shared.cue_i):
                att = shared  # “A,” she said, “B.”: the attribution between serves both
            elif after is not None and (before is None or after.kind != "after" or
                                        text[seg.end - 1] in ",?!…" + DASH_CHARS):
                att = after
            else:
                att = before or after
            if att is not None and att.speaker is None and (
                    att.kind == "before" or att.cue_i is not None and ctx.doc[att.cue_i].tag_ == "VBG"):
                spk = _previous_sentence_speaker(ctx, seg, ctx.tok_before(seg.open_at))
                att = replace(att, speaker=spk)  # the cue and rule stay the sieve's
            shared = after if after is not None and win[2] else None
            if att is not None:
                _take(seg, att, att.rule)
                seg.cue_lemma, seg.own = att.lemma, att.kind

    # 2. statements: split quotes and multi-paragraph quotes share one
    statement, prev = -1, None
    for seg in segs:
        same = False
        if prev is not None and not seg.single and not prev.single and not seg.names_work:
            if prev.para == seg.para:
                same = not seg.own or (prev.own and prev.speaker == seg.speaker and prev.cue == seg.cue)
            elif not prev.closed and _next_text_para(ctx, prev.para) == seg.para and \
                    seg.open_at == _first_char(text, ctx.paras[seg.para]):
                same = True
        if same:
            seg.statement = prev.statement
        else:
            statement += 1
            seg.statement = statement
        if not seg.names_work:  # a title is nobody's words: it joins no statement, nor breaks one
            prev = seg

    # 3. within a statement, segments without their own attribution take the statement's
    groups: dict[int, list[_Segment]] = {}
    for s in segs:
        groups.setdefault(s.statement, []).append(s)
    for g in groups.values():
        own = [s for s in g if s.own]
        for s in g:
            if not s.own and own and not s.names_work:
                # the closest attribution of the same paragraph, else the closest one
                src = min(own, key=lambda o: (o.para != s.para, abs(o.start - s.start)))
                _take(s, src, STATEMENT_RULE)
                s.cue_lemma = src.cue_lemma

    # 4. statements still without one: a quote-only paragraph continues the previous quote's
    # speaker or takes the speaker introduced just before it
    for sid in sorted(groups):
        g = [s for s in groups[sid] if not s.names_work]
        if not g or any(s.own for s in g) or g[0].single:
            continue
        att = inherited(ctx, g)
        if att is not None:
            for s in g:
                _take(s, att, att.rule)
                s.cue_lemma = att.lemma

    for s in segs:
        s.partial = _is_partial(ctx, s)


def _inline(ctx: _Context, seg: _Segment) -> bool:
    """A short quote inside the writer's sentence: a word right before it, a few words long."""
    before = _char_before(ctx, seg.open_at)
    return before.isalnum() and \
        len(_WORD.findall(ctx.text, seg.start, seg.end)) <= PARTIAL_MAX_WORDS


def _is_partial(ctx: _Context, seg: _Segment) -> bool:
    """A short fragment (scare quote, title, label) rather than a statement.

    Quotes with an attribution of their own (“No,” she said) are statements however short,
    and so are quotes a cue introduces (she said: “…”, he added “…”) and short sentences
    that continue a speaker's statement (“Bodies everywhere.”). Otherwise fragments of up to
    three words are partial, and so is any piece embedded in the writer's own sentence
    (it starts after a word: the plan was “a disaster for all of us”).
    """
    text = ctx.text
    words = len(_WORD.findall(text, seg.start, seg.end))
    if seg.single and not seg.own:
        return True
    if seg.own in ("after", "colon", "dash", "according") and not _embedded(ctx, seg):
        return False
    if seg.own == "before" and _introduced(ctx, seg) and (words > PARTIAL_MAX_WORDS or _standalone(ctx, seg)):
        return False
    if _embedded(ctx, seg):
        return True
    if seg.speaker is not None and _standalone(ctx, seg):
        return False
    return words <= PARTIAL_MAX_WORDS or seg.speaker is None and _title(text, seg)


def _title(text: str, seg: _Segment, comma_ok: bool = False) -> bool:
    """Unattributed words in title case ("The Fixers: How a Studio Ran Hollywood"): the name
    of a book, show or headline, not somebody's statement. A final comma means a statement
    (“We Won,” she said) unless ``comma_ok``: where the sentence names a work, the comma
    inside the marks is only the writer's punctuation (on CBS's “Face the Nation,” he said)."""
    words = _WORD.findall(text, seg.start, seg.end)
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    last = text[seg.start:seg.end].rstrip()[-1:]
    if len(content) < 2 or last in ".!?" or last == "," and not comma_ok:
        return False
    return all(w[:1].isupper() or w[:1].isdigit() for w in content)


def _names_a_work(ctx: _Context, seg: _Segment) -> bool:
    """A title after a possessive, a preposition or "told" ("said on ABC's “This Week”", "told
    “Fox News Sunday” that ..."): a show, paper or book the sentence names, words nobody says."""
    k = ctx.tok_before(seg.open_at) - 1
    tok = ctx.doc[k] if k >= 0 else None
    if tok is None or not (tok.tag_ == "POS" or tok.lower_ in WORK_PREPOSITIONS or
                           tok.pos_ == "VERB" and (_cue(tok) or ("", ""))[1] == "tell"):
        return False
    return _title(ctx.text, seg, comma_ok=True)


def _standalone(ctx: _Context, seg: _Segment) -> bool:
    """The quote is a sentence of its own: it starts a sentence (after a full stop, a colon or
    at the paragraph start) with a capital and ends with sentence punctuation."""
    text = ctx.text
    before = _char_before(ctx, seg.open_at)
    if before and before not in ".!?:\"”'’":
        return False
    return text[seg.start:seg.start + 1].isupper() and text[seg.end - 1] in ".!?"


def _introduced(ctx: _Context, seg: _Segment) -> bool:
    """The quote is introduced like a statement: after ":" "," "—" or a cue, not inside a
    noun phrase ("called the plan “a disaster”")."""
    before = _char_before(ctx, seg.open_at)
    if not before or before in ",:" + DASH_CHARS:
        return True
    j = ctx.tok_before(seg.open_at)
    while j > 0 and ctx.doc[j - 1].is_space:
        j -= 1
    return j > 0 and (_cue(ctx.doc[j - 1]) is not None or
                      ctx.doc[j - 1].lower_ == "that" and ctx.text[seg.start:seg.start + 1].isupper())


def _embedded(ctx: _Context, seg: _Segment) -> bool:
    """A quoted piece inside the writer's sentence: a word right before the mark and a
    lower-case start ("the plan was “a disaster for all of us”")."""
    text = ctx.text
    before = _char_before(ctx, seg.open_at)
    if not before or before in ",:(.!?\"”" + DASH_CHARS:
        return False
    first = text[seg.start]
    return first.islower() or not first.isalpha()
