"""Cross-source merge: mentions of one event across articles become one Event with all its sources.

Two mentions are of the same event when their dates agree within their time precision, their types are
compatible, their known actors do not contradict each other and their places lie within a tolerance that
grows with geo_precision. Events are the connected groups of that relation, so the result depends only on
the set of mentions, never on the order they came in; event ids are hashes of the member mentions.
An event's columns come from running aggregates (EventState: minima, maxima, unions, sums), so the store
adds a mention to an event at a cost that does not grow with the mentions the event already holds.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlsplit

from pydantic import TypeAdapter

from eventwire.geo.distance import distance_km as haversine_km
from eventwire.model import Article, Corroboration, Event, Mention
from eventwire.nlp.actors import ActorLexicon
from eventwire.normalise import mention_to_row
from eventwire.resources import read_data_tsv
from eventwire.taxonomy import COMPATIBLE_GROUPS

# Days two dates may differ by, keyed by the coarser time_precision of the pair. ACLED codes one event per
# day, and the same village is often struck on consecutive days, so exact-day reports must agree exactly.
DATE_TOLERANCE_DAYS = {1: 0, 2: 7, 3: 31}
MAX_DATE_TOLERANCE_DAYS = max(DATE_TOLERANCE_DAYS.values())
# Kilometres two places may lie apart, keyed by the coarser geo_precision of the pair.
PLACE_TOLERANCE_KM = {1: 2.0, 2: 10.0, 3: 50.0}
MAX_PLACE_TOLERANCE_KM = max(PLACE_TOLERANCE_KM.values())
LAT_BAND_DEG = 0.5  # ~55 km: wider than MAX_PLACE_TOLERANCE_KM, so neighbours sit in adjacent bands
_KM_PER_DEG = 111.0  # a little under the true 111.2 km per degree of latitude: ranges err wide

_COMPATIBLE_GROUPS = COMPATIBLE_GROUPS  # data/taxonomy.tsv, column compatible_group
MAX_COMPATIBLE_TYPES = max(len(group) for group in _COMPATIBLE_GROUPS)
_CORROBORATION_RANK: dict[str, int] = {
    "single source": 0,
    "several sources of one side": 1,
    "confirmed by the other side": 2,
    "independent": 3,
}


@dataclass(frozen=True)
class Voice:
    """Who speaks in a mention (a claimant or an outlet) and which side they speak from."""

    name: str
    side: str | None  # None: not in the voices file
    kind: str | None

    @property
    def neutral(self) -> bool:
        return self.side == "neutral"


def mention_id(mention: Mention) -> str:
    """Return the content hash that identifies a mention (sha256 of its JSON, which includes its article).

    The stage versions are left out: the same event told the same way keeps its id when a stage is renamed."""
    return hashlib.sha256(mention.model_dump_json(exclude={"stages"}).encode("utf-8")).hexdigest()


def event_id(mention_ids: Iterable[str]) -> str:
    """Return the stable id of the event made of these mentions (content hashes, hex): an order-free hash.

    The sum of the ids' first 64 bits, so an event's id follows from its old id and a new member's alone."""
    return _event_id_of(sum(_id_bits(mid) for mid in set(mention_ids)))


def _id_bits(mid: str) -> int:
    return int(mid[:16], 16)


def _event_id_of(digest: int) -> str:
    return f"EW{digest % 2**64:016X}"


def merge_mentions(
    mentions: Iterable[Mention],
    *,
    articles: Mapping[str, Article] | None = None,
) -> list[Event]:
    """Return the events these mentions report, one Event per group of mentions of the same event.

    `articles` (by Article.id) supplies publishers and URLs for sources and corroboration. Identical
    mentions count once. Events come sorted by date, then event_id.
    """
    by_id: dict[str, Mention] = {}
    for mention in mentions:
        by_id.setdefault(mention_id(mention), mention)
    return [event for event, _ in merge_identified(by_id, articles=articles)]


def merge_identified(
    mentions: Mapping[str, Mention], *, articles: Mapping[str, Article] | None = None
) -> list[tuple[Event, list[str]]]:
    """Return merge_mentions' events for mentions keyed by mention_id, each with the ids of its mentions.

    For callers that already hold the ids, so no mention is hashed twice."""
    articles = articles or {}
    ids = sorted(mentions)
    ordered = [mentions[i] for i in ids]
    events = []
    for group in connected_groups(ordered):
        members = [(ids[i], ordered[i], articles.get(ordered[i].article_id)) for i in group]
        ranked = sorted(members, key=lambda t: rank_key(t[0], t[1], t[2]))
        state = EventState.of(members)
        events.append((state.event([m for _, m, _ in ranked]), [mid for mid, _, _ in ranked]))
    events.sort(key=lambda pair: (_date_key(pair[0].mentions[0].date), pair[0].event_id))
    return events


def same_event(a: Mention, b: Mention) -> bool:
    """Return whether two mentions can report the same event (dates, types, actors and places agree)."""
    return (
        _dates_agree(a, b)
        and types_compatible(a.sub_event_type, b.sub_event_type, a.event_type, b.event_type)
        and _actors_agree(a, b)
        and _places_agree(a, b)
    )


def match_key(mention: Mention) -> str | None:
    """Return a hash of what same_event reads of a mention: two mentions with one key match the same others.

    None for a mention that matches nothing (undated or unplaced). The store keeps one row per event and key,
    so finding the events a new mention joins reads the few ways an event was told, not all its mentions."""
    if mention.date is None or mention.place is None:
        return None
    p = mention.place
    fields = (
        mention.date.isoformat(), mention.time_precision, mention.event_type, mention.sub_event_type,
        mention.actor1.name if mention.actor1 else None, mention.actor2.name if mention.actor2 else None,
        p.country_code, p.geonames_id, p.lat, p.lon, p.geo_precision, p.resolved_name, p.name,
    )  # fmt: skip
    return hashlib.sha256(json.dumps(fields).encode("utf-8")).hexdigest()


def types_compatible(sub_a: str, sub_b: str, type_a: str | None = None, type_b: str | None = None) -> bool:
    """Return whether two sub-event types can describe one event (the same, or one group of near-synonyms)."""
    if sub_a == sub_b:
        return type_a is None or type_b is None or type_a == type_b
    return any(sub_a in group and sub_b in group for group in _COMPATIBLE_GROUPS)


def compatible_sub_event_types(sub_event_type: str) -> set[str]:
    """Return the sub-event types a mention of this sub-event type may merge with (itself included)."""
    found = {sub_event_type}
    for group in _COMPATIBLE_GROUPS:
        if sub_event_type in group:
            found |= group
    return found


def place_key(mention: Mention) -> str | None:
    """Return the folded place name mentions are matched on when coordinates are missing."""
    place = mention.place
    if place is None:
        return None
    name = place.resolved_name or place.name
    return _fold(name) or None


def voice_of(mention: Mention, article: Article | None = None) -> Voice:
    """Return who speaks in a mention: its claimant when a party claims it, otherwise its outlet."""
    claim = mention.claim
    if claim.claimant and claim.stance in ("claimed", "acknowledged", "denied", "reported"):
        found = _lookup_voice(claim.claimant)
        if found is not None or claim.stance != "reported":
            return found or Voice(claim.claimant, None, None)
    outlet = outlet_of(mention, article)
    found = _lookup_voice(outlet) if outlet else None
    if found is None and article is not None and article.url:
        found = _lookup_voice(_host(article.url))
    return found or Voice(outlet or "unknown", None, None)


def outlet_of(mention: Mention, article: Article | None = None) -> str | None:
    """Return the outlet that published a mention: the article's publisher, the mention's source, or the URL host."""
    if article is not None and article.publisher:
        return article.publisher
    if mention.source:
        return mention.source
    if article is not None and article.url:
        return _host(article.url) or None
    return None


def corroboration_of(voices: Iterable[Voice], *, n_sources: int) -> Corroboration:
    """Return the corroboration level of an event told by these voices in `n_sources` distinct sources."""
    voices = list(voices)
    return _corroboration(
        any(v.neutral for v in voices), {v.side for v in voices if v.side is not None}, n_sources
    )


def _corroboration(neutral: bool, sides: Collection[str], n_sources: int) -> Corroboration:
    if n_sources < 2:
        return "single source"
    if neutral:
        return "independent"
    if len(sides) >= 2:
        return "confirmed by the other side"
    return "several sources of one side"


def conservative_fatalities(mentions: Iterable[Mention]) -> int:
    """Return the fatalities ACLED would code: the lowest count among the credible reports, 0 without one.

    A denial is not a count; hedged counts ("reportedly") are used only when no unhedged count exists.
    """
    firm: list[int] = []
    hedged: list[int] = []
    for mention in mentions:
        count, is_hedged = _reported_deaths(mention)
        if count is not None:
            (hedged if is_hedged else firm).append(count)
    return _fatalities(min(firm, default=None), min(hedged, default=None))


def _fatalities(firm: int | None, hedged: int | None) -> int:
    return firm if firm is not None else hedged if hedged is not None else 0


# --- grouping -----------------------------------------------------------------------------------------------


def connected_groups(
    mentions: list[Mention], *, joined: Iterable[list[int]] = (), new: list[int] | None = None
) -> list[list[int]]:
    """Return the groups (positions) of mentions linked by same_event, directly or through others.

    `joined` are groups known to be one event already; with `new`, links are looked for from those positions
    only (the store: stored events are whole groups, with no link between two of them).
    """
    parent = list(range(len(mentions)))
    for group in joined:  # one event already: one root
        for i in group[1:]:
            parent[i] = group[0]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Candidates come from an index, never a scan: by day and latitude band, sorted by longitude within a
    # band, and by day and folded place name.
    by_band: dict[tuple[int, int], list[tuple[float, int]]] = {}
    by_name: dict[tuple[int, str], list[int]] = {}
    for i, mention in enumerate(mentions):
        if mention.date is None or mention.place is None:
            continue  # an undated or unplaced report cannot be matched to another one
        day = mention.date.toordinal()
        band = _lat_band(mention)
        if band is not None:
            by_band.setdefault((day, band), []).append((mention.place.lon, i))
        key = place_key(mention)
        if key:
            by_name.setdefault((day, key), []).append(i)
    for cell in by_band.values():
        cell.sort()
    days = sorted({d for d, _ in by_band} | {d for d, _ in by_name})  # the days any mention holds

    for i in range(len(mentions)) if new is None else new:
        mention = mentions[i]
        if mention.date is None or mention.place is None:
            continue
        # Dates agree within the coarser precision of the two: searching from every mention, each finds the
        # partners within its own window. From the new ones only, a coarse-dated old one must be found too.
        window = (
            DATE_TOLERANCE_DAYS.get(mention.time_precision or 1, 0)
            if new is None
            else MAX_DATE_TOLERANCE_DAYS
        )
        day = mention.date.toordinal()
        band = _lat_band(mention)
        key = place_key(mention)
        lon_ranges = _lon_ranges(mention.place.lat, mention.place.lon) if band is not None else ()
        for d in days[bisect.bisect_left(days, day - window) : bisect.bisect_right(days, day + window)]:
            candidates: list[int] = []
            for b in (band - 1, band, band + 1) if band is not None else ():
                cell = by_band.get((d, b))
                for low, high in lon_ranges if cell else ():
                    start = bisect.bisect_left(cell, (low, -1))
                    end = bisect.bisect_right(cell, (high, len(mentions)))
                    candidates.extend(j for _, j in cell[start:end])
            if key:
                candidates.extend(by_name.get((d, key), ()))
            for j in candidates:
                if j != i and root(i) != root(j) and same_event(mention, mentions[j]):
                    ri, rj = root(i), root(j)
                    parent[max(ri, rj)] = min(ri, rj)

    groups: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _lon_ranges(lat: float, lon: float) -> list[tuple[float, float]]:
    """Return the longitude ranges holding every point within MAX_PLACE_TOLERANCE_KM of a point."""
    # The reach widens with latitude; take the farthest latitude the adjacent bands cover, 5 % to spare
    # (a circle's longitude extent exceeds km / cos(lat) a little). Near the poles, every longitude.
    edge = min(90.0, abs(lat) + 2 * LAT_BAND_DEG)
    cos_edge = math.cos(math.radians(edge))
    if cos_edge < 0.1:
        return [(-math.inf, math.inf)]
    reach = 1.05 * MAX_PLACE_TOLERANCE_KM / (_KM_PER_DEG * cos_edge)
    low, high = lon - reach, lon + reach
    ranges = [(low, high)]
    if low < -180.0:  # across the antimeridian
        ranges.append((low + 360.0, math.inf))
    if high > 180.0:
        ranges.append((-math.inf, high - 360.0))
    return ranges


def _lat_band(mention: Mention) -> int | None:
    place = mention.place
    if place is None or place.lat is None or place.lon is None:
        return None
    return math.floor(place.lat / LAT_BAND_DEG)


def _dates_agree(a: Mention, b: Mention) -> bool:
    if a.date is None or b.date is None:
        return False
    precision = max(a.time_precision or 1, b.time_precision or 1)
    return abs((a.date - b.date).days) <= DATE_TOLERANCE_DAYS.get(precision, 0)


def _actors_agree(a: Mention, b: Mention) -> bool:
    # Each side tells a clash with itself as the one attacked, so roles may swap; what may not happen is
    # two different named parties where the other report names only one.
    known_a = {_fold(x.name) for x in (a.actor1, a.actor2) if x is not None and x.name}
    known_b = {_fold(x.name) for x in (b.actor1, b.actor2) if x is not None and x.name}
    return known_a <= known_b or known_b <= known_a


def _places_agree(a: Mention, b: Mention) -> bool:
    pa, pb = a.place, b.place
    if pa is None or pb is None:
        return False
    if pa.country_code and pb.country_code and pa.country_code.upper() != pb.country_code.upper():
        return False
    if pa.geonames_id is not None and pa.geonames_id == pb.geonames_id:
        return True
    if None not in (pa.lat, pa.lon, pb.lat, pb.lon):
        precision = max(pa.geo_precision or 1, pb.geo_precision or 1)
        return haversine_km(pa.lat, pa.lon, pb.lat, pb.lon) <= PLACE_TOLERANCE_KM.get(precision, 2.0)
    key_a, key_b = place_key(a), place_key(b)
    return key_a is not None and key_a == key_b


# --- one event from its mentions -------------------------------------------------------------------------


_FILLED = ("actor1", "actor2", "target", "weapon")


@dataclass
class EventState:
    """The running aggregates of one event: everything its Event and ACLED row are made of, in a size that
    does not grow with its mentions' count. Its source list is kept in full in memory only (to_json leaves it
    out: the store keeps an event's sources in rows of their own).

    Combining states (`add`) is order-free: the lead is the best-ranked mention, each filled field the value
    of the best-ranked mention that has one, fatalities the minima of firm and hedged counts, sources,
    outlets and sides unions, the id a sum. So an event merged all at once and one grown batch by batch are
    the same event.
    """

    n: int = 0
    digest: int = 0
    lead: tuple = ()  # the lead's rank key
    lead_mention: Mention | None = None
    lead_article: Article | None = None
    filled: dict[str, tuple[tuple, Any]] = field(default_factory=dict)  # field -> (rank key, value)
    firm: int | None = None
    hedged: int | None = None
    in_article: bool = False
    neutral: bool = False
    sides: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    identities: set[str] = field(default_factory=set)  # the two smallest: corroboration asks for two or more
    published: dt.date | None = None

    @classmethod
    def of(cls, members: Iterable[tuple[str, Mention, Article | None]]) -> EventState:
        """Return the state of an event made of these (mention id, mention, its article or None)."""
        state = cls()
        for mid, mention, article in members:
            state.add(cls._one(mid, mention, article))
        return state

    @classmethod
    def _one(cls, mid: str, mention: Mention, article: Article | None) -> EventState:
        rank = rank_key(mid, mention, article)
        count, hedged = _reported_deaths(mention)
        voice = voice_of(mention, article) if mention.claim.stance != "denied" else None
        outlet = outlet_of(mention, article)
        return cls(
            n=1,
            digest=_id_bits(mid),
            lead=rank,
            lead_mention=mention,
            lead_article=article.model_copy(update={"text": ""}) if article is not None else None,
            filled={f: (rank, v) for f in _FILLED if (v := getattr(mention, f)) is not None},
            firm=count if count is not None and not hedged else None,
            hedged=count if count is not None and hedged else None,
            in_article=mention.corroborated,  # the other side's word inside one article
            neutral=voice is not None and voice.neutral,
            sides={voice.side} if voice is not None and voice.side is not None else set(),
            sources={source_ref(mention, article)},
            outlets={outlet} if outlet else set(),
            # A source is an outlet (two stories of one agency are one source); a story of unknown outlet is its own.
            identities={_source_identity(mention, article)},
            published=article.published if article is not None else None,
        )

    def add(self, other: EventState) -> None:
        """Take another state's mentions into this one (disjoint sets of mentions)."""
        if other.n == 0:
            return
        if self.n == 0 or other.lead < self.lead:
            self.lead, self.lead_mention, self.lead_article = (
                other.lead,
                other.lead_mention,
                other.lead_article,
            )
        for name, (rank, value) in other.filled.items():
            if name not in self.filled or rank < self.filled[name][0]:
                self.filled[name] = (rank, value)
        self.n += other.n
        self.digest = (self.digest + other.digest) % 2**64
        self.firm = min((c for c in (self.firm, other.firm) if c is not None), default=None)
        self.hedged = min((c for c in (self.hedged, other.hedged) if c is not None), default=None)
        self.in_article |= other.in_article
        self.neutral |= other.neutral
        self.sides |= other.sides
        self.sources |= other.sources
        self.outlets |= other.outlets
        self.identities = set(sorted(self.identities | other.identities)[:2])
        self.published = max((d for d in (self.published, other.published) if d), default=None)

    @property
    def event_id(self) -> str:
        return _event_id_of(self.digest)

    def event(self, mentions: list[Mention] | None = None) -> Event:
        """Return the Event (with these mentions, ranked; else its lead only) and its ACLED row."""
        lead = self.lead_mention
        assert lead is not None, "an event has at least one mention"
        fatalities = _fatalities(self.firm, self.hedged)
        filled = {name: self.filled[name][1] if name in self.filled else None for name in _FILLED}
        merged = lead.model_copy(
            update={**filled, "fatalities": fatalities, "corroborated": self.n > 1 or self.in_article}
        )
        corroboration = _corroboration(self.neutral, self.sides, len(self.identities))
        if corroboration == "single source" and self.in_article:
            corroboration = "confirmed by the other side"
        source_refs = sorted(self.sources)
        row = mention_to_row(merged, article=self.lead_article)  # the one ACLED row builder
        row.update(
            event_id_cnty=self.event_id,
            fatalities=fatalities,
            source="; ".join(sorted(self.outlets)) or row.get("source"),
            corroboration=corroboration,
            sources="; ".join(source_refs),
            # ACLED's timestamp is when the row last changed; the newest source date keeps it reproducible.
            timestamp=_unix(self.published) if self.published else row.get("timestamp"),
        )
        return Event(
            event_id=self.event_id,
            mentions=mentions or [lead],
            sources=source_refs,
            corroboration=corroboration,
            fatalities=fatalities,
            acled=row,
        )

    def to_json(self) -> str:
        """Return the state as JSON (from_json reads it back)."""
        return json.dumps(
            {
                "n": self.n, "digest": self.digest, "lead": self.lead,
                "lead_mention": self.lead_mention.model_dump(mode="json") if self.lead_mention else None,
                "lead_article": self.lead_article.model_dump(mode="json") if self.lead_article else None,
                "filled": {f: [r, _FIELD_TYPES[f].dump_python(v, mode="json")] for f, (r, v) in self.filled.items()},
                "firm": self.firm, "hedged": self.hedged, "in_article": self.in_article, "neutral": self.neutral,
                "sides": sorted(self.sides), "outlets": sorted(self.outlets),
                "identities": sorted(self.identities),
                "published": self.published.isoformat() if self.published else None,
            },
            ensure_ascii=False,
        )  # fmt: skip

    @classmethod
    def from_json(cls, text: str) -> EventState:
        d = json.loads(text)
        return cls(
            n=d["n"], digest=d["digest"], lead=_rank_tuple(d["lead"]),
            lead_mention=Mention.model_validate(d["lead_mention"]) if d["lead_mention"] else None,
            lead_article=Article.model_validate(d["lead_article"]) if d["lead_article"] else None,
            filled={f: (_rank_tuple(r), _FIELD_TYPES[f].validate_python(v)) for f, (r, v) in d["filled"].items()},
            firm=d["firm"], hedged=d["hedged"], in_article=d["in_article"], neutral=d["neutral"],
            sides=set(d["sides"]), outlets=set(d["outlets"]),
            identities=set(d["identities"]),
            published=dt.date.fromisoformat(d["published"]) if d["published"] else None,
        )  # fmt: skip


_FIELD_TYPES = {name: TypeAdapter(Mention.model_fields[name].annotation) for name in _FILLED}


def _rank_tuple(rank: Sequence[Any]) -> tuple:
    return tuple(rank)


def rank_key(mid: str, mention: Mention, article: Article | None) -> tuple:
    """Return the sort key of the report that leads an event, smallest first.

    A neutral voice, then an unhedged one, then the most confident, then the most precise place; the content
    hash breaks ties so the choice never depends on order."""
    voice = voice_of(mention, article)
    place = mention.place
    return (
        not voice.neutral,
        mention.claim.hedged,
        -mention.confidence,
        (place.geo_precision or 3) if place else 4,
        mid,
    )


def _reported_deaths(mention: Mention) -> tuple[int | None, bool]:
    counts = [
        (c.killed, bool(c.claim and c.claim.hedged))
        for c in mention.casualties
        if c.killed is not None and not (c.claim and c.claim.stance == "denied")
    ]
    if counts:
        firm = [k for k, hedged in counts if not hedged]
        # Within one article a later figure ("the toll rose to 5") supersedes an earlier one.
        return (max(firm), False) if firm else (max(k for k, _ in counts), True)
    if mention.fatalities > 0:
        return mention.fatalities, mention.claim.hedged
    return None, False


def _source_identity(mention: Mention, article: Article | None) -> str:
    outlet = outlet_of(mention, article)
    return outlet.casefold() if outlet else f"article:{mention.article_id}"


def source_ref(mention: Mention, article: Article | None) -> str:
    """Return how an event's sources list a mention's article: its URL, else article:ID."""
    if article is not None and article.url:
        return article.url
    return f"article:{mention.article_id}"


# --- voices -----------------------------------------------------------------------------------------------


@cache
def _voices() -> tuple[dict[str, Voice], list[tuple[re.Pattern[str], Voice]]]:
    exact: dict[str, Voice] = {}
    for row in read_data_tsv("voices.tsv"):
        exact[_fold(row["name"])] = Voice(row["name"], row["side"] or None, row["kind"] or None)
    # Whole-word search inside longer claimants ("an Israeli army spokesman"), longest name first; names of
    # two letters (AP, UN) are matched only exactly, they occur inside too many unrelated phrases.
    patterns = [
        (re.compile(r"\b" + re.escape(key) + r"\b"), voice)
        for key, voice in sorted(exact.items(), key=lambda kv: -len(kv[0]))
        if len(key) > 3
    ]
    return exact, patterns


@lru_cache(maxsize=16384)  # claimants and outlets repeat across mentions; the regex scan is not cheap
def _lookup_voice(name: str | None) -> Voice | None:
    if not name:
        return None
    key = _fold(name)
    exact, patterns = _voices()
    if key in exact:
        return exact[key]
    key = re.sub(r"^the ", "", key)
    if key in exact:
        return exact[key]
    for pattern, voice in patterns:
        if pattern.search(key):
            return voice
    return _state_voice(key, name)


# A state's own organs speak for its side: ACLED names ("Military Forces of Israel (2022-)", "Government of
# Ukraine (2019-)") and plain ones ("the Lebanese health ministry", "Russian defence ministry officials").
_STATE_OF = re.compile(
    r"^(?:military|police|naval|air|government|ministry|president|prime minister)\b.*?\bof (?:the )?(.+?)(?: \d{4}-.*)?$"
)
_STATE_WORDS = re.compile(
    r"\b(?:army|military|forces|ministry|government|police|navy|air force|general staff|spokesman|spokesperson"
    r"|officials?|authorities|president|prime minister|defence|defense|cabinet)\b"
)


def _state_voice(key: str, name: str) -> Voice | None:
    match = _STATE_OF.match(key)
    if match and (code := _country_code(match.group(1).strip())):
        return Voice(name, code, "official")
    first, _, rest = key.partition(" ")
    if rest and _STATE_WORDS.search(rest) and (code := _country_code(first)):
        return Voice(name, code, "official")
    return None


def _country_code(name: str) -> str | None:
    info = ActorLexicon.load().country_of(name)
    return info.iso2 if info else None


@lru_cache(maxsize=65536)  # names repeat: every pair comparison folds both mentions' actors and places
def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w.'-]+", " ", text.casefold()).split())


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _date_key(date: dt.date | None) -> str:
    return date.isoformat() if date else "9999-99-99"


def _unix(date: dt.date) -> int:
    return int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC).timestamp())
