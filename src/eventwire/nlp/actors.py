"""Actor recognition: surface forms in text -> canonical ACLED-style actors, from the bundled actor dictionary.

Two data files drive it (src/eventwire/data, provenance in docs/actors.md):
- countries.tsv: ACLED country names, ISO codes, ACLED regions, demonyms and the regime years ACLED puts in
  state-actor names ("Military Forces of Israel (2021-)" until 2022-12-28, "(2022-)" after).
- actors.tsv: canonical actors with their surface forms, optionally valid only in text voiced by one party
  ("the Zionist enemy" in Hezbollah statements) or only between two dates (RSF before and after April 2023).

Matching is one Aho-Corasick pass over case-folded text with word-boundary checks; the longest match wins.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TypeVar

import ahocorasick

from eventwire.model import Actor
from eventwire.resources import read_data_tsv

log = logging.getLogger(__name__)

__all__ = ["ActorLexicon", "CountryInfo", "fold_text"]

# Same-length replacements only: match offsets in the folded text must be offsets in the original text.
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2013": "-", "\u2014": "-",
                       "\u2011": "-", "\u00a0": " ", "\u201c": '"', "\u201d": '"'})  # fmt: skip
_ACRONYM = re.compile(r"\S+")
_TEMPLATE = re.compile(r"\{(military|police):([A-Z]{2})\}")
# Actors ACLED names per country ("Protesters (India)"): the dictionary finds them without one.
_BRANCHED = ("Islamic State",)  # ACLED names these by country or regional branch
_GENERIC = {
    "Protesters": (6, "protesters"),
    "Rioters": (5, "rioters"),
    "Civilians": (7, "civilians"),
    "Unidentified Armed Group": (3, "political militia"),
    "Unidentified Gang": (3, "political militia"),
}


def fold_text(text: str) -> str:
    """Return text lower-cased with quotes, dashes and spaces unified, keeping every character offset."""
    folded = text.translate(_FOLD).lower()
    if len(folded) == len(text):
        return folded
    # A few characters lower-case to two ("İ"): fold them one by one so offsets stay put.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_FOLD))


Match = TypeVar("Match", bound=tuple)


def longest_disjoint(matches: Iterable[Match], length: int) -> list[Match]:
    """Return the (start, end, ...) matches in a text of `length` characters that overlap no longer one, in text
    order: the longest wins, then the leftmost. Linear in the matches (a long article has thousands)."""
    occupied = bytearray(length)  # 1 where a kept match covers the character
    kept = []
    for match in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        start, end = match[0], match[1]
        if occupied.find(1, start, end) == -1:
            kept.append(match)
            occupied[start:end] = b"\x01" * (end - start)
    return sorted(kept, key=lambda m: m[0])


def keyword_automaton(keys: Iterable[str]) -> ahocorasick.Automaton:
    """Return an Aho-Corasick automaton whose matches yield the key itself: one pass finds every key."""
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class CountryInfo:
    """One row of countries.tsv: a country as ACLED names it, with codes, region, demonyms and regimes."""

    name: str
    iso2: str
    iso_numeric: int
    region: str
    state_name: str  # as it reads after "Military Forces of": "the Democratic Republic of Congo"
    demonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    regimes: tuple[tuple[str, dt.date | None], ...] = ()  # (years label, in force from), in date order
    regime_source: str = ""

    def regime_on(self, on: dt.date | None = None) -> str | None:
        """Return the regime years ACLED uses on a date ("2021-"), the latest one if on is None, or None."""
        if not self.regimes:
            return None
        if on is None:
            return self.regimes[-1][0]
        label = self.regimes[0][0]
        for years, since in self.regimes:
            if since is None or since <= on:
                label = years
        return label

    def state_actor_name(self, *, on: dt.date | None = None, police: bool = False) -> str:
        """Return "Military Forces of X (years)" (or Police Forces) as ACLED names it on a date."""
        years = self.regime_on(on)
        base = f"{'Police' if police else 'Military'} Forces of {self.state_name}"
        return f"{base} ({years})" if years else base


@dataclass(frozen=True)
class _Entry:
    """One surface form of one actor row, with the conditions under which it names that actor."""

    name: str  # may hold {military:XX} / {police:XX}, filled in with the regime years on the date
    inter: int | None
    kind: str | None
    country: str | None
    voices: frozenset[str]
    valid_from: dt.date | None
    valid_to: dt.date | None
    rank: int  # 2 voiced, 1 named in the dictionary, 0 built from a country template
    order: int
    caps: tuple[tuple[int, int], ...] = field(default=())  # (offset, length) of acronyms that must match case

    def applies(self, voice: str | None, on: dt.date | None) -> bool:
        if self.voices and voice not in self.voices:
            return False
        if on is not None:
            if self.valid_from and on < self.valid_from:
                return False
            if self.valid_to and on > self.valid_to:
                return False
        return True

    def sort_key(self, on: dt.date | None) -> tuple[int, int, int]:
        # Without a date, prefer what holds today (open-ended rows) over what ended.
        current = 1 if (on is not None or self.valid_to is None) else 0
        return (-self.rank, -current, self.order)


def _caps(surface: str) -> tuple[tuple[int, int], ...]:
    """Return the acronym tokens of a surface ("IS", "U.S.", "AA") that must match with their case."""
    spans = []
    for m in _ACRONYM.finditer(surface):
        letters = [c for c in m.group() if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            spans.append((m.start(), len(m.group())))
    return tuple(spans)


class ActorLexicon:
    """The actor dictionary and countries table, loaded once, with fast matching over text."""

    def __init__(self, countries: list[CountryInfo], rows: list[dict[str, str]]) -> None:
        self._countries = countries
        self._by_iso2 = {c.iso2: c for c in countries}
        self._by_key: dict[str, CountryInfo] = {}
        for c in countries:  # earlier keys win: a name beats another country's alias or demonym
            for key in (c.name, c.state_name, *c.aliases, *c.demonyms):
                self._by_key.setdefault(fold_text(key), c)
        self._country_words: tuple[ahocorasick.Automaton, dict[str, set[str]]] | None = None
        self._entries: dict[str, list[_Entry]] = {}
        self._voices: set[str] = set()
        # A transnational group without a country ("Islamic State") is named by its branch in the event's country.
        self._branches: dict[tuple[str, str], str] = {}
        for row in rows:
            base, _, branch = row["name"].partition(" (")
            if branch and row["country"] and not row["valid_to"] and row["name"].startswith(_BRANCHED):
                self._branches.setdefault((base, row["country"]), row["name"])
        order = 0
        for row in rows:
            for name, country, surfaces, rank in self._expand(row):
                for surface in surfaces:
                    order += 1
                    self._add(surface, name, row, country, rank, order)
        self._automaton = keyword_automaton(self._entries)

    @classmethod
    @cache
    def load(cls, folder: Path | None = None) -> ActorLexicon:
        """Return the lexicon built from actors.tsv and countries.tsv (bundled, or in a data folder), once per
        folder."""
        countries = []
        for row in read_data_tsv("countries.tsv", folder):
            regimes = []
            for part in filter(None, row["regimes"].split("|")):
                years, _, since = part.partition("@")
                regimes.append((years, _date(since)))
            countries.append(
                CountryInfo(
                    name=row["name"],
                    iso2=row["iso2"],
                    iso_numeric=int(row["iso_numeric"]),
                    region=row["region"],
                    state_name=row["state_name"],
                    demonyms=tuple(filter(None, row["demonyms"].split(","))),
                    aliases=tuple(filter(None, row["aliases"].split(","))),
                    regimes=tuple(regimes),
                    regime_source=row["regime_source"],
                )  # fmt: skip
            )
        return cls(countries, read_data_tsv("actors.tsv", folder))

    # -- building ---------------------------------------------------------------------------------------

    def _expand(self, row: dict[str, str]):
        """Yield (name, country, surfaces, rank) for a row; template rows once per country."""
        surfaces = [s.strip() for s in row["surfaces"].split("|") if s.strip()]
        is_template = "{military}" in row["name"] or "{police}" in row["name"] or "{country}" in row["name"]
        if not is_template:
            rank = 2 if row["voice"] else 1
            extra = []
            if not row["voice"] and "{" not in row["name"]:
                # The canonical name and its long form name the actor too ("QSD: Syrian Democratic Forces").
                extra = [row["name"], row["name"].partition(": ")[2]]
            yield row["name"], row["country"] or None, surfaces + [s for s in extra if s], rank
            return
        for c in self._countries:
            name = (
                row["name"]
                .replace("{military}", f"{{military:{c.iso2}}}")
                .replace("{police}", f"{{police:{c.iso2}}}")
                .replace("{country}", c.name)
            )
            expanded = []
            for s in surfaces:
                if "{demonym}" in s:
                    expanded += [s.replace("{demonym}", d) for d in c.demonyms]
                elif "{country}" in s:
                    expanded += [s.replace("{country}", n) for n in (c.name, *c.aliases)]
                else:
                    expanded.append(s)
            yield name, c.name, expanded, 0

    def _add(self, surface: str, name: str, row: dict[str, str], country: str | None, rank: int, order: int):
        voices = frozenset(v.strip() for v in row["voice"].split(",") if v.strip())
        self._voices |= voices
        entry = _Entry(
            name=name, inter=int(row["inter"]) if row["inter"] else None, kind=row["kind"] or None,
            country=country, voices=voices, valid_from=_date(row["valid_from"]),
            valid_to=_date(row["valid_to"]), rank=rank, order=order, caps=_caps(surface),
        )  # fmt: skip
        key = fold_text(surface)
        self._entries.setdefault(key, []).append(entry)

    # -- lookups ----------------------------------------------------------------------------------------

    def _name_on(self, name: str, on: dt.date | None) -> str:
        def fill(m: re.Match[str]) -> str:
            info = self._by_iso2[m.group(2)]
            return info.state_actor_name(on=on, police=m.group(1) == "police")

        return _TEMPLATE.sub(fill, name)

    def _pick(self, key: str, text: str, start: int, voice: str | None, on: dt.date | None) -> _Entry | None:
        best = None
        for e in self._entries.get(key, ()):
            if not e.applies(voice, on):
                continue
            if any(
                text[start + off : start + off + n] != self._surface_slice(e, key, off, n)
                for off, n in e.caps
            ):
                continue
            if best is None or e.sort_key(on) < best.sort_key(on):
                best = e
        return best

    @staticmethod
    def _surface_slice(entry: _Entry, key: str, off: int, n: int) -> str:
        # Acronyms are stored upper-case in the data; the key is their folded form.
        return key[off : off + n].upper()

    def _actor(self, e: _Entry, surface: str, on: dt.date | None) -> Actor:
        return Actor(
            name=self._name_on(e.name, on), inter=e.inter, kind=e.kind, country=e.country, surface=surface
        )

    def find(
        self, text: str, *, voice: str | None = None, on: dt.date | None = None
    ) -> list[tuple[int, int, Actor]]:
        """Return every actor mention in text as (start, end, Actor), in text order, longest match first.

        voice: the party the text speaks for ("hezbollah", "israel", ...): enables surfaces that name an actor
        only in that party's own vocabulary ("the enemy"). on: the date the text reports, for regime years and
        actors whose naming changed (None: as ACLED names them now).
        """
        folded = fold_text(text)
        candidates: list[tuple[int, int, _Entry]] = []
        for end_index, key in self._automaton.iter(folded):
            start, end = end_index - len(key) + 1, end_index + 1
            if start > 0 and (folded[start - 1].isalnum() or folded[start - 1] in "-_"):
                continue
            if end < len(folded) and (folded[end].isalnum() or folded[end] == "_"):
                continue
            entry = self._pick(key, text, start, voice, on)
            if entry is not None:
                candidates.append((start, end, entry))
        taken = longest_disjoint(candidates, len(folded))
        return [(s, e, self._actor(entry, text[s:e], on)) for s, e, entry in taken]

    def resolve(self, surface: str, *, voice: str | None = None, on: dt.date | None = None) -> Actor | None:
        """Return the actor a whole surface form names ("Israeli warplanes", "the enemy"), or None."""
        stripped = surface.strip()
        key = fold_text(stripped)
        entry = self._pick(key, stripped, 0, voice, on)
        if entry is not None:
            return self._actor(entry, stripped, on)
        found = self.find(stripped, voice=voice, on=on)
        if len(found) == 1:
            return found[0][2]
        return None

    def country_of(self, name_or_demonym_or_iso2: str) -> CountryInfo | None:
        """Return the country a name, alias, demonym or ISO alpha-2 code refers to ("Lebanese", "IL"), or None."""
        value = name_or_demonym_or_iso2.strip()
        if len(value) == 2 and value.isalpha():
            return self._by_iso2.get(value.upper())
        return self._by_key.get(fold_text(value))

    def countries(self) -> list[CountryInfo]:
        """Return every country in the table, in name order."""
        return list(self._countries)

    def countries_named_in(self, text: str) -> list[CountryInfo]:
        """Return the countries whose name or demonym (longer than three letters) occurs in text, in name order.

        One pass of an automaton built on first use, instead of a substring search per name per article."""
        if self._country_words is None:
            words: dict[str, set[str]] = {}
            for c in self._countries:
                for word in (c.name, *(d for d in c.demonyms if len(d) > 3)):
                    words.setdefault(word, set()).add(c.iso2)
            self._country_words = (keyword_automaton(words), words)
        automaton, words = self._country_words
        found = {iso2 for _, word in automaton.iter(text) for iso2 in words[word]}
        return [c for c in self._countries if c.iso2 in found]

    def in_context(
        self,
        found: list[tuple[int, int, Actor]],
        text: str,
        *,
        voice: str | None = None,
        on: dt.date | None = None,
    ) -> list[tuple[int, int, Actor]]:
        """Return the mentions with a state's forces named by common words only ("regime troops", "the junta")
        kept only in a text about that country: elsewhere they are the forces of the country the text names
        first ("regime troops" in a report on Karen State are Myanmar's, not Syria's). Names and acronyms
        ("IDF", "Tatmadaw") and a party's own vocabulary (a voiced text) keep their country."""
        named = self.countries_named_in(text)
        if not named or voice is not None:
            return found
        names = {c.name for c in named}
        folded = fold_text(text)

        def first_mention(info: CountryInfo) -> int:
            words = (info.name, *(d for d in info.demonyms if len(d) > 3))
            spots = [folded.find(fold_text(w)) for w in words]
            return min((p for p in spots if p >= 0), default=len(folded))

        home = min(named, key=first_mention)
        out = []
        for start, end, actor in found:
            surface = text[start:end]
            if (
                actor.inter == 1 and actor.country and actor.country not in names
                and (surface.islower() or (" " in surface and surface[1:].islower()))
                and not self.countries_named_in(surface)
            ):  # fmt: skip
                forces = self.state_forces(home.name, on=on, police=actor.name.startswith("Police"))
                if forces is not None:
                    actor = forces.model_copy(update={"surface": surface})
            out.append((start, end, actor))
        return out

    def state_forces(self, country: str, *, on: dt.date | None = None, police: bool = False) -> Actor | None:
        """Return the state forces of a country as ACLED names them on a date, or None for an unknown country."""
        info = self.country_of(country)
        if info is None:
            return None
        return Actor(
            name=info.state_actor_name(on=on, police=police), inter=1, kind="state forces", country=info.name
        )

    def _group(self, label: str, inter: int, kind: str, country: str) -> Actor:
        info = self.country_of(country)
        where = info.name if info else country
        return Actor(name=f"{label} ({where})", inter=inter, kind=kind, country=where)

    def civilians(self, country: str) -> Actor:
        """Return "Civilians (Country)" (inter 7)."""
        return self._group("Civilians", 7, "civilians", country)

    def protesters(self, country: str) -> Actor:
        """Return "Protesters (Country)" (inter 6)."""
        return self._group("Protesters", 6, "protesters", country)

    def rioters(self, country: str) -> Actor:
        """Return "Rioters (Country)" (inter 5)."""
        return self._group("Rioters", 5, "rioters", country)

    def unidentified(self, country: str) -> Actor:
        """Return "Unidentified Armed Group (Country)" (inter 3), ACLED's actor for unclaimed armed attacks."""
        return self._group("Unidentified Armed Group", 3, "political militia", country)

    def for_country(self, actor: Actor, country: str) -> Actor:
        """Return a generic actor found without a country ("protesters") named for the event's country, and a
        transnational group by its branch there ("Islamic State" in Syria -> "Islamic State (Syria)")."""
        if actor.name in _BRANCHED and not actor.country:
            info = self.country_of(country)
            where = info.name if info else country
            name = self._branches.get((actor.name, where), f"{actor.name} ({where})")
            return actor.model_copy(update={"name": name, "country": where})
        if actor.name not in _GENERIC:
            return actor
        inter, kind = _GENERIC[actor.name]
        named = self._group(actor.name, inter, kind, country)
        return named.model_copy(update={"surface": actor.surface, "span": actor.span})

    def inter_in(self, actor: Actor, country: str) -> int | None:
        """Return the actor's ACLED inter code for an event in a country: state forces abroad are 8."""
        info = self.country_of(country)
        if actor.inter == 1 and actor.country and info is not None and actor.country != info.name:
            return 8
        return actor.inter

    def voices(self) -> list[str]:
        """Return the party voices the dictionary knows ("hezbollah", "israel", "russia", ...), sorted."""
        return sorted(self._voices)
