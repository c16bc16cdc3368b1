"""Serve fixtures: a real store (SQLite, and PostgreSQL when a server is given) filled with known events.

The events are stored records (no NLP), so each test knows exactly what the API must return; one test per
endpoint that extracts runs the real pipeline.
"""

from __future__ import annotations

import importlib.util
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from serve_corpus import corpus

from eventwire.store import open_store

# The store tests' PostgreSQL fixture (a fresh schema per URL, dropped after the test), reused as it is.
_spec = importlib.util.spec_from_file_location(
    "store_conftest", Path(__file__).parents[1] / "store" / "conftest.py"
)
_store_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store_conftest)
postgres_urls = _store_conftest.postgres_urls


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return the URL of a store holding corpus(), SQLite or PostgreSQL."""
    url = (
        request.getfixturevalue("postgres_urls")()
        if request.param == "postgres"
        else f"sqlite:///{tmp_path / 'events.db'}"
    )
    with open_store(url) as store:
        store.add_article_results(corpus())
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    with open_store(url) as store:
        store.add_article_results(corpus())
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served() -> Iterator[Callable[..., str]]:
    """Return a function that serves create_app(url, **options) with uvicorn on a free local port; its base URL."""
    import uvicorn

    from eventwire.serve import create_app

    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def serve(url: str, **options: object) -> str:
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(url, **options), host="127.0.0.1", port=port,
                                              log_level="warning"))  # fmt: skip
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.05)
        assert server.started, "uvicorn did not start"
        servers.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield serve
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


def count(store_url: str) -> dict[str, int]:
    with open_store(store_url) as store:
        return store.counts()
