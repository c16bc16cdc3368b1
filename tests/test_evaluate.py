"""Scoring against ACLED-format gold, on hand-made pairs whose right answer is known."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.errors import InputError
from eventwire.evaluate import (
    EvaluationReport,
    evaluate_files,
    haversine_km,
    match_events,
    note_text,
    notes_report,
    report_json,
    report_markdown,
    score_events,
    score_note,
    stratified_sample,
)
from eventwire.gold import EventRow, read_acled_csv, read_events, read_gold_json

FIXTURES = Path(__file__).parent / "fixtures" / "evaluate"
ACLED_DEV = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "acled" / "acled_2022h1_dev.csv.gz"
)

HAIFA = (32.82, 34.99)


def event(**fields: object) -> EventRow:
    """Return a gold-like event: an air strike on Haifa on 21 November 2024 unless told otherwise."""
    base: dict[str, object] = {
        "event_date": dt.date(2024, 11, 21),
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Hezbollah",
        "actor2": "Military Forces of Israel (2022-)",
        "location": "Haifa",
        "latitude": HAIFA[0],
        "longitude": HAIFA[1],
        "geo_precision": 1,
        "fatalities": 0,
        "claimant": "Hezbollah",
        "stance": "claimed",
    }
    base.update(fields)
    return EventRow(**base)


def north_of(lat: float, km: float) -> float:
    return lat + km / 111.195


# ------------------------------------------------------------------------------------------ matching


def test_perfect_prediction_scores_one_everywhere():
    gold = [
        event(),
        event(location="Khiam", latitude=33.33, longitude=35.61, actor1="Military Forces of Israel (2022-)"),
    ]
    report = score_events(list(gold), gold)
    assert (report.events.precision, report.events.recall, report.events.f1) == (1.0, 1.0, 1.0)
    for field in report.fields.values():
        assert field.accuracy == 1.0 and field.f1 == 1.0, field.field
    assert report.geo.median_km == 0.0 and report.geo.within_5km == 1.0
    assert report.missed == [] and report.extra == []


def test_empty_prediction_has_zero_recall_and_no_precision():
    report = score_events([], [event()])
    assert report.events.recall == 0.0
    assert report.events.precision is None
    assert report.events.f1 == 0.0
    assert report.fields["event_type"].accuracy is None
    assert len(report.missed) == 1 and report.missed[0].location == "Haifa"


def test_place_30_km_away_is_a_miss_at_village_tolerance_and_a_match_for_a_region():
    shifted = event(latitude=north_of(HAIFA[0], 30))
    assert math.isclose(haversine_km(*HAIFA, shifted.latitude, shifted.longitude), 30, abs_tol=0.1)

    report = score_events([shifted], [event(tolerance_km=10)])
    assert report.events.correct == 0 and report.events.f1 == 0.0

    region = score_events([shifted], [event(tolerance_km=None, geo_precision=3)])
    assert region.events.f1 == 1.0
    assert math.isclose(region.geo.median_km, 30, abs_tol=0.1)
    assert region.geo.within_25km == 0.0
    # Matched, but 30 km off and named the same: the location field still counts it right by name.
    assert region.fields["location"].accuracy == 1.0


def test_gold_without_tolerance_uses_geo_precision():
    shifted = event(latitude=north_of(HAIFA[0], 20))
    assert score_events([shifted], [event(geo_precision=1)]).events.correct == 0  # 10 km
    assert score_events([shifted], [event(geo_precision=2)]).events.correct == 1  # 30 km


def test_wrong_but_compatible_type_matches_and_scores_the_type_wrong():
    pred = event(event_type="Battles", sub_event_type="Armed clash")
    report = score_events([pred], [event()])
    assert report.events.f1 == 1.0
    assert report.fields["event_type"].accuracy == 0.0
    assert report.fields["sub_event_type"].accuracy == 0.0
    assert report.fields["actor1"].accuracy == 1.0


def test_incompatible_type_is_no_match():
    pred = event(event_type="Protests", sub_event_type="Peaceful protest")
    report = score_events([pred], [event()])
    assert report.events.correct == 0
    assert report.events.precision == 0.0 and report.events.recall == 0.0


def test_duplicate_predictions_match_once():
    report = score_events([event(), event()], [event()])
    assert report.events.correct == 1
    assert report.events.precision == 0.5 and report.events.recall == 1.0
    assert math.isclose(report.events.f1, 2 / 3)
    assert len(report.extra) == 1


def test_false_alarms_say_why_against_the_gold_of_their_article():
    gold = [event(), event(location="Acre", latitude=32.93, longitude=35.08, event_date=dt.date(2024, 11, 22))]
    pred = [
        event(),  # found
        event(),  # the same event again
        event(location="Safed", latitude=32.96, longitude=35.50, event_date=dt.date(2024, 11, 22)),  # 40 km off
        event(location="Acre", latitude=32.93, longitude=35.08, event_date=dt.date(2024, 11, 26)),  # four days late
        event(event_type="Protests", sub_event_type="Peaceful protest", event_date=dt.date(2024, 11, 22),
              location="Acre", latitude=32.93, longitude=35.08),  # fmt: skip
        event(location="Eilat", latitude=29.56, longitude=34.95, event_date=dt.date(2024, 12, 9)),  # nothing like it
    ]
    report = score_events(pred, gold)
    assert report.events.correct == 1
    assert [e.reason for e in report.extra] == ["duplicate", "off place", "off day", "off type", "unsupported"]
    assert report.extra_reasons == {"duplicate": 1, "off place": 1, "off day": 1, "off type": 1, "unsupported": 1}
    assert "Why (against the other side's events of the same article): duplicate 1, off place 1" in report_markdown(
        report
    )


def test_missed_events_say_why_against_the_predictions_of_their_article():
    acre = {"location": "Acre", "latitude": 32.93, "longitude": 35.08}
    gold = [
        event(),
        event(actor1="Military Forces of Israel (2022-)"),  # a second strike on Haifa that day, predicted once
        event(**acre, event_date=dt.date(2024, 11, 22)),
        event(**acre, event_date=dt.date(2024, 11, 23), event_type="Protests", sub_event_type="Peaceful protest"),
        event(location="Eilat", latitude=29.56, longitude=34.95),
    ]
    pred = [
        event(),
        event(**acre, event_date=dt.date(2024, 11, 27)),  # Acre, five days late
        event(location="Safed", latitude=32.96, longitude=35.50, event_date=dt.date(2024, 11, 23),
              event_type="Protests", sub_event_type="Peaceful protest"),  # fmt: skip
    ]
    report = score_events(pred, gold)
    assert [e.reason for e in report.missed] == ["merged", "off day", "off place", "not found"]


def test_date_within_time_precision():
    three_days_later = event(event_date=dt.date(2024, 11, 24))
    assert score_events([three_days_later], [event()]).events.correct == 0
    assert score_events([three_days_later], [event(time_precision=2)]).events.correct == 1
    next_day = event(event_date=dt.date(2024, 11, 22))
    assert score_events([next_day], [event()]).events.correct == 1
    assert score_events([event(event_date=None)], [event()]).events.correct == 0


def test_matching_prefers_more_matches_over_a_better_single_pair():
    # Pred A fits both gold events (gold 1 better); pred B fits only gold 1. Greedy would pair A with
    # gold 1 and leave B alone; the optimal pairing matches both.
    gold = [event(), event(latitude=north_of(HAIFA[0], 8))]
    pred_a = event(latitude=north_of(HAIFA[0], 1))
    pred_b = event(latitude=north_of(HAIFA[0], -5), event_type="Battles", sub_event_type="Armed clash")
    assert sorted(match_events([pred_a, pred_b], gold)) == [(0, 1), (1, 0)]


def test_matching_is_deterministic_and_stays_within_an_article():
    gold = [event(article="a"), event(article="b")]
    pred = [event(article="b")]
    assert match_events(pred, gold) == [(0, 1)]
    report = score_events(pred, gold)
    by_article = {a.article: a for a in report.articles}
    assert by_article["a"].recall == 0.0 and by_article["b"].f1 == 1.0


def test_field_scores_over_matched_pairs():
    gold = [event(), event(location="Khiam", latitude=33.33, longitude=35.61, fatalities=2, actor2=None)]
    pred = [
        event(actor1="hezbollah", claimant="The Hezbollah", fatalities=3),  # case and "the" do not matter
        event(
            location="El Khiam",
            latitude=33.3262,
            longitude=35.6135,
            fatalities=2,
            actor2=None,
            stance="reported",
        ),
    ]
    report = score_events(pred, gold)
    fields = report.fields
    assert report.events.f1 == 1.0
    assert fields["actor1"].accuracy == 1.0
    assert fields["claimant"].accuracy == 1.0
    assert fields["fatalities"].accuracy == 0.5
    assert fields["stance"].accuracy == 0.5
    assert fields["location"].accuracy == 1.0
    # Both empty counts as right on the pair; only present values count towards precision and recall.
    assert fields["actor2"].accuracy == 1.0
    assert (fields["actor2"].correct, fields["actor2"].predicted, fields["actor2"].expected) == (1, 1, 1)


def test_fields_the_gold_does_not_code_are_not_scored():
    gold = read_acled_csv(FIXTURES / "acled_small.csv")
    pred = [row.model_copy(update={"claimant": "Ukrinform", "uncoded": frozenset()}) for row in gold]
    report = score_events(pred, gold)
    assert report.events.f1 == 1.0
    assert report.fields["claimant"].accuracy is None
    assert report.fields["claimant"].f1 is None


# ------------------------------------------------------------------------------------------- readers


def test_acled_csv_layout_reads_numbers_dates_and_empty_cells():
    rows = read_acled_csv(FIXTURES / "acled_small.csv")
    assert [r.event_id for r in rows] == ["UKR9001", "SYR9002", "IND9003"]
    kharkiv, thiban, delhi = rows
    assert kharkiv.event_date == dt.date(2022, 3, 2)
    assert kharkiv.fatalities == 4 and kharkiv.geo_precision == 1 and kharkiv.actor2 is None
    assert thiban.geo_precision == 2 and thiban.actor2 == "Islamic State (Syria)"
    assert delhi.time_precision == 2
    assert kharkiv.uncoded == frozenset({"claimant", "stance", "hedged"})


def test_gold_json_reads_with_its_file_name_as_article():
    rows = read_gold_json(FIXTURES / "gold_small.gold.json")
    assert [r.article for r in rows] == ["gold_small", "gold_small"]
    assert rows[0].tolerance_km == 10 and rows[0].stance == "claimed" and rows[0].hedged is False
    assert rows[1].actor2 is None and "actor2" not in rows[1].uncoded


def test_read_events_reports_bad_input_with_its_place(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("event_date,event_type,latitude\n2024-01-01,Battles,north\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.csv line 2: latitude"):
        read_events(bad)
    with pytest.raises(InputError, match="no column"):
        read_acled_csv(["a,b", "1,2"])
    with pytest.raises(InputError, match="no such file"):
        read_events(tmp_path / "missing.csv")


def test_evaluate_files_pred_csv_against_gold_json():
    report = evaluate_files(FIXTURES / "pred_small.csv", FIXTURES / "gold_small.gold.json")
    # Haifa and Khiam match; Tyre has no gold.
    assert (report.events.correct, report.events.predicted, report.events.expected) == (2, 3, 2)
    assert report.fields["fatalities"].accuracy == 0.5
    assert report.fields["location"].accuracy == 1.0  # El Khiam is Khiam
    assert [a.article for a in report.articles] == ["gold_small"]
    assert report.geo.pairs == 2 and report.geo.within_5km == 1.0


@pytest.mark.skipif(not ACLED_DEV.exists(), reason="real ACLED rows not beside the repo")
def test_real_acled_export_loads_as_is_and_scores_itself_perfectly():
    rows = read_events(ACLED_DEV)
    assert len(rows) == 8736
    assert all(r.event_date and r.event_type for r in rows)
    sample = rows[:400]
    assert score_events(sample, sample).events.f1 == 1.0


# ------------------------------------------------------------------------------------ ACLED notes


def test_note_text_drops_coder_tags():
    assert note_text("On 5 March 2022, students marched in Rabat. [size=hundreds]") == (
        "On 5 March 2022, students marched in Rabat."
    )


def test_score_note_takes_the_best_prediction_and_counts_all():
    gold = event(geo_precision=2, fatalities=1)
    far = event(latitude=north_of(HAIFA[0], 80), event_type="Battles", sub_event_type="Armed clash")
    near = event(latitude=north_of(HAIFA[0], 25), fatalities=1)
    result = score_note(gold, [far, near])
    assert result.mentions == 2
    assert result.checks == {
        "found": True, "event_type": True, "sub_event_type": True, "actor1": True, "place": True, "fatalities": True,
    }  # fmt: skip
    nothing = score_note(gold, [])
    assert not any(nothing.checks.values())
    report = notes_report([result, nothing])
    assert report.scores["found"] == 0.5 and report.mentions_per_note == 1.0
    assert report.confusion == {"Explosions/Remote violence": {"(none)": 1, "Explosions/Remote violence": 1}}


def test_stratified_sample_is_balanced_and_reproducible():
    rows = [event(event_type="Protests", event_id=f"P{i}") for i in range(50)]
    rows += [event(event_type="Battles", event_id=f"B{i}") for i in range(5)]
    rows += [event(event_type="Riots", event_id=f"R{i}") for i in range(30)]
    sample = stratified_sample(rows, 30, seed=7)
    assert len(sample) == 30
    types = [r.event_type for r in sample]
    assert types.count("Battles") == 5  # all of the rare type, its leftover share goes to the others
    assert abs(types.count("Protests") - types.count("Riots")) <= 1
    assert [r.event_id for r in stratified_sample(rows, 30, seed=7)] == [r.event_id for r in sample]
    assert [r.event_id for r in stratified_sample(rows, 30, seed=8)] != [r.event_id for r in sample]


# ---------------------------------------------------------------------------------------- rendering


def test_report_json_round_trips_and_markdown_has_tables():
    report = evaluate_files(FIXTURES / "pred_small.csv", FIXTURES / "gold_small.gold.json")
    again = EvaluationReport.model_validate(json.loads(report_json(report)))
    assert again == report
    text = report_markdown(report)
    assert "| matched | predicted | gold |" in text and "| gold_small |" in text


# ---------------------------------------------------------------------------------------------- CLI

runner = CliRunner()


def test_cli_evaluate_json_on_stdout():
    result = runner.invoke(
        app,
        ["evaluate", "--pred", str(FIXTURES / "pred_small.csv"), "--gold", str(FIXTURES / "gold_small.gold.json"),
         "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["events"]["correct"] == 2 and data["events"]["predicted"] == 3


def test_cli_evaluate_table_and_markdown():
    args = [
        "evaluate",
        "--pred",
        str(FIXTURES / "pred_small.csv"),
        "--gold",
        str(FIXTURES / "gold_small.gold.json"),
    ]
    table = runner.invoke(app, args)
    assert table.exit_code == 0 and "event_type" in table.stdout
    markdown = runner.invoke(app, [*args, "--format", "markdown"])
    assert markdown.exit_code == 0 and markdown.stdout.startswith("## Events")


def test_cli_evaluate_errors_name_the_input():
    missing = runner.invoke(
        app, ["evaluate", "--pred", "nowhere.csv", "--gold", str(FIXTURES / "acled_small.csv")]
    )
    assert missing.exit_code == 2
    assert "nowhere.csv" in missing.stderr
    neither = runner.invoke(app, ["evaluate"])
    assert neither.exit_code == 2 and "--pred" in neither.stderr
    bad_format = runner.invoke(
        app, ["evaluate", "--pred", str(FIXTURES / "acled_small.csv"), "--gold", str(FIXTURES / "acled_small.csv"),
              "--format", "xml"],
    )  # fmt: skip
    assert bad_format.exit_code == 2


def test_cli_evaluate_has_help():
    result = runner.invoke(app, ["evaluate", "--help"])
    assert result.exit_code == 0 and "--acled-notes" in result.stdout


# -------------------------------------------------------------------------------------------- ratchet


def test_ratchet_floors_sit_below_the_scores_and_catch_a_drop(tmp_path):
    from eventwire.evaluate import (
        RATCHETED_SCORES,
        ratchet_failures,
        ratchet_floors,
        read_floors,
        write_floors,
    )

    good = evaluate_files(FIXTURES / "pred_small.csv", FIXTURES / "gold_small.gold.json")
    floors = ratchet_floors(good)
    assert set(floors) == set(RATCHETED_SCORES)
    assert floors["event_f1"] == pytest.approx(0.8 - 0.01, abs=0.001)
    assert ratchet_failures(good, floors) == []
    path = tmp_path / "thresholds.json"
    write_floors(path, good, corpus="fixtures")
    assert read_floors(path) == floors

    worse = score_events(
        read_events(FIXTURES / "pred_small.csv")[:1], read_events(FIXTURES / "gold_small.gold.json")
    )
    failures = ratchet_failures(worse, floors)
    assert any(line.startswith("event_f1: 0.667 is below its floor 0.790") for line in failures)


def test_cli_floors_need_a_corpus():
    result = runner.invoke(
        app, ["evaluate", "--pred", str(FIXTURES / "pred_small.csv"), "--gold", str(FIXTURES / "gold_small.gold.json"),
              "--floors", "eval/thresholds.json"],
    )  # fmt: skip
    assert result.exit_code == 2 and "--corpus" in result.stderr


# ------------------------------------------------------------------------- extraction under evaluation

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def test_corpus_scores_each_article_and_an_unreadable_one_as_no_prediction(tmp_path):
    from eventwire.evaluate import evaluate_corpus

    name = "protest_rabat_march"
    for suffix in (".txt", ".gold.json"):
        (tmp_path / f"{name}{suffix}").write_bytes((ARTICLES / f"{name}{suffix}").read_bytes())
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "broken.gold.json").write_text(
        json.dumps({"published": None, "publisher": None, "style": "wire", "events": [
            {"event_date": "2024-01-01", "time_precision": 1, "event_type": "Battles", "sub_event_type": "Armed clash",
             "actor1": "Hezbollah", "actor2": None, "location": "Khiam", "latitude": 33.33, "longitude": 35.61,
             "geo_precision": 1, "fatalities": 0}]}),
        encoding="utf-8",
    )  # fmt: skip
    report = evaluate_corpus(tmp_path)
    by_article = {a.article: a for a in report.articles}
    assert set(by_article) == {name, "broken"}
    assert by_article["broken"].status == "unreadable" and "binary" in by_article["broken"].reason
    assert by_article["broken"].predicted == 0 and by_article["broken"].recall == 0.0
    assert by_article[name].expected == len(read_gold_json(ARTICLES / f"{name}.gold.json"))
    assert report.events.expected == by_article[name].expected + 1


def test_cli_acled_notes_on_a_small_export():
    result = runner.invoke(
        app, ["evaluate", "--acled-notes", str(FIXTURES / "acled_small.csv"), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["rows"] == 3
    assert set(data["scores"]) == {"found", "event_type", "sub_event_type", "actor1", "place", "fatalities"}
    assert [r["event_id"] for r in data["results"]] == ["UKR9001", "SYR9002", "IND9003"]


def test_older_acled_exports_with_spelled_dates_and_extra_columns_load():
    lines = [
        "data_id,iso3,event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,location,latitude,longitude,geo_precision,fatalities",
        "1,LBN,LBN1,23 February 2022,1,Battles,Armed clash,Hezbollah,Khiam,33.33,35.61,1,0",
    ]  # fmt: skip
    (row,) = read_acled_csv(lines)
    assert row.event_date == dt.date(2022, 2, 23) and row.location == "Khiam" and row.latitude == 33.33


def test_per_article_scores_stay_within_100_when_predictions_name_no_article(tmp_path):
    # `eventwire export` writes no article column: every prediction used to count under "" while its
    # matches counted under the gold article, giving per-article F1 of 200 %.
    lines = (FIXTURES / "pred_small.csv").read_text().splitlines()
    (tmp_path / "pred.csv").write_text("\n".join(line.split(",", 1)[1] for line in lines) + "\n")
    report = evaluate_files(tmp_path / "pred.csv", FIXTURES / "gold_small.gold.json")
    assert report.events.correct == 2
    by_name = {a.article: a for a in report.articles}
    assert (by_name["gold_small"].correct, by_name["gold_small"].predicted) == (2, 2)
    for score in report.articles:
        assert score.correct <= min(score.predicted, score.expected)
        assert score.f1 is None or 0 <= score.f1 <= 1
