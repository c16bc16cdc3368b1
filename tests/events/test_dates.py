"""Dates as news writes them: numeric dates day first unless the weekday says otherwise, relative days."""

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
