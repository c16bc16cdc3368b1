"""ACLED's sides of an event when the text leaves them out: protesters, rioters and civilians named for the
event's country, the police that intervened, who was hit by a strike, who intercepted, the other side of a
battle."""

from __future__ import annotations

import datetime as dt
import logging
import re

from eventwire.events.attach import PARTY_INTERS
from eventwire.events.attribute import responsible_party
from eventwire.events.detect import EventCandidate
from eventwire.geo.distance import distance_km
from eventwire.model import Actor, ArticleState, Mention, Place, Sentence
from eventwire.nlp.lexicons import word_pattern
from eventwire.resources import Resources
from eventwire.taxonomy import EventType, SubEventType

VERSION = "sides.v2"
log = logging.getLogger(__name__)

_GROUND_DISRUPTION = re.compile(r"defus|dismantl|deactivat|controlled explosion|surface vessel|boat", re.I)
# Who a strike hit, when the text names no party (data/lexicons/en/targets.tsv).
_CIVILIAN_HIT = word_pattern("targets.tsv", **{"class": "civilian", "other_side": "yes"})
_MILITARY_HIT = word_pattern("targets.tsv", **{"class": "military", "other_side": "yes"})
_INTERCEPTORS = word_pattern("interceptors.tsv")  # data/lexicons/en/interceptors.tsv: "air defence"
_MILITARY_FEATURES = {"MILB", "AIRB", "NVB", "INSM", "AIRF"}
_POLICE_PRESENT = re.compile(
    r"\b(?:police|policemen|riot police|officers|security forces|gendarmes|gendarmerie|tear ?gas|water cannons?|"
    r"rubber bullets)\b",
    re.IGNORECASE,
)


# Places well known enough to be named without their country ("strikes on Damascus"): capitals and the seats of
# first-level divisions. Another town or village in a country the article never names is more likely a namesake.
_FAMOUS_PLACES = {"PPLC", "PPLA"}
_NAMESAKE_KM = 500  # farther than this from every place of the article's countries, a village is a namesake


def event_country(state: ArticleState, place: Place | None, sentence: Sentence, res: Resources) -> str | None:
    """Return the country an event's unnamed sides are named for (civilians, rioters, an unidentified group, a
    transnational group's branch): the place's, unless the place is a namesake far abroad. A village in a country
    the article neither names nor implies, far from every place the article has in the countries it does
    ("Mandela", a village of Cabo Delgado, read as a namesake in Ghana), says the place is wrong, not the actors:
    then the sides are named for the implied country where most of the article's places lie."""
    country = place.country if place and place.country else None
    if country is None:
        return next((a.actor.country for a in sentence.actors if a.actor.country), None)
    info = res.actors.country_of(place.country_code or country)
    if info is None or not state.countries or info.iso2 in state.countries:
        return country
    if not (place.feature_code or "").startswith("PPL") or place.feature_code in _FAMOUS_PLACES:
        return country  # a region or a well-known city: named without its country ("the Bryansk region")
    places = _article_places(state)
    if len(places.get(info.iso2, {})) > 1:
        return country  # another place of the article lies in that country too
    # the implied countries: those the article names or its actors imply, and any holding two of its places
    # ("Sulaimani", "Chwarta" in a text that never says Iraq)
    implied = [
        *state.countries,
        *(c for c, named in places.items() if len(named) > 1 and c not in state.countries),
    ]
    points = [point for code in implied for point in places.get(code, {}).values()]
    if not points or place.lat is None or place.lon is None:
        return country  # nothing to compare with: the place stands
    if min(distance_km(place.lat, place.lon, lat, lon) for lat, lon in points) <= _NAMESAKE_KM:
        return (
            country  # a neighbour of the article's places ("Majdal Shams" in a text about Hezbollah's fire)
        )
    home = max(implied, key=lambda code: (len(places.get(code, {})), -implied.index(code)))
    found = res.actors.country_of(home)
    log.debug("%s: %s lies in %s, far from the article's places; its sides are named for %s",
              state.article.id[:12], place.name, country, found.name if found else country)  # fmt: skip
    return found.name if found is not None else country


def _article_places(state: ArticleState) -> dict[str, dict[str, tuple[float, float]]]:
    """The article's resolved places (name -> point) by country code, countries themselves left out (once per
    article)."""
    found = state.lookups.get("places_by_country")
    if found is None:
        found = state.lookups["places_by_country"] = {}
        for sentence in state.sentences:
            for hit in sentence.places:
                where = hit.place
                if (
                    where.country_code
                    and where.lat is not None
                    and where.lon is not None
                    and not (where.feature_code or "").startswith("PCL")
                ):
                    found.setdefault(where.country_code, {})[where.resolved_name or where.name] = (
                        where.lat,
                        where.lon,
                    )
    return found


_TERRITORY = {
    SubEventType.GOVERNMENT_REGAINS_TERRITORY,
    SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY,
    SubEventType.NON_VIOLENT_TRANSFER_OF_TERRITORY,
}
_LOSS = word_pattern("territory_losses.tsv")  # data/lexicons/en/territory_losses.tsv: "pulled out of"


def territory_sides(
    state: ArticleState,
    candidate: EventCandidate,
    actor1: Actor | None,
    actor2: Actor | None,
    sentence: Sentence,
    country: str | None,
    res: Resources,
    *,
    actor1_at: int | None,
) -> tuple[Actor | None, Actor | None]:
    """Return (actor1, actor2) of a territory event as ACLED codes them: the side that took the ground, then the
    side that lost it. "Resistance forces captured a junta camp": the junta, named only in what was captured, lost
    it; "junta troops pulled out of their base": the troops gave it up. The taker is then the other side the
    sentence names after the words ("fell to the KIA", "after attacks by the PDF"), else the opposing party the
    article names most, else an unidentified armed group. `actor1_at` is where the words naming actor1 start."""
    if candidate.sub_event_type not in _TERRITORY:
        return actor1, actor2
    anchor = candidate.anchor
    loss = bool(_LOSS.search(anchor.text))
    if actor1 is None and actor2 is not None and not loss:
        loser = actor2  # "Resistance fighters overran a Myanmar army outpost": only the side that lost it is named
    elif actor1 is None or actor1_at is None or (actor1_at < anchor.start) != loss:
        return actor1, actor2  # the subject took it, or the taker is named after "fell to"
    else:
        loser = actor1
    taker = next(
        (
            hit.actor for hit in sentence.actors
            if hit.start >= anchor.end and hit.actor.inter in _ARMED and not _same_party(hit.actor, loser)
        ),
        None,
    )  # fmt: skip
    if taker is None:
        taker = _opponent(state, loser)
    if taker is None and country:
        taker = res.actors.unidentified(country)
    return taker, loser


_ARMED = {1, 2, 3, 4, 8}
_CIVILIANS = 7


def _same_party(a: Actor, b: Actor) -> bool:
    return a.name == b.name or (a.inter == 1 and b.inter == 1 and a.country == b.country)


def _opponent(state: ArticleState, actor: Actor) -> Actor | None:
    """The party on the other side from an actor that the article names most: for state forces, a non-state armed
    group; for a non-state group, state forces."""
    for name, _count in state.parties.most_common():
        other = state.party_of[name]
        if _same_party(other, actor) or other.inter not in _ARMED:
            continue
        if (actor.inter == 1) != (other.inter == 1):
            return other
    return None


def default_sides(
    candidate: EventCandidate,
    actor1: Actor | None,
    actor2: Actor | None,
    place: Place | None,
    sentence: Sentence,
    res: Resources,
    on: dt.date | None = None,
    *,
    country: str | None = None,
) -> tuple[Actor | None, Actor | None]:
    """Return (actor1, actor2) with the sides ACLED fills in for the event's type; protesters, rioters and
    civilians are named for the event's country (`country`, see event_country; else the place's), as ACLED
    does."""
    actors = res.actors
    if country is None:
        country = place.country if place and place.country else None
    if country is None:
        country = next((a.actor.country for a in sentence.actors if a.actor.country), None)
    if actor1 is not None and country:
        actor1 = actors.for_country(actor1, country)
    if actor2 is not None and country:
        actor2 = actors.for_country(actor2, country)
    if actor1 is not None and actor1.inter == _CIVILIANS and candidate.event_type == EventType.BATTLES:
        # "Civilians were caught in clashes between the AA and junta troops": unarmed people are never a side of a
        # battle (ACLED codes civilians only as the side acted upon); the armed side named fought, and the other
        # side is the article's adversary, filled in later
        armed = actor2 is not None and actor2.inter in _ARMED
        actor1, actor2 = (actor2, None) if armed else (None, actor2)
    if country is None:
        return actor1, actor2
    if candidate.sub_event_type == SubEventType.DISRUPTED_WEAPONS_USE:
        # ACLED: actor1 intercepts, actor2 launched. Interceptions in the air happen over the interceptor's own
        # ground, so a foreign actor named in the clause is the launcher ("Ukrainian drones were downed"). A
        # seizure or a defusal is done by whoever the clause says.
        airborne = candidate.anchor.rule.role == "intercept" and not _GROUND_DISRUPTION.search(
            candidate.anchor.text
        )
        if actor1 is not None and actor1.surface and _INTERCEPTORS.search(actor1.surface):
            airborne = False  # "Russian air defence shot down drones over Bryansk": the named interceptor
        home = actors.state_forces(country, on=on) if airborne else None
        if home is not None:
            if actor1 is not None and actor1.country and actor1.country != home.country:
                defender = actor2 if actor2 is not None and actor2.country == home.country else home
                actor1, actor2 = defender, actor1
            elif actor1 is None:
                actor1 = actor2 if actor2 is not None and actor2.country == home.country else home
                actor2 = None if actor2 is actor1 else actor2
        return actor1, actor2
    if candidate.event_type == EventType.PROTESTS:
        if actor1 is None or actor1.inter not in (6,):
            actor2 = actor1 if actor1 is not None and actor1.inter in (1,) else actor2
            actor1 = actors.protesters(country)
        if actor2 is None and candidate.sub_event_type != SubEventType.PEACEFUL_PROTEST:
            # ACLED: who intervened, the police unless the text names another force
            actor2 = actors.state_forces(country, on=on, police=True)
    elif candidate.event_type == EventType.RIOTS:
        if actor1 is not None and actor1.name.startswith("Settlers"):
            actor1 = actors.rioters(actor1.country or country)  # ACLED: settler mobs are Rioters (Israel)
        elif actor1 is None or actor1.inter not in (5, 4, 3):
            actor1 = actors.rioters(country)
        if candidate.sub_event_type == SubEventType.MOB_VIOLENCE and actor2 is None:
            actor2 = actors.civilians(country)
        elif actor2 is None and _POLICE_PRESENT.search(sentence.text):
            actor2 = actors.state_forces(country, on=on, police=True)  # rioters who fought the police
    elif candidate.sub_event_type == SubEventType.ARRESTS and actor2 is None and actor1 is not None:
        actor2 = actors.civilians(country)  # ACLED: nine arrests in ten name civilians as the other side
    elif candidate.event_type == EventType.VIOLENCE_AGAINST_CIVILIANS:
        if actor2 is None or actor2.inter in PARTY_INTERS:
            actor2 = actors.civilians(country)
        if actor1 is None:
            actor1 = actors.unidentified(country)
    elif (
        candidate.event_type == EventType.EXPLOSIONS_REMOTE_VIOLENCE and actor2 is None and actor1 is not None
    ):
        # Who was hit, when the text does not name a party: civilians (a house, a car, people killed), or a
        # military site or unit of the country where it happened, struck by a foreign actor.
        after = sentence.text[max(0, candidate.anchor.start - sentence.start) :]
        hurt = " ".join(c.who or "" for c in sentence.casualties)
        if _CIVILIAN_HIT.search(after) or _CIVILIAN_HIT.search(hurt):
            actor2 = actors.civilians(country)
        elif (
            _MILITARY_HIT.search(after) or (place is not None and place.feature_code in _MILITARY_FEATURES)
        ) and actor1.country not in (None, country):
            actor2 = actors.state_forces(country, on=on)
    return actor1, actor2


# Armed violence ACLED never leaves without a perpetrator: an unnamed one is an unidentified armed group (in
# ACLED's 2022 file, 43 % of IED and half of grenade events; no event has an empty actor1).
_ARMED_BY_SOMEONE = {
    SubEventType.ARMED_CLASH,
    SubEventType.REMOTE_EXPLOSIVE_LANDMINE_IED,
    SubEventType.GRENADE,
    SubEventType.SUICIDE_BOMB,
    SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY,  # "resistance forces captured a camp": some armed group
}


def unnamed_attackers(mentions: list[Mention], res: Resources) -> list[Mention]:
    """Return the mentions with `Unidentified Armed Group (Country)` as actor1 of a clash, a bombing, a grenade
    attack or a non-state capture whose text names no attacker, once every telling of the event had its say (a later telling may name
    the group)."""
    for mention in mentions:
        country = mention.place.country if mention.place is not None else None
        if mention.actor1 is None and country and mention.sub_event_type in _ARMED_BY_SOMEONE:
            mention.actor1 = res.actors.unidentified(country)
    return mentions


_ARMED_GROUP_INTERS = {2, 3, 4}
_VIOLENT_TYPES = {
    EventType.BATTLES,
    EventType.EXPLOSIONS_REMOTE_VIOLENCE,
    EventType.VIOLENCE_AGAINST_CIVILIANS,
}


def claimed_attacks(state: ArticleState, mentions: list[Mention], res: Resources) -> list[Mention]:
    """Return the mentions with an unidentified attacker replaced by the armed group the article says claimed the
    attack: "a suicide bomber blew themselves up in a restaurant in Beledweyne" then "al-Shabab has claimed
    responsibility". Only when the article names one claiming group ("No group has claimed ..." names none)."""
    claimers: dict[str, Actor] = {}
    for sentence in state.sentences:
        if not any(frame.responsibility for frame in sentence.frames):
            continue
        party = responsible_party(state, sentence, res)
        if party is not None and party.inter in _ARMED_GROUP_INTERS:
            claimers.setdefault(party.name, party)
    if len(claimers) != 1:
        return mentions
    [group] = claimers.values()
    for mention in mentions:
        unnamed = mention.actor1 is not None and mention.actor1.name.startswith("Unidentified Armed Group")
        if unnamed and mention.event_type in _VIOLENT_TYPES:
            country = mention.place.country if mention.place is not None else None
            actor = res.actors.for_country(group, country) if country else group
            mention.actor1 = actor.model_copy(update={"span": group.span, "surface": group.surface})
            if group.span is not None:
                mention.evidence["actor1"] = group.span
    return mentions


# ACLED names a movement's faction "<Movement> - <Faction>: ..." beside the movement's own "<Movement>: ..."
_FACTION = re.compile(r"^(?P<family>[^:]+?) - [^:]+:")


def named_factions(state: ArticleState, mentions: list[Mention]) -> list[Mention]:
    """Return the mentions with a movement named as a side replaced by the one faction of it the article names:
    "FARC dissidents attacked police stations ..." then "the attacks were carried out by the Dagoberto Ramos
    structure" -> `FARC Dissident - Dagoberto Ramos: ...` (ACLED codes the faction when the source names it)."""
    factions: dict[str, dict[str, Actor]] = {}
    for hit in state.actor_hits:
        m = _FACTION.match(hit.actor.name)
        if m is not None:
            factions.setdefault(m["family"], {})[hit.actor.name] = hit.actor
    if not factions:
        return mentions
    for mention in mentions:
        for side in ("actor1", "actor2"):
            actor = getattr(mention, side)
            named = factions.get(actor.name.split(":")[0]) if actor is not None else None
            if named and len(named) == 1 and not _FACTION.match(actor.name):
                faction = next(iter(named.values()))
                setattr(
                    mention, side, faction.model_copy(update={"span": actor.span, "surface": actor.surface})
                )
    return mentions


def adversary(state: ArticleState, actor: Actor, place: Place | None) -> Actor | None:
    """Return the other side of a battle whose text names one side: for a non-state actor, the state forces of
    the country where it happened when the text names them (Islamic State in Iraq fights Iraq's forces), else
    the armed party the text names most that is neither the actor nor of its country (Hezbollah's battles are
    with Israel's forces in a text about both)."""
    others = [
        state.party_of[name]
        for name, _count in state.parties.most_common()
        if name != actor.name
        and not (state.party_of[name].country and state.party_of[name].country == actor.country)
    ]
    if place is not None and place.country and actor.inter != 1:
        home = [o for o in others if o.inter == 1 and o.country == place.country]
        if home:
            return home[0]
    return others[0] if others else None
