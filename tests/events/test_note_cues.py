"""Terse one-sentence records of every kind are events (issue 13, ACLED notes found at place and day): heavy
weapons fire, a fight breaking out, a person attacked by hand or by unknown people, people held by police, places
burned down, road blockades and blocked entrances. Each is one event of its type, on its day, at its place. The
sentences are invented; they only follow the shape of such records."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.geo.distance import distance_km

PUBLISHED = dt.date(2024, 3, 5)


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type", "point"),
    [
        (
            "On 4 March 2024, soldiers fired heavy weapons at Demoso (Loikaw, Kayah), wounding two women.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            (19.541, 97.149),
        ),
        (
            "On 4 March 2024, a fight broke out between supporters of two candidates in Kano (Kano, Kano).",
            "Riots",
            "Mob violence",
            (12.000, 8.517),
        ),
        (
            "On 4 March 2024, a photographer was physically attacked by unknown persons in Leipzig (Sachsen).",
            "Violence against civilians",
            "Attack",
            (51.340, 12.375),
        ),
        (
            "On 4 March 2024, three men kicked and punched the town's mayor in Tropea (Calabria).",
            "Violence against civilians",
            "Attack",
            (38.677, 15.898),
        ),
        (
            "On 4 March 2024, two farmers were tortured to death by gunmen in Gusau (Zamfara).",
            "Violence against civilians",
            "Attack",
            (12.170, 6.664),
        ),
        (
            "On 4 March 2024, police held 40 migrants in Tapachula (Chiapas).",
            "Strategic developments",
            "Arrests",
            (14.903, -92.257),
        ),
        (
            "On 4 March 2024, farmers set up blockades with rocks and branches in Juliaca (Puno) to demand higher "
            "milk prices.",
            "Riots",
            "Violent demonstration",  # a way blocked with rocks (riot_acts.tsv, kind destructive)
            (-15.500, -70.133),
        ),
        (
            "On 4 March 2024, parents blocked the entrance of a school in Encarnacion (Itapua) to demand more "
            "teachers.",
            "Protests",
            "Peaceful protest",
            (-27.330, -55.866),
        ),
    ],
)
def test_a_terse_record_is_one_event_on_its_day_at_its_place(
    pipeline, text, event_type, sub_event_type, point
):
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert (mention.event_type, mention.sub_event_type) == (event_type, sub_event_type)
    assert mention.date == dt.date(2024, 3, 4)
    assert distance_km(mention.place.lat, mention.place.lon, *point) <= 10, mention.place


@pytest.mark.parametrize(
    "text",
    [
        "On 4 March 2024, residents burned a bus in Juchitan (Oaxaca) over a land dispute.",
        "On 4 March 2024, a group burnt down three settlements near Kafanchan (Jema'a, Kaduna).",
    ],
)
def test_burning_a_bus_or_settlements_is_an_event(pipeline, text):
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert mention.date == dt.date(2024, 3, 4)
    assert mention.event_type in ("Riots", "Strategic developments")


def test_a_passive_killing_is_typed_by_who_was_killed(pipeline):
    """The victims of "were stabbed by gunmen" stand before the verb: farmers make an attack on civilians,
    a soldier an armed clash."""
    [farmers] = pipeline.extract(
        "On 4 March 2024, two farmers were stabbed to death by gunmen in Gusau (Zamfara).",
        published=PUBLISHED,
    )
    [soldier] = pipeline.extract(
        "On 4 March 2024, a soldier was stabbed by gunmen in Gusau (Zamfara).", published=PUBLISHED
    )
    assert farmers.sub_event_type == "Attack"
    assert soldier.sub_event_type == "Armed clash"


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said heavy weapons would be withdrawn from the front line under the deal.",
        "Observers warned that the army could use heavy weapons against the protesters in Mandalay.",
        "Residents said a brawl could erupt at the market in Kano if prices kept rising.",
    ],
)
def test_heavy_weapons_or_a_brawl_only_feared_is_no_event(pipeline, text):
    assert pipeline.extract(text, published=PUBLISHED) == []


def test_a_square_bracket_aside_keeps_its_sentence_and_the_event_its_place(pipeline):
    """The small model started a sentence at "[": the place after the aside was lost to the event."""
    [mention] = pipeline.extract(
        "On 4 March 2024, Al Shabaab militants shot and killed a government soldier (SNA) [assumed on duty] in "
        "Afgooye town (Afgooye, Lower Shabelle).",
        published=PUBLISHED,
    )
    assert mention.date == dt.date(2024, 3, 4)
    assert distance_km(mention.place.lat, mention.place.lon, 2.139, 45.121) <= 10, mention.place
    sentences = list(pipeline.nlp("Troops left the town. [Editor's note: the army gave no figures.]").sents)
    assert len(sentences) == 2  # after a full stop, a bracket still opens a sentence


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "On 4 March 2024, two armed men opened fire on two policemen in Tulua (Valle del Cauca).",
            "Armed clash",
        ),
        ("On 4 March 2024, two armed men opened fire on a woman in Tulua (Valle del Cauca).", "Attack"),
        (
            "On 4 March 2024, army troops on patrol killed a suspected militant near Djelfa (Djelfa).",
            "Armed clash",
        ),
    ],
)
def test_a_shooting_is_typed_by_who_was_shot_not_by_who_shot(pipeline, text, sub_event_type):
    """ACLED: violence against an armed person (a policeman, a militant, a gang member) is a battle, against
    anyone else an attack on civilians; "two armed men" who shoot are not the victims."""
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert mention.sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "On 4 March 2024, residents blocked the road with rocks and logs in Akure (Ondo) to demand electricity.",
            "Violent demonstration",
        ),
        (
            "On 4 March 2024, students demonstrated in Gulu (Northern), burning down a hut of the school.",
            "Violent demonstration",
        ),
        (
            "On 4 March 2024, residents blocked the road in Akure (Ondo) to demand electricity.",
            "Peaceful protest",
        ),
    ],
)
def test_a_road_blocked_with_rocks_or_a_hut_burned_down_makes_a_violent_demonstration(
    pipeline, text, sub_event_type
):
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert mention.sub_event_type == sub_event_type
