"""ACLED's event taxonomy as typed enums, read from data/taxonomy.tsv: the one place event types and sub-event types
are named. Code refers to them as `EventType.BATTLES`, `SubEventType.AIR_DRONE_STRIKE` (members are str, so they
compare, hash and serialise as ACLED's own labels)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from eventwire.resources import read_data_tsv

__all__ = ["EventType", "SubEventType", "SubType", "TAXONOMY", "COMPATIBLE_GROUPS", "sub_type"]


def _member(label: str) -> str:
    """ "Air/drone strike" -> "AIR_DRONE_STRIKE": the enum member name of an ACLED label."""
    return re.sub(r"[^A-Za-z0-9]+", "_", label).strip("_").upper()


_ROWS = read_data_tsv("taxonomy.tsv")

EventType = StrEnum("EventType", {_member(r["event_type"]): r["event_type"] for r in _ROWS}, module=__name__)
SubEventType = StrEnum(
    "SubEventType", {_member(r["sub_event_type"]): r["sub_event_type"] for r in _ROWS}, module=__name__
)


@dataclass(frozen=True, slots=True)
class SubType:
    """One row of taxonomy.tsv: a sub-event type and what eventwire writes and reads from it."""

    event_type: EventType
    sub_event_type: SubEventType
    disorder_type: str
    note_verb: str
    intransitive: bool  # its note names no other side
    compatible_group: (
        str | None
    )  # sub-types outlets use for one event ("strike": air strike, shelling, attack)


TAXONOMY: dict[str, SubType] = {
    r["sub_event_type"]: SubType(
        EventType(r["event_type"]),
        SubEventType(r["sub_event_type"]),
        r["disorder_type"],
        r["note_verb"],
        r["intransitive"] == "yes",
        r["compatible_group"] or None,
    )  # fmt: skip
    for r in _ROWS
}
DISORDER_OF_EVENT_TYPE: dict[str, str] = {row.event_type: row.disorder_type for row in TAXONOMY.values()}
# Sub-event types outlets disagree on for one event: one side's "air strike" is the other's "shelling", a clash is
# later reported as territory taken; a strike that kills civilians is told as an attack on them.
COMPATIBLE_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(row.sub_event_type for row in TAXONOMY.values() if row.compatible_group == group)
    for group in dict.fromkeys(row.compatible_group for row in TAXONOMY.values() if row.compatible_group)
)


def sub_type(sub_event_type: str) -> SubType | None:
    """Return the taxonomy row of a sub-event type, or None for a label ACLED does not use."""
    return TAXONOMY.get(sub_event_type)
