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
err = Console(stderr=True, soft_wrap=True)

ABOUT = (
    f"eventwire {__version__}\n"
    "Place names and coordinates: GeoNames (geonames.org), CC BY 4.0; OurAirports (public domain); "
    "Natural Earth (public domain); Israeli localities list (CBS names, coordinates partly from "
    "OpenStreetMap contributors, ODbL); Myanmar place codes: MIMU (Myanmar Information Management Unit); "
    "villages of 12 African countries: (c) OpenStreetMap contributors, ODbL 1.0 (opendatacommons.org/licenses/odbl); "
    "postal places of Ukraine, Pakistan and Colombia: GeoNames (geonames.org), CC BY 4.0."
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

# --- extract: one article in, its events out (eventwire.pipeline) ------------------------------------------
_EXTRACT_FORMATS = ("table", "json", "jsonl", "csv", "geojson")


@app.command()
def extract(
    source: str = typer.Argument(
        ..., help="A text article (with an optional `date YYYY-MM-DD` first line), or - for stdin."
    ),
    format: str = typer.Option("table", "--format", "-f", help="table, json, jsonl, csv or geojson."),
    published: str | None = typer.Option(
        None, "--published", help="Publication date YYYY-MM-DD, when the text has no date line."
    ),
    publisher: str | None = typer.Option(
        None, "--publisher", help="The outlet, used as claimant of its own reporting."
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
        result = checked_result(Pipeline.load().extract_article(article))
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
    _print_mentions(result.mentions, article, format)
    err.print(
        f"{len(result.mentions)} events ({result.status}{': ' + result.reason if result.reason else ''})"
    )


def _print_mentions(mentions, article, format: str) -> None:
    import json
    import sys

    from eventwire.normalise import mention_to_row

    rows = [mention_to_row(m, article=article) for m in mentions]
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


# --- ingest, events, export: the store (eventwire.ingest, eventwire.store, eventwire.export) ---------------

import datetime as _dt  # noqa: E402 - Typer reads the --since/--until annotations from module globals

_DB_HELP = "Store: a SQLite file path, sqlite:///PATH or postgresql://USER@HOST/DB. Default: $EVENTWIRE_DB, else a file in the user data dir."


def _open_store_or_exit(db: str | None, *, must_exist: bool = False):  # -> eventwire.store.Store
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
_PATHS = typer.Argument(
    ..., help="Files, folders (read recursively) or - for stdin: HTML, RSS/Atom, JSON Lines, JSON or text."
)
_BBOX = typer.Option(None, "--bbox", help="Only events inside MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (degrees).")
DEFAULT_TIMEOUT = 120.0  # eventwire.ingest.batch.DEFAULT_TIMEOUT, without importing the pipeline for --help


@app.command()
def ingest(
    paths: list[str] = _PATHS,
    db: str | None = typer.Option(None, "--db", envvar="EVENTWIRE_DB", help=_DB_HELP, show_envvar=False),
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
    store = _open_store_or_exit(db)
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


@app.command()
def events(
    db: str | None = typer.Option(None, "--db", envvar="EVENTWIRE_DB", help=_DB_HELP, show_envvar=False),
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
    store = _open_store_or_exit(db, must_exist=True)
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
    store = _open_store_or_exit(db, must_exist=True)
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


@app.command()
def serve(
    db: str | None = typer.Option(None, "--db", envvar="EVENTWIRE_DB", help=_DB_HELP, show_envvar=False),
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

    store = _open_store_or_exit(db)
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


# --- evaluate: scores against ACLED-format gold (eventwire.evaluate) -----------------------------------


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
    if len(report.articles) > 1 or (report.articles and report.articles[0].article):
        articles = Table("article", "gold", "predicted", "matched", "F1", "status", title="Per article")
        for a in report.articles:
            articles.add_row(a.article or "(none)", str(a.expected), str(a.predicted), str(a.correct), pct(a.f1),
                             a.status or "")  # fmt: skip
        tables.append(articles)
    return tables


@app.command()
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


# --- gazetteer and geocode (eventwire.geo) ---------------------------------------------------------

from pathlib import Path  # noqa: E402 - Typer reads option annotations from module globals

from eventwire.errors import EventwireError, InputError  # noqa: E402

gazetteer_app = typer.Typer(help="Build or inspect the bundled gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


def _build_progress():
    """Return a rich progress bar over the build's steps and its callback (stderr)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=err)
    task = bar.add_task("building gazetteer", total=1)

    def step(name: str, done: int, total: int) -> None:
        bar.update(task, description=f"gazetteer: {name}", completed=done, total=total)

    return bar, step, task


def _run_build(output: Path, dumps: list[Path], *, villages: bool = True) -> dict:
    from eventwire.geo.build import build_gazetteer

    bar, step, task = _build_progress()
    with bar:
        figures = build_gazetteer(output, geonames_dumps=dumps, progress=step, villages=villages)
        bar.update(task, completed=1, total=1, description="gazetteer: done")
    return figures


@gazetteer_app.command("build")
def gazetteer_build(
    geonames: list[Path] = typer.Option(  # noqa: B008
        [],
        "--geonames",
        help="Extra GeoNames dump (country file such as SY.txt, or allCountries.txt); repeatable.",
    ),
    output: Path | None = typer.Option(  # noqa: B008
        None, "--output", help="Where to write the gazetteer (default: the user data folder, which extraction "
        "then uses; EVENTWIRE_GAZETTEER points extraction at any other file)."
    ),
    without_villages: bool = typer.Option(
        False, "--without-villages", help="Leave out the village layers (Myanmar, Africa, postal): a smaller, "
        "faster build."
    ),
) -> None:
    """Rebuild the gazetteer from the bundled sources plus any GeoNames dumps given, and print its figures."""
    import json as _json

    from eventwire.geo.dumps import dumps_dir
    from eventwire.geo.paths import user_gazetteer

    added = sorted(dumps_dir().glob("*.txt")) if dumps_dir().exists() else []
    try:
        figures = _run_build(output or user_gazetteer(), [*added, *geonames], villages=not without_villages)
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    typer.echo(_json.dumps(figures))


@gazetteer_app.command("add")
def gazetteer_add(
    countries: list[str] = typer.Argument(  # noqa: B008
        ..., help="ISO2 codes of GeoNames country dumps to add, e.g. SY YE IQ."
    ),
    from_file: Path | None = typer.Option(  # noqa: B008
        None, "--from", help="A local dump (CC.zip or CC.txt) instead of downloading; one country only."
    ),
    sha256: str | None = typer.Option(None, "--sha256", help="Expected sha256 of the zip or file."),
    output: Path | None = typer.Option(  # noqa: B008
        None, "--output", help="Where to write the gazetteer (default: the user data folder)."
    ),
    without_villages: bool = typer.Option(False, "--without-villages", help="Leave out the village layers."),
) -> None:
    """Add GeoNames country dumps (downloaded from download.geonames.org, or --from a local file) and rebuild.

    The dumps are kept in the user data folder, so a later `gazetteer build` keeps them.
    """
    import json as _json

    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    from eventwire.geo.dumps import download_dump, dumps_dir, local_dump
    from eventwire.geo.paths import user_gazetteer

    try:
        if from_file is not None and len(countries) != 1:
            raise InputError("--from takes one country's dump; name exactly one country code with it")
        folder = dumps_dir()
        if from_file is not None:
            local_dump(countries[0], from_file, folder, sha256=sha256)
        else:
            for cc in countries:
                with Progress(
                    TextColumn(f"GeoNames {cc.upper()}.zip"), BarColumn(), DownloadColumn(), console=err
                ) as bar:
                    task = bar.add_task("download", total=None)
                    download_dump(
                        cc, folder, sha256=sha256,
                        progress=lambda done, total, t=task: bar.update(t, completed=done, total=total),
                    )  # fmt: skip
        figures = _run_build(output or user_gazetteer(), sorted(folder.glob("*.txt")), villages=not without_villages)
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    typer.echo(_json.dumps(figures))


@app.command("geocode")
def geocode(
    name: str = typer.Argument(
        ..., help='Place name as written, e.g. "Aita ech Chaab" or "5 km north of Yaroun".'
    ),
    country: str | None = typer.Option(None, "--country", help="ISO2 code of the country the text is about."),
    limit: int = typer.Option(10, "--limit", help="How many candidates to list."),
    format: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """List the gazetteer's ranked candidates for a place name, with match kind and score."""
    import json as _json
    from dataclasses import asdict

    from rich.table import Table

    from eventwire.geo import Gazetteer, parse_place_phrase

    try:
        gaz = Gazetteer.load()
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    relation, core = parse_place_phrase(name)
    cands = gaz.candidates(core, country=country, limit=limit)
    if not cands:
        # not found: never a confident guess, but the nearest spellings, each marked match="closest"
        cands = gaz.closest(core, limit=limit)
        hint = "; closest names: " + ", ".join(c.name for c in cands) if cands else ""
        err.print(f"no place found for {name!r}{hint}", highlight=False)
    if format == "json":
        typer.echo(_json.dumps([{**asdict(c), "relation": relation} for c in cands], ensure_ascii=False))
        return
    table = Table(
        "name", "country", "admin1", "admin2", "feature", "lat", "lon", "prec", "match", "score", "source"
    )
    for c in cands:
        table.add_row(
            c.name, c.country_code or "", c.admin1 or "", c.admin2 or "", c.feature_code, f"{c.lat:.4f}",
            f"{c.lon:.4f}", str(c.geo_precision), c.match, f"{c.score:.3f}", c.source,
        )  # fmt: skip
    Console().print(table)


# --- run: extraction over partitions, in one process or on Dask (eventwire.scale) ---------------------------


@app.command()
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
    partition_size: int = typer.Option(
        128, "--partition-size", min=1, help="Articles (or lines, rows, files) per partition."
    ),
) -> None:
    """Extract the events of many articles in partitions, on this machine or a Dask cluster, then merge them.

    Give exactly one of --out DIR (Parquet: DIR/mentions, DIR/articles with each article's status, and
    DIR/events.parquet in the ACLED layout) or --db URL (the store; a cluster needs PostgreSQL). --engine
    local and --engine dask give the same mentions and events. Items that fail are listed at the end and the
    rest is kept; exit status 1 when any failed. See docs/scale.md for SLURM and Kubernetes.

    Example: eventwire run archive/ --engine dask --workers 2 --out out/
    """
    from eventwire.scale import ENGINES
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
            partition_size=partition_size, progress=True, announce=lambda line: err.print(line, highlight=False),
        )  # fmt: skip
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    statuses = ", ".join(f"{n} {status}" for status, n in sorted(report.statuses.items())) or "none new"
    where = f"{out}/events.parquet" if out is not None else "the store"
    err.print(
        f"{report.written} articles extracted ({statuses}) in {report.partitions} partitions, "
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


if __name__ == "__main__":  # python -m eventwire.cli, as the tests run it
    app()
