"""Who captured from whom: ACLED codes the side that took the ground as actor1 and the side that lost it as
actor2, a non-violent transfer included; the ground a state's forces take back at home is Government regains
territory, any other capture Non-state actor overtakes territory (docs/coding.md section 2)."""

from __future__ import annotations

import pytest

from eventwire.ingest.text import read_text

MYANMAR = "Military Forces of Myanmar (2021-)"


def event_of(pipeline, sentence: str):
    text = f"date 2024-02-12\npublisher Example Wire\nFighting in Myanmar\n\n{sentence}\n"
    mentions = pipeline.extract_article(read_text(text.encode("utf-8"), name="invented.txt")).mentions
    assert len(mentions) == 1, [(m.sub_event_type, m.actor1) for m in mentions]
    return mentions[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "Resistance forces captured a junta camp in Mawlaik on Monday, local sources said.",
        "Resistance fighters overran a Myanmar army outpost near Bhamo on Sunday.",
        "The army camp in Mawlaik fell to resistance forces on Monday.",
    ],
)
def test_a_capture_by_resistance_forces_is_no_government_regaining_ground(pipeline, sentence):
    event = event_of(pipeline, sentence)
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.actor1.name == "Unidentified Armed Group (Myanmar)"
    assert event.actor2 is None or event.actor2.name == MYANMAR


def test_the_side_that_pulls_out_is_the_one_that_lost_the_ground(pipeline):
    event = event_of(pipeline, "Junta troops pulled out of their base in Paletwa on Sunday.")
    assert event.sub_event_type == "Non-violent transfer of territory"
    assert event.actor2.name == MYANMAR
    assert event.actor1.name != MYANMAR


def test_a_named_group_keeps_its_capture_and_a_government_its_recapture(pipeline):
    event = event_of(
        pipeline, "The Kachin Independence Army overran a Myanmar army outpost near Bhamo on Sunday."
    )
    assert event.actor1.name.startswith("KIO/KIA") and event.actor2.name == MYANMAR
    event = event_of(
        pipeline, "The military regime's troops recaptured Kawlin from the People's Defence Force on Sunday."
    )
    assert event.sub_event_type == "Government regains territory"
    assert (event.actor1.name, event.actor2.name) == (MYANMAR, "PDF: People's Defense Force")
