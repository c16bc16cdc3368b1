"""What runs on a worker: read one partition, extract its articles, write its mentions; one bad article is
recorded and the rest of the partition is kept.

The pipeline and the store connections are loaded once per worker process and kept for every partition
that process runs (`Pipeline.load()` caches per process; `PipelineLoader` loads it when a Dask worker
starts, so the first partition does not pay for it).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from distributed import WorkerPlugin

from eventwire.export import PARQUET_SCHEMA, typed_row
from eventwire.ingest.batch import IngestReport, ingest_items
from eventwire.ingest.failure import ReadFailure
from eventwire.merge import mention_id
from eventwire.model import ArticleResult
from eventwire.normalise import mention_to_row
from eventwire.pipeline import Pipeline
from eventwire.scale.partitions import Part
from eventwire.store import Store, open_store

# Articles per extraction batch (nlp.pipe's batch); a batch that fails is retried one by one.
EXTRACT_BATCH = 32
MENTIONS_DIR, ARTICLES_DIR = "mentions", "articles"
# A mention row: its ids and the full Mention as JSON (for the merge step), then the ACLED export columns.
MENTION_SCHEMA = pa.schema(
    [
        pa.field("mention_id", pa.string()),
        pa.field("article_id", pa.string()),
        pa.field("seq", pa.int32()),
        pa.field("mention", pa.string()),
        *PARQUET_SCHEMA,
    ]
)
# An article row: where it came from and what it gave (status ok, no_event, unreadable, or failed), no text.
ARTICLE_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string()),
        pa.field("source", pa.string()),
        pa.field("url", pa.string()),
        pa.field("title", pa.string()),
        pa.field("publisher", pa.string()),
        pa.field("published", pa.date32()),
        pa.field("language", pa.string()),
        pa.field("status", pa.string()),
        pa.field("reason", pa.string()),
        pa.field("mentions", pa.int32()),
    ]
)


@dataclass(frozen=True)
class ParquetTarget:
    """Write each partition's mentions and articles as Parquet files under `folder`."""

    folder: str


@dataclass(frozen=True)
class StoreTarget:
    """Write each partition's articles and mentions to the store at `url` (it merges as it writes)."""

    url: str


@dataclass(kw_only=True)
class PartitionReport(IngestReport):
    """What one partition gave: articles read and written (`stored`), mentions, statuses, the items that failed,
    and the time it took on which worker."""

    index: int
    part: str
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the whole worker process meanwhile (its event loop included)
    worker_pid: int = 0


class PipelineLoader(WorkerPlugin):
    """Dask worker plugin: load the pipeline once when a worker starts (and on workers that join later)."""

    name = "eventwire-pipeline"

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed.Worker
        Pipeline.load()


def run_partition(index: int, part: Part, target: ParquetTarget | StoreTarget) -> PartitionReport:
    """Read, extract and write one partition; return its report. Runs the same in-process or on a worker.

    The ingest loop does the work for both targets: batches of articles extracted together, a batch that
    fails retried article by article so only the bad one is recorded (a ReadFailure with the reason),
    repeats of an article skipped.
    """
    started, cpu = time.perf_counter(), time.process_time()
    pipeline = Pipeline.load()
    sink = _store(target.url) if isinstance(target, StoreTarget) else _ResultSink()
    report = ingest_items(
        part.items(), sink,  # type: ignore[arg-type] - _ResultSink has the three methods ingest_items uses
        extract=lambda batch: pipeline.extract_articles(batch, batch_size=len(batch)),
        batch_size=EXTRACT_BATCH, report=PartitionReport(index=index, part=str(part), worker_pid=os.getpid()),
    )  # fmt: skip
    if isinstance(target, ParquetTarget):
        _write_parquet(sink.results, report.failures, Path(target.folder), index)
    report.seconds, report.cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    return report


class _ResultSink:
    """Where ingest_items puts a partition's results for the Parquet target: kept in memory, then written."""

    def __init__(self) -> None:
        self.results: list[ArticleResult] = []
        self._ids: set[str] = set()

    def stored_article_ids(self, article_ids: Iterable[str]) -> set[str]:
        return self._ids.intersection(article_ids)

    def add_article_batch(self, results: Sequence[ArticleResult], *, durable: bool = True) -> list[bool]:
        outcomes = []
        for result in results:
            outcomes.append(result.article.id not in self._ids)
            if outcomes[-1]:
                self._ids.add(result.article.id)
                self.results.append(result)
        return outcomes

    def flush(self) -> None:
        pass


def _write_parquet(
    results: list[ArticleResult], failures: list[ReadFailure], folder: Path, index: int
) -> None:
    mention_rows: list[dict] = []
    article_rows: list[dict] = []
    for result in results:
        article = result.article
        article_rows.append(
            {"article_id": article.id, "source": article.url, "url": article.url, "title": article.title,
             "publisher": article.publisher, "published": article.published, "language": article.language,
             "status": result.status, "reason": result.reason, "mentions": len(result.mentions)}
        )  # fmt: skip
        for seq, mention in enumerate(result.mentions):
            mention_rows.append(
                {"mention_id": mention_id(mention), "article_id": article.id, "seq": seq,
                 "mention": mention.model_dump_json(), **typed_row(mention_to_row(mention, article=article))}
            )  # fmt: skip
    for failure in failures:  # an item not read, or an article the pipeline broke on
        article_rows.append(
            {name: None for name in ARTICLE_SCHEMA.names}
            | {"source": failure.source, "status": "failed", "reason": failure.reason, "mentions": 0}
        )
    name = f"part-{index:05d}.parquet"
    _write_table(mention_rows, MENTION_SCHEMA, folder / MENTIONS_DIR / name)
    _write_table(article_rows, ARTICLE_SCHEMA, folder / ARTICLES_DIR / name)


def _write_table(rows: list[dict], schema: pa.Schema, path: Path) -> None:
    # Written under a temporary name and renamed: a partition Dask runs again replaces its file whole.
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), partial)
    os.replace(partial, path)


_stores: dict[tuple[str, int], Store] = {}


def _store(url: str) -> Store:
    # One connection per process and thread (SQLite connections stay in their thread), kept between tasks.
    key = (url, threading.get_ident())
    if key not in _stores:
        _stores[key] = open_store(url)
    return _stores[key]
