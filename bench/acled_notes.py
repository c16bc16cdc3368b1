"""Benchmark extraction on real ACLED codings: each row's notes in, that row's fields as the answer.

Runs a fixed stratified sample (equal share per event type, fixed seed) of the development ACLED file
(../shared/data/acled beside the repo; never shipped) through `eventwire.evaluate.evaluate_acled_notes`,
prints the scores, the event-type confusion and the most common misses as Markdown, writes the full
per-row results to bench/acled_notes.json, and hands its headline numbers to bench/run.py.

Placement (issue 14): a note's event is found when a prediction is dated within one day of ACLED's date,
and placed when the nearest such prediction lies within 10/30/100 km of ACLED's point (geo_precision 1/2/3);
the per-country table gives both and the share put in another country. Rows are split for good by a hash of
event_id_cnty (`evaluate.note_split`): 30 % held out, never read while writing rules (no examples are printed
for it), the rest the dev split that may be read.

    python bench/acled_notes.py [--csv FILE] [--split dev|held-out] [--by event_type|country]
                                [--countries Myanmar,Nigeria] [--sample 300] [--seed 2022]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from eventwire.evaluate import (
    NotesReport,
    evaluate_acled_notes,
    notes_markdown,
    placement_markdown,
    placement_table,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = ROOT.parent / "shared" / "data" / "acled" / "acled_2022h1_dev.csv.gz"
SAMPLE, SEED = 300, 2022


def examples_markdown(report: NotesReport, *, limit: int = 8) -> str:
    """Return example notes the extractor missed or typed wrong, so the lead can read what went wrong."""
    lines = []
    for title, wanted in (
        ("Notes where nothing was found", lambda r: not r.checks["found"]),
        ("Notes found with the wrong event type", lambda r: r.checks["found"] and not r.checks["event_type"]),
        ("Notes found with the place off", lambda r: r.checks["found"] and not r.checks["place"]),
    ):
        rows = [r for r in report.results if wanted(r)][:limit]
        lines += ["", f"## {title} (first {len(rows)})", ""]
        for r in rows:
            predicted = r.predicted
            got = (
                f"{predicted.event_type} / {predicted.sub_event_type} at {predicted.location}"
                + (f" ({r.distance_km:.0f} km off)" if r.distance_km is not None else "")
                if predicted
                else "nothing"
            )
            lines.append(
                f"- {r.event_id} ({r.gold.event_type} / {r.gold.sub_event_type} at {r.gold.location}; "
                f"got {got}): {r.gold.evidence}"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="ACLED CSV with notes")
    parser.add_argument("--sample", type=int, default=SAMPLE, help="rows, drawn evenly across event types")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--split", choices=("dev", "held-out", "all"), default="dev", help="hash split of rows")
    parser.add_argument("--by", choices=("event_type", "country"), default="event_type", help="sample strata")
    parser.add_argument("--countries", default="", help="comma-separated ACLED country names to keep")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "acled_notes.json", help="per-row results"
    )
    args = parser.parse_args(argv)

    handoff = os.environ.get("EVENTWIRE_BENCH_JSON")
    if not args.csv.exists():
        print(
            f"skipped: {args.csv} not found (the development ACLED file lives beside the repo)",
            file=sys.stderr,
        )
        if handoff:
            Path(handoff).write_text(json.dumps({"skipped": f"{args.csv} not found"}), encoding="utf-8")
        return 0

    started = time.perf_counter()
    report = evaluate_acled_notes(
        args.csv,
        sample=args.sample,
        seed=args.seed,
        split=None if args.split == "all" else args.split,
        countries=[c.strip() for c in args.countries.split(",") if c.strip()],
        by=(lambda row: row.country or "") if args.by == "country" else None,
    )
    seconds = time.perf_counter() - started

    print(f"# split: {args.split}, {args.sample} drawn by {args.by}, seed {args.seed}\n")
    print(notes_markdown(report), end="")
    print("\n## Placement by country (found: a prediction within one day of ACLED's date)\n")
    print(placement_markdown(report.results), end="")
    if args.split == "dev":  # held-out notes are never shown: they are not read while writing rules
        print(examples_markdown(report), end="")
    print(f"\n{report.rows} notes in {seconds:.1f} s ({report.rows / seconds:.1f} notes/s)")
    args.out.write_text(
        json.dumps(
            {
                "csv": args.csv.name,
                "sample": args.sample,
                "seed": args.seed,
                "split": args.split,
                **report.model_dump(mode="json"),
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    metrics = {
        "rows": report.rows,
        "sample": args.sample,
        "seed": args.seed,
        **{check: round(value, 4) for check, value in report.scores.items()},
        "mentions_per_note": round(report.mentions_per_note, 3),
        "notes_per_second": round(report.rows / seconds, 2),
        "confusion": report.confusion,
        "split": args.split,
        "placement": placement_table(report.results),
    }
    if handoff:
        Path(handoff).write_text(json.dumps(metrics), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
