"""Fill ACLED fields on a mention: fatalities by ACLED's conservative rule, neutral notes, and the ACLED row.

Notes are written from the mention's fields, never from the article's words: a party's claim is always
attributed ("According to Hezbollah, ..."), and loaded vocabulary cannot reach a note because no sentence of
the article is copied into it.
"""

from __future__ import annotations

import json

from eventwire.model import ACLED_COLUMNS, EVENTWIRE_COLUMNS, Actor, Article, Mention
from eventwire.nlp.actors import ActorLexicon
from eventwire.taxonomy import DISORDER_OF_EVENT_TYPE, SubEventType, sub_type

# How a note names what another voice of the same article said about the event.
_OTHER_STANCE = {"claimed": "claimed", "acknowledged": "acknowledged", "denied": "denied"}


def disorder_type(event_type: str, sub_event_type: str) -> str | None:
    """Return ACLED's disorder_type: mob violence is political violence, other riots are demonstrations."""
    if sub_event_type == SubEventType.MOB_VIOLENCE:
        return "Political violence"
    return DISORDER_OF_EVENT_TYPE.get(event_type)


def acled_fatalities(mention: Mention) -> int:
    """Return ACLED's fatality count: the lowest credible count among the voices that give one.

    Within one voice the largest count wins (a later sentence updates an earlier one); across voices the
    lowest wins, because ACLED codes the most conservative credible report.
    """
    by_voice: dict[str, int] = {}
    for count in mention.casualties:
        if count.killed is None:
            continue
        voice = count.claim.claimant if count.claim and count.claim.claimant else ""
        by_voice[voice] = max(by_voice.get(voice, 0), count.killed)
    return min(by_voice.values()) if by_voice else 0


def finish_mention(mention: Mention, *, article: Article | None = None, source: str | None = None) -> Mention:
    """Return the mention with its ACLED fatalities and neutral notes filled in."""
    fatalities = acled_fatalities(mention)
    filled = mention.model_copy(update={"fatalities": fatalities, "source": mention.source or source})
    return filled.model_copy(update={"notes": write_notes(filled)})


def _place_phrase(mention: Mention) -> str:
    place = mention.place
    if place is None:
        return "at an unknown location"
    name = place.resolved_name or place.name
    where = ", ".join(p for p in (place.admin2, place.admin1) if p and p != name)
    if where:
        name = f"{name} ({where})"
    elif place.country and place.country != name:
        name = f"{name} ({place.country})"
    relation = place.relation
    if relation == "between":  # the other end of "between X and Y" is not kept: the event is near X
        relation = "near"
    if relation and relation not in ("in", "at"):
        if relation.startswith(("the ", "outskirts", "area", "vicinity", "surroundings")):
            return f"in {relation} {name}"  # "in the outskirts of Khiam"
        return f"{relation} {name}"
    return f"in {name}"


def _date_phrase(mention: Mention) -> str:
    if mention.date is None:
        return "On an unknown date"
    if mention.time_precision == 3:
        return f"In {mention.date.strftime('%B %Y')}"
    if mention.time_precision == 2:
        return f"In the week of {mention.date.day} {mention.date.strftime('%B %Y')}"
    return f"On {mention.date.day} {mention.date.strftime('%B %Y')}"


def write_notes(mention: Mention) -> str:
    """Return an ACLED-style neutral note: "On <date>, <actor> <did> <what> in <place> (<admin>). <toll>. <who
    claims what>." Each actor is named once, in its role; the claim is stated once, after the facts."""
    actor1 = mention.actor1.name if mention.actor1 else "unidentified actors"
    row = sub_type(mention.sub_event_type)
    verb = row.note_verb if row is not None else "were involved in"
    claim = mention.claim
    if claim.hedged:
        verb = f"reportedly {verb}"
    if (row is not None and row.intransitive) or (verb.endswith(" of") and mention.actor2 is None):
        what = f"{actor1} {verb.removesuffix(' of')}"  # "intercepted or disrupted a weapon"
    else:
        what = f"{actor1} {verb} {mention.actor2.name if mention.actor2 else 'an unspecified target'}"
    sentences = [f"{_date_phrase(mention)}, {what} {_place_phrase(mention)}."]
    claimant = claim.claimant
    tolls = []
    for count in mention.casualties:
        by = count.claim.claimant if count.claim and count.claim.claimant else None
        source = f" according to {by}" if by and by != claimant else ""
        if count.killed is not None:
            tolls.append(f"{count.killed} killed{source}")
        if count.injured is not None:
            tolls.append(f"{count.injured} injured{source}")
        if count.killed_text and count.killed is None:
            tolls.append(f"casualties without a number{source}")
    if tolls:
        toll = "; ".join(dict.fromkeys(tolls))
        coded = mention.fatalities or 0
        sentences.append(
            toll[0].upper() + toll[1:] + f" ({coded} {'fatality' if coded == 1 else 'fatalities'})."
        )
    else:
        sentences.append("Fatalities unknown.")
    if claim.stance == "denied" and claimant:
        sentences.append(f"{claimant} denied it.")
    elif claimant and claim.stance in ("claimed", "acknowledged"):
        sentences.append(f"{claim.stance.capitalize()} by {claimant}.")
    elif claimant:
        sentences.append(f"According to {claimant}.")
    else:
        sentences.append("Unattributed report.")
    others = [
        f"{other.claimant} {_OTHER_STANCE.get(other.stance, 'also reported')} it"
        for other in mention.other_claims
        if other.claimant and other.claimant != claimant
    ]
    if others:
        sentences.append("; ".join(dict.fromkeys(others)) + ".")
    return " ".join(sentences)


def mention_to_row(
    mention: Mention, *, article: Article | None = None, actors: ActorLexicon | None = None
) -> dict[str, object]:
    """Return the mention as one row in the ACLED export layout, eventwire's own columns after it.

    `actors` gives inter codes and country figures: the actor lexicon of the Resources that extracted the
    mention (`Pipeline.resources.actors`); None reads the bundled one (loaded once per process).
    """
    place = mention.place
    country = place.country if place else None
    if actors is None:
        actors = ActorLexicon.load()
    info = actors.country_of(country) if country else None

    def inter(actor: Actor | None) -> int | None:
        # State forces acting outside their own country are ACLED inter 8.
        if actor is None:
            return None
        return actors.inter_in(actor, country) if country else actor.inter

    inter1, inter2 = inter(mention.actor1), inter(mention.actor2)
    interaction = None
    if inter1 is not None:
        low, high = sorted([inter1, inter2 or 0])
        interaction = int(f"{low}{high}") if low else inter1 * 10
    civilian = "Civilian targeting" if mention.actor2 is not None and mention.actor2.inter == 7 else None
    row: dict[str, object] = {
        "event_id_cnty": None,
        "event_date": mention.date.isoformat() if mention.date else None,
        "year": mention.date.year if mention.date else None,
        "time_precision": mention.time_precision,
        "disorder_type": disorder_type(mention.event_type, mention.sub_event_type),
        "event_type": mention.event_type,
        "sub_event_type": mention.sub_event_type,
        "actor1": mention.actor1.name if mention.actor1 else None,
        "assoc_actor_1": "; ".join(a.name for a in mention.assoc_actors) or None,
        "inter1": inter1,
        "actor2": mention.actor2.name if mention.actor2 else None,
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": civilian,
        "iso": info.iso_numeric if info else None,
        "region": info.region if info else None,
        "country": country,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "admin3": None,
        "location": (place.resolved_name or place.name) if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": place.geo_precision if place else None,
        "source": mention.source or (article.publisher if article else None),
        "source_scale": None,
        "notes": mention.notes,
        "fatalities": mention.fatalities,
        "tags": None,
        "timestamp": None,
        "claimant": mention.claim.claimant,
        "stance": mention.claim.stance,
        "hedged": mention.claim.hedged,
        "corroboration": "confirmed by the other side" if mention.corroborated else "single source",
        "evidence": json.dumps(
            {k: {"start": v.start, "end": v.end, "text": v.text} for k, v in mention.evidence.items()},
            ensure_ascii=False,
        ),
        "confidence": mention.confidence,
        "sources": mention.source,
    }
    assert tuple(row) == ACLED_COLUMNS + EVENTWIRE_COLUMNS
    return row
