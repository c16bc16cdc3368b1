"""Bundled data files (lexicons, actor dictionary, voices), found by name in eventwire/data."""

from __future__ import annotations

import csv
import importlib.resources
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.errors import ResourceError

if TYPE_CHECKING:
    from spacy.language import Language

    from eventwire.events.claimants import ClaimantNamer
    from eventwire.geo.gazetteer import Gazetteer
    from eventwire.nlp.actors import ActorLexicon
    from eventwire.nlp.loaded import LoadedLexicon, PartyVoices
    from eventwire.nlp.triggers import TriggerLexicon

LANGUAGES = ("en",)  # languages with a model and a lexicons/<lang>/ folder


@dataclass(frozen=True, slots=True)
class Resources:
    """What the stages read, loaded once per process and passed to each stage explicitly: the spaCy model, the
    gazetteer, the actor, trigger and loaded-term lexicons, the claimant namer, and the language they are for."""

    nlp: Language
    gazetteer: Gazetteer
    actors: ActorLexicon
    loaded: LoadedLexicon
    triggers: TriggerLexicon
    claimants: ClaimantNamer
    voices: PartyVoices
    language: str = "en"
    data_folder: Path | None = None  # a folder whose files are read instead of the bundled ones of that name


def read_data_text(name: str, folder: Path | None = None) -> str:
    """Return the text of a data file: `folder`/name when a data folder is given and holds it, else the bundled
    file; ResourceError when neither exists."""
    if folder is not None and (Path(folder) / name).is_file():
        return (Path(folder) / name).read_text(encoding="utf-8")
    try:
        return importlib.resources.files("eventwire.data").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError) as exc:
        raise ResourceError(f"bundled data file {name!r} is missing: reinstall eventwire") from exc


def read_data_tsv(name: str, folder: Path | None = None) -> list[dict[str, str]]:
    """Return the rows of a data TSV file with a header line (see read_data_text); # starts a comment line."""
    lines = [
        line
        for line in read_data_text(name, folder).splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]
