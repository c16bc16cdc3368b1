"""Find who says so: reporting frames ("X said", "according to X", "X claimed responsibility") and hedges.

A frame scopes over its sentence, and a frame in a list's introducing sentence over every item of the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

# Reporting verbs and the stance they carry by themselves; "said" carries none (the claimant decides).
REPORTING_VERBS: dict[str, str | None] = {
    "say": None, "announce": None, "state": None, "report": None, "tell": None, "add": None, "post": None,
    "publish": None, "write": None, "note": None, "indicate": None, "reveal": None, "declare": None,
    "inform": None, "quote": None, "cite": None, "broadcast": None, "release": None, "issue": None,
    "document": None, "record": None, "monitor": None, "warn": None,
    "claim": "claimed", "boast": "claimed", "allege": "claimed", "accuse": "claimed", "assert": "claimed",
    "confirm": "acknowledged", "acknowledge": "acknowledged", "admit": "acknowledged", "concede": "acknowledged",
    "deny": "denied", "reject": "denied", "refute": "denied", "dismiss": "denied",
}  # fmt: skip
_ACCORDING = re.compile(
    r"\b(?:according to|citing|as reported by|per|said by|reported by|quoted by|in a statement (?:by|from))\s+"
    r"(?P<who>(?:the\s+)?[A-Za-z][\w'’.-]*(?:\s+(?:[A-Za-z][\w'’.-]*|of|for|and|in|on|at|the)){0,9})",
)
_RESPONSIBILITY = re.compile(r"\bclaim(?:ed|s|ing)? (?:the )?responsibility\b", re.IGNORECASE)
_HEDGES = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|apparently|unconfirmed|unverified|it is believed|it was believed|"
    r"believed to(?: have)?|said to have|thought to have|is understood to|suspected(?:ly)?|presumed|presumably|"
    r"possibly|could not (?:be )?(?:independently )?(?:verif(?:y|ied)|confirm(?:ed)?)|"
    r"(?:was|were) not (?:able to be )?(?:independently )?verified|cannot be independently verified|"
    r"rumou?red|it is claimed|claims? (?:that|which) could not)\b",
    re.IGNORECASE,
)
_PRONOUN_SUBJECTS = {"it", "he", "she", "they", "the statement", "the group", "this", "we"}


@dataclass(frozen=True, slots=True)
class Frame:
    """A reporting frame: who speaks (surface words), the cue, the stance the cue carries, absolute offsets."""

    claimant: str
    cue: str
    stance: str | None
    start: int
    end: int
    claimant_start: int
    claimant_end: int
    responsibility: bool = False


@dataclass(frozen=True, slots=True)
class Hedge:
    start: int
    end: int
    text: str


def find_frames(sent: SpacySpan, *, offset: int) -> list[Frame]:
    """Return the reporting frames of a parsed sentence; offset is the sentence's start in the article text."""
    frames: list[Frame] = []
    base = sent.start_char
    for token in sent:
        stance_known = token.lemma_.lower() in REPORTING_VERBS
        if not stance_known or token.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ == "neg" for c in token.children):  # "which did not report casualties"
            continue
        # the subject nearest the verb: a mis-parse can give "Houthi-run Al-Masirah TV said" two
        subject = max(
            (c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")),
            key=lambda c: c.i if c.i < token.i else -c.i,
            default=None,
        )
        if subject is None and token.dep_ in ("conj", "xcomp"):  # "Hezbollah said ... and added"
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.dep_ == "nsubjpass":
            continue
        if (
            subject.lower_ in _RELATIVE and token.dep_ == "relcl"
        ):  # "the agency, which reported" -> the agency
            subject = token.head
        words = _subject_words(subject)
        if words is None:
            continue
        frames.append(
            Frame(
                claimant=words.text,
                cue=token.text,
                stance=REPORTING_VERBS[token.lemma_.lower()],
                start=offset + token.idx - base,
                end=offset + token.idx - base + len(token.text),
                claimant_start=offset + words.start_char - base,
                claimant_end=offset + words.end_char - base,
                responsibility=bool(_RESPONSIBILITY.search(sent.text[token.idx - base :])),
            )
        )
    text = sent.text
    for m in _ACCORDING.finditer(text):
        who = _trim_claimant(m.group("who"))
        frames.append(
            Frame(who, m.group().split()[0] + (" to" if m.group().startswith("according") else ""), None,
                  offset + m.start(), offset + m.start("who"),
                  offset + m.start("who"), offset + m.start("who") + len(who))
        )  # fmt: skip
    return frames


_RELATIVE = {"which", "who", "that"}
# Parts of a subject that are not the speaker's name: relative clauses, participles ("people arriving in X"),
# appositions, coordinated second speakers, and place phrases ("correspondent in the south").
_CUT_DEPS = {"relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "prep"}
_KEEP_PREPS = {"of", "for"}


def _subject_words(subject: Token) -> SpacySpan | None:
    """Return the words that name a speaker: the subject's head with its modifiers, clauses cut off."""
    cut: set[int] = set()
    for child in subject.children:
        # a name keeps its prepositions ("the Islamic Resistance in Lebanon"), a role loses its place
        keep_prep = child.lower_ in _KEEP_PREPS or subject.pos_ == "PROPN"
        if child.dep_ in _CUT_DEPS and not (child.dep_ == "prep" and keep_prep):
            cut.update(t.i for t in child.subtree)
    left = right = subject.i
    while left - 1 >= subject.left_edge.i and left - 1 not in cut:
        left -= 1
    while right + 1 <= subject.right_edge.i and right + 1 not in cut:
        right += 1
    if right - left > 12 or subject.lower_ in _RELATIVE:
        return None
    return subject.doc[left : right + 1]


def _trim_claimant(words: str) -> str:
    # "according to the Lebanese Health Ministry, which said" -> stop at a clause or list boundary
    words = re.split(r"\s+(?:which|who|that|on|in|at|after|as|when|while|and said|said)\b|[,;]", words)[0]
    return words.strip().rstrip(".")


def find_hedges(text: str, *, offset: int = 0) -> list[Hedge]:
    """Return the hedging cues ("reportedly", "could not be independently verified") in text."""
    return [Hedge(offset + m.start(), offset + m.end(), m.group()) for m in _HEDGES.finditer(text)]


def is_pronoun_claimant(words: str) -> bool:
    """Return True for a claimant that only points back to the one before it ("It added", "The group said")."""
    return words.lower().strip() in _PRONOUN_SUBJECTS
