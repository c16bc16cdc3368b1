"""Score extraction itself: run the pipeline over a folder of articles with gold beside them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.errors import EventwireError, InputError
from eventwire.evaluate.scoring import EvaluationReport, score_events
from eventwire.gold import GOLD_SUFFIX, EventRow, event_row, read_gold_json
from eventwire.model import Article, Mention

if TYPE_CHECKING:
    from eventwire.nlp.actors import ActorLexicon

log = logging.getLogger(__name__)


def row_from_mention(
    mention: Mention,
    *,
    article: Article | None = None,
    name: str | None = None,
    actors: ActorLexicon | None = None,
) -> EventRow:
    """Return the EventRow of a Mention through `normalise.mention_to_row`: the ACLED row users get.

    `name` keys the row to its article in the report; `actors` is the extracting pipeline's actor lexicon
    (see mention_to_row); evidence keeps the words of the trigger (or the first evidence span), so misses and
    false alarms read as text.
    """
    from eventwire.normalise import mention_to_row

    row = event_row(mention_to_row(mention, article=article, actors=actors), article=name, where="mention")
    span = mention.evidence.get("trigger") or next(iter(mention.evidence.values()), None)
    return row.model_copy(update={"evidence": span.text if span else None})


def load_pipeline(pipeline: object | None) -> object:
    """Return `pipeline`, or the default Pipeline (loaded once per process) when None."""
    if pipeline is not None:
        return pipeline
    from eventwire.pipeline import Pipeline

    return Pipeline.load()


def corpus_articles(directory: str | Path) -> list[tuple[Path, Path]]:
    """Return the (NAME.txt, NAME.gold.json) pairs of a corpus folder (or of its `articles/` subfolder)."""
    root = Path(directory)
    if (root / "articles").is_dir():
        root = root / "articles"
    if not root.is_dir():
        raise InputError(
            f"{directory}: not a folder; give a folder of NAME.txt files with NAME.gold.json beside them"
        )
    pairs = [(text, text.with_name(text.stem + GOLD_SUFFIX)) for text in sorted(root.glob("*.txt"))]
    pairs = [(text, gold) for text, gold in pairs if gold.exists()]
    if not pairs:
        raise InputError(f"{root}: no NAME.txt with a NAME.gold.json beside it")
    return pairs


def evaluate_corpus(
    directory: str | Path,
    *,
    pipeline: object | None = None,
    on_article: Callable[[str], None] | None = None,
) -> EvaluationReport:
    """Return the evaluation of extraction over a corpus folder: each NAME.txt against NAME.gold.json.

    `pipeline` is an `eventwire.Pipeline` (loaded here when None). An article that cannot be read or
    extracted counts as predicting nothing, with its status and reason in the per-article breakdown.
    """
    from eventwire.ingest.text import read_text

    pipeline = load_pipeline(pipeline)
    pred: list[EventRow] = []
    gold: list[EventRow] = []
    status: dict[str, tuple[str, str | None]] = {}
    readable: list[tuple[str, Article]] = []
    for text_path, gold_path in corpus_articles(directory):
        name = text_path.stem
        gold.extend(read_gold_json(gold_path, article=name))
        try:
            readable.append((name, read_text(text_path.read_bytes(), name=str(text_path))))
        except EventwireError as exc:
            log.warning("%s: scored as no prediction: %s", text_path, exc)
            status[name] = ("unreadable", str(exc))
    actors = pipeline.resources.actors  # type: ignore[attr-defined]
    results = pipeline.extract_articles(article for _, article in readable)  # type: ignore[attr-defined]
    for (name, article), result in zip(readable, results, strict=True):
        if on_article is not None:
            on_article(name)
        pred.extend(row_from_mention(m, article=article, name=name, actors=actors) for m in result.mentions)
        status[name] = (result.status, result.reason)
    return score_events(pred, gold, article_status=status)
