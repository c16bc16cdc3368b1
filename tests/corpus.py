"""The fixture corpus: articles with gold files beside them (see tests/fixtures/articles/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "articles"


def fixture_articles() -> list[Path]:
    """Return the fixture article files that have a gold file beside them."""
    return sorted(p for p in FIXTURES.glob("*.txt") if p.with_suffix(".gold.json").exists())


def gold_of(path: Path) -> dict:
    return json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))


def mentions_of_text(pipeline, text: str) -> list:
    """Return the mentions of an invented report written as the corpora write them (`date` and `publisher` lines,
    a headline, paragraphs)."""
    from eventwire.ingest.text import read_text

    return pipeline.extract_article(read_text(text.encode("utf-8"), name="invented.txt")).mentions
