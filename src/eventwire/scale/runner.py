"""The runner: partition the inputs, map `run_partition` over them with Dask, then run the merge step.

`engine="local"` computes the same Dask bag with the synchronous scheduler in this process; `"dask"`
computes it on a distributed cluster: the one at `scheduler`, or a LocalCluster of `workers` processes.
Both run the same partitions through the same function, so they give the same mentions and events.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import dask.bag
import pyarrow.parquet as pq

from eventwire.errors import EventwireError, StoreError
from eventwire.export import write_parquet
from eventwire.ingest.batch import IngestReport
from eventwire.ingest.failure import ReadFailure
from eventwire.merge import merge_mentions
from eventwire.model import Article, Mention
from eventwire.scale.partitions import DEFAULT_PARTITION_SIZE, Part, plan_partitions
from eventwire.scale.worker import (
    ARTICLES_DIR,
    MENTIONS_DIR,
    ParquetTarget,
    PartitionReport,
    PipelineLoader,
    StoreTarget,
    run_partition,
)
from eventwire.store import open_store

log = logging.getLogger(__name__)

Engine = Literal["local", "dask"]
ENGINES: tuple[str, ...] = ("local", "dask")
EVENTS_FILE = "events.parquet"


@dataclass(kw_only=True)
class RunReport(IngestReport):
    """What a run did: partitions, articles read and written (`stored`), mentions, events after merging,
    failures, and the reports of its partitions."""

    engine: str
    partitions: int = 0
    events: int = 0
    seconds: float = 0.0  # the whole run, merge step included
    merge_seconds: float = 0.0
    dashboard: str | None = None
    parts: list[PartitionReport] = field(default_factory=list)


def run(
    inputs: Iterable[str | Path],
    *,
    engine: Engine = "local",
    out: str | Path | None = None,
    db: str | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    progress: bool = False,
    announce: Callable[[str], None] | None = None,
) -> RunReport:
    """Extract every article of `inputs` into Parquet under `out` or into the store at `db`; return the report.

    With `out`: out/mentions/part-N.parquet and out/articles/part-N.parquet per partition, then the merge
    step writes out/events.parquet (the ACLED export layout). With `db`: each partition is written to the
    store, which merges as it writes. `progress` draws Dask's progress bar on stderr; `announce` gets a
    line to show the user (the dashboard link of a distributed run).
    """
    if engine not in ENGINES:
        raise EventwireError(f"unknown engine {engine!r}; choose local or dask")
    if (out is None) == (db is None):
        raise EventwireError("give exactly one of out (a folder for Parquet) or db (a store URL)")
    if engine == "local" and (scheduler or workers):
        raise EventwireError("--scheduler and --workers need --engine dask; drop them or add --engine dask")
    started = time.perf_counter()
    parts = plan_partitions(inputs, size=partition_size)
    target: ParquetTarget | StoreTarget
    if out is not None:
        target = ParquetTarget(str(Path(out).resolve()))
        _clear_outputs(Path(target.folder))
    else:
        target = StoreTarget(_shared_url(str(db), scheduler))
        open_store(target.url).close()  # a bad URL fails here, once, with the store's message
    report = RunReport(engine=engine, partitions=len(parts))
    if parts:
        bag = dask.bag.from_sequence(_numbered(parts), partition_size=1)  # a Dask partition per Part
        reports = bag.map(_run_numbered, target=target)
        if engine == "local":
            report.parts = _compute_local(reports, progress=progress)
        else:
            report.parts = _compute_distributed(
                reports, parts, scheduler=scheduler, workers=workers, progress=progress,
                announce=announce or (lambda line: None), report=report,
            )  # fmt: skip
    for part in report.parts:
        report.add(part)
    merging = time.perf_counter()
    if out is not None:
        report.events = merge_parquet(Path(target.folder))
    else:
        with open_store(target.url) as store:
            store.flush()
            report.events = store.counts()["events"]
    report.merge_seconds = time.perf_counter() - merging
    report.seconds = time.perf_counter() - started
    return report


def merge_parquet(folder: Path) -> int:
    """Merge the mentions under `folder` into folder/events.parquet (a Parquet run's merge step); return how many.

    The articles' outlet, URL and date come from folder/articles.
    """
    articles: dict[str, Article] = {}
    for path in sorted((folder / ARTICLES_DIR).glob("part-*.parquet")):
        for row in pq.read_table(path).to_pylist():
            if row["article_id"] is not None:
                fields = {k: row[k] for k in ("url", "title", "publisher", "published") if row[k] is not None}
                articles[row["article_id"]] = Article(
                    id=row["article_id"], language=row["language"] or "en", text="", **fields
                )
    mentions = (
        Mention.model_validate_json(data)
        for path in sorted((folder / MENTIONS_DIR).glob("part-*.parquet"))
        for data in pq.read_table(path, columns=["mention"]).column("mention").to_pylist()
    )
    events = merge_mentions(mentions, articles=articles)
    with (folder / EVENTS_FILE).open("wb") as handle:
        return write_parquet(events, handle)


def _run_numbered(numbered: tuple[int, Part], *, target: ParquetTarget | StoreTarget) -> PartitionReport:
    index, part = numbered
    return run_partition(index, part, target)


def _compute_local(reports: dask.bag.Bag, *, progress: bool) -> list[PartitionReport]:
    from dask.diagnostics import ProgressBar

    bar = ProgressBar(out=sys.stderr) if progress else contextlib.nullcontext()
    with bar:
        return list(reports.compute(scheduler="synchronous"))


def _compute_distributed(
    reports: dask.bag.Bag,
    parts: list[Part],
    *,
    scheduler: str | None,
    workers: int | None,
    progress: bool,
    announce: Callable[[str], None],
    report: RunReport,
) -> list[PartitionReport]:
    from distributed import Client, LocalCluster
    from distributed import progress as progress_bar

    with contextlib.ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
            if workers:
                announce(f"waiting for {workers} workers…")
                client.wait_for_workers(workers)
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers or 2, threads_per_worker=1, processes=True, dashboard_address=":0"
                )
            )
            client = stack.enter_context(Client(cluster))
        report.dashboard = client.dashboard_link
        announce(f"Dask dashboard: {report.dashboard}")
        client.register_plugin(PipelineLoader())
        futures = client.compute(reports.to_delayed())
        if progress:
            with contextlib.redirect_stdout(sys.stderr):  # the bar writes to stdout; stdout is for data
                progress_bar(futures)
                print(file=sys.stderr)
        done: list[PartitionReport] = []
        for future, delayed_part in zip(futures, _numbered(parts), strict=True):
            try:
                done.extend(future.result())
            except Exception as exc:  # noqa: BLE001 - a lost partition (its worker died each retry) is recorded
                index, part = delayed_part
                log.warning("partition %d (%s) failed: %s", index, part, exc)
                done.append(
                    PartitionReport(index=index, part=str(part), failures=[ReadFailure(str(part), _why(exc))])
                )
        return done


def _numbered(parts: list[Part]) -> list[tuple[int, Part]]:
    return list(enumerate(parts))


def _why(exc: Exception) -> str:
    return f"partition lost: {type(exc).__name__}: {exc}; run again to retry it"


def _shared_url(db: str, scheduler: str | None) -> str:
    # Workers on other machines cannot share one SQLite file; a local cluster's workers can (they queue
    # on its write lock), once a relative path is made absolute.
    if db.startswith(("postgresql://", "postgres://")):
        return db
    if scheduler:
        raise StoreError(
            f"{db}: workers of a cluster cannot share a SQLite file; give --db postgresql://USER@HOST/DB"
        )
    path = db.removeprefix("sqlite://")
    if path != db:
        path = path.removeprefix("/")  # sqlite:///relative.db, sqlite:////absolute.db
    if path in ("", ":memory:"):
        raise StoreError(f"{db}: an in-memory store cannot be shared with workers; give a file path")
    return str(Path(path).expanduser().resolve())


def _clear_outputs(folder: Path) -> None:
    # A run rewrites its own files only: a partition file left by a longer earlier run would be merged.
    for sub in (MENTIONS_DIR, ARTICLES_DIR):
        for stale in (folder / sub).glob("part-*.parquet"):
            stale.unlink()
    (folder / EVENTS_FILE).unlink(missing_ok=True)
