"""A name the headline shares with the body is the place the body resolved: the headline is read with no context."""

from __future__ import annotations

TEXT = (
    "date 2025-02-17\n\n"
    "Four soldiers killed in Nasir attacks, army says\n\n"
    "Friction between the South Sudan People's Defence Forces and armed youth has cost the lives of four soldiers "
    "in Nasir, Upper Nile State, and left thirteen others injured.\n\n"
    "An army spokesman said the troops were attacked while fetching firewood some 600 metres from their base.\n"
)


def test_a_headline_place_is_the_one_the_body_gives_with_its_area(pipeline):
    mentions = pipeline.extract(TEXT)
    assert mentions
    # the gazetteer's "Nasir" records lie in Sudan and Turkey; the body names Upper Nile State (South Sudan)
    assert {m.place.country_code for m in mentions if m.place is not None} == {"SS"}
