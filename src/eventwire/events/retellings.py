"""One event told once per article: a repeated telling (same type, place, day and actor), a later telling in
another voice ("Hezbollah claimed responsibility for the attack"), or a summary that retells events placed
finer in the body is folded into the first; background and country-wide summaries are left out."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

from eventwire.events.claimants import party_name
from eventwire.events.realis import token_at
from eventwire.geo.context import admin_key
from eventwire.geo.distance import distance_km
from eventwire.model import Actor, ArticleState, Casualties, Claim, Mention, Place
from eventwire.nlp.lexicons import lexicon_rows, word_pattern, word_set
from eventwire.resources import Resources
from eventwire.taxonomy import EventType, SubEventType

VERSION = "retellings.v7"
_BACKGROUND_DAYS = 14  # an event dated more than two weeks before publication is background, not news


def told_once(state: ArticleState, mentions: list[Mention], res: Resources) -> list[Mention]:
    """Return the article's mentions with every event told once: repeated tellings, later tellings in other
    voices and vague summaries folded into the first telling."""
    layout = state.layout
    headline = layout.blocks[0].end if layout.blocks and layout.blocks[0].kind == "headline" else 0
    mentions = _drop_distance_references(_drop_reference_points(mentions, state.article.text), state.article.text)
    starts = [s.start for s in state.sentences]
    mentions = link_retellings(state, _dedupe(mentions, headline_end=headline, sentence_starts=starts), res)
    return _fold_attack_parts(_fold_region_leads(mentions, headline_end=headline, text=state.article.text))


# data/lexicons/en/attack_parts.tsv: the words of each kind of act that can be part of an attack
_ATTACK_PARTS = {
    SubEventType.LOOTING_PROPERTY_DESTRUCTION: word_pattern("attack_parts.tsv", kind="destruction"),
    SubEventType.DISRUPTED_WEAPONS_USE: word_pattern("attack_parts.tsv", kind="seizure"),
}
_ACT_APART = word_pattern("attack_parts.tsv", kind="apart")


def _fold_attack_parts(mentions: list[Mention]) -> list[Mention]:
    """Fold what attackers did to property or weapons in the course of an attack into that attack: "The strike set
    the tent on fire, killing three", "They then set the police van on fire", "the troops also seized three M16
    rifles" after the clash. Same actor (or one unknown), same place (or none of its own) and day, a few sentences
    apart. Theft, interceptions and destruction on its own stay events (`attack_parts.tsv`)."""
    kept: list[Mention] = []
    for mention in mentions:
        attack = _attack_of_part(mention, mentions) if mention.sub_event_type in _ATTACK_PARTS else None
        if attack is None:
            kept.append(mention)
            continue
        _absorb(attack, mention, key=_telling_counts)
        _keep_voice(attack, mention)
    return kept


def _attack_of_part(part: Mention, mentions: list[Mention]) -> Mention | None:
    """Return the attack `part` is an act of, or None when it is an event of its own."""
    trigger = part.evidence.get("trigger")
    part_words = _ATTACK_PARTS[SubEventType(part.sub_event_type)]
    if trigger is None or not part_words.search(trigger.text) or _ACT_APART.search(trigger.text):
        return None
    return next(
        (
            m for m in mentions
            if m.event_type in _ONE_HAPPENING_TYPES and m.date == part.date and _near_in_text(m, part)
            and _same_party(m, part) and _same_spot(m, part) and _hurt_people(m)
        ),
        None,
    )  # fmt: skip


def _hurt_people(attack: Mention) -> bool:
    """A fight, a strike, or an attack with victims: a raid in which soldiers "burned down four houses" and hurt
    no one is the property destruction itself (ACLED codes it so)."""
    if attack.event_type in (EventType.BATTLES, EventType.EXPLOSIONS_REMOTE_VIOLENCE):
        return True
    return any(c.killed or c.injured or c.killed_text or c.injured_text for c in attack.casualties)


def _same_party(a: Mention, b: Mention) -> bool:
    return a.actor1 is None or b.actor1 is None or party_name(a.actor1) == party_name(b.actor1)


def _same_spot(attack: Mention, part: Mention) -> bool:
    """The part's place is the attack's (or within a few kilometres), or it has none of its own (no place, or only
    the attack's country or region: "The AA said it seized weapons and ammunition" in Rakhine)."""
    if part.place is None:
        return True
    if _is_coarse(part.place):
        return attack.place is None or attack.place.country == part.place.country
    if attack.place is None:
        return False
    if (attack.place.resolved_name or attack.place.name) == (part.place.resolved_name or part.place.name):
        return True
    if None in (attack.place.lat, part.place.lat):
        return False
    return distance_km(attack.place.lat, attack.place.lon, part.place.lat, part.place.lon) <= _SAME_PLACE_KM


# "Deir Qanoun al-Nahr, a village east of the coastal city of Tyre": an apposition that describes the place
_APPOSITION = re.compile(r"^\s*,\s+(?:a|an|the)\s[^,;.]*$", re.IGNORECASE)


def _drop_reference_points(mentions: list[Mention], text: str) -> list[Mention]:
    """A place named only to situate another ("X, a village east of the city of Y") is not a second event of
    the same trigger: the mention at Y is folded into the one at X, so its toll is not counted twice."""
    kept: list[Mention] = []
    # The kept mentions by trigger span and sub-event type: only those can describe a later one (a long
    # article has thousands of mentions; scanning all kept ones for each was quadratic).
    by_trigger: dict[tuple[int, int, str], list[Mention]] = {}
    for mention in mentions:
        where, trigger = mention.evidence.get("location"), mention.evidence.get("trigger")
        same = (
            by_trigger.get((trigger.start, trigger.end, mention.sub_event_type), [])
            if trigger is not None
            else []
        )
        described = next(
            (
                k for k in same
                if trigger is not None and where is not None
                and k.evidence.get("trigger") == trigger and k.sub_event_type == mention.sub_event_type
                and (k.evidence.get("location") is not None and k.evidence["location"].end <= where.start)
                and not k.evidence["location"].end <= trigger.start < where.start
                and _APPOSITION.match(text[k.evidence["location"].end : where.start])
            ),
            None,
        )  # fmt: skip
        if described is None:
            kept.append(mention)
            if (told := mention.evidence.get("trigger")) is not None:
                by_trigger.setdefault((told.start, told.end, mention.sub_event_type), []).append(mention)
    return kept


# a place told by its bearing from another ("360 km south-east of", "north of"): the relation nlp/places.py records
_BEARING = re.compile(r"^(?:\d+(?:\.\d+)?\s*[a-z]+\s+)?(?:north|south|east|west)[\w-]*\s+of$", re.IGNORECASE)
_SAME_TELLING_GAP = re.compile(r"^[^.!?\n]*$")  # one sentence between the place and its reference point
_LIST_WORD = re.compile(r"\b(?:and|as well as|or)\b", re.IGNORECASE)


def _drop_distance_references(mentions: list[Mention], text: str) -> list[Mention]:
    """A place named as the bearing of another ("Singa, which lies about 360 km south-east of Khartoum", "a coastal
    village a few miles north of the state capital Sittwe") is no second place of the event the same words place
    at the other (no list between them). Told alone ("an attack 20 km north-east of Ayorou"), it stays the event's
    point, as ACLED codes an event near a town."""
    placed = [m for m in mentions if m.place is not None and not _is_bearing(m)]
    return [m for m in mentions if not (_is_bearing(m) and any(_situated_by(k, m, text) for k in placed))]


def _is_bearing(mention: Mention) -> bool:
    relation = mention.place.relation if mention.place is not None else None
    return bool(relation and _BEARING.match(relation))


def _situated_by(event: Mention, reference: Mention, text: str) -> bool:
    """Return True when the words that place `event` go on to name `reference` as the point they are told from."""
    if (event.place.resolved_name or event.place.name) == (reference.place.resolved_name or reference.place.name):
        return False
    told, where, ref_where = (
        event.evidence.get("trigger"), event.evidence.get("location"), reference.evidence.get("location")
    )  # fmt: skip
    if told is None or told != reference.evidence.get("trigger") or where is None or ref_where is None:
        return False
    if where.end > ref_where.start:
        return False
    gap = text[where.end : ref_where.start]
    return bool(_SAME_TELLING_GAP.match(gap)) and not _LIST_WORD.search(gap)


def news_only(mentions: list[Mention], published: dt.date | None) -> list[Mention]:
    """Return the mentions that are news of the day: no background (dated more than two weeks before
    publication), no country-wide summary and no unplaced telling when the text places events."""
    mentions = [m for m in mentions if _is_news(m, published)]
    if any(not _is_country_wide(m.place) for m in mentions):
        # "Israel struck Iran", "Russia fired missiles at Ukraine": a summary when the text places events
        mentions = [m for m in mentions if not _is_country_wide(m.place)]
    if any(m.place is not None for m in mentions):
        # "The army retook the base once reinforcements arrived", "It was intense fighting": a telling that no
        # sentence, list intro, paragraph or headline places is a detail of an event the text places, or
        # background; ACLED codes no event without a location. A text that places nothing keeps its events.
        mentions = [m for m in mentions if m.place is not None]
    return mentions


def link_retellings(state: ArticleState, mentions: list[Mention], res: Resources) -> list[Mention]:
    """Fold a later telling of an event into the first one: "Hezbollah claimed responsibility for the
    attack", "the army confirmed three soldiers were wounded in the strike". The later voice is kept in
    `other_claims`; when it speaks for another side (an acknowledgement), the event is corroborated."""
    kept: list[Mention] = []
    text = state.article.text
    starts = [s.start for s in state.sentences]
    totals = _placeless_totals(text, mentions)
    for mention in mentions:
        comment = _comments_on(state, mention, starts)
        if comment or _points_back(text, mention):
            # "the attack", "Thursday's strike" with no place of its own: the nearest event already told, whatever
            # other places its sentence names ("in solidarity with the people of Gaza")
            first = max(
                (k for k in kept if _pointed_at(mention, k)),
                key=lambda k: k.evidence["trigger"].start,
                default=None,
            )
            if first is None and kept and (comment or not _placed_in_its_sentence(mention, starts)):
                # "controlled the area at the time of the attack" with no event of its day and sides told before:
                # still a pointer to the article's news, never an event of its own at the places around it
                continue
        else:
            first = next((k for k in kept if id(k) not in totals and _retells(text, mention, k)), None)
        if first is None:
            vague = next(
                (
                    k for k in kept
                    if _is_vague_telling(k)
                    and (_near_in_text(k, mention) or _retold_at_its_place(k, mention))
                    and _retells("", k, mention, loose=True)
                ),
                None,
            )  # fmt: skip
            if vague is None or _is_vague_telling(mention):
                kept.append(mention)
                continue
            # "in an attack claimed by Hezbollah" first, "drones targeted soldiers" later: the later words
            # type the event
            first = vague
            first.event_type, first.sub_event_type = mention.event_type, mention.sub_event_type
            first.weapon, first.trigger = mention.weapon, mention.trigger
            first.evidence["trigger"] = mention.evidence["trigger"]
            if _is_coarse(first.place) and mention.place is not None:
                first.place = mention.place
                if "location" in mention.evidence:
                    first.evidence["location"] = mention.evidence["location"]
            if "event_date" not in first.evidence and "event_date" in mention.evidence:
                first.date, first.time_precision = mention.date, mention.time_precision
                first.date_note = None
                first.evidence["event_date"] = mention.evidence["event_date"]
        _absorb(first, mention, key=_telling_counts)
        if (
            _unnamed(first.actor1)
            and not _unnamed(mention.actor1)
            and (first.actor1 is None or mention.actor1.inter in _ARMED_INTERS)
        ):  # an unidentified group is replaced only by an armed party the other telling names
            first.actor1 = mention.actor1
            if mention.actor1.span is not None:
                first.evidence["actor1"] = mention.actor1.span
        if first.actor2 is None:  # the other side of a battle, named by its own account
            other = mention.actor2
            if (
                mention.actor1 is not None
                and first.actor1 is not None
                and party_name(mention.actor1) != party_name(first.actor1)
            ):
                other = mention.actor1
            if other is not None and (first.actor1 is None or party_name(other) != party_name(first.actor1)):
                first.actor2 = other
                if other.span is not None:
                    first.evidence["actor2"] = other.span
        claim = mention.claim
        if claim.claimant and claim.claimant != first.claim.claimant and claim not in first.other_claims:
            first.corroborated = first.corroborated or _other_side(first.claim, claim, res)
            if _acknowledgement_wins(first.claim, claim, res) or _named_voice_wins(first.claim, claim, res):
                # docs/coding.md section 7: the hit side's acknowledgement is the event's voice; a voice the text
                # names is the event's voice over the outlet's own (which only relays it)
                first.other_claims.append(first.claim)
                first.claim = claim
                if claim.span is not None:
                    first.evidence["claimant"] = claim.span
                if first.other_claims[-1].span is not None:
                    first.evidence.setdefault("corroboration", first.other_claims[-1].span)
            else:
                first.other_claims.append(claim)
                if claim.span is not None:
                    first.evidence.setdefault("corroboration", claim.span)
    return [k for k in kept if id(k) not in totals]


def _placeless_totals(text: str, mentions: list[Mention]) -> set[int]:
    """Return the ids of placeless mentions that later tellings at two or more places would each retell: a total
    ("116 drones were intercepted overnight") whose parts the text places ("29 over the Ryazan Region, 27 over the
    Voronezh Region"). The parts are the events; the total is an aggregate without a place (docs/coding.md §8)."""
    totals = set()
    for i, total in enumerate(mentions):
        if total.place is not None:
            continue
        places = {
            later.place.resolved_name or later.place.name
            for later in mentions[i + 1 :]
            if later.place is not None and _retells(text, later, total)
        }
        if len(places) >= 2:
            totals.add(id(total))
    return totals


_ARMED_INTERS = {1, 2, 3, 4, 8}


def _unnamed(actor: Actor | None) -> bool:
    """No attacker named: none, or the unidentified armed group that stands for one ("gunmen")."""
    return actor is None or actor.name.startswith("Unidentified Armed Group")


def _acknowledgement_wins(first: Claim, later: Claim, res: Resources) -> bool:
    """A party's acknowledgement of a strike on itself outranks another voice's telling of it."""
    if later.stance != "acknowledged" or first.stance == "acknowledged":
        return False
    return res.claimants.name(later.claimant or "").party is not None


def _named_voice_wins(first: Claim, later: Claim, res: Resources) -> bool:
    """ "Israeli bombing of a house in Rafah" in the outlet's voice, then "Local sources confirmed that aircraft hit
    a home ... east of Rafah": the source the outlet names for the event outranks the outlet's own telling of it
    (no reporting frame: cue None). Not a party's claim of its own attack (the outlet relays it, it does not adopt
    it), nor a person named by surname alone."""
    if first.cue is None and later.cue is not None and later.span is not None and later.claimant:
        named = res.claimants.name(later.claimant)
        return named.party is None and (
            res.claimants.is_voice(named.name) or any(w[:1].islower() for w in named.name.split())
        )
    return False


def _other_side(first: Claim, later: Claim, res: Resources) -> bool:
    """Return True when two claims speak for different sides (a claim and the other side's acknowledgement)."""
    sides = []
    for claim in (first, later):
        named = res.claimants.name(claim.claimant or "")
        side = named.party.country if named.party is not None else res.claimants.voice_side(named.name)
        sides.append(side)
    if None not in sides and "neutral" not in sides:
        return sides[0] != sides[1]
    return {first.stance, later.stance} == {"claimed", "acknowledged"}


def _absorb(first: Mention, later: Mention, *, key: Callable[[Casualties], tuple]) -> None:
    """Fold a later telling into the first: its counts not already there (by `key`), its evidence for fields the
    first lacks (the first keeps its own trigger)."""
    seen = {key(c) for c in first.casualties}
    first.casualties.extend(c for c in later.casualties if key(c) not in seen)
    for name, span in later.evidence.items():
        first.evidence.setdefault(name, span)


def _repeated_counts(c: Casualties) -> tuple:
    """A repeated telling in one voice: the same numbers (and the same vague death toll) are one count."""
    return (c.killed, c.injured, c.killed_text)


def _telling_counts(c: Casualties) -> tuple:
    """Another voice's telling: a vague injury toll of its own is a count of its own too."""
    return (c.killed, c.injured, c.killed_text, c.injured_text)


def _dedupe(
    mentions: list[Mention], *, headline_end: int = 0, sentence_starts: Sequence[int] = ()
) -> list[Mention]:
    """One mention per event type x place x day x actor within an article (the ACLED rule): a repeated telling
    adds its casualty counts and evidence to the first."""
    kept: dict[tuple, Mention] = {}
    for mention in mentions:
        place = mention.place.resolved_name or mention.place.name if mention.place else None
        key = (mention.sub_event_type, place, mention.date, mention.actor1.name if mention.actor1 else None)
        first = kept.get(key)
        if first is None:
            kept[key] = mention
            continue
        _absorb(first, mention, key=_repeated_counts)
    return _drop_vague_retellings(
        list(kept.values()), headline_end=headline_end, sentence_starts=sentence_starts
    )


# A telling that points back to an event already told: "the attack", "this strike", "responsibility for it".
_GENERIC_TRIGGER = re.compile(
    r"^(?:attacks?|strikes?|operations?|assaults?|raids?|incidents?|explosions?|blasts?|bombings?|shooting|"
    r"fighting|clash(?:es)?|battles?|confrontations?|exchange of fire|"
    r"hit|struck|targeted|attacked|wounded|killed|injured|casualties)$",
    re.IGNORECASE,
)
_BACK_REFERENCE = re.compile(
    r"\b(?:the|this|that|its|their|the same|in the|for the|responsibility for)\s+$", re.I
)
_DEFINITE_OBJECT = re.compile(r"\s+(?:the|this|that)\s+(?!town|village|city|area|region|outskirts)", re.I)
_SAME_PLACE_KM = 5.0
_SAME_POINT_KM = 1.0
_AREA_AFTER = re.compile(r"\s+(?:area|surroundings|vicinity)\b(?!\s+of)", re.IGNORECASE)
_AREA_KM = 15.0  # "the Tyre area": a town's surroundings, as far as its nearby villages
_NEAR_CHARS = 400
_VIOLENT_TYPES = {
    EventType.BATTLES,
    EventType.EXPLOSIONS_REMOTE_VIOLENCE,
    EventType.VIOLENCE_AGAINST_CIVILIANS,
}


def _retells(text: str, later: Mention, first: Mention, *, loose: bool = False) -> bool:
    """Return True when `later` tells again the event `first` told: same day, same place (or none), compatible
    actors, and either the same sub-event type at the same place or a generic word pointing back ("the attack",
    "in the fighting") within a few kilometres."""
    if later.date != first.date and not _undated_after(later, first):
        return False
    vague = _is_vague_telling(later)
    if later.place is not None and first.place is not None:
        same = (later.place.resolved_name or later.place.name) == (
            first.place.resolved_name or first.place.name
        )
        if not same and _listed_together(text, first, later):
            return False  # "strikes on Khiam, Kfarkela, Odaisseh and Markaba": one word's places are its list items
        # "struck targets in the Tyre area" after a strike on a village east of Tyre: the area retells it
        area = not same and _is_area(later, text) and later.sub_event_type == first.sub_event_type
        if not same and not vague and not area:  # two list items 2 km apart are two events
            return False
        if not same:
            if None in (later.place.lat, first.place.lat):
                return False
            if distance_km(later.place.lat, later.place.lon, first.place.lat, first.place.lon) > (
                _AREA_KM if area else _SAME_PLACE_KM
            ):
                return False
    elif later.place is not None and not _is_coarse(later.place):
        return False
    if not _compatible_actors(later, first):
        return False
    if later.sub_event_type == first.sub_event_type:
        return True
    if not {later.event_type, first.event_type} <= _VIOLENT_TYPES:
        return False
    if not vague:
        return False
    if _retold_at_its_place(later, first):
        return True
    trigger = later.evidence["trigger"]
    # "two of its members were killed in a treacherous attack by the Turkish occupation state": an attack told
    # with no place and no day of its own, by the same two sides, is the event already told
    unplaced = later.place is None and "event_date" not in later.evidence
    same_sides = None not in (later.actor1, later.actor2, first.actor1, first.actor2) and (
        later.actor1.name,
        later.actor2.name,
    ) == (first.actor1.name, first.actor2.name)
    return (
        loose
        or (unplaced and same_sides)
        or bool(_BACK_REFERENCE.search(text[max(0, trigger.start - 24) : trigger.start]))
        or bool(_DEFINITE_OBJECT.match(text, trigger.end))
    )


# what lies between two names of one list: separators and the names listed between them (", Aitaroun, Houla and ")
_LIST_GAP = re.compile(r"(?:\s*(?:,|\band\b|\bas well as\b)\s*(?:[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*\s*)?)+")


def _listed_together(text: str, first: Mention, later: Mention) -> bool:
    """Return True when the two tellings are one word's places named next to each other in a list."""
    told, where_first, where_later = (
        first.evidence.get("trigger"), first.evidence.get("location"), later.evidence.get("location")
    )  # fmt: skip
    if told is None or told != later.evidence.get("trigger") or where_first is None or where_later is None:
        return False
    return bool(_LIST_GAP.fullmatch(text[where_first.end : where_later.start]))


# An event noun after a definite word ("the attack", "this strike", "Thursday's assault", "the latest raid")
_POINTER_NOUN = re.compile(
    r"^(?:attacks?|strikes?|air ?strikes?|drone strikes?|assaults?|raids?|incidents?|explosions?|blasts?|"
    r"bombings?|shooting|fighting|clash(?:es)?|battles?|confrontations?|ambush|offensive)$",
    re.IGNORECASE,
)
_DEFINITE_BEFORE = re.compile(
    r"(?:\b(?:the|this|these|those|its|their)|['’]s)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
# A place named after the event word in its own sentence ("the attack on Khiam", "the attack happened in El
# Limoncito", "the blast hit a vehicle heading towards Halgan") is the event's own; up to this many characters on.
_OWN_PLACE_CHARS = 150


def _points_back(text: str, mention: Mention) -> bool:
    """Return True for a telling named by a definite event noun ("the attack", "Thursday's strike") whose place,
    if any, is not its own: it points back to an event already told."""
    trigger = mention.evidence.get("trigger")
    if trigger is None or not _POINTER_NOUN.match(trigger.text) or not text:
        return False
    if not _DEFINITE_BEFORE.search(text[max(0, trigger.start - 40) : trigger.start]):
        return False
    where = mention.evidence.get("location")
    if where is None:
        return True
    if where.start >= trigger.end:
        gap = text[trigger.end : where.start]
        return len(gap) > _OWN_PLACE_CHARS or bool(re.search(r"[.!?]\s|\n", gap))
    return not (0 <= trigger.start - where.end <= 15)  # "the Khiam attack"


_REACTIONS = word_set("comments.tsv", kind="reaction")  # data/lexicons/en/comments.tsv
_PURPOSES = word_set("comments.tsv", kind="purpose")
_SEQUELS = word_set("comments.tsv", kind="sequel")
_LINKS = word_set("comments.tsv", kind="link")
_ABOUT = word_set("comments.tsv", kind="about")


def _comments_on(state: ArticleState, mention: Mention, starts: Sequence[int]) -> bool:
    """Return True for a definite event noun that a sentence comments on rather than tells: the object of a
    reaction ("the ministry condemned the attack", "confirming the attack, the police spokesman said"), what a
    noun speaks about ("the rubble of the strike", "at the time of the attack"), or the subject of its reason or
    sequel ("the attack was carried out in solidarity with the people of Gaza", "the
    attack came as the RSF tried to take Kordofan"). It points back to the event already told, whatever places
    the comment names."""
    trigger = mention.evidence.get("trigger")
    text = state.article.text
    if trigger is None or not _POINTER_NOUN.match(trigger.text):
        return False
    if not _DEFINITE_BEFORE.search(text[max(0, trigger.start - 40) : trigger.start]):
        return False
    at = bisect_right(starts, trigger.start) - 1  # `starts`: the sentences' start offsets, in order
    sentence = state.sentences[at] if at >= 0 else None
    if sentence is None or sentence.span is None or trigger.start >= sentence.end:
        return False
    token = token_at(sentence.span, trigger.end - 1 - sentence.start)  # the head word of "drone strike"
    if token is None:
        return False
    head = token.head
    if token.dep_ == "dobj" and head.lemma_.lower() in _REACTIONS:
        return True
    if token.dep_ == "pobj" and head.head.lemma_.lower() in _ABOUT:
        return True  # "searched the rubble of the strike", "at the time of the attack"
    if token.dep_ not in ("nsubj", "nsubjpass") or head.pos_ not in ("VERB", "AUX"):
        return False
    if head.lemma_.lower() in _SEQUELS:
        # "came as the RSF tried ...", "came amid reports ...", "came a day after ...": beside other news
        return any(
            (c.dep_ == "prep" and c.lower_ in _LINKS)
            or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _LINKS for m in c.children))
            for c in head.children
        )
    for child in head.children:
        if child.dep_ == "attr" and child.lemma_.lower() in _PURPOSES:
            return True  # "the attack was an act of solidarity", "was its answer to ..."
        if child.dep_ == "prep" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in _PURPOSES for g in child.children
        ):
            return True  # "was carried out in response to ...", "was in support of ..."
    return False


def _placed_in_its_sentence(mention: Mention, starts: Sequence[int]) -> bool:
    """Return True when the mention's place is named in the sentence of its event word."""
    trigger, where = mention.evidence.get("trigger"), mention.evidence.get("location")
    if trigger is None or where is None:
        return False
    return bisect_right(starts, where.start) == bisect_right(starts, trigger.start)


def _pointed_at(later: Mention, first: Mention) -> bool:
    """Return True when a pointing telling can be the event `first` told: violent both, compatible sides, the
    same day or no day of its own."""
    if not {later.event_type, first.event_type} <= _VIOLENT_TYPES:
        return False
    told, pointing = first.evidence.get("trigger"), later.evidence["trigger"]
    if told is None or told.start >= pointing.start:
        return False
    if later.date != first.date and not _undated_after(later, first):
        return False
    return _compatible_actors(later, first) or "actor1" not in later.evidence  # a side inferred, not told


def _compatible_actors(later: Mention, first: Mention) -> bool:
    """Same actor1 (or one unknown); in a battle either side may be named first ("the army said ... in the
    fighting with Hezbollah")."""
    a1, b1 = later.actor1, first.actor1
    if a1 is None or b1 is None or party_name(a1) == party_name(b1):
        return True
    battle = later.event_type == first.event_type == EventType.BATTLES or (
        first.event_type == EventType.BATTLES and _is_vague_telling(later)
    )
    return battle and (first.actor2 is None or party_name(a1) == party_name(first.actor2))


def _near_in_text(first: Mention, later: Mention) -> bool:
    """Return True when two tellings are a few sentences apart: a vague word and the words that type it."""
    a, b = first.evidence.get("trigger"), later.evidence.get("trigger")
    return a is not None and b is not None and abs(b.start - a.start) <= _NEAR_CHARS


def _undated_after(later: Mention, first: Mention) -> bool:
    """A telling with no date of its own (dated by publication) may point back to an event a few days earlier."""
    if "event_date" in later.evidence or later.date is None or first.date is None:
        return False
    return 0 <= (later.date - first.date).days <= 7


_UNTYPED = word_pattern("untyped_words.tsv", kind="any")  # data/lexicons/en/untyped_words.tsv
_UNTYPED_REMOTE = word_pattern("untyped_words.tsv", kind="remote")
# what a telling falls to when no weapon, target or exchange of fire types its word
_DEFAULT_SUBTYPES = {SubEventType.ARMED_CLASH, SubEventType.ATTACK}


def _retold_at_its_place(vague: Mention, typed: Mention) -> bool:
    """Return True when a word that does not say what happened ("a Russian attack killed a man in Kherson",
    "militants attacked the camp") is told at the very place (a town or finer) and on the day of a violent event the
    article types in other words: one event per attack, place and day (docs/coding.md section 1), however far apart
    the two tellings are."""
    trigger = vague.evidence.get("trigger")
    if trigger is None:
        return False
    remote = (
        _UNTYPED_REMOTE.fullmatch(trigger.text) is not None
        and vague.sub_event_type in _DEFAULT_SUBTYPES
        and typed.event_type == EventType.EXPLOSIONS_REMOTE_VIOLENCE
    )
    if not remote and not _UNTYPED.fullmatch(trigger.text):
        return False
    if vague.date is None or vague.date != typed.date or not {vague.event_type, typed.event_type} <= _VIOLENT_TYPES:
        return False
    if vague.place is None or typed.place is None or _is_coarse(vague.place) or _is_coarse(typed.place):
        return False
    name = vague.place.resolved_name or vague.place.name
    same = name == (typed.place.resolved_name or typed.place.name) or (
        None not in (vague.place.lat, typed.place.lat)
        and distance_km(vague.place.lat, vague.place.lon, typed.place.lat, typed.place.lon) <= _SAME_POINT_KM
    )  # "Gaza City" and "Gaza": two names of one point
    return same and _compatible_actors(vague, typed)


def _is_vague_telling(mention: Mention) -> bool:
    """Return True for a mention typed only from a generic word ("attack", "strike", "hit")."""
    trigger = mention.evidence.get("trigger")
    return trigger is not None and bool(_GENERIC_TRIGGER.match(trigger.text))


def _is_area(mention: Mention, text: str) -> bool:
    """Return True for a place told as a town's surroundings ("in the Tyre area", "the area of Khiam")."""
    relation = (mention.place.relation or "") if mention.place is not None else ""
    where = mention.evidence.get("location")
    after = text[where.end : where.end + 8] if where is not None and text else ""
    if any(c.killed is not None or c.injured is not None for c in mention.casualties):
        return False  # a toll of its own makes it an event of its own, not a summary of one told before
    singular = relation in ("area of", "the area of", "vicinity of", "the vicinity of", "surroundings of")
    return singular or bool(_AREA_AFTER.match(after))


def _is_country_wide(place: Place | None) -> bool:
    return place is not None and (place.feature_code or "").startswith("PCL")


def _is_coarse(place: Place | None) -> bool:
    if place is None:
        return True
    code = place.feature_code or ""
    return place.geo_precision == 3 or code.startswith(("PCL", "ADM1", "RGN", "AREA"))


def _drop_vague_retellings(
    mentions: list[Mention], *, headline_end: int = 0, sentence_starts: Sequence[int] = ()
) -> list[Mention]:
    """A summary sentence ("strikes on southern Lebanon", "raids on the towns of the south") retells an event the
    article places precisely: a mention with no place, only a country/region, or a place borrowed from the
    headline is dropped when one of the same type, day and actor is placed finer in the body."""

    def borrowed(mention: Mention) -> bool:
        return _borrowed(mention, headline_end)

    kept = []
    for mention in mentions:
        if _is_coarse(mention.place) or borrowed(mention):
            twin = next(
                (
                    m for m in mentions
                    if m is not mention and not _is_coarse(m.place) and not borrowed(m)
                    and m.event_type == mention.event_type
                    and (m.date == mention.date or _undated_retelling(m, mention))
                    and not _told_abroad(m, mention, sentence_starts)
                    and (mention.actor1 is None or m.actor1 is None or m.actor1.inter == mention.actor1.inter)
                ),
                None,
            )  # fmt: skip
            if twin is not None:
                _type_by_summary(mention, [twin])
                if twin.date != mention.date:
                    # "Armed men ambushed soldiers in western Niger on Saturday", then "The attack on a patrol in
                    # the Tillia area": the placed retelling has no day of its own; the summary's day is the event's
                    twin.date, twin.time_precision = mention.date, mention.time_precision
                    twin.date_note = mention.date_note  # None, or the report's opening day lent (dates._lede_day)
                    if "event_date" in mention.evidence:
                        twin.evidence["event_date"] = mention.evidence["event_date"]
                for name, span in mention.evidence.items():
                    twin.evidence.setdefault(name, span)
                if not _has_counts(twin):  # "Residents said the strike killed two people": the toll of the event
                    _absorb(twin, mention, key=_telling_counts)
                continue
        kept.append(mention)
    return kept


# The attack words that do not say what kind of attack it was ("attacked", "targeting", "struck", "an explosion"):
# the event they tell is typed from the words around them (data/lexicons/en/triggers.tsv, role generic)
_GENERIC_WORDS = re.compile(
    "(?:" + "|".join(r["pattern"] for r in lexicon_rows("triggers.tsv", role="generic")) + ")", re.IGNORECASE
)


_GUESSED_TYPES = {EventType.BATTLES, EventType.VIOLENCE_AGAINST_CIVILIANS}


def _typed_only_by_context(mention: Mention) -> bool:
    """Return True for a mention whose event word is a generic attack word (its type was read from context)."""
    trigger = mention.evidence.get("trigger")
    return trigger is not None and _GENERIC_WORDS.fullmatch(trigger.text) is not None


def _type_by_summary(summary: Mention, finer: list[Mention]) -> None:
    """A summary that names the weapon ("Israeli air strikes on Damascus", "a suicide car bomb in Somalia") types the
    events it retells at finer places when those were told only by a generic word ("targeting a building in Mazzeh",
    "attacked positions in Froun", "the explosion in Beledweyne"): the weapon words type an event, whichever telling
    has them (docs/coding.md section 7, retellings). A generic word typed by its target or its attacker
    alone (a clash, an attack on civilians) or by an explosion alone (a roadside bomb) gives way; a strike already
    typed by its own words keeps them. Not from a whole country's summary, nor across provinces."""
    if summary.event_type != EventType.EXPLOSIONS_REMOTE_VIOLENCE or "trigger" not in summary.evidence:
        return
    if _typed_only_by_context(summary) or _is_vague_telling(summary):
        return
    if summary.place is None or (summary.place.feature_code or "").startswith("PCL"):
        return
    for event in finer:
        if event.sub_event_type == summary.sub_event_type or not _typed_only_by_context(event):
            continue
        # typed by its target or attacker (a clash, an attack on civilians), or an explosion read as a planted bomb
        guessed = event.event_type in _GUESSED_TYPES or event.sub_event_type == SubEventType.REMOTE_EXPLOSIVE_LANDMINE_IED
        if not guessed or event.place is None:
            continue
        same_place = (event.place.resolved_name or event.place.name) == (
            summary.place.resolved_name or summary.place.name
        )
        if not same_place and not _inside_summary(event, summary):
            continue
        event.event_type, event.sub_event_type = summary.event_type, summary.sub_event_type
        event.weapon, event.trigger = summary.weapon, summary.trigger
        event.evidence["trigger"] = summary.evidence["trigger"]


def _borrowed(mention: Mention, headline_end: int) -> bool:
    """Return True for a mention whose place comes from the headline, not from its own words."""
    where, trigger = mention.evidence.get("location"), mention.evidence.get("trigger")
    return where is not None and trigger is not None and where.start < headline_end <= trigger.start


def _fold_region_leads(mentions: list[Mention], *, headline_end: int = 0, text: str = "") -> list[Mention]:
    """Fold a region-level lead into the event the body places inside it, told in other words or dated a day apart:
    "Gunmen attacked a village in Plateau state on Sunday, killing 12", then "the gunmen stormed Kwatas village
    late on Saturday". Runs after the voices are merged (`link_retellings`); the lead's voice stays on the record
    beside the event's. A place borrowed from the headline counts as a lead when typed by a generic word ("the
    attack") or with the same sub-event type; a clash or a bombing told in its own words beside the headline's
    strike is another event. A place the text names as a province ("in Arauca department", "the state of
    Guanajuato") is a region lead whatever point the gazetteer gives the name (the department's town)."""
    kept: list[Mention] = []
    provinces = {id(m) for m in mentions if _named_as_province(m, text)}
    for mention in mentions:
        coarse = _is_coarse(mention.place) or id(mention) in provinces
        if not coarse and not _borrowed(mention, headline_end):
            kept.append(mention)
            continue
        inside = [
            m for m in mentions
            if m is not mention and not _is_coarse(m.place) and id(m) not in provinces
            and not _borrowed(m, headline_end)
            and (mention.actor1 is None or m.actor1 is None or m.actor1.inter == mention.actor1.inter)
            and _inside_summary(m, mention)
            and (coarse or _is_vague_telling(mention) or m.sub_event_type == mention.sub_event_type)
        ]  # fmt: skip
        if not inside:
            kept.append(mention)
            continue
        _type_by_summary(mention, inside)
        twin = inside[0]
        if len(inside) == 1 and not _has_counts(twin):
            # "Gunmen attacked a village in Plateau state, killing 12": the one event it tells has its toll
            _absorb(twin, mention, key=_repeated_counts)
        else:
            for name, span in mention.evidence.items():
                twin.evidence.setdefault(name, span)
        _keep_voice(twin, mention)
    return kept


# data/lexicons/en/admin_units.tsv: the words that name a country's first division ("department", "state")
_PROVINCE_WORD = word_pattern("admin_units.tsv", level="province").pattern
# "Arauca department", "Arauca, a region already scarred by conflict"
_PROVINCE_AFTER = re.compile(
    r"(?:\s+|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2})(?:" + _PROVINCE_WORD + r")", re.IGNORECASE
)
_PROVINCE_BEFORE = re.compile(r"\b(?:" + _PROVINCE_WORD + r")\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _named_as_province(mention: Mention, text: str) -> bool:
    """Return True when the text names the mention's place as a province: "in Arauca department", "Iraq's
    Al-Sulaymaniyah province", "the central Mexican state of Guanajuato", "in Arauca, a region scarred by conflict"."""
    where = mention.evidence.get("location")
    if where is None or not text:
        return False
    return bool(
        _PROVINCE_AFTER.match(text, where.end) or _PROVINCE_BEFORE.search(text[max(0, where.start - 30) : where.start])
    )


def _keep_voice(first: Mention, later: Mention) -> None:
    """Keep the voice of a telling folded into `first` beside first's own, as link_retellings does."""
    claim = later.claim
    if claim.claimant and claim.claimant != first.claim.claimant and claim not in first.other_claims:
        first.other_claims.append(claim)
        if claim.span is not None:
            first.evidence.setdefault("corroboration", claim.span)
    first.other_claims.extend(c for c in later.other_claims if c not in first.other_claims)


# The event types one happening is told as by different words ("Gunmen attacked a village in Plateau state",
# then "the vigilante ... in Kwatas"): the violent ones and riots, as the scorer pairs them (evaluate.matching).
_ONE_HAPPENING_TYPES = _VIOLENT_TYPES | {EventType.RIOTS}
_SUMMARY_DAYS = 1  # a lead dated by the report's day, the body by the night before
_SUMMARY_KM = 200.0  # a region named by the lead ("Hiran region") holds the village the body names


def _in_province(finer: Mention, summary: Mention) -> bool:
    """Return True unless the summary names a province and `finer` lies in another one: shelling "in the Kherson
    region" is not a shooting in Kupiansk in the Kharkiv region."""
    coarse = summary.place
    if coarse is None or not (coarse.feature_code or "").startswith("ADM1") or not coarse.admin1:
        return True
    fine = finer.place
    return fine is not None and fine.country == coarse.country and admin_key(fine.admin1) == admin_key(coarse.admin1)


def _has_counts(mention: Mention) -> bool:
    return any(c.killed is not None or c.injured is not None for c in mention.casualties)


def _inside_summary(finer: Mention, summary: Mention) -> bool:
    """Return True when `finer` can be the event a region-level `summary` tells ("Russian shelling killed a couple in
    the Kherson region", then "forces fired on Novoberyslav"): violence both, a day apart at most, and the finer
    place inside the summary's country and its province (or near its point when the province is not known)."""
    if summary.place is None or finer.place is None or summary.date is None or finer.date is None:
        return False
    if not {summary.event_type, finer.event_type} <= _ONE_HAPPENING_TYPES:
        return False
    if abs((finer.date - summary.date).days) > _SUMMARY_DAYS:
        return False
    coarse, fine = summary.place, finer.place
    if coarse.country is None or fine.country != coarse.country:
        return False
    if (coarse.feature_code or "").startswith("PCL"):
        return True
    if (coarse.feature_code or "").startswith("ADM1") and coarse.admin1:
        return _in_province(finer, summary)  # "Damascus" the governorate and Qudsaya in Rural Damascus: two
    if None in (coarse.lat, coarse.lon, fine.lat, fine.lon):
        return False
    return distance_km(coarse.lat, coarse.lon, fine.lat, fine.lon) <= _SUMMARY_KM


def _told_abroad(finer: Mention, summary: Mention, sentence_starts: Sequence[int]) -> bool:
    """Whether a coarse telling is an event of its own in another country than the finer one: "bombed a house in
    Khost province late on Monday" (Afghanistan) does not retell suicide attacks in Peshawar (Pakistan) told for
    the same day. A telling at a region or a whole country ("missiles at bases in northern Israel"), or one
    whose day comes from elsewhere ("in response to strikes on southern Lebanon"), may still be a summary."""
    if finer.place is None or summary.place is None or not (summary.place.feature_code or "").startswith("ADM"):
        return False
    codes = {finer.place.country_code, summary.place.country_code}
    if None in codes or len(codes) != 2:
        return False
    when, trigger = summary.evidence.get("event_date"), summary.evidence.get("trigger")
    if when is None or trigger is None:
        return False
    return bisect_right(sentence_starts, when.start) == bisect_right(sentence_starts, trigger.start)


def _undated_retelling(finer: Mention, summary: Mention) -> bool:
    """Return True when `finer`, with no day of its own, can be the summary's event told again at its place: a few
    sentences on, inside the summary's country (and province, when the summary names one)."""
    if not _undated_after(finer, summary) or not _near_in_text(summary, finer) or finer.place is None:
        return False
    if summary.place is None:
        return True
    if finer.place.country != summary.place.country:
        return False
    area = summary.place.admin1 if (summary.place.feature_code or "").startswith("ADM1") else None
    return area is None or finer.place.admin1 == area


def _is_news(mention: Mention, published: dt.date | None) -> bool:
    if published is None or mention.date is None:
        return True
    return (published - mention.date).days <= _BACKGROUND_DAYS and mention.date <= published + dt.timedelta(
        days=1
    )
