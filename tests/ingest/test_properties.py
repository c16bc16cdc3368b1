"""Property tests: every reader, given any text or bytes, returns Articles or reports the item; never crashes.

Examples per test: $EVENTWIRE_FUZZ_EXAMPLES (500 in CI; `python bench/fuzz.py` runs 10,000).
"""

from __future__ import annotations

import contextlib
import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.ingest import ReadFailure, detect_format, read_bytes
from eventwire.ingest.feed import read_feed
from eventwire.ingest.html import read_html
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.text import MAX_BYTES, read_text
from eventwire.model import Article

EXAMPLES = int(os.environ.get("EVENTWIRE_FUZZ_EXAMPLES", "500"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

# Any code point, lone surrogates and control characters included, weighted towards what news text and
# hostile text hold: Latin, Arabic and Hebrew (RTL), bidi controls, zero-width marks, NUL.
ANY_CHAR = st.characters(blacklist_categories=())  # every category, Cs (surrogates) and Cc too
SCRIPTS = st.sampled_from(
    list("Drones struck Khiam. ") + list("قصفت طائرات مسيرة الخيام") + list("כטב\"ם תקף בצפון")
    + ["\u202e", "\u202d", "\u200f", "\u200e", "\u2066", "\u2069", "\u200b", "\ufeff", "\x00", "\r", "\n\n",
       "\ud800", "\udfff", "\x1b[31m", "\u0301", "\U0001f4a5", "–", "\u2028"]
)  # fmt: skip
TEXT = st.lists(st.one_of(ANY_CHAR, SCRIPTS), max_size=400).map("".join)
BYTES = st.one_of(st.binary(max_size=400), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                  TEXT.map(lambda t: t.encode("utf-16", "surrogatepass")))  # fmt: skip


def assert_sane(article: Article) -> None:
    assert isinstance(article, Article) and article.text.strip()
    article.text.encode("utf-8")  # no lone surrogate reaches a record: it could not be stored or hashed
    article.model_dump_json()
    if article.title is not None:
        article.title.encode("utf-8")


def assert_items(items: list[Article | ReadFailure]) -> None:
    for item in items:
        if isinstance(item, ReadFailure):
            assert item.source and item.reason and "\n" not in item.reason.strip()
        else:
            assert_sane(item)


@FUZZ
@given(st.one_of(TEXT, BYTES), st.booleans())
def test_text_reader_returns_an_article_or_input_error(data, date_line):
    if date_line:
        data = (b"date 2024-02-30\n" + data) if isinstance(data, bytes) else f"date 2024-11-21\n{data}"
    try:
        article = read_text(data, name="fuzz")
    except InputError as exc:
        assert str(exc).startswith("fuzz:")
        return
    assert_sane(article)


@FUZZ
@given(TEXT, st.integers(0, 120), st.sampled_from(["div", "p", "b", "table", "li", "span"]))
def test_html_reader_survives_any_text_and_nesting(text, depth, tag):
    page = f"<html><body>{f'<{tag}>' * depth}<p>{text}</p>{f'</{tag}>' * (depth // 2)}</body></html>"
    for data in (page, page.encode("utf-8", "surrogatepass")):
        with contextlib.suppress(InputError):
            assert_sane(read_html(data, name="fuzz.html"))


@FUZZ
@given(TEXT, TEXT, st.booleans())
def test_feed_reader_yields_articles_or_failures(title, body, atom):
    entry = (
        f"<item><title>{title}</title><description>{body}</description><pubDate>{title[:20]}</pubDate></item>"
    )
    if atom:
        entry = f'<entry><title>{title}</title><content type="html">{body}</content></entry>'
    doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{entry}</channel></rss>'
    if atom:
        doc = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{entry}</feed>'
    assert_items(list(read_feed(doc.encode("utf-8", "surrogatepass"), name="fuzz.xml")))


JSON_VALUE = st.one_of(st.none(), TEXT, st.integers(), st.floats(), st.booleans(), st.lists(TEXT, max_size=2))
RECORD = st.fixed_dictionaries(
    {"text": st.one_of(TEXT, JSON_VALUE)},
    optional={key: JSON_VALUE for key in ("url", "title", "published", "publisher", "language", "html")},
)


@FUZZ
@given(st.lists(st.one_of(RECORD.map(lambda r: json.dumps(r)), TEXT, BYTES), max_size=6))
def test_jsonl_reader_gives_one_item_per_line_and_keeps_the_good_ones(lines):
    raw = [line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass") for line in lines]
    raw = [piece for line in raw for piece in line.splitlines()]  # a line is what the file holds between \n
    items = list(read_jsonl(raw, name="fuzz.jsonl"))
    assert len(items) == sum(1 for line in raw if not _blank(line))
    assert_items(items)


def _blank(line: bytes) -> bool:
    try:
        return not line.decode("utf-8-sig").strip()  # str.strip: every Unicode space, \x1c-\x1f too
    except UnicodeDecodeError:
        return False


@FUZZ
@given(BYTES)
def test_any_bytes_in_any_sniffed_format_are_read_or_reported(data):
    assert detect_format(data) in ("html", "feed", "jsonl", "json", "text")
    assert_items(list(read_bytes(data, name="fuzz")))


def test_html_nested_far_deeper_than_any_page_is_read_or_refused():
    for depth in (5_000, 50_000):
        page = (
            f"<html><body>{'<div>' * depth}<p>Drones struck Khiam on Monday, the army said.</p></body></html>"
        )
        with contextlib.suppress(InputError):
            assert_sane(read_html(page, name="deep.html"))


def test_empty_input_and_the_size_cap():
    for fmt in (None, "text", "html", "feed", "jsonl", "json"):
        assert all(isinstance(i, ReadFailure) for i in read_bytes(b"", name="empty", fmt=fmt))
    over = b"Drones struck Khiam. " * (MAX_BYTES // 21 + 1)
    (failure,) = read_bytes(over, name="big.txt")
    assert isinstance(failure, ReadFailure) and "larger than an article" in failure.reason
    (article,) = read_bytes(over[: MAX_BYTES - 100], name="big.txt")
    assert isinstance(article, Article)
