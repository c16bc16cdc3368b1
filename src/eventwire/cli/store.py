"""Commands over the store: events (a table), export (files), serve (the HTTP API and the dashboard);
and the store and filter options they share with ingest."""

from __future__ import annotations

import datetime as _dt  # Typer reads the --since/--until annotations from module globals

import typer
from rich.console import Console

from eventwire.cli.console import err

DB_HELP = "Store: a SQLite file path, sqlite:///PATH or postgresql://USER@HOST/DB. Default: $EVENTWIRE_DB, else a file in the user data dir."


def open_store_or_exit(db: str | None, *, must_exist: bool = False):  # -> eventwire.store.Store
    """Return the store `db` names; print why and exit 2 when it cannot open (or, with must_exist, does not exist)."""
    from eventwire.errors import StoreError
    from eventwire.store import open_store, store_exists

    try:
        if must_exist and not store_exists(db):
            raise StoreError(
                f"{db or 'the default store'}: no such store; check --db (or $EVENTWIRE_DB), "
                "or create it with `eventwire ingest PATH --db ...`"
            )
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
_BBOX = typer.Option(None, "--bbox", help="Only events inside MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (degrees).")


# The events table: (header, ACLED key, no_wrap). Narrow by default, to fit 100 columns; --wide for all.
_NARROW_COLUMNS = (
    ("date", "event_date", True),
    ("type", "type", True),
    ("actor 1", "actor1", False),
    ("actor 2", "actor2", False),
    ("location", "location", False),
    ("deaths", "fatalities", True),
)
_WIDE_COLUMNS = (("date", "event_date", True), ("event", "event_id_cnty", True), ("event type", "event_type", True),
                 ("sub-event type", "sub_event_type", True), ("actor 1", "actor1", False),
                 ("actor 2", "actor2", False), ("location", "location", False), ("country", "country", False),
                 ("deaths", "fatalities", True), ("corroboration", "corroboration", False),
                 ("source", "source", False))  # fmt: skip
TABLE_WIDTH = 100  # columns of the narrow table when the output is no terminal


def events(
    db: str | None = typer.Option(None, "--db", envvar="EVENTWIRE_DB", help=DB_HELP, show_envvar=False),
    since: _dt.datetime | None = _SINCE,
    until: _dt.datetime | None = _UNTIL,
    country: str | None = _COUNTRY,
    event_type: str | None = _EVENT_TYPE,
    bbox: str | None = _BBOX,
    limit: int = typer.Option(100, "--limit", min=1, help="Show at most this many events."),
    wide: bool = typer.Option(
        False, "--wide", help="All columns (event id, country, corroboration, source), one line per event."
    ),
) -> None:
    """List stored events as a table: date, event type and sub-event type, actors, place, deaths.

    The table fits 100 columns; --wide adds the event id, country, corroboration and sources. An unknown
    --country or --event-type is an error that names the values the store holds.

    Example: eventwire events --country LB --since 2024-10-01
    """
    from rich import box
    from rich.table import Table

    filters = _event_filter(since, until, country, event_type, bbox, limit)
    store = open_store_or_exit(db, must_exist=True)
    columns = _WIDE_COLUMNS if wide else _NARROW_COLUMNS
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True)
    for header, _, no_wrap in columns:
        table.add_column(header, no_wrap=no_wrap, overflow="fold")  # fold, never cut: the table is data
    try:
        _check_filter_values(store, country=country, event_type=event_type)
        for row in store.event_rows(filters):
            row = {**row, "type": f"{row.get('event_type') or ''}\n{row.get('sub_event_type') or ''}"}
            table.add_row(*("" if row.get(key) is None else str(row.get(key)) for _, key, _ in columns))
    finally:
        store.close()
    out = Console()
    if wide:
        out = Console(width=400)  # one line per event; `less -S` scrolls it
    elif not out.is_terminal:
        out = Console(width=TABLE_WIDTH)
    out.print(table)
    err.print(
        f"{table.row_count} events" + (" (limit reached; raise --limit)" if table.row_count == limit else "")
    )


def _check_filter_values(store, *, country: str | None, event_type: str | None) -> None:
    """Exit 2 naming the known values when --country or --event-type names nothing eventwire knows."""
    from eventwire.resources import read_data_tsv
    from eventwire.taxonomy import EventType, SubEventType

    held = store.filter_values()
    if country:
        known = {v.lower() for r in read_data_tsv("countries.tsv") for v in (r["name"], r["iso2"]) if v}
        known |= {v.lower() for v in held["country"]}
        if country.lower() not in known:
            here = ", ".join(sorted(held["country"])) or "no events yet"
            err.print(f"[red]error:[/red] --country {country!r} is no country eventwire knows; give an ISO "
                      f"alpha-2 code or an ACLED country name (this store holds: {here})", highlight=False)  # fmt: skip
            raise typer.Exit(2)
    if event_type:
        known = {v.lower() for v in (*EventType, *SubEventType, *held["event_type"])}
        if event_type.lower() not in known:
            err.print(f"[red]error:[/red] --event-type {event_type!r} is no ACLED event type or sub-event type; "
                      f"event types: {', '.join(EventType)}; this store holds: "
                      f"{', '.join(sorted(held['event_type'])) or 'no events yet'}", highlight=False)  # fmt: skip
            raise typer.Exit(2)


def export(
    db: str | None = typer.Option(None, "--db", envvar="EVENTWIRE_DB", help=DB_HELP, show_envvar=False),
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

    Exit status 2, with a one-line message, when the store does not exist or the output cannot be written
    (a folder, a read-only place, a full disk); a partly written --output file is removed.

    Example: eventwire export --format parquet --output events.parquet --country LB
    """
    import os
    import sys

    from eventwire.export import FORMATS, write_events

    if format not in FORMATS:
        err.print(f"[red]error:[/red] --format {format!r}: choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    filters = _event_filter(since, until, country, event_type, bbox)
    store = open_store_or_exit(db, must_exist=True)
    created = bool(output) and not os.path.lexists(output)  # type: ignore[arg-type]
    try:
        _check_filter_values(store, country=country, event_type=event_type)
        if output:
            with open(output, "wb") as out:
                count = write_events(store.event_rows(filters), out, format=format)
        else:
            count = write_events(store.event_rows(filters), sys.stdout.buffer, format=format)
            sys.stdout.buffer.flush()
    except OSError as exc:
        if created and os.path.isfile(output):  # type: ignore[arg-type]
            os.remove(output)  # type: ignore[arg-type] # a partial file is no export
        where = output or "stdout"
        err.print(f"[red]error:[/red] cannot write {where}: {exc.strerror or exc}; "
                  "choose another --output (a writable file, not a folder) or free disk space", highlight=False)  # fmt: skip
        raise typer.Exit(2) from None
    finally:
        store.close()
    err.print(f"{count} events exported" + (f" to {output}" if output else ""))


# --- serve: the HTTP API and the dashboard (eventwire.serve) ---------------------------------------------


def serve(
    db: str | None = typer.Option(None, "--db", envvar="EVENTWIRE_DB", help=DB_HELP, show_envvar=False),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; 0.0.0.0 serves every interface."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    token: str | None = typer.Option(
        None,
        "--token",
        envvar="EVENTWIRE_TOKEN",
        show_envvar=False,
        help="Require `Authorization: Bearer TOKEN` for writes (POST /articles, /examples). Also $EVENTWIRE_TOKEN.",
    ),  # fmt: skip
    load_examples: bool = typer.Option(
        False,
        "--load-examples",
        help="When the store is empty, extract and store the bundled examples first.",
    ),
) -> None:
    """Serve the HTTP API and the map dashboard over the store, offline (no CDN, no tile server).

    The dashboard is at http://HOST:PORT/, the API docs at /docs. On an empty store the dashboard offers a
    button that loads the bundled example articles; --load-examples does it before serving.

    Example: eventwire serve --db events.db --port 8000
    """
    import uvicorn

    from eventwire.ingest.batch import ingest_items
    from eventwire.serve import create_app
    from eventwire.serve.api import example_articles

    store = open_store_or_exit(db)
    try:
        counts = store.counts()
        if counts["articles"] == 0 and load_examples:
            from eventwire.pipeline import Pipeline

            pipeline = Pipeline.load()
            report = ingest_items(example_articles(), store, extract=lambda b: pipeline.extract_articles(b))
            err.print(f"loaded the bundled examples: {report.stored} articles, {report.mentions} mentions")
        elif counts["articles"] == 0:
            err.print(
                "the store is empty: the dashboard offers to load the bundled examples (or use --load-examples)"
            )
    finally:
        store.close()
    if host not in ("127.0.0.1", "localhost", "::1") and token is None:
        err.print(
            f"[yellow]warning:[/yellow] serving on {host} without --token: anyone who can reach it can add articles"
        )
    err.print(f"dashboard: http://{host}:{port}/  API docs: http://{host}:{port}/docs")
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="warning")
