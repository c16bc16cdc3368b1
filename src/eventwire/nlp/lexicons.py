"""Word lists of data/lexicons/<language>/, read once when a stage module loads and compiled to patterns.

A list lives once, in its file; a stage asks for the rows it uses by their columns ("class": "civilian").
A second language is a second folder with the same files (see docs/extending.md)."""

from __future__ import annotations

import re

from eventwire.resources import read_data_tsv

LANGUAGE = "en"  # the only language with rules so far; Pipeline refuses articles in others


def lexicon_rows(name: str, *, language: str = LANGUAGE, **where: str) -> list[dict[str, str]]:
    """Return the rows of lexicons/<language>/<name> whose columns have the values in `where`."""
    rows = read_data_tsv(f"lexicons/{language}/{name}")
    return [row for row in rows if all(row[column] == value for column, value in where.items())]


def word_pattern(name: str, *, language: str = LANGUAGE, **where: str) -> re.Pattern[str]:
    """Return one case-insensitive whole-word pattern over the `pattern` column of the rows selected."""
    alternatives = [row["pattern"] for row in lexicon_rows(name, language=language, **where)]
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def word_set(name: str, *, language: str = LANGUAGE, **where: str) -> frozenset[str]:
    """Return the `word` column of the rows selected."""
    return frozenset(row["word"] for row in lexicon_rows(name, language=language, **where))
