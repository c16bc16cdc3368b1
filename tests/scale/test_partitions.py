"""Partitions: every article of the input read exactly once, whichever partition size; failures named by line."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.ingest.failure import ReadFailure
from eventwire.scale import plan_partitions
from eventwire.scale.partitions import FilesPart, LinesPart, MissingPart, RowsPart


def _records(n: int) -> list[dict]:
    return [
        {"url": f"https://example.org/{i}", "text": f"Report number {i} about the market."} for i in range(n)
    ]


@settings(max_examples=25, deadline=None)
@given(n=st.integers(0, 23), size=st.integers(1, 9), bad=st.sets(st.integers(0, 22)))
def test_json_lines_are_read_once_each_and_bad_lines_keep_their_number(tmp_path_factory, n, size, bad):
    path = tmp_path_factory.mktemp("jsonl") / "items.jsonl"
    lines = ["{oops" if i in bad else json.dumps(r) for i, r in enumerate(_records(n))]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    parts = plan_partitions([path], size=size)
    assert all(isinstance(p, LinesPart) and p.count <= size for p in parts)
    items = [item for part in parts for item in part.items()]
    assert [i.url for i in items if not isinstance(i, ReadFailure)] == [
        f"https://example.org/{i}" for i in range(n) if i not in bad
    ]
    assert [i.source for i in items if isinstance(i, ReadFailure)] == [
        f"{path}:{i + 1}" for i in range(n) if i in bad
    ]


def test_parquet_is_cut_along_row_groups_and_a_bad_row_is_named(tmp_path):
    rows = [dict(r, published="2024-11-21") for r in _records(7)]
    rows[5]["published"] = "not a date"
    path = tmp_path / "archive.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=4)
    parts = plan_partitions([path], size=3)
    assert [(p.row_group, p.start, p.stop) for p in parts if isinstance(p, RowsPart)] == [
        (0, 0, 3), (0, 3, 4), (1, 0, 3),
    ]  # fmt: skip
    items = [item for part in parts for item in part.items()]
    assert [i.url for i in items if not isinstance(i, ReadFailure)] == [
        r["url"] for r in rows if r is not rows[5]
    ]
    (failure,) = [i for i in items if isinstance(i, ReadFailure)]
    assert failure.source == f"{path}#5" and "not an ISO date" in failure.reason


def test_folders_group_files_and_name_what_is_missing(tmp_path):
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(f"Report {i}.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("not read", encoding="utf-8")
    (tmp_path / "meta.json").write_text("{}", encoding="utf-8")  # as in ingest: named JSON only
    parts = plan_partitions([tmp_path, tmp_path / "gone.txt"], size=2)
    assert [str(p) for p in parts if isinstance(p, MissingPart)] == [str(tmp_path / "gone.txt")]
    files = [p for p in parts if isinstance(p, FilesPart)]
    assert [len(p.paths) for p in files] == [2, 2, 1]
    assert sorted(a.text for p in files for a in p.items()) == [f"Report {i}." for i in range(5)]
    with pytest.raises(InputError, match="save the input to a file"):
        plan_partitions(["-"])


def test_parquet_dates_and_timestamps_are_publication_dates(tmp_path):
    import datetime as dt

    path = tmp_path / "typed.parquet"
    day = dt.date(2024, 11, 21)
    table = pa.table(
        {
            "text": ["Report one.", "Report two."],
            "published": pa.array([day, None], type=pa.date32()),
            "seen": pa.array([dt.datetime(2024, 11, 22, 8, 30)] * 2, type=pa.timestamp("s")),
        }
    )
    pq.write_table(table, path)
    (part,) = plan_partitions([path])
    assert [a.published for a in part.items()] == [day, None]
    pq.write_table(table.drop_columns(["published"]).rename_columns(["text", "published"]), path)
    (part,) = plan_partitions([path])
    assert [a.published for a in part.items()] == [dt.date(2024, 11, 22)] * 2
