"""The SQLite backend: one file, WAL journal, one write transaction per article."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventwire.errors import StoreError
from eventwire.store.sql import Store


class SQLiteStore(Store):
    """The event store in a SQLite file (created with its folder when missing), or in memory for ":memory:"."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.url = f"sqlite:///{self.path}"
        if self.path != ":memory:":
            try:
                Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"{self.path}: cannot create its folder ({exc.strerror or exc}); choose a writable --db path"
                ) from exc
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per article.
            self._conn = sqlite3.connect(Path(self.path).expanduser() if self.path != ":memory:" else self.path,
                                         isolation_level=None, timeout=30.0)  # fmt: skip
            self._conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode loses at most the last commits on power loss, never consistency.
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            # Checkpoints fsync; one per ~40 MB of WAL (and at flush()) instead of per 4 MB keeps bulk ingest fast.
            self._conn.execute("PRAGMA wal_autocheckpoint = 10000")
            self._conn.execute("PRAGMA busy_timeout = 30000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: cannot open as an eventwire SQLite store ({exc}); check the path"
            ) from exc

    _depth = 0  # nesting level of _transaction

    @contextmanager
    def _transaction(self, *, durable: bool = True) -> Iterator[None]:
        # WAL with synchronous=NORMAL never waits for the disk at commit; durability comes at checkpoints.
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        # IMMEDIATE takes the write lock up front, so two writers queue instead of failing mid-merge.
        self._conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")
        finally:
            self._depth = 0

    def flush(self) -> None:
        self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(sql, tuple(params))

    def _send(self, sql: str, params: Sequence[Any] = ()) -> Callable[[], list[tuple[Any, ...]]]:
        rows = self._conn.execute(sql, tuple(params)).fetchall()
        return lambda: rows

    def _query(
        self, sql: str, params: Sequence[Any] = (), *, stream: bool = False
    ) -> Iterator[tuple[Any, ...]]:
        cursor = self._conn.execute(sql, tuple(params))
        while rows := cursor.fetchmany(1000):
            yield from rows

    def _table_exists(self, name: str) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        return row is not None

    def close(self) -> None:
        self._conn.close()
