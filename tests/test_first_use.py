"""What a new user meets first: the README's snippet, its links, the bundled examples folder, no network."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PLACELESS = (
    "date 2024-11-21\nIsraeli drones struck a car on Tuesday, killing two people, the ministry said.\n"
)


def python_snippet() -> str:
    (block,) = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)
    return block


def test_the_readme_snippet_runs_on_an_event_without_a_place(tmp_path, pipeline):
    article = tmp_path / "article.txt"
    article.write_text(PLACELESS)
    assert any(m.place is None for m in pipeline.extract(PLACELESS))  # the case the snippet must survive
    code = python_snippet().replace("examples/roundup_2024-11-21.txt", str(article))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Air/drone strike" in done.stdout and "None" in done.stdout


def test_readme_and_provenance_point_only_at_what_ships_or_say_where_it_lives():
    readme = README.read_text()
    for target in re.findall(r"`((?:docs|src|examples|eval|bench|tests)/[^`\s]*)`", readme):
        if target == "bench/results.json":
            continue  # written by `python bench/run.py`
        assert (ROOT / target.split("#")[0]).exists(), target
    assert "shared/DESIGN.md" not in readme
    provenance = (ROOT / "src/eventwire/data/gazetteer/PROVENANCE.md").read_text()
    assert not re.search(r"(?<![\w.])/(?:work|home|tmp|root|Users)/", provenance)


def test_ingesting_the_examples_folder_stores_the_articles_not_its_readme(tmp_path):
    from eventwire.ingest import iter_articles

    names = {a.title for a in iter_articles([ROOT / "examples"])}
    assert len(names) == 2 and not any("Examples" in (n or "") for n in names)


# --- no network at run time -----------------------------------------------------------------------------

# Loaded through sitecustomize in the child: any connection that leaves the machine raises, and is recorded.
BLOCKER = """
import socket, sys
_connect = socket.socket.connect
def _guard(self, address, *args):
    host = address[0] if isinstance(address, tuple) else address
    if self.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1", "localhost"):
        sys.stderr.write(f"BLOCKED outbound connection to {address}\\n")
        raise OSError(101, "network blocked by the test")
    return _connect(self, address, *args)
socket.socket.connect = _guard
socket.socket.connect_ex = lambda self, address: (_guard(self, address), 0)[1]
_getaddrinfo = socket.getaddrinfo
def _resolve(host, *args, **kwargs):
    if host not in (None, "localhost", "127.0.0.1", "::1"):
        sys.stderr.write(f"BLOCKED name lookup of {host}\\n")
        raise socket.gaierror(-2, "name lookups blocked by the test")
    return _getaddrinfo(host, *args, **kwargs)
socket.getaddrinfo = _resolve
"""


def _offline_env(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])),
    }
    env.pop("EVENTWIRE_DB", None)
    return env


def test_the_blocker_blocks(tmp_path):
    code = "import urllib.request; urllib.request.urlopen('http://example.org', timeout=5)"
    done = subprocess.run(
        [sys.executable, "-c", code], env=_offline_env(tmp_path), capture_output=True, text=True
    )
    assert done.returncode != 0 and "BLOCKED" in done.stderr


def test_extract_and_ingest_run_with_the_network_blocked(tmp_path):
    env = _offline_env(tmp_path)
    eventwire = [sys.executable, "-m", "eventwire.cli"] if not shutil.which("eventwire") else ["eventwire"]
    wire = ROOT / "examples" / "wire_2024-11-21.txt"
    commands = [
        [*eventwire, "extract", str(wire), "--format", "json"],
        [*eventwire, "ingest", str(ROOT / "examples"), "--db", str(tmp_path / "events.db")],
        [*eventwire, "events", "--db", str(tmp_path / "events.db")],
    ]
    if shutil.which("unshare") and os.geteuid() == 0:
        commands.append(["unshare", "-n", *commands[0]])  # and in a namespace with no network at all
    for command in commands:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, (command, done.stderr[-2000:])
        assert "BLOCKED" not in done.stderr
    assert (
        '"event_date": "2024-11-21"'
        in subprocess.run(commands[0], env=env, capture_output=True, text=True, timeout=600).stdout
    )
