"""End to end on the fixture corpus: each gold event is found, typed and placed within its tolerance.

Gold facts the extractor does not reach yet are listed in tests/fixtures/articles/known_misses.json and run as
strict xfails: when one starts passing the suite fails until it is taken off the list (a ratchet).
"""

from __future__ import annotations

import json

import pytest

from corpus import FIXTURES, fixture_articles, gold_of
from eventwire.geo.gazetteer import distance_km
from eventwire.ingest.text import read_text
from eventwire.model import Mention

KNOWN_MISSES = set(json.loads((FIXTURES / "known_misses.json").read_text(encoding="utf-8"))["misses"])


def _extract(pipeline, path):
    return pipeline.extract_article(read_text(path.read_bytes(), name=path.name)).mentions


_cache: dict[str, list[Mention]] = {}


def mentions_of(pipeline, path) -> list[Mention]:
    if path.name not in _cache:
        _cache[path.name] = _extract(pipeline, path)
    return _cache[path.name]


def _near(mention: Mention, gold: dict) -> bool:
    place = mention.place
    if place is None or place.lat is None or gold.get("latitude") is None:
        return False
    return distance_km(place.lat, place.lon, gold["latitude"], gold["longitude"]) <= gold.get(
        "tolerance_km", 25
    )


def _cases(check: str):
    for path in fixture_articles():
        for index, event in enumerate(gold_of(path)["events"]):
            case_id = f"{path.stem}#{index}:{check}"
            marks = [pytest.mark.xfail(strict=True, reason="known miss")] if case_id in KNOWN_MISSES else []
            yield pytest.param(path, event, id=case_id, marks=marks)


@pytest.mark.parametrize(("path", "event"), list(_cases("found")))
def test_gold_event_is_found_at_its_place(pipeline, path, event):
    mentions = mentions_of(pipeline, path)
    assert any(_near(m, event) and m.event_type == event["event_type"] for m in mentions), (
        f"no {event['event_type']} within {event.get('tolerance_km', 25)} km of {event['location']}; got "
        + "; ".join(f"{m.sub_event_type} @ {m.place.name if m.place else None}" for m in mentions)
    )


@pytest.mark.parametrize(("path", "event"), list(_cases("typed")))
def test_gold_event_has_its_sub_event_type_actor_and_date(pipeline, path, event):
    mentions = [
        m for m in mentions_of(pipeline, path) if _near(m, event) and m.event_type == event["event_type"]
    ]
    assert any(
        m.sub_event_type == event["sub_event_type"]
        and (m.actor1.name if m.actor1 else None) == event["actor1"]
        and (event["event_date"] is None or (m.date and m.date.isoformat() == event["event_date"]))
        for m in mentions
    ), [(m.sub_event_type, m.actor1.name if m.actor1 else None, m.date) for m in mentions]


def test_commentary_gives_no_event(pipeline):
    assert mentions_of(pipeline, FIXTURES / "commentary_no_event.txt") == []


def test_fixture_precision_stays_above_its_floor(pipeline):
    """Events the gold does not have are false events: keep them below the recorded floor."""
    predicted = matched = 0
    for path in fixture_articles():
        mentions = mentions_of(pipeline, path)
        predicted += len(mentions)
        used: set[int] = set()
        for event in gold_of(path)["events"]:
            hit = next((i for i, m in enumerate(mentions) if i not in used and _near(m, event)), None)
            if hit is not None:
                used.add(hit)
                matched += 1
    floor = json.loads((FIXTURES / "known_misses.json").read_text(encoding="utf-8"))["precision_floor"]
    assert predicted and matched / predicted >= floor


def test_every_mention_validates_and_has_evidence_for_its_fields(pipeline):
    for path in fixture_articles():
        article = read_text(path.read_bytes(), name=path.name)
        for mention in mentions_of(pipeline, path):
            Mention.model_validate(mention.model_dump())
            for name, span in mention.evidence.items():
                assert article.text[span.start : span.end] == span.text, (path.name, name)
            if mention.place is not None:
                assert "location" in mention.evidence
            assert "trigger" in mention.evidence
