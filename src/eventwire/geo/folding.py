"""Name folding: the keys under which the gazetteer files and finds place names.

Three levels, from strict to loose:
- ``fold_name``: transliterated ASCII, lower case, punctuation and Arabic articles dropped
  ("Al-Khiam" == "El Khiam" == "Khiam"; "Zar'it" == "Zarit"; "St. Petersburg" == "Saint Petersburg").
- ``skeleton_key``: the consonant skeleton of a folded name, so vowel spellings meet
  ("Aitaroun" / "Aytarun", "Bint Jbeil" / "Bint Jubayl", "Kiryat Shmona" / "Qiryat Shemona").
- fuzzy matching (rapidfuzz) over folded keys, done by the gazetteer as a last resort.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import filterfalse

from unidecode import unidecode

# Arabic definite-article forms as English-language reporting writes them ("al-", "el-", "ash-", "ech-").
# They are optional in a name: "Ayta ash-Shab", "Aita ech Chaab" and "Ayta Shaab" are one village.
ARABIC_ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "ad",
        "ed",
        "ud",
        "adh",
        "ath",
        "at",
        "et",
        "ut",
        "az",
        "ez",
        "uz",
        "an",
        "en",
        "un",
        "ar",
        "er",
        "ur",
        "as",
        "es",
        "us",
        "ash",
        "esh",
        "ech",
        "ush",
        "ach",
        "aj",
        "ij",
        "ad-d",
    ]
)

# Arabic (and Hebrew) toponym words that English-language reporting spells several ways, to one spelling:
# "Tal Rifaat" / "Tall Rif'at" / "Tell Rifaat", "Kfar Kila" / "Kafr Kila", "Deir" / "Dayr", "Ain" / "Ayn" / "Ein".
TOPONYM_WORDS = {
    "tal": "tall", "tel": "tall", "tell": "tall",
    "kfar": "kafr", "kefar": "kafr", "kfr": "kafr",
    "deir": "dayr", "dair": "dayr",
    "ain": "ayn", "ein": "ayn",
    "beit": "bayt", "bait": "bayt", "beth": "bayt", "bet": "bayt",
    "khirbet": "khirbat", "kherbet": "khirbat", "khirbit": "khirbat",
    "sheikh": "shaykh", "shaikh": "shaykh", "sheik": "shaykh",
    "jebel": "jabal", "jbel": "jabal", "djebel": "jabal", "jabel": "jabal",
    "ouadi": "wadi", "wady": "wadi",
    "oum": "umm", "um": "umm",
    "abou": "abu",
}  # fmt: skip
_DOUBLE_VOWEL = re.compile(r"([aeiou])\1+")
_HAS_DOUBLE_VOWEL = re.compile(r"aa|ee|ii|oo|uu").search

# Words that name a kind of place, normalised so "airbase", "air-base" and "Air Base" meet.
_FEATURE_SPELLINGS = (
    (re.compile(r"\bair ?bases?\b"), "air base"),
    (re.compile(r"\bnaval ?bases?\b"), "naval base"),
    (re.compile(r"\bair ?fields?\b"), "airfield"),
    (re.compile(r"\bair ?ports?\b"), "airport"),
    (re.compile(r"\brefugee camp\b"), "camp"),
)
_SAINT = re.compile(r"\b(?:saint|st)\b")
_SAINTE = re.compile(r"\b(?:sainte|ste)\b")
_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4]")
_COMBINING_MARKS = re.compile("[\u0300-\u036f]+")


# Words the rewrite rules below act on (feature spellings, "St.", a leading "the"); a name without any of
# them folds by transliterating, lower-casing and splitting alone.
_FEATURE_SPELLING_WORDS = frozenset(
    ["air", "airbase", "airbases", "airfield", "airfields", "airport", "airports", "naval", "navalbase",
     "navalbases", "refugee"]
)  # fmt: skip
_REWRITE_WORDS = _FEATURE_SPELLING_WORDS | {"the", "saint", "st", "sainte", "ste"}


def _latin_plain_table() -> dict[int, str | None]:
    """Return a str.translate table: Latin letters with diacritics -> ASCII letters, apostrophes -> nothing.

    Only letters that NFKC leaves alone and whose NFD is ASCII plus combining marks ("Ḩ" -> "H", "ū" -> "u"),
    so translating gives what NFKC, apostrophe removal and mark stripping give (checked on every name of the
    bundled gazetteer), at a third of the cost. "Ł", "ø", "ß" and other scripts are left for unidecode.
    """
    table: dict[int, str | None] = {}
    for cp in (*range(0xA0, 0x2B0), *range(0x1E00, 0x1F00)):
        ch = chr(cp)
        if unicodedata.normalize("NFKC", ch) != ch:
            continue
        plain = _COMBINING_MARKS.sub("", unicodedata.normalize("NFD", ch))
        if plain and plain != ch and plain.isascii():
            table[cp] = plain
    for ch in "'`\u2018\u2019\u02bb\u02bc\u02be\u02bf":  # not U+00B4: NFKC makes it a space and a mark
        table[ord(ch)] = None
    # ASCII maps to itself: a character the table lacks costs str.translate a KeyError raised and cleared
    # (a name with diacritics took 1.2 us to translate, 0.35 us with these entries)
    for cp in range(128):
        table.setdefault(cp, chr(cp))
    return table


_LATIN_PLAIN = _latin_plain_table()
# ASCII text -> its words: apostrophes dropped, every character but a-z and 0-9 a space (str.translate of ASCII
# text is one table lookup a character; the regex [^a-z0-9]+ it replaces was five times as slow)
_ASCII_WORDS: dict[int, str | None] = {
    cp: chr(cp) if chr(cp) in "abcdefghijklmnopqrstuvwxyz0123456789" else " " for cp in range(128)
}
_ASCII_WORDS[ord("'")] = _ASCII_WORDS[ord("`")] = None


def _transliterate(name: str) -> str:
    """Return a non-ASCII name in ASCII letters: NFKC, apostrophes dropped, marks stripped or unidecode."""
    # Apostrophes go before transliterating too: unidecode turns some letters (ʿayn) into them.
    name = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", name))
    # Latin letters with diacritics ("Ḩudaydah", "Tūlkarm") are ASCII letters plus combining marks: drop
    # the marks (what unidecode gives them, at a tenth of its cost); unidecode the rest.
    plain = _COMBINING_MARKS.sub("", unicodedata.normalize("NFD", name))
    return plain if plain.isascii() else unidecode(name)


@lru_cache(maxsize=65_536)
def fold_name(name: str) -> str:
    """Return the folded key of a place name: ASCII, lower case, no punctuation, no Arabic article.

    An article is dropped only where the name has other words ("As" stays "as").
    """
    # NFKC and unidecode leave ASCII as it is: most names in English text skip both.
    if not name.isascii():
        plain = name.translate(_LATIN_PLAIN)
        name = plain if plain.isascii() else _transliterate(name)
    low = name.lower()
    if low.isalpha():  # one plain word ("Kharkiv"): nothing to split, drop or rewrite
        if low not in _REWRITE_WORDS:
            return low
        words = [low]
    elif low.replace(" ", "").isalpha():  # plain words ("Bint Jbeil"): no punctuation to replace
        words = low.split()
    else:
        words = low.translate(_ASCII_WORDS).split()  # low is ASCII: transliterated above
    if not _REWRITE_WORDS.isdisjoint(words):
        text = " ".join(words)
        if text.startswith("the "):
            text = text[4:]
        # each rule only where one of its words is ("St. Catharines" ran seven regexes, six for nothing)
        if not _FEATURE_SPELLING_WORDS.isdisjoint(words):
            for pattern, replacement in _FEATURE_SPELLINGS:
                text = pattern.sub(replacement, text)
        if "st" in words or "saint" in words:
            text = _SAINT.sub("st", text)
        if "ste" in words or "sainte" in words:
            text = _SAINTE.sub("ste", text)
        words = text.split()
    if ARABIC_ARTICLES.isdisjoint(words):  # most names: no list to build
        return " ".join(words)
    kept = list(filterfalse(ARABIC_ARTICLES.__contains__, words))
    return " ".join(kept or words)


@lru_cache(maxsize=65_536)
def loose_key(key: str) -> str:
    """Return a folded key with its Arabic toponym words in one spelling and doubled vowels written once.

    "tal rifaat" and "tall rifat" (Tall Rif'at) both give "tall rifat"; "kfar kila" gives "kafr kila". The
    gazetteer indexes every key's loose form too and tries it only when a name's own key misses, so exact
    hits pay nothing for it. Articles uncovered by the vowel rule go as in fold_name ("aach el aaqab").
    """
    words = _DOUBLE_VOWEL.sub(r"\1", key).split() if _HAS_DOUBLE_VOWEL(key) else key.split()
    kept = [TOPONYM_WORDS.get(w, w) for w in words if w not in ARABIC_ARTICLES]
    return " ".join(kept or words)


# Digraphs and letters that transliterations spell differently for one sound.
_SKELETON_REWRITES = (
    ("tch", "sh"),
    ("sch", "sh"),
    ("ch", "sh"),
    ("tz", "z"),
    ("ts", "z"),
    ("kh", "k"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("q", "k"),
    ("c", "k"),
    ("j", "j"),
    ("x", "ks"),
    ("v", "f"),
    ("w", ""),
    ("y", ""),
    ("h", ""),
)
_VOWELS = re.compile(r"[aeiou]")
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=65_536)
def skeleton_key(folded: str) -> str:
    """Return the consonant skeleton of a folded name ("aytarun" -> "trn").

    The skeleton ignores vowels, y/w/h and doubled letters, and maps q->k, ch->sh, kh->k so
    French, English and scholarly transliterations of one Arabic or Hebrew name meet.
    """
    text = folded.replace(" ", "")
    if not text.isascii():
        return ""
    # "sh" must survive dropping "h": mark it first.
    for old, new in _SKELETON_REWRITES[:10]:
        text = text.replace(old, new)
    text = text.replace("sh", "S")
    for old, new in _SKELETON_REWRITES[10:]:
        text = text.replace(old, new)
    text = _VOWELS.sub("", text)
    text = _REPEATS.sub(r"\1", text)
    text = re.sub(r"\d", "", text)
    return text if len(text) >= 2 else ""
