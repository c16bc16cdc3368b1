"""Rows <-> records for the SQL store: the INSERT statements and their parameters, and what a row reads back as."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from eventwire.merge import EventState, place_key
from eventwire.model import Article, ArticleResult, Event, Mention

CHUNK = 500  # ids per IN (...) list
ROWS_PER_INSERT = 100  # rows per multi-row INSERT: 1,500 parameters, far below both backends' limits
ARTICLE_INSERT = (
    "INSERT INTO articles (id, url, title, publisher, published, language, text, status, reason, n_mentions, "
    "ingested_at) VALUES "
)
EVENT_COLUMNS = (
    "id, date, country_code, country, event_type, sub_event_type, latitude, longitude, fatalities, "
    "corroboration, n_mentions, data, acled, state, key"
)
EVENT_INSERT = f"INSERT INTO events ({EVENT_COLUMNS}) VALUES "
MENTION_INSERT = (
    "INSERT INTO mentions (id, article_id, seq, event_key, rank, date, time_precision, country_code, country, "
    "event_type, sub_event_type, latitude, longitude, place_key, data) VALUES "
)
MATCH_COLUMNS = (
    "event_key, match_key, date, time_precision, sub_event_type, latitude, longitude, place_key, data"
)
MATCH_INSERT = f"INSERT INTO event_matches ({MATCH_COLUMNS}) VALUES "
SOURCE_INSERT = "INSERT INTO event_sources (event_key, ref) VALUES "


def article_params(result: ArticleResult) -> tuple[Any, ...]:
    article = result.article
    return (
        article.id, article.url, article.title, article.publisher, iso_date(article.published), article.language,
        article.text, result.status, result.reason, len(result.mentions), now(),
    )  # fmt: skip


def mention_params(mid: str, seq: int, m: Mention, event_key: str, rank: tuple) -> tuple[Any, ...]:
    place = m.place
    return (
        mid, m.article_id, seq, event_key, json.dumps(rank), iso_date(m.date), m.time_precision,
        (place.country_code or "").upper() or None if place else None, place.country if place else None,
        m.event_type, m.sub_event_type, place.lat if place else None, place.lon if place else None,
        place_key(m), m.model_dump_json(),
    )  # fmt: skip


def match_params(event_key: str, match_key: str, m: Mention) -> tuple[Any, ...]:
    place = m.place
    assert place is not None and m.date is not None, "a mention without place or date matches nothing"
    return (event_key, match_key, iso_date(m.date), m.time_precision, m.sub_event_type, place.lat, place.lon,
            place_key(m), m.model_dump_json())  # fmt: skip


def event_params(event: Event, state: EventState, key: str) -> tuple[Any, ...]:
    """Return the events row (EVENT_COLUMNS) of an event, its running aggregates and its stable key.

    The row leaves the event's sources empty (with_sources fills them in)."""
    lead = event.mentions[0]
    place = lead.place
    # Sources live in event_sources (one row each, so a joining mention adds a row instead of rewriting the
    # list); reads put them back in place.
    data = event.model_dump(mode="json", exclude={"mentions"}) | {"sources": []}
    acled = {**event.acled, "sources": ""}
    return (
        event.event_id, iso_date(lead.date), (place.country_code or "").upper() or None if place else None,
        acled.get("country") or (place.country if place else None), acled.get("event_type") or lead.event_type,
        acled.get("sub_event_type") or lead.sub_event_type, to_float(acled.get("latitude")),
        to_float(acled.get("longitude")), event.fatalities, event.corroboration, state.n,
        json.dumps(data, ensure_ascii=False, sort_keys=True), json.dumps(acled, ensure_ascii=False, default=str),
        state.to_json(), key,
    )  # fmt: skip


def with_sources(data: dict[str, Any], refs: list[str]) -> dict[str, Any]:
    """Return an event's data, or its ACLED row, with its sources put back in place, sorted as merging sorts."""
    refs = sorted(refs)
    if "acled" in data:
        return {**data, "sources": refs, "acled": {**data["acled"], "sources": "; ".join(refs)}}
    return {**data, "sources": "; ".join(refs)}


def article_of(row: Sequence[Any]) -> Article:
    published = row[4]
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return Article(
        id=row[0],
        url=row[1],
        title=row[2],
        publisher=row[3],
        published=published,
        language=row[5],
        text=row[6],
    )


def values(rows: int, columns: int) -> str:
    row = "(" + ", ".join("?" * columns) + ")"
    return ", ".join([row] * rows)


def chunks(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def to_float(value: object) -> float | None:
    try:
        return float(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
