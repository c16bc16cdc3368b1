"""Typing overrides: ordered, named rules that change a detected event's type once its sides and place are known
(the ACLED codebook reads the whole event, not the trigger alone), and the article-level rule that makes a
demonstration violent when the next sentences say its crowd burned or stoned.

Each rule takes the event's current typing and what it may read, and returns a new typing or None. They run in
the order of RULES, each on the typing the previous ones left."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from eventwire.events.detect import DESTRUCTIVE
from eventwire.model import Actor, ArticleState, Place, Sentence
from eventwire.nlp.lexicons import lexicon_rows, word_pattern
from eventwire.nlp.triggers import TriggerHit
from eventwire.resources import Resources
from eventwire.taxonomy import EventType, SubEventType

VERSION = "typing.v2"


@dataclass(frozen=True, slots=True)
class Typed:
    """An event's type, sub-type and weapon as the rules pass them on."""

    event_type: str
    sub_event_type: str
    weapon: str | None


@dataclass(frozen=True, slots=True)
class TypingFacts:
    """What a typing rule may read: the article, the sentence, the trigger, who acted and where."""

    state: ArticleState
    sentence: Sentence
    anchor: TriggerHit
    actor1: Actor | None
    place: Place | None


TypingRule = Callable[[Typed, TypingFacts], "Typed | None"]

_ARREST_VIOLENCE = word_pattern("arrest_violence.tsv")  # data/lexicons/en/arrest_violence.tsv
_DISAPPEARED = word_pattern("disappeared.tsv")  # data/lexicons/en/disappeared.tsv
_AIRCRAFT_WORDS = word_pattern("aircraft.tsv", air_arm="yes")  # data/lexicons/en/aircraft.tsv
# The subject of a sentence that goes on about the demonstrators just named.
_CROWD_SUBJECT = re.compile(
    r"^\W*(?:" + "|".join(r["pattern"] for r in lexicon_rows("crowd_subjects.tsv")) + r")\b", re.IGNORECASE
)  # data/lexicons/en/crowd_subjects.tsv


def _territory_by_home(typed: Typed, facts: TypingFacts) -> Typed | None:
    """ACLED: a government regains its own country's ground; any other force, a state's abroad included
    (Russian forces in Ukraine), overtakes it."""
    actor1, place = facts.actor1, facts.place
    if (
        typed.event_type != EventType.BATTLES
        or "territory" not in typed.sub_event_type
        or actor1 is None
        or place is None
    ):
        return None
    home = actor1.inter == 1 and actor1.country is not None and actor1.country == place.country
    sub = (
        SubEventType.GOVERNMENT_REGAINS_TERRITORY
        if home
        else SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY
    )
    return Typed(typed.event_type, sub, typed.weapon)


def _violent_arrest(typed: Typed, facts: TypingFacts) -> Typed | None:
    """ "beat and arrested five students", "arrested and killed": ACLED codes the violence, an attack."""
    if typed.sub_event_type != SubEventType.ARRESTS or not _ARREST_VIOLENCE.search(facts.sentence.text):
        return None
    return Typed(EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ATTACK, typed.weapon)


def _disappearance(typed: Typed, facts: TypingFacts) -> Typed | None:
    """Taken by an armed group, or taken with no word of where: ACLED's abduction/forced disappearance."""
    if typed.sub_event_type != SubEventType.ARRESTS:
        return None
    sentence, actor1 = facts.sentence, facts.actor1
    if _DISAPPEARED.search(facts.state.article.text, sentence.start, sentence.end + 120) or (
        actor1 is not None and actor1.inter in (2, 3, 4)
    ):
        return Typed(
            EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ABDUCTION_FORCED_DISAPPEARANCE, typed.weapon
        )
    return None


def _air_arm_attack(typed: Typed, facts: TypingFacts) -> Typed | None:
    """ "Israeli aircraft also hit the outskirts of Khiam", "warplanes launched raids ... A raid targeted a house":
    an air force's generic attack is an air strike."""
    actor1 = facts.actor1
    if facts.anchor.rule.role != "generic" or typed.sub_event_type not in (
        SubEventType.ARMED_CLASH,
        SubEventType.ATTACK,
    ):
        return None
    if actor1 is None or not (
        actor1.name.endswith(" Air Force") or (actor1.surface and _AIRCRAFT_WORDS.search(actor1.surface))
    ):
        return None
    return Typed(EventType.EXPLOSIONS_REMOTE_VIOLENCE, SubEventType.AIR_DRONE_STRIKE, "air/drone")


# (actor, country attacked) -> the sub-event type of its generic attacks there (data/lexicons/en/cross_border_fire.tsv)
_CROSS_BORDER_FIRE = {(r["actor"], r["country"]): r["sub_event_type"] for r in lexicon_rows("cross_border_fire.tsv")}
_GENERIC_ATTACK = re.compile(r"^(?:attack|target|hit|struck|strike)", re.IGNORECASE)
_POINTS_BACK = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


def _cross_border_fire(typed: Typed, facts: TypingFacts) -> Typed | None:
    """ "Hezbollah said it had attacked an army position in Metula": a party that fires across a front without
    crossing it (`cross_border_fire.tsv`) attacks the other side's ground from a distance; a generic attack word
    there is its fire (ACLED: Shelling/artillery/missile attack), not a clash. A weapon the text names (drones) has
    typed the event already; a clash told as such stays one."""
    actor1, place = facts.actor1, facts.place
    if actor1 is None or place is None or typed.sub_event_type not in (SubEventType.ARMED_CLASH, SubEventType.ATTACK):
        return None
    sub = _CROSS_BORDER_FIRE.get((actor1.name, place.country or ""))
    if sub is None or not (facts.anchor.rule.role == "generic" or _GENERIC_ATTACK.match(facts.anchor.text)):
        return None
    before = facts.sentence.text[: max(0, facts.anchor.start - facts.sentence.start)]
    if _POINTS_BACK.search(before):
        return None  # "two soldiers were killed in the attack": a retelling of the attack told before, typed there
    weapon = "air/drone" if sub == SubEventType.AIR_DRONE_STRIKE else "artillery/missile"
    return Typed(EventType.EXPLOSIONS_REMOTE_VIOLENCE, sub, weapon)


RULES: tuple[tuple[str, TypingRule], ...] = (
    ("territory_by_home", _territory_by_home),
    ("violent_arrest", _violent_arrest),
    ("disappearance", _disappearance),
    ("air_arm_attack", _air_arm_attack),
    ("cross_border_fire", _cross_border_fire),
)


def retype(typed: Typed, facts: TypingFacts) -> Typed:
    """Return the typing after every rule of RULES, in order."""
    for _name, rule in RULES:
        typed = rule(typed, facts) or typed
    return typed


def violent_demonstrations(state: ArticleState, res: Resources) -> set[int]:
    """Make a demonstration violent when the next sentences say its demonstrators burned, barricaded or threw
    stones ("... demonstrated in Rennes. They broke windows and set items on fire."), as ACLED codes it: one
    violent demonstration. The follow-up's own property-destruction or riot mention is that same act: the ids of
    those folded mentions are returned."""
    folded: set[int] = set()
    blocks = state.layout.blocks
    for k, sentence in enumerate(state.sentences):
        protests = [m for m in sentence.mentions if m.event_type == EventType.PROTESTS]
        if not protests:
            continue
        paragraph = blocks[sentence.block].paragraph
        for follow in state.sentences[k + 1 : k + 3]:
            if blocks[follow.block].paragraph != paragraph or any(
                m.event_type not in (EventType.RIOTS, EventType.STRATEGIC_DEVELOPMENTS)
                for m in follow.mentions
            ):
                break
            if not (_CROWD_SUBJECT.match(follow.text) and DESTRUCTIVE.search(follow.text)):
                continue
            for m in protests:
                m.event_type, m.sub_event_type = EventType.RIOTS, SubEventType.VIOLENT_DEMONSTRATION
                if m.actor1 is not None and m.actor1.inter == 6 and m.actor1.country:
                    m.actor1 = res.actors.rioters(m.actor1.country)
            same_act = [
                m
                for m in follow.mentions
                if m.event_type == EventType.RIOTS
                or m.sub_event_type == SubEventType.LOOTING_PROPERTY_DESTRUCTION
            ]
            folded.update(id(m) for m in same_act)
            follow.mentions = [m for m in follow.mentions if id(m) not in folded]
            break
    return folded
