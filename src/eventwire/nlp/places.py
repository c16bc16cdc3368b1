"""Recognise place names in text: capitalised name runs (with Arabic particles and feature words) looked up in
the gazetteer, with the relation the text puts them in ("east of", "near", "the outskirts of").

The small spaCy model tags many Lebanese and Israeli villages as PERSON, so names come from the gazetteer, not
from NER labels.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from eventwire.geo.context import admin_context, admin_key, part_of_longer_name, unit_list_names
from eventwire.geo.distance import distance_km
from eventwire.geo.folding import fold_name
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.resolve import city_part, resolve_place
from eventwire.model import Place
from eventwire.nlp.lexicons import lexicon_rows, word_pattern
from eventwire.resources import read_data_tsv

_PARTICLE = r"(?:al|el|ad|ash|as|at|az|an|ar|es|ech|ed|ez|en|et|ul|um|abu|bani|beni|bin|bint|ibn|de|del|la|le|du|des|di|da|do|dos|das|van|von|am|im|of|on|upon|sur)"
_WORD = (
    r"(?:[A-Z][\w'’‘`]*(?:-[\w'’‘`]+)*|(?:al|el|ad|ash|as|at|az|an|ar|es|ech|ed)-[A-Z][\w'’`]*(?:-[\w'’`]+)*)"
)
_FEATURE = (
    r"(?:air ?base|airbase|air field|airfield|airport|naval base|navy base|military base|army base|base|barracks|"
    r"camp|refugee camp|port|harbou?r|crossing|border crossing|settlement|kibbutz|moshav|village|town|city|district|"
    r"governorate|province|region|oblast|state|county|municipality|township|hill|hills|mountain|mount|checkpoint|"
    r"site|post|outpost|position|junction|bridge|valley|plain|farms|heights|corridor|neighbou?rhood|suburbs?|quarter)"
)
_DIRECTION = r"(?:northern|southern|eastern|western|central|north|south|east|west|north-?eastern|north-?western|south-?eastern|south-?western|upper|lower|occupied)"
_NAME_RUN = re.compile(
    rf"(?:(?P<dir>{_DIRECTION})\s+)?(?P<name>{_WORD}(?:(?:\s+{_PARTICLE}\s+|[\s-]+|\s+{_PARTICLE}-){_WORD})*)"
    rf"(?:\s+(?P<feature>{_FEATURE})\b)?"
)
# How the text may describe the place a relation points to: "east of the town of X", "near the coastal city of
# Tyre", "south of the capital Khartoum", "outside the provincial capital of X" (up to two describing words)
_ANCHOR_WORDS = (
    r"(?:[a-z-]+\s+){0,2}?(?:town|village|city|area|camp|settlement|kibbutz|capital)\s+(?:of\s+)?"
    r"|(?:border\s+)?(?:town|village|city|area|camp|settlement|kibbutz)\s+of\s+"
)
_ANCHOR = rf"(?:the\s+)?(?:{_ANCHOR_WORDS})?$"
_RELATION_BEFORE = re.compile(
    r"(?:(?P<dist>\d+(?:\.\d+)?)\s*(?:-\s*)?(?P<unit>km|kilometres|kilometers|kilometre|kilometer|miles?|metres|meters|m)"
    r"(?:\s*\([^()]{0,25}\))?\s+(?:to the\s+)?)?(?P<dir>north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of\s+"
    + _ANCHOR
    + r"|(?P<rel>near|nearby|close to|outside|off the coast of|off the shores? of|off|on the outskirts of|the outskirts of|outskirts of|in the vicinity of|"
    r"the vicinity of|vicinity of|around|the border area of|border area of|the edge of|the area of|the periphery of|"
    r"the surroundings of|the surrounding area of|the countryside of|countryside of|the environs of|between)\s+"
    + _ANCHOR,
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(
    r"\b(?:from|" + "|".join(row["pattern"] for row in lexicon_rows("destinations.tsv"))
    + r")\s+(?:the\s+)?(?:(?:town|village|city|area)\s+of\s+)?"
    # the names listed after the cue share it: "from Charleston, South Carolina", "the highways to Loreto and Puyo"
    r"(?:(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3}\s*(?:,\s*and|,|and)\s+){0,4}$",
    re.IGNORECASE,
)  # "from X" (where fire came from) and "the highways to X" (where a road leads): not where the event was
_DISTANCE_FROM = re.compile(
    r"(?:\b\d+(?:[.,]\d+)?\s*(?:-\s*)?(?:km|kms|kilomet(?:re|er)s?|miles?|metres|meters|m)|\b(?:a\s+few|several|some|"
    r"a\s+couple\s+of|few|many)\s+(?:km|kilomet(?:re|er)s|miles|metres|meters)|\bnot\s+far)\s+(?:away\s+)?from\s+"
    r"(?:the\s+)?(?:(?:town|village|city|area|centre|center)\s+of\s+)?$",
    re.IGNORECASE,
)
_IN_BEFORE = re.compile(
    r"\b(?:in|at|on|into|targeting|toward|towards|against|struck|hit|shelled|bombed|attacked|over|across|inside|stormed|raided|"
    r"ambushed|overran|invaded|captured|entered|seized|lost|retook|recaptured|"
    # "continued shelling Kharkiv": the gerund puts its object where the verb does
    r"striking|hitting|shelling|bombing|bombarding|bombarded|pounding|pounded|attacking|storming|raiding|capturing|entering)\s*:?\s+"
    r"(?:the\s+)?(?:(?:\w+\s+)?(?:town|village|city|area|camp|settlement|district|region|province|governorate|"
    r"neighbou?rhood|suburb|outskirts|port|base|kibbutz)\s+of\s+)?$"
    # "near the southern Lebanese border village of X": a settlement word before "of" puts a place there
    r"|\b(?:town|village|city|settlement|kibbutz|moshav|hamlet|camp|suburb|neighbou?rhood|municipality|area|"
    r"region|district)s?\s+of\s+$"
    # "towns including A, B and C", "municipalities of Cauca, such as A, B": a plural place noun heads the list
    r"|\b(?:towns|villages|cities|areas|localities|municipalities|communities|districts|provinces|regions|"
    r"settlements|neighbou?rhoods|hamlets|camps)\b[^.;:]{0,40}?\b(?:including|such as|like|namely|notably|among them|among which)\s+$",
    re.IGNORECASE,
)
# "The localities attacked are A, B and C", "Other villages were taken on the same day: A, B and C", "targets included
# A and B": a plural place noun (data/lexicons/en/list_heads.tsv) and a copula or a colon open the list of places
_LIST_OPENED = re.compile(
    r"\b(?:" + word_pattern("list_heads.tsv").pattern + r")\b[^.;:!?\"“”]{0,90}?"
    r"(?:\b(?:are|were|included|include|includes)\s*:?|:)\s*"
    r"(?:[^.;:!?]*?(?:,|\band|\bthen)\s+)?$",  # the list's later names: "are A, B with shell fire, C and then D"
    re.IGNORECASE,
)
_LIST_OPENER_REACH = 160  # characters before a name searched for the noun and copula that open its list
# "Batsari and Safana Local Government Areas", "A, B and C provinces", "X and Y villages": a unit or settlement
# noun after the list heads it (data/lexicons/en/admin_units.tsv, and settlement words)
_HEAD_AFTER = re.compile(
    r"\s+(?:(?:" + word_pattern("admin_units.tsv").pattern + r")|villages?|towns?|hamlets?|communit(?:y|ies)|"
    r"settlements?|camps?)\b",
    re.IGNORECASE,
)
# "Kajuru Local Government Area of Kaduna State": inside a longer name, a unit word and "of" start no name ("Area of
# Kaduna" is no place near Kaduna; "Kaduna State" is tried on its own)
_UNIT_OF = re.compile(r"(?:" + word_pattern("admin_units.tsv").pattern + r"|\barea\b)\s+of\s", re.IGNORECASE)
_SKIP_WORDS = {row["word"] for row in lexicon_rows("not_places.tsv", kind="function_word")}
# Capitalised at the start of a sentence or list item, these are words, not the villages that share them.
_COMMON_NOUNS = {row["word"] for row in lexicon_rows("not_places.tsv", kind="sentence_start")} | {
    row["word"] for row in lexicon_rows("number_words.tsv")
}  # "Seven people were killed": a count, not the village of that name
_MIXED_ACRONYM = re.compile(r"^[A-Z]{2,}[a-z]")  # two capitals then a small letter: an acronym, not a name
_EDGE_PARTICLE = re.compile(rf"^{_PARTICLE}\s|\s{_PARTICLE}$")
_PART_OF = re.compile(
    # "the Zalan sub-district of Chwarta": a unit of the place named after it
    r"(?:\s+(?P<part>sub-?district|district|neighbou?rhood|quarter|suburb|area))?\s+(?:of|in)\s+(?:the\s+(?:city\s+of\s+)?)?"
)
_PART_WORD = re.compile(r"\s(?:district|neighbou?rhood|quarter|suburb|area)$", re.IGNORECASE)
# Weekdays and months (data/lexicons/en/calendar.tsv): written in full, words that are no place; abbreviated
# before a day ("Nov 21"), a date.
_CALENDAR_WORDS = {row["word"] for row in lexicon_rows("calendar.tsv", form="full")}
_MONTH_ABBREVIATIONS = {
    row["word"] for row in lexicon_rows("calendar.tsv", kind="month", form="abbreviation")
}
_SKIP_WORDS |= _CALENDAR_WORDS
_POSSESSIVE = re.compile(r"['’]s?$")
# "any other Mexican state", "a Somali region": a nationality adjective before a unit word names no unit after an
# indefinite word (not_places.tsv, kind indefinite); "the Somali Region" may
_ANY_BEFORE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(r["word"]) for r in lexicon_rows("not_places.tsv", kind="indefinite"))
    + r")\s+$",
    re.IGNORECASE,
)
# "Early on Monday": time words; "Operation Niya", "Bayraktar Akinci": a run that names an operation or a weapon
_SKIP_WORDS |= {row["word"] for row in lexicon_rows("not_places.tsv", kind="time")}
_NAME_HEADS = {row["word"] for row in lexicon_rows("not_places.tsv", kind="name_head")}
# "the Center for Research and Security Studies", "the University of Maiduguri": an organisation's name, whose place
# words are no event's place unless the text puts something at the organisation (not_places.tsv, organisation_head)
_ORGANISATION_HEADS = {row["word"] for row in lexicon_rows("not_places.tsv", kind="organisation_head")}
_INSIDE_ORGANISATION = re.compile(
    r"\b(?P<head>"
    + "|".join(re.escape(w.capitalize()) for w in sorted(_ORGANISATION_HEADS))
    + r")\s+(?:for|of|on)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:(?:and|of|for|the|&)\s+)*)*$"
)
_ORGANISATIONS = {row["word"] for row in lexicon_rows("not_places.tsv", kind="organisation")}  # "Red Cross"
_WORLD_REGIONS = {row["word"] for row in lexicon_rows("not_places.tsv", kind="region")} | {
    row["word"] for row in lexicon_rows("not_places.tsv", kind="unit_word")
}
# "near Malian rebel stronghold", "a Somali army base": a nationality adjective (countries.tsv) names a people or
# qualifies a noun; alone it is never a place (the town Malian is in China). "Somali Region" keeps its head word.
_COUNTRY_ROWS = read_data_tsv("countries.tsv")
_DEMONYMS = frozenset(
    d.strip().lower() for row in _COUNTRY_ROWS for d in row["demonyms"].split(",") if d.strip()
) - {  # "Myanmar", "Eswatini": a country's name used as its adjective stays the country
    n.strip().lower() for row in _COUNTRY_ROWS for n in (row["name"], row["state_name"], *row["aliases"].split(","))
}
_FACILITY_AFTER = re.compile(
    r"\s+(?:"
    + "|".join(re.escape(row["word"]) for row in lexicon_rows("not_places.tsv", kind="facility"))
    + r")\b",
    re.IGNORECASE,
)
# "flies the Barbados flag", "owned in the United Kingdom", "a Liberian-flagged tanker": a ship's flag or owner, not
# where the event is (not_places.tsv, kinds attribute_before and attribute_after)
_ATTRIBUTE_BEFORE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(r["word"]) for r in lexicon_rows("not_places.tsv", kind="attribute_before"))
    + r")\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ATTRIBUTE_AFTER = re.compile(
    r"(?:-|\s+)(?:"
    + "|".join(re.escape(r["word"]) for r in lexicon_rows("not_places.tsv", kind="attribute_after"))
    + r")\b",
    re.IGNORECASE,
)
# "from across the Dnipro", "along the Litani", "the banks of the Nile": a river or a region, not the town of
# that name (a town takes no article)
_WATER_BEFORE = re.compile(
    r"\b(?:across|along|beyond|crossed|crossing|cross|banks? of|shores? of|side of)\s+the\s+$", re.IGNORECASE
)
_DAY_AFTER = re.compile(r"\.?\s*\d{1,2}\b")
# "Hatzor air base", "Jabalia refugee camp": the kind of site a word after a name says (lexicons/en/site_words.tsv)
_FEATURE_HINT = {row["word"]: row["feature"] for row in lexicon_rows("site_words.tsv")}


def _leading_function_words(run: str) -> int:
    """Return how many capitalised function words open a name run ("In" of "In Aqrabah, south of Nablus" at the
    start of a sentence): they are no part of a name, so "Aqrabah" is a one-word run, not a word of a longer name."""
    n = 0
    for word in run.split():
        if not (word[:1].isupper() and word.lower().strip(".,'’") in _SKIP_WORDS):
            break
        n += 1
    return n


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """A place name found in the text, resolved, with the relation cue before it."""

    start: int
    end: int
    text: str
    place: Place
    relation: str | None
    origin: bool  # "from X": where fire came from, not where it landed
    cued: bool  # "in / at / targeting X": the text puts something there
    # "Sabon Gari village in Mangu", "Myin Thar village, Gangaw Township": the areas the text says hold this
    # place, nearest first (context for the geocoder; the place itself stays the village)
    admin_context: tuple[str, ...] = ()


# a country name before a plural noun or a verb in -s ("Burundi refugees", "Ukraine supporters", "Turkey says")
_ATTRIBUTIVE = re.compile(
    r"\s+(?!(?:" + "|".join(sorted(w for w in STOP_WORDS if w.endswith("s"))) + r")\b)[a-z]{3,}s\b"
)
_LIST_GAP = re.compile(r"^\s*(?:,|and|or|,\s*and|,\s*or)\s*$")
_SEMICOLON_GAP = re.compile(r"^\s*;\s*(?:and\s+)?$")  # "Strikes hit: Khiam; Kfar Kila": a colon's list


def find_place_names(
    text: str, *, offset: int, gazetteer: Gazetteer, persons: Sequence[tuple[int, int]] = (), **options: Any
) -> list[PlaceHit]:
    """Return the gazetteer places named in text (offsets shifted by offset), longest names first (see
    `_place_names` for the options). A name spaCy takes for a person but listed with places ("Bilozerka,
    Antonivka, Stanislav and Kherson were hit") is a place like them: such names are read again without the
    person label, as often as the list grows."""
    found = partial(_place_names, text, offset=offset, gazetteer=gazetteer, **options)
    hits = found(persons=persons)
    persons = list(persons)
    while persons and hits:
        listed = [
            (s, e) for s, e in persons
            if gazetteer.is_known(text[s - offset : e - offset])
            and any(
                _LIST_GAP.match(text[h.end - offset : s - offset]) or _LIST_GAP.match(text[e - offset : h.start - offset])
                for h in hits
            )
        ]  # fmt: skip
        if not listed:
            break
        persons = [p for p in persons if p not in listed]
        hits = found(persons=persons)
    return hits


def _place_names(
    text: str,
    *,
    offset: int,
    gazetteer: Gazetteer,
    blocked: Sequence[tuple[int, int]] = (),
    persons: Sequence[tuple[int, int]] = (),
    context_countries: Sequence[str] = (),
    context_points: Sequence[tuple[float, float]] = (),
    opens_list: bool = False,
) -> list[PlaceHit]:
    """Return the gazetteer places named in text (offsets shifted by offset), longest names first.

    Spans that overlap `blocked` (actor names such as "Islamic Resistance in Lebanon", trigger words such as
    "Iron Dome", the dateline) are skipped. Names spaCy takes for persons, capitalised common words at the start
    of a sentence ("One", "Artillery") and acronyms ("NNA") count only where the text puts something there
    ("in X", "the town of X"): the small model calls many villages persons, so NER alone cannot decide.
    `opens_list`: the text comes right after a colon, so a name opening it heads the list the colon cues.
    """
    hits: list[PlaceHit] = []
    parts: list[PlaceHit] = []  # "the Zalan sub-district of Chwarta" resolved out of context: kept if anchored
    regions = admin_context(text)  # "X (Y, Z)", "Y region": the admin names the sentence gives (geo.context)
    unit_heads = set(unit_list_names(text))  # "the Kursk and Lipetsk regions": names a plural unit word heads
    for run in _NAME_RUN.finditer(text):
        run_names = [
            w for w in text[run.start("name") : run.end("name")].lower().split() if w not in _SKIP_WORDS
        ]
        if run_names and run_names[0] in _NAME_HEADS:
            continue  # "Operation Niya", "a Bayraktar Akinci drone": the name of an operation or a weapon
        run_words = sum(  # capitalised words of the run, a date after a name not counted ("Rabat on Sunday")
            1
            for w in text[run.start("name") : run.end("name")].split()
            if w[:1].isupper() and w.lower().strip(".,") not in _CALENDAR_WORDS
        ) - _leading_function_words(text[run.start("name") : run.end("name")])
        # "El Nao Hospital", "Kamal Adwan hospital", "Cano Limon pipeline": a word inside such a name is no place
        last_word = text[run.start("name") : run.end("name")].split()[-1]
        named_facility = _FACILITY_AFTER.match(text, run.end()) is not None or (
            _FACILITY_AFTER.fullmatch(" " + last_word) is not None  # "El Nao Hospital"
        )
        organisation = _INSIDE_ORGANISATION.search(text, max(0, run.start() - 100), run.start())
        organisation_start = organisation.start("head") if organisation else None
        if organisation_start is None and run_names and run_names[0] in _ORGANISATION_HEADS:
            organisation_start = run.start("name")  # "University of Maiduguri": one run, "of" joins its words
        # "gunmen attacked the University of Maiduguri": the text puts the event at the organisation
        organisation_cued = organisation_start is not None and _cue(text, organisation_start, None)[2]
        # "Rugar Kusa village", "Ban Nong Chan village": a settlement's name of capitalised words is one name;
        # where the gazetteer lacks it, its words are not villages of their own ("Rugar", "Kusa")
        whole_settlement = _whole_settlement_name(text, run)
        for start, end, feature in _sub_spans(text, run):
            if (
                (named_facility or whole_settlement)
                and not run.group("dir")
                and end - start < run.end("name") - run.start("name")
            ):
                continue
            if start > run.start("name") and _UNIT_OF.match(text, start):
                continue
            if organisation_start is not None and start > organisation_start and not organisation_cued:
                continue  # "the Center for Research and Security Studies": "Research" is no place
            if text[start:end].lower() in _ORGANISATIONS or (
                start == organisation_start and text[start:end].lower() in _ORGANISATION_HEADS
            ):
                continue  # "Lebanese Red Cross crews"; "University" of "the University of X" is no town
            abs_start, abs_end = offset + start, offset + end
            if any(abs_start < e and abs_end > s for s, e in blocked):
                continue
            if any(start < h.end - offset and end > h.start - offset for h in hits):
                continue
            name = text[start:end]
            if (
                feature
                and name.endswith(" " + feature)
                and (_SETTLEMENT_AFTER.fullmatch(" " + feature) or feature.lower() == "city")
                and not gazetteer.is_known(name)  # "Gaza city" is a key of Gaza City
            ):
                bare = name[: len(name) - len(feature)].rstrip()
                # "Pyay town" is "Pyay", not a far spelling of it ("Pya Thone"); "Al Bab city" is not "Bay City"
                if gazetteer.is_known(bare):
                    name, end, feature = bare, start + len(bare), None
                    abs_end = offset + end
            if " ".join(name.lower().split()) in _WORLD_REGIONS:
                continue  # "the Middle East": a world region, not a neighbourhood of that name
            if _ATTRIBUTE_BEFORE.search(text[max(0, start - 30) : start]) or _ATTRIBUTE_AFTER.match(text, end):
                continue  # "flies the Barbados flag", "a Greek-owned ship": the ship's flag or owner
            if _WATER_BEFORE.search(text[max(0, start - 30) : start]) and not feature:
                continue  # "from across the Dnipro": the river, not Dnipro city
            if not feature and name.lower() in _DEMONYMS and not _HEAD_AFTER.match(text, end):
                continue  # "Malian rebels": a nationality adjective, not the town of that name abroad
            bare = name[: len(name) - len(feature)].rstrip() if feature and name.endswith(feature) else name
            if bare.lower() in _DEMONYMS and _ANY_BEFORE.search(text, max(0, start - 20), start):
                continue  # "any other Mexican state": no unit's name, nor a town of its adjective
            if _POSSESSIVE.sub("", name).lower() in _CALENDAR_WORDS:
                continue  # "Friday's strike": a day, not Furaydis
            if _EDGE_PARTICLE.search(name):
                continue  # "Ukraine on" of "Ukraine on Nov. 12": a particle joins names, it never ends one
            if name.lower() in _MONTH_ABBREVIATIONS and _DAY_AFTER.match(text, end):
                continue  # "Nov. 12", "on Sept 3": a date, not the moshav Nov or a place called Sept
            relation, origin, cued = _cue(text, run.start() if run.group("dir") else start, run.group("dir"))
            cued = cued or (organisation_cued and start > (organisation_start or 0))  # "attacked the University of X"
            # a list a copula or a colon opens cues the names the gazetteer knows, not guesses at unknown ones
            cued = cued or (
                _LIST_OPENED.search(text, max(0, start - _LIST_OPENER_REACH), start) is not None
                and gazetteer.is_known(name)
            )
            cued = cued or bool(_HEAD_AFTER.match(text, end)) or (start, end) in unit_heads  # "A and B villages"
            # "– Metula: Repeated rocket salvos targeted ...": a name heading its line is where the line's news is
            cued = cued or (text.startswith(":", end) and not text[:start].strip(_LINE_MARKS))
            cued = cued or (opens_list and not text[:start].strip(_LINE_MARKS))
            gap = text[hits[-1].end - offset : start] if hits else ""
            if not cued and hits and (_LIST_GAP.match(gap) or (opens_list and _SEMICOLON_GAP.match(gap))):
                cued = hits[
                    -1
                ].cued  # "in the areas of Aitaroun, Ayta ash Shab and Kfarkela": the cue covers the list
            words = name.split()
            doubtful = (
                (len(words) == 1 and name.lower() in STOP_WORDS)
                or (name.isupper() and len(name) <= 5)
                or (len(words) == 1 and _MIXED_ACRONYM.match(name) is not None)  # "FAMa", "FARDC's"
                or (
                    not feature and any(abs_start < e and abs_end > s for s, e in persons)
                )  # "Ramim barracks"
                or (
                    len(words) == 1 and run_words > 1 and not feature and not _HEAD_AFTER.match(text, end)
                )  # "Prime" of "Prime Minister X", not "Safana" of "Safana Local Government Areas"
                or (start == 0 and len(words) == 1 and name.lower() in _COMMON_NOUNS)
            )
            if doubtful and not cued:
                continue
            if (
                run_words > 1
                and len(words) == 1
                and not _HEAD_AFTER.match(text, end)
                and part_of_longer_name(
                    text[run.start("name") : run.end("name")], name, known=gazetteer.is_known
                )
            ):  # "Kyauk" of "Kyauk Kan" (geo.context); run_words leaves out "on Tuesday"
                continue
            if name.startswith("-") or name.endswith("-"):
                continue  # "- Jung" of "Seoul City - Jung": a dash joins a city and its part, it is no name
            known = gazetteer.is_known(name) or city_part(name, gazetteer) is not None
            if not known and not (cued and len(name) >= 5 and not doubtful):
                continue
            hint = _FEATURE_HINT.get((feature or "").lower())
            if hint is None and (start, end) in unit_heads:
                hint = _ADMIN_HINT  # "the Kursk and Lipetsk regions": each name is a region
            if hint is None and _admin_position(text, start, end):
                hint = _ADMIN_HINT  # "Bakhmutka, Donetsk", "(Bolivar)": the admin area, not a town abroad
            own = _own_context(text, end)
            # the sentence's admin names say where its places are, but only a name's own areas ("Beaumont
            # (Texas)"), or for a unit ("the Kyivskyi district of Kharkiv") the sentence's, make the area the
            # answer for a name the gazetteer places elsewhere: "Rogers Park in Beaumont (Texas)" is no place of
            # Texas, nor are "Roe" and "Wade" later on
            place = resolve_place(
                name, gazetteer=gazetteer, relation=relation, context_countries=context_countries,
                context_points=context_points,
                context_regions=own or (frozenset({admin_key(name)}) if (start, end) in unit_heads else regions),
                feature_hint=hint, fuzzy=False, area_fallback=bool(own) or not regions or (feature or "").lower() in _UNIT_FEATURES,
                # "in Kinyamahura (Bwisha, Rutshuru, Nord-Kivu)": a whole name the gazetteer lacks is at its own areas
                # (not "northern Ar Rutba", "Medghal district" or "Damboa Local Government Area", whose shorter spans
                # are tried next)
                area_when_unknown=bool(own) and cued and not known and not feature and not run.group("dir")
                and (start, end) == run.span("name") and not _known_part(name, gazetteer),
            )  # fmt: skip
            part = place is None and known and (after := _PART_OF.match(text, end)) is not None and after.group("part")
            if part:
                place = resolve_place(name, gazetteer=gazetteer, relation=relation, fuzzy=False)
            if place is None:
                continue
            if part:
                parts.append(PlaceHit(abs_start, abs_end, name, place, relation, origin, cued))
                hits.append(parts[-1])
                continue
            one_word_facility = (
                named_facility and len(words) == 1
            )  # "Bakara market", not "Khan Younis market"
            if (
                (not known or one_word_facility)
                and not _in_context(place, context_countries, context_points)
                # a place inside the area the text names: "Shostkynskyi district of Sumy region" (Shostka)
                and not (
                    place.geo_precision < 3
                    and place.admin1
                    and admin_key(place.admin1) in (own or regions)
                    and not _known_part(name, gazetteer)  # "Arteaga municipality": "Arteaga" is tried next
                )
            ):
                continue  # a spelling variant, or "Bakara market", found half a world away is not this place
            if place.feature_code == "PCLI" and _ATTRIBUTIVE.match(text, end):
                continue  # "attacked Burundi refugees", "Turkey says": a country named as an attribute, no place
            hits.append(PlaceHit(abs_start, abs_end, name, offset_place(place, relation), relation, origin, cued))
    anchored = [h for h in _anchor_city_parts(text, offset, hits) if not any(h is p for p in parts)]
    hits = _cue_whole_lists(text, offset, sorted(anchored, key=lambda h: h.start))
    context = areas_holding(text, offset, hits)
    hits = [replace(h, admin_context=context[i]) if i in context else h for i, h in enumerate(hits)]
    return _near_their_anchors(text, offset, hits, gazetteer)


# "Karama, east of Raqqa", "the Tuffah neighbourhood, east of Gaza City", "Abbasiya in southern Lebanon": a place
# the text locates by another lies near it. A far namesake (another country, or farther than a stated distance
# allows, else ANCHOR_KM) gives way to a namesake near the anchor, else to the anchor itself (the relation kept,
# geo_precision 2 beside a point, 3 inside an area) - never a town in another country.
ANCHOR_KM = 200
# "Ungwan Birni in Kajuru Local Government Area", "Sabon Gari village, in Mangu local government area": a unit the
# gazetteer knows only as its seat town holds the settlement within about this distance of the seat; a namesake
# farther away gives way to one nearer, else to the seat itself (geo_precision 2)
UNIT_KM = 50
_LOWER_UNIT_AFTER = re.compile(
    r"\s+(?:" + word_pattern("admin_units.tsv", level="local").pattern + r")", re.IGNORECASE
)  # "Mangu local government area", not "Arauca department": a state's capital does not hold its villages
_ANCHOR_HEAD = re.compile(r"[^.;:()]{0,45}")  # ", a village", " area,", "\", two villages just": no clause
_NO_ANCHOR = re.compile(r"\b(?:and|or|while|from|but|after|before)\b", re.IGNORECASE)
_STATED_KM = re.compile(r"(\d+(?:\.\d+)?)\s*(?:-\s*)?(km|kilometres|kilometers|kilometre|kilometer|miles?)\b")


def _anchor_of(text: str, offset: int, hits: Sequence[PlaceHit], i: int) -> tuple[PlaceHit, float] | None:
    """Return the place the text locates hit i by, and how far (km) from it the place may lie, or None."""
    hit = hits[i]
    if i + 1 < len(hits):
        nxt = hits[i + 1]
        gap = text[hit.end - offset : nxt.start - offset]
        cue = _RELATION_BEFORE.search(gap[-60:])
        head = gap[: len(gap) - len(cue.group(0))] if cue else ""
        # the relation's own words ("about 40 kilometres (25 miles) northeast of") may hold a parenthesis
        head = re.sub(r"\s*\([^()]*\)\s*", " ", head)
        if (
            cue is not None
            # "near the Niger border", "in the far north-east of Mali": a country so named is no point to be near
            and not (nxt.place.feature_code or "").startswith("PCL")
            and nxt.relation not in (None, "in", "at", "between")
            and not nxt.origin
            and _ANCHOR_HEAD.fullmatch(head)
            and not _NO_ANCHOR.search(head)
        ):
            stated = _STATED_KM.search(gap) or _STATED_KM.search(nxt.relation or "")
            km = float(stated.group(1)) * (1.609 if stated.group(2).startswith("mile") else 1.0) if stated else 0.0
            return nxt, (km * 1.5 + 30 if stated else ANCHOR_KM)
    for name in hit.admin_context[:1]:
        area = next((h for h in hits[i + 1 :] if h.text == name), None)
        if area is not None and _is_coarse(area) and not (area.place.feature_code or "").startswith("PCL"):
            return area, float("inf")  # an area: the country must be its country
        if (
            area is not None
            and _LOWER_UNIT_AFTER.match(text, area.end - offset)
            and (area.place.feature_code or "").startswith("PPL")
            and fold_name(area.place.resolved_name or "") == fold_name(area.text)
        ):
            return area, UNIT_KM  # "in Kajuru Local Government Area": a unit the gazetteer knows by its seat
    return None


def _far_from(place: Place, anchor: Place, limit: float) -> bool:
    if place.country_code and anchor.country_code and place.country_code != anchor.country_code:
        return True
    if limit == float("inf") or None in (place.lat, anchor.lat):
        return False
    return distance_km(place.lat, place.lon, anchor.lat, anchor.lon) > limit


def _near_their_anchors(text: str, offset: int, hits: list[PlaceHit], gazetteer: Gazetteer) -> list[PlaceHit]:
    """Return the hits with each place the text locates by another moved near it when it lies far (see ANCHOR_KM)."""
    out = list(hits)
    for i, hit in enumerate(hits):
        place = hit.place
        if place.lat is None or _is_coarse(hit) or hit.origin:
            continue
        found = _anchor_of(text, offset, hits, i)
        if found is None:
            continue
        anchor, limit = found
        if anchor.place.lat is None or not _far_from(place, anchor.place, limit):
            continue
        area = limit == float("inf")
        near = resolve_place(
            hit.text, gazetteer=gazetteer, relation=hit.relation,
            context_countries=[anchor.place.country_code] if anchor.place.country_code else (),
            context_points=() if area else [(anchor.place.lat, anchor.place.lon)],
            context_regions=(anchor.text,) if area else (), fuzzy=False, area_fallback=False,
        )  # fmt: skip
        if near is None or near.lat is None or _far_from(near, anchor.place, limit):
            near = anchor.place.model_copy(
                update={
                    "name": hit.text,
                    "relation": hit.relation if area else anchor.relation,
                    "geo_precision": max(anchor.place.geo_precision or 1, 3 if area else 2),
                }
            )
        out[i] = replace(hit, place=near)
    return out


# A name set after another as its area: "Bakhmutka, Donetsk, killing", "in El Cruce (Zulia)", "(Oyam, Northern)".
# Inside a parenthesis that follows a name and holds only names; or the second or later name of a comma chain
# that no "and"/"or" closes (a chain closed so is a list of places: "Khiam, Aitaroun and Bint Jbeil").
_ADMIN_HINT = "ADM1,ADM2,ADM3"
_UNIT_FEATURES = frozenset(
    ("district", "governorate", "province", "region", "oblast", "state", "county", "municipality", "township")
)
_CAP_NAME = r"[A-Z][\w'’-]*(?:[ -](?:de |del |la |al |el |wa |y )?[A-Z][\w'’-]*)*"
_PAREN_BEFORE = re.compile(rf"{_CAP_NAME}(?:\s+[\w-]+)?\s*\(\s*(?:{_CAP_NAME}(?:\s+\w+)?\s*,\s*)*$")
_PAREN_AFTER = re.compile(rf"\s*(?:,\s*{_CAP_NAME}(?:\s+\w+)?\s*)*\)")
_CHAIN_BEFORE = re.compile(rf"{_CAP_NAME}(?:\s+[a-z][\w-]*)?\s*,\s*$")
_CHAIN_AFTER = re.compile(rf"(?:\s*,\s*{_CAP_NAME})*\s*(?:[.;:]|,\s+(?![A-Z])|\s*$)")
# up to three words of the name's own run may come first: "Shakhta imeni Gagarina, Donetsk" (not "and", "or")
_OWN_CHAIN = re.compile(
    rf"(?:[ -]+(?!(?:and|or)\b)[\w'’-]+){{0,3}}?\s*,\s*({_CAP_NAME}(?:\s*,\s*{_CAP_NAME})*)"
)


def _admin_position(text: str, start: int, end: int) -> bool:
    """Return True when the name at text[start:end] is given as the area of the name before it."""
    before = text[max(0, start - 120) : start]
    if re.search(rf"\b{re.escape(text[start:end])}\b", before[-60:], re.I):
        return False  # "Bari (Bari, Puglia)": a town's own district, which the gazetteer may know only abroad
    if _PAREN_BEFORE.search(before) and _PAREN_AFTER.match(text, end):
        return True
    return bool(_CHAIN_BEFORE.search(before)) and bool(_CHAIN_AFTER.match(text, end))


# "Sabon Gari village in Mangu", "the Zugu community of Bukkuyum", "Myin Thar village, Gangaw Township": a
# settlement word after (or "village of" before) a name, then a short link to the area that holds it
# data/lexicons/en/settlement_words.tsv: "village", "community", ... as one alternation
_SETTLEMENT_WORDS = "|".join(row["pattern"] for row in lexicon_rows("settlement_words.tsv"))
_SETTLEMENT_AFTER = re.compile(r"\s+(?:" + _SETTLEMENT_WORDS + r")\b", re.I)
_SETTLEMENT_BEFORE = re.compile(r"\b(?:village|town|community|hamlet|ward|settlement)s?\s+of\s+$", re.I)
_CONTEXT_GAP = re.compile(
    r"\s*(?:(?:" + _SETTLEMENT_WORDS + r")\s*)?"
    r"(?:,|\bin\b|\bof\b|,\s*in\b)\s*(?:the\s+)?",
    re.I,
)


# "Bounou (Kompienga, Kompienga)", "Thadin village (Pale township, Yinmarbin district, Sagaing region)": the
# parenthesis right after a name gives that name's own admin context
_OWN_PARENTHESIS = re.compile(r"(?:\s+(?:" + _SETTLEMENT_WORDS + r"))?\s*(\([^()]{2,120}\))", re.I)


def _own_context(text: str, end: int) -> frozenset[str]:
    """Return the admin names of the parenthesis right after a place name, or of the names set after it as its
    areas ("Los Angeles, Veracruz, a man was shot": not a list, which "and" closes); empty when there are none.
    In a text naming several places with their areas, each place is weighed by its own areas, not its
    neighbour's."""
    m = _OWN_PARENTHESIS.match(text, end)
    if m:
        return admin_context(m.group(1))
    m = _OWN_CHAIN.match(text, end)
    if m and _CHAIN_AFTER.match(text, m.end(1)):
        return frozenset(k for part in m.group(1).split(",") if len(k := admin_key(part.strip())) >= 3)
    return frozenset()


_LINE_MARKS = " \t-–—•*·>"  # what may open a list line before its "Place:" label


def told_as_settlement(text: str, offset: int, hit: PlaceHit) -> bool:
    """Return True when the text calls the place a settlement: "the town of Carmelo", "Nyalun village"."""
    before = text[max(0, hit.start - offset - 30) : hit.start - offset]
    return bool(_SETTLEMENT_AFTER.match(text, hit.end - offset) or _SETTLEMENT_BEFORE.search(before))


def _is_coarse(hit: PlaceHit) -> bool:
    return (hit.place.feature_code or "").startswith(("ADM", "PCL", "RGN")) or hit.place.geo_precision == 3


def areas_holding(text: str, offset: int, hits: Sequence[PlaceHit]) -> dict[int, tuple[str, ...]]:
    """Return {index of a settlement hit: the names of the areas the text says hold it}, for "X village in Y",
    "X village, Y Township", "the X community of Y LGA, Z State". An area so named qualifies the settlement;
    it is no event place of its own."""
    out: dict[int, tuple[str, ...]] = {}
    i = 0
    while i < len(hits):
        anchor = hits[i]
        cue_before = _SETTLEMENT_BEFORE.search(
            text[max(0, anchor.start - offset - 30) : anchor.start - offset]
        )
        settled = bool(_SETTLEMENT_AFTER.match(text, anchor.end - offset)) or bool(cue_before)
        # "the towns of Khiam, Aitaroun and Houla": a plural cue opens a list of settlements, so a name after a
        # comma is the next settlement, not an area holding the first (a unit or a coarser place still is)
        listed = cue_before is not None and cue_before.group(0).split()[0].lower().endswith("s")
        # "Bukkuyum Local Government Area, Zamfara State": an area holds the next, coarser one's name too
        area_like = bool(_HEAD_AFTER.match(text, anchor.end - offset))
        names: list[str] = []
        last = anchor
        j = i + 1
        while j < len(hits):
            area = hits[j]
            gap = text[last.end - offset : area.start - offset]
            coarse = _is_coarse(area)
            after = area.end - offset
            unit = bool(_HEAD_AFTER.match(text, after)) and not _SETTLEMENT_AFTER.match(text, after)
            holder = (settled and not listed) or unit or (coarse and (names or area_like or listed))
            if re.search(r"\bof\b", gap) and _is_coarse(anchor):
                break  # "the northern Israeli town of Metula": the settlement is the name after "of"
            if len(gap) > 40 or not _CONTEXT_GAP.fullmatch(gap) or not holder:
                break
            names.append(area.text)
            last = area
            j += 1
        if names:
            out[i] = tuple(names)
        i = j if names else i + 1
    return out


def _cue_whole_lists(text: str, offset: int, hits: list[PlaceHit]) -> list[PlaceHit]:
    """A cue at the end of a list ("A, B and C provinces") covers the names before it, as one before it does."""
    out = list(hits)
    for i in range(len(out) - 1, 0, -1):
        later, earlier = out[i], out[i - 1]
        if (
            later.cued
            and not earlier.cued
            and _LIST_GAP.match(text[earlier.end - offset : later.start - offset])
        ):
            out[i - 1] = replace(earlier, cued=True)
    return out


def _in_context(place: Place, countries: Sequence[str], points: Sequence[tuple[float, float]]) -> bool:
    """Return True when a place lies in a country the text is about, or within 300 km of its other places."""
    if place.country_code and place.country_code in countries:
        return True
    if place.lat is None:
        return False
    return any(distance_km(place.lat, place.lon, lat, lon) <= 300 for lat, lon in points)


def _anchor_city_parts(text: str, offset: int, hits: list[PlaceHit]) -> list[PlaceHit]:
    """Put "the Kyivskyi district of Kharkiv" at Kharkiv when the gazetteer's Kyivskyi lies elsewhere.

    City districts share names across a country (every big Ukrainian city has a Kyivskyi district): the city
    the text names is the anchor, and ACLED codes a city's neighbourhood at the city.
    """
    by_start = {h.start: h for h in hits}
    out = []
    for h in hits:
        m = _PART_OF.match(text, h.end - offset)
        if m and not (m.group("part") or _PART_WORD.search(h.text)):
            m = None
        city = by_start.get(offset + m.end()) if m else None
        if (
            city is not None
            and city.place.feature_code != "PCLI"
            # "the Kramatorsk district of Donetsk region": a unit of a region, not a quarter of a city
            and not (city.place.feature_code.startswith("ADM") and city.text.split()[-1].lower() in _UNIT_FEATURES)
            and distance_km(h.place.lat, h.place.lon, city.place.lat, city.place.lon) > 30
        ):
            place = city.place.model_copy(update={"name": h.text, "relation": h.relation})
            h = PlaceHit(h.start, h.end, h.text, place, h.relation, h.origin, h.cued)
        out.append(h)
    return out


def _known_part(name: str, gazetteer: Gazetteer) -> bool:
    """Return True when a shorter run of the name's words is a name the gazetteer knows."""
    words = name.split()
    return any(
        gazetteer.is_known(" ".join(words[i : i + size]))
        for size in range(len(words) - 1, 0, -1)
        for i in range(len(words) - size + 1)
    )


def _whole_settlement_name(text: str, run: re.Match[str]) -> bool:
    """Return True for a run of two or more capitalised words, no particle, lowercase word, demonym or skipped word
    among them, followed by a settlement word ("Rugar Kusa village", "Htun Ya Wai village")."""
    feature = run.group("feature")
    if not feature or not _SETTLEMENT_AFTER.fullmatch(" " + feature):
        return False
    words = re.split(r"[\s-]+", text[run.start("name") : run.end("name")])
    return len(words) >= 2 and all(
        w[:1].isupper() and w.lower() not in _SKIP_WORDS and w.lower() not in _DEMONYMS for w in words
    )


def _sub_spans(text: str, run: re.Match[str]):
    """Yield (start, end, feature) candidates of a name run, longest first, leading function words dropped."""
    name_start, name_end = run.span("name")
    feature_end = run.end("feature") if run.group("feature") else None
    words = [
        (m.start() + name_start, m.end() + name_start) for m in re.finditer(r"\S+", text[name_start:name_end])
    ]
    while words and text[words[0][0] : words[0][1]].lower().strip(".,'’") in _SKIP_WORDS:
        words.pop(0)
    if not words:
        return
    direction = run.group("dir")
    if direction:  # "southern Lebanon" may be a region of its own in the gazetteer
        yield run.start(), words[-1][1], None
    if feature_end:
        yield words[0][0], feature_end, run.group("feature")
    n = len(words)
    for size in range(min(n, 6), 0, -1):
        for i in range(0, n - size + 1):
            yield words[i][0], words[i + size - 1][1], run.group("feature") if i + size == n else None


_UNITS = {"mile": "miles", "metre": "m", "meter": "m", "m": "m"}  # else km
_UNIT_KM = {"km": 1.0, "miles": 1.609, "m": 0.001}
_BEARING = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225, "west": 270,
            "northwest": 315}  # fmt: skip
_STATED_OFFSET = re.compile(
    r"^(\d+(?:\.\d+)?) (km|miles|m) (north|south|east|west|north-?east|north-?west|south-?east|south-?west) of$"
)
MAX_OFFSET_KM = 100  # farther than this, "200 km south of the capital" says where a place is too loosely to move it


def offset_place(place: Place, relation: str | None) -> Place:
    """Return the place moved by the distance and bearing its relation states ("30 km east of al-Obeid": 30 km
    east of al-Obeid's point), geo_precision 2; unchanged without such a relation or coordinates."""
    m = _STATED_OFFSET.match(relation or "")
    if m is None or place.lat is None or place.lon is None or (place.geo_precision or 1) >= 3:
        return place
    km = float(m.group(1)) * _UNIT_KM[m.group(2)]
    if not 0 < km <= MAX_OFFSET_KM:
        return place
    bearing = math.radians(_BEARING[m.group(3).replace("-", "")])
    lat = place.lat + km * math.cos(bearing) / 111.0
    lon = place.lon + km * math.sin(bearing) / (111.0 * max(math.cos(math.radians(place.lat)), 0.01))
    return place.model_copy(update={"lat": round(lat, 5), "lon": round(lon, 5), "geo_precision": 2})


def _cue(text: str, start: int, direction: str | None) -> tuple[str | None, bool, bool]:
    before = text[max(0, start - 60) : start]
    m = _RELATION_BEFORE.search(before)
    if m:
        if m.group("dir"):
            rel = f"{m.group('dir').lower()} of"
            if not m.group("dist"):
                return rel, False, True
            unit = _UNITS.get(m.group("unit").lower().rstrip("s"), "km")
            return f"{m.group('dist')} {unit} {rel}", False, True  # "5 miles south of"
        return m.group("rel").lower(), False, True
    if _DISTANCE_FROM.search(before):
        return "near", False, True  # "3 km from the town of Ansongo": a distance from a place, not where one came from
    if _FROM_BEFORE.search(before):
        return None, True, False
    return None, False, bool(_IN_BEFORE.search(before))
