"""Extending eventwire with rows in data files only (docs/extending.md): a trigger for an existing sub-type, and an
armed group with its own voice, each from a data folder given to Pipeline.load."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.resources import read_data_text

GROUP = "Wadi Saluki Brigades"
ATTACK = (
    "Wadi Saluki fighters ambushed a patrol of the Zionist occupiers near Khiam on Tuesday, "
    "the Wadi Saluki Media Office said."
)
VOICED = (
    "The heroes of the Wadi Saluki Brigades ambushed a patrol of the Zionist occupiers near Khiam on Tuesday. "
    "The valiant mujahideen of the valley returned safely to their bases."
)


def _folder_with_rows(folder: Path, rows: dict[str, list[str]]) -> Path:
    """Return a data folder holding copies of the bundled files named in `rows`, each with the rows appended."""
    for name, extra in rows.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            read_data_text(name).rstrip("\n") + "\n" + "\n".join(extra) + "\n", encoding="utf-8"
        )
    return folder


@pytest.fixture(scope="module")
def group_pipeline(tmp_path_factory) -> Pipeline:
    folder = _folder_with_rows(
        tmp_path_factory.mktemp("data"),
        {
            "actors.tsv": [
                f"{GROUP}\t3\trebel group\tLebanon\t\t\t\tWadi Saluki Brigades|Wadi Saluki fighters"
            ],
            "voices.tsv": [f"Wadi Saluki Media Office\tsaluki\tparty\t{GROUP}"],
            "party_voices.tsv": [f"saluki\tsaluki\t{GROUP}\tIsraeli\t{GROUP}\t\t"],
            "loaded_terms.tsv": [
                "valiant mujahideen of the valley\tsaluki\tfighters\tloaded",
                "Zionist occupiers\tsaluki\tIsraeli forces\tloaded",
            ],
        },
    )
    return Pipeline.load(folder)


def test_a_group_added_in_a_data_folder_acts_in_extracted_events(pipeline, group_pipeline):
    bundled = pipeline.extract(Article.from_text(ATTACK))
    assert all(m.actor1 is None or m.actor1.name != GROUP for m in bundled)

    mentions = group_pipeline.extract(Article.from_text(ATTACK))
    assert mentions, "no event extracted"
    event = mentions[0]
    assert event.actor1 is not None and event.actor1.name == GROUP and event.actor1.inter == 3
    assert event.place is not None and event.place.name == "Khiam"
    assert event.claim.claimant == GROUP


def test_a_text_in_the_group_voice_is_its_own_claim(group_pipeline):
    mentions = group_pipeline.extract(Article.from_text(VOICED))
    assert mentions and mentions[0].actor1.name == GROUP
    claim = mentions[0].claim
    assert (claim.claimant, claim.stance, claim.cue) == (GROUP, "claimed", "article in the voice of saluki")


def test_a_trigger_row_in_a_data_folder_types_a_new_word(pipeline, tmp_path):
    text = "Israeli soldiers and Hezbollah fighters duelled near Khiam on Tuesday."
    assert pipeline.extract(Article.from_text(text)) == []
    folder = _folder_with_rows(
        tmp_path, {"lexicons/en/triggers.tsv": ["duell?ed|duell?ing\tBattles\tArmed clash\tnone\tevent\t5"]}
    )
    mentions = Pipeline.load(folder).extract(Article.from_text(text))
    assert [(m.event_type, m.sub_event_type, m.place.name) for m in mentions] == [
        ("Battles", "Armed clash", "Khiam")
    ]
