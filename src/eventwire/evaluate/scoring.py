"""Count a pairing into a report: event precision/recall/F1, per-field scores, geocoding error, per article."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from eventwire.evaluate.matching import (
    disagreements,
    distance_km,
    fold_text,
    match_events,
    normalise_actor,
    normalise_place,
)
from eventwire.gold import EventRow, read_events

SCORED_FIELDS: tuple[str, ...] = (
    "event_type", "sub_event_type", "actor1", "actor2", "location", "fatalities", "claimant", "stance",
)  # fmt: skip
# Two points this close name the same place even when the spellings differ (Khiam / Al-Khiyam).
SAME_PLACE_KM = 5.0


class Counts(BaseModel):
    """True positives against what was predicted and what was expected, and the scores they give."""

    model_config = ConfigDict(extra="forbid")

    correct: int
    predicted: int
    expected: int
    precision: float | None
    recall: float | None
    f1: float | None


def counts(correct: int, predicted: int, expected: int) -> Counts:
    """Return Counts with precision, recall and F1 = 2·correct / (predicted + expected); None for 0/0."""
    precision = correct / predicted if predicted else None
    recall = correct / expected if expected else None
    f1 = 2 * correct / (predicted + expected) if predicted + expected else None
    return Counts(
        correct=correct, predicted=predicted, expected=expected, precision=precision, recall=recall, f1=f1
    )


class FieldScore(Counts):
    """One field: accuracy over matched pairs, and precision/recall/F1 over all events."""

    field: str
    pairs: int  # matched pairs on which the field is scored
    pairs_correct: int
    accuracy: float | None  # pairs_correct / pairs


class GeoErrors(BaseModel):
    """Distances between matched predicted and gold points."""

    model_config = ConfigDict(extra="forbid")

    pairs: int
    median_km: float | None
    mean_km: float | None
    p90_km: float | None
    within_5km: float | None
    within_25km: float | None


class ArticleScore(Counts):
    """Event matching within one article."""

    article: str
    status: str | None = None  # for corpus runs: ok | no_event | unreadable | failed
    reason: str | None = None


class EventSummary(BaseModel):
    """A short line about an unmatched event, for reading misses and false alarms."""

    model_config = ConfigDict(extra="forbid")

    article: str | None
    event_date: dt.date | None
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None
    location: str | None
    evidence: str | None = None
    reason: str | None = None  # why it has no partner: see EXTRA_REASONS and MISSED_REASONS


class EvaluationReport(BaseModel):
    """The whole evaluation: events, fields, geocoding, per article, and what was missed or extra."""

    model_config = ConfigDict(extra="forbid")

    events: Counts
    fields: dict[str, FieldScore]
    geo: GeoErrors
    articles: list[ArticleScore]
    missed: list[EventSummary] = Field(default_factory=list)
    extra: list[EventSummary] = Field(default_factory=list)
    missed_reasons: dict[str, int] = Field(default_factory=dict)  # missed gold events by MISSED_REASONS
    extra_reasons: dict[str, int] = Field(default_factory=dict)  # false alarms by EXTRA_REASONS

    def scores(self) -> dict[str, float | None]:
        """Return the flat headline scores the ratchet tracks: event F1 and each field's F1 and accuracy."""
        flat: dict[str, float | None] = {
            "event_precision": self.events.precision,
            "event_recall": self.events.recall,
            "event_f1": self.events.f1,
        }
        for name, score in self.fields.items():
            flat[f"{name}_f1"] = score.f1
            flat[f"{name}_accuracy"] = score.accuracy
        flat["geo_within_25km"] = self.geo.within_25km
        return flat


def _value(row: EventRow, field: str) -> object:
    return getattr(row, field)


def field_agrees(field: str, pred: EventRow, gold: EventRow) -> bool:
    """Return whether a predicted event gets `field` right against its matched gold event."""
    if field in ("actor1", "actor2", "claimant"):
        return normalise_actor(_value(pred, field)) == normalise_actor(_value(gold, field))  # type: ignore[arg-type]
    if field == "location":
        km = distance_km(pred, gold)
        if km is not None and km <= SAME_PLACE_KM:
            return True
        return normalise_place(pred.location) == normalise_place(gold.location)
    if field == "fatalities":
        return (pred.fatalities or 0) == (gold.fatalities or 0)
    return fold_text(_value(pred, field)) == fold_text(_value(gold, field))  # type: ignore[arg-type]


def _coded(row: EventRow, field: str) -> bool:
    return field not in row.uncoded


def _has_value(row: EventRow, field: str) -> bool:
    if field == "location":
        return row.location is not None or row.latitude is not None
    return _value(row, field) is not None


def event_summary(row: EventRow) -> EventSummary:
    """Return the short line about an event that reports list among misses and false alarms."""
    return EventSummary(
        article=row.article, event_date=row.event_date, event_type=row.event_type,
        sub_event_type=row.sub_event_type, actor1=row.actor1, location=row.location,
        evidence=row.evidence or row.notes,
    )  # fmt: skip


# Why an event found no partner, judged against the events of its article on the other side. A false alarm:
# - duplicate: it fits a gold event that another predicted event took (the same event told twice);
# - off place / off day / off type: a gold event not found fits it on all but that one criterion:
#   the right event reported at the wrong place, on the wrong day, or typed incompatibly -- a near miss;
# - unsupported: no gold event comes within one criterion -- an event the text does not report.
# A missed gold event: merged (a predicted event that fits it took another gold event: two told as one), off
# place / off day / off type (a predicted event without a partner fits it on all but that criterion), or not found.
EXTRA_REASONS: tuple[str, ...] = ("duplicate", "off place", "off day", "off type", "unsupported")
MISSED_REASONS: tuple[str, ...] = ("merged", "off place", "off day", "off type", "not found")


def unmatched_reason(row: EventRow, others: Sequence[EventRow], matched: Sequence[bool], *, gold: bool) -> str:
    """Return the EXTRA_REASONS (or, for a `gold` row, MISSED_REASONS) class of an unmatched event among the
    other side's events of its article, whose `matched` flags say which have a partner: only an event without
    one can be its near miss."""
    names = MISSED_REASONS if gold else EXTRA_REASONS
    reasons = []
    for other, taken in zip(others, matched, strict=True):
        failed = disagreements(other, row) if gold else disagreements(row, other)
        if not failed:
            reasons.append((0, names[0]))
        elif len(failed) == 1 and not taken:
            reasons.append((1, f"off {failed[0]}"))
    if not reasons:
        return names[-1]
    return min(reasons, key=lambda r: (r[0], names.index(r[1])))[1]


def _unmatched(
    rows: Sequence[EventRow], others: Sequence[EventRow], paired: set[int], other_paired: set[int], *, gold: bool
) -> list[EventSummary]:
    """Return the summaries of the rows without a partner, each with its unmatched_reason."""
    of_article: dict[str | None, list[int]] = defaultdict(list)
    for j, other in enumerate(others):
        of_article[other.article].append(j)
    out = []
    for i, row in enumerate(rows):
        if i in paired:
            continue
        own = of_article.get(row.article, [])
        reason = unmatched_reason(row, [others[j] for j in own], [j in other_paired for j in own], gold=gold)
        out.append(event_summary(row).model_copy(update={"reason": reason}))
    return out


def _by_reason(events: Sequence[EventSummary], names: Sequence[str]) -> dict[str, int]:
    return {r: n for r in names if (n := sum(e.reason == r for e in events))}


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def geo_errors(distances: list[float]) -> GeoErrors:
    """Return the distribution of geocoding errors (km) over matched pairs."""
    if not distances:
        return GeoErrors(
            pairs=0, median_km=None, mean_km=None, p90_km=None, within_5km=None, within_25km=None
        )
    n = len(distances)
    return GeoErrors(
        pairs=n,
        median_km=statistics.median(distances),
        mean_km=statistics.fmean(distances),
        p90_km=_quantile(distances, 0.9),
        within_5km=sum(d <= 5.0 for d in distances) / n,
        within_25km=sum(d <= 25.0 for d in distances) / n,
    )


def score_events(
    pred: Sequence[EventRow],
    gold: Sequence[EventRow],
    *,
    fields: Sequence[str] = SCORED_FIELDS,
    article_status: dict[str, tuple[str, str | None]] | None = None,
) -> EvaluationReport:
    """Return the evaluation of predicted events against gold events.

    Events: matched one-to-one (`match_events`); precision = matches / predicted, recall = matches / gold.
    Fields: on each matched pair where the gold source codes the field, `accuracy` is the share right
    (both empty counts as right: no actor2 in either). Field precision/recall count a right value on a
    matched pair against every predicted / gold event that has a value for the field. A field the gold
    source does not code at all (claimant in an ACLED export) gets None scores.
    """
    pairs = match_events(pred, gold)
    matched_pred = {i for i, _ in pairs}
    matched_gold = {j for _, j in pairs}
    field_scores: dict[str, FieldScore] = {}
    for field in fields:
        scored = [(i, j) for i, j in pairs if _coded(gold[j], field)]
        right = [(i, j) for i, j in scored if field_agrees(field, pred[i], gold[j])]
        correct = sum(1 for i, j in right if _has_value(gold[j], field))
        uncoded_pred = {i for i, j in pairs if not _coded(gold[j], field)}
        coded_anywhere = any(_coded(g, field) for g in gold)
        predicted = (
            sum(1 for i, p in enumerate(pred) if _has_value(p, field) and i not in uncoded_pred)
            if coded_anywhere
            else 0
        )
        expected = sum(1 for g in gold if _coded(g, field) and _has_value(g, field))
        base = counts(correct, predicted, expected)
        field_scores[field] = FieldScore(
            **base.model_dump(),
            field=field,
            pairs=len(scored),
            pairs_correct=len(right),
            accuracy=len(right) / len(scored) if scored else None,
        )
    distances = [km for i, j in pairs if (km := distance_km(pred[i], gold[j])) is not None]

    per_article: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # correct, predicted, expected
    for g in gold:
        per_article[g.article or ""][2] += 1
    # A matched prediction counts where its gold event does: predictions from a CSV name no article (or
    # another name for it), and counting them elsewhere gave an article more matches than predictions.
    pair_article = {i: gold[j].article or "" for i, j in pairs}
    for i, p in enumerate(pred):
        per_article[pair_article.get(i, p.article or "")][1] += 1
    for key in pair_article.values():
        per_article[key][0] += 1
    for name in article_status or {}:
        per_article.setdefault(name, [0, 0, 0])
    articles = []
    for name in sorted(per_article):
        status, reason = (article_status or {}).get(name, (None, None))
        articles.append(
            ArticleScore(
                **counts(*per_article[name]).model_dump(), article=name, status=status, reason=reason
            )
        )
    missed = _unmatched(gold, pred, matched_gold, matched_pred, gold=True)
    extra = _unmatched(pred, gold, matched_pred, matched_gold, gold=False)
    return EvaluationReport(
        events=counts(len(pairs), len(pred), len(gold)),
        fields=field_scores,
        geo=geo_errors(distances),
        articles=articles,
        missed=missed,
        extra=extra,
        missed_reasons=_by_reason(missed, MISSED_REASONS),
        extra_reasons=_by_reason(extra, EXTRA_REASONS),
    )


def evaluate_files(pred: str | Path, gold: str | Path) -> EvaluationReport:
    """Return the evaluation of the events in file/folder `pred` against those in `gold` (see read_events)."""
    return score_events(read_events(pred), read_events(gold))
