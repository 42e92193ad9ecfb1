"""Word lists for people and names, in one place. Every rule that needs a list of words reads it
from here (``factx.quotes.lexicon`` keeps the reporting-verb lexicon). No names of people: only the words
around them. Titles beyond these come from nameparser's curated list (see ``factx.names``)."""
from __future__ import annotations

# Honorifics and the gender they state (None: says nothing about gender). Folded, no period.
HONORIFICS: dict[str, str | None] = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f",
    "madam": "f", "madame": "f", "dame": "f", "lady": "f", "dr": None, "prof": None,
}

# Name suffixes that tell people apart (Donald Trump vs Donald Trump Jr.). Folded, no period.
GENERATION_SUFFIXES = frozenset("jr sr ii iii iv v junior senior".split())
# Suffixes that are degrees or honours, not part of identity ("Regina Benjamin, MD").
DEGREE_SUFFIXES = frozenset("md phd esq jd dds mba rn cpa".split())

# Words after which a capitalised word is an organisation, not a person ("Trump Foundation").
ORG_HEADS = frozenset({
    "agency", "alliance", "administration", "association", "board", "bureau", "center", "centre",
    "church", "club", "coalition", "collective", "college", "commission", "committee", "company",
    "corporation", "corp", "council", "court", "department", "foundation", "fund", "group", "inc",
    "institute", "journal", "llc", "ltd", "magazine", "ministry", "network", "news", "office",
    "party", "post", "press", "project", "school", "society", "team", "times", "trust", "union",
    "university",
})

# Role and title words that may stand before a name ("Texas Governor Greg Abbott"); folded,
# without a period. nameparser's list of titles is used as well.
TITLE_WORDS = frozenset({
    "gov", "governor", "sen", "senator", "rep", "representative", "pres", "president", "mayor",
    "dr", "mr", "mrs", "ms", "gen", "general", "judge", "justice", "secretary", "minister",
    "chancellor", "sheriff", "chief", "director", "ceo", "chairman", "chairwoman", "chair",
    "commissioner", "attorney", "lawyer", "prosecutor", "professor", "prof", "spokesman",
    "spokeswoman", "spokesperson", "officer", "senior", "speaker", "leader", "king", "queen",
    "prince", "princess", "pope", "rev", "reverend", "sgt", "capt", "lt", "col", "host",
    "co-host", "anchor", "coach", "founder", "liaison", "manager", "candidate", "nominee",
})

# Pronouns that carry gender, and the gender.
GENDER_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}

# Words that say the relation of two people of one family ("his wife, Hillary Clinton").
FAMILY_WORDS = frozenset("wife husband son daughter father mother brother sister widow widower "
                         "grandson granddaughter grandfather grandmother nephew niece uncle aunt".split())

# Head words of places ("Virginia Beach", "Jordan River"): a name ending so is no person.
PLACE_HEADS = frozenset("""
    airport avenue bay beach bridge canyon city county creek district falls forest harbor harbour
    heights hill hills hospital hotel island islands lake mall mount mountain mountains ocean park
    plaza port river road sea square station street state stadium tower township valley village
""".split())
# Prepositions that make what follows a place ("in Jackson", "from Paris").
PLACE_PREPOSITIONS = frozenset("in at from to near into across outside inside through toward towards".split())
# Words that follow a person's name in a headline or caption but are not part of it: the
# services and documents a story is about ("X Gmail", "X Twitter"). Folded.
NAME_TRAILERS = frozenset("gmail email emails e-mail e-mails inbox twitter tweet tweets facebook instagram "
                          "youtube snapchat account accounts server hack leak leaks memo transcript video "
                          "photo photos interview op-ed".split())

# Punctuation that never stands inside a person's name: a mention is cut there.
NAME_BREAKS = frozenset("-- — – | : ; / ( ) , ! ? « » • * ~ = + < >".split())

# Role nouns that news writes before a name as if a title ("Coroner Jane Doe"), beyond
# TITLE_WORDS and nameparser's titles. Folded.
ROLE_WORDS = frozenset("coroner fellow moderator billionaire rapper trooper agent analyst strategist pollster "
                       "advisor aide columnist reporter filmmaker astronaut congressman congresswoman "
                       "lawmaker quarterback pitcher veteran suspect".split())
