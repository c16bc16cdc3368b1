"""The event store over SQL: schema, migrations, and the reads and writes both backends share.

A backend (SQLite, PostgreSQL) supplies a connection, its column types and how a transaction starts; this
module owns everything else, so both give the same rows for the same corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from eventwire.errors import StoreError
from eventwire.merge import (
    DATE_TOLERANCE_DAYS,
    MAX_DATE_TOLERANCE_DAYS,
    MAX_PLACE_TOLERANCE_KM,
    compatible_sub_event_types,
    mention_id,
    merge_identified,
    place_key,
    same_event,
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
)
SCHEMA_VERSION = MIGRATIONS[-1][0]

_KM_PER_DEG_LAT = 111.0
# SQLite sorts NULL first and PostgreSQL last; spelling it out keeps both exports identical (undated last).
_DATED_FIRST = "date IS NULL, date"
_CHUNK = 500


@dataclass(frozen=True)
class EventFilter:
    """Which events to read: a date range, a country (name or ISO alpha-2), an event type, a bounding box.

    `event_type` matches an ACLED event type or sub-event type; `bbox` is (min_lon, min_lat, max_lon,
    max_lat), the GeoJSON order. Every bound is inclusive.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    event_type: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    limit: int | None = None


class Store(ABC):
    """Articles, the mentions they gave and the events merged from them, in one database.

    Writes are one transaction per article and idempotent on Article.id: adding an article already stored
    changes nothing. Each write re-merges the stored mentions near the new ones, so the events always equal
    `merge_mentions` over everything stored, whatever order articles came in.
    """

    url: str
    date_type = "TEXT"
    float_type = "REAL"

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
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement written with ? placeholders; return the rows it changed."""

    @abstractmethod
    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""

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
        return any(True for _ in self._query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def add_article_result(self, result: ArticleResult, *, durable: bool = True) -> bool:
        """Store one article with its status and mentions and re-merge events; return False if already stored.

        One transaction. `durable=False` (bulk ingest) does not wait for the disk at commit; a crash may then
        lose the last commits, never consistency; call flush() at checkpoints. Re-ingesting repairs a loss.
        """
        article = result.article
        with self._transaction(durable=durable):
            inserted = self._execute(
                "INSERT INTO articles (id, url, title, publisher, published, language, text, status, reason, "
                "n_mentions, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (
                    article.id, article.url, article.title, article.publisher, _date(article.published),
                    article.language, article.text, result.status, result.reason, len(result.mentions), _now(),
                ),
            )  # fmt: skip
            if not inserted:
                return False
            new: dict[str, Mention] = {}
            for mention in result.mentions:
                new.setdefault(mention_id(mention), mention)
            if new:
                self._store_mentions(new, article)
        return True

    def add_article_results(self, results: Iterable[ArticleResult]) -> int:
        """Store many results, each in its own transaction, durable at the end; return how many were new."""
        added = sum(self.add_article_result(result, durable=False) for result in results)
        self.flush()
        return added

    def _store_mentions(self, new: dict[str, Mention], article: Article) -> None:
        # Merge the new mentions with the stored events they touch, then replace those events.
        neighbours = sorted(self._neighbour_event_ids(new))
        members: dict[str, Mention] = dict(new)
        stored: list[str] = []
        for chunk in _chunks(neighbours):
            marks = ", ".join("?" * len(chunk))
            for mid, data in self._query(f"SELECT id, data FROM mentions WHERE event_id IN ({marks})", chunk):
                members[mid] = Mention.model_validate_json(data)
                stored.append(mid)
        articles = {article.id: article}
        if stored:
            articles.update(self._articles_by_id({members[mid].article_id for mid in stored} - {article.id}))
        merged = merge_identified(members, articles=articles)
        for chunk in _chunks(neighbours):
            self._execute(f"DELETE FROM events WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
        self._executemany(
            "INSERT INTO events (id, date, country_code, country, event_type, sub_event_type, latitude, "
            "longitude, fatalities, corroboration, n_mentions, data, acled) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_event_params(event, mids) for event, mids in merged],
        )
        event_of = {mid: event.event_id for event, mids in merged for mid in mids}
        self._executemany(
            "INSERT INTO mentions (id, article_id, seq, event_id, date, time_precision, country_code, "
            "country, event_type, sub_event_type, latitude, longitude, place_key, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            [_mention_params(mid, seq, m, event_of[mid]) for seq, (mid, m) in enumerate(new.items())],
        )
        if stored:
            self._executemany(
                "UPDATE mentions SET event_id = ? WHERE id = ?", [(event_of[m], m) for m in stored]
            )

    def _neighbour_event_ids(self, new: dict[str, Mention]) -> set[str]:
        # The candidates merge_mentions compares (nearby coordinates or the same place name, within the
        # widest date tolerance), fetched by narrow indexed queries: most reports are exact-day, so the
        # wide windows are searched only among the few coarser-dated rows.
        found: set[str] = set()
        for mention in new.values():
            if mention.date is None or mention.place is None:
                continue
            place = mention.place
            day = mention.date
            wide = (_date(day - dt.timedelta(days=MAX_DATE_TOLERANCE_DAYS)),
                    _date(day + dt.timedelta(days=MAX_DATE_TOLERANCE_DAYS)))  # fmt: skip
            types = sorted(compatible_sub_event_types(mention.sub_event_type))
            same_type = f"sub_event_type IN ({', '.join('?' * len(types))}) AND event_id IS NOT NULL"
            queries: list[tuple[str, list[Any]]] = []
            if place.lat is not None and place.lon is not None:
                margin = MAX_PLACE_TOLERANCE_KM / _KM_PER_DEG_LAT
                band = [place.lat - margin, place.lat + margin]
                if (mention.time_precision or 1) >= 2:
                    window = DATE_TOLERANCE_DAYS.get(mention.time_precision or 1, MAX_DATE_TOLERANCE_DAYS)
                    near = [_date(day - dt.timedelta(days=window)), _date(day + dt.timedelta(days=window))]
                    queries.append(("date BETWEEN ? AND ? AND latitude BETWEEN ? AND ?", near + band))
                else:
                    queries.append(("date = ? AND latitude BETWEEN ? AND ?", [_date(day), *band]))
                queries.append(
                    (
                        "time_precision IN (2, 3) AND date BETWEEN ? AND ? AND latitude BETWEEN ? AND ?",
                        [*wide, *band],
                    )
                )
            key = place_key(mention)
            if key is not None:
                queries.append(("place_key = ? AND date BETWEEN ? AND ?", [key, *wide]))
            if not queries:
                continue
            # One round trip: UNION ALL keeps each branch on its own index.
            sql = " UNION ALL ".join(
                f"SELECT id, event_id, data FROM mentions WHERE {w} AND {same_type}" for w, _ in queries
            )
            params = [p for _, branch in queries for p in (*branch, *types)]
            seen: set[str] = set()
            for mid, eid, data in self._query(sql, params):
                if mid in new or mid in seen or eid in found:
                    continue
                seen.add(mid)
                if same_event(mention, Mention.model_validate_json(data)):
                    found.add(eid)
        return found

    # --- reads ------------------------------------------------------------------------------------------

    def events(self, filters: EventFilter | None = None) -> Iterator[Event]:
        """Yield the stored events that pass the filters, by date then event_id, with their mentions."""
        where, params = _where(filters)
        rows = self._query(
            f"SELECT id, data FROM events{where} ORDER BY {_DATED_FIRST}, id{_limit(filters)}",
            params,
            stream=True,
        )
        for chunk in _chunks(rows):
            ids = [eid for eid, _ in chunk]
            mentions: dict[str, Mention] = {}
            marks = ", ".join("?" * len(ids))
            for mid, data in self._query(f"SELECT id, data FROM mentions WHERE event_id IN ({marks})", ids):
                mentions[mid] = Mention.model_validate_json(data)
            for _, data in chunk:
                fields = json.loads(data)
                ordered = [mentions[mid] for mid in fields.pop("mention_ids") if mid in mentions]
                yield Event.model_validate({**fields, "mentions": ordered})

    def event_rows(self, filters: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Yield the ACLED rows (with eventwire's columns) of the events that pass the filters, by date."""
        where, params = _where(filters)
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
        where, params = _where(filters)
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

    def counts(self) -> dict[str, int]:
        """Return how many articles (by status), mentions and events are stored."""
        counts = {"articles": 0, "ok": 0, "no_event": 0, "unreadable": 0}
        for status, n in self._query("SELECT status, COUNT(*) FROM articles GROUP BY status"):
            counts[status] = n
            counts["articles"] += n
        counts["mentions"] = next(iter(self._query("SELECT COUNT(*) FROM mentions")))[0]
        counts["events"] = next(iter(self._query("SELECT COUNT(*) FROM events")))[0]
        return counts

    def _articles_by_id(self, ids: set[str]) -> dict[str, Article]:
        found: dict[str, Article] = {}
        for chunk in _chunks(sorted(ids)):
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT id, url, title, publisher, published, language, text FROM articles WHERE id IN ({marks})"
            for row in self._query(sql, chunk):
                found[row[0]] = _article(row)
        return found

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- rows <-> records ------------------------------------------------------------------------------------


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


def _where(filters: EventFilter | None) -> tuple[str, list[Any]]:
    if filters is None:
        return "", []
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
    if filters.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = filters.bbox
        clauses.append("latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?")
        params += [min_lat, max_lat, min_lon, max_lon]
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _limit(filters: EventFilter | None) -> str:
    return f" LIMIT {int(filters.limit)}" if filters is not None and filters.limit is not None else ""


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
