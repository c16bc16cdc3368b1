"""Instructions per gazetteer lookup, counted by valgrind: a figure a loaded machine does not move.

Timings on a shared 2-core machine vary by half from one minute to the next; the number of instructions a
lookup executes does not. This runs the process under `valgrind --tool=cachegrind --cache-sim=no` twice (load
and the bench's names, then the same plus three cold runs of `candidates(name, limit=N)` over them) and prints
the difference per lookup, with the garbage collector on and off. Memory stalls are not counted: fewer
instructions is necessary for a faster lookup, not sufficient. Takes about two minutes per figure.
Run: python bench/geocode_instructions.py [--limit N]   (needs valgrind: apt-get install valgrind)
"""

from __future__ import annotations

import gc
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

RUNS = 3


def _child(runs: int, limit: int, collector: bool) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from geocode import lookup_names

    from eventwire.geo import Gazetteer
    from eventwire.geo.folding import fold_name

    gaz = Gazetteer.load()
    names = lookup_names(gaz)
    [gaz.candidates(n, limit=limit) for n in names]  # the same one-off work in both counts
    if not collector:
        gc.disable()
    for _ in range(runs):
        fold_name.cache_clear()
        gaz.cache_clear()
        [gaz.candidates(n, limit=limit) for n in names]
    print(len(names))


def _count(runs: int, limit: int, collector: bool) -> tuple[int, int]:
    args = [sys.executable, __file__, "--child", str(runs), str(limit), "1" if collector else "0"]
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    refs = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if refs is None:
        raise SystemExit(f"valgrind gave no instruction count: {done.stderr[-500:]}")
    return int(refs.group(1).replace(",", "")), int(done.stdout.split()[-1])


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        _child(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1")
        return
    if shutil.which("valgrind") is None:
        raise SystemExit(
            "valgrind is not installed; install it (apt-get install valgrind) to count instructions"
        )
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else 1
    base, names = _count(0, limit, True)
    out = {"limit": limit, "names": names}
    for label, collector in (("instructions_per_cold_lookup", True), ("same_collector_off", False)):
        total, _ = _count(RUNS, limit, collector)
        out[label] = round((total - base) / (RUNS * names))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
