"""The refine stage: an event placed at a whole area takes the one finer place of that area the article names.

Reporting often names the area in the sentence that tells the event ("a militia attacked a camp in Ituri
province", "the attack on the village in the Sagaing region") and the village or camp in another sentence, before
or after ("the army said Pa Zi Gyi was chosen because ..."). ACLED codes the event at the most specific place the
report gives. An event whose own place is an area (a region, a province, a district, the country) moves to a place
inside that area when the article names exactly one such place and no other event of the article is at it (a
country is no such area: see _refinable). With two or more, the text does not say which: the event stays at the
area.

In a text whose events are all told with no place ("more than 100 people are feared dead after Tuesday's air
strike", "our troops have also killed 13 militants"), the events take the first finer place the article names
after the first of them, within the next paragraphs ("He said Pa Zi Gyi was chosen ...", "The base is on the
outskirts of Marka"), else the one finer place the article names: ACLED codes the event where the report puts
it, wherever in the report it says so.
"""

from __future__ import annotations

from eventwire.events.retellings import news_only
from eventwire.model import ArticleState, Place, article_span
from eventwire.nlp.places import PlaceHit
from eventwire.resources import Resources

VERSION = "refine.v2"

_LATER_BLOCKS = 4  # how many paragraphs after an unplaced event the place that it took place at may come


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
    # an unplaced telling is a detail of a placed event or background where the text places events (the news stage
    # drops it); where it places none, the events are the unplaced ones
    news = news_only(mentions, state.article.published)
    unplaced = bool(news) and all(m.place is None for m in news)
    if not any(_refinable(m.place) for m in mentions) and not unplaced:
        return
    fine: dict[tuple[float, float], PlaceHit] = {}
    block_of: dict[int, int] = {}  # a fine place's first naming -> its block (paragraph)
    for sentence in state.sentences:
        if state.layout.blocks[sentence.block].kind == "headline":
            continue
        for hit in sentence.places:
            key = _key(hit.place)
            if key is not None and not hit.origin and not is_area_place(hit.place) and key not in fine:
                fine[key] = hit  # the first naming of a place is its evidence
                block_of[id(hit)] = sentence.block
    if not fine:
        return
    taken = {_key(m.place) for m in mentions if m.place is not None and not is_area_place(m.place)}
    free = [h for k, h in fine.items() if k not in taken]
    # the events of a text that places none are told about one place: where the first of them is placed, after it
    first_unplaced = min(
        (m for m in news if "trigger" in m.evidence), key=lambda m: m.evidence["trigger"].start, default=None
    ) if unplaced else None  # fmt: skip
    for i, mention in enumerate(mentions):
        area = mention.place
        if area is None:
            hit = _place_told_after(state, first_unplaced, free, block_of) if unplaced else None
            if hit is None:
                continue
        elif not _refinable(area):
            continue
        else:
            inside = [h for h in free if holds(area, h.place)]
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


def _place_told_after(
    state: ArticleState, mention, free: list[PlaceHit], block_of: dict[int, int]
) -> PlaceHit | None:
    """The place an unplaced event took place at: the first finer place named after its words within the next
    paragraphs, else the one finer place of the article (None when there are several and none follows)."""
    told = mention.evidence.get("trigger")
    if told is not None:
        block = next((s.block for s in state.sentences if s.start <= told.start < s.end), None)
        after = [
            h for h in free
            if h.start >= told.end and block is not None and block_of[id(h)] - block <= _LATER_BLOCKS
        ]  # fmt: skip
        if after:
            return min(after, key=lambda h: h.start)
    return free[0] if len(free) == 1 else None
