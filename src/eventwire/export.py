"""Export events as CSV (ACLED column order, then eventwire's), JSON, GeoJSON (RFC 7946) or Parquet.

    >>> from eventwire.store import open_store
    >>> from eventwire.export import write_events
    >>> with open_store() as store, open("events.csv", "wb") as out:     # doctest: +SKIP
    ...     write_events(store.event_rows(), out, format="csv")

Every writer streams: memory stays flat however many events there are.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.model import ACLED_COLUMNS, EVENTWIRE_COLUMNS, Event

ExportFormat = Literal["csv", "json", "geojson", "parquet"]
FORMATS: tuple[str, ...] = ("csv", "json", "geojson", "parquet")
COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EVENTWIRE_COLUMNS

_INT_COLUMNS = frozenset(
    {
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "geo_precision",
        "fatalities",
        "timestamp",
    }
)
_FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})
_BOOL_COLUMNS = frozenset({"hedged"})
_DATE_COLUMNS = frozenset({"event_date"})


def _arrow_type(name: str) -> pa.DataType:
    if name in _INT_COLUMNS:
        return pa.int64()
    if name in _FLOAT_COLUMNS:
        return pa.float64()
    if name in _BOOL_COLUMNS:
        return pa.bool_()
    if name in _DATE_COLUMNS:
        return pa.date32()
    return pa.string()


PARQUET_SCHEMA = pa.schema([pa.field(name, _arrow_type(name)) for name in COLUMNS])
_PARQUET_BATCH = 10_000


def event_row(event: Event) -> dict[str, Any]:
    """Return an event's export row: every column of COLUMNS, typed, in order."""
    row = dict(event.acled)
    row.setdefault("event_id_cnty", event.event_id)
    row.setdefault("fatalities", event.fatalities)
    row.setdefault("corroboration", event.corroboration)
    row.setdefault("sources", "; ".join(event.sources))
    return typed_row(row)


def typed_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Return the row with exactly COLUMNS, in order, each value of its column's type or None."""
    return {name: _cell(name, row.get(name)) for name in COLUMNS}


def write_events(rows: Iterable[Mapping[str, Any]], out: BinaryIO, *, format: ExportFormat) -> int:
    """Write event rows (Event.acled dicts or Events) to a binary stream in a format; return how many."""
    writer = {"csv": write_csv, "json": write_json, "geojson": write_geojson, "parquet": write_parquet}.get(
        format
    )
    if writer is None:
        raise ValueError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    return writer(rows, out)


def write_csv(rows: Iterable[Mapping[str, Any] | Event], out: BinaryIO) -> int:
    """Write rows as CSV with a header: ACLED's columns in ACLED's order, then eventwire's."""
    with _text(out) as text:
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(COLUMNS)
        count = 0
        for row in _typed(rows):
            writer.writerow([_csv_cell(value) for value in row.values()])
            count += 1
    return count


def write_json(rows: Iterable[Mapping[str, Any] | Event], out: BinaryIO) -> int:
    """Write rows as one JSON array of objects, keys in column order."""
    with _text(out) as text:
        text.write("[")
        count = _write_items(text, (_jsonable(row) for row in _typed(rows)))
        text.write("]\n")
    return count


def write_geojson(rows: Iterable[Mapping[str, Any] | Event], out: BinaryIO) -> int:
    """Write rows as an RFC 7946 FeatureCollection: a Point per event (null geometry without coordinates)."""
    with _text(out) as text:
        text.write('{"type": "FeatureCollection", "features": [')
        count = _write_items(text, (_feature(row) for row in _typed(rows)))
        text.write("]}\n")
    return count


def _feature(row: dict[str, Any]) -> dict[str, Any]:
    lat, lon = row["latitude"], row["longitude"]
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": row["event_id_cnty"], "geometry": geometry, "properties": _jsonable(row)}


def _write_items(text: io.TextIOWrapper, items: Iterable[dict[str, Any]]) -> int:
    # The elements of a JSON array, one a line, streamed; the caller writes the brackets around them.
    count = 0
    for item in items:
        text.write(",\n" if count else "\n")
        text.write(json.dumps(item, ensure_ascii=False))
        count += 1
    if count:
        text.write("\n")
    return count


def write_parquet(rows: Iterable[Mapping[str, Any] | Event], out: BinaryIO) -> int:
    """Write rows as Parquet (schema PARQUET_SCHEMA: dates as date32, counts as int64), in row groups of 10,000."""
    count = 0
    with pq.ParquetWriter(out, PARQUET_SCHEMA, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in _typed(rows):
            batch.append(row)
            if len(batch) == _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
                count += len(batch)
                batch = []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
            count += len(batch)
    return count


# --- cells ------------------------------------------------------------------------------------------------


def _typed(rows: Iterable[Mapping[str, Any] | Event]) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield event_row(row) if isinstance(row, Event) else typed_row(row)


def _cell(name: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if name in _INT_COLUMNS:
        return int(float(value)) if not isinstance(value, bool) else int(value)
    if name in _FLOAT_COLUMNS:
        return float(value)
    if name in _BOOL_COLUMNS:
        return value if isinstance(value, bool) else str(value).strip().lower() in ("true", "1", "yes")
    if name in _DATE_COLUMNS:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return str(value)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


class _text:
    """A text view of a binary stream that flushes but does not close it."""

    def __init__(self, out: BinaryIO) -> None:
        self._wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)

    def __enter__(self) -> io.TextIOWrapper:
        return self._wrapper

    def __exit__(self, *exc: object) -> None:
        self._wrapper.flush()
        self._wrapper.detach()
