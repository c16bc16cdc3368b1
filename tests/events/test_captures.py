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


def events_of(pipeline, text: str):
    article = f"date 2025-11-14\npublisher Example Wire\nReport from the east\n\n{text}\n"
    return pipeline.extract_article(read_text(article.encode("utf-8"), name="invented.txt")).mentions


def test_villages_taken_and_listed_after_a_colon_are_each_a_capture_by_the_agent(pipeline):
    mentions = events_of(
        pipeline,
        "M23 rebels captured Kiwanja on Thursday. Other villages were taken by the M23 on the same day: "
        "Rubare, Rutshuru and Kalengera.",
    )
    taken = {m.place.name: m for m in mentions if m.sub_event_type == "Non-state actor overtakes territory"}
    assert {"Kiwanja", "Rubare", "Rutshuru", "Kalengera"} <= set(taken)
    assert {m.actor1.name for m in taken.values()} == {"M23: March 23 Movement"}


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        ("Al-Shabaab fighters seized the villages of Moqokori and Tardo on Monday.", {"Moqokori", "Tardo"}),
        ("The Rapid Support Forces seized a military camp near Bara on Sunday.", {"Bara"}),
        (
            "The SNA said its fighters had taken the villages of Tal Tamr and Manbij on Friday.",
            {"Tal Tamr", "Manbij"},
        ),
    ],
)
def test_seizing_or_taking_named_villages_or_a_camp_is_a_capture_at_each(pipeline, sentence, places):
    mentions = events_of(pipeline, sentence)
    assert {m.place.name for m in mentions if m.event_type == "Battles"} >= places
    assert all(m.sub_event_type == "Non-state actor overtakes territory" for m in mentions)


def test_the_side_that_lost_control_is_actor2_and_the_other_took_each_town(pipeline):
    mentions = events_of(
        pipeline, "The Congolese army lost control of Kiwanja and Rubare to the M23 rebels on Monday."
    )
    assert {m.place.name for m in mentions} == {"Kiwanja", "Rubare"}
    for m in mentions:
        assert m.actor1.name == "M23: March 23 Movement"
        assert m.actor2.name.startswith("Military Forces of the Democratic Republic of Congo")


def test_places_a_state_force_has_taken_back_listed_after_a_copula_are_each_regained(pipeline):
    mentions = events_of(
        pipeline,
        "The latest places the Somali army has taken back from al Shabaab are Moqokori and Yasooman.",
    )
    assert {m.place.name for m in mentions} == {"Moqokori", "Yasooman"}
    assert all(m.sub_event_type == "Government regains territory" for m in mentions)
    assert all(m.actor1.name.startswith("Military Forces of Somalia") for m in mentions)


@pytest.mark.parametrize(
    "sentence",
    [
        "Israeli troops took up positions around Al-Bireh on Tuesday.",
        "Police said two vehicles riddled with bullet holes were seized by officers in Culiacan on Monday.",
        "The driver lost control of the car near Tlaxiaco on Monday and crashed.",
        "The abducted man was taken back to the village of Bongori on Monday.",
    ],
)
def test_taking_up_positions_seizing_vehicles_or_losing_control_of_a_car_is_no_capture(pipeline, sentence):
    mentions = events_of(pipeline, sentence)
    assert not any(m.sub_event_type.endswith("territory") for m in mentions)
