"""Admin names for the gazetteer build: ACLED's admin1/admin2 for every record, disputed areas as ACLED
codes them, and the Israeli localities merged into the GeoNames records of the same places.
"""

from __future__ import annotations

import gzip
import logging
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from eventwire.geo.areas import AreaIndex
from eventwire.geo.distance import distance_km
from eventwire.geo.folding import fold_name, skeleton_key
from eventwire.geo.sources import Record

log = logging.getLogger(__name__)

# Countries whose every record is placed by point-in-polygon (small, and ACLED admin names matter most).
_PIP_EVERY_RECORD = {"IL", "PS", "LB"}


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
