"""Gazetteer benchmark: load time, RSS, exact/normalised lookups per second, resolve/s; --build adds build time.

The lookup figures time `Gazetteer.candidates` on names that are exact or normalised hits (the path a text
scanner takes for nearly every name): 20,000 record names as the gazetteer spells them (a fifth with
diacritics, so they go through full Unicode folding) plus the development list's mentions that are hits.
The name-folding cache is cleared before every run, so no run is helped by an earlier one; each figure is
the median of several runs. Prints one JSON line. Run: python bench/geocode.py [--build] [--runs N]
"""

from __future__ import annotations

import csv
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


def _rate(calls: int, run) -> float:
    t = time.perf_counter()
    run()
    return calls / (time.perf_counter() - t)


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    t0 = time.perf_counter()
    from eventwire.geo import Gazetteer, resolve_place
    from eventwire.geo.build import DEFAULT_OUTPUT
    from eventwire.geo.folding import fold_name

    t1 = time.perf_counter()
    rss_before = _rss_mb()
    gaz = Gazetteer.load()
    t2 = time.perf_counter()
    rss_loaded = _rss_mb()

    names = [n for n in map(gaz.name_of, range(50_000)) if gaz.is_known(n)][:20_000]
    if DEV_LIST.exists():
        with open(DEV_LIST, encoding="utf-8") as fh:
            rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
            names += [r["mention"] for r in rows if gaz.is_known(r["mention"])]

    def lookups(limit: int) -> float:
        rates = []
        for _ in range(runs):
            fold_name.cache_clear()
            rates.append(_rate(len(names), lambda: [gaz.candidates(n, limit=limit) for n in names]))
        return statistics.median(rates)

    def known() -> float:
        rates = []
        for _ in range(runs):
            fold_name.cache_clear()
            rates.append(_rate(len(names), lambda: [gaz.is_known(n) for n in names]))
        return statistics.median(rates)

    sample = names[::4][:5000]
    resolve = statistics.median(
        _rate(
            len(sample), lambda: [resolve_place(n, gazetteer=gaz, context_countries=("LB",)) for n in sample]
        )
        for _ in range(3)
    )
    out = {
        "import_s": round(t1 - t0, 3),
        "load_s": round(t2 - t1, 3),
        "rss_mb_loaded": round(rss_loaded, 1),
        "rss_mb_gazetteer": round(rss_loaded - rss_before, 1),
        "records": len(gaz),
        "names": len(names),
        "runs": runs,
        "lookups_per_s_limit5": round(lookups(5)),
        "lookups_per_s_limit1": round(lookups(1)),
        "is_known_per_s": round(known()),
        "resolve_per_s": round(resolve),
        "rss_mb_after_lookups": round(_rss_mb(), 1),
        "file_mb": round(DEFAULT_OUTPUT.stat().st_size / 1e6, 1),
    }
    if "--build" in sys.argv:
        from eventwire.geo.build import build_gazetteer

        with tempfile.TemporaryDirectory() as tmp:
            out["build"] = build_gazetteer(Path(tmp) / "g.pkl.gz")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
