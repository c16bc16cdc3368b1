"""Gazetteer benchmark: load time, RSS, lookups/s (exact/normalised), resolve/s; --build adds build time.

Prints one JSON line. Run: python bench/geocode.py [--build]
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    t0 = time.perf_counter()
    from eventwire.geo import Gazetteer, resolve_place
    from eventwire.geo.folding import fold_name

    t1 = time.perf_counter()
    gaz = Gazetteer.load()
    t2 = time.perf_counter()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    names = [n for n in gaz._names[:50_000] if gaz.is_known(n)][:20_000]
    fold_name.cache_clear()
    t = time.perf_counter()
    for n in names:
        gaz.candidates(n, limit=5)
    cold = len(names) / (time.perf_counter() - t)
    t = time.perf_counter()
    for _ in range(3):
        for n in names:
            gaz.is_known(n)
    known = 3 * len(names) / (time.perf_counter() - t)
    t = time.perf_counter()
    for n in names[:5000]:
        resolve_place(n, gazetteer=gaz, context_countries=("LB",))
    resolve = 5000 / (time.perf_counter() - t)
    out = {
        "import_s": round(t1 - t0, 3),
        "load_s": round(t2 - t1, 3),
        "rss_mb_loaded": round(rss_mb, 1),
        "records": len(gaz),
        "candidates_per_s": round(cold),
        "is_known_per_s": round(known),
        "resolve_per_s": round(resolve),
        "file_mb": round(Path(gaz_path()).stat().st_size / 1e6, 1),
    }
    if "--build" in sys.argv:
        from eventwire.geo.build import build_gazetteer

        with tempfile.TemporaryDirectory() as tmp:
            out["build"] = build_gazetteer(Path(tmp) / "g.pkl.gz")
    print(json.dumps(out))


def gaz_path() -> Path:
    from eventwire.geo.build import DEFAULT_OUTPUT

    return DEFAULT_OUTPUT


if __name__ == "__main__":
    main()
