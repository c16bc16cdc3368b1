"""Resolve a place name as written in an article to a Place: relation, feature, context, precision."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from eventwire.geo import context
from eventwire.geo.folding import fold_name, skeleton_key
from eventwire.geo.gazetteer import Candidate, Gazetteer, distance_km
from eventwire.geo.scoring import feature_codes_for
from eventwire.model import Place

STAGE = "geocode.v2"

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
    area_when_unknown: bool = False,
    area_fallback: bool = True,
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
    part = city_part(core, gazetteer)
    if part is not None:
        return _resolve_city_part(
            name, part, gazetteer=gazetteer, relation=relation, context_countries=context_countries,
            context_points=context_points, context_regions=context_regions,
        )  # fmt: skip
    best = best_candidate(
        core, gazetteer=gazetteer, context_countries=context_countries, context_points=context_points,
        context_regions=context_regions, feature_hint=hint, fuzzy=fuzzy, area_when_unknown=area_when_unknown,
        area_fallback=area_fallback,
    )  # fmt: skip
    if best is None:
        return None
    return _place(name, best, relation)


def _place(name: str, best: Candidate, relation: str | None, precision: int | None = None) -> Place:
    precision = max(precision or 1, best.geo_precision)
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
    area_when_unknown: bool = False,
    area_fallback: bool = True,
) -> Candidate | None:
    """Return the best candidate for a bare name after weighing the article's context, or None.

    One model (`geo.context.weigh`): each candidate's own score plus what the article's countries, the admin
    names it gives (`context_regions`: folded names or `context.admin_key`s) and its other places' points say
    about it. A candidate the article supports in none of these ways, while it gives some context, is taken only
    when no candidate is supported, and never for a name of four letters or fewer or a common word, nor when it
    lies over FAR_POINT_KM from every other place of the text; when the text names an admin area, that area is
    the answer instead (geo_precision 3, a township 2), or with `area_fallback` False (the admin names are the
    sentence's, not the name's own: "Rogers Park in Beaumont (Texas)") nothing. A candidate of the kind the text states (`feature_hint`:
    an admin area for a name set after another as its area) counts as supported. A compass-only name ("North
    West", "Central") is placed only in a country the text gives. A name the gazetteer does not know gives None,
    or with `area_when_unknown` the named area.
    """
    if not context_countries and context.admin_key(name) in context.generic_admin_keys():
        return None  # "North West", "Central": a unit of that name exists in many countries, none is named
    cands = gazetteer.candidates(name, feature_hint=feature_hint, limit=25, fuzzy=fuzzy)
    if not any(c.match in _EXACT for c in cands):
        # a unit named for its seat ("Shostkynskyi district", "Hlukhivska territorial community"): the seat, part of
        # the unit (geo_precision 2), where the article's context supports it
        seats = [
            _as_area(c, 2)
            for seat in context.seat_names(name)
            for c in gazetteer.candidates(seat, limit=25, fuzzy=False)
            if c.match in _EXACT and c.geo_precision < 3
        ]
        if seats and (context_countries or context_regions or context_points):
            seat = best_candidate(
                seats[0].name, gazetteer=gazetteer, context_countries=context_countries,
                context_points=context_points, context_regions=context_regions, fuzzy=False, area_fallback=False,
            )  # fmt: skip
            if seat is not None and seat.match != "area" and any(
                (seat.name, seat.country_code) == (c.name, c.country_code) for c in seats
            ):
                return _as_area(seat, 2)
    if not cands and not area_when_unknown:
        return (
            None  # an unknown name ("Shebekino on Tuesday") is left to the caller, who may try a shorter one
        )
    # The article's first two countries (its actors' countries come first) are its own; one it names besides
    # ("U.S.-brokered talks") neither helps nor hurts: "south Lebanon" in a text naming the United States is still
    # Lebanon's south, not South Lebanon, Ohio.
    countries = list(dict.fromkeys(c.upper() for c in context_countries))
    main, named = set(countries[:2]), set(countries[2:])
    own = context.admin_key(name)
    regions = context.region_keys(frozenset(r for r in context_regions if context.admin_key(r) != own))
    if not countries:  # "(Matara, Southern)": a compass-only area name locates nothing without a country
        regions = context.without_generic(regions)
    named_areas = _region_places(gazetteer, regions, frozenset(main | named)) if regions else _NO_AREAS
    if (
        regions
        and len(cands) == 25
        and not any(
            context.weigh(
                c, main=(), named=(), regions=regions, points=(), region_points=named_areas.points
            ).admin
            > context.ADMIN_WEIGHT["admin1"]
            for c in cands
        )
    ):
        # With admin names in view every namesake may be the one: a Myanmar village name recurs in scores of
        # townships, beyond the 25 best by population
        cands = gazetteer.candidates(
            name, feature_hint=feature_hint, limit=context.NAMESAKES_WITH_REGIONS, fuzzy=fuzzy
        )
    if countries and regions and not named_areas.areas and not named_areas.points:
        # No area of those names in the article's countries: where they agree on one country abroad, and the name
        # itself has a place there inside the area, the admin names outweigh an actor's country ("JNIM militants
        # ... between Tonsere and Bisso (Nouna, Kossi)": Nouna of Kossi province in Burkina Faso, not the Nouna in
        # Mali)
        world = _region_places(gazetteer, regions, frozenset())
        lands = {a.country_code for a in world.areas}
        if len(lands) == 1 and any(
            c.country_code in lands
            and c.match in _EXACT
            and any(distance_km(c.lat, c.lon, a.lat, a.lon) <= context.REGION_POINT_KM for a in world.areas)
            for c in cands
        ):
            named_areas = world
    # The countries of the admin areas the text names are the article's too ("Zelenodolsk, Dnipropetrovsk")
    named = named | {a.country_code for a in named_areas.areas if a.country_code}
    # The kind of place the text names is evidence too: "Bakhmutka, Donetsk" gives Donetsk as an area, and the
    # oblast of that name is in context even where only Russian forces are named
    stated = feature_codes_for(feature_hint) if feature_hint else frozenset()
    # admin names that resolve to no area or place are no context for a place they follow: "Pisa (Pisa, Toscana)",
    # where the gazetteer spells the region otherwise, is a bare "Pisa", not a four-letter name out of context;
    # a name set as an area among them still is ("(Mahiyanganaya, Uva)" is no village Uva in Russia)
    has_context = bool(
        countries or context_points or named_areas.areas or named_areas.points or (regions and stated)
    )
    # beside a place named as admin context counts in that place's country only: "Youga (Zabre, Boulgou)" is not
    # the Youga 20 km across the border in Ghana
    points_in: dict[str, list[tuple[float, float]]] = {}
    for point, cc in zip(named_areas.points, named_areas.point_countries, strict=True):
        points_in.setdefault(cc, []).append(point)
    by_admin: list[tuple[float, Candidate]] = []
    supported: list[tuple[float, Candidate]] = []
    other: list[tuple[float, Candidate]] = []
    for c in cands:
        ev = context.weigh(
            c,
            main=main,
            named=named,
            regions=regions,
            points=context_points,
            region_points=points_in.get(c.country_code, ()) if points_in else (),
        )
        # A loose match (skeleton, fuzzy) is only believed with the article's support.
        if c.match in ("skeleton", "fuzzy") and not ev.supported and c.score < 0.62:
            continue
        if ev.admin_match:  # in an admin area the text names, or beside a place it names as one
            by_admin.append((ev.score, c))
        stated_kind = c.feature_code in stated and c.match in _EXACT
        (supported if ev.supported or stated_kind or not has_context else other).append((ev.score, c))
    # Context decides: a candidate in the admin areas the text gives beats any that is not.
    pool = by_admin or supported
    pool.sort(key=lambda t: -t[0])
    area = named_areas.fallback
    # the countries of the areas and places the text's admin names give: where they agree, a candidate in none of
    # them is not this place, whatever else supports it ("Zap region (Al Amadiya district) of Duhok" with Turkish
    # forces named is in Iraq, not the Zap of Sirnak). A place of an admin name counts where the text names its
    # country or another name given holds it: a lone town abroad named like a region ("Oriental" in Mexico, for
    # Morocco's region) is a coincidence.
    given = {a.country_code for a in named_areas.areas} | {
        p.country_code for p in named_areas.places if countries or _in_named(p, regions)
    }
    if pool and pool[0][0] >= 0.45:
        s, best = pool[0]
        if not by_admin and given and best.country_code not in given and best.geo_precision < 3:
            return area if area_fallback else None
        # Unsure: the text names an admin area this candidate is not in, and the candidate lies far from it
        # ("Pisky, Donetsk oblast" where the gazetteer knows only the Pisky of Poltava): the named area instead.
        if (
            not by_admin
            and area is not None
            and best.geo_precision < 3  # a region or a country is never a namesake far from the area
            and distance_km(best.lat, best.lon, area.lat, area.lon) > context.AREA_KM
        ):
            return area if area_fallback else None
        return best
    if area is not None:
        # "Mangodara (Mangodara, Comoe)", no country named: the town lies in Komoé, the area given by another
        # spelling; the region Comoe of Ivory Coast, the exact spelling, is the coincidence
        agreeing = [
            (s, c) for s, c in other
            if not countries and c.match in _EXACT and c.country_code != area.country_code and _in_named(c, regions)
        ]  # fmt: skip
        if agreeing:
            return max(agreeing, key=lambda t: t[0])[1]
        return area if area_fallback else None
    # "Al Arah" is "Arah": a name is as short as it is once its article is folded away
    if not other or context.letters(fold_name(name)) <= context.SHORT_NAME or not gazetteer.is_known(name):
        return None
    other.sort(key=lambda t: -t[0])
    s, best = other[0]
    if context_points and all(
        distance_km(best.lat, best.lon, lat, lon) > context.FAR_POINT_KM for lat, lon in context_points
    ):
        return None  # "Sahra" of an Afghan text in Lebanon: out of context and far from every other place
    # the admin names the text gives say where its places are: a candidate in no country of the areas and places
    # they name is not this place ("the Dabaa area in northern Ar Rutba district" is not El Dabaa in Egypt)
    if given and best.country_code not in given:
        return None
    return best if s >= 0.45 else None


# ACLED's names of city parts: "Donetsk - Kirovskyi", "Seoul City - Jung", "Mogadishu - Kaxda"
_CITY_PART = re.compile(r"^(\S.*?)\s+-\s+(\S.*)$")
_CITY_WORD = re.compile(r"\s+(?:city|town)$", re.I)
CITY_PART_KM = 30  # a part of a city lies this near its centre


def city_part(name: str, gazetteer: Gazetteer) -> tuple[str, str] | None:
    """Return (city, part) for a name written "City - Part" whose city is a known name and whose whole is not
    ("Seoul City - Jung" -> ("Seoul", "Jung")), else None."""
    m = _CITY_PART.match(name)
    if m is None or gazetteer.is_known(name):
        return None
    city, part = m.group(1).strip(), m.group(2).strip()
    for form in (city, _CITY_WORD.sub("", city)):
        if form and gazetteer.is_known(form):
            return form, part
    return None


def _resolve_city_part(
    name: str,
    city_and_part: tuple[str, str],
    *,
    gazetteer: Gazetteer,
    relation: str | None,
    context_countries: Sequence[str],
    context_points: Sequence[tuple[float, float]],
    context_regions: Collection[str],
) -> Place | None:
    """Place "City - Part" at the part where the gazetteer has a place of that name within CITY_PART_KM of the
    city (geo_precision 1), else at the city (2: part of it)."""
    city_name, part_name = city_and_part
    city = best_candidate(
        city_name, gazetteer=gazetteer, context_countries=context_countries, context_points=context_points,
        context_regions=context_regions, fuzzy=False,
    )  # fmt: skip
    if city is None:
        return None
    near = [
        (distance_km(c.lat, c.lon, city.lat, city.lon), c)
        for c in gazetteer.candidates(part_name, limit=context.NAMESAKES_WITH_REGIONS, fuzzy=False)
        if c.match in _EXACT and c.geo_precision == 1 and c.country_code == city.country_code
    ]
    near = [(d, c) for d, c in near if d <= CITY_PART_KM]
    if near:
        return _place(name, min(near, key=lambda t: t[0])[1], relation)
    return _place(name, city, relation, precision=2)


@dataclass(frozen=True, slots=True)
class NamedAreas:
    """What the admin names a text gives resolve to: admin areas, the points of places of those names (a district
    named for its seat), and the place to fall back on when the name itself cannot be placed."""

    areas: tuple[Candidate, ...] = ()
    points: tuple[tuple[float, float], ...] = ()
    point_countries: tuple[str, ...] = ()  # the country of each point
    fallback: Candidate | None = None
    places: tuple[Candidate, ...] = ()  # the places of given names (those points' records)
    # those places before the ones in no country of an area are dropped
    every_place: tuple[Candidate, ...] = ()


_NO_AREAS = NamedAreas()
_EXACT = ("exact", "variant", "stripped")


@functools.lru_cache(maxsize=4096)
def _region_places(gazetteer: Gazetteer, regions: frozenset[str], countries: frozenset[str]) -> NamedAreas:
    """Resolve the admin names a text gives (exact spellings, or for an admin area of four consonants or more its
    consonant skeleton in a country the other names confirm: "Komandjari" is the province Komondjari), in the
    article's countries when it has any.

    When no area of those names lies in the article's countries, they are looked up everywhere, and taken where
    they agree on one country: the admin names the text gives outweigh an actor's country ("JNIM militants ...
    Bounou (Kompienga, Kompienga)" is in Burkina Faso, though JNIM's country is Mali; "ISWAP ... Gargada (Diffa,
    Diffa)" is in Niger). A compass-only name ("South", "Central") is looked up only in the article's countries.
    With no country in the text, areas in several countries count for the country holding most of the names.

    The fallback is the most specific: a township (geo_precision 2), else a place of a given name lying in
    another admin area the text names (the seat of "Baydhaba" in "X (Baydhaba, Bay)", geo_precision 2), else a
    district or province (3).
    """
    named = _named_areas(gazetteer, regions, countries)
    if countries and not named.areas:
        # only where the names agree on one country, an area and a place of it ("Gargada (Diffa, Diffa)": the
        # region and the town of Diffa); a lone area name abroad ("Est region" in Cameroon) is not taken, nor a
        # compass-only one ("South" is in Lebanon and in a dozen other countries)
        world = _named_areas(gazetteer, context.without_generic(regions), frozenset())
        if len({a.country_code for a in world.areas}) == 1 and world.points:
            return world
        return named
    agreeing = [p for p in named.every_place if _in_named(p, regions)]
    if not countries and named.areas and len({c.country_code for c in [*named.areas, *agreeing]}) > 1:
        # With no country in the text, areas and places of these names in several countries ("Toreno (Leon,
        # Castilla y Leon)": León is a province of Spain and a department of Nicaragua; "Kpala (Ouo, Comoe)": Comoe
        # is a region of Ivory Coast, Ouo a town of Burkina Faso's Komoé): the country holding most of them is the
        # text's, a place that lies in another name given counting twice (two names agree on it), a place in no
        # country of the areas not at all (a coincidence: "Texas" in Mexico); with a tie none is, and a candidate
        # in any of them still counts as in a named area, but no area is the fallback
        held = Counter(c.country_code for c in [*named.areas, *named.places])
        held.update(p.country_code for p in agreeing for _ in range(2 - (p in named.places)))
        (top, n), *rest = held.most_common()
        if rest and rest[0][1] == n:
            return replace(named, fallback=None)
        return _named_areas(gazetteer, regions, frozenset({top}))
    return named


def _in_named(place: Candidate, regions: frozenset[str]) -> bool:
    """Return True when a place given as admin context lies in another admin name given, by key or by consonant
    skeleton of any length: Ouo, whose province is Komoé, in "(Ouo, Comoe)". Two names that agree so are no
    coincidence, unlike one short skeleton on its own ("Kayan" township is not Kayin State)."""
    own = context.admin_key(place.name)
    for value in (place.admin1, place.admin2):
        if not value:
            continue
        key = context.admin_key(value)
        if key != own and (key in regions or any(
            r != own and not r.startswith("~") and skeleton_key(r) == skeleton_key(key) for r in regions
        )):  # fmt: skip
            return True
    return False


@functools.lru_cache(maxsize=65536)
def _region_lookups(gazetteer: Gazetteer, region: str) -> tuple[tuple[Candidate, ...], tuple[Candidate, ...]]:
    """An admin name's gazetteer answers, looked up once: as an area ("X township", "X district", "X region",
    "X"), and as a bare name. A long article names hundreds of areas, each weighed again for every place."""
    as_area = tuple(
        c
        for unit in ("township", "district", "region", "")
        for c in gazetteer.candidates(f"{region} {unit}".strip(), limit=5, fuzzy=False)
    ) + tuple(  # the spellings a source files the area under ("K.P." for "KPK": admin_aliases.tsv)
        c
        for alias in context.alias_spellings(region)
        for c in gazetteer.candidates(alias, limit=5, fuzzy=False)
    )
    return as_area, tuple(gazetteer.candidates(region, limit=5, fuzzy=False))


def _named_areas(gazetteer: Gazetteer, regions: frozenset[str], countries: frozenset[str]) -> NamedAreas:
    areas: list[Candidate] = []
    places: list[Candidate] = []
    spelled: list[Candidate] = []  # admin areas matched by consonant skeleton only
    # sorted, so that the fallback is the same in every run (a frozenset's order changes with the hash seed)
    keys = sorted(r for r in regions if not r.startswith("~"))
    taken: set[tuple[str, str | None]] = set()  # (name, country) of the areas kept
    for region in keys:
        as_area, bare = _region_lookups(gazetteer, region)
        for c in as_area:
            if (
                c.match == "skeleton"
                and len(skeleton_key(region)) >= 4
                and c.feature_code.startswith("ADM")
                and (not countries or c.country_code in countries)
            ):
                spelled.append(c)
            elif (
                c.match in _EXACT
                and c.feature_code.startswith("ADM")
                and (not countries or c.country_code in countries)
                and (c.name, c.country_code) not in taken
            ):
                areas.append(c)
                taken.add((c.name, c.country_code))
        for c in bare:
            # the best record of the name but its admin areas decides: "England" is the region, not the town in
            # Arkansas
            if (
                c.match in ("exact", "variant")
                and not c.feature_code.startswith("ADM")
                and (not countries or c.country_code in countries)
            ):
                if c.feature_code.startswith("PPL"):
                    places.append(c)
                break
    # A spelling variant of an admin area counts only in a country the other names given place exactly
    # ("Foutouri, Komandjari": the town Foutouri puts the province Komondjari in Burkina Faso)
    exact_countries = {c.country_code for c in [*areas, *places]}
    for c in spelled:
        if c.country_code in exact_countries and (c.name, c.country_code) not in taken:
            areas.append(c)
            taken.add((c.name, c.country_code))
    every_place = tuple(places)
    area_countries = {a.country_code for a in areas}
    if area_countries and not countries:  # a place of the name in another country than the areas is not it
        places = [p for p in places if p.country_code in area_countries]
    at = [*places, *(a for a in areas if a.geo_precision < 3)]
    points = tuple((c.lat, c.lon) for c in at)
    fallback: Candidate | None = None
    townships = [a for a in areas if a.feature_code == "ADM3"]
    # a seat: a place named as context inside another area named ("Baydhaba" in Bay), not the province's city
    seats = [p for p in places if _in_named(p, regions)]
    if townships:
        fallback = _as_area(townships[0], 2)
    elif seats:
        fallback = _as_area(seats[0], 2)
    elif areas:
        fallback = _as_area(min(areas, key=lambda a: ({"ADM2": 0}.get(a.feature_code, 1), -a.score)), 3)
    return NamedAreas(
        areas=tuple(areas),
        points=points,
        point_countries=tuple(c.country_code for c in at),
        fallback=fallback,
        places=tuple(places),
        every_place=every_place,
    )


def _as_area(c: Candidate, precision: int) -> Candidate:
    return Candidate(
        c.name,
        c.lat,
        c.lon,
        c.country_code,
        c.country,
        c.admin1,
        c.admin2,
        c.feature_code,
        c.population,
        c.geonames_id,
        c.source,
        max(precision, c.geo_precision),
        "area",
        c.score,
        c.admin3,
    )


_MENTION_HEAD = re.compile(r"^\s*([^,(]+?)\s*(?=[,(]|\s+in\s+[A-Z]|$)")


def resolve_mention(
    text: str,
    *,
    gazetteer: Gazetteer,
    context_countries: Sequence[str] = (),
    context_points: Sequence[tuple[float, float]] = (),
) -> Place | None:
    """Resolve a place as reporting writes it with its admin context: "Kyauk Kan village (Kani township, Sagaing
    Region)", "Pisky, Donetsk oblast", "Saraqib in Idlib countryside". The head is the place; every other name
    the text gives is admin context (`context.admin_context` plus the parts after a comma or in parentheses).
    """
    m = _MENTION_HEAD.match(text)
    if not m:
        return None
    head = m.group(1)
    rest = text[m.end() :]
    regions = set(context.admin_context(text))
    for part in re.split(r"[,()]|\bin\b", rest):
        key = context.admin_key(part.strip())
        if key:
            regions.add(key)
    head = re.sub(r"\s+(?:village|town|city|ward|hamlet)$", "", head, flags=re.I)
    return resolve_place(
        head, gazetteer=gazetteer, context_countries=context_countries, context_points=context_points,
        context_regions=regions, fuzzy=False, area_when_unknown=True,
    )  # fmt: skip
