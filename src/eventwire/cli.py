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
        result = Pipeline.load().extract_article(article)
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
    batch_size: int = typer.Option(
        32, "--batch-size", min=1, help="Articles per extraction batch, store transaction and progress step."
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
                   "corroboration", "source"):  # fmt: skip
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

from eventwire.errors import EventwireError  # noqa: E402

gazetteer_app = typer.Typer(help="Build or inspect the bundled gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("build")
def gazetteer_build(
    geonames: list[Path] = typer.Option(  # noqa: B008
        [],
        "--geonames",
        help="Extra GeoNames dump (country file such as SY.txt, or allCountries.txt); repeatable.",
    ),
    output: Path | None = typer.Option(  # noqa: B008
        None, "--output", help="Where to write the gazetteer (default: bundled file)."
    ),
) -> None:
    """Rebuild the gazetteer from the bundled sources plus any GeoNames dumps given, and print its figures."""
    import json as _json

    from eventwire.geo.build import build_gazetteer

    try:
        with err.status("building gazetteer"):
            figures = build_gazetteer(output, geonames_dumps=geonames)
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
