"""Floors under the corpus scores: a score that drops below its floor fails the ratchet."""

from __future__ import annotations

import json
import math
from pathlib import Path

from eventwire.errors import InputError
from eventwire.evaluate.scoring import SCORED_FIELDS, EvaluationReport

RATCHET_MARGIN = 0.01  # floors sit this far below the measured score, so float noise never trips them
# F1 scores only: they count misses and false alarms alike. Accuracy over matched pairs and precision or
# recall alone move when a fix changes which events match, and would trip on improvements.
RATCHETED_SCORES: tuple[str, ...] = ("event_f1", *(f"{field}_f1" for field in SCORED_FIELDS))


def ratchet_floors(report: EvaluationReport, *, margin: float = RATCHET_MARGIN) -> dict[str, float]:
    """Return floors for the ratcheted scores that are defined: the measured value less `margin`, rounded down."""
    scores = report.scores()
    return {
        name: max(0.0, math.floor((scores[name] - margin) * 1000) / 1000)  # type: ignore[operator]
        for name in RATCHETED_SCORES
        if scores.get(name) is not None
    }


def ratchet_failures(report: EvaluationReport, floors: dict[str, float]) -> list[str]:
    """Return one line per score below its floor (or missing), empty when the ratchet holds."""
    scores = report.scores()
    failures = []
    for name, floor in sorted(floors.items()):
        value = scores.get(name)
        if value is None:
            failures.append(f"{name}: no score (floor {floor:.3f})")
        elif value < floor:
            failures.append(f"{name}: {value:.3f} is below its floor {floor:.3f}")
    return failures


def read_floors(path: str | Path) -> dict[str, float]:
    """Return the floors of a thresholds file ({"floors": {score: value}, ...})."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such thresholds file") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    floors = document.get("floors") if isinstance(document, dict) else None
    if not isinstance(floors, dict):
        raise InputError(f"{path}: no 'floors' object; expected {{'floors': {{'event_f1': 0.6, ...}}}}")
    return {str(name): float(value) for name, value in floors.items()}


def write_floors(
    path: str | Path, report: EvaluationReport, *, corpus: str, margin: float = RATCHET_MARGIN
) -> None:
    """Write a thresholds file: floors from this report, with the measured scores beside them for reference."""
    document = {
        "about": "Floors for `eventwire evaluate --corpus` on this corpus; tests/test_eval_ratchet.py fails "
        "below them. Raise them with any change that improves a score.",
        "corpus": corpus,
        "articles": len(report.articles),
        "gold_events": report.events.expected,
        "margin": margin,
        "measured": {name: round(value, 4) for name, value in report.scores().items() if value is not None},
        "floors": ratchet_floors(report, margin=margin),
    }
    Path(path).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
