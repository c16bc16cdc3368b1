"""Two events told as one, and the words that type an event (issue 13): fire from the ground and from the air at one
place are two events; a summary that names the weapon types the event a generic word retells at a finer place."""

from __future__ import annotations

import datetime as dt

from eventwire.geo.distance import distance_km

PUBLISHED = dt.date(2025, 3, 4)
SHELLING = "Shelling/artillery/missile attack"
AIR = "Air/drone strike"


def _events(pipeline, text):
    return [
        (m.sub_event_type, m.place.name if m.place else None)
        for m in pipeline.extract(text, published=PUBLISHED)
    ]


def test_drones_and_artillery_counted_by_explosions_at_one_place_are_two_events(pipeline):
    # "(6 explosions)" is a count of what the weapon did, not an attack verb whose object the artillery would be
    text = (
        "Russian forces fired at border communities of the Sumy region on Monday, the regional administration said.\n\n"
        "- Krasnopillia community: FPV drones (6 explosions) and artillery (3 explosions).\n"
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert sorted(m.sub_event_type for m in mentions) == [AIR, SHELLING]
    for m in mentions:
        assert m.actor1 is not None and m.actor1.name.startswith("Military Forces of Russia")
        assert distance_km(m.place.lat, m.place.lon, 50.77, 35.27) < 10  # Krasnopillia, Sumy region


def test_a_weapon_struck_stays_the_target_of_one_strike(pipeline):
    text = "Israeli jets struck Hezbollah rocket launchers in Khiam on Sunday, the army said."
    assert [t for t, _ in _events(pipeline, text)] == [AIR]


def test_a_summary_naming_the_weapon_types_the_attack_a_generic_word_tells_at_a_town(pipeline):
    text = (
        "Russian rockets hit the Kherson region on Monday, officials said.\n\n"
        "Russian forces attacked Bilozerka on Monday, killing a man, the governor said.\n"
    )
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert mention.sub_event_type == SHELLING  # not an attack on civilians: the rockets were the weapon
    assert mention.place.name == "Bilozerka"
    assert mention.actor1.name == "Military Forces of Russia (2000-)"
    text = "A drone strike hit the Kherson region on Monday, officials said. Russian forces attacked Bilozerka on Monday."
    assert _events(pipeline, text) == [(AIR, "Bilozerka")]


def test_a_summary_does_not_retype_an_attack_told_in_its_own_words(pipeline):
    # the gunmen's shooting is told by its own words: the region's shelling is another event, not its type
    text = (
        "Russian rockets hit the Kherson region on Monday, officials said.\n\n"
        "In Bilozerka, Russian soldiers shot dead a farmer on Monday, the governor said.\n"
    )
    types = {t for t, place in _events(pipeline, text) if place == "Bilozerka"}
    assert types == {"Attack"}


def test_a_party_firing_across_a_front_attacks_from_a_distance(pipeline):
    # Hezbollah strikes northern Israel from Lebanon without crossing: "attacked a position" there is its fire
    text = "Hezbollah said it had attacked an army position in Metula on Sunday, wounding two soldiers."
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert (mention.event_type, mention.sub_event_type) == ("Explosions/Remote violence", SHELLING)
    assert mention.actor1.name == "Hezbollah"
    text = "Hezbollah said it had targeted a gathering of Israeli soldiers in Shtula with drones on Sunday."
    assert [t for t, _ in _events(pipeline, text)] == [AIR]  # the weapon named types it
    text = "Hezbollah fighters clashed with Israeli troops near Aitaroun on Sunday."  # a fight in Lebanon
    assert [t for t, _ in _events(pipeline, text)] == ["Armed clash"]


def test_an_attack_on_a_camp_for_displaced_people_is_an_attack_on_civilians(pipeline):
    text = "A militia attacked a camp for displaced people near Bunia on Sunday, killing 20 civilians."
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert mention.sub_event_type == "Attack"
    assert mention.actor2 is not None and mention.actor2.name.startswith("Civilians")
    text = "Militants attacked an army camp near Bunia on Sunday, killing two soldiers."
    assert [t for t, _ in _events(pipeline, text)] == ["Armed clash"]
