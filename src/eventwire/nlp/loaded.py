"""Loaded terms: words that carry one party's framing ("the Zionist enemy", "Kyiv regime", "terror targets").

The lexicon (src/eventwire/data/loaded_terms.tsv, provenance in docs/actors.md) gives each term the side whose
vocabulary it is and a neutral rendering for notes. A side is a family ("axis", "israel", "russia") or a
party inside a family ("axis:hezbollah"); "generic" terms are used by many sides and point to none.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from eventwire.nlp.actors import _caps, fold_text, keyword_automaton
from eventwire.resources import read_data_tsv

__all__ = ["LoadedLexicon", "LoadedEntry"]

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
    def load(cls) -> LoadedLexicon:
        """Return the lexicon built from the bundled loaded_terms.tsv (loaded once per process)."""
        rows = read_data_tsv("loaded_terms.tsv")
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
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken: list[tuple[int, int, LoadedEntry]] = []
        for start, end, e in candidates:
            if all(end <= s or start >= t for s, t, _ in taken):
                taken.append((start, end, e))
        taken.sort(key=lambda c: c[0])
        return taken

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
