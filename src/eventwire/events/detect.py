"""Detect events in parsed sentences and type them in the ACLED taxonomy.

An event is a cluster of trigger words in one clause; its type comes from the trigger class, the weapon, the
target and the outcome ("drones struck" -> Air/drone strike; "rocket salvos targeted" -> Shelling/artillery/
missile attack; "intercepted" -> Disrupted weapons use). One event per distinct attack x place x day: a
trigger that governs a list of coordinated places ("struck Khiam, Aitaroun and Bint Jbeil") is one event per
place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.events.attribute import REPORTING_VERBS, anaphor_kind
from eventwire.events.realis import (
    clause_text,
    is_background,
    is_durative,
    is_irrealis,
    is_perfect,
    is_undone,
    token_at,
)
from eventwire.geo.folding import fold_name
from eventwire.nlp.lexicons import lexicon_rows, word_pattern
from eventwire.nlp.places import PlaceHit, areas_holding
from eventwire.nlp.triggers import TriggerHit
from eventwire.taxonomy import EventType, SubEventType

_EXPLOSION_WORDS = re.compile(r"^(?:explosions?|blasts?|exploded|went off|detonated)$", re.IGNORECASE)
_WITH_WEAPON = re.compile(
    r"\b(?:with|using)\s+(?:a\s+|an\s+|two\s+|three\s+|several\s+|[\w-]+\s+){0,2}"
    r"(drones?|uavs?|rockets?|missiles?|mortars?|artillery|shells|mines|landmines|explosives)\b",
    re.IGNORECASE,
)
_AERIAL_AGENT = re.compile(
    r"\b(?:"
    + "|".join(r["pattern"] for r in lexicon_rows("aircraft.tsv", agent="yes"))
    + r")\b(?![^.;]*\b(?:intercept|shot down|downed)\w*)",
    re.IGNORECASE,
)  # data/lexicons/en/aircraft.tsv
_AERIAL_WORDS = re.compile(
    r"^(?:strikes?|struck|bombed|bombings?)$", re.IGNORECASE
)  # a raid is on the ground
_CIVILIAN_TARGET = word_pattern("targets.tsv", **{"class": "civilian", "typing": "yes"})
_MILITARY_TARGET = word_pattern("targets.tsv", **{"class": "military", "typing": "yes"})

_PLURAL_GENERIC = {
    "attacks",
    "strikes",
    "raids",
    "assaults",
    "bombings",
    "explosions",
    "blasts",
    "operations",
}
_NO_FIGHT = re.compile(r"\b(?:without (?:a )?(?:fight|fighting|resistance|clashes)|no (?:clashes|fighting|resistance) (?:was|were) reported)\b", re.IGNORECASE)  # fmt: skip


@dataclass(slots=True)
class EventCandidate:
    """A typed event found in one sentence, before actors, place, date and claim are attached."""

    event_type: str
    sub_event_type: str
    triggers: list[TriggerHit]
    weapon: str | None
    places: list[PlaceHit] = field(default_factory=list)
    confidence: float = 0.6
    settled_only: bool = False  # an event only at a settlement, not told over a region or country
    split_toll: bool = False  # one toll told for a killing at several places: the first place's (docs/coding.md)

    @property
    def anchor(self) -> TriggerHit:
        return max(self.triggers, key=lambda h: (h.rule.role != "lethal", h.rule.weight))


def detect_events(
    triggers: list[TriggerHit],
    places: list[PlaceHit],
    *,
    sentence_text: str,
    sent: SpacySpan | None,
    sent_offset: int,
    actor_inter: int | None = None,
    present_is_report: bool = False,
    published_year: int | None = None,
) -> list[EventCandidate]:
    """Return the events one sentence reports: typed trigger clusters, each with the places it governs."""
    label = _opening_label(triggers, sentence_text, sent_offset)
    background = [
        h for h in triggers
        if sent is not None and is_background(sent, h, sent_offset, published_year=published_year)
    ]  # fmt: skip
    live = [
        h for h in triggers
        if h.rule.role != "label"
        and h not in background
        and not (sent is not None and is_irrealis(sent, h, sent_offset, present_is_report=present_is_report))
    ]  # fmt: skip
    if sent is not None and background:
        places = _places_outside(places, background, sent, sent_offset)
    if label is not None:
        return [_labelled_event(label, live, places, sentence_text, sent, sent_offset)]
    live = _drop_target_nouns(live, sentence_text, sent_offset)
    if sent is not None:
        live = [h for h in live if not is_undone(sent, h, sent_offset)]
    if is_durative(sentence_text):
        if sent is None:
            return []
        # "Artillery pounded Vovchansk, where fighting has raged since May 10": only the durative clause goes
        live = [
            h for h in live
            if not is_durative(clause_text(sent, h, sent_offset)) and not is_perfect(sent, h, sent_offset)
        ]  # fmt: skip
    if not any(h.rule.role != "lethal" for h in live):
        return []
    live = _drop_armed_road_blocks(live, sentence_text, actor_inter, offset=sent_offset)
    if not any(h.rule.role != "lethal" for h in live):
        return []
    groups_of_places = _place_groups(places, sentence_text, sent_offset)
    family = (
        _sentence_family(live, sentence_text)
        or _crowd_violence(live, sentence_text, sent, sent_offset, actor_inter=actor_inter)
        or _riot_words_alone(live, sentence_text, sent, actor_inter, sent_offset)
    )
    if family is not None:
        family.places = _first_group_after(groups_of_places, live[0].start)
        return [family]
    # Otherwise one candidate per group of attack triggers, split where they govern different places.
    groups = _split_by_place(live, groups_of_places)
    candidates = _arrests_beside(live, groups_of_places, live[0].start)
    for group_hits, group_places in groups:
        candidate = _type_cluster(group_hits, sentence_text, actor_inter, offset=sent_offset)
        if candidate is None:
            continue
        candidate.places = group_places
        if candidate.settled_only and not any(_is_settlement(p) for p in group_places):
            continue
        candidates.append(candidate)
        second = _second_weapon(candidate, group_hits)
        if second is not None:
            second.places = list(group_places)
            candidates.append(second)
    return _merge_same_type(candidates)


def _opening_label(hits: list[TriggerHit], text: str, offset: int) -> TriggerHit | None:
    """The event category that opens the sentence before a colon ("Property destruction: On 3 March, ...",
    "Arrests: police detained ..."), or None."""
    return next(
        (h for h in hits if h.rule.role == "label" and not text[: h.start - offset].strip(" \t-–—•*")), None
    )


def _labelled_event(
    label: TriggerHit,
    hits: list[TriggerHit],
    places: list[PlaceHit],
    text: str,
    sent: SpacySpan | None,
    offset: int,
) -> EventCandidate:
    """One event of the category a sentence's opening label names, whatever its other trigger words say (the
    coder or the bulletin has typed it), at the first places it names (a record names its place first). Its anchor, for who acted and when, is
    the strongest trigger word after the label, else the clause's main verb, else the label."""
    anchors = [h for h in hits if h.rule.role in ("event", "generic", "intercept", "territory", "shooting")]
    if not anchors:
        verb = _main_verb_after(sent, label.end - offset) if sent is not None else None
        if verb is not None:
            start = offset + verb.idx - sent.start_char  # type: ignore[union-attr]
            anchors = [TriggerHit(start, start + len(verb.text), verb.text, label.rule)]
    triggers = anchors + [h for h in hits if h not in anchors] if anchors else [label, *hits]
    event = EventCandidate(label.rule.event_type, label.rule.sub_event_type, triggers, label.rule.weapon,
                           confidence=0.6)  # fmt: skip
    event.places = _first_group_after(_place_groups(places, text, offset), label.end)
    return event


def _main_verb_after(sent: SpacySpan, char: int) -> Token | None:
    """The first verb after a character offset of the sentence that has a subject, else the first verb."""
    verbs = [t for t in sent if t.pos_ == "VERB" and t.idx - sent.start_char >= char]
    with_subject = (t for t in verbs if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children))
    return next(with_subject, None) or next(iter(verbs), None)


# "The attacks took place in A, B and C", "Israeli strikes on Khiam killed two people": the plural attack word is
# the subject of what happened, maybe with where it hit between ("on Khiam", "in Kharkiv region overnight")
_OCCURRED = re.compile(
    r"(?:\s+(?:on|in|at|against|near|across|targeting)\s+[^,.;:()\"“”]{1,60}?)?\s+(?:"
    + word_pattern("occurrence_verbs.tsv").pattern
    + ")",
    re.IGNORECASE,
)
_GROUND_FIRE = word_pattern("ground_fire.tsv")  # data/lexicons/en/ground_fire.tsv
_REMOTE_FAMILIES = (SubEventType.AIR_DRONE_STRIKE, SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK)


# "it had also carried out strikes overnight in the areas of A and B": the plural is what the subject did
_CARRIED_OUT = re.compile(
    word_pattern("conduct_verbs.tsv").pattern + r"\s+(?:(?:new|further|more)\s+)?$", re.IGNORECASE
)  # data/lexicons/en/conduct_verbs.tsv
_TOLL_VERB = re.compile(r"\b(?:killed|wounded|injured|left|claimed)\b", re.IGNORECASE)


def _is_settlement(hit: PlaceHit) -> bool:
    code = hit.place.feature_code or ""
    return hit.place.geo_precision != 3 and not code.startswith(("ADM", "PCL", "RGN", "AREA"))


def bare_strike(trigger: str, text: str) -> bool:
    """Return True when "struck"/"strikes" is the only attack word and no aircraft or drone is named in the text:
    a ground force's strike typed as from the air only for the side it came from."""
    return bool(_AERIAL_WORDS.match(trigger)) and _AERIAL_AGENT.search(text) is None


def _second_weapon(candidate: EventCandidate, hits: list[TriggerHit]) -> EventCandidate | None:
    """ "Krasnopillia community: mortars (4 explosions), artillery (18 explosions), FPV drones (4 explosions)": fire
    from the ground and from the air at one place are two events (ACLED codes a shelling and a drone strike), when
    each is named by its own weapon word. Returns the second one, or None."""
    if candidate.sub_event_type not in _REMOTE_FAMILIES:
        return None
    other = next(s for s in _REMOTE_FAMILIES if s != candidate.sub_event_type)
    named = [h for h in hits if h.rule.role == "event" and h.rule.sub_event_type == other and h.rule.weight >= 5]
    own = [h for h in hits if h.rule.role == "event" and h.rule.sub_event_type == candidate.sub_event_type]
    if not named or not own:
        return None
    shelling = named if other == SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK else own
    if not any(_GROUND_FIRE.fullmatch(h.text) for h in shelling):
        return None  # "warplanes fired several missiles": the aircraft fired them, one air strike
    return EventCandidate(EventType.EXPLOSIONS_REMOTE_VIOLENCE, other, named, named[0].rule.weapon,
                          confidence=candidate.confidence - 0.05)  # fmt: skip


_INSTRUMENT_BEFORE = re.compile(
    r"\b(?:with|using|by|of)\s+(?:an?\s+|the\s+|two\s+|three\s+|several\s+|[\w-]+\s+){0,3}$", re.IGNORECASE
)


def _drop_target_nouns(hits: list[TriggerHit], text: str, offset: int) -> list[TriggerHit]:
    """A weapon noun after an attack verb is what was hit ("struck Hezbollah rocket launchers"), not the
    weapon used, unless it is the instrument ("struck ... with a rocket salvo")."""
    # "FPV drones (10 explosions) and artillery (5 explosions)": an explosion is no attack verb with an object
    verbs = [h for h in hits if h.rule.role == "generic" and not _EXPLOSION_WORDS.match(h.text)]
    if not verbs:
        return hits
    kept = []
    for hit in hits:
        bare_noun = (
            hit.rule.role == "event"
            and hit.rule.weight <= 5
            and hit.rule.event_type == EventType.EXPLOSIONS_REMOTE_VIOLENCE
        )
        after_verb = any(v.end <= hit.start for v in verbs)
        if (
            bare_noun
            and after_verb
            and not _INSTRUMENT_BEFORE.search(text[max(0, hit.start - offset - 40) : hit.start - offset])
        ):
            continue
        kept.append(hit)
    return kept


def _places_outside(
    places: list[PlaceHit], dropped: list[TriggerHit], sent: SpacySpan, offset: int
) -> list[PlaceHit]:
    """The places not named inside the phrase of a background event noun ("in retaliation for the Israeli strike
    on Hodeidah port", "since the attack on Kismayo"): they are that event's, not the news event's."""
    spans = []
    for hit in dropped:
        token = token_at(sent, hit.start - offset)
        if token is None or token.pos_ not in ("NOUN", "PROPN"):
            continue
        sub = list(token.subtree)
        spans.append((sub[0].idx - sent.start_char + offset, sub[-1].idx + len(sub[-1]) - sent.start_char + offset))
    return [p for p in places if not any(a <= p.start < b for a, b in spans)]


_ROAD_BLOCK = word_pattern("road_blocks.tsv")  # data/lexicons/en/road_blocks.tsv
_ARMED_INTERS = {1, 2, 3, 4, 8}  # ACLED inter codes of forces, rebels, militias and external forces
_ATTACK_EVENT_TYPES = {
    EventType.BATTLES,
    EventType.EXPLOSIONS_REMOTE_VIOLENCE,
    EventType.VIOLENCE_AGAINST_CIVILIANS,
    "GENERIC",
}


def _drop_armed_road_blocks(
    hits: list[TriggerHit], text: str, actor_inter: int | None, *, offset: int = 0
) -> list[TriggerHit]:
    """Drop road-block protest words when armed men block the road, or the sentence tells an attack, and nobody
    demonstrates: "shortly before the blast, the Taliban had blocked the roads leading to the mosque", "the
    insurgents attacked police stations and blocked main roads" are no protests."""
    if _DEMONSTRATING.search(text):
        return hits
    attack = any(
        h.rule.role in ("generic", "event") and h.rule.event_type in _ATTACK_EVENT_TYPES for h in hits
    )
    blocks = [h for h in hits if h.rule.role == "protest" and _ROAD_BLOCK.search(h.text)]
    if not blocks:
        return hits
    armed = _ARMED_WORDS.search(text[: blocks[0].start - offset])  # the blocker, named before the road block
    if actor_inter not in _ARMED_INTERS and not attack and not armed:
        return hits
    return [h for h in hits if h not in blocks]


def _sentence_family(hits: list[TriggerHit], text: str) -> EventCandidate | None:
    """Protests, riots and mob violence: one event for the sentence, refined by what happened to it."""
    roles = {h.rule.role for h in hits}
    subs = {h.rule.sub_event_type for h in hits}
    if SubEventType.MOB_VIOLENCE in subs:
        return EventCandidate(EventType.RIOTS, SubEventType.MOB_VIOLENCE, hits, None, confidence=0.7)
    if "protest" not in roles:
        if "violence" in roles and _PROTEST_PURPOSE.search(text):
            # "people barricaded roads with burning tyres to express opposition to the power cuts"
            return EventCandidate(
                EventType.RIOTS, SubEventType.VIOLENT_DEMONSTRATION, hits, None, confidence=0.6
            )
        return None
    lethal = any(
        h.rule.role == "lethal" and h.text.lower() in ("killed", "killing", "dead", "died") for h in hits
    )
    if (
        "violence" in roles
        or subs & {SubEventType.ARMED_CLASH, SubEventType.LOOTING_PROPERTY_DESTRUCTION}
        or DESTRUCTIVE.search(text)
    ):
        # demonstrators who clash with the police, burn tyres, barricade roads, throw stones or loot: a violent
        # demonstration
        return EventCandidate(EventType.RIOTS, SubEventType.VIOLENT_DEMONSTRATION, hits, None, confidence=0.7)
    if SubEventType.ARRESTS in subs:  # protesters detained: the gathering met an intervention
        roles = roles | {"intervention"}
    if "intervention" in roles and lethal:
        return EventCandidate(
            EventType.PROTESTS, SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS, hits, None, confidence=0.7
        )
    if "intervention" in roles:
        return EventCandidate(
            EventType.PROTESTS, SubEventType.PROTEST_WITH_INTERVENTION, hits, None, confidence=0.7
        )
    return EventCandidate(EventType.PROTESTS, SubEventType.PEACEFUL_PROTEST, hits, None, confidence=0.75)


# Unarmed crowds: when they fight, beat or stone someone it is a riot (ACLED: violent demonstration when they
# demonstrate, mob violence otherwise), not an armed clash and not an armed group's attack on civilians.
_CROWD = re.compile(
    "^(?:" + "|".join(r["pattern"] for r in lexicon_rows("crowds.tsv")) + ")$", re.IGNORECASE
)  # data/lexicons/en/crowds.tsv
_ARMED_WORDS = re.compile(
    r"\b(?:militants?|fighters?|gunmen|insurgents?|rebels?|militia(?:men|s)?|jihadists?|troops|soldiers|army|"
    r"forces|police(?:men)?|officers|guards|soldier|terrorists?|armed (?:men|groups?|individuals|assailants))\b",
    re.IGNORECASE,
)
# "two armed men on a motorcycle opened fire on", "unknown gunmen killed": a count or a hedge before who shot
_AGENT_LEAD = re.compile(
    r"(?:(?:a|an|the|\d+|two|three|four|five|six|several|some|unknown|unidentified|masked|suspected|presumed)\s+)*",
    re.IGNORECASE,
)
_CROWD_ACTS = {
    SubEventType.ARMED_CLASH,
    SubEventType.ATTACK,
    SubEventType.LOOTING_PROPERTY_DESTRUCTION,
    "GENERIC",
    SubEventType.MOB_VIOLENCE,
    SubEventType.VIOLENT_DEMONSTRATION,
}
# What turns a demonstration into a riot (ACLED: violence or destruction by the demonstrators). On ACLED's 2022
# notes of protests and riots, each of these is a riot in 88-100 % of the notes that use it; a blocked road alone
# is not (18 %), nor a burned effigy or flag.
DESTRUCTIVE = re.compile(
    r"\b(?:burn(?:ed|t|ing)\s+(?:\w+\s+){0,2}(?:tyres|tires|debris|barricades?|furniture|cars?|vehicles?|buses|"
    r"garbage|rubbish|trash|dumpsters?|buildings?|property|shops?|objects|items|branches|logs|wood)|"
    r"(?:set|setting|sets)\s+(?:\w+\s+){0,4}(?:on\s+)?(?:fire|ablaze|alight)|torch(?:ed|ing)|barricad\w+|"
    r"(?:tyres|tires)\b|smash(?:ed|ing)|vandali[sz]\w+|broke\s+(?:\w+\s+){0,3}(?:windows|doors|gates?|glass)|"
    r"(?:damag|destroy)(?:ed|ing)\s+(?:\w+\s+){0,3}(?:property|vehicles?|cars?|shops?|buildings?|offices?|"
    r"facilities|windows|equipment)|"
    r"(?:threw|throwing|hurl(?:ed|ing)|pelt(?:ed|ing))\s+(?:\w+\s+){0,3}(?:stones|rocks|bricks|bottles|"
    r"projectiles|molotov|petrol bombs|firebombs|fireworks|objects)|molotov|petrol bombs?|"
    r"clash(?:ed|es)?\s+with\s+(?:the\s+)?(?:police|security forces|riot police|soldiers|troops|officers)|"
    + "|".join(r["pattern"] for r in lexicon_rows("riot_acts.tsv", kind="destructive"))  # ways blocked with rocks
    + r")\b",
    re.IGNORECASE,
)
_PROTEST_PURPOSE = re.compile(
    r"\b(?:to (?:demand|denounce|protest|express|oppose|condemn|call for|press for|reject)|in protest|demanding|"
    r"denouncing|calling for|against)\b",
    re.IGNORECASE,
)
# "marched", "a march", not the month ("On 4 March 2024")
_DEMONSTRATING = re.compile(
    r"\b(?:demonstrat\w*|protest\w*|rall(?:y|ies)|march(?:ed|es|ing|ers)|(?-i:march))\b", re.IGNORECASE
)
_STONES = re.compile(
    r"\b(?:beat(?:en|ing)? up|beat|beaten|assaulted|lynched|tortured|stoned|hurled (?:stones|rocks)|threw (?:stones|"
    r"rocks|bricks|bottles)|pelt(?:ed|ing)|vandali[sz]ed|chased|manhandled|set upon|torched|burn(?:ed|t) down|"
    r"set (?:\S+ ){1,8}?(?:ablaze|alight|on fire))\b",
    re.IGNORECASE,
)


def _crowd_violence(
    hits: list[TriggerHit], text: str, sent: SpacySpan | None, offset: int, *, actor_inter: int | None = None
) -> EventCandidate | None:
    """Return a Riots event when the ones who fight or beat are a crowd ("residents beat up a thief",
    "rioters clashed with soldiers", "a clash between supporters of two parties"), else None."""
    if sent is None or not any(h.rule.sub_event_type in _CROWD_ACTS for h in hits):
        return None
    if any(
        h.rule.event_type == EventType.EXPLOSIONS_REMOTE_VIOLENCE and h.rule.role == "event" for h in hits
    ):
        return None
    # a crowd word inside a name is no crowd ("members of the Support Group for Islam and Muslims")
    crowd = [
        t for t in sent
        if _CROWD.match(t.text) and t.pos_ != "PROPN" and _is_perpetrator(t) and not _points_to_group(t)
    ]  # fmt: skip
    if not crowd:
        return None
    lead = crowd[0]
    if actor_inter in _ARMED_INTERS and any(c.dep_ == "det" and c.lower_ == "the" for c in lead.children):
        return None  # "The group attacked the forces": the armed group the text has named
    if actor_inter in _ARMED_INTERS and _named_crowd(lead):
        return None  # "IS members attacked", "clashes between two Taliban groups": the armed group named, no crowd
    # "members of the militia", "supporters of the armed group" are armed; "a group of gunmen" too; and the words
    # of the subject the crowd word hangs in ("a large number of armed men, certainly terrorists")
    words = " ".join(t.text for t in _subject_of(lead).subtree)
    if _ARMED_WORDS.search(words) and lead.lower_ not in (
        "rioters",
        "protesters",
        "demonstrators",
        "settlers",
    ):
        return None
    clash = any(h.rule.sub_event_type == SubEventType.ARMED_CLASH for h in hits)
    if not (
        clash or _STONES.search(text) or any(h.rule.sub_event_type == SubEventType.MOB_VIOLENCE for h in hits)
    ):
        return None
    if _DEMONSTRATING.search(text) and lead.lower_ != "settlers":
        return EventCandidate(EventType.RIOTS, SubEventType.VIOLENT_DEMONSTRATION, hits, None, confidence=0.6)
    return EventCandidate(EventType.RIOTS, SubEventType.MOB_VIOLENCE, hits, None, confidence=0.6)


_ROAD_BLOCKING = word_pattern("riot_acts.tsv", kind="road")  # data/lexicons/en/riot_acts.tsv
_FIGHT_WORDS = word_pattern("riot_acts.tsv", kind="fight")


def _riot_words_alone(
    hits: list[TriggerHit], text: str, sent: SpacySpan | None, actor_inter: int | None, offset: int
) -> EventCandidate | None:
    """Return the event of a sentence whose only event words are a riot's, told as an act ("rioters set the office
    ablaze", "residents barricaded roads with burning tyres", "armed men clashed with police"), else None (not
    "smoke rose from burning cars"). Who acts decides: armed men who fight the police fight a battle, armed men who
    burn or vandalise destroy property (ACLED: strategic development), anyone else riots: a violent demonstration
    when they block roads or say what they demand, mob violence otherwise."""
    violence = [h for h in hits if h.rule.role == "violence"]
    if sent is None or not violence or any(h.rule.role not in ("violence", "lethal") for h in hits):
        return None
    acts = [h for h in violence if _told_as_act(token_at(sent, h.start - offset))]
    if not acts:
        return None
    first = acts[0]
    armed = actor_inter in _ARMED_INTERS or bool(_ARMED_WORDS.search(text[: max(0, first.start - offset)]))
    if armed and any(_FIGHT_WORDS.match(h.text) for h in violence):
        return EventCandidate(EventType.BATTLES, SubEventType.ARMED_CLASH, hits, "small arms", confidence=0.5)
    if armed:
        return EventCandidate(EventType.STRATEGIC_DEVELOPMENTS, SubEventType.LOOTING_PROPERTY_DESTRUCTION, hits,
                              None, confidence=0.5)  # fmt: skip
    if _PROTEST_PURPOSE.search(text) or _DEMONSTRATING.search(text) or _ROAD_BLOCKING.search(text):
        return EventCandidate(EventType.RIOTS, SubEventType.VIOLENT_DEMONSTRATION, hits, None, confidence=0.55)
    return EventCandidate(EventType.RIOTS, SubEventType.MOB_VIOLENCE, hits, None, confidence=0.55)


def _told_as_act(token: Token | None) -> bool:
    """A verb with a subject of its own or shared with the verb it is coordinated with ("rioters barricaded",
    "locals, who were pelting stones", "entered and ransacked"), or the rioters as a subject."""
    if token is None:
        return False
    if token.pos_ in ("NOUN", "PROPN"):
        return token.dep_ in ("nsubj", "nsubjpass")
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)


def _points_to_group(token: Token) -> bool:
    """ "The group attacked the forces from two sides": a definite "the group" points back to a group the text
    named (docs/coding.md section 3), an armed one in conflict copy, not to a crowd ("a group of youths" is one)."""
    definite = any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its") for c in token.children
    )
    words = " ".join(t.text for t in token.subtree)
    return definite and anaphor_kind(words) == "group"


def _named_crowd(token: Token) -> bool:
    """A crowd word a proper name qualifies ("IS members", "two Taliban groups", "members of the Gulf Clan"): with an
    armed lead actor, the members of that armed group."""
    names = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
    names += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return any(t.pos_ == "PROPN" for n in names for t in n.subtree)


def _subject_of(token: Token) -> Token:
    """The subject noun phrase a word stands in (the word itself when it is not inside one)."""
    node = token
    while node.dep_ not in ("nsubj", "nsubjpass") and node.head.i != node.i and node.pos_ != "VERB":
        node = node.head
    return node if node.dep_ in ("nsubj", "nsubjpass") else token


def _is_perpetrator(token: Token) -> bool:
    """A crowd word that acts: a subject (or its conjunct), the agent of a passive, or one side of a clash."""
    node = token
    while node.dep_ in ("conj", "compound", "amod") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "nsubj":
        return node.head.lemma_.lower() not in REPORTING_VERBS
    if node.dep_ == "pobj" and node.head.lower_ in ("by", "between"):
        return True
    return node.dep_ == "pobj" and node.head.head.lower_ in ("group", "members", "supporters", "cadres")


def _split_by_place(
    hits: list[TriggerHit], groups: list[list[PlaceHit]]
) -> list[tuple[list[TriggerHit], list[PlaceHit]]]:
    """Assign each place group to its nearest governing trigger; triggers without places join their neighbour."""
    typed = [h for h in hits if h.rule.role != "lethal"]
    if not groups:
        return [(hits, [])]
    owner: dict[int, list[PlaceHit]] = {}
    for group in groups:
        first = group[0]
        before = [h for h in typed if h.end <= first.start]
        chosen = before[-1] if before else min(typed, key=lambda h: abs(h.start - first.start))
        owner.setdefault(id(chosen), []).extend(group)
    result: list[tuple[list[TriggerHit], list[PlaceHit]]] = []
    pending: list[TriggerHit] = []
    for hit in typed:
        pending.append(hit)
        if id(hit) in owner:
            result.append((pending, owner[id(hit)]))
            pending = []
    if pending:
        if result:
            result[-1][0].extend(pending)
        else:
            result.append((pending, []))
    lethal = [h for h in hits if h.rule.role == "lethal"]
    if lethal and result:
        result[0][0].extend(lethal)
    return result


_AND_GAP = re.compile(r"^\s*,?\s*and\s*$", re.IGNORECASE)
_COORDINATION = re.compile(
    r"^\s*(?:,|and|or|as well as|&|,\s*and|,\s*as well as)\s*(?:in\s+|on\s+|at\s+)?(?:the\s+)?"
    r"(?:(?:towns?|villages?|cities|areas?|outskirts)\s+of\s+)?$",
    re.IGNORECASE,
)


# "Strikes hit: Khiam; Kfar Kila; Aitaroun": after a colon, names set apart by semicolons are one list
_SEMICOLON_LIST = re.compile(
    r":\s*(?:[A-Z][\w'’-]*(?:[\s-]+(?:(?:al|el|ad|as|ash|at|ar|an|de|du|la|le|of)\s+)?[A-Z][\w'’-]*)*\s*;\s*(?:and\s+)?)+$"
)


def place_groups(places: list[PlaceHit], text: str, offset: int) -> list[list[PlaceHit]]:
    """Return the groups of places a sentence lists together (see _place_groups)."""
    return _place_groups(places, text, offset)


def _place_groups(places: list[PlaceHit], text: str, offset: int) -> list[list[PlaceHit]]:
    """Group places listed together ("Khiam, Aitaroun and Bint Jbeil"); a coarser place after a finer one
    ("Khiam, southern Lebanon", "Kfar Kila (Marjayoun, Nabatieh)") only qualifies it. Places fire came
    from ("from southern Lebanon") are dropped when the sentence names where it landed."""
    places = [p for p in places if not p.origin] or places
    # "Sabon Gari village in Mangu", "Myin Thar village, Gangaw Township": the area only says where the village is
    held = {
        i + k for i, names in areas_holding(text, offset, places).items() for k in range(1, len(names) + 1)
    }
    groups: list[list[PlaceHit]] = []
    for index, place in enumerate(places):
        if index in held:
            continue
        if groups and (
            (
                _qualifies(groups[-1][-1], place)
                and not _listed_on(places, index, text, offset)
                # "Beryslav, Dudchany and Kherson were hit": a name joined by "and" to a list is its last item
                and not (
                    len(groups[-1]) > 1
                    and _AND_GAP.match(text[groups[-1][-1].end - offset : place.start - offset])
                    and not _UNIT_NAME.search(place.text)
                )
                and not _COUNT_GAP.match(text, groups[-1][-1].end - offset, place.start - offset)
            )
            or _in_brackets(text, place.start - offset)
            or _locates(groups[-1][-1], place, text, offset)
        ):
            continue
        between = text[groups[-1][-1].end - offset : place.start - offset] if groups else None
        if between is not None and (
            _COORDINATION.match(between) or _SEMICOLON_LIST.search(text, 0, place.start - offset)
        ):
            groups[-1].append(place)
        else:
            groups.append([place])
    return groups


# "four drones over the Belgorod region, two over the Volgograd region": a count and a place word of its own give
# the second name its own share of the event, not the first name's area
_COUNT_GAP = re.compile(
    r"\s*(?:,|and|,\s*and)\s*(?:\d+|"
    + "|".join(
        re.escape(r["word"])
        for r in lexicon_rows("number_words.tsv")
        if r["word"].isalpha() and len(r["word"]) > 2
    )
    + r")\s+(?:more\s+|others?\s+)?(?:over|in|at|near|on)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _listed_on(places: list[PlaceHit], index: int, text: str, offset: int) -> bool:
    """ "Rubare, Rutshuru and Bunagana", "Sandaré, Kayes, Diboli": a name the list goes on after is one of its
    items, even where it also names the area of the item before it; "Vetagrande, Zacatecas, killing" and
    "Robotyne, Zaporizhzhia region, and Kamianske" keep the area as a qualifier."""
    place = places[index]
    if (
        index + 1 >= len(places)
        or _UNIT_NAME.search(place.text)
        or not (place.place.feature_code or "").startswith("PPL")
    ):
        return False  # a town of the area's name, not "Borno, Yobe and Adamawa states"
    following = places[index + 1]
    between = text[place.end - offset : following.start - offset]
    return bool(_COORDINATION.match(between)) and not _UNIT_NAME.search(following.text)


_UNIT_NAME = re.compile(r"\b(?:region|oblast|province|governorate|district|state|county|prefecture)$", re.I)


_RELATION_GAP = re.compile(
    r"\s*(?:[a-z-]+\s+){0,3}?(?:near|outside|close to|on the outskirts of|north of|south of|east of|west of|north-?east of|"
    r"north-?west of|south-?east of|south-?west of)\s+(?:the\s+)?"
    r"(?:(?:[a-z-]+\s+){0,2}?(?:city|town|village|capital)\s+(?:of\s+)?)?",  # "near the coastal city of Tyre"
    re.IGNORECASE,
)


def _qualifies(finer: PlaceHit, coarser: PlaceHit) -> bool:
    fp, cp = finer.place.geo_precision or 1, coarser.place.geo_precision or 1
    level = finer.place.feature_code or ""
    if level.startswith("ADM") and level == coarser.place.feature_code:
        return False  # "the Kursk and Lipetsk regions", "Kunar and Paktika provinces": two areas of one level
    coarse_feature = (
        (coarser.place.feature_code or "").startswith(("ADM", "PCL", "RGN", "AREA"))
        or cp == 3
        or bool(_UNIT_NAME.search(coarser.text))  # "Robotyne in Zaporizhzhia region"
        # "Vetagrande, Zacatecas": the name of the finer place's province, even when read as its capital city
        or bool(finer.place.admin1)
        and fold_name(finer.place.admin1) == fold_name(coarser.text)
    )
    return coarser.start - finer.end <= 40 and (coarse_feature and (fp < 3 or cp >= fp))


def _locates(finer: PlaceHit, anchor: PlaceHit, text: str, offset: int) -> bool:
    """ "Deir Qanoun al-Nahr, east of the city of Tyre": a relative place right after a place only says where
    that place lies."""
    relation = anchor.place.relation
    if relation in (None, "in", "at") or anchor.start - finer.end > 40:
        return False
    gap = text[finer.end - offset : anchor.start - offset]
    return "," in gap or bool(_RELATION_GAP.fullmatch(gap))  # "Abu Shouk camp near El Fasher"


def _in_brackets(text: str, index: int) -> bool:
    return text.rfind("(", 0, index) > text.rfind(")", 0, index)


def _first_group_after(groups: list[list[PlaceHit]], anchor: int) -> list[PlaceHit]:
    after = [g for g in groups if g[0].start >= anchor]
    return (after or groups)[0] if groups else []


def _type_cluster(
    hits: list[TriggerHit], text: str, actor_inter: int | None, *, offset: int = 0
) -> EventCandidate | None:
    typed = [h for h in hits if h.rule.role in ("event", "intercept", "territory")]
    generic = [h for h in hits if h.rule.role == "generic"]
    intercept = [h for h in typed if h.rule.role == "intercept"]
    attacks = [h for h in typed if h.rule.event_type == EventType.EXPLOSIONS_REMOTE_VIOLENCE]
    territory = [h for h in typed if h.rule.role == "territory"]
    weapon = next((h.rule.weapon for h in sorted(typed, key=lambda h: -h.rule.weight) if h.rule.weapon), None)
    if territory:
        if _NO_FIGHT.search(text) or any(h.rule.sub_event_type.startswith("Non-violent") for h in territory):
            return EventCandidate(
                EventType.STRATEGIC_DEVELOPMENTS,
                SubEventType.NON_VIOLENT_TRANSFER_OF_TERRITORY,
                hits,
                None,
                confidence=0.55,
            )
        regains = any(h.rule.sub_event_type == SubEventType.GOVERNMENT_REGAINS_TERRITORY for h in territory)
        state = actor_inter == 1
        sub = (
            SubEventType.GOVERNMENT_REGAINS_TERRITORY
            if (state or (regains and actor_inter is None))
            else SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY
        )
        return EventCandidate(EventType.BATTLES, sub, hits, weapon, confidence=0.6)
    if intercept:
        strong_attack = [h for h in attacks if h.rule.weight >= 7 and h.start < intercept[0].start]
        if not strong_attack:
            return EventCandidate(
                EventType.STRATEGIC_DEVELOPMENTS,
                SubEventType.DISRUPTED_WEAPONS_USE,
                hits,
                "air defence",
                confidence=0.7,
            )
    shooting = [h for h in hits if h.rule.role == "shooting"]
    carried = any(  # an attack word that names the event the killing belongs to
        h.text.lower() not in _PLURAL_GENERIC or _DURING.search(text, 0, max(0, h.start - offset)) for h in generic
    )
    if generic and shooting and all(
        h.text.lower().startswith("killed ") or (carried and _TOLL_ONLY.search(h.text)) for h in shooting
    ):
        # "the strike killed two women", "the army killed eleven militants during the attacks on its camps": the
        # toll of the attack the sentence names, typed from it ("gunmen killed 12 people in attacks on two villages"
        # stays a killing: a plural alone names no event to carry it)
        shooting = []
    if shooting and not typed:
        at = max(0, shooting[0].start - offset)
        # who was shot, not who shot: after the words, or before them when they say by whom ("a soldier was
        # killed by militants"); a passive tells them before its verb ("two farmers were stabbed to death by gunmen")
        end = max(0, shooting[0].end - offset)
        passive = shooting[0].text.lower().endswith(" by") or _PASSIVE_KILLING.match(shooting[0].text)
        passive = passive or _BY_AGENT.match(text, end)
        victims = text[max(0, at - 80) : at] if passive else text[at:]
        if _ARMED_WORDS.match(shooting[0].text, _AGENT_LEAD.match(shooting[0].text).end()):
            # "soldiers shot volunteers", "militiamen killed a refugee": the words name who shot; the victims follow
            victims = text[max(0, shooting[0].end - offset) :]
        if _MILITARY_TARGET.search(victims) and not _CIVILIAN_TARGET.search(victims):
            return EventCandidate(
                EventType.BATTLES, SubEventType.ARMED_CLASH, hits, "small arms", confidence=0.5
            )
        return EventCandidate(
            EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ATTACK, hits, "small arms", confidence=0.55
        )
    if typed:
        best = max(typed, key=lambda h: (h.rule.weight, -h.start))
        if best.rule.sub_event_type == SubEventType.ARMED_CLASH and best.text.lower().startswith("attack"):
            after = text[best.end - offset : best.end - offset + 40]
            weapon_used = _WITH_WEAPON.search(after)  # "attacked the air base with drones": no clash
            if weapon_used is not None:
                return _weapon_attack(weapon_used.group(1), hits)
            # "attacked a camp for displaced people": the words right after say who lives there, no armed side
            held_by = _HELD_BY.match(after)
            if held_by and _CIVILIAN_TARGET.search(held_by.group(1)) and not _MILITARY_TARGET.search(held_by.group(1)):
                return EventCandidate(EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ATTACK, hits, None,
                                      confidence=0.55)  # fmt: skip
        return EventCandidate(best.rule.event_type, best.rule.sub_event_type, hits, weapon or best.rule.weapon,
                              confidence=0.55 + min(best.rule.weight, 10) * 0.03)  # fmt: skip
    if generic and not all(h.text.lower() in _PLURAL_GENERIC for h in generic):
        return _resolve_generic(hits, generic[0], text, actor_inter, offset=offset)
    occurred = None
    if generic:
        at = max(0, generic[0].start - offset)
        occurred = _OCCURRED.match(text, max(0, generic[0].end - offset))
        occurred = occurred or _CARRIED_OUT.search(text[max(0, at - 40) : at])
    if occurred is not None:
        # "The attacks took place in various municipalities, such as Corinto, Toribio and Caldono", "Russian strikes
        # on Kharkiv killed two people", "it had also carried out strikes in the areas of A and B": they happened
        candidate = _resolve_generic(hits, generic[0], text, actor_inter, offset=offset)
        if candidate is not None and _TOLL_VERB.search(occurred.group(0)):
            # "Russian attacks killed four people in Donetsk Oblast": a day's toll over a region sums the events the
            # text places at its settlements; a plural told by its toll is an event only where it names one
            candidate.settled_only = True
        return candidate
    return None  # "has tied any halt to its attacks": a plural noun alone names no single event


_HELD_BY = re.compile(r"\s+(?:for|of|sheltering|housing)\s+((?:[\w-]+\s*){1,3})", re.IGNORECASE)


# a killing told with no shot or fire of its own: the toll of an attack the sentence names beside it
_DURING = re.compile(r"\b(?:during|amid)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_PASSIVE_KILLING = re.compile(r"(?:was|were)\b", re.IGNORECASE)  # "were stabbed": who was hit is the subject
_BY_AGENT = re.compile(r"\s+by\b", re.IGNORECASE)  # "tortured to death by gunmen"
_TOLL_ONLY = re.compile(r"^(?!.*\b(?:shot|shoot\w*|fire|fired|gunned)\b).*\bkilled\b", re.IGNORECASE)


def _weapon_attack(weapon: str, hits: list[TriggerHit]) -> EventCandidate:
    """Return the remote-violence event a weapon named with an attack makes ("with drones", "with mines")."""
    used = weapon.lower()
    aerial = used.startswith(("drone", "uav"))
    planted = used.endswith(("mines", "explosives"))
    sub = (
        SubEventType.AIR_DRONE_STRIKE if aerial
        else SubEventType.REMOTE_EXPLOSIVE_LANDMINE_IED if planted
        else SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK
    )  # fmt: skip
    weapon_name = "air/drone" if aerial else "explosive device" if planted else "artillery/missile"
    return EventCandidate(EventType.EXPLOSIONS_REMOTE_VIOLENCE, sub, hits, weapon_name, confidence=0.55)


def _resolve_generic(
    hits: list[TriggerHit], hit: TriggerHit, text: str, actor_inter: int | None, *, offset: int = 0
) -> EventCandidate | None:
    """Type an attack named only by a generic word ("attacked", "struck", "an explosion") from context: who
    was hit is read after the word, so the attackers' own description ("RSF fighters attacked") does not count."""
    word = hit.text.lower()
    after = text[max(0, hit.start - offset) :].lower()
    if _EXPLOSION_WORDS.match(word):
        return EventCandidate(
            EventType.EXPLOSIONS_REMOTE_VIOLENCE,
            SubEventType.REMOTE_EXPLOSIVE_LANDMINE_IED,
            hits,
            "explosive device",
            confidence=0.5,
        )
    civilian = bool(_CIVILIAN_TARGET.search(after))
    military = bool(_MILITARY_TARGET.search(after))
    lethal = [h for h in hits if h.rule.role == "lethal" and h.start < hit.start]
    if lethal and not (civilian or military):
        # "Twelve people were killed when gunmen attacked Bokkos": the dead named before the attack word
        victims = text[max(0, lethal[0].start - offset - 80) : max(0, lethal[0].start - offset)]
        civilian = bool(_CIVILIAN_TARGET.search(victims))
        military = bool(_MILITARY_TARGET.search(victims))
    before = text[max(0, hit.start - offset - 60) : max(0, hit.start - offset)]
    used = _WITH_WEAPON.search(text, max(0, hit.end - offset), max(0, hit.end - offset) + 60)
    if used is not None and not _EXPLOSION_WORDS.match(word):
        # "targeted the Ramim barracks with drones": the weapon named right after types the attack
        return _weapon_attack(used.group(1), hits)
    if _AERIAL_AGENT.search(before) and not _AERIAL_WORDS.match(word):
        # "a drone of the Turkish army targeted a car", "a UAV launched from Lebanon hit a building"
        return EventCandidate(
            EventType.EXPLOSIONS_REMOTE_VIOLENCE,
            SubEventType.AIR_DRONE_STRIKE,
            hits,
            "air/drone",
            confidence=0.5,
        )
    if _AERIAL_WORDS.match(word):
        if actor_inter == 1 or actor_inter == 8:
            return EventCandidate(
                EventType.EXPLOSIONS_REMOTE_VIOLENCE,
                SubEventType.AIR_DRONE_STRIKE,
                hits,
                "air/drone",
                confidence=0.5,
            )
        if word.startswith("bomb"):
            return EventCandidate(
                EventType.EXPLOSIONS_REMOTE_VIOLENCE,
                SubEventType.REMOTE_EXPLOSIVE_LANDMINE_IED,
                hits,
                "explosive device",
                confidence=0.45,
            )
        if actor_inter is None and not military:
            return EventCandidate(
                EventType.EXPLOSIONS_REMOTE_VIOLENCE,
                SubEventType.AIR_DRONE_STRIKE,
                hits,
                "air/drone",
                confidence=0.4,
            )
        return EventCandidate(
            EventType.EXPLOSIONS_REMOTE_VIOLENCE,
            SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK,
            hits,
            "artillery/missile",
            confidence=0.4,
        )
    if word.startswith("operation") and not (civilian or military):
        return None
    if civilian and not military:
        return EventCandidate(
            EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ATTACK, hits, None, confidence=0.45
        )
    if military or actor_inter is not None:
        return EventCandidate(
            EventType.BATTLES, SubEventType.ARMED_CLASH, hits, "small arms", confidence=0.45
        )
    if not word.endswith("s") and any(h.rule.role == "lethal" and h.start > hit.start for h in hits):
        # "ISIS claimed an attack on ... in Kirkuk that killed four of them": an attack that killed, by an armed
        # side the sentence does not make its subject, on no one said to be civilian
        return EventCandidate(EventType.BATTLES, SubEventType.ARMED_CLASH, hits, "small arms", confidence=0.4)
    return None


_PASSIVE_KILLED = re.compile(
    r"\b(?:was|were|have been|has been|had been)\s+(?:\w+\s+)?killed\s+(?:(?:on|early on|late on|overnight on)\s+"
    r"[\w,. ]{1,30}?\s+)?(?:in|at)\b(?![^.;]*\bby\b)",
    re.IGNORECASE,
)


def told_killing(hits: list[TriggerHit], text: str, *, offset: int = 0) -> EventCandidate | None:
    """ "At least 12 civilians were killed on Sunday in Kouri, Mansila and Seytenga": people killed at named places,
    told as a toll with no attack word and no attack told before, are an attack there, typed by who was killed
    (soldiers: an armed clash; anyone else: violence against civilians). None when the killing is not told so."""
    killed = next((h for h in hits if h.rule.role == "lethal" and h.text.lower() == "killed"), None)
    if killed is None:
        return None
    told = _PASSIVE_KILLED.search(text, max(0, killed.start - offset - 20))
    if told is None or told.start() > killed.start - offset:
        return None
    victims = text[max(0, told.start() - 80) : told.start()]
    if _MILITARY_TARGET.search(victims) and not _CIVILIAN_TARGET.search(victims):
        return EventCandidate(EventType.BATTLES, SubEventType.ARMED_CLASH, [killed], None, confidence=0.4)
    return EventCandidate(EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ATTACK, [killed], None, confidence=0.4)


def _arrests_beside(
    hits: list[TriggerHit], groups: list[list[PlaceHit]], anchor: int
) -> list[EventCandidate]:
    """ "Forces raided the camp, setting off gunbattles and detaining eight people": ACLED codes the arrests as an
    event of their own beside the fighting."""
    arrests = [h for h in hits if h.rule.sub_event_type == SubEventType.ARRESTS and h.rule.role == "event"]
    others = [
        h
        for h in hits
        if h.rule.role in ("event", "generic") and h.rule.sub_event_type != SubEventType.ARRESTS
    ]
    if not arrests or not others:
        return []
    return [EventCandidate(EventType.STRATEGIC_DEVELOPMENTS, SubEventType.ARRESTS, arrests, None,
                           places=_first_group_after(groups, anchor), confidence=0.6)]  # fmt: skip


def _merge_same_type(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """Triggers of one event split over a clause ("fired rockets and drones at Metula") are one event."""
    merged: list[EventCandidate] = []
    for cand in candidates:
        twin = next((m for m in merged if not cand.places or not m.places), None) if merged else None
        if twin is not None and (twin.sub_event_type == cand.sub_event_type or not cand.places):
            twin.triggers.extend(cand.triggers)
            twin.places = twin.places or cand.places
            continue
        merged.append(cand)
    return merged
