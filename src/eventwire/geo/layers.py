"""Village layers of the gazetteer build: Myanmar MIMU place codes, OpenStreetMap place nodes of twelve African
countries, GeoNames postal places of Ukraine (transliterated), Pakistan and Colombia, and GeoNames' populated places
of fourteen countries as Who's On First carries them (`wof_layer`).

Each reader returns build `Record`s with the admin names its source gives. Points a source does not place well
are moved to the admin unit they belong to, at a coarser geo_precision: a Myanmar village without coordinates
to its township (2), a Ukrainian postal place whose point lies outside its own oblast to its raion (2) or oblast
(3). Sources, licences and how each is used: data/gazetteer/PROVENANCE.md and docs/geo.md.
"""

from __future__ import annotations

import csv
import gzip
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.geo.areas import AreaIndex
    from eventwire.geo.sources import Record

# A village layer's record is never more likely than this for a bare mention: a bulk list of hamlets must not
# outrank a town of the same name that GeoNames counts; context (resolve.best_candidate) lifts it.
VILLAGE_PRIOR = {"city": 0.45, "town": 0.3, "village": 0.2, "hamlet": 0.12, "ward": 0.15, "postal": 0.2}

MIMU_FILE = "MM_mimu_villages_wards.tsv.gz"
OSM_FILE = "AFRICA_osm2019_places.tsv.gz"
POSTAL_FILES = {
    "UA": "UA_geonames_postal.txt.gz",
    "PK": "PK_geonames_postal.txt.gz",
    "CO": "CO_geonames_postal.txt.gz",
}

WOF_FILE = "WOF_places.tsv.gz"
# Arabic (and Pashto/Dari, Somali) toponyms: their records also get loose keys ("tall rifat" for "tal rifaat").
# Thai, Ukrainian and Colombian names are not spelled that way, and loose keys cost the index memory.
WOF_LOOSE = frozenset({"SY", "IQ", "YE", "SD", "SS", "PS", "SO", "AF", "LY", "TD"})
WOF_GEONAMES_SOURCE = "GeoNames via Who's On First"
WOF_SOURCE = "Who's On First"
# Sources of the WOF layer's new records: a name only they hold is matched as written, not by its consonant
# skeleton (pack._pack).
SKELETON_FREE_SOURCES = frozenset({WOF_GEONAMES_SOURCE, WOF_SOURCE})

# One source string per layer (a string per record would fill the gazetteer's string table with 250,000 ids).
MIMU_SOURCE = "MIMU place codes v9.6"
OSM_SOURCE = "OpenStreetMap place nodes 2019 (ODbL)"

_NUMBERED_WARD = re.compile(r"^(?:No\.?\s*)?\(?\d+\)?\s*(?:Ward|Quarter)$", re.I)
_NON_LATIN_TAIL = re.compile(r"\s+[^\x00-\u024f].*$")


def _record(**kw: object) -> Record:
    from eventwire.geo.sources import Record

    return Record(**kw)  # type: ignore[arg-type]


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _mimu_state(name: str) -> str:
    """MIMU "Bago (East)" -> ACLED "Bago-East"."""
    return re.sub(r"\s*\((\w+)\)\s*$", r"-\1", name.strip())


def _joined(name: str) -> str | None:
    """Myanmar names are written spaced and run together ("Kyauk Kan" / "Kyaukkan"): the run-together form."""
    words = name.split()
    return "".join(words[:1] + [w.lower() for w in words[1:]]) if len(words) > 1 else None


def mimu_records(path: Path) -> list[Record]:
    """Return Myanmar's villages and wards (admin1 state as ACLED names it, admin2 district, admin3 township),
    plus one record per township ("Kani township") at the median of its villages' points, geo_precision 2.

    A village without coordinates stands at its township's point with geo_precision 2.
    """
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("kind") in ("village", "ward")]
    township_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in rows:
        lat, lon = _float(r.get("lat")), _float(r.get("lon"))
        if lat and lon and 9 < lat < 29 and 92 < lon < 102:
            township_points[r["township_pcode"]].append((lat, lon))
    centre = {code: _median_point(pts) for code, pts in township_points.items()}
    out: list[Record] = []
    townships: dict[str, Record] = {}
    for r in rows:
        name = (r.get("name_en") or "").strip()
        code = r["township_pcode"]
        if not name or code not in centre or (r["kind"] == "ward" and _NUMBERED_WARD.match(name)):
            continue
        state, district, township = (
            _mimu_state(r["state_en"]),
            r["district_en"].strip(),
            r["township_en"].strip(),
        )
        lat, lon = _float(r.get("lat")), _float(r.get("lon"))
        precision = 1
        if not (lat and lon and 9 < lat < 29 and 92 < lon < 102):
            (lat, lon), precision = centre[code], 2
        rec = _record(
            name=name, lat=lat, lon=lon, country_code="MM", feature_code="PPL", source=MIMU_SOURCE,
            geo_precision=precision, admin1=state, admin2=district, admin3=township, bulk_prior=VILLAGE_PRIOR[
                "ward" if r["kind"] == "ward" else "village"], loose=False,
        )  # fmt: skip
        joined = _joined(name)
        if joined:
            rec.variants.add(joined)
        out.append(rec)
        if code not in townships:
            lat, lon = centre[code]
            town = _record(
                name=f"{township} Township", lat=lat, lon=lon, country_code="MM", feature_code="ADM3",
                source=MIMU_SOURCE + " (township: median of its villages)", geo_precision=2, admin1=state,
                admin2=district, admin3=township, bulk_prior=0.3, loose=False,
            )  # fmt: skip
            town.variants.update(
                {f"{township} township", f"{township} Tsp", township}
            )  # its seat shares its name
            townships[code] = town
    return out + list(townships.values())


def _float(value: str | None) -> float:
    try:
        return float(value) if value not in (None, "") else 0.0
    except ValueError:
        return 0.0


def osm_records(path: Path, admin1: AreaIndex | None = None) -> list[Record]:
    """Return the OpenStreetMap place nodes (city, town, village, hamlet) of the African extract (ODbL).

    The extracts overlap at borders (a node of Niger is in Nigeria's file too) and name the file's country: each
    node is kept once, in the country whose admin-1 polygon holds it.
    """
    out = []
    seen: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            place = r.get("place") or ""
            if place not in ("city", "town", "village", "hamlet") or r["osm_node_id"] in seen:
                continue
            seen.add(r["osm_node_id"])
            local = _NON_LATIN_TAIL.sub("", (r.get("name") or "").strip())
            english = (r.get("name_en") or "").strip()
            primary = english or local
            if not primary or not primary[0].isalpha() or not primary.isascii() and not local:
                continue
            population = int(_float(r.get("population"))) if (r.get("population") or "").isdigit() else 0
            lat, lon = float(r["lat"]), float(r["lon"])
            area = admin1.locate(lat, lon, max_km=5) if admin1 is not None else None
            rec = _record(
                name=primary, lat=lat, lon=lon, country_code=area.country_code if area else r["iso2"],
                feature_code="PPL", source=OSM_SOURCE, population=population,
                bulk_prior=VILLAGE_PRIOR[place],
            )  # fmt: skip
            for alt in (local, (r.get("name_de") or "").strip()):
                if alt and alt != primary and alt[0].isupper():
                    rec.variants.add(alt)
            out.append(rec)
    return out


def wof_records(path: Path, known: dict[int, Record] | None = None) -> list[Record]:
    """Return the places of the Who's On First extract (`tools/gazetteer/wof_places.py`): GeoNames' populated
    places of each country (with their GeoNames id and alternate names), WOF's own localities and neighbourhoods,
    and the countries' districts (WOF counties, feature code ADM2, geo_precision 3 like a GeoNames dump's ADM2).

    A row whose GeoNames id is in `known` (the GeoNames records already read) adds its names to that record
    instead of making a second one. A row's WOF county is not taken as its admin2: WOF's district
    names are not ACLED's ("Khan Younis" for ACLED's "Khan Yunis"); the build assigns admin names as for any record.
    """
    from eventwire.geo.sources import _usable_alternate

    known = known if known is not None else {}
    out = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            code, cc, gid = r["feature_code"], r["country_code"], int(r["geonames_id"] or 0)
            alternates = [a for a in r["alternates"].split("|") if a and _usable_alternate(a, code)]
            old = known.get(gid) if gid else None
            if old is not None:
                old.variants.update(a for a in alternates if _stable_name(a))
                continue
            if r["placetype"] == "neighbourhood" and code == "PPL":
                code = "PPLX"
            county = r["placetype"] == "county"
            rec = _record(
                name=r["name"], lat=float(r["lat"]), lon=float(r["lon"]), country_code=cc, feature_code=code,
                source=WOF_GEONAMES_SOURCE if gid else WOF_SOURCE, population=int(r["population"] or 0),
                geonames_id=gid or None, geo_precision=3 if county else 2 if code == "ADM3" else 1,
                admin2=r["name"] if county else "", loose=cc in WOF_LOOSE,
                # WOF's own records are no GeoNames counts: a bulk layer's prior, as a district or a town
                bulk_prior=0.0 if gid else 0.4 if county else VILLAGE_PRIOR["town"],
            )  # fmt: skip
            rec.variants.update(alternates)
            out.append(rec)
    return out


def load_uk_latin(path: Path) -> dict[str, tuple[str, str, str]]:
    """Return letter -> (national, initial, russian) from uk_latin.tsv."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return {
        r["letter"]: (r["national"], r["initial"], r["russian"])
        for r in csv.DictReader(lines, delimiter="\t")
    }


def transliterate_uk(name: str, table: dict[str, tuple[str, str, str]]) -> list[str]:
    """Return the Latin spellings of a Ukrainian name: the 2010 national system first, then the Russian-based one.

    "Харків" -> ["Kharkiv"]; "Горлівка" -> ["Horlivka", "Gorlivka", "Gorlovka"]; "Попасна" -> ["Popasna", "Popasna"
    is one spelling in both]. Duplicates are dropped, order kept.
    """
    national, russian = [], []
    word_start = True
    low = name.lower()
    i = 0
    while i < len(low):
        ch = low[i]
        upper = name[i].isupper()
        if ch == "з" and low[i + 1 : i + 2] == "г":  # зг is written zgh so it does not read as zh
            national.append("Zgh" if upper else "zgh")
            russian.append("Zg" if upper else "zg")
            i += 2
            word_start = False
            continue
        if ch in table:
            nat, initial, rus = table[ch]
            nat = initial if word_start else nat
            national.append(nat.capitalize() if upper else nat)
            russian.append(rus.capitalize() if upper else rus)
            word_start = False
        else:
            national.append(name[i])
            russian.append(name[i])
            word_start = not ch.isalpha()
        i += 1
    spellings = ["".join(national), "".join(russian)]
    rus = spellings[1]
    if rus.endswith("ivka"):
        spellings.append(rus[:-4] + "ovka")
    if rus.endswith(("ske", "tske")):
        spellings.append(rus[:-1] + "oye")
    return list(dict.fromkeys(s for s in spellings if s))


def postal_records(
    path: Path, cc: str, admin1: AreaIndex, region_names: dict[str, str], uk_latin: dict | None = None
) -> list[Record]:
    """Return a GeoNames postal-code dump's places, one per (name, admin1, admin2).

    A point is accepted only inside the admin-1 polygon its row names (`region_names` maps the dump's admin1
    name to Natural Earth's) and only when GeoNames marks it placed (accuracy 4: rows of accuracy 1 share one
    approximate point); otherwise the place stands at its admin2's point (the median of that
    unit's accepted points, geo_precision 2) or, failing that, at its admin-1 unit's centre (geo_precision 3).
    Ukrainian names are filed under their Latin spellings (`transliterate_uk`), the Cyrillic kept as a variant.
    """
    from eventwire.geo.folding import fold_name

    areas = defaultdict(list)
    for area in admin1.areas:
        if area.country_code == cc:
            areas[area.name].append(area)
    # A dump name that folds to a Natural Earth name needs no row in admin_names.tsv ("Boyaca" / "Boyacá").
    region_names = {fold_name(n): n for n in areas} | {fold_name(k): v for k, v in region_names.items()}
    rows: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 11 or not f[2] or not f[9]:
                continue
            rows[(f[2].strip(), f[3].strip(), f[5].strip())].append(
                (float(f[9]), float(f[10]), int(f[11]) if len(f) > 11 and f[11].isdigit() else 0)
            )
    accepted: dict[tuple[str, str, str], tuple[float, float]] = {}
    unit_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for (name, a1, a2), points in rows.items():
        polys = areas.get(region_names.get(fold_name(a1), a1), [])
        for lat, lon, accuracy in points:
            if accuracy >= 4 and any(p.contains(lon, lat) for p in polys):
                accepted[(name, a1, a2)] = (lat, lon)
                unit_points[(a1, a2)].append((lat, lon))
                break
    unit_centre = {k: _median_point(v) for k, v in unit_points.items() if len(v) >= 3}
    out = []
    for (name, a1, a2), _points in rows.items():
        ne_name = region_names.get(fold_name(a1), a1)
        if (name, a1, a2) in accepted:
            (lat, lon), precision = accepted[(name, a1, a2)], 1
        elif (a1, a2) in unit_centre and a2:
            (lat, lon), precision = unit_centre[(a1, a2)], 2
        elif areas.get(ne_name):
            biggest = max(areas[ne_name], key=lambda a: (a.bbox[2] - a.bbox[0]) * (a.bbox[3] - a.bbox[1]))
            lat, lon = biggest.centroid()
            precision = 3
        else:
            continue
        names = transliterate_uk(name, uk_latin) if uk_latin is not None else [name]
        rec = _record(
            name=names[0], lat=lat, lon=lon, country_code=cc, feature_code="PPL",
            source=f"GeoNames postal codes {cc}", geo_precision=precision, admin1_code="",
            admin2=a2 if cc != "UA" else "", admin3="", bulk_prior=VILLAGE_PRIOR["postal"], loose=False,
        )  # fmt: skip
        rec.variants.update(names[1:])
        if uk_latin is not None:
            rec.variants.add(name)
        out.append(rec)
    return out


def read_region_names(path: Path, kind: str) -> dict[str, dict[str, str]]:
    """Return country -> {source admin1 name: Natural Earth admin-1 name} for rows of `kind` in admin_names.tsv."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        if row["kind"] == kind:
            out[row["country_code"]][row["source_name"]] = row["acled_name"]
    return out


def _stable_name(name: str) -> bool:
    """Return True when a name's folded key folds to itself ("Thè Chauk" -> "the chauk" -> "chauk" does not): the
    index takes a lower-cased key as folded (docs/geo.md), so such a key could never be found."""
    from eventwire.geo.folding import fold_name

    key = fold_name(name)
    return bool(key) and fold_name(key) == key


def _stable(records: list[Record]) -> list[Record]:
    """Drop the names (and the records named) whose folded key is not stable (`_stable_name`)."""
    out = []
    for r in records:
        if _stable_name(r.name):
            r.variants = {v for v in r.variants if _stable_name(v)}
            out.append(r)
    return out


def village_records(villages: Path, admin1: AreaIndex, data_dir: Path) -> Iterable[tuple[str, list[Record]]]:
    """Yield (layer name, records) for every village layer whose file is in `villages` (but the WOF layer,
    which is read last: `wof_layer`)."""
    for layer, records in _village_records(villages, admin1, data_dir):
        yield layer, _stable(records)


def wof_layer(
    path: Path,
    known: dict[int, Record],
    records: list[Record],
    *,
    admin_names: set[str] = frozenset(),
    twin_km: float = 3.0,
) -> list[Record]:
    """Return the WOF layer's new records (`wof_records`), read after every other source.

    A row of a GeoNames place already read (`known`, by id) adds its names to that record; so does a row whose
    name is the name of a record of the same country within `twin_km` (the OpenStreetMap node of the same
    village): one place, one record. A row whose name is already a name of a place of the same country farther
    away is left out: the namesake the gazetteer holds is a town, a district or a village another source counts,
    and a bulk village of the same name would take its exact matches ("Sulaimani" the city, not a hamlet).
    The new records keep only the alternate names that spell their own name ("Tal Zurbat" for "Tall Zurbāt"),
    not aliases (GeoNames lists exonyms and neighbouring places among a village's names). A row named like an
    admin-1 unit of any country (`admin_names`, folded) is left out too: the unit is the record of that name, and
    a hamlet "Kossi" in Mali would make "Kossi" in a sentence an area of Mali as well as Burkina Faso's province.
    """
    from eventwire.geo.distance import distance_km
    from eventwire.geo.folding import fold_name
    from eventwire.geo.pack import _same_name

    by_name: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for r in records:
        for name in {r.name, *r.variants}:
            by_name[(r.country_code, fold_name(name))].append(r)
    out = []
    for rec in _stable(wof_records(path, known)):
        key = fold_name(rec.name)
        keys = {key, *(fold_name(v) for v in rec.variants)}
        near = (o for k in keys for o in by_name.get((rec.country_code, k), ()))
        twin = next((o for o in near if distance_km(o.lat, o.lon, rec.lat, rec.lon) <= twin_km), None)
        if twin is not None and rec.feature_code.startswith("PPL"):
            twin.variants.update(rec.variants | {rec.name})
            twin.population = max(twin.population, rec.population)
            continue
        # WOF's districts are left out: a unit named for its seat ("Okhtyrskyi district") is placed at the seat
        # (nlp.places), and an area spelled another way ("Komandjoari") would be a second area of the same name
        if (rec.country_code, key) in by_name or key in admin_names or rec.feature_code == "ADM2":
            continue
        rec.variants = {
            v for v in rec.variants
            if _same_name(fold_name(v), key) and (rec.country_code, fold_name(v)) not in by_name
        }  # fmt: skip
        out.append(rec)
    return out


def _village_records(villages: Path, admin1: AreaIndex, data_dir: Path) -> Iterable[tuple[str, list[Record]]]:
    if (villages / MIMU_FILE).exists():
        yield "Myanmar MIMU villages and wards", mimu_records(villages / MIMU_FILE)
    if (villages / OSM_FILE).exists():
        yield "OpenStreetMap places of 12 African countries", osm_records(villages / OSM_FILE, admin1)
    regions = read_region_names(data_dir / "admin_names.tsv", "postal_admin1")
    uk = load_uk_latin(data_dir / "uk_latin.tsv")
    for cc, fname in POSTAL_FILES.items():
        if (villages / fname).exists():
            yield (
                f"GeoNames postal places {cc}",
                postal_records(villages / fname, cc, admin1, regions.get(cc, {}), uk if cc == "UA" else None),
            )
