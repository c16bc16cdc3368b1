"""How well a gazetteer record fits a name: feature words, match weights and the default ranking.

Shared by the build (which stores each key's records in default rank order) and the lookup (which ranks
again only when a country or a feature hint changes the order).
"""

from __future__ import annotations

from collections.abc import Sequence

from eventwire.geo.folding import fold_name
from eventwire.resources import read_data_tsv

# Feature words in text -> the GeoNames feature codes they name (data/gazetteer/feature_words.tsv). Used for hints
# and for stripping the word from a name ("Hatzor Airbase" -> "Hatzor" with hint air base).
FEATURE_CLASSES: dict[str, frozenset[str]] = {
    row["word"]: frozenset(row["codes"].split(",")) for row in read_data_tsv("gazetteer/feature_words.tsv")
}
FEATURE_CODES = frozenset().union(*FEATURE_CLASSES.values())
PREFIX_WORDS = ("mount", "mountain", "jabal", "jebel", "port of")
MATCH_WEIGHT = {"exact": 1.0, "variant": 0.92, "stripped": 0.9}
# Posting kind -> match name and weight: 0 = the record's own name, 1 = another spelling of it, 2 = an alias
# (exonym, former name, or a stray GeoNames alternate name: "Sloviansk" is among Nikopol's names).
KIND_NAME = ("exact", "variant", "variant")
KIND_WEIGHT = (MATCH_WEIGHT["exact"], MATCH_WEIGHT["variant"], 0.88)
NO_CODES: frozenset[str] = frozenset()

_FEATURE_WORDS_LONGEST_FIRST = tuple(sorted(FEATURE_CLASSES, key=len, reverse=True))
_LAST_FEATURE_WORDS = frozenset(w.rsplit(" ", 1)[-1] for w in FEATURE_CLASSES)
_FIRST_PREFIX_WORDS = frozenset(w.split(" ", 1)[0] for w in PREFIX_WORDS)


def feature_codes_for(hint: str | None) -> frozenset[str]:
    """Return the feature codes a hint names: a feature word ("air base") or a code ("AIRB")."""
    if not hint:
        return NO_CODES
    key = fold_name(hint)
    if key in FEATURE_CLASSES:
        return FEATURE_CLASSES[key]
    return frozenset(c.strip().upper() for c in hint.split(",") if c.strip())


def strip_feature_word(key: str) -> tuple[str, str | None]:
    """Split "hatzor air base" into ("hatzor", "air base"); ("", None) when no feature word."""
    space = key.find(" ")
    if space < 0:
        return "", None
    if key[key.rfind(" ") + 1 :] in _LAST_FEATURE_WORDS:
        for word in _FEATURE_WORDS_LONGEST_FIRST:
            if key.endswith(" " + word) and len(key) > len(word) + 2:
                return key[: -len(word) - 1].strip(), word
    if key[:space] in _FIRST_PREFIX_WORDS:
        for word in PREFIX_WORDS:
            if key.startswith(word + " ") and len(key) > len(word) + 2:
                base = "port" if word == "port of" else word
                return key[len(word) + 1 :].strip(), base
    return "", None


# Words for one military site ("the Ramim barracks", "the Ramim position", "Ramim base") and for one mountain
# ("Mount Jarmaq", "Jabal Jarmaq"): reporting uses them interchangeably.
_SITE_WORDS = ("base", "barracks", "outpost", "post", "position", "site")
_MOUNT_WORDS = ("mount", "mountain", "jabal", "jebel", "mt", "har")


def sibling_keys(key: str) -> list[str]:
    """Return the other keys a folded name with a site or mountain word may be filed under.

    "mount hermon position" -> "mount hermon base", "hermon outpost", ...; "mount jarmaq" -> "jabal jarmaq".
    """
    core, word = strip_feature_word(key)
    if not core or not word:
        return []
    out: list[str] = []
    if word in _SITE_WORDS:
        first, _, rest = core.partition(" ")
        cores = [core, rest] if first in _MOUNT_WORDS and rest else [core]
        out = [f"{c} {w}" for c in cores for w in _SITE_WORDS]
    elif word in _MOUNT_WORDS:
        out = [f"{w} {core}" for w in _MOUNT_WORDS] + [f"{core} mountain"]
    return [k for k in out if k != key]


# Words that put a name in a unit: "X district" is coded at X ("part of a district"); "Kibbutz X" is X.
_UNIT_SUFFIXES = ("district", "governorate", "province", "region", "oblast", "county", "municipality", "area")
_UNIT_PREFIXES = ("kibbutz", "moshav", "village of", "town of", "city of")


def strip_unit_word(key: str) -> tuple[str, int]:
    """Split a unit word off a folded name: ("marjayoun", 2) for "marjayoun district", ("beeri", 1) for
    "kibbutz beeri"; ("", 1) when there is none. The number is the least geo_precision the bare name gets.
    """
    for word in _UNIT_SUFFIXES:
        if key.endswith(" " + word) and len(key) > len(word) + 2:
            return key[: -len(word) - 1], 2
    for word in _UNIT_PREFIXES:
        if key.startswith(word + " ") and len(key) > len(word) + 2:
            return key[len(word) + 1 :], 1
    return "", 1


def own_feature_codes(key: str) -> frozenset[str]:
    """Return the feature codes a folded name states itself ("mount hermon" -> mountain codes)."""
    word = strip_feature_word(key)[1]
    return FEATURE_CLASSES[word] if word else NO_CODES


def bare_score(kind: int, prior: float, hint: frozenset[str], fcode: str) -> float:
    """Return how well a record fits a bare mention of a key (no country, no hint but the key's own word).

    kind: the posting kind (KIND_NAME); prior: the record's importance; hint: `own_feature_codes(key)`.
    """
    score = KIND_WEIGHT[kind] * (0.7 + 0.3 * prior)
    if hint:
        score *= 1.15 if fcode in hint else 0.75
    return min(score, 1.0)


def default_order(
    key: str, postings: Sequence[tuple[int, int]], prior: Sequence[float], fcode: Sequence[str]
):
    """Return a key's (record id, kind) postings in the order a bare lookup of the key ranks them.

    The order `Gazetteer.candidates` gives without country, feature hint or common-word weight: match
    weight times importance, the name's own feature word, then importance, then record id.
    """
    hint = own_feature_codes(key)

    def rank(posting: tuple[int, int]) -> tuple[float, float, int]:
        i, kind = posting
        return -bare_score(kind, prior[i], hint, fcode[i]), -prior[i], i

    return sorted(postings, key=rank)


def round4(x: float) -> float:
    """Return round(x, 4) for 0 <= x <= 1 at a third of its cost.

    n / 10000 is the float nearest to the decimal round() returns, whenever n is that decimal's numerator:
    it is unless x * 10000 lies within 1e-6 of a half, where round() decides (it breaks exact ties to even).
    """
    s = x * 10000.0
    n = int(s + 0.5)
    return n / 10000.0 if abs(s - n + 0.5) > 1e-6 else round(x, 4)


def score_units(x: float) -> int:
    """Return round(x, 4) in ten-thousandths, as an int: `n / 10000.0` gives back exactly `round4(x)`."""
    return round(round4(x) * 10000.0)
