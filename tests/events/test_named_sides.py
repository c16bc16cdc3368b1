"""Sides named in a way the attacker's words alone do not show: a movement is the one faction of it the article names
(ACLED codes the faction when the source names it), and a country's name before "army" in a headline names its
forces, whose strike the body then tells (docs/coding.md section 3)."""

from __future__ import annotations

from corpus import mentions_of_text as extract

DAGOBERTO = "FARC Dissident - Dagoberto Ramos: Revolutionary Armed Forces of Colombia Dissident Faction (Dagoberto Ramos)"


CORINTO = (
    "date 2024-03-26\npublisher Example Wire\nPolice stations attacked in Cauca\n\n"
    "FARC dissidents attacked the police station of Corinto in Cauca department with rifles and explosives "
    "on Tuesday, residents said.\n"
)


def _actor1_at_corinto(pipeline, text: str) -> set[str]:
    events = [m for m in extract(pipeline, text) if m.place is not None and m.place.name == "Corinto"]
    assert events
    return {m.actor1.name for m in events}


def test_the_movement_is_the_faction_the_article_names_later(pipeline):
    text = (
        CORINTO
        + "\nAccording to the authorities, the attack was carried out by the Dagoberto Ramos structure.\n"
    )
    assert _actor1_at_corinto(pipeline, text) == {DAGOBERTO}


def test_the_movement_stays_when_the_article_names_no_faction(pipeline):
    assert _actor1_at_corinto(pipeline, CORINTO) == {
        "FARC Dissident: Revolutionary Armed Forces of Colombia Dissident Faction"
    }


def test_a_headlines_country_army_is_the_attacker_of_the_strike_the_body_tells(pipeline):
    text = (
        "date 2024-08-26\npublisher Example Wire\nMali army drone strike kills 21 civilians in the north\n\n"
        "At least 21 people were killed in drone strikes on Tinzaouaten on Sunday, according to a spokesman for "
        "separatist groups.\n"
    )
    [event] = extract(pipeline, text)
    assert event.actor1.name == "Military Forces of Mali (2021-)"


def _beledweyne_bombings(pipeline, last_paragraph: str):
    text = (
        "date 2023-12-21\npublisher Example Wire\nSuicide bomber kills seven in Beledweyne\n\n"
        "At least seven people were killed in the Somali town of Beledweyne on Thursday when a suicide bomber blew "
        "himself up in a crowded restaurant, witnesses said.\n\n" + last_paragraph
    )
    return [m for m in extract(pipeline, text) if m.place is not None and m.place.name == "Beledweyne"]


def test_an_unnamed_attacker_is_the_group_that_claimed_the_attack(pipeline):
    bombings = _beledweyne_bombings(pipeline, "The al-Shabab extremist group has claimed responsibility.\n")
    assert bombings
    assert {m.actor1.name for m in bombings} == {"Al Shabaab"}


def test_an_attack_no_group_claimed_keeps_its_unidentified_attacker(pipeline):
    bombings = _beledweyne_bombings(pipeline, "No group has claimed responsibility.\n")
    assert bombings
    assert {m.actor1.name for m in bombings} == {"Unidentified Armed Group (Somalia)"}
