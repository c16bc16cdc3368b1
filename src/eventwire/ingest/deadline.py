"""A per-article time limit: a deadline that interrupts extraction with ArticleTimeout.

The deadline is a SIGALRM timer, so it works in the main thread of a process (the CLI, a script, a Dask
worker process); elsewhere (a thread of a server) no limit applies and a warning says so once.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from eventwire.errors import ArticleTimeout

log = logging.getLogger(__name__)
_warned = False


def can_time_out() -> bool:
    """Return whether a deadline can interrupt work here (the main thread of a process with SIGALRM)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, *, what: str) -> Iterator[None]:
    """Run the body; raise ArticleTimeout naming `what` when it runs longer than `seconds` (None: no limit)."""
    global _warned
    if seconds is None or seconds <= 0:
        yield
        return
    if not can_time_out():
        if not _warned:
            log.warning("no per-article time limit outside the main thread; extraction runs unbounded")
            _warned = True
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ArticleTimeout(
            f"{what}: extraction took longer than {seconds:g} s and was stopped; "
            "split the article or raise the limit (--timeout)"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
