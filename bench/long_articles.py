"""Extraction time of one article against its length in short lines (issue 15: it grew quadratically).

An article of N short lines in one paragraph, as pasted live blogs and feeds come: a few lines report an event,
most only go on about it. Each sentence looks back for the party, place, date and speaker it inherits; that
lookup must cost the same per line however long the article is. Prints and reports seconds per size and the
ratio of the largest to the smallest per-line time (about 1 when linear; it was ~20 for 1k -> 16k lines).

    python bench/long_articles.py [--sizes 1000 4000 16000] [--megabytes 2]

With --megabytes N it times instead one article of N MB (the cap is 2 MB) made of paragraphs of real reporting
in turn, many places and events (goal: 2 MB in <= 30 s). By default the paragraphs are the fixture articles'
(tests/fixtures/articles: 157 distinct, so a 2 MB article repeats each about 17 times, as pasted pages and feeds
repeat; eventwire parses each distinct paragraph of an article once). With --paragraphs real they are every
report of eval/real, eval/articles and the fixtures (about 3,000 distinct, 0.5 MB, repeated about 4 times), which
shows the cost of parsing distinct text. Wall and CPU seconds are printed: on a loaded machine only CPU
seconds compare.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from eventwire.model import Article
from eventwire.pipeline import Pipeline

LINES = (
    "Shelling hit the outskirts of Khiam on Tuesday.",
    "Residents stayed indoors.",
    "The road to the market stayed closed",
    "Ambulances waited near the square.",
    "Hezbollah said its fighters targeted a tank.",
    "Schools remained shut.",
    "Power was cut for hours",
    "Shops opened briefly in the afternoon.",
)


def article_of(lines: int) -> Article:
    """Return an article of `lines` short lines, one paragraph (single line breaks)."""
    text = "\n".join(LINES[i % len(LINES)] for i in range(lines))
    return Article.from_text(text, publisher="Bench Wire")


ROOT = Path(__file__).parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
PARAGRAPH_SOURCES = {
    "fixtures": (FIXTURES,),
    "real": (ROOT / "eval" / "real" / "articles", ROOT / "eval" / "articles", FIXTURES),
}


def article_of_megabytes(megabytes: float, paragraphs_from: str = "fixtures") -> Article:
    """Return one article of about `megabytes` MB (UTF-8) of real reports' paragraphs, in turn."""
    paragraphs = [
        p.strip()
        for folder in PARAGRAPH_SOURCES[paragraphs_from]
        for f in sorted(folder.glob("*.txt"))
        for p in f.read_text("utf-8").split("\n\n")
    ]
    paragraphs = [p for p in paragraphs if p]
    out: list[str] = []
    size, i = 0, 0
    while size < megabytes * 1_000_000:
        out.append(paragraphs[i % len(paragraphs)])
        size += len(out[-1].encode("utf-8")) + 2
        i += 1
    return Article.from_text("\n\n".join(out), publisher="Bench Wire")


def bench_megabytes(
    pipeline: Pipeline, megabytes: float, repeat: int, paragraphs_from: str
) -> dict[str, object]:
    article = article_of_megabytes(megabytes, paragraphs_from)
    distinct = len(set(article.text.split("\n\n")))
    runs, cpu_runs = [], []
    for _ in range(repeat):
        start, cpu_start = time.perf_counter(), time.process_time()
        result = pipeline.extract_article(article)
        runs.append(round(time.perf_counter() - start, 2))
        cpu_runs.append(round(time.process_time() - cpu_start, 2))
        print(
            f"{len(article.text.encode()) / 1e6:.2f} MB ({distinct} distinct paragraphs)  {runs[-1]:7.2f} s "
            f"wall  {cpu_runs[-1]:7.2f} s CPU  {len(result.mentions)} mentions",
            flush=True,
        )
    return {
        "megabytes": megabytes,
        "paragraphs": paragraphs_from,
        "distinct_paragraphs": distinct,
        "seconds": statistics.median(runs),
        "cpu_seconds": statistics.median(cpu_runs),
        "runs": runs,
        "cpu_runs": cpu_runs,
        "mentions": len(result.mentions),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (the median is reported)")
    parser.add_argument(
        "--megabytes", type=float, help="time one article of this many MB of fixture text instead"
    )
    parser.add_argument(
        "--paragraphs",
        choices=sorted(PARAGRAPH_SOURCES),
        default="fixtures",
        help="with --megabytes: the fixture articles' paragraphs, or every real report's (more distinct text)",
    )
    args = parser.parse_args()
    pipeline = Pipeline.load()
    pipeline.extract_article(article_of(50))  # warm up the model
    if args.megabytes:
        report = bench_megabytes(pipeline, args.megabytes, args.repeat, args.paragraphs)
        print(json.dumps(report))
        return
    seconds: dict[str, float] = {}
    for size in args.sizes:
        article = article_of(size)
        runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = pipeline.extract_article(article)
            runs.append(time.perf_counter() - start)
        seconds[str(size)] = round(statistics.median(runs), 2)
        print(f"{size:>6} lines  {seconds[str(size)]:7.2f} s  {len(result.mentions)} mentions", flush=True)
    small, large = min(args.sizes), max(args.sizes)
    per_line_ratio = (seconds[str(large)] / large) / (seconds[str(small)] / small)
    report = {
        "seconds_by_lines": seconds,
        "per_line_time_ratio_largest_to_smallest": round(per_line_ratio, 2),
    }
    if os.environ.get("EVENTWIRE_BENCH_JSON"):
        with open(os.environ["EVENTWIRE_BENCH_JSON"], "w", encoding="utf-8") as out:
            json.dump(report, out)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
