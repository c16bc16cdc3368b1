"""A dateline is metadata: its city is never the place of an event, whatever its shape (a date, a weekday, a
region, an agency in brackets or slashes, or a line of its own)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.nlp.segment import segment_article

PUBLISHED = dt.date(2024, 9, 9)


@pytest.mark.parametrize(
    ("text", "city", "agency"),
    [
        (
            "TEL AVIV, September 9. /TASS/. Israeli jets hit Hezbollah launchers in Khiam overnight.",
            "TEL AVIV",
            "TASS",
        ),
        (
            "BETHLEHEM, Thursday, June 22, 2023 (WAFA) - Settlers attacked cars near Al-Jaba'a.",
            "BETHLEHEM",
            "WAFA",
        ),
        ("QUETTA, Balochistan, 20 October (H.S.): The group said it attacked a camp.", "QUETTA", "H.S."),
        ("Bogota, Sep 12 (IANS) At least five soldiers were killed in Arauca.", "Bogota", "IANS"),
        ("ERBIL, Kurdistan Region - A drone strike killed three people in Sulaimani.", "ERBIL", None),
        ("KIGALI, Rwanda\n\nAt least seven people were killed in Djugu.", "KIGALI", None),
        ("Kawkareik, August 16\n\nThe KNU said 12 police officers surrendered.", "Kawkareik", None),
    ],
)
def test_datelines_of_every_shape_are_read(text, city, agency):
    layout = segment_article(text)
    assert layout.dateline_place == city
    assert layout.agency == agency
    assert text[layout.dateline[1] :].lstrip()[0].isupper()  # the body starts after it


@pytest.mark.parametrize(
    "text",
    [
        "Gaza, Israel and Lebanon were hit by strikes on Sunday.",
        "Hezbollah, Amal and the army said on Sunday that drones hit Khiam.",
        "Israeli strikes hit Khiam, Kfarkela and Taybeh on Sunday.",
    ],
)
def test_a_sentence_that_opens_with_places_is_no_dateline(text):
    assert segment_article(text).dateline is None


def test_the_dateline_city_is_no_event_place(pipeline):
    text = "TEL AVIV, September 9. /TASS/. The Israeli Air Force hit Hezbollah launchers in Khiam overnight."
    places = {m.place.name for m in pipeline.extract(text, published=PUBLISHED) if m.place}
    assert "Tel Aviv" not in places and places <= {"Khiam"}
