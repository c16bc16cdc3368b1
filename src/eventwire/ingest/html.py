"""Read an HTML page: the article text, title, date and publisher, via trafilatura (no network)."""

from __future__ import annotations

import datetime as dt
import re

import lxml.html
import trafilatura
from lxml.etree import ParserError

from eventwire.errors import InputError
from eventwire.ingest.text import read_text
from eventwire.model import Article

MIN_LETTERS = 20  # fewer letters than this is markup debris, not an article
_BLOCKS = (
    "p",
    "div",
    "li",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "blockquote",
    "section",
    "article",
)


def read_html(data: str | bytes, *, name: str | None = None, url: str | None = None) -> Article:
    """Return the Article in an HTML page; raise InputError when the page holds no readable article text.

    trafilatura finds the main text and the metadata; a short page it declines (a single paragraph) is read
    as its plain body text.
    """
    label = name or url or "input"
    if isinstance(data, bytes) and b"\x00" in data[:8192]:
        raise InputError(f"{label}: looks like a binary file (NUL bytes), not an HTML page")
    try:
        document = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, ParserError) as exc:  # lxml gives up on some broken documents
        raise InputError(f"{label}: cannot parse as HTML ({exc})") from exc
    text = (document.text or "") if document is not None else ""
    title = document.title if document is not None else None
    publisher = document.sitename if document is not None else None
    published = _date(document.date) if document is not None else None
    if document is None:
        text = html_to_text(data)
    if not _readable(text):
        raise InputError(
            f"{label}: no article text found in the HTML (corrupt, empty or not an article page)"
        )
    article = read_text(text, name=label, url=url or (document.url if document is not None else None),
                        publisher=publisher, published=published)  # fmt: skip
    return article.model_copy(update={"title": title or article.title})


def html_to_text(data: str | bytes) -> str:
    """Return the visible text of an HTML fragment, one line per block element."""
    if isinstance(data, bytes):
        data = data.decode("utf-8", errors="replace")
    if not data.strip():
        return ""
    try:
        root = lxml.html.fromstring(data)
    except (ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for block in root.iter(*_BLOCKS):
        block.tail = "\n" + (block.tail or "")
    lines = (re.sub(r"[ \t\xa0]+", " ", line).strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _readable(text: str) -> bool:
    visible = [ch for ch in text if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    return letters >= MIN_LETTERS and letters >= 0.5 * len(visible) and "\ufffd" not in text[:2000]


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
