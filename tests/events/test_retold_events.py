"""One event told once: a lead that names only the province, a second telling in other words, a telling in another
voice (docs/coding.md section 8, "Repeats")."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.geo.distance import distance_km

PUBLISHED = dt.date(2024, 9, 4)


def _where(mentions):
    return [(m.sub_event_type, m.place and (m.place.resolved_name or m.place.name)) for m in mentions]


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        # the department and its town share a name: the lead names the department, the body the event's place
        (
            "Two soldiers were killed in an attack by ELN guerrillas in Arauca department, military sources said "
            "on Tuesday.\n\nThe army said ELN fighters opened fire on a patrol on a highway near the town of Tame.",
            6.46,
            -71.74,
        ),
        (
            "Gunmen killed nine people at a bar in the central Mexican state of Guanajuato on Tuesday.\n\n"
            "Prosecutors said the gunmen opened fire on customers at the bar in the town of Jaral del Progreso.",
            20.37,
            -101.06,
        ),
    ],
)
def test_a_lead_at_a_province_is_the_event_the_body_places(pipeline, text, lat, lon):
    mentions = pipeline.extract(text, published=PUBLISHED)
    assert len(mentions) == 1, _where(mentions)
    place = mentions[0].place
    assert distance_km(place.lat, place.lon, lat, lon) <= 10, _where(mentions)
