"""Read coded events for scoring: ACLED CSV exports and eventwire's gold JSON, into one EventRow shape.

Both gold (what a coder wrote) and predictions (what eventwire wrote, via `normalise.mention_to_row`) are
read here, so the scorer compares like with like. A real ACLED export loads as is: its numbers come as
"2022.0" / "1.0", empty cells mean "none", and older exports write dates as "23 February 2022".
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import logging
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from eventwire.errors import InputError

log = logging.getLogger(__name__)

GOLD_SUFFIX = ".gold.json"
# Fields whose absence from a source means "not coded" rather than "none" (ACLED exports have no claimant).
CODED_FIELDS: tuple[str, ...] = (
    "event_type", "sub_event_type", "actor1", "actor2", "location", "fatalities", "claimant", "stance", "hedged",
)  # fmt: skip


class EventRow(BaseModel):
    """One coded event as the scorer sees it: the ACLED fields that are scored, plus who says so."""

    model_config = ConfigDict(extra="forbid")

    article: str | None = None  # the article (file stem or id) the event comes from, when known
    event_id: str | None = None
    event_date: dt.date | None = None
    time_precision: Literal[1, 2, 3] = 1
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    location: str | None = None
    country: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: Literal[1, 2, 3] | None = None
    tolerance_km: float | None = None
    fatalities: int | None = None
    claimant: str | None = None
    stance: str | None = None
    hedged: bool | None = None
    notes: str | None = None
    evidence: str | None = None
    uncoded: frozenset[str] = frozenset()  # scored fields the source has no column/key for at all


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value).strip()
    return text or None


def _number(value: object, *, field: str, where: str) -> float | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError(
            f"{where}: {field} is {text!r}, not a number; fix the cell or leave it empty"
        ) from None


def _integer(value: object, *, field: str, where: str) -> int | None:
    number = _number(value, field=field, where=where)
    return None if number is None else int(round(number))


def _precision(value: object, *, field: str, where: str, default: int | None) -> int | None:
    number = _integer(value, field=field, where=where)
    if number is None:
        return default
    if number not in (1, 2, 3):
        raise InputError(f"{where}: {field} is {number}; ACLED precision codes are 1, 2 or 3")
    return number


def _date(value: object, *, where: str) -> dt.date | None:
    text = _text(value)
    if text is None:
        return None
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(text[:19] if "T" in text else text, fmt).date()
        except ValueError:
            continue
    raise InputError(f"{where}: event_date {text!r} is not a date (write YYYY-MM-DD or '23 February 2022')")


def _boolean(value: object) -> bool | None:
    if isinstance(value, bool) or value is None:
        return value
    text = _text(value)
    if text is None:
        return None
    return text.casefold() in {"true", "1", "1.0", "yes", "y", "t"}


def event_row(record: Mapping[str, object], *, article: str | None = None, where: str = "record") -> EventRow:
    """Return the EventRow for one ACLED-layout or gold-JSON record (a dict of column -> value).

    Unknown keys are ignored, so ACLED exports with extra columns and eventwire's own columns both load.
    """
    latitude = _number(record.get("latitude"), field="latitude", where=where)
    longitude = _number(record.get("longitude"), field="longitude", where=where)
    if latitude is not None and longitude is not None and latitude == 0.0 and longitude == 0.0:
        latitude = longitude = None  # (0, 0) is how some writers spell "no coordinates"
    uncoded = frozenset(name for name in CODED_FIELDS if name not in record)
    return EventRow(
        uncoded=uncoded,
        article=article if article is not None else _text(record.get("article")),
        event_id=_text(record.get("event_id_cnty")) or _text(record.get("event_id")),
        event_date=_date(record.get("event_date"), where=where),
        time_precision=_precision(
            record.get("time_precision"), field="time_precision", where=where, default=1
        ),
        event_type=_text(record.get("event_type")),
        sub_event_type=_text(record.get("sub_event_type")),
        actor1=_text(record.get("actor1")),
        actor2=_text(record.get("actor2")),
        location=_text(record.get("location")),
        country=_text(record.get("country")),
        admin1=_text(record.get("admin1")),
        latitude=latitude,
        longitude=longitude,
        geo_precision=_precision(
            record.get("geo_precision"), field="geo_precision", where=where, default=None
        ),
        tolerance_km=_number(record.get("tolerance_km"), field="tolerance_km", where=where),
        fatalities=_integer(record.get("fatalities"), field="fatalities", where=where),
        claimant=_text(record.get("claimant")),
        stance=_text(record.get("stance")),
        hedged=_boolean(record.get("hedged")),
        notes=_text(record.get("notes")),
        evidence=_text(record.get("evidence")),
    )


def _open_text(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; re-save it as UTF-8") from None


def read_acled_csv(source: str | Path | Iterable[str], *, article: str | None = None) -> list[EventRow]:
    """Return the events of a CSV in the ACLED export layout (plain or gzipped; extra columns ignored).

    `source` is a path or the lines of the CSV. A column `article` (or the `article` argument) names
    the article each row comes from; without it every row belongs to one pool.
    """
    if isinstance(source, str | Path):
        path = Path(source)
        name = str(path)
        lines: Iterable[str] = io.StringIO(_open_text(path))
    else:
        name, lines = "csv", source
    reader = csv.DictReader(lines)
    fields = set(reader.fieldnames or ())
    missing = {"event_date", "event_type"} - fields
    if missing:
        raise InputError(
            f"{name}: no column {', '.join(sorted(missing))}; "
            "expected the ACLED export layout (event_id_cnty, event_date, ..., fatalities)"
        )
    return [event_row(record, article=article, where=f"{name} line {reader.line_num}") for record in reader]


def read_gold_json(
    source: str | Path | Mapping[str, object], *, article: str | None = None
) -> list[EventRow]:
    """Return the events of one gold JSON document ({"published", "publisher", "style", "events": [...]}).

    The article key defaults to the file name without `.gold.json`.
    """
    if isinstance(source, Mapping):
        document, name = source, article or "gold"
    else:
        path = Path(source)
        name = str(path)
        try:
            document = json.loads(_open_text(path))
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
            ) from None
        if article is None:
            article = path.name.removesuffix(GOLD_SUFFIX).removesuffix(".json")
    events = document.get("events") if isinstance(document, Mapping) else None
    if not isinstance(events, list):
        raise InputError(f"{name}: no 'events' list; a gold file is {{'published': ..., 'events': [...]}}")
    return [
        event_row(event, article=article, where=f"{name} event {number}")
        for number, event in enumerate(events, start=1)
    ]


def _read_json_rows(path: Path) -> list[EventRow]:
    text = _open_text(path)
    if path.name.lower().endswith((".jsonl", ".jsonl.gz")):
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
        return [event_row(r, where=f"{path} line {n}") for n, r in enumerate(records, start=1)]
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if isinstance(document, list):
        return [event_row(r, where=f"{path} item {n}") for n, r in enumerate(document, start=1)]
    return read_gold_json(path)


def read_events(source: str | Path) -> list[EventRow]:
    """Return the events in a file or directory, whatever the layout.

    - `*.csv` / `*.csv.gz`: ACLED export layout;
    - `*.json`: a gold document ({"events": [...]}) or a list of ACLED-layout rows; `*.jsonl`: one row a line;
    - a directory: every `*.gold.json` in it (each article keyed by its file name), else every CSV/JSON in it.
    """
    path = Path(source)
    if path.is_dir():
        gold_files = sorted(path.glob(f"*{GOLD_SUFFIX}"))
        files = gold_files or sorted(
            p for p in path.iterdir() if p.name.endswith((".csv", ".csv.gz", ".json", ".jsonl"))
        )
        if not files:
            raise InputError(f"{path}: no *.gold.json, *.csv or *.json files in this directory")
        return [row for file in files for row in read_events(file)]
    if not path.exists():
        raise InputError(f"{path}: no such file")
    name = path.name.lower()
    if name.endswith((".csv", ".csv.gz")):
        return read_acled_csv(path)
    if name.endswith((".json", ".jsonl", ".json.gz", ".jsonl.gz")):
        return _read_json_rows(path)
    raise InputError(f"{path}: unknown format; give a .csv (ACLED layout), a .json (gold) or a directory")
