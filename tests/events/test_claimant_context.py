"""Who tells an event when the speaker is not the sentence's plain subject: a frame after its clause, a source the
outlet names for an event it first told in its own voice, a bulletin named a paragraph later, a country before a
headline's colon, and "the group" as the subject of an attack (docs/coding.md sections 3 and 7)."""

from __future__ import annotations

from corpus import mentions_of_text as extract
from eventwire.events.claimants import ClaimantNamer


def test_a_speaker_after_the_clause_is_the_claimant_not_the_attacker(pipeline):
    # the parser hangs "an officer of the Kirkuk police" on "soldiers" and leaves "told" without a subject
    text = (
        "date 2023-05-02\npublisher Example Wire\nSoldiers killed in attack\n\n"
        "Islamic State militants attacked an army checkpoint in the village of Hawija in Kirkuk province on Monday "
        "and killed two soldiers, an officer of the Kirkuk police told reporters.\n"
    )
    [event] = extract(pipeline, text)
    assert event.actor1.name == "Islamic State (Iraq)"
    assert event.claim.claimant == "Police Forces of Iraq (2022-)"


def test_a_source_the_outlet_names_outranks_the_outlets_own_telling(pipeline):
    text = (
        "date 2024-04-25\npublisher Example Wire\nHouse bombed in Rafah\n\n"
        "Gaza, 25 April - Five Palestinians were killed at dawn today in an Israeli bombing of a house in Rafah.\n\n"
        "Local sources confirmed that Israeli aircraft hit a home of the Abu Taha family east of Rafah, killing "
        "five people.\n"
    )
    [event] = extract(pipeline, text)
    # local sources report; only a side confirming a hit on itself acknowledges
    assert (event.claim.claimant, event.claim.stance) == ("local sources", "reported")
    assert "Example Wire" in {c.claimant for c in event.other_claims}  # the outlet's telling stays on record


def test_a_bulletin_is_the_voice_that_issued_it_a_paragraph_before(pipeline):
    text = (
        "date 2024-07-11\npublisher Example Wire\nSeven civilians killed in Niger\n\n"
        "Gunmen on motorbikes attacked the village of Kokorou on Monday, killing seven civilians, the army said in "
        "its weekly operations bulletin.\n\n"
        "On Tuesday, army patrols killed 13 militants in the Dargol area, the bulletin said.\n"
    )
    dargol = [m for m in extract(pipeline, text) if m.place is not None and m.place.name == "Dargol"]
    assert [m.claim.claimant for m in dargol] == ["Military Forces of Niger (2023-)"]


def test_a_country_before_a_headlines_colon_is_its_topic_not_its_speaker(pipeline):
    text = (
        "date 2025-02-02\npublisher Example Wire\nSudan: at least 20 killed in RSF shelling of Omdurman market\n\n"
        "At least 20 people were killed on Saturday when the Rapid Support Forces shelled a market in Omdurman.\n"
    )
    [event] = extract(pipeline, text)
    assert event.actor1.name == "Rapid Support Forces"
    assert (event.claim.claimant, event.claim.stance) == ("Example Wire", "reported")


def test_the_group_that_attacks_is_the_armed_group_named_before_not_a_mob(pipeline):
    text = (
        "date 2021-12-07\npublisher Example Wire\nTwo soldiers killed in Kirkuk\n\n"
        "Islamic State militants have stepped up their attacks in Kirkuk in recent weeks.\n\n"
        "On Tuesday the group attacked an army post in Dibis and killed two soldiers.\n"
    )
    [event] = extract(pipeline, text)
    assert event.event_type != "Riots"
    assert event.actor1.name == "Islamic State (Iraq)"


def test_a_ministry_of_x_is_named_as_the_x_ministry():
    namer = ClaimantNamer.load()
    assert namer.name("Khartoum state's Ministry of Health").name == "Khartoum state health ministry"
    assert namer.name("the Ministry of Health", place_country="Lebanon").name == "Lebanese health ministry"
    assert namer.name("the military command", place_country="Mali").name == "Military Forces of Mali (2021-)"


def test_vague_speakers_are_written_as_their_kind_and_titles_lose_the_persons_name(pipeline):
    text = (
        "date 2024-06-01\npublisher Example Wire\nSettlers attack village\n\n"
        "Israeli settlers set fire to two cars in the village of Burin on Saturday, several sources said.\n\n"
        "Israeli forces shot dead a man in the village of Beita on Saturday, residents of the area said.\n"
    )
    claimants = {m.place.name: m.claim.claimant for m in extract(pipeline, text) if m.place is not None}
    assert claimants == {"Burin": "local sources", "Beita": "residents"}
    namer = ClaimantNamer.load()
    assert namer.name("Twic East County Commissioner Dau Akoi Jurkuc").name == "Twic East County commissioner"


def test_an_organ_named_without_its_country_speaks_for_the_state_of_the_story():
    # "Defense Ministry" has no country word before "Ministry": it is the story's state, not a country "Defense"
    namer = ClaimantNamer.load()
    niger = "Military Forces of Niger (2023-)"
    assert namer.name("a Defense Ministry statement", country="Niger").name == niger
    assert namer.name("the Defence Ministry", place_country="Niger").name == niger
    assert namer.name("The same military source", country="Niger").name == niger
    assert namer.name("Second Army Area").name == "Second Army Area"  # a name, not "the same" kind of word


def test_words_that_name_no_one_leave_the_event_to_the_outlet_or_an_earlier_voice(pipeline):
    text = (
        "date 2024-10-30\npublisher Example Wire\nClashes in Cabaret\n\n"
        "According to available information, armed clashes broke out between police officers and gang members "
        "in Cabaret on Tuesday.\n\n"
        "Gunmen killed three people in the village of Arcahaie on Tuesday, according to preliminary data.\n"
    )
    claimants = {m.claim.claimant for m in extract(pipeline, text)}
    assert claimants == {"Example Wire"}


def test_a_health_ministry_is_written_as_the_x_health_ministry():
    namer = ClaimantNamer.load()
    assert namer.name("the Palestinian Ministry of Health").name == "Palestinian health ministry"
    assert namer.name("the Gaza Health Ministry").name == "Gaza health ministry"


def test_a_speaker_who_announced_this_tells_the_paragraph_before_and_the_story(pipeline):
    text = (
        "date 2023-09-24\npublisher Example Wire\nRussian aircraft hit Beryslav\n\n"
        "Today, September 24, Russian aircraft struck Beryslav in the Kherson region, killing a woman.\n\n"
        "Oleksandr Prokudin, head of the Kherson Regional Military Administration, announced this.\n\n"
        "On Saturday, Russian artillery shelled the village of Tiahynka, wounding two men.\n"
    )
    claimants = {m.place.name: m.claim.claimant for m in extract(pipeline, text) if m.place is not None}
    assert claimants == {"Beryslav": "Kherson regional governor", "Tiahynka": "Kherson regional governor"}
    # without the pointing word the next paragraph's speaker tells only its own words
    other = text.replace("announced this.", "visited a hospital.")
    assert "Kherson regional governor" not in {m.claim.claimant for m in extract(pipeline, other)}


def test_it_said_is_the_speaker_of_the_paragraph_before_not_the_headlines(pipeline):
    text = (
        "date 2024-04-24\npublisher Example Wire\nIsrael says it is taking offensive action in south Lebanon\n\n"
        "Lebanon's state-run National News Agency said Israel had launched more than 13 strikes near Aita al-Shaab."
        "\n\n"
        '"Israeli warplanes carried out more than 13 air strikes targeting the outskirts of the town of Ramya," it '
        "said.\n"
    )
    ramya = [m for m in extract(pipeline, text) if m.place is not None and m.place.name == "Ramya"]
    assert [m.claim.claimant for m in ramya] == ["National News Agency (Lebanon)"]


def test_a_police_public_relations_officer_speaks_for_the_police_and_loses_the_name_after_the_comma():
    namer = ClaimantNamer.load()
    police = "Police Forces of Nigeria (2023-)"
    assert (
        namer.name("the state Police Public Relations Officer, Abubakar Sadiq Aliyu", country="Nigeria").name
        == police
    )
    assert namer.name("Kherson regional governor, Oleksandr Prokudin").name == "Kherson regional governor"


def test_the_head_of_a_body_is_written_as_the_body():
    namer = ClaimantNamer.load()
    assert namer.name("Head of the Kherson city military administration").name == (
        "Kherson city military administration"
    )
    assert (
        namer.name("head of the Kherson Regional Military Administration").name == "Kherson regional governor"
    )


def test_the_towns_mayor_is_the_mayor_of_the_event_place(pipeline):
    text = (
        "date 2024-03-18\npublisher Example Wire\nDrone strikes in Kidal\n\n"
        "A series of drone strikes around the town of Kidal in northern Mali killed at least 14 people on Sunday, "
        "the town's mayor said.\n"
    )
    assert [m.claim.claimant for m in extract(pipeline, text)] == ["Kidal mayor"]
