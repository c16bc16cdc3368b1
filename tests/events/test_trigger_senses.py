"""Trigger words in a sense that tells no event: bodies gathered, mourners gathered, people uprooted by a war, a
detention centre named as a landmark, a capability demonstrated (data/lexicons/en/triggers.tsv)."""

from __future__ import annotations

import datetime as dt

import pytest

PUBLISHED = dt.date(2024, 5, 20)


@pytest.mark.parametrize(
    ("text", "not_type"),
    [
        ("Survivors said they had gathered at least 40 bodies in Kani village on Tuesday.", "Peaceful protest"),
        ("Officials had gathered to mourn the governor's mother at a mosque in Kabul on Sunday.", "Peaceful protest"),
        ("The war has uprooted 12 million people in Sudan, the United Nations said on Monday.",
         "Looting/property destruction"),
        ("Fighters attacked army posts near the al-Khiam detention center on Monday, the group said.", "Arrests"),
        ("We launched the attack on Gondar to demonstrate our capability, the militia said on Sunday.",
         "Peaceful protest"),
    ],
)  # fmt: skip
def test_a_word_in_another_sense_is_no_event_of_its_type(pipeline, text, not_type):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert not_type not in [m.sub_event_type for m in mentions], [m.sub_event_type for m in mentions]


@pytest.mark.parametrize(
    ("text", "sub_event_type", "place"),
    [
        ("Protesters gathered outside the governor's office in Jos on Monday to demand jobs.", "Peaceful protest",
         "Jos"),
        ("Settlers uprooted 60 olive trees in the village of Burin on Friday, residents said.",
         "Looting/property destruction", "Burin"),
        ("Police said the detention of 12 men in Zawiya on Saturday followed a raid.", "Arrests", "Zawiya"),
    ],
)  # fmt: skip
def test_the_same_words_in_their_event_sense_still_tell_the_event(pipeline, text, sub_event_type, place):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [(m.sub_event_type, m.place.name) for m in mentions] == [(sub_event_type, place)]
