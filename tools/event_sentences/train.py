"""Cross-validate (and train) a spaCy text classifier that scores a candidate event's sentence as "reports an
event that happened" or not, on our own coded corpus only.

    python tools/event_sentences/collect.py /tmp/x/dev /tmp/x/dev.pkl     # run eventwire once, keep what we need
    python tools/event_sentences/train.py cv /tmp/x/dev.pkl               # k-fold by report: dev F1 per threshold
    python tools/event_sentences/train.py train /tmp/x/dev.pkl OUT_DIR    # train on all of it, save the model

Training examples are sentences: positive when they hold a gold event's evidence or a mention that matched a gold
event; negative when eventwire made mentions there and none matched and the gold has no evidence there. The
filter drops a mention whose trigger sentence scores below a threshold. In `cv`, each fold's model is trained on
the other folds; the threshold for the held fold is chosen by an inner cross-validation on the training folds
only (nested), so the reported F1 never saw the fold it is measured on.
"""

from __future__ import annotations

import pickle
import random
import re
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

sys.path.insert(0, str(Path(__file__).parent))
from collect import ArticleRecord, SentenceRecord  # noqa: E402

from eventwire.evaluate.matching import match_events  # noqa: E402

K = 5
THRESHOLDS = [round(0.05 * i, 2) for i in range(0, 20)]
EPOCHS = 12
SEED = 0

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def feature_text(sentence: SentenceRecord) -> str:
    """The text the classifier reads: the sentence with years and numbers as class words, and its place in the
    article (headline, list item, first paragraph or later) as marker words."""
    year = sentence.published_year or 0
    text = _YEAR.sub(lambda m: " YEARPAST " if int(m.group()) < year else " YEARNOW ", sentence.text)
    text = _NUMBER.sub(" NUM ", text)
    where = (
        "KINDHEAD" if sentence.kind == "headline" else "KINDITEM" if sentence.kind == "bullet" else "KINDPARA"
    )
    para = "PARAFIRST" if sentence.paragraph <= 0 else "PARAEARLY" if sentence.paragraph <= 2 else "PARALATE"
    return f"{where} {para} {text}"


def fold_of(name: str) -> int:
    return zlib.crc32(name.encode()) % K


def examples(records: Sequence[ArticleRecord], *, trigger_negatives: bool) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for r in records:
        for s in r.sentences:
            positive = s.gold_evidence or any(r.matched[k] for k in s.mentions)
            if positive:
                out.append((feature_text(s), True))
            elif s.mentions or (trigger_negatives and s.has_trigger):
                out.append((feature_text(s), False))
    return out


ENSEMBLE = [False]  # set from the command line (--ensemble)
_BOW = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
        "no_output_layer": False, "length": 2**18}  # fmt: skip
_ENSEMBLE = {
    "@architectures": "spacy.TextCatEnsemble.v2",
    "linear_model": _BOW,
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 64, "rows": [2000, 1000, 1000, 1000],
                  "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 64, "window_size": 1,
                   "maxout_pieces": 3, "depth": 2},
    },
}  # fmt: skip


def train_model(data: list[tuple[str, bool]], *, epochs: int = EPOCHS, ensemble: bool = False):
    """Return a blank English pipeline (the tokenizer of en_core_web_sm) with a textcat trained on the data."""
    fix_random_seed(SEED)
    nlp = spacy.blank("en")
    nlp.add_pipe("textcat", config={"model": _ENSEMBLE if ensemble else _BOW})
    textcat = nlp.get_pipe("textcat")
    textcat.add_label("EVENT")
    textcat.add_label("OTHER")
    egs = [
        Example.from_dict(nlp.make_doc(t), {"cats": {"EVENT": float(y), "OTHER": float(not y)}})
        for t, y in data
    ]
    optimizer = nlp.initialize(lambda: egs, sgd=None)
    rng = random.Random(SEED)
    for _epoch in range(epochs):
        rng.shuffle(egs)
        for batch in minibatch(egs, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def sentence_scores(nlp, records: Sequence[ArticleRecord]) -> dict[tuple[str, int], float]:
    keys, texts = [], []
    for r in records:
        for s in r.sentences:
            if s.mentions:
                keys.append((r.name, s.index))
                texts.append(feature_text(s))
    return {k: doc.cats["EVENT"] for k, doc in zip(keys, nlp.pipe(texts), strict=True)}


def score(
    records: Sequence[ArticleRecord],
    scores: dict[tuple[str, int], float],
    threshold: float,
    keep_types: frozenset[str] | None = None,
) -> tuple[int, int, int]:
    """(matched, predicted, gold) after dropping mentions whose sentence scores below the threshold."""
    correct = predicted = expected = 0
    for r in records:
        kept = []
        for k, row in enumerate(r.mentions):
            s = r.mention_sentence[k]
            value = scores.get((r.name, s), 1.0) if s >= 0 else 1.0
            exempt = keep_types is not None and r.mention_trigger[k][1] not in keep_types
            if value >= threshold or exempt:
                kept.append(row)
        correct += len(match_events(kept, r.gold)) if kept and r.gold else 0
        predicted += len(kept)
        expected += len(r.gold)
    return correct, predicted, expected


def f1(c: int, p: int, g: int) -> float:
    prec = c / p if p else 0.0
    rec = c / g if g else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def out_of_fold(records: Sequence[ArticleRecord], folds: list[int], *, trigger_negatives: bool) -> dict:
    scores: dict[tuple[str, int], float] = {}
    for f in folds:
        train = [r for r in records if fold_of(r.name) in folds and fold_of(r.name) != f]
        test = [r for r in records if fold_of(r.name) == f]
        nlp = train_model(examples(train, trigger_negatives=trigger_negatives), ensemble=ENSEMBLE[0])
        scores.update(sentence_scores(nlp, test))
    return scores


def best_threshold(records, scores, keep_types=None) -> float:
    best = max(THRESHOLDS, key=lambda t: (round(f1(*score(records, scores, t, keep_types)), 6), -t))
    return best


def cross_validate(records: list[ArticleRecord], *, trigger_negatives: bool, keep_types=None) -> None:
    folds = list(range(K))
    # 1) plain out-of-fold scores: the F1 curve over thresholds (the threshold is then picked with hindsight)
    oof = out_of_fold(records, folds, trigger_negatives=trigger_negatives)
    base = score(records, oof, 0.0, keep_types)
    print(f"baseline: matched {base[0]} predicted {base[1]} gold {base[2]} F1 {100 * f1(*base):.1f}")
    for t in THRESHOLDS:
        c, p, g = score(records, oof, t, keep_types)
        print(f"  t={t:.2f}  P {100 * c / p:.1f}  R {100 * c / g:.1f}  F1 {100 * f1(c, p, g):.1f}  ({c}/{p})")
    # 2) nested: each held fold's threshold comes from out-of-fold scores of the training folds only
    total = [0, 0, 0]
    for f in folds:
        inner = [x for x in folds if x != f]
        train_recs = [r for r in records if fold_of(r.name) in inner]
        inner_scores = out_of_fold(train_recs, inner, trigger_negatives=trigger_negatives)
        t = best_threshold(train_recs, inner_scores, keep_types)
        test = [r for r in records if fold_of(r.name) == f]
        c, p, g = score(test, {k: v for k, v in oof.items()}, t, keep_types)
        b = score(test, {}, 0.0)
        print(
            f"fold {f}: threshold {t:.2f}  F1 {100 * f1(*b):.1f} -> {100 * f1(c, p, g):.1f}  ({b[0]}/{b[1]} -> {c}/{p})"
        )
        total = [total[0] + c, total[1] + p, total[2] + g]
    c, p, g = total
    print(
        f"nested CV: P {100 * c / p:.1f} R {100 * c / g:.1f} F1 {100 * f1(c, p, g):.1f} ({c}/{p}, gold {g})"
    )


def main(argv: list[str]) -> None:
    mode, path = argv[0], argv[1]
    with open(path, "rb") as fh:
        records: list[ArticleRecord] = pickle.load(fh)
    tn = "--trigger-negatives" in argv
    types = next((a.split("=", 1)[1] for a in argv if a.startswith("--types=")), None)
    keep = frozenset(types.split(",")) if types else None
    ENSEMBLE[0] = "--ensemble" in argv
    if mode == "cv1":
        oof = out_of_fold(records, list(range(K)), trigger_negatives=tn)
        for t in THRESHOLDS:
            c, p, g = score(records, oof, t, keep)
            print(
                f"  t={t:.2f}  P {100 * c / p:.1f}  R {100 * c / g:.1f}  F1 {100 * f1(c, p, g):.1f}  ({c}/{p})"
            )
    elif mode == "cv":
        cross_validate(records, trigger_negatives=tn, keep_types=keep)
    elif mode == "train":
        nlp = train_model(examples(records, trigger_negatives=tn), ensemble=ENSEMBLE[0])
        nlp.to_disk(argv[2])


if __name__ == "__main__":
    main(sys.argv[1:])
