"""The place scanner: which capitalised words in a sentence are places, and where the text says so."""

from __future__ import annotations

import pytest

from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.namesakes import settle_places
from eventwire.nlp.places import find_place_names


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def names(text: str, gazetteer: Gazetteer, **kw) -> list[str]:
    return [h.text for h in find_place_names(text, offset=0, gazetteer=gazetteer, **kw)]


def test_a_cue_before_a_list_covers_every_place_of_it_even_names_taken_for_persons(gazetteer):
    text = "Jets struck sites in the areas of Aitaroun, Ayta ash Shab and Kfarkela in southern Lebanon."
    persons = [
        (text.index("Aitaroun"), text.index("Aitaroun") + 8),
        (text.index("Kfarkela"), text.index("Kfarkela") + 8),
    ]
    assert names(text, gazetteer, persons=persons)[:3] == ["Aitaroun", "Ayta ash Shab", "Kfarkela"]


def test_a_word_of_a_title_or_office_is_not_a_place(gazetteer):
    assert names("Prime Minister Benjamin Netanyahu met the Security Council on Sunday.", gazetteer) == []


def test_a_settlement_word_cues_a_name_taken_for_a_person(gazetteer):
    text = "The army struck a launch site near the Lebanese border village of Kfar Kila."
    start = text.index("Kfar Kila")
    assert "Kfar Kila" in names(text, gazetteer, persons=[(start, start + 9)])


def test_a_spelling_variant_far_from_the_story_is_not_taken(gazetteer):
    # "Ruaraka" (Nairobi) is unknown to the gazetteer; its nearest spelling is Ruakaka in New Zealand
    assert names("Motorists beat up two men in Ruaraka, Kenya.", gazetteer, context_countries=["KE"]) == [
        "Kenya"
    ]


def settled(text: str, gazetteer: Gazetteer) -> dict[str, tuple[str | None, str | None]]:
    hits = settle_places(
        find_place_names(text, offset=0, gazetteer=gazetteer), text=text, gazetteer=gazetteer
    )
    return {h.text: (h.place.country_code, h.place.admin1) for h in hits}


@pytest.mark.parametrize(
    ("text", "name", "where"),
    [
        # the region named after the place, which the scanner took for a place too
        ("Gang members shot a taxi driver in Zaragoza, La Libertad.", "Zaragoza", ("SV", "La Libertad")),
        # ... or did not ("Coahuila" stands in a run of capitalised words)
        ("In Arteaga municipality, Coahuila, police detained 37 migrants.", "Arteaga", ("MX", "Coahuila")),
    ],
)
def test_a_place_is_chosen_among_its_namesakes_by_the_region_the_text_names(gazetteer, text, name, where):
    assert find_place_names(text, offset=0, gazetteer=gazetteer)  # the first pass finds the name...
    assert settled(text, gazetteer)[name] == where  # ...and the region read after it picks the namesake


def test_a_place_the_text_supports_keeps_its_record(gazetteer):
    text = "Rockets hit Kiryat Shmona and Metula in northern Israel."
    before = {h.text: h.place.geonames_id for h in find_place_names(text, offset=0, gazetteer=gazetteer)}
    hits = settle_places(
        find_place_names(text, offset=0, gazetteer=gazetteer), text=text, gazetteer=gazetteer
    )
    assert {h.text: h.place.geonames_id for h in hits} == before
