"""The actor dictionary as extraction uses it: realistic sentences in, ACLED-style actors out."""

import csv
import datetime as dt
import gzip
from pathlib import Path

import pytest

from eventwire.nlp.actors import ActorLexicon

ACLED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "acled" / "acled_2022h1_dev.csv.gz"


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.load()


def names(lex, text, **kw):
    return [(text[s:e], a.name) for s, e, a in lex.find(text, **kw)]


# -- Israel and Lebanon ------------------------------------------------------------------------------------


def test_israeli_forces_and_hezbollah_in_a_wire_sentence(lex):
    text = "Israeli warplanes struck Khiam on Tuesday, and Hezbollah fighters fired rockets at an IDF post."
    found = lex.find(text, on=dt.date(2024, 3, 5))
    assert [(text[s:e], a.name, a.inter) for s, e, a in found] == [
        ("Israeli warplanes", "Military Forces of Israel (2022-) Air Force", 1),
        ("Hezbollah fighters", "Hezbollah", 3),
        ("IDF", "Military Forces of Israel (2022-)", 1),
    ]
    assert all(a.country for _, _, a in found)


def test_israel_regime_years_change_on_29_december_2022(lex):
    assert lex.resolve("Israeli troops", on=dt.date(2022, 12, 28)).name == "Military Forces of Israel (2021-)"
    assert lex.resolve("Israeli troops", on=dt.date(2022, 12, 29)).name == "Military Forces of Israel (2022-)"
    assert lex.state_forces("Israel", on=dt.date(2022, 6, 1)).name == "Military Forces of Israel (2021-)"
    assert (
        lex.state_forces("IL", police=True, on=dt.date(2023, 1, 2)).name == "Police Forces of Israel (2022-)"
    )


@pytest.mark.parametrize(
    "surface",
    ["Hizbullah", "Hizballah", "the Islamic Resistance in Lebanon", "Radwan Force", "Islamic Resistance"],
)
def test_hezbollah_spellings(lex, surface):
    assert lex.resolve(surface).name == "Hezbollah"


def test_golani_brigade_and_border_police(lex):
    text = "Soldiers of the Golani Brigade and Border Police officers raided Jenin."
    assert names(lex, text, on=dt.date(2023, 6, 19)) == [
        ("Golani Brigade", "Military Forces of Israel (2022-)"),
        ("Border Police", "Police Forces of Israel (2022-)"),
    ]


def test_the_enemy_means_israeli_forces_only_in_axis_voiced_text(lex):
    text = "The Islamic Resistance targeted a gathering of the Zionist enemy's soldiers near the enemy army's post."
    voiced = names(lex, text, voice="hezbollah", on=dt.date(2024, 1, 8))
    assert ("the Zionist enemy", "Military Forces of Israel (2022-)") in voiced
    assert ("the enemy army", "Military Forces of Israel (2022-)") in voiced
    assert [n for _, n in names(lex, text)] == ["Hezbollah"]  # no voice: "the enemy" names no one


def test_the_resistance_depends_on_who_speaks(lex):
    assert lex.resolve("the resistance", voice="hezbollah").name == "Hezbollah"
    assert lex.resolve("the resistance", voice="hamas").name == "Al Qassam Brigades"
    assert lex.resolve("the resistance", voice="israel") is None
    assert lex.resolve("the resistance") is None


def test_the_enemy_in_ukrainian_and_russian_voice(lex):
    assert lex.resolve("the enemy", voice="ukraine").name == "Military Forces of Russia (2000-)"
    assert lex.resolve("the enemy", voice="russia").name == "Military Forces of Ukraine (2019-)"
    assert lex.resolve("the Kyiv regime", voice="russia").name == "Military Forces of Ukraine (2019-)"


def test_terrorists_in_israeli_voice_is_left_unresolved(lex):
    assert lex.resolve("the terrorists", voice="israel") is None


def test_palestinian_actors(lex):
    text = (
        "The al-Qassam Brigades and Saraya al-Quds said they fired rockets; Hamas said the PIJ joined, "
        "while Israeli settlers attacked Palestinian farmers near Nablus."
    )
    assert names(lex, text) == [
        ("al-Qassam Brigades", "Al Qassam Brigades"),
        ("Saraya al-Quds", "Al Quds Brigades"),
        ("Hamas", "Hamas Movement"),
        ("PIJ", "PIJ: Palestinian Islamic Jihad"),
        ("Israeli settlers", "Settlers (Israel)"),
        ("Palestinian farmers", "Civilians (Palestine)"),
    ]


def test_unifil_and_lebanese_army(lex):
    text = "UNIFIL peacekeepers and the Lebanese Armed Forces deployed south of the Litani."
    assert names(lex, text, on=dt.date(2024, 11, 30)) == [
        ("UNIFIL peacekeepers", "UNIFIL: United Nations Interim Force in Lebanon"),
        ("Lebanese Armed Forces", "Military Forces of Lebanon (2021-)"),
    ]


# -- demonyms and countries across the world -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ukrainian troops", "Military Forces of Ukraine (2019-)"),
        ("Russian troops", "Military Forces of Russia (2000-)"),
        ("Sudanese army", "Military Forces of Sudan (2019-)"),
        ("Indian police", "Police Forces of India (2014-)"),
        ("Nigerian soldiers", "Military Forces of Nigeria (2015-)"),
        ("Congolese soldiers", "Military Forces of the Democratic Republic of Congo (2019-)"),
        ("Turkish drones", "Military Forces of Turkey (2016-)"),
        ("Filipino troops", "Military Forces of the Philippines (2022-)"),
        ("Malian army", "Military Forces of Mali (2021-)"),
        ("Colombian police", "Police Forces of Colombia (2022-)"),
        ("Russian navy", "Military Forces of Russia (2000-) Navy"),
    ],
)
def test_demonym_and_force_noun(lex, text, name):
    assert lex.resolve(text, on=dt.date(2022, 11, 1)).name == name


def test_longest_match_and_word_boundaries(lex):
    # "South Sudanese" must not be read as "Sudanese"; "IS" only in capitals; "US" not inside "us".
    text = "South Sudanese troops met IS fighters. This is it; let us forces aside."
    assert names(lex, text, on=dt.date(2022, 5, 1)) == [
        ("South Sudanese troops", "Military Forces of South Sudan (2011-)"),
        ("IS fighters", "Islamic State"),
    ]
    assert lex.find("Hamastan and Israelis") == []


def test_offsets_survive_curly_quotes_and_capital_i_with_dot(lex):
    text = "İİ Kata\u2019ib Hezbollah fired at US troops"
    (s, e, a), (s2, e2, b) = lex.find(text, on=dt.date(2024, 1, 28))
    assert text[s:e] == "Kata\u2019ib Hezbollah" and a.name == "Kataib Hezbollah"
    assert text[s2:e2] == "US troops" and b.name == "Military Forces of the United States (2021-)"


def test_rsf_naming_changes_with_the_april_2023_war(lex):
    assert (
        lex.resolve("RSF", on=dt.date(2022, 6, 1)).name
        == "Military Forces of Sudan (2019-) Rapid Support Forces"
    )
    rsf = lex.resolve("Rapid Support Forces", on=dt.date(2023, 5, 1))
    assert (rsf.name, rsf.inter) == ("Rapid Support Forces", 2)
    assert lex.resolve("SAF", on=dt.date(2023, 5, 1)).name == "Military Forces of Sudan (2019-)"


def test_actor_families_worldwide(lex):
    cases = {
        "the Houthis": "Military Forces of Yemen (2016-) Supreme Political Council",
        "Ansar Allah": "Military Forces of Yemen (2016-) Supreme Political Council",
        "Syrian Democratic Forces": "QSD: Syrian Democratic Forces",
        "Hayat Tahrir al-Sham": "HTS: Hayat Tahrir al Sham",
        "Turkish-backed Syrian National Army": "JWS: Syrian National Army",
        "PKK": "PKK: Kurdistan Workers Party",
        "Hashd al-Shaabi": "Military Forces of Iraq (2020-) Popular Mobilization Forces",
        "Islamic Resistance in Iraq": "Islamic Resistance in Iraq",
        "Quds Force": "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps",
        "al-Shabaab": "Al Shabaab",
        "JNIM": "JNIM: Group for Support of Islam and Muslims",
        "ISWAP": "Islamic State (West Africa) - Lake Chad Faction",
        "Boko Haram": "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
        "Tatmadaw": "Military Forces of Myanmar (2021-)",
        "People's Defense Force": "PDF: People's Defense Force",
        "Arakan Army": "ULA/AA: United League of Arakan/Arakan Army",
        "TNLA": "PSLF/TNLA: Palaung State Liberation Front/Ta'ang National Liberation Army",
        "MNDAA": "MNTJP/MNDAA: Myanmar National Truth and Justice Party/Myanmar National Democratic Alliance Army",
        "KNLA": "KNU/KNLA: Karen National Union/Karen National Liberation Army",
        "KIA": "KIO/KIA: Kachin Independence Organization/Kachin Independence Army",
        "Wagner mercenaries": "Wagner Group",
        "Palestinian Authority security forces": "Military Forces of Palestine (1994-)",
    }
    for surface, name in cases.items():
        actor = lex.resolve(surface, on=dt.date(2024, 2, 1))
        assert actor is not None and actor.name == name, surface


def test_syrian_state_forces_after_december_2024(lex):
    assert lex.state_forces("Syria", on=dt.date(2024, 6, 1)).name == "Military Forces of Syria (2000-)"
    assert lex.state_forces("Syrian", on=dt.date(2025, 1, 10)).name == "Military Forces of Syria (2024-)"
    assert (
        lex.resolve("HTS", on=dt.date(2025, 2, 1)) is None or lex.resolve("HTS", on=dt.date(2025, 2, 1)).name
    )


def test_generic_groups_take_the_event_country(lex):
    ((_, _, found),) = lex.find("Protesters gathered outside parliament.")
    assert found.name == "Protesters" and found.country is None
    named = lex.for_country(found, "India")
    assert (named.name, named.inter, named.surface) == ("Protesters (India)", 6, "Protesters")
    assert lex.civilians("Lebanese").name == "Civilians (Lebanon)"
    assert lex.rioters("PS").name == "Rioters (Palestine)"
    assert lex.unidentified("Mexico").name == "Unidentified Armed Group (Mexico)"
    assert lex.resolve("Israeli protesters").name == "Protesters (Israel)"
    gang = lex.resolve("gang members")
    assert lex.for_country(gang, "Mexico").name == "Unidentified Gang (Mexico)"
    idf = lex.resolve("IDF")
    assert lex.for_country(idf, "Lebanon") == idf


def test_state_forces_abroad_are_inter_8(lex):
    idf = lex.resolve("IDF", on=dt.date(2024, 1, 1))
    assert lex.inter_in(idf, "Lebanon") == 8
    assert lex.inter_in(idf, "Israel") == 1


def test_country_of_names_demonyms_and_codes(lex):
    leb = lex.country_of("Lebanese")
    assert (leb.name, leb.iso2, leb.iso_numeric, leb.region) == ("Lebanon", "LB", 422, "Middle East")
    assert lex.country_of("DRC").name == "Democratic Republic of Congo"
    assert lex.country_of("ps").name == "Palestine"
    assert lex.country_of("Burmese").name == "Myanmar"
    assert lex.country_of("Kosovo").iso_numeric == 0
    assert lex.country_of("Atlantis") is None
    assert len(lex.countries()) >= 240


def test_voices(lex):
    assert {"hezbollah", "hamas", "israel", "russia", "ukraine", "axis"} - {"israel"} <= set(lex.voices())


@pytest.mark.skipif(not ACLED.exists(), reason="ACLED development file not present")
def test_countries_table_agrees_with_acled_codings(lex):
    with gzip.open(ACLED, "rt", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    seen = {(r["country"], int(float(r["iso"])), r["region"]) for r in rows}
    for country, iso, region in seen:
        info = lex.country_of(country)
        assert info is not None, country
        assert (info.name, info.iso_numeric, info.region) == (country, iso, region)


@pytest.mark.skipif(not ACLED.exists(), reason="ACLED development file not present")
def test_state_actor_names_agree_with_acled_2022(lex):
    """Plain "Military/Police Forces of X (years)" in the 2022 file is what state_forces gives on that day."""
    import re

    with gzip.open(ACLED, "rt", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    pattern = re.compile(r"^(Military|Police) Forces of (.+) \((\d{4}-(?:\d{4})?)\)$")
    checked = agreed = 0
    for r in rows:
        for col in ("actor1", "actor2"):
            m = pattern.match(r[col])
            if not m or m.group(2) in ("Artsakh", "Somaliland"):
                continue
            day = dt.date.fromisoformat(r["event_date"])
            got = lex.state_forces(m.group(2).removeprefix("the "), on=day, police=m.group(1) == "Police")
            checked += 1
            agreed += got is not None and got.name == r[col]
    assert checked > 2000
    assert agreed / checked > 0.98


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "the South Sudan People's Defence Forces (SSPDF) and armed youth",
            "Military Forces of South Sudan (2011-)",
        ),
        ("hit by the Uganda People's Defence Forces at Fataki", "Military Forces of Uganda (1986-)"),
        ("SPLA-IO fighters attacked", "SPLM-In Opposition: Sudan People's Liberation Movement-In Opposition"),
    ],
)
def test_a_national_army_named_people_s_defence_forces_is_that_army_not_the_pkk(lex, text, name):
    # "People's Defence Forces" is also a PKK alias: the longer name of the national army wins
    assert {a.name for _, _, a in lex.find(text, on=dt.date(2025, 2, 17))} == {name}
