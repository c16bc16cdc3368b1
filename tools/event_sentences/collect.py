"""Run eventwire over a coded corpus folder and keep, per article, what the event-sentence classifier needs:
each final mention with the sentence its trigger stands in and whether it matched a gold event, the gold rows,
and the sentences that hold a gold event's evidence.

Used by train.py (cross-validation and training). Reads only the folder it is given: give it the dev split of
eval/real (and eval/articles), never the held-out reports.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.evaluate.corpus import corpus_articles, row_from_mention
from eventwire.evaluate.matching import match_events
from eventwire.gold import EventRow, read_gold_json
from eventwire.ingest.text import read_text
from eventwire.nlp import recognise
from eventwire.nlp.segment import segment_article
from eventwire.pipeline import STAGES, Pipeline


@dataclass
class SentenceRecord:
    """One sentence of an article: its text and context, and what the gold and eventwire say of it."""

    text: str
    published_year: int | None
    kind: str  # headline | paragraph | bullet
    paragraph: int
    index: int
    has_trigger: bool
    gold_evidence: bool  # the sentence holds (part of) a gold event's evidence
    mentions: list[int] = field(default_factory=list)  # indexes into ArticleRecord.mentions


@dataclass
class ArticleRecord:
    name: str
    sentences: list[SentenceRecord]
    mentions: list[EventRow]  # the predicted rows, as evaluate scores them
    mention_sentence: list[int]  # the sentence of each mention's trigger
    mention_trigger: list[tuple[str, str, str]]  # (trigger words, event_type, sub_event_type)
    matched: list[bool]
    gold: list[EventRow]


def _sentence_at(starts: list[tuple[int, int]], char: int) -> int | None:
    for i, (start, end) in enumerate(starts):
        if start <= char < end:
            return i
    return None


def collect(folder: str | Path, pipeline: Pipeline | None = None) -> list[ArticleRecord]:
    """Return one ArticleRecord per NAME.txt / NAME.gold.json pair of the folder."""
    pipeline = pipeline or Pipeline.load()
    res = pipeline.resources
    records: list[ArticleRecord] = []
    for text_path, gold_path in corpus_articles(folder):
        name = text_path.stem
        gold = read_gold_json(gold_path, article=name)
        article = read_text(text_path.read_bytes(), name=str(text_path))
        layout = segment_article(article.text, title=article.title)
        docs = list(res.nlp.pipe([article.text[b.start : b.end] for b in layout.blocks]))
        state = recognise.recognise_article(article, layout, docs, res)
        for _stage_name, stage in STAGES:
            stage(state, res)
        bounds = [(s.start, s.end) for s in state.sentences]
        text_folded = article.text
        gold_sentences: set[int] = set()
        for row in gold:
            if not row.evidence:
                continue
            at = text_folded.find(row.evidence.strip()[:80])
            if at < 0:
                continue
            end = at + len(row.evidence.strip())
            gold_sentences.update(i for i, (s, e) in enumerate(bounds) if s < end and at < e)
        sentences = [
            SentenceRecord(
                text=s.text, published_year=article.published.year if article.published else None, kind=layout.blocks[s.block].kind, paragraph=layout.blocks[s.block].paragraph,
                index=i, has_trigger=bool(s.triggers), gold_evidence=i in gold_sentences,
            )
            for i, s in enumerate(state.sentences)
        ]  # fmt: skip
        rows = [row_from_mention(m, article=article, name=name, actors=res.actors) for m in state.mentions]
        pairs = match_events(rows, gold)
        matched = [False] * len(rows)
        for p, _g in pairs:
            matched[p] = True
        where: list[int] = []
        for k, m in enumerate(state.mentions):
            span = m.evidence.get("trigger") or next(iter(m.evidence.values()), None)
            at = _sentence_at(bounds, span.start) if span is not None else None
            where.append(-1 if at is None else at)
            if at is not None:
                sentences[at].mentions.append(k)
        records.append(
            ArticleRecord(
                name, sentences, rows, where,
                [(m.trigger or "", m.event_type, m.sub_event_type) for m in state.mentions], matched, gold,
            )
        )  # fmt: skip
    return records


if __name__ == "__main__":
    folder, out = sys.argv[1], sys.argv[2]
    recs = collect(folder)
    with open(out, "wb") as fh:
        pickle.dump(recs, fh)
    n = sum(len(r.mentions) for r in recs)
    c = sum(sum(r.matched) for r in recs)
    g = sum(len(r.gold) for r in recs)
    print(f"{len(recs)} articles, {n} predicted, {c} matched, {g} gold", file=sys.stderr)
