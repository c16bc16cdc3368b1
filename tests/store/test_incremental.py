"""Incremental merge: events grown batch by batch equal one merge of everything, at a cost that does not grow
with the mentions an event holds — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3

from eventwire.merge import mention_id, merge_mentions
from eventwire.model import Actor, Article, ArticleResult, Casualties, Claim, Mention, Place
from eventwire.store import open_store
from eventwire.store.sql import MIGRATIONS, SCHEMA_VERSION

DAY = dt.date(2024, 10, 1)
ISRAEL = Actor(name="Military Forces of Israel (2022-)", inter=1)
HEZBOLLAH = Actor(name="Hezbollah", inter=2)
OUTLETS = ["Reuters", "AFP", "Al-Manar", "Times of Israel", "NNA", None]
VOICES = [None, "Hezbollah", "Israeli army", "Lebanese health ministry", "a local official"]


def told(rng: random.Random, i: int) -> ArticleResult:
    """Return one article with one or two reports crowded into a few km and days, told in many ways."""
    publisher = rng.choice(OUTLETS)
    article = Article.from_text(
        f"Report {i}.",
        publisher=publisher,
        url=rng.choice([None, f"https://example.org/{i}"]),
        # after the reports' dates: the store empties a date after publication (store.checks)
        published=rng.choice([None, DAY + dt.timedelta(days=2 + rng.randrange(3))]),
    )
    mentions = []
    for _ in range(rng.choice([1, 1, 2])):
        sub = rng.choice(["Air/drone strike", "Shelling/artillery/missile attack", "Armed clash"])
        placed = rng.random() < 0.85
        place = Place(
            name=rng.choice(["Khiam", "Kfar Kila"]),
            lat=33.30 + rng.uniform(0, 0.06) if placed else None,
            lon=35.60 + rng.uniform(0, 0.06) if placed else None,
            country_code="LB",
            country="Lebanon",
            geo_precision=rng.choice([1, 1, 1, 2, 3]),
        )
        hedged = rng.random() < 0.3
        claim = Claim(claimant=rng.choice(VOICES), hedged=hedged,
                      stance=rng.choice(["claimed", "reported", "denied", "unattributed", "acknowledged"]))  # fmt: skip
        killed = rng.choice([None, 0, 1, 3, 5])
        mentions.append(
            Mention(
                article_id=article.id,
                event_type="Battles" if sub == "Armed clash" else "Explosions/Remote violence",
                sub_event_type=sub,
                actor1=rng.choice([ISRAEL, ISRAEL, None]),
                actor2=rng.choice([None, HEZBOLLAH]),
                target=rng.choice([None, "a house", "a car"]),
                weapon=rng.choice([None, "drone"]),
                place=place if rng.random() < 0.95 else None,
                date=DAY + dt.timedelta(days=rng.randrange(3)) if rng.random() < 0.95 else None,
                time_precision=rng.choice([1, 1, 1, 2]),
                casualties=[Casualties(killed=killed, claim=claim)] if killed is not None else [],
                fatalities=killed or 0,
                claim=claim,
                confidence=rng.choice([0.4, 0.5, 0.7, 0.9]),
                corroborated=rng.random() < 0.1,
            )
        )
    return ArticleResult(article=article, status="ok", mentions=mentions)


def varied_corpus(seed: int, n: int = 90) -> list[ArticleResult]:
    rng = random.Random(seed)
    return [told(rng, i) for i in range(n)]


def as_stored(events: list) -> list[dict]:
    return [json.loads(json.dumps(e.model_dump(mode="json"), default=str)) for e in events]


def test_events_grown_batch_by_batch_equal_one_merge_of_everything(new_store):
    for seed, batch_size in ((1, 1), (2, 6), (3, 25)):
        articles = varied_corpus(seed)
        expected = merge_mentions(
            [m for r in articles for m in r.mentions], articles={r.article.id: r.article for r in articles}
        )
        assert len(expected) < sum(len(r.mentions) for r in articles)  # the corpus does merge
        assert any(len(e.mentions) > 5 for e in expected)
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        store = new_store()
        store.add_article_results(shuffled, batch_size=batch_size)
        # Every field of every event: id, ranked mentions, sources, corroboration, fatalities, ACLED row.
        assert as_stored(list(store.events())) == as_stored(expected)
        assert list(store.event_rows()) == [json.loads(json.dumps(e.acled, default=str)) for e in expected]
        for event in expected[:5]:
            found = store.mentions(event_id=event.event_id)
            assert sorted(m.model_dump_json() for m in found) == sorted(
                m.model_dump_json() for m in event.mentions
            )


def story(n: int, first: int = 0) -> list[ArticleResult]:
    """Return n articles telling one strike, from outlets in turn."""
    out = []
    for i in range(first, first + n):
        article = Article.from_text(f"Story {i}.", publisher=OUTLETS[i % 5], url=f"https://example.org/s/{i}")
        mention = Mention(
            article_id=article.id, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
            actor1=ISRAEL, place=Place(name="Khiam", lat=33.33, lon=35.61, country_code="LB", geo_precision=1),
            date=DAY, time_precision=1, fatalities=3, casualties=[Casualties(killed=3 + i % 2)],
        )  # fmt: skip
        out.append(ArticleResult(article=article, status="ok", mentions=[mention]))
    return out


def test_adding_a_mention_writes_as_many_rows_to_a_large_event_as_to_a_small_one(tmp_path):
    # The work of a write, counted as rows changed: it must not grow with the mentions the event holds.
    changes = []
    for stored in (5, 200):
        path = tmp_path / f"story{stored}.db"
        with open_store(path) as store:
            store.add_article_results(story(stored))
            before = store._conn.total_changes
            store.add_article_result(story(1, first=stored)[0])
            changes.append(store._conn.total_changes - before)
            (event,) = list(store.events())
            assert len(event.mentions) == stored + 1
    assert changes[0] == changes[1]


def test_a_database_of_schema_version_3_gets_keys_and_states_on_open(tmp_path):
    # Written the way eventwire wrote before version 4: events whose rows list their mentions' ids.
    path = tmp_path / "old.db"
    articles, later = varied_corpus(4, n=40)[:30], varied_corpus(4, n=40)[30:]
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        for version, statements in MIGRATIONS[:3]:
            for statement in statements:
                conn.execute(statement.format(date="TEXT", float="REAL"))
            conn.execute("INSERT INTO schema_version VALUES (?, '2024-01-01')", (version,))
        for r in articles:
            a = r.article
            conn.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, 'ok', NULL, ?, '2024-01-01')",
                (a.id, a.url, a.title, a.publisher, a.published and a.published.isoformat(), a.language, a.text,
                 len(r.mentions)),
            )  # fmt: skip
            for seq, m in enumerate(r.mentions):
                conn.execute(
                    "INSERT OR IGNORE INTO mentions (id, article_id, seq, event_id, data) VALUES (?, ?, ?, 'old', ?)",
                    (mention_id(m), a.id, seq, m.model_dump_json()),
                )
        conn.execute(
            "INSERT INTO events VALUES ('old', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 'single source', 0, "
            "'{\"mention_ids\": []}', '{}')"
        )
    expected = merge_mentions(
        [m for r in articles for m in r.mentions], articles={r.article.id: r.article for r in articles}
    )
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 4
        assert as_stored(list(store.events())) == as_stored(expected)
        store.add_article_results(later)  # and it grows as any store does
        more = articles + later
        assert [e.event_id for e in store.events()] == [
            e.event_id
            for e in merge_mentions(
                [m for r in more for m in r.mentions], articles={r.article.id: r.article for r in more}
            )
        ]
