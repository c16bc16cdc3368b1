"""ingest_items: new articles are extracted and stored once; failures are collected, never fatal."""

from __future__ import annotations

import datetime as dt
import json

from eventwire.ingest import iter_articles
from eventwire.ingest.batch import ingest_items
from eventwire.model import Actor, Article, ArticleResult, Mention, Place
from eventwire.store import open_store


def extract(articles: list[Article]) -> list[ArticleResult]:
    """Stand-in for Pipeline.extract_articles over the rule of extract_one."""
    return [extract_one(article) for article in articles]


def extract_one(article: Article) -> ArticleResult:
    """A strike in Khiam for articles that say "struck", no event otherwise; a crash on "boom"."""
    if "boom" in article.text:
        raise RuntimeError("extractor crashed")
    if "struck" not in article.text:
        return ArticleResult(article=article, status="no_event", reason="no event trigger")
    mention = Mention(
        article_id=article.id, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        actor1=Actor(name="Military Forces of Israel (2022-)", inter=1),
        place=Place(name="Khiam", lat=33.33, lon=35.61, country_code="LB", country="Lebanon", geo_precision=1),
        date=article.published or dt.date(2024, 10, 1), time_precision=1,
    )  # fmt: skip
    return ArticleResult(article=article, status="ok", mentions=[mention])


def test_ingest_stores_new_articles_once_and_reports_failures(tmp_path):
    lines = [
        {
            "text": "Drones struck Khiam.",
            "published": "2024-10-01",
            "publisher": "Reuters",
            "url": "https://r/1",
        },
        {
            "text": "Jets struck Khiam.",
            "published": "2024-10-01",
            "publisher": "Al-Manar",
            "url": "https://m/1",
        },
        {"text": "Markets were calm."},
        {"text": "boom"},
    ]
    source = tmp_path / "items.jsonl"
    source.write_text("\n".join(json.dumps(x) for x in lines) + "\n{not json\n")
    batches = []
    with open_store(tmp_path / "events.db") as store:
        report = ingest_items(
            iter_articles([source]), store, extract=extract, batch_size=2, on_batch=batches.append
        )
        assert (report.read, report.stored, report.mentions) == (4, 3, 2)
        assert report.statuses == {"ok": 2, "no_event": 1}
        assert [f.source for f in report.failures] == [
            "article " + Article.from_text("boom").id[:12],
            f"{source}:5",
        ]
        assert len(batches) == 3
        (event,) = list(store.events())
        assert len(event.sources) == 2 and event.corroboration == "independent"

        again = ingest_items(iter_articles([source]), store, extract=extract)
        assert (again.stored, again.already_stored) == (0, 3)
        assert store.counts()["articles"] == 3


PAGE = b"""<!doctype html><html><head><title>Strike hits Khiam</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-10-02T09:30:00Z"></head>
<body><article><p>Israeli drones struck the town of Khiam in south Lebanon on Tuesday, killing three people,
according to the health ministry in Beirut.</p><p>The Israeli army said it targeted a weapons depot.</p>
</article></body></html>"""

FEED = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire Service</title>
<item><title>Drones strike Khiam</title><link>https://wire.example/1</link>
<pubDate>Tue, 01 Oct 2024 22:30:00 GMT</pubDate><description>Drones struck Khiam at night.</description></item>
<item><title>Cut off &amp"""


def test_each_bad_item_is_reported_and_nothing_else_is_lost(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.html").write_bytes(PAGE)
    (folder / "corrupt.html").write_bytes(b"<html><body>\x00\x01\x02\xff\xfe garbage")
    (folder / "wire.rss").write_bytes(FEED)  # one entry, then the damage
    (folder / "items.jsonl").write_text(
        '{"text": "Jets struck Khiam.", "published": "2024-10-02", "url": "https://m/2"}\n'
        '{"text": broken\n'
        '{"text": "Markets were calm.", "published": "2024-10-02"}\n',
        encoding="utf-8",
    )
    with open_store(tmp_path / "events.db") as store:
        report = ingest_items(iter_articles([folder]), store, extract=extract, batch_size=2)
        assert sorted(f.source for f in report.failures) == sorted(
            [str(folder / "corrupt.html"), str(folder / "items.jsonl") + ":2"]
            + [f.source for f in report.failures if f.source.startswith(str(folder / "wire.rss"))]
        )
        assert any(f.source.startswith(str(folder / "wire.rss")) for f in report.failures)
        # The page, the feed entry before the damage, and both good lines: all stored.
        assert (report.read, report.stored) == (4, 4)
        assert store.counts()["articles"] == 4
        assert report.statuses == {"ok": 3, "no_event": 1}
