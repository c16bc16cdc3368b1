"""The fast lookup paths give what a plain reading of the index format gives (docs/geo.md).

`Gazetteer.candidates` takes shortcuts for speed (an inlined first probe, a candidate built field by field, fold
tables instead of regexes). This reference reads the same index the slow, obvious way: fold with Unicode
normalisation and regexes, walk the key's postings in stored order, merge duplicates, build each candidate from
the record's row read by numpy. Every name the lookup benchmark times and every mention of tests/geo/*.tsv must
give the same candidates, equal field for field, at each limit.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from unidecode import unidecode

from eventwire.geo import Candidate, Gazetteer, fold_name
from eventwire.geo.distance import distance_km
from eventwire.geo.folding import _FEATURE_SPELLINGS, _SAINT, _SAINTE, ARABIC_ARTICLES, loose_key
from eventwire.geo.gazetteer import _ROW_DTYPE
from eventwire.geo.scoring import KIND_NAME

HERE = Path(__file__).resolve().parent
BENCH = HERE.parents[1] / "bench" / "geocode.py"
_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4]")
_MARKS = re.compile("[\u0300-\u036f]+")


def reference_fold(name: str) -> str:
    """fold_name as docs/geo.md states it: ASCII, lower case, words of a-z0-9, rewrites, articles dropped."""
    if not name.isascii():
        name = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", name))
        plain = _MARKS.sub("", unicodedata.normalize("NFD", name))
        name = plain if plain.isascii() else unidecode(name)
    text = " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower().replace("'", "").replace("`", "")).split())
    if text.startswith("the "):
        text = text[4:]
    for pattern, replacement in _FEATURE_SPELLINGS:
        text = pattern.sub(replacement, text)
    words = _SAINTE.sub("ste", _SAINT.sub("st", text)).split()
    kept = [w for w in words if w not in ARABIC_ARTICLES]
    return " ".join(kept or words)


class Reference:
    """Bare lookups (no country, no hint) read from the gazetteer's index without any of its shortcuts."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.rows = np.frombuffer(gaz._rows, dtype=_ROW_DTYPE)
        self.strings = gaz._strings
        # the index read the plain way: key -> its number in the sorted keys -> its postings
        self.keys = gaz._keys_text.split("\n")
        self.number = {k: j for j, k in enumerate(self.keys)}

    def key(self, name: str) -> str | None:
        """Return the index key a name is looked up under, None when it is no key."""
        index = self.number
        if name.lower() in index:
            return name.lower()
        key = reference_fold(name)
        if key in index:
            return key
        loose = loose_key(key) if key else key
        return loose if loose and loose in index else None

    def candidate(self, code: int, floor: int = 1) -> Candidate:
        (lat, lon, pop, admin3, gid, lo, hi, cc, admin1, admin2, fcode, source, _prior, precision) = (
            self.rows[code >> 16].item()
        )
        s = self.strings
        return Candidate(
            name=self.gaz._names_text[lo:hi],
            lat=lat,
            lon=lon,
            country_code=s[cc] or None,
            country=self.gaz._countries.get(s[cc]) if s[cc] else None,
            admin1=s[admin1] or None,
            admin2=s[admin2] or None,
            feature_code=s[fcode],
            population=pop,
            geonames_id=gid or None,
            source=f"GeoNames {gid}" if s[source] == "GeoNames" and gid else s[source],
            geo_precision=max(precision, floor),
            match=KIND_NAME[code & 3],
            score=(code >> 2 & 0x3FFF) / 10000,
            admin3=s[admin3] or None,
        )

    def candidates(self, key: str, limit: int) -> list[Candidate]:
        """Return a key's candidates in stored order, a record within 3 km of a better one (10 km under one
        name) dropped as the same place."""
        j = self.number[key]
        codes = self.gaz._key_codes[self.gaz._key_off[j] : self.gaz._key_off[j + 1]].tolist()
        out: list[Candidate] = []
        for code in codes:
            c = self.candidate(code)
            if any(
                abs(k.lat - c.lat) <= 0.1
                and (
                    (d := distance_km(k.lat, k.lon, c.lat, c.lon)) < 3.0
                    or d < 10.0
                    and reference_fold(k.name) == reference_fold(c.name)
                )
                for k in out
            ):
                continue
            out.append(c)
            if len(out) >= limit:
                break
        return out


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _bench_names(gaz: Gazetteer) -> list[str]:
    spec = importlib.util.spec_from_file_location("bench_geocode", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.lookup_names(gaz)


def _tsv_names() -> list[str]:
    """Every mention of tests/geo/*.tsv, whole and cut at its commas and brackets ("X (Y, Z)" -> X, Y, Z)."""
    names: list[str] = []
    for path in sorted(HERE.glob("*.tsv")):
        with open(path, encoding="utf-8") as fh:
            for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
                mention = row["mention"]
                names.append(mention)
                names += [p.strip() for p in re.split(r"[(),]", mention) if p.strip()]
    return list(dict.fromkeys(names))


def test_folding_gives_the_reference_keys(gaz: Gazetteer) -> None:
    names = _bench_names(gaz) + _tsv_names()
    names += [
        "St. Catharines",
        "The Hague",
        "Hatzor Air-Base",
        "Sainte-Foy",
        "Ta´izz",
        "Łódź",
        "Guinea-Bissau",
    ]
    fold_name.cache_clear()
    assert [fold_name(n) for n in names] == [reference_fold(n) for n in names]


def test_bare_lookups_give_the_reference_candidates(gaz: Gazetteer) -> None:
    ref = Reference(gaz)
    names = _bench_names(gaz) + _tsv_names()
    stop = gaz._stop
    compared = 0
    for limit in (1, 5, 25):
        gaz.cache_clear()
        fold_name.cache_clear()
        for name in names:
            key = ref.key(name)
            assert gaz.is_known(name) == (key is not None and stop.get(key, 1.0) >= 0.5), name
            if key is None or key in stop:  # a common word is scored in full: the reference stops here
                continue
            expected = ref.candidates(key, limit)
            assert gaz.candidates(name, limit=limit) == expected, (name, limit)
            assert gaz.candidates(name, limit=limit) == expected, (name, limit)  # from the candidate cache
            compared += 1
    assert compared > 3 * 20_000


def test_every_record_builds_the_reference_candidate(gaz: Gazetteer) -> None:
    # the path every lookup ends in (scored, ranked, closest): record i as a candidate, every 3rd record
    ref = Reference(gaz)
    for n, i in enumerate(range(0, len(gaz), 3)):
        kind, floor = n % 3, 1 + n % 4  # every kind, and a precision floor under and over the record's own
        expected = ref.candidate(i << 16 | 4321 << 2 | kind, floor=floor)
        assert gaz._record(i, KIND_NAME[kind], 0.4321, floor) == expected, i
