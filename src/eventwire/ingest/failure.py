"""ReadFailure: an input item that could not be read, and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadFailure:
    """An item that gave no Article: where it is (file, file:line, feed#entryN) and the reason."""

    source: str
    reason: str

    @classmethod
    def from_error(cls, source: str, error: Exception) -> ReadFailure:
        """Return the failure for an error, without repeating the source its message may start with."""
        reason = str(error)
        for prefix in (f"{source}: ", f"{source.rsplit(':', 1)[0]}: "):
            reason = reason.removeprefix(prefix)
        return cls(source, reason)

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
