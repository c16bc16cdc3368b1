"""Loaded terms: words that carry one party's framing ("the Zionist enemy", "Kyiv regime", "terror targets").

The lexicon (src/eventwire/data/loaded_terms.tsv, provenance in docs/actors.md) gives each term the side whose
vocabulary it is and a neutral rendering for notes. A side is a family ("axis", "israel", "russia") or a
party inside a family ("axis:hezbollah"); "generic" terms are used by many sides and point to none.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from eventwire.nlp.actors import _caps, fold_text, keyword_automaton, longest_disjoint
from eventwire.resources import read_data_tsv

__all__ = ["LoadedLexicon", "LoadedEntry", "PartyVoice", "PartyVoices"]

GENERIC = "generic"


@dataclass(frozen=True)
class LoadedEntry:
    """One row of loaded_terms.tsv."""

    term: str
    side: str  # "axis", "axis:hezbollah", "israel", "russia", "generic" ...
    neutral: str | None
    strength: str  # "loaded" or "contested"
    caps: tuple[tuple[int, int], ...] = ()

    @property
    def family(self) -> str:
        return self.side.partition(":")[0]

    @property
    def party(self) -> str | None:
        return self.side.partition(":")[2] or None


class LoadedLexicon:
    """Both sides' loaded vocabularies, loaded once, matched in one pass over case-folded text."""

    def __init__(self, entries: list[LoadedEntry]) -> None:
        self._entries: dict[str, list[LoadedEntry]] = {}
        for e in entries:
            self._entries.setdefault(fold_text(e.term), []).append(e)
        self._automaton = keyword_automaton(self._entries)

    @classmethod
    @cache
    def load(cls, folder: Path | None = None) -> LoadedLexicon:
        """Return the lexicon built from loaded_terms.tsv (bundled, or in a data folder), once per folder."""
        rows = read_data_tsv("loaded_terms.tsv", folder)
        return cls(
            [
                LoadedEntry(
                    term=r["term"],
                    side=r["side"],
                    neutral=r["neutral"] or None,
                    strength=r["strength"] or "loaded",
                    caps=_caps(r["term"]),
                )  # fmt: skip
                for r in rows
            ]
        )

    def __len__(self) -> int:
        """Return the number of distinct terms."""
        return len(self._entries)

    def _matches(self, text: str) -> list[tuple[int, int, LoadedEntry]]:
        folded = fold_text(text)
        candidates = []
        for end_index, key in self._automaton.iter(folded):
            start, end = end_index - len(key) + 1, end_index + 1
            if start > 0 and (folded[start - 1].isalnum() or folded[start - 1] in "-_"):
                continue
            if end < len(folded) and (folded[end].isalnum() or folded[end] in "-_"):
                continue
            for e in self._entries[key]:
                if all(
                    text[start + off : start + off + n] == key[off : off + n].upper() for off, n in e.caps
                ):
                    candidates.append((start, end, e))
                    break
        return longest_disjoint(candidates, len(folded))

    def find(self, text: str) -> list[tuple[int, int, str, str, str | None]]:
        """Return every loaded term in text as (start, end, term as written, side, neutral rendering or None)."""
        return [(s, e, text[s:e], entry.side, entry.neutral) for s, e, entry in self._matches(text)]

    def entries(self, text: str) -> list[tuple[int, int, LoadedEntry]]:
        """Return every loaded term in text with its full lexicon entry (strength included)."""
        return self._matches(text)

    def voice_of(self, text: str) -> str | None:
        """Return the party voice a text's loaded vocabulary points to ("hezbollah", "axis", "israel"), or None.

        Generic terms ("heroic", "massacre") count for no side. The family with most hits wins, if it has
        strictly more than any other family; inside it, one party's own terms name that party, else the family.
        """
        families: Counter[str] = Counter()
        parties: dict[str, Counter[str]] = {}
        for _, _, e in self._matches(text):
            if e.side == GENERIC:
                continue
            families[e.family] += 1
            if e.party:
                parties.setdefault(e.family, Counter())[e.party] += 1
        if not families:
            return None
        ranked = families.most_common(2)
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        family = ranked[0][0]
        named = parties.get(family, Counter())
        if len(named) == 1:
            return next(iter(named))
        if len(named) > 1:
            top = named.most_common(2)
            if top[0][1] > top[1][1]:
                return top[0][0]
        return family


@dataclass(frozen=True, slots=True)
class PartyVoice:
    """One row of party_voices.tsv: what eventwire reads from a text written in this voice."""

    voice: str
    family: str
    speaker: str | None  # the name a text in this voice speaks under when no frame names a speaker
    adversary: str | None  # the demonym its "the enemy" means
    parties: tuple[str, ...]  # ACLED actor names whose mentions make a family text this voice's
    countries: frozenset[str]  # on a family row: the countries whose non-state actors the family speaks for
    allies_speak: bool  # a text in this voice speaks for the family's allies too


class PartyVoices:
    """The party voices a text can be written in (data/party_voices.tsv), by voice key."""

    def __init__(self, voices: list[PartyVoice]) -> None:
        self._by_voice = {v.voice: v for v in voices}

    @classmethod
    def load(cls, folder: Path | None = None) -> PartyVoices:
        """Return the table in party_voices.tsv (bundled, or in a data folder)."""
        return cls(
            [
                PartyVoice(
                    voice=r["voice"], family=r["family"] or r["voice"], speaker=r["speaker"] or None,
                    adversary=r["adversary"] or None, parties=tuple(filter(None, r["parties"].split("|"))),
                    countries=frozenset(filter(None, r["countries"].split("|"))), allies_speak=r["allies_speak"] == "yes",
                )  # fmt: skip
                for r in read_data_tsv("party_voices.tsv", folder)
            ]
        )

    def get(self, voice: str | None) -> PartyVoice | None:
        """Return the voice's row, or None."""
        return self._by_voice.get(voice or "")

    def adversaries(self) -> dict[str, str]:
        """Return voice -> the demonym its "the enemy" means, for the voices that have one."""
        return {v.voice: v.adversary for v in self._by_voice.values() if v.adversary}

    def party_voice(self, voice: str | None, actor_names: list[str]) -> str | None:
        """Return the party a family-voice text speaks for (the member voice whose parties it names most, when
        one leads), else the voice unchanged."""
        members = {
            name: v.voice
            for v in self._by_voice.values()
            if v.family == voice and v.voice != voice
            for name in v.parties
        }
        counts = Counter(members[name] for name in actor_names if name in members)
        ranked = counts.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return voice

    def speaks_for_allies(self, voice: str, country: str | None) -> bool:
        """Return True when a text in this voice speaks for the non-state actors of `country` (its family's
        allies)."""
        own = self._by_voice.get(voice)
        if own is None or not (own.allies_speak or own.family == own.voice):
            return False
        family = self._by_voice.get(own.family)
        return family is not None and country in family.countries
