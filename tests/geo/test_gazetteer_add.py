"""`eventwire gazetteer add`: GeoNames dumps from a local file or a URL (file: URLs only; never the network)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.errors import InputError, ResourceError
from eventwire.geo.dumps import download_dump, local_dump

# Two rows in GeoNames' 19-column layout: an invented village (so only the added dump can know it) and a town.
ROWS = [
    ["99000001", "Zorblattiya", "Zorblattiya", "Zorblatiya,Zurblattiya", "36.1000", "37.1000", "P", "PPL", "SY",
     "", "09", "", "", "", "0", "", "400", "Asia/Damascus", "2024-01-01"],
    ["99000002", "Qarqurblat", "Qarqurblat", "", "35.9000", "36.9000", "P", "PPL", "SY", "", "07", "", "", "", "1200",
     "", "300", "Asia/Damascus", "2024-01-01"],
]  # fmt: skip


def _dump(tmp_path: Path) -> tuple[Path, Path]:
    text = tmp_path / "SY.txt"
    text.write_text("".join("\t".join(r) + "\n" for r in ROWS), encoding="utf-8")
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(text, "SY.txt")
    return text, archive


def test_local_zip_and_text_dumps_are_checked_and_kept(tmp_path: Path) -> None:
    text, archive = _dump(tmp_path)
    kept = local_dump("sy", archive, tmp_path / "dumps")
    assert kept.name == "SY.txt" and kept.read_text(encoding="utf-8") == text.read_text(encoding="utf-8")
    assert local_dump("SY", text, tmp_path / "other").exists()
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    local_dump("SY", archive, tmp_path / "dumps", sha256=digest)
    with pytest.raises(ResourceError, match="sha256"):
        local_dump("SY", archive, tmp_path / "dumps", sha256="0" * 64)


def test_a_damaged_or_foreign_file_is_refused(tmp_path: Path) -> None:
    _, archive = _dump(tmp_path)
    data = bytearray(archive.read_bytes())
    data[40] ^= 0xFF  # inside the compressed member: its CRC-32 no longer matches
    broken = tmp_path / "broken.zip"
    broken.write_bytes(bytes(data))
    with pytest.raises((ResourceError, InputError)):
        local_dump("SY", broken, tmp_path / "dumps")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a gazetteer\nat all\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a GeoNames dump"):
        local_dump("SY", notes, tmp_path / "dumps")
    with pytest.raises(InputError, match="two-letter"):
        local_dump("Syria", archive, tmp_path / "dumps")
    with pytest.raises(InputError, match="holds no YE.txt"):
        local_dump("YE", archive, tmp_path / "dumps")


def test_download_reads_the_url_with_progress_and_checks_the_size(tmp_path: Path) -> None:
    _, archive = _dump(tmp_path)
    seen: list[tuple[int, int | None]] = []
    kept = download_dump(
        "SY", tmp_path / "dumps", url=archive.as_uri(), progress=lambda d, t: seen.append((d, t))
    )
    assert kept.read_text(encoding="utf-8").startswith("99000001\tZorblattiya")
    assert seen and seen[-1] == (archive.stat().st_size, archive.stat().st_size)
    with pytest.raises(ResourceError, match="could not download"):
        download_dump("SY", tmp_path / "dumps", url=(tmp_path / "missing.zip").as_uri())


def test_add_builds_the_users_gazetteer_and_extraction_can_point_at_it(tmp_path: Path, monkeypatch) -> None:
    _, archive = _dump(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # platformdirs' user data folder on Linux
    out = tmp_path / "gaz.pkl"
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "add", "SY", "--from", str(archive), "--output", str(out),
                                 "--without-villages"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.strip().splitlines()[-1])["output"] == str(out)
    assert (tmp_path / "data" / "eventwire" / "gazetteer" / "dumps" / "SY.txt").exists()
    monkeypatch.setenv("EVENTWIRE_GAZETTEER", str(out))
    found = runner.invoke(app, ["geocode", "Zorblattiya", "--format", "json"])
    assert found.exit_code == 0 and json.loads(found.stdout)[0]["country_code"] == "SY"
    # the bundled gazetteer never knew it
    monkeypatch.delenv("EVENTWIRE_GAZETTEER")
    from eventwire.geo import Gazetteer

    assert not Gazetteer.load().is_known("Zorblattiya")


def test_add_refuses_from_with_several_countries(tmp_path: Path) -> None:
    _, archive = _dump(tmp_path)
    result = CliRunner().invoke(app, ["gazetteer", "add", "SY", "YE", "--from", str(archive)])
    assert result.exit_code == 2 and "one country" in result.output
