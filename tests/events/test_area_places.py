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


def test_events_of_a_text_that_places_none_take_the_village_named_after_them(pipeline):
    text = (
        "Militants storm military base\n\n"
        "At least 18 people were killed when the al-Shabaab group raided a military base before dawn on Sunday, "
        "officials said.\n\n"
        '"We have lost five soldiers in this attack. Our troops have also killed 13 militants," an officer said.\n\n'
        "The base is on the outskirts of Beledweyne, the capital of Hiiraan province.\n"
    )
    mentions = pipeline.extract(text, published=dt.date(2019, 9, 22))
    assert mentions and all(m.place is not None and m.place.name == "Beledweyne" for m in mentions)
    assert all(distance_km(m.place.lat, m.place.lon, 4.74, 45.20) < 10 for m in mentions)


def test_an_unplaced_detail_of_a_placed_event_is_not_placed_at_a_later_village(pipeline):
    text = (
        "Gunmen attacked a police post in Bokkos on Sunday, killing two officers, police said.\n\n"
        "The army retook the post once reinforcements arrived.\n\n"
        "Residents of Mangu said they had fled.\n"
    )
    mentions = pipeline.extract(text, published=dt.date(2024, 5, 20))
    assert "Mangu" not in {m.place.name for m in mentions if m.place is not None}
