"""Recall on real reporting (issue 13): events the extractor used to miss. Killing, shooting and opening fire by
any armed or unnamed agent; every name of a "towns of A, B and C" list; an encounter between forces and armed
men."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.geo.distance import distance_km
from eventwire.nlp.places import areas_holding, find_place_names

PUBLISHED = dt.date(2024, 5, 6)


def _one(pipeline, text):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert len(mentions) == 1, [(m.sub_event_type, m.place and m.place.name) for m in mentions]
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "sub_event_type", "place", "point"),
    [
        ("Militiamen killed a refugee in Bunia on Sunday.", "Attack", "Bunia", (1.566, 30.252)),
        (
            "Russian forces shot volunteers who were delivering aid near Kupiansk on Sunday.",
            "Attack",
            "Kupiansk",
            (49.711, 37.616),
        ),
        ("Israeli forces opened fire towards farmers east of Khan Younis on Sunday.", "Attack", "Khan Younis",
         (31.346, 34.306)),  # fmt: skip
        ("Armed individuals attacked and killed a pastoralist in Kutum on Sunday.", "Attack", "Kutum",
         (14.2, 24.667)),  # fmt: skip
        # the victims type the killing, not the agent's own words: soldiers who kill militants fight them
        ("Soldiers killed 13 militants in Janale on Sunday.", "Armed clash", "Janale", (1.802, 44.697)),
    ],
)
def test_killing_shooting_or_opening_fire_by_any_armed_agent_is_an_event(
    pipeline, text, sub_event_type, place, point
):
    mention = _one(pipeline, text)
    assert mention.sub_event_type == sub_event_type
    assert mention.place is not None and mention.place.name == place
    assert distance_km(mention.place.lat, mention.place.lon, *point) < 25
    assert mention.date == dt.date(2024, 5, 5)
    assert mention.actor1 is not None


@pytest.mark.parametrize(
    "text",
    [
        "Two soldiers killed in Kutum on Sunday were buried on Monday.",  # a reduced passive: the dead, not the killers
        "Russian forces shot down a drone over Belgorod on Sunday.",  # an interception, not a shooting
        "The soldiers were killed in Janale on Sunday.",
    ],
)
def test_an_agent_word_before_a_passive_or_an_interception_is_no_shooting(pipeline, text):
    assert not [m for m in pipeline.extract(text, published=PUBLISHED) if m.sub_event_type == "Attack"]


def test_an_encounter_with_soldiers_is_an_armed_clash(pipeline):
    mention = _one(pipeline, "Three rebels were killed in an encounter with soldiers in Davao City on Sunday.")
    assert mention.sub_event_type == "Armed clash"


def test_a_plural_settlement_cue_opens_a_list_not_a_village_inside_an_area(pipeline):
    text = "Israeli forces hit positions on Monday in the towns of Khiam, Aitaroun, Kfar Kila and Houla."
    hits = find_place_names(text, offset=0, gazetteer=pipeline.gazetteer)
    assert [h.text for h in hits] == ["Khiam", "Aitaroun", "Kfar Kila", "Houla"]
    assert areas_holding(text, 0, hits) == {}  # no name holds another
    places = {m.place.name for m in pipeline.extract(text, published=PUBLISHED) if m.place is not None}
    assert {"Khiam", "Aitaroun", "Kfar Kila", "Houla"} <= places
    # a coarser place after the list still only says where the towns are
    text = "Gunmen attacked the towns of Mangu and Bokkos, Plateau, on Sunday."
    hits = find_place_names(text, offset=0, gazetteer=pipeline.gazetteer)
    assert [h.text for h in hits] == ["Mangu", "Bokkos", "Plateau"]
    places = [m.place.name for m in pipeline.extract(text, published=PUBLISHED) if m.place is not None]
    assert sorted(places) == ["Bokkos", "Mangu"]
    # a singular cue still reads the next name as the area that holds the settlement
    text = "Soldiers raided the town of Mangu, Plateau, on Sunday."
    hits = find_place_names(text, offset=0, gazetteer=pipeline.gazetteer)
    assert areas_holding(text, 0, hits) == {0: ("Plateau",)}


def test_a_settlement_named_in_the_next_paragraph_places_an_event_told_at_the_province(pipeline):
    text = (
        "Gunmen attacked two villages in Zamfara State, Nigeria, on Sunday, killing 12 people, police said.\n\n"
        "Residents said the gunmen entered the town of Tsafe at about 3am.\n"
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [m.place.name for m in mentions if m.place is not None] == ["Tsafe"]
    assert distance_km(mentions[0].place.lat, mentions[0].place.lon, 11.958, 6.921) < 10
    assert mentions[0].date == dt.date(2024, 5, 5)  # the first telling's day stays


def test_a_settlement_in_another_province_does_not_move_the_event(pipeline):
    text = (
        "Gunmen attacked two villages in Zamfara State, Nigeria, on Sunday, killing 12 people, police said.\n\n"
        "The governor spoke about it in the town of Kano on Monday.\n"
    )
    places = [m.place.name for m in pipeline.extract(text, published=PUBLISHED) if m.place is not None]
    assert places == ["Zamfara State"]


def test_a_placed_retelling_without_a_day_takes_the_day_of_the_summary_before_it(pipeline):
    text = (
        "Armed men ambushed soldiers in western Niger on Saturday, killing sixteen of them.\n\n"
        "The attack on a National Guard patrol in the Tillia area is further evidence of the insecurity.\n"
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    tillia = [m for m in mentions if m.place is not None and m.place.name == "Tillia"]
    assert tillia and tillia[0].date == dt.date(2024, 5, 4)
    assert not [m for m in mentions if m.place is not None and m.place.name == "Niger"]


def test_a_toll_at_a_settlement_after_an_attack_is_that_attack_at_each_place(pipeline):
    text = (
        "Russian forces shelled frontline villages in Donetsk Oblast on Sunday, the governor said.\n\n"
        "Two people were killed in the town of Kurakhove and one in Velyka Novosilka.\n"
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    placed = {m.place.name: m for m in mentions if m.place is not None}
    assert set(placed) == {"Kurakhove", "Velyka Novosilka"}
    village = placed["Velyka Novosilka"]
    assert village.sub_event_type == "Shelling/artillery/missile attack"
    assert village.actor1 is not None and village.actor1.name.startswith("Military Forces of Russia")
    assert distance_km(village.place.lat, village.place.lon, 47.843, 36.829) < 10


@pytest.mark.parametrize(
    "toll",
    [
        "Israel has since killed more than 20,000 Palestinians in the town of Khan Younis.",  # a running toll
        "Over the same period more than a dozen people have been killed in the village of Huwara.",
    ],
)
def test_a_running_toll_or_a_toll_with_no_attack_before_it_is_no_event(pipeline, toll):
    text = "Israeli aircraft struck a house in Rafah on Sunday, killing four people.\n\n" + toll + "\n"
    places = {m.place.name for m in pipeline.extract(text, published=PUBLISHED) if m.place is not None}
    assert places == {"Rafah"}
    text = "The ministry published its weekly report on Sunday.\n\nTwo people were killed in the village of Huwara.\n"
    assert not pipeline.extract(text, published=PUBLISHED)


def test_each_labelled_list_item_under_an_intro_naming_the_attacker_is_an_event(pipeline):
    text = (
        "Hezbollah said on Sunday its fighters had struck Israeli positions:\n"
        "– Meron Base: Long-range rockets targeted this major airbase.\n"
        "– Metula: Repeated rocket salvos targeted forces east of the town.\n"
        "– Shomera: A drone attacked a gathering of soldiers.\n"
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert sorted(m.place.name for m in mentions) == ["Meron Base", "Metula", "Shomera"]
    assert {m.actor1.name for m in mentions} == {"Hezbollah"}
    metula = next(m for m in mentions if m.place.name == "Metula")
    assert metula.sub_event_type == "Shelling/artillery/missile attack"
    assert distance_km(metula.place.lat, metula.place.lon, 33.28, 35.58) < 5


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("On Sunday, near Mutwanga, four civilians were also beheaded.", "Attack"),
        ("Militants claimed an attack on the Peshmerga in Kirkuk late on Sunday that killed four of them.",
         "Armed clash"),  # fmt: skip
    ],
)
def test_an_adverb_or_a_toll_after_the_attack_word_leaves_the_event(pipeline, text, sub_event_type):
    mention = _one(pipeline, text)
    assert mention.sub_event_type == sub_event_type
    assert mention.place is not None and mention.date == dt.date(2024, 5, 5)


def test_ground_fire_and_a_drone_at_one_place_are_two_events_but_missiles_from_warplanes_one(pipeline):
    text = "On Sunday, Bilopillia came under artillery fire and was hit by guided aerial bombs, officials said."
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert sorted(m.sub_event_type for m in mentions) == ["Air/drone strike", "Shelling/artillery/missile attack"]
    assert {m.place.name for m in mentions} == {"Bilopillia"}
    text = "On Sunday, Israeli warplanes fired several missiles at a building in Mazzeh, Damascus."
    assert len(pipeline.extract(text, published=PUBLISHED)) == 1  # no second event for the missiles


def test_the_community_an_event_points_back_to_is_its_place(pipeline):
    text = (
        "Plateau killings\n\n"
        "Gunmen on Saturday night killed the village head of the Tsafe community in Zamfara State, Nigeria.\n\n"
        "Residents said the attackers came on motorcycles.\n\n"
        "The gunmen also abducted five people from the community, police said.\n"
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert sorted(m.sub_event_type for m in mentions) == ["Abduction/forced disappearance", "Attack"]
    assert {m.place.name for m in mentions} == {"Tsafe"}
    assert all(m.date == dt.date(2024, 5, 4) for m in mentions if m.sub_event_type == "Attack")


def test_a_speaker_before_the_agent_does_not_shoot(pipeline):
    mention = _one(pipeline, "Police said the gunmen killed two farmers in Tsafe, Zamfara State, on Sunday.")
    assert mention.trigger.lower().startswith(("gunmen", "killed"))
    assert mention.sub_event_type == "Attack"


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Settlers cut down 90 olive trees in Yasuf village on Sunday.", "Looting/property destruction"),
        ("On Sunday troops conducted an offensive operation against terrorists in Batsari, Katsina State.",
         "Armed clash"),  # fmt: skip
        ("On Sunday troops on a fighting patrol engaged bandits at Tsafe, Zamfara State.", "Armed clash"),
        ("A motorcyclist was found shot in Tsafe, Zamfara State, on Sunday.", "Attack"),
    ],
)
def test_property_destruction_and_operations_against_armed_men_are_events(pipeline, text, sub_event_type):
    mention = _one(pipeline, text)
    assert mention.sub_event_type == sub_event_type
    assert mention.place is not None and mention.date == dt.date(2024, 5, 5)



def test_plural_attacks_that_took_place_at_listed_towns_are_one_event_per_town(pipeline):
    text = (
        "FARC dissidents attacked police stations in Cauca department, Colombia, early on Sunday.\n\n"
        'The attacks took place "in various municipalities of Cauca, such as Corinto, Toribio and Caldono".\n'
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert {"Corinto", "Toribio", "Caldono"} <= {m.place.name for m in mentions if m.place is not None}
    assert all(m.date == dt.date(2024, 5, 5) for m in mentions)
    # a plural that sums up a campaign stays no event
    text = "The group has carried out attacks on police across Cauca for years, officials said on Sunday."
    assert not pipeline.extract(text, published=PUBLISHED)


@pytest.mark.parametrize(
    "sentence",
    [
        "Security forces carried out an intelligence-based operation near Mir Ali on Saturday, killing three terrorists.",
        "The commander confirmed that the militants died in a special security operation in Janale on Friday.",
    ],
)
def test_a_security_operation_that_killed_militants_is_an_armed_clash_there(pipeline, sentence):
    mentions = pipeline.extract(sentence, published=PUBLISHED)
    assert [m.sub_event_type for m in mentions] == ["Armed clash"]
    assert mentions[0].place is not None and mentions[0].place.name in ("Mir Ali", "Janale")


def test_an_operation_that_killed_civilians_is_no_clash_by_these_words(pipeline):
    mentions = pipeline.extract(
        "The army launched a military operation in Jenin on Monday, killing 10 civilians.",
        published=PUBLISHED,
    )
    assert not any(m.sub_event_type == "Armed clash" for m in mentions)
