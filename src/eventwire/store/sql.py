"""The event store over SQL: schema, migrations, and the reads and writes both backends share.

A backend (SQLite, PostgreSQL) supplies a connection, its column types and how a transaction starts; this
module owns everything else, so both give the same rows for the same corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from eventwire.errors import StoreError
from eventwire.merge import (
    DATE_TOLERANCE_DAYS,
    MAX_COMPATIBLE_TYPES,
    MAX_DATE_TOLERANCE_DAYS,
    MAX_PLACE_TOLERANCE_KM,
    compatible_sub_event_types,
    mention_id,
    merge_identified,
    place_key,
)
from eventwire.model import Article, ArticleResult, ArticleStatus, Event, Mention

log = logging.getLogger(__name__)

# Migrations, oldest first: (version, statements). {date} and {float} are filled in per backend. Never edit a
# released step; add the next one.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        (
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY, url TEXT, title TEXT, publisher TEXT, published {date},
                language TEXT, text TEXT NOT NULL, status TEXT NOT NULL, reason TEXT,
                n_mentions INTEGER NOT NULL, ingested_at TEXT NOT NULL)""",
            "CREATE INDEX articles_status ON articles (status)",
            """CREATE TABLE events (
                id TEXT PRIMARY KEY, date {date}, country_code TEXT, country TEXT, event_type TEXT,
                sub_event_type TEXT, latitude {float}, longitude {float}, fatalities INTEGER NOT NULL,
                corroboration TEXT NOT NULL, n_mentions INTEGER NOT NULL, data TEXT NOT NULL,
                acled TEXT NOT NULL)""",
            "CREATE INDEX events_date ON events (date, id)",
            "CREATE INDEX events_country ON events (country_code, date)",
            "CREATE INDEX events_type ON events (event_type, date)",
            "CREATE INDEX events_position ON events (latitude, longitude)",
            """CREATE TABLE mentions (
                id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                seq INTEGER NOT NULL, event_id TEXT, date {date}, time_precision INTEGER, country_code TEXT,
                country TEXT, event_type TEXT, sub_event_type TEXT, latitude {float}, longitude {float},
                place_key TEXT, data TEXT NOT NULL)""",
            "CREATE INDEX mentions_article ON mentions (article_id, seq)",
            "CREATE INDEX mentions_event ON mentions (event_id)",
            "CREATE INDEX mentions_date ON mentions (date, latitude)",
            "CREATE INDEX mentions_place ON mentions (place_key, date)",
        ),
    ),
    # Coarser-dated mentions (last week, last month) are few; finding them without scanning a month of rows.
    (2, ("CREATE INDEX mentions_precision ON mentions (time_precision, date, latitude)",)),
    # A map view asks for a box and a date window: the window's index entries carry the position, so rows
    # outside the box are skipped without reading them (GET /events p99 from ~190 ms to ~20 ms, 100k events).
    (3, ("CREATE INDEX events_date_position ON events (date, latitude, longitude)",)),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]

_KM_PER_DEG_LAT = 111.0
# SQLite sorts NULL first and PostgreSQL last; spelling it out keeps both exports identical (undated last).
_DATED_FIRST = "date IS NULL, date"
_CHUNK = 500
BATCH_SIZE = 100  # articles per transaction in bulk writes
_MENTIONS_PER_READ = 100  # mentions per neighbourhood read (3 VALUES rows each)
_ROWS_PER_INSERT = 100  # rows per multi-row INSERT: 1,400 parameters, far below both backends' limits
_ARTICLE_INSERT = (
    "INSERT INTO articles (id, url, title, publisher, published, language, text, status, reason, n_mentions, "
    "ingested_at) VALUES "
)
_EVENT_INSERT = (
    "INSERT INTO events (id, date, country_code, country, event_type, sub_event_type, latitude, longitude, "
    "fatalities, corroboration, n_mentions, data, acled) VALUES "
)
_MENTION_INSERT = (
    "INSERT INTO mentions (id, article_id, seq, event_id, date, time_precision, country_code, country, "
    "event_type, sub_event_type, latitude, longitude, place_key, data) VALUES "
)


@dataclass(frozen=True)
class EventFilter:
    """Which events to read: a date range, a country (name or ISO alpha-2), an event type, a bounding box.

    `event_type` matches an ACLED event type or sub-event type, `sub_event_type` only the latter; `bbox` is
    (min_lon, min_lat, max_lon, max_lat), the GeoJSON order. Every bound is inclusive. `actor` is a part of
    actor1's or actor2's name; `claimant` a part of the claimant's name and `stance` a stance, of any
    mention of the event; `corroboration` the event's. Text matches ignore case. `offset` skips that many
    events of the ordered result (pagination).
    """

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    event_type: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    limit: int | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    claimant: str | None = None
    stance: str | None = None
    corroboration: str | None = None
    offset: int | None = None


class Store(ABC):
    """Articles, the mentions they gave and the events merged from them, in one database.

    Writes are one transaction per article (add_article_result) or per batch (add_article_batch, which
    falls back to one per article when the batch fails, so a bad article keeps out only itself), and
    idempotent on Article.id: adding an article already stored changes nothing. Each write re-merges the
    stored mentions near the new ones, so the events always equal `merge_mentions` over everything stored,
    whatever order and batches the articles came in.
    """

    url: str
    date_type = "TEXT"
    float_type = "REAL"
    in_subquery = "{} IN ({})"
    # A position column next to a date bound. SQLite's planner, left alone, takes the latitude index (a band
    # of latitude round the world holds far more rows than a date window); "+" keeps it on
    # events_date_position. PostgreSQL estimates well and needs the bare column to use that index.
    windowed = "+{}"

    @staticmethod
    def json_text(column: str, path: str) -> str:
        """Return SQL for a field (dotted `path`, written in code, never from input) of a JSON text column."""
        return f"json_extract({column}, '$.{path}')"

    # --- what a backend supplies ------------------------------------------------------------------------

    @abstractmethod
    def _transaction(self, *, durable: bool = True) -> AbstractContextManager[Any]:
        """Return a context that runs its body in one write transaction (serialised against other writers).

        `durable=False` lets the commit return before it reaches the disk (flush() makes it durable later).
        """

    @abstractmethod
    def flush(self) -> None:
        """Make every write committed so far durable (after writes with durable=False)."""

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement written with ? placeholders (schema changes, settings)."""

    @abstractmethod
    def _send(self, sql: str, params: Sequence[Any] = ()) -> Callable[[], list[tuple[Any, ...]]]:
        """Run one statement written with ? placeholders; return a call that gives the rows it returned.

        Inside a transaction a backend may queue statements and send them together (PostgreSQL pipeline
        mode): the rows arrive when the call is made, and errors surface then or at commit.
        """

    @abstractmethod
    def _query(
        self, sql: str, params: Sequence[Any] = (), *, stream: bool = False
    ) -> Iterator[tuple[Any, ...]]:
        """Yield the rows a query returns; `stream` for large reads that other queries may interleave with."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    @abstractmethod
    def _table_exists(self, name: str) -> bool: ...

    # --- schema -----------------------------------------------------------------------------------------

    def _migrate(self) -> None:
        with self._transaction():
            if not self._table_exists("schema_version"):
                self._execute(
                    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
            current = next(iter(self._query("SELECT MAX(version) FROM schema_version")))[0] or 0
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.url}: schema version {current} is newer than this eventwire knows ({SCHEMA_VERSION}); "
                    "upgrade eventwire to open it"
                )
            for version, statements in MIGRATIONS:
                if version <= current:
                    continue
                for statement in statements:
                    self._execute(statement.format(date=self.date_type, float=self.float_type))
                self._execute("INSERT INTO schema_version VALUES (?, ?)", (version, _now()))
                log.info("%s: schema migrated to version %d", self.url, version)

    def schema_version(self) -> int:
        """Return the schema version of the database."""
        return next(iter(self._query("SELECT MAX(version) FROM schema_version")))[0] or 0

    # --- writes -----------------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Return whether an article with this id is stored (so re-ingest can skip extraction)."""
        return bool(self.stored_article_ids([article_id]))

    def stored_article_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Return which of these article ids are stored (one query per 500 ids)."""
        found: set[str] = set()
        for chunk in _chunks(sorted(set(article_ids))):
            marks = ", ".join("?" * len(chunk))
            found.update(
                aid for (aid,) in self._query(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            )
        return found

    def add_article_result(self, result: ArticleResult, *, durable: bool = True) -> bool:
        """Store one article with its status and mentions and re-merge events; return False if already stored.

        One transaction. `durable=False` (bulk ingest) does not wait for the disk at commit; a crash may then
        lose the last commits, never consistency; call flush() at checkpoints. Re-ingesting repairs a loss.
        """
        with self._transaction(durable=durable):
            (stored,) = self._store_batch([result])
        return stored

    def add_article_batch(
        self, results: Sequence[ArticleResult], *, durable: bool = True
    ) -> list[bool | Exception]:
        """Store results in one transaction; return for each True (stored), False (already stored) or its error.

        When the transaction fails, each result is stored again in a transaction of its own, so a bad
        article (text the database refuses, say) keeps out only itself. Idempotent on Article.id like
        add_article_result, and the stored events are the same as if the articles came one by one.
        """
        if not results:
            return []
        try:
            with self._transaction(durable=durable):
                return list(self._store_batch(results))
        except Exception as exc:  # noqa: BLE001 - whatever broke the batch, find the article it belongs to
            if len(results) == 1:
                return [exc]
            log.info(
                "%s: a batch of %d articles failed (%s); storing them one by one", self.url, len(results), exc
            )
        outcomes: list[bool | Exception] = []
        for result in results:
            try:
                outcomes.append(self.add_article_result(result, durable=durable))
            except Exception as exc:  # noqa: BLE001 - one article's failure is reported, the rest go on
                outcomes.append(exc)
        return outcomes

    def add_article_results(self, results: Iterable[ArticleResult], *, batch_size: int = BATCH_SIZE) -> int:
        """Store many results, `batch_size` per transaction, durable at the end; return how many were new.

        An article that cannot be stored raises its error once the rest of its batch is stored.
        """
        added = 0
        try:
            for batch in _chunks(results, batch_size):
                for outcome in self.add_article_batch(batch, durable=False):
                    if isinstance(outcome, Exception):
                        raise outcome
                    added += outcome
        finally:
            self.flush()
        return added

    def _store_batch(self, results: Sequence[ArticleResult]) -> list[bool]:
        # Sent together (PostgreSQL: one round trip): the articles, and the stored mentions of every event
        # their mentions might join. The neighbourhood read covers re-ingested articles too; merging
        # ignores what it does not need.
        unique: dict[str, ArticleResult] = {}
        for result in results:
            unique.setdefault(result.article.id, result)
        inserts = [
            self._send(
                _ARTICLE_INSERT + _values(len(chunk), 11) + " ON CONFLICT (id) DO NOTHING RETURNING id",
                [p for r in chunk for p in _article_params(r)],
            )
            for chunk in _chunks(unique.values(), _ROWS_PER_INSERT)
        ]
        mergeable = [
            m for r in unique.values() for m in r.mentions if m.date is not None and m.place is not None
        ]
        reads = [
            self._send(*_neighbourhood_query(chunk, in_subquery=self.in_subquery, date_type=self.date_type))
            for chunk in _chunks(mergeable, _MENTIONS_PER_READ)
        ]
        inserted = {aid for insert in inserts for (aid,) in insert()}
        new: dict[str, tuple[int, Mention]] = {}
        articles: dict[str, Article] = {}
        for aid in inserted:
            result = unique[aid]
            articles[aid] = result.article
            for seq, mention in enumerate(result.mentions):
                new.setdefault(mention_id(mention), (seq, mention))
        if new:
            self._write_merged(new, articles, [row for read in reads for row in read()])
        outcomes = []
        for result in results:  # a repeat within the batch is "already stored"
            outcomes.append(result.article.id in inserted)
            inserted.discard(result.article.id)
        return outcomes

    def _write_merged(
        self, new: dict[str, tuple[int, Mention]], articles: dict[str, Article], nearby: list[Sequence[Any]]
    ) -> None:
        # Merge the new mentions with the stored mentions near them and replace the events that changed:
        # the stored events stay equal to merge_mentions over everything stored, whatever the ingest order.
        members: dict[str, Mention] = {mid: mention for mid, (_, mention) in new.items()}
        old_event: dict[str, str] = {}
        for mid, eid, aid, data, url, title, publisher, published, language in nearby:
            if mid in members:
                continue
            members[mid] = Mention.model_validate_json(data)
            old_event[mid] = eid
            if aid not in articles:
                # Merging reads an article's outlet, URL and date, never its text.
                articles[aid] = _article((aid, url, title, publisher, published, language, ""))
        # Only events holding a new mention change; a stored event no new mention joins is left alone.
        merged = merge_identified(members, articles=articles, touching=new.keys())
        event_of = {mid: event.event_id for event, mids in merged for mid in mids}
        replaced = sorted({old_event[mid] for mid in event_of if mid in old_event})

        for chunk in _chunks(replaced):
            self._send(f"DELETE FROM events WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
        for chunk in _chunks([_event_params(event, mids) for event, mids in merged], _ROWS_PER_INSERT):
            self._send(_EVENT_INSERT + _values(len(chunk), 13), [p for row in chunk for p in row])
        mention_rows = [_mention_params(mid, seq, m, event_of[mid]) for mid, (seq, m) in new.items()]
        for chunk in _chunks(mention_rows, _ROWS_PER_INSERT):
            self._send(
                _MENTION_INSERT + _values(len(chunk), 14) + " ON CONFLICT (id) DO NOTHING",
                [p for row in chunk for p in row],
            )
        moved: dict[str, list[str]] = {}
        for mid, eid in event_of.items():
            if mid in old_event and old_event[mid] != eid:
                moved.setdefault(eid, []).append(mid)
        for eid, mids in sorted(moved.items()):
            for chunk in _chunks(sorted(mids)):
                marks = ", ".join("?" * len(chunk))
                self._send(f"UPDATE mentions SET event_id = ? WHERE id IN ({marks})", [eid, *chunk])

    # --- reads ------------------------------------------------------------------------------------------

    def events(self, filters: EventFilter | None = None) -> Iterator[Event]:
        """Yield the stored events that pass the filters, by date then event_id, with their mentions."""
        where, params = _where(filters, self)
        rows = self._query(
            f"SELECT id, data FROM events{where} ORDER BY {_DATED_FIRST}, id{_limit(filters)}",
            params,
            stream=True,
        )
        for chunk in _chunks(rows):
            yield from self._with_mentions(chunk)

    def event(self, event_id: str) -> Event | None:
        """Return the stored event with this id, with its mentions, or None."""
        rows = list(self._query("SELECT id, data FROM events WHERE id = ?", (event_id,)))
        return next(self._with_mentions(rows), None)

    def _with_mentions(self, rows: list[tuple[str, str]]) -> Iterator[Event]:
        if not rows:
            return
        ids = [eid for eid, _ in rows]
        mentions: dict[str, Mention] = {}
        marks = ", ".join("?" * len(ids))
        for mid, data in self._query(f"SELECT id, data FROM mentions WHERE event_id IN ({marks})", ids):
            mentions[mid] = Mention.model_validate_json(data)
        for _, data in rows:
            fields = json.loads(data)
            ordered = [mentions[mid] for mid in fields.pop("mention_ids") if mid in mentions]
            yield Event.model_validate({**fields, "mentions": ordered})

    def event_rows(self, filters: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Yield the ACLED rows (with eventwire's columns) of the events that pass the filters, by date."""
        where, params = _where(filters, self)
        sql = f"SELECT acled FROM events{where} ORDER BY {_DATED_FIRST}, id{_limit(filters)}"
        for (acled,) in self._query(sql, params, stream=True):
            yield json.loads(acled)

    def mentions(
        self,
        *,
        article_id: str | None = None,
        event_id: str | None = None,
        filters: EventFilter | None = None,
    ) -> Iterator[Mention]:
        """Yield stored mentions of one article, of one event, or passing the filters, in a stable order."""
        where, params = _where(filters, self)
        clauses = [where.removeprefix(" WHERE ")] if where else []
        if article_id is not None:
            clauses.append("article_id = ?")
            params.append(article_id)
        if event_id is not None:
            clauses.append("event_id = ?")
            params.append(event_id)
        sql = "SELECT data FROM mentions"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += f" ORDER BY {_DATED_FIRST}, article_id, seq{_limit(filters)}"
        for (data,) in self._query(sql, params, stream=True):
            yield Mention.model_validate_json(data)

    def articles(
        self, *, status: ArticleStatus | None = None, limit: int | None = None
    ) -> Iterator[ArticleResult]:
        """Yield stored articles as results (status, reason and mentions), oldest publication first."""
        sql = (
            "SELECT id, url, title, publisher, published, language, text, status, reason FROM articles"
            + (" WHERE status = ?" if status else "")
            + " ORDER BY published IS NULL, published, id"
            + (f" LIMIT {int(limit)}" if limit is not None else "")
        )
        for row in self._query(sql, (status,) if status else (), stream=True):
            article = _article(row)
            yield ArticleResult(
                article=article,
                status=row[7],
                reason=row[8],
                mentions=list(self.mentions(article_id=article.id)),
            )

    def article(self, article_id: str) -> ArticleResult | None:
        """Return the stored article with this id as a result (status, reason, mentions), or None."""
        sql = "SELECT id, url, title, publisher, published, language, text, status, reason FROM articles WHERE id = ?"
        for row in self._query(sql, (article_id,)):
            article = _article(row)
            mentions = list(self.mentions(article_id=article.id))
            return ArticleResult(article=article, status=row[7], reason=row[8], mentions=mentions)
        return None

    def counts(self) -> dict[str, int]:
        """Return how many articles (by status), mentions and events are stored."""
        counts = {"articles": 0, "ok": 0, "no_event": 0, "unreadable": 0}
        for status, n in self._query("SELECT status, COUNT(*) FROM articles GROUP BY status"):
            counts[status] = n
            counts["articles"] += n
        counts["mentions"] = next(iter(self._query("SELECT COUNT(*) FROM mentions")))[0]
        counts["events"] = next(iter(self._query("SELECT COUNT(*) FROM events")))[0]
        return counts

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- the neighbourhood of new mentions ---------------------------------------------------------------------


def _neighbourhood_query(
    mentions: Iterable[Mention], *, in_subquery: str, date_type: str
) -> tuple[str, list[Any]]:
    """Return one query for the stored mentions (with their articles) of every event these mentions might join.

    A candidate is what merge_mentions compares: a compatible sub-event type, and nearby coordinates or the
    same folded place name, within the date tolerance. The new mentions go in as VALUES rows joined to the
    indexes, so the query has four branches however many mentions there are (planning stays cheap): the
    same day (most reports) or the date window, with a box around the place; the few coarser-dated stored
    rows within a month, with that box; the same place name within a month. `in_subquery` is the backend's
    "{column} IN ({subquery})".
    """
    exact: list[list[Any]] = []
    near: list[list[Any]] = []
    coarse: list[list[Any]] = []
    named: list[list[Any]] = []
    for mention in mentions:
        if mention.date is None or mention.place is None:
            continue  # merges with nothing
        place, day = mention.place, mention.date
        wide = [_date(day - dt.timedelta(days=MAX_DATE_TOLERANCE_DAYS)),
                _date(day + dt.timedelta(days=MAX_DATE_TOLERANCE_DAYS))]  # fmt: skip
        types = sorted(compatible_sub_event_types(mention.sub_event_type))
        types += types[-1:] * (MAX_COMPATIBLE_TYPES - len(types))  # padded: every VALUES row has n types
        if place.lat is not None and place.lon is not None:
            box = _box(place.lat, place.lon)
            window = DATE_TOLERANCE_DAYS.get(mention.time_precision or 1, MAX_DATE_TOLERANCE_DAYS)
            if window == 0:
                exact.append([_date(day), _date(day), *box, *types])
            else:
                days = [_date(day - dt.timedelta(days=window)), _date(day + dt.timedelta(days=window))]
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
        if rows:
            values = ", ".join([row] * len(rows))
            branches.append(f"SELECT c.event_id FROM (VALUES {values}) AS q JOIN mentions c ON {on}")
            params += [p for r in rows for p in r]
    candidates = " UNION ALL ".join(branches) or "SELECT event_id FROM mentions WHERE 1 = 0"
    sql = (
        "SELECT m.id, m.event_id, m.article_id, m.data, a.url, a.title, a.publisher, a.published, a.language "
        "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE "
        + in_subquery.format("m.event_id", candidates)
    )
    return sql, params


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


def _values(rows: int, columns: int) -> str:
    row = "(" + ", ".join("?" * columns) + ")"
    return ", ".join([row] * rows)


# --- rows <-> records ------------------------------------------------------------------------------------


def _article_params(result: ArticleResult) -> tuple[Any, ...]:
    article = result.article
    return (
        article.id, article.url, article.title, article.publisher, _date(article.published), article.language,
        article.text, result.status, result.reason, len(result.mentions), _now(),
    )  # fmt: skip


def _mention_params(mid: str, seq: int, m: Mention, event_id: str) -> tuple[Any, ...]:
    place = m.place
    return (
        mid, m.article_id, seq, event_id, _date(m.date), m.time_precision,
        (place.country_code or "").upper() or None if place else None, place.country if place else None,
        m.event_type, m.sub_event_type, place.lat if place else None, place.lon if place else None,
        place_key(m), m.model_dump_json(),
    )  # fmt: skip


def _event_params(event: Event, mention_ids: list[str]) -> tuple[Any, ...]:
    lead = event.mentions[0]
    place = lead.place
    data = event.model_dump(mode="json", exclude={"mentions"})
    data["mention_ids"] = mention_ids
    acled = event.acled
    return (
        event.event_id, _date(lead.date), (place.country_code or "").upper() or None if place else None,
        acled.get("country") or (place.country if place else None), acled.get("event_type") or lead.event_type,
        acled.get("sub_event_type") or lead.sub_event_type, _float(acled.get("latitude")),
        _float(acled.get("longitude")), event.fatalities, event.corroboration, len(event.mentions),
        json.dumps(data, ensure_ascii=False, sort_keys=True), json.dumps(acled, ensure_ascii=False, default=str),
    )  # fmt: skip


def _article(row: Sequence[Any]) -> Article:
    published = row[4]
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return Article(
        id=row[0],
        url=row[1],
        title=row[2],
        publisher=row[3],
        published=published,
        language=row[5],
        text=row[6],
    )


def _where(filters: EventFilter | None, backend: Store | type[Store] = Store) -> tuple[str, list[Any]]:
    if filters is None:
        return "", []
    json_text = backend.json_text
    clauses: list[str] = []
    params: list[Any] = []
    if filters.since is not None:
        clauses.append("date >= ?")
        params.append(_date(filters.since))
    if filters.until is not None:
        clauses.append("date <= ?")
        params.append(_date(filters.until))
    if filters.country:
        clauses.append("(country_code = ? OR LOWER(country) = ?)")
        params += [filters.country.upper(), filters.country.lower()]
    if filters.event_type:
        clauses.append("(LOWER(event_type) = ? OR LOWER(sub_event_type) = ?)")
        params += [filters.event_type.lower()] * 2
    if filters.sub_event_type:
        clauses.append("LOWER(sub_event_type) = ?")
        params.append(filters.sub_event_type.lower())
    if filters.corroboration:
        clauses.append("corroboration = ?")
        params.append(filters.corroboration.lower())
    if filters.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = filters.bbox
        dated = filters.since is not None or filters.until is not None
        lat, lon = (backend.windowed.format(c) if dated else c for c in ("latitude", "longitude"))
        clauses.append(f"{lat} BETWEEN ? AND ? AND {lon} BETWEEN ? AND ?")
        params += [min_lat, max_lat, min_lon, max_lon]
    if filters.actor:
        actor1, actor2 = json_text("acled", "actor1"), json_text("acled", "actor2")
        clauses.append(f"(LOWER({actor1}) LIKE ? ESCAPE '!' OR LOWER({actor2}) LIKE ? ESCAPE '!')")
        params += [_contains(filters.actor)] * 2
    # Claimant and stance are per telling: an event passes when any of its mentions does.
    told: list[str] = []
    if filters.claimant:
        told.append(f"LOWER({json_text('m.data', 'claim.claimant')}) LIKE ? ESCAPE '!'")
        params.append(_contains(filters.claimant))
    if filters.stance:
        told.append(f"{json_text('m.data', 'claim.stance')} = ?")
        params.append(filters.stance.lower())
    if told:
        clauses.append(
            f"EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = events.id AND {' AND '.join(told)})"
        )
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _contains(text: str) -> str:
    """Return a LIKE pattern that finds `text` anywhere (lower case), its own % and _ taken literally."""
    escaped = text.lower().replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


def _limit(filters: EventFilter | None) -> str:
    if filters is None:
        return ""
    limit = f" LIMIT {int(filters.limit)}" if filters.limit is not None else ""
    if filters.offset:
        # SQLite needs a LIMIT before OFFSET: the largest integer both backends take.
        limit = limit or f" LIMIT {2**63 - 1}"
        limit += f" OFFSET {int(filters.offset)}"
    return limit


def _chunks(items: Iterable[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _float(value: object) -> float | None:
    try:
        return float(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
