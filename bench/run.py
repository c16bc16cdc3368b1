"""Run every benchmark script in bench/ and write bench/results.json and bench/results.md.

Each `bench/*.py` (except this file and names starting with "_") runs as its own process from the repo
root, so one script's memory or crash never touches another. A script reports its numbers by writing
a JSON object to the file named in $EVENTWIRE_BENCH_JSON; failing that, a JSON object on its last
stdout line is taken. Wall time, exit status and the tail of its output are recorded either way.

    python bench/run.py [--only NAME ...] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
TAIL_LINES = 15


def bench_scripts(only: list[str] | None = None) -> list[Path]:
    """Return the benchmark scripts to run, sorted by name (`only`: names with or without .py)."""
    scripts = sorted(p for p in BENCH.glob("*.py") if p.name != "run.py" and not p.name.startswith("_"))
    if only:
        wanted = {name.removesuffix(".py") for name in only}
        scripts = [p for p in scripts if p.stem in wanted]
    return scripts


def _last_json_line(stdout: str) -> dict | None:
    lines = stdout.strip().splitlines()
    if not lines:
        return None
    try:
        value = json.loads(lines[-1])
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def run_script(script: Path, *, timeout: float) -> dict:
    """Return what one benchmark script gave: status, seconds, metrics and the tail of its output."""
    with tempfile.TemporaryDirectory() as tmp:
        handoff = Path(tmp) / "metrics.json"
        env = {**os.environ, "EVENTWIRE_BENCH_JSON": str(handoff)}
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, str(script)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
            status, stdout, stderr = ("ok" if done.returncode == 0 else "failed"), done.stdout, done.stderr
            returncode: int | None = done.returncode
        except subprocess.TimeoutExpired as exc:
            status, returncode = "timeout", None
            stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
            stderr = exc.stderr.decode() if isinstance(exc.stderr, bytes) else exc.stderr or ""
        seconds = time.perf_counter() - started
        metrics = None
        if handoff.exists():
            try:
                metrics = json.loads(handoff.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                metrics = None
        if metrics is None:
            metrics = _last_json_line(stdout)
    return {
        "status": status,
        "returncode": returncode,
        "seconds": round(seconds, 2),
        "metrics": metrics,
        "stdout_tail": stdout.splitlines()[-TAIL_LINES:],
        "stderr_tail": stderr.splitlines()[-TAIL_LINES:],
    }


def _commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return done.stdout.strip() or None


def _flat(metrics: dict | None, prefix: str = "") -> list[tuple[str, object]]:
    if not isinstance(metrics, dict):
        return []
    items: list[tuple[str, object]] = []
    for key, value in metrics.items():
        if isinstance(value, dict):
            continue  # nested tables (a confusion matrix) stay in results.json
        items.append((f"{prefix}{key}", value))
    return items


def results_markdown(results: dict) -> str:
    """Return the benchmark results as Markdown: one summary table, then each script's numbers."""
    lines = [
        "# Benchmark results",
        "",
        f"Run {results['finished']} on {results['machine']} (commit {results['commit'] or 'unknown'}).",
        "",
        "| script | status | seconds |",
        "|---|---|---:|",
    ]
    for name, result in results["scripts"].items():
        lines.append(f"| {name} | {result['status']} | {result['seconds']:.1f} |")
    for name, result in results["scripts"].items():
        lines += ["", f"## {name}", ""]
        flat = _flat(result["metrics"])
        if flat:
            lines += ["| metric | value |", "|---|---:|"]
            lines += [f"| {key} | {value} |" for key, value in flat]
        else:
            lines += ["```", *result["stdout_tail"], *result["stderr_tail"], "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="script names to run (default: all)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per script")
    args = parser.parse_args(argv)

    scripts = bench_scripts(args.only)
    if not scripts:
        print("no benchmark scripts to run", file=sys.stderr)
        return 2
    results: dict = {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "scripts": {},
    }
    for script in scripts:
        print(f"running {script.name}…", file=sys.stderr, flush=True)
        result = run_script(script, timeout=args.timeout)
        results["scripts"][script.stem] = result
        print(f"  {result['status']} in {result['seconds']:.1f} s", file=sys.stderr, flush=True)
    results["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    (BENCH / "results.json").write_text(
        json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (BENCH / "results.md").write_text(results_markdown(results), encoding="utf-8")
    print(f"wrote {BENCH / 'results.json'} and {BENCH / 'results.md'}", file=sys.stderr)
    return 0 if all(r["status"] == "ok" for r in results["scripts"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
