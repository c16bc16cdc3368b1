"""Which place an event takes: the town a follow-up names for a site the lead leaves unnamed, the seat of the unit
the text says holds a village, and never a word of an organisation's name or of a unit's title."""

from __future__ import annotations

import datetime as dt

from eventwire.geo.distance import distance_km
from eventwire.nlp.places import find_place_names

PUBLISHED = dt.date(2024, 5, 20)


def _near(place, lat: float, lon: float, km: float) -> bool:
    return place is not None and place.lat is not None and distance_km(place.lat, place.lon, lat, lon) <= km


def test_a_lead_told_at_an_unnamed_site_of_a_country_takes_the_town_the_next_paragraph_names(pipeline):
    text = (
        "Blast hits mosque\n\n"
        "An explosion ripped through a Shiite mosque in the north of Afghanistan during Friday prayers, a police "
        "spokesman said. He gave no figure.\n\n"
        "Footage from the mosque, in Kunduz, showed debris across the floor.\n"
    )
    [blast] = pipeline.extract(text, published=PUBLISHED)
    assert blast.place.name == "Kunduz" and _near(blast.place, 36.73, 68.86, 10)


def test_with_two_towns_named_after_an_unnamed_site_the_event_stays_at_the_country(pipeline):
    text = (
        "Blast hits mosque\n\n"
        "An explosion ripped through a Shiite mosque in the north of Afghanistan during Friday prayers, a police "
        "spokesman said. He gave no figure.\n\n"
        "Officials in Kunduz and in Baghlan said they had sent ambulances.\n"
    )
    blasts = [m for m in pipeline.extract(text, published=PUBLISHED) if m.sub_event_type != "Arrests"]
    assert [m.place.geo_precision for m in blasts] == [3]


def test_a_unit_title_inside_a_longer_name_is_no_place(pipeline):
    text = (
        "Bandits kill five in Katsina\n\n"
        "Five people were killed and five more kidnapped when bandits rampaged through Dabaibayawa village, in the "
        "Batsari Local Government Area of Katsina State, on Tuesday morning.\n"
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert len(mentions) == 1  # not a second event at "Area of Katsina"
    assert _near(mentions[0].place, 12.76, 7.25, 10)  # Batsari


def test_a_village_the_gazetteer_places_far_from_its_named_local_government_area_is_placed_at_its_seat(
    pipeline,
):
    text = (
        "Gunmen kill nine in Plateau\n\n"
        "Gunmen killed at least nine villagers in an attack on Sabon Gari village, in Mangu local government area "
        "of the state, on Saturday night, police said.\n"
    )
    [attack] = pipeline.extract(text, published=PUBLISHED)
    assert attack.place.name == "Sabon Gari" and attack.place.geo_precision == 2
    assert _near(attack.place, 9.52, 9.10, 15)  # at Mangu, not at a Sabon Gari of another state


def test_a_state_capital_does_not_hold_the_villages_of_its_department(pipeline):
    text = "An explosion hit the oil pipeline near Saravena in Arauca department on Monday, the army said.\n"
    [blast] = pipeline.extract(text, published=PUBLISHED)
    assert _near(blast.place, 6.95, -71.88, 10)  # Saravena, not the city of Arauca


def _names(text: str, pipeline) -> list[str]:
    return [h.text for h in find_place_names(text, offset=0, gazetteer=pipeline.gazetteer)]


def test_a_place_word_inside_an_organisation_name_is_no_place(pipeline):
    assert _names(
        "2024 was the deadliest year for the police in Bannu, according to a report by the Center for Research and "
        "Security Studies.",
        pipeline,
    ) == ["Bannu"]
    assert _names("Lebanese Red Cross crews hurried to the scene in Nabatieh.", pipeline) == ["Nabatieh"]
    assert "Maiduguri" not in _names(
        "A lecturer from the University of Maiduguri spoke to reporters.", pipeline
    )


def test_an_event_the_text_puts_at_an_organisation_takes_its_place(pipeline):
    text = "Gunmen stormed the University of Maiduguri on Sunday, killing a guard, police said.\n"
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert mentions and all(_near(m.place, 11.85, 13.16, 10) for m in mentions)


def test_a_weekday_with_its_possessive_is_no_place(pipeline):
    names = find_place_names(
        "The six men killed in Friday's strike were guards, the media office said.",
        offset=0,
        gazetteer=pipeline.gazetteer,
        context_countries=["PS", "IL"],
    )
    assert names == []  # not Furaydis


def test_a_nationality_adjective_before_a_unit_word_after_an_indefinite_word_is_no_place(pipeline):
    names = find_place_names(
        "Guanajuato has long recorded more homicides than any other Mexican state.",
        offset=0,
        gazetteer=pipeline.gazetteer,
        context_countries=["MX"],
    )
    assert [h.text for h in names] == ["Guanajuato"]  # not Maxcanú for "Mexican"
    somali = find_place_names(
        "Clashes erupted in Ethiopia's Somali Region.", offset=0, gazetteer=pipeline.gazetteer
    )
    assert any(h.place.country_code == "ET" and h.place.feature_code == "ADM1" for h in somali)
