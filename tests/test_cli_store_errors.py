"""`eventwire events` and `export`: one-line errors (exit 2) for file-system failures and unknown values; a
table that fits 100 columns."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.model import Actor, Article, ArticleResult, Mention, Place
from eventwire.store import open_store

runner = CliRunner()


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "events.db")
    results = []
    for i, (name, sub, etype) in enumerate([("Deïr Qanoun en Nahr", "Shelling/artillery/missile attack", "Explosions/Remote violence"),
                                            ("Mount Meron", "Disrupted weapons use", "Strategic developments")]):  # fmt: skip
        article = Article.from_text(
            f"Report {i} on {name}.", publisher="Reuters", published=dt.date(2024, 11, 21)
        )
        mention = Mention(
            article_id=article.id, event_type=etype, sub_event_type=sub,
            actor1=Actor(name="Military Forces of Israel (2022-)", inter=1), actor2=Actor(name="Civilians (Lebanon)", inter=7),
            place=Place(name=name, lat=33.2 + i, lon=35.4, country_code="LB", country="Lebanon", geo_precision=1),
            date=dt.date(2024, 11, 21), time_precision=1, fatalities=3,
        )  # fmt: skip
        results.append(ArticleResult(article=article, status="ok", mentions=[mention]))
    with open_store(path) as store:
        store.add_article_results(results)
    return path


def one_line_error(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert (
        "Traceback" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    )
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.output
    for word in words:
        assert word in lines[0], lines[0]


def read_only_folder(tmp_path: Path) -> Path:
    if os.geteuid() == 0:
        return Path("/sys")  # root ignores file modes; sysfs refuses new files even to root
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_to_unwritable_places_is_a_one_line_error(db, tmp_path, fmt):
    targets = {
        "read-only folder": read_only_folder(tmp_path) / "events.out",
        "full disk": Path("/dev/full"),
        "a folder": tmp_path,
        "missing folder": tmp_path / "no" / "such" / "events.out",
    }
    for what, target in targets.items():
        if what == "full disk" and not target.exists():
            continue
        result = runner.invoke(app, ["export", "--db", db, "--format", fmt, "--output", str(target)])
        one_line_error(result, "cannot write", str(target))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "events.db",
        "events.db-shm",
        "events.db-wal",
    ] or all(not p.name.startswith("events.out") for p in tmp_path.iterdir())


def test_a_missing_db_is_an_error_for_events_and_export_and_creates_nothing(tmp_path):
    missing = tmp_path / "typo.db"
    for command in (["events"], ["export"], ["export", "--format", "json"]):
        one_line_error(runner.invoke(app, [*command, "--db", str(missing)]), str(missing), "no such store")
    one_line_error(runner.invoke(app, ["events", "--db", f"sqlite:///{missing}"]), "no such store")
    assert not missing.exists()


def test_events_table_fits_100_columns_with_event_type_and_unbroken_dates_and_types(db):
    result = runner.invoke(app, ["events", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[0].split()[:2] == ["date", "type"]
    for word in ("2024-11-21", "Explosions/Remote violence", "Shelling/artillery/missile attack",
                 "Strategic developments", "Disrupted weapons use"):  # fmt: skip
        assert any(word in line for line in lines), word  # never wrapped mid-word
    wide = runner.invoke(app, ["events", "--db", db, "--wide"])
    header = wide.stdout.splitlines()[0]
    for column in ("event type", "sub-event type", "country", "corroboration", "source"):
        assert column in header
    assert len([line for line in wide.stdout.splitlines() if "2024-11-21" in line]) == 2  # one line per event


def test_an_unknown_country_or_event_type_is_an_error_naming_the_known_values(db):
    one_line_error(runner.invoke(app, ["events", "--db", db, "--country", "Lebanonn"]), "Lebanonn", "LB")
    one_line_error(runner.invoke(app, ["events", "--db", db, "--event-type", "Battle"]), "Battles",
                   "Explosions/Remote violence")  # fmt: skip
    one_line_error(runner.invoke(app, ["export", "--db", db, "--country", "XX"]), "XX")
    # A known value with no events is an empty result, not an error.
    for option in (
        ["--country", "SY"],
        ["--country", "lebanon"],
        ["--event-type", "Riots"],
        ["--event-type", "air/drone strike"],
    ):
        assert runner.invoke(app, ["events", "--db", db, *option]).exit_code == 0
    assert "2 events" in runner.invoke(app, ["events", "--db", db, "--country", "lebanon"]).output


def test_ingest_into_an_unusable_db_path_is_a_one_line_error(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    for db in (tmp_path / "file" / "events.db", tmp_path, Path("/proc/no/such/events.db")):
        result = runner.invoke(app, ["ingest", str(tmp_path / "file"), "--db", str(db)])
        one_line_error(result, str(db))
