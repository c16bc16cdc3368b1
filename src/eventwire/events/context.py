"""What a sentence inherits from its context: the nearest earlier sentence of its list intro, its paragraph or
the headline that has the thing looked for (an acting party, a place, a date, a reporting frame).

The order a sentence looks in, nearest first: the sentences of the list intro it belongs to (last first), the
earlier sentences of its own block, then, in a paragraph, the earlier sentences of the paragraph's other blocks,
and last the headline's sentences in reading order. Each lookup is computed once per sentence and article
(one pass each), so an article of thousands of short lines costs linear time, not a walk back per sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from eventwire.model import ArticleState, Sentence

T = TypeVar("T")


def inherited(
    state: ArticleState, sentence: Sentence, name: str, found: Callable[[Sentence], T | None]
) -> T | None:
    """Return `found(s)` for the nearest context sentence s (see the module docstring) where it is not None.

    `name` names the lookup: `found` must be the same pure function of a sentence for one name and article."""
    memo = state.lookups.get(name)
    if memo is None:
        memo = state.lookups[name] = _Lookup(state, found)
    return memo.value_for(sentence)


class _Lookup:
    __slots__ = ("state", "found", "values", "before", "intro_last", "headline_first")

    def __init__(self, state: ArticleState, found: Callable[[Sentence], object | None]) -> None:
        self.state = state
        self.found = found
        self.values = [found(s) for s in state.sentences]
        # before[i]: the value of the nearest earlier sentence of i's own run (its block; a paragraph's run of
        # blocks) that has one
        blocks = state.layout.blocks
        self.before: list[object | None] = []
        runs = _runs(blocks)
        last: object | None = None
        scope: tuple[str, int] | None = None
        for s in state.sentences:
            own = runs[s.block]
            if own != scope:
                scope, last = own, None
            self.before.append(last)
            if self.values[s.index] is not None:
                last = self.values[s.index]
        self.intro_last: dict[int, object | None] = {}
        self.headline_first = next(
            (self.values[s.index] for s in state.sentences
             if blocks[s.block].kind == "headline" and self.values[s.index] is not None),
            None,
        )  # fmt: skip

    def value_for(self, sentence: Sentence):
        block = self.state.layout.blocks[sentence.block]
        if block.kind == "bullet" and block.intro is not None:
            if block.intro not in self.intro_last:
                self.intro_last[block.intro] = next(
                    (self.values[s.index] for s in reversed(self.state.by_block.get(block.intro, []))
                     if self.values[s.index] is not None),
                    None,
                )  # fmt: skip
            value = self.intro_last[block.intro]
            if value is not None:
                return value
        value = self.before[sentence.index]
        return value if value is not None else self.headline_first


def _runs(blocks) -> list[tuple[str, int]]:
    """Per block, the run its sentences walk back over: a paragraph's contiguous paragraph blocks (named by the
    first), else the block itself."""
    runs: list[tuple[str, int]] = []
    for index, block in enumerate(blocks):
        if block.kind != "paragraph":
            runs.append(("block", index))
        elif (
            index > 0
            and blocks[index - 1].kind == "paragraph"
            and blocks[index - 1].paragraph == block.paragraph
        ):
            runs.append(runs[index - 1] if runs[index - 1][0] == "run" else ("run", index))
        else:
            runs.append(("run", index))
    return runs
