"""Find who says so: reporting frames ("X said", "according to X", "X claimed responsibility") and hedges.

A frame scopes over its sentence, and a frame in a list's introducing sentence over every item of the list.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.events.claimants import TITLE_WORDS as _TITLE_WORDS
from eventwire.events.claimants import Claimant, decide_stance, names_office, party_name
from eventwire.events.context import inherited
from eventwire.model import Actor, ArticleState, Claim, Place, Sentence, article_span
from eventwire.nlp.lexicons import lexicon_rows, word_pattern, word_set
from eventwire.resources import Resources

VERSION = "attribute.v3"
_PARTY_INTERS = {1, 2, 3, 4, 8}
_TITLE_SPEAKER = re.compile(r"^\s*([A-Z][^:]{2,60}?)\s*:\s+\S")
# A headline that says the text is a party's own statement: every event in it is that party's account.
_STATEMENT_TITLE = re.compile(
    r"\b(?:statements?|communiqu[eé]s?|press release|update|summary|bulletin|announcement|operations? report)\b",
    re.IGNORECASE,
)
_OWN_SUCCESS = re.compile(
    r"\b(?:repel(?:led|s)?|repuls(?:ed|es)|intercept(?:ed|s)|shot down|downed|thwarted|foiled|liberated|"
    r"recaptured|regained|retook|neutrali[sz]ed|eliminated)\b",
    re.IGNORECASE,
)
_LOCAL_OFFICIAL = re.compile(
    r"^(?:the\s+)?(?P<scope>regional|region's|oblast|provincial|city|city's|town's|local|district)?\s*"
    r"(?P<role>governor|military administration|administration|authorities|officials|mayor|council|police)$",
    re.IGNORECASE,
)

# Reporting verbs and the stance they carry by themselves; "said" carries none (the claimant decides).
REPORTING_VERBS: dict[str, str | None] = {
    row["word"]: row["stance"] or None for row in lexicon_rows("reporting_verbs.tsv")
}
_ACCORDING = re.compile(
    r"\b(?:(?i:according to|as reported by|said by|reported by|quoted by|in a statement (?:by|from))|per)\s+"
    r"(?P<who>(?:[Tt]he\s+)?[A-Za-z][\w'’.-]*(?:\s+(?:[A-Za-z][\w'’.-]*|of|for|and|in|on|at|the)){0,9})",
)
# "Citing a military source, SANA reported", "RIA Novosti, citing the defence ministry", "according to The Times of
# Israel, which cited the IDF statement": the voice relayed is the event's voice, not the outlet that relays it
_CITING = re.compile(
    r"\b(?i:citing|quoting|(?:which|who) (?:cited|quoted))\s+"
    r"(?P<who>(?:[Tt]he\s+)?[A-Za-z][\w'’.-]*(?:\s+(?:[A-Za-z][\w'’.-]*|of|for|and|in|on|at|the)){0,9})",
)
# "an attack claimed by JNIM": the group that claims it, in a passive
_CLAIMED_BY = re.compile(
    r"\bclaimed by\s+(?P<who>(?:[Tt]he\s+)?[A-Za-z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|for|in|the|and)){0,8})"
)
# "claimed responsibility for", and "JNIM has claimed a June 11 attack": a claim whose object is an attack
_RESPONSIBILITY = re.compile(
    r"\bclaim(?:ed|s|ing)? (?:(?:the )?responsibility\b|(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:attacks?|strikes?|bombings?|ambush(?:es)?|assaults?|raids?|killings?|operations?)\b)",
    re.IGNORECASE,
)
_HEDGES = word_pattern("hedges.tsv")
# Words that point back to a speaker named earlier, or name no one (data/lexicons/en/anaphors.tsv): word -> refers
_ANAPHORS = {
    row["word"]: row["refers"]
    for row in lexicon_rows("anaphors.tsv")
    if row["refers"] not in ("kind", "qualifier")
}
_QUALIFIERS = re.compile(
    r"^(?:(?:"
    + "|".join(re.escape(row["word"]) for row in lexicon_rows("anaphors.tsv", refers="qualifier"))
    + r")\s+)+"
)
_SPEAKER_KINDS = {row["word"]: row["writes"] for row in lexicon_rows("anaphors.tsv", refers="kind")}
# "residents of the area", "witnesses in the village": where a kind of speaker lives says no more who speaks
_WHERE_FROM = re.compile(
    r"\s+(?:of|in|from|near)\s+(?:the\s+|that\s+)?(?:area|"
    + "|".join(
        row["pattern"] for row in lexicon_rows("settlement_words.tsv") + lexicon_rows("admin_units.tsv")
    )
    + r")$"
)
_DETERMINER = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.IGNORECASE)
# "At least 30", "More than 10 people", "Two": a count is not a voice
_COUNT = re.compile(r"^(?:at least|more than|some|about|around|nearly|over|up to|\d)", re.IGNORECASE)
_GROUP_INTERS = {2, 3, 4}


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
    person: bool = False  # the speaker is named by a personal name only ("Bassal said")
    speaker: str | None = None  # the person's name when `claimant` is their office ("Gabriel Ubah")
    # the voice that relays this one ("SANA" in "Citing a military source, SANA reported ...")
    relayed_by: str | None = None


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
        trailing = _trailing_speaker(token) if subject is None else None
        if trailing is not None:  # "... killed two soldiers, an officer of the Kirkuk police told Rudaw"
            subject = trailing.root
        elif subject is None and token.dep_ in ("conj", "xcomp"):  # "Hezbollah said ... and added"
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.dep_ == "nsubjpass":
            continue
        if (
            subject.lower_ in _RELATIVE and token.dep_ == "relcl"
        ):  # "the agency, which reported" -> the agency
            subject = token.head
        words = trailing if trailing is not None else _subject_words(subject)
        if words is None:
            continue
        person = _personal_name(words)
        office = _office(subject) if person or all(t.pos_ == "PROPN" for t in words if t.is_alpha) else None
        said_by = words
        if office is not None:  # "Gabriel Ubah, a spokesperson for the Plateau police, said": the office
            words, person = office, False
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
                person=person,
                speaker=said_by.text if office is not None else None,
            )
        )
    text = sent.text
    for m in _ACCORDING.finditer(text):
        who = _trim_claimant(m.group("who"))
        frames.append(
            Frame(who, m.group().split()[0].lower() + (" to" if m.group().lower().startswith("according") else ""),
                  None,
                  offset + m.start(), offset + m.start("who"),
                  offset + m.start("who"), offset + m.start("who") + len(who))
        )  # fmt: skip
    # the relaying voice's words up to its verb: "the state news agency SANA reported" (the parse cuts "SANA")
    relay = None
    if frames:
        start, end = frames[0].claimant_start - offset, max(frames[0].start, frames[0].claimant_end) - offset
        relay = text[start:end].strip(" ,")
    cited = [
        Frame(who, "citing", None, offset + m.start(), offset + m.start("who"),
              offset + m.start("who"), offset + m.start("who") + len(who), relayed_by=relay)
        for m in _CITING.finditer(text)
        if (who := _trim_claimant(m.group("who")))
    ]  # fmt: skip
    frames[:0] = cited  # the relayed voice first: it speaks before the voice that relays it
    for m in _CLAIMED_BY.finditer(text):
        who = _trim_claimant(m.group("who"))
        frames.append(
            Frame(who, "claimed by", "claimed", offset + m.start(), offset + m.start("who"),
                  offset + m.start("who"), offset + m.start("who") + len(who), responsibility=True)
        )  # fmt: skip
    return frames


_RELATIVE = {"which", "who", "that"}
# Parts of a subject that are not the speaker's name: relative clauses, participles ("people arriving in X"),
# appositions, coordinated second speakers, and place phrases ("correspondent in the south").
_CUT_DEPS = {"relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "prep"}
_KEEP_PREPS = {"of", "for"}


_PHRASE_POS = {"DET", "PROPN", "NOUN", "ADJ", "NUM", "ADP", "PUNCT", "CCONJ", "PART"}


def _trailing_speaker(verb: Token) -> SpacySpan | None:
    """The speaker of a frame after its clause, which the parser hangs on the clause's last noun: "... killed two
    soldiers, an officer of the Kirkuk police told Rudaw" (officer: an apposition of "soldiers"; "told": a conj
    of "attacked" without a subject). The words between the last comma before the verb and the verb, when they
    are one noun phrase; None otherwise."""
    sent = verb.sent
    comma = next((t for t in reversed(sent[: verb.i - sent.start]) if t.text == ","), None)
    if comma is None or verb.i - comma.i - 1 < 1 or verb.i - comma.i - 1 > 12:
        return None
    phrase = verb.doc[comma.i + 1 : verb.i]
    if phrase[0].pos_ in ("ADP", "PUNCT", "CCONJ", "PART") or not any(
        t.pos_ in ("NOUN", "PROPN") for t in phrase
    ):
        return None
    # one noun phrase: only nominal words (a participle only as a modifier: "the UK-based observatory")
    if any(t.pos_ not in _PHRASE_POS and not (t.pos_ == "VERB" and t.dep_ == "amod") for t in phrase):
        return None
    heads = [t for t in phrase if not (phrase.start <= t.head.i < phrase.end)]
    return phrase if len(heads) == 1 else None


def _subject_words(subject: Token) -> SpacySpan | None:
    """Return the words that name a speaker: the subject's head with its modifiers, clauses cut off."""
    cut: set[int] = set()
    for child in subject.children:
        # a name keeps its prepositions ("the Islamic Resistance in Lebanon"), a role loses its place
        keep_prep = child.lower_ in _KEEP_PREPS or subject.pos_ == "PROPN"
        joiner = (
            child.dep_ == "punct" and child.text in "-‐–'’" and abs(child.i - subject.i) == 1
        )  # "Al-Masirah"
        if child.dep_ in _CUT_DEPS and not (child.dep_ == "prep" and keep_prep) and not joiner:
            cut.update(t.i for t in child.subtree)
    left = right = subject.i
    while left - 1 >= subject.left_edge.i and left - 1 not in cut:
        left -= 1
    while right + 1 <= subject.right_edge.i and right + 1 not in cut:
        right += 1
    if right - left > 12 or subject.lower_ in _RELATIVE:
        return None
    return subject.doc[left : right + 1]


def _office(subject: Token) -> SpacySpan | None:
    """Return the apposition that gives a named person's office ("Gabriel Ubah, a spokesperson for the Plateau
    police"; "Gen. Sylvain Ekenge, deputy spokesman of Congo's armed forces"), or None."""
    for child in subject.children:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.i > subject.i:
            left, right = child.left_edge.i, child.right_edge.i
            while right > left and subject.doc[right].is_punct:
                right -= 1
            office = subject.doc[left : right + 1]
            if right - left <= 10 and names_office(office.text):
                return office
    return None


def _personal_name(words: SpacySpan) -> bool:
    """Return True when the speaker's words are a person's name and nothing else ("Kamaran Osman")."""
    named = [t for t in words if t.is_alpha]
    return bool(named) and all(t.ent_type_ == "PERSON" and t.pos_ == "PROPN" for t in named)


def _trim_claimant(words: str) -> str:
    # "according to the Lebanese Health Ministry, which said" -> stop at a clause or list boundary
    words = re.split(r"\s+(?:which|who|that|on|in|at|after|as|when|while|and said|said)\b|[,;]", words)[0]
    return words.strip().rstrip(".")


def find_hedges(text: str, *, offset: int = 0) -> list[Hedge]:
    """Return the hedging cues ("reportedly", "could not be independently verified") in text."""
    return [Hedge(offset + m.start(), offset + m.end(), m.group()) for m in _HEDGES.finditer(text)]


def anaphor_kind(words: str) -> str | None:
    """Return what claimant words point back to when they name no one by themselves: "party" ("it", "they"),
    "group" ("the group", "the Iran-backed group"), "speaker" ("he", "I"), "document" ("a statement", "the
    bulletin"), "none" ("sources", "At least 30", "Mali: army"), or None for words that name a speaker."""
    text = " ".join(words.replace("\u2019", "'").split()).strip(" ,.;\"'").lower()
    if not text or ":" in text or _COUNT.match(text):
        return "none"
    bare = _DETERMINER.sub("", text)
    for candidate in (text, bare, _QUALIFIERS.sub("", bare)):
        if candidate in _ANAPHORS:
            return _ANAPHORS[candidate]
    # "the Iran-backed group", "the militant group": a description of a group, unless a name qualifies it
    # ("the Wagner group"); "military sources", "local officials" are kinds of speaker, kept as they are
    head = bare.split()[-1]
    named = any(w[:1].isupper() and "-" not in w for w in words.split()[1:-1]) or (
        words.split()[0][:1].isupper() and words.split()[0].lower() not in ("the", "a", "an")
        and len(words.split()) > 1 and "-" not in words.split()[0]
    )  # fmt: skip
    if _ANAPHORS.get(head) == "group" and not named:
        return "group"
    return None


def valid_frame(frame: Frame | None) -> bool:
    """Return True for a frame whose speaker is named by its own words (not a pronoun, a count, a bare noun or a
    personal name without an office)."""
    return frame is not None and not frame.person and anaphor_kind(frame.claimant) is None


# -- the attribute stage: who tells each event, and how ------------------------------------------------------


def statement_author(state: ArticleState, res: Resources) -> Claimant | None:
    """Return the party whose statement the text is, from a headline like "Statement by the Yemeni Armed
    Forces" or "Update on IDF operations", or None."""
    headline = next((b for b in state.layout.blocks if b.kind == "headline"), None)
    if headline is None:
        return None
    title = state.article.text[headline.start : headline.end]
    published = state.article.published
    speaker = _TITLE_SPEAKER.match(title)  # "Russian Defence Ministry: Novohrodivka ..."
    # "Sudan: at least 54 killed ..." (allAfrica's headlines): a country before the colon is the story's topic
    if speaker is not None and not _is_country_name(speaker.group(1), res):
        named = res.claimants.name(speaker.group(1), voice=state.voice, on=published)
        if named.party is not None:
            return named
    if not _STATEMENT_TITLE.search(title):
        return None
    named = [h for h in state.actor_hits if headline.start <= h.start and h.end <= headline.end]
    party = next((h.actor for h in named if h.actor.inter in _PARTY_INTERS), None)
    if party is None:
        return None
    return res.claimants.name(party.surface or party.name, voice=state.voice, on=published)


def _is_country_name(words: str, res: Resources) -> bool:
    """Return True for words that are only a country's name ("Sudan", "DR Congo"), not one of its organs."""
    info = res.actors.country_of(words)
    return info is not None and words.strip().lower() not in (d.lower() for d in info.demonyms)


# The outlet's mark at the start of its own copy: "Gaza (UNA/WAFA) -", "Bogota, Sep 12 (IANS)", "Gaza, 22 November
# 2024, WAFA -": a bracketed name, or a name between a comma and a dash, in the first words of the body.
_OUTLET_MARK = re.compile(
    r"\((?P<bracket>[A-Za-z][\w/ .&-]{1,30})\)|,\s*(?P<comma>[A-Z][\w.&]{1,15})\s*[-–—]"
)


def own_outlet(state: ArticleState, res: Resources) -> str | None:
    """Return the outlet whose copy the text is, from a dateline mark naming a known outlet or agency
    (data/voices.tsv) at the start of the first body paragraph, or None."""
    body = next((b for b in state.layout.blocks if b.kind != "headline"), None)
    if body is None:
        return None
    lead = state.article.text[body.start : min(body.end, body.start + 90)]
    for m in _OUTLET_MARK.finditer(lead):
        for part in reversed((m.group("bracket") or m.group("comma")).split("/")):
            if res.claimants.is_voice(part.strip()):
                return part.strip()
    return None


def _own_frame(sentence: Sentence) -> Frame | None:
    """A sentence's first reporting frame whose speaker is named ("it said", "a statement said" are not)."""
    return next((f for f in sentence.frames if valid_frame(f)), None)


_NAME_ONLY = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){0,3}(?P<surname>[A-Z][\w'’-]+)$")


def _same_person_before(state: ArticleState, frame: Frame) -> Frame | None:
    """The earlier frame that named, with their office, the person a frame names by name alone: "Bassal said"
    after "Civil defence spokesman Mahmud Bassal told AFP", "according to Ekenge" after "said Gen. Sylvain Ekenge,
    deputy spokesman of Congo's armed forces"."""
    if frame.speaker is not None:
        return None
    m = _NAME_ONLY.match(frame.claimant.strip())
    if m is None:
        return None
    surname = re.compile(rf"\b{re.escape(m['surname'])}$")
    # The frames whose speaker or claimant ends with the same word, nearest sentence first: an index built once
    # per article (walking back over every sentence for every frame made a long article quadratic).
    index = state.lookups.get("frames_by_last_word")
    if index is None:
        index = state.lookups["frames_by_last_word"] = _frames_by_last_word(state)
    for sentence_index, frames in reversed(index.get(_last_word(m["surname"]), ())):
        if state.sentences[sentence_index].start >= frame.start:
            continue
        for earlier in frames:
            if earlier.speaker is not None and surname.search(earlier.speaker):
                return earlier
            words = earlier.claimant.strip()
            if surname.search(words) and words != frame.claimant.strip() and names_office(words):
                return earlier
    return _office_in_text(state, frame, m["surname"])


_LAST_WORD = re.compile(r"\w+$")


def _last_word(words: str) -> str | None:
    found = _LAST_WORD.search(words.strip())
    return found.group() if found else None


def _frames_by_last_word(state: ArticleState) -> dict[str | None, list[tuple[int, list[Frame]]]]:
    """Each sentence's frames filed under the last word of their speaker and of their claimant, in text order."""
    index: dict[str | None, list[tuple[int, list[Frame]]]] = {}
    for position, sentence in enumerate(state.sentences):
        keys = {_last_word(f.speaker) for f in sentence.frames if f.speaker is not None}
        keys |= {_last_word(f.claimant) for f in sentence.frames}
        for key in keys:
            index.setdefault(key, []).append((position, sentence.frames))
    return index


# "Kharkiv Governor Oleg Sinegubov", "Ivan Fedorov, the governor of Zaporizhzhia region,": a person's office
# before their name, or in the apposition after it
_OFFICE_BEFORE = re.compile(
    rf"(?P<office>(?:[\w'’-]+\s+){{0,4}}?(?i:{_TITLE_WORDS}))\s+(?:[A-Z][\w'’.-]*\s+){{0,2}}$"
)
_CLAUSE_WORD = re.compile(
    r"\b(?:as|by|and|when|while|that|with|to|for|from|after|before|at|in|on|said|says|told|[Tt]he|an?)\s+"
)
_OFFICE_AFTER = re.compile(r"^\s*,\s*(?P<office>(?:the |a |an )?[^,.;]{3,80}?)\s*,")


def _office_in_text(state: ArticleState, frame: Frame, surname: str) -> Frame | None:
    """A frame for the office the text gives, before the frame, to the person named `surname`, or None."""
    memo = state.lookups.setdefault("office_of", {})
    if surname not in memo:  # the first office the text gives the name, wherever it is: once per article
        memo[surname] = _first_office(state.article.text, surname)
    found = memo[surname]
    if found is None or found[0] > frame.claimant_start:  # named with the office only after the frame
        return None
    _, office, start = found
    return Frame(
        office, frame.cue, frame.stance, frame.start, frame.end, start, start + len(office),
        frame.responsibility,
    )  # fmt: skip


def _first_office(text: str, surname: str) -> tuple[int, str, int] | None:
    """Where the text first names `surname` with an office before or after it: (the name's end, the office, its
    start), or None."""
    for m in re.finditer(rf"\b{re.escape(surname)}\b", text):
        sentence_start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        before = _OFFICE_BEFORE.search(text[max(sentence_start, m.start() - 60) : m.start()])
        after = _OFFICE_AFTER.match(text[m.end() : m.end() + 90])
        for found, start in (
            (before, max(sentence_start, m.start() - 60) + before.start("office")) if before else (None, 0),
            (after, m.end() + after.start("office")) if after else (None, 0),
        ):
            if found is None or not names_office(found["office"]):
                continue
            office = found["office"]
            if found is before:  # "came as Ukraine's Foreign Minister" -> "Ukraine's Foreign Minister"
                cut = list(_CLAUSE_WORD.finditer(office))
                if cut:
                    start += cut[-1].end()
                    office = office[cut[-1].end() :]
            return m.end(), office, start
    return None


def _next_frame(state: ArticleState, sentence: Sentence) -> Frame | None:
    """ "The attack came on Wednesday ... Donat Kibwana, the administrator of Beni territory, said 19 were found
    dead": a sentence with no voice of its own or before it is told by the next sentence of its paragraph; a
    paragraph is told by the next one when that opens with a speaker pointing back to it ("Oleksandr Prokudin,
    head of the regional military administration, announced this.")."""
    block = state.layout.blocks[sentence.block]
    later = state.sentences[sentence.index + 1] if sentence.index + 1 < len(state.sentences) else None
    if block.kind == "headline" or later is None:
        return None
    if state.layout.blocks[later.block].paragraph == block.paragraph:
        return _own_frame(later)
    return _pointing_frame(later)


# "X announced this", "This was reported by X" (data/lexicons/en/report_pointers.tsv)
_REPORT_POINTERS = word_set("report_pointers.tsv")


def _nearest_frame(state: ArticleState, sentence: Sentence) -> Frame | None:
    """The named frame nearest before a sentence in its own paragraph or the one before it (no headline), or None."""
    blocks = state.layout.blocks
    paragraph = blocks[sentence.block].paragraph
    for earlier in _sentences_before(state, sentence.start):
        block = blocks[earlier.block]
        if block.kind == "headline" or block.paragraph < paragraph - 1:
            return None
        frame = _own_frame(earlier)
        if frame is not None:
            return frame
    return None


def _pointing_frame(sentence: Sentence) -> Frame | None:
    """The named frame of a sentence whose reporting verb points back at what was told before it ("Fedorov
    reported this on Telegram"), or None."""
    frame = _own_frame(sentence)
    if frame is None or sentence.span is None:
        return None
    points = any(
        t.lower_ in _REPORT_POINTERS
        and t.dep_ in ("dobj", "nsubjpass")
        and t.head.lemma_.lower() in REPORTING_VERBS
        for t in sentence.span
    )
    return frame if points else None


def earlier_party(state: ArticleState, before: int, inters: set[int]) -> Actor | None:
    """Return the party named last before an offset of the article, among the given inter codes, or None."""
    hits = state.actor_hits  # in text order and disjoint: their ends ascend too
    for index in range(bisect.bisect_right(hits, before, key=lambda h: h.end) - 1, -1, -1):
        if hits[index].actor.inter in inters:
            return hits[index].actor
    return None


def _sentences_before(state: ArticleState, offset: int) -> Iterator[Sentence]:
    """The article's sentences that start before an offset, nearest first (found by bisection)."""
    sentences = state.sentences
    for index in range(bisect.bisect_left(sentences, offset, key=lambda s: s.start) - 1, -1, -1):
        yield sentences[index]


_DESCRIPTION = re.compile(r"^[Tt]he\s+(?P<head>[a-z]+(?:\s+[a-z]+)?)$")
# "Police added ...", "Troops said ...": an organ named by its bare noun, as a sentence starts
_BARE_ORGAN = word_set("forces.tsv", kind="army") | word_set("forces.tsv", kind="police")
_BARE_ORGAN |= word_set("forces.tsv", kind="regime")


def _described(state: ArticleState, frame: Frame) -> Frame:
    """ "According to the administration" after "The Sumy Regional Military Administration reported": a speaker
    named by a common noun only is the nearest earlier named speaker whose name holds that noun."""
    m = _DESCRIPTION.match(frame.claimant.strip())
    bare = frame.claimant.strip().lower()
    if m is None and bare not in _BARE_ORGAN:
        return frame
    head = m.group("head").split()[-1] if m is not None else bare
    for sentence in _sentences_before(state, frame.start):
        for earlier in sentence.frames:
            words = earlier.claimant
            if (
                earlier.start < frame.start
                and words != frame.claimant
                # a name, or a fuller description ("the health ministry" for "the ministry")
                and (any(c.isupper() for c in words) or len(_DETERMINER.sub("", words).split()) > 1)
                and (re.search(rf"\b{re.escape(head)}\b", words, re.IGNORECASE))
            ):
                return earlier
    return frame


def _relayed_voice_counts(state: ArticleState, frame: Frame, res: Resources) -> bool:
    """Return True when a voice cited by another names a party or an official organ ("citing the Defense Ministry
    of Azerbaijan", "citing a military source"): its account is the event's; residents or witnesses that an
    agency cites leave the account to the agency."""
    published = state.article.published
    named = res.claimants.name(frame.claimant, voice=state.voice, on=published, country=state.home)
    return named.party is not None or named.authority_of is not None


def _relay_country(frame: Frame, res: Resources) -> str | None:
    """The country of the national voice that relays a frame ("SANA" -> Syria), for an organ named without its
    country ("a military source")."""
    if frame.relayed_by is None:
        return None
    side = res.claimants.voice_side(res.claimants.name(frame.relayed_by).name)
    info = res.actors.country_of(side) if side and len(side) == 2 else None
    return info.name if info is not None else None


def resolve_frame(
    state: ArticleState, sentence: Sentence, res: Resources
) -> tuple[Frame | None, Actor | None]:
    """Return the sentence's frame with a named speaker, and the party a pointing frame refers to.

    "The group said" -> the non-state armed party named last before it; "it said" -> the nearest earlier named
    frame, else the party named last; "he said", "a statement said", "sources said" -> the nearest earlier named
    frame; nothing -> (None, None): the outlet's own voice."""
    first = next(iter(sentence.frames), None)
    same = _same_person_before(state, first) if first is not None else None
    if same is not None:  # "Bassal said" after "Civil defence spokesman Mahmud Bassal told AFP"
        return same, None
    own = _own_frame(sentence)
    if own is not None and own.relayed_by is not None and not _relayed_voice_counts(state, own, res):
        # "The official News Agency of Nigeria, citing residents, said": the agency tells it
        own = next((f for f in sentence.frames if valid_frame(f) and f.relayed_by is None), own)
    if own is not None:
        return _described(state, own), None
    frame = first
    if frame is not None and frame.person and anaphor_kind(frame.claimant) is None:
        named = res.claimants.name(frame.claimant, voice=state.voice, on=state.article.published)
        if named.party is not None or res.claimants.is_voice(named.name):  # "Al-Masirah", tagged as a person
            return frame, None
    earlier = inherited(state, sentence, "frame", _own_frame)
    if frame is not None and anaphor_kind(frame.claimant) in ("party", "speaker"):
        # '"Israeli warplanes carried out 13 strikes," it said' after "Lebanon's NNA said ...": a pronoun speaker
        # is the nearest named speaker before it, in its paragraph or the one before, not the headline's
        earlier = _nearest_frame(state, sentence) or earlier
    if earlier is None and frame is None:
        earlier = _next_frame(state, sentence)
    if earlier is None and frame is not None and anaphor_kind(frame.claimant) == "document":
        # "..., the bulletin said" after "the army said in its latest operations bulletin" a paragraph before:
        # a document is the nearest named speaker's, in an earlier paragraph too (not a surname alone)
        earlier = next(
            (f for s in _sentences_before(state, sentence.start)
             if (f := _own_frame(s)) is not None and not _NAME_ONLY.match(f.claimant.strip())),
            None,
        )  # fmt: skip
    earlier = _described(state, earlier) if earlier is not None else None
    kind = (
        "speaker" if frame is not None and frame.person else anaphor_kind(frame.claimant) if frame else None
    )
    if frame is not None and kind in ("group", "party"):
        # "the group said" may point at a group of its own sentence; "..., they said" points at a speaker before
        # it, never at the attacker of the clause it reports ("Russian drones hit Kharkiv, they said")
        before = frame.claimant_start if kind == "group" else min(frame.claimant_start, sentence.start)
        party = earlier_party(state, before, _GROUP_INTERS if kind == "group" else _PARTY_INTERS)
        if (kind == "group" or earlier is None) and party is not None:
            return frame, party
    return earlier, None


def event_claim(
    state: ArticleState,
    sentence: Sentence,
    res: Resources,
    actor1: Actor | None,
    actor2: Actor | None,
    place: Place | None = None,
) -> Claim:
    """Return who tells the sentence's event and with what stance: its own frame, else the nearest frame of its
    context, else the statement's author, the article's party voice, the lede's voice, or its outlet."""
    article = state.article
    frame, referent = resolve_frame(state, sentence, res)
    hedge = sentence.hedges[0] if sentence.hedges else None
    hedge_fields = {}
    if hedge is not None:
        hedge_fields = {
            "hedged": True,
            "hedge_cue": hedge.text,
            "hedge_span": article_span(article, hedge.start, hedge.end),
        }
    place_country = place.country if place is not None else None
    claimant = None
    if frame is not None:
        claimant = _frame_claimant(state, sentence, res, frame, referent, actor1, place_country)
        if claimant is None:
            frame = None
    if frame is None or claimant is None:
        if state.author is not None:  # the text is the party's own statement
            stance = decide_stance(
                None, state.author, actor1=actor1, actor2=actor2, place_country=place_country
            )
            return Claim(claimant=state.author.name, stance="claimed" if stance == "reported" else stance,
                         cue="statement", **hedge_fields)  # fmt: skip
        if state.voice and actor1 is not None and _speaks_for(state.voice, actor1, res):
            # A partisan roundup in a party's own voice: the party claims its own operations.
            return Claim(claimant=party_name(actor1), stance="claimed",
                         cue=f"article in the voice of {state.voice}", **hedge_fields)  # fmt: skip
        voiced = _voice_claimant(state, res)
        if voiced is not None and not state.source:
            # ... and tells the other side's attacks in its own words: its account, its stance
            stance = decide_stance(None, voiced, actor1=actor1, actor2=actor2, place_country=place_country)
            return Claim(claimant=voiced.name, stance=stance, cue=f"article in the voice of {state.voice}",
                         **hedge_fields)  # fmt: skip
        carried = _story_frame(state, sentence)
        if carried is not None:
            frame = carried
            claimant = _frame_claimant(state, sentence, res, carried, None, actor1, place_country)
    if frame is None or claimant is None:
        if state.source:
            return Claim(claimant=res.claimants.outlet(state.source), stance="reported", **hedge_fields)
        return Claim(claimant=None, stance="unattributed", **hedge_fields)
    stance = decide_stance(frame.stance, claimant, actor1=actor1, actor2=actor2, place_country=place_country)
    if frame.responsibility:
        stance = "claimed"
    return Claim(
        claimant=_local_official(claimant.name, place), stance=stance, cue=frame.cue,
        span=article_span(article, frame.claimant_start, frame.claimant_end), **hedge_fields,
    )  # fmt: skip


def _story_frame(state: ArticleState, sentence: Sentence) -> Frame | None:
    """ "Fighting ... has killed 60 people, the Ombudsman's Office said" in the lede, then "The clashes ... reached
    towns such as A, B and C" with no voice: the voice of the lede (the first body paragraph's first named frame,
    not a denial) tells the story's later sentences that have no voice of their own or of their context (docs/
    coding.md section 7: an event is told in the voice of its first report). None before that frame, and for the
    headline."""
    ledes = state.lookups.get("story_frame")
    if ledes is None:
        ledes = state.lookups["story_frame"] = []
        lede: Frame | None = None
        first_paragraph: int | None = None
        for s in state.sentences:
            ledes.append(lede)
            block = state.layout.blocks[s.block]
            if block.kind == "headline" or lede is not None:
                continue
            if first_paragraph is None:
                first_paragraph = block.paragraph
            own = _own_frame(s) if block.paragraph == first_paragraph else None
            opens = (
                s.index > 0
                and state.layout.blocks[state.sentences[s.index - 1].block].paragraph == first_paragraph
            )
            if own is None and block.paragraph != first_paragraph and opens:
                own = _pointing_frame(s)  # the lede told, then "X announced this" opening the next paragraph
            if own is not None and own.stance != "denied" and not _anonymous(own):
                lede = _described(state, own)
    if state.layout.blocks[sentence.block].kind == "headline":
        return None
    return ledes[sentence.index]


def _anonymous(frame: Frame) -> bool:
    """Return True for a speaker named only by its kind ("sources", "medical sources", "residents of the area"):
    such a voice vouches for what it is quoted on, not for the rest of the story."""
    words = _WHERE_FROM.sub("", frame.claimant.strip().lower()).split()
    return bool(words) and words[-1] in _SPEAKER_KINDS


def _frame_claimant(
    state: ArticleState,
    sentence: Sentence,
    res: Resources,
    frame: Frame,
    referent: Actor | None,
    actor1: Actor | None,
    place_country: str | None,
) -> Claimant | None:
    """Return the claimant a frame names for the sentence's event (None when its words still name no one)."""
    article = state.article
    # "Ukrainian troops repelled Russian assaults, the General Staff said": a military reports its own
    # forces' successes, so an institution the text does not place is the one of the forces that succeeded
    own = actor1 is not None and actor1.inter == 1 and actor1.country and _OWN_SUCCESS.search(sentence.text)
    claimant = res.claimants.name(
        neutral_words(referent.surface or referent.name if referent is not None else frame.claimant, res),
        voice=state.voice,
        on=article.published,
        country=actor1.country if own else _relay_country(frame, res) or state.home,
        place_country=place_country,
    )
    if claimant.party is None and referent is None and not res.claimants.is_voice(claimant.name):
        # "The al Qaeda affiliate Jama'a Nusrat ul-Islam wa al-Muslimin (JNIM) has claimed", "the militant group
        # that calls itself the 'Islamic Resistance in Iraq' said": the party the subject names on its way
        named_in = [
            h for h in state.actor_hits_within(frame.claimant_start, frame.start)
            if h.actor.inter in _PARTY_INTERS
        ]  # fmt: skip
        if named_in:
            claimant = res.claimants.name(named_in[0].actor.name, on=article.published)
    if claimant.party is not None and actor1 is not None and actor1.name.startswith(f"{claimant.name} ("):
        claimant = Claimant(
            name=party_name(actor1), party=actor1
        )  # "Islamic State" -> "Islamic State (Iraq)"
    kind = _WHERE_FROM.sub("", _QUALIFIERS.sub("", claimant.name.lower()))
    if kind in _SPEAKER_KINDS:  # "sources said" -> "local sources", "another resident" -> "residents"
        claimant = Claimant(name=_SPEAKER_KINDS[kind])
    if claimant.party is None and anaphor_kind(claimant.name) is not None:  # still no one: the outlet
        return None
    return claimant


def speaker_party(state: ArticleState, sentence: Sentence, res: Resources) -> Actor | None:
    """Return the party that speaks the sentence's reporting frame ("The group said" -> the group named
    before), or None."""
    frame, referent = resolve_frame(state, sentence, res)
    if referent is not None:
        return referent
    if frame is None or not sentence.frames or frame is not sentence.frames[0]:
        return None
    named = res.claimants.name(
        neutral_words(frame.claimant, res), voice=state.voice, on=state.article.published, country=state.home,
    )  # fmt: skip
    if (
        named.party is not None and named.party.span is None
    ):  # "Russia said it struck ...": the words that name it
        span = article_span(state.article, frame.claimant_start, frame.claimant_end)
        return named.party.model_copy(update={"span": span, "surface": span.text})
    return named.party


def responsible_party(state: ArticleState, sentence: Sentence, res: Resources) -> Actor | None:
    """Return the party that claims responsibility in the sentence ("claimed by JNIM", "X claimed
    responsibility for"), whoever else the event's voice is, or None."""
    for frame in sentence.frames:
        if frame.responsibility and valid_frame(frame):
            named = res.claimants.name(frame.claimant, voice=state.voice, on=state.article.published)
            if named.party is not None:
                return named.party.model_copy(
                    update={"span": article_span(state.article, frame.claimant_start, frame.claimant_end)}
                )
        if frame.responsibility and frame.claimant_start < frame.start:
            # "The al Qaeda affiliate Jama'a Nusrat ul-Islam wa al-Muslimin (JNIM) has claimed ...": the party
            # named in the subject's apposition
            named_in = [
                h for h in state.actor_hits
                if frame.claimant_start <= h.start and h.end <= frame.start and h.actor.inter in _GROUP_INTERS
            ]  # fmt: skip
            if named_in:
                hit = named_in[-1]
                return hit.actor.model_copy(update={"span": article_span(state.article, hit.start, hit.end)})
    return None


def speaker_is(state: ArticleState, sentence: Sentence, actor: Actor, res: Resources) -> bool:
    """Return True when the sentence's reporting frame is spoken by the actor's party."""
    party = speaker_party(state, sentence, res) if sentence.frames else None
    return party is not None and party_name(party) == party_name(actor)


def neutral_words(words: str, res: Resources) -> str:
    """Return words with loaded terms put neutrally ("Zionist media" -> "Israeli media") or taken out."""
    for start, end, _, _, neutral in reversed(res.loaded.find(words)):
        words = words[:start] + (neutral or "") + words[end:]
    return " ".join(words.split())


def _voice_claimant(state: ArticleState, res: Resources) -> Claimant | None:
    """The party a text in one party's voice speaks for (not a family of voices such as "axis")."""
    own = res.voices.get(state.voice)
    surface = own.speaker if own is not None else None
    if surface is None:
        return None
    named = res.claimants.name(surface, voice=state.voice, on=state.article.published)
    return named if named.party is not None else None


def _speaks_for(voice: str, actor: Actor, res: Resources) -> bool:
    """Return True when a text in this party voice is the actor's own account: the actor's party or country, or
    a non-state ally of its family (data/party_voices.tsv)."""
    voice = voice.lower()
    if voice in actor.name.lower() or (actor.country and voice == actor.country.lower()):
        return True
    return res.voices.speaks_for_allies(voice, actor.country) and actor.inter != 1


def _local_official(name: str, place: Place | None) -> str:
    """ "the regional governor" -> "Kharkiv regional governor", "the city's administration" -> "Horlivka city
    administration": an official named only by office is named for the place of the event."""
    m = _LOCAL_OFFICIAL.match(name)
    if m is None or place is None:
        return name
    scope = (m["scope"] or "").lower().replace("'s", "")
    role = m["role"].lower()
    if scope in ("regional", "region", "oblast", "provincial") or (not scope and role == "governor"):
        where = place.admin1 or place.resolved_name or place.name
        where = re.sub(r"\s+(?:Oblast|Governorate|Province|Region)$", "", where or "", flags=re.IGNORECASE)
        return f"{where} regional {role}" if where else name
    where = place.resolved_name or place.name
    if role == "mayor":  # "the town's mayor" of Kidal is the "Kidal mayor"
        scope = ""
    return f"{where} {scope + ' ' if scope and scope != 'local' else ''}{role}" if where else name
