"""Who claims what: claimant, stance, hedging, casualty counts and corroboration, one case per fixture, plus the
same event told by each side and by a wire service (the mirror fixtures)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.events.claimants import ClaimantNamer, decide_stance
from eventwire.ingest.text import read_text
from eventwire.model import Actor, Mention
from eventwire.nlp.loaded import LoadedLexicon

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
IDF = "Military Forces of Israel (2022-)"


def mentions_of(pipeline, name: str, folder: str = "claims") -> list[Mention]:
    path = FIXTURES / folder / name
    return pipeline.extract_article(read_text(path.read_bytes(), name=path.name)).mentions


def at(mentions: list[Mention], place: str) -> Mention:
    found = [m for m in mentions if m.place and place in (m.place.resolved_name, m.place.name)]
    assert len(found) == 1, [(m.sub_event_type, m.place and m.place.name) for m in mentions]
    return found[0]


# -- one case per fixture ------------------------------------------------------------------------------------


def test_the_other_sides_acknowledgement_is_linked_to_the_claim_and_corroborates_it(pipeline):
    mentions = mentions_of(pipeline, "acknowledgement_shtula.txt")
    event = at(mentions, "Shtula")
    assert (event.actor1.name, event.actor2.name) == ("Hezbollah", IDF)
    # the hit side's acknowledgement is the event's voice (docs/coding.md section 7); the claim stays with it
    assert (event.claim.claimant, event.claim.stance) == (IDF, "acknowledged")
    assert [(c.claimant, c.stance) for c in event.other_claims] == [("Hezbollah", "claimed")]
    assert event.corroborated
    assert event.evidence["claimant"].text == "The Israeli military"
    assert event.evidence["corroboration"].text == "Hezbollah"
    assert event.fatalities == 2  # the count comes from the side that lost the soldiers
    assert [c.claim.claimant for c in event.casualties if c.killed == 2] == [IDF]
    # ACLED's voice: the facts first, each actor once in its role, then who says so, once each
    assert ", Hezbollah fired" in event.notes
    assert f"Acknowledged by {IDF}. Hezbollah claimed it." in event.notes
    assert "claimed that" not in event.notes and "acknowledged that" not in event.notes


def test_a_denial_is_recorded_not_dropped(pipeline):
    event = at(mentions_of(pipeline, "denial_kherson_hospital.txt"), "Kherson")
    assert event.actor1.name == "Military Forces of Russia (2000-)"
    # the attacked side's administration speaks first; Moscow's denial stays on the record beside it
    assert (event.claim.claimant, event.claim.stance) == ("Kherson regional administration", "acknowledged")
    assert ("Military Forces of Russia (2000-)", "denied") in [
        (c.claimant, c.stance) for c in event.other_claims
    ]
    assert "Military Forces of Russia (2000-) denied it" in event.notes
    assert [c.injured for c in event.casualties] == [4]


def test_a_hedged_report_keeps_its_hedge_and_its_outlet(pipeline):
    event = at(mentions_of(pipeline, "hedged_bint_jbeil.txt"), "Bint Jbeil")
    assert event.claim.claimant == "National News Agency (Lebanon)"
    assert event.claim.stance == "reported"
    assert event.claim.hedged and event.claim.hedge_cue == "reportedly"
    assert event.evidence["claimant"].text == "Lebanon's National News Agency"
    assert "reportedly" in event.notes.split(". ")[0]  # the hedge qualifies the fact, once
    assert event.notes.endswith("According to National News Agency (Lebanon).")
    assert event.fatalities == 2


def test_a_cumulative_toll_is_not_the_days_event(pipeline):
    mentions = mentions_of(pipeline, "cumulative_aitaroun.txt")
    event = at(mentions, "Aitaroun")
    assert event.fatalities == 3
    assert all(c.killed != 2500 for m in mentions for c in m.casualties)
    assert event.claim.claimant == "Lebanese health ministry"


def test_a_vague_quantity_is_kept_as_words_never_as_a_number(pipeline):
    event = at(mentions_of(pipeline, "vague_kharkiv.txt"), "Kharkiv")
    assert [(c.injured, c.injured_text) for c in event.casualties] == [(None, "Dozens")]
    assert event.fatalities == 0
    assert event.actor1.name == "Military Forces of Russia (2000-)"
    assert event.claim.stance == "acknowledged"  # an official of the attacked side
    assert "Fatalities unknown" in event.notes or "without a number" in event.notes


def test_a_claim_that_introduces_a_list_covers_every_item(pipeline):
    mentions = mentions_of(pipeline, "list_under_claim.txt")
    assert len(mentions) >= 2
    for mention in mentions:
        assert (mention.claim.claimant, mention.claim.stance) == ("Hezbollah", "claimed")
        assert mention.evidence["claimant"].text == "The Islamic Resistance in Lebanon"
        assert mention.actor1.name == "Hezbollah"


# -- the same event told three ways ----------------------------------------------------------------------------

MIRRORS = {
    "mirror_metula_hezbollah.txt": ("Hezbollah", "claimed"),
    "mirror_metula_israel.txt": (IDF, "acknowledged"),
    "mirror_metula_wire.txt": (IDF, "acknowledged"),
}


@pytest.fixture(scope="module")
def metula(pipeline) -> dict[str, Mention]:
    return {name: at(mentions_of(pipeline, name, "articles"), "Metula") for name in MIRRORS}


def test_each_side_and_the_wire_give_the_same_event_fields(metula):
    fields = {
        name: (m.event_type, m.sub_event_type, m.actor1.name, m.actor2.name, m.place.geonames_id, m.date)
        for name, m in metula.items()
    }
    assert len(set(fields.values())) == 1, fields
    assert next(iter(fields.values()))[1:4] == ("Air/drone strike", "Hezbollah", IDF)


def test_the_claimants_differ_as_the_tellers_do(metula):
    assert {name: (m.claim.claimant, m.claim.stance) for name, m in metula.items()} == MIRRORS
    # Each account also carries the other side's word on the same event.
    assert metula["mirror_metula_israel.txt"].other_claims[0].claimant == "Hezbollah"
    assert metula["mirror_metula_wire.txt"].other_claims[0].claimant == "Hezbollah"
    assert all(m.corroborated for m in metula.values())


def test_the_notes_differ_only_in_attribution(metula):
    lexicon = LoadedLexicon.load()
    cores = set()
    for mention in metula.values():
        # the first sentence states the facts; who says so comes after them
        cores.add(mention.notes.split(". ")[0].split(", ", 1)[1])
        assert lexicon.find(mention.notes) == []
    assert cores == {f"Hezbollah carried out an air/drone strike on {IDF} in Metula (HaZafon)"}


# -- the parts ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "voice", "country", "expected"),
    [
        ("Lebanon's state-run National News Agency", None, None, "National News Agency (Lebanon)"),
        ("Palestinian Civil Defence spokesman Mahmoud Basal", None, None, "Palestinian Civil Defence"),
        ("Dnipropetrovsk regional governor Serhiy Lysak", None, None, "Dnipropetrovsk regional governor"),
        ("Al Mayadeen's correspondent in the south", None, None, "Al Mayadeen"),
        ("SOHR sources", None, None, "Syrian Observatory for Human Rights"),
        ("Palestinian health officials", None, None, "Palestinian health officials"),
        ("the Resistance", "hezbollah", None, "Hezbollah"),
        ("Enemy media", "hezbollah", None, "Israeli media"),
        ("a spokesman for the Israeli military", None, None, IDF),
        ("Israeli Air Force", None, None, IDF),
        ("the ministry", None, "Russia", "Military Forces of Russia (2000-)"),
        ("Russian Defence Ministry", None, None, "Military Forces of Russia (2000-)"),
        ("Residents", None, None, "residents"),
        ("the SOHR report", None, None, "Syrian Observatory for Human Rights"),
        ("the communique of the FAMa general staff", None, "Mali", "Military Forces of Mali (2021-)"),
        ("the state news agency NNA", None, None, "National News Agency (Lebanon)"),
        ("Israel's military", None, None, IDF),
        ("Civil defence spokesman", None, "Palestine", "Palestinian Civil Defence"),  # the text's country
        ("the state news agency", None, "Syria", "SANA"),
        ("state media", None, "Syria", "Syrian state media"),
        ("Kano police spokesman Abdullahi Haruna", None, "Nigeria", "Police Forces of Nigeria (2023-)"),
        ("the governor of Zaporizhzhia region", None, None, "Zaporizhzhia regional governor"),
        ("Kharkiv Governor", None, None, "Kharkiv regional governor"),
    ],
)
def test_claimant_words_become_one_canonical_name(words, voice, country, expected):
    named = ClaimantNamer.load().name(words, voice=voice, country=country, on=dt.date(2024, 11, 5))
    assert named.name == expected


@pytest.mark.parametrize(
    ("publisher", "expected"),
    [
        ("Dawn (AFP copy)", "Dawn"),  # a relay: the relaying outlet speaks in its own voice
        ("Reuters (via Devdiscourse)", "Reuters"),
        ("The Nation (Pakistan), Anadolu copy", "The Nation"),
        ("Nation (Kenya), Xinhua copy", "Nation (Kenya)"),  # voices.tsv knows the bracketed name
        ("Anadolu Agency", "Anadolu"),  # canonical name of voices.tsv
        ("Kuwait News Agency", "KUNA"),
        ("Hawar News Agency (ANHA)", "Hawar News Agency (ANHA)"),
    ],
)
def test_the_outlets_own_voice_is_named_without_its_relay_note(publisher, expected):
    assert ClaimantNamer.load().outlet(publisher) == expected


# Who tells the event, by the rules of docs/coding.md section 7: (text, place of the event, claimant, stance).
TOLD_BY = [
    pytest.param(  # the outlet's own voice, named without its relay note
        "date 2025-09-20\npublisher Dawn (AFP copy)\nDrone strike on El Fasher mosque\n\n"
        "A drone strike on a mosque in El Fasher killed 75 people on Friday.",
        "El Fasher", "Dawn", "reported", id="outlet-voice",
    ),
    pytest.param(  # "Bassal said" after "Civil defence spokesman Mahmud Bassal": his office, of the event's country
        "date 2024-08-10\npublisher Metro Daily\nCivil defence spokesman Mahmud Bassal said an Israeli air strike "
        "hit a school in Gaza City on Saturday, killing seven people.\n\nBassal said a second Israeli strike hit the "
        "town hall of Deir al-Balah on Saturday, killing ten.",
        "Deir al-Balah", "Palestinian Civil Defence", "reported", id="surname-after-title",
    ),
    pytest.param(  # "according to Hassan" after "said Colonel Ali Hassan, a spokesman for the Lebanese army"
        'date 2024-08-10\npublisher Metro Daily\n"The attack continues," said Colonel Ali Hassan, a spokesman for '
        "the Lebanese army. According to Hassan, Israeli drones struck a car in Naqoura on Saturday.",
        "Naqoura", "Military Forces of Lebanon (2021-)", "acknowledged", id="surname-after-apposition",
    ),
    pytest.param(  # "the health ministry", then "The ministry": Lebanon's, not the army the text names most
        "publisher AFP\nTwo people were killed on Monday when an Israeli strike hit a car in Naqoura, the health "
        "ministry said. The Israeli army said its jets struck Hezbollah targets in Khiam on Monday.\n\n"
        "The ministry said a second Israeli strike hit a house in Houla on Monday, killing one person.",
        "Houla", "Lebanese health ministry", "reported", id="national-office",
    ),
    pytest.param(  # a person named alone: the title the text gave them before
        "date 2024-05-07\npublisher Ukrinform\nKharkiv Governor Oleg Sinegubov visited the site on Sunday.\n\n"
        "Sinegubov said Russian drones hit Kharkiv on Monday, killing two people.",
        "Kharkiv", "Kharkiv regional governor", "acknowledged", id="title-in-text",
    ),
    pytest.param(  # ... or the office in the apposition after the name
        "date 2024-05-07\npublisher Ukrinform\nOleg Sinegubov, the governor of Kharkiv region, visited the site on "
        "Sunday.\n\nSinegubov said Russian drones hit Kharkiv on Monday, killing two people.",
        "Kharkiv", "Kharkiv regional governor", "acknowledged", id="apposition-in-text",
    ),
    pytest.param(  # no voice in the sentence or before it: the next sentence of its paragraph
        "publisher Capital Times\nADF rebels kill 19 civilians\n\nThe latest attack came on Wednesday, when ADF "
        "fighters attacked a village near Oicha. Donat Kibwana, the administrator of Beni territory, said a first "
        "search had found 19 dead.\n\nThe army said it pursued the rebels.",
        "Oicha", "Administrator of Beni territory", "reported", id="next-sentence",
    ),
    pytest.param(  # "..., they said" never points at the attacker of its own clause
        "publisher Ukrinform\nRussian drones hit Kharkiv on Monday, killing two people, they said.",
        "Kharkiv", "Ukrinform", "reported", id="pronoun-speaker",
    ),
    pytest.param(  # "Police added" after "Ukrainian police said": Ukraine's police, not Russia's
        "date 2023-09-02\npublisher Novaya Gazeta Europe\nUkrainian police said that artillery fire late on Friday "
        "killed a farm worker in the village of Pervomaiske in the Kherson region. Police added that Russian forces "
        "had also dropped bombs on the village of Tiahynka on Friday. Russian troops shelled Kherson again.",
        "Tiahynka", "Police Forces of Ukraine (2019-)", "acknowledged", id="bare-organ",
    ),
    pytest.param(  # the party a described subject names on its way to the verb
        "date 2024-06-23\npublisher Reuters\nThe al Qaeda affiliate Jama'a Nusrat ul-Islam wa al-Muslimin (JNIM) has "
        "claimed a June 11 attack that killed more than 100 soldiers in Mansila, Burkina Faso.",
        "Mansila", "JNIM: Group for Support of Islam and Muslims", "claimed", id="described-subject",
    ),
    pytest.param(  # a name with "and" in a "claimed by" frame
        "date 2024-09-20\npublisher aBamako\nThe attack on the gendarmerie school in Bamako on Tuesday was claimed "
        "by the Group for the Support of Islam and Muslims (JNIM).",
        "Bamako", "JNIM: Group for Support of Islam and Muslims", "claimed", id="claimed-by-and",
    ),
    pytest.param(  # words that name no one: the outlet, or the kind of speaker
        "publisher Reuters\nA second statement said Israeli drones struck a car in Naqoura on Monday.",
        "Naqoura", "Reuters", "reported", id="qualified-statement",
    ),
    pytest.param(
        "publisher Reuters\nAnother resident said Israeli drones struck a car in Naqoura on Monday.",
        "Naqoura", "residents", "reported", id="another-resident",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "place", "claimant", "stance"), TOLD_BY)
def test_the_claimant_is_who_tells_the_event(pipeline, text, place, claimant, stance):
    event = at(pipeline.extract(read_text(text)), place)
    assert (event.claim.claimant, event.claim.stance) == (claimant, stance)


def test_stance_follows_who_speaks_about_whom():
    namer = ClaimantNamer.load()
    idf = namer.name("the IDF", on=dt.date(2024, 11, 5))
    hezbollah = Actor(name="Hezbollah", inter=3, country="Lebanon")
    assert (
        decide_stance(None, idf, actor1=hezbollah, actor2=idf.party, place_country="Israel") == "acknowledged"
    )
    assert decide_stance(None, idf, actor1=idf.party, actor2=hezbollah, place_country="Lebanon") == "claimed"
    assert decide_stance("denied", idf, actor1=idf.party, actor2=None, place_country="Lebanon") == "denied"
    # rockets at a town in Israel, launcher unnamed in the clause, told by the Israeli side
    assert decide_stance(None, idf, actor1=hezbollah, actor2=None, place_country="Israel") == "acknowledged"
    outlet = namer.name("Lebanon's National News Agency")
    assert decide_stance(None, outlet, actor1=idf.party, actor2=None, place_country="Lebanon") == "reported"
    governor = namer.name("Kharkiv regional governor Oleh Syniehubov")
    russia = namer.name("Russian Defence Ministry").party
    assert (
        decide_stance(None, governor, actor1=russia, actor2=None, place_country="Ukraine") == "acknowledged"
    )


def test_an_official_named_only_by_office_is_named_for_the_place(pipeline):
    import datetime as dt

    text = "Two civilians were killed in Russian shelling of the city of Kherson on Tuesday, the regional governor said."
    [event] = pipeline.extract(text, published=dt.date(2024, 11, 5))
    assert (event.claim.claimant, event.claim.stance) == ("Kherson regional governor", "acknowledged")


def test_a_military_reporting_its_own_forces_success_is_their_side(pipeline):
    # the text names Russia's forces most, but the General Staff that reports Ukrainian troops repelling an
    # assault is Ukraine's
    text = (
        "Russian artillery pounded Vovchansk on Sunday, the governor said. Russian forces also shelled Kharkiv "
        "and Russian drones hit Sumy. Ukrainian troops repelled Russian assaults near Lyptsi on Sunday, the "
        "General Staff said."
    )
    mentions = pipeline.extract(text, published=dt.date(2024, 5, 20))
    lyptsi = [m for m in mentions if m.place is not None and m.place.name == "Lyptsi"]
    assert lyptsi and lyptsi[0].claim.claimant == "Military Forces of Ukraine (2019-)"
    assert lyptsi[0].claim.stance == "claimed"


def test_an_army_admitting_its_losses_in_a_clash_acknowledges_it(pipeline):
    # the bundled roundup: Hezbollah's account of the clash near Chamaa, then the Israeli army's admission. The other
    # side that the pipeline infers for a battle never turns the admission into a claim.
    text = Path("examples/roundup_2024-11-21.txt").read_text(encoding="utf-8")
    clash = [m for m in pipeline.extract(text) if m.sub_event_type == "Armed clash"]
    assert len(clash) == 1
    assert (clash[0].claim.claimant, clash[0].claim.stance) == (
        "Military Forces of Israel (2022-)",
        "acknowledged",
    )
    assert clash[0].corroborated and clash[0].actor2.name == "Military Forces of Israel (2022-)"
