"""Every word list, tag set, character class and numeric limit of quote extraction, each with
the reason it exists. The other modules of ``factx.quotes`` define none of their own: a change of
vocabulary or of a threshold is made here."""
from __future__ import annotations

import re

# Lemmas of verbs that report speech or writing. Matched on the lemma and, because small
# models sometimes fail on rarer verbs, on a crude lemma of the word form too.
CUE_LEMMAS = frozenset("""
    acknowledge add admit advise affirm agree allege announce answer argue ask assert assure
    bark beg blast boast brag caution challenge charge chant chime cite claim clarify comment
    complain concede conclude confess confide confirm contend continue counter cry declare
    demand deny dismiss echo elaborate email emphasise emphasize estimate exclaim explain fume
    gripe grouse grumble gush hint indicate inform insist interject joke lament laugh maintain
    marvel mention muse mutter note object observe opine plead pledge post predict proclaim
    promise protest quip quote rage rail rant rave read recall recommend recount reflect
    reiterate repeat remark remind reply report respond retort reveal say scoff scream shout sigh
    snap speculate state stress
    suggest swear tease testify text thunder tell tout tweet underscore urge vow warn whisper
    wonder write yell
""".split())

# Verbs that are cues only with a particle or object: "went on", "pointed out", "put it".
PHRASAL_CUES = {"go": {"on"}, "point": {"out"}, "shoot": {"back"}, "fire": {"back"},
                "hit": {"back"}, "chime": {"in"}, "speak": {"up", "out"}, "sum": {"up"},
                "put": {"it"}, "write": {"back"}}

# A pronoun subject of one of these ("she added") refers back to the previous speaker.
CONTINUATION_CUES = frozenset("add continue conclude elaborate go reiterate repeat".split())

# Dependents that may stand between a quote and its cue without making a clause of their own.
LIGHT_DEPS = frozenset({"advmod", "aux", "auxpass", "neg", "punct", "cc", "prt", "npadvmod",
                        "intj", "prep", "pobj", "det", "amod", "compound", "pcomp"})
# Pronouns that can be a speaker mention on their own (resolved later to a person).
SUBJECT_PRONOUNS = frozenset("i we you he she it they one".split())
# "Lee, who declared": a relative pronoun subject stands for its antecedent.
RELATIVE_PRONOUNS = frozenset("who that which".split())
# Relative pronouns that stand for things as often as for speakers ("a law that bans", "the
# group, which endorsed"): the source of a stance cue only when the antecedent is a name.
THING_RELATIVES = frozenset({"that", "which"})
# Tokens that end a sentence (with ";" and the PUNCT tag, see grammar._sentence_end).
SENTENCE_END = frozenset({".", "!", "?"})
# Parts of speech that can head a speaker mention.
NOMINAL = frozenset({"PROPN", "NOUN", "PRON"})
# Words a subject pronoun may be that never name a speaker ("this said", "there was"); "it" is
# the exception that may (a statement "it" said).
NOT_SPEAKER_WORDS = ("that", "which", "this", "there", "what", "it")
# Entity types that are never a speaker ("Tuesday said" is a misparse).
NOT_SPEAKER_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
# Entity labels of when something happened.
DATE_ENTS = frozenset({"DATE", "TIME"})
# Entity types of places: "from Peru:" before a quote names where, not who.
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# Cues whose object is whom the words are for ("told reporters", "assured voters"), never part
# of the words.
ADDRESSEE_CUES = frozenset("tell ask inform remind warn advise assure urge promise notify brief".split())
# Verbs that pass someone else's words on: "quoted Ann Lee as saying", "cited him as saying".
QUOTING_VERBS = frozenset({"quote", "cite"})
# Verbs whose object feels what the subject does ("the timing did not surprise Ann Lee: “A”"):
# before a quote's colon, the one moved to speak is the object.
EXPERIENCER_VERBS = frozenset("""
    surprise impress worry strike stun shock anger frustrate puzzle please delight trouble bother
    concern alarm baffle disappoint amaze astonish annoy irritate upset dismay frighten scare
""".split())
# Longest stretch (tokens) between a cue and its quote still read as an attribution.
MAX_ATTRIBUTION_TOKENS = 40
# Longest speaker mention kept (tokens, counted back from its end): titles can be long.
MAX_MENTION_TOKENS = 12
# Unattributed quotes of up to this many words are fragments (scare quotes), not statements.
PARTIAL_MAX_WORDS = 3
# How far back (characters) a he/she speaker looks for the person it refers to.
PRONOUN_LOOKBACK_CHARS = 2500
# How far back (tokens) the speaker of the previous sentence is looked for: two sentences.
PREVIOUS_SENTENCE_LOOKBACK_TOKENS = 4 * MAX_ATTRIBUTION_TOKENS
# Steps up the parse a cue without subject climbs to find the verb it shares a subject with.
MAX_SUBJECT_CLIMB = 4
# Steps up the parse from a word to the cue it must hang on (grammar._hangs_on).
MAX_HANG_DEPTH = 8
# Times a paragraph's quotes are paired again without a stray opener (keeps pairing linear).
MAX_PAIRING_RESTARTS = 3
# “A” — Smith: at most this many words after the dash, none a verb, read as a byline.
MAX_DASH_BYLINE_TOKENS = 8
# “Go back,” Trump barked: a verb outside the cue lexicon counts within this many words.
MAX_BARE_VERB_OFFSET = 6
# Rep. Smith (R-Tex.): “A” – a transcript speaker label is short.
MAX_TRANSCRIPT_COLON_TOKENS = 10
# "... - Jane Roe: “A”", "More from Roe: “A”": words that set a name off before a colon.
COLON_NAME_SETTERS = ("from", "by")
# An introducing sentence ends with a colon within its last tokens ("Caddell continued:").
INTRO_COLON_TOKENS = 3
# A cue-less quote inherits the speaker of at most this many quotes back in its paragraph.
MAX_QUOTES_BACK = 8
# Captions and link lines skipped back to the paragraph that introduces a quote paragraph.
MAX_SKIPPED_LINES = 3

# Double quotation marks: straight, curly, low, angle, and NYT-style `` and ''.
_DOUBLE_MARK = re.compile(r"''+|``|[\"“”„‟«»]")
# A markup tag left in plain text (<tweet id="7281">, </p>, <br/>): the marks around its
# attribute values quote nothing anyone said.
MARKUP_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>\n]*)?/?>")
# Single quotation marks (apostrophes too: marks._pair_singles tells them apart).
_SINGLE_MARK = re.compile(r"[‘’'‛`]")
# Horizontal spaces, the no-break and thin ones included.
_SPACES = " \t\u00a0\u2009\u200a\u202f\u3000"
# hyphen-minus, hyphen, non-breaking hyphen, figure dash, en and em dash, horizontal bar (the
# quotation dash of "“A.” ― Jane Roe"), minus sign
DASH_CHARS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# what may stand right before an opening / right after a closing mark in running text
_OPEN_BEFORE = set(_SPACES + DASH_CHARS + "([{</:;,") | {""}
_CLOSE_AFTER = set(_SPACES + DASH_CHARS + ")]}>/:;,.!?…") | {""}
# A word as counted for partial quotes and titles (don't, U.S., $15 are one word).
_WORD = re.compile(r"[\w@#$%]+(?:[’'.\-][\w]+)*")

# Verb tags: a cue the tagger tagged as a verb but did not call VERB/AUX is still a verb.
_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBG", "VBN", "VB"})

# Cues that answer someone: "“A?” Roe replied, “B.”" gives Roe the second quote, not the first.
RESPONSE_CUES = frozenset("answer reply respond retort counter".split())

# “A,” <noun phrase> <cue word>: read by the shape of the words (sieves.shaped_cue_after), the
# noun phrase at most this long, the cue one of the commonest forms, the phrase's words of these
# parts of speech (taggers misread them: "screenwriter" as a verb, "states" as a noun).
_SHAPE_MAX_SPEAKER_TOKENS = 8
_SHAPE_CUE_FORMS = frozenset("say said says write wrote writes tell told tells add added adds "
                             "state stated states read reads tweet tweeted tweets post posted "
                             "posts note noted notes".split())
_SHAPE_FILLER = frozenset({"DET", "ADJ", "PROPN", "NOUN", "NUM", "PART", "ADP", "PUNCT", "VERB", "ADV"})

# Parts of speech of the words of a speaker phrase between a quote and its cue (names, titles).
_NAME_POS = frozenset({"DET", "ADJ", "PROPN", "NOUN", "NUM", "PART"})

# Nouns of things that carry someone's words: "a statement saying" gives the words to the sender;
# "Trump issued a statement, “A”" makes "issued" a cue.
STATEMENT_NOUNS = frozenset("statement tweet message post email letter note memo release "
                            "remarks comment video caption ad advertisement response".split())

# Prepositions before a title that name where something was said or printed ("on ABC's “This
# Week”", "in “The Art of the Deal”"): the title is nobody's words.
WORK_PREPOSITIONS = frozenset("on in to with at from of".split())

# Words a title leaves in lower case ("How a Studio Ran Hollywood").
_MINOR_WORDS = frozenset("a an the and or but nor of in on at to for from by with as vs is".split())


# --------------------------------------------------------------------------------------------
# Reported speech (factx.quotes.reported)
# --------------------------------------------------------------------------------------------

# Beliefs, knowledge and findings: stances and results attributed to a source ("officials
# believe", "the study found"). News attribution corpora (PolNeAR, PARC) count them; the cue is
# recorded so users can filter them out.
BELIEF_CUES = frozenset("""
    believe think feel know find show suggest reveal indicate expect hope fear worry doubt
    assume guess imagine suspect understand learn realize realise recognize recognise
    predict estimate conclude acknowledge agree accept concede contend insist allege signal
    demonstrate posit theorize surmise forecast calculate notice consider
""".split())

# A dateline opening a news story ("WASHINGTON (AP) —"): its dash, and its longest length.
DATELINE_DASHES = frozenset({"—", "–", "--"})  # not "-": "U.S.-Mexico talks" opens no dateline
MAX_DATELINE_TOKENS = 12  # "SALEM, Ore., June 2 (AP) —" is ten

# Verbs of an "As X reported, A" phrase: the clause it hangs on is what X reported. Verbs that
# also tell when something happened ("As she testified, protesters gathered") are left out.
AS_CUES = frozenset("""
    say report note write explain mention reveal predict suggest argue claim tweet announce
    confirm state detail indicate observe acknowledge
""".split())

# Verbs whose clause is a stance, ruling or request but that do not introduce quotations (so they
# are no speech cues for direct quotes): "questioned whether ...", "pointed out that ...", "the
# judge ruled that ...", "implied that ...", "disputed that ...", "proposed that ...".
STANCE_CLAUSE_CUES = frozenset("question point rule imply dispute disclose propose request order convince".split())
# Every verb whose clause is what its subject says, believes or holds.
CLAUSE_CUES = CUE_LEMMAS | BELIEF_CUES | STANCE_CLAUSE_CUES

# Verbs whose reported content is an infinitive: "vowed to veto", "urged him to resign".
INFINITIVE_CUES = frozenset("""
    vow promise pledge threaten refuse decline urge ask plan want hope agree offer intend
    demand encourage warn advise tell call beg instruct order swear seek decide aim vote
    expect like prefer persuade strive challenge push press pressure implore
""".split())

# Verbs whose object is what the source said or stood for: "announced his resignation",
# "criticized the plan", "described the protests as peaceful", "accused the mayor of lying" (the
# object with its "of"/"for" phrase). Verbs of mere stance towards a person ("support", "back",
# "attack") are left out: their object is rarely content.
OBJECT_CUES = frozenset("""
    announce cite criticize criticise describe defend praise propose dismiss question reject
    condemn welcome applaud slam demand recommend predict dispute mention recall tout highlight
    confirm acknowledge admit disclose unveil outline decry denounce lament tweet repeat reiterate
    endorse oppose show report
    express voice stress note emphasize explain discuss echo reveal deny claim declare suggest
    mock hail credit advocate blast accuse blame issue thank congratulate champion detail compare
    disavow repudiate renounce lambaste excoriate bash chide scold rebuke fault assail deride ridicule
    berate castigate disparage belittle insult laud commend extol reference recount rebut
    bemoan articulate reaffirm rebuff downplay trumpet recite utter float envision contemplate retweet
    coin profess document
""".split())
# Verbs with a particle whose object is what the source said or proposed ("laid out a plan", "put
# forward proposals", "spelled out the terms").
OBJECT_PHRASAL_CUES = {"lay": {"out"}, "put": {"forward", "out"}, "spell": {"out"}, "roll": {"out"},
                       "brush": {"aside", "off"}, "single": {"out"}, "shrug": {"off"}}

# Verbs of stance whose object is what the subject stands for, wants, offers or attacks ("Lee
# supports the ban", "Park attacked the plan", "Ruiz wants a recount"): attributions in news, as
# beliefs are (the cue tells them apart), but only when someone takes the stance in the telling:
# "voters who support Lee" describes the voters.
STANCE_OBJECT_CUES = frozenset("support attack back offer want expect seek prefer embrace admire hate dislike "
                               "distrust consider".split())

# Verbs whose object is what was said only with one of these nouns as its head ("gave a vague
# answer", "told the story of ...", "made a pledge to ..."; "gave a speech" is an event, "told
# reporters" an addressee, "made the case" and "wrote a letter" are reports whose content is
# elsewhere).
OBJECT_NOUN_CUES = {
    "give": frozenset("answer endorsement preview advice instructions assurance assurances warning "
                      "account explanation reassurance blessing".split()),
    "tell": frozenset("story stories joke jokes tale tales".split()),
    "make": frozenset("promise promises pledge pledges commitment claim claims argument arguments "
                      "accusation accusations".split()),
    "offer": frozenset("assessment".split()),
}

# "The plan drew criticism from the mayor": a verb of receiving and a noun of reaction make the
# one the reaction comes from ("from"/"of") the source, and the subject what it is about.
REACTION_VERBS = frozenset("draw receive attract earn win garner".split())
REACTION_NOUNS = frozenset("criticism praise support condemnation scrutiny fire rebuke rebukes applause "
                           "backlash ire endorsement endorsements objections complaints".split())

# Stance verbs that take only a subject of their own: in "allowed him to begin a trial to consider
# the evidence" the trial considers it, not he.
OWN_SUBJECT_STANCES = frozenset({"consider"})

# Verbs whose object is a finding only when a poll, study or report is the one finding ("the
# survey found broad support for A"; "she found her keys" is no finding).
FINDING_CUES = frozenset("find".split())

# Verb + preposition pairs whose object is the content: "called for a ban", "spoke about ...".
PREPOSITION_CUES = {"call": {"for"}, "talk": {"about"}, "speak": {"about", "of", "against"},
                    "refer": {"to"}, "point": {"to"}, "warn": {"of", "about", "against"},
                    "rail": {"against"}, "complain": {"about"}, "argue": {"for", "against"},
                    "push": {"for"}, "comment": {"on"}, "testify": {"about"},
                    "boast": {"about", "of"}, "brag": {"about"}, "joke": {"about"},
                    "apologize": {"for"}, "ask": {"about", "for"}, "write": {"about", "of"},
                    "worry": {"about"}, "focus": {"on"}, "agree": {"with", "on"},
                    "side": {"with"}, "vote": {"for", "against"}, "campaign": {"for", "against"},
                    "hint": {"at"}, "allude": {"to"}, "weigh": {"on"}, "lash": {"at"},
                    "vouch": {"for"}, "balk": {"at"}, "liken": {"to"}, "advocate": {"for"},
                    "think": {"about"}, "charge": {"with"}, "hope": {"for"}, "believe": {"in"}, "dwell": {"on"},
                    "acquiesce": {"to"},
                    "distance": {"from"}}

# Verbs whose passive subject is the one accused or asked ("X is accused of A", "was charged with
# A", "was asked about A"): with no agent, the allegation or question has no named source.
PASSIVE_PREPOSITION_CUES = {"accuse": {"of"}, "charge": {"with"}, "suspect": {"of"}, "ask": {"about"},
                            "question": {"about", "on"}, "press": {"on", "about"}}

# "in favor of A", "in support of A": a stance of the clause's subject (the noun after "in" and the
# preposition it takes).
STANCE_PHRASES = {"favor": "of", "favour": "of", "support": "of", "opposition": "to", "defense": "of",
                  "defence": "of", "praise": "of"}

# Nouns whose "that" clause is someone's words or view: "his claim that ...", and with a
# copula, "her answer was that ...".
CLAIM_NOUNS = frozenset("""
    claim statement assertion allegation argument belief view suggestion promise pledge warning
    insistence contention accusation charge assurance admission announcement prediction
    answer response message point position explanation reasoning case concern fear hope theory
    excuse assumption complaint
""".split())

# Nouns whose "to" infinitive is what their owner intends or demands: "her decision to run",
# "Trump's plan to deport ...", "his refusal to testify".
INTENTION_NOUNS = frozenset("""
    plan decision promise pledge vow proposal refusal threat call demand order request offer
    intention bid inclination reluctance
""".split())

# Noun + preposition pairs whose object is what the owner stands for or against: "her support
# for the bill", "Trump's attacks on the judge", "his criticism of the deal".
NOUN_PREPOSITION_CUES = {"support": {"for"}, "criticism": {"of"}, "opposition": {"to"},
                         "endorsement": {"of"}, "attack": {"on"}, "call": {"for"},
                         "praise": {"for", "of"}, "remark": {"about", "on"},
                         "comment": {"about", "on"}, "embrace": {"of"}, "defense": {"of"},
                         "denial": {"of"}, "condemnation": {"of"}, "rejection": {"of"},
                         "complaint": {"about"}, "swipe": {"at"}}

# A noun cue speaks for its owner only as a subject ("Her decision to run surprised them"): as an
# object it is usually inside someone else's words ("Critics mocked her decision to run").
NOUN_CUE_DEPS = frozenset({"nsubj", "nsubjpass", "ROOT"})

# Cues whose content is a question, and the words that open a yes/no question ("asked workers
# if they planned to vote"): the question, "if" included, is the content.
QUESTION_CUES = frozenset({"ask", "wonder", "inquire", "query"})
QUESTION_MARKS = frozenset({"if", "whether"})
# Tags of relative pronouns ("that", "which", "who")
RELATIVE_TAGS = frozenset({"WDT", "WP"})
# Dependencies of a verb heading a relative clause or modifying a noun: a verb there is no generic cue
# for a quote after a colon ("a phrase that could have come from him: “A”")
SUBORDINATE_CLAUSE_DEPS = frozenset({"relcl", "acl"})

# Complementizers left out of a content span ("said that ...", "asked whether ..." keeps its
# "whether": the question is the content).
CONTENT_MARKS = frozenset({"that"})

# Pronouns that are no reported source on their own: "it" and "this" rarely stand for a
# speaker, and when they do it is unclear who; "you" is the reader.
NOT_SOURCES = frozenset("you me us it this".split())
# Outside quotation marks "I" and "we" are the article's writer ("I think the plan will fail"):
# a source, found "via" the writer.
WRITER_PRONOUNS = frozenset({"i", "we"})

# Quantifiers and shares that stand for a group of people as the subject of a cue ("Many in the
# crowd said ...", "Most say ...", "A third of independents say ...").
GROUP_QUANTIFIERS = frozenset("many most some few several all both half others majority minority "
                              "plurality third thirds quarter quarters fifth fifths share".split())

# Entity types of a share of people who speak through a poll ("72 percent of voters said").
POLL_ENTS = frozenset({"PERCENT", "CARDINAL"})

# Shortest reported clause (tokens) worth reporting, and the longest; a ", X said" this close to
# a clause's end is an attribution of its own.
MIN_CLAUSE_TOKENS = 3
MAX_CONTENT_TOKENS = 120
MAX_TRAILING_ATTRIBUTION_TOKENS = 12
# An apposition describing someone starts with one ("Ann Lee, a banker and former mayor"); the
# second item of a list the parser took for an apposition does not ("on taxes, the border and ...").
INDEFINITE_ARTICLES = frozenset({"a", "an"})
# What a verb has said already when an indefinite noun phrase follows its clause after a comma
# (", a move that ..."): its object, complement or a prepositional phrase.
CLAUSE_COMPLEMENTS = frozenset({"dobj", "attr", "acomp", "ccomp", "xcomp", "prep"})

# Verbs that link a subject to a description rather than report anything ("X is a 'relative
# concept'"), and the complements of a verb that hold what its subject says or does.
LINKING_VERBS = frozenset("be become seem appear remain look sound feel get".split())
COMPLEMENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "oprd", "prep", "dative", "acomp"})

# Verbs that name or label someone or something ("called the plan unrealistic"): with two
# objects the naming is what the subject said.
NAMING_CUES = frozenset("call label brand dub deem term".split())
# Dependencies the parser gives the name itself ("called it | a hoax", "deemed it | reckless").
NAME_DEPS = frozenset({"oprd", "xcomp", "acomp", "attr", "dobj"})
# What is named before a quoted name ("called | Park | “the conscience of the council”"): a short
# noun phrase or pronoun.
MAX_NAMED_TOKENS = 6
NAMED_POS = frozenset({"DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM", "PART"})

# A verb and its object noun that together say or take a stance ("made the case that A", "took
# aim at A", "raised concerns about A"), with the prepositions that take what it is about ("that":
# a clause); the object noun's lemma, or the adjective of "made (it) clear".
LIGHT_VERB_PHRASES = {
    "make": {"case": {"that", "for", "against"}, "clear": {"that"}, "comment": {"about", "on"},
             "remark": {"about", "on"}, "statement": {"about", "on"}, "mention": {"of"},
             "argument": {"that", "for", "against", "about"}, "point": {"that", "about"},
             "reference": {"to"}, "pitch": {"for"}, "plea": {"for"}, "appeal": {"for", "to"},
             "accusation": {"that", "against"}, "allegation": {"that", "against", "about"},
             "promise": {"that"}, "pledge": {"that"}, "prediction": {"that", "about"}},
    "take": {"shot": {"at"}, "swipe": {"at"}, "aim": {"at"}, "jab": {"at"}, "dig": {"at"},
             "issue": {"with"}, "credit": {"for"}, "position": {"on", "against"},
             "stance": {"on", "against"}, "stand": {"on", "against"}},
    "raise": {"concern": {"about", "over", "that"}, "question": {"about", "over", "of"},
              "doubt": {"about", "over"}, "alarm": {"about", "over"}, "objection": {"to"}},
    "draw": {"attention": {"to"}, "comparison": {"to", "with", "between"}, "contrast": {"with", "between"}},
    "cast": {"doubt": {"on"}, "blame": {"on"}},
    "put": {"blame": {"on"}}, "lay": {"blame": {"on"}}, "place": {"blame": {"on"}}, "pin": {"blame": {"on"}},
    "throw": {"support": {"behind"}, "weight": {"behind"}},
    "launch": {"attack": {"on", "against"}, "broadside": {"against", "at", "on"}},
    "level": {"criticism": {"at", "against"}, "charge": {"at", "against"}, "accusation": {"at", "against"}},
    "sound": {"alarm": {"about", "over", "on"}},
    "heap": {"praise": {"on"}, "scorn": {"on"}},
    "pour": {"water": {"on"}},
    "give": {"endorsement": {"to"}, "support": {"to"}, "backing": {"to"}},
    "pay": {"tribute": {"to"}},
    "have": {"opinion": {"of", "about", "on"}, "view": {"of", "on", "about", "that"},
             "feeling": {"about", "toward", "towards"}, "impression": {"of", "that"},
             "doubt": {"about", "that"}, "concern": {"about", "over", "that"}, "confidence": {"in"},
             "faith": {"in"}, "misgiving": {"about"}, "reservation": {"about"}},
    "hold": {"opinion": {"of", "about", "on"}, "view": {"of", "on", "about", "that"},
             "position": {"on"}, "belief": {"that"}},
}

# Adjectives of attitude after a linking verb, with the prepositions that take what the attitude
# is about ("voters are unhappy with A", "she was critical of A", "he is bent on A"), and those
# that also take a clause ("aides are confident that A"): a stance or belief of the subject.
# Adjectives that also describe things take only the preposition of an attitude ("open about",
# not "open to"; "clear about", not "clear of"); "sick of" is left out.
ATTITUDE_ADJECTIVES = {
    "optimistic": {"about"}, "pessimistic": {"about"}, "hopeful": {"about", "of"},
    "confident": {"about", "in", "of"}, "concerned": {"about", "over"}, "worried": {"about", "over"},
    "anxious": {"about", "over"}, "nervous": {"about"}, "critical": {"of"}, "supportive": {"of"},
    "skeptical": {"of", "about"}, "sceptical": {"of", "about"}, "wary": {"of"}, "opposed": {"to"},
    "unhappy": {"with", "about"}, "happy": {"with", "about"}, "satisfied": {"with"},
    "dissatisfied": {"with"}, "pleased": {"with"}, "displeased": {"with"},
    "disappointed": {"with", "in"}, "frustrated": {"with"}, "angry": {"at", "about", "over", "with"},
    "upset": {"about", "over", "with"}, "furious": {"at", "about", "over", "with"},
    "enthusiastic": {"about"}, "excited": {"about"}, "upbeat": {"about"}, "bullish": {"on", "about"},
    "bearish": {"on", "about"}, "appreciative": {"of"}, "grateful": {"for"}, "thankful": {"for"},
    "proud": {"of"}, "ashamed": {"of"}, "tired": {"of"}, "weary": {"of"}, "divided": {"on", "over"},
    "sure": {"about", "of"}, "certain": {"about", "of"}, "unsure": {"about", "of"},
    "uncertain": {"about"}, "doubtful": {"about", "of"}, "aware": {"of"}, "unaware": {"of"},
    "afraid": {"of"}, "fearful": {"of"}, "adamant": {"about"}, "bent": {"on"}, "intent": {"on"},
    "receptive": {"to"}, "hostile": {"to", "toward", "towards"},
    "sympathetic": {"to", "toward", "towards"}, "convinced": {"of"}, "vocal": {"about"},
    "outspoken": {"about"}, "shy": {"about"}, "upfront": {"about"}, "candid": {"about"},
    "open": {"about"}, "honest": {"about"}, "quiet": {"about", "on"}, "silent": {"about", "on"},
    "vague": {"about", "on"}, "clear": {"about"}, "right": {"about"}, "wrong": {"about"},
    "interested": {"in"}, "enamored": {"of", "with"}, "welcoming": {"of"}, "partial": {"to"},
    "hard": {"on"}, "tough": {"on"}, "soft": {"on"}, "firm": {"on"}, "unified": {"on", "behind"},
    "united": {"on", "behind"},
    "dismissive": {"of"},
}
# Adjectives of will whose infinitive is what the subject wants or refuses ("aides are eager to
# move on", "she was reluctant to endorse him").
ATTITUDE_INFINITIVE_ADJECTIVES = frozenset("""
    eager reluctant willing unwilling determined keen anxious ready hesitant loath inclined
""".split())
ATTITUDE_CLAUSE_ADJECTIVES = frozenset("""
    optimistic pessimistic hopeful confident concerned worried anxious nervous skeptical sceptical
    unhappy happy pleased disappointed upset angry furious sure certain unsure doubtful aware
    unaware afraid fearful adamant convinced proud grateful glad positive insistent
""".split())

# Verbs of how someone regards or portrays a thing, an attribution only with "as" ("voters see
# the plan as a burden", "she portrayed him as weak"); "saw him there" is no view.
REGARD_CUES = frozenset("see view regard perceive portray characterize characterise paint cast identify list interpret "
                        "remember".split())

# Past participles of a reputation, with what they take ("X is known as / for Y", "the contests
# known as Y"); the passive of a REGARD_CUES verb takes "as" ("she is seen as the favourite").
REPUTATION_CUES = {"know": ("as", "for")}

# Children of a cue after its reported clause that continue the content ("said A and that B",
# "said it would fail if ...").
TRAILING_CLAUSE_DEPS = frozenset({"ccomp", "advcl"})

# Prepositions of time after a reported object ("discussed the race | before making an
# endorsement", "praised the plan | after the vote"): when it happened, in the writer's words, no
# part of what was said.
TIME_PREPOSITIONS = frozenset("before after since until while during".split())
# Marks of a clause of reason, time or concession hung on an infinitive content: the writer's
# circumstance of a vow or refusal ("refused to speak | as she left"); a condition ("if",
# "until", "unless") is part of what was vowed.
CIRCUMSTANCE_MARKS = frozenset("because as although though while when after before since".split())

# Conjunctions of a subordinate clause that stays inside a report's content even when it holds a
# cue of its own ("said he has no idea if he would have told her to ..."); a cue joined by
# "while", "and" or nothing starts a second report ("A, while others said B").
SUBORDINATING_MARKS = frozenset("""
    if because when unless since until before after whether although though once
""".split())

# Words that may open a sentence before "according to X," without being part of the content
# ("But, according to the poll, ...").
SENTENCE_OPENERS = frozenset("but and so yet still also however meanwhile now".split())

# Prepositions after a cue's object that carry more of the content ("criticized Clinton for ...",
# "described the protests as ...", "praised her generosity in support of ..."); others ("on
# Sunday", "at a rally") are the writer's circumstances.
CONTENT_PREPOSITIONS = frozenset("as for of over about against with in than because".split())
# Prepositions that tell when or where something was said ("A, she said | on Tuesday | in an
# interview | at a rally"), after a cue that closes its sentence.
SETTING_PREPOSITIONS = frozenset("on in at during after before since through".split())


# Verbs of how things look ("he seemed rattled", "Trump appears to ..."): a view with no source
# but the writer's (PolNeAR annotates them as attributions without a source).
EVIDENTIAL_VERBS = frozenset("seem appear".split())

# "To his critics, A": an opening phrase whose people hold the view A. Not "for": "For Lee, the
# win means 99 delegates" is as often what A means for them as what they think.
PERSPECTIVE_PREPOSITIONS = frozenset({"to"})
VIEW_HOLDERS = frozenset("""
    people voter supporter critic opponent resident student lawmaker legislator official expert
    fan worker member reader viewer observer analyst economist scholar historian democrat
    republican conservative liberal progressive activist advocate leader parent family citizen
    american many some others other anyone everyone those most few
""".split())

# Adverbs that make their clause someone else's unnamed claim ("Lee reportedly met the donors",
# "the gun he allegedly used"): a report with no source.
HEARSAY_ADVERBS = frozenset("reportedly allegedly purportedly reputedly supposedly".split())

# "NAME: words" opening a paragraph (transcripts, "Poll: ..." headlines): the longest label, and
# labels that introduce no one's words.
MAX_LABEL_TOKENS = 4
# Labels that name people without a name: a group ("Insiders: A", "Economists: A").
LABEL_GROUP_NOUNS = frozenset("""
    insiders historians experts officials analysts economists strategists critics scientists
    doctors lawyers activists voters residents leaders aides advisers advisors donors investors
    pollsters observers
""".split())
# "Lee to donors: A", "Lee at rally: A": a headline's label naming to whom or where it was said.
LABEL_SETTING_WORDS = frozenset({"to", "at", "on", "in"})
# A colon ending a speaker's label; the tokenizer keeps "):" of "Rep. Lee (R-Ohio):" as one token.
COLON_TOKENS = frozenset({":", "):"})
# Longest apposition between a name and its cue ("Ann Lee, a former mayor of the city, said").
MAX_APPOSITION_TOKENS = 16
NOT_LABELS = frozenset(label.strip() for label in """
    read more|related|update|updated|editor's note|editor’s note|note|photo|photos|video|watch|
    source|sources|via|correction|clarification|listen|see also|more|also|advertisement|
    share|tags|topics|filed under|click here|subscribe|sign up|follow|credit|image|getty images
""".split("|"))

# Who can say things by name: entity types of people, organisations, groups and places
# ("Russia said"), and nouns of documents that speak for someone ("Poll: ...", "a report found").
SPEAKING_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# An object that can be who speaks in "led Democrats to say", "prompted them to complain": a
# name of people, or an object pronoun for people ("it" is a thing).
PEOPLE_ENTS = frozenset({"PERSON", "ORG", "NORP"})
PEOPLE_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
SOURCE_NOUNS = frozenset("poll survey report study analysis memo statement review audit".split())

# What measures opinion or standing: "in a new poll, 50 percent chose Clinton", "Trump leads in
# the polling average". The measure is the source of the clause around it.
MEASURE_NOUNS = frozenset("poll survey average study analysis forecast ranking tally".split())
# Documents and measures that can be a source ("a report showing that A", "the survey found A")
DOCUMENT_NOUNS = SOURCE_NOUNS | MEASURE_NOUNS
# "In a poll released Monday by X," — tokens between the poll and the comma that closes the phrase
MAX_OPENING_PHRASE_TOKENS = 16
# a verb of its own (not a participle describing the poll): the phrase is a clause, not a source
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})

# Quotation marks a reported content may start or end with (a mixed report: 'said the plan
# "will fail"'), kept when the surrounding punctuation is trimmed.
OPENING_MARKS = "\"“‘'`«"
CLOSING_MARKS = "\"”’'»"

# Dependency labels of a cue that hangs as a side clause on the verb of the sentence ("Trump
# told CNN, his policy would be ..."; "As Smith put it, the plan is ..."; "..., she said, ..."):
# the quote under that verb is still what the cue reports (grammar._governs).
GOVERNING_SIDE_CLAUSES = ("parataxis", "ccomp", "advcl", "conj")

# Dependency labels of a clause that is reported content, the complement of a cue, a noun or
# a preposition ("said he was ...", "the suggestion that he was ...", "questions on who he
# would like ..."): its verbs are somebody's words, not the narrative a participle cue goes
# with (sieves._participle_subject).
REPORTED_CLAUSE_DEPS = ("ccomp", "acl", "pcomp")
