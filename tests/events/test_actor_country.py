"""An actor's country comes from the actor or from the article, never from a namesake of the place abroad; an
interceptor the text names is the interceptor wherever the place lies (docs/coding.md sections 2 and 3)."""

from __future__ import annotations

from corpus import mentions_of_text as extract
from eventwire.events.sides import event_country
from eventwire.geo.resolve import resolve_place
from eventwire.ingest.text import read_text
from eventwire.model import ArticleState
from eventwire.nlp.recognise import recognise_article
from eventwire.nlp.segment import segment_article


def recognised(pipeline, text: str) -> ArticleState:
    article = read_text(text.encode("utf-8"), name="invented.txt")
    layout = segment_article(article.text, title=article.title)
    docs = [pipeline.resources.nlp(article.text[b.start : b.end]) for b in layout.blocks]
    return recognise_article(article, layout, docs, pipeline.resources)


SYRIA = (
    "date 2022-04-22\npublisher Example Wire\nAttacks near Raqqa\n\n"
    "ISIS cells attacked a checkpoint of the Syrian Democratic Forces in Raqqa and another near Deir ez-Zor on "
    "Thursday.\n\nUnidentified gunmen killed a driver in his house in Karama on Thursday, the monitor said.\n"
)


def test_a_village_namesake_far_abroad_does_not_give_the_sides_its_country(pipeline):
    state = recognised(pipeline, SYRIA)
    namesake = resolve_place("Karama", gazetteer=pipeline.gazetteer, context_countries=["JO"])
    assert namesake is not None and namesake.country == "Jordan"  # a Jordanian Karama, 600 km from Raqqa
    assert event_country(state, namesake, state.sentences[-1], pipeline.resources) == "Syria"


def test_a_place_near_the_articles_places_keeps_its_country(pipeline):
    # Majdal Shams lies in a country the text does not name, but next to the places it does: not a namesake
    text = (
        "date 2024-05-13\npublisher Example Wire\nDrone fired\n\n"
        "Hezbollah fired a drone from Bint Jbeil at Majdal Shams on Monday.\n"
    )
    state = recognised(pipeline, text)
    place = resolve_place("Majdal Shams", gazetteer=pipeline.gazetteer, context_countries=["LB"])
    assert event_country(state, place, state.sentences[-1], pipeline.resources) == place.country != "Lebanon"


def test_the_air_defence_the_text_names_intercepts_wherever_the_place_lies(pipeline):
    text = (
        "date 2024-05-13\npublisher Example Wire\nDrone intercepted\n\n"
        "Israeli air defences intercepted a Hezbollah drone over the Lebanese town of Bint Jbeil on Monday, the army "
        "said.\n"
    )
    [event] = extract(pipeline, text)
    assert event.sub_event_type == "Disrupted weapons use"
    assert (event.actor1.name, event.actor2.name) == ("Military Forces of Israel (2022-)", "Hezbollah")
    text = (
        "date 2024-05-13\npublisher Example Wire\nDrones downed\n\n"
        "Russian air defence shot down two Ukrainian drones over Kharkiv on Monday.\n"
    )
    [event] = extract(pipeline, text)
    assert (event.actor1.name, event.actor2.name) == (
        "Military Forces of Russia (2000-)",
        "Military Forces of Ukraine (2019-)",
    )
