"""The gazetteer's key index (`_StringIndex`) finds what a dict over the keys finds, and nearest-spelling
search over it ranks keys as one `rapidfuzz.process.extract` over all of them does.

The lookups that read the index (exact, variant, stripped, unit, skeleton, fuzzy, closest) rely on a key's
number being its place in the sorted keys, as the postings and the skeleton lists store it.
"""

from __future__ import annotations

import random
import string

import pytest
from rapidfuzz import fuzz, process

from eventwire.errors import ResourceError
from eventwire.geo import Gazetteer
from eventwire.geo.gazetteer import _StringIndex


def _words(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    letters = string.ascii_lowercase + "0123456789 "
    words = {"".join(rng.choices(letters, k=rng.randint(1, 30))).strip() or "x" for _ in range(n)}
    return sorted(words)


@pytest.mark.parametrize("n", [1, 2, 7, 5_000])
def test_index_finds_each_string_by_its_number(n: int) -> None:
    words = _words(n, seed=n)
    index = _StringIndex("\n".join(words))
    assert len(index) == len(words)
    assert [index.find(w) for w in words] == list(range(len(words)))
    assert [index.string(j) for j in range(len(words))] == words
    assert [w for _, part in index.slices() for w in part] == words


def test_index_misses_what_it_does_not_hold() -> None:
    words = _words(5_000, seed=1)
    index = _StringIndex("\n".join(words))
    held = set(words)
    others = [w + suffix for w in words[:2_000] for suffix in ("a", " ", "9")] + [w[:-1] for w in words]
    others += ["", "z" * 40, "Beirut", "é"]
    assert [index.find(o) for o in others if o not in held] == [-1] * len(
        [o for o in others if o not in held]
    )


def test_index_refuses_keys_that_are_not_folded() -> None:
    with pytest.raises(ResourceError, match="rebuild"):
        _StringIndex("beyrouth\nbéyrouth")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def keys(gaz: Gazetteer) -> list[str]:
    return gaz._keys_text.split("\n")


def test_every_key_of_the_gazetteer_is_found_as_its_number(gaz: Gazetteer, keys: list[str]) -> None:
    assert [gaz._key_number(k) for k in keys] == list(range(len(keys)))
    # near misses: a letter more or fewer, or capitalised (the index holds folded keys only)
    probes = keys[::97]
    held = set(keys)
    for k in probes:
        for other in (k + "a", k[:-1], k.title(), " " + k):
            assert gaz._key_number(other) == (keys.index(other) if other in held else -1), other


def test_every_skeleton_is_found_as_its_number(gaz: Gazetteer) -> None:
    skeletons = gaz._arrays["skeletons"].split("\n")
    assert [gaz._skeleton_number(s) for s in skeletons] == list(range(len(skeletons)))
    assert gaz._skeleton_number("qqqqqqqqqq") == -1


@pytest.mark.parametrize(
    "name", ["aytaroun", "kiryat shmna", "marjayoun distrct", "bint jbeil", "zz", "khrkiv"]
)
def test_nearest_keys_rank_as_one_pass_over_all_keys(gaz: Gazetteer, keys: list[str], name: str) -> None:
    for limit, cutoff in ((15, None), (5, 88), (3, 60)):
        expected = process.extract(name, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
        assert gaz._nearest_keys(name, limit=limit, score_cutoff=cutoff) == expected
