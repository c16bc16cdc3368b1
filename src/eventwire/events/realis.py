"""Whether a trigger reports an event as done: not threatened, planned, negated, hypothetical or habitual
("would strike", "vowed to attack", "each side strikes"), not undone by the words around it ("rescued 7
kidnapped people"), and not a state of affairs ("fighting has raged since May").
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.nlp.lexicons import lexicon_rows
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

# Full month names but "may", a modal verb too, which the pattern below takes only with a year.
_MONTHS_BUT_MAY = "|".join(
    r["word"] for r in lexicon_rows("calendar.tsv", kind="month", form="full") if r["word"] != "may"
)
# "For eleven months, the exchange of fire has...", "in recent weeks": a state of affairs, not one event.
DURATIVE = re.compile(
    r"\b(?:for (?:the )?(?:past |last )?(?:\w+|\d+) (?:days|weeks|months|years)|for (?:several |many )?(?:decades|years|months|weeks)\b|"
    r"(?:decades|years)-long|over the (?:past|last) (?:\w+ )?"
    r"(?:days|weeks|months|years)|in recent (?:days|weeks|months|years)|since (?:the (?:start|beginning|outbreak)|"
    rf"(?:{_MONTHS_BUT_MAY})(?: \d{{4}})?|"
    r"may \d{4}|\d{4})|(?:almost |nearly )?(?:daily|nightly|weekly|near-daily) (?:strikes|attacks|shelling|raids)|"
    r"(?:has|have|had) (?:raged|continued|persisted|dragged on|been (?:raging|going on|under ?way|ongoing))|"
    r"since (?:\w+ ){1,3}(?:launched|began|started|invaded|erupted|broke out))\b",
    re.IGNORECASE,
)
_CLAUSE_CUTS = {"relcl", "ccomp", "conj", "parataxis", "acl"}


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
        verb.dep_ in ("advcl", "xcomp", "acl")
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
    node, hops = token, 0
    while hops < 4:
        if any(c.dep_ == "aux" and c.lower_ in _MODAL for c in node.children):
            return True
        if any(c.dep_ == "neg" for c in node.children) and node.pos_ in ("VERB", "AUX"):
            return True
        if (
            node.lemma_.lower() in _IRREALIS_HEADS
            and node.i != token.i
            and not any(c.dep_ == "agent" for c in node.children)  # "nurses called by the union protested"
        ):
            return True
        if node.head.i == node.i or (
            node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") and not _infinitive(node.head)
        ):
            # "did not acknowledge the strikes, but said ... destroyed": a conjunct has its own polarity, unless
            # it shares an infinitive's "to" ("called on him to recover the cattle and arrest those responsible")
            break
        node, hops = node.head, hops + 1
    return False


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
    if token.pos_ not in ("NOUN", "PROPN"):
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
    return (
        head.tag_ in ("VBZ", "VBP")
        and head.lemma_.lower() in _ONGOING
        and head.lemma_.lower() not in _REPORTING
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
