"""The gazetteer: ranked candidate places for a name, from the bundled index file.

The index maps folded names (`fold_name`) and their consonant skeletons to place records kept as
columns; see docs/geo.md for the format and why.
"""

from __future__ import annotations

import csv
import gzip
import logging
import pickle
import threading
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from eventwire.errors import ResourceError
from eventwire.geo.build import DATA_DIR, DEFAULT_OUTPUT, FORMAT_VERSION
from eventwire.geo.distance import distance_km
from eventwire.geo.folding import fold_name, skeleton_key

__all__ = ["Candidate", "Gazetteer", "fold_name", "FEATURE_CLASSES", "feature_codes_for"]

log = logging.getLogger(__name__)

# Feature words in text -> the GeoNames feature codes they name. Used for hints and for stripping
# the word from a name ("Hatzor Airbase" -> "Hatzor" with hint air base).
FEATURE_CLASSES: dict[str, frozenset[str]] = {
    "air base": frozenset({"AIRB", "MILB", "AIRF", "AIRP"}),
    "airfield": frozenset({"AIRB", "AIRF", "AIRP", "MILB"}),
    "airport": frozenset({"AIRP", "AIRB", "AIRF"}),
    "naval base": frozenset({"NVB", "PRT", "MILB", "HBR"}),
    "base": frozenset({"MILB", "AIRB", "NVB", "INSM"}),
    "barracks": frozenset({"MILB", "INSM"}),
    "post": frozenset({"MILB", "INSM"}),
    "site": frozenset({"MILB", "INSM"}),
    "port": frozenset({"PRT", "HBR", "NVB"}),
    "harbour": frozenset({"PRT", "HBR", "NVB"}),
    "harbor": frozenset({"PRT", "HBR", "NVB"}),
    "mount": frozenset({"MT", "MTS", "PK", "HLL", "RDGE"}),
    "mountain": frozenset({"MT", "MTS", "PK", "HLL", "RDGE"}),
    "jabal": frozenset({"MT", "MTS", "PK", "HLL", "RDGE"}),
    "jebel": frozenset({"MT", "MTS", "PK", "HLL", "RDGE"}),
    "hill": frozenset({"HLL", "MT", "PK"}),
    "crossing": frozenset({"CRSS", "PSTB"}),
    "camp": frozenset({"CMP", "CMPRF", "CMPQ"}),
    "hospital": frozenset({"HSP"}),
    "bridge": frozenset({"BDG"}),
    "dam": frozenset({"DAM"}),
    "island": frozenset({"ISL"}),
    "strait": frozenset({"STRT"}),
    "gulf": frozenset({"GULF"}),
    "sea": frozenset({"SEA"}),
}
_FEATURE_CODES = frozenset().union(*FEATURE_CLASSES.values())
_PREFIX_WORDS = ("mount", "mountain", "jabal", "jebel", "port of")
_MATCH_WEIGHT = {"exact": 1.0, "variant": 0.92, "stripped": 0.9}
_CACHE: dict[Path, Gazetteer] = {}
_CACHE_LOCK = threading.Lock()


def feature_codes_for(hint: str | None) -> frozenset[str]:
    """Return the feature codes a hint names: a feature word ("air base") or a code ("AIRB")."""
    if not hint:
        return frozenset()
    key = fold_name(hint)
    if key in FEATURE_CLASSES:
        return FEATURE_CLASSES[key]
    codes = frozenset(c.strip().upper() for c in hint.split(",") if c.strip())
    return codes


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer record that may be the place a name means, with how it matched and how well."""

    name: str
    lat: float
    lon: float
    country_code: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    feature_code: str
    population: int
    geonames_id: int | None
    source: str
    geo_precision: int
    match: str  # exact | variant | stripped | skeleton | fuzzy
    score: float  # 0..1: match quality times how likely a bare mention means this record


def _load_stoplist(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        out[fold_name(row["word"])] = float(row["weight"])
    return out


class Gazetteer:
    """Place records and the name index over them; read-only and safe to share across threads."""

    def __init__(self, payload: dict, *, stoplist: dict[str, float] | None = None):
        if payload.get("version") != FORMAT_VERSION:
            raise ResourceError(
                f"gazetteer format {payload.get('version')} is not {FORMAT_VERSION}; "
                "rebuild it with `eventwire gazetteer build`"
            )
        self._names = payload["names"].split("\n")
        self._lat = payload["lat"]
        self._lon = payload["lon"]
        self._pop = payload["population"]
        self._gid = payload["geonames_id"]
        self._precision = payload["precision"]
        self._prior = payload["prior"]
        self._strings = payload["strings"].split("\n")
        self._cc = payload["cc"]
        self._admin1 = payload["admin1"]
        self._admin2 = payload["admin2"]
        self._fcode = payload["fcode"]
        self._source = payload["source"]
        self._countries: dict[str, str] = payload["countries"]
        keys = payload["keys"].split("\n")
        self._keys = keys
        self._key_index = dict(zip(keys, range(len(keys)), strict=True))
        self._key_off = payload["key_offsets"]
        self._key_ids = payload["key_ids"]
        self._key_kinds = payload["key_kinds"]
        skeys = payload["skeletons"].split("\n")
        self._skel_index = dict(zip(skeys, range(len(skeys)), strict=True))
        self._skel_off = payload["skeleton_offsets"]
        self._skel_keys = payload["skeleton_keys"]
        self._stop = stoplist if stoplist is not None else {}
        self._fcode_of = [self._strings[i] for i in self._fcode.tolist()]
        self._cc_of = [self._strings[i] for i in self._cc.tolist()]

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Return the gazetteer in `path` (the bundled file by default), loaded once per process."""
        path = Path(path) if path else DEFAULT_OUTPUT
        with _CACHE_LOCK:
            cached = _CACHE.get(path)
            if cached is not None:
                return cached
            if not path.exists():
                raise ResourceError(f"gazetteer file {path} is missing; run `eventwire gazetteer build`")
            try:
                with gzip.open(path, "rb") as fh:
                    payload = pickle.load(fh)
            except (OSError, EOFError, pickle.UnpicklingError) as exc:
                raise ResourceError(f"gazetteer file {path} is unreadable ({exc}); rebuild it") from exc
            stop_path = DATA_DIR / "stoplist.tsv"
            gaz = cls(payload, stoplist=_load_stoplist(stop_path) if stop_path.exists() else {})
            _CACHE[path] = gaz
            return gaz

    def __len__(self) -> int:
        return len(self._names)

    # -- lookups ---------------------------------------------------------------------------------
    def is_known(self, name: str) -> bool:
        """Return True when the folded name is a key of some record and not a common word."""
        key = fold_name(name)
        return key in self._key_index and self._stop.get(key, 1.0) >= 0.5

    def candidates(
        self,
        name: str,
        *,
        country: str | None = None,
        feature_hint: str | None = None,
        limit: int = 10,
        fuzzy: bool = True,
    ) -> list[Candidate]:
        """Return records `name` may mean, best first; [] when nothing plausible matches.

        country: ISO2 code preferred (records elsewhere are kept but rank lower).
        feature_hint: a feature word ("air base", "port", "camp") or GeoNames codes ("AIRB,MILB").
        fuzzy: try edit-distance matching over every key last (slow: about 0.1 s a name); a text scanner
        passes False and keeps exact, variant and consonant-skeleton matches.
        """
        key = fold_name(name)
        if not key:
            return []
        hint_codes = feature_codes_for(feature_hint)
        stop_weight = self._stop.get(key, 1.0)
        hits = self._exact(key)
        if hits and not hint_codes:
            # "Mount Hermon", "Haifa port": the name itself says which kind of place it is.
            _, word = _strip_feature_word(key)
            hint_codes = FEATURE_CLASSES[word] if word else hint_codes
        if not hits:
            stripped, word = _strip_feature_word(key)
            if stripped and word:
                hint_codes = hint_codes or FEATURE_CLASSES[word]
                hits = [(i, "stripped", q * _MATCH_WEIGHT["stripped"]) for i, _, q in self._exact(stripped)]
                key = stripped
        if not hits and stop_weight >= 0.5:  # a common word never matches loosely
            hits = self._skeleton(key)
            if not hits and fuzzy:
                hits = self._fuzzy(key)
        if not hits:
            return []
        scored = []
        for i, kind, quality in hits:
            prior = float(self._prior[i])
            score = quality * (0.7 + 0.3 * prior) * stop_weight
            fcode = self._fcode_of[i]
            if hint_codes:
                score *= 1.15 if fcode in hint_codes else 0.75
            elif fcode in _FEATURE_CODES and kind == "stripped":
                score *= 0.9
            if country:
                score *= 1.1 if self._cc_of[i] == country.upper() else 0.8
            scored.append((min(score, 1.0), prior, i, kind))
        scored.sort(key=lambda t: (-t[0], -t[1]))
        out: list[Candidate] = []
        for score, _prior, i, kind in scored:
            if any(_same_place(c, float(self._lat[i]), float(self._lon[i]), self._names[i]) for c in out):
                continue
            out.append(self._candidate(i, kind, score))
            if len(out) >= limit:
                break
        return out

    def _exact(self, key: str) -> list[tuple[int, str, float]]:
        j = self._key_index.get(key)
        if j is None:
            return []
        lo, hi = int(self._key_off[j]), int(self._key_off[j + 1])
        ids = self._key_ids[lo:hi].tolist()
        kinds = self._key_kinds[lo:hi].tolist()
        return [
            (i, "exact" if k == 0 else "variant", _MATCH_WEIGHT["exact" if k == 0 else "variant"])
            for i, k in zip(ids, kinds, strict=True)
        ]

    def _skeleton(self, key: str) -> list[tuple[int, str, float]]:
        skel = skeleton_key(key)
        j = self._skel_index.get(skel) if skel else None
        if j is None:
            return []
        lo, hi = int(self._skel_off[j]), int(self._skel_off[j + 1])
        out = []
        for kj in self._skel_keys[lo:hi].tolist():
            other = self._keys[kj]
            sim = fuzz.ratio(key, other) / 100.0
            # Same skeleton but a different first letter or much different length: another name.
            if (
                sim < (0.85 if len(skel) <= 2 else 0.7)
                or other[0] != key[0]
                and not (other[0] in "aeiouy" and key[0] in "aeiouy")
            ):
                continue
            quality = 0.6 + 0.3 * sim
            out.extend((i, "skeleton", quality) for i, _, _ in self._exact(other))
        return out

    def _fuzzy(self, key: str) -> list[tuple[int, str, float]]:
        if len(key) < 6:
            return []
        found = process.extract(key, self._keys, scorer=fuzz.ratio, score_cutoff=88, limit=5)
        out = []
        for other, ratio, _j in found:
            if other[0] != key[0] or abs(len(other) - len(key)) > 2:
                continue
            out.extend((i, "fuzzy", 0.75 * ratio / 100.0) for i, _, _ in self._exact(other))
        return out

    def _candidate(self, i: int, kind: str, score: float) -> Candidate:
        cc = self._cc_of[i] or None
        gid = int(self._gid[i]) or None
        source = self._strings[int(self._source[i])]
        if source == "GeoNames" and gid:
            source = f"GeoNames {gid}"
        return Candidate(
            name=self._names[i], lat=float(self._lat[i]), lon=float(self._lon[i]), country_code=cc,
            country=self._countries.get(cc) if cc else None,
            admin1=self._strings[int(self._admin1[i])] or None, admin2=self._strings[int(self._admin2[i])] or None,
            feature_code=self._fcode_of[i], population=int(self._pop[i]), geonames_id=gid, source=source,
            geo_precision=int(self._precision[i]), match=kind, score=round(float(score), 4),
        )  # fmt: skip


def _strip_feature_word(key: str) -> tuple[str, str | None]:
    """Split "hatzor air base" into ("hatzor", "air base"); ("", None) when no feature word."""
    for word in sorted(FEATURE_CLASSES, key=len, reverse=True):
        if key.endswith(" " + word) and len(key) > len(word) + 2:
            return key[: -len(word) - 1].strip(), word
    for word in _PREFIX_WORDS:
        if key.startswith(word + " ") and len(key) > len(word) + 2:
            base = "port" if word == "port of" else word
            return key[len(word) + 1 :].strip(), base
    return "", None


def _same_place(c: Candidate, lat: float, lon: float, name: str) -> bool:
    """Return True when a record duplicates an already ranked candidate (another source, same place).

    Two records that both match the query and lie within 3 km are one place for geocoding.
    """
    d = distance_km(c.lat, c.lon, lat, lon)
    return d < 3.0 or (d < 10.0 and fold_name(c.name) == fold_name(name))
