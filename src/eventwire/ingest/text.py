"""Read a plain-text article: an optional `date YYYY-MM-DD` marker, a headline, paragraphs and lists."""

from __future__ import annotations

import datetime as dt
import re

from eventwire.errors import InputError
from eventwire.model import Article, normalise_text

MAX_BYTES = 2_000_000  # a news article is far below this; larger input is a file mix-up, not an article

# The marker as scraped pages carry it: leading spaces, and sometimes the first paragraph on the same line.
_DATE_LINE = re.compile(r"\A\s*date\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)


def decode(data: bytes, *, name: str = "input") -> str:
    """Return the text of bytes read as UTF-8 (with or without BOM), or raise InputError naming the input."""
    if b"\x00" in data[:8192]:
        raise InputError(
            f"{name}: looks like a binary file (NUL bytes), not text; give a text, HTML or JSONL article"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "convert it first, e.g. `iconv -f windows-1252 -t utf-8`"
        ) from exc


def split_date_line(text: str) -> tuple[dt.date | None, str]:
    """Return the publication date of a leading `date YYYY-MM-DD` marker and the text after it."""
    match = _DATE_LINE.match(text)
    if not match:
        return None, text
    try:
        published = dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None, text
    return published, text[match.end() :].lstrip("\n")


def read_text(
    data: str | bytes,
    *,
    name: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: dt.date | None = None,
) -> Article:
    """Return the Article in a plain-text document; raise InputError when it holds no readable text.

    The publication date comes from `published` or else a leading `date YYYY-MM-DD` line; the headline is the
    first line when it has no full stop and a body follows.
    """
    label = name or "input"
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise InputError(
                f"{label}: {len(data):,} bytes is larger than an article ({MAX_BYTES:,} at most); split it"
            )
        data = decode(data, name=label)
    elif len(data) > MAX_BYTES:
        raise InputError(
            f"{label}: {len(data):,} characters is larger than an article ({MAX_BYTES:,} at most); split it"
        )
    text = normalise_text(data)
    if _looks_binary(text):
        raise InputError(f"{label}: looks like binary data, not text")
    marker_date, body = split_date_line(text)
    body = body.strip()
    if not body:
        raise InputError(f"{label}: no text" + (" after the date line" if marker_date else ""))
    first, _, rest = body.partition("\n")
    title = first.strip() if rest.strip() and _is_headline(first) else None
    return Article.from_text(
        body, url=url, title=title, publisher=publisher, published=published or marker_date
    )


def _is_headline(line: str) -> bool:
    line = line.strip()
    return (
        0 < len(line) <= 200
        and not line.endswith((".", ":", ";"))
        and not line.startswith(("-", "–", "—", "•", "*"))
    )


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\r\f")
    return bool(sample) and controls / len(sample) > 0.05
