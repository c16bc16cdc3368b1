"""The PostgreSQL backend (psycopg 3): the same schema and behaviour as SQLite, for a team sharing one server."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
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

    def __init__(self, url: str) -> None:
        self.url = _redact(url)
        try:
            self._conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(
                f"{self.url}: cannot connect to PostgreSQL ({str(exc).strip()}); check the URL and that the server runs"
            ) from exc
        self._migrate()

    @contextmanager
    def _transaction(self, *, durable: bool = True) -> Iterator[None]:
        if self._conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            yield  # already inside our transaction
            return
        with self._conn.transaction():
            # The commit's WAL flush costs milliseconds; a bulk ingest flushes once per batch instead.
            # One round trip for both: the lock and the transaction-local setting.
            self._conn.execute(
                "SELECT pg_advisory_xact_lock(%s), set_config('synchronous_commit', %s, true)",
                (_WRITE_LOCK, "on" if durable else "off"),
            )
            yield

    def flush(self) -> None:
        # A synchronous commit of a transaction with an id waits for the WAL up to it, earlier commits included.
        with self._conn.transaction():
            self._conn.execute("SET LOCAL synchronous_commit TO ON")
            self._conn.execute("SELECT txid_current()")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._conn.execute(_pg(sql), tuple(params)).rowcount

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if len(rows) == 1:  # the usual case (one mention, one event); executemany's pipeline costs more
            self._conn.execute(_pg(sql), tuple(rows[0]))
        elif rows:
            with self._conn.cursor() as cursor:
                cursor.executemany(_pg(sql), rows)

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
        row = self._conn.execute("SELECT to_regclass(%s)", (name,)).fetchone()
        return row is not None and row[0] is not None

    def close(self) -> None:
        self._conn.close()


def _pg(sql: str) -> str:
    return sql.replace("?", "%s")


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
