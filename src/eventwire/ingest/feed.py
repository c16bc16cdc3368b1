"""Read an RSS or Atom feed: each entry becomes an Article; a broken entry or feed is reported, not fatal."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

import feedparser

from eventwire.errors import InputError
from eventwire.ingest.failure import ReadFailure
from eventwire.ingest.html import html_to_text
from eventwire.ingest.text import read_text
from eventwire.model import Article


def read_feed(data: bytes | str, *, name: str | None = None) -> Iterator[Article | ReadFailure]:
    """Yield an Article per feed entry (its content, else its summary), or a ReadFailure for what cannot be read.

    feedparser recovers what it can of malformed XML; the entries it recovers are yielded and the damage is
    reported as one ReadFailure for the feed.
    """
    label = name or "feed"
    parsed = feedparser.parse(data.encode("utf-8") if isinstance(data, str) else data)
    publisher = parsed.feed.get("title") or None
    entries = parsed.entries
    if parsed.bozo:
        what = f"{type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}"
        if not entries:
            yield ReadFailure(label, f"not a readable RSS/Atom feed ({what})")
            return
        # Entries after the damage may be missing or cut short.
        yield ReadFailure(
            label, f"malformed feed ({what}); {len(entries)} entries recovered, later ones may be lost"
        )
    for number, entry in enumerate(entries, start=1):
        source = f"{label}#entry{number}"
        try:
            yield _article(entry, source=source, publisher=publisher)
        except InputError as exc:
            yield ReadFailure.from_error(source, exc)


def _article(entry: feedparser.FeedParserDict, *, source: str, publisher: str | None) -> Article:
    bodies = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    text = "\n".join(html_to_text(body) if "<" in body else body.strip() for body in bodies if body)
    title = (entry.get("title") or "").strip() or None
    if not text.strip():
        raise InputError(f"{source}: entry {title!r} has no text (neither content nor summary)")
    if title and not text.startswith(title):
        text = f"{title}\n{text}"  # the headline leads, as in a page; it is metadata to the segmenter
    article = read_text(
        text, name=source, url=entry.get("link"), publisher=publisher, published=_published(entry)
    )
    return article.model_copy(update={"title": title or article.title})


def _published(entry: feedparser.FeedParserDict) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC).date()
    except (
        ValueError,
        OverflowError,
        OSError,
    ):  # feedparser reads "00" as the year -99: no date, not a crash
        return None
