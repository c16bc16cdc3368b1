"""Which place a terse record's event takes (issue 13, ACLED notes found at place and day): a place a stated
distance away ("3 km from Gao") is where the event was, near it; where a road leads or people went ("the highways
to A and B", "evacuated to A") is not, and neither is where they came from, with the names listed after it; the
object of a gerund ("continued shelling Kharkiv") is the place hit. Monitors' counts of explosions and shots are
events. The sentences are invented; they only follow the shape of such records."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.geo.distance import distance_km

PUBLISHED = dt.date(2024, 3, 5)


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("On 4 March 2024, gunmen killed two herders about 5 km from Gao.", (16.272, -0.045)),
        ("On 4 March 2024, a few kilometres from Temuco (Araucania), armed men burned two trucks.", (-38.736, -72.597)),
        ("On 4 March 2024, militants ambushed a patrol not far from Timbuktu.", (16.773, -3.007)),
    ],
)
def test_a_place_a_stated_distance_away_is_the_events_place_near_it(pipeline, text, point):
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert mention.place is not None
    assert distance_km(mention.place.lat, mention.place.lon, *point) <= 30, mention.place
    assert mention.place.geo_precision == 2  # near it, not at it


@pytest.mark.parametrize(
    ("text", "point"),
    [
        (
            "On 4 March 2024, near Latacunga (Cotopaxi), farmers blocked the highways to Quito and Ambato to demand "
            "lower fuel prices.",
            (-0.934, -78.615),
        ),
        (
            "Movement of forces: On 4 March 2024, the freighter that had sailed from Savannah, Georgia, unloaded "
            "military vehicles at the port of Alexandroupoli.",
            (40.850, 25.876),
        ),
        (
            "On 4 March 2024, a convoy of the ministry on its way to Kramatorsk was shelled near Bakhmut.",
            (48.594, 37.999),
        ),
    ],
)
def test_where_a_road_leads_or_people_came_from_is_not_the_events_place(pipeline, text, point):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert mentions
    for mention in mentions:
        assert distance_km(mention.place.lat, mention.place.lon, *point) <= 30, mention.place


def test_people_evacuated_from_a_town_are_placed_at_it_not_at_its_region(pipeline):
    [mention] = pipeline.extract(
        "Displacement: On 4 March 2024, 120 people from Kramatorsk, Donetsk, were evacuated to Dnipro.",
        published=PUBLISHED,
    )
    assert distance_km(mention.place.lat, mention.place.lon, 48.731, 37.568) <= 10, mention.place


def test_the_object_of_a_gerund_is_the_place_hit(pipeline):
    [mention] = pipeline.extract(
        "On 4 March 2024, Russian forces continued shelling Kharkiv, using multiple rocket launchers.",
        published=PUBLISHED,
    )
    assert mention.sub_event_type == "Shelling/artillery/missile attack"
    assert distance_km(mention.place.lat, mention.place.lon, 49.982, 36.255) <= 10, mention.place


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "On 4 March 2024, the monitoring mission recorded a total of 14 explosions involving unknown weapons near "
            "Horlivka.",
            "Shelling/artillery/missile attack",
        ),
        (
            "On 4 March 2024, the monitors observed 30 bursts of fire involving small arms near Horlivka.",
            "Armed clash",
        ),
        ("On 4 March 2024, the mission observed 12 shots involving small arms near Horlivka.", "Armed clash"),
    ],
)
def test_a_monitors_count_of_explosions_or_shots_is_one_event(pipeline, text, sub_event_type):
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert mention.sub_event_type == sub_event_type
    assert mention.date == dt.date(2024, 3, 4)
    assert distance_km(mention.place.lat, mention.place.lon, 48.3, 38.017) <= 30, mention.place


@pytest.mark.parametrize(
    "text",
    [
        "On 4 March 2024, residents heard three shots near the market in Horlivka.",
        "On 4 March 2024, the officer said two shots were enough to stop the car.",
    ],
)
def test_shots_counted_outside_a_monitors_record_make_no_battle(pipeline, text):
    assert all(m.sub_event_type != "Armed clash" for m in pipeline.extract(text, published=PUBLISHED))
