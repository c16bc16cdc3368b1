"""Recall on real reporting (issue 13), continued: killings told as a dated toll with no attack word, plural attack
words told by their toll, every place of one word's list kept apart, day roundups whose attacker is told before an
elaborating sentence, damage at a list of places, and settlements that "came under fire"."""

from __future__ import annotations

import datetime as dt

from eventwire.geo.distance import distance_km

PUBLISHED = dt.date(2024, 5, 20)


def _by_place(mentions):
    return {m.place.name: m for m in mentions if m.place is not None}


def _items_by_russia(pipeline, text, names):
    """The roundup's events by place, after checking each named item is an event by Russia's forces."""
    placed = _by_place(pipeline.extract(text, published=PUBLISHED))
    for name in names:
        assert name in placed, name
        assert placed[name].actor1 is not None and placed[name].actor1.name.startswith(
            "Military Forces of Russia"
        )
    return placed


def _killed(mention) -> int | None:
    counts = [c.killed for c in mention.casualties if c.killed is not None]
    return max(counts) if counts else None


def test_a_dated_toll_at_listed_villages_is_one_attack_per_village_with_the_count_on_the_first(pipeline):
    text = "At least 12 civilians were killed on Sunday in Kouri, Mansila and Seytenga, local sources said."
    placed = _by_place(pipeline.extract(text, published=PUBLISHED))
    assert set(placed) == {"Kouri", "Mansila", "Seytenga"}
    assert {m.sub_event_type for m in placed.values()} == {"Attack"}
    assert {m.date for m in placed.values()} == {dt.date(2024, 5, 19)}
    # one toll for the three places: the first place's, as docs/coding.md section 4 says
    assert [_killed(placed[name]) for name in ("Kouri", "Mansila", "Seytenga")] == [12, None, None]
    assert distance_km(placed["Seytenga"].place.lat, placed["Seytenga"].place.lon, 13.99, 0.39) < 25


def test_a_toll_the_text_splits_by_place_is_split(pipeline):
    text = "Two soldiers were killed on Sunday in Djibo and one in Arbinda, the army said."
    placed = _by_place(pipeline.extract(text, published=PUBLISHED))
    assert set(placed) == {"Djibo", "Arbinda"}
    assert {m.event_type for m in placed.values()} == {"Battles"}  # soldiers killed: a clash, not an attack
    assert (_killed(placed["Djibo"]), _killed(placed["Arbinda"])) == (2, 1)


def test_an_undated_or_cumulative_toll_or_one_told_with_its_own_attack_word_is_no_told_killing(pipeline):
    for text in (
        "The ministry published its weekly report.\n\nTwo people were killed in the village of Kouri.",
        "The UN says at least 53 civilians were killed in Djibo between October 5 and 8.",
        "Officials said on Sunday 72 people had been killed in Israeli operations across Khan Younis.",
    ):
        assert not [m for m in pipeline.extract(text, published=PUBLISHED) if m.sub_event_type == "Attack"], (
            text
        )


def test_plural_strikes_told_by_their_toll_are_an_event_at_a_settlement_only(pipeline):
    placed = _by_place(
        pipeline.extract("Israeli strikes on Khiam killed two people on Sunday.", published=PUBLISHED)
    )
    assert set(placed) == {"Khiam"}
    strike = placed["Khiam"]
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.actor1 is not None and strike.actor1.name.startswith("Military Forces of Israel")
    # a day's toll over a region sums the events told at its settlements: no event at the region itself
    region = (
        "Russian strikes on Kharkiv region killed two people on Sunday, the regional administration said."
    )
    assert not pipeline.extract(region, published=PUBLISHED)
    # a plural attack word with no toll and no happening stays a campaign, not an event
    assert not pipeline.extract(
        "Israel has tied any halt to its strikes on Khiam to a deal.", published=PUBLISHED
    )


def test_every_place_of_one_attack_words_list_is_an_event_even_a_few_km_apart(pipeline):
    text = "Israeli strikes hit Hezbollah positions on Sunday in the towns of Khiam, Kfarkela, Aitaroun, Houla, Odaisseh and Markaba."
    placed = _by_place(pipeline.extract(text, published=PUBLISHED))
    assert set(placed) == {"Khiam", "Kfarkela", "Aitaroun", "Houla", "Odaisseh", "Markaba"}


def test_roundup_items_take_the_intros_attacker_past_a_sentence_that_names_none(pipeline):
    text = (
        "Over the past day, the Russian army shelled Kherson region 85 times, the regional administration reported.\n\n"
        "The enemy targeted residential areas of settlements. In Beryslav, two people were killed. "
        "A woman was injured in Antonivka. Private houses were damaged in Bilozerka and Stanislav.\n"
    )
    placed = _items_by_russia(pipeline, text, ("Beryslav", "Antonivka", "Bilozerka", "Stanislav"))
    assert {m.sub_event_type for m in placed.values()} == {"Shelling/artillery/missile attack"}
    assert _killed(placed["Beryslav"]) == 2


def test_settlements_that_came_under_fire_are_shelled_but_a_patrol_under_fire_is_not(pipeline):
    text = (
        "He said several settlements in the region came under fire on Friday, including the city of Bakhmut."
    )
    placed = _by_place(pipeline.extract(text, published=PUBLISHED))
    assert set(placed) == {"Bakhmut"}
    assert placed["Bakhmut"].sub_event_type == "Shelling/artillery/missile attack"
    assert not pipeline.extract("A patrol came under fire near Kupiansk on Friday.", published=PUBLISHED)


def test_the_villages_a_colon_lists_after_an_attack_on_several_villages_are_its_places(pipeline):
    text = "Gunmen opened fire on several villages of Bokkos on Sunday: Ruku, Mangu and Daffo."
    placed = _by_place(pipeline.extract(text, published=PUBLISHED))
    assert set(placed) == {"Ruku", "Mangu", "Daffo"}  # Bokkos only names where the villages are
    assert {m.sub_event_type for m in placed.values()} == {"Attack"}
    text = "Israeli warplanes struck several towns in southern Lebanon on Sunday: Houla, Khiam and Markaba."
    placed = _by_place(pipeline.extract(text, published=PUBLISHED))
    assert set(placed) == {"Houla", "Khiam", "Markaba"}
    assert all(
        m.actor1 is not None and m.actor1.name.startswith("Military Forces of Israel")
        for m in placed.values()
    )


def test_villages_set_on_fire_are_one_event_each_but_houses_burned_in_an_attack_are_not_another(pipeline):
    text = (
        "The village of Ruku was set on fire again on Sunday, and so were the villages of Bokkos and Mangu."
    )
    placed = _by_place(pipeline.extract(text, published=PUBLISHED))
    assert set(placed) == {"Ruku", "Bokkos", "Mangu"}
    assert {m.sub_event_type for m in placed.values()} == {"Looting/property destruction"}
    assert not pipeline.extract("He said six houses in the village of Ruku were burned.", published=PUBLISHED)


def test_a_mass_shooting_that_happened_in_a_town_is_an_attack_there(pipeline):
    mentions = pipeline.extract(
        "The mass shooting happened on Sunday in the town of Celaya.", published=PUBLISHED
    )
    placed = _by_place(mentions)
    assert set(placed) == {"Celaya"} and placed["Celaya"].sub_event_type == "Attack"
    assert distance_km(placed["Celaya"].place.lat, placed["Celaya"].place.lon, 20.52, -100.81) < 10


def test_roundup_items_with_an_attack_word_of_their_own_take_the_intros_attacker(pipeline):
    text = (
        "Over the past day, Russian troops struck 9 settlements of Kharkiv region, the regional administration said.\n\n"
        "A man was injured in Vovchansk. An enterprise and a private house were damaged in Balakliia as a result of "
        "a drone attack. In Chuhuiv, rescuers put out a fire after shelling. A car was destroyed in Zolochiv.\n"
    )
    placed = _items_by_russia(pipeline, text, ("Vovchansk", "Balakliia", "Chuhuiv", "Zolochiv"))
    assert placed["Balakliia"].sub_event_type == "Air/drone strike"  # its own weapon word types it


def test_an_air_attack_and_drones_used_against_positions_are_air_strikes(pipeline):
    for text, place in (
        ("Another person was killed in an Israeli air attack on the town of Froun on Friday.", "Froun"),
        ("The army said it had used drones against terrorist positions in Kidal on Friday.", "Kidal"),
    ):
        placed = _by_place(pipeline.extract(text, published=PUBLISHED))
        assert place in placed and placed[place].sub_event_type == "Air/drone strike", text


def test_a_singular_victim_killed_by_hand_counts_one_and_a_unit_number_is_no_toll(pipeline):
    for text in (
        "Unknown assailants stabbed a man to death in Juba on Sunday.",
        "Unidentified gunmen shot and killed a trader in Bunia on Sunday.",
        "Militiamen killed a refugee in Kiwanja on Sunday.",
    ):
        mentions = pipeline.extract(text, published=PUBLISHED)
        assert len(mentions) == 1 and _killed(mentions[0]) == 1, text
    text = "Fighters captured the army's Battalion 31 in Mrauk-U on Sunday, killing two soldiers."
    assert all(_killed(m) in (2, None) for m in pipeline.extract(text, published=PUBLISHED))


def test_strikes_the_army_carried_out_at_listed_villages_are_one_event_each(pipeline):
    text = (
        "Israeli Air Force jets struck Hezbollah compounds in Khiam overnight, the military said.\n\n"
        "The military added that it had also carried out strikes overnight in the areas of Tayr Harfa and Jibbain.\n"
    )
    placed = _by_place(pipeline.extract(text, published=PUBLISHED))
    assert {"Tayr Harfa", "Jibbain"} <= set(placed)
    for name in ("Tayr Harfa", "Jibbain"):
        assert placed[name].sub_event_type == "Air/drone strike"
        assert placed[name].actor1 is not None and placed[name].actor1.name.startswith(
            "Military Forces of Israel"
        )
