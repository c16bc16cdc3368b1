"""Scale out: the same per-article extraction mapped over partitions of the input, in one process or on Dask.

    >>> from eventwire.scale import run
    >>> report = run(["archive/"], engine="dask", workers=2, out="out/")   # doctest: +SKIP
    >>> report.read, report.mentions, report.events, report.failures      # doctest: +SKIP

`engine="local"` and `engine="dask"` run the same partitions through the same function, so their mentions
and events are the same; see docs/scale.md for running on an existing cluster.
"""

from __future__ import annotations

from eventwire.scale.partitions import DEFAULT_PARTITION_SIZE, Part, plan_partitions
from eventwire.scale.runner import ENGINES, EVENTS_FILE, RunReport, merge_parquet, run
from eventwire.scale.worker import PartitionReport, PipelineLoader, run_partition

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "ENGINES",
    "EVENTS_FILE",
    "Part",
    "PartitionReport",
    "PipelineLoader",
    "RunReport",
    "merge_parquet",
    "plan_partitions",
    "run",
    "run_partition",
]
