"""The store: idempotent writes, statuses, merged events, filters, migrations — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
import random
import sqlite3
import threading

import pytest

from eventwire.errors import StoreError
from eventwire.export import FORMATS, write_csv, write_events
from eventwire.merge import merge_mentions
from eventwire.model import Actor, Article, ArticleResult, Casualties, Claim, Mention, Place
from eventwire.store import EventFilter, default_db_url, open_store
from eventwire.store.sql import MIGRATIONS, SCHEMA_VERSION

DAY = dt.date(2024, 10, 1)
ISRAEL = Actor(name="Military Forces of Israel (2022-)", inter=1)


def report(
    text: str,
    publisher: str,
    *,
    date: dt.date = DAY,
    place: tuple[str, float, float, str] = ("Khiam", 33.33, 35.61, "LB"),
    sub_event_type: str = "Air/drone strike",
    event_type: str = "Explosions/Remote violence",
    killed: int | None = None,
    claimant: str | None = None,
    stance: str = "unattributed",
) -> ArticleResult:
    """Return one article from `publisher` reporting one event."""
    article = Article.from_text(
        text, publisher=publisher, url=f"https://example.org/{publisher}/{abs(hash(text))}", published=date
    )
    name, lat, lon, cc = place
    mention = Mention(
        article_id=article.id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=ISRAEL,
        place=Place(name=name, lat=lat, lon=lon, country_code=cc, country={"LB": "Lebanon", "IL": "Israel"}[cc],
                    geo_precision=1),
        date=date,
        time_precision=1,
        casualties=[Casualties(killed=killed)] if killed is not None else [],
        fatalities=killed or 0,
        claim=Claim(claimant=claimant, stance=stance),
    )  # fmt: skip
    return ArticleResult(article=article, status="ok", mentions=[mention])


def corpus() -> list[ArticleResult]:
    return [
        report("Israeli drones struck Khiam, killing three.", "Reuters", killed=3),
        report("An Israeli strike on Khiam killed five.", "Al-Manar", killed=5, claimant="Hezbollah", stance="claimed"),
        report("Shelling hit Kfar Kila.", "NNA", place=("Kfar Kila", 33.28, 35.56, "LB"),
               sub_event_type="Shelling/artillery/missile attack"),
        report("Jets struck Nabatieh on Wednesday.", "Reuters", date=DAY + dt.timedelta(days=1),
               place=("Nabatieh", 33.38, 35.48, "LB")),
        report("Rockets hit Metula.", "Times of Israel", place=("Metula", 33.28, 35.58, "IL"),
               sub_event_type="Shelling/artillery/missile attack"),
    ]  # fmt: skip


def test_adding_an_article_twice_stores_it_once(store):
    first = corpus()[0]
    assert store.add_article_result(first) is True
    before = store.counts()
    assert store.add_article_result(first) is False
    assert store.counts() == before == {
        "articles": 1, "ok": 1, "no_event": 0, "unreadable": 0, "mentions": 1, "events": 1,
    }  # fmt: skip


def test_reingesting_a_whole_corpus_adds_nothing(store):
    assert store.add_article_results(corpus()) == 5
    rows = list(store.event_rows())
    assert store.add_article_results(corpus()) == 0
    assert list(store.event_rows()) == rows


def test_two_articles_on_one_event_make_one_event_with_both_sources(store):
    reuters, manar = corpus()[:2]
    store.add_article_result(reuters)
    store.add_article_result(manar)
    (event,) = list(store.events())
    assert len(event.mentions) == 2
    assert event.sources == sorted([reuters.article.url, manar.article.url])
    assert event.corroboration == "independent"
    assert event.fatalities == 3  # the lower of 3 and 5
    assert event.acled["source"] == "Al-Manar; Reuters"


def test_statuses_and_reasons_are_kept(store):
    ok = corpus()[0]
    quiet = ArticleResult(article=Article.from_text("Markets were calm."), status="no_event")
    broken = ArticleResult(article=Article.from_text("\ufffd\ufffd"), status="unreadable", reason="not UTF-8")
    store.add_article_results([ok, quiet, broken])
    assert store.counts()["articles"] == 3
    (unreadable,) = list(store.articles(status="unreadable"))
    assert unreadable.reason == "not UTF-8"
    assert unreadable.article == broken.article
    (stored_ok,) = list(store.articles(status="ok"))
    assert stored_ok.mentions == ok.mentions
    assert list(store.mentions(article_id=ok.article.id)) == ok.mentions


def test_events_do_not_depend_on_ingest_order(new_store):
    articles = corpus()
    expected = merge_mentions(
        [m for r in articles for m in r.mentions], articles={r.article.id: r.article for r in articles}
    )
    exports = []
    for seed in (1, 2, 3):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        store = new_store()
        store.add_article_results(shuffled)
        assert [e.event_id for e in store.events()] == [e.event_id for e in expected]
        out = io.BytesIO()
        write_csv(store.event_rows(), out)
        exports.append(out.getvalue())
    assert exports[0] == exports[1] == exports[2]


def test_a_later_report_can_join_two_stored_events_into_one(store):
    # Two reports whose places are 3 km apart are two events, until a report between them links both.
    west = report("Strike near the west edge.", "NNA", place=("Khiam", 33.330, 35.600, "LB"))
    east = report("Strike near the east edge.", "Al-Manar", place=("Khiam", 33.330, 35.632, "LB"))
    middle = report("Strike on Khiam.", "Reuters", place=("Khiam", 33.330, 35.616, "LB"))
    store.add_article_results([west, east])
    assert store.counts()["events"] == 2
    store.add_article_result(middle)
    (event,) = list(store.events())
    assert len(event.mentions) == 3


def test_filters_select_by_date_country_type_and_box(store):
    store.add_article_results(corpus())

    def ids(**filters) -> list[str]:
        return [row["location"] for row in store.event_rows(EventFilter(**filters))]

    assert len(ids()) == 4
    assert ids(since=DAY + dt.timedelta(days=1)) == ["Nabatieh"]
    assert set(ids(until=DAY)) == {"Khiam", "Kfar Kila", "Metula"}
    assert ids(country="il") == ids(country="Israel") == ["Metula"]
    assert set(ids(event_type="Shelling/artillery/missile attack")) == {"Kfar Kila", "Metula"}
    assert len(ids(event_type="explosions/remote violence")) == 4
    assert set(ids(bbox=(35.5, 33.3, 35.7, 33.4))) == {"Khiam"}
    assert len(ids(limit=2)) == 2


def test_events_come_with_their_mentions_in_date_order(store):
    store.add_article_results(corpus())
    events = list(store.events())
    assert [e.mentions[0].date for e in events] == sorted(e.mentions[0].date for e in events)
    assert sum(len(e.mentions) for e in events) == store.counts()["mentions"] == 5


def test_schema_version_is_recorded_and_data_survives_reopening(new_store_url):
    url = new_store_url()
    with open_store(url) as store:
        store.add_article_result(corpus()[0])
        assert store.schema_version() == SCHEMA_VERSION
    with open_store(url) as store:
        assert store.counts()["articles"] == 1
        assert store.schema_version() == SCHEMA_VERSION


def test_a_database_from_a_newer_eventwire_is_refused(tmp_path):
    path = tmp_path / "events.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


def test_sqlite_uses_wal(tmp_path):
    with open_store(tmp_path / "events.db") as store:
        assert next(iter(store._query("PRAGMA journal_mode")))[0] == "wal"


def test_store_urls(tmp_path, monkeypatch):
    for url in (str(tmp_path / "a.db"), f"sqlite:///{tmp_path / 'b.db'}"):
        open_store(url).close()
    assert (tmp_path / "a.db").exists() and (tmp_path / "b.db").exists()
    with pytest.raises(StoreError, match="unknown store"):
        open_store("mysql://localhost/events")
    with pytest.raises(StoreError, match="cannot connect"):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    monkeypatch.setenv("EVENTWIRE_DB", str(tmp_path / "env.db"))
    assert default_db_url() == str(tmp_path / "env.db")
    monkeypatch.delenv("EVENTWIRE_DB")
    assert default_db_url().startswith("sqlite:///") and default_db_url().endswith("eventwire.db")


@pytest.mark.parametrize("fmt", FORMATS)
def test_sqlite_and_postgres_export_the_same_corpus_identically(tmp_path, postgres_urls, fmt):
    undated = report("A strike on Khiam, date unknown.", "NNA")
    undated = undated.model_copy(update={"mentions": [undated.mentions[0].model_copy(update={"date": None})]})
    exports = []
    for url in (str(tmp_path / "events.db"), postgres_urls()):
        with open_store(url) as store:
            store.add_article_results([undated, *corpus()])
            out = io.BytesIO()
            assert write_events(store.event_rows(), out, format=fmt) == 5
            exports.append(out.getvalue())
    assert exports[0] == exports[1]
    if fmt == "csv":
        assert exports[0].count(b"\n") == 6  # header + 5 events
        assert exports[0].rstrip().splitlines()[-1].split(b",")[1] == b""  # the undated event comes last


def dense_corpus(seed: int, n: int = 60) -> list[ArticleResult]:
    """Return n reports crowded into a few km and days, so merges chain across many articles."""
    rng = random.Random(seed)
    kinds = ["Air/drone strike", "Shelling/artillery/missile attack", "Armed clash"]
    out = []
    for i in range(n):
        sub = rng.choice(kinds)
        lat, lon = 33.30 + rng.uniform(0, 0.06), 35.60 + rng.uniform(0, 0.06)
        out.append(
            report(
                f"Report {seed}-{i}.",
                rng.choice(["Reuters", "NNA", "Al-Manar", "Times of Israel", "Other"]),
                date=DAY + dt.timedelta(days=rng.randrange(3)),
                place=(rng.choice(["Khiam", "Kfar Kila"]), lat, lon, "LB"),
                sub_event_type=sub,
                event_type="Battles" if sub == "Armed clash" else "Explosions/Remote violence",
                killed=rng.choice([None, 1, 2]),
            )  # fmt: skip
        )
    return out


@pytest.mark.parametrize("batch_size", [1, 7, 100])
def test_stored_events_equal_a_merge_of_everything_whatever_the_order(new_store, batch_size):
    articles = dense_corpus(5)
    expected = merge_mentions(
        [m for r in articles for m in r.mentions], articles={r.article.id: r.article for r in articles}
    )
    assert len(expected) < len(articles)  # the corpus does merge
    for seed in (1, 2):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        store = new_store()
        store.add_article_results(shuffled, batch_size=batch_size)
        assert [(e.event_id, e.fatalities, e.corroboration) for e in store.events()] == [
            (e.event_id, e.fatalities, e.corroboration) for e in expected
        ]
        assert store.counts()["mentions"] == len(articles)


def test_two_writers_at_once_give_the_events_of_one(new_store_url):
    # Writers serialise (SQLite BEGIN IMMEDIATE, PostgreSQL advisory lock), so interleaved batches from
    # two connections still leave the events of a merge over everything.
    articles = dense_corpus(7)
    expected = merge_mentions(
        [m for r in articles for m in r.mentions], articles={r.article.id: r.article for r in articles}
    )
    url = new_store_url()
    open_store(url).close()  # create the schema before the writers race
    errors: list[BaseException] = []

    def write(part: list[ArticleResult]) -> None:
        try:
            with open_store(url) as store:
                store.add_article_results(part, batch_size=3)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(articles[i::2],)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_store(url) as store:
        assert [e.event_id for e in store.events()] == [e.event_id for e in expected]


def test_a_batch_stores_each_article_once_and_says_which_were_new(store):
    first, second, third = corpus()[:3]
    assert store.add_article_batch([first]) == [True]
    assert store.add_article_batch([first, second, second, third]) == [False, True, False, True]
    assert store.counts()["articles"] == 3 and store.counts()["mentions"] == 3
    assert store.stored_article_ids([first.article.id, "no-such-id"]) == {first.article.id}


def test_an_article_the_database_refuses_keeps_out_only_itself(store):
    good = corpus()
    # A lone surrogate cannot be encoded for either database.
    bad = ArticleResult(article=Article(id="bad", text="Strike \ud800 on Khiam."), status="no_event")
    outcomes = store.add_article_batch([*good[:2], bad, *good[2:]])
    assert outcomes[:2] + outcomes[3:] == [True] * 5
    assert isinstance(outcomes[2], Exception)
    assert store.counts()["articles"] == 5 and store.counts()["events"] == 4
    with pytest.raises(Exception):  # noqa: B017, PT011 - each driver raises its own encoding error
        store.add_article_results([bad])
    assert not store.has_article("bad")


def test_an_older_database_is_migrated_on_open(tmp_path):
    path = tmp_path / "events.db"
    with sqlite3.connect(path) as conn:  # a version-1 database
        conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        for statement in MIGRATIONS[0][1]:
            conn.execute(statement.format(date="TEXT", float="REAL"))
        conn.execute("INSERT INTO schema_version VALUES (1, '2024-01-01')")
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 4
        store.add_article_result(corpus()[0])
        assert store.counts()["articles"] == 1
    with sqlite3.connect(path) as conn:
        indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"events_date_position", "events_key", "event_matches_date"} <= indexes
