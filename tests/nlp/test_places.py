"""The place scanner: which capitalised words in a sentence are places, and where the text says so."""

from __future__ import annotations

import pytest

from eventwire.geo.distance import distance_km
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.namesakes import settle_places
from eventwire.nlp.places import find_place_names


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def names(text: str, gazetteer: Gazetteer, **kw) -> list[str]:
    return [h.text for h in find_place_names(text, offset=0, gazetteer=gazetteer, **kw)]


def test_a_cue_before_a_list_covers_every_place_of_it_even_names_taken_for_persons(gazetteer):
    text = "Jets struck sites in the areas of Aitaroun, Ayta ash Shab and Kfarkela in southern Lebanon."
    persons = [
        (text.index("Aitaroun"), text.index("Aitaroun") + 8),
        (text.index("Kfarkela"), text.index("Kfarkela") + 8),
    ]
    assert names(text, gazetteer, persons=persons)[:3] == ["Aitaroun", "Ayta ash Shab", "Kfarkela"]


def test_a_word_of_a_title_or_office_is_not_a_place(gazetteer):
    assert names("Prime Minister Benjamin Netanyahu met the Security Council on Sunday.", gazetteer) == []


def test_a_settlement_word_cues_a_name_taken_for_a_person(gazetteer):
    text = "The army struck a launch site near the Lebanese border village of Kfar Kila."
    start = text.index("Kfar Kila")
    assert "Kfar Kila" in names(text, gazetteer, persons=[(start, start + 9)])


def test_a_spelling_variant_far_from_the_story_is_not_taken(gazetteer):
    # "Ruaraka" (Nairobi) is unknown to the gazetteer; its nearest spelling is Ruakaka in New Zealand
    assert names("Motorists beat up two men in Ruaraka, Kenya.", gazetteer, context_countries=["KE"]) == [
        "Kenya"
    ]


def settled(text: str, gazetteer: Gazetteer) -> dict[str, tuple[str | None, str | None]]:
    hits = settle_places(
        find_place_names(text, offset=0, gazetteer=gazetteer), text=text, gazetteer=gazetteer
    )
    return {h.text: (h.place.country_code, h.place.admin1) for h in hits}


@pytest.mark.parametrize(
    ("text", "name", "where"),
    [
        # the region named after the place, which the scanner took for a place too
        ("Gang members shot a taxi driver in Zaragoza, La Libertad.", "Zaragoza", ("SV", "La Libertad")),
        # ... or did not ("Coahuila" stands in a run of capitalised words)
        ("In Arteaga municipality, Coahuila, police detained 37 migrants.", "Arteaga", ("MX", "Coahuila")),
    ],
)
def test_a_place_is_chosen_among_its_namesakes_by_the_region_the_text_names(gazetteer, text, name, where):
    assert find_place_names(text, offset=0, gazetteer=gazetteer)  # the first pass finds the name...
    assert settled(text, gazetteer)[name] == where  # ...and the region read after it picks the namesake


def test_a_place_the_text_supports_keeps_its_record(gazetteer):
    text = "Rockets hit Kiryat Shmona and Metula in northern Israel."
    before = {h.text: h.place.geonames_id for h in find_place_names(text, offset=0, gazetteer=gazetteer)}
    hits = settle_places(
        find_place_names(text, offset=0, gazetteer=gazetteer), text=text, gazetteer=gazetteer
    )
    assert {h.text: h.place.geonames_id for h in hits} == before


def placed(text: str, gazetteer: Gazetteer, **kw) -> dict[str, tuple[str | None, str | None, str | None]]:
    hits = find_place_names(text, offset=0, gazetteer=gazetteer, **kw)
    return {h.text: (h.place.resolved_name, h.place.country_code, h.place.admin1) for h in hits}


def test_a_settlement_word_after_a_known_name_is_no_part_of_it(gazetteer):
    # "Pyay town" is no key; read whole, its consonants match a village of Rakhine ("Pya Thone")
    text = "Soldiers arrested a trader in Pyay town (Pyay township, Pyay district, Bago-West) on Monday."
    hits = find_place_names(text, offset=0, gazetteer=gazetteer)
    assert hits[0].text == "Pyay"
    assert (hits[0].place.resolved_name, hits[0].place.country_code) == ("Pyay", "MM")


def test_city_after_a_known_name_is_no_part_of_it_unless_the_whole_is_a_name(gazetteer):
    # "Al Bab city" read whole matches "Bay City" (United States) by its consonants
    assert placed("Regime forces shelled Al Bab city in Aleppo countryside.", gazetteer)["Al Bab"][1] == "SY"
    assert placed("Jets struck Gaza city overnight.", gazetteer)["Gaza city"][:2] == ("Gaza City", "PS")


def test_a_township_is_read_with_its_unit_word(gazetteer):
    text = "Residents marched in Myaing township (Pakokku district, Magway region) against the coup."
    assert placed(text, gazetteer)["Myaing township"][:2] == ("Myaing Township", "MM")


def test_each_place_is_weighed_by_the_areas_in_its_own_parenthesis(gazetteer):
    # two villages, each with its own areas: the second one's areas must not place the first
    text = (
        "Gunmen cut power lines between the villages of Kompanti (Soudougui, Koulpelogo) and "
        "Bounou (Kompienga, Kompienga)."
    )
    where = placed(text, gazetteer)
    assert where["Kompanti"][1:] == ("BF", "Centre-Est")  # the region of Koulpelogo province, as ACLED codes it
    assert where["Bounou"][1] == "BF"


@pytest.mark.parametrize(
    ("text", "name", "countries", "expected_cc"),
    [
        # the actor's country (Mali for JNIM) does not outweigh the areas the text names
        (
            "Militants abducted a herder in the village of Bongori (Foutouri, Komandjari).",
            "Bongori",
            ["ML"],
            "BF",
        ),
        ("Militants killed a trader in the village of Gargada (Diffa, Diffa).", "Gargada", ["NG"], "NE"),
    ],
)
def test_the_areas_a_text_names_outweigh_an_actors_country(gazetteer, text, name, countries, expected_cc):
    assert placed(text, gazetteer, context_countries=countries)[name][1] == expected_cc


@pytest.mark.parametrize(
    "text",
    [
        "Drone strikes near Malian rebel stronghold kill 14",
        "A Somali army convoy was ambushed on the road.",
        "Chadian troops crossed the border on Sunday.",
    ],
)
def test_a_nationality_adjective_is_not_a_place(gazetteer, text):
    # Malian, Somali and Chadian are also names of small places (China, Ethiopia...): as adjectives they are none
    assert names(text, gazetteer) == []


def test_a_country_named_by_its_own_name_before_a_noun_stays_a_place(gazetteer):
    assert "Myanmar" in names("Fighting spread across Myanmar on Sunday.", gazetteer)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "The MV Lycavitos, a bulk carrier that flies the Barbados flag, was hit in the Gulf of Aden.",
            ["Gulf of Aden"],
        ),
        ("A missile hit a bulk carrier owned in the United Kingdom off Aden.", ["Aden"]),
        ("A Liberian-flagged tanker was struck near Mokha.", ["Mokha"]),
        ("The drone hit a Toyota with a local number plate in Chwarta.", ["Chwarta"]),
        ("Gunmen in a Hyundai Santa Fe opened fire in Culiacan.", ["Culiacan"]),
    ],
)
def test_a_ships_flag_or_owner_and_a_vehicle_make_are_not_places(gazetteer, text, places):
    assert names(text, gazetteer) == places


def test_a_count_opening_a_sentence_is_not_a_place(gazetteer):
    # "Seven" and "Ten" are also village names; as the first word of a toll they are counts
    assert names("Seven people were killed when a house was hit in Khan Younis.", gazetteer) == ["Khan Younis"]
    assert names("Ten soldiers died in Kidal on Monday.", gazetteer) == ["Kidal"]


# --- near misses: the place of a sentence that locates one place by another (issues 13/14) -------------------


def hits(text: str, gazetteer: Gazetteer, **kw):
    return {h.text: h for h in find_place_names(text, offset=0, gazetteer=gazetteer, **kw)}


def test_a_village_after_a_sentence_opening_in_is_a_one_word_name(gazetteer):
    # "In" opens the sentence capitalised: it is no word of the name, so a village only a loose spelling matches
    # is still taken where the text puts something there
    found = hits("In Qaryout, south of Nablus, settlers set fire to two cars.", gazetteer, context_countries=["PS"])
    assert found["Qaryout"].place.country_code == "PS"
    assert distance_km(found["Qaryout"].place.lat, found["Qaryout"].place.lon, 32.06, 35.28) < 10  # Qaryut
    assert found["Nablus"].relation == "south of"


def test_a_relation_reaches_its_anchor_through_a_description_of_it(gazetteer):
    found = hits("A drone hit a military site in Kenana, south of the capital Khartoum.", gazetteer,
                 context_countries=["SD"])  # fmt: skip
    assert found["Khartoum"].relation == "south of"
    found = hits("A drone hit a car in Srifa, near the coastal city of Tyre.", gazetteer, context_countries=["LB"])
    assert found["Tyre"].relation == "near"


def test_a_place_located_by_another_is_never_a_namesake_abroad(gazetteer):
    # the gazetteer knows Karama towns in Jordan, the Emirates and Nigeria, none near Raqqa: the anchor instead
    found = hits("Gunmen shot dead a shopkeeper in Karama, east of Raqqa, on Monday.", gazetteer,
                 context_countries=["SY"])  # fmt: skip
    karama = found["Karama"].place
    assert karama.country_code == "SY" and karama.geo_precision == 2
    assert distance_km(karama.lat, karama.lon, 35.95, 39.01) < 30  # Raqqa
    # inside an area the text names: that area's country, never the town of another
    found = hits("Shelling hit the town of Abbasiya in southern Lebanon overnight.", gazetteer,
                 context_countries=["IL", "LB"])  # fmt: skip
    assert found["Abbasiya"].place.country_code == "LB"


def test_a_country_named_near_a_place_does_not_move_it(gazetteer):
    # "near the Niger border" says where in Burkina Faso the area lies; Niger is no point to be near
    text = "Fighters killed dozens of soldiers in the Mansila area near the Niger border."
    found = hits(text, gazetteer, context_countries=["BF", "NE"])
    assert found["Mansila"].place.country_code == "BF"


def test_a_stated_distance_and_bearing_move_the_point(gazetteer):
    found = hits("Militiamen attacked a village about 30 km north of Kadugli on Friday.", gazetteer,
                 context_countries=["SD"])  # fmt: skip
    kadugli = found["Kadugli"]
    assert kadugli.relation == "30 km north of" and kadugli.place.geo_precision == 2
    [centre] = gazetteer.candidates("Kadugli", limit=1)
    moved = distance_km(kadugli.place.lat, kadugli.place.lon, centre.lat, centre.lon)
    assert 25 < moved < 35 and kadugli.place.lat > centre.lat
    # miles are miles, and the relation keeps the text's unit
    found = hits("A missile struck a field 5 miles south of Kharkiv.", gazetteer, context_countries=["UA"])
    kharkiv = found["Kharkiv"]
    assert kharkiv.relation == "5 miles south of"
    [centre] = gazetteer.candidates("Kharkiv", limit=1)
    assert 6 < distance_km(kharkiv.place.lat, kharkiv.place.lon, centre.lat, centre.lon) < 10


def test_a_town_a_side_lost_or_seized_is_a_place_even_when_read_as_a_person(gazetteer):
    text = 'The commander said his troops had "lost Wad Madani" on Saturday.'
    start = text.index("Wad Madani")
    found = hits(text, gazetteer, persons=[(start, start + 10)], context_countries=["SD"])
    assert found["Wad Madani"].place.country_code == "SD"


def test_a_continent_or_an_admin_unit_word_is_never_a_town(gazetteer):
    # "Africa" of a group's name is no town in Chad; "Kebele 023" (an Ethiopian unit) is no village in Slovenia
    text = "Troops raided kingpins of the Islamic State West Africa Province in the Damba community."
    assert "Africa" not in names(text, gazetteer, context_countries=["NG"])
    text = "There was also fighting mainly in Kebele 023, where many houses were set on fire."
    assert names(text, gazetteer, context_countries=["ET"]) == []


def test_a_sub_district_of_a_town_is_placed_at_that_town_not_at_a_namesake_abroad(gazetteer):
    # the gazetteer's Zalan is in Romania; "the Zalan sub-district of Chwarta" is part of Chwarta (Iraq)
    text = "The drone hit a car in the Zalan sub-district of Chwarta, killing three people."
    found = hits(text, gazetteer, context_countries=["IQ", "TR"])
    assert found["Zalan"].place.country_code == "IQ"
    assert found["Zalan"].place.resolved_name == found["Chwarta"].place.resolved_name


def test_a_settlement_name_of_several_words_is_never_split_into_villages_of_its_own(gazetteer):
    # the gazetteer has a Rugar and a Kusa in Nigeria, but not "Rugar Kusa": its words are not two villages
    text = "Bandits killed nine people during a procession in Rugar Kusa village of Matazu local government area."
    found = hits(text, gazetteer, context_countries=["NG"])
    assert "Rugar" not in found and "Kusa" not in found
    # a name the gazetteer holds whole is still found, and a single-word village after other words too
    found = hits("A junta jet bombed Htun Ya Wai village in Rathedaung township.", gazetteer, context_countries=["MM"])
    assert found["Htun Ya Wai"].place.country_code == "MM"
    found = hits("Residents of Kusa village fled on Tuesday.", gazetteer, context_countries=["NG"])
    assert found["Kusa"].place.country_code == "NG"
