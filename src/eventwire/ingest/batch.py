"""Ingest a stream of read items into a store: extract each new article, store its result, collect failures."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from eventwire.errors import ArticleTimeout, EventwireError
from eventwire.ingest.deadline import time_limit
from eventwire.ingest.failure import ReadFailure
from eventwire.model import Article, ArticleResult
from eventwire.store import Store
from eventwire.store.checks import checked_result

DEFAULT_TIMEOUT = 120.0  # seconds per article; a long news article takes a few seconds

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What an ingest did: articles read, stored, already stored; mentions stored; the items that failed."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    mentions: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    failures: list[ReadFailure] = field(default_factory=list)

    def add(self, other: IngestReport) -> None:
        """Add another report's counts and failures to this one (the partitions of one run)."""
        self.read += other.read
        self.stored += other.stored
        self.already_stored += other.already_stored
        self.mentions += other.mentions
        self.failures.extend(other.failures)
        for status, n in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + n


def ingest_items(
    items: Iterable[Article | ReadFailure],
    store: Store,
    *,
    extract: Callable[[list[Article]], Iterable[ArticleResult]],
    batch_size: int = 32,
    on_batch: Callable[[IngestReport], None] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    report: IngestReport | None = None,
) -> IngestReport:
    """Extract and store every new article of `items`; return the report. One bad item never stops the rest.

    `extract` maps a batch of articles to one ArticleResult each, in order (`Pipeline.extract_articles`).
    Articles already stored (same Article.id) are not extracted again. Each batch is stored in one
    transaction. When extracting or storing a batch fails, its articles are retried one by one so only the
    bad one is reported. `on_batch` gets the running report after each batch.

    `timeout` bounds the seconds one article may take (None: no limit). A batch gets that long in all;
    when it runs over, its articles are retried one by one, each with the limit, and an article that runs
    over is reported as an ArticleTimeout failure while the batch goes on. The limit applies in the main
    thread only (see eventwire.ingest.deadline).

    `report` is the report to count into (a subclass with more fields, say), a new one by default.
    """
    report = IngestReport() if report is None else report
    for batch in _batches(items, batch_size):
        articles = [item for item in batch if not isinstance(item, ReadFailure)]
        stored = store.stored_article_ids(a.id for a in articles)
        new: list[Article] = []
        seen: set[str] = set()
        for item in batch:
            if isinstance(item, ReadFailure):
                report.failures.append(item)
                continue
            report.read += 1
            if item.id in seen or item.id in stored:
                report.already_stored += 1
                continue
            seen.add(item.id)
            new.append(item)
        extracted = [(a, checked_result(r)) for a, r in _extracted(new, extract, report, timeout)]
        # One transaction for the batch; if it fails, one per article, so only the bad one is reported.
        outcomes = store.add_article_batch([result for _, result in extracted], durable=False)
        for (article, result), outcome in zip(extracted, outcomes, strict=True):
            if isinstance(outcome, Exception):
                _fail(report, article, outcome)
            elif outcome:
                report.stored += 1
                report.mentions += len(result.mentions)
                report.statuses[result.status] = report.statuses.get(result.status, 0) + 1
            else:
                report.already_stored += 1
        store.flush()  # a crash loses at most the batch in flight; re-running the ingest restores it
        if on_batch is not None:
            on_batch(report)
    return report


def _extracted(
    articles: list[Article],
    extract: Callable[[list[Article]], Iterable[ArticleResult]],
    report: IngestReport,
    timeout: float | None,
) -> Iterator[tuple[Article, ArticleResult]]:
    if not articles:
        return
    try:
        with time_limit(timeout, what=f"a batch of {len(articles)} articles"):
            results = list(extract(articles))
        if len(results) != len(articles):
            raise RuntimeError(f"extractor gave {len(results)} results for {len(articles)} articles")
    except Exception as exc:  # noqa: BLE001 - retry one by one to find the article that breaks the batch
        if isinstance(exc, ArticleTimeout):
            log.info(
                "a batch of %d articles ran over %s s; extracting them one by one", len(articles), timeout
            )
        for article in articles:
            try:
                with time_limit(timeout, what=_label(article)):
                    (result,) = list(extract([article]))
            except Exception as exc:  # noqa: BLE001
                _fail(report, article, exc)
                continue
            yield article, result
        return
    yield from zip(articles, results, strict=True)


def _fail(report: IngestReport, article: Article, exc: Exception) -> None:
    log.warning("%s: not stored: %s", _label(article), exc, exc_info=not isinstance(exc, EventwireError))
    report.failures.append(ReadFailure(_label(article), f"{type(exc).__name__}: {exc}"))


def _batches(items: Iterable[Article | ReadFailure], size: int) -> Iterator[list[Article | ReadFailure]]:
    iterator = iter(items)
    while batch := list(islice(iterator, max(1, size))):
        yield batch


def _label(article: Article) -> str:
    return article.url or (
        f"{article.title!r} ({article.id[:12]})" if article.title else f"article {article.id[:12]}"
    )
