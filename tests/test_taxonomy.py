"""The taxonomy is data (data/taxonomy.tsv) and the trigger lexicon can only point into it."""

from __future__ import annotations

import pytest

from eventwire.errors import ResourceError
from eventwire.nlp.triggers import TriggerLexicon
from eventwire.resources import read_data_text
from eventwire.taxonomy import COMPATIBLE_GROUPS, TAXONOMY, EventType, SubEventType


def test_taxonomy_has_acled_six_event_types_and_their_sub_types():
    assert len(EventType) == 6 and len(SubEventType) == 25
    assert TAXONOMY["Air/drone strike"].event_type is EventType.EXPLOSIONS_REMOTE_VIOLENCE
    assert TAXONOMY["Mob violence"].disorder_type == "Demonstrations"
    assert frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Attack"}) in COMPATIBLE_GROUPS


def test_a_trigger_row_with_a_type_outside_the_taxonomy_is_refused_by_name(tmp_path):
    (tmp_path / "lexicons/en").mkdir(parents=True)
    rows = (
        read_data_text("lexicons/en/triggers.tsv").rstrip("\n")
        + "\nduelled\tBattles\tArmed duel\tnone\tevent\t5\n"
    )
    (tmp_path / "lexicons/en/triggers.tsv").write_text(rows, encoding="utf-8")
    with pytest.raises(ResourceError, match=r"triggers.tsv row \d+ \('duelled'\): Battles / Armed duel"):
        TriggerLexicon.load(folder=tmp_path)
