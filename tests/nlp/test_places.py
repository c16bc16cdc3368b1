"""The place scanner: which capitalised words in a sentence are places, and where the text says so."""

from __future__ import annotations

import pytest

from eventwire.geo.gazetteer import Gazetteer
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
