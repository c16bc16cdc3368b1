"""The refine stage: an event placed at a whole area takes the one finer place of that area the article names.

Reporting often names the area in the sentence that tells the event ("a militia attacked a camp in Ituri
province", "the attack on the village in the Sagaing region") and the village or camp in another sentence, before
or after ("the army said Pa Zi Gyi was chosen because ..."). ACLED codes the event at the most specific place the
report gives. An event whose own place is an area (a region, a province, a district, the country) moves to a place
inside that area when the article names exactly one such place and no other event of the article is at it (a
country is no such area: see _refinable). With two or more, the text does not say which: the event stays at the
area.
"""

from __future__ import annotations

from eventwire.model import ArticleState, Place, article_span
from eventwire.nlp.places import PlaceHit
from eventwire.resources import Resources

VERSION = "refine.v1"


def is_area_place(place: Place | None) -> bool:
    """A country, a province or a region: a place that holds the settlements where events happen."""
    return place is not None and (
        (place.feature_code or "").startswith(("PCL", "ADM1", "RGN")) or place.geo_precision == 3
    )


def holds(area: Place, place: Place) -> bool:
    """Return True when the gazetteer puts `place` inside `area`: its country, and its province when the area
    is one (its district too when the area is a district)."""
    if place.country_code is None or place.country_code != area.country_code:
        return False
    code = area.feature_code or ""
    if code.startswith("PCL"):
        return True
    if code == "ADM2" and place.admin2 != area.admin2:
        return False
    # a region the gazetteer files under no province holds every place of its country
    return area.admin1 is None or place.admin1 == area.admin1


def _refinable(place: Place | None) -> bool:
    """An area below the country (a country-wide telling is a summary, which the news stage drops when the
    text places events)."""
    return is_area_place(place) and not (place.feature_code or "").startswith("PCL")


def _key(place: Place) -> tuple[float, float] | None:
    if place.lat is None or place.lon is None:
        return None
    return round(place.lat, 2), round(place.lon, 2)


def refine_area_places(state: ArticleState, res: Resources) -> None:
    """Move each event placed at an area to the one finer place inside it that the article names (in place)."""
    mentions = state.mentions
    if not any(_refinable(m.place) for m in mentions):
        return
    fine: dict[tuple[float, float], PlaceHit] = {}
    for sentence in state.sentences:
        for hit in sentence.places:
            key = _key(hit.place)
            if key is not None and not hit.origin and not is_area_place(hit.place):
                fine.setdefault(key, hit)  # the first naming of a place is its evidence
    if not fine:
        return
    taken = {_key(m.place) for m in mentions if m.place is not None and not is_area_place(m.place)}
    for i, mention in enumerate(mentions):
        area = mention.place
        if area is None or not _refinable(area):
            continue
        inside = [h for k, h in fine.items() if k not in taken and holds(area, h.place)]
        if len(inside) != 1:
            continue
        hit = inside[0]
        span = article_span(state.article, hit.start, hit.end)
        mentions[i] = mention.model_copy(
            update={
                "place": hit.place.model_copy(update={"span": span}),
                "evidence": {**mention.evidence, "location": span},
            }
        )
