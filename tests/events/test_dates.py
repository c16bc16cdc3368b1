"""Dates as news writes them: numeric dates day first unless the weekday says otherwise, relative days, and days
told from another time of the text ("two days earlier", "a day after <the attack>", the claim's day)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.events.dates import find_dates


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("at 10:15 on Wednesday 14-2-2024 the fighters targeted", None, dt.date(2024, 2, 14)),
        ("on 5/11/2024 at dawn", None, dt.date(2024, 11, 5)),  # day first
        ("on Monday 11/4/2024", None, dt.date(2024, 11, 4)),  # 4 November 2024 was a Monday
        ("stormed Parliament on Tuesday afternoon", dt.date(2024, 6, 26), dt.date(2024, 6, 25)),
        ("on 21 November 2024", None, dt.date(2024, 11, 21)),
    ],
)
def test_a_date_resolves_to_the_day_the_text_means(text, published, expected):
    assert [d.date for d in find_dates(text, published=published) if d.date][0] == expected


def test_an_impossible_numeric_date_is_no_date():
    assert find_dates("on 31-2-2024", published=None) == []


def test_a_relative_day_without_a_publication_date_is_left_unresolved():
    [hit] = find_dates("Israeli jets struck on Tuesday", published=None)
    assert hit.date is None and hit.relative


@pytest.mark.parametrize(
    ("text", "days"),
    [("Just two days earlier, rebels attacked", -2), ("the next day", 1), ("three days after the raid", 3),
     ("earlier that day", 0), ("a day before", -1)],
)  # fmt: skip
def test_a_shift_phrase_is_read_as_days_from_another_time(text, days):
    [hit] = find_dates(text, published=dt.date(2024, 5, 7))
    assert hit.shift == days and hit.date is None


def _days(pipeline, text, published):
    """Return {place: event date} of the events extracted from text."""
    return {m.place.name: m.date for m in pipeline.extract(text, published=published) if m.place}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the day the group claimed the attack is not the day of the attack
        ("On Tuesday the group claimed an attack on soldiers in Kirkuk late on Sunday that killed four of them.",
         dt.date(2024, 5, 7), {"Kirkuk": dt.date(2024, 5, 5)}),
        # "a day after <clause>": the clause's event is the day before the main clause's
        ("Pakistani jets struck a camp in Khost on Monday, a day after suicide bombers attacked a police station in "
         "Bannu.", dt.date(2024, 5, 7), {"Khost": dt.date(2024, 5, 6), "Bannu": dt.date(2024, 5, 5)}),
        # "two days earlier" counts from the date told before it, not from the publication date
        ("Rebels bombed a pipeline in Saravena on 26 August 2024. Just two days earlier, rebels attacked a military "
         "base in Fortul.", dt.date(2024, 8, 30),
         {"Saravena": dt.date(2024, 8, 26), "Fortul": dt.date(2024, 8, 24)}),
        # "said on Thursday that ... the day before": the day before the Thursday
        ("Prosecutors said on Thursday that gunmen killed five people in Celaya the day before.",
         dt.date(2024, 5, 10), {"Celaya": dt.date(2024, 5, 8)}),
        ("Gunmen killed two farmers in Kutum on Saturday. The next day, gunmen killed a pastoralist in Kabkabiya.",
         dt.date(2024, 5, 7), {"Kutum": dt.date(2024, 5, 4), "Kabkabiya": dt.date(2024, 5, 5)}),
        # a day the shifted words tell themselves wins
        ("Militants attacked a checkpoint in Quetta on Friday. A day earlier, on May 1, gunmen attacked a checkpoint "
         "in Mastung.", dt.date(2024, 5, 4), {"Quetta": dt.date(2024, 5, 3), "Mastung": dt.date(2024, 5, 1)}),
    ],
)  # fmt: skip
def test_an_event_told_from_another_time_gets_its_own_day(pipeline, text, published, expected):
    assert _days(pipeline, text, published) == expected


def test_the_next_day_is_never_after_publication(pipeline):
    days = _days(pipeline, "Gunmen killed a pastoralist in Kutum the next day.", dt.date(2024, 5, 7))
    assert days == {"Kutum": dt.date(2024, 5, 7)}


def test_an_event_abroad_with_its_own_day_is_not_folded_into_another_countrys_event(pipeline):
    text = (
        "Suicide bombers attacked a compound in Peshawar on Monday, killing three soldiers. The Taliban said "
        "Pakistani jets bombed a house in Khost province late on Monday, killing ten civilians."
    )
    mentions = pipeline.extract(text, published=dt.date(2024, 5, 7))
    assert {(m.place.country_code, m.date) for m in mentions} == {("PK", dt.date(2024, 5, 6)),
                                                                   ("AF", dt.date(2024, 5, 6))}  # fmt: skip


def test_an_undated_event_told_later_in_a_wire_story_takes_the_day_of_its_opening(pipeline):
    # each sentence its own paragraph, as wire copy runs: the opening's day dates the story's later, undated
    # tellings, not the day the report came out
    text = (
        "Drone attack kills soldiers in Cauca\n\n"
        "BOGOTA, Sept 5 - An explosives-laden drone killed two soldiers in southwestern Colombia on Tuesday, the "
        "army said.\n\n"
        "The army said the drone hit the soldiers while they were patrolling a rural area of Argelia, in Cauca "
        "province.\n\n"
        "In a separate incident, dissidents attacked a police station in the town of Suarez, wounding two "
        "officers.\n"
    )
    events = pipeline.extract(text, published=dt.date(2025, 9, 5))
    suarez = [e for e in events if e.place is not None and e.place.name == "Suarez"]
    assert suarez and all(e.date == dt.date(2025, 9, 2) for e in suarez)  # Tuesday, not Friday the 5th
