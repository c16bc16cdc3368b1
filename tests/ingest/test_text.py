"""The plain-text reader: date line, headline, and clear errors on input that is not an article."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.ingest.text import read_text


def test_date_line_with_leading_spaces_and_first_paragraph_on_the_same_line():
    article = read_text(" date 2024-03-27 Israeli emergency responders inspect the site.\nMore text.")
    assert article.published == dt.date(2024, 3, 27)
    assert article.text.startswith("Israeli emergency responders inspect")


def test_headline_is_the_first_line_without_a_full_stop():
    article = read_text(
        "date 2024-11-21\nHezbollah fires rockets at Metula\n\nRockets hit Metula on Thursday."
    )
    assert article.title == "Hezbollah fires rockets at Metula"
    assert article.published == dt.date(2024, 11, 21)


def test_publisher_line_after_the_date_line_names_the_publisher_and_is_no_text():
    article = read_text(
        "date 2024-11-21\npublisher Dawn (AFP copy)\nHezbollah fires rockets at Metula\n\nRockets hit Metula."
    )
    assert article.publisher == "Dawn (AFP copy)"
    assert article.published == dt.date(2024, 11, 21)
    assert article.title == "Hezbollah fires rockets at Metula"
    assert "publisher" not in article.text
    assert article.id == read_text("Hezbollah fires rockets at Metula\n\nRockets hit Metula.").id


@pytest.mark.parametrize(
    "header", ["publisher: Reuters\ndate 2024-11-21\n", "Publisher: Reuters\n", "publisher Reuters\n"]
)
def test_publisher_line_in_either_order_and_with_a_colon(header):
    assert read_text(header + "Rockets hit Metula on Thursday.").publisher == "Reuters"


def test_a_headline_starting_with_the_word_publisher_stays_the_headline():
    article = read_text("Publisher Rupert Murdoch steps down\n\nHe announced it on Thursday.")
    assert article.publisher is None
    assert article.title == "Publisher Rupert Murdoch steps down"


def test_the_publisher_argument_wins_over_the_line():
    assert read_text("publisher Reuters\nRockets hit Metula.", publisher="AFP").publisher == "AFP"


def test_no_date_line_leaves_the_date_unknown():
    assert read_text("Rockets hit Metula on Thursday.").published is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "no text"),
        (b"   \n\n ", "no text"),
        (b"date 2024-01-01\n", "no text after the date line"),
        (b"publisher Reuters\n", "no text after the publisher line"),
        (b"\x00\x01\x02binary", "binary"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
        (b"a" * 2_000_001, "larger than an article"),
    ],
)
def test_bad_input_gets_a_clear_message(data, message):
    with pytest.raises(InputError, match=message):
        read_text(data, name="x.txt")


@given(st.text(max_size=400))
def test_any_text_reads_or_fails_cleanly(text):
    try:
        article = read_text(text)
    except InputError:
        return
    assert article.text.strip()
    assert len(article.id) == 64


def test_same_text_same_id():
    assert read_text("Rockets hit Metula.").id == read_text("Rockets hit Metula.\r\n").id
