"""Benchmark the HTTP API: p50/p99 of GET /events with a bbox and a date window, 100k events, both backends.

    python bench/api.py [--events 100000] [--requests 400] [--limit 100] [--postgres URL]

Prints one JSON line. The store is filled with bench/ingest.py's synthetic corpus (no NLP: 4 articles per 3
events over 12 countries and 180 days), then `eventwire serve` runs in its own process and this process
sends the requests one after another over real HTTP: each a random box of 2 x 2 degrees inside one of the
countries and a random 30-day window, the way the dashboard asks with "map view only". Goal: p99 <= 50 ms.
Filling the stores takes about a minute per backend on two cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from ingest import COUNTRIES, START, _fresh_postgres, iter_corpus

GOAL_P99_MS = 50.0


def fill(url: str, events: int) -> dict[str, object]:
    """Store about `events` synthetic events at `url`; return the counts and the time it took."""
    from eventwire.store import open_store

    start = time.perf_counter()
    with open_store(url) as store:
        store.add_article_results(iter_corpus(events * 4 // 3, seed=11))
        counts = store.counts()
    return {"events": counts["events"], "fill_seconds": round(time.perf_counter() - start, 1)}


def queries(n: int, *, seed: int = 3) -> list[dict[str, str]]:
    """Return n query strings: a 2x2-degree box inside a random country's area and a random 30-day window."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        _, _, lat, lon = rng.choice(COUNTRIES)
        west, south = lon + rng.uniform(-1.5, -0.5), lat + rng.uniform(-1.5, -0.5)
        since = START + dt.timedelta(days=rng.randrange(150))
        out.append({"bbox": f"{west:.3f},{south:.3f},{west + 2:.3f},{south + 2:.3f}",
                    "since": since.isoformat(), "until": (since + dt.timedelta(days=30)).isoformat()})  # fmt: skip
    return out


def bench_api(url: str, *, requests: int, limit: int) -> dict[str, object]:
    """Serve `url` with `eventwire serve` in a child process and time GET /events; return p50/p99 in ms."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "eventwire"), "serve", "--db", url, "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(300):
                try:
                    client.get("/stats")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            timings, rows = [], []
            for n, params in enumerate(queries(requests + 20)):
                start = time.perf_counter()
                response = client.get("/events", params={**params, "limit": limit})
                elapsed = (time.perf_counter() - start) * 1000
                response.raise_for_status()
                if n >= 20:  # the first requests warm the connection and the page cache
                    timings.append(elapsed)
                    rows.append(len(response.json()))
    finally:
        server.terminate()
        server.wait(timeout=30)
    timings.sort()
    return {
        "requests": len(timings),
        "limit": limit,
        "p50_ms": round(statistics.median(timings), 1),
        "p99_ms": round(timings[int(0.99 * (len(timings) - 1))], 1),
        "max_ms": round(timings[-1], 1),
        "median_rows": statistics.median(rows),
        "goal_p99_ms": GOAL_P99_MS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="events in the store")
    parser.add_argument("--requests", type=int, default=400, help="timed requests per backend and limit")
    parser.add_argument(
        "--limit", type=int, action="append", help="page sizes to time (default 100 and 1000)"
    )
    parser.add_argument(
        "--postgres", default=os.environ.get("EVENTWIRE_TEST_POSTGRES"), help="postgresql:// URL"
    )
    args = parser.parse_args()
    limits = args.limit or [100, 1000]
    report: dict[str, object] = {"bench": "api", "python": platform.python_version(), "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        urls = {"sqlite": f"sqlite:///{tmp}/api.db"}
        if args.postgres:
            urls["postgres"] = _fresh_postgres(args.postgres)
        for backend, url in urls.items():
            report[backend] = fill(url, args.events)
            for limit in limits:
                report[backend][f"limit_{limit}"] = bench_api(url, requests=args.requests, limit=limit)
    line = json.dumps(report)
    if os.environ.get("EVENTWIRE_BENCH_JSON"):  # bench/run.py collects it from there
        Path(os.environ["EVENTWIRE_BENCH_JSON"]).write_text(line, encoding="utf-8")
    print(line)


if __name__ == "__main__":
    main()
