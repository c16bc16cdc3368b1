"""One event told once: a lead that names only the province, a second telling in other words, a telling in another
voice (docs/coding.md section 8, "Repeats")."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.geo.distance import distance_km

PUBLISHED = dt.date(2024, 9, 4)


def _where(mentions):
    return [(m.sub_event_type, m.place and (m.place.resolved_name or m.place.name)) for m in mentions]


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        # the department and its town share a name: the lead names the department, the body the event's place
        (
            "Two soldiers were killed in an attack by ELN guerrillas in Arauca department, military sources said "
            "on Tuesday.\n\nThe army said ELN fighters opened fire on a patrol on a highway near the town of Tame.",
            6.46,
            -71.74,
        ),
        (
            "Gunmen killed nine people at a bar in the central Mexican state of Guanajuato on Tuesday.\n\n"
            "Prosecutors said the gunmen opened fire on customers at the bar in the town of Jaral del Progreso.",
            20.37,
            -101.06,
        ),
    ],
)
def test_a_lead_at_a_province_is_the_event_the_body_places(pipeline, text, lat, lon):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert len(mentions) == 1, _where(mentions)
    place = mentions[0].place
    assert distance_km(place.lat, place.lon, lat, lon) <= 10, _where(mentions)


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "The Israeli military hit a school compound in Gaza City on Saturday, saying Hamas used it as a command "
            "centre, which Hamas denied.\n\nThe school had sheltered hundreds of displaced families since the spring, "
            "according to the United Nations agency that runs it, and aid workers said food and water were running "
            "short across the north of the territory.\n\nThe agency said it had shared the school's coordinates with "
            "the military several times. Talks on a ceasefire resumed in Cairo on Friday without a breakthrough, "
            "officials said.\n\nResidents said Israeli warplanes bombed the school in Gaza City on Saturday, killing "
            "ten people.",
            "Air/drone strike",
        ),
        (
            "Hezbollah said its fighters targeted Israeli soldiers in the settlement of Shtula on Sunday in response "
            "to Israeli strikes.\n\nThe group said the operation was carried out in support of the people of Gaza. "
            "Israeli media reported sirens across the Western Galilee, and the army said it was looking into the "
            "reports. Residents of the border communities have been evacuated for months, and schools remain closed "
            "across the area, local officials said on Sunday.\n\nThe Israeli army said later that rockets fired from "
            "Lebanon had fallen in Shtula on Sunday, causing damage but no injuries.",
            "Shelling/artillery/missile attack",
        ),
    ],
)
def test_a_strike_told_by_a_word_no_weapon_typed_is_the_strike_at_its_place(pipeline, text, sub_event_type):
    # "hit", "targeted" with no weapon fall to a clash; the strike typed at the same point that day is that event
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [m.sub_event_type for m in mentions] == [sub_event_type], _where(mentions)

def test_a_strike_and_a_shelling_at_one_town_on_one_day_stay_two_events(pipeline):
    text = (
        "An Israeli drone struck a car in Aitaroun on Monday, killing two people.\n\n"
        "Israeli artillery shelled the outskirts of Aitaroun on Monday afternoon, the agency said."
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert sorted(m.sub_event_type for m in mentions) == [
        "Air/drone strike",
        "Shelling/artillery/missile attack",
    ], _where(mentions)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the city the event's town is told from, far away, is no place of the event
        (
            "Sudan's army said on Saturday its forces had retaken Singa from the Rapid Support Forces.\n\n"
            "Soon after the city was retaken, the army chief visited Singa, which lies on the Blue Nile about "
            "360 km south-east of Khartoum.",
            "Singa",
        ),
        (
            "Residents said the Arakan Army began its assault on the border guard police station at Koe Tan Kauk, a "
            "coastal village a few miles north of the state capital Sittwe, on Thursday.",
            "Koe Tan Kauk",
        ),
    ],
)
def test_a_place_named_as_the_bearing_of_another_is_no_second_event(pipeline, text, place):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [m.place.name for m in mentions] == [place], _where(mentions)
