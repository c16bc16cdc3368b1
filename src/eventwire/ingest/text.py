"""Read a plain-text article: optional `date YYYY-MM-DD` and `publisher NAME` lines, a headline, paragraphs, lists."""

from __future__ import annotations

import datetime as dt
import logging
import re

from eventwire.errors import InputError
from eventwire.model import Article, normalise_text

log = logging.getLogger(__name__)

MAX_BYTES = 2_000_000  # a news article is far below this; larger input is a file mix-up, not an article

# The marker as scraped pages carry it: leading spaces, and sometimes the first paragraph on the same line.
_DATE_LINE = re.compile(r"\A\s*date\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
# "publisher Reuters", "Publisher: Dawn (AFP copy)": who published the copy (its outlet speaks in its own voice).
# Without a colon the word must be lower case, so a headline such as "Publisher Rupert Murdoch ..." stays text.
_PUBLISHER_LINE = re.compile(
    r"\A[ \t]*(?:publisher[ \t]*[:=]?|(?i:publisher)[ \t]*[:=])[ \t]*(?P<name>[^\n]{1,120}?)[ \t]*(?:\n|\Z)"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes, *, name: str = "input") -> str:
    """Return the text of bytes read as UTF-8 (with or without BOM) or UTF-16 with its BOM; else raise InputError."""
    if data.startswith(_UTF16_BOMS):
        # Windows tools (Notepad, PowerShell's Out-File) write UTF-16 with a BOM; its NUL bytes are no binary.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: starts with a UTF-16 byte order mark but is not valid UTF-16 (byte {exc.start}); "
                "convert it first, e.g. `iconv -f utf-16 -t utf-8`"
            ) from exc
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


def lone_surrogate(text: str) -> str | None:
    """Return where a lone surrogate sits in text ("'\\ud800' at character 7"), or None when there is none."""
    bad = _SURROGATE.search(text)
    return f"{bad.group()!r} at character {bad.start()}" if bad else None


def split_date_line(text: str, *, name: str = "input") -> tuple[dt.date | None, str]:
    """Return the publication date of a leading `date YYYY-MM-DD` marker and the text after it.

    A marker that is no calendar date ("date 2024-02-30") is dropped with a warning naming it: the article
    is read without a publication date rather than with its marker as the headline.
    """
    match = _DATE_LINE.match(text)
    if not match:
        return None, text
    try:
        published = dt.date.fromisoformat(match.group(1))
    except ValueError as exc:
        log.warning(
            "%s: the date line %r is not a calendar date (%s); read without a publication date, fix the line",
            name,
            match.group(1),
            exc,
        )
        return None, text[match.end() :].lstrip("\n")
    return published, text[match.end() :].lstrip("\n")


def split_publisher_line(text: str) -> tuple[str | None, str]:
    """Return the publisher of a leading `publisher NAME` line and the text after it (None, text without one)."""
    match = _PUBLISHER_LINE.match(text)
    if not match:
        return None, text
    return match.group("name").strip(), text[match.end() :].lstrip("\n")


def read_text(
    data: str | bytes,
    *,
    name: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: dt.date | None = None,
) -> Article:
    """Return the Article in a plain-text document; raise InputError when it holds no readable text.

    The publication date comes from `published` or else a leading `date YYYY-MM-DD` line, the publisher from
    `publisher` or else a `publisher NAME` line (after the date line, or before it); the headline is the first
    line when it has no full stop and a body follows.
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
    if bad := lone_surrogate(data):
        raise InputError(
            f"{label}: holds a lone surrogate ({bad}), which is no text; "
            "fix the producer of this input (it wrote half of a UTF-16 pair)"
        )
    text = normalise_text(data)
    if _looks_binary(text):
        raise InputError(f"{label}: looks like binary data, not text")
    marker_publisher, body = split_publisher_line(text)
    marker_date, body = split_date_line(body, name=label)
    if marker_publisher is None:
        marker_publisher, body = split_publisher_line(body)
    body = body.strip()
    if not body:
        after = (
            " after the date line" if marker_date else " after the publisher line" if marker_publisher else ""
        )
        raise InputError(f"{label}: no text{after}")
    first, _, rest = body.partition("\n")
    title = first.strip() if rest.strip() and _is_headline(first) else None
    return Article.from_text(
        body,
        url=url,
        title=title,
        publisher=publisher or marker_publisher,
        published=published or marker_date,
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
