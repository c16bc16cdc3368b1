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
