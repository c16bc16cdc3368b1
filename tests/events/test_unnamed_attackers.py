"""Who acted when the text names no one: ACLED never leaves actor1 empty for armed violence; an unnamed attacker
is `Unidentified Armed Group (Country)`, until another telling of the same event names the group."""

from __future__ import annotations

from corpus import mentions_of_text as extract


def test_a_bomb_nobody_is_named_for_is_an_unidentified_armed_groups(pipeline):
    text = (
        "date 2023-06-12\npublisher Example Wire\nFour killed by roadside bomb\n\n"
        "An improvised explosive device exploded on the road near the town of Djibo on Sunday, killing four "
        "people, security sources said.\n"
    )
    [event] = extract(pipeline, text)
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.actor1.name == "Unidentified Armed Group (Burkina Faso)"


def test_an_ambush_by_no_one_named_is_an_unidentified_armed_groups(pipeline):
    text = (
        "date 2023-06-12\npublisher Example Wire\nSoldiers ambushed\n\n"
        "Soldiers were ambushed near Tillia on Sunday and fought back for two hours, the army said.\n"
    )
    [event] = extract(pipeline, text)
    assert event.sub_event_type == "Armed clash"
    assert event.actor1.name == "Unidentified Armed Group (Niger)"


def test_a_later_telling_that_names_the_group_replaces_the_unidentified_one(pipeline):
    text = (
        "date 2023-06-12\npublisher Example Wire\nSoldiers ambushed\n\n"
        "Soldiers were ambushed near Tillia on Sunday and fought back for two hours, the army said.\n\n"
        "The Islamic State Sahel Province claimed responsibility for the ambush near Tillia on Sunday.\n"
    )
    [event] = extract(pipeline, text)
    assert event.actor1.name == "Islamic State (Sahel)"


def test_civilians_are_never_a_side_of_a_battle(pipeline):
    text = (
        "date 2024-02-12\npublisher Example Wire\nClashes in Rakhine\n\n"
        "Civilians fled as clashes broke out between the Arakan Army and junta troops in Mrauk-U on Sunday.\n"
    )
    battles = [m for m in extract(pipeline, text) if m.event_type == "Battles"]
    assert battles
    for event in battles:
        assert event.actor1 is not None and not event.actor1.name.startswith("Civilians")
        assert event.actor2 is None or not event.actor2.name.startswith("Civilians")


def test_residents_who_describe_an_assault_did_not_make_it(pipeline):
    text = (
        "date 2025-05-12\npublisher Example Wire\nArmy base attacked in Djibo\n\n"
        "Three Djibo residents described an intense assault by hundreds of fighters on an army base on Sunday.\n"
    )
    for event in extract(pipeline, text):
        assert event.actor1 is None or not event.actor1.name.startswith("Civilians")
