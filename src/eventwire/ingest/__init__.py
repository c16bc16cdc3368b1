"""Readers: files, folders, HTML pages, RSS/Atom feeds, JSON Lines and stdin in, Articles out.

    >>> from eventwire.ingest import iter_articles, ReadFailure
    >>> for item in iter_articles(["news/", "feed.xml", "-"]):   # doctest: +SKIP
    ...     if isinstance(item, ReadFailure):
    ...         print("skipped", item)

One unreadable item (a corrupt page, a malformed feed, a broken JSON line) yields a ReadFailure with the
reason and the rest goes on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Literal

from eventwire.errors import InputError
from eventwire.ingest.failure import ReadFailure
from eventwire.ingest.feed import read_feed
from eventwire.ingest.html import read_html
from eventwire.ingest.jsonl import read_json_array, read_jsonl
from eventwire.ingest.text import read_text
from eventwire.model import Article

__all__ = [
    "Format",
    "ReadFailure",
    "count_inputs",
    "detect_format",
    "iter_articles",
    "read_feed",
    "read_html",
    "read_jsonl",
    "read_text",
]

Format = Literal["html", "feed", "jsonl", "json", "text"]

EXTENSIONS: dict[str, Format] = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".txt": "text", ".text": "text", ".md": "text",
}  # fmt: skip
SNIFF_BYTES = 4096
# Read only when named: beside articles in a folder, these are the folder's documentation, not news.
_NOT_IN_FOLDERS = (".json", ".md")
_DOC_STEMS = frozenset(
    {"readme", "license", "licence", "changelog", "contributing", "notice", "authors", "copying"}
)


def iter_articles(
    paths: Iterable[str | Path],
    *,
    stdin: BinaryIO | None = None,
    on_input: Callable[[str], None] | None = None,
) -> Iterator[Article | ReadFailure]:
    """Yield the Articles in files, folders (recursively, sorted) and "-" (stdin), or a ReadFailure per bad item.

    The format comes from the file extension, else from sniffing the first bytes. In folders, only files with
    a known extension are read, except .json (usually metadata or gold data), Markdown files and README,
    LICENSE, CHANGELOG and similar documentation files: name such a file to read it. Hidden files and
    folders are skipped. `on_input` is called with each input's name
    (file, "<stdin>", missing path) once it is read, as many times as count_inputs(paths) says.
    """
    done = on_input or (lambda name: None)
    for path in paths:
        if str(path) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_bytes(stream.read(), name="<stdin>")
            done("<stdin>")
            continue
        path = Path(path)
        if path.is_dir():
            for file in _walk(path):
                yield from read_file(file)
                done(str(file))
        else:
            if path.exists():
                yield from read_file(path)
            else:
                yield ReadFailure(str(path), "no such file or folder")
            done(str(path))


def count_inputs(paths: Iterable[str | Path]) -> int:
    """Return how many inputs iter_articles(paths) reads: files (folders walked), stdin, missing paths."""
    return sum(sum(1 for _ in _walk(Path(p))) if str(p) != "-" and Path(p).is_dir() else 1 for p in paths)


def read_file(path: Path) -> Iterator[Article | ReadFailure]:
    """Yield the Articles in one file (JSON Lines streamed line by line), or ReadFailures."""
    name = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            fmt = EXTENSIONS.get(path.suffix.lower()) or detect_format(head)
            if fmt == "feed" and path.suffix.lower() == ".xml":
                fmt = detect_format(head)  # .xml is a feed or an XHTML page; look
            if fmt == "jsonl":
                handle.seek(0)
                yield from read_jsonl(handle, name=name)
                return
            data = head + handle.read()
    except OSError as exc:
        yield ReadFailure(name, f"cannot read ({exc.strerror or exc})")
        return
    yield from read_bytes(data, name=name, fmt=fmt)


def read_bytes(data: bytes, *, name: str, fmt: Format | None = None) -> Iterator[Article | ReadFailure]:
    """Yield the Articles in one document's bytes, in the given format or the one sniffed."""
    fmt = fmt or detect_format(data[:SNIFF_BYTES])
    try:
        if fmt == "feed":
            yield from read_feed(data, name=name)
        elif fmt == "jsonl":
            yield from read_jsonl(data.splitlines(), name=name)
        elif fmt == "json":
            yield from read_json_array(data, name=name)
        elif fmt == "html":
            yield read_html(data, name=name)
        else:
            yield read_text(data, name=name)
    except InputError as exc:
        yield ReadFailure.from_error(name, exc)


def detect_format(head: bytes) -> Format:
    """Return the format a document's first bytes look like: feed, html, jsonl, json or text."""
    sample = head[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sample.startswith(b"<"):
        if b"<rss" in sample or b"<feed" in sample or b"<rdf:rdf" in sample:
            return "feed"
        return "html"
    if sample.startswith(b"["):
        return "json"
    if sample.startswith(b"{"):
        first, _, rest = sample.partition(b"\n")
        # One object over several lines is a JSON document; one object a line is JSON Lines.
        return "jsonl" if first.rstrip().endswith(b"}") or not rest.strip() else "json"
    return "text"


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            path = Path(root) / file
            suffix = path.suffix.lower()
            if (
                not file.startswith(".")
                and suffix in EXTENSIONS
                and suffix not in _NOT_IN_FOLDERS
                and path.stem.lower() not in _DOC_STEMS
            ):
                yield path
