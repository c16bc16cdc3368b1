"""Commands that read articles and extract their events: extract (one article), ingest (into the store),
run (over partitions, in one process or on Dask)."""

from __future__ import annotations

import typer
from rich.console import Console

from eventwire.cli.console import err
from eventwire.cli.store import DB_HELP, open_store_or_exit
from eventwire.errors import EventwireError

# --- extract: one article in, its events out (eventwire.pipeline) ------------------------------------------
_EXTRACT_FORMATS = ("table", "json", "jsonl", "csv", "geojson")


def extract(
    source: str = typer.Argument(
        ...,
        help="A text article (with optional `date YYYY-MM-DD` and `publisher NAME` first lines), or - for stdin.",
    ),
    format: str = typer.Option("table", "--format", "-f", help="table, json, jsonl, csv or geojson."),
    published: str | None = typer.Option(
        None, "--published", help="Publication date YYYY-MM-DD, when the text has no date line."
    ),
    publisher: str | None = typer.Option(
        None,
        "--publisher",
        help="The outlet, used as claimant of its own reporting (else the publisher line).",
    ),
) -> None:
    """Extract the events of one article and print them in the ACLED layout.

    json is a list of objects keyed by ACLED column names (event_date, event_type, actor1, location,
    latitude, ...) plus claimant, stance and evidence (field -> {start, end, text}); table is for reading.
    Exit status: 0 with events or none found (an empty list), 2 when the input cannot be read as an article.

    Example: eventwire extract examples/roundup_2024-11-21.txt --format json
    """
    import datetime as dt
    import sys

    from eventwire.errors import EventwireError
    from eventwire.ingest.text import read_text
    from eventwire.pipeline import Pipeline
    from eventwire.store.checks import checked_result

    if format not in _EXTRACT_FORMATS:
        err.print(f"[red]error:[/red] --format must be one of {', '.join(_EXTRACT_FORMATS)}, not {format!r}")
        raise typer.Exit(2)
    try:
        when = dt.date.fromisoformat(published) if published else None
    except ValueError:
        err.print(f"[red]error:[/red] --published {published!r} is not a date YYYY-MM-DD")
        raise typer.Exit(2) from None
    try:
        if source == "-":
            data, name = sys.stdin.buffer.read(), "stdin"
        else:
            with open(source, "rb") as handle:
                data, name = handle.read(), source
        article = read_text(data, name=name, publisher=publisher, published=when)
        pipeline = Pipeline.load()
        result = checked_result(pipeline.extract_article(article))
    except OSError as exc:
        err.print(f"[red]error:[/red] {source}: {exc.strerror or exc}")
        raise typer.Exit(2) from exc
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if article.published is None:
        err.print(
            "note: no publication date (no `date YYYY-MM-DD` line, no --published): relative dates stay unresolved"
        )
    _print_mentions(result.mentions, article, format, actors=pipeline.resources.actors)
    err.print(
        f"{len(result.mentions)} events ({result.status}{': ' + result.reason if result.reason else ''})"
    )


def _print_mentions(mentions, article, format: str, *, actors=None) -> None:
    import json
    import sys

    from eventwire.normalise import mention_to_row

    rows = [mention_to_row(m, article=article, actors=actors) for m in mentions]
    if format in ("json", "jsonl"):
        # The ACLED row keeps evidence as a JSON string (a CSV cell); JSON output nests it as an object.
        for row in rows:
            row["evidence"] = json.loads(row["evidence"])
    if format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif format == "jsonl":
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    elif format in ("csv", "geojson"):
        from eventwire.export import write_events

        write_events(rows, sys.stdout.buffer, format=format)
        sys.stdout.flush()
    else:
        from rich.table import Table

        columns = ("event_date", "sub_event_type", "actor1", "actor2", "location", "country", "geo_precision",
                   "fatalities", "claimant", "stance")  # fmt: skip
        table = Table(title=f"{len(rows)} events", show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
        Console(width=None if sys.stdout.isatty() else 250).print(table)  # piped: one line per event


# --- ingest: articles into the store (eventwire.ingest, eventwire.store) ----------------------------------

_PATHS = typer.Argument(
    ..., help="Files, folders (read recursively) or - for stdin: HTML, RSS/Atom, JSON Lines, JSON or text."
)
DEFAULT_TIMEOUT = 120.0  # eventwire.ingest.batch.DEFAULT_TIMEOUT, without importing the pipeline for --help


def ingest(
    paths: list[str] = _PATHS,
    db: str | None = typer.Option(None, "--db", envvar="EVENTWIRE_DB", help=DB_HELP, show_envvar=False),
    batch_size: int = typer.Option(
        32, "--batch-size", min=1, help="Articles per extraction batch, store transaction and progress step."
    ),
    timeout: float = typer.Option(
        DEFAULT_TIMEOUT,
        "--timeout",
        min=0,
        help="Seconds one article may take; an article that runs over is listed as failed (0: no limit).",
    ),
) -> None:
    """Read articles, extract their events and store them; articles already stored are skipped.

    The format of each file comes from its extension or its first bytes. An item that cannot be read (a
    corrupt page, a malformed feed, a broken JSON line) is listed at the end and the rest goes on. Exit
    status 1 when any item failed.

    Example: eventwire ingest news/ feed.xml --db events.db
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from eventwire.ingest import count_inputs, iter_articles
    from eventwire.ingest.batch import ingest_items

    try:
        from eventwire.pipeline import Pipeline
    except ImportError as exc:
        err.print(f"[red]error:[/red] the extraction pipeline is not available ({exc})")
        raise typer.Exit(2) from exc
    store = open_store_or_exit(db)
    try:
        pipeline = Pipeline.load()
        with Progress(
            BarColumn(bar_width=12),
            TextColumn("{task.completed}/{task.total} inputs"),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
            transient=False,
        ) as progress:
            # The bar counts inputs (files, stdin); the text counts articles, updated after each batch.
            task = progress.add_task("reading…", total=count_inputs(paths))

            def show(report) -> None:
                progress.update(
                    task,
                    description=f"{report.read} read, {report.stored} new, {report.mentions} mentions, "
                    f"{len(report.failures)} failed",
                )

            report = ingest_items(
                iter_articles(paths, on_input=lambda name: progress.advance(task)),
                store,
                extract=lambda batch: pipeline.extract_articles(batch, batch_size=len(batch)),
                batch_size=batch_size,
                on_batch=show,
                timeout=timeout or None,
            )
        counts = store.counts()
    finally:
        store.close()
    statuses = ", ".join(f"{n} {status}" for status, n in sorted(report.statuses.items())) or "none new"
    err.print(
        f"{report.stored} articles stored ({statuses}); {report.already_stored} already stored; "
        f"store now holds {counts['events']} events from {counts['articles']} articles."
    )
    if report.failures:
        err.print(f"[yellow]{len(report.failures)} items not read:[/yellow]")
        for failure in report.failures:
            err.print(f"  {failure.source}: {failure.reason}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1)


# --- run: extraction over partitions, in one process or on Dask (eventwire.scale) ---------------------------


def run(
    inputs: list[str] = typer.Argument(  # noqa: B008
        ...,
        metavar="INPUT",
        help="Files and folders (read recursively): text, HTML, RSS/Atom, JSON, JSON Lines or Parquet.",
    ),
    engine: str = typer.Option("local", "--engine", help="local (this process) or dask (a Dask cluster)."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="With --engine dask: the address of a running scheduler (tcp://HOST:8786)."
    ),
    workers: int | None = typer.Option(
        None,
        "--workers",
        min=1,
        help="With --engine dask: worker processes of the local cluster started (default 2); with --scheduler, "
        "wait until this many workers are connected.",
    ),  # fmt: skip
    out: str | None = typer.Option(
        None, "--out", help="Write Parquet here: mentions/ and articles/ per partition, then events.parquet."
    ),
    db: str | None = typer.Option(
        None,
        "--db",
        help="Write to this store instead: a SQLite file path, sqlite:///PATH or postgresql://USER@HOST/DB.",
    ),
    partition_size: int | None = typer.Option(
        None,
        "--partition-size",
        min=1,
        help="Articles (or lines, rows, files) per partition (default 32).",
    ),
) -> None:
    """Extract the events of many articles in partitions, on this machine or a Dask cluster, then merge them.

    Give exactly one of --out DIR (Parquet: DIR/mentions, DIR/articles with each article's status, and
    DIR/events.parquet in the ACLED layout) or --db URL (the store; a cluster needs PostgreSQL). --engine
    local and --engine dask give the same mentions and events. Items that fail are listed at the end and the
    rest is kept; exit status 1 when any failed. See docs/scale.md for SLURM and Kubernetes.

    Example: eventwire run archive/ --engine dask --workers 2 --out out/
    """
    from eventwire.scale import DEFAULT_PARTITION_SIZE, ENGINES
    from eventwire.scale import run as run_partitions

    if engine not in ENGINES:
        err.print(f"[red]error:[/red] --engine {engine}: choose local or dask", highlight=False)
        raise typer.Exit(2)
    if (out is None) == (db is None):
        err.print("[red]error:[/red] give exactly one of --out DIR (Parquet) or --db URL (a store)")
        raise typer.Exit(2)
    try:
        report = run_partitions(
            inputs, engine=engine, out=out, db=db, scheduler=scheduler, workers=workers,  # type: ignore[arg-type]
            partition_size=partition_size or DEFAULT_PARTITION_SIZE, progress=True, announce=lambda line: err.print(line, highlight=False),
        )  # fmt: skip
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    statuses = ", ".join(f"{n} {status}" for status, n in sorted(report.statuses.items())) or "none new"
    where = f"{out}/events.parquet" if out is not None else "the store"
    err.print(
        f"{report.stored} articles extracted ({statuses}) in {report.partitions} partitions, "
        f"{report.mentions} mentions; {report.events} events in {where}; {report.seconds:.1f} s",
        highlight=False,
    )
    if report.already_stored:
        err.print(f"{report.already_stored} articles were already stored", highlight=False)
    if report.failures:
        err.print(f"[yellow]{len(report.failures)} items failed:[/yellow]")
        for failure in report.failures:
            err.print(f"  {failure.source}: {failure.reason}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1)
