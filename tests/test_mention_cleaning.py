"""Cleaning spaCy's PERSON mentions, one rule at a time, on crafted sentences (invented names)."""
import pytest

from factx.entities import extract_people


def extract(nlp, text):
    people, mentions = extract_people(nlp(text), text)
    for m in mentions:  # the offset contract: a mention is the article's text at its offsets
        assert text[m.start:m.end] == m.text
        if m.label == "PERSON":
            assert m.span.start_char == m.start and m.text.strip() == m.text
    return {p["name"]: p for p in people}, mentions


def names(nlp, text):
    return set(extract(nlp, text)[0])


def roles(person):
    return [a["value"] for a in person["attributes"] if a["type"] == "role"]


def person_texts(mentions):
    return {m.text for m in mentions if m.label == "PERSON"}


# ---- words glued before a name ------------------------------------------------------------

def test_role_word_before_a_name_becomes_a_role(nlp):
    people, mentions = extract(nlp, "Coroner Gary Holt said the death was an accident.")
    assert "Gary Holt" in people and "Coroner Gary Holt" not in person_texts(mentions)
    assert "Coroner" in roles(people["Gary Holt"])


def test_nameparser_title_before_a_name_becomes_a_role(nlp):
    people, _ = extract(nlp, "Comedian Ellen Marsh said she was done. The comedian Ellen Marsh later left.")
    assert set(people) == {"Ellen Marsh"} and "Comedian" in roles(people["Ellen Marsh"])


def test_honorific_without_period(nlp):
    people, _ = extract(nlp, "Dr Priya Nandan told reporters the patient was stable.")
    assert "Priya Nandan" in people and "Dr" in roles(people["Priya Nandan"])


def test_verb_glued_before_a_name_in_a_headline(nlp):
    people, _ = extract(nlp, "Hammering Hillary Lane\nDonald Frum spent the day hammering Hillary Lane.")
    assert "Hillary Lane" in people and not any(n.startswith("Hammering") for n in people)


def test_given_name_before_a_known_surname_stays(nlp):
    people = names(nlp, "Will Barton scored twice. Barton said the team will win again.")
    assert "Will Barton" in people


def test_lowercase_words_are_no_part_of_a_name(nlp):
    _, mentions = extract(nlp, "The wounded.--Kevin Marlow said he saw it. Later Kevin Marlow left.")
    assert not any("wounded" in t for t in person_texts(mentions))


# ---- words glued after a name -------------------------------------------------------------

def test_headline_word_after_a_known_name_is_trimmed(nlp):
    people = names(nlp, "Lena Parkes Claims Victory\nLena Parkes claims victory in the race, her campaign said.")
    assert "Lena Parkes" in people and "Lena Parkes Claims" not in people


def test_service_word_after_a_name_is_trimmed(nlp):
    people = names(nlp, "Tim Sorensen Gmail\nHackers read the email of Tim Sorensen last spring.")
    assert "Tim Sorensen" in people and not any("Gmail" in n for n in people)


def test_possessive_and_noun_after_a_name(nlp):
    people = names(nlp, "Hillary Lane's Remarks\nHillary Lane made remarks in Ohio on Monday.")
    assert "Hillary Lane" in people and not any("Remarks" in n for n in people)


def test_name_parts_and_suffixes_stay(nlp):
    people = names(nlp, "Kim Kardel West arrived. Kim Kardel said it. Kanye West came. She went west. "
                        "Martin Luther King Jr. spoke. Donald Frum Jr. was there with Donald Frum.")
    assert {"Kim Kardel West", "Martin Luther King Jr.", "Donald Frum Jr."} <= people


def test_hyphenated_given_name_stays(nlp):
    assert "Mary-Kate Olsson" in names(nlp, "Mary-Kate Olsson opened a store in Paris on Friday.")


# ---- two people in one mention ------------------------------------------------------------

def test_verb_between_two_names_splits_them(nlp):
    people, mentions = extract(nlp, "Obama Reverses Bush On Stem Cells\n"
                                    "President Barack Obama on Monday reversed a policy of George Bush.")
    texts = person_texts(mentions)
    assert {"Obama", "Bush"} <= texts and "Obama Reverses Bush" not in texts
    assert {"Barack Obama", "George Bush"} <= set(people)


def test_two_names_run_together_split_when_both_are_known(nlp):
    people, mentions = extract(nlp, "Lane Maya Harris Rally\nHillary Lane rallied with Maya Harris in Ohio. "
                                    "Lane said so.")
    assert {"Hillary Lane", "Maya Harris"} == set(people)
    assert "Lane" in person_texts(mentions)


# ---- punctuation and spaces ---------------------------------------------------------------

def test_line_break_cuts_a_mention(nlp):
    _, mentions = extract(nlp, "Photo by Carla Nemeth\nNixon aides said on Monday that the plan was late.")
    assert not any("\n" in t for t in person_texts(mentions))


def test_editorial_brackets_and_quotes(nlp):
    people, mentions = extract(nlp, 'Aides to [Dana] Gingrow said it was over. "Tom Hale" said it was over.')
    assert "Dana Gingrow" in people and "[Dana] Gingrow" in person_texts(mentions)
    assert "Tom Hale" in person_texts(mentions)


def test_trailing_control_character(nlp):
    text = "Officers questioned Lee\x1f Marsh and Dana Lee\x1f yesterday."
    _, mentions = extract(nlp, text)
    assert all(not m.text.endswith("\x1f") for m in mentions)


def test_possessive_before_a_name(nlp):
    people = names(nlp, "Breitfeld’s Joel Pollard wrote the story. Joel Pollard is an editor.")
    assert "Joel Pollard" in people and not any("Breitfeld" in n for n in people)


def test_preposition_in_a_headline_ends_the_name(nlp):
    people = names(nlp, "Lena Parkes Checks Into Rehab, Leaves Two Minutes Later\nMay 2, 2013\n"
                        "The judge was told about it in court.")
    assert "Lena Parkes" in people and not any("Rehab" in n or "Checks" in n for n in people)


def test_sentence_initial_participle_before_a_known_name(nlp):
    people = names(nlp, "Donald Frum spoke. Painting Frum as a threat to workers, the flyers echo the message.")
    assert people == {"Donald Frum"}


def test_headline_word_before_a_given_name_is_cut():
    from factx.entities import extract_people
    from factx.nlp import load_pipeline

    doc = load_pipeline()("Rip Margaret Thistlewood\n\nThe council said Margaret Thistlewood unveiled the plan on Monday.")
    names = {p["name"] for p in extract_people(doc)[0]}
    assert "Margaret Thistlewood" in names and not any(n.startswith("Rip") for n in names)


def test_a_quotation_opened_inside_a_name_ends_it_and_a_trailing_possessive_goes():
    from factx.entities import extract_people
    from factx.nlp import load_pipeline

    nlp = load_pipeline()
    doc = nlp("Critics Call Margaret Thistlewood ‘A Disgrace’ Over Taxes\n\nMargaret Thistlewood replied on Monday.")
    names = {p["name"] for p in extract_people(doc)[0]}
    assert "Margaret Thistlewood" in names and not any("Disgrace" in n for n in names)
    doc = nlp("The film is Ava Lindqvist’s ‘Thirteenth’ documentary, Ava Lindqvist said.")
    names = {p["name"] for p in extract_people(doc)[0]}
    assert not any(n.endswith(("‘", "’s")) for n in names)
