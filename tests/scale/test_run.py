"""`eventwire run`: the same mentions and events from the local engine and from 2 Dask worker processes;
a bad article is recorded and its partition's other articles are kept; Parquet and the store as targets.

One LocalCluster (2 worker processes, one thread each) serves the module: it starts once and each worker
loads the pipeline once.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.scale import EVENTS_FILE, run
from eventwire.store import open_store
from store.conftest import postgres_urls  # noqa: F401 - the PostgreSQL fixture of the store tests

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
# One paragraph longer than spaCy parses in one piece (1,000,000 characters) but within an article's size
# limit: the pipeline raises on it, a real failure of one article in the middle of a batch.
OVERLONG = "date 2024-11-21\n\n" + "Troops shelled the outskirts of Khiam on Thursday. " * 22_000


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """The bundled examples and fixture articles, plus JSON Lines and Parquet copies with new dates and ids."""
    folder = tmp_path_factory.mktemp("inputs")
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))[:6]]
    records = [
        {
            "url": f"https://example.org/{i}",
            "published": f"2024-11-{10 + i:02d}",
            "text": f"{text}\n\nUpdate {i}.",
        }
        for i, text in enumerate(texts)
    ]
    records.insert(3, {"url": "https://example.org/overlong", "text": OVERLONG})
    (folder / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    rows = [
        dict(r, url=r["url"] + "/pq", text=r["text"] + " More.") for r in records if r["url"][-1].isdigit()
    ]
    pq.write_table(pa.Table.from_pylist(rows), folder / "archive.parquet", row_group_size=4)
    return [
        str(ROOT / "examples"),
        str(FIXTURES),
        str(folder / "wire.jsonl"),
        str(folder / "archive.parquet"),
    ]


@pytest.fixture(scope="module")
def local_out(inputs, tmp_path_factory) -> tuple[Path, object]:
    """The local engine, through the CLI."""
    out = tmp_path_factory.mktemp("local")
    result = CliRunner().invoke(app, ["run", *inputs, "--out", str(out), "--partition-size", "5"])
    return out, result


@pytest.fixture(scope="module")
def dask_out(inputs, cluster, tmp_path_factory):
    out = tmp_path_factory.mktemp("dask")
    report = run(inputs, engine="dask", scheduler=cluster.scheduler_address, out=out, partition_size=5)
    return out, report


def _sorted_rows(path: Path, key: str) -> list[dict]:
    rows = [row for part in sorted(path.glob("part-*.parquet")) for row in pq.read_table(part).to_pylist()]
    return sorted(rows, key=lambda row: (row[key] or "", json.dumps(row, sort_keys=True, default=str)))


def test_dask_gives_the_same_mentions_and_events_as_the_local_engine(local_out, dask_out):
    (local, result), (dask, report) = local_out, dask_out
    assert result.exit_code == 1, result.output  # the overlong article is listed as failed
    assert report.partitions > 4 and len({p.worker_pid for p in report.parts}) == 2  # both workers worked
    local_mentions = _sorted_rows(local / "mentions", "mention_id")
    assert len(local_mentions) > 100
    assert _sorted_rows(dask / "mentions", "mention_id") == local_mentions
    assert _sorted_rows(dask / "articles", "article_id") == _sorted_rows(local / "articles", "article_id")
    local_events = pq.read_table(local / EVENTS_FILE).to_pylist()
    assert local_events and pq.read_table(dask / EVENTS_FILE).to_pylist() == local_events
    # The copies share their events with the originals: merged, each event lists every source.
    assert len(local_events) < len(local_mentions)
    assert f"{report.events} events" in result.output.replace("\n", " ")


def test_a_failing_article_is_recorded_and_its_partition_kept(dask_out):
    out, report = dask_out
    (failure,) = [f for f in report.failures if "overlong" in f.source]
    assert failure.source == "https://example.org/overlong" and "1000000" in failure.reason.replace(",", "")
    articles = _sorted_rows(out / "articles", "article_id")
    failed = [a for a in articles if a["status"] == "failed"]
    assert [a["source"] for a in failed] == [failure.source]
    # The overlong line shares its partition (lines 1-5 of wire.jsonl) with four good articles: all kept.
    kept = {a["url"] for a in articles if a["url"] and a["url"].startswith("https://example.org/")}
    assert {f"https://example.org/{i}" for i in range(6)} <= kept
    assert sum(1 for a in articles if a["status"] in ("ok", "no_event")) == report.stored == report.read - 1


def test_store_target_on_the_cluster_matches_the_local_engine(cluster, postgres_urls, tmp_path):  # noqa: F811
    # examples/ holds two articles (its README.md and the .gold.json files are skipped by the folder rules)
    inputs = [
        str(ROOT / "examples"),
        str(FIXTURES / "mirror_metula_wire.txt"),
        str(FIXTURES / "mirror_metula_israel.txt"),
    ]
    local_db = f"sqlite:///{tmp_path / 'local.db'}"
    shared = postgres_urls()
    local = run(inputs, engine="local", db=local_db, partition_size=2)
    dask = run(inputs, engine="dask", scheduler=cluster.scheduler_address, db=shared, partition_size=2)
    assert local.stored == dask.stored == 4 and not dask.failures
    assert local.events == dask.events > 0
    with open_store(local_db) as one, open_store(shared) as other:
        assert list(other.event_rows()) == list(one.event_rows())
    again = run(inputs, engine="dask", scheduler=cluster.scheduler_address, db=shared, partition_size=2)
    assert again.stored == 0 and again.already_stored == 4 and again.events == dask.events


def test_run_refuses_unclear_targets_with_a_message(tmp_path):
    runner = CliRunner()
    neither = runner.invoke(app, ["run", str(ROOT / "examples")])
    assert neither.exit_code == 2 and "exactly one of --out DIR" in neither.output
    both = runner.invoke(app, ["run", "x", "--out", str(tmp_path), "--db", str(tmp_path / "e.db")])
    assert both.exit_code == 2 and "exactly one" in both.output
    stdin = runner.invoke(app, ["run", "-", "--out", str(tmp_path)])
    assert stdin.exit_code == 2 and "save the input to a file" in stdin.output
    workers_locally = runner.invoke(
        app, ["run", str(ROOT / "examples"), "--workers", "2", "--out", str(tmp_path)]
    )
    assert workers_locally.exit_code == 2 and "need --engine dask" in workers_locally.output
    sqlite_on_cluster = runner.invoke(
        app,
        [
            "run",
            str(ROOT / "examples"),
            "--engine",
            "dask",
            "--scheduler",
            "tcp://127.0.0.1:1",
            "--db",
            "e.db",
        ],
    )
    assert sqlite_on_cluster.exit_code == 2 and "postgresql://" in sqlite_on_cluster.output
