"""Render evaluation reports as JSON and Markdown (the CLI draws its Rich tables from the same reports)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from eventwire.evaluate.notes import NOTE_CHECKS, NoteResult, NotesReport, placement_table
from eventwire.evaluate.scoring import EvaluationReport

ReportFormat = Literal["table", "json", "markdown"]
MARKDOWN_EVENT_LINES = 40  # misses and false alarms listed in Markdown; JSON has them all


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def _km(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def placement_markdown(results: Sequence[NoteResult]) -> str:
    """Return the per-country placement table as Markdown."""
    lines = [
        "| country | notes | found (±1 day) | placed within tolerance | wrong country |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in placement_table(results):
        lines.append(
            f"| {row['country']} | {row['notes']} | {row['found']} | {row['placed']} "
            f"({_pct(row['placed_share'])} %) | {row['wrong_country']} ({_pct(row['wrong_country_share'])} %) |"
        )
    return "\n".join(lines) + "\n"


def report_json(report: EvaluationReport | NotesReport) -> str:
    """Return a report as indented JSON (dates as YYYY-MM-DD)."""
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False)


def report_markdown(report: EvaluationReport | NotesReport) -> str:
    """Return a report as Markdown tables."""
    if isinstance(report, NotesReport):
        return notes_markdown(report)
    e = report.events
    lines = [
        "## Events",
        "",
        "| matched | predicted | gold | precision | recall | F1 |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {e.correct} | {e.predicted} | {e.expected} | {_pct(e.precision)} | {_pct(e.recall)} | {_pct(e.f1)} |",
        "",
        "## Fields (accuracy over matched pairs; P/R/F1 over all events)",
        "",
        "| field | pairs | accuracy | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for f in report.fields.values():
        lines.append(
            f"| {f.field} | {f.pairs} | {_pct(f.accuracy)} | {_pct(f.precision)} | {_pct(f.recall)} | {_pct(f.f1)} |"
        )
    g = report.geo
    lines += [
        "",
        "## Geocoding error (matched pairs)",
        "",
        "| pairs | median km | mean km | p90 km | within 5 km | within 25 km |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {g.pairs} | {_km(g.median_km)} | {_km(g.mean_km)} | {_km(g.p90_km)} | {_pct(g.within_5km)} | "
        f"{_pct(g.within_25km)} |",
        "",
        "## Per article",
        "",
        "| article | gold | predicted | matched | precision | recall | F1 | status |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for a in report.articles:
        lines.append(
            f"| {a.article or '(none)'} | {a.expected} | {a.predicted} | {a.correct} | {_pct(a.precision)} | "
            f"{_pct(a.recall)} | {_pct(a.f1)} | {a.status or ''} |"
        )
    for title, events in (
        ("Missed gold events", report.missed),
        ("Predicted events without gold", report.extra),
    ):
        if not events:
            continue
        lines += ["", f"## {title} ({len(events)})", ""]
        reasons = report.extra_reasons if events is report.extra else report.missed_reasons
        if reasons:
            why = ", ".join(f"{reason} {n}" for reason, n in reasons.items())
            lines += [f"Why (against the other side's events of the same article): {why}.", ""]
        lines += ["| article | date | type | actor1 | location | evidence | why |", "|---|---|---|---|---|---|---|"]
        for e in events[:MARKDOWN_EVENT_LINES]:
            evidence = (e.evidence or "").replace("|", "/").replace("\n", " ")[:120]
            lines.append(
                f"| {e.article or ''} | {e.event_date or ''} | {e.sub_event_type or e.event_type or ''} | "
                f"{e.actor1 or ''} | {e.location or ''} | {evidence} | {e.reason or ''} |"
            )
    return "\n".join(lines) + "\n"


def notes_markdown(report: NotesReport, *, misses: int = 15) -> str:
    """Return the ACLED-notes benchmark as Markdown: scores, event-type confusion, most common misses."""
    lines = [
        f"## ACLED notes: {report.rows} rows, {report.mentions_per_note:.2f} predicted events per note",
        "",
        "| " + " | ".join(NOTE_CHECKS) + " |",
        "|" + "---:|" * len(NOTE_CHECKS),
        "| " + " | ".join(_pct(report.scores[c]) for c in NOTE_CHECKS) + " |",
        "",
        "## Event type confusion (rows: gold, columns: predicted)",
        "",
    ]
    predicted_types = sorted({p for row in report.confusion.values() for p in row})
    lines.append("| gold \\ predicted | " + " | ".join(predicted_types) + " |")
    lines.append("|---|" + "---:|" * len(predicted_types))
    for gold, row in report.confusion.items():
        lines.append(f"| {gold} | " + " | ".join(str(row.get(p, 0)) for p in predicted_types) + " |")
    for check in ("sub_event_type", "actor1"):
        lines += ["", f"## Most common {check} misses", "", "| gold | predicted | rows |", "|---|---|---:|"]
        lines += [f"| {g} | {p} | {n} |" for g, p, n in report.misses(check, limit=misses)]
    return "\n".join(lines) + "\n"
