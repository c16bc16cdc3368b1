"""Partitions of the input: small, picklable descriptions of which articles a task reads, and their reading.

The driver only lists files and counts lines or rows; the articles are read where the partition runs.
Plain files (text, HTML, feeds, JSON) are grouped a number of files a partition; JSON Lines files are cut
into runs of lines and Parquet files into slices of row groups, so one big file spreads over many workers.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from eventwire.errors import InputError
from eventwire.ingest import _walk as walk_folder  # the ingest readers' folder rules, kept in one place
from eventwire.ingest import read_file
from eventwire.ingest.failure import ReadFailure
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.parquet import parquet_row_groups, read_parquet
from eventwire.model import Article

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})

# Small enough that on a run of a few thousand articles each of 2 workers gets many partitions, so the last one a
# worker runs leaves the other idle only briefly (bench/scale.py, 2 workers, 2,000 articles: 26.2 articles/s with
# partitions of 128, 31.5 with partitions of 32). A partition is one task and one Parquet file.
DEFAULT_PARTITION_SIZE = 32


@dataclass(frozen=True)
class FilesPart:
    """Whole files, each read by the ingest readers (format from the extension or the first bytes)."""

    paths: tuple[str, ...]

    def items(self) -> Iterator[Article | ReadFailure]:
        for path in self.paths:
            yield from read_file(Path(path))

    def __str__(self) -> str:
        return self.paths[0] if len(self.paths) == 1 else f"{self.paths[0]} (+{len(self.paths) - 1} files)"


@dataclass(frozen=True)
class LinesPart:
    """`count` lines of a JSON Lines file from byte `offset`, the first being line `first_line` (from 1)."""

    path: str
    offset: int
    first_line: int
    count: int

    def items(self) -> Iterator[Article | ReadFailure]:
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
        except OSError as exc:
            yield ReadFailure(self.path, f"cannot read ({exc.strerror or exc})")
            return
        with handle:
            handle.seek(self.offset)
            lines = itertools.islice(handle, self.count)
            for item in read_jsonl(lines, name=self.path):
                # read_jsonl counts from 1 within the lines it is given; name the line in the whole file.
                if isinstance(item, ReadFailure):
                    number = int(item.source.rsplit(":", 1)[1]) + self.first_line - 1
                    item = replace(item, source=f"{self.path}:{number}")
                yield item

    def __str__(self) -> str:
        return f"{self.path}:{self.first_line}-{self.first_line + self.count - 1}"


@dataclass(frozen=True)
class RowsPart:
    """Rows start..stop of one row group of a Parquet file of articles."""

    path: str
    row_group: int
    start: int
    stop: int

    def items(self) -> Iterator[Article | ReadFailure]:
        return read_parquet(self.path, row_group=self.row_group, start=self.start, stop=self.stop)

    def __str__(self) -> str:
        return f"{self.path} row group {self.row_group} rows {self.start}-{self.stop - 1}"


@dataclass(frozen=True)
class MissingPart:
    """An input that does not exist or cannot be listed: it reads as one failure, so the report names it."""

    path: str
    reason: str

    def items(self) -> Iterator[Article | ReadFailure]:
        yield ReadFailure(self.path, self.reason)

    def __str__(self) -> str:
        return self.path


Part = FilesPart | LinesPart | RowsPart | MissingPart


def plan_partitions(inputs: Iterable[str | Path], *, size: int = DEFAULT_PARTITION_SIZE) -> list[Part]:
    """Return the partitions of files, folders (walked as `ingest` walks them), JSON Lines and Parquet inputs.

    `size` is the number of articles (lines, rows or files) per partition. Stdin ("-") cannot be shared
    with workers: InputError says to save it to a file.
    """
    size = max(1, size)
    parts: list[Part] = []
    loose: list[str] = []  # plain files, grouped `size` a partition
    for given in inputs:
        if str(given) == "-":
            raise InputError(
                "-: `run` reads files, not stdin; save the input to a file or use `eventwire ingest -`"
            )
        path = Path(given)
        if path.is_dir():
            files = list(walk_folder(path))
            files += sorted(
                p for p in path.rglob("*") if p.suffix.lower() in PARQUET_SUFFIXES and _visible(p, path)
            )
        elif path.exists():
            files = [path]
        else:
            parts.append(MissingPart(str(path), "no such file or folder"))
            continue
        for file in files:
            suffix = file.suffix.lower()
            if suffix in JSONL_SUFFIXES:
                parts.extend(_line_parts(file, size))
            elif suffix in PARQUET_SUFFIXES:
                parts.extend(_row_parts(file, size))
            else:
                loose.append(str(file))
    parts.extend(FilesPart(tuple(loose[i : i + size])) for i in range(0, len(loose), size))
    return parts


def _line_parts(path: Path, size: int) -> Iterator[Part]:
    # One pass over the file finds where every size-th line starts; the lines are read by the workers.
    try:
        with path.open("rb") as handle:
            offset, line, start, start_line = 0, 0, 0, 1
            for raw in handle:
                line += 1
                offset += len(raw)
                if line % size == 0:
                    yield LinesPart(str(path), start, start_line, size)
                    start, start_line = offset, line + 1
            if line >= start_line:
                yield LinesPart(str(path), start, start_line, line - start_line + 1)
    except OSError as exc:
        yield MissingPart(str(path), f"cannot read ({exc.strerror or exc})")


def _row_parts(path: Path, size: int) -> Iterator[Part]:
    try:
        groups = parquet_row_groups(path)
    except InputError as exc:
        yield MissingPart(str(path), str(exc).removeprefix(f"{path}: "))
        return
    for group, rows in enumerate(groups):
        for start in range(0, rows, size):
            yield RowsPart(str(path), group, start, min(rows, start + size))


def _visible(path: Path, root: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(root).parts)
