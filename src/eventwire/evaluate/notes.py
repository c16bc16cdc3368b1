"""The ACLED-notes benchmark: extract each ACLED row's own notes and score the events against that row."""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from eventwire.evaluate.corpus import load_pipeline, row_from_mention
from eventwire.evaluate.matching import (
    TOLERANCE_KM_BY_GEO_PRECISION,
    distance_km,
    fold_text,
    normalise_actor,
    place_agrees,
)
from eventwire.evaluate.scoring import EventSummary, event_summary
from eventwire.gold import EventRow, read_acled_csv
from eventwire.model import Article

NOTE_CHECKS: tuple[str, ...] = ("found", "event_type", "sub_event_type", "actor1", "place", "fatalities")

_NOTE_TAGS = re.compile(r"(\s*\[[^\[\]]*\])+\s*$")


def note_text(notes: str) -> str:
    """Return an ACLED note as an article would say it: without trailing coder tags like '[size=no report]'."""
    return _NOTE_TAGS.sub("", notes).strip()


class NotePlacement(BaseModel):
    """Where extraction put one ACLED note's event, judged only among predictions dated within a day.

    `dated`: some prediction lies within PLACEMENT_DAYS of ACLED's date (the event was found); `placed`: the
    nearest of those lies within the tolerance of ACLED's geo_precision (10/30/100 km for 1/2/3);
    `wrong_country`: that nearest prediction is in another country than ACLED's.
    """

    model_config = ConfigDict(extra="forbid")

    dated: bool
    placed: bool = False
    wrong_country: bool = False
    distance_km: float | None = None
    predicted_country: str | None = None


class NoteResult(BaseModel):
    """How extraction did on one ACLED note, against that note's own row."""

    model_config = ConfigDict(extra="forbid")

    event_id: str | None
    gold: EventSummary
    gold_fatalities: int | None
    geo_precision: int | None
    mentions: int
    predicted: EventSummary | None = None
    predicted_fatalities: int | None = None
    distance_km: float | None = None
    checks: dict[str, bool]
    error: str | None = None
    country: str | None = None  # ACLED's country of the row
    placement: NotePlacement | None = None


class NotesReport(BaseModel):
    """The ACLED-notes benchmark: share of notes right on each check, type confusion, every row's result."""

    model_config = ConfigDict(extra="forbid")

    rows: int
    scores: dict[str, float]
    mentions_per_note: float
    confusion: dict[str, dict[str, int]]  # gold event_type -> predicted event_type ("(none)") -> rows
    results: list[NoteResult]

    def misses(self, check: str = "sub_event_type", *, limit: int = 15) -> list[tuple[str, str, int]]:
        """Return the most common (gold, predicted) value pairs among rows failing `check`, most first."""
        key = {"event_type": "event_type", "sub_event_type": "sub_event_type", "actor1": "actor1"}.get(check)
        tally: Counter[tuple[str, str]] = Counter()
        for result in self.results:
            if result.checks.get(check, True):
                continue
            field = key or "sub_event_type"
            gold_value = getattr(result.gold, field) or "(none)"
            pred_value = (getattr(result.predicted, field) if result.predicted else None) or "(none)"
            tally[(gold_value, pred_value)] += 1
        return [(g, p, n) for (g, p), n in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def note_checks(gold: EventRow, predicted: EventRow | None) -> dict[str, bool]:
    """Return which checks one predicted event passes against an ACLED row (all False when None)."""
    if predicted is None:
        return dict.fromkeys(NOTE_CHECKS, False)
    within = TOLERANCE_KM_BY_GEO_PRECISION[gold.geo_precision or 1]
    return {
        "found": True,
        "event_type": fold_text(predicted.event_type) == fold_text(gold.event_type),
        "sub_event_type": fold_text(predicted.sub_event_type) == fold_text(gold.sub_event_type),
        "actor1": normalise_actor(predicted.actor1) == normalise_actor(gold.actor1),
        "place": place_agrees(predicted, gold, within_km=within),
        "fatalities": (predicted.fatalities or 0) == (gold.fatalities or 0),
    }


PLACEMENT_DAYS = 1  # a prediction dated this many days from ACLED's date or fewer is the note's event


def note_split(event_id: str | None, *, held_out: float = 0.3) -> str:
    """Return "held-out" or "dev" for an ACLED event id, fixed by a hash of the id (not by a seed or order).

    The held-out share is never read while writing rules; the dev share may be read.
    """
    digest = hashlib.sha256((event_id or "").encode("utf-8")).digest()
    return "held-out" if int.from_bytes(digest[:4], "big") / 2**32 < held_out else "dev"


def note_placement(gold: EventRow, predicted: Sequence[EventRow]) -> NotePlacement:
    """Return how the predictions dated within a day of ACLED's event are placed against ACLED's point."""
    dated = [
        p
        for p in predicted
        if gold.event_date is None
        or (p.event_date is not None and abs((p.event_date - gold.event_date).days) <= PLACEMENT_DAYS)
    ]
    if not dated:
        return NotePlacement(dated=False)
    within = TOLERANCE_KM_BY_GEO_PRECISION[gold.geo_precision or 1]
    best, best_km = dated[0], distance_km(dated[0], gold)
    for p in dated[1:]:
        km = distance_km(p, gold)
        if km is not None and (best_km is None or km < best_km):
            best, best_km = p, km
    wrong = bool(best.country and gold.country) and fold_text(best.country) != fold_text(gold.country)
    return NotePlacement(
        dated=True,
        placed=best_km is not None and best_km <= within,
        wrong_country=wrong,
        distance_km=best_km,
        predicted_country=best.country,
    )


def placement_table(results: Sequence[NoteResult]) -> list[dict[str, object]]:
    """Return per-country placement rows (country, notes, found, placed, wrong country), all countries first.

    Shares are of the notes whose event was found (a prediction within a day of ACLED's date).
    """
    groups: dict[str, list[NoteResult]] = defaultdict(list)
    for r in results:
        groups["(all)"].append(r)
        groups[r.country or "(none)"].append(r)
    rows = []
    for country, members in sorted(groups.items(), key=lambda kv: (kv[0] != "(all)", -len(kv[1]), kv[0])):
        found = [r for r in members if r.placement and r.placement.dated]
        placed = sum(r.placement.placed for r in found)  # type: ignore[union-attr]
        wrong = sum(r.placement.wrong_country for r in found)  # type: ignore[union-attr]
        rows.append(
            {
                "country": country,
                "notes": len(members),
                "found": len(found),
                "placed": placed,
                "wrong_country": wrong,
                "placed_share": placed / len(found) if found else None,
                "wrong_country_share": wrong / len(found) if found else None,
            }
        )
    return rows


def score_note(gold: EventRow, predicted: Sequence[EventRow], *, error: str | None = None) -> NoteResult:
    """Return the result of one ACLED note: the predicted event that agrees most with the row is scored.

    Taking the best of several predictions favours systems that say more, so `mentions` is kept and the
    report gives the mean number of predictions per note beside the scores.
    """
    best: EventRow | None = None
    best_checks = note_checks(gold, None)
    for candidate in predicted:
        checks = note_checks(gold, candidate)
        if best is None or sum(checks.values()) > sum(best_checks.values()):
            best, best_checks = candidate, checks
    return NoteResult(
        event_id=gold.event_id,
        gold=event_summary(gold),
        gold_fatalities=gold.fatalities,
        geo_precision=gold.geo_precision,
        mentions=len(predicted),
        predicted=event_summary(best) if best is not None else None,
        predicted_fatalities=best.fatalities if best is not None else None,
        distance_km=distance_km(best, gold) if best is not None else None,
        checks=best_checks,
        error=error,
        country=gold.country,
        placement=note_placement(gold, predicted),
    )


def notes_report(results: Sequence[NoteResult]) -> NotesReport:
    """Return the benchmark summary of per-note results."""
    n = len(results)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for result in results:
        predicted = (result.predicted.event_type if result.predicted else None) or "(none)"
        confusion[result.gold.event_type or "(none)"][predicted] += 1
    return NotesReport(
        rows=n,
        scores={check: sum(r.checks[check] for r in results) / n if n else 0.0 for check in NOTE_CHECKS},
        mentions_per_note=sum(r.mentions for r in results) / n if n else 0.0,
        confusion={gold: dict(sorted(row.items())) for gold, row in sorted(confusion.items())},
        results=list(results),
    )


def stratified_sample(
    rows: Sequence[EventRow], size: int, *, seed: int = 0, by: Callable[[EventRow], str] | None = None
) -> list[EventRow]:
    """Return `size` rows drawn evenly across strata (event_type by default), reproducibly for a seed.

    Each stratum gets an equal share (a rare type is as well measured as Protests); a stratum with too
    few rows gives its leftover share to the others. Rows keep their input order.
    """
    key = by or (lambda row: row.event_type or "")
    strata: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        strata[key(row)].append(index)
    rng = random.Random(seed)
    shuffled = {name: rng.sample(indexes, len(indexes)) for name, indexes in sorted(strata.items())}
    quota = dict.fromkeys(shuffled, 0)
    remaining = min(size, len(rows))
    while remaining:
        open_strata = [name for name in shuffled if quota[name] < len(shuffled[name])]
        share, extra = divmod(remaining, len(open_strata))
        for position, name in enumerate(open_strata):
            take = min(share + (position < extra), len(shuffled[name]) - quota[name])
            quota[name] += take
            remaining -= take
    chosen = sorted(index for name, indexes in shuffled.items() for index in indexes[: quota[name]])
    return [rows[index] for index in chosen]


def evaluate_acled_notes(
    source: str | Path | Sequence[EventRow],
    *,
    sample: int | None = None,
    seed: int = 0,
    pipeline: object | None = None,
    on_row: Callable[[int, int], None] | None = None,
    split: str | None = None,
    countries: Collection[str] = (),
    by: Callable[[EventRow], str] | None = None,
) -> NotesReport:
    """Return the ACLED-notes benchmark: extract each row's notes (published = its event_date), score it.

    `source` is an ACLED CSV (path) or rows already read; `split` keeps one share of `note_split` ("dev" or
    "held-out"), `countries` keeps those countries (ACLED names); `sample` draws a stratified sample by event
    type, or by `by`.
    A note that fails to extract counts as nothing found, with the error kept on its result.
    """
    rows = list(read_acled_csv(source) if isinstance(source, str | Path) else source)
    rows = [row for row in rows if row.notes]
    if split is not None:
        rows = [row for row in rows if note_split(row.event_id) == split]
    if countries:
        wanted = {fold_text(c) for c in countries}
        rows = [row for row in rows if fold_text(row.country) in wanted]
    if sample is not None:
        rows = stratified_sample(rows, sample, seed=seed, by=by)
    pipeline = load_pipeline(pipeline)
    articles = [Article.from_text(note_text(row.notes or ""), published=row.event_date) for row in rows]
    actors = pipeline.resources.actors  # type: ignore[attr-defined]
    extracted = pipeline.extract_articles(articles)  # type: ignore[attr-defined]
    results = []
    for number, (row, article, result) in enumerate(zip(rows, articles, extracted, strict=True), start=1):
        if on_row is not None:
            on_row(number, len(rows))
        predicted = [row_from_mention(m, article=article, actors=actors) for m in result.mentions]
        error = result.reason if result.status == "unreadable" else None
        results.append(score_note(row, predicted, error=error))
    return notes_report(results)
