"""Terse event records in a coder's style (issue 13, ACLED notes): "<Category>: On <date>, <actor> <did> <what>
in <place> (<admin>)." Every such sentence is one event of its category, dated and placed, with who acted. The
sentences here are invented; they only follow the shape of such records."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.geo.distance import distance_km

PUBLISHED = dt.date(2024, 3, 5)


@pytest.mark.parametrize(
    ("text", "sub_event_type", "actor1", "point"),
    [
        (
            "Property destruction: On 4 March 2024, JNIM militants burned a water pumping station in Djibo "
            "(Djibo, Soum).",
            "Looting/property destruction",
            "JNIM",
            (14.101, -1.627),
        ),
        (
            "Movement of forces: On 4 March 2024, a Russian military convoy arrived in Manbij (Aleppo).",
            "Change to group/activity",
            None,
            (36.528, 37.955),
        ),
        (
            "Displacement: On 4 March 2024, around 300 families left Kaya (Sanmatenga, Centre-Nord) for "
            "Ouagadougou.",
            "Other",
            None,
            (13.092, -1.084),
        ),
        (
            "Defusal: On 4 March 2024, police experts made safe an unexploded shell found near a school in "
            "Kramatorsk (Donetsk).",
            "Disrupted weapons use",
            None,
            (48.723, 37.556),
        ),
        (
            "Arrests: On 4 March 2024, police officers held eight men accused of smuggling fuel in Maiduguri "
            "(Borno).",
            "Arrests",
            None,
            (11.846, 13.160),
        ),
    ],
)
def test_an_opening_category_label_types_the_event(pipeline, text, sub_event_type, actor1, point):
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert mention.sub_event_type == sub_event_type
    assert mention.date == dt.date(2024, 3, 4)
    assert distance_km(mention.place.lat, mention.place.lon, *point) <= 10, mention.place
    if actor1 is not None:
        assert mention.actor1 is not None and mention.actor1.name.startswith(actor1)


def test_a_label_needs_to_open_the_sentence(pipeline):
    # a category word inside a sentence, even before a colon, is no record's label
    text = "On 4 March 2024, residents of Kaya named one concern above all others: displacement."
    assert pipeline.extract(text, published=PUBLISHED) == []


def test_a_plural_church_is_still_a_church(pipeline):
    [mention] = pipeline.extract(
        "On 4 March 2024, unknown men burned a church in Djibo (Soum).", published=PUBLISHED
    )
    assert mention.sub_event_type == "Looting/property destruction"


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type", "point"),
    [
        # a riot's words alone, told as an act: who acts decides the type
        (
            "On 4 March 2024, rioters set a council office ablaze in Ogbomosho (Oyo).",
            "Riots",
            "Mob violence",
            (8.133, 4.240),
        ),
        (
            "On 4 March 2024, residents barricaded roads with burning tyres in Rustenburg over water cuts.",
            "Riots",
            "Violent demonstration",
            (-25.667, 27.242),
        ),
        (
            "On 4 March 2024, unidentified armed men clashed with police in Zahedan (Sistan and Baluchestan).",
            "Battles",
            "Armed clash",
            (29.496, 60.863),
        ),
    ],
)
def test_riot_words_alone_are_typed_by_who_acts(pipeline, text, event_type, sub_event_type, point):
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert (mention.event_type, mention.sub_event_type) == (event_type, sub_event_type)
    assert distance_km(mention.place.lat, mention.place.lon, *point) <= 10, mention.place


def test_burning_things_seen_are_no_riot(pipeline):
    text = "On 4 March 2024, videos showed smoke rising from burning cars in Culiacan."
    assert pipeline.extract(text, published=PUBLISHED) == []


@pytest.mark.parametrize(
    "text",
    [
        "On 4 March 2024, protesters demanded better roads and clean water in Kisumu (Kisumu).",
        "On 4 March 2024, hundreds of teachers protested in Kisumu (Kisumu), demanding higher pay.",
    ],
)
def test_who_demands_has_protested(pipeline, text):
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert (mention.sub_event_type, mention.place.name) == ("Peaceful protest", "Kisumu")


def test_a_planned_rally_is_still_no_event(pipeline):
    assert pipeline.extract("A rally is planned in Kisumu for 9 March 2024.", published=PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "sub_event_type", "point"),
    [
        # killing, shooting and firing by unnamed or armed agents, told tersely
        (
            "On 4 March 2024, in Celaya (Guanajuato), two men opened fire and killed three people at a bar.",
            "Attack",
            (20.523, -100.815),
        ),
        (
            "On 4 March 2024, armed individuals chased and killed a taxi driver in Fresnillo (Zacatecas).",
            "Attack",
            (23.175, -102.870),
        ),
        (
            "On 4 March 2024, a shopkeeper was tortured and killed by unknown persons in Qalat (Zabul).",
            "Attack",
            (32.105, 66.907),
        ),
        (
            "On 4 March 2024, police fired several shots at a car carrying farmers in Iranshahr (Sistan and "
            "Baluchestan).",
            "Attack",
            (27.202, 60.685),
        ),
        (
            "On 4 March 2024, the army killed two suspected militants near Djibo (Soum).",
            "Armed clash",
            (14.101, -1.627),
        ),  # fmt: skip
        (
            "On 4 March 2024, rival gangs exchanged heavy fire in Carrefour (Ouest).",
            "Armed clash",
            (18.541, -72.399),
        ),  # fmt: skip
        (
            "On 4 March 2024, Taliban forces launched ground and air operations against NRF fighters in "
            "Andarab (Baghlan).",
            "Armed clash",
            (35.633, 69.267),
        ),
    ],
)
def test_killing_and_firing_by_any_agent_are_events(pipeline, text, sub_event_type, point):
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert mention.sub_event_type == sub_event_type
    assert distance_km(mention.place.lat, mention.place.lon, *point) <= 30, mention.place


@pytest.mark.parametrize(
    "text",
    [
        "Around 2 March 2024 (between 1 - 4 March), the army carried out artillery strikes on militant camps near "
        "Djibo (Soum).",
        "Around 2 March 2024, (between 25 February - 4 March), the army carried out artillery strikes on militant "
        "camps near Djibo (Soum).",
    ],
)
def test_a_bracketed_span_after_a_date_only_glosses_it(pipeline, text):
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert (mention.sub_event_type, mention.date) == (
        "Shelling/artillery/missile attack",
        dt.date(2024, 3, 2),
    )


def test_firing_at_someone_is_an_attack_typed_by_who_was_fired_at(pipeline):
    text = "On 4 March 2024, unidentified militants (named by the police) fired at a policeman in Sopore (Baramulla)."
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert (mention.event_type, mention.place.name) == ("Battles", "Sopore")


def test_a_place_that_opens_like_a_month_abbreviation_dates_nothing(pipeline):
    text = "On 4 March 2024, in Mar de Ajo (Buenos Aires), a group marched to reject offshore oil drilling."
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert (mention.date, mention.place.name) == (dt.date(2024, 3, 4), "Mar de Ajo")


def test_a_date_describing_someone_does_not_date_the_event(pipeline):
    text = (
        "On 4 March 2024, relatives of a woman who was killed in 2021 held a protest at the courts in Pachuca de "
        "Soto (Hidalgo)."
    )
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert (mention.sub_event_type, mention.date) == ("Peaceful protest", dt.date(2024, 3, 4))


def test_a_killing_beside_a_plural_attack_word_stays_an_event(pipeline):
    text = "On 4 March 2024, gunmen killed 12 people in attacks on Kuru and Dogo (Plateau)."
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert [(m.sub_event_type, m.place.name) for m in mentions] == [("Attack", "Kuru"), ("Attack", "Dogo")]


def test_a_date_in_a_clause_on_the_event_itself_dates_it(pipeline):
    text = (
        "The raid, which took place on 2 March 2024, killed three civilians in Kuru (Plateau), police said."
    )
    [mention] = pipeline.extract(text, published=PUBLISHED)
    assert mention.date == dt.date(2024, 3, 2)
