"""The namesake pass of the geocode stage: each place that has namesakes is chosen again with the whole article
in view (a sentence was resolved with the places of the sentences before it only)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace

from eventwire.geo.context import FAR_POINT_KM, admin_context
from eventwire.geo.distance import distance_km
from eventwire.geo.folding import fold_name, skeleton_key
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.resolve import resolve_place
from eventwire.model import ArticleState, Place
from eventwire.nlp.places import PlaceHit

VERSION = "geocode.v2"


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
    _headline_as_body(state)
    article = _ArticleSupport(
        [h for s in state.sentences for h in s.places],
        named={fold_name(h.text) for s in state.sentences for h in s.places}
        | admin_context(state.article.text),
        context_countries=state.countries,
    )
    for sentence in state.sentences:
        if sentence.places:
            sentence.places = places_in_context(sentence.places, article)


def _headline_as_body(state: ArticleState) -> None:
    """A name the headline shares with the body is the place the body resolved (in place): a headline is read with
    no context ("Four soldiers killed in Nasir attacks" put Nasir in Turkey), the body with its areas and
    neighbours ("in Nasir, Upper Nile State"). One name is one place in one article."""
    blocks = state.layout.blocks
    body: dict[str, PlaceHit] = {}
    for sentence in state.sentences:
        if blocks[sentence.block].kind != "headline":
            for hit in sentence.places:
                body.setdefault(fold_name(hit.text), hit)
    if not body:
        return
    for sentence in state.sentences:
        if blocks[sentence.block].kind == "headline" and sentence.places:
            sentence.places = [
                replace(h, place=body[key].place.model_copy(update={"name": h.place.name}))
                if (key := fold_name(h.text)) in body and body[key].place != h.place
                else h
                for h in sentence.places
            ]


class _ArticleSupport:
    """What supports a place in an article: a country it names or implies (`context_countries`), another place
    in the same country, or an admin area of the place that the text names (`named`, folded names)."""

    def __init__(self, hits: Sequence[PlaceHit], *, named: Collection[str], context_countries: Sequence[str]):
        self.named = named
        self.context_countries = set(context_countries)
        self.countries = Counter(h.place.country_code for h in hits if h.place.country_code and not h.origin)
        self.points = [
            (h.place.lat, h.place.lon)
            for h in hits
            if not h.origin
            and (h.place.geo_precision or 3) < 3
            and h.place.lat is not None
            and self.supports(h)
        ]

    def supports(self, hit: PlaceHit) -> bool:
        place = hit.place
        if place.country_code in self.context_countries or self.countries[place.country_code] > 1:
            return True
        own = fold_name(hit.text)
        return any(a and (k := fold_name(a)) != own and k in self.named for a in (place.admin1, place.admin2))

    def out_of_context(self, hit: PlaceHit) -> bool:
        """A place nothing supports while the article's supported places all lie over FAR_POINT_KM away."""
        place = hit.place
        if place.lat is None or place.lon is None or self.supports(hit):
            return False
        return bool(self.points) and all(
            distance_km(place.lat, place.lon, lat, lon) > FAR_POINT_KM for lat, lon in self.points
        )


def places_in_context(hits: Sequence[PlaceHit], article: _ArticleSupport) -> list[PlaceHit]:
    """Return a sentence's hits without the places the whole article shows to be no place of its events.

    - A country named beside a place of another country in the sentence is a topic, not where things happen:
      "a rally in Fort Wayne (Indiana) in support of Ukraine", "urging Russia to stop the war" in Kalaiya.
    - A place nothing in the article supports (its country is neither named nor implied nor another place's,
      and the text names none of its admin areas) while the article's supported places all lie over
      FAR_POINT_KM away is a namesake out of context: "People's Park in Annapolis (Maryland)" is not the park in
      Budapest. Origins ("from X") are kept: they are no event places anyway.
    """
    out = []
    for h in hits:
        place = h.place
        cc = place.country_code
        if cc is None or h.origin:
            out.append(h)
        elif (place.feature_code or "").startswith("PCL"):
            if not any(_finer_elsewhere(o, cc) for o in hits if o is not h):
                out.append(h)
        elif not article.out_of_context(h):
            out.append(h)
    return out


def _finer_elsewhere(hit: PlaceHit, country: str) -> bool:
    """A place finer than a country (a settlement, a site, an admin area) in another country."""
    place = hit.place
    return (
        not hit.origin
        and place.country_code is not None
        and place.country_code != country
        and not (place.feature_code or "").startswith("PCL")
    )


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
    article text the hits' offsets point into. Hits are settled in order, each against the others as settled
    so far; the work per hit does not grow with the article (an index of the other places, not a scan).
    """
    out = list(hits)
    named = (
        {fold_name(h.text) for h in hits}
        | {fold_name(m.group(1)) for h in hits if (m := _APPOSITION.match(text, h.end))}
        | admin_context(text)
    )
    others = _OtherPlaces(named)
    for h in out:
        others.add(h.text, h.place)
    settled: dict[tuple, Place | None] = {}  # one answer per name, record and state of the other places
    for k, h in enumerate(hits):
        old = h.place
        if old.lat is None or old.lon is None or old.geo_precision == 3:  # regions and countries are anchors
            continue
        own = fold_name(h.text)
        if not others.any_context(h.text, own) or others.supports(old, h.text, own):
            continue
        key = (h.text, h.relation, old.lat, old.lon, old.admin1, old.feature_code, old.resolved_name, old.name,
               others.version(h.text))  # fmt: skip
        if key not in settled:
            points, regions = others.points(h.text), others.regions(h.text, own)
            new = resolve_place(
                h.text, gazetteer=gazetteer, relation=h.relation, context_countries=context_countries,
                context_points=points, context_regions=regions, fuzzy=False,
            )  # fmt: skip
            ok = new is not None and new.lat is not None and _namesakes(new, old)
            settled[key] = new if ok and others.supports(new, h.text, own) else None
        if (new := settled[key]) is None:
            continue
        others.remove(h.text, old)
        others.add(h.text, new)
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


class _OtherPlaces:
    """The points and admin1 names of an article's places, counted by the text of their hit, so the places of
    every hit but those of one name are at hand without a scan: points in 1-degree cells, names in counters."""

    def __init__(self, named: set[str]) -> None:
        self.named = named
        self.cells: dict[tuple[int, int], Counter[tuple[float, float]]] = {}
        self.point_count: Counter[tuple[float, float]] = Counter()
        self.region_count: Counter[str] = Counter()
        self.own_points: dict[str, Counter[tuple[float, float]]] = {}
        self.own_regions: dict[str, Counter[str]] = {}
        self.changes: Counter[str] = Counter()  # places changed, by hit text
        self.n_points = self.n_regions = 0  # distinct points and regions held by some hit

    def add(self, text: str, place: Place, step: int = 1) -> None:
        if place.lat is None:
            return
        self.changes[text] += 1
        if place.admin1:
            region = fold_name(place.admin1)
            self.region_count[region] += step
            self.own_regions.setdefault(text, Counter())[region] += step
            self.n_regions += _turned(self.region_count[region], step)
        if (place.geo_precision or 3) < 3 and place.lon is not None:
            point = (place.lat, place.lon)
            self.point_count[point] += step
            self.own_points.setdefault(text, Counter())[point] += step
            self.cells.setdefault(_cell(place.lat, place.lon), Counter())[point] += step
            self.n_points += _turned(self.point_count[point], step)

    def remove(self, text: str, place: Place) -> None:
        self.add(text, place, step=-1)

    def version(self, text: str) -> int:
        """Return a number that changes whenever a place of a hit with another text changes."""
        return self.changes.total() - self.changes[text]

    def _has_point(self, point: tuple[float, float], text: str) -> bool:
        return self.point_count[point] - self.own_points.get(text, _NONE)[point] > 0

    def _has_region(self, region: str, text: str, own: str) -> bool:
        if region == own:
            return False
        return (
            region in self.named or self.region_count[region] - self.own_regions.get(text, _NONE)[region] > 0
        )

    def any_context(self, text: str, own: str) -> bool:
        """Return whether the places of other hits give any point or region (the name's own aside)."""
        if self.named - {own}:
            return True
        # Distinct keys held by other hits: all keys, less those only this text's hits hold (and its own name).
        points = self.n_points - sum(
            n > 0 and self.point_count[p] == n for p, n in self.own_points.get(text, _NONE).items()
        )
        if points > 0:
            return True
        regions = self.n_regions - sum(
            n > 0 and self.region_count[r] == n for r, n in self.own_regions.get(text, _NONE).items()
        )
        own_elsewhere = self.region_count[own] - self.own_regions.get(text, _NONE)[own] > 0
        return regions - own_elsewhere > 0

    def points(self, text: str) -> list[tuple[float, float]]:
        return [p for p, n in self.point_count.items() if n > 0 and self._has_point(p, text)]

    def regions(self, text: str, own: str) -> set[str]:
        return {r for r, n in self.region_count.items() if n > 0 and self._has_region(r, text, own)} | (
            self.named - {own}
        )

    def supports(self, place: Place, text: str, own: str) -> bool:
        """Return _supported(place, points, regions) for the other hits' points and regions."""
        if place.admin1 and self._has_region(fold_name(place.admin1), text, own):
            return True
        for cell in _cells_near(place.lat, place.lon):
            for point, n in self.cells.get(cell, _NONE).items():
                if (
                    n > 0
                    and self._has_point(point, text)
                    and distance_km(place.lat, place.lon, *point) <= 100
                ):
                    return True
        return False


_NONE: Counter = Counter()
_CELL_DEG = 1.0  # grid cells of one degree; 100 km is under one degree of latitude
_REACH_KM = 100.0


def _turned(count: int, step: int) -> int:
    """Return +1 when a count just became positive, -1 when it just fell to zero, else 0."""
    if step > 0 and count == step:
        return 1
    if step < 0 and count == 0:
        return -1
    return 0


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_DEG), (math.floor(lon / _CELL_DEG) + 180) % 360 - 180


def _cells_near(lat: float, lon: float) -> set[tuple[int, int]]:
    """Return the grid cells that hold every point within _REACH_KM of a point (some farther ones too)."""
    row = math.floor(lat / _CELL_DEG)
    rows = range(row - 1, row + 2)
    # The reach in longitude widens with latitude: take the farthest latitude the rows cover, 5 % to spare (a
    # great circle bulges poleward). Near the poles, and across the antimeridian by wrapping, every cell.
    cos_edge = math.cos(math.radians(min(90.0, abs(lat) + 2 * _CELL_DEG)))
    if cos_edge < 0.1:
        cols = range(-180, 180)
    else:
        reach = 1.05 * _REACH_KM / (111.0 * cos_edge)
        cols = range(math.floor((lon - reach) / _CELL_DEG), math.floor((lon + reach) / _CELL_DEG) + 1)
    return {(r, (c + 180) % 360 - 180) for r in rows for c in cols}
