"""Typing in the ACLED taxonomy: who fights decides between a riot and a battle; a shot civilian is an attack."""

from __future__ import annotations

import datetime as dt

import pytest

PUBLISHED = dt.date(2024, 5, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # crowds that beat, stone or fight: riots (ACLED: mob violence; violent demonstration when demonstrating)
        ("On Sunday, residents of Kibera in Nairobi beat up two men suspected of robbery.", "Mob violence"),
        ("Israeli settlers hurled stones at Palestinian cars near Huwara on Sunday.", "Mob violence"),
        (
            "On Sunday, supporters of two rival parties clashed in Nakuru, injuring six people.",
            "Mob violence",
        ),
        (
            "Demonstrators clashed with police in Nairobi on Sunday during a protest against new taxes.",
            "Violent demonstration",
        ),
        (
            "Protesters set tyres on fire and blocked roads in Mombasa on Sunday to protest the tax bill.",
            "Violent demonstration",
        ),
        # armed groups that fight: battles, whatever else the sentence says
        ("Hezbollah fighters clashed with Israeli troops near Aitaroun on Sunday.", "Armed clash"),
        ("Residents said Israeli jets struck a house in Bint Jbeil on Sunday.", "Air/drone strike"),
        # shootings and killings of people by hand
        ("On Sunday, a man was shot and killed by two armed men in Mossoro.", "Attack"),
        ("Gunmen killed three farmers in the village of Maiduguri on Sunday.", "Attack"),
        # property destruction
        ("Militants burned a transport truck near Falagountou on Sunday.", "Looting/property destruction"),
    ],
)
def test_sub_event_type_follows_who_acts_and_how(pipeline, text, expected):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [m.sub_event_type for m in mentions] == [expected], [
        (m.sub_event_type, m.trigger) for m in mentions
    ]


def test_a_toll_alone_is_not_an_attack_on_civilians(pipeline):
    # the killing belongs to the strike; "killed" alone names no second event
    text = "An Israeli air strike on a house in Aitaroun on Sunday killed three people, the health ministry said."
    assert [m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)] == ["Air/drone strike"]


def test_a_clash_between_two_sides_names_both(pipeline):
    text = "On Sunday, clashes took place between Russian forces and Ukrainian forces near Toshkivka, Luhansk region."
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert (mention.actor1.name, mention.actor2.name) == (
        "Military Forces of Russia (2000-)",
        "Military Forces of Ukraine (2019-)",
    )


def test_unnamed_state_forces_are_the_forces_of_the_events_country(pipeline):
    text = "On Sunday, the military arrested a school teacher in Shwebo town, Sagaing region, Myanmar."
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert mention.sub_event_type == "Arrests"
    assert mention.actor1.name == "Military Forces of Myanmar (2021-)"


def test_a_durative_clause_drops_only_itself_and_its_date_is_not_the_events(pipeline):
    text = (
        "Russian artillery pounded the border town of Vovchansk on Sunday, where fighting has raged since Moscow "
        "launched a cross-border offensive on May 10, the governor said."
    )
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert mention.sub_event_type == "Shelling/artillery/missile attack"
    assert mention.date == dt.date(2024, 5, 19)  # Sunday before publication, not the start of the offensive


def test_a_capital_that_acts_is_its_government_not_a_place(pipeline):
    text = "Israeli jets struck a house in Khiam on Sunday, as Washington pledged more aid."
    assert [m.place.resolved_name for m in pipeline.extract(text, published=PUBLISHED)] == ["Khiam"]


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        (
            "Israeli warplanes struck a house in Aitaroun on Sunday, killing three people.",
            "Civilians (Lebanon)",
        ),
        (
            "Hezbollah fired a guided missile at an army position near Shtula on Sunday.",
            "Military Forces of Israel (2022-)",
        ),
        ("Hezbollah fired rockets at Kiryat Shmona on Sunday.", None),  # no target named: none invented
    ],
)
def test_the_target_side_of_a_strike_follows_what_was_hit(pipeline, text, actor2):
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert (mention.actor2.name if mention.actor2 else None) == actor2


def test_a_country_wide_summary_gives_way_to_the_placed_events(pipeline):
    text = (
        "Israeli warplanes struck a house in Aitaroun on Sunday, killing three people. "
        "Hezbollah fired rockets at Israel on Sunday."
    )
    assert [m.place.resolved_name for m in pipeline.extract(text, published=PUBLISHED)] == ["Aitaroun"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ACLED: a state's forces abroad overtake territory; a government regains its own
        (
            "Russian forces captured the village of Novohrodivka in the Donetsk region on Sunday.",
            ("Non-state actor overtakes territory", "Military Forces of Russia (2000-)"),
        ),
        (
            "Ukrainian forces recaptured the village of Robotyne in Zaporizhzhia region on Sunday.",
            ("Government regains territory", "Military Forces of Ukraine (2019-)"),
        ),
        # the actor's name can hold the trigger; a ground raid is not an air strike
        (
            "A Russian glide bomb struck an apartment block in Kharkiv on Sunday, killing three people.",
            ("Air/drone strike", "Military Forces of Russia (2000-)"),
        ),
    ],
)
def test_type_and_actor_follow_who_acts_where(pipeline, text, expected):
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert (mention.sub_event_type, mention.actor1.name if mention.actor1 else None) == expected


def test_a_speaker_and_its_country_are_neither_target_nor_place(pipeline):
    text = (
        "Israeli forces raided the Jenin camp on Sunday, killing two people, the Gaza health ministry said."
    )
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert mention.sub_event_type != "Air/drone strike"
    assert mention.place.resolved_name != "Gaza"


def test_arrests_during_a_raid_are_an_event_beside_the_fighting(pipeline):
    text = (
        "Israeli forces raided the Jenin refugee camp on Sunday, setting off gunbattles with Palestinian militants "
        "and detaining at least eight people."
    )
    assert sorted(m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)) == [
        "Armed clash",
        "Arrests",
    ]


@pytest.mark.parametrize(
    ("text", "actor1", "places"),
    [
        (
            "The Houthis claimed responsibility for a missile attack on the port city of Eilat on Sunday.",
            "Military Forces of Yemen (2016-) Supreme Political Council",
            ["Eilat"],
        ),
        (
            "The IDF said it had eliminated a Hezbollah commander in a drone strike near Tyre on Sunday.",
            "Military Forces of Israel (2022-)",
            ["Tyre"],
        ),
        (
            "The RSF shelled the Abu Shouk displacement camp near El Fasher on Sunday, killing five people.",
            "Rapid Support Forces",
            ["Abu Shouk camp"],
        ),
    ],
)
def test_who_claims_acts_and_a_place_near_another_is_one_event(pipeline, text, actor1, places):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [m.actor1.name for m in mentions] == [actor1]
    assert [m.place.resolved_name for m in mentions] == places


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # destruction by the demonstrators makes a demonstration violent, in its own sentence or the next ones
        (
            "Residents blocked the main road in Recife on Sunday with burning tyres to demand water.",
            "Violent demonstration",
        ),
        (
            "Hundreds demonstrated in Rennes on Sunday. They broke shop windows and set bins on fire.",
            "Violent demonstration",
        ),
        (
            "Street vendors protested in Lagos on Sunday. Some protesters threw stones at police officers.",
            "Violent demonstration",
        ),
        # a blocked road alone, or a burned effigy, is a peaceful protest
        ("Truck drivers blocked the highway near Lima on Sunday to protest fuel prices.", "Peaceful protest"),
        (
            "Students burned an effigy of the minister during a protest in Dhaka on Sunday.",
            "Peaceful protest",
        ),
    ],
)
def test_a_demonstration_that_burns_barricades_or_stones_is_a_riot(pipeline, text, expected):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [m.sub_event_type for m in mentions] == [expected], [
        (m.sub_event_type, m.trigger) for m in mentions
    ]
    assert mentions[0].actor1.name.startswith("Rioters" if expected.startswith("Violent") else "Protesters")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a named or unnamed killer and civilian victims, a body found with marks of violence, fire at people
        ("On Sunday, suspected herders killed a farmer at his farm in Agatu.", "Attack"),
        ("On Sunday, the ADF killed 12 civilians in the village of Mukoko near Beni.", "Attack"),
        ("A man was killed and his body was found in a field near Tijuana on Sunday.", "Attack"),
        ("The body of a young man was found riddled with bullets in Culiacan on Sunday.", "Attack"),
        ("Gunmen opened fire on a passenger bus near Kaduna on Sunday.", "Attack"),
        # the toll of a strike or a missile fire stays with the strike
        ("On Sunday, an Israeli strike killed two women in Aitaroun.", "Air/drone strike"),
        ("On Sunday, a drone fired two missiles at a car near Nabatieh.", "Explosions/Remote violence"),
    ],
)
def test_a_killing_of_civilians_by_hand_is_an_attack_and_a_strikes_toll_is_not(pipeline, text, expected):
    mentions = pipeline.extract(text, published=PUBLISHED)
    got = [m.event_type if expected == m.event_type else m.sub_event_type for m in mentions]
    assert got == [expected], [(m.sub_event_type, m.trigger) for m in mentions]


@pytest.mark.parametrize(
    ("text", "sub_event_type", "actor1"),
    [
        # a killing told in the passive: the victim before the words decides, the killer after them acts
        (
            "On Sunday, a farmer was killed by gunmen near Maiduguri.",
            "Attack",
            "Unidentified Armed Group (Nigeria)",
        ),
        (
            "On Sunday, a soldier was killed by Islamic State militants near Arish.",
            "Armed clash",
            "Islamic State (Egypt)",
        ),
        (
            "On Sunday, three civilians were killed by a Russian mine in Lazurne.",
            "Remote explosive/landmine/IED",
            "Military Forces of Russia (2000-)",
        ),
        (
            "On Sunday, residents of Port-au-Prince stoned a thief in Delmas.",
            "Mob violence",
            "Rioters (Haiti)",
        ),
        # police named by the parser as an apposition of the place before them
        (
            "On Sunday, in Soyapango, San Salvador, police forces arrested 66 gang members.",
            "Arrests",
            "Police Forces of El Salvador (2019-)",
        ),
        # convened by a union is not a call to protest later
        (
            "On Sunday, nurses called by the SATSE union protested in Vigo.",
            "Peaceful protest",
            "Protesters (Spain)",
        ),
    ],
)
def test_passive_killings_mines_stonings_police_and_union_protests(pipeline, text, sub_event_type, actor1):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [(m.sub_event_type, m.actor1 and m.actor1.name) for m in mentions] == [(sub_event_type, actor1)]


@pytest.mark.parametrize(
    ("text", "sub_event_type", "actor2"),
    [
        # ACLED's other side when the sentence names none: the arrested are civilians, the police intervened
        (
            "On Sunday, Israeli forces arrested five Palestinians in Jenin.",
            "Arrests",
            "Civilians (Palestine)",
        ),
        (
            "On Sunday, police fired tear gas to disperse protesters in Nairobi.",
            "Protest with intervention",
            "Police Forces of Kenya",
        ),
        # a battle's other side is the armed party the text names elsewhere
        (
            "Israeli troops pushed into southern Lebanon on Sunday. On Sunday, Hezbollah fighters clashed near "
            "Aitaroun.",
            "Armed clash",
            "Military Forces of Israel",
        ),
    ],
)
def test_the_other_side_acled_codes_when_the_sentence_names_none(pipeline, text, sub_event_type, actor2):
    mentions = [m for m in pipeline.extract(text, published=PUBLISHED) if m.sub_event_type == sub_event_type]
    assert mentions and mentions[-1].actor2 is not None, [(m.sub_event_type, m.actor2) for m in mentions]
    assert mentions[-1].actor2.name.startswith(actor2)


def test_a_demonym_before_occupation_names_that_state(pipeline):
    text = "On Sunday, the Turkish occupation army shelled villages near Tal Rifaat."
    assert [m.actor1.name for m in pipeline.extract(text, published=PUBLISHED)] == [
        "Military Forces of Turkey (2016-)"
    ]


def test_an_offensive_is_an_event_when_launched_not_when_summed_up(pipeline):
    launched = "Sudan's army launched an offensive in Khartoum on Sunday to retake parts of the capital."
    summed = "Israel's offensive in Gaza has since killed more than 41,000 Palestinians, the ministry said."
    assert [m.event_type for m in pipeline.extract(launched, published=PUBLISHED)] == ["Battles"]
    assert pipeline.extract(summed, published=PUBLISHED) == []


@pytest.mark.parametrize(
    "text",
    [
        "On Sunday, a drone of the Turkish army targeted a car near Tal Hamis, killing two fighters.",
        "On Sunday, a UAV launched by Hezbollah from Lebanon hit a building in Caesarea.",
        "On Sunday, Hezbollah launched a drone attack on an army base in Margaliot.",
    ],
)
def test_an_attack_by_a_drone_or_aircraft_is_an_air_strike(pipeline, text):
    assert [m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)] == ["Air/drone strike"]


def test_a_participle_of_a_durative_summary_is_no_event(pipeline):
    text = (
        "Since the beginning of the year the army has intensified its attacks on the region, targeting power "
        "stations and water pumps."
    )
    assert pipeline.extract(text, published=PUBLISHED) == []


def test_a_base_named_in_an_attack_is_its_place_and_drones_make_it_a_strike(pipeline):
    text = "Iraqi militants attacked Ain al-Asad Air Base with drones on Sunday."
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [(m.sub_event_type, m.place and m.place.name) for m in mentions] == [
        ("Air/drone strike", "Ain al-Asad Air Base")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Sunday, Maoist cadres set ablaze two road construction machines near Kiamunda.",
            "Looting/property destruction",
        ),
        ("On Sunday, gunmen set to fire a truck and a warehouse in Quidico.", "Looting/property destruction"),
        ("On Sunday, two women were burned alive at their home in Delmas.", "Attack"),
    ],
)
def test_burning_property_is_destruction_and_burning_people_alive_is_an_attack(pipeline, text, expected):
    assert [m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)] == [expected]


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # unnamed forces as the agent of a passive, or one side of a clash, act
        (
            "On Sunday, an explosive device was found near a house in Ajaccio and defused by police forces.",
            "Police Forces of France",
        ),
        (
            "On Sunday, fighting broke out between military forces and rebels near Mongton in Myanmar.",
            "Military Forces of Myanmar",
        ),
        # the only side a clash names is its actor1
        (
            "On Sunday, three gunmen were killed in clashes with the Taliban in Parwan.",
            "Military Forces of Afghanistan",
        ),
    ],
)
def test_forces_named_after_the_trigger_and_the_one_side_of_a_clash_act(pipeline, text, actor1):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert mentions and mentions[0].actor1 is not None, [(m.sub_event_type, m.actor1) for m in mentions]
    assert mentions[0].actor1.name.startswith(actor1)


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "On Sunday, police forces beat up and later arrested a former political prisoner in Managua.",
            "Attack",
        ),
        ("On Sunday, three youths were arrested and killed by the military near Kale in Myanmar.", "Attack"),
        (
            "On Sunday, two former policemen were arrested by the Taliban in Ghazni. Their whereabouts are unknown.",
            "Abduction/forced disappearance",
        ),
        ("On Sunday, regime intelligence arrested three young men in the town of Nawa in Syria.", "Arrests"),
    ],
)
def test_an_arrest_with_violence_is_an_attack_and_one_without_trace_a_disappearance(
    pipeline, text, sub_event_type
):
    assert [m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)][:1] == [sub_event_type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Sunday, Ukrainian forces fired 120mm mortars and grenade launchers at positions near Avdiivka.",
            "Shelling/artillery/missile attack",
        ),
        (
            "On Sunday, the local PDF carried out mine attacks against a military convoy near Kale.",
            "Remote explosive/landmine/IED",
        ),
        (
            "On Sunday, unidentified men carried out a hand-grenade attack on a military-owned bank in Mandalay.",
            "Grenade",
        ),
    ],
)
def test_the_weapon_named_types_the_attack(pipeline, text, expected):
    assert [m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Sunday, union members held a press conference with banners in front of the labour office in Seoul.",
            "Peaceful protest",
        ),
        (
            "On Sunday, members of the church participated in a march for peace in Tijuana.",
            "Peaceful protest",
        ),
        (
            "On Sunday, people barricaded roads with burning tires in Fochville to express opposition to power cuts.",
            "Violent demonstration",
        ),
    ],
)
def test_banners_marches_and_barricades_with_a_purpose_are_demonstrations(pipeline, text, expected):
    assert [m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)] == [expected]


def test_a_raid_by_forces_named_by_their_warplanes_is_an_air_strike(pipeline):
    text = (
        "On Sunday, Israeli warplanes launched a series of raids on the towns of the south. A raid targeted a house "
        "in the town of Deir Qanoun al-Nahr, killing three people, the health ministry said."
    )
    placed = [m for m in pipeline.extract(text, published=PUBLISHED) if m.place and "Qanoun" in m.place.name]
    assert [m.sub_event_type for m in placed] == ["Air/drone strike"]


def test_a_target_hit_with_drones_named_after_the_verb_is_an_air_strike(pipeline):
    text = "On Sunday, Hezbollah said it had targeted the Ramim barracks with drones."
    assert [m.sub_event_type for m in pipeline.extract(text, published=PUBLISHED)] == ["Air/drone strike"]
