"""Day roundups and killings told as findings (issue 13): a regional administration's day report gives one event per
place its items name, with the intro's attacker and kind of fire; bodies found and homicides reported are attacks."""

from __future__ import annotations

import datetime as dt

from eventwire.geo.distance import distance_km

PUBLISHED = dt.date(2025, 3, 4)
SHELLING = "Shelling/artillery/missile attack"


def _placed(pipeline, text):
    mentions = pipeline.extract(text, published=PUBLISHED)
    return {m.place.name: m for m in mentions if m.place is not None}, mentions


def test_each_place_of_a_damage_and_toll_roundup_is_an_event_with_the_intros_attacker(pipeline):
    text = (
        "Russian troops struck settlements in Donetsk region over the past 24 hours, the regional administration"
        " said.\n\n"
        "One person was killed in Dobropillia and eight houses were damaged.\n\n"
        "In Lyman a house and a garage were damaged.\n\n"
        "Pokrovsk district.\n\n"
        "In Myrnohrad two apartment blocks were damaged. Two people were wounded in Rodynske.\n"
    )
    placed, mentions = _placed(pipeline, text)
    assert set(placed) == {"Dobropillia", "Lyman", "Myrnohrad", "Rodynske"}  # not one event at the oblast
    assert len(mentions) == 4
    for m in mentions:
        assert m.actor1 is not None and m.actor1.name.startswith("Military Forces of Russia")
        assert m.sub_event_type == SHELLING  # "struck" with no aircraft named is fire from the ground
    assert distance_km(placed["Lyman"].place.lat, placed["Lyman"].place.lon, 48.99, 37.80) < 10
    assert sum(c.killed or 0 for c in placed["Dobropillia"].casualties) == 1
    assert sum(c.injured or 0 for c in placed["Rodynske"].casualties) == 2


def test_a_roundup_under_a_drone_intro_keeps_the_drones_and_fire_at_settlements_is_shelling(pipeline):
    text = (
        "Russian drones attacked settlements of Kherson region over the past 24 hours, the regional military"
        " administration said.\n\n"
        "One woman was wounded in Bilozerka. In Stanislav a private house was damaged.\n"
    )
    placed, _ = _placed(pipeline, text)
    assert set(placed) == {"Bilozerka", "Stanislav"}
    assert {m.sub_event_type for m in placed.values()} == {"Air/drone strike"}
    text = (
        "Russian forces fired at 8 settlements of Zaporizhzhia region 34 times over the past day.\n\n"
        "In Huliaipole two houses and a car were damaged.\n"
    )
    placed, _ = _placed(pipeline, text)
    assert set(placed) == {"Huliaipole"}
    assert placed["Huliaipole"].sub_event_type == SHELLING
    assert placed["Huliaipole"].actor1.name.startswith("Military Forces of Russia")


def test_damage_after_another_topic_or_with_no_attack_told_is_no_event(pipeline):
    text = (
        "Russian troops shelled Kostiantynivka on Sunday, the governor said.\n\n"
        "The governor also announced a new evacuation train for families. Officials met volunteers in the city"
        " hall. The train leaves on Monday.\n\n"
        "In Lyman a house and a garage were damaged.\n"
    )
    placed, _ = _placed(pipeline, text)
    assert "Lyman" not in placed
    assert not pipeline.extract("In Lyman a house and a garage were damaged by the storm.\n", published=PUBLISHED)
    # the damage of the attack just told, with a place it cut off, is no new event there
    text = (
        "Ukrainian forces shelled the village of Zadorozhny on Sunday. Two homes and a power line were damaged,"
        " cutting electricity to Terebreno.\n"
    )
    placed, _ = _placed(pipeline, text)
    assert "Terebreno" not in placed


def test_the_items_of_a_bulleted_roundup_take_the_intro_and_a_district_label_is_no_place(pipeline):
    text = (
        "Over the past 24 hours, Russian troops struck settlements in Donetsk region, the regional military"
        " administration reported:\n"
        "- In Dobropillia 1 person was killed and 8 private houses were damaged.\n"
        "- Kramatorsk district: in Lyman a private house and a garage were damaged.\n"
        "- In Sloviansk 2 people were injured.\n"
    )
    placed, mentions = _placed(pipeline, text)
    assert set(placed) == {"Dobropillia", "Lyman", "Sloviansk"}
    assert len(mentions) == 3
    assert {m.sub_event_type for m in mentions} == {SHELLING}
    assert all(m.actor1 is not None and m.actor1.name.startswith("Military Forces of Russia") for m in mentions)
    slov = placed["Sloviansk"]
    assert distance_km(slov.place.lat, slov.place.lon, 48.85, 37.60) < 10


def test_items_told_as_a_label_and_a_bare_toll_are_events(pipeline):
    text = (
        "Russian troops shelled 9 settlements of Kharkiv region over the past day, the regional administration"
        " said.\n\n"
        "Kupiansk: 1 person killed, 3 private houses damaged.\n\n"
        "Balakliia — a warehouse and 2 cars damaged.\n"
    )
    placed, mentions = _placed(pipeline, text)
    assert set(placed) == {"Kupiansk", "Balakliia"}
    assert len(mentions) == 2
    bal = placed["Balakliia"]
    assert bal.sub_event_type == SHELLING and bal.actor1.name.startswith("Military Forces of Russia")
    assert distance_km(bal.place.lat, bal.place.lon, 49.46, 36.86) < 10


def test_people_found_dead_at_listed_places_are_one_attack_per_place(pipeline):
    text = (
        "Five people were found dead on Sunday in different parts of Guanajuato state: two in Celaya, one in"
        " Irapuato and two in Salamanca.\n"
    )
    placed, mentions = _placed(pipeline, text)
    assert set(placed) == {"Celaya", "Irapuato", "Salamanca"}
    for m in mentions:
        assert (m.event_type, m.sub_event_type) == ("Violence against civilians", "Attack")
        assert m.actor1 is not None and m.actor1.name == "Unidentified Armed Group (Mexico)"
    assert distance_km(placed["Irapuato"].place.lat, placed["Irapuato"].place.lon, 20.67, -101.35) < 10


def test_bodies_found_and_homicides_reported_are_attacks_but_bodies_in_rubble_are_not(pipeline):
    text = (
        "Two homicides were reported in Celaya on Saturday, police said.\n\n"
        "Five lifeless bodies were found on the highway near Fresnillo on Monday.\n"
    )
    placed, mentions = _placed(pipeline, text)
    assert set(placed) == {"Celaya", "Fresnillo"}
    assert {m.sub_event_type for m in mentions} == {"Attack"}
    assert sum(c.killed or 0 for c in placed["Fresnillo"].casualties) == 5
    text = "Three bodies were found under the rubble of a house in Kharkiv on Monday.\n"
    assert not pipeline.extract(text, published=PUBLISHED)
