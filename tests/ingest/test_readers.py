"""Readers: every format in, Articles out; a bad item is reported with its place and the rest goes on."""

from __future__ import annotations

import datetime as dt
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.ingest import (
    ReadFailure,
    detect_format,
    iter_articles,
    read_bytes,
    read_feed,
    read_html,
    read_jsonl,
)
from eventwire.model import Article

PAGE = b"""<!doctype html><html><head><title>Strike hits Khiam | Example News</title>
<meta property="og:title" content="Strike hits Khiam"><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-10-02T09:30:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Strike hits Khiam</h1>
<p>Israeli drones struck the town of Khiam in south Lebanon on Tuesday, killing three people, according to the
health ministry in Beirut.</p><p>The Israeli army said it targeted a weapons depot used by Hezbollah in the town.</p>
</article><footer>Copyright Example News</footer></body></html>"""

FEED = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire Service</title>
<item><title>Drones strike Khiam</title><link>https://wire.example/1</link>
<pubDate>Tue, 01 Oct 2024 22:30:00 GMT</pubDate>
<description>&lt;p&gt;Israeli drones struck Khiam, killing three.&lt;/p&gt;</description></item>
<item><title>Shelling in Kharkiv</title><link>https://wire.example/2</link>
<pubDate>Wed, 02 Oct 2024 06:00:00 GMT</pubDate><description>Shelling hit Kharkiv overnight.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>Protest in Tunis</title><link href="https://atom.example/a"/><updated>2024-05-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;Hundreds of protesters gathered in Tunis.&lt;/p&gt;</content></entry></feed>"""


def articles(items) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def failures(items) -> list[ReadFailure]:
    return [i for i in items if isinstance(i, ReadFailure)]


def test_html_page_gives_text_title_date_and_publisher():
    article = read_html(PAGE, name="page.html")
    assert article.title == "Strike hits Khiam"
    assert article.publisher == "Example News"
    assert article.published == dt.date(2024, 10, 2)
    assert "killing three people" in article.text
    assert "Copyright" not in article.text and "Sport" not in article.text


def test_a_short_html_fragment_is_read_as_its_text():
    article = read_html("<p>Clashes broke out in Khartoum between the army and the RSF on Monday.</p>")
    assert article.text == "Clashes broke out in Khartoum between the army and the RSF on Monday."


def test_rss_and_atom_entries_become_articles():
    items = list(read_feed(FEED, name="wire.rss"))
    assert not failures(items)
    first, second = articles(items)
    assert (first.title, first.url, first.publisher) == (
        "Drones strike Khiam",
        "https://wire.example/1",
        "Wire Service",
    )
    assert first.published == dt.date(2024, 10, 1)
    assert "killing three" in first.text and "<p>" not in first.text
    assert second.text.endswith("Shelling hit Kharkiv overnight.")
    (atom,) = list(read_feed(ATOM))
    assert atom.title == "Protest in Tunis" and atom.published == dt.date(2024, 5, 2)
    assert "Hundreds of protesters" in atom.text


def test_a_malformed_feed_keeps_the_entries_before_the_damage_and_reports_it():
    broken = FEED[: FEED.index(b"<item><title>Shelling")] + b"<item><title>Cut off &amp"
    items = list(read_feed(broken, name="broken.rss"))
    assert [a.title for a in articles(items)] == ["Drones strike Khiam"]
    reported = failures(items)
    assert reported and all(f.source.startswith("broken.rss") for f in reported)
    assert "malformed feed" in reported[0].reason
    assert failures(read_feed(b"this is no feed", name="x.rss"))


def test_a_broken_jsonl_line_is_reported_and_the_others_are_read():
    lines = [
        json.dumps(
            {
                "url": "https://a.example/1",
                "title": "One",
                "published": "2024-10-01",
                "text": "Strike on Khiam.",
            }
        ),
        '{"url": "https://a.example/2", "text": ',
        "",
        json.dumps(
            {"text": "Protest in Tunis.", "published": "2024-10-02T23:10:00+00:00", "publisher": "TAP"}
        ),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Clash.", "published": "yesterday"}),
        json.dumps(["not", "an", "object"]),
    ]
    items = list(read_jsonl(lines, name="batch.jsonl"))
    one, two = articles(items)
    assert (one.url, one.title, one.published) == ("https://a.example/1", "One", dt.date(2024, 10, 1))
    assert (two.publisher, two.published) == ("TAP", dt.date(2024, 10, 2))
    assert [f.source for f in failures(items)] == [
        "batch.jsonl:2",
        "batch.jsonl:5",
        "batch.jsonl:6",
        "batch.jsonl:7",
    ]
    assert "not valid JSON" in failures(items)[0].reason
    assert "published" in failures(items)[2].reason


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(), st.binary()), max_size=5))
def test_jsonl_reader_never_raises_and_accounts_for_every_line(lines):
    items = list(read_jsonl(lines, name="fuzz"))
    non_blank = [x for x in lines if (x.decode("utf-8", "replace") if isinstance(x, bytes) else x).strip()]
    assert len(items) <= len(non_blank)
    assert all(isinstance(i, (Article, ReadFailure)) for i in items)


def test_formats_are_sniffed_without_extensions():
    assert detect_format(FEED) == "feed"
    assert detect_format(ATOM) == "feed"
    assert detect_format(PAGE) == "html"
    assert detect_format(b'{"text": "a"}\n{"text": "b"}\n') == "jsonl"
    assert detect_format(b'[{"text": "a"}]') == "json"
    assert detect_format(b"date 2024-10-01\nStrike on Khiam.") == "text"


def test_folders_are_read_recursively_and_bad_files_are_listed(tmp_path):
    (tmp_path / "a.html").write_bytes(PAGE)
    (tmp_path / "broken.html").write_bytes(b"<html><body>\x00\x01\x02\xff\xfe garbage")
    (tmp_path / "empty.html").write_bytes(b"<html><body><div></div></body></html>")
    nested = tmp_path / "nested" / "deeper"
    nested.mkdir(parents=True)
    (nested / "wire.xml").write_bytes(FEED)
    (nested / "items.jsonl").write_text('{"text": "Strike on Khiam."}\n{broken\n', encoding="utf-8")
    (nested / "note.txt").write_text("date 2024-10-03\nClashes in Khartoum.\nThe army fought the RSF.")
    (nested / "noext").write_bytes(ATOM)  # not read from a folder: no known extension
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")

    items = list(iter_articles([tmp_path]))
    assert len(articles(items)) == 1 + 2 + 1 + 1
    assert sorted(f.source for f in failures(items)) == sorted(
        [str(tmp_path / "broken.html"), str(tmp_path / "empty.html"), str(nested / "items.jsonl") + ":2"]
    )
    # Named explicitly, a file without extension is sniffed.
    (explicit,) = articles(iter_articles([nested / "noext"]))
    assert explicit.title == "Protest in Tunis"


def test_stdin_and_missing_paths():
    stdin = io.BytesIO(b'{"text": "Strike on Khiam.", "published": "2024-10-01"}\n')
    items = list(iter_articles(["-", "/no/such/file.html"], stdin=stdin))
    (article,) = articles(items)
    assert article.published == dt.date(2024, 10, 1)
    (missing,) = failures(items)
    assert missing.source == "/no/such/file.html" and "no such file" in missing.reason


def test_the_same_text_from_two_formats_is_one_article_id(tmp_path):
    text = "Israeli drones struck Khiam, killing three."
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": text}) + "\n")
    a, b = articles(iter_articles([tmp_path]))
    assert a.id == b.id


def test_json_files_in_folders_are_left_alone_but_read_when_named(tmp_path):
    (tmp_path / "story.txt").write_text("Strike on Khiam.")
    (tmp_path / "story.gold.json").write_text('{"events": []}')
    (tmp_path / "batch.json").write_text('[{"text": "Protest in Tunis."}, {"text": "Clash in Khartoum."}]')
    items = list(iter_articles([tmp_path]))
    assert len(items) == 1 and not failures(items)
    assert len(articles(iter_articles([tmp_path / "batch.json"]))) == 2
    (gold,) = failures(iter_articles([tmp_path / "story.gold.json"]))
    assert 'no "text"' in gold.reason


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600), st.sampled_from([None, "html", "feed", "jsonl", "json", "text"]))
def test_no_bytes_make_a_reader_raise(data, fmt):
    items = list(read_bytes(data, name="fuzz", fmt=fmt))
    assert all(isinstance(i, (Article, ReadFailure)) for i in items)
    assert all(i.source.startswith("fuzz") for i in items if isinstance(i, ReadFailure))
