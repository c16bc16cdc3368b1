"""The namesake pass: its index of the article's other places gives the answers of a scan over all of them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.geo.context import admin_context
from eventwire.geo.folding import fold_name
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.namesakes import _APPOSITION, _namesakes, _supported, settle_places
from eventwire.geo.resolve import resolve_place
from eventwire.nlp.places import find_place_names

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def settled_by_scan(hits, *, text, gazetteer, context_countries=()):
    """The pass as first written: every hit scans every other hit (quadratic in the article's places)."""
    out = list(hits)
    named = (
        {fold_name(h.text) for h in hits}
        | {fold_name(m.group(1)) for h in hits if (m := _APPOSITION.match(text, h.end))}
        | admin_context(text)
    )
    for k, h in enumerate(hits):
        old = h.place
        if old.lat is None or old.lon is None or old.geo_precision == 3:
            continue
        own = fold_name(h.text)
        others = [o.place for o in out if o.text != h.text and o.place.lat is not None]
        points = [(p.lat, p.lon) for p in others if (p.geo_precision or 3) < 3]
        regions = ({fold_name(p.admin1) for p in others if p.admin1} | named) - {own}
        if not regions and not points or _supported(old, points, regions):
            continue
        new = resolve_place(
            h.text, gazetteer=gazetteer, relation=h.relation, context_countries=context_countries,
            context_points=points, context_regions=regions, fuzzy=False,
        )  # fmt: skip
        if new is None or new.lat is None or not _namesakes(new, old) or not _supported(new, points, regions):
            continue
        out[k] = replace(h, place=new.model_copy(update={"span": old.span}))
    return out


TEXTS = [
    "Gang members shot a taxi driver in Zaragoza, La Libertad. Later Zaragoza was calm.",
    "In Arteaga municipality, Coahuila, police detained 37 migrants. Arteaga and Saltillo stayed quiet.",
    "Shelling hit Pisky, Donetsk region, and Avdiivka. In Pisky two houses burned; Kharkiv was calm.",
    "Rockets hit Kiryat Shmona and Metula in northern Israel. Khiam and Kfar Kila were struck. " * 3,
]


@pytest.mark.parametrize(
    "text", TEXTS + [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
)
def test_the_indexed_pass_settles_as_the_scan_does(gazetteer, text):
    hits = find_place_names(text, offset=0, gazetteer=gazetteer)
    for countries in ((), ("UA",)):
        expected = settled_by_scan(hits, text=text, gazetteer=gazetteer, context_countries=countries)
        assert settle_places(hits, text=text, gazetteer=gazetteer, context_countries=countries) == expected
