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
