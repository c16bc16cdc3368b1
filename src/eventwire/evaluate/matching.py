"""Pair predicted events with gold events one-to-one: comparison keys, tolerances, match scores, assignment.

Two events can be one event when their dates agree within the time precision, their event types are
compatible and the place lies within the gold tolerance; among the admissible pairs, `match_events` takes
the most matches, then the best-fitting ones.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence

from eventwire.geo.distance import distance_km as haversine_km
from eventwire.gold import EventRow

# ACLED geo_precision -> how far a predicted point may lie from the gold point and still be the same place.
TOLERANCE_KM_BY_GEO_PRECISION: dict[int, float] = {1: 10.0, 2: 30.0, 3: 100.0}
DEFAULT_TOLERANCE_KM = 10.0
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


def disagreements(pred: EventRow, gold: EventRow) -> list[str]:
    """Return what keeps two events of one article from being one event: any of "day" (dates further apart than
    the time precision allows), "place" (beyond the gold tolerance), "type" (incompatible event types)."""
    out = []
    if gold.event_date is not None and (
        pred.event_date is None or abs((pred.event_date - gold.event_date).days) > _date_slack(pred, gold)
    ):
        out.append("day")
    if not place_agrees(pred, gold, within_km=tolerance_km(gold)):
        out.append("place")
    if not compatible_event_types(pred.event_type, gold.event_type):
        out.append("type")
    return out


def match_score(pred: EventRow, gold: EventRow) -> float | None:
    """Return how well a predicted event fits a gold event in [0, 1), or None if they cannot be one event.

    They can be one event when their articles agree (or either is unknown), the dates differ by no more
    than the time precision allows, the event types are compatible and the place is within the gold
    tolerance. Among those, agreement on type, sub-type, place, date and actor1 ranks the candidates.
    """
    if pred.article is not None and gold.article is not None and pred.article != gold.article:
        return None
    if disagreements(pred, gold):
        return None
    if gold.event_date is not None and pred.event_date is not None:
        delta, slack = abs((pred.event_date - gold.event_date).days), _date_slack(pred, gold)
    else:
        delta, slack = 0, 1
    limit = tolerance_km(gold)
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
