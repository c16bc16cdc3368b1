"""Who tells an event an outlet relays: the lede's named voice for the story's later sentences, the party or organ an
outlet cites ("citing the defence ministry"), and an outlet named after its owner ("the Houthi-run Saba agency")
(docs/coding.md section 7)."""

from __future__ import annotations

from corpus import mentions_of_text as extract


def test_the_ledes_voice_tells_the_storys_later_sentences_without_a_voice(pipeline):
    text = (
        "date 2025-01-20\npublisher Example Wire\nClashes in Colombia\n\n"
        "Fighting between the National Liberation Army (ELN) and FARC dissidents has killed 60 people in the "
        "Catatumbo region, the Ombudsman's Office said on Sunday.\n\n"
        "The clashes began three days earlier and have reached the towns of Teorama and Tibu.\n"
    )
    later = [
        m for m in extract(pipeline, text) if m.place is not None and m.place.name in ("Teorama", "Tibu")
    ]
    assert later
    assert {m.claim.claimant for m in later} == {"Colombian Ombudsman's Office"}


def test_an_anonymous_lede_voice_leaves_the_rest_of_the_story_to_the_outlet(pipeline):
    text = (
        "date 2024-04-07\npublisher Example Wire\nStrikes in Gaza\n\n"
        "Six Palestinians were killed on Sunday when warplanes bombed homes in Khan Yunis, sources confirmed.\n\n"
        "Several medical staff were also wounded inside Kamal Adwan hospital in Beit Lahia when drones dropped "
        "bombs on the hospital courtyard.\n"
    )
    later = [m for m in extract(pipeline, text) if m.place is not None and m.place.name == "Beit Lahia"]
    assert [m.claim.claimant for m in later] == ["Example Wire"]


def test_a_party_an_outlet_cites_is_the_claimant_not_the_outlet(pipeline):
    text = (
        "date 2025-06-14\npublisher Example Wire\nShelling on the border\n\n"
        "Armenian armed forces units fired mortars at Azerbaijani army positions near the village of Heydarabad "
        "on Friday, Example Wire reports, citing the Defense Ministry of Azerbaijan.\n"
    )
    [event] = extract(pipeline, text)
    assert event.claim.claimant == "Military Forces of Azerbaijan (2003-)"


def test_an_organ_named_without_its_country_belongs_to_the_agency_that_cites_it(pipeline):
    text = (
        "date 2024-11-14\npublisher Example Wire\nStrikes on Damascus\n\n"
        "Citing a military source, the state news agency SANA reported that Israeli warplanes struck residential "
        "buildings in the Mazzeh neighbourhood of Damascus on Thursday, killing 15 people.\n"
    )
    [event] = extract(pipeline, text)
    assert event.actor1.name.startswith("Military Forces of Israel (2022-)")
    assert (event.claim.claimant, event.claim.stance) == ("Military Forces of Syria (2000-)", "acknowledged")


def test_residents_an_agency_cites_leave_the_account_to_the_agency(pipeline):
    text = (
        "date 2024-04-15\npublisher Example Wire\nVillage attacked in Plateau\n\n"
        "The official News Agency of Nigeria, citing residents, said gunmen attacked Kulben village in Mangu "
        "and killed seven people on Sunday.\n"
    )
    [event] = extract(pipeline, text)
    assert event.claim.claimant == "News Agency of Nigeria"


def test_an_outlet_named_after_its_owner_is_the_outlet(pipeline):
    text = (
        "date 2024-03-23\npublisher Example Wire\nAir strikes on Sanaa\n\n"
        "Warplanes of the US-British coalition carried out several air strikes on Sanaa on Friday night, the "
        "Houthi-run Saba agency said.\n"
    )
    [event] = extract(pipeline, text)
    assert event.actor1.name.startswith("Military Forces of the United States")
    assert event.claim.claimant == "Saba"


def test_a_partys_known_spokesman_named_alone_speaks_for_that_force(pipeline):
    text = (
        "date 2024-02-19\npublisher Example Wire\nShip attacked in the Gulf of Aden\n\n"
        "The Houthis fired missiles at the cargo ship Rubymar in the Gulf of Aden on Sunday, Yahya Saree said.\n"
    )
    [event] = extract(pipeline, text)
    assert event.claim.claimant == "Military Forces of Yemen (2016-) Supreme Political Council"


def test_a_defence_minister_speaks_for_the_states_forces(pipeline):
    text = (
        "date 2024-06-20\npublisher Example Wire\nSoldiers killed in Niger\n\n"
        "Gunmen attacked an army post in Kandadji on Tuesday and killed 20 soldiers, Niger's defence minister "
        "said.\n"
    )
    [event] = extract(pipeline, text)
    assert event.claim.claimant == "Military Forces of Niger (2023-)"
