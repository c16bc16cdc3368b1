"""Recognise what each sentence names: actors, event triggers, reporting frames, places, dates, casualty counts,
hedges and loaded terms. Returns the article's working state; nothing is decided about events here."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from eventwire.events import attribute as attribution
from eventwire.events.attach import ActorHit
from eventwire.events.casualties import find_casualties
from eventwire.events.dates import find_dates
from eventwire.events.realis import token_at
from eventwire.model import Article, ArticleState, LoadedTerm, Sentence, article_span
from eventwire.nlp.places import PlaceHit, find_place_names
from eventwire.nlp.segment import Layout
from eventwire.nlp.triggers import TriggerHit
from eventwire.resources import Resources, read_data_tsv

VERSION = "recognise.v3"

_GOVERNMENT_VERBS = {
    "say", "accuse", "deny", "claim", "announce", "warn", "threaten", "vow", "insist", "keep", "continue", "launch",
    "respond", "retaliate", "blame", "demand", "reject", "confirm", "order", "send", "step", "escalate", "pledge",
}  # fmt: skip
_GOVERNMENT_NOUNS = {"attack", "strike", "offensive", "forces", "troops", "army", "military", "government", "war",
                     "campaign", "invasion", "missile", "drone", "bombardment"}  # fmt: skip


def recognise_article(article: Article, layout: Layout, docs: list[Doc], res: Resources) -> ArticleState:
    """Return the article's working state: its sentences with what each names, and the article-wide facts
    (voice, the parties it names, its home country, the countries it is about)."""
    text = article.text
    voice = res.loaded.voice_of(text)
    state = ArticleState(article, layout, [], voice, article.publisher or layout.agency)
    state.intro_blocks = {b.intro for b in layout.blocks if b.kind == "bullet" and b.intro is not None}
    found = res.actors.find(text, voice=voice, on=article.published)
    party_voice = res.voices.party_voice(voice, [actor.name for _, _, actor in found])
    if party_voice != voice:
        state.voice = voice = party_voice
        found = res.actors.find(text, voice=voice, on=article.published)
    found = res.actors.in_context(
        found, text, voice=voice, on=article.published
    )  # "regime troops" outside Syria
    actor_hits = [
        ActorHit(s, e, actor.model_copy(update={"span": article_span(article, s, e)}))
        for s, e, actor in found
    ]
    state.actor_hits = actor_hits
    state.home = _home_country(actor_hits)
    for h in actor_hits:
        if h.actor.inter is not None and h.actor.inter <= 4:  # state forces, rebels, militias
            state.parties[h.actor.name] += 1
            state.party_of.setdefault(h.actor.name, h.actor)
    blocked = [(h.start, h.end) for h in actor_hits] + ([layout.dateline] if layout.dateline else [])
    blocked += [
        m.span() for m in _outlet_names(res.data_folder).finditer(text)
    ]  # "Xinhua", "Dawn": no places
    state.countries = countries = _context_countries(actor_hits, text, res)
    # Each sentence gets the blocked spans that reach into it, found by bisection: handing every sentence the
    # whole article's list made a long article quadratic.
    blocked.sort()
    blocked_starts = [s for s, _ in blocked]
    longest = max((e - s for s, e in blocked), default=0)
    points: list[tuple[float, float]] = []
    for index, (block, doc) in enumerate(zip(layout.blocks, docs, strict=True)):
        # a sentence's PERSON entities, read off the block's once (Span.ents scans the whole document each time)
        people = [e for e in doc.ents if e.label_ == "PERSON"]
        people_starts = [e.start for e in people]
        for sent in doc.sents:
            start = block.start + sent.start_char
            sentence = Sentence(
                start, block.start + sent.end_char, index, sent, sent.text, len(state.sentences)
            )
            persons = []
            for k in range(bisect_left(people_starts, sent.start), len(people)):
                if people[k].start >= sent.end:
                    break
                if people[k].end <= sent.end:
                    persons.append((block.start + people[k].start_char, block.start + people[k].end_char))
            near = blocked[
                bisect_left(blocked_starts, sentence.start - longest) : bisect_left(
                    blocked_starts, sentence.end
                )
            ]
            near = [(s, e) for s, e in near if e > sentence.start]
            _recognise(state, sentence, res, near, countries, points, persons)
            state.sentences.append(sentence)
            state.by_block.setdefault(index, []).append(sentence)
    return state


def _context_countries(actor_hits: list[ActorHit], text: str, res: Resources) -> list[str]:
    codes: list[str] = []
    for hit in actor_hits:
        info = res.actors.country_of(hit.actor.country) if hit.actor.country else None
        if info and info.iso2 not in codes:
            codes.append(info.iso2)
    for info in res.actors.countries_named_in(text):
        if info.iso2 not in codes:
            codes.append(info.iso2)
    return codes


def _recognise(
    state: ArticleState,
    sentence: Sentence,
    res: Resources,
    blocked: list[tuple[int, int]],
    countries: list[str],
    points: list[tuple[float, float]],
    persons: list[tuple[int, int]],
) -> None:
    published = state.article.published
    sentence.actors = state.actor_hits_within(sentence.start, sentence.end)
    sentence.triggers = res.triggers.find(sentence.text, offset=sentence.start)
    if sentence.span is not None:
        sentence.frames = attribution.find_frames(sentence.span, offset=sentence.start)
    speakers = [
        (f.claimant_start, f.claimant_end) for f in sentence.frames
    ]  # "the Gaza civil defence agency"
    text = state.article.text
    sentence.places = find_place_names(
        sentence.text, offset=sentence.start, gazetteer=res.gazetteer,
        blocked=blocked + [_trigger_words(h, sentence) for h in sentence.triggers] + speakers, persons=persons,
        context_countries=countries, context_points=points[-8:],
        # "struck several towns on Sunday: Houla, Khiam and Markaba", split after the colon: the colon cues the list
        opens_list=text[max(0, sentence.start - 3) : sentence.start].rstrip().endswith(":"),
    )  # fmt: skip
    if sentence.span is not None:
        sentence.places = [h for h in sentence.places if not _capital_for_government(h, sentence)]
    for hit in sentence.places:
        if hit.place.lat is not None and (hit.place.geo_precision or 3) < 3:
            points.append((hit.place.lat, hit.place.lon))
    sentence.dates = find_dates(sentence.text, published=published, offset=sentence.start)
    sentence.casualties = find_casualties(sentence.text, offset=sentence.start)
    sentence.hedges = attribution.find_hedges(sentence.text, offset=sentence.start)
    sentence.loaded = [
        LoadedTerm(
            term=term,
            side=side,
            neutral=neutral,
            span=article_span(state.article, sentence.start + s, sentence.start + e),
        )
        for s, e, term, side, neutral in res.loaded.find(sentence.text)
    ]


@lru_cache(maxsize=8)
def _outlet_names(folder: Path | None) -> re.Pattern[str]:
    """The names of the outlets and agencies of voices.tsv (wire, national, international): never a place."""
    names = [
        row["name"] for row in read_data_tsv("voices.tsv", folder)
        if row["kind"] in ("wire", "national", "international") and "." not in row["name"] and "(" not in row["name"]
    ]  # fmt: skip
    names.sort(key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def _capital_for_government(hit: PlaceHit, sentence: Sentence) -> bool:
    """ "Moscow kept up its attacks", "Washington's strikes": a capital that acts or owns speaks for its state."""
    if hit.place.feature_code != "PPLC" or hit.cued:
        return False
    token = token_at(sentence.span, hit.start - sentence.start)
    if (
        token is None
        or token.idx != sentence.span.start_char + hit.start - sentence.start
        or hit.end - hit.start != len(token)
    ):
        return False  # the place is exactly one word
    head = token.head.lemma_.lower()
    if token.dep_ == "nsubj":
        return head in _GOVERNMENT_VERBS
    return token.dep_ == "poss" and head in _GOVERNMENT_NOUNS


def _trigger_words(hit: TriggerHit, sentence: Sentence) -> tuple[int, int]:
    """Return the span of a trigger that is no place name: all of it ("Iron Dome"), or, when a lower-case trigger
    word runs on into capitalised words, only up to them ("attacked Ain al-Asad Air Base": the base is a place)."""
    text = sentence.text[hit.start - sentence.start : hit.end - sentence.start]
    if text[:1].isupper():
        return hit.start, hit.end
    names = re.search(r"\s[A-Z]", text)
    return (hit.start, hit.start + names.start()) if names else (hit.start, hit.end)


def _home_country(actor_hits: list[ActorHit]) -> str | None:
    """Return the country whose state forces a text names most: the one "the army" and "the ministry" mean."""
    counts = Counter(h.actor.country for h in actor_hits if h.actor.inter == 1 and h.actor.country)
    return counts.most_common(1)[0][0] if counts else None
