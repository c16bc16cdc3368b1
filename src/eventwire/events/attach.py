"""Attach arguments to a detected event: who acted (actor1), who was targeted (actor2), from the dependency
parse first, then the list intro, then the paragraph, then the headline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.events.attribute import REPORTING_VERBS, anaphor_kind, earlier_party
from eventwire.events.context import inherited
from eventwire.model import Actor, ArticleState, Place, Sentence
from eventwire.nlp.actors import fold_text
from eventwire.nlp.lexicons import lexicon_rows, word_set
from eventwire.nlp.places import PlaceHit
from eventwire.nlp.segment import Block
from eventwire.resources import Resources

VERSION = "attach.v1"
PARTY_INTERS = {1, 2, 3, 4, 8}
# Unnamed state forces as the subject of an event ("the military arrested", "troops shelled", "police fired").
_POLICE_WORDS = word_set("forces.tsv", kind="police")
_OWN_UNITS = word_set("forces.tsv", kind="own_unit")  # only with "our"
_GROUP_INTERS = {2, 3, 4}  # non-state armed groups: what "the group", "the militants" point back to
_PARTY_INTERS = {1, 2, 3, 4, 8}
_REGIME_WORDS = word_set("forces.tsv", kind="regime")  # "regime troops", "the junta": the place's government
_BARE_FORCES = word_set("forces.tsv", kind="army") | _REGIME_WORDS | _POLICE_WORDS
_FORCE_MEMBERS = word_set("forces.tsv", kind="member")
_FORCE_WORDS = _BARE_FORCES | _OWN_UNITS
_MACHINES = word_set("forces.tsv", kind="machine")  # "military aircraft": only with a force word before it
_NON_STATE = word_set("forces.tsv", kind="non_state")  # "resistance forces", "rebel troops": no state's

_TARGET_BEFORE = re.compile(
    r"(?:\b(?:at|on|against|targeting|targeted|toward|towards|hit|struck|shelled|bombed|attacked|of|with|"
    r"killing|wounding|injuring|killed|wounded|injured|ambushed|intercepted|eliminated|assassinated|neutrali[sz]ed|"
    r"and|between)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,3}$)",
    re.IGNORECASE,
)
# "AA-held Pauktaw", "Houthi-controlled Hodeidah": the party holds the place, it does not act there
_HELD_AFTER = re.compile(r"[-\u2011](?:" + "|".join(sorted(word_set("holders.tsv"))) + r")\b", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_AGENT_BEFORE = re.compile(r"\bby\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# "an attack blamed on the RSF" (data/lexicons/en/blame_cues.tsv): the party blamed acted, as a passive's agent
_BLAMED_BEFORE = re.compile(
    r"\b(?:" + "|".join(row["pattern"] for row in lexicon_rows("blame_cues.tsv"))
    + r")\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)  # fmt: skip


SPEECH_VERBS = frozenset(REPORTING_VERBS)  # who says, reports, claims or denies speaks; it does not act


@dataclass(frozen=True, slots=True)
class ActorHit:
    start: int
    end: int
    actor: Actor


def choose_actors(
    actors: list[ActorHit],
    *,
    trigger_start: int,
    trigger_end: int,
    text: str,
    offset: int,
    sent: SpacySpan | None,
    speakers_act: bool = False,
) -> tuple[ActorHit | None, ActorHit | None]:
    """Return (actor1, actor2) among the actors of one sentence for the trigger at [trigger_start, trigger_end).

    The grammatical subject (or the "by" agent of a passive) acts. A speaker acts only when it speaks of itself
    ("Hezbollah said its fighters fired"), or in a battle when `speakers_act` ("X said a soldier was killed in a
    clash with Y": X fought); otherwise it neither acts nor is targeted. An actor after a target cue ("at",
    "on", "targeting", "a gathering of") is targeted.
    """

    def before(hit: ActorHit) -> str:
        return text[max(0, hit.start - offset - 40) : hit.start - offset]

    targets = actors
    actors = [h for h in actors if not _HELD_AFTER.match(text, h.end - offset)]  # only these may act

    speakers = _speakers(sent, offset) if sent is not None else []
    self_told = sent is not None and speaker_acts(sent)
    subject = _subject_actors(actors, trigger_start, sent, offset) if sent is not None else []
    actor1 = subject[0] if subject else None
    if actor1 is None:  # "An Israeli airstrike", "Russian shelling": the actor's name holds the trigger
        actor1 = next((h for h in actors if h.start <= trigger_start and trigger_end <= h.end), None)
    if actor1 is None and self_told:  # "The IDF said it had eliminated ...": the speaker acts, if armed
        # ("its fighters attacked ..., residents said": "its" is a party named before, not the residents)
        actor1 = next((h for h in actors if _inside(h, speakers) and h.actor.inter in _PARTY_INTERS), None)
    if actor1 is None:
        victims = _passive_subjects(sent, offset) if sent is not None else []
        if sent is not None and not speakers_act and (victims or not self_told):
            # "X confirmed two soldiers were killed", "X said US strikes hit Y": X speaks, it did not act
            victims += speakers
        actor1 = next(
            (
                h for h in actors
                if h.end <= trigger_start and not _TARGET_BEFORE.search(before(h)) and not _inside(h, victims)
            ),
            None,
        )  # fmt: skip
    if actor1 is None:  # a passive: "was struck by Israeli drones" (not "a list compiled by the AA")
        actor1 = next(
            (
                h for h in actors
                if h.start >= trigger_end and _AGENT_BEFORE.search(before(h))
                and _agent_of_trigger(h, trigger_start, sent, offset)
            ),
            None,
        )  # fmt: skip
    if actor1 is None:
        actor1 = next(
            (h for h in actors if h.start >= trigger_end and _BLAMED_BEFORE.search(before(h))), None
        )
    if (
        actor1 is None
    ):  # "clashes between Russian forces and Ukrainian forces": the first side, then the second
        first = next((h for h in actors if _BETWEEN_BEFORE.search(before(h))), None)
        if first is not None:
            second = next(
                (h for h in actors if h.start > first.end and h.actor.name != first.actor.name), None
            )
            return first, second
    if actor1 is not None and actor1.actor.name.startswith("Unidentified"):
        # "jihadists believed to belong to the Islamic State group attacked": the party the words before the trigger
        # name, not the unidentified armed group of their head noun
        actor1 = next(
            (
                h for h in actors
                if actor1.end <= h.start and h.end <= trigger_start and h.actor.inter in (2, 3, 4)
                and not h.actor.name.startswith("Unidentified") and not _TARGET_BEFORE.search(before(h))
            ),
            actor1,
        )  # fmt: skip
    actor2 = next(
        (
            h for h in targets
            if h is not actor1 and (actor1 is None or h.actor.name != actor1.actor.name)
            and (h.start >= trigger_start or _TARGET_BEFORE.search(before(h)))
            and not _AGENT_BEFORE.search(before(h)) and not _BLAMED_BEFORE.search(before(h))
            and not _inside(h, speakers)  # "..., residents said"
        ),
        None,
    )  # fmt: skip
    return actor1, actor2


def _agent_of_trigger(hit: ActorHit, trigger_start: int, sent: SpacySpan | None, offset: int) -> bool:
    """Return False when the "by" before an actor hangs on another verb than the trigger's ("a casualty list
    compiled by the AA", "a statement issued by the army"): that actor made the list, not the attack."""
    if sent is None:
        return True
    doc_start = sent.start_char
    at = {t.idx - doc_start + offset: t for t in sent}
    token = at.get(hit.start)
    trigger = next((t for t in sent if t.idx - doc_start + offset >= trigger_start), None)
    by = next((t for t in token.ancestors if t.lower_ == "by"), None) if token is not None else None
    if by is None or trigger is None or by.head.pos_ not in ("VERB", "AUX"):
        return True
    return by.head.i in {trigger.i, trigger.head.i} or by.head.i in {t.i for t in trigger.ancestors}


def _inside(hit: ActorHit, spans: list[tuple[int, int]]) -> bool:
    return any(start <= hit.start and hit.end <= end for start, end in spans)


def _subject_actors(
    actors: list[ActorHit], trigger_start: int, sent: SpacySpan, offset: int
) -> list[ActorHit]:
    """Actors inside the subject of the verb that governs the trigger (or in the trigger noun's modifiers)."""
    doc_start = sent.start_char
    token = next((t for t in sent if t.idx - doc_start + offset >= trigger_start), None)
    if token is None:
        return []
    spans: list[tuple[int, int]] = []
    for acl in (c for c in token.children if c.dep_ == "acl"):  # "an attack claimed by Hezbollah"
        for agent in (c for c in acl.children if c.dep_ == "agent"):
            spans.append(_char_span(agent, doc_start, offset))
    if spans:
        return [h for h in actors if _inside(h, spans)]
    node = token
    in_phrase = True  # still inside the trigger's own noun phrase
    for _ in range(4):
        if node.lemma_.lower() in SPEECH_VERBS:  # "..., the Israeli military said": a speaker, not an actor
            break
        for child in node.children:
            holds_trigger = (
                child.left_edge.i <= token.i <= child.right_edge.i
            )  # "a drone launched by X struck"
            # modifiers name the actor only on the trigger itself or a subject ("Israeli jets", "Hezbollah's
            # drone"), not on an object the climb passes ("eliminated a Hezbollah commander in a drone strike")
            modifier_ok = in_phrase or node.dep_ in ("nsubj", "nsubjpass", "ROOT")
            deps = (
                ("nsubj", "agent", "amod", "compound", "poss", "nmod") if modifier_ok else ("nsubj", "agent")
            )
            if child.dep_ in deps and (child.i < token.i + 1 or holds_trigger):
                left = min(t.idx for t in child.subtree)
                right = max(t.idx + len(t.text) for t in child.subtree)
                spans.append((left - doc_start + offset, right - doc_start + offset))
        if node.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in node.children):
            break
        if node.head.i == node.i:
            break
        in_phrase = in_phrase and node.dep_ in ("compound", "amod", "nmod")  # "Hezbollah missile attack"
        node = node.head
    return [h for h in actors if _inside(h, spans)]


def _passive_subjects(sent: SpacySpan, offset: int) -> list[tuple[int, int]]:
    """Spans of passive subjects ("Three Israeli soldiers were wounded"): those named there suffered, not acted."""
    doc_start = sent.start_char
    spans = []
    for token in sent:
        if token.dep_ == "nsubjpass":
            spans.append(_char_span(token, doc_start, offset))
    return spans


def _char_span(token: Token, doc_start: int, offset: int) -> tuple[int, int]:
    left = token.left_edge.idx - doc_start + offset
    return left, token.right_edge.idx + len(token.right_edge.text) - doc_start + offset


def _speakers(sent: SpacySpan, offset: int) -> list[tuple[int, int]]:
    """Spans of the subjects of speech verbs ("The Israeli military later confirmed that ..."): who speaks."""
    doc_start = sent.start_char
    return [
        _char_span(token, doc_start, offset)
        for token in sent
        if token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS
    ]


_SELF_WORDS = {"it", "its", "they", "their", "we", "our", "he", "his"}


def speaker_acts(sent: SpacySpan) -> bool:
    """Return True when what a speaker says is about itself: "Hezbollah said it fired", "its fighters"."""
    return any(
        t.lower_ in _SELF_WORDS and (t.dep_ == "nsubj" or (t.dep_ == "poss" and t.head.dep_ == "nsubj"))
        for t in sent
    )  # "its fighters fired", not "its members were killed"


def _acting_party(earlier: Sentence) -> ActorHit | None:
    """The party a sentence shows acting: actor1 of its main trigger, or, with no trigger, the first party named."""
    anchor = max(earlier.triggers, key=lambda h: (h.rule.role != "lethal", h.rule.weight), default=None)
    if anchor is not None:
        actor1, _ = choose_actors(earlier.actors, trigger_start=anchor.start, trigger_end=anchor.end,
                                  text=earlier.text, offset=earlier.start, sent=earlier.span)  # fmt: skip
        if actor1 is not None and actor1.actor.inter in PARTY_INTERS:
            return actor1
    party = next((h for h in earlier.actors if h.actor.inter in PARTY_INTERS), None)
    if party is not None and anchor is None:
        return party
    return None


def inherited_actor(state: ArticleState, sentence: Sentence) -> ActorHit | None:
    """Return the acting party of the nearest context sentence that shows one (list intro, paragraph, headline)."""
    return inherited(state, sentence, "actor", _acting_party)


def _finest_place(earlier: Sentence) -> PlaceHit | None:
    fine = [p for p in earlier.places if not p.origin]
    return min(fine, key=lambda p: (p.place.geo_precision or 3, p.start)) if fine else None


def inherited_place(state: ArticleState, sentence: Sentence, block: Block) -> PlaceHit | None:
    """Return a list item's "Place:" label, else the finest place of the nearest context sentence naming one."""
    if block.label is not None:
        label = [p for p in sentence.places if block.label[0] <= p.start and p.end <= block.label[1]]
        if label:
            return label[0]
    return inherited(state, sentence, "place", _finest_place)


def bare_forces(
    state: ArticleState, sentence: Sentence, anchor: int, place: Place | None, res: Resources
) -> ActorHit | None:
    """ "The military arrested...", "troops shelled...", "defused by police forces", "fighting broke out between
    military forces and ...": unnamed state forces acting are the forces of the state the text names most, else
    of the country where it happened (ACLED's reading)."""
    if sentence.span is None:
        return None
    base = sentence.start - sentence.span.start_char
    trigger = next((t for t in sentence.span if base + t.idx >= anchor), None)
    # "bombs exploded in X when junta aircraft hit them": the clause that tells how the trigger came about
    verbs = {trigger.i, trigger.head.i} if trigger is not None else set()
    for token in sentence.span:
        after = base + token.idx >= anchor
        how = after and token.dep_ == "nsubj" and token.head.dep_ == "advcl" and token.head.head.i in verbs
        if after and base + token.idx - anchor > 60 and not how:
            if base + token.idx - anchor > 200:
                break
            continue
        word = token.lower_
        if after:  # only the agent of a passive or one side of a clash stands after the trigger
            subject = token.dep_ == "pobj" and token.head.lower_ in ("by", "between")
            # ... or the other side of the trigger's own fight ("killed in heavy fighting with government forces")
            subject = subject or (
                token.dep_ == "pobj" and token.head.lower_ == "with" and token.head.head.i in verbs
            )  # fmt: skip
            # ... or the subject inside the trigger's own words ("military aircraft attacked")
            subject = subject or token.dep_ == "nsubj" and (base + token.idx - anchor <= 20 or how)
        else:
            # "In Soyapango, San Salvador, police forces arrested ...": the parser hangs the subject on the
            # place before it as an apposition
            subject = token.dep_ in ("nsubj", "conj") or token.dep_ == "appos" and token.head.pos_ == "PROPN"
            subject = subject or token.dep_ == "pobj" and token.head.lower_ == "between"
        if subject and word not in _FORCE_WORDS and word not in _FORCE_MEMBERS:
            # "military aircraft attacked", "army helicopters fired": a machine of unnamed forces acts for them
            force = next(
                (
                    c
                    for c in token.children
                    if c.dep_ in ("amod", "compound", "nmod") and c.lower_ in _BARE_FORCES
                ),
                None,
            )
            if force is None or word not in _MACHINES:
                continue
            word = force.lower_
        if not subject or word not in _FORCE_WORDS and word not in _FORCE_MEMBERS:
            continue
        police = word in _POLICE_WORDS or any(
            c.dep_ == "compound" and c.lower_ in _POLICE_WORDS for c in token.children
        )
        if word in _FORCE_MEMBERS and not police:  # "police officers" act; "officers" alone may be anyone's
            continue
        if token.head.lemma_.lower() in SPEECH_VERBS:
            continue
        start = base + token.idx
        if any(c.dep_ == "poss" and c.lower_ == "our" for c in token.children):
            # "our forces repelled": in a party's statement, the party itself
            if state.author is None or state.author.party is None:
                return None
            return ActorHit(start, start + len(token.text), state.author.party)
        if word in _OWN_UNITS:
            continue
        if any(c.dep_ in ("amod", "compound") and c.lower_ in _NON_STATE for c in token.children):
            continue  # "resistance forces captured a junta camp": the forces are not the state's
        regime = word in _REGIME_WORDS or any(c.lower_ in _REGIME_WORDS for c in token.children)
        where = place.country if place is not None else None
        country = (where or state.home) if regime else (state.home or where)
        forces = (
            res.actors.state_forces(country, on=state.article.published, police=police) if country else None
        )
        if forces is None:
            return None
        return ActorHit(start, start + len(token.text), forces.model_copy(update={"surface": token.text}))
    return None


def _trigger_agents(sentence: Sentence, anchor: int) -> list[Token]:
    """The subject or "by" agent of the verb that governs the trigger at `anchor` (none under a speech verb)."""
    if sentence.span is None:
        return []
    base = sentence.start - sentence.span.start_char
    node = next((t for t in sentence.span if base + t.idx >= anchor), None)
    for _ in range(4):  # from the trigger up to the verb that governs it
        if node is None or node.lemma_.lower() in SPEECH_VERBS:
            return []
        if node.dep_ == "pobj" and node.head.lower_ != "with":
            return []  # "militants died in heavy fighting" (but "bombed Saada with air strikes")
        agents = [c for c in node.children if c.dep_ in ("nsubj", "agent")]
        if agents or node.head.i == node.i:
            return agents
        node = node.head
    return []


def anaphor_subject(
    state: ArticleState, sentence: Sentence, anchor: int, *, kinds: tuple[str, ...] = ("party", "group")
) -> ActorHit | None:
    """ "The group stormed a base", "they fired a missile", "its fighters attacked an outpost": a subject that
    names no one acts for the armed party named last before it, in this paragraph or an earlier one; `kinds` are
    the anaphor kinds to resolve ("group": a non-state group; "party": any armed party, "it", "they")."""
    for agent in _trigger_agents(sentence, anchor):
        if agent.dep_ == "agent":
            agent = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if agent is None:
                continue
        words = " ".join(
            t.text for t in agent.subtree if t.i <= agent.i and t.dep_ in ("det", "amod", "compound")
        )
        words = f"{words} {agent.text}".strip()
        kind = anaphor_kind(words)
        if kind is None and agent.lower_ in _OWN_UNITS | _BARE_FORCES:  # "its fighters", "their men"
            owner = next((c for c in agent.children if c.dep_ == "poss"), None)
            kind = anaphor_kind(owner.text) if owner is not None else None
        if kind not in kinds:
            continue
        base = sentence.start - sentence.span.start_char  # type: ignore[union-attr]
        start = base + agent.left_edge.idx
        party = earlier_party(state, start, _GROUP_INTERS if kind == "group" else _PARTY_INTERS)
        if party is not None:
            end = base + agent.idx + len(agent.text)
            return ActorHit(start, end, party.model_copy(update={"surface": state.article.text[start:end]}))
    return None


def state_subject(state: ArticleState, sentence: Sentence, anchor: int, res: Resources) -> ActorHit | None:
    """ "Russia shelled Kharkiv", "the United States and Britain bombed Hodeidah", "strikes carried out by Israel":
    a state named as the one who acts is its military (ACLED codes the state's forces), the first of a pair."""
    if sentence.span is None:
        return None
    base = sentence.start - sentence.span.start_char
    for agent in _trigger_agents(sentence, anchor):
        if agent.dep_ == "agent":  # "by Israel"
            agent = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if agent is None:
                continue
        words = [
            t for t in agent.subtree if t.i <= agent.i and t.dep_ in ("compound", "det") or t.i == agent.i
        ]
        name = " ".join(t.text for t in words if t.lower_ != "the")
        info = res.actors.country_of(name) if name[:1].isupper() else None
        if info is None or fold_text(name) not in {
            fold_text(n) for n in (info.name, info.state_name, *info.aliases)
        }:
            continue  # a demonym ("Israeli") qualifies a noun the actor dictionary reads; a name stands alone
        forces = res.actors.state_forces(info.name, on=state.article.published)
        if forces is not None:
            start = base + words[0].idx
            end = base + agent.idx + len(agent.text)
            return ActorHit(start, end, forces.model_copy(update={"surface": state.article.text[start:end]}))
    return None


def target_words(text: str, after: int) -> str | None:
    """Return the words an event's trigger aims at ("at the Ramim barracks"), up to eight, or None."""
    tail = text[after:].strip(" ,")
    for cue in ("at ", "on ", "against ", "targeting ", "a ", "an ", "the "):
        if tail.lower().startswith(cue):
            phrase = tail.split(",")[0].split(".")[0]
            return " ".join(phrase.split()[:8]) or None
    return None
