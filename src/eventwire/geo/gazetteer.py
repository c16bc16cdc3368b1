"""The gazetteer: ranked candidate places for a name, from the bundled index file.

The index maps folded names (`fold_name`) and their consonant skeletons to place records kept as
columns; see docs/geo.md for the format and why.
"""

from __future__ import annotations

import csv
import gzip
import logging
import pickle
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from eventwire.errors import ResourceError
from eventwire.geo.distance import distance_km
from eventwire.geo.folding import fold_name, loose_key, skeleton_key
from eventwire.geo.paths import DATA_DIR, ENV_VAR, FORMAT_VERSION, active_gazetteer
from eventwire.geo.scoring import (
    FEATURE_CLASSES,
    FEATURE_CODES,
    KIND_NAME,
    KIND_WEIGHT,
    MATCH_WEIGHT,
    NO_CODES,
    feature_codes_for,
    round4,
    sibling_keys,
    strip_feature_word,
    strip_unit_word,
)

__all__ = ["Candidate", "Gazetteer", "fold_name", "FEATURE_CLASSES", "feature_codes_for"]

log = logging.getLogger(__name__)

_CACHE: dict[Path, Gazetteer] = {}
_CACHE_LOCK = threading.Lock()
# Bare-lookup candidates kept per gazetteer (about 350 bytes each, so at most ~23 MB).
_BARE_CACHE_SIZE = 65_536


@dataclass(slots=True)
class Candidate:
    """One gazetteer record that may be the place a name means, with how it matched and how well.

    Read-only by convention: a bare lookup (no country, no feature hint) hands out the same object for the
    same record and name every time (see `Gazetteer._ranked`), and a frozen dataclass costs three times as much
    to construct (about 1 us more per candidate, a fifth of an exact lookup).
    """

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
    match: str  # exact | variant | stripped | skeleton | fuzzy | closest (a suggestion, not a match)
    score: float  # 0..1: match quality times how likely a bare mention means this record
    admin3: str | None = None  # the township a village layer names (Myanmar)


def _load_stoplist(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        key, weight = fold_name(row["word"]), float(row["weight"])
        out[key] = weight
        # a lookup may end on the loose key ("Tel" -> "tall"): a common word stays common there too
        loose = loose_key(key)
        out[loose] = min(out.get(loose, weight), weight)
    return out


class Gazetteer:
    """Place records and the name index over them; safe to share across threads.

    Read-only but for a bounded cache of the candidates bare lookups built (see `cache_clear`).
    """

    def __init__(self, payload: dict, *, stoplist: dict[str, float] | None = None):
        """Index a loaded gazetteer file's payload; its record columns are moved out of the dict, not copied."""
        if payload.get("version") != FORMAT_VERSION:
            raise ResourceError(
                f"gazetteer format {payload.get('version')} is not {FORMAT_VERSION}; "
                "rebuild it with `eventwire gazetteer build`"
            )
        # The per-record columns are packed into one 64-byte row per record (see _pack_records): a candidate is
        # one cache line and one unpack_from, not a dozen arrays. Strided memoryviews read single fields.
        # Packing moves the columns out of payload, so they are freed before the key index is built.
        rows = _pack_records(payload)
        self._rows = memoryview(rows.view(np.uint8))
        self._arrays = payload
        # Names stay one string: a name is sliced out when a candidate is built (saves 20 MB of objects).
        self._names_text: str = payload["names"]
        self._n = len(rows)
        self._name_lo = memoryview(rows["name_lo"])
        self._name_hi = memoryview(rows["name_hi"])
        self._lat = memoryview(rows["lat"])
        self._lon = memoryview(rows["lon"])
        self._prior = memoryview(rows["prior"])
        self._strings = payload["strings"].split("\n")
        self._countries: dict[str, str] = payload["countries"]
        # The keys stay one "\n"-joined text, found through a hash table of numpy ints (see _StringIndex).
        keys = self._keys = _StringIndex(payload.pop("keys"))
        self._key_number = keys.find  # key -> its number in the sorted keys, -1 when no key
        self._keys_text, self._key_starts, self._key_table, self._key_mask = (
            keys.text,
            keys.starts,
            keys.table,
            keys.mask,
        )
        codes = _posting_codes(payload)
        self._key_entries = memoryview(_key_entries(payload["key_offsets"], codes))
        self._key_off = memoryview(payload["key_offsets"])
        self._key_codes = memoryview(codes)
        # The skeleton index serves only loose matching: its table is built on its first use (see _skeleton_number).
        self._skeletons: _StringIndex | None = None
        self._skel_off = memoryview(payload["skeleton_offsets"])
        self._skel_keys = memoryview(payload["skeleton_keys"])
        self._skel_lock = threading.Lock()
        self._stop = stoplist if stoplist is not None else {}
        strings = self._strings
        # String-table indexes of each record's feature code and country, read through the strings list where a
        # lookup scores (tuples of 490,000 strings took 0.15 s of every load).
        self._fcode_idx = memoryview(rows["fcode"])
        self._cc_idx = memoryview(rows["cc"])
        self._str_or_none = [s or None for s in strings]
        self._country_of = [self._countries.get(s) if s else None for s in strings]  # string index -> country
        self._geonames_source = strings.index("GeoNames") if "GeoNames" in strings else -1
        # Posting code (record, bare score, kind: see _key_entries) -> the Candidate a bare lookup gives for
        # it: a record found as the same kind with the same score is the same candidate under any key, so it is
        # built once and shared (see candidates and _ranked).
        self._bare: dict[int, Candidate] = {}

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Return the gazetteer in `path`, loaded once per process.

        By default the active one (`paths.active_gazetteer`): EVENTWIRE_GAZETTEER if set, else the user's own
        (`eventwire gazetteer build` / `add`), else the bundled file.
        """
        path = Path(path) if path else active_gazetteer()
        with _CACHE_LOCK:
            cached = _CACHE.get(path)
            if cached is not None:
                return cached
            if not path.exists():
                raise ResourceError(
                    f"gazetteer file {path} is missing; run `eventwire gazetteer build` or unset {ENV_VAR}"
                )
            try:
                with open(path, "rb") as fh:
                    gzipped = fh.read(2) == b"\x1f\x8b"  # a file built with --output NAME.gz
                with (gzip.open if gzipped else open)(path, "rb") as fh:
                    payload = pickle.load(fh)
            except (OSError, EOFError, pickle.UnpicklingError) as exc:
                raise ResourceError(f"gazetteer file {path} is unreadable ({exc}); rebuild it") from exc
            stop_path = DATA_DIR / "stoplist.tsv"
            gaz = cls(payload, stoplist=_load_stoplist(stop_path) if stop_path.exists() else {})
            _CACHE[path] = gaz
            return gaz

    def __len__(self) -> int:
        return self._n

    def cache_clear(self) -> None:
        """Forget the candidates built for earlier bare lookups (they are rebuilt on demand)."""
        self._bare = {}

    def name_of(self, i: int) -> str:
        """Return the name of record i as its source spells it."""
        return self._names_text[self._name_lo[i] : self._name_hi[i]]

    # -- lookups ---------------------------------------------------------------------------------
    def is_known(self, name: str) -> bool:
        """Return True when the folded name is a key of some record and not a common word."""
        key, j = self._key_entry(name)
        return j >= 0 and self._stop.get(key, 1.0) >= 0.5

    def _key_entry(self, name: str) -> tuple[str, int]:
        """Return fold_name(name) and its key number (-1 when it is no key).

        A name whose lower case is a key is that key, unfolded: folding starts by lower-casing (after
        transliterating, which leaves ASCII as it is) and folds every key to itself (the build checks this).
        About two names in three in text take this path. A name whose folded key misses is tried in its loose
        form (`loose_key`: one spelling of Arabic toponym words, doubled vowels once).
        """
        key = name.lower()
        j = self._key_number(key)
        return (key, j) if j >= 0 else self._folded_entry(name)

    def _folded_entry(self, name: str) -> tuple[str, int]:
        """Return fold_name(name) and its key number, else its loose form's (see `_key_entry`)."""
        key = fold_name(name)
        j = self._key_number(key)
        if j < 0 and key:  # "Tal Rifaat" is filed as "tall rifat" too: tried only on a miss
            loose = loose_key(key)
            if loose != key:
                lj = self._key_number(loose)
                if lj >= 0:
                    key, j = loose, lj
        return key, j

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
        # _key_entry's first probe (_StringIndex.find), inlined: about four names in five are found by it, and a
        # call costs a twentieth of the lookup
        key = name.lower()
        text, starts, table, mask = self._keys_text, self._key_starts, self._key_table, self._key_mask
        slot = hash(key) & mask
        j = table[slot]
        while j >= 0 and text[starts[j] : starts[j + 1] - 1] != key:
            slot = (slot + 1) & mask
            j = table[slot]
        if j < 0:
            key, j = self._folded_entry(name)
        if not key:
            return []
        if j >= 0 and not feature_hint and not country and key not in self._stop:
            # The build stored each key's records in the order a bare lookup ranks them (see
            # scoring.default_order): walk them, merging duplicates, with no scoring of the rest.
            # Nine keys in ten name one record, and a limit of 1 wants only a key's first: the entry holds
            # that record's code, so nothing needs ranking and nothing more is read.
            entry = self._key_entries[j]
            if entry < _MANY:
                code = entry
            elif limit == 1:
                code = entry & _CODE_MASK
            else:
                return self._ranked(j, limit)
            c = self._bare.get(code)
            if c is None:  # _bare_candidate, inlined: a call costs a twentieth of a cold lookup
                c = self._record(code >> 16, KIND_NAME[code & 3], _SCORES[code >> 2 & 0x3FFF])
                bare = self._bare
                if len(bare) >= _BARE_CACHE_SIZE:
                    bare = self._bare = {}
                bare[code] = c
            return [c]
        hint_codes = feature_codes_for(feature_hint) if feature_hint else NO_CODES
        return self._scored(key, hint_codes, country, self._stop.get(key, 1.0), limit, fuzzy)

    def _scored(
        self,
        key: str,
        hint_codes: frozenset[str],
        country: str | None,
        stop_weight: float,
        limit: int,
        fuzzy: bool,
    ) -> list[Candidate]:
        """Return the candidates for a folded key, every match scored and sorted (the full lookup)."""
        hits = self._exact(key)
        if hits and not hint_codes:
            # "Mount Hermon", "Haifa port": the name itself says which kind of place it is.
            _, word = strip_feature_word(key)
            hint_codes = FEATURE_CLASSES[word] if word else hint_codes
        if not hits:
            stripped, word = strip_feature_word(key)
            if stripped and word:
                hint_codes = hint_codes or FEATURE_CLASSES[word]
                weight = MATCH_WEIGHT["stripped"]
                hits = [(i, "stripped", q * weight) for k in sibling_keys(key) for i, _, q in self._exact(k)]
                hits += [(i, "stripped", q * weight) for i, _, q in self._exact(stripped)]
                key = stripped
        floor = 1
        if not hits:
            # "Marjayoun district", "Kibbutz Be'eri": a unit word around a known name. Exact matches only: the
            # bare name is the anchor (a district is coded at its seat, "part of a district": precision 2).
            core, floor = strip_unit_word(key)
            hits = (
                [(i, "stripped", q * MATCH_WEIGHT["stripped"]) for i, _, q in self._exact(core)]
                if core
                else []
            )
            key = core if hits else key
        if not hits and stop_weight >= 0.5:  # a common word never matches loosely
            hits = self._skeleton(key)
            if not hits and fuzzy:
                hits = self._fuzzy(key)
        if not hits:
            return []
        prior_of, fcode_idx, cc_idx, strings = self._prior, self._fcode_idx, self._cc_idx, self._strings
        wanted_cc = country.upper() if country else None
        scored = []
        for i, kind, quality in hits:
            prior = prior_of[i]
            score = quality * (0.7 + 0.3 * prior) * stop_weight
            if hint_codes:
                score *= 1.15 if strings[fcode_idx[i]] in hint_codes else 0.75
            elif kind == "stripped" and strings[fcode_idx[i]] in FEATURE_CODES:
                score *= 0.9
            if wanted_cc:
                score *= 1.1 if strings[cc_idx[i]] == wanted_cc else 0.8
            scored.append((-min(score, 1.0), -prior, i, kind))
        if len(scored) > 1:
            scored.sort(key=_rank_key)
        lat_of, lon_of = self._lat, self._lon
        out: list[Candidate] = []
        kept: list[tuple[float, float, int]] = []
        for neg_score, _prior, i, kind in scored:
            lat, lon = lat_of[i], lon_of[i]
            if kept and any(self._same_place(k, lat, lon, i) for k in kept):
                continue
            out.append(self._candidate(i, kind, -neg_score, floor))
            if len(out) >= limit:
                break
            kept.append((lat, lon, i))
        return out

    def _ranked(self, j: int, limit: int) -> list[Candidate]:
        """Return key j's candidates in stored rank order (a bare lookup), duplicates of better ones dropped."""
        lo, hi = self._key_off[j], self._key_off[j + 1]
        bare = self._bare
        lat_of, lon_of = self._lat, self._lon
        out: list[Candidate] = []
        kept: list[tuple[float, float, int]] = []
        for code in self._key_codes[lo:hi]:
            i = code >> 16
            c = bare.get(code)
            lat, lon = (c.lat, c.lon) if c is not None else (lat_of[i], lon_of[i])
            # Most namesakes are far apart: the latitude test rejects them before _same_place is called. A plain
            # loop, not any() over a generator: a key with 25 namesakes makes 300 of these tests.
            for k in kept:
                if -0.1 <= k[0] - lat <= 0.1 and self._same_place(k, lat, lon, i):
                    break
            else:
                out.append(c if c is not None else self._bare_candidate(code))
                if len(out) >= limit:
                    break
                kept.append((lat, lon, i))
        return out

    def _bare_candidate(self, code: int) -> Candidate:
        """Build, remember and return the Candidate a bare lookup gives for a posting code."""
        c = self._record(code >> 16, KIND_NAME[code & 3], _SCORES[code >> 2 & 0x3FFF])
        if len(self._bare) >= _BARE_CACHE_SIZE:  # a long run over many texts: start again, bounded memory
            self._bare = {}
        self._bare[code] = c
        return c

    def _same_place(self, kept: tuple[float, float, int], lat: float, lon: float, i: int) -> bool:
        """Return True when record i duplicates a ranked one (another source, same place).

        Two records that both match the query and lie within 3 km are one place for geocoding, and
        within 10 km when they carry the same name.
        """
        klat, klon, k = kept
        if abs(klat - lat) > 0.1:  # more than 11 km apart along the meridian alone
            return False
        d = distance_km(klat, klon, lat, lon)
        return d < 3.0 or (d < 10.0 and fold_name(self.name_of(k)) == fold_name(self.name_of(i)))

    def _exact(self, key: str) -> list[tuple[int, str, float]]:
        j = self._key_number(key)
        if j < 0:
            return []
        entry = self._key_entries[j]
        if entry < _MANY:
            k = entry & 3
            return [(entry >> 16, KIND_NAME[k], KIND_WEIGHT[k])]
        lo, hi = self._key_off[j], self._key_off[j + 1]
        return [
            (code >> 16, KIND_NAME[code & 3], KIND_WEIGHT[code & 3])
            for code in self._key_codes[lo:hi].tolist()
        ]

    def _skeleton_number(self, skel: str) -> int:
        """Return the number of a consonant skeleton in the sorted skeletons, -1 when no key has it."""
        if self._skeletons is None:  # built on the first loose lookup: most processes never make one
            with self._skel_lock:
                if self._skeletons is None:
                    self._skeletons = _StringIndex(self._arrays["skeletons"])
        return self._skeletons.find(skel)

    def _skeleton(self, key: str) -> list[tuple[int, str, float]]:
        skel = skeleton_key(key)
        if not skel:
            return []
        j = self._skeleton_number(skel)
        if j < 0:
            return []
        lo, hi = self._skel_off[j], self._skel_off[j + 1]
        out = []
        for kj in self._skel_keys[lo:hi].tolist():
            other = self._keys.string(kj)
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

    def _nearest_keys(
        self, key: str, *, limit: int, score_cutoff: float | None = None
    ) -> list[tuple[str, float, int]]:
        """Return (key, ratio, key number) of the keys nearest in spelling to `key`, best first, as
        `rapidfuzz.process.extract` over all keys gives them (ties by key number).

        The keys are split out and compared a slice at a time: one pass over a sequence of all 782,000 keys
        took 48 MB more while it ran, a slice of 65,536 takes 4 MB.
        """
        found: list[tuple[str, float, int]] = []
        for lo, keys in self._keys.slices():
            extracted = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=score_cutoff, limit=limit)
            found.extend((other, ratio, lo + j) for other, ratio, j in extracted)
        found.sort(key=_nearest_rank)
        return found[:limit]

    def closest(self, name: str, *, limit: int = 5) -> list[Candidate]:
        """Return the records whose names are nearest in spelling to `name`, for a "not found" message.

        These are suggestions, not matches: match is "closest" and score (spelling similarity / 2) stays
        below 0.5, under what resolve_place accepts. About 0.1 s a name (edit distance over every key).
        """
        key = fold_name(name)
        if not key:
            return []
        found = self._nearest_keys(key, limit=limit * 3)
        out: list[Candidate] = []
        kept: list[tuple[float, float, int]] = []
        for _other, ratio, j in found:
            i = self._key_codes[self._key_off[j]] >> 16  # the key's best record (postings are in rank order)
            lat, lon = self._lat[i], self._lon[i]
            if any(self._same_place(k, lat, lon, i) for k in kept):
                continue
            out.append(self._candidate(i, "closest", min(ratio / 200.0, 0.499)))
            kept.append((lat, lon, i))
            if len(out) >= limit:
                break
        return out

    def _fuzzy(self, key: str) -> list[tuple[int, str, float]]:
        if len(key) < 6:
            return []
        found = self._nearest_keys(key, limit=5, score_cutoff=88)
        out = []
        for other, ratio, _j in found:
            if other[0] != key[0] or abs(len(other) - len(key)) > 2:
                continue
            out.extend((i, "fuzzy", 0.75 * ratio / 100.0) for i, _, _ in self._exact(other))
        return out

    def _candidate(self, i: int, kind: str, score: float, precision_floor: int = 1) -> Candidate:
        return self._record(i, kind, round4(score), precision_floor)

    def _record(self, i: int, kind: str, score: float, precision_floor: int = 1) -> Candidate:
        """Return record i as a Candidate matched as `kind` with `score` (already rounded to 4 places)."""
        lat, lon, pop, admin3, gid, lo, hi, cc, admin1, admin2, fcode, source, precision = (
            _CANDIDATE_FIELDS.unpack_from(self._rows, i << 6)
        )
        strings, or_none = self._strings, self._str_or_none
        # Field by field on a bare instance: calling the generated __init__ with 15 arguments costs twice as much
        # (0.35 us against 0.17 us, a tenth of a cold lookup). Every field is set here, as __init__ would: a field
        # added to Candidate must be set here too (tests/geo/test_lookup_reference.py fails on an unset one).
        c = _new_candidate(Candidate)
        c.name = self._names_text[lo:hi]
        c.lat = lat
        c.lon = lon
        c.country_code = or_none[cc]
        c.country = self._country_of[cc]
        c.admin1 = or_none[admin1]
        c.admin2 = or_none[admin2]
        c.feature_code = strings[fcode]
        c.population = pop
        c.geonames_id = gid or None
        c.source = f"GeoNames {gid}" if source == self._geonames_source and gid else strings[source]
        c.geo_precision = precision if precision > precision_floor else precision_floor
        c.match = kind
        c.score = score
        c.admin3 = or_none[admin3]
        return c


# One record per 64-byte row: lat, lon, population, admin3 and geonames id, name start and end in the names text,
# string-table indexes of country code, admin1, admin2, feature code and source, prior, precision.
_CANDIDATE_FIELDS = struct.Struct("<ddIIIIIIIIII4xB3x")  # a row but its prior, which a candidate lacks
_ROW_FIELDS = ("lat", "lon", "population", "admin3", "geonames_id", "name_lo", "name_hi", "cc", "admin1", "admin2",
               "fcode", "source", "prior", "precision")  # fmt: skip
_ROW_DTYPE = np.dtype(
    {
        "names": list(_ROW_FIELDS),
        "formats": ["<f8", "<f8"] + ["<u4"] * 10 + ["<f4", "u1"],
        "offsets": [0, 8, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60],
        "itemsize": 64,
    }
)  # fmt: skip


_new_candidate = object.__new__


def _posting_codes(payload: dict) -> np.ndarray:
    """Return each posting as one code: record id (int32) << 16 | bare score in ten-thousandths << 2 | kind.

    The payload's id, kind and score columns are moved out of it: memory holds the postings once.
    """
    ids, kinds, scores = payload.pop("key_ids"), payload.pop("key_kinds"), payload.pop("key_scores")
    return ids.astype(np.int64) << 16 | scores.astype(np.int64) << 2 | kinds.astype(np.int64)


def _key_entries(off: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Return each key's entry in the name index: what a lookup reads before it builds a candidate.

    An entry is the posting code of the key's first (best) record. A key naming one record (nine in ten) has
    nothing more; a key naming several adds the flag _MANY, and its other postings are read by key number. So a
    lookup that wants one candidate reads the entry alone, not offsets and postings spread over memory.
    """
    lo = off[:-1]
    entries = codes[lo] if len(lo) else np.zeros(0, dtype=np.int64)
    entries[off[1:] - lo > 1] |= _MANY
    return entries


# A posting code fits in 48 bits (see _posting_codes); an entry at or above _MANY belongs to a key naming several
# records.
_CODE_BITS = 48
_CODE_MASK = (1 << _CODE_BITS) - 1
_MANY = 1 << _CODE_BITS
# A posting's bare score in ten-thousandths (14 bits) -> the score: one float each, not a new one a candidate
_SCORES = tuple(n / 10000.0 for n in range(0x4000))
# Keys split out at a time to index them or to match them by edit distance (see _StringIndex)
_KEY_SLICE = 65_536
_SLICE_CHARS = _KEY_SLICE * 12  # the keys' mean length is 11 letters


class _StringIndex:
    """Strings held as one "\n"-joined ASCII text, found by an open-addressing hash table of numpy ints.

    A dict of the gazetteer's 782,000 keys held 100 MB (a str object, a dict slot and an int object a key); this
    holds 20 MB: the text, each string's start (int32) and a table of string numbers (int32, -1 where free), a
    power of two at least twice the strings so that most probes end at their first slot. String j sits at the
    first slot from hash(string) & mask onward, wrapping, that was free when it was placed (linear probing).
    Python's str hash differs between processes, so the table is built at load (about 0.1 s for the keys): the
    strings are split out and hashed a slice at a time, then placed in rounds over numpy arrays.
    """

    __slots__ = ("text", "starts", "table", "mask")

    def __init__(self, text: str):
        if not text.isascii() or len(text) >= 2**31 - 1:
            raise ResourceError(
                "gazetteer keys are not folded ASCII names; rebuild it with `eventwire gazetteer build`"
            )
        n = text.count("\n") + 1 if text else 0
        size = 1 << max(3, (2 * n - 1).bit_length())
        self.text = text
        self.mask = mask = size - 1
        starts = np.empty(n + 1, dtype=np.int32)
        starts[n] = len(text) + 1
        table = np.full(size, -1, dtype=np.int32)
        # Slices of about _KEY_SLICE strings at a time: no temporary array over all strings (glibc keeps such
        # temporaries' pages after load: 37 MB of them when the index was built in one pass).
        for lo, pos, part in self._parts():
            k = len(part)
            lengths = np.fromiter(map(len, part), dtype=np.int32, count=k)
            starts[lo] = pos
            np.cumsum(lengths[:-1] + 1, out=starts[lo + 1 : lo + k])
            starts[lo + 1 : lo + k] += pos
            numbers = np.arange(lo, lo + k, dtype=np.int32)
            slots = np.fromiter(map(hash, part), dtype=np.int64, count=k) & mask
            while len(numbers):
                free = table[slots] < 0
                # of the strings wanting one free slot, one wins (the one read back); the others move on
                table[slots[free]] = numbers[free]
                placed = np.zeros(len(numbers), dtype=bool)
                placed[free] = table[slots[free]] == numbers[free]
                numbers, slots = numbers[~placed], (slots[~placed] + 1) & mask
        self.starts = memoryview(starts)
        self.table = memoryview(table)

    def _parts(self) -> Iterator[tuple[int, int, list[str]]]:
        """Yield (number of the first, its start, strings) for consecutive runs of about _KEY_SLICE strings."""
        text, lo, pos = self.text, 0, 0
        while pos <= len(text) and text:
            end = text.find("\n", pos + _SLICE_CHARS)
            end = len(text) if end < 0 else end
            part = text[pos:end].split("\n")
            yield lo, pos, part
            lo, pos = lo + len(part), end + 1

    def __len__(self) -> int:
        return len(self.starts) - 1

    def find(self, s: str) -> int:
        """Return the number of string `s`, -1 when it is none of the strings."""
        text, starts, table, mask = self.text, self.starts, self.table, self.mask
        slot = hash(s) & mask
        j = table[slot]
        while j >= 0 and text[starts[j] : starts[j + 1] - 1] != s:
            slot = (slot + 1) & mask
            j = table[slot]
        return j

    def string(self, j: int) -> str:
        """Return string number j."""
        return self.text[self.starts[j] : self.starts[j + 1] - 1]

    def slices(self) -> Iterator[tuple[int, list[str]]]:
        """Yield (number of the first, strings) for consecutive runs of about _KEY_SLICE strings."""
        for lo, _, part in self._parts():
            yield lo, part


def _nearest_rank(found: tuple[str, float, int]) -> tuple[float, int]:
    return -found[1], found[2]


def _pack_records(payload: dict) -> np.ndarray:
    """Return the payload's record columns as one array of 64-byte rows, each row on one cache line.

    The columns are removed from payload (it is the loader's own dict): memory holds them once, not twice.
    """
    n = len(payload["lat"])
    off = payload.pop("name_offsets")
    columns = {f: payload.pop(f) for f in _ROW_FIELDS if f in payload}
    columns["name_lo"], columns["name_hi"] = off[:-1], off[1:] - 1  # the names text ends each name with "\n"
    for field in ("population", "admin3", "geonames_id", "name_lo", "name_hi", "cc", "admin1", "admin2", "fcode",
                  "source"):  # fmt: skip
        if n and (columns[field].min() < 0 or columns[field].max() >= 2**32):
            raise ResourceError(
                f"gazetteer column {field} is out of range; rebuild it with `eventwire gazetteer build`"
            )
    # Rows start on a 64-byte boundary: allocate one row more and start at the first aligned byte.
    raw = np.zeros((n + 1) * 64, dtype=np.uint8)
    start = -raw.ctypes.data % 64
    rows = raw[start : start + n * 64].view(_ROW_DTYPE)
    for field in list(columns):
        rows[field] = columns.pop(field)
    return rows


def _rank_key(t: tuple[float, float, int, str]) -> tuple[float, float, int]:
    return t[0], t[1], t[2]
