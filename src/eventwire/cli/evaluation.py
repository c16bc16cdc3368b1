"""The evaluate command: scores against ACLED-format gold (eventwire.evaluate)."""

from __future__ import annotations

import typer
from rich.console import Console

from eventwire.cli.console import err


def _evaluation_tables(report) -> list:  # EvaluationReport | NotesReport -> list[rich.table.Table]
    from rich.table import Table

    from eventwire.evaluate import NOTE_CHECKS, NotesReport

    def pct(value: float | None) -> str:
        return "–" if value is None else f"{100 * value:.1f}"

    if isinstance(report, NotesReport):
        scores = Table(*NOTE_CHECKS, title=f"ACLED notes: {report.rows} rows, "
                       f"{report.mentions_per_note:.2f} predicted events per note (% right)")  # fmt: skip
        scores.add_row(*(pct(report.scores[c]) for c in NOTE_CHECKS))
        predicted = sorted({p for row in report.confusion.values() for p in row})
        confusion = Table("gold \\ predicted", *predicted, title="Event type confusion")
        for gold, row in report.confusion.items():
            confusion.add_row(gold, *(str(row.get(p, 0)) for p in predicted))
        misses = Table("gold sub-event type", "predicted", "rows", title="Most common sub-event type misses")
        for gold, pred, n in report.misses("sub_event_type", limit=10):
            misses.add_row(gold, pred, str(n))
        return [scores, confusion, misses]
    e, g = report.events, report.geo
    events_table = Table("matched", "predicted", "gold", "precision", "recall", "F1", title="Events")
    events_table.add_row(
        str(e.correct), str(e.predicted), str(e.expected), pct(e.precision), pct(e.recall), pct(e.f1)
    )
    fields = Table("field", "pairs", "accuracy", "precision", "recall", "F1",
                   title="Fields (accuracy over matched pairs; P/R/F1 over all events)")  # fmt: skip
    for f in report.fields.values():
        fields.add_row(f.field, str(f.pairs), pct(f.accuracy), pct(f.precision), pct(f.recall), pct(f.f1))
    geo = Table("pairs", "median km", "p90 km", "within 5 km", "within 25 km", title="Geocoding error")
    km = "–" if g.median_km is None else f"{g.median_km:.1f}"
    p90 = "–" if g.p90_km is None else f"{g.p90_km:.1f}"
    geo.add_row(str(g.pairs), km, p90, pct(g.within_5km), pct(g.within_25km))
    tables = [events_table, fields, geo]
    for reasons, title in ((report.missed_reasons, "Missed gold events"), (report.extra_reasons, "False alarms")):
        if reasons:
            why = Table(*reasons, title=f"{title}, by why (eval/README.md: Reading a score)")
            why.add_row(*(str(n) for n in reasons.values()))
            tables.append(why)
    if len(report.articles) > 1 or (report.articles and report.articles[0].article):
        articles = Table("article", "gold", "predicted", "matched", "F1", "status", title="Per article")
        for a in report.articles:
            articles.add_row(a.article or "(none)", str(a.expected), str(a.predicted), str(a.correct), pct(a.f1),
                             a.status or "")  # fmt: skip
        tables.append(articles)
    return tables


def evaluate(
    pred: str | None = typer.Option(
        None,
        "--pred",
        help="Predicted events: ACLED-layout CSV (.csv/.csv.gz), gold-style JSON, or a folder.",
    ),
    gold: str | None = typer.Option(
        None,
        "--gold",
        help="Gold events: an ACLED export CSV as downloaded, a NAME.gold.json, or a folder of them.",
    ),
    corpus: str | None = typer.Option(
        None,
        "--corpus",
        help="Folder of NAME.txt articles with NAME.gold.json beside them; extraction runs here.",
    ),
    acled_notes: str | None = typer.Option(
        None, "--acled-notes", help="ACLED CSV whose notes are extracted and scored against their own rows."
    ),
    sample: int | None = typer.Option(
        None, "--sample", min=1, help="With --acled-notes: score N rows drawn evenly across event types."
    ),
    seed: int = typer.Option(0, "--seed", help="With --sample: the random seed (same seed, same rows)."),
    format: str = typer.Option(
        "table", "--format", "-f", help="table (Rich, for reading), json or markdown."
    ),
    floors: str | None = typer.Option(
        None,
        "--floors",
        help="With --corpus: thresholds JSON; exit status 1 when a score is below its floor.",
    ),
    write_floors: str | None = typer.Option(
        None,
        "--write-floors",
        help="With --corpus: write floors just below the measured scores to this file.",
    ),
) -> None:
    """Score events against ACLED-format gold: event precision/recall/F1, per-field scores, geocoding error.

    Three modes. --pred P --gold G compares two files; --corpus DIR extracts every DIR/NAME.txt and
    compares with DIR/NAME.gold.json; --acled-notes FILE.csv extracts each row's notes (published on the
    row's event_date) and checks event found, event_type, sub_event_type, actor1, place (10/30/100 km by
    geo_precision) and fatalities against that row.

    Events match one-to-one when their dates agree within the time precision, their event types are
    compatible and the place lies within the gold tolerance_km (else 10/30/100 km by geo_precision).

    Examples:
      eventwire evaluate --pred events.csv --gold acled_export.csv --format markdown
      eventwire evaluate --corpus eval --floors eval/thresholds.json
    """
    from eventwire.errors import EventwireError
    from eventwire.evaluate import (
        evaluate_acled_notes,
        evaluate_corpus,
        evaluate_files,
        ratchet_failures,
        read_floors,
        report_json,
        report_markdown,
    )
    from eventwire.evaluate import write_floors as write_floors_file

    if format not in ("table", "json", "markdown"):
        err.print(f"[red]error:[/red] --format {format!r}: choose table, json or markdown")
        raise typer.Exit(2)
    modes = sum(x is not None for x in (corpus, acled_notes)) + (pred is not None or gold is not None)
    if modes != 1 or ((pred is None) != (gold is None)):
        err.print("[red]error:[/red] give --pred with --gold, or --corpus DIR, or --acled-notes FILE.csv")
        raise typer.Exit(2)
    if (floors or write_floors) and corpus is None:
        err.print("[red]error:[/red] --floors and --write-floors go with --corpus DIR")
        raise typer.Exit(2)
    try:
        limits = read_floors(floors) if floors else None
        if corpus is not None:
            with err.status("extracting…") as status:
                report = evaluate_corpus(corpus, on_article=lambda name: status.update(f"extracting {name}"))
        elif acled_notes is not None:
            with err.status("extracting…") as status:
                report = evaluate_acled_notes(
                    acled_notes,
                    sample=sample,
                    seed=seed,
                    on_row=lambda n, total: status.update(f"extracting note {n}/{total}"),
                )
        else:
            report = evaluate_files(pred, gold)  # type: ignore[arg-type]
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    except ImportError as exc:
        err.print(f"[red]error:[/red] the extraction pipeline is not available ({exc})")
        raise typer.Exit(2) from exc
    if format == "json":
        typer.echo(report_json(report))
    elif format == "markdown":
        typer.echo(report_markdown(report), nl=False)
    else:
        out = Console()
        for table in _evaluation_tables(report):
            out.print(table)
    if write_floors:
        write_floors_file(write_floors, report, corpus=corpus)  # type: ignore[arg-type]
        err.print(f"floors written to {write_floors}")
    if limits is not None:
        failures = ratchet_failures(report, limits)  # type: ignore[arg-type]
        for line in failures:
            err.print(f"[red]below floor:[/red] {line}", highlight=False)
        if failures:
            raise typer.Exit(1)
        err.print(f"all {len(limits)} scores at or above their floors")
