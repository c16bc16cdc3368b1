"""The quality gate: extraction over the eval/ corpus must not score below the floors in eval/thresholds.json.

A change that improves a score raises its floor in the same commit:
    eventwire evaluate --corpus eval --write-floors eval/thresholds.json
(then review the diff: a floor that goes down needs a reason in the commit message).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from eventwire.evaluate import (
    RATCHET_MARGIN,
    RATCHETED_SCORES,
    EvaluationReport,
    evaluate_corpus,
    ratchet_failures,
    read_floors,
)

EVAL = Path(__file__).resolve().parents[1] / "eval"
THRESHOLDS = EVAL / "thresholds.json"
# A score this far above its floor means an improvement landed without raising the floor.
SLACK_WARNING = 0.03


@pytest.fixture(scope="module")
def report() -> EvaluationReport:
    if not any((EVAL / "articles").glob("*.gold.json")):
        pytest.skip("no eval/articles corpus in this checkout")
    return evaluate_corpus(EVAL)


def test_thresholds_file_guards_every_ratcheted_score():
    floors = read_floors(THRESHOLDS)
    assert set(floors) == set(RATCHETED_SCORES)
    assert all(0.0 <= value <= 1.0 for value in floors.values())


def test_every_article_is_extracted(report):
    failed = [f"{a.article}: {a.reason}" for a in report.articles if a.status in ("unreadable", "failed")]
    assert not failed


def test_scores_stay_at_or_above_their_floors(report):
    floors = read_floors(THRESHOLDS)
    failures = ratchet_failures(report, floors)
    measured = {name: round(value, 4) for name, value in report.scores().items() if name in floors and value}
    assert not failures, f"{failures}; measured now: {json.dumps(measured)}"
    loose = [
        f"{name} {report.scores()[name]:.3f} > floor {floor:.3f}"
        for name, floor in floors.items()
        if (report.scores()[name] or 0.0) - floor > SLACK_WARNING + RATCHET_MARGIN
    ]
    if loose:
        warnings.warn(f"raise these floors in eval/thresholds.json: {'; '.join(loose)}", stacklevel=1)
