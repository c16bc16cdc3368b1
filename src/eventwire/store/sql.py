"""The event store over SQL: schema, migrations, and the reads and writes both backends share.

A backend (SQLite, PostgreSQL) supplies a connection, its column types and how a transaction starts; this
module owns everything else, so both give the same rows for the same corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from eventwire.errors import StoreError
from eventwire.merge import mention_id
from eventwire.model import Article, ArticleResult, ArticleStatus, Event, Mention
from eventwire.store.checks import checked_result
from eventwire.store.incremental import MENTIONS_PER_READ, candidates_query, rebuild_events, write_merged
from eventwire.store.rows import (
    ARTICLE_INSERT,
    ROWS_PER_INSERT,
    article_of,
    article_params,
    chunks,
    iso_date,
    now,
    values,
    with_sources,
)

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
    # Incremental merge (store/incremental.py): a stable key and running aggregates per event, one match row
    # per way an event was told; mentions point at the key, so a joining mention rewrites no older mention.
    (
        4,
        (
            "ALTER TABLE events ADD COLUMN key TEXT",
            "ALTER TABLE events ADD COLUMN state TEXT",
            "ALTER TABLE mentions ADD COLUMN event_key TEXT",
            "ALTER TABLE mentions ADD COLUMN rank TEXT",
            "DROP INDEX mentions_event",
            "DROP INDEX mentions_place",
            "DROP INDEX mentions_precision",
            "CREATE UNIQUE INDEX events_key ON events (key)",
            "CREATE INDEX mentions_event_key ON mentions (event_key)",
            """CREATE TABLE event_matches (
                event_key TEXT NOT NULL, match_key TEXT NOT NULL, date {date}, time_precision INTEGER,
                sub_event_type TEXT, latitude {float}, longitude {float}, place_key TEXT, data TEXT NOT NULL,
                PRIMARY KEY (event_key, match_key))""",
            "CREATE INDEX event_matches_date ON event_matches (date, latitude)",
            "CREATE INDEX event_matches_precision ON event_matches (time_precision, date, latitude)",
            "CREATE INDEX event_matches_place ON event_matches (place_key, date)",
            "CREATE TABLE event_sources (event_key TEXT NOT NULL, ref TEXT NOT NULL, PRIMARY KEY (event_key, ref))",
        ),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]

# SQLite sorts NULL first and PostgreSQL last; spelling it out keeps both exports identical (undated last).
_DATED_FIRST = "date IS NULL, date"
BATCH_SIZE = 100  # articles per transaction in bulk writes


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
                if version == 4:
                    rebuild_events(self)  # keys, states and match rows for the events stored before
                self._execute("INSERT INTO schema_version VALUES (?, ?)", (version, now()))
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
        for chunk in chunks(sorted(set(article_ids))):
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
            for batch in chunks(results, batch_size):
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
            # Implausible counts and dates are emptied and noted here, so no write path stores one.
            unique.setdefault(result.article.id, checked_result(result))
        inserts = [
            self._send(
                ARTICLE_INSERT + values(len(chunk), 11) + " ON CONFLICT (id) DO NOTHING RETURNING id",
                [p for r in chunk for p in article_params(r)],
            )
            for chunk in chunks(unique.values(), ROWS_PER_INSERT)
        ]
        mergeable = [
            m for r in unique.values() for m in r.mentions if m.date is not None and m.place is not None
        ]
        reads = [
            self._send(*candidates_query(chunk, date_type=self.date_type))
            for chunk in chunks(mergeable, MENTIONS_PER_READ)
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
            write_merged(self, new, articles, [row for read in reads for row in read()])
        outcomes = []
        for result in results:  # a repeat within the batch is "already stored"
            outcomes.append(result.article.id in inserted)
            inserted.discard(result.article.id)
        return outcomes

    # --- reads ------------------------------------------------------------------------------------------

    def events(self, filters: EventFilter | None = None) -> Iterator[Event]:
        """Yield the stored events that pass the filters, by date then event_id, with their mentions."""
        where, params = _where(filters, self)
        rows = self._query(
            f"SELECT key, data FROM events{where} ORDER BY {_DATED_FIRST}, id{_limit(filters)}",
            params,
            stream=True,
        )
        for chunk in chunks(rows):
            yield from self._with_mentions(chunk)

    def event(self, event_id: str) -> Event | None:
        """Return the stored event with this id, with its mentions, or None."""
        rows = list(self._query("SELECT key, data FROM events WHERE id = ?", (event_id,)))
        return next(self._with_mentions(rows), None)

    def _with_mentions(self, rows: list[tuple[str, str]]) -> Iterator[Event]:
        if not rows:
            return
        keys = [key for key, _ in rows]
        told: dict[str, list[tuple[tuple, Mention]]] = {key: [] for key in keys}
        sql = f"SELECT event_key, rank, data FROM mentions WHERE event_key IN ({', '.join('?' * len(keys))})"
        for key, rank, data in self._query(sql, keys):
            told[key].append((tuple(json.loads(rank)), Mention.model_validate_json(data)))
        refs = self._sources(keys)
        for key, data in rows:
            ranked = [
                mention for _, mention in sorted(told[key], key=lambda pair: pair[0])
            ]  # as merging ranks
            yield Event.model_validate({**with_sources(json.loads(data), refs[key]), "mentions": ranked})

    def _sources(self, keys: list[str]) -> dict[str, list[str]]:
        refs: dict[str, list[str]] = {key: [] for key in keys}
        sql = f"SELECT event_key, ref FROM event_sources WHERE event_key IN ({', '.join('?' * len(keys))})"
        for key, ref in self._query(sql, keys):
            refs[key].append(ref)
        return refs

    def event_rows(self, filters: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Yield the ACLED rows (with eventwire's columns) of the events that pass the filters, by date."""
        where, params = _where(filters, self)
        sql = f"SELECT key, acled FROM events{where} ORDER BY {_DATED_FIRST}, id{_limit(filters)}"
        for chunk in chunks(self._query(sql, params, stream=True)):
            refs = self._sources([key for key, _ in chunk])
            for key, acled in chunk:
                yield with_sources(json.loads(acled), refs[key])

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
            clauses.append("event_key = (SELECT key FROM events WHERE id = ?)")
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
            article = article_of(row)
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
            article = article_of(row)
            mentions = list(self.mentions(article_id=article.id))
            return ArticleResult(article=article, status=row[7], reason=row[8], mentions=mentions)
        return None

    def filter_values(self) -> dict[str, set[str]]:
        """Return the values the stored events hold: "country" (names and codes), "event_type" (and sub-types)."""
        values: dict[str, set[str]] = {"country": set(), "event_type": set()}
        sql = "SELECT DISTINCT country_code, country, event_type, sub_event_type FROM events"
        for code, country, event_type, sub_event_type in self._query(sql):
            values["country"].update(v for v in (code, country) if v)
            values["event_type"].update(v for v in (event_type, sub_event_type) if v)
        return values

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


def _where(filters: EventFilter | None, backend: Store | type[Store] = Store) -> tuple[str, list[Any]]:
    if filters is None:
        return "", []
    json_text = backend.json_text
    clauses: list[str] = []
    params: list[Any] = []
    if filters.since is not None:
        clauses.append("date >= ?")
        params.append(iso_date(filters.since))
    if filters.until is not None:
        clauses.append("date <= ?")
        params.append(iso_date(filters.until))
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
            f"EXISTS (SELECT 1 FROM mentions m WHERE m.event_key = events.key AND {' AND '.join(told)})"
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
