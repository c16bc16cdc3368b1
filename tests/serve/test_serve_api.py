"""The HTTP API over a real store (SQLite; PostgreSQL when EVENTWIRE_TEST_POSTGRES is set), through real HTTP."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from serve_corpus import XSS_ACTOR, XSS_TEXT

from eventwire.store import open_store

REPO = Path(__file__).parents[2]


@pytest.fixture
def api(store_url, served):
    with httpx.Client(base_url=served(store_url), timeout=60) as client:
        yield client


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [row["event_id_cnty"] for row in response.json()]


def test_events_filters_each_select_the_expected_events(api):
    everything = api.get("/events").json()
    assert len(everything) == 3  # the two tellings of the Khiam clash are one event
    by_place = {row["location"]: row["event_id_cnty"] for row in everything}
    khiam, kharkiv, metula = by_place["Khiam"], by_place["Kharkiv"], by_place["Metula"]
    cases = {
        "since=2024-11-21": {khiam, kharkiv},
        "until=2024-11-20": {metula},
        "since=2024-11-21&until=2024-11-21": {khiam},
        "country=UA": {kharkiv},
        "country=lebanon": {khiam},
        "event_type=Battles": {khiam},
        "sub_event_type=Shelling/artillery/missile attack": {kharkiv, metula},
        "actor=hezbollah": {khiam},
        "actor=Russia": {kharkiv},
        "claimant=Military Forces of Israel": {khiam},  # the second telling's claimant finds the event
        "stance=acknowledged": {khiam},
        "stance=claimed&claimant=hezbollah": {khiam},
        "corroboration=confirmed by the other side": {khiam},
        "corroboration=single source": {kharkiv, metula},
        "bbox=35,33,36,34": {khiam, metula},
        "bbox=35,33,36,34&since=2024-11-21": {khiam},
    }
    for query, expected in cases.items():
        assert set(ids(api.get(f"/events?{query}"))) == expected, query


def test_events_paginate_in_a_stable_order(api):
    first = api.get("/events?limit=2")
    assert first.headers["X-Next-Offset"] == "2"
    second = api.get("/events?limit=2&offset=2")
    assert "X-Next-Offset" not in second.headers
    assert ids(first) + ids(second) == ids(api.get("/events"))


def test_events_as_csv_and_geojson_use_the_export_layout(api):
    text = api.get("/events?format=csv&country=LB").text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["location"] for r in rows] == ["Khiam"]
    assert text.startswith("event_id_cnty,event_date,year,")
    geo = api.get("/events?format=geojson&country=LB")
    assert geo.headers["content-type"].startswith("application/geo+json")
    feature = geo.json()["features"][0]
    assert feature["geometry"]["coordinates"] == pytest.approx([35.6127, 33.3295], abs=0.01)
    assert feature["properties"]["corroboration"] == "confirmed by the other side"


def test_event_detail_has_each_telling_with_claimant_stance_and_evidence(api):
    (row,) = api.get("/events?country=LB").json()
    detail = api.get(f"/events/{row['event_id_cnty']}").json()
    tellings = {t["publisher"]: t for t in detail["tellings"]}
    assert tellings["Al-Manar"]["claimant"] == "Hezbollah" and tellings["Al-Manar"]["stance"] == "claimed"
    assert tellings["Times of Israel"]["stance"] == "acknowledged"
    assert tellings["Al-Manar"]["evidence"]["trigger"] == "clashed"
    assert tellings["Al-Manar"]["loaded_terms"] == ["Israeli enemy"]
    assert len(detail["event"]["sources"]) == 2
    assert detail["row"]["corroboration"] == "confirmed by the other side"
    missing = api.get("/events/EWNOSUCHEVENT")
    assert missing.status_code == 404 and "no event" in missing.json()["error"]


def test_article_marks_point_at_the_evidence_and_loaded_terms(api):
    (row,) = api.get("/events?country=LB").json()
    detail = api.get(f"/events/{row['event_id_cnty']}").json()
    manar = next(t for t in detail["tellings"] if t["publisher"] == "Al-Manar")
    article = api.get(f"/articles/{manar['article_id']}").json()
    text = article["article"]["text"]
    marked = {(m["kind"], text[m["start"] : m["end"]]) for m in article["marks"]}
    assert marked == {("evidence", "clashed"), ("evidence", "Khiam"), ("evidence", "Hezbollah said"),
                      ("loaded_term", "Israeli enemy")}  # fmt: skip
    assert api.get("/articles/" + "0" * 64).status_code == 404


def test_html_in_data_comes_back_as_inert_json_text(api):
    rows = api.get("/events?until=2024-11-20").json()
    assert rows[0]["actor1"] == XSS_ACTOR  # kept verbatim, as data; the dashboard renders it as text
    response = api.get(f"/events/{rows[0]['event_id_cnty']}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    article = api.get(f"/articles/{response.json()['tellings'][0]['article_id']}")
    assert article.json()["article"]["text"] == XSS_TEXT
    page = api.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "<script>window.__xss" not in page.text


SQL_INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE events; --",
    '" OR ""="',
    "1) OR (1=1",
    "%",
    "H_zbollah",  # LIKE wildcards are taken literally: these would find Hezbollah if they were not
    "%ezbollah",
    "\\",
    "Lebanon' UNION SELECT acled FROM events --",
]


def test_sql_injection_strings_in_every_filter_are_harmless(api, store_url):
    before = open_store(store_url)
    try:
        counts = before.counts()
    finally:
        before.close()
    text_filters = ["country", "event_type", "sub_event_type", "actor", "claimant"]
    for payload in SQL_INJECTIONS:
        for name in text_filters:
            response = api.get("/events", params={name: payload})
            assert response.status_code == 200, (name, payload, response.text)
            assert response.json() == [], (name, payload)  # matched literally: nothing has that name
        for name in ["stance", "corroboration", "since", "until", "bbox", "limit", "offset", "format"]:
            response = api.get("/events", params={name: payload})
            assert 400 <= response.status_code < 500 and response.json()["error"], (name, payload)
        for path in (f"/events/{payload}", f"/articles/{payload}"):
            assert api.get(path.replace("%", "%25").replace("\\", "%5C")).status_code == 404
    after = open_store(store_url)
    try:
        assert after.counts() == counts
    finally:
        after.close()


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("bbox=1,2,3", 400, "four numbers"),
        ("bbox=10,0,5,5", 400, "minimum comes first"),
        ("bbox=0,0,200,5", 400, "-180..180"),
        ("since=2024-12-01&until=2024-11-01", 400, "after until"),
        ("since=yesterday", 422, "since"),
        ("limit=0", 422, "limit"),
        ("limit=100000", 422, "limit"),
        ("format=xml", 422, "format"),
        ("stance=asserted", 422, "stance"),
    ],
)
def test_bad_filters_get_a_4xx_with_a_message(api, query, status, words):
    response = api.get(f"/events?{query}")
    assert response.status_code == status
    assert words in response.json()["error"]


def test_invalid_bodies_get_a_4xx_with_a_message(sqlite_url, served):
    base = served(sqlite_url)
    with httpx.Client(base_url=base) as client:
        broken = client.post(
            "/articles", content=b'{"text": "unterminated', headers={"content-type": "application/json"}
        )
        assert broken.status_code == 422 and "not valid JSON" in broken.json()["error"]
        wrong = client.post("/articles", json={"title": "no text"})
        assert wrong.status_code == 422 and "text" in broken.json()["error"] + wrong.json()["error"]
        empty = client.post("/extract", json={"text": "   "})
        assert empty.status_code == 400 and "no text" in empty.json()["error"]
        date = client.post("/extract", json={"text": "Rockets hit Metula.", "published": "last Tuesday"})
        assert date.status_code == 400 and "ISO date" in date.json()["error"]


def test_bodies_over_the_limit_are_refused_and_nothing_is_stored(sqlite_url, served):
    base = served(sqlite_url, max_body_bytes=10_000)
    counts = _counts(sqlite_url)
    with httpx.Client(base_url=base) as client:
        big = client.post("/articles", json={"text": "Rockets hit Metula. " * 1000})
        assert big.status_code == 413 and "10,000 bytes" in big.json()["error"]

        def chunks():  # no Content-Length: the limit is counted as the body arrives
            for _ in range(20):
                yield b" " * 1000

        streamed = client.post("/articles", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
    assert _counts(sqlite_url) == counts


def test_a_request_over_the_time_limit_gets_503(sqlite_url, served):
    # Another writer holds the SQLite write lock, so the ingest waits (up to the store's 30 s busy timeout)
    # and the server answers 503 after its 1 s limit instead of hanging.
    base = served(sqlite_url, request_seconds=1.0)
    path = sqlite_url.removeprefix("sqlite:///")
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with httpx.Client(base_url=base, timeout=20) as client:
            response = client.post(
                "/articles", json={"text": "date 2024-11-21\nRockets hit Metula, the army said."}
            )
        assert response.status_code == 503 and "took over 1 s" in response.json()["error"]
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_writes_need_the_token_when_one_is_set(sqlite_url, served):
    base = served(sqlite_url, token="s3cret")
    with httpx.Client(base_url=base) as client:
        assert client.post("/articles", json={"text": "x"}).status_code == 401
        wrong = client.post("/examples", headers={"Authorization": "Bearer guess"})
        assert wrong.status_code == 401 and "token" in wrong.json()["error"]
        assert client.get("/events").status_code == 200  # reads stay open
        assert client.get("/stats").json()["token_required"] is True


def test_post_articles_extracts_stores_and_skips_what_is_stored(tmp_path, served, pipeline):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    base = served(url)
    roundup = (REPO / "examples" / "roundup_2024-11-21.txt").read_text(encoding="utf-8")
    with httpx.Client(base_url=base, timeout=120) as client:
        first = client.post(
            "/articles", json=[{"text": roundup, "publisher": "Al-Manar"}, {"text": "  "}]
        ).json()
        assert first["stored"] == 1 and first["mentions"] >= 6
        assert len(first["failures"]) == 1 and "article 2" in first["failures"][0]
        again = client.post("/articles", json={"text": roundup, "publisher": "Al-Manar"}).json()
        assert again["stored"] == 0 and again["already_stored"] == 1
        rows = client.get("/events", params={"actor": "Hezbollah", "claimant": "Hezbollah"}).json()
        assert {"Ramim barracks", "Shlomi"} <= {r["location"] for r in rows}


def test_extract_returns_mentions_with_evidence_and_stores_nothing(sqlite_url, served, pipeline):
    base = served(sqlite_url)
    counts = _counts(sqlite_url)
    wire = (REPO / "examples" / "wire_2024-11-21.txt").read_text(encoding="utf-8")
    with httpx.Client(base_url=base, timeout=120) as client:
        result = client.post("/extract", json={"text": wire}).json()
        as_text = client.post(
            "/extract", content=wire.encode(), headers={"content-type": "text/plain"}
        ).json()
    assert result["mentions"] and result["status"] == "ok"
    text = result["article"]["text"]
    for mention in result["mentions"]:
        for span in mention["evidence"].values():
            assert text[span["start"] : span["end"]] == span["text"]
    assert {(m["start"], m["end"]) for m in result["marks"] if m["kind"] == "evidence"}
    assert len(as_text["mentions"]) == len(result["mentions"])
    assert _counts(sqlite_url) == counts


def test_examples_load_once_from_the_package(tmp_path, served, pipeline):
    base = served(f"sqlite:///{tmp_path / 'empty.db'}")
    with httpx.Client(base_url=base, timeout=120) as client:
        stats = client.get("/stats").json()
        assert stats["counts"]["events"] == 0 and stats["examples"]
        loaded = client.post("/examples").json()
        assert loaded["stored"] == len(stats["examples"]) and loaded["mentions"] > 0
        assert client.post("/examples").json()["stored"] == 0
        assert client.get("/stats").json()["counts"]["events"] > 0


def test_bundled_examples_are_the_repository_examples():
    bundled = Path(__file__).parents[2] / "src" / "eventwire" / "serve" / "examples"
    for path in (REPO / "examples").glob("*.txt"):
        assert (bundled / path.name).read_bytes() == path.read_bytes(), path.name


def test_docs_and_dashboard_load_only_local_assets(api):
    for page in ("/docs", "/"):
        html = api.get(page).text
        urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", html) + re.findall(
            r"""_url['"]?\s*:\s*['"]([^'"]+)""", html
        )
        assert urls, page
        for url in urls:
            assert url.startswith("/"), f"{page} loads {url} from outside the server"
            if url.startswith("/static/") or url.endswith(".json"):
                assert api.get(url).status_code == 200, url
    schema = api.get("/openapi.json").json()
    assert {"/events", "/events/{event_id}", "/articles/{article_id}", "/articles", "/extract"} <= set(
        schema["paths"]
    )
    basemap = api.get("/basemap.geojson").json()
    assert len(basemap["features"]) > 200 and basemap["features"][0]["geometry"]["type"] == "MultiPolygon"


def test_serving_events_does_not_load_the_nlp_pipeline(sqlite_url):
    code = (
        "import sys\nfrom fastapi.testclient import TestClient\nfrom eventwire.serve import create_app\n"
        f"client = TestClient(create_app({sqlite_url!r}))\n"
        "assert client.get('/events').status_code == 200 and client.get('/').status_code == 200\n"
        "assert 'spacy' not in sys.modules, 'spacy loaded'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_wrong_store_url_fails_at_start_with_the_store_message():
    from eventwire.errors import StoreError
    from eventwire.serve import create_app

    with pytest.raises(StoreError, match="unknown store"):
        create_app("mysql://nowhere/db")


def _counts(url: str) -> dict[str, int]:
    with open_store(url) as store:
        return store.counts()


def _json(response) -> object:
    return json.loads(response.text)
