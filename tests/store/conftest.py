"""Store fixtures: every store test runs against SQLite and, when a server is given, PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from urllib.parse import quote

import psycopg
import pytest

from eventwire.store import Store, open_store

PG_ENV = "EVENTWIRE_TEST_POSTGRES"
PG_SKIP = (
    f"PostgreSQL store tests need a server: run `source .ci/postgres.sh` (as root; installs and starts "
    f"PostgreSQL and exports {PG_ENV}), or set {PG_ENV}=postgresql://USER:PASSWORD@HOST/DB"
)


@pytest.fixture
def postgres_urls() -> Iterator[Callable[[], str]]:
    """Return a factory of URLs, each working in its own fresh schema, all dropped after the test."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_SKIP)
    try:
        psycopg.connect(base, autocommit=True).close()
    except psycopg.Error as exc:
        pytest.skip(f"{PG_SKIP} ({exc})")
    schemas: list[str] = []

    def make() -> str:
        schema = f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        schemas.append(schema)
        separator = "&" if "?" in base else "?"
        return f"{base}{separator}options={quote(f'-c search_path={schema}')}"

    yield make
    with psycopg.connect(base, autocommit=True) as conn:
        for schema in schemas:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def new_store_url(request: pytest.FixtureRequest, tmp_path) -> Callable[[], str]:
    """Return a factory of URLs of empty databases of the parametrised backend."""
    if request.param == "postgres":
        return request.getfixturevalue("postgres_urls")
    counter = iter(range(1_000_000))
    return lambda: f"sqlite:///{tmp_path / f'events{next(counter)}.db'}"


@pytest.fixture
def new_store(new_store_url: Callable[[], str]) -> Iterator[Callable[[], Store]]:
    """Return a factory of empty stores of the parametrised backend, closed after the test."""
    opened: list[Store] = []

    def make() -> Store:
        store = open_store(new_store_url())
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(new_store: Callable[[], Store]) -> Store:
    return new_store()
