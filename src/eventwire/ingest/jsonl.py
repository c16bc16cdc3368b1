"""Read JSON Lines of articles: one object a line, {"url", "title", "published", "text", ...}."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.errors import InputError
from eventwire.ingest.failure import ReadFailure
from eventwire.ingest.html import read_html
from eventwire.ingest.text import lone_surrogate, read_text
from eventwire.model import Article

# Keys read from each object; anything else on the line is ignored.
KEYS = ("text", "html", "url", "title", "published", "publisher", "language")


def read_jsonl(lines: Iterable[bytes | str], *, name: str | None = None) -> Iterator[Article | ReadFailure]:
    """Yield an Article per line, or a ReadFailure naming the line for one that cannot be read.

    Each line is an object with "text" (or "html"), and optionally "url", "title", "published" (ISO date or
    date-time), "publisher" (or "source") and "language". Blank lines are skipped.
    """
    label = name or "input"
    for number, line in enumerate(lines, start=1):
        source = f"{label}:{number}"
        try:
            if isinstance(line, bytes):
                line = line.decode("utf-8-sig")
            if not line.strip():
                continue
            yield article_from_record(json.loads(line), source=source)
        except UnicodeDecodeError as exc:
            yield ReadFailure(source, f"not valid UTF-8 (byte {exc.start})")
        except json.JSONDecodeError as exc:
            yield ReadFailure(source, f"not valid JSON ({exc.msg} at column {exc.colno})")
        except InputError as exc:
            yield ReadFailure.from_error(source, exc)


def read_json_array(data: bytes | str, *, name: str | None = None) -> Iterator[Article | ReadFailure]:
    """Yield an Article per object of a JSON array of article records (the JSONL record shape)."""
    label = name or "input"
    try:
        records = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        yield ReadFailure(label, f"not valid JSON ({exc})")
        return
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list):
        yield ReadFailure(label, "JSON holds neither an article object nor a list of them")
        return
    for number, record in enumerate(records):
        source = f"{label}[{number}]"
        try:
            yield article_from_record(record, source=source)
        except InputError as exc:
            yield ReadFailure.from_error(source, exc)


def article_from_record(record: Any, *, source: str) -> Article:
    """Return the Article an article record describes; raise InputError saying what is wrong with it."""
    if not isinstance(record, dict):
        raise InputError(f'{source}: expected an object with a "text" key, got {type(record).__name__}')
    fields = {key: record.get(key) for key in KEYS}
    for key in ("text", "html", "url", "title", "publisher", "language"):
        if fields[key] is not None and not isinstance(fields[key], str):
            raise InputError(f'{source}: "{key}" must be a string, got {type(fields[key]).__name__}')
        if fields[key] is not None and (bad := lone_surrogate(fields[key])):
            raise InputError(
                f'{source}: "{key}" holds a lone surrogate ({bad}), which is no text; '
                "fix the producer of this line (it wrote half of a UTF-16 pair)"
            )
    publisher = fields["publisher"] or (
        record.get("source") if isinstance(record.get("source"), str) else None
    )
    published = _published(fields["published"], source=source)
    if fields["text"]:
        article = read_text(
            fields["text"], name=source, url=fields["url"], publisher=publisher, published=published
        )
    elif fields["html"]:
        article = read_html(fields["html"], name=source, url=fields["url"])
        article = article.model_copy(
            update={"publisher": publisher or article.publisher, "published": published or article.published}
        )
    else:
        raise InputError(f'{source}: no "text" (or "html") in the record')
    update: dict[str, Any] = {}
    if fields["title"]:
        update["title"] = fields["title"].strip()
    if fields["language"]:
        update["language"] = fields["language"]
    return article.model_copy(update=update) if update else article


def _published(value: Any, *, source: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f'{source}: "published" must be an ISO date string such as "2024-10-01"')
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(
            f'{source}: "published" {value!r} is not an ISO date (YYYY-MM-DD or a date-time); fix or drop it'
        ) from None
