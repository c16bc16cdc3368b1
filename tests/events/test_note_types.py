"""How a terse record's event is typed by who fought whom (issue 13, ACLED notes found with the wrong type): a
crowd word a named armed group qualifies ("Taliban groups", "Gulf Clan members") is that group's members, so their
fight is a battle, not mob violence; drug dealers shot at by gunmen are one armed side. A bomb set off, a killing
by a gunshot and people chased and shot are events of their kind. The sentences are invented; they only follow the
shape of such records."""

from __future__ import annotations

import datetime as dt

import pytest

PUBLISHED = dt.date(2024, 3, 5)


@pytest.mark.parametrize(
    "text",
    [
        "On 4 March 2024, two Taliban groups clashed over a land dispute in Spin Boldak (Kandahar).",
        "On 4 March 2024, Gulf Clan members clashed with the army near Taraza (Antioquia).",
    ],
)
def test_members_of_a_named_armed_group_fight_a_battle_not_a_riot(pipeline, text):
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert (mention.event_type, mention.sub_event_type) == ("Battles", "Armed clash")


def test_supporters_of_parties_who_fight_are_still_a_mob(pipeline):
    [mention] = pipeline.extract(
        "On 4 March 2024, supporters of two parties clashed with each other in Kano (Kano).", published=PUBLISHED
    )
    assert mention.event_type == "Riots"


def test_drug_dealers_shot_at_by_gunmen_are_one_side_of_a_battle(pipeline):
    [mention] = pipeline.extract(
        "On 4 March 2024, gunmen opened fire on two drug dealers in Manaus (Amazonas).", published=PUBLISHED
    )
    assert mention.sub_event_type == "Armed clash"


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "On 4 March 2024, unidentified men set off an explosive device beside a patrol in Mocoa (Putumayo).",
            "Remote explosive/landmine/IED",
        ),
        ("On 4 March 2024, a shopkeeper was killed by a single gunshot in Culiacan (Sinaloa).", "Attack"),
        ("On 4 March 2024, gunmen chased two traders and shot them near Lafia (Nasarawa).", "Attack"),
    ],
)
def test_a_bomb_set_off_or_a_killing_by_gunshot_is_an_event(pipeline, text, sub_event_type):
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert mention.sub_event_type == sub_event_type
    assert mention.date == dt.date(2024, 3, 4)
