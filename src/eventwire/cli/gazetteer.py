"""Commands over places: gazetteer build and gazetteer add (eventwire.geo.build), geocode (a name's candidates)."""

from __future__ import annotations

from pathlib import Path  # Typer reads option annotations from module globals

import typer
from rich.console import Console

from eventwire.cli.console import err
from eventwire.errors import EventwireError, InputError

gazetteer_app = typer.Typer(help="Build or inspect the bundled gazetteer.", no_args_is_help=True)


def _build_progress():
    """Return a rich progress bar over the build's steps and its callback (stderr)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=err)
    task = bar.add_task("building gazetteer", total=1)

    def step(name: str, done: int, total: int) -> None:
        bar.update(task, description=f"gazetteer: {name}", completed=done, total=total)

    return bar, step, task


def _run_build(output: Path, dumps: list[Path], *, villages: bool = True, geonames_places: bool = False) -> dict:
    from eventwire.geo.build import build_gazetteer

    bar, step, task = _build_progress()
    with bar:
        figures = build_gazetteer(
            output, geonames_dumps=dumps, progress=step, villages=villages, geonames_places=geonames_places
        )
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
        None,
        "--output",
        help="Where to write the gazetteer (default: the user data folder, which extraction "
        "then uses; EVENTWIRE_GAZETTEER points extraction at any other file).",
    ),
    without_villages: bool = typer.Option(
        False,
        "--without-villages",
        help="Leave out the village layers (Myanmar, Africa, postal): a smaller, faster build.",
    ),
    with_geonames_places: bool = typer.Option(
        False,
        "--with-geonames-places",
        help="Add GeoNames' populated places of 14 countries (Syria, Yemen, Iraq, Sudan, ...; bundled source "
        "WOF_places.tsv.gz): 180,000 more villages, about 70 MB more memory (docs/geo.md).",
    ),
) -> None:
    """Rebuild the gazetteer from the bundled sources plus any GeoNames dumps given, and print its figures."""
    import json as _json

    from eventwire.geo.dumps import dumps_dir
    from eventwire.geo.paths import user_gazetteer

    added = sorted(dumps_dir().glob("*.txt")) if dumps_dir().exists() else []
    try:
        figures = _run_build(
            output or user_gazetteer(), [*added, *geonames], villages=not without_villages,
            geonames_places=with_geonames_places and not without_villages,
        )  # fmt: skip
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
        figures = _run_build(
            output or user_gazetteer(), sorted(folder.glob("*.txt")), villages=not without_villages
        )
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    typer.echo(_json.dumps(figures))


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
