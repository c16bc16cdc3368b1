"""Where articles, mentions and merged events are kept: SQLite by default, PostgreSQL for a shared server.

>>> from eventwire.store import open_store, EventFilter
>>> with open_store("sqlite:///events.db") as store:          # doctest: +SKIP
...     store.add_article_result(result)
...     for event in store.events(EventFilter(country="LB")):
...         print(event.event_id, event.corroboration)
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from eventwire.errors import StoreError
from eventwire.store.sql import SCHEMA_VERSION, EventFilter, Store

__all__ = ["SCHEMA_VERSION", "EventFilter", "Store", "default_db_url", "open_store", "store_exists"]

DB_ENV = "EVENTWIRE_DB"


def default_db_url() -> str:
    """Return the store URL used when none is given: $EVENTWIRE_DB, else a SQLite file in the user's data dir."""
    if os.environ.get(DB_ENV):
        return os.environ[DB_ENV]
    return f"sqlite:///{Path(user_data_dir('eventwire', appauthor=False)) / 'eventwire.db'}"


def store_exists(url: str | Path | None = None) -> bool:
    """Return whether the store at `url` (as open_store takes it) exists; a PostgreSQL URL always does.

    Reading commands check this first: opening a SQLite path creates an empty store, which would turn a
    mistyped --db into an empty result instead of an error.
    """
    url = str(url) if url is not None else default_db_url()
    if "://" in url and not url.startswith("sqlite://"):
        return True  # a server: connecting tells whether it is there
    path = url.removeprefix("sqlite://").removeprefix("/") if url.startswith("sqlite://") else url
    return path in ("", ":memory:") or Path(path).expanduser().is_file()


def open_store(url: str | Path | None = None) -> Store:
    """Return the store at `url`: postgresql://…, sqlite:///PATH, a plain file path, or None for the default."""
    url = str(url) if url is not None else default_db_url()
    if url.startswith(("postgresql://", "postgres://")):
        from eventwire.store.postgres import PostgresStore

        return PostgresStore(url)
    if url.startswith("sqlite://"):
        path = url.removeprefix("sqlite://")
        if not path.startswith("/"):
            raise StoreError(
                f"{url}: write SQLite URLs as sqlite:///relative.db or sqlite:////absolute/path.db"
            )
        url = path[1:] or ":memory:"
    elif "://" in url:
        raise StoreError(
            f"{url}: unknown store; give a file path, sqlite:///PATH or postgresql://USER@HOST/DB"
        )
    from eventwire.store.sqlite import SQLiteStore

    return SQLiteStore(url)
