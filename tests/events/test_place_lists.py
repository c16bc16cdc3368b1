"""Place lists and follow-up places (issue 13, WHERE/WHAT): one event per listed place, the village a
following sentence names for an event told at an area, and event words the context undoes."""

from __future__ import annotations

import datetime as dt

from eventwire.geo.distance import distance_km
from eventwire.nlp.places import find_place_names

PUBLISHED = dt.date(2025, 1, 20)


def _at(mentions, name):
    return [m for m in mentions if m.place is not None and m.place.name == name]


def test_a_list_headed_by_a_unit_noun_after_it_counts_every_name(pipeline):
    text = "Troops raided bandit camps at Batsari and Safana Local Government Areas of Katsina State."
    names = [h.text for h in find_place_names(text, offset=0, gazetteer=pipeline.gazetteer)]
    assert "Batsari" in names and "Safana" in names


def test_towns_including_a_list_are_each_cued(pipeline):
    text = "Clashes spread across the region, affecting towns including Convencion, Abrego and Teorama."
    hits = find_place_names(text, offset=0, gazetteer=pipeline.gazetteer)
    assert {h.text for h in hits if h.cued} >= {"Convencion", "Abrego", "Teorama"}


def test_a_following_sentence_places_an_event_told_at_the_country(pipeline):
    text = (
        "Fighting between ELN guerrillas and FARC dissidents in Colombia has killed 60 people, officials said.\n\n"
        "The violence erupted on Thursday in the Catatumbo region, affecting towns including Convencion, "
        "Abrego and Teorama.\n"
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    places = {m.place.name for m in mentions if m.place is not None}
    assert {"Convencion", "Abrego", "Teorama"} <= places
    assert "Colombia" not in places
    convencion = _at(mentions, "Convencion")[0]
    assert distance_km(convencion.place.lat, convencion.place.lon, 8.469, -73.337) < 10
    assert convencion.date == dt.date(2025, 1, 16)  # the follow-up's "on Thursday"


def test_a_village_in_a_later_sentence_replaces_the_township(pipeline):
    text = (
        "Ten civilians were killed on Tuesday when military aircraft attacked a village in Pale Township, "
        "Sagaing Region, local sources said.\n\n"
        "The strikes on Nyaung Kone came at about 3pm.\n"
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [m.place.name for m in mentions if m.place is not None] == ["Nyaung Kone"]


def test_rescued_kidnapped_people_is_no_abduction_by_the_rescuers(pipeline):
    text = "Nigerian troops rescued seven kidnapped people in Zurmi on Thursday, the army said."
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert not [m for m in mentions if m.sub_event_type == "Abduction/forced disappearance"]
    text = "Gunmen kidnapped 12 villagers in Maru on Friday, police said."
    assert [m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)] == [
        "Abduction/forced disappearance"
    ]


def test_recovered_goods_is_no_territory_regained(pipeline):
    text = "Soldiers recovered arms and livestock in Dutsi on Friday after the bandits fled."
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert not [m for m in mentions if m.sub_event_type == "Government regains territory"]
    text = "The army recovered the town of Batsari on Friday."
    assert "Government regains territory" in {
        m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)
    }


def test_a_village_keeps_its_place_and_names_its_area_as_context(pipeline):
    text = "Bandits attacked Sabon Gari village in Mangu on Saturday and killed 10 people."
    hits = find_place_names(text, offset=0, gazetteer=pipeline.gazetteer)
    assert hits[0].text == "Sabon Gari" and hits[0].admin_context == ("Mangu",)
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [m.place.name for m in mentions] == ["Sabon Gari"]  # one event, at the village, not one at Mangu


def test_the_town_of_after_an_adjective_is_the_place_not_its_context(pipeline):
    text = "Six rockets were fired from Lebanon at the northern Israeli town of Metula on Saturday."
    hits = find_place_names(text, offset=0, gazetteer=pipeline.gazetteer)
    assert not any("Metula" in h.admin_context for h in hits)
    assert "Metula" in {m.place.name for m in pipeline.extract(text, published=PUBLISHED) if m.place}


def test_colon_and_title_case_datelines_are_no_event_place(pipeline):
    text = "PORT SUDAN: A drone strike by the RSF on a mosque in El Fasher killed 75 people on Friday."
    assert {m.place.name for m in pipeline.extract(text, published=PUBLISHED) if m.place} == {"El Fasher"}
    text = "Lagos - Gunmen attacked the village of Bokkos in Plateau state on Sunday night, killing seven people."
    places = {m.place.name for m in pipeline.extract(text, published=PUBLISHED) if m.place}
    assert "Lagos" not in places and "Bokkos" in places


def test_shooting_at_random_at_villagers_and_attacks_on_a_village_are_attacks(pipeline):
    text = "Gunmen stormed Bokkos on Sunday, shooting at random at villagers and killing 20."
    assert [m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)] == ["Attack"]
    text = "Armed men attacked the village of Bokkos on Saturday."
    assert [m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)] == ["Attack"]


def test_outlets_operations_weapons_and_time_words_are_no_places(pipeline):
    text = "Early on Monday, troops of Operation Niya and a Bayraktar Akinci drone attacked Bokkos."
    names = {h.text for h in find_place_names(text, offset=0, gazetteer=pipeline.gazetteer)}
    assert names == {"Bokkos"}
    text = "Speaking to Xinhua, a police officer said gunmen attacked a village in Plateau state on Sunday."
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert mentions and not [m for m in mentions if m.place is not None and m.place.name == "Xinhua"]


def test_a_toll_with_an_aside_before_its_verb_is_kept(pipeline):
    text = "Twelve people, including four children, were killed when gunmen attacked Bokkos on Sunday."
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [(m.sub_event_type, m.fatalities) for m in mentions] == [("Attack", 12)]


def test_rivers_world_regions_and_mixed_acronyms_are_no_towns(pipeline):
    for text in (
        "Russian forces shelled Kherson from across the Dnipro on Sunday.",
        "Tensions in the Middle East rose after strikes on Kherson.",
        "FAMa soldiers repelled an attack on Kherson.",
    ):
        names = {h.text for h in find_place_names(text, offset=0, gazetteer=pipeline.gazetteer)}
        assert names == {"Kherson"}, text


def test_recovered_weapons_in_the_passive_is_no_territory_regained(pipeline):
    text = "The army said weapons and ammunition were recovered from the dead militants in Karak on Monday."
    assert not [
        m
        for m in pipeline.extract(text, published=PUBLISHED)
        if m.sub_event_type == "Government regains territory"
    ]


def test_a_word_inside_a_hospital_market_or_family_name_is_no_place(pipeline):
    for text, expected in (
        ("Shelling hit El Nao Hospital in Omdurman.", {"Omdurman"}),
        ("Strikes hit Kamal Adwan hospital in Beit Lahia.", {"Beit Lahia"}),
        ("Jets bombed the house of the Al-Daya family in Gaza City.", {"Gaza City"}),
    ):
        names = {h.text for h in find_place_names(text, offset=0, gazetteer=pipeline.gazetteer)}
        assert names == expected, text


def test_a_copula_or_a_colon_after_a_plural_place_noun_cues_every_listed_name(pipeline):
    for text in (
        "The localities attacked are Niono, Molodo with shell fire, Sandare, Kayes, Diboli and then Gogui.",
        "Strikes hit several localities overnight: Niono, Molodo, Sandare, Kayes and Diboli.",
        "Targets included Niono, Molodo, Sandare, Kayes and Diboli.",
    ):
        hits = find_place_names(text, offset=0, gazetteer=pipeline.gazetteer, context_countries=["ML"])
        assert {h.text for h in hits if h.cued} >= {"Niono", "Molodo", "Kayes", "Diboli"}, text


def test_a_town_named_like_the_area_of_the_item_before_it_stays_an_item_of_the_list(pipeline):
    mentions = pipeline.extract(
        "The localities attacked on Tuesday are Niono, Sandare, Kayes, Diboli and Nioro du Sahel, the army said.",
        published=PUBLISHED,
    )
    assert {"Niono", "Sandare", "Kayes", "Diboli", "Nioro du Sahel"} <= {m.place.name for m in mentions}
    assert distance_km(*_latlon(_at(mentions, "Kayes")[0]), 14.45, -11.44) < 10


def _latlon(mention):
    return mention.place.lat, mention.place.lon


def test_a_count_with_a_place_word_of_its_own_starts_a_new_item_not_an_area(pipeline):
    text = (
        "On the morning of February 3 the Russian Ministry of Defence said its air defences had shot down four "
        "Ukrainian drones over the Belgorod region, two over the Volgograd region and one over the Rostov region."
    )
    mentions = pipeline.extract(text, published=dt.date(2024, 2, 3))
    regions = {
        m.place.admin1 or m.place.name for m in mentions if m.sub_event_type == "Disrupted weapons use"
    }
    assert len(regions) == 3, regions


def test_villages_listed_after_among_them_are_each_an_event(pipeline):
    mentions = pipeline.extract(
        "On Friday the troops burned five villages, among them Kyauk Kan, Nyaung Kone and Sin Te, and residents fled.",
        published=PUBLISHED,
    )
    assert {"Kyauk Kan", "Nyaung Kone", "Sin Te"} <= {m.place.name for m in mentions}


def test_names_a_colon_opens_and_semicolons_set_apart_are_each_an_event(pipeline):
    for text in (
        "Israeli strikes on Monday hit: Khiam; Kfar Kila; Aitaroun.",
        "Israeli strikes hit several towns in southern Lebanon on Monday: Khiam; Kfar Kila; Aitaroun.",
    ):
        mentions = pipeline.extract(text, published=PUBLISHED)
        assert {"Khiam", "Kfar Kila", "Aitaroun"} <= {m.place.name for m in mentions}, text
    # a semicolon between two clauses is no list: the second clause's place keeps its own event
    mentions = pipeline.extract(
        "Israeli drones struck Khiam on Monday; Hezbollah fired rockets at Metula.", published=PUBLISHED
    )
    assert {m.place.name: m.actor1.name for m in mentions}["Metula"] == "Hezbollah"


def test_a_placeless_total_gives_way_to_its_parts_at_their_places(pipeline):
    # the total names no place; its parts name regions: each part is an event, the total is an aggregate
    text = (
        "Air defence systems intercepted and destroyed 40 drones during the night, the defence ministry said.\n\n"
        "According to the ministry, 20 of the drones were brought down over the Kursk Region, 12 over the Voronezh "
        "Region and 8 over the Bryansk Region."
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    places = sorted(m.place.name for m in mentions if m.place is not None)
    assert places == ["Bryansk Region", "Kursk Region", "Voronezh Region"]
    assert all(m.place is not None for m in mentions)
    assert {m.sub_event_type for m in mentions} == {"Disrupted weapons use"}


def test_a_placeless_event_retold_at_one_place_stays_one_event(pipeline):
    text = (
        "Air defence systems intercepted a drone during the night, the defence ministry said.\n\n"
        "The drone was brought down over the Kursk Region."
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert len(mentions) == 1  # one interception, told twice


def test_names_a_plural_unit_word_heads_are_each_an_area_with_an_event(pipeline):
    # "the Kursk and Lipetsk regions": each name is a region (not a namesake village in another named region),
    # and two areas of one level are two events, not an area qualifying the other
    text = (
        "Russian air defences destroyed 14 drones overnight over the Mykolaiv, Kherson, Khmelnytskyi and "
        "Poltava regions, the air force said.\n"
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    places = {m.place.name: m.place for m in mentions if m.place is not None}
    assert set(places) == {"Mykolaiv", "Kherson", "Khmelnytskyi", "Poltava"}
    assert all(p.geo_precision == 3 and p.country_code == "UA" for p in places.values())
    assert places["Mykolaiv"].admin1 == "Mykolaiv"  # the oblast, not a village of Khmelnytskyi oblast
    text = "Pakistani strikes hit Kunar and Paktika provinces on Sunday, wounding four civilians, officials said.\n"
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert sorted(m.place.name for m in mentions if m.place is not None) == ["Kunar", "Paktika"]


def test_admin_areas_are_found_by_the_names_reporting_uses(pipeline):
    # Natural Earth files them as "Hilmand", "Shabeellaha Hoose", "K.P.": reporting and ACLED write these
    for name, country, admin1 in (
        ("Helmand province", "AF", "Helmand"),
        ("Lower Shabelle region", "SO", "Lower Shabelle"),
        ("Khyber Pakhtunkhwa", "PK", "Khyber Pakhtunkhwa"),
        ("Oryol region", "RU", "Oryol"),
    ):
        best = pipeline.gazetteer.candidates(name, limit=1)[0]
        assert (best.country_code, best.admin1, best.geo_precision) == (country, admin1, 3), name
    # a province of Burkina Faso carries its region as admin1, as ACLED codes it
    soum = pipeline.gazetteer.candidates("Soum province", limit=1)[0]
    assert (soum.country_code, soum.admin1, soum.admin2) == ("BF", "Sahel", "Soum")


def test_names_listed_with_places_are_places_even_where_the_model_reads_persons(pipeline):
    # the small model reads some village names as persons; listed with places, they are places like them
    text = (
        "Russian forces shelled settlements in the Kherson region over the past day, the regional governor said. "
        "Bilozerka, Antonivka, Stanislav, Beryslav, Dudchany and Kherson were hit by artillery and drones.\n"
    )
    places = {m.place.name for m in pipeline.extract(text, published=PUBLISHED) if m.place is not None}
    assert {"Bilozerka", "Antonivka", "Stanislav", "Beryslav", "Dudchany"} <= places
