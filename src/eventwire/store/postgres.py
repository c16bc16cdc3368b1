"""The PostgreSQL backend (psycopg 3): the same schema and behaviour as SQLite, for a team sharing one server."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg

from eventwire.errors import StoreError
from eventwire.store.sql import Store

# Writers take this transaction-level advisory lock, so two processes never re-merge one neighbourhood at once.
_WRITE_LOCK = 0x6576656E7477  # "eventw"
_cursor_names = itertools.count()


class PostgresStore(Store):
    """The event store in a PostgreSQL database given by a postgresql:// URL (libpq options apply)."""

    date_type = "DATE"
    float_type = "DOUBLE PRECISION"
    windowed = "{}"

    @staticmethod
    def json_text(column: str, path: str) -> str:
        return f"(CAST({column} AS jsonb) #>> '{{{path.replace('.', ',')}}}')"

    def __init__(self, url: str) -> None:
        self.url = _redact(url)
        try:
            # Raw cursors take $1-style placeholders as they are: psycopg's %s parsing cost more client
            # time than the whole merge for the long statements of a bulk write.
            self._conn = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.RawCursor)
            self._conn.server_cursor_factory = psycopg.RawServerCursor
        except psycopg.Error as exc:
            raise StoreError(
                f"{self.url}: cannot connect to PostgreSQL ({str(exc).strip()}); check the URL and that the server runs"
            ) from exc
        self._migrate()

    _in_transaction = False

    @contextmanager
    def _transaction(self, *, durable: bool = True) -> Iterator[None]:
        if self._in_transaction:
            yield
            return
        conn = self._conn
        self._in_transaction = True
        try:
            # Pipeline mode: statements are queued and go out together when a result is needed, so an
            # article costs two round trips (article + neighbourhood read; merged writes + commit).
            with conn.pipeline():
                conn.execute("BEGIN")
                # Writers serialise on an advisory lock. The commit's WAL flush costs milliseconds; a bulk
                # ingest (durable=False) flushes once per batch instead. Parallel workers take longer to
                # start than the narrow indexed reads of a write take to run.
                conn.execute(
                    "SELECT pg_advisory_xact_lock($1), set_config('synchronous_commit', $2, true), "
                    "set_config('max_parallel_workers_per_gather', '0', true)",
                    (_WRITE_LOCK, "on" if durable else "off"),
                )
                yield
                conn.execute("COMMIT")
        except BaseException:
            if not conn.closed and conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                conn.execute("ROLLBACK")
            raise
        finally:
            self._in_transaction = False

    def flush(self) -> None:
        # A synchronous commit of a transaction with an id waits for the WAL up to it, earlier commits included.
        with self._conn.transaction():
            self._conn.execute("SET LOCAL synchronous_commit TO ON")
            self._conn.execute("SELECT txid_current()")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(_pg(sql), tuple(params))

    def _send(self, sql: str, params: Sequence[Any] = ()) -> Callable[[], list[tuple[Any, ...]]]:
        return self._conn.execute(_pg(sql), tuple(params)).fetchall

    def _query(
        self, sql: str, params: Sequence[Any] = (), *, stream: bool = False
    ) -> Iterator[tuple[Any, ...]]:
        if not stream:
            yield from self._conn.execute(_pg(sql), tuple(params)).fetchall()
            return
        # A server-side cursor streams large reads and lets other queries run on this connection meanwhile.
        # WITH HOLD keeps it open outside a transaction (we run in autocommit).
        with self._conn.cursor(name=f"eventwire_{next(_cursor_names)}", withhold=True) as cursor:
            cursor.itersize = 2000
            cursor.execute(_pg(sql), tuple(params))
            yield from cursor

    def _table_exists(self, name: str) -> bool:
        row = self._conn.execute("SELECT to_regclass($1)", (name,)).fetchone()
        return row is not None and row[0] is not None

    def close(self) -> None:
        self._conn.close()


@lru_cache(maxsize=512)
def _pg(sql: str) -> str:
    """Return the statement with PostgreSQL's $1, $2, … for its ? placeholders (our SQL has no literal ?)."""
    parts = sql.split("?")
    out = [parts[0]]
    for n, part in enumerate(parts[1:], start=1):
        out.append(f"${n}{part}")
    return "".join(out)


def _redact(url: str) -> str:
    """Return the URL without its password, for messages."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error:
        return "postgresql://…"
    host = info.get("host", "localhost")
    port = f":{info['port']}" if info.get("port") else ""
    user = f"{info['user']}@" if info.get("user") else ""
    return f"postgresql://{user}{host}{port}/{info.get('dbname', '')}"
