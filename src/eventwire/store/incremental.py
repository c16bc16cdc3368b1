"""How new mentions join the stored events: stable event keys, match rows and running aggregates.

Each stored event has a stable key (the id of its first mention; its event_id, a hash of its mentions, changes
as mentions join) and its EventState, the aggregates its row is made of. For every distinct way the event was
told (merge.match_key: all that same_event reads of a mention) it has one row in event_matches. A batch reads
the match rows near its new mentions, links, and adds the new mentions' state to each event they join: the
cost follows the batch and the ways nearby events were told, never the count of mentions they hold. When a new
mention links two stored events, the smaller takes the larger's key (its mentions move; a mention moves at
most log2(n) times). The stored events stay equal to merge_mentions over everything stored.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from eventwire.merge import (
    DATE_TOLERANCE_DAYS,
    MAX_COMPATIBLE_TYPES,
    MAX_DATE_TOLERANCE_DAYS,
    MAX_PLACE_TOLERANCE_KM,
    EventState,
    compatible_sub_event_types,
    connected_groups,
    match_key,
    place_key,
    rank_key,
    source_ref,
)
from eventwire.model import Article, Mention
from eventwire.store.rows import (
    EVENT_COLUMNS,
    EVENT_INSERT,
    MATCH_COLUMNS,
    MATCH_INSERT,
    MENTION_INSERT,
    ROWS_PER_INSERT,
    SOURCE_INSERT,
    article_of,
    chunks,
    event_params,
    iso_date,
    match_params,
    mention_params,
    values,
)

if TYPE_CHECKING:
    from eventwire.store.sql import Store

MENTIONS_PER_READ = 100  # new mentions per candidate read (3 VALUES rows each)
_KM_PER_DEG_LAT = 111.0


def write_merged(
    store: Store,
    new: dict[str, tuple[int, Mention]],
    articles: dict[str, Article],
    candidates: Iterable[Sequence[Any]],
    *,
    insert: bool = True,
) -> None:
    """Store new mentions (id -> (seq, mention)) and update the events they join or make.

    `candidates` are the match rows (event_key, match_key, data) of candidates_query. With `insert=False`
    the mentions are stored already and only get their event (the migration that builds keys and states).
    """
    ids = sorted(new)
    nodes = [new[mid][1] for mid in ids]
    reps: dict[tuple[str, str], str] = {}
    for key, mkey, data in candidates:
        reps.setdefault((key, mkey), data)
    rep_keys = sorted(reps)
    nodes += [Mention.model_validate_json(reps[k]) for k in rep_keys]
    joined: dict[str, list[int]] = {}
    for n, (key, _) in enumerate(rep_keys, start=len(ids)):
        joined.setdefault(key, []).append(n)
    groups = connected_groups(nodes, joined=joined.values(), new=list(range(len(ids))))
    touched = [g for g in groups if any(i < len(ids) for i in g)]
    keys_of = [sorted({rep_keys[i - len(ids)][0] for i in g if i >= len(ids)}) for g in touched]

    states: dict[str, EventState] = {}
    for chunk in chunks(sorted({k for keys in keys_of for k in keys})):
        sql = f"SELECT key, state FROM events WHERE key IN ({', '.join('?' * len(chunk))})"
        states.update((key, EventState.from_json(state)) for key, state in store._query(sql, chunk))

    event_rows, mention_rows, match_rows, source_rows = [], [], [], []
    for group, keys in zip(touched, keys_of, strict=True):
        members = [ids[i] for i in group if i < len(ids)]
        told = [(mid, new[mid][1], articles.get(new[mid][1].article_id)) for mid in members]
        state = EventState()
        ordered = sorted(keys, key=lambda k: (-states[k].n, k))  # the largest event keeps its key
        for k in ordered:
            state.add(states[k])
        state.add(EventState.of(told))
        key = ordered[0] if ordered else min(members)
        if ordered:
            _absorb(store, key, ordered[1:])
            store._send(
                f"UPDATE events SET ({EVENT_COLUMNS}) = ({values(1, 15)[1:-1]}) WHERE key = ?",
                [*event_params(state.event(), state, key), key],
            )
        else:
            event_rows.append(event_params(state.event(), state, key))
        seen: set[str] = set()
        source_rows += sorted({(key, source_ref(mention, article)) for _, mention, article in told})
        for mid, mention, article in told:
            mention_rows.append(
                mention_params(mid, new[mid][0], mention, key, rank_key(mid, mention, article))
            )
            mkey = match_key(mention)
            if mkey is not None and mkey not in seen and (key, mkey) not in reps:
                seen.add(mkey)
                match_rows.append(match_params(key, mkey, mention))

    for chunk in chunks(event_rows, ROWS_PER_INSERT):
        store._send(EVENT_INSERT + values(len(chunk), 15), [p for row in chunk for p in row])
    if insert:
        for chunk in chunks(mention_rows, ROWS_PER_INSERT):
            store._send(
                MENTION_INSERT + values(len(chunk), 15) + " ON CONFLICT (id) DO NOTHING",
                [p for row in chunk for p in row],
            )
    else:
        for row in mention_rows:
            store._send("UPDATE mentions SET event_key = ?, rank = ? WHERE id = ?", [row[3], row[4], row[0]])
    for chunk in chunks(source_rows, ROWS_PER_INSERT):
        store._send(
            SOURCE_INSERT + values(len(chunk), 2) + " ON CONFLICT (event_key, ref) DO NOTHING",
            [p for row in chunk for p in row],
        )
    for chunk in chunks(match_rows, ROWS_PER_INSERT):
        store._send(
            MATCH_INSERT + values(len(chunk), 9) + " ON CONFLICT (event_key, match_key) DO NOTHING",
            [p for row in chunk for p in row],
        )


def _absorb(store: Store, key: str, others: list[str]) -> None:
    """Fold the stored events `others` into the event `key`: their mentions, match rows and sources move."""
    for chunk in chunks(others):
        marks = ", ".join("?" * len(chunk))
        store._send(f"DELETE FROM events WHERE key IN ({marks})", chunk)
        store._send(f"UPDATE mentions SET event_key = ? WHERE event_key IN ({marks})", [key, *chunk])
        columns = MATCH_COLUMNS.removeprefix("event_key, ")
        store._send(
            f"INSERT INTO event_matches ({MATCH_COLUMNS}) SELECT ?, {columns} FROM event_matches "
            f"WHERE event_key IN ({marks}) ON CONFLICT (event_key, match_key) DO NOTHING",
            [key, *chunk],
        )
        store._send(f"DELETE FROM event_matches WHERE event_key IN ({marks})", chunk)
        store._send(
            f"INSERT INTO event_sources (event_key, ref) SELECT ?, ref FROM event_sources "
            f"WHERE event_key IN ({marks}) ON CONFLICT (event_key, ref) DO NOTHING",
            [key, *chunk],
        )
        store._send(f"DELETE FROM event_sources WHERE event_key IN ({marks})", chunk)


def rebuild_events(store: Store) -> None:
    """Give every stored mention its event key and every event its state and match rows (schema version 4).

    Stores written before version 4 kept events without keys or states: they are merged again once, all
    stored mentions at once, which gives the same events."""
    store._send("DELETE FROM events")
    store._send("DELETE FROM event_matches")
    store._send("DELETE FROM event_sources")
    sql = (
        "SELECT m.id, m.seq, m.data, a.id, a.url, a.title, a.publisher, a.published, a.language "
        "FROM mentions m JOIN articles a ON a.id = m.article_id"
    )
    new: dict[str, tuple[int, Mention]] = {}
    articles: dict[str, Article] = {}
    for mid, seq, data, *article in list(store._query(sql)):
        new[mid] = (seq, Mention.model_validate_json(data))
        articles.setdefault(article[0], article_of([*article, ""]))  # merging never reads the text
    if new:
        write_merged(store, new, articles, [], insert=False)


def candidates_query(mentions: Iterable[Mention], *, date_type: str) -> tuple[str, list[Any]]:
    """Return one query for the match rows (event_key, match_key, data) of every event these mentions might join.

    A candidate is what merge_mentions compares: a compatible sub-event type, and nearby coordinates or the
    same folded place name, within the date tolerance. The new mentions go in as VALUES rows joined to the
    indexes, so the query has four branches however many mentions there are (planning stays cheap): the
    same day (most reports) or the date window, with a box around the place; the few coarser-dated stored
    rows within a month, with that box; the same place name within a month.
    """
    exact: list[list[Any]] = []
    near: list[list[Any]] = []
    coarse: list[list[Any]] = []
    named: list[list[Any]] = []
    for mention in mentions:
        if mention.date is None or mention.place is None:
            continue  # merges with nothing
        place, day = mention.place, mention.date
        wide = [iso_date(day - dt.timedelta(days=MAX_DATE_TOLERANCE_DAYS)),
                iso_date(day + dt.timedelta(days=MAX_DATE_TOLERANCE_DAYS))]  # fmt: skip
        types = sorted(compatible_sub_event_types(mention.sub_event_type))
        types += types[-1:] * (MAX_COMPATIBLE_TYPES - len(types))  # padded: every VALUES row has n types
        if place.lat is not None and place.lon is not None:
            box = _box(place.lat, place.lon)
            window = DATE_TOLERANCE_DAYS.get(mention.time_precision or 1, MAX_DATE_TOLERANCE_DAYS)
            if window == 0:
                exact.append([iso_date(day), iso_date(day), *box, *types])
            else:
                days = [iso_date(day - dt.timedelta(days=window)), iso_date(day + dt.timedelta(days=window))]
                near.append([*days, *box, *types])
            coarse.append([*wide, *box, *types])
        key = place_key(mention)
        if key is not None:
            named.append([key, *wide, *types])
    # VALUES columns are column1, column2, … in both backends; the sub-event types come last.
    n = MAX_COMPATIBLE_TYPES
    dated = f"CAST(? AS {date_type})"
    box_row = f"({dated}, {dated}, ?, ?, ?, ?{', ?' * n})"
    in_box = (
        "c.latitude BETWEEN q.column3 AND q.column4 AND c.longitude BETWEEN q.column5 AND q.column6 "
        f"AND {_any_type(7, n)}"
    )
    in_window = "c.date BETWEEN q.column1 AND q.column2"
    shapes = [
        (exact, box_row, f"c.date = q.column1 AND {in_box}"),  # an equality keeps latitude in the index
        (near, box_row, f"{in_window} AND {in_box}"),
        (coarse, box_row, f"c.time_precision IN (2, 3) AND {in_window} AND {in_box}"),
        (named, f"(?, {dated}, {dated}{', ?' * n})",
         f"c.place_key = q.column1 AND c.date BETWEEN q.column2 AND q.column3 AND {_any_type(4, n)}"),
    ]  # fmt: skip
    branches: list[str] = []
    params: list[Any] = []
    for rows, row, on in shapes:
        # Reports of one story share their day, box and types: one VALUES row finds their candidates once.
        rows = list(dict.fromkeys(tuple(r) for r in rows))
        if rows:
            branches.append(
                f"SELECT c.event_key, c.match_key, c.data FROM (VALUES {', '.join([row] * len(rows))}) AS q "
                f"JOIN event_matches c ON {on}"
            )
            params += [p for r in rows for p in r]
    return " UNION ".join(
        branches
    ) or "SELECT event_key, match_key, data FROM event_matches WHERE 1 = 0", params


def _any_type(first: int, n: int) -> str:
    return f"c.sub_event_type IN ({', '.join(f'q.column{first + i}' for i in range(n))})"


def _box(lat: float, lon: float) -> list[float]:
    """Return min_lat, max_lat, min_lon, max_lon of a box wider than any place tolerance around a point."""
    # A circle's longitude extent exceeds km / cos(lat) a little, hence 5 %; near the poles and across the
    # antimeridian any longitude passes.
    margin = MAX_PLACE_TOLERANCE_KM / _KM_PER_DEG_LAT
    lon_margin = 1.05 * margin / max(math.cos(math.radians(lat)), 1e-9)
    if lon_margin > 10 or not -180.0 < lon - lon_margin < lon + lon_margin < 180.0:
        return [lat - margin, lat + margin, -360.0, 360.0]
    return [lat - margin, lat + margin, lon - lon_margin, lon + lon_margin]
