"""The ACLED-notes placement check (issue 14): found within a day, placed within tolerance, country, split."""

from __future__ import annotations

import datetime as dt

from eventwire.evaluate import note_placement, note_split, placement_table, score_note
from eventwire.gold import EventRow

KHARKIV = (49.99, 36.23)


def row(**fields: object) -> EventRow:
    base: dict[str, object] = {
        "event_id": "UKR1000", "event_date": dt.date(2022, 3, 1), "event_type": "Battles",
        "sub_event_type": "Armed clash", "location": "Kharkiv", "country": "Ukraine",
        "latitude": KHARKIV[0], "longitude": KHARKIV[1], "geo_precision": 1,
    }  # fmt: skip
    base.update(fields)
    return EventRow(**base)


def test_found_needs_a_prediction_within_one_day():
    gold = row()
    late = row(event_date=dt.date(2022, 3, 3))
    assert not note_placement(gold, [late]).dated
    assert note_placement(gold, [row(event_date=dt.date(2022, 3, 2))]).dated


def test_placed_by_tolerance_of_geo_precision_and_nearest_prediction():
    gold = row(geo_precision=2)
    off_20km = row(latitude=KHARKIV[0] + 0.18)  # about 20 km north
    off_60km = row(latitude=KHARKIV[0] + 0.54)
    assert note_placement(gold, [off_60km, off_20km]).placed  # 20 km is within 30 km
    assert not note_placement(row(geo_precision=1), [off_20km]).placed  # not within 10 km
    assert note_placement(row(geo_precision=3), [off_60km]).placed


def test_wrong_country_is_the_nearest_dated_prediction_in_another_country():
    gold = row()
    abroad = row(country="Russia", latitude=50.6, longitude=36.6)
    placement = note_placement(gold, [abroad])
    assert placement.wrong_country and not placement.placed and placement.predicted_country == "Russia"
    assert not note_placement(gold, [row()]).wrong_country


def test_split_is_fixed_by_the_event_id_and_holds_out_about_30_percent():
    ids = [f"MMR{n}" for n in range(4000)]
    held = [i for i in ids if note_split(i) == "held-out"]
    assert 0.27 < len(held) / len(ids) < 0.33
    assert [note_split(i) for i in ids[:50]] == [note_split(i) for i in ids[:50]]


def test_placement_table_counts_per_country_among_found_notes():
    results = [
        score_note(row(), [row()]),
        score_note(row(), [row(country="Russia", latitude=55.0)]),
        score_note(row(country="Nigeria", event_id="NIG1"), []),
    ]
    table = {r["country"]: r for r in placement_table(results)}
    assert table["(all)"]["notes"] == 3 and table["(all)"]["found"] == 2
    assert table["Ukraine"]["placed"] == 1 and table["Ukraine"]["wrong_country"] == 1
    assert table["Ukraine"]["placed_share"] == 0.5
    assert table["Nigeria"]["found"] == 0 and table["Nigeria"]["placed_share"] is None
