"""The command line: every command has help, extract prints valid records, bad input exits with a message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.model import ACLED_COLUMNS

runner = CliRunner()
EXAMPLE = "examples/roundup_2024-11-21.txt"


def test_every_command_has_help_text():
    import typer.main

    group = typer.main.get_command(app)
    assert group.commands, "no commands registered"
    for name, command in group.commands.items():
        assert (command.help or "").strip(), f"{name} has no help"
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name


def test_version_names_the_data_attribution():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert "GeoNames" in result.stdout


def test_extract_json_has_acled_columns_claimant_and_evidence(pipeline):
    result = runner.invoke(app, ["extract", EXAMPLE, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows
    for row in rows:
        assert set(ACLED_COLUMNS) <= set(row)
        assert row["stance"] in ("reported", "claimed", "acknowledged", "denied", "unattributed")
        for field, span in row["evidence"].items():
            assert set(span) == {"start", "end", "text"}, field
    assert any(row["location"] and row["latitude"] is not None for row in rows)


def test_extract_table_and_csv(pipeline):
    table = runner.invoke(app, ["extract", EXAMPLE])
    assert table.exit_code == 0 and "Hezbollah" in table.stdout
    csv_out = runner.invoke(app, ["extract", EXAMPLE, "--format", "csv"])
    assert csv_out.exit_code == 0
    assert csv_out.stdout.splitlines()[0].startswith("event_id_cnty,event_date,year")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "no text"), (b"\x00\x01binary\x00", "binary"), (b"caf\xe9", "UTF-8")],
)
def test_extract_bad_input_exits_2_with_a_message_and_no_traceback(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_extract_missing_file_exits_2():
    result = runner.invoke(app, ["extract", "no/such/file.txt"])
    assert result.exit_code == 2
    assert "no/such/file.txt" in result.output


def test_extract_headline_only_and_undated_text_do_not_fail(tmp_path, pipeline):
    path = tmp_path / "headline.txt"
    path.write_text("Israeli strike hits car near Bint Jbeil\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert "no publication date" in result.output
    json.loads(result.stdout)


def test_extract_large_text_is_refused_cleanly(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"Rockets hit Metula. " * 260_000)  # about 5 MB
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert "larger than an article" in result.output


def test_commands_that_never_extract_start_without_the_nlp_pipeline() -> None:
    # geocode, export and serve import the package and its CLI; spaCy loads only when something extracts.
    code = (
        "import sys, eventwire, eventwire.cli, eventwire.geo\n"
        "assert 'spacy' not in sys.modules, 'spacy loaded'\n"
        "assert eventwire.extract.__module__ == 'eventwire.pipeline'\n"
        "import eventwire.events.dates\n"
        "assert callable(eventwire.extract) and 'spacy' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_library_entry_point_matches_the_cli(pipeline):
    import eventwire

    text = Path(EXAMPLE).read_text(encoding="utf-8")
    mentions = eventwire.extract(text)
    assert mentions and all(m.article_id == mentions[0].article_id for m in mentions)
    import eventwire.events.dates  # noqa: F401  the stage package stays importable

    assert callable(eventwire.extract)
