"""The eventwire command line: each command is a thin wrapper over a library call.

Data goes to stdout; progress and messages go to stderr.
"""

from __future__ import annotations

import typer
from rich.console import Console

from eventwire import __version__

app = typer.Typer(
    name="eventwire",
    help="Turn conflict news into ACLED-compatible, geocoded, source-attributed event records, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)

ABOUT = (
    f"eventwire {__version__}\n"
    "Place names and coordinates: GeoNames (geonames.org), CC BY 4.0; OurAirports (public domain); "
    "Natural Earth (public domain); Israeli localities list (CBS names, coordinates partly from "
    "OpenStreetMap contributors, ODbL)."
)


def _version(value: bool) -> None:
    if value:
        typer.echo(ABOUT)
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and data attributions."
    ),
) -> None:
    """eventwire reads war reporting and writes ACLED-grade event records, each with who claims it."""


# Commands are registered below, one block per command family.


# --- ingest, events, export: the store (eventwire.ingest, eventwire.store, eventwire.export) ---------------

import datetime as _dt  # noqa: E402 - Typer reads the --since/--until annotations from module globals

_DB_HELP = "Store: a SQLite file path, sqlite:///PATH or postgresql://USER@HOST/DB. Default: $EVENTWIRE_DB, else a file in the user data dir."


def _open_store_or_exit(db: str | None):  # -> eventwire.store.Store
    from eventwire.errors import StoreError
    from eventwire.store import open_store

    try:
        return open_store(db)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def _event_filter(since, until, country, event_type, bbox, limit=None):  # -> eventwire.store.EventFilter
    from eventwire.store import EventFilter

    box = None
    if bbox:
        try:
            box = tuple(float(x) for x in bbox.split(","))
        except ValueError:
            box = ()
        if len(box) != 4:
            err.print(
                f"[red]error:[/red] --bbox {bbox!r}: give four numbers, MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"
            )
            raise typer.Exit(2)
    return EventFilter(
        since=since.date() if since else None,
        until=until.date() if until else None,
        country=country,
        event_type=event_type,
        bbox=box,
        limit=limit,
    )


_SINCE = typer.Option(
    None, "--since", formats=["%Y-%m-%d"], help="Only events on or after this date (YYYY-MM-DD)."
)
_UNTIL = typer.Option(
    None, "--until", formats=["%Y-%m-%d"], help="Only events on or before this date (YYYY-MM-DD)."
)
_COUNTRY = typer.Option(
    None, "--country", help="Only events in this country (name or ISO alpha-2 code, e.g. LB)."
)
_EVENT_TYPE = typer.Option(
    None, "--event-type", help='Only this ACLED event type or sub-event type, e.g. "Battles".'
)
_PATHS = typer.Argument(
    ..., help="Files, folders (read recursively) or - for stdin: HTML, RSS/Atom, JSON Lines, JSON or text."
)
_BBOX = typer.Option(None, "--bbox", help="Only events inside MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (degrees).")


@app.command()
def ingest(
    paths: list[str] = _PATHS,
    db: str | None = typer.Option(None, "--db", envvar="EVENTWIRE_DB", help=_DB_HELP, show_envvar=False),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per progress step."),
) -> None:
    """Read articles, extract their events and store them; articles already stored are skipped.

    The format of each file comes from its extension or its first bytes. An item that cannot be read (a
    corrupt page, a malformed feed, a broken JSON line) is listed at the end and the rest goes on. Exit
    status 1 when any item failed.

    Example: eventwire ingest news/ feed.xml --db events.db
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from eventwire.ingest import iter_articles
    from eventwire.ingest.batch import ingest_items

    try:
        from eventwire.pipeline import Pipeline
    except ImportError as exc:
        err.print(f"[red]error:[/red] the extraction pipeline is not available ({exc})")
        raise typer.Exit(2) from exc
    store = _open_store_or_exit(db)
    try:
        pipeline = Pipeline.load()
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
            transient=False,
        ) as progress:
            task = progress.add_task("reading…", total=None)

            def show(report) -> None:
                progress.update(
                    task,
                    description=f"{report.read} articles read, {report.stored} stored, "
                    f"{report.already_stored} already stored, {report.mentions} mentions, "
                    f"{len(report.failures)} failed",
                )

            report = ingest_items(
                iter_articles(paths),
                store,
                extract=pipeline.extract_article,
                batch_size=batch_size,
                on_batch=show,
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
            err.print(f"  {failure.source}: {failure.reason}", markup=False, highlight=False)
        raise typer.Exit(1)


@app.command()
def events(
    db: str | None = typer.Option(None, "--db", envvar="EVENTWIRE_DB", help=_DB_HELP, show_envvar=False),
    since: _dt.datetime | None = _SINCE,
    until: _dt.datetime | None = _UNTIL,
    country: str | None = _COUNTRY,
    event_type: str | None = _EVENT_TYPE,
    bbox: str | None = _BBOX,
    limit: int = typer.Option(100, "--limit", min=1, help="Show at most this many events."),
) -> None:
    """List stored events as a table: date, type, actors, place, fatalities, corroboration, sources.

    Example: eventwire events --country LB --since 2024-10-01
    """
    from rich.table import Table

    filters = _event_filter(since, until, country, event_type, bbox, limit)
    store = _open_store_or_exit(db)
    table = Table()
    for header in ("date", "event", "sub-event type", "actor 1", "actor 2", "location", "country", "fatalities",
                   "corroboration", "sources"):  # fmt: skip
        table.add_column(header, overflow="fold")  # fold, never cut: the table is data
    try:
        for row in store.event_rows(filters):
            table.add_row(
                *(
                    "" if row.get(key) is None else str(row.get(key))
                    for key in (
                        "event_date",
                        "event_id_cnty",
                        "sub_event_type",
                        "actor1",
                        "actor2",
                        "location",
                        "country",
                        "fatalities",
                        "corroboration",
                        "source",
                    )  # fmt: skip
                )
            )
    finally:
        store.close()
    out = Console()
    if not out.is_terminal:
        out = Console(width=200)  # piped: no terminal width to fit, keep rows on one line where possible
    out.print(table)
    err.print(
        f"{table.row_count} events" + (" (limit reached; raise --limit)" if table.row_count == limit else "")
    )


@app.command()
def export(
    db: str | None = typer.Option(None, "--db", envvar="EVENTWIRE_DB", help=_DB_HELP, show_envvar=False),
    format: str = typer.Option(
        "csv", "--format", "-f", help="csv (ACLED column order, then eventwire's), json, geojson or parquet."
    ),
    output: str | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    since: _dt.datetime | None = _SINCE,
    until: _dt.datetime | None = _UNTIL,
    country: str | None = _COUNTRY,
    event_type: str | None = _EVENT_TYPE,
    bbox: str | None = _BBOX,
) -> None:
    """Export stored events as CSV, JSON, GeoJSON or Parquet, to stdout or --output.

    Example: eventwire export --format parquet --output events.parquet --country LB
    """
    import sys

    from eventwire.export import FORMATS, write_events

    if format not in FORMATS:
        err.print(f"[red]error:[/red] --format {format!r}: choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    filters = _event_filter(since, until, country, event_type, bbox)
    store = _open_store_or_exit(db)
    try:
        if output:
            with open(output, "wb") as out:
                count = write_events(store.event_rows(filters), out, format=format)
        else:
            count = write_events(store.event_rows(filters), sys.stdout.buffer, format=format)
            sys.stdout.buffer.flush()
    finally:
        store.close()
    err.print(f"{count} events exported" + (f" to {output}" if output else ""))
