"""A place the text locates by another ("X, near the coastal city of Y", "in X, south of Y") is where the event
happened; the other place only says where X lies (issues 13/14: near misses, the right event at the wrong place)."""

from __future__ import annotations

import datetime as dt

from eventwire.geo.distance import distance_km

PUBLISHED = dt.date(2025, 7, 11)


def test_the_event_is_at_the_village_not_at_the_city_described_after_it(pipeline):
    text = (
        "Drone strike kills man in south Lebanon\n\n"
        '"One man was killed in an Israeli drone strike that targeted a motorcycle in the village of Srifa", near '
        "the coastal city of Tyre, the health ministry said on Thursday.\n"
    )
    events = pipeline.extract(text, published=PUBLISHED)
    assert [e.place.name for e in events] == ["Srifa"]


def test_a_village_far_abroad_gives_way_to_the_town_the_text_locates_it_by(pipeline):
    text = (
        "Gunman kills driver in Raqqa countryside\n\n"
        "Unidentified gunmen killed a driver in his house in Karama, east of Raqqa, on Wednesday, the Syrian "
        "Observatory for Human Rights said.\n"
    )
    [event] = pipeline.extract(text, published=PUBLISHED)
    assert event.place.country_code == "SY"
    assert distance_km(event.place.lat, event.place.lon, 35.95, 39.01) < 30  # at Raqqa, not in Jordan
