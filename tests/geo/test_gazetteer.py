"""Gazetteer lookups users rely on: namesakes, provinces, military sites, unknown names, the CLI and attribution."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.geo import Gazetteer, fold_name, resolve_place
from eventwire.geo.distance import distance_km
from eventwire.geo.folding import loose_key
from eventwire.geo.scoring import round4
from eventwire.geo.sources import _usable_alternate
from eventwire.nlp.places import find_place_names

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _near(place, lat: float, lon: float, km: float) -> bool:
    return place is not None and distance_km(place.lat, place.lon, lat, lon) <= km


@pytest.mark.parametrize("name", ["Zorblatt", "Qwertyvillezz", "Fakeplace al-Nowhere", "Xylophonistan"])
def test_invented_names_are_not_found_but_closest_names_are_offered(gaz: Gazetteer, name: str) -> None:
    assert gaz.candidates(name, fuzzy=True) == []
    assert resolve_place(name, gazetteer=gaz, context_countries=["LB"]) is None
    closest = gaz.closest(name, limit=3)
    assert 1 <= len(closest) <= 3
    assert all(c.match == "closest" and c.score < 0.5 for c in closest)


def test_a_misspelt_village_is_offered_as_the_closest_name(gaz: Gazetteer) -> None:
    assert any(c.country_code == "LB" and "taroun" in fold_name(c.name) for c in gaz.closest("Aytaroon"))


@pytest.mark.parametrize(
    ("mention", "context", "lat", "lon", "km"),
    [
        # A hamlet and the oblast carry the city's English spelling as their own name: the city wins.
        ("Zaporizhzhia", "UA", 47.84, 35.14, 15),
        ("Mykolaiv", "UA", 46.97, 32.0, 15),
        ("Sloviansk", "UA", 48.85, 37.60, 15),  # not Nikopol, whose GeoNames names list "Sloviansk"
        ("Mount Jarmaq", "LB", 32.997, 35.411, 3),  # Jabal al-Jarmaq is Mount Meron, in Israel
        ("Ramim barracks", "LB", 33.19, 35.55, 3),
        ("Tabit", "SD", 13.31, 25.09, 5),
        ("Marjayoun district", "LB", 33.36, 35.59, 5),
        ("Kibbutz Be'eri", "IL", 31.42, 34.49, 3),
    ],
)
def test_names_reporting_uses_land_on_the_place_meant(gaz, mention, context, lat, lon, km) -> None:
    place = resolve_place(mention, gazetteer=gaz, context_countries=[context])
    assert _near(place, lat, lon, km), place


@pytest.mark.parametrize(
    ("mention", "lat", "lon"),
    [("Odesa Oblast", 46.48, 30.72), ("Kharkiv region", 49.99, 36.23), ("Donetsk oblast", 48.0, 37.8)],
)
def test_a_province_is_placed_at_its_capital_with_precision_3(gaz, mention, lat, lon) -> None:
    place = resolve_place(mention, gazetteer=gaz, context_countries=["UA"])
    assert _near(place, lat, lon, 10) and place.geo_precision == 3, place


def test_a_district_named_for_its_seat_has_precision_2(gaz: Gazetteer) -> None:
    assert resolve_place("Marjayoun district", gazetteer=gaz, context_countries=["LB"]).geo_precision == 2


def test_a_site_word_finds_the_military_post_not_the_summit(gaz: Gazetteer) -> None:
    place = resolve_place("Mount Hermon position", gazetteer=gaz, context_countries=["IL", "LB"])
    assert place.feature_code == "MILB" and place.country_code == "IL"
    assert resolve_place("Mount Hermon", gazetteer=gaz).feature_code in {"MT", "MTS"}


def _places(gaz: Gazetteer, text: str, countries: list[str]) -> list[tuple[str, float, float]]:
    hits = find_place_names(text, offset=0, gazetteer=gaz, context_countries=countries)
    return [(h.text, h.place.lat, h.place.lon) for h in hits]


def test_a_city_district_is_placed_in_the_city_the_text_names(gaz: Gazetteer) -> None:
    found = _places(gaz, "A missile struck the Kyivskyi district of Kharkiv on Tuesday.", ["UA"])
    district = next(p for p in found if p[0] == "Kyivskyi district")
    assert distance_km(district[1], district[2], 49.99, 36.23) < 10


def test_dates_ranks_and_platforms_are_not_places(gaz: Gazetteer) -> None:
    text = "Russia attacked Ukraine on Nov. 12, Brig. Gen. Yahya Saree said on Telegram, and Human Rights Watch agreed."
    names = {p[0] for p in _places(gaz, text, ["UA", "YE"])}
    assert names <= {"Russia", "Ukraine"}, names


def test_fold_name_fast_paths_agree_with_full_folding() -> None:
    # ASCII names skip transliteration, diacritics skip unidecode: the keys must not change.
    assert fold_name("Kharkiv") == "kharkiv"
    assert fold_name("Al Ḩudaydah") == fold_name("Al Hudaydah") == "hudaydah"
    assert fold_name("Ṭūlkarm") == "tulkarm"
    assert fold_name("Łódź") == "lodz"  # no combining mark: unidecode's path
    assert fold_name("The Hague") == "hague"
    assert fold_name("Hatzor Air-Base") == fold_name("Hatzor Airbase") == "hatzor air base"
    assert fold_name("As") == "as"


def test_stored_rank_order_matches_a_full_ranking(gaz: Gazetteer) -> None:
    # A bare lookup walks the order stored at build time; a country nobody has ("ZZ") scales every score
    # alike but goes through the full scoring and sort, so both must list the same places in the same order.
    for name in (
        "Tripoli",
        "Moscow",
        "Hatzor",
        "San Jose",
        "Springfield",
        "Mount Hermon",
        "Haifa port",
        "Kherson",
    ):
        bare = [(c.name, c.lat, c.lon) for c in gaz.candidates(name, limit=8)]
        full = [(c.name, c.lat, c.lon) for c in gaz.candidates(name, country="ZZ", limit=8)]
        assert bare == full, name
    assert gaz.candidates("Tripoli", limit=1)[0].country_code == "LY"
    assert gaz.candidates("Tripoli", country="LB", limit=1)[0].country_code == "LB"


def test_geocode_command_prints_ranked_candidates_as_json() -> None:
    result = CliRunner().invoke(app, ["geocode", "Aita ech Chaab", "--country", "LB", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and rows[0]["country_code"] == "LB" and rows[0]["match"] in {"exact", "variant", "skeleton"}
    assert distance_km(rows[0]["lat"], rows[0]["lon"], 33.097, 35.336) < 3
    assert all(a["score"] >= b["score"] for a, b in zip(rows, rows[1:], strict=False))


def test_geocode_command_says_when_nothing_is_found() -> None:
    result = CliRunner().invoke(app, ["geocode", "Zorblatt", "--format", "json"])
    assert result.exit_code == 0
    assert "no place found" in result.stderr
    rows = json.loads(result.stdout)  # the nearest spellings, never presented as a match
    assert all(r["match"] == "closest" and r["score"] < 0.5 for r in rows)


def test_geonames_attribution_in_version_and_readme() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and "GeoNames" in result.stdout and "CC BY" in result.stdout
    if README.exists():
        text = README.read_text(encoding="utf-8")
        assert "GeoNames (geonames.org), CC BY 4.0" in text


def test_a_candidate_carries_the_whole_record(gaz: Gazetteer) -> None:
    beirut = gaz.candidates("Beirut", limit=1)[0]
    assert (beirut.name, beirut.country_code, beirut.country, beirut.admin1) == (
        "Beirut",
        "LB",
        "Lebanon",
        "Beirut",
    )
    assert (beirut.feature_code, beirut.geonames_id, beirut.source) == ("PPLC", 276781, "GeoNames 276781")
    assert beirut.population > 1_000_000 and beirut.geo_precision == 1 and beirut.match == "exact"
    assert distance_km(beirut.lat, beirut.lon, 33.89, 35.50) < 2


def test_bare_lookups_return_exactly_what_full_scoring_returns(gaz: Gazetteer) -> None:
    # A lookup without country or hint walks the stored order and reuses the candidates it built before; the
    # full path scores every record and sorts. Same candidates, same scores, first call and repeated call.
    names = [gaz.name_of(i) for i in range(0, len(gaz), 97)]  # about 2,700 names across the whole gazetteer
    names += ["Tripoli", "Springfield", "San Jose", "Moscow", "Mount Hermon", "Hatzor Airbase", "Kharkiv"]
    gaz.cache_clear()
    compared = 0
    for limit in (1, 5, 25):
        for name in names:
            key = fold_name(name)
            if (
                not gaz.is_known(name) or key in gaz._stop
            ):  # a common word's weight sends it down the full path
                continue
            full = gaz._scored(key, frozenset(), None, 1.0, limit, False)
            assert gaz.candidates(name, limit=limit) == full, name
            assert gaz.candidates(name, limit=limit) == full, name  # served from the candidate cache
            compared += 1
    assert compared > 6000


def test_candidate_scores_round_as_round_does() -> None:
    rng = random.Random(4)
    values = (
        [rng.random() for _ in range(100_000)] + [k / 20_000 for k in range(20_001)] + [0.03125, 0.0, 1.0]
    )
    assert [round4(v) for v in values] == [round(v, 4) for v in values]


def test_airport_codes_and_machine_romanisations_are_not_spellings(gaz: Gazetteer) -> None:
    # "Rek" (a Dinka section in South Sudan) was Reykjavik by its airport code REK; "Dinka" was Dnipro (DNK)
    assert all(c.country_code != "IS" for c in gaz.candidates("Rek", fuzzy=False))
    assert all(c.name != "Dnipro" for c in gaz.candidates("Dinka", fuzzy=False))
    assert not gaz.is_known("sheng bi de bao")  # a romanised Chinese name of Saint Petersburg
    assert _usable_alternate("Bent Jbail", "PPL") and _usable_alternate("OLBA", "AIRP")
    assert not _usable_alternate("BEY", "PPLC") and not _usable_alternate("jbl alshykh", "MT")


@pytest.mark.parametrize(
    ("spellings", "country"),
    [
        (["Tal Rifaat", "Tall Rif'at", "Tell Rifaat"], "SY"),
        (["Kfar Kila", "Kafr Kila", "Kafr Kila"], "LB"),
        (["Deir al-Balah", "Dayr al-Balah"], "PS"),
    ],
)
def test_arabic_toponym_words_and_doubled_vowels_are_one_spelling(gaz: Gazetteer, spellings, country) -> None:
    # "Tal" / "Tall" / "Tell", "Kfar" / "Kafr", "Deir" / "Dayr", long vowels written twice: one key, known to the
    # scanner without a cue, and an exact (not a loose) match
    keys = {loose_key(fold_name(s)) for s in spellings}
    assert len(keys) == 1
    assert all(gaz.is_known(s) for s in spellings)
    best = gaz.candidates(spellings[0], limit=1)[0]
    assert best.country_code == country and best.match in ("exact", "variant")
    assert not any(
        gaz.is_known(w) for w in ("Tel", "Tal", "Kfar", "Deir")
    )  # the words alone stay common words


def test_a_country_the_text_names_in_passing_does_not_pull_a_namesake_there(gaz: Gazetteer) -> None:
    # a Reuters story about Israel and Hezbollah that mentions U.S. diplomacy: "south Lebanon" is Lebanon's south,
    # not South Lebanon, Ohio; with the United States among the article's own countries it may be the town
    place = resolve_place("south Lebanon", gazetteer=gaz, context_countries=("IL", "LB", "IR", "US"))
    assert place is not None and place.country_code == "LB" and place.geo_precision == 3
    assert resolve_place("South Lebanon", gazetteer=gaz, context_countries=("US",)).country_code == "US"
