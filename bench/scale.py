"""Scale-out: articles/s of `eventwire run` in one process against 2 Dask worker processes, memory per worker.

Builds a JSON Lines corpus of --articles articles from the real fixture and evaluation texts (each copy
with its own date and a suffix, so every article has its own id), then times `eventwire.scale.run` with
the local engine and with --workers Dask workers on a LocalCluster (one thread each), --runs times each,
alternating, after both have loaded the pipeline (cluster start and model load are reported apart).
Prints one JSON line: articles/s per side (median), their ratio (goal >= 1.7 with 2 workers on 2 cores),
the extraction-only rates (merge step left out; it runs once on the driver either way), articles per
CPU-second and the share of a core each process got (below 1.0: the machine was busy with other work, and
the wall-clock rates understate both sides), each worker's RSS after loading the pipeline and after
extracting, and its peak RSS.

    python bench/scale.py [--articles 2000] [--runs 1] [--workers 2] [--partition-size 32]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_corpus(path: Path, n: int) -> None:
    """Write n JSON Lines article records made from the fixture and evaluation texts, dates and ids varied."""
    sources = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))
    sources += sorted((ROOT / "eval" / "articles").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    start = dt.date(2024, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            lines = texts[i % len(texts)].splitlines()
            if lines and lines[0].strip().startswith("date "):
                lines = lines[1:]  # the record's date replaces the text's own
            record = {
                "url": f"https://bench.example/{i}",
                "published": (start + dt.timedelta(days=i % 365)).isoformat(),
                "text": "\n".join(lines) + f"\n\nUpdate {i}.",
            }
            out.write(json.dumps(record) + "\n")


def _worker_memory() -> dict[str, float]:
    import psutil

    return {
        "rss_mb": psutil.Process().memory_info().rss / 2**20,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=32)
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    from eventwire.pipeline import Pipeline
    from eventwire.scale import PipelineLoader, run

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, args.articles)
        warm = Path(tmp) / "warm.jsonl"
        write_corpus(warm, 4)

        started = time.perf_counter()
        Pipeline.load()
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        cluster = LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        client = Client(cluster)
        client.register_plugin(PipelineLoader())  # every worker loads the pipeline now
        cluster_s = time.perf_counter() - started
        loaded = client.run(_worker_memory)
        address = cluster.scheduler_address
        run([warm], engine="dask", scheduler=address, out=Path(tmp) / "warm", partition_size=1)

        timings: dict[str, list[tuple[float, float, float]]] = {"local": [], "dask": []}
        events = {}
        for _ in range(args.runs):
            for engine in ("local", "dask"):
                report = run(
                    [corpus], engine=engine, scheduler=address if engine == "dask" else None,
                    out=Path(tmp) / engine, partition_size=args.partition_size,
                )  # fmt: skip
                if report.failures or report.read != args.articles:
                    sys.exit(f"{engine}: {report.read} read, failures: {report.failures[:3]}")
                cpu = sum(part.cpu_seconds for part in report.parts)
                timings[engine].append((report.seconds, report.seconds - report.merge_seconds, cpu))
                events[engine] = report.events
                print(
                    f"{engine}: {args.articles / report.seconds:.1f} articles/s "
                    f"({report.seconds:.1f} s, merge {report.merge_seconds:.1f} s)",
                    file=sys.stderr,
                )
        after = client.run(_worker_memory)
        client.close()
        cluster.close()

    def rate(engine: str, index: int) -> float:
        return args.articles / statistics.median(t[index] for t in timings[engine])

    def cpu_share(engine: str, processes: int) -> float:
        # CPU time the partitions got over the wall time they had: 1.0 on a quiet machine, less when loaded.
        return statistics.median(t[2] / (t[1] * processes) for t in timings[engine])

    result = {
        "bench": "scale",
        "articles": args.articles,
        "runs": args.runs,
        "workers": args.workers,
        "partition_size": args.partition_size,
        "cpus": os.cpu_count(),
        "load_avg_1min": round(os.getloadavg()[0], 2),
        "pipeline_load_s": round(load_s, 2),
        "cluster_start_s": round(cluster_s, 2),
        "local_articles_per_s": round(rate("local", 0), 1),
        "dask_articles_per_s": round(rate("dask", 0), 1),
        "ratio": round(rate("dask", 0) / rate("local", 0), 3),
        "local_extract_articles_per_s": round(rate("local", 1), 1),
        "dask_extract_articles_per_s": round(rate("dask", 1), 1),
        "extract_ratio": round(rate("dask", 1) / rate("local", 1), 3),
        "local_articles_per_cpu_s": round(rate("local", 2), 1),
        "dask_articles_per_cpu_s": round(rate("dask", 2), 1),
        "local_cpu_share": round(cpu_share("local", 1), 2),
        "dask_cpu_share": round(cpu_share("dask", args.workers), 2),
        "events_equal": events["local"] == events["dask"],
        "events": events["dask"],
        "worker_rss_loaded_mb": sorted(round(m["rss_mb"]) for m in loaded.values()),
        "worker_rss_after_mb": sorted(round(m["rss_mb"]) for m in after.values()),
        "worker_peak_rss_mb": sorted(round(m["peak_rss_mb"]) for m in after.values()),
        "driver_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    if os.environ.get("EVENTWIRE_BENCH_JSON"):
        Path(os.environ["EVENTWIRE_BENCH_JSON"]).write_text(json.dumps(result), encoding="utf-8")
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
