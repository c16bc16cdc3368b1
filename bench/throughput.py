"""Throughput of Pipeline.extract against bare nlp.pipe of the same spaCy model on the same texts.

Replicates the fixture articles to at least 200 articles, runs each side --runs times (median reported)
in one process, and prints one JSON line: articles/s for both, their ratio (goal >= 0.7) and peak RSS.

    python bench/throughput.py [--runs 3] [--articles 200]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

from eventwire.ingest.text import read_text
from eventwire.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int):
    paths = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))
    base = [read_text(p.read_bytes(), name=p.name) for p in paths]
    # Distinct texts (a suffix changes the id) so no cache can help either side.
    return [
        read_text(f"{a.text}\n\nUpdate {i}.", published=a.published, name=f"copy{i}")
        for i, a in zip(range(n), (base * (n // len(base) + 1)), strict=False)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    started = time.perf_counter()
    pipeline = Pipeline.load()
    load_s = time.perf_counter() - started
    articles = corpus(args.articles)
    texts = [a.text for a in articles]
    list(pipeline.extract_articles(articles[:5]))  # warm both paths once
    bare, ours, events = [], [], 0
    for _ in range(args.runs):
        t = time.perf_counter()
        for _doc in pipeline.nlp.pipe(texts, batch_size=64):
            pass
        bare.append(len(texts) / (time.perf_counter() - t))
        t = time.perf_counter()
        events = sum(len(r.mentions) for r in pipeline.extract_articles(articles, batch_size=32))
        ours.append(len(articles) / (time.perf_counter() - t))
    result = {
        "bench": "throughput",
        "articles": len(articles),
        "runs": args.runs,
        "load_s": round(load_s, 2),
        "spacy_articles_per_s": round(statistics.median(bare), 1),
        "eventwire_articles_per_s": round(statistics.median(ours), 1),
        "ratio": round(statistics.median(ours) / statistics.median(bare), 3),
        "events": events,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
