"""Benchmark the store: events/s into SQLite and PostgreSQL (no NLP), and export of 100k events.

    python bench/ingest.py [--articles 20000] [--export-events 100000] [--runs 3] [--postgres URL]

Prints one JSON line: medians of --runs runs (each run listed too), both backends in one process; PostgreSQL
when --postgres or $EVENTWIRE_TEST_POSTGRES names a server (`source .ci/postgres.sh`). The corpus is
synthetic: one mention per article, spread over 12 countries and 180 days, with a third of the events told
by a second outlet (so merging has work to do). Extraction is not timed: this measures reading nothing,
storing and merging everything. About three minutes on two cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from eventwire.model import Actor, Article, ArticleResult, Casualties, Claim, Mention, Place

COUNTRIES = [  # (ISO2, name, lat, lon) — a box of +-1.5 degrees around each
    ("LB", "Lebanon", 33.5, 35.7), ("IL", "Israel", 32.5, 35.0), ("PS", "Palestine", 31.5, 34.6),
    ("SY", "Syria", 35.0, 38.5), ("UA", "Ukraine", 48.5, 35.0), ("RU", "Russia", 51.0, 37.0),
    ("SD", "Sudan", 14.5, 30.0), ("YE", "Yemen", 15.5, 45.0), ("IQ", "Iraq", 33.5, 43.0),
    ("MM", "Myanmar", 20.0, 96.0), ("SO", "Somalia", 4.0, 45.5), ("ML", "Mali", 15.0, -2.0),
]  # fmt: skip
TYPES = [
    ("Explosions/Remote violence", "Air/drone strike"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Battles", "Armed clash"), ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
    ("Strategic developments", "Disrupted weapons use"),
]  # fmt: skip
OUTLETS = ["Reuters", "AFP", "Al-Manar", "Times of Israel", "NNA", "TASS", "Ukrinform", "Local Radio", "AP"]
START = dt.date(2024, 1, 1)


def corpus(n_articles: int, *, seed: int = 7) -> list[ArticleResult]:
    """Return n synthetic article results, 4 articles per 3 events, shuffled (the two tellings apart)."""
    results = list(iter_corpus(n_articles, seed=seed))
    random.Random(seed).shuffle(results)
    return results


def iter_corpus(n_articles: int, *, seed: int = 7) -> Iterator[ArticleResult]:
    """Yield n synthetic article results, 4 articles per 3 events, the tellings of one event together."""
    rng = random.Random(seed)
    made = 0
    event = 0
    while made < n_articles:
        event += 1
        cc, country, clat, clon = rng.choice(COUNTRIES)
        lat, lon = round(clat + rng.uniform(-1.5, 1.5), 4), round(clon + rng.uniform(-1.5, 1.5), 4)
        date = START + dt.timedelta(days=rng.randrange(180))
        event_type, sub_event_type = rng.choice(TYPES)
        killed = rng.choice([None, 0, 1, 2, 3, 5, 12])
        for telling in range(2 if rng.random() < 1 / 3 else 1):
            publisher = rng.choice(OUTLETS)
            text = f"Report {event}.{telling}: {sub_event_type} in {country} on {date} ({publisher})."
            article = Article.from_text(text, publisher=publisher, url=f"https://news.example/{event}/{telling}",
                                        published=date)  # fmt: skip
            claim = Claim(claimant=rng.choice([None, "Hezbollah", "Israeli army"]), stance="claimed")
            mention = Mention(
                article_id=article.id, event_type=event_type, sub_event_type=sub_event_type,
                actor1=Actor(name=f"Military Forces of {country}", inter=1),
                place=Place(name=f"Place {event}", lat=lat + telling * 0.001, lon=lon, country_code=cc, country=country,
                            geo_precision=1),
                date=date, time_precision=1, claim=claim,
                casualties=[Casualties(killed=killed + telling)] if killed is not None else [],
                fatalities=(killed or 0) + telling, notes=f"On {date}, an event in {country}.",
            )  # fmt: skip
            if made < n_articles:
                made += 1
                yield ArticleResult(article=article, status="ok", mentions=[mention])


def bench_ingest(
    url: str, results: list[ArticleResult], *, one_by_one: bool = False
) -> dict[str, float | int]:
    """Store the results into an empty store and time it (bulk batches, or one transaction per article)."""
    from eventwire.store import open_store

    with open_store(url) as store:
        store.add_article_results(results[:1])  # loads the actor lexicon the ACLED rows need; not store time
        start, cpu = time.perf_counter(), time.process_time()
        if one_by_one:
            for result in results[1:]:
                store.add_article_result(result, durable=False)  # as the bulk path: durable at the end
            store.flush()
        else:
            store.add_article_results(results[1:])
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        counts = store.counts()
    return {
        "articles": len(results),
        "mentions": counts["mentions"],
        "events": counts["events"],
        "seconds": round(seconds, 2),
        "mentions_per_s": round((len(results) - 1) / seconds, 1),
        # Wall time suffers from other processes on a shared machine; this process's CPU time does not.
        "client_cpu_seconds": round(cpu, 2),
        "mentions_per_client_cpu_s": round((len(results) - 1) / cpu, 1),
    }


def bench_export(url: str, fmt: str) -> dict[str, float | int]:
    """Export in a child process, so its peak RSS is the export's own."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"events.{fmt}"
        code = (
            "import sys, time; from eventwire.store import open_store; from eventwire.export import write_events\n"
            f"s = open_store({url!r}); t = time.perf_counter()\n"
            f"n = write_events(s.event_rows(), open({str(target)!r}, 'wb'), format={fmt!r})\n"
            "t = time.perf_counter() - t\n"
            # VmHWM is this process's own peak; ru_maxrss would count the parent's pages at fork.
            "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]\n"
            "print(n, t, hwm)"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        n, seconds, hwm_kib = done.stdout.split()
        return {
            "events": int(n),
            "seconds": round(float(seconds), 2),
            "peak_rss_mib": round(int(hwm_kib) / 1024, 1),
            "bytes": target.stat().st_size,
        }


def median_of(runs: list[dict[str, float | int]]) -> dict[str, object]:
    """Return each number's median over the runs, and the runs themselves."""
    summary: dict[str, object] = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    summary["runs"] = runs
    return summary


def one_story(n_articles: int, *, first: int = 0) -> list[ArticleResult]:
    """Return n article results that all tell one event (one strike, one village, one day), from many outlets."""
    date = dt.date(2024, 11, 21)
    out = []
    for i in range(first, first + n_articles):
        publisher = OUTLETS[i % len(OUTLETS)]
        article = Article.from_text(f"Story {i}: a strike on Khiam on {date} ({publisher}).", publisher=publisher,
                                    url=f"https://news.example/story/{i}", published=date)  # fmt: skip
        mention = Mention(
            article_id=article.id, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
            actor1=Actor(name="Military Forces of Israel (2022-)", inter=1),
            place=Place(name="Khiam", lat=33.33, lon=35.61, country_code="LB", country="Lebanon", geo_precision=1),
            date=date, time_precision=1, claim=Claim(claimant=publisher, stance="reported"),
            casualties=[Casualties(killed=3 + i % 2)], fatalities=3 + i % 2, notes=f"Story {i}.",
        )  # fmt: skip
        out.append(ArticleResult(article=article, status="ok", mentions=[mention]))
    return out


def bench_mentions_per_event(url: str, stored: int, new: int) -> dict[str, float | int]:
    """Return the rate of ingesting `new` articles (32 a batch, as `eventwire ingest`) into one event that
    already has `stored` mentions: ingest cost should not grow with the mentions an event holds."""
    from eventwire.store import open_store

    with open_store(url) as store:
        store.add_article_results(one_story(stored))
        batch = one_story(new, first=stored)
        start, cpu = time.perf_counter(), time.process_time()
        for chunk in (batch[i : i + 32] for i in range(0, new, 32)):
            store.add_article_batch(chunk, durable=False)
        store.flush()
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert store.counts()["events"] == 1
    return {"stored_mentions": stored, "new_articles": new, "seconds": round(seconds, 2),
            "articles_per_s": round(new / seconds, 1), "articles_per_client_cpu_s": round(new / cpu, 1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000, help="articles for the ingest rate")
    parser.add_argument(
        "--single", type=int, default=2_000, help="articles for the one-transaction-each rate"
    )
    parser.add_argument("--export-events", type=int, default=100_000, help="events in the export benchmark")
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each measurement (the median is reported)"
    )
    parser.add_argument(
        "--postgres", default=os.environ.get("EVENTWIRE_TEST_POSTGRES"), help="postgresql:// URL"
    )
    parser.add_argument("--story-only", action="store_true", help="only the mentions-per-event rates")
    parser.add_argument("--story-new", type=int, default=960, help="articles added to the one-event store")
    args = parser.parse_args()

    report: dict[str, object] = {
        "bench": "ingest",
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "runs": args.runs,
    }
    backends = ["sqlite", "postgres"] if args.postgres else ["sqlite"]
    with tempfile.TemporaryDirectory() as tmp:
        urls = iter(range(1_000_000))

        def fresh(backend: str) -> str:
            return (
                f"sqlite:///{tmp}/ingest{next(urls)}.db"
                if backend == "sqlite"
                else _fresh_postgres(args.postgres)
            )

        for backend in backends:
            # Ingest into an event that already holds 100, then 2,000 mentions: the ratio should stay near 1.
            rates = {n: median_of([bench_mentions_per_event(fresh(backend), n, args.story_new)
                                   for _ in range(args.runs)]) for n in (100, 2000)}  # fmt: skip
            report[f"{backend}_mentions_per_event"] = {
                **{str(n): r for n, r in rates.items()},
                "ratio_2000_to_100": round(rates[2000]["articles_per_s"] / rates[100]["articles_per_s"], 2),
                "cpu_ratio_2000_to_100": round(
                    rates[2000]["articles_per_client_cpu_s"] / rates[100]["articles_per_client_cpu_s"], 2
                ),
            }
        if args.story_only:
            print(json.dumps(report))
            return
        results = corpus(args.articles)
        for backend in backends:
            # Bulk ingest (eventwire ingest, add_article_results): 100 articles per transaction.
            report[backend] = median_of([bench_ingest(fresh(backend), results) for _ in range(args.runs)])
            # One transaction per article (add_article_result), on a smaller corpus: it is slower.
            report[f"{backend}_one_transaction_per_article"] = bench_ingest(
                fresh(backend), results[: args.single], one_by_one=True
            )
        big = f"sqlite:///{tmp}/export.db"
        # Enough articles for the wanted number of events (4 articles per 3 events).
        n = args.export_events * 4 // 3
        from eventwire.store import open_store

        start = time.perf_counter()
        with open_store(big) as store:
            store.add_article_results(iter_corpus(n, seed=11))  # streamed: memory stays flat
            events = store.counts()["events"]
        report["export"] = {
            "events_in_store": events,
            "store_built_seconds": round(time.perf_counter() - start, 1),
        }
        for fmt in ("csv", "json", "geojson", "parquet"):
            report["export"][fmt] = median_of([bench_export(big, fmt) for _ in range(args.runs)])
    line = json.dumps(report)
    if os.environ.get("EVENTWIRE_BENCH_JSON"):  # bench/run.py collects it from there
        Path(os.environ["EVENTWIRE_BENCH_JSON"]).write_text(line, encoding="utf-8")
    print(line)


def _fresh_postgres(url: str) -> str:
    """Return a URL on a new empty schema (dropped first if left over) of the given database."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS eventwire_bench CASCADE")
        conn.execute("CREATE SCHEMA eventwire_bench")
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-c%20search_path%3Deventwire_bench"


if __name__ == "__main__":
    main()
