"""Gazetteer benchmark: load time, RSS, exact/normalised lookups per second, resolve/s; --build adds build time.

The lookup figures time `Gazetteer.candidates` on names that are exact or normalised hits (the path a text
scanner takes for nearly every name): 20,000 record names as the gazetteer spells them, taken evenly across
all its records (so lookups touch records all over memory, as text does; about a fifth have diacritics and go
through Unicode folding), plus the development list's mentions that are hits.
Cold figures: the name-folding cache and the gazetteer's candidate cache are cleared before every run, so no
run is helped by an earlier one. Warm figures: the same names again with both caches kept (a text that
repeats its names). The cold limit=1 figure is also given with the garbage collector off during the timed
runs, as `timeit` times by default: the gap is the collector's share, which depends on how many objects the
whole process holds. Each figure is the median of several runs. Prints one JSON line.
Run: python bench/geocode.py [--build] [--runs N]
"""

from __future__ import annotations

import csv
import gc
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

DEV_LIST = Path(__file__).resolve().parent.parent / "tests" / "geo" / "places_dev.tsv"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rate(calls: int, run) -> tuple[float, float]:
    """Return calls per second of wall time and per second of this process's CPU time (a shared machine
    slows the first, hardly the second)."""
    t, c = time.perf_counter(), time.process_time()
    run()
    return calls / (time.perf_counter() - t), calls / max(time.process_time() - c, 1e-9)


def _median_rates(samples: list[tuple[float, float]]) -> tuple[int, int]:
    return round(statistics.median(w for w, _ in samples)), round(statistics.median(c for _, c in samples))


def lookup_names(gaz) -> list[str]:
    """Return the names the lookup figures time: 20,000 record names spread over the gazetteer, as it spells
    them, then the dev list's mentions that are hits (tests/geo/test_lookup_reference.py checks these too)."""
    step = max(1, len(gaz) // 25_000)
    names = [n for n in map(gaz.name_of, range(0, len(gaz), step)) if gaz.is_known(n)][:20_000]
    if DEV_LIST.exists():
        with open(DEV_LIST, encoding="utf-8") as fh:
            rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
            names += [r["mention"] for r in rows if gaz.is_known(r["mention"])]
    return names


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    t0 = time.perf_counter()
    from eventwire.geo import Gazetteer, resolve_place
    from eventwire.geo.folding import fold_name
    from eventwire.geo.paths import active_gazetteer

    t1 = time.perf_counter()
    rss_before = _rss_mb()
    gaz = Gazetteer.load()
    t2 = time.perf_counter()
    rss_loaded = _rss_mb()

    names = lookup_names(gaz)
    clear_candidates = getattr(gaz, "cache_clear", lambda: None)  # absent before the candidate cache

    def lookups(limit: int, *, warm: bool = False, collector: bool = True) -> tuple[int, int]:
        rates = []
        for _ in range(runs):
            if not warm:
                fold_name.cache_clear()
                clear_candidates()
            if not collector:
                gc.collect()
                gc.disable()
            try:
                rates.append(_rate(len(names), lambda: [gaz.candidates(n, limit=limit) for n in names]))
            finally:
                gc.enable()
        return _median_rates(rates)

    def known() -> tuple[int, int]:
        rates = []
        for _ in range(runs):
            fold_name.cache_clear()
            rates.append(_rate(len(names), lambda: [gaz.is_known(n) for n in names]))
        return _median_rates(rates)

    sample = names[::4][:5000]
    resolve = _median_rates(
        [
            _rate(
                len(sample),
                lambda: [resolve_place(n, gazetteer=gaz, context_countries=("LB",)) for n in sample],
            )
            for _ in range(3)
        ]
    )
    limit5, limit1, known_rate = lookups(5), lookups(1), known()
    limit1_gc_off = lookups(1, collector=False)
    limit1_warm = lookups(1, warm=True)  # is_known refilled the fold cache, limit=1 the candidate cache
    limit5_warm = lookups(5, warm=True)  # limit=5 walks further than limit=1 cached: its first run is cooler
    out = {
        "import_s": round(t1 - t0, 3),
        "load_s": round(t2 - t1, 3),
        "rss_mb_loaded": round(rss_loaded, 1),
        "rss_mb_gazetteer": round(rss_loaded - rss_before, 1),
        "records": len(gaz),
        "names": len(names),
        "runs": runs,
        "lookups_per_s_limit5": limit5[0],
        "lookups_per_cpu_s_limit5": limit5[1],
        "lookups_per_s_limit1": limit1[0],
        "lookups_per_cpu_s_limit1": limit1[1],
        "lookups_per_s_limit1_gc_off": limit1_gc_off[0],
        "lookups_per_s_limit1_warm": limit1_warm[0],
        "lookups_per_s_limit5_warm": limit5_warm[0],
        "is_known_per_s": known_rate[0],
        "is_known_per_cpu_s": known_rate[1],
        "resolve_per_s": resolve[0],
        "resolve_per_cpu_s": resolve[1],
        "rss_mb_after_lookups": round(_rss_mb(), 1),
        "file_mb": round(active_gazetteer().stat().st_size / 1e6, 1),
    }
    if "--build" in sys.argv:
        from eventwire.geo.build import build_gazetteer

        with tempfile.TemporaryDirectory() as tmp:
            out["build"] = build_gazetteer(Path(tmp) / "g.pkl")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
