"""GeoNames country dumps a user adds to the gazetteer (`eventwire gazetteer add CC... [--from FILE]`).

A dump is downloaded from download.geonames.org (the only network access eventwire has, and only on this
command) or taken from a local file, checked (the bytes received match the announced size, the zip's CRC-32
checks pass, an optional sha256 matches, the rows have GeoNames' 19 columns) and kept as CC.txt in the user data
folder, from which `gazetteer add` rebuilds the user's gazetteer.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import urllib.request
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from eventwire.errors import InputError, ResourceError
from eventwire.geo.paths import user_dir

GEONAMES_URL = "https://download.geonames.org/export/dump/{cc}.zip"
CHUNK = 1 << 16
_CC = re.compile(r"^[A-Z]{2}$")

Progress = Callable[[int, int | None], None]  # (bytes so far, total bytes or None)


def dumps_dir(base: Path | None = None) -> Path:
    """Return the folder added dumps are kept in (the user data folder's `dumps/` by default)."""
    return (base or user_dir()) / "dumps"


def check_code(cc: str) -> str:
    """Return an ISO2 country code upper-cased, or raise InputError naming it."""
    code = cc.strip().upper()
    if not _CC.match(code):
        raise InputError(
            f"{cc!r} is not a two-letter country code (GeoNames dumps are named like SY, YE, IQ)"
        )
    return code


def download_dump(
    cc: str,
    dest: Path,
    *,
    url: str | None = None,
    sha256: str | None = None,
    progress: Progress | None = None,
    timeout: float = 60.0,
) -> Path:
    """Download GeoNames' CC.zip (or `url`), check it, and return the path of CC.txt written into `dest`."""
    code = check_code(cc)
    url = url or GEONAMES_URL.format(cc=code)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - https or a local file: URL
            total = response.headers.get("Content-Length")
            expected = int(total) if total and total.isdigit() else None
            buffer = io.BytesIO()
            while chunk := response.read(CHUNK):
                buffer.write(chunk)
                if progress is not None:
                    progress(buffer.tell(), expected)
    except OSError as exc:
        raise ResourceError(
            f"could not download {url} ({exc}); check the connection or use --from FILE"
        ) from exc
    data = buffer.getvalue()
    if expected is not None and len(data) != expected:
        raise ResourceError(
            f"{url}: got {len(data)} bytes of {expected}; the download was cut short, try again"
        )
    return _unpack(code, data, dest, origin=url, sha256=sha256)


def local_dump(cc: str, path: Path, dest: Path, *, sha256: str | None = None) -> Path:
    """Check a local GeoNames dump (CC.zip or CC.txt) and return the path of CC.txt written into `dest`."""
    code = check_code(cc)
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} is not a file; give a GeoNames dump such as {code}.zip or {code}.txt")
    return _unpack(code, path.read_bytes(), dest, origin=str(path), sha256=sha256)


def _unpack(code: str, data: bytes, dest: Path, *, origin: str, sha256: str | None) -> Path:
    if sha256 and hashlib.sha256(data).hexdigest() != sha256.lower():
        raise ResourceError(
            f"{origin}: sha256 {hashlib.sha256(data).hexdigest()} is not the {sha256} expected"
        )
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                bad = zf.testzip()  # reads every member and checks its CRC-32
                if bad is not None:
                    raise ResourceError(f"{origin}: {bad} fails its CRC check; download it again")
                member = f"{code}.txt"
                if member not in zf.namelist():
                    raise InputError(f"{origin} holds no {member}; is it the GeoNames dump of {code}?")
                text = zf.read(member)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise ResourceError(f"{origin} is not a readable zip ({exc}); download it again") from exc
    else:
        text = data
    _check_rows(text, origin)
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / f"{code}.txt"
    tmp = out.with_suffix(".txt.tmp")
    tmp.write_bytes(text)
    shutil.move(tmp, out)
    return out


def _check_rows(text: bytes, origin: str) -> None:
    lines = [line for line in text[: 1 << 20].decode("utf-8", errors="replace").splitlines() if line.strip()]
    if not lines or any(len(line.split("\t")) < 19 for line in lines[:-1][:1000]):
        raise InputError(f"{origin} is not a GeoNames dump (rows of 19 tab-separated columns)")
