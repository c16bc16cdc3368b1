"""An event told at an area (a region, a province) is placed at the one village of that area the article names,
in any sentence; with two or more such villages the text does not say which, and the event stays at the area."""

from __future__ import annotations

import datetime as dt

from eventwire.geo.distance import distance_km

PUBLISHED = dt.date(2023, 4, 12)
STRIKE = (
    "Dozens feared killed in air strike\n\n"
    "More than 50 people are feared dead after Tuesday's air strike by the military on a village in the Sagaing "
    "region, residents said.\n\n"
)


def test_an_event_at_a_region_takes_the_one_village_of_it_named_later(pipeline):
    text = (
        STRIKE + "A military spokesman said Pa Zi Gyi was chosen because an armed group was meeting there.\n"
    )
    [strike] = pipeline.extract(text, published=PUBLISHED)
    assert strike.place.name == "Pa Zi Gyi" and strike.place.geo_precision == 1
    assert distance_km(strike.place.lat, strike.place.lon, 23.00, 95.92) < 10  # Pa Zi Gyi (MIMU)
    assert strike.evidence["location"].text == "Pa Zi Gyi"
    assert strike.date == dt.date(2023, 4, 11)  # "Tuesday's air strike"


def test_with_two_villages_of_the_region_named_the_event_stays_at_the_region(pipeline):
    text = STRIKE + (
        "A military spokesman said Pa Zi Gyi and Kyauk Taing were chosen because armed groups were meeting there.\n"
    )
    [strike] = pipeline.extract(text, published=PUBLISHED)
    assert strike.place.geo_precision == 3 and "Sagaing" in strike.place.name


def test_a_village_in_another_region_does_not_move_the_event(pipeline):
    text = STRIKE + "Separately, the army said it had retaken Mawlamyine in Mon State last month.\n"
    strikes = [
        m for m in pipeline.extract(text, published=PUBLISHED) if m.sub_event_type == "Air/drone strike"
    ]
    assert [m.place.geo_precision for m in strikes] == [3]
