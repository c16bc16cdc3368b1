"""What is not news of an event: states of affairs, attempts, abilities, background years, and a later telling
that points back to an event already told ("the attack")."""

from __future__ import annotations

import datetime as dt

import pytest

PUBLISHED = dt.date(2024, 5, 20)


@pytest.mark.parametrize(
    "text",
    [
        # a present progressive or a present of going on tells what goes on, not one event
        "The killings reflect the violence in Guerrero, where rival gangs are fighting over territory.",
        "Israeli bombardment continues across much of the Gaza Strip, the agency said.",
        "Fighting between the army and the rebels goes on in Thandwe and Maungdaw townships, residents said.",
        # a span of time: a state of affairs
        "North Darfur has seen heavy fighting for months, residents said.",
        "Moscow took the town last week after months of fighting near Donetsk.",
        # an attempt, an ability, an intention
        "Local media said police tried to arrest a man in Zawiya on Saturday.",
        "The group has shown the will and the capability to attack US forces in Somalia.",
        "The governor called on his counterpart to recover the cattle and arrest those responsible in Tonj.",
        # an ability ("can still strike"); a participle describing ground, not taking it
        "Officials said the figures show the insurgents can still strike despite an offensive in Somalia.",
        "Schoolbags lay abandoned outside the school in Sagaing, residents said.",
        # a year before the publication year: background
        "The war began after the government cracked down on peaceful protests in Damascus in 2011.",
        # history dated by a bare earlier year in its own clause
        "Israel took control of the Golan Heights in the war of 1967.",
        "The rebels captured Kidal during the uprising of 2012, the army recalled.",
        # the starting point of a state of affairs ("since ..."), and a habit
        "Militias have clashed with the army almost every day since the group's attack on a checkpoint in Kismayo.",
        "Since launching an offensive on army posts in Myawaddy in October, the rebels have grown stronger.",
        "Turkey regularly carries out drone strikes on PKK fighters in the Qandil mountains.",
        # a span of dates longer than a week: a period's toll, not one event
        "Between 7 and 25 July, armed groups carried out 10 attacks on villages in Boga, killing 30 civilians and "
        "abducting 80 people.",
        "More than 700 people were killed and many others abducted in attacks in Jonglei between January and June.",
        # any event: no one event
        "The army statement said troops were ready to confront any attack on civilians in Bara.",
    ],
)
def test_no_event_is_reported(pipeline, text):
    assert pipeline.extract(text, published=PUBLISHED) == []


def test_the_strike_told_again_is_one_event_with_its_toll(pipeline):
    text = (
        "An Israeli drone struck a car in Aitaroun on Sunday, the agency said.\n\n"
        "Families fled Khiam overnight. The army said the strike was a response to rocket fire.\n\n"
        "Residents said the strike killed two people."
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert len(mentions) == 1, [(m.sub_event_type, m.place and m.place.name) for m in mentions]
    assert mentions[0].place.name == "Aitaroun"
    assert [c.killed for c in mentions[0].casualties if c.killed] == [2]


def test_a_definite_event_with_its_own_place_is_its_own_event(pipeline):
    text = (
        "An Israeli drone struck a car in Aitaroun on Sunday, the agency said.\n\n"
        "The strike on Khiam came hours later, residents said."
    )
    places = {m.place.name for m in pipeline.extract(text, published=PUBLISHED)}
    assert places == {"Aitaroun", "Khiam"}


def test_a_fighting_patrol_is_a_patrol(pipeline):
    text = "On Sunday, troops on a fighting patrol in Borgu, Niger State, recovered two AK-47 rifles."
    assert "Armed clash" not in {m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)}


def test_what_happened_during_an_attempt_is_an_event(pipeline):
    text = (
        "On Sunday, Russian forces tried to advance towards Popasna, Luhansk, clashing with Ukrainian forces."
    )
    assert [m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)] == ["Armed clash"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a year that modifies a noun is no date of the clause
        ("Rebels attacked an army post in Kidal on Sunday in breach of the 2015 peace deal.", "Kidal"),
        # a span of three days is one event
        ("Clan militias clashed in Luuq between 5 and 7 May, killing 12 people.", "Luuq"),
        # "since" on a comparison names the past, not the news event
        (
            "Drones hit a market in El Fasher on Sunday, the deadliest attack since the army retook the city.",
            "El Fasher",
        ),
    ],
)
def test_news_beside_background_words_is_kept(pipeline, text, place):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [m.place.name for m in mentions] == [place]
    assert dt.date(2024, 5, 5) <= mentions[0].date <= dt.date(2024, 5, 19)


def test_an_unplaced_telling_beside_placed_events_is_no_event_of_its_own(pipeline):
    text = (
        "Gunmen attacked an army base in Kidal on Sunday, killing four soldiers, the army said.\n\n"
        '"It was intense fighting," a resident said. The army retook the base once reinforcements arrived.'
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [m.place.name for m in mentions] == ["Kidal"]


def test_a_text_that_places_nothing_keeps_its_event(pipeline):
    mentions = pipeline.extract(
        "Gunmen killed four soldiers in an ambush on Sunday, the army said.", published=PUBLISHED
    )
    assert len(mentions) == 1 and mentions[0].place is None


_MARKET = "Drones struck a market in Omdurman on Sunday, killing 12 people, activists said.\n\n"


@pytest.mark.parametrize(
    "comment",
    [
        "The health ministry in Port Sudan condemned the attack and praised the staff of hospitals in Khartoum.",
        "The RSF said the attack was carried out in response to army strikes on Nyala.",
        "The group said the attack was an act of solidarity with the people of El Fasher.",
        "Residents searched the rubble of the strike in Bahri for survivors.",
        "Residents said the victims of the attack in Bahri included children.",
    ],
)
def test_a_comment_on_the_attack_is_no_event_where_it_is_made(pipeline, comment):
    mentions = pipeline.extract(_MARKET + comment, published=PUBLISHED)
    assert [m.place.name for m in mentions] == ["Omdurman"]
    assert mentions[0].fatalities == 12


def test_the_attack_dated_with_a_place_of_its_own_is_told_not_commented(pipeline):
    text = _MARKET + "The attack came on Sunday morning, when fighters entered a village near Bahri."
    assert {m.place.name for m in pipeline.extract(text, published=PUBLISHED)} == {"Omdurman", "Bahri"}


@pytest.mark.parametrize(
    ("text", "place", "killed"),
    [
        # the lead tells the event at its region and day; the body places it, dated by the night before
        (
            "Russian shelling killed two people in Ukraine's southern Kherson region on Sunday, the governor said.\n\n"
            "He said Russian forces fired on the village of Bilozerka late on Saturday, killing a man and his wife.",
            "Bilozerka",
            None,
        ),
        # told in other words at its village: one event, with the lead's toll
        (
            "Gunmen attacked a village in Nigeria's Plateau state on Sunday, killing 12 people, residents said.\n\n"
            "The gunmen stormed Kwatas village in Bokkos local government area late on Saturday and shot "
            "residents, a vigilante leader said.",
            None,
            12,
        ),
    ],
)
def test_a_region_lead_told_finer_in_the_body_is_one_event(pipeline, text, place, killed):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert len(mentions) == 1, [(m.sub_event_type, m.place and m.place.name) for m in mentions]
    assert mentions[0].place.feature_code not in ("ADM1", "PCLI")
    if place is not None:
        assert mentions[0].place.name == place
    if killed is not None:
        assert mentions[0].fatalities == killed


def test_a_region_event_beside_an_event_in_another_province_is_its_own(pipeline):
    text = (
        "Russian shelling killed two people in Ukraine's southern Kherson region on Sunday, the governor said.\n\n"
        "Separately, Russian soldiers shot dead a man in Kupiansk, in the Kharkiv region, on Saturday, police said."
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert len(mentions) == 2, [(m.sub_event_type, m.place and m.place.name) for m in mentions]


@pytest.mark.parametrize(
    ("text", "sub_event_type", "killed"),
    [
        # the fire a strike set is the strike, with the toll told with it
        (
            "An Israeli strike hit a tent sheltering displaced people in Mawasi on Sunday. The strike set the tent "
            "on fire, killing three people, the civil defence said.",
            "Air/drone strike",
            3,
        ),
        (
            "Attackers opened fire on a police van in Bannu on Sunday, killing two officers. They then set the "
            "police van on fire, police said.",
            None,
            2,
        ),
        (
            "Israeli settlers raided the village of Al-Mughayyir on Sunday and attacked residents with stones, "
            "injuring four people, WAFA said. The settlers also burned three homes and several vehicles in the "
            "village.",
            None,
            None,
        ),
        # weapons taken after the fight are part of it
        (
            "Troops clashed with militants in Gwoza on Sunday, killing five of them. The troops also recovered "
            "three AK-47 rifles and ammunition, the army said.",
            "Armed clash",
            5,
        ),
    ],
)
def test_what_attackers_did_to_property_in_the_attack_is_the_attack(pipeline, text, sub_event_type, killed):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert len(mentions) == 1, [(m.sub_event_type, m.place and m.place.name) for m in mentions]
    assert mentions[0].event_type != "Strategic developments"
    if sub_event_type is not None:
        assert mentions[0].sub_event_type == sub_event_type
    if killed is not None:
        assert mentions[0].fatalities == killed


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # destruction, theft or a seizure with no attack beside it is an event of its own
        ("Israeli settlers burned three homes in the village of Al-Mughayyir on Sunday, WAFA said.",
         "Looting/property destruction"),
        ("Troops on patrol in Gwoza recovered three AK-47 rifles on Sunday, the army said.", "Disrupted weapons use"),
        # a raid that hurt no one is the destruction itself
        ("Soldiers raided the village of Kun Taw on Sunday, residents said. They burned down four houses in the "
         "village.", "Looting/property destruction"),
        ("Gunmen killed 12 people in Kulben, Plateau State, on Sunday. They also looted shops in the village, "
         "residents said.", "Looting/property destruction"),
    ],
)  # fmt: skip
def test_destruction_or_theft_of_its_own_is_an_event(pipeline, text, sub_event_type):
    assert sub_event_type in {m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)}


@pytest.mark.parametrize(
    "text",
    [
        # an attack that may come: planned, prepared, possible
        "Israeli forces are making preparations for a possible large-scale attack on Rafah, officials said on "
        "Sunday.",
        "Residents of Kidal fear an imminent offensive by the army, local sources said on Sunday.",
        # a call to end what goes on is no event of the day
        "The Quartet called on Sunday for an end to the fighting in Sudan and for talks in Jeddah.",
        # a period's list: "over the past month"
        "The ministry said on Sunday that the governorates of Saada, Hajjah and Marib were targeted with missiles "
        "over the past month.",
        # a present perfect counted from a starting point: what has gone on, told to situate the news
        "Since the juntas took power, jihadists have attacked towns such as Djibo and Timbuktu, analysts say.",
        "Israel has struck Lebanon 30 times since the truce began, the army said on Sunday.",
    ],
)
def test_what_may_happen_or_has_gone_on_is_no_event(pipeline, text):
    assert pipeline.extract(text, published=PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Russian forces have shelled Kherson since dawn, killing two people, the governor said on Sunday.", "Kherson"),
        ("Israeli artillery has been shelling areas east of Khan Younis since the early hours of Sunday, the "
         "agency said.", "Khan Younis"),
    ],
)  # fmt: skip
def test_what_has_gone_on_since_the_morning_is_the_day_s_event(pipeline, text, place):
    assert [m.place.name for m in pipeline.extract(text, published=PUBLISHED)] == [place]


def test_armed_men_blocking_roads_around_an_attack_is_no_protest(pipeline):
    text = (
        "Shortly before the blast in Kabul on Sunday, the Taliban had blocked the roads leading to the mosque, "
        "a shopkeeper said."
    )
    assert "Protests" not in {m.event_type for m in pipeline.extract(text, published=PUBLISHED)}


@pytest.mark.parametrize(
    "text",
    [
        "Residents blocked the main road in Bela on Sunday to protest against power cuts.",
        "Truck drivers blocked the highway near Bela on Sunday, police said.",
    ],
)
def test_people_blocking_roads_is_a_protest(pipeline, text):
    assert [m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)] == ["Peaceful protest"]


@pytest.mark.parametrize(
    "text",
    [
        # sirens are a warning, not a strike or a blast
        "Air-raid sirens went off in Tel Aviv and West Jerusalem on Sunday, sending residents to shelters.",
        # a present perfect in a sentence that tells a period: what has gone on since the ceasefire
        "Although hostilities have fallen considerably since the UN-brokered ceasefire began in April 2022, the "
        "Houthis have shelled civilian areas of Taiz city and fired drones at government troops in Marib, "
        "officials said on Sunday.",
    ],
)
def test_warnings_and_what_has_gone_on_over_a_period_are_no_events(pipeline, text):
    assert pipeline.extract(text, published=PUBLISHED) == []


@pytest.mark.parametrize(
    "text",
    [
        # a crowd word inside a group's name, in a subject of armed men
        '"A very large number of armed men, certainly terrorists who are members of the Support Group for Islam '
        'and Muslims, attacked the Namissiguima military detachment early this morning," a local source said.',
        # "the group" is the armed group the text has named
        "Several ISIS militants attacked the town of Dibis in Kirkuk on Sunday and killed two Iraqi soldiers. "
        'The group attacked the forces "from two sides", the source said.',
    ],
)
def test_armed_men_attacking_forces_is_no_riot(pipeline, text):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert mentions and all(m.event_type == "Battles" for m in mentions), [
        (m.sub_event_type, m.actor1 and m.actor1.name) for m in mentions
    ]
    assert not any(m.actor1 and m.actor1.name.startswith("Rioters") for m in mentions)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the reason a side gives is told to explain the news, not as news; its place is not the news event's
        ("Hezbollah said it fired rockets at Kiryat Shmona on Sunday in response to Israeli air strikes on "
         "southern Lebanon.", "Kiryat Shmona"),
        ("The Houthis said they fired a missile at Eilat on Sunday in retaliation for Israel's strikes on the "
         "Gaza Strip.", "Eilat"),
        ("Hezbollah said it fired rockets at Metula on Sunday to avenge repeated Israeli strikes on Khiam.", "Metula"),
        ("The group said it shelled Sderot on Sunday in response to the Israeli aggression against Lebanon.",
         "Sderot"),
    ],
)  # fmt: skip
def test_a_motive_is_no_event(pipeline, text, place):
    """A reason placed only at a country or a region, or a run of attacks, is background (coding.md section 8)."""
    assert [m.place.name for m in pipeline.extract(text, published=PUBLISHED)] == [place]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("The Houthis said they fired a missile at Eilat on Sunday in retaliation for the Israeli strike on "
         "Hodeidah port.", {"Eilat", "Hodeidah"}),
        ("Hezbollah said it fired rockets at Kiryat Shmona in response to the Israeli strike on Khiam.",
         {"Kiryat Shmona", "Khiam"}),
    ],
)  # fmt: skip
def test_a_motive_placed_at_a_town_or_site_is_an_event(pipeline, text, places):
    """One attack the text places at a town or a site is an event like any other, though told as a reason."""
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert {m.place.name.removesuffix(" port") for m in mentions} == places
    assert len(mentions) == 2


def test_a_motive_dated_as_the_day_s_news_is_an_event(pipeline):
    text = (
        "HTS fighters killed five soldiers in Latakia on Sunday in response to the shelling of Sarmin by the "
        "Syrian army earlier on Sunday, the monitor said."
    )
    assert {m.place.name for m in pipeline.extract(text, published=PUBLISHED)} >= {"Sarmin"}


@pytest.mark.parametrize(
    "text",
    [
        # the typed telling first, the untyped word later and far off
        "A suicide bomber blew himself up at the gate of a military camp in Mogadishu on Sunday, killing four "
        "soldiers, police said.\n\nThe city's markets were closed and buses ran late, officials said. Volunteers "
        "handed out water and bread in the centre of the city and repaired windows in several schools.\n\n"
        "Al Shabaab said it carried out an attack in Mogadishu on Sunday.",
    ],
)
def test_an_untyped_attack_at_the_place_and_day_of_a_typed_event_is_that_event(pipeline, text):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert len(mentions) == 1, [(m.sub_event_type, m.place and m.place.name, m.trigger) for m in mentions]
    assert mentions[0].sub_event_type == "Suicide bomb"


def test_a_clash_and_a_strike_at_one_town_on_one_day_are_two_events(pipeline):
    text = (
        "Israeli drones struck a house in Khiam on Sunday, killing two people.\n\n"
        "Later on Sunday, Hezbollah fighters clashed with Israeli troops in Khiam, the group said."
    )
    assert len(pipeline.extract(text, published=PUBLISHED)) == 2


def test_a_comment_on_the_attack_with_other_sides_and_places_is_no_event(pipeline):
    text = (
        "Israeli warplanes struck a building in Mazzeh on Tuesday, killing three people, the monitor said.\n\n"
        "Syrian government forces controlled the area in Damascus at the time of the attack, the monitor said."
    )
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert len(mentions) == 1
    assert mentions[0].sub_event_type == "Air/drone strike"
