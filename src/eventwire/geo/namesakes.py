"""The namesake pass of the geocode stage: each place that has namesakes is chosen again with the whole article
in view (a sentence was resolved with the places of the sentences before it only)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from eventwire.geo.context import admin_context
from eventwire.geo.distance import distance_km
from eventwire.geo.folding import fold_name, skeleton_key
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.resolve import resolve_place
from eventwire.model import ArticleState, Place
from eventwire.nlp.places import PlaceHit

VERSION = "geocode.v1"


def settle_article_places(state: ArticleState, gazetteer: Gazetteer) -> None:
    """Settle every sentence's places against the whole article (in place, on the working state)."""
    settled = iter(
        settle_places(
            [h for s in state.sentences for h in s.places],
            text=state.article.text,
            gazetteer=gazetteer,
            context_countries=state.countries,
        )
    )
    for sentence in state.sentences:
        sentence.places = [next(settled) for _ in sentence.places]


def settle_places(
    hits: Sequence[PlaceHit], *, text: str, gazetteer: Gazetteer, context_countries: Sequence[str] = ()
) -> list[PlaceHit]:
    """Return the hits with each place that has namesakes chosen again among all the article's places.

    A sentence is resolved with the places of the sentences before it only, so in "Pisky, Donetsk region" or
    "Zaragoza, La Libertad" the place was chosen among its namesakes before the region was read. Here the whole
    article counts: the points of its other places, and the regions it names, as other places' admin1 names,
    as names the text gives, or as the name set after a place ("X, Y", "X (Y", which the scanner may not have
    taken for a place: "Arteaga municipality, Coahuila"). A hit moves only to a namesake of the record it had
    (a town may become the province of its name), and only when the article supports the new record (its
    admin1 is one of those regions, or it lies within 100 km of another place) and not the old. `text` is the
    article text the hits' offsets point into.
    """
    out = list(hits)
    named = {fold_name(h.text) for h in hits} | {
        fold_name(m.group(1)) for h in hits if (m := _APPOSITION.match(text, h.end))
    } | admin_context(text)
    for k, h in enumerate(hits):
        old = h.place
        if old.lat is None or old.lon is None or old.geo_precision == 3:  # regions and countries are anchors
            continue
        own = fold_name(h.text)
        others = [o.place for o in out if o.text != h.text and o.place.lat is not None]
        points = [(p.lat, p.lon) for p in others if (p.geo_precision or 3) < 3]
        regions = ({fold_name(p.admin1) for p in others if p.admin1} | named) - {own}
        if not regions and not points or _supported(old, points, regions):
            continue
        new = resolve_place(
            h.text, gazetteer=gazetteer, relation=h.relation, context_countries=context_countries,
            context_points=points, context_regions=regions, fuzzy=False,
        )  # fmt: skip
        if new is None or new.lat is None or not _namesakes(new, old) or not _supported(new, points, regions):
            continue
        out[k] = replace(h, place=new.model_copy(update={"span": old.span}))
    return out


# "Arteaga municipality, Coahuila", "Bayta (Nablus", "Pisky, Donetsk region": the region named after a place.
_APPOSITION = re.compile(
    r"(?:\s+(?:municipality|district|town|city|village|area|province|region|governorate|county|oblast))?"
    r"\s*[,(]\s*((?:[A-Z][\w'’-]*)(?:[ -](?:de |del |la |al |el )?[A-Z][\w'’-]*){0,3})"
)


def _supported(place: Place, points: Sequence[tuple[float, float]], regions: set[str]) -> bool:
    if place.admin1 and fold_name(place.admin1) in regions:
        return True
    return any(distance_km(place.lat, place.lon, lat, lon) <= 100 for lat, lon in points)


def _namesakes(a: Place, b: Place) -> bool:
    """Return True when two records carry one name (as folded or as consonant skeleton) and one kind.

    A populated place and an administrative area are one kind here: "Coahuila" may be a hamlet or the state.
    """
    kind_a, kind_b = (a.feature_code or "")[:3], (b.feature_code or "")[:3]
    if kind_a != kind_b and not {kind_a, kind_b} <= {"PPL", "ADM"}:
        return False
    ka, kb = fold_name(a.resolved_name or a.name), fold_name(b.resolved_name or b.name)
    return ka == kb or skeleton_key(ka) == skeleton_key(kb) != ""
