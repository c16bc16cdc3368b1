"""Known stored events for the serve tests: one event told by both sides, two single-source events, and an
article written to attack the page (script tags, event handlers, HTML in an actor's name)."""

from __future__ import annotations

import datetime as dt

from eventwire.model import Actor, Article, ArticleResult, Casualties, Claim, LoadedTerm, Mention, Place, Span

XSS_ACTOR = '<img src=x onerror="window.__xss=1">Brigade<script>window.__xss=2</script>'
XSS_TEXT = (
    "Rockets <script>window.__xss=3</script> struck <b onmouseover=alert(1)>Metula</b> on Monday, "
    'the group said. <img src=x onerror="window.__xss=4">'
)


def _span(article: Article, words: str) -> Span:
    start = article.text.index(words)
    return Span(article_id=article.id, start=start, end=start + len(words), text=words)


def telling(
    text: str,
    *,
    publisher: str,
    day: dt.date,
    place: tuple[str, str, str, float, float],
    types: tuple[str, str],
    actor1: str,
    actor2: str | None = None,
    claimant: str | None = None,
    stance: str = "reported",
    killed: int | None = None,
    evidence: dict[str, str] | None = None,
    loaded: str | None = None,
) -> ArticleResult:
    """Return one stored article result with one mention whose evidence spans point into its text."""
    article = Article.from_text(text, publisher=publisher, published=day, title=f"{publisher} report")
    name, cc, country, lat, lon = place
    mention = Mention(
        article_id=article.id, event_type=types[0], sub_event_type=types[1],
        actor1=Actor(name=actor1, inter=3), actor2=Actor(name=actor2, inter=8) if actor2 else None,
        place=Place(name=name, lat=lat, lon=lon, country_code=cc, country=country, geo_precision=1),
        date=day, time_precision=1,
        claim=Claim(claimant=claimant, stance=stance),
        casualties=[Casualties(killed=killed)] if killed is not None else [], fatalities=killed or 0,
        evidence={field: _span(article, words) for field, words in (evidence or {}).items()},
        loaded_terms=[LoadedTerm(term=loaded, side="one side", neutral="neutral word",
                                 span=_span(article, loaded))] if loaded else [],
        notes=f"On {day}, an event at {name}.", source=publisher,
    )  # fmt: skip
    return ArticleResult(article=article, status="ok", mentions=[mention])


D1, D2, D3 = dt.date(2024, 11, 20), dt.date(2024, 11, 21), dt.date(2024, 12, 5)
METULA = ("Metula", "IL", "Israel", 33.2775, 35.5803)
KHIAM = ("Khiam", "LB", "Lebanon", 33.3295, 35.6127)
KHARKIV = ("Kharkiv", "UA", "Ukraine", 49.9935, 36.2304)
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
CLASH = ("Battles", "Armed clash")


def corpus() -> list[ArticleResult]:
    """Return the known articles: one event told by both sides, two single-source events, an XSS payload."""
    return [
        # One clash at Khiam told by both sides: merged into one event, confirmed by the other side.
        telling(
            "Hezbollah fighters clashed with Israeli enemy forces at Khiam, killing two, Hezbollah said.",
            publisher="Al-Manar",
            day=D2,
            place=KHIAM,
            types=CLASH,
            actor1="Hezbollah",
            actor2="Military Forces of Israel (2022-)",
            claimant="Hezbollah",
            stance="claimed",
            killed=2,
            evidence={"trigger": "clashed", "place": "Khiam", "claim": "Hezbollah said"},
            loaded="Israeli enemy",
        ),
        telling(
            "The Israeli army said a soldier was killed in fighting near Khiam.",
            publisher="Times of Israel",
            day=D2,
            place=KHIAM,
            types=CLASH,
            actor1="Hezbollah",
            actor2="Military Forces of Israel (2022-)",
            claimant="Military Forces of Israel (2022-)",
            stance="acknowledged",
            killed=1,
            evidence={"trigger": "fighting", "place": "Khiam"},
        ),
        telling(
            "Shelling hit Kharkiv overnight, officials reported.",
            publisher="Ukrinform",
            day=D3,
            place=KHARKIV,
            types=SHELLING,
            actor1="Military Forces of Russia (2000-)",
            killed=5,
            evidence={"trigger": "Shelling", "place": "Kharkiv"},
        ),
        # An article written to attack the page: script tags, event handlers, HTML in the actor's name.
        telling(
            XSS_TEXT,
            publisher="<i>Outlet</i>",
            day=D1,
            place=METULA,
            types=SHELLING,
            actor1=XSS_ACTOR,
            claimant='"><svg onload=alert(1)>',
            stance="claimed",
            killed=0,
            evidence={"trigger": "struck", "place": "Metula"},
        ),
    ]
