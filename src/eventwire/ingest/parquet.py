"""Read Parquet files of articles: one row an article, with the JSON Lines record's columns.

Columns: "text" (or "html"), and optionally "url", "title", "published" (a date, a timestamp or an ISO
string), "publisher" (or "source") and "language"; other columns are ignored. Row groups are the natural
partitions of a big file, so the reader can read one row group, or a slice of one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.errors import InputError
from eventwire.ingest.failure import ReadFailure
from eventwire.ingest.jsonl import KEYS, article_from_record
from eventwire.model import Article

_COLUMNS = (*KEYS, "source")


def parquet_row_groups(path: str | Path) -> list[int]:
    """Return the number of rows in each row group of a Parquet file; InputError when it is not Parquet."""
    try:
        metadata = pq.ParquetFile(path).metadata
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc}); check the file") from exc
    return [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]


def read_parquet(
    path: str | Path, *, row_group: int | None = None, start: int = 0, stop: int | None = None
) -> Iterator[Article | ReadFailure]:
    """Yield an Article per row (of one row group, rows start..stop of it), or a ReadFailure per bad row.

    A failure names the row as `path#N`, N counted from 0 over the whole file.
    """
    name = str(path)
    try:
        file = pq.ParquetFile(path)
        columns = [c for c in file.schema_arrow.names if c in _COLUMNS]
        if row_group is None:
            table, first = file.read(columns=columns), 0
        else:
            table = file.read_row_group(row_group, columns=columns)
            first = sum(file.metadata.row_group(i).num_rows for i in range(row_group))
    except (OSError, pa.ArrowException) as exc:
        yield ReadFailure(name, f"not a readable Parquet file ({exc})")
        return
    if "text" not in columns and "html" not in columns:
        yield ReadFailure(name, 'no "text" (or "html") column; name the article text column "text"')
        return
    table = table.slice(start, None if stop is None else stop - start)
    for offset, record in enumerate(table.to_pylist()):
        source = f"{name}#{first + start + offset}"
        published = record.get("published")
        if isinstance(published, dt.date):  # date32 and timestamp columns arrive as date / datetime
            record["published"] = published.isoformat()
        try:
            yield article_from_record(record, source=source)
        except InputError as exc:
            yield ReadFailure.from_error(source, exc)
