"""Who acted: unnamed forces named by their machines, a group that claims an attack in its own name, and a
coalition named by two nationality adjectives, a state named as the one who acts."""

from __future__ import annotations

import datetime as dt

import pytest

PUBLISHED = dt.date(2024, 6, 16)


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # a machine of unnamed forces acts for them: the state forces of the country the text is about
        (
            "Ten civilians were killed on Tuesday when military aircraft attacked a village in Pale Township, "
            "Sagaing Region, Myanmar, local sources said.",
            "Military Forces of Myanmar (2021-)",
        ),
        # "X has claimed an attack": X did it, even when the subject names X only in an apposition
        (
            "The al Qaeda affiliate Jama'a Nusrat ul-Islam wa al-Muslimin (JNIM) has claimed a June 11 attack that "
            "killed more than 100 Burkina Faso soldiers near Djibo, the SITE Intelligence Group said on Sunday.",
            "JNIM: Group for Support of Islam and Muslims",
        ),
        # the first of two nationality adjectives leads a coalition ("US-British")
        (
            "Warplanes of the US-British coalition carried out air strikes on Sanaa, Yemen, on Friday night, "
            "residents said.",
            "Military Forces of the United States (2021-)",
        ),
        # a state named as the one who acts is its military; the first of a pair
        (
            "The United States and Britain bombed Hodeidah in Yemen on Monday, the Houthis said.",
            "Military Forces of the United States (2021-)",
        ),
        (
            "Russia shelled the city of Kharkiv on Monday, killing two people.",
            "Military Forces of Russia (2000-)",
        ),
        ("Russia said it struck the city of Kharkiv on Monday.", "Military Forces of Russia (2000-)"),
        # "regime troops", "the junta": the government's forces of the country where it happens, not Syria's
        (
            "Regime troops shelled the village of Hpruso in Karen State, Myanmar, on Monday, the KNU said.",
            "Military Forces of Myanmar (2021-)",
        ),
        # a strike word after a force word acts for those forces ("junta air strikes", "army shelling")
        (
            "Junta air strikes damaged homes in Kyauktaw township, Rakhine State, Myanmar, on Monday, residents said.",
            "Military Forces of Myanmar (2021-)",
        ),
        # unnamed jihadists or armed groups are an unidentified armed group of the country
        (
            "Jihadists attacked a military post in Djibo, Burkina Faso, on Sunday, killing 10 soldiers.",
            "Unidentified Armed Group (Burkina Faso)",
        ),
        # "the militants", "they", "its fighters": the armed party named in an earlier paragraph
        (
            "ISWAP is active around Lake Chad.\n\nThe militants attacked a base in Monguno on Monday, killing "
            "five soldiers.",
            "Islamic State (West Africa) - Lake Chad Faction",
        ),
        (
            "The RSF has besieged El Fasher since May.\n\nIt shelled the Abu Shouk camp near El Fasher on Monday, "
            "killing 12 people, medics said.",
            "Rapid Support Forces",
        ),
        (
            "The Arakan Army has seized much of Rakhine state.\n\nOn Monday its fighters attacked a junta outpost "
            "in Kyauktaw, residents said.",
            "ULA/AA: United League of Arakan/Arakan Army",
        ),
        # the clause that tells how the trigger came about names its agent ("exploded ... when junta aircraft hit")
        (
            "At least 13 bombs exploded in the villages of Thawonchaung and Manawthiri in Pauktaw Township, "
            "Rakhine State, Myanmar, when a junta aircraft and several drones hit them on Tuesday.",
            "Military Forces of Myanmar (2021-)",
        ),
        # a party that holds the place ("AA-held"), or that compiled the list the toll comes from, did not strike
        (
            "At least four junta air strikes hit AA-held Pauktaw Township in Rakhine State, Myanmar, on Tuesday, "
            "killing one civilian, according to a casualty list compiled by the AA.",
            "Military Forces of Myanmar (2021-)",
        ),
        # the party an attack is blamed on made it ("blamed on the RSF": not the side hit)
        (
            "At least 56 people were killed on Saturday in artillery shelling of a vegetable market in Omdurman, "
            "Sudan, an attack which was blamed on the paramilitary Rapid Support Forces.",
            "Rapid Support Forces",
        ),
        # the side killed "in heavy fighting with government forces" did not act: the forces it fought did
        (
            "At least 19 al-Shabab fighters were killed in heavy fighting with government forces near Basra "
            "district in Middle Shabelle, Somalia, on Friday.",
            "Military Forces of Somalia (2022-)",
        ),
        # a faction named by its leader's name ("the dissidents of Ivan Mordisco") is the movement's
        (
            "The dissidents of Iván Mordisco attacked the police station of Inzá, Cauca, Colombia, on Tuesday "
            "with explosives, wounding one police officer.",
            "FARC Dissident: Revolutionary Armed Forces of Colombia Dissident Faction",
        ),
    ],
)
def test_actor1_is_who_acted(pipeline, text, actor1):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert mentions, text
    assert {m.actor1.name if m.actor1 else None for m in mentions} == {actor1}


def test_regime_forces_are_the_government_where_they_act_not_the_state_the_text_names_most(pipeline):
    text = (
        "US jets struck Al-Bukamal in Syria on Monday, and US drones hit Al-Mayadin. Separately, regime forces "
        "shelled the outskirts of Sarmin in Idlib on Monday."
    )
    actors = {
        m.place.name: m.actor1.name
        for m in pipeline.extract(text, published=PUBLISHED)
        if m.place and m.actor1
    }
    assert actors.get("Sarmin") == "Military Forces of Syria (2000-)", actors
