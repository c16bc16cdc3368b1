"""Issue 14: the Who's On First layer (GeoNames' populated places and the districts of sixteen countries)."""

from __future__ import annotations

import gzip
from pathlib import Path

from eventwire.geo.layers import wof_records
from eventwire.geo.sources import Record

COLUMNS = "wof_id geonames_id country_code placetype feature_code name lat lon population county alternates"
# Invented places (so only these rows can know them), in the extract's layout (tools/gazetteer/wof_places.py).
ROWS = [
    ["1", "99100001", "SY", "locality", "PPL", "Tall Zurbāt", "36.10000", "37.10000", "0", "Jebel Saman",
     "Tall Zurbat|Tal Zurbat|tl zrbt|ZRB"],
    ["2", "99100002", "SY", "locality", "PPL", "Qarqurblat", "35.90000", "36.90000", "1200", "Idleb",
     "Qarqoorblat"],
    ["3", "", "YE", "county", "ADM2", "Wadi Zurbat", "15.50000", "44.20000", "0", "", "Zurbat District"],
    ["4", "", "IQ", "neighbourhood", "PPL", "Hayy Zurbat", "33.30000", "44.40000", "0", "Karkh", ""],
]  # fmt: skip


def _extract(tmp_path: Path) -> Path:
    path = tmp_path / "WOF_places.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\t".join(COLUMNS.split()) + "\n")
        fh.writelines("\t".join(r) + "\n" for r in ROWS)
    return path


def test_geonames_places_keep_their_id_names_and_district(tmp_path: Path) -> None:
    recs = {r.name: r for r in wof_records(_extract(tmp_path))}
    village = recs["Tall Zurbāt"]
    assert village.geonames_id == 99100001 and village.country_code == "SY" and village.feature_code == "PPL"
    # WOF's district names are not ACLED's: no admin2 from the layer
    assert village.admin2 == "" and village.source.startswith("GeoNames")
    # spellings text may use are kept; a machine romanisation (no capital) and a short code are not
    assert {"Tall Zurbat", "Tal Zurbat"} <= village.variants and not {"tl zrbt", "ZRB"} & village.variants
    assert village.loose  # an Arabic toponym gets loose keys ("tall" / "tal")


def test_districts_and_neighbourhoods_are_units_not_villages(tmp_path: Path) -> None:
    recs = {r.name: r for r in wof_records(_extract(tmp_path))}
    district = recs["Wadi Zurbat"]
    assert (
        district.feature_code == "ADM2" and district.geo_precision == 3 and district.admin2 == "Wadi Zurbat"
    )
    assert recs["Hayy Zurbat"].feature_code == "PPLX" and recs["Hayy Zurbat"].geonames_id is None


def test_a_place_already_read_from_geonames_gains_names_not_a_twin(tmp_path: Path) -> None:
    town = Record(name="Qarqurblat", lat=35.9, lon=36.9, country_code="SY", feature_code="PPL",
                  source="GeoNames", population=1200, geonames_id=99100002)  # fmt: skip
    recs = wof_records(_extract(tmp_path), {99100002: town})
    assert "Qarqurblat" not in {r.name for r in recs}
    assert "Qarqoorblat" in town.variants and town.admin2 == ""


def test_the_layer_adds_new_names_only(tmp_path: Path) -> None:
    from eventwire.geo.layers import wof_layer

    # the OpenStreetMap node of the same village 1 km away, and a town of another village's name 60 km away
    osm = Record(name="Tal Zurbat", lat=36.109, lon=37.1, country_code="SY", feature_code="PPL",
                 source="OpenStreetMap place nodes 2019 (ODbL)", bulk_prior=0.2)  # fmt: skip
    town = Record(name="Hayy Zurbat", lat=33.8, lon=44.0, country_code="IQ", feature_code="PPL", source="GeoNames",
                  population=5000, geonames_id=99100099)  # fmt: skip
    new = {r.name: r for r in wof_layer(_extract(tmp_path), {}, [osm, town])}
    assert "Tall Zurbāt" not in new and "Tall Zurbat" in osm.variants  # one village, one record
    assert "Hayy Zurbat" not in new  # the town keeps its name's matches
    assert set(new) == {"Qarqurblat"}  # WOF's districts are left out (nlp.places places units by their seat)


def test_version_names_who_s_on_first() -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and "Who's On First" in result.stdout


def test_a_name_only_the_layer_holds_is_not_matched_by_its_consonants() -> None:
    from eventwire.geo.gazetteer import Gazetteer
    from eventwire.geo.layers import WOF_GEONAMES_SOURCE
    from eventwire.geo.pack import _pack

    hamlet = Record(name="Ngras", lat=9.5, lon=8.9, country_code="NG", feature_code="PPL", source=WOF_GEONAMES_SOURCE,
                    geonames_id=99100010)  # fmt: skip
    town = Record(name="Zurbati", lat=36.1, lon=37.1, country_code="SY", feature_code="PPL", source="GeoNames",
                  population=5000, geonames_id=99100011)  # fmt: skip
    gaz = Gazetteer(_pack([town, hamlet], {}))
    assert gaz.candidates("Ngras", limit=1)[0].name == "Ngras"  # as written it is found
    assert not [c for c in gaz.candidates("Nigeria's", limit=5) if c.name == "Ngras"]  # not by "ngrs"
    assert gaz.candidates("Zurbaty", limit=1)[0].name == "Zurbati"  # other sources keep skeleton matches


def test_a_village_named_like_a_province_is_left_out(tmp_path: Path) -> None:
    from eventwire.geo.layers import wof_layer

    # "Qarqurblat" is (here) a province's name: a sentence's "Qarqurblat" stays that province's area alone
    new = {r.name for r in wof_layer(_extract(tmp_path), {}, [], admin_names={"qarqurblat"})}
    assert "Qarqurblat" not in new
