"""Typed records that flow through eventwire: Article in, Mention per event report, Event after merging.

One definition serves validation, JSON output and the API schema (pydantic v2).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:  # the working state holds spaCy spans and the hits of each stage
    from spacy.tokens import Span as SpacySpan

    from eventwire.events.attach import ActorHit
    from eventwire.events.attribute import Frame, Hedge
    from eventwire.events.casualties import CasualtyHit
    from eventwire.events.claimants import Claimant
    from eventwire.events.dates import DateHit
    from eventwire.nlp.places import PlaceHit
    from eventwire.nlp.segment import Layout
    from eventwire.nlp.triggers import TriggerHit

Stance = Literal["reported", "claimed", "acknowledged", "denied", "unattributed"]
Corroboration = Literal[
    "single source", "several sources of one side", "confirmed by the other side", "independent"
]
ArticleStatus = Literal["ok", "no_event", "unreadable"]

# ACLED export layout, in ACLED's own column order; eventwire's columns come after it.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
EVENTWIRE_COLUMNS: tuple[str, ...] = (
    "claimant", "stance", "hedged", "corroboration", "evidence", "confidence", "sources",
)  # fmt: skip


def normalise_text(text: str) -> str:
    """Return text in NFC with Windows line ends folded, the form Article.id is hashed over."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def article_id(text: str) -> str:
    """Return the content hash that identifies an article (sha256 of its normalised text)."""
    return hashlib.sha256(normalise_text(text).strip().encode("utf-8")).hexdigest()


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(Record):
    """One news item as read: its text and whatever metadata the reader found."""

    id: str
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    language: str = "en"
    text: str

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        url: str | None = None,
        title: str | None = None,
        publisher: str | None = None,
        published: dt.date | None = None,
        language: str = "en",
    ) -> Article:
        """Return an Article whose id is the hash of its normalised text."""
        text = normalise_text(text)
        return cls(
            id=article_id(text), url=url, title=title, publisher=publisher,
            published=published, language=language, text=text,
        )  # fmt: skip


class Span(Record):
    """Evidence: character offsets into Article.text, with the words they cover."""

    article_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Place(Record):
    """Where an event happened, as written and as resolved in the gazetteer."""

    name: str
    resolved_name: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None  # ISO 3166-1 alpha-2
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature_code: str | None = None  # GeoNames feature code: PPL, MILB, AIRB, MT, ADM1, RGN ...
    relation: str | None = None  # "in", "near", "east of", "outskirts of" ...
    geo_precision: Literal[1, 2, 3] | None = None  # 1 the place itself, 2 near it / part of, 3 region
    source: str | None = None  # gazetteer source of the coordinates
    score: float | None = None
    span: Span | None = None


class Actor(Record):
    """A party to an event, under its canonical ACLED-style name."""

    name: str
    inter: int | None = None  # ACLED inter code: 1 state forces ... 8 external/other forces
    kind: str | None = None
    country: str | None = None
    surface: str | None = None
    span: Span | None = None


class Claim(Record):
    """Who says so, and how: the source attribution of a statement."""

    claimant: str | None = None
    stance: Stance = "unattributed"
    hedged: bool = False
    cue: str | None = None
    hedge_cue: str | None = None
    span: Span | None = None
    hedge_span: Span | None = None


class Casualties(Record):
    """A casualty count as one voice gives it. None where the text gives no number."""

    killed: int | None = None
    injured: int | None = None
    killed_text: str | None = None  # vague quantities kept as words: "dozens", "heavy losses"
    injured_text: str | None = None
    who: str | None = None
    claim: Claim | None = None
    span: Span | None = None


class LoadedTerm(Record):
    """A term from one side's vocabulary, flagged where it occurs."""

    term: str
    side: str
    neutral: str | None = None
    span: Span


class Mention(Record):
    """One event as one article tells it."""

    article_id: str
    event_type: str
    sub_event_type: str
    trigger: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actors: list[Actor] = Field(default_factory=list)
    target: str | None = None
    weapon: str | None = None
    place: Place | None = None
    date: dt.date | None = None
    time_precision: Literal[1, 2, 3] | None = None
    date_note: str | None = None
    casualties: list[Casualties] = Field(default_factory=list)
    fatalities: int = 0
    claim: Claim = Field(default_factory=Claim)
    # Other voices of the same article on the same event: the other side's acknowledgement, a denial, a
    # responsibility claim. `corroborated` is True when one of them speaks for another side than `claim`.
    other_claims: list[Claim] = Field(default_factory=list)
    corroborated: bool = False
    outcome: str | None = None
    loaded_terms: list[LoadedTerm] = Field(default_factory=list)
    notes: str | None = None
    source: str | None = None
    evidence: dict[str, Span] = Field(default_factory=dict)
    confidence: float = 0.5
    # The named, versioned stages that made this mention ("detect.v1"): a store says which code made each row.
    stages: list[str] = Field(default_factory=list)


class Event(Record):
    """One event after merging the mentions of it across articles."""

    event_id: str
    mentions: list[Mention]
    sources: list[str] = Field(default_factory=list)
    corroboration: Corroboration = "single source"
    fatalities: int = 0
    acled: dict[str, object] = Field(default_factory=dict)


class ArticleResult(Record):
    """What one article gave: its mentions, or why there are none."""

    article: Article
    status: ArticleStatus
    reason: str | None = None
    mentions: list[Mention] = Field(default_factory=list)


# -- per-article working state (plain dataclasses: they hold spaCy spans, never leave the pipeline) ----------


@dataclass(slots=True)
class Sentence:
    """A parsed sentence with its absolute place in the article and what was recognised in it."""

    start: int
    end: int
    block: int
    span: SpacySpan | None
    text: str
    index: int = 0  # its place in ArticleState.sentences
    places: list[PlaceHit] = field(default_factory=list)
    actors: list[ActorHit] = field(default_factory=list)
    dates: list[DateHit] = field(default_factory=list)
    casualties: list[CasualtyHit] = field(default_factory=list)
    triggers: list[TriggerHit] = field(default_factory=list)
    loaded: list[LoadedTerm] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    hedges: list[Hedge] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class ArticleState:
    """What the stages know about one article while they work on it: its sentences and article-wide facts."""

    article: Article
    layout: Layout
    sentences: list[Sentence]
    voice: str | None
    source: str | None
    author: Claimant | None = None  # the party whose statement the whole text is
    home: str | None = None  # the country whose state forces "the army" means in this text
    parties: Counter[str] = field(default_factory=Counter)  # armed actors the text names, by mentions
    party_of: dict[str, Actor] = field(default_factory=dict)
    by_block: dict[int, list[Sentence]] = field(default_factory=dict)
    intro_blocks: set[int] = field(default_factory=set)  # blocks whose last sentence introduces a list
    actor_hits: list[ActorHit] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO codes of the countries the text is about
    mentions: list[Mention] = field(default_factory=list)  # the article's mentions, as the stages leave them
    # Memo of the context lookups (events/context.py): per lookup name, one value per sentence.
    lookups: dict[str, Any] = field(default_factory=dict)

    def actor_hits_within(self, start: int, end: int) -> list[ActorHit]:
        """Return the actor hits lying within [start, end] of the article, in text order. The hits are in text
        order and disjoint, so their ends ascend too: two bisections, not a scan of the article's hits."""
        hits = self.actor_hits
        return hits[
            bisect_left(hits, start, key=lambda h: h.start) : bisect_right(hits, end, key=lambda h: h.end)
        ]


def article_span(article: Article, start: int, end: int) -> Span:
    """Return the evidence span of article.text[start:end]."""
    return Span(article_id=article.id, start=start, end=end, text=article.text[start:end])
