"""Whether a trigger reports an event as done: not threatened, planned, negated, hypothetical or habitual
("would strike", "vowed to attack", "each side strikes"), not undone by the words around it ("rescued 7
kidnapped people"), and not a state of affairs ("fighting has raged since May").
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.nlp.lexicons import lexicon_rows, word_pattern, word_set
from eventwire.resources import read_data_tsv
from eventwire.nlp.triggers import TriggerHit
from eventwire.taxonomy import SubEventType

_IRREALIS = lexicon_rows("irrealis.tsv")  # data/lexicons/en/irrealis.tsv
_MODAL = frozenset(r["word"] for r in _IRREALIS if r["kind"] == "modal")
_IRREALIS_HEADS = frozenset(r["word"] for r in _IRREALIS if r["kind"] == "head")
_ATTEMPT_HEADS = frozenset(r["word"] for r in _IRREALIS if r["kind"] == "attempt")
_ONGOING = frozenset(r["word"] for r in _IRREALIS if r["kind"] == "ongoing") | {"be"}
# "Protesters set tyres on fire": verbs whose past reads like the present are not taken as habitual.
_SAME_IN_PAST = frozenset(r["word"] for r in _IRREALIS if r["kind"] == "past_like")
_REPORTING = frozenset(r["word"] for r in lexicon_rows("reporting_verbs.tsv"))
_PRESENT_BE = {"is", "are", "am", "'s", "'re"}
_HABITUAL = frozenset(r["word"] for r in _IRREALIS if r["kind"] == "habitual")
_GENERIC = frozenset(r["word"] for r in _IRREALIS if r["kind"] == "generic")
_SINCE = frozenset(r["word"] for r in _IRREALIS if r["kind"] == "since")
_RECURRENT = frozenset(r["word"] for r in _IRREALIS if r["kind"] == "recurrent")
_TOLL = frozenset(r["word"] for r in _IRREALIS if r["kind"] == "toll")
_TOLL_DEPS = ("oprd", "acomp", "advcl", "xcomp")
_NOUN_HEADS = frozenset(r["word"] for r in _IRREALIS if r["kind"] == "noun_head")
_HYPOTHETICAL = frozenset(r["word"] for r in _IRREALIS if r["kind"] == "hypothetical")

# Full month names but "may", a modal verb too, which the pattern below takes only with a year.
_MONTHS_BUT_MAY = "|".join(
    r["word"] for r in lexicon_rows("calendar.tsv", kind="month", form="full") if r["word"] != "may"
)
_MONTHS = frozenset(r["word"] for r in lexicon_rows("calendar.tsv", kind="month"))
# "For eleven months, the exchange of fire has...", "in recent weeks": a state of affairs, not one event.
DURATIVE = re.compile(
    r"\b(?:for (?:the )?(?:past |last )?(?:\w+|\d+) (?:days|weeks|months|years)|for (?:several |many )?(?:decades|years|months|weeks)\b|"
    r"(?:decades|years)-long|(?:over|during|in) the (?:past|last) (?:\w+ )?"
    r"(?:days|weeks|months|years|week|month|year)|in recent (?:days|weeks|months|years)|since (?:the (?:start|beginning|outbreak)|"
    rf"(?:{_MONTHS_BUT_MAY})(?: \d{{4}})?|"
    r"may \d{4}|\d{4})|(?:almost |nearly )?(?:daily|nightly|weekly|near-daily) (?:strikes|attacks|shelling|raids)|"
    r"(?:has|have|had) (?:raged|continued|persisted|dragged on|been (?:raging|going on|under ?way|ongoing))|"
    r"since (?:[\w-]+ ){1,3}(?:launched|began|started|invaded|erupted|broke out))\b",
    re.IGNORECASE,
)
_CLAUSE_CUTS = {"relcl", "ccomp", "conj", "parataxis", "acl"}
_MONTH_NUMBER = {r["word"]: int(r["number"]) for r in lexicon_rows("calendar.tsv", kind="month")}
_MONTH = "(?:" + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?)"
# "between 7 and 25 July", "between January and August 2020", "from April 15 to May 15": a span of dates
_SPAN = re.compile(
    rf"\b(?:between|from)\s+(?:(?P<d1>{_DAY})\s+)?(?P<m1>{_MONTH})?(?:\s+(?P<a1>\d{{1,2}}))?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"\s*\b(?:and|to|until|through)\s+(?:(?P<d2>{_DAY})\s+)?(?P<m2>{_MONTH})(?:\s+(?P<a2>\d{{1,2}}))?(?:,?\s+(?P<y2>\d{{4}}))?\b",
    re.IGNORECASE,
)
_LONG_SPAN_DAYS = 7  # a span longer than a week is a period (a toll, a campaign), not one event


def is_durative(text: str) -> bool:
    """Return True when the words tell a state of affairs or a period rather than one event: "fighting has raged
    since May", "for months", or a span of dates longer than a week ("between 7 and 25 July, armed groups carried
    out 10 attacks", "killed between January and August 2020"; "between 5 and 7 July" stays an event)."""
    if DURATIVE.search(text):
        return True
    for m in _SPAN.finditer(text):
        days = _span_days(m)
        if days is not None and days > _LONG_SPAN_DAYS:
            return True
    return False


def _span_days(m: re.Match[str]) -> int | None:
    """The days from the first to the last date of a span match (None when it is no span of dates)."""
    if m["m1"] is None and m["d1"] is None:
        return None  # "between Hamas and Israel"
    m2 = _MONTH_NUMBER[m["m2"].lower().rstrip(".")]
    m1 = _MONTH_NUMBER[m["m1"].lower().rstrip(".")] if m["m1"] else m2
    day = lambda d, a: int(re.sub(r"\D", "", d or a or "1"))  # noqa: E731
    y2 = int(m["y2"] or m["y1"] or 2001)
    y1 = int(m["y1"] or y2)
    try:
        first = dt.date(y1, m1, day(m["d1"], m["a1"]))
        last = dt.date(y2, m2, day(m["d2"], m["a2"]))
    except ValueError:
        return None
    days = (last - first).days
    return days + 365 if days < 0 and not m["y1"] else days


def clause_text(sent: SpacySpan, hit: TriggerHit, offset: int) -> str:
    """Return the words of the clause a trigger stands in: its verb's subtree without other clauses."""
    token = token_at(sent, hit.start - offset)
    if token is None:
        return sent.text
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    # a participle without a subject of its own belongs to the clause it hangs on: "since the beginning of the
    # year the army has intensified its attacks, targeting power stations"
    while (
        verb.dep_ in ("advcl", "xcomp", "acl", "conj")  # "killing 30 civilians, abducting 80 people"
        and verb.tag_ in ("VBG", "VBN")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        and verb.head.i != verb.i
    ):
        verb = verb.head
    cut: set[int] = set()
    for inner in verb.subtree:
        if (
            inner is not verb
            and inner.dep_ in _CLAUSE_CUTS
            and not (inner.dep_ == "conj" and inner.pos_ in ("NOUN", "PROPN", "NUM"))  # "January and August"
            and not (inner.left_edge.i <= token.i <= inner.right_edge.i)
        ):
            cut.update(t.i for t in inner.subtree)
    return " ".join(t.text for t in verb.subtree if t.i not in cut)


def is_irrealis(
    sent: SpacySpan, hit: TriggerHit, sent_offset: int, *, present_is_report: bool = False
) -> bool:
    """Return True when the trigger is threatened, planned, tried, negated, hypothetical or habitual ("each side
    strikes"), not reported as done. News reports events in the past tense; the present simple is analysis,
    except in headlines and live-blog items (present_is_report)."""
    token = token_at(sent, hit.start - sent_offset)
    if token is None:
        return False
    if not present_is_report and (_present_state(token) or _state_noun(token)):
        return True
    if _purpose_of_noun(token):
        return True
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _ATTEMPT_HEADS:
        return True  # "police tried to arrest a man"
    if token.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "amod" and c.lemma_.lower() in _HYPOTHETICAL for c in token.children
    ):
        return True  # "a possible large-scale attack", "an imminent offensive"
    if _under_noun_head(token):
        return True
    node, hops = token, 0
    acting_subject = False  # the climb passed the active subject of the verb it reached
    while hops < 4:
        if any(c.dep_ == "aux" and c.lower_ in _MODAL for c in node.children):
            return True
        if any(c.dep_ == "neg" for c in node.children) and node.pos_ in ("VERB", "AUX"):
            return True
        if (
            node.lemma_.lower() in _IRREALIS_HEADS
            and node.i != token.i
            and not any(c.dep_ == "agent" for c in node.children)  # "nurses called by the union protested"
            # "50 are feared dead after the strike": what is feared is the toll, the strike was reported
            and not any(c.dep_ in _TOLL_DEPS and c.lemma_.lower() in _TOLL for c in node.children)
            # "protesters demanded justice", "hundreds protested in X, demanding ...": who demands or plans acted
            # (a planned protest is the subject of a passive: "a rally is planned for Sunday")
            and not acting_subject
        ):
            return True
        acting_subject = acting_subject or node.dep_ == "nsubj"
        if node.head.i == node.i or (
            node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") and not _infinitive(node.head)
        ):
            # "did not acknowledge the strikes, but said ... destroyed": a conjunct has its own polarity, unless
            # it shares an infinitive's "to" ("called on him to recover the cattle and arrest those responsible")
            break
        node, hops = node.head, hops + 1
    return False


def _under_noun_head(token: Token) -> bool:
    """Return True when the event word is what a planning or ending noun is about, through prepositions only:
    "preparations for a possible attack", "called for an end to the fighting", "the threat of air strikes"."""
    node = token
    for _ in range(4):
        head = node.head
        if head.i == node.i or node.dep_ not in ("pobj", "prep", "compound"):
            return False
        if head.pos_ == "NOUN" and head.lemma_.lower() in _NOUN_HEADS:
            return True
        node = head
    return False


def is_background(
    sent: SpacySpan, hit: TriggerHit, sent_offset: int, *, published_year: int | None = None
) -> bool:
    """Return True when the trigger names no one event of the news: the starting point of a state of affairs
    ("has traded fire every day since the October 7 attack", "since launching a major offensive ... it has taken
    170 outposts"), a habit ("Turkey regularly carries out strikes"), any or no event ("any hostile act
    targeting civilians", "no clashes were reported"), or history dated by a bare earlier year in its own clause
    ("took control of the West Bank in the Six-Day War of 1967"). Background sentences tell these to situate
    the news."""
    token = token_at(sent, hit.start - sent_offset)
    if token is None:
        return False
    if token.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "det" and c.lower_ in _GENERIC for c in token.children
    ):
        return True
    node = token
    while True:
        if node is not token and node.lower_ in _SINCE and node.dep_ in ("prep", "mark"):
            # the trigger is the object of "since": "since the Palestinian group's attack on Israel"
            return True
        if node.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "mark" and c.lower_ in _SINCE for c in node.children
        ):
            return True  # a clause of "since": "since Moscow launched its invasion"
        if node.head.i == node.i:
            break
        node = node.head
    verb = _clause_verb(token)
    modifiers = (*verb.children, *token.children)
    if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in modifiers):
        return True
    if _perfect_since(verb) or _motive(token):
        return True
    if any(c.dep_ == "npadvmod" and any(d.lower_ in _RECURRENT for d in c.children) for c in modifiers):
        return True  # "have clashed almost every day"
    return published_year is not None and any(
        (year := _bare_year(t)) is not None and year < published_year and _dates_clause(t, verb) for t in sent
    )


def _dates_clause(year: Token, verb: Token) -> bool:
    """Return True when a year is the object of a preposition in the verb's own clause ("in the war of 1967"),
    not a modifier ("the 2015 peace deal") nor the start of a span ("the deadliest attack since 2022")."""
    if year.dep_ != "pobj":
        return False
    node = year
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
        if node.lower_ in _SINCE:
            return False
    return node.i == verb.i


_RUNNING = word_pattern("running_tolls.tsv")  # data/lexicons/en/running_tolls.tsv: "since" but "since dawn"


def is_perfect(sent: SpacySpan, hit: TriggerHit, offset: int) -> bool:
    """Return True when the trigger's clause is a present perfect ("the Houthis have shelled Taiz"): in a sentence
    that tells a period ("although hostilities have fallen since the ceasefire began in April 2022"), what has
    gone on over it, not one event."""
    token = token_at(sent, hit.start - offset)
    if token is None:
        return False
    verb = _clause_verb(token)
    # "have shelled Taiz and fired missiles at Marib": a conjunct without its own subject shares the tense
    while (
        verb.dep_ == "conj" and verb.head.i != verb.i
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children)
    ):  # fmt: skip
        verb = verb.head
    return _has_perfect_aux(verb)


def _has_perfect_aux(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in verb.children
    )


_MOTIVES = frozenset(r["word"] for r in lexicon_rows("comments.tsv", kind="motive"))  # data/lexicons/en/
_DATED = re.compile(
    r"\b(?:"
    + "|".join(
        [r["word"] for r in lexicon_rows("comments.tsv", kind="dated")]
        + [r["word"] for r in lexicon_rows("calendar.tsv") if r["form"] == "full" and r["word"] != "may"]
    )
    + r")\b"
)


def _motive(token: Token) -> bool:
    """Return True for an event word that is the reason a side gives ("in response to Israeli air strikes on
    southern Lebanon", "in retaliation for the strike on Hodeidah", "to avenge the killing of its commander"):
    told to explain the news, not as news of its own."""
    if {c.dep_ for c in token.children} == {"det"}:
        return False  # "in response to the attack": the news event itself, pointed at
    node = token
    for _ in range(4):
        head = node.head
        if head.i == node.i or node.dep_ not in ("pobj", "prep", "dobj", "compound"):
            return False
        if head.lemma_.lower() in _MOTIVES and head.pos_ in ("NOUN", "VERB"):
            words = " ".join(t.lower_ for t in head.subtree)
            return not _DATED.search(words) and not _placed_attack(token)
        node = head
    return False


_BROAD = word_set("comments.tsv", kind="broad")
_GENERIC_MOTIVE = word_set("comments.tsv", kind="generic")
_ADMIN_UNIT = word_pattern("admin_units.tsv")
_COUNTRY_NAMES = frozenset(
    n.strip().lower()
    for row in read_data_tsv("countries.tsv")
    for n in (row["name"], row["state_name"], *row["aliases"].split(","))
    if n.strip()
)
_DEMONYMS = frozenset(
    d.strip().lower() for row in read_data_tsv("countries.tsv") for d in row["demonyms"].split(",") if d.strip()
)
_SETTLEMENT_OR_SITE = re.compile(
    r"^(?:"
    + "|".join(
        [r["pattern"] for r in lexicon_rows("settlement_words.tsv")]
        + [r"cit(?:y|ies)"]
        + [re.escape(r["word"].split()[-1]) for r in lexicon_rows("site_words.tsv")]
    )
    + r")$",
    re.IGNORECASE,
)
_PLACE_PREPOSITIONS = frozenset({"on", "in", "at", "near", "against", "targeting", "outside", "inside"})


def _placed_attack(token: Token) -> bool:
    """Return True when a reason a side gives is one attack the text places at a village, town, city or site ("in
    response to the strike on Khiam", "in retaliation for the shelling of the village of Houla"): an event like any
    other (docs/coding.md section 8); not a run of attacks ("repeated massacres") nor one placed only at a country or
    a region ("Israeli aggression on southern Lebanon", "strikes on the Gaza Strip")."""
    if any(c.dep_ == "amod" and c.lower_ in _GENERIC_MOTIVE for c in token.children):
        return False
    return any(
        _names_a_place(t, token)
        for t in token.subtree
        if t.pos_ == "PROPN"
        and (t.dep_ not in ("compound", "flat") or (t.head.pos_ == "NOUN" and _SETTLEMENT_OR_SITE.match(t.head.text)))
    )


def _names_a_place(name: Token, trigger: Token) -> bool:
    """Return True when a proper name in a reason's words is where that attack fell: the object of "on / in / at"
    or of "the village of", "the shelling of", and neither a country, a region nor a people."""
    words = [t for t in name.subtree if t.dep_ in ("compound", "flat") and t.i < name.i and t.pos_ == "PROPN"]
    start = words[0].i if words else name.i
    doc = name.doc
    text = doc[start : name.i + 1].text.lower().removeprefix("the ")
    if name.ent_type_ == "ORG" or text in _COUNTRY_NAMES or text in _DEMONYMS:
        return False
    if any(w in _BROAD for w in text.replace("-", " ").split()) or (start and doc[start - 1].lower_ in _BROAD):
        return False
    if name.i + 1 < len(doc) and (doc[name.i + 1].lower_ in _BROAD or _ADMIN_UNIT.match(doc[name.i + 1].text)):
        return False
    head = name.head if name.dep_ == "compound" else name  # "Hodeidah port": the site word stands in the clause
    while head.dep_ in ("conj", "appos") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "dobj":
        return head.head.lower_ in _PLACE_PREPOSITIONS or head.head.lemma_ in ("target", "hit", "strike")
    if head.dep_ != "pobj":
        return False
    prep = head.head
    if prep.lower_ in _PLACE_PREPOSITIONS:
        return True
    if prep.lower_ != "of":
        return False
    before = prep.head
    return bool(_SETTLEMENT_OR_SITE.match(before.text)) or (before.i == trigger.i and name.ent_type_ != "PERSON")


def _perfect_since(verb: Token) -> bool:
    """Return True for a present perfect counted from a starting point: "since the juntas took power, jihadists
    have attacked towns such as Djibo", "Israel has struck Lebanon 30 times since the truce" -- what has gone on,
    not one event ("have shelled Kherson since dawn" is today's)."""
    if not _has_perfect_aux(verb):
        return False
    for child in verb.children:
        since = child.lower_ in _SINCE and child.dep_ == "prep"
        clause = child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in _SINCE for m in child.children
        )
        if (since or clause) and _RUNNING.search(" ".join(t.text for t in child.subtree)):
            return True
    return False


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a token stands in (the token itself for a verb; the root for a verbless one)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _bare_year(token: Token) -> int | None:
    """A year written alone ("in 1967", "the 2015 peace deal"), not in a day-month date, which the dates stage
    reads ("on 12 December 2023")."""
    if not re.fullmatch(r"(?:19|20)\d\d", token.text):
        return None
    before = token.doc[max(token.i - 2, 0) : token.i]
    if any(t.lower_.rstrip(".") in _MONTHS for t in before):
        return None
    return int(token.text)


def _present_state(token: Token) -> bool:
    """ "each side strikes", "crime groups are fighting over territory": a present simple or present
    progressive verb in a clause of its own tells what goes on, not an event that happened."""
    if token.tag_ in ("VBZ", "VBP"):
        return not (token.tag_ == "VBP" and token.lemma_.lower() in _SAME_IN_PAST) and token.dep_ in (
            "ROOT", "ccomp", "conj", "advcl",
        )  # fmt: skip
    return (
        token.tag_ == "VBG"
        and token.dep_ in ("ROOT", "ccomp", "conj", "advcl", "relcl")
        and any(c.dep_ == "aux" and c.lower_ in _PRESENT_BE for c in token.children)
    )


def _state_noun(token: Token) -> bool:
    """ "Israeli bombardment continues across Gaza", "The attack comes as talks resume", "months of fighting": an
    event noun whose verb is a present of going on, or that measures a span of time, names no one event."""
    gerund = token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass")  # "Fighting goes on in Thandwe"
    if token.pos_ not in ("NOUN", "PROPN") and not gerund:
        return False
    head = token.head
    if (
        token.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lower_ in ("months", "years", "decades", "weeks")
    ):
        return not any(c.dep_ == "nummod" for c in head.head.children)  # "two weeks of fighting" is counted
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    lemma = head.lemma_.lower()
    particle = next(
        (c.lower_ for c in head.children if c.dep_ == "prt" or (c.i == head.i + 1 and c.dep_ == "prep")), None
    )
    return (
        head.tag_ in ("VBZ", "VBP")
        and (lemma in _ONGOING or f"{lemma} {particle}" in _ONGOING)  # "fighting goes on"
        and lemma not in _REPORTING
    )


def _infinitive(token: Token) -> bool:
    return token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _purpose_of_noun(token: Token) -> bool:
    """ "the will and capability to attack US forces", "a plan to strike": an infinitive that completes a noun
    or an adjective names what could be done, not what was."""
    verb = token
    while verb.dep_ in ("dobj", "compound", "amod") and verb.head.i != verb.i and verb.pos_ != "VERB":
        verb = verb.head
    if not _infinitive(verb):
        return False
    head = verb.head
    while head.dep_ == "conj" and head.head.i != head.i and head.pos_ in ("NOUN", "ADJ"):
        head = head.head
    return verb.dep_ in ("acl", "xcomp", "advcl") and head.pos_ in ("NOUN", "ADJ")


_RESCUE_VERBS = frozenset(row["word"] for row in lexicon_rows("undone.tsv", kind="rescue"))
_THINGS = frozenset(row["word"] for row in lexicon_rows("undone.tsv", kind="thing"))


def is_undone(sent: SpacySpan, hit: TriggerHit, sent_offset: int) -> bool:
    """Return True when the words around a trigger say the event it names is not what happened here: "rescued 7
    kidnapped people" (a rescue, not an abduction by the rescuers; the victims' "kidnapped" describes them),
    "recovered arms and livestock" (goods, not ground regained)."""
    token = token_at(sent, hit.start - sent_offset)
    if token is None:
        return False
    if hit.rule.sub_event_type == SubEventType.ABDUCTION_FORCED_DISAPPEARANCE:
        if token.dep_ in ("amod", "compound"):
            return True  # "kidnapped people", "kidnap victims"
        node = token
        for _ in range(4):
            if node.head.i == node.i:
                break
            node = node.head
            if node.lemma_.lower() in _RESCUE_VERBS:
                return True
        return False
    if hit.rule.role == "territory" and (
        token.dep_ in ("amod", "acomp", "oprd")
        or token.tag_ == "VBN"
        and token.dep_ in ("advcl", "acl")
        and not any(c.dep_ in ("aux", "auxpass", "dobj", "agent") for c in token.children)
    ):
        return True  # "the liberated parts of Kherson", "schoolbags lay abandoned": a state, not a takeover
    if hit.rule.sub_event_type == SubEventType.GOVERNMENT_REGAINS_TERRITORY and token.lower_ == "recovered":
        # "recovered arms and livestock", "weapons and ammunition were recovered", "a large quantity of weapons
        # was recovered": the thing recovered is the object or the passive subject
        held = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if not held:  # "recovered an AK-47 rifle" parsed with the object under a preposition
            held = [t for t in token.subtree if t.i > token.i and t.dep_ in ("pobj", "compound")][:1]
        return any(t.lower_ in _THINGS for c in held for t in c.subtree)
    return False


def token_at(sent: SpacySpan, char: int) -> Token | None:
    """Return the token of a parsed sentence that holds character `char` of the sentence's text, or None."""
    doc_char = sent.start_char + char
    for token in sent:
        if token.idx <= doc_char < token.idx + len(token.text):
            return token
    return None
