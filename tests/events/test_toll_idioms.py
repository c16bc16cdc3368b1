"""'Feared dead' reports a toll: the attack it follows is an event, while a feared attack is none."""

from __future__ import annotations

import datetime as dt

PUBLISHED = dt.date(2023, 4, 12)


def test_people_feared_dead_after_a_strike_report_the_strike(pipeline):
    text = "More than 50 people are feared dead after an air strike on a village in the Sagaing region on Tuesday."
    [strike] = pipeline.extract(text, published=PUBLISHED)
    assert strike.sub_event_type == "Air/drone strike" and strike.date == dt.date(2023, 4, 11)


def test_a_feared_attack_is_no_event(pipeline):
    assert (
        pipeline.extract("Residents feared an attack on the village of Kfar Kila.", published=PUBLISHED) == []
    )
