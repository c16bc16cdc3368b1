"""`eventwire ingest`: the real pipeline over a folder, bad items listed, a second run adds nothing."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import open_store

WIRE = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "mirror_metula_wire.txt"


def test_ingest_stores_what_it_reads_and_lists_what_it_cannot(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "wire.txt").write_bytes(WIRE.read_bytes())
    (folder / "items.jsonl").write_text(
        '{"text": "Markets were calm on Tuesday.", "published": "2024-11-05"}\n{oops\n'
    )
    db = str(tmp_path / "events.db")
    runner = CliRunner()

    first = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert first.exit_code == 1, first.output  # one bad line
    # The progress bar: both inputs done, the article counts after the last batch.
    assert "2/2 inputs" in first.output and "2 read, 2 new" in first.output
    assert "items.jsonl:2" in first.output and "1 items not read" in first.output
    with open_store(db) as store:
        counts = store.counts()
    assert counts["articles"] == 2 and counts["ok"] == 1 and counts["no_event"] == 1
    assert counts["events"] >= 1

    second = runner.invoke(app, ["ingest", str(folder / "wire.txt"), "--db", db])
    assert second.exit_code == 0, second.output
    assert "1 already stored" in second.output
    with open_store(db) as store:
        assert store.counts() == counts
