"""Who acted and who says so when the text points back: pronouns and "the group" name the party named before
them, bare nouns ("a statement", "sources") are no voice, the outlet's dateline is its own voice, a place named
to situate another is not a second event, and notes say each actor once and the claim once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.events.attribute import anaphor_kind
from eventwire.ingest.text import read_text
from eventwire.model import Mention

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
IDF = "Military Forces of Israel (2022-)"
# What a claimant or an actor may never be: words that name no one by themselves.
NOT_A_VOICE = {
    "he",
    "she",
    "they",
    "it",
    "i",
    "we",
    "group",
    "the group",
    "sources",
    "statement",
    "a communique",
}


def extract(pipeline, text: str) -> list[Mention]:
    return pipeline.extract_article(read_text(text, name="test")).mentions


def names(mentions: list[Mention]) -> set[str]:
    found = set()
    for m in mentions:
        found |= {
            m.claim.claimant or "",
            m.actor1.name if m.actor1 else "",
            m.actor2.name if m.actor2 else "",
        }
        found |= {c.claimant or "" for c in m.other_claims}
    return {n.lower() for n in found}


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("He", "speaker"),
        ("they", "party"),
        ("The group", "group"),
        ("the Iran-backed group", "group"),
        ("a communique", "document"),  # a document is its speaker's, named before
        ("Statement", "document"),
        ("critics", "none"),
        ("At least 30", "none"),
        ("Mali: army", "none"),
        ("Wagner group", None),  # a name, not a pointer
        ("local sources", None),  # a kind of speaker, kept as ACLED notes do
        ("a military source", None),
        ("Hezbollah", None),
    ],
)
def test_words_that_name_no_one_are_told_apart_from_names(words, kind):
    assert anaphor_kind(words) == kind


def test_the_group_and_it_resolve_to_the_group_named_in_an_earlier_paragraph(pipeline):
    text = (
        "date 2024-03-05\n"
        "Militants attack army post\n\n"
        "Al-Shabaab fighters were seen near the town of Beledweyne early on Tuesday, residents said.\n\n"
        "The group later said it had attacked an army base in Jowhar with mortars.\n"
    )
    mentions = extract(pipeline, text)
    jowhar = [m for m in mentions if m.place and m.place.name == "Jowhar"]
    assert jowhar, [(m.place and m.place.name, m.claim.claimant) for m in mentions]
    assert jowhar[0].claim.claimant == "Al Shabaab"
    assert jowhar[0].claim.stance == "claimed"
    assert jowhar[0].actor1 is not None and jowhar[0].actor1.name == "Al Shabaab"
    assert not names(mentions) & NOT_A_VOICE


def test_a_bare_noun_or_pronoun_speaker_falls_back_to_the_outlet_of_the_dateline(pipeline):
    text = (
        "date 2024-07-14\n"
        "Strike on Nuseirat camp\n\n"
        "Gaza, July 14 (WAFA) - Five people were killed at dawn today when Israeli aircraft bombed a house in the "
        "Nuseirat refugee camp, he said.\n"
    )
    mentions = extract(pipeline, text)
    assert mentions
    assert {m.claim.claimant for m in mentions} == {"WAFA"}
    assert not names(mentions) & NOT_A_VOICE
    # bare "sources" are a kind of speaker, written as ACLED's notes write them
    mentions = extract(pipeline, text.replace(", he said.", ", sources said."))
    assert {m.claim.claimant for m in mentions} == {"local sources"}


def test_a_place_named_to_situate_the_village_is_not_a_second_event(pipeline):
    text = (
        "date 2024-11-21\n"
        "Strike in south Lebanon\n\n"
        "An Israeli air strike on a house in Deir Qanoun al-Nahr, a village east of the coastal city of Tyre, "
        "killed three people, Lebanon's health ministry said.\n"
    )
    mentions = extract(pipeline, text)
    assert [m.place.name for m in mentions] == ["Deir Qanoun al-Nahr"]
    assert sum(m.fatalities or 0 for m in mentions) == 3


def test_the_bundled_wire_example_comes_out_as_its_gold_says(pipeline):
    mentions = extract(pipeline, (EXAMPLES / "wire_2024-11-21.txt").read_text())
    gold = json.loads((EXAMPLES / "wire_2024-11-21.gold.json").read_text())["events"]
    assert not names(mentions) & NOT_A_VOICE
    # no actor on both sides of one event, merged or not
    assert all(m.actor1 is None or m.actor2 is None or m.actor1.name != m.actor2.name for m in mentions)
    # Hezbollah's own strikes are Hezbollah's, told in its voice
    for place in ("Ramim barracks", "Shlomi"):
        strikes = [
            m for m in mentions if m.place and m.place.name == place and m.event_type.startswith("Explo")
        ]
        expected = next(g for g in gold if g["location"] == place and g["event_type"].startswith("Explo"))
        assert [m.actor1.name for m in strikes] == [expected["actor1"]]
    # the three deaths near Tyre are counted once, at the village
    deaths = [(m.place.name, m.fatalities) for m in mentions if m.fatalities]
    assert sum(f for _, f in deaths) == sum(g["fatalities"] for g in gold)
    assert not [m for m in mentions if m.place and m.place.name == "Tyre"]
    strike = next(m for m in mentions if m.place and m.place.name == "Deir Qanoun al-Nahr")
    assert (strike.actor1.name, strike.claim.claimant, strike.fatalities) == (
        IDF,
        "Lebanese health ministry",
        3,
    )


def test_notes_name_each_actor_once_and_state_the_claim_once(pipeline):
    mentions = extract(pipeline, (EXAMPLES / "wire_2024-11-21.txt").read_text())
    ramim = next(m for m in mentions if m.place and m.place.name == "Ramim barracks")
    assert ramim.notes.startswith("On 21 November 2024, Hezbollah carried out an air/drone strike")
    assert ramim.notes.count("Hezbollah") == 2  # once as actor, once as the voice
    assert ramim.notes.endswith("Claimed by Hezbollah.")
    for m in mentions:
        assert " claimed that " not in m.notes and " acknowledged that " not in m.notes
        assert "that reportedly" not in m.notes


def test_a_list_intro_names_the_speaker_of_every_item_by_the_organisation_named_before(pipeline):
    text = (
        "date 2024-09-29\n"
        "Shelling of border communities\n\n"
        "The Kharkiv Regional Military Administration reported the attacks on Telegram.\n\n"
        "According to the administration:\n"
        "- Vovchansk community: artillery (4 explosions).\n"
        "- Kupiansk community: a guided aerial bomb (1 explosion).\n"
    )
    mentions = extract(pipeline, text)
    assert len(mentions) >= 2
    assert {m.claim.claimant for m in mentions} == {"Kharkiv Regional Military Administration"}


def test_common_words_for_a_states_forces_belong_to_the_country_the_text_is_about(pipeline):
    text = (
        "date 2024-05-02\n"
        "Shelling in Karen State\n\n"
        "Regime troops shelled the village of Maung Ma Thar Kone near Kawkareik in Myanmar's Karen State on "
        "Tuesday, killing two civilians.\n"
    )
    assert {m.actor1.name for m in extract(pipeline, text)} == {"Military Forces of Myanmar (2021-)"}
    syria = "date 2024-05-02\nShelling in Idlib\n\nRegime troops shelled the town of Sarmin in Idlib on Tuesday.\n"
    assert {m.actor1.name for m in extract(pipeline, syria)} == {"Military Forces of Syria (2000-)"}


def test_an_attack_claimed_by_a_group_is_its_act(pipeline):
    text = (
        "date 2024-09-18\n"
        "Attack in Bamako\n\n"
        "An attack on a gendarmerie school in Bamako on Tuesday, claimed by JNIM, killed at least 70 people, "
        "security sources said.\n"
    )
    (event,) = extract(pipeline, text)
    jnim = "JNIM: Group for Support of Islam and Muslims"
    assert event.actor1.name == jnim
    # the first voice of the report stays the event's voice (docs/coding.md section 7)
    assert event.claim.claimant == "security sources"
    alone = extract(pipeline, text.replace(", security sources said.", "."))
    assert [(m.actor1.name, m.claim.claimant, m.claim.stance) for m in alone] == [(jnim, jnim, "claimed")]
    assert alone[0].notes.endswith(f"Claimed by {jnim}.")


def test_an_outlet_the_parser_takes_for_a_person_still_speaks(pipeline):
    text = (
        "date 2024-01-12\n"
        "Strikes on Yemen\n\n"
        "U.S. and British warplanes struck Houthi targets in Hodeidah on Friday, Al-Masirah reported.\n"
    )
    (event,) = extract(pipeline, text)
    assert event.actor1.name == "Military Forces of the United States (2021-)"
    assert event.claim.claimant == "Al-Masirah"
