"""Context decides among namesakes: one scoring model over what an article says around its places.

The evidence, each worth a fixed amount added to a candidate's own score (`Candidate.score`):
- the admin names the text gives ("X (Y, Z)", "X, Y region", "in Y countryside", "Z governorate/province/oblast/
  state/district/township"; `admin_context`): a candidate whose township, district or province carries one;
- the countries the article names and its actors' countries (the first two are its own);
- the points of its other places.
A candidate with none of that support while the article gives some context is *out of context*. It is taken only
when no candidate is in context, and never for a name of four letters or fewer or a common word; when the text
names an admin area, that area is taken instead of a far namesake (`resolve.best_candidate`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from eventwire.geo.distance import distance_km
from eventwire.geo.folding import fold_name, skeleton_key
from eventwire.resources import read_data_tsv

# What each piece of evidence adds to a candidate's score.
MAIN_COUNTRY = 0.12  # the article's own countries (its first two: actors' countries come first)
OTHER_COUNTRY = -0.08  # a country the article neither names nor implies
ADMIN_WEIGHT = {
    "admin3": 0.3,
    "admin2": 0.25,
    "admin1": 0.15,
}  # an admin name of the candidate the text gives
ADMIN_CAP = 0.6
NEAR_POINT = ((30, 0.2), (100, 0.12), (300, 0.05))  # (km, bonus) to the nearest of the article's other places
FAR_POINT_KM, FAR_POINT = 1500, -0.1
NAMESAKES_WITH_REGIONS = 300  # candidates weighed when the text gives admin names (else the best 25)
REGION_POINT, REGION_POINT_KM = (
    0.15,
    50,
)  # a candidate this near a place named as admin context is in that admin area
AREA_KM = 100  # a candidate this far from the admin area the text names, and not in it, yields to the area
SHORT_NAME = 4  # an out-of-context candidate is never taken for a name of this many letters or fewer

_DIRECTION_TAIL = re.compile(r"\s+(?:north|south|east|west|central|northern|southern|eastern|western)$")
_DIRECTION_ADJECTIVE = re.compile(r"\b(north|south|east|west)(?:ern)\b")
_CAP = r"[A-Z][\w'’-]*"
_NAME = rf"{_CAP}(?:(?:[ -](?:de |del |la |al |el |ash |ad |as |ez |es )?|\s+(?:al|el|ez|es|ad|as|ash|ar|an)-){_CAP}){{0,3}}"


@functools.lru_cache(maxsize=1)
def admin_words() -> tuple[str, ...]:
    """Return the unit words of admin_words.tsv, longest first."""
    words = [row["word"] for row in read_data_tsv("gazetteer/admin_words.tsv") if row["word"]]
    return tuple(sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _seat_endings() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return (ending, seat endings) of seat_adjectives.tsv, longest ending first."""
    rows = read_data_tsv("gazetteer/seat_adjectives.tsv")
    pairs = [(r["ending"], tuple(e.strip() for e in r["seat_endings"].split(","))) for r in rows if r["ending"]]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@functools.lru_cache(maxsize=4096)
def seat_names(name: str) -> tuple[str, ...]:
    """Return the names of the seat a unit named for it may have ("Shostkynskyi district" -> ("Shostka",),
    "Hlukhivska" -> ("Hlukhiv", "Hlukhove", "Hlukhivka", "Hlukh")); () when the name has no such ending."""
    words = name.split()
    while len(words) > 1 and admin_key(" ".join(words)) != fold_name(" ".join(words)):
        words = words[:-1]  # "Shostkynskyi district" -> "Shostkynskyi"
    if len(words) != 1:
        return ()
    word = words[0]
    for ending, seats in _seat_endings():
        stem = word[: -len(ending)]
        if word.lower().endswith(ending) and len(stem) >= 3:
            return tuple(stem + e for e in seats if len(stem + e) >= 4)
    return ()


@functools.lru_cache(maxsize=1)
def generic_admin_keys() -> frozenset[str]:
    """Return the admin keys of names that are only a compass point ("Northern", "Central", "Sud"):
    generic_admin_names.tsv. Such a name locates an area only in a country the rest of the text gives."""
    return frozenset(k for n in _generic_names() if (k := admin_key(n)))


@functools.lru_cache(maxsize=1)
def _generic_names() -> tuple[str, ...]:
    return tuple(row["name"] for row in read_data_tsv("gazetteer/generic_admin_names.tsv") if row["name"])


@functools.lru_cache(maxsize=1)
def _alias_rows() -> tuple[tuple[str, str], ...]:
    """Return (alias, name) of admin_aliases.tsv as the file writes them."""
    own = tuple(
        (r["alias"], r["name"]) for r in read_data_tsv("gazetteer/admin_aliases.tsv") if r["alias"] and r["name"]
    )
    # a source's name of an admin-1 unit and the name ACLED and reporting use ("Shabeellaha Hoose" and "Lower
    # Shabelle", GeoNames' "Michoacán" and "Michoacan de Ocampo") are one area; a province filed under its
    # region (Burkina Faso's "Soum" under "Sahel") is not another name of it, nor is a compass-only name ("South
    # Lebanon" is ACLED's "South") the key of the area
    generic = {fold_name(n) for n in _generic_names()}
    named = tuple(
        (r["source_name"], r["acled_name"]) for r in read_data_tsv("gazetteer/admin_names.tsv")
        if r["kind"] == "admin1" and r["acled_name"] and not r.get("acled_admin2")
        and fold_name(r["source_name"]) != fold_name(r["acled_name"]) and fold_name(r["acled_name"]) not in generic
    )  # fmt: skip
    return own + named


@functools.lru_cache(maxsize=1)
def admin_aliases() -> dict[str, str]:
    """Return folded alias -> folded name of admin_aliases.tsv ("kpk" -> "khyber pakhtunkhwa", "sind" -> "sindh")."""
    return {fold_name(alias): fold_name(name) for alias, name in _alias_rows()}


@functools.lru_cache(maxsize=4096)
def alias_spellings(key: str) -> tuple[str, ...]:
    """Return the aliases of an admin key as admin_aliases.tsv writes them ("khyber pakhtunkhwa" -> "KPK", "K.P.",
    ...): the spellings a gazetteer may file the area under."""
    return tuple(alias for alias, name in _alias_rows() if fold_name(name) == key)


def without_generic(regions: frozenset[str]) -> frozenset[str]:
    """Return region keys (as `region_keys` gives them) without the compass-only names and their skeletons."""
    generic = generic_admin_keys()
    drop = {k for k in regions if k in generic}
    if not drop:
        return regions
    drop |= {"~" + skeleton_key(k) for k in drop}
    return frozenset(r for r in regions if r not in drop)


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    units = "|".join(re.escape(w) for w in admin_words())
    unit_after = re.compile(rf"\b({_NAME})\s+(?i:{units})\b")
    unit_before = re.compile(rf"\b(?i:{units})\s+of\s+({_NAME})")
    parenthesis = re.compile(r"\(([^()]{2,120})\)")
    return unit_after, unit_before, parenthesis


@functools.lru_cache(maxsize=65_536)
def admin_key(name: str | None) -> str:
    """Return the key an admin name is compared by: folded, its unit word and a trailing direction dropped
    ("Sagaing Region" -> "sagaing", "Bago-East" -> "bago", "Donetsk oblast" -> "donetsk")."""
    if not name:
        return ""
    key = fold_name(name)
    for word in admin_words():
        w = fold_name(word)
        if w and key.endswith(" " + w):
            key = key[: -len(w) - 1]
            break
    key = _DIRECTION_ADJECTIVE.sub(lambda m: m.group(1), key)  # "western darfur" -> "west darfur"
    key = _DIRECTION_TAIL.sub("", key).strip()
    return admin_aliases().get(key, key)  # "KPK", "K.P." -> "khyber pakhtunkhwa"


def _plural(word: str) -> str:
    """Return the plural of an admin unit word ("county" -> "counties", "LGA" -> "LGAs")."""
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return word[:-1] + "ies"
    return word if word.endswith("s") else word + "s"


@functools.lru_cache(maxsize=1)
def _unit_list() -> re.Pattern[str]:
    plurals = "|".join(re.escape(_plural(w)) for w in admin_words() if not w.endswith("s"))
    return re.compile(
        rf"\b{_NAME}(?:\s*,\s*{_NAME})*,?\s+(?:and|&)\s+{_NAME}(?=\s+(?i:{plurals})\b)"
    )


@functools.lru_cache(maxsize=4096)
def unit_list_names(text: str) -> tuple[tuple[int, int], ...]:
    """Return the spans of the names a plural unit word after them heads: "the Kursk and Lipetsk regions",
    "Borno, Yobe and Adamawa states", "Kunar and Paktika provinces" - each name is an area of that unit."""
    spans: list[tuple[int, int]] = []
    name = re.compile(_NAME)
    for m in _unit_list().finditer(text):
        for part in name.finditer(text, m.start(), m.end()):
            if part.group() not in ("and", "&"):
                spans.append(part.span())
    return tuple(spans)


@functools.lru_cache(maxsize=4096)
def admin_context(text: str) -> frozenset[str]:
    """Return the admin names (as `admin_key`s) a text gives for its places.

    "Kyauk Kan village (Kani township, Monywa district, Sagaing)" -> {"kani", "monywa", "sagaing"};
    "in Idlib countryside" -> {"idlib"}; "in the governorate of Deir ez-Zor" -> {"deir ez zor"}.
    """
    unit_after, unit_before, parenthesis = _patterns()
    found: set[str] = set()
    for m in unit_after.finditer(text):
        found.add(admin_key(m.group(1)))
    for m in unit_before.finditer(text):
        found.add(admin_key(m.group(1)))
    for start, end in unit_list_names(text):
        found.add(admin_key(text[start:end]))
    for m in parenthesis.finditer(text):
        for part in m.group(1).split(","):
            part = part.strip()
            if re.fullmatch(rf"{_NAME}(?:\s+\w+)?", part) or fold_name(part) in admin_aliases():  # "J&K"
                found.add(admin_key(part))
    return frozenset(k for k in found if len(k) >= 3)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A candidate's context score and whether anything in the article supports it."""

    score: float
    supported: bool  # a country the article names or implies, an admin name it gives, or a place near it
    admin_match: bool
    admin: float = (
        0.0  # what the admin names added (ADMIN_WEIGHT: a township 0.3, a district 0.25, a province 0.15)
    )


def weigh(
    candidate: object,
    *,
    main: Collection[str],
    named: Collection[str],
    regions: Collection[str],
    points: Sequence[tuple[float, float]],
    region_points: Sequence[tuple[float, float]] = (),
) -> Evidence:
    """Return the context score of one candidate (a `gazetteer.Candidate`): its own score plus the evidence."""
    c = candidate
    s = c.score  # type: ignore[attr-defined]
    supported = False
    if main or named:
        if c.country_code in main:  # type: ignore[attr-defined]
            s += MAIN_COUNTRY
            supported = True
        elif c.country_code in named:  # type: ignore[attr-defined]
            supported = True
        else:
            s += OTHER_COUNTRY
    admin = 0.0
    if regions:
        # Each name the text gives counts once, at the most specific level it names: "Magway" is a region and
        # one of its districts, and must not outweigh "Sinbaungwe township, Magway Region" by matching twice.
        used: set[str] = set()
        for level, weight in ADMIN_WEIGHT.items():
            value = getattr(c, level)
            if value:
                key, skeleton = _admin_forms(value)
                hit = key if key in regions else skeleton if skeleton in regions else None
                if hit is not None and hit not in used:
                    used.update((key, skeleton))
                    admin += weight
    # Beside a place the text gives as admin context ("Bounou (Kompienga, Kompienga)": the town Kompienga)
    if region_points and any(
        abs(c.lat - lat) < 1 and distance_km(c.lat, c.lon, lat, lon) <= REGION_POINT_KM  # type: ignore[attr-defined]
        for lat, lon in region_points
    ):
        admin += REGION_POINT  # less than a township or district the record itself names
    if admin:
        s += min(admin, ADMIN_CAP)
        supported = True
    if points:
        d = min(distance_km(c.lat, c.lon, lat, lon) for lat, lon in points)  # type: ignore[attr-defined]
        for km, bonus in NEAR_POINT:
            if d < km:
                s += bonus
                supported = supported or km <= 100
                break
        else:
            if d > FAR_POINT_KM:
                s += FAR_POINT
    return Evidence(s, supported, bool(admin), admin)


@functools.lru_cache(maxsize=4096)
def region_keys(names: frozenset[str]) -> frozenset[str]:
    """Return the admin keys of names plus their consonant skeletons marked "~" ("Helmand" is "Hilmand")."""
    keys = {admin_key(n) for n in names} - {""}
    # skeletons of four consonants or more: "Kayan" and "Kayin" (three) are two places
    return frozenset(keys | {"~" + sk for k in keys if len(sk := skeleton_key(k)) >= 4})


@functools.lru_cache(maxsize=65_536)
def _admin_forms(value: str) -> tuple[str, str]:
    key = admin_key(value)
    return key, "~" + skeleton_key(key)


def _admin_in(value: str, regions: Collection[str]) -> bool:
    key, skeleton = _admin_forms(value)
    return key in regions or skeleton in regions


def letters(name: str) -> int:
    """Return the number of letters of a name ("Ba" 2, "Ho Chi" 5)."""
    return sum(ch.isalpha() for ch in name)


def part_of_longer_name(run: str, part: str, *, known: Callable[[str], bool]) -> bool:
    """Return True when `part` is the leading word of a longer run of capitalised words that is not a list of
    places: "Kyauk" of "Kyauk Kan" (a village the gazetteer may lack) never matches alone, while "Kharkiv" of
    "Kharkiv Kupiansk" (two places) and "Gaza" of "Gaza City" (a known name) are left to the scanner.
    """
    words = run.split()
    if len(words) < 2 or part.strip() != words[0] or " " in part.strip() or not words[1][:1].isupper():
        return False  # "Metula on Tuesday": a particle joins the run, the name ends before it
    rest = " ".join(words[1:])
    return not known(words[1]) and not known(rest)
