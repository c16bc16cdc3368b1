"""Extract the populated places and admin units of Who's On First country repositories into one TSV for the
gazetteer build (`data/gazetteer/sources/villages/WOF_places.tsv.gz`, read by `eventwire.geo.layers`).

Who's On First (WOF) "admin" repositories (github: whosonfirst-data/whosonfirst-data-admin-CC) hold one GeoJSON
file per place. Their localities are GeoNames' populated places of the country (WOF imported them in 2019 and
carries GeoNames' own fields: `gn:geonameid`, `gn:name`, `gn:feature_code`, `gn:population`, ... and GeoNames'
alternate names as `name:*` lists); their counties are the country's second-level units. This tool reads a
repository snapshot with git (no work tree needed) and writes one row per current place:

    wof_id  geonames_id  country_code  placetype  feature_code  name  lat  lon  population  county  alternates

`alternates` is `|`-joined: the names in Latin letters the record carries besides `name` (GeoNames ASCII name, WOF
name, the `name:*` lists of any language); the build keeps the ones English text may use. Records WOF marks deprecated, superseded or not
current, and GeoNames' abandoned, historical and destroyed places (PPLQ, PPLH, PPLW) are left out.

Usage: python tools/gazetteer/wof_places.py OUT.tsv.gz GITDIR [GITDIR ...]
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys

PLACETYPES = {"locality", "localadmin", "county", "neighbourhood", "borough"}
SKIP_CODES = {"PPLQ", "PPLH", "PPLW", "PPLCH"}
COLUMNS = [
    "wof_id", "geonames_id", "country_code", "placetype", "feature_code", "name", "lat", "lon", "population",
    "county", "alternates",
]  # fmt: skip


def _records(gitdir: str):
    git = ["git", "-C", gitdir]
    listing = subprocess.run(git + ["ls-tree", "-r", "HEAD", "--name-only"], capture_output=True, text=True,
                             check=True).stdout.split("\n")  # fmt: skip
    paths = [p for p in listing if p.startswith("data/") and p.endswith(".geojson") and "-alt-" not in p]
    proc = subprocess.Popen(git + ["cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    for path in paths:
        proc.stdin.write(f"HEAD:{path}\n".encode())
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        data = proc.stdout.read(int(header[2]))
        proc.stdout.read(1)
        yield json.loads(data)["properties"]
    proc.stdin.close()
    proc.wait()


# Latin letters (with diacritics), the okina/ayn quote marks and spaces: the names English text may spell.
_LATIN = re.compile(r"^[\x00-\u024f\u1e00-\u1eff\u2018\u2019\u02bb\u02bc\u02be\u02bf ]+$")


def _clean(s: object) -> str:
    return str(s).replace("\t", " ").replace("\n", " ").replace("|", " ").strip()


def rows_of(gitdir: str) -> list[list[str]]:
    """Return the TSV rows of one WOF admin repository."""
    props = list(_records(gitdir))
    counties = {p.get("wof:id"): p.get("wof:name", "") for p in props if p.get("wof:placetype") == "county"}
    out = []
    for p in props:
        placetype = p.get("wof:placetype")
        if placetype not in PLACETYPES or p.get("mz:is_current") == 0:
            continue
        if p.get("edtf:deprecated") or p.get("wof:superseded_by"):
            continue
        code = p.get("gn:feature_code") or {"county": "ADM2", "localadmin": "ADM3"}.get(placetype, "PPL")
        if code in SKIP_CODES:
            continue
        lat = p.get("gn:latitude", p.get("lbl:latitude", p.get("geom:latitude")))
        lon = p.get("gn:longitude", p.get("lbl:longitude", p.get("geom:longitude")))
        name = p.get("gn:name") or p.get("wof:name") or ""
        if lat is None or lon is None or not name:
            continue
        names = [p.get("gn:asciiname") or "", p.get("wof:name") or ""]
        for k, v in sorted(p.items()):
            if k.startswith("name:") and isinstance(v, list):
                names.extend(str(x) for x in v)
        cleaned = (_clean(n) for n in names if n)
        alternates = list(dict.fromkeys(n for n in cleaned if n and n != name and _LATIN.match(n)))
        hierarchy = (p.get("wof:hierarchy") or [{}])[0]
        county = counties.get(hierarchy.get("county_id"), "") if placetype != "county" else ""
        out.append([
            str(p.get("wof:id", "")), str(p.get("gn:geonameid", "") or ""),
            (p.get("wof:country") or p.get("iso:country") or "").upper(), placetype, code, _clean(name),
            f"{float(lat):.5f}", f"{float(lon):.5f}", str(int(p.get("gn:population") or 0)), _clean(county),
            "|".join(alternates),
        ])  # fmt: skip
    out.sort(key=lambda r: int(r[0] or 0))
    return out


def main(argv: list[str]) -> None:
    out_path, gitdirs = argv[0], argv[1:]
    # a fixed member name and time: the same snapshots give the same bytes whatever OUT is called
    with open(out_path, "wb") as fh, gzip.GzipFile("WOF_places.tsv", "wb", 9, fh, mtime=0) as raw:
        raw.write(("\t".join(COLUMNS) + "\n").encode())
        for gitdir in gitdirs:
            rows = rows_of(gitdir)
            print(f"{gitdir}: {len(rows)} rows", file=sys.stderr)
            for r in rows:
                raw.write(("\t".join(r) + "\n").encode())


if __name__ == "__main__":
    main(sys.argv[1:])
