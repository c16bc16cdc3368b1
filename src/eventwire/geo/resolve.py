"""Resolve a place name as written in an article to a Place: relation, feature, context, precision."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from eventwire.geo.folding import fold_name
from eventwire.geo.gazetteer import Candidate, Gazetteer, distance_km
from eventwire.model import Place

STAGE = "geocode.v1"

_DIRECTIONS = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
_DISTANCE = r"(?:(?:about|around|some|nearly|roughly|approximately)\s+)?\d+(?:[.,]\d+)?\s*(?:-\s*)?(?:km|kms|kilometres|kilometers|kilometre|kilometer|miles|mile|mi|m|metres|meters)\s+"
# Longest first: "on the outskirts of" before "outskirts of", "north-east of" before "east of".
_RELATIONS: tuple[tuple[str, str], ...] = (
    (
        rf"(?:{_DISTANCE})?(?:the\s+)?({_DIRECTIONS})(?:ern)?\s+(?:outskirts|edge|side|part|parts)\s+of\s+",
        r"\1 of",
    ),
    (rf"(?:{_DISTANCE})?({_DIRECTIONS})\s+of\s+", r"\1 of"),
    (r"(?:on\s+)?(?:the\s+)?outskirts\s+of\s+", "outskirts of"),
    (r"(?:in\s+)?(?:the\s+)?(?:vicinity|area|surroundings|environs)\s+of\s+", "near"),
    (r"(?:on\s+)?(?:the\s+)?(?:edge|edges)\s+of\s+", "outskirts of"),
    (
        r"(?:near|nearby|close\s+to|next\s+to|around|outside|just\s+outside|off|opposite|facing|adjacent\s+to)\s+",
        "near",
    ),
    (r"(?:in\s+the\s+)?(?:town|village|city|area|region|province|district|camp)\s+of\s+", "in"),
    (r"(?:in|at|into|inside|within|on)\s+", "in"),
)
_RELATION_PATTERNS = [(re.compile(rf"^\s*{p}", re.I), r) for p, r in _RELATIONS]
_LEADING_THE = re.compile(r"^(?:the)\s+", re.I)
_ANCHORLESS = re.compile(r"^(?:the\s+)?(?:city|town|village|area|camp|region|border|base|capital)$", re.I)
_NEAR_RELATIONS = ("near", "outskirts of")

# Words in a name that say what kind of place is meant ("Hatzor Airbase" -> an air base).
_FEATURE_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b{w}\b", re.I), hint)
    for w, hint in (
        (r"naval\s+base", "naval base"),
        (r"air\s*-?\s*base", "air base"),
        (r"air\s*field", "airfield"),
        (r"airport", "airport"),
        (r"barracks", "barracks"),
        (r"base", "base"),
        (r"port|harbou?r", "port"),
        (r"mount|mt\.?|jabal|jebel", "mount"),
        (r"crossing", "crossing"),
        (r"camp", "camp"),
        (r"hospital", "hospital"),
        (r"bridge", "bridge"),
    )
)


def parse_place_phrase(text: str) -> tuple[str | None, str]:
    """Split a place phrase into (relation, name): "5 km north of Yaroun" -> ("north of", "Yaroun").

    The relation is None when the phrase is a bare name; "in X" gives ("in", "X"). A phrase whose
    remainder is only "the city" / "the area" keeps that remainder: it needs an anchor from elsewhere.
    """
    phrase = " ".join(text.split()).strip(" ,.;:")
    relation: str | None = None
    for pattern, rel in _RELATION_PATTERNS:
        m = pattern.match(phrase)
        if m:
            relation = m.expand(rel).lower().replace("-", "")
            relation = re.sub(r"^(north|south)(east|west)", r"\1\2", relation)
            phrase = phrase[m.end() :]
            break
    name = phrase.strip(" ,.;:")
    if not _ANCHORLESS.match(name):
        name = _LEADING_THE.sub("", name)
    return relation, name


def _feature_hint(name: str) -> str | None:
    for pattern, hint in _FEATURE_WORDS:
        if pattern.search(name):
            return hint
    return None


def resolve_place(
    name: str,
    *,
    gazetteer: Gazetteer,
    relation: str | None = None,
    context_countries: Sequence[str] = (),
    context_points: Sequence[tuple[float, float]] = (),
    context_regions: Collection[str] = (),
    feature_hint: str | None = None,
    fuzzy: bool = True,
) -> Place | None:
    """Return the Place a name most likely means in this article, or None when nothing fits.

    Disambiguates by the feature the name states ("air base", "port", "camp"), the countries the
    article names (ISO2), distance to the article's other places, the regions it names (folded admin1 names:
    "Pisky, Donetsk region" means the Pisky in Donetsk oblast), and the record's importance.
    A relation ("near", "east of", "5 km north of" in the name or given) gives geo_precision 2 at the
    anchor's coordinates; regions give 3.
    """
    parsed_relation, core = parse_place_phrase(name)
    relation = relation or parsed_relation
    if not core or _ANCHORLESS.match(core):
        return None
    hint = feature_hint or _feature_hint(core)
    best = best_candidate(
        core, gazetteer=gazetteer, context_countries=context_countries, context_points=context_points,
        context_regions=context_regions, feature_hint=hint, fuzzy=fuzzy,
    )  # fmt: skip
    if best is None:
        return None
    precision = best.geo_precision
    if relation and relation != "in":
        precision = max(precision, 2)
    return Place(
        name=name, resolved_name=best.name, geonames_id=best.geonames_id, lat=best.lat, lon=best.lon,
        country_code=best.country_code, country=best.country, admin1=best.admin1, admin2=best.admin2,
        feature_code=best.feature_code, relation=relation, geo_precision=precision, source=best.source,
        score=best.score,
    )  # fmt: skip


def best_candidate(
    name: str,
    *,
    gazetteer: Gazetteer,
    context_countries: Sequence[str] = (),
    context_points: Sequence[tuple[float, float]] = (),
    context_regions: Collection[str] = (),
    feature_hint: str | None = None,
    fuzzy: bool = True,
) -> Candidate | None:
    """Return the best candidate for a bare name after weighing the article's context, or None."""
    cands = gazetteer.candidates(name, feature_hint=feature_hint, limit=25, fuzzy=fuzzy)
    if not cands:
        return None
    # The article's first two countries (its actors' countries come first) are its own; one it names besides
    # ("U.S.-brokered talks") neither helps nor hurts: "south Lebanon" in a text naming the United States is still
    # Lebanon's south, not South Lebanon, Ohio.
    countries = list(dict.fromkeys(c.upper() for c in context_countries))
    main, named = set(countries[:2]), set(countries[2:])
    rescored: list[tuple[float, Candidate]] = []
    for c in cands:
        s = c.score
        support = False
        if countries:
            if c.country_code in main:
                s += 0.12
                support = True
            elif c.country_code in named:
                support = True
            else:
                s -= 0.08
        if c.admin1 and context_regions and fold_name(c.admin1) in context_regions:
            s += 0.15
            support = True
        if context_points:
            d = min(distance_km(c.lat, c.lon, lat, lon) for lat, lon in context_points)
            if d < 30:
                s += 0.2
                support = True
            elif d < 100:
                s += 0.12
                support = True
            elif d < 300:
                s += 0.05
            elif d > 1500:
                s -= 0.1
        # A loose match (skeleton, fuzzy) is only believed with the article's support.
        if c.match in ("skeleton", "fuzzy") and not support and c.score < 0.62:
            continue
        rescored.append((s, c))
    if not rescored:
        return None
    rescored.sort(key=lambda t: -t[0])
    s, best = rescored[0]
    if s < 0.45:
        return None
    return best
