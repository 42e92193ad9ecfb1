"""The attribution sieves of factx.quotes: one crafted sentence per sieve, asserting the ``rule``
each quote records, and the cue offsets.

A new sieve (a function in ``factx.quotes.sieves`` and an entry in one of its tuples) gets a
test here.
"""
from __future__ import annotations

import pytest

from factx.quotes import extract_quotes
from factx.quotes import sieves
from factx.schema import Quote, validate_article


@pytest.fixture(scope="module")
def quote(nlp):
    """The one quote of ``text`` that contains ``fragment``."""
    def run(text: str, fragment: str) -> Quote:
        found = extract_quotes(nlp(text))
        hits = [q for q in found if fragment in q.text]
        assert len(hits) == 1, [(q.text, q.rule) for q in found]
        return hits[0]
    return run


CASES = [
    # (rule, text, fragment of the quote, speaker)
    ("dash-byline-after", "“We will win this election.” — Jane Roe", "win this", "Jane Roe"),
    ("shaped-cue-after", "“We will rebuild the bridge by spring,” Maria Lopez said on Tuesday.", "bridge",
     "Maria Lopez"),
    ("according-to-after", "“The plan failed in every county,” according to Maria Lopez.", "plan failed",
     "Maria Lopez"),
    ("speaker-phrase-cue-after", "“We will rebuild the bridge by spring,” she said.", "bridge", None),
    ("cue-after", '"The budget is balanced," said Tom Becker, the county treasurer.', "budget", "Tom Becker"),
    ("transcript-colon", "Sen. Jane Roe: “We will win this election.”", "win this", "Jane Roe"),
    ("name-colon", "The meeting ran late.\n\nMore from Roe: “We will win this election.”", "win this", "Roe"),
    ("inverted-cue-colon", "The meeting ran late. Continued Roe: “We will win this election.”", "win this",
     "Roe"),
    ("according-to-before", "According to Maria Lopez, “the plan failed in every single county.”",
     "plan failed", "Maria Lopez"),
    ("cue-before", "Maria Lopez added, “We will rebuild the bridge by spring.”", "bridge", "Maria Lopez"),
    ("statement", "“We will rebuild the bridge,” Maria Lopez said. “It will open in May.”", "open in May",
     "Maria Lopez"),
    ("dash-byline-next-paragraph", "“We will win this election.”\n\n- Jane Roe, in a tweet.", "win this",
     "Jane Roe"),
    ("previous-sentence", "Maria Lopez said the bridge would open in May. “We will be ready for it.”",
     "ready", "Maria Lopez"),
    ("previous-quote", "Jane Roe: “We will win this election.” The ‘plan’ works. “We will win again.”",
     "win again", "Jane Roe"),
    ("previous-paragraph-quote", "“We will win this election,” Maria Lopez said.\n\n“We will win again next year.”",
     "win again", "Maria Lopez"),
    ("intro-cue", "Maria Lopez reiterated her support for the plan.\n\n“We will rebuild the bridge by spring.”",
     "bridge", "Maria Lopez"),
    ("intro-colon-subject", "Then Maria Lopez turned to the crowd:\n\n“We will rebuild the bridge by spring.”",
     "bridge", "Maria Lopez"),
    ("intro-name-colon", "The meeting ran late. Here is more from Maria Lopez:\n\n“We will rebuild the bridge.”",
     "bridge", "Maria Lopez"),
]


@pytest.mark.parametrize("rule,text,fragment,speaker", CASES, ids=[c[0] for c in CASES])
def test_sieve_rule(quote, rule, text, fragment, speaker):
    q = quote(text, fragment)
    assert q.rule == rule
    if speaker is not None:
        assert q.speaker == speaker
    assert q.kind == "direct"


@pytest.mark.parametrize("phrase,speaker_text", [
    ("a spokesman for Maria Lopez", "a spokesman"),
    ("the daughter of the late Maria Lopez", "the daughter"),
    ("one of the lawyers for Maria Lopez", "one of the lawyers"),
    ("the lawyer representing Maria Lopez", "the lawyer"),
    ("Maria Lopez’s lawyer", "lawyer"),
    ("the Maria Lopez family lawyer", "family lawyer"),
    ("Secretary of State Maria Lopez", "Maria Lopez"),
    ("Maria Lopez of Ohio", "Maria Lopez"),
    ("Ohio-based consultant Maria Lopez", "Maria Lopez"),
])
def test_shaped_cue_after_speaks_for_the_phrase_not_a_name_inside_it(quote, phrase, speaker_text):
    """"a spokesman for Maria Lopez said": the spokesman said it, not Maria Lopez."""
    q = quote(f"“We will appeal the ruling,” {phrase} said on Tuesday.", "appeal")
    assert q.rule == "shaped-cue-after" and q.speaker_text.endswith(speaker_text)
    assert (q.speaker == "Maria Lopez") == (speaker_text == "Maria Lopez")


def test_a_verb_of_feeling_before_the_colon_gives_the_quote_to_its_object(quote):
    q = quote("The size of the crowd impressed Tom Becker: “I have never seen so many people here.”", "never")
    assert q.speaker == "Tom Becker"
    q = quote("The crowd greeted Tom Becker: “We love you, Tom.”", "love you")
    assert q.speaker_text == "The crowd"


def test_a_place_before_the_colon_is_no_speaker(nlp):
    text = "At the fair, Lee wrongly suggested the inspector was from Mexico: “The inspector will rule against us.”"
    q = only_direct(nlp, text)
    assert q.speaker_text != "Mexico" and q.speaker == "Lee"


@pytest.mark.parametrize("text", [
    "Tom Becker quoted Ann Lee as saying: “The budget is fine.”",
    "“The budget is fine,” the Daily Star quoted Ann Lee as saying.",
])
def test_quoted_as_saying_gives_the_quote_to_the_one_quoted(quote, text):
    assert quote(text, "budget").speaker == "Ann Lee"


def test_a_quote_opening_a_named_claim_is_the_claimants(quote, nlp):
    q = quote("Tom Becker said Ann Lee's statement that “the budget is fine” was false.", "budget")
    assert q.speaker == "Ann Lee"
    q = only_direct(nlp, "Tom Becker called Ann Lee's remarks “reckless and cruel.”")
    assert q.speaker != "Ann Lee"  # Becker's words about her remarks


def only_direct(nlp, text: str) -> Quote:
    direct = [q for q in extract_quotes(nlp(text)) if q.kind == "direct"]
    assert len(direct) == 1, [(q.text, q.rule) for q in direct]
    return direct[0]


def test_a_day_after_the_quote_is_no_speaker(nlp):
    text = "Mayor Ann Lee praised her deputy as a “very honest man” Friday, hours after the deputy was charged."
    q = only_direct(nlp, text)
    assert q.text == "very honest man" and q.speaker_text != "Friday"


def test_every_sieve_has_a_case():
    """Each sieve name of the package appears in CASES (the intro sieve passes on the name of
    the INTRO_SIEVES one that found the speaker)."""
    named = {name for group in (sieves.AFTER_SIEVES, sieves.BEFORE_SIEVES, sieves.INTRO_SIEVES,
                                sieves.INHERITANCE_SIEVES) for name, _ in group} - {"intro"}
    assert named <= {c[0] for c in CASES}


def test_said_cue_offsets(nlp):
    text = "“We will rebuild the bridge by spring,” Maria Lopez said on Tuesday."
    (q,) = extract_quotes(nlp(text))
    assert q.cue == "said"
    assert text[q.cue_start:q.cue_end] == "said"


def test_according_to_cue_offsets_cover_both_words(quote):
    text = "“The plan failed in every county,” according to Maria Lopez."
    q = quote(text, "plan failed")
    assert text[q.cue_start:q.cue_end] == "according to"


def test_inherited_segment_takes_the_statement_cue(quote):
    text = "“We will rebuild the bridge,” Maria Lopez said. “It will open in May.”"
    first, second = quote(text, "bridge"), quote(text, "open in May")
    assert (second.cue, second.cue_start, second.cue_end) == (first.cue, first.cue_start, first.cue_end)


def test_no_cue_word_no_offsets(quote):
    q = quote("Sen. Jane Roe: “We will win this election.”", "win this")
    assert (q.cue, q.cue_start, q.cue_end) == (None, None, None)


def test_unattributed_quote_has_no_rule(quote):
    q = quote("The sky was grey over the harbour. “Nobody knows why the ships left.”", "ships")
    assert q.rule is None and q.speaker is None


@pytest.mark.parametrize("field,bad", [("kind", None), ("kind", 3), ("cue_start", "7"), ("cue_end", 1.5),
                                       ("rule", 4)])
def test_damaged_new_quote_fields_are_refused(field, bad):
    quote = {"text": "A", "start": 0, "end": 1, "kind": "direct", "cue_start": None, "cue_end": None,
             "rule": None}
    validate_article({"id": "a", "text": "A", "quotes": [quote]})
    with pytest.raises(ValueError, match=field):
        validate_article({"id": "a", "text": "A", "quotes": [{**quote, field: bad}]})


def test_name_colon_after_a_headline_with_two_names(quote):
    q = quote("BUDGET TALKS STALL AGAIN - Ann Lee and Bo Park: “The talks failed because neither "
              "side would move on taxes.”", "talks failed")
    assert q.rule == "name-colon" and q.speaker in ("Ann Lee", "Bo Park")


def test_a_headline_word_in_capitals_is_no_cue(quote):
    # the tagger takes "TALKS" for a verb; a speaker found through it would be "BUDGET"
    q = quote("BUDGET TALKS STALL AGAIN: “The talks failed because neither side would move.”", "talks failed")
    assert q.speaker is None


@pytest.mark.parametrize("text, title", [
    ("Retired Gen. Ann Lee said on ABC's “This Week” on Sunday that the plan had failed.", "This Week"),
    ("The senator told “Fox News Sunday” that the plan had failed.", "Fox News Sunday"),
    # the writer's comma inside the marks does not make the title a statement
    ("Speaking Sunday on ABC's “Meet the Voters,” Maria Lopez said the plan had failed.", "Meet the Voters"),
    ("In an interview with “Good Evening Town,” Tom Becker said he would run again.", "Good Evening Town"),
])
def test_a_title_the_sentence_names_is_nobody_s_words(quote, text, title):
    q = quote(text, title)
    assert q.speaker is None and q.partial


def test_a_nickname_a_speaker_uses_is_still_theirs(nlp):
    found = extract_quotes(nlp("Trump called him “Lyin Ted” again."))
    assert [q.speaker for q in found if q.kind == "direct"] == ["Trump"]


def test_words_set_in_the_writers_sentence_take_no_speaker_from_the_sentence_before(quote):
    """Only a quote that is a sentence of its own continues the speaker of the sentence before;
    a quoted word inside the writer's next sentence is not that speaker's."""
    text = "Maria Lopez said the bridge would open in May. Crews painted the “rusty relic” green last year."
    q = quote(text, "rusty relic")
    assert q.speaker is None


def _direct(nlp, text: str, fragment: str) -> Quote:
    """The one quoted segment (kind "direct") of ``text`` that contains ``fragment``."""
    hits = [q for q in extract_quotes(nlp(text)) if q.kind == "direct" and fragment in q.text]
    assert len(hits) == 1, [(q.text, q.rule) for q in hits]
    return hits[0]


def test_words_set_in_the_writers_sentence_keep_a_cue_of_their_own_sentence(nlp):
    text = "The hearing ran late. Maria Lopez, who chairs the panel, praised the “rusty relic” today."
    q = _direct(nlp, text, "rusty relic")
    assert q.speaker == "Maria Lopez"


@pytest.mark.parametrize("text,fragment", [
    # the cue is in a relative clause; "walked past" holds the quoted words
    ("The hearing ran late. Maria Lopez, who said the bridge was safe, walked past the “rusty relic” today.",
     "rusty relic"),
    # the same with a cue that has an object of its own
    ("Ann Lee, who told reporters the plan was dead, then drove to the “war room” downtown.", "war room"),
    # the chant is the crowd's, not the words of the man who argued
    ("Tom Becker, who argued for the tax, left the hall to chants of “four more years.”", "four more years"),
])
def test_words_set_in_the_writers_sentence_need_a_cue_that_holds_them(nlp, text, fragment):
    """A cue of the quote's own sentence gives its speaker to words set in the writer's sentence
    only when the words belong to what it reports (the parse ties them to the cue): otherwise
    another verb holds them and whoever speaks elsewhere in the sentence did not say them."""
    q = _direct(nlp, text, fragment)
    assert q.speaker is None


@pytest.mark.parametrize("text,fragment,speaker", [
    ("Mayor Tom Becker said the plan was “a disaster for the city.”", "disaster", "Tom Becker"),
    ("Instead, Maria Lopez told reporters, the bridge would be “ready by spring.”", "ready by", "Maria Lopez"),
    ("The bridge, Maria Lopez said, is “in better shape than it looks.”", "better shape", "Maria Lopez"),
])
def test_words_set_in_the_writers_sentence_keep_the_cue_that_holds_them(nlp, text, fragment, speaker):
    q = _direct(nlp, text, fragment)
    assert q.speaker == speaker


@pytest.mark.parametrize("text,speaker", [
    ("The debate turned sharp. Sanders answered with a phrase that could have come from his rival: "
     "“Nobody likes a loser.”", "Sanders"),
    ("The Tribune ran a headline that hits the mayor where it hurts: “City hall is broke.”", None),
])
def test_a_verb_of_a_relative_clause_is_no_cue_before_a_colon(quote, text, speaker):
    """Before a colon any verb may introduce a quote ("Trump leaned in and boomed:"), but not one
    of a relative clause: "a phrase that could have come from ...:" says nothing of who speaks."""
    q = quote(text, "." if speaker is None else "loser")
    assert q.speaker == speaker


@pytest.mark.parametrize("text,fragment,speaker", [
    ("The first clash came at noon, when protesters interrupted the mayor, shouting “Resign now!”",
     "Resign", "protesters"),
    ("The trouble began on Monday, when farmers blocked the road, yelling “No more taxes!”",
     "No more", "farmers"),
])
def test_a_participle_cue_goes_with_the_verb_right_before_it(nlp, text, fragment, speaker):
    """A participle cue without a subject ("..., shouting “A”") speaks for the subject of the
    verb right before it, not for the subject of the main clause the parser may hang it on
    ("The first clash came ..., when protesters interrupted ..., shouting": not "The first clash")."""
    q = _direct(nlp, text, fragment)
    assert q.rule == "cue-before" and q.speaker == speaker


def test_a_participle_cue_skips_the_verbs_of_reported_words(nlp):
    """The verb right before the participle may belong to what somebody says ("said the vote
    was close, adding"): its subject is no speaker; the speaker of the cue is kept."""
    q = _direct(nlp, "Maria Lopez said the vote was close, adding: “We will count again.”", "count again")
    assert q.speaker == "Maria Lopez"


def test_a_statement_in_title_case_with_a_comma_is_still_a_statement(quote):
    """Only after a possessive or a preposition is a title-case quote ending in a comma a
    work's name: “We Won,” she said is her statement."""
    q = quote("“We Won,” Maria Lopez said.", "We Won")
    assert q.speaker == "Maria Lopez" and not q.partial


def test_an_inverted_speaker_with_a_participle_before_the_name(parsed):
    # the parser takes the name for the subject of the participle after it, so the speaker is
    # the noun phrase after "said", whose first word is a participle ("retired")
    rows = [('"', 5, "punct", "``", "PUNCT", False), ("We", 2, "nsubj", "PRP", "PRON", True),
            ("won", 5, "ccomp", "VBD", "VERB", False), (",", 5, "punct", ",", "PUNCT", False),
            ('"', 5, "punct", "''", "PUNCT", True), ("said", 5, "ROOT", "VBD", "VERB", True),
            ("retired", 7, "amod", "VBN", "VERB", True), ("pilot", 9, "compound", "NN", "NOUN", True),
            ("Ben", 9, "compound", "NNP", "PROPN", True), ("Caruso", 11, "nsubj", "NNP", "PROPN", False),
            (",", 9, "punct", ",", "PUNCT", True), ("asked", 5, "ccomp", "VBN", "VERB", True),
            ("about", 11, "prep", "IN", "ADP", True), ("it", 12, "pobj", "PRP", "PRON", False),
            (".", 5, "punct", ".", "PUNCT", False)]
    doc = parsed(rows)
    q = next(q for q in extract_quotes(doc, doc.text) if q.kind == "direct")
    assert q.text == "We won," and q.rule == "cue-after" and q.speaker_text == "retired pilot Ben Caruso"
