"""Score predicted events against ACLED-format gold: event matching, per-field scores, geocoding error.

The flow: read both sides as EventRow (`eventwire.gold`), pair them one-to-one (`match_events`), then
count (`score_events` -> EvaluationReport). `evaluate_corpus` runs extraction over a folder of articles
with gold beside them; `evaluate_acled_notes` runs it over ACLED's own notes and scores each against its
row. Everything here is deterministic: the same inputs give the same report.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import math
import random
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from eventwire.errors import EventwireError, InputError
from eventwire.geo.distance import distance_km as haversine_km
from eventwire.gold import GOLD_SUFFIX, EventRow, event_row, read_acled_csv, read_events, read_gold_json
from eventwire.model import Article, Mention

log = logging.getLogger(__name__)

SCORED_FIELDS: tuple[str, ...] = (
    "event_type", "sub_event_type", "actor1", "actor2", "location", "fatalities", "claimant", "stance",
)  # fmt: skip

# ACLED geo_precision -> how far a predicted point may lie from the gold point and still be the same place.
TOLERANCE_KM_BY_GEO_PRECISION: dict[int, float] = {1: 10.0, 2: 30.0, 3: 100.0}
DEFAULT_TOLERANCE_KM = 10.0
# Two points this close name the same place even when the spellings differ (Khiam / Al-Khiyam).
SAME_PLACE_KM = 5.0
# ACLED time_precision -> days a predicted date may differ. Precision 1 allows one day: overnight strikes
# are dated by the report's morning as often as by the night, and a gate of 0 would count one correct
# event as both a miss and a false alarm.
DATE_SLACK_DAYS: dict[int, int] = {1: 1, 2: 7, 3: 31}

# Event types that describe the same happening when coders disagree: an air strike on fighters is an
# Explosions/Remote violence event to one and a Battle to another; an interception (Strategic
# developments / Disrupted weapons use) is the other half of a missile attack; a mob attack is a Riot or
# Violence against civilians. Pairs across these are matchable; the event_type field still scores them wrong.
_VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")
COMPATIBLE_EVENT_TYPES: frozenset[frozenset[str]] = frozenset(
    {frozenset({a, b}) for a in _VIOLENCE for b in _VIOLENCE if a != b}
    | {
        frozenset({"Protests", "Riots"}),
        frozenset({"Riots", "Violence against civilians"}),
        frozenset({"Strategic developments", "Explosions/Remote violence"}),
    }
)

_FOLDED_COMPATIBLE = frozenset(frozenset(t.casefold() for t in pair) for pair in COMPATIBLE_EVENT_TYPES)

# Above this many events in one connected group, optimal assignment (cubic) gives way to greedy-by-score.
OPTIMAL_MATCH_LIMIT = 150


# ---------------------------------------------------------------------------------------------- names


@functools.lru_cache(maxsize=65536)
def fold_text(text: str | None) -> str:
    """Return text casefolded, without accents, dashes unified and whitespace collapsed ('' for None)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text.casefold())
    text = text.replace("\u2019", "'").replace("`", "'")
    return " ".join(text.split())


# "Military Forces of Israel (2022-) Air Force": the branch or unit ACLED appends after a state's regime years
_BRANCH_SUFFIX = re.compile(r"^((?:military|police) forces of .+?\(\d{4}-(?:\d{4})?\))\s+\S.*$")


@functools.lru_cache(maxsize=65536)
def normalise_actor(name: str | None) -> str:
    """Return the comparison key of an actor or claimant name: folded, punctuation spaced, 'the' dropped, and a
    state force's branch suffix removed (docs/coding.md section 3: the gold keeps the force level)."""
    text = _BRANCH_SUFFIX.sub(r"\1", fold_text(name))
    text = re.sub(r"\s*([(),:;/-])\s*", r"\1", text)
    text = re.sub(r"^the ", "", text)
    return text.strip(" .")


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ag|ar|as|ash|at|az|an|ed|er|es|et|ez|ech|ej|le|la)[- ']")


@functools.lru_cache(maxsize=65536)
def normalise_place(name: str | None) -> str:
    """Return the comparison key of a place name: folded, Arabic article dropped, letters only."""
    text = fold_text(name)
    text = _ARTICLE_PREFIX.sub("", text)
    text = re.sub(r"[^a-z0-9]", "", text)
    return re.sub(r"(.)\1+", r"\1", text)  # Tayr Harfa / Tayr Harrfa, Jabalia / Jabaliyya after doubling


def tolerance_km(gold: EventRow) -> float:
    """Return how far (km) a prediction may be from this gold event: its tolerance_km, else by geo_precision."""
    if gold.tolerance_km is not None:
        return gold.tolerance_km
    if gold.geo_precision is not None:
        return TOLERANCE_KM_BY_GEO_PRECISION[gold.geo_precision]
    return DEFAULT_TOLERANCE_KM


def distance_km(pred: EventRow, gold: EventRow) -> float | None:
    """Return the distance between the two events' points, or None when either has no coordinates."""
    if None in (pred.latitude, pred.longitude, gold.latitude, gold.longitude):
        return None
    return haversine_km(pred.latitude, pred.longitude, gold.latitude, gold.longitude)  # type: ignore[arg-type]


def compatible_event_types(a: str | None, b: str | None) -> bool:
    """Return whether two ACLED event types may describe the same happening (see COMPATIBLE_EVENT_TYPES)."""
    if not a or not b:
        return False
    a, b = fold_text(a), fold_text(b)
    return a == b or frozenset({a, b}) in _FOLDED_COMPATIBLE


# ------------------------------------------------------------------------------------------- matching


def place_agrees(pred: EventRow, gold: EventRow, *, within_km: float) -> bool:
    """Return whether the predicted place is the gold place: points within `within_km`, else same name."""
    if None not in (pred.latitude, pred.longitude, gold.latitude, gold.longitude):
        if abs(pred.latitude - gold.latitude) * 110.5 > within_km:  # type: ignore[operator]
            return False  # a degree of latitude is never shorter than 110.5 km
        return haversine_km(pred.latitude, pred.longitude, gold.latitude, gold.longitude) <= within_km  # type: ignore[arg-type]
    if gold.location is None and gold.latitude is None:
        return True  # the gold coder did not place the event; nothing to disagree with
    return bool(gold.location) and normalise_place(pred.location) == normalise_place(gold.location)


def _date_slack(pred: EventRow, gold: EventRow) -> int:
    return DATE_SLACK_DAYS[max(pred.time_precision, gold.time_precision)]


def match_score(pred: EventRow, gold: EventRow) -> float | None:
    """Return how well a predicted event fits a gold event in [0, 1), or None if they cannot be one event.

    They can be one event when their articles agree (or either is unknown), the dates differ by no more
    than the time precision allows, the event types are compatible and the place is within the gold
    tolerance. Among those, agreement on type, sub-type, place, date and actor1 ranks the candidates.
    """
    if pred.article is not None and gold.article is not None and pred.article != gold.article:
        return None
    if gold.event_date is not None:
        if pred.event_date is None:
            return None
        delta = abs((pred.event_date - gold.event_date).days)
        slack = _date_slack(pred, gold)
        if delta > slack:
            return None
    else:
        delta, slack = 0, 1
    limit = tolerance_km(gold)
    if not place_agrees(pred, gold, within_km=limit):
        return None
    if not compatible_event_types(pred.event_type, gold.event_type):
        return None
    km = distance_km(pred, gold)
    closeness = 1.0 - km / (limit * 1.001) if km is not None else 0.5
    score = (
        0.3 * (fold_text(pred.event_type) == fold_text(gold.event_type))
        + 0.2 * (fold_text(pred.sub_event_type) == fold_text(gold.sub_event_type))
        + 0.25 * closeness
        + 0.15 * (1.0 - delta / (slack + 1))
        + 0.1 * (normalise_actor(pred.actor1) == normalise_actor(gold.actor1))
    )
    return min(score, 0.999999)


def _candidate_pairs(pred: Sequence[EventRow], gold: Sequence[EventRow]) -> dict[tuple[int, int], float]:
    """Return every admissible (pred index, gold index) -> score, looking only at nearby dates."""
    by_date: dict[dt.date, list[int]] = defaultdict(list)  # gold reachable from a day, by the gold's slack
    dateless: list[int] = []
    exact: dict[dt.date, list[int]] = defaultdict(list)
    for j, g in enumerate(gold):
        if g.event_date is None:
            dateless.append(j)
            continue
        exact[g.event_date].append(j)
        slack = DATE_SLACK_DAYS[g.time_precision]
        for offset in range(-slack, slack + 1):
            by_date[g.event_date + dt.timedelta(days=offset)].append(j)
    scores: dict[tuple[int, int], float] = {}
    for i, p in enumerate(pred):
        candidates = set(dateless)
        if p.event_date is not None:
            candidates.update(by_date.get(p.event_date, ()))
            slack = DATE_SLACK_DAYS[p.time_precision]
            for offset in range(-slack, slack + 1):
                candidates.update(exact.get(p.event_date + dt.timedelta(days=offset), ()))
        for j in sorted(candidates):
            score = match_score(p, gold[j])
            if score is not None:
                scores[(i, j)] = score
    return scores


def _components(pairs: Iterable[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    """Return the connected groups of the pred-gold candidate graph, each as (preds, golds), sorted."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in pairs:
        a, b = root(("p", i)), root(("g", j))
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for node in list(parent):
        side, index = node
        groups[root(node)][0 if side == "p" else 1].append(index)
    return sorted((sorted(p), sorted(g)) for p, g in groups.values())


def _assign_min_cost(cost: list[list[float]]) -> list[int]:
    """Return, for each row, the column of a minimum-cost assignment (rows <= columns), by shortest paths."""
    rows, cols = len(cost), len(cost[0])
    inf = float("inf")
    row_pot = [0.0] * (rows + 1)
    col_pot = [0.0] * (cols + 1)
    owner = [0] * (cols + 1)  # owner[c] = 1-based row holding column c; column 0 is the virtual start
    for r in range(1, rows + 1):
        owner[0] = r
        c0 = 0
        best = [inf] * (cols + 1)
        via = [0] * (cols + 1)
        done = [False] * (cols + 1)
        while True:
            done[c0] = True
            r0, delta, c1 = owner[c0], inf, 0
            for c in range(1, cols + 1):
                if done[c]:
                    continue
                reduced = cost[r0 - 1][c - 1] - row_pot[r0] - col_pot[c]
                if reduced < best[c]:
                    best[c], via[c] = reduced, c0
                if best[c] < delta:
                    delta, c1 = best[c], c
            for c in range(cols + 1):
                if done[c]:
                    row_pot[owner[c]] += delta
                    col_pot[c] -= delta
                else:
                    best[c] -= delta
            c0 = c1
            if owner[c0] == 0:
                break
        while c0:
            c_prev = via[c0]
            owner[c0] = owner[c_prev]
            c0 = c_prev
    assignment = [-1] * rows
    for c in range(1, cols + 1):
        if owner[c]:
            assignment[owner[c] - 1] = c - 1
    return assignment


def _optimal(
    preds: list[int], golds: list[int], scores: dict[tuple[int, int], float]
) -> list[tuple[int, int]]:
    # Weight n + score puts the number of matches first, then their quality: k+1 matches always outweigh k.
    n = max(len(preds), len(golds))
    transpose = len(preds) > len(golds)
    rows, cols = (golds, preds) if transpose else (preds, golds)

    def weight(r: int, c: int) -> float:
        key = (c, r) if transpose else (r, c)
        return n + scores[key] if key in scores else 0.0

    cost = [[-weight(r, c) for c in cols] for r in rows]
    pairs = []
    for r_index, c_index in enumerate(_assign_min_cost(cost)):
        r, c = rows[r_index], cols[c_index]
        key = (c, r) if transpose else (r, c)
        if key in scores:
            pairs.append(key)
    return pairs


def _greedy(
    preds: list[int], golds: list[int], scores: dict[tuple[int, int], float]
) -> list[tuple[int, int]]:
    keep_p, keep_g = set(preds), set(golds)
    ranked = sorted(
        ((s, i, j) for (i, j), s in scores.items() if i in keep_p and j in keep_g),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in ranked:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def match_events(pred: Sequence[EventRow], gold: Sequence[EventRow]) -> list[tuple[int, int]]:
    """Return one-to-one (pred index, gold index) pairs: the most matches, then the best-fitting ones.

    Optimal assignment within each connected group of candidates (greedy by score for groups larger than
    OPTIMAL_MATCH_LIMIT). Sorted by gold index; deterministic.
    """
    scores = _candidate_pairs(pred, gold)
    pairs: list[tuple[int, int]] = []
    for preds, golds in _components(scores):
        if len(preds) == 1 and len(golds) == 1:
            pairs.append((preds[0], golds[0]))
        elif max(len(preds), len(golds)) <= OPTIMAL_MATCH_LIMIT:
            pairs.extend(_optimal(preds, golds, scores))
        else:
            pairs.extend(_greedy(preds, golds, scores))
    return sorted(pairs, key=lambda ij: (ij[1], ij[0]))


# -------------------------------------------------------------------------------------------- scoring


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


class EvaluationReport(BaseModel):
    """The whole evaluation: events, fields, geocoding, per article, and what was missed or extra."""

    model_config = ConfigDict(extra="forbid")

    events: Counts
    fields: dict[str, FieldScore]
    geo: GeoErrors
    articles: list[ArticleScore]
    missed: list[EventSummary] = Field(default_factory=list)
    extra: list[EventSummary] = Field(default_factory=list)

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


def _summary(row: EventRow) -> EventSummary:
    return EventSummary(
        article=row.article, event_date=row.event_date, event_type=row.event_type,
        sub_event_type=row.sub_event_type, actor1=row.actor1, location=row.location,
        evidence=row.evidence or row.notes,
    )  # fmt: skip


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
    return EvaluationReport(
        events=counts(len(pairs), len(pred), len(gold)),
        fields=field_scores,
        geo=geo_errors(distances),
        articles=articles,
        missed=[_summary(g) for j, g in enumerate(gold) if j not in matched_gold],
        extra=[_summary(p) for i, p in enumerate(pred) if i not in matched_pred],
    )


def evaluate_files(pred: str | Path, gold: str | Path) -> EvaluationReport:
    """Return the evaluation of the events in file/folder `pred` against those in `gold` (see read_events)."""
    return score_events(read_events(pred), read_events(gold))


# ------------------------------------------------------------------------------ extraction under test


def row_from_mention(
    mention: Mention, *, article: Article | None = None, name: str | None = None
) -> EventRow:
    """Return the EventRow of a Mention through `normalise.mention_to_row`: the ACLED row users get.

    `name` keys the row to its article in the report; evidence keeps the words of the trigger (or the
    first evidence span), so misses and false alarms read as text.
    """
    from eventwire.normalise import mention_to_row

    row = event_row(mention_to_row(mention, article=article), article=name, where="mention")
    span = mention.evidence.get("trigger") or next(iter(mention.evidence.values()), None)
    return row.model_copy(update={"evidence": span.text if span else None})


def _load_pipeline(pipeline: object | None) -> object:
    if pipeline is not None:
        return pipeline
    from eventwire.pipeline import Pipeline

    return Pipeline.load()


def corpus_articles(directory: str | Path) -> list[tuple[Path, Path]]:
    """Return the (NAME.txt, NAME.gold.json) pairs of a corpus folder (or of its `articles/` subfolder)."""
    root = Path(directory)
    if (root / "articles").is_dir():
        root = root / "articles"
    if not root.is_dir():
        raise InputError(
            f"{directory}: not a folder; give a folder of NAME.txt files with NAME.gold.json beside them"
        )
    pairs = [(text, text.with_name(text.stem + GOLD_SUFFIX)) for text in sorted(root.glob("*.txt"))]
    pairs = [(text, gold) for text, gold in pairs if gold.exists()]
    if not pairs:
        raise InputError(f"{root}: no NAME.txt with a NAME.gold.json beside it")
    return pairs


def evaluate_corpus(
    directory: str | Path,
    *,
    pipeline: object | None = None,
    on_article: Callable[[str], None] | None = None,
) -> EvaluationReport:
    """Return the evaluation of extraction over a corpus folder: each NAME.txt against NAME.gold.json.

    `pipeline` is an `eventwire.Pipeline` (loaded here when None). An article that cannot be read or
    extracted counts as predicting nothing, with its status and reason in the per-article breakdown.
    """
    from eventwire.ingest.text import read_text

    pipeline = _load_pipeline(pipeline)
    pred: list[EventRow] = []
    gold: list[EventRow] = []
    status: dict[str, tuple[str, str | None]] = {}
    readable: list[tuple[str, Article]] = []
    for text_path, gold_path in corpus_articles(directory):
        name = text_path.stem
        gold.extend(read_gold_json(gold_path, article=name))
        try:
            readable.append((name, read_text(text_path.read_bytes(), name=str(text_path))))
        except EventwireError as exc:
            log.warning("%s: scored as no prediction: %s", text_path, exc)
            status[name] = ("unreadable", str(exc))
    results = pipeline.extract_articles(article for _, article in readable)  # type: ignore[attr-defined]
    for (name, article), result in zip(readable, results, strict=True):
        if on_article is not None:
            on_article(name)
        pred.extend(row_from_mention(m, article=article, name=name) for m in result.mentions)
        status[name] = (result.status, result.reason)
    return score_events(pred, gold, article_status=status)


# -------------------------------------------------------------------------------- ACLED notes benchmark

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


def placement_markdown(results: Sequence[NoteResult]) -> str:
    """Return the per-country placement table as Markdown."""
    lines = [
        "| country | notes | found (±1 day) | placed within tolerance | wrong country |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in placement_table(results):
        lines.append(
            f"| {row['country']} | {row['notes']} | {row['found']} | {row['placed']} "
            f"({_pct(row['placed_share'])} %) | {row['wrong_country']} ({_pct(row['wrong_country_share'])} %) |"
        )
    return "\n".join(lines) + "\n"


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
        gold=_summary(gold),
        gold_fatalities=gold.fatalities,
        geo_precision=gold.geo_precision,
        mentions=len(predicted),
        predicted=_summary(best) if best is not None else None,
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
    pipeline = _load_pipeline(pipeline)
    articles = [Article.from_text(note_text(row.notes or ""), published=row.event_date) for row in rows]
    extracted = pipeline.extract_articles(articles)  # type: ignore[attr-defined]
    results = []
    for number, (row, article, result) in enumerate(zip(rows, articles, extracted, strict=True), start=1):
        if on_row is not None:
            on_row(number, len(rows))
        predicted = [row_from_mention(m, article=article) for m in result.mentions]
        error = result.reason if result.status == "unreadable" else None
        results.append(score_note(row, predicted, error=error))
    return notes_report(results)


# ------------------------------------------------------------------------------------------ rendering

ReportFormat = Literal["table", "json", "markdown"]
MARKDOWN_EVENT_LINES = 40  # misses and false alarms listed in Markdown; JSON has them all


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def _km(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def report_json(report: EvaluationReport | NotesReport) -> str:
    """Return a report as indented JSON (dates as YYYY-MM-DD)."""
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False)


def report_markdown(report: EvaluationReport | NotesReport) -> str:
    """Return a report as Markdown tables."""
    if isinstance(report, NotesReport):
        return notes_markdown(report)
    e = report.events
    lines = [
        "## Events",
        "",
        "| matched | predicted | gold | precision | recall | F1 |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {e.correct} | {e.predicted} | {e.expected} | {_pct(e.precision)} | {_pct(e.recall)} | {_pct(e.f1)} |",
        "",
        "## Fields (accuracy over matched pairs; P/R/F1 over all events)",
        "",
        "| field | pairs | accuracy | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for f in report.fields.values():
        lines.append(
            f"| {f.field} | {f.pairs} | {_pct(f.accuracy)} | {_pct(f.precision)} | {_pct(f.recall)} | {_pct(f.f1)} |"
        )
    g = report.geo
    lines += [
        "",
        "## Geocoding error (matched pairs)",
        "",
        "| pairs | median km | mean km | p90 km | within 5 km | within 25 km |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {g.pairs} | {_km(g.median_km)} | {_km(g.mean_km)} | {_km(g.p90_km)} | {_pct(g.within_5km)} | "
        f"{_pct(g.within_25km)} |",
        "",
        "## Per article",
        "",
        "| article | gold | predicted | matched | precision | recall | F1 | status |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for a in report.articles:
        lines.append(
            f"| {a.article or '(none)'} | {a.expected} | {a.predicted} | {a.correct} | {_pct(a.precision)} | "
            f"{_pct(a.recall)} | {_pct(a.f1)} | {a.status or ''} |"
        )
    for title, events in (
        ("Missed gold events", report.missed),
        ("Predicted events without gold", report.extra),
    ):
        if not events:
            continue
        lines += [
            "",
            f"## {title} ({len(events)})",
            "",
            "| article | date | type | actor1 | location | evidence |",
        ]
        lines.append("|---|---|---|---|---|---|")
        for e in events[:MARKDOWN_EVENT_LINES]:
            evidence = (e.evidence or "").replace("|", "/").replace("\n", " ")[:120]
            lines.append(
                f"| {e.article or ''} | {e.event_date or ''} | {e.sub_event_type or e.event_type or ''} | "
                f"{e.actor1 or ''} | {e.location or ''} | {evidence} |"
            )
    return "\n".join(lines) + "\n"


def notes_markdown(report: NotesReport, *, misses: int = 15) -> str:
    """Return the ACLED-notes benchmark as Markdown: scores, event-type confusion, most common misses."""
    lines = [
        f"## ACLED notes: {report.rows} rows, {report.mentions_per_note:.2f} predicted events per note",
        "",
        "| " + " | ".join(NOTE_CHECKS) + " |",
        "|" + "---:|" * len(NOTE_CHECKS),
        "| " + " | ".join(_pct(report.scores[c]) for c in NOTE_CHECKS) + " |",
        "",
        "## Event type confusion (rows: gold, columns: predicted)",
        "",
    ]
    predicted_types = sorted({p for row in report.confusion.values() for p in row})
    lines.append("| gold \\ predicted | " + " | ".join(predicted_types) + " |")
    lines.append("|---|" + "---:|" * len(predicted_types))
    for gold, row in report.confusion.items():
        lines.append(f"| {gold} | " + " | ".join(str(row.get(p, 0)) for p in predicted_types) + " |")
    for check in ("sub_event_type", "actor1"):
        lines += ["", f"## Most common {check} misses", "", "| gold | predicted | rows |", "|---|---|---:|"]
        lines += [f"| {g} | {p} | {n} |" for g, p, n in report.misses(check, limit=misses)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------- ratchet

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
