"""Write places_context_generated.tsv: place mentions with their admin context as reporting writes them, drawn
from the gazetteer's own village sources (MIMU, OpenStreetMap, GeoNames postal) - never from ACLED notes.

Each drawn name has a namesake (in another township, oblast or country), so only its context can place it; the
expected point is the source's own. Run from the repository root after changing the sources:

    python tests/geo/make_places_context.py
"""

from __future__ import annotations

import csv
import gzip
import random
from collections import defaultdict
from pathlib import Path

from eventwire.geo.areas import load_admin1
from eventwire.geo.folding import fold_name
from eventwire.geo.layers import load_uk_latin, postal_records, read_region_names
from eventwire.geo.paths import DATA_DIR, SOURCES_DIR
from eventwire.geo.sources import _load_aliases

OUT = Path(__file__).with_name("places_context_generated.tsv")
STATES = {"Chin", "Kachin", "Kayah", "Kayin", "Mon", "Rakhine", "Shan"}
UNIT = {"NG": "State", "SO": "region", "BF": "region", "ML": "region", "NE": "region", "TD": "province",
        "CD": "province", "ET": "region", "SD": "state", "SS": "state", "LY": "district", "CF": "prefecture"}  # fmt: skip
# ACLED/NE admin-1 name as reporting writes it
UA_OBLAST = {"Kiev": "Kyiv", "Kiev City": "Kyiv", "Odessa": "Odesa", "Mykolayiv": "Mykolaiv", "Zaporizhzhya": "Zaporizhzhia",
             "Vinnytsya": "Vinnytsia", "Transcarpathia": "Zakarpattia", "Khmel'nyts'kyy": "Khmelnytskyi",
             "Dnipropetrovs'k": "Dnipropetrovsk", "Donets'k": "Donetsk", "Luhans'k": "Luhansk", "L'viv": "Lviv",
             "Ivano-Frankivs'k": "Ivano-Frankivsk", "Ternopil'": "Ternopil"}  # fmt: skip


def main() -> None:
    rng = random.Random(14)
    rows: list[tuple[str, str, float, float, int, str]] = []
    admin1 = load_admin1(SOURCES_DIR / "ne_10m_admin_1_states_provinces.topo.json.gz")
    aliases = _load_aliases(DATA_DIR / "admin_names.tsv")[0]  # Natural Earth -> the name reporting uses

    def written(cc: str, ne_name: str) -> str:
        return aliases.get((cc, ne_name), (ne_name, ""))[0] or ne_name

    # Myanmar: villages whose name recurs in other townships
    with gzip.open(SOURCES_DIR / "villages" / "MM_mimu_villages_wards.tsv.gz", "rt", encoding="utf-8") as fh:
        mm = [
            r
            for r in csv.DictReader(fh, delimiter="\t")
            if r["kind"] == "village" and r["lat"] not in ("", "0")
        ]
    by_name = defaultdict(list)
    for r in mm:
        by_name[r["name_en"]].append(r["township_en"])
    # a namesake in another township, and one village of the name in its own (else no context could tell)
    pool = [r for r in mm if len(set(by_name[r["name_en"]])) >= 2 and by_name[r["name_en"]].count(r["township_en"]) == 1
            and "(" not in r["name_en"]]  # fmt: skip
    for r in rng.sample(pool, 70):
        state = r["state_en"].split(" (")[0]
        state = f"{state} State" if state in STATES else f"{state} Region"
        rows.append(("MM", f"{r['name_en']} village ({r['township_en']} township, {state})", float(r["lat"]),
                     float(r["lon"]), 10, "namesake in another township"))  # fmt: skip

    # Ukraine: postal places placed inside their oblast, with namesakes in other oblasts
    regions = read_region_names(DATA_DIR / "admin_names.tsv", "postal_admin1")
    uk = load_uk_latin(DATA_DIR / "uk_latin.tsv")
    ua = [r for r in postal_records(SOURCES_DIR / "villages" / "UA_geonames_postal.txt.gz", "UA", admin1,
                                    regions.get("UA", {}), uk) if r.geo_precision == 1]  # fmt: skip
    oblasts = defaultdict(list)
    for r in ua:
        area = admin1.locate(r.lat, r.lon, country="UA")
        r.admin1 = area.name if area else ""
        oblasts[fold_name(r.name)].append(r.admin1)
    names_in = defaultdict(list)  # every postal place of a name and oblast, wherever it was placed
    for r in postal_records(SOURCES_DIR / "villages" / "UA_geonames_postal.txt.gz", "UA", admin1,
                            regions.get("UA", {}), uk):  # fmt: skip
        area = admin1.locate(r.lat, r.lon, country="UA")
        names_in[(fold_name(r.name), area.name if area else "")].append(r)
    pool = [r for r in ua if len(set(oblasts[fold_name(r.name)])) >= 2 and r.admin1 and " " not in r.name
            and len(names_in[(fold_name(r.name), r.admin1)]) == 1]  # fmt: skip
    for n, r in enumerate(rng.sample(pool, 55)):
        oblast = UA_OBLAST.get(r.admin1, r.admin1)
        russian = sorted(r.variants - {r.name}, key=lambda v: (not v.isascii(), -len(v)))
        if n % 3 == 2 and russian and russian[0].isascii():
            rows.append(("UA", f"{russian[0]}, {oblast} region", r.lat, r.lon, 10, "Russian-based spelling"))
        else:
            rows.append(("UA", f"{r.name}, {oblast} oblast", r.lat, r.lon, 10, "2010 national spelling"))

    # Africa: OpenStreetMap villages whose name recurs in another of the twelve countries
    with gzip.open(SOURCES_DIR / "osm" / "AFRICA_osm2019_places.tsv.gz", "rt", encoding="utf-8") as fh:
        osm = [r for r in csv.DictReader(fh, delimiter="\t")
               if r["place"] in ("village", "town") and r["name"].isascii() and r["name"][:1].isupper()]  # fmt: skip
    countries = defaultdict(set)
    per_country = defaultdict(int)
    for r in osm:
        countries[fold_name(r["name"])].add(r["iso2"])
        per_country[(fold_name(r["name"]), r["iso2"])] += 1
    for cc in sorted(UNIT):
        pool = [r for r in osm if r["iso2"] == cc and len(countries[fold_name(r["name"])]) >= 2
                and len(r["name"]) >= 5 and per_country[(fold_name(r["name"]), cc)] == 1
                and fold_name(r["name"]) not in ("village", "town", "city")]  # fmt: skip
        picked = 0
        for r in rng.sample(pool, min(len(pool), 60)):
            lat, lon = float(r["lat"]), float(r["lon"])
            area = admin1.locate(lat, lon, country=cc)
            if area is None or picked >= 10:
                continue
            rows.append(
                (
                    cc,
                    f"{r['name']}, {written(cc, area.name)} {UNIT[cc]}",
                    lat,
                    lon,
                    10,
                    "namesake in another country",
                )
            )
            picked += 1

    # Pakistan and Colombia: postal places placed inside their province / department
    for cc, count in (("PK", 15), ("CO", 15)):
        recs = [r for r in postal_records(SOURCES_DIR / "villages" / f"{cc}_geonames_postal.txt.gz", cc, admin1,
                                          regions.get(cc, {})) if r.geo_precision == 1 and len(r.name) >= 5]  # fmt: skip
        for r in rng.sample(recs, count):
            area = admin1.locate(r.lat, r.lon, country=cc)
            if area is not None:
                rows.append((cc, f"{r.name}, {written(cc, area.name)}", r.lat, r.lon, 10, "postal place"))

    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# Generated by make_places_context.py from the gazetteer's village sources (not ACLED notes).\n"
        )
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["context", "mention", "lat", "lon", "tolerance_km", "kind"])
        for cc, mention, lat, lon, tol, kind in rows:
            w.writerow([cc, mention, f"{lat:.4f}", f"{lon:.4f}", tol, kind])
    print(f"{len(rows)} rows -> {OUT}")


if __name__ == "__main__":
    main()
