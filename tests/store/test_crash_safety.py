"""Crash safety and concurrent writers, through the real CLI: `eventwire ingest` killed with SIGKILL at random
points and re-run ends in the state of one uninterrupted run; four ingests at once lose and duplicate nothing.

Both backends. The corpus is 2,000 short articles in JSON Lines (two thirds report a strike, several
outlets telling the same ones, so merging has work to do); one uninterrupted run into SQLite is the
reference for every test here (stored events are a function of the stored articles, whatever the backend).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.store import open_store

VILLAGES = ["Khiam", "Yaroun", "Chamaa", "Bint Jbeil", "Aitaroun", "Tyre", "Nabatieh", "Kfar Kila", "Odaisseh",
            "Maroun al-Ras"]  # fmt: skip
OUTLETS = ["Reuters", "NNA", "Al-Manar", "AP"]
ARTICLES = 2000
KILLS = 3


def corpus_lines(n: int = ARTICLES) -> list[str]:
    lines = []
    for i in range(n):
        village, day = VILLAGES[i % 10], dt.date(2024, 10, 1) + dt.timedelta(days=(i // 10) % 60)
        text = (f"Markets in Beirut were calm on Monday, item {i}." if i % 3 == 2 else
                f"Israeli drones struck {village} on {day:%d %B %Y}, killing {i % 4} people, {OUTLETS[i % 4]} said. Ref {i}.")  # fmt: skip
        record = {"text": text, "published": (day + dt.timedelta(days=1)).isoformat(),
                  "publisher": OUTLETS[i % 4], "url": f"https://example.org/{i}"}  # fmt: skip
        lines.append(json.dumps(record))
    return lines


def ingest_command(path: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "eventwire.cli", "ingest", str(path), "--db", db, "--batch-size", "32"]


def state(db: str) -> dict[str, object]:
    """Return what a user reads back: articles with status, mentions with their event, events as exported."""
    with open_store(db) as store:
        articles = sorted((r.article.id, r.status, r.reason, len(r.mentions)) for r in store.articles())
        mentions = sorted(m.model_dump_json() for m in store.mentions())
        events = sorted(json.dumps(row, sort_keys=True, default=str) for row in store.event_rows())
        counts = store.counts()
    return {"counts": counts, "articles": articles, "mentions": mentions, "events": events}


def check_integrity(db: str) -> None:
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db) as conn:
            rows = conn.execute(INTEGRITY).fetchall()
    else:
        with sqlite3.connect(db.removeprefix("sqlite:///")) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            rows = conn.execute(INTEGRITY).fetchall()
    assert rows == [(0, 0, 0, 0, 0)], (
        "mentions without an event, events whose mention count is off, articles short of mentions, "
        "sources or match rows of no event"
    )


INTEGRITY = """SELECT
  (SELECT COUNT(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.key = m.event_key)),
  (SELECT COUNT(*) FROM events e WHERE e.n_mentions <> (SELECT COUNT(*) FROM mentions m WHERE m.event_key = e.key)),
  (SELECT COUNT(*) FROM articles a WHERE a.n_mentions <> (SELECT COUNT(*) FROM mentions m WHERE m.article_id = a.id)),
  (SELECT COUNT(*) FROM event_sources s WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.key = s.event_key)),
  (SELECT COUNT(*) FROM event_matches x WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.key = x.event_key))"""


def stored_articles(db: str) -> int:
    try:
        with open_store(db) as store:
            return store.counts()["articles"]
    except Exception:  # noqa: BLE001 - the first writer may still be creating the schema
        return 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "articles.jsonl"
    path.write_text("\n".join(corpus_lines()) + "\n")
    return path


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, object]:
    db = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'events.db'}"
    done = subprocess.run(ingest_command(corpus, db), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    result = state(db)
    assert result["counts"]["articles"] == ARTICLES and result["counts"]["events"] > 100
    return result


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path) -> str:
    if request.param == "postgres":
        return request.getfixturevalue("postgres_urls")()
    return f"sqlite:///{tmp_path / 'events.db'}"


def test_ingest_killed_at_random_points_then_rerun_equals_one_uninterrupted_run(corpus, reference, db_url):
    rng = random.Random(15)
    survived = 0
    for _ in range(KILLS):
        before = stored_articles(db_url) if survived else 0
        # Kill once the run has stored a random share of what is left, a random fraction of a second later.
        target = before + rng.randint(1, max(1, (ARTICLES - before) // 2))
        process = subprocess.Popen(
            ingest_command(corpus, db_url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 300
        while stored_articles(db_url) < target and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0, 0.3))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            survived += 1
        process.wait()
        check_integrity(db_url)
        assert stored_articles(db_url) >= before  # nothing committed is lost
    assert survived == KILLS, "every run was killed mid-ingest"
    done = subprocess.run(ingest_command(corpus, db_url), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    check_integrity(db_url)
    assert state(db_url) == reference


def test_four_ingests_at_once_lose_and_duplicate_nothing(corpus, reference, db_url, tmp_path):
    # Each writer gets its quarter of the corpus plus the first 64 articles, which all four race to store.
    lines = corpus.read_text().splitlines()
    commands = []
    for k in range(4):
        part = [line for i, line in enumerate(lines) if i % 4 == k or i < 64]
        random.Random(k).shuffle(part)
        path = tmp_path / f"part{k}.jsonl"
        path.write_text("\n".join(part) + "\n")
        commands.append(ingest_command(path, db_url))
    stored_articles(db_url)  # create the schema before four processes race to
    with open_store(db_url):
        pass
    processes = [
        subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for c in commands
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=900)
        assert process.returncode == 0, stderr[-2000:]
    check_integrity(db_url)
    assert state(db_url) == reference
