"""Issue 14: names with their admin context, as reporting writes them, placed within tolerance (>= 95 %)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from eventwire.geo import Gazetteer, resolve_mention
from eventwire.geo.distance import distance_km

HERE = Path(__file__).parent
FILES = (HERE / "places_context.tsv", HERE / "places_context_generated.tsv")


def _rows() -> list[dict[str, str]]:
    rows = []
    for path in FILES:
        with open(path, encoding="utf-8") as fh:
            rows += list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    return rows


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def misses(gaz: Gazetteer, rows: list[dict[str, str]]) -> list[str]:
    out = []
    for row in rows:
        place = resolve_mention(row["mention"], gazetteer=gaz, context_countries=[row["context"]])
        if place is None:
            out.append(f"{row['context']} {row['mention']}: not found")
            continue
        d = distance_km(place.lat, place.lon, float(row["lat"]), float(row["lon"]))
        if d > float(row["tolerance_km"]):
            out.append(
                f"{row['context']} {row['mention']}: {place.resolved_name} {place.country_code} {d:.0f} km off"
            )
    return out


def test_context_list_covers_300_names_in_20_countries() -> None:
    rows = _rows()
    assert len(rows) >= 300
    assert len({r["context"] for r in rows}) >= 20


def test_context_list_within_tolerance(gaz: Gazetteer) -> None:
    rows = _rows()
    wrong = misses(gaz, rows)
    print(f"{len(rows) - len(wrong)}/{len(rows)} within tolerance; misses:", *wrong, sep="\n  ")
    assert len(wrong) <= 0.05 * len(rows)


@pytest.mark.parametrize(
    ("mention", "country", "expected_cc"),
    [
        ("Tripoli, north Lebanon", "LB", "LB"),  # not the Libyan capital
        ("Gereshk, Helmand province", "AF", "AF"),  # "Hilmand" in the source
        ("Sopore, Baramulla district, J&K", "IN", "IN"),
    ],
)
def test_named_context_keeps_the_country(
    gaz: Gazetteer, mention: str, country: str, expected_cc: str
) -> None:
    place = resolve_mention(mention, gazetteer=gaz, context_countries=[country])
    assert place is not None and place.country_code == expected_cc


def test_a_far_namesake_yields_to_the_named_area(gaz: Gazetteer) -> None:
    # "Pisky" near Avdiivka is missing from the sources; the Pisky of Poltava is 400 km away. The text names the
    # oblast, so the oblast is the answer (geo_precision 3), not the far namesake.
    place = resolve_mention("Pisky, Donetsk oblast", gazetteer=gaz, context_countries=["UA"])
    assert place is not None and place.admin1 == "Donetsk" and place.geo_precision == 3


def test_an_admin_area_spelled_another_way_counts_where_another_name_confirms_its_country(
    gaz: Gazetteer,
) -> None:
    from eventwire.geo import context
    from eventwire.geo.resolve import _region_places

    # "Kumandjari" is the province Komandjari (Natural Earth: Komondjari) only by its consonants; the town Foutouri
    # puts it in Burkina Faso
    confirmed = _region_places(gaz, context.region_keys(frozenset({"foutouri", "kumandjari"})), frozenset())
    assert [(a.name, a.country_code) for a in confirmed.areas] == [("Komandjari", "BF")]
    # alone, a skeleton match stands for no area (a long name's consonants recur across the world)
    alone = _region_places(gaz, context.region_keys(frozenset({"kumandjari"})), frozenset())
    assert alone.areas == ()
