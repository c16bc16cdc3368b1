"""Export: CSV in ACLED's column order, JSON, GeoJSON and Parquet that pandas, DuckDB and json read back."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.export import COLUMNS, write_csv, write_events, write_geojson, write_json, write_parquet
from eventwire.model import ACLED_COLUMNS, EVENTWIRE_COLUMNS, Actor, Article, ArticleResult, Mention, Place
from eventwire.store import open_store

ACLED_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "acled" / "acled_2022h1_dev.csv.gz"
PLACES = [("Khiam", 33.33, 35.61, "LB", "Lebanon"), ("Kharkiv", 49.99, 36.23, "UA", "Ukraine"),
          ("Rafah", 31.29, 34.25, "PS", "Palestine"), ("Unplaced", None, None, "SD", "Sudan")]  # fmt: skip


def results(n: int = 12) -> list[ArticleResult]:
    out = []
    for i in range(n):
        name, lat, lon, cc, country = PLACES[i % len(PLACES)]
        article = Article.from_text(f"Report {i}: strike on {name}, \"quoted\", with a comma.", publisher=f"Outlet {i % 3}",
                                    url=f"https://example.org/{i}", published=dt.date(2024, 10, 12 + i % 5))  # fmt: skip
        mention = Mention(
            article_id=article.id, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
            actor1=Actor(name="Military Forces of Israel (2022-)", inter=1),
            place=Place(name=name, lat=lat, lon=lon, country_code=cc, country=country, geo_precision=1),
            date=dt.date(2024, 10, 1 + i), time_precision=1, fatalities=i % 4, notes=f"On day {i}, a strike; \"notes\".",
        )  # fmt: skip
        out.append(ArticleResult(article=article, status="ok", mentions=[mention]))
    return out


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "events.db")
    with open_store(path) as store:
        store.add_article_results(results())
    return path


def exported(db: str, fmt: str) -> bytes:
    with open_store(db) as store:
        out = io.BytesIO()
        assert write_events(store.event_rows(), out, format=fmt) == 12
    return out.getvalue()


def test_csv_has_acled_columns_in_order_then_eventwire_columns(db):
    header = exported(db, "csv").decode().splitlines()[0].split(",")
    assert tuple(header) == ACLED_COLUMNS + EVENTWIRE_COLUMNS


def test_every_format_reads_back_in_pandas_duckdb_and_json(db, tmp_path):
    frames = {}
    for fmt in ("csv", "json", "geojson", "parquet"):
        path = tmp_path / f"events.{fmt}"
        path.write_bytes(exported(db, fmt))
        if fmt == "csv":
            frames[fmt] = pd.read_csv(path)
            assert duckdb.sql(f"SELECT count(*) FROM read_csv_auto('{path}')").fetchall()[0][0] == 12
        elif fmt == "json":
            frames[fmt] = pd.DataFrame(json.loads(path.read_text()))
            assert len(pd.read_json(path)) == 12
            assert duckdb.sql(f"SELECT count(*) FROM read_json_auto('{path}')").fetchall()[0][0] == 12
        elif fmt == "geojson":
            collection = json.loads(path.read_text())
            frames[fmt] = pd.DataFrame([f["properties"] for f in collection["features"]])
            assert duckdb.sql(f"SELECT count(*) FROM read_json_auto('{path}')").fetchall()[0][0] == 12
        else:
            frames[fmt] = pd.read_parquet(path)
            con = duckdb.connect()
            assert con.sql(f"SELECT count(*) FROM '{path}'").fetchall()[0][0] == 12
            assert con.sql(f"SELECT sum(fatalities) FROM '{path}'").fetchall()[0][0] == sum(
                i % 4 for i in range(12)
            )
    for fmt, frame in frames.items():
        assert tuple(frame.columns) == COLUMNS, fmt
        assert len(frame) == 12, fmt
    csv_frame = frames["csv"]
    for fmt in ("json", "geojson", "parquet"):
        frame = frames[fmt]
        assert list(frame["event_id_cnty"]) == list(csv_frame["event_id_cnty"]), fmt
        assert list(frame["fatalities"]) == list(csv_frame["fatalities"]), fmt
        assert list(frame["notes"]) == list(csv_frame["notes"]), fmt
        assert [str(d)[:10] for d in frame["event_date"]] == list(csv_frame["event_date"]), fmt
        assert frame["latitude"].isna().sum() == csv_frame["latitude"].isna().sum() == 3, fmt


def test_geojson_is_rfc7946(db):
    collection = json.loads(exported(db, "geojson"))
    assert collection["type"] == "FeatureCollection"
    placed = [f for f in collection["features"] if f["geometry"] is not None]
    assert len(placed) == 9
    khiam = next(f for f in placed if f["properties"]["location"] == "Khiam")
    assert khiam["geometry"] == {"type": "Point", "coordinates": [35.61, 33.33]}  # longitude first
    unplaced = [f for f in collection["features"] if f["geometry"] is None]
    assert all(f["type"] == "Feature" and "properties" in f for f in unplaced)


def test_empty_exports_are_valid():
    for writer in (write_csv, write_json, write_geojson, write_parquet):
        out = io.BytesIO()
        assert writer([], out) == 0
    assert json.loads(_bytes(write_json, [])) == []
    assert json.loads(_bytes(write_geojson, []))["features"] == []
    assert len(pd.read_parquet(io.BytesIO(_bytes(write_parquet, [])))) == 0


def _bytes(writer, rows) -> bytes:
    out = io.BytesIO()
    writer(rows, out)
    return out.getvalue()


@pytest.mark.skipif(
    not ACLED_DEV.exists(), reason="ACLED development data not present at ../shared/data/acled"
)
def test_real_acled_rows_survive_csv_and_parquet():
    original = pd.read_csv(ACLED_DEV, nrows=500)
    rows = original.astype(object).where(original.notna(), None).to_dict("records")
    again = pd.read_csv(io.BytesIO(_bytes(write_csv, rows)))
    parquet = pd.read_parquet(io.BytesIO(_bytes(write_parquet, rows)))
    for column in ("event_id_cnty", "actor1", "notes", "location", "source"):
        assert list(again[column].fillna("")) == list(original[column].fillna("")), column
        assert list(parquet[column].fillna("")) == list(original[column].fillna("")), column
    for column in ("latitude", "longitude", "fatalities", "inter1", "interaction"):
        assert list(again[column].fillna(-1)) == list(original[column].fillna(-1)), column


runner = CliRunner()


def test_cli_export_to_file_and_stdout(db, tmp_path):
    target = tmp_path / "out.parquet"
    result = runner.invoke(app, ["export", "--db", db, "--format", "parquet", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(target)) == 12
    result = runner.invoke(
        app, ["export", "--db", db, "--format", "csv", "--country", "LB", "--since", "2024-10-05"]
    )
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("event_id_cnty,event_date") and len(lines) == 1 + 2  # days 5 and 9 in Lebanon
    result = runner.invoke(app, ["export", "--db", db, "--format", "xml"])
    assert result.exit_code == 2 and "choose one of" in result.output
    result = runner.invoke(app, ["export", "--db", db, "--bbox", "1,2,3"])
    assert result.exit_code == 2 and "four numbers" in result.output


def test_cli_events_lists_a_table(db):
    result = runner.invoke(app, ["events", "--db", db, "--country", "Ukraine"])
    assert result.exit_code == 0, result.output
    assert "Kharkiv" in result.stdout and "Khiam" not in result.stdout


HELP_PROMISES = {
    "ingest": ["--db", "--batch-size", "HTML", "RSS/Atom", "JSON Lines", "stdin", "Exit status 1"],
    "events": ["--db", "--since", "--until", "--country", "--event-type", "--bbox", "--limit"],
    "export": ["--db", "--format", "csv", "json", "geojson", "parquet", "--output", "stdout", "--since",
               "--until", "--country", "--event-type", "--bbox"],
}  # fmt: skip


@pytest.mark.parametrize("command", ["ingest", "events", "export"])
def test_store_commands_have_help(command):
    result = runner.invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0 and "Example:" in result.stdout
    text = " ".join(result.stdout.split())
    for promise in HELP_PROMISES[command]:
        assert promise in text, promise


@pytest.mark.parametrize("command", ["events", "export"])
def test_the_example_in_the_help_runs(command, db, tmp_path, monkeypatch):
    text = " ".join(runner.invoke(app, [command, "--help"], terminal_width=200).stdout.split())
    example = text.split("Example: eventwire ", 1)[1].split()
    example = example[: example.index("╭─")] if "╭─" in example else example
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*example, "--db", db])
    assert result.exit_code == 0, result.output
    assert "Khiam" in result.stdout or (tmp_path / "events.parquet").exists()
