"""Event trigger lexicon: find the words that name an event, with the ACLED type each points to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import ResourceError
from eventwire.resources import read_data_tsv
from eventwire.taxonomy import sub_type

GENERIC_SUB_TYPE = (
    "GENERIC"  # an attack word whose sub-type comes from its weapon and target (events/detect.py)
)


@dataclass(frozen=True, slots=True)
class TriggerRule:
    event_type: str
    sub_event_type: str
    weapon: str | None
    role: str
    weight: int


@dataclass(frozen=True, slots=True)
class TriggerHit:
    """A trigger found in the text: absolute character offsets and the rule that matched."""

    start: int
    end: int
    text: str
    rule: TriggerRule


class TriggerLexicon:
    """Trigger rules, one compiled pattern each, so that overlapping rules can all be seen and ranked."""

    def __init__(self, rules: list[tuple[str, TriggerRule]]):
        self.rules = [rule for _, rule in rules]
        self._regexes = [
            re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.IGNORECASE) for pattern, _ in rules
        ]
        # The patterns are written over lower-cased text: matching the lowered text without IGNORECASE gives the
        # same hits at a third of the cost. A text whose lowering changes its length keeps the slow path.
        self._lower_regexes = [re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])") for pattern, _ in rules]

    @classmethod
    def load(
        cls, name: str | None = None, folder: Path | None = None, *, language: str = "en"
    ) -> TriggerLexicon:
        """Return the lexicon in a TSV data file (default lexicons/<language>/triggers.tsv; bundled, or in a data
        folder)."""
        name = name or f"lexicons/{language}/triggers.tsv"
        rules = []
        for line, row in enumerate(read_data_tsv(name, folder), start=1):
            known = sub_type(row["sub_event_type"])
            if row["sub_event_type"] != GENERIC_SUB_TYPE and (
                known is None or known.event_type != row["event_type"]
            ):
                raise ResourceError(
                    f"{name} row {line} ({row['pattern'][:40]!r}): {row['event_type']} / {row['sub_event_type']} is "
                    "not an event type and sub-event type of data/taxonomy.tsv: use one of its rows"
                )
            weapon = row["weapon"] if row["weapon"] not in ("", "none") else None
            rule = TriggerRule(
                row["event_type"], row["sub_event_type"], weapon, row["role"], int(row["weight"])
            )
            rules.append((row["pattern"], rule))
        return cls(rules)

    def find(self, text: str, offset: int = 0) -> list[TriggerHit]:
        """Return the triggers in text, offsets shifted; of overlapping hits the longer, then heavier, wins.

        "clashed with police" (a riot) must beat "clashed" (a battle); "general strike" (a protest) must beat
        "strike" (an attack).
        """
        lowered = text.lower()
        regexes = self._lower_regexes if len(lowered) == len(text) else self._regexes
        subject = lowered if regexes is self._lower_regexes else text
        found = [
            TriggerHit(offset + m.start(), offset + m.end(), text[m.start() : m.end()], rule)
            for regex, rule in zip(regexes, self.rules, strict=True)
            for m in regex.finditer(subject)
        ]
        found.sort(key=lambda h: (-(h.end - h.start), -h.rule.weight, h.start))
        kept: list[TriggerHit] = []
        for hit in found:
            if all(hit.end <= k.start or hit.start >= k.end for k in kept):
                kept.append(hit)
        return sorted(kept, key=lambda h: h.start)
