"""The eventwire command line: each command is a thin wrapper over a library call.

Data goes to stdout; progress and messages go to stderr. The commands live in one module per family
(`articles`: extract, ingest, run; `store`: events, export, serve; `evaluation`: evaluate; `gazetteer`:
gazetteer, geocode) and are registered here, in the order `eventwire --help` lists them.
"""

from __future__ import annotations

import typer

from eventwire import __version__
from eventwire.cli.articles import extract, ingest, run
from eventwire.cli.evaluation import evaluate
from eventwire.cli.gazetteer import gazetteer_app, geocode
from eventwire.cli.store import events, export, serve

app = typer.Typer(
    name="eventwire",
    help="Turn conflict news into ACLED-compatible, geocoded, source-attributed event records, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ABOUT = (
    f"eventwire {__version__}\n"
    "Place names and coordinates: GeoNames (geonames.org), CC BY 4.0; OurAirports (public domain); "
    "Natural Earth (public domain); Israeli localities list (CBS names, coordinates partly from "
    "OpenStreetMap contributors, ODbL); Myanmar place codes: MIMU (Myanmar Information Management Unit); "
    "villages of 12 African countries: (c) OpenStreetMap contributors, ODbL 1.0 (opendatacommons.org/licenses/odbl); "
    "postal places of Ukraine, Pakistan and Colombia: GeoNames (geonames.org), CC BY 4.0; "
    "populated places of 14 countries (GeoNames, CC BY 4.0) as carried by Who's On First (whosonfirst.org, "
    "CC0, with names from Quattroshapes, CC BY 2.0)."
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


app.command()(extract)
app.command()(ingest)
app.command()(events)
app.command()(export)
app.command()(serve)
app.command()(evaluate)
app.add_typer(gazetteer_app, name="gazetteer")
app.command("geocode")(geocode)
app.command()(run)
