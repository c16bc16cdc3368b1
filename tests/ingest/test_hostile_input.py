"""Hostile and odd input: each bad item is reported on its own, the good ones kept, nothing stops the batch."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest

from eventwire.errors import ArticleTimeout
from eventwire.ingest import ReadFailure, iter_articles
from eventwire.ingest.batch import ingest_items
from eventwire.ingest.text import read_text
from eventwire.store import open_store

STRIKE = "An Israeli strike killed {n} people in Tyre on Tuesday, the Lebanese health ministry said."


def read_all(*paths):
    return list(iter_articles(paths))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read_not_called_binary(tmp_path, encoding):
    text = "date 2024-11-21\nStrikes on Tyre\n\nAn Israeli strike hit Tyre on Tuesday, ministry said."
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    (tmp_path / "notepad.txt").write_bytes(bom + text.encode(encoding))
    (article,) = read_all(tmp_path / "notepad.txt")
    assert not isinstance(article, ReadFailure), article
    assert article.published == dt.date(2024, 11, 21) and article.title == "Strikes on Tyre"


def test_a_json_line_with_a_lone_surrogate_is_reported_and_the_good_lines_kept(tmp_path):
    good = {"text": "Drones struck Khiam on Monday.", "published": "2024-10-01"}
    lines = [json.dumps(good), '{"text": "half a pair \\ud800 here", "published": "2024-10-01"}',
             json.dumps({**good, "text": "Drones struck Yaroun on Monday."}), '{"title": "\\udfff", "text": "x"}']  # fmt: skip
    (tmp_path / "items.jsonl").write_text("\n".join(lines) + "\n")
    items = read_all(tmp_path / "items.jsonl")
    assert [type(i).__name__ for i in items] == ["Article", "ReadFailure", "Article", "ReadFailure"]
    assert items[1].source.endswith("items.jsonl:2") and "lone surrogate" in items[1].reason
    assert "title" in items[3].reason


def test_an_impossible_date_line_warns_and_is_not_taken_for_the_headline(caplog):
    with caplog.at_level(logging.WARNING):
        article = read_text("date 2024-02-30\nStrikes on Tyre\n\nAn Israeli strike hit Tyre, ministry said.")
    assert article.published is None and article.title == "Strikes on Tyre"
    assert "2024-02-30" in caplog.text and "not a calendar date" in caplog.text


def test_folders_skip_readme_and_markdown_but_a_named_file_is_read(tmp_path):
    (tmp_path / "README.md").write_text("# Examples\n\nRun `eventwire ingest examples/`: strikes hit Tyre.\n")
    (tmp_path / "notes.md").write_text("Drones struck Khiam on Monday.\n")
    (tmp_path / "README.txt").write_text("How to use these files: drones struck Khiam.\n")
    (tmp_path / "wire.txt").write_text("Drones struck Khiam on Monday, the army said.\n")
    assert [a.text for a in read_all(tmp_path)] == ["Drones struck Khiam on Monday, the army said."]
    assert len(read_all(tmp_path / "README.md")) == 1


def test_a_huge_or_implausible_death_toll_keeps_the_article_and_is_not_coded(tmp_path, pipeline):
    texts = [f"date 2024-11-21\n{STRIKE.format(n=n)}" for n in (18446744073709551616, 2_000_000, 3)]
    articles = [read_text(t) for t in texts]
    with open_store(tmp_path / "events.db") as store:
        report = ingest_items(articles, store, extract=pipeline.extract_articles)
        assert report.stored == 3 and not report.failures
        mentions = {m.article_id: m for m in store.mentions()}
        rows = list(store.event_rows())
    huge, million, three = (mentions[a.id] for a in articles)
    assert (huge.fatalities, million.fatalities, three.fatalities) == (0, 0, 3)
    assert huge.casualties[0].killed is None and huge.casualties[0].killed_text
    assert "was not coded" in huge.notes and "18446744073709551616" not in huge.notes.split("A stated count")[0]
    assert all(0 <= int(row["fatalities"]) <= 100_000 for row in rows)


def test_an_article_over_the_time_limit_fails_alone_and_the_batch_goes_on(tmp_path, pipeline):
    # Thousands of short lines: the context walk back over earlier sentences makes this article slow.
    slow = read_text(
        "date 2024-11-21\n" + "\n".join(f"Line {i} of a long list, drones struck Khiam." for i in range(4000))
    )
    good = read_text(f"date 2024-11-21\n{STRIKE.format(n=3)}")
    with open_store(tmp_path / "events.db") as store:
        report = ingest_items([slow, good], store, extract=pipeline.extract_articles, timeout=1.0)
        assert store.stored_article_ids([slow.id, good.id]) == {good.id}
    (failure,) = report.failures
    assert failure.reason.startswith(ArticleTimeout.__name__) and "longer than 1 s" in failure.reason
    assert report.stored == 1


def test_a_feed_date_feedparser_reads_as_an_impossible_year_leaves_the_entry_undated():
    from eventwire.ingest.feed import read_feed

    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>00</title>'
    feed += b"<description>Drones struck Khiam.</description><pubDate>00</pubDate></item></channel></rss>"
    (article,) = read_feed(feed, name="feed.xml")
    assert article.published is None and "Drones struck Khiam." in article.text
