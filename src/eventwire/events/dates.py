"""Find date expressions and resolve them against the publication date, with ACLED time precision.

ACLED time_precision: 1 the day is known, 2 only the week (or a span of days), 3 only the month.
Relative expressions ("on Tuesday", "yesterday", "last night") need the publication date; without one they
stay unresolved and the mention says so rather than inventing a date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from eventwire.events.context import inherited
from eventwire.events.realis import token_at
from eventwire.model import ArticleState, Sentence
from eventwire.nlp.lexicons import lexicon_rows, word_set

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_CALENDAR = lexicon_rows("calendar.tsv")  # data/lexicons/en/calendar.tsv
_MONTHS = {row["word"]: int(row["number"]) for row in _CALENDAR if row["kind"] == "month"}
_WEEKDAYS = {row["word"]: int(row["number"]) for row in _CALENDAR if row["kind"] == "weekday"}
_WEEKDAY_RE = "|".join(_WEEKDAYS)
# longest name first, so "september" is read whole rather than as "sep"
_MONTH_RE = rf"(?P<month>{'|'.join(sorted(_MONTHS, key=len, reverse=True))})\.?"
_FULL_MONTHS = [row["word"] for row in _CALENDAR if row["kind"] == "month" and row["form"] == "full"]
_ABBREVIATED = [row["word"] for row in _CALENDAR if row["kind"] == "month" and row["form"] == "abbreviation"]
# a month named alone: an abbreviation only with its full stop or a year ("in Mar de Cobo" is a place)
_LONE_MONTH_RE = (
    rf"(?P<month>{'|'.join(sorted(_FULL_MONTHS, key=len, reverse=True))}|"
    rf"(?:{'|'.join(sorted(_ABBREVIATED, key=len, reverse=True))})(?=\.|\s+\d{{4}}))\.?"
)
_PATTERNS: list[tuple[str, str | None]] = [
    ("iso", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    # "Wednesday 14-2-2024", "5/11/2024": day first, as Arabic, Hebrew and European outlets write it, unless only
    # the other reading is a date or the weekday named with it says otherwise
    ("numeric", rf"(?:(?:on\s+)?(?P<nwd>{_WEEKDAY_RE}),?\s+)?"
                r"(?P<na>\d{1,2})[-/.](?P<nb>\d{1,2})[-/.](?P<ny>(?:19|20)\d{2})"),
    ("dmy", rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(?P<year>\d{{4}}))?"),
    ("mdy", rf"{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>\d{{4}}))?"),
    ("month", rf"(?:in|during|since|throughout|early|late|mid-?)\s+{_LONE_MONTH_RE}(?:\s+(?P<year>\d{{4}}))?"),
    # "in 2011", "during 2019": a year alone, read only when it is before the publication year (background)
    ("year", r"(?:in|during|throughout|early|late|mid-?)\s+(?P<yr>(?:19|20)\d{2})(?![\d-])"),
    ("weekday", rf"(?P<prefix>last\s+|on\s+|this\s+|early\s+|late\s+)?(?P<weekday>{_WEEKDAY_RE})(?:\s+(?P<part>morning|afternoon|evening|night))?"),
    ("relative", r"(?P<rel>the day before yesterday|yesterday|last night|overnight|earlier today|today|this morning|this afternoon|this evening|tonight|hours earlier|earlier this week|earlier in the week|this week|last week|past week|over the weekend|last weekend|earlier this month|this month|last month)"),
    ("shift", None),  # "two days earlier", "the next day", "a day after": _SHIFT_RE, from day_shifts.tsv
    ("ago", r"(?P<n>\d+|two|three|four|five|six|seven|a)\s+(?P<unit>days?|weeks?)\s+ago"),
]  # fmt: skip
_COUNTS = {
    row["word"]: int(row["number"]) for row in lexicon_rows("number_words.tsv") if " " not in row["word"]
}
_REPORTING = word_set("reporting_verbs.tsv")
_SHIFTS = [(row["words"], int(row["days"])) for row in lexicon_rows("day_shifts.tsv")]  # data/lexicons/en


def _shift_alternative(index: int, words: str) -> str:
    """Return the pattern of one day_shifts.tsv phrase as the named alternative s<index> (its count n<index>)."""
    count = rf"(?P<n{index}>\d{{1,2}}|{'|'.join(sorted(_COUNTS, key=len, reverse=True))})"
    parts = [
        count if w == "N" else re.escape(w) + ("?" if w in ("days", "nights") else "") for w in words.split()
    ]
    phrase = r"\s+".join(parts)
    return rf"(?P<s{index}>{phrase})"


_SHIFT_RE = "|".join(_shift_alternative(i, words) for i, (words, _) in enumerate(_SHIFTS))
_DATE_RES = [
    (kind, re.compile(rf"(?<![\w-])(?:{pattern or _SHIFT_RE})(?![\w])", re.IGNORECASE))
    for kind, pattern in _PATTERNS
]
_SMALL = {"a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date expression in the text and what it resolves to (None when it needs a publication date)."""

    start: int
    end: int
    text: str
    date: dt.date | None
    time_precision: int
    relative: bool
    # Days from another time of the text ("two days earlier": -2), for a shift phrase of day_shifts.tsv; its date
    # is None until event_date counts it from that time.
    shift: int | None = None
    # The report's opening day, lent to a telling with no date of its own or of its paragraph (see _lede_day): no
    # evidence of that telling's day, so a retelling stays an undated one.
    lede: bool = False


def find_dates(text: str, *, published: dt.date | None, offset: int = 0) -> list[DateHit]:
    """Return the date expressions in text, resolved against the publication date where relative."""
    hits: list[DateHit] = []
    matches = sorted(
        ((m, kind) for kind, regex in _DATE_RES for m in regex.finditer(text)),
        key=lambda pair: (pair[0].start(), -pair[0].end()),
    )
    taken_until = -1
    for match, kind in matches:
        if match.start() < taken_until:  # "on 21 November" inside "on 21 November 2024" was already read
            continue
        try:
            resolved = _resolve(kind, match, published)
        except ValueError:  # "31 February": not a date
            continue
        if resolved is None and kind not in ("weekday", "relative", "ago", "shift"):
            continue
        date, precision = resolved if resolved else (None, 1)
        start, end = match.span()
        taken_until = end
        hits.append(DateHit(offset + start, offset + end, match.group(), date, precision,
                            kind in ("weekday", "relative", "ago", "shift"),
                            _shift_days(match) if kind == "shift" else None))  # fmt: skip
    return hits


def _shift_days(match: re.Match[str]) -> int:
    """Return the days a shift phrase names: its row's days times its count ("two days earlier": -2)."""
    index = int(match.lastgroup[1:])  # type: ignore[index]
    count = match.group(f"n{index}") if f"n{index}" in match.re.groupindex else None
    if count is None:
        return _SHIFTS[index][1]
    return _SHIFTS[index][1] * (int(count) if count.isdigit() else _COUNTS[count.lower()])


def _numeric_date(a: int, b: int, year: int, weekday: str | None) -> dt.date:
    """Read a-b-year day first; month first when only that reading is a date or it fits the weekday named."""
    readings = []
    for day, month in ((a, b), (b, a)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not readings:
        raise ValueError(f"{a}-{b}-{year} is not a date")
    if weekday:
        fitting = [d for d in readings if d.weekday() == _WEEKDAYS[weekday.lower()]]
        if fitting:
            return fitting[0]
    return readings[0]


def _year_for(month: int, day: int, published: dt.date | None) -> int | None:
    if published is None:
        return None
    year = published.year
    # "on 28 December" in a 2 January article is last year's December.
    if dt.date(year, month, min(day, 28)) > published + dt.timedelta(days=7):
        year -= 1
    return year


def _resolve(kind: str, m: re.Match[str], published: dt.date | None) -> tuple[dt.date, int] | None:
    if kind == "shift":
        return None  # counted from another time of the text, by event_date
    if kind == "iso":
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"])), 1
    if kind == "numeric":
        return _numeric_date(int(m["na"]), int(m["nb"]), int(m["ny"]), m["nwd"]), 1
    if kind in ("dmy", "mdy"):
        month, day = _MONTHS[m["month"].lower().rstrip(".")], int(m["day"])
        year = int(m["year"]) if m["year"] else _year_for(month, day, published)
        return (dt.date(year, month, day), 1) if year else None
    if kind == "month":
        month = _MONTHS[m["month"].lower().rstrip(".")]
        year = int(m["year"]) if m["year"] else _year_for(month, 1, published)
        return (dt.date(year, month, 1), 3) if year else None
    if published is None:
        return None
    if kind == "year":
        # a year before the publication year dates a background clause; the current year tells nothing more
        return (dt.date(int(m["yr"]), 1, 1), 3) if int(m["yr"]) < published.year else None
    if kind == "weekday":
        target = _WEEKDAYS[m["weekday"].lower()]
        back = (published.weekday() - target) % 7
        if (m["prefix"] or "").strip().lower() == "last" and back == 0:
            back = 7
        return published - dt.timedelta(days=back), 1
    if kind == "ago":
        n = _SMALL.get(m["n"].lower()) or int(m["n"])
        days = n * (7 if m["unit"].lower().startswith("week") else 1)
        return published - dt.timedelta(days=days), 1 if days < 7 else 2
    rel = " ".join(m["rel"].lower().split())
    if rel in ("yesterday", "last night", "overnight"):
        # "last night"/"overnight" in a dated morning story: the events fell on the day before publication.
        return published - dt.timedelta(days=1), 1
    if rel == "the day before yesterday":
        return published - dt.timedelta(days=2), 1
    if rel in ("earlier this week", "earlier in the week", "this week", "past week"):
        # Week precision: ACLED codes such events to a day within that week; we take the Monday of it.
        return published - dt.timedelta(days=published.weekday()), 2
    if rel in ("last week", "over the weekend", "last weekend"):
        monday = published - dt.timedelta(days=published.weekday() + 7)
        return (monday + dt.timedelta(days=5) if "weekend" in rel else monday), 2
    if rel in ("earlier this month", "this month"):
        return published.replace(day=1), 3
    if rel == "last month":
        return (published.replace(day=1) - dt.timedelta(days=1)).replace(day=1), 3
    return published, 1  # today, this morning, tonight, hours earlier


def event_date(state: ArticleState, sentence: Sentence, anchor: int) -> DateHit | None:
    """Return the date of the event whose trigger starts at `anchor`: a shift phrase over the trigger counted from
    the time it refers to (see _shifted_date), else the sentence's date nearest the trigger (the day of a claim
    or report only when the sentence tells no other day; not a date that glosses another or dates other words),
    else the last date of the nearest context sentence that has one."""
    told = _event_days(sentence, _told_dates(sentence))
    told = [d for d in told if not _glosses_date(sentence, d)] or told
    told = [d for d in told if not _dates_other_words(sentence, d, anchor)] or told
    shifted = _shifted_date(state, sentence, anchor, told)
    if shifted is not None:
        return shifted
    if told:
        return min(told, key=lambda d: abs(d.start - anchor))
    return inherited(state, sentence, "date", _last_date) or _lede_day(state, sentence)


LEDE_SENTENCES = 2  # the body sentences that open a report: where a wire story tells the day of its news


def _lede_day(state: ArticleState, sentence: Sentence) -> DateHit | None:
    """Return the day the report's opening tells its news on, for an event told later with no date of its own
    or of its paragraph ("The attack happened while troops were patrolling the river" after "killed two soldiers
    on Tuesday"): the opening's day of an event (not of a claim), else None (the publication date is used)."""
    memo = state.lookups.get("lede_day", ())
    if memo == ():
        memo = None
        blocks = state.layout.blocks
        body = [s for s in state.sentences if blocks[s.block].kind != "headline"][:LEDE_SENTENCES]
        for s in body:
            days = [d for d in _event_days(s, _told_dates(s)) if d.time_precision == 1]
            if days:
                memo = (s.index, replace(days[0], lede=True))
                break
        state.lookups["lede_day"] = memo
    if memo is None or sentence.index <= memo[0]:
        return None
    return memo[1]


def _dates_other_words(sentence: Sentence, hit: DateHit, anchor: int) -> bool:
    """A date that modifies a noun ("the 6 January 2021 riots") or stands in a clause that only describes someone
    or something ("a woman who was killed in 2021 held a protest", "the permit granted in March 2021") dates that,
    not the event whose trigger starts at `anchor`."""
    sent = sentence.span
    if sent is None:
        return False
    token = token_at(sent, hit.start - sentence.start)
    trigger = token_at(sent, anchor - sentence.start)
    if token is None or trigger is None:
        return False
    spans = [(d.start - sentence.start, d.end - sentence.start) for d in sentence.dates]
    own = {  # date words: "4 June" in "on Thursday 4 June" hangs on the weekday
        t.i for t in sent if any(a <= t.idx - sent.start_char < b for a, b in spans)
    }
    chain = {trigger.i}
    node = trigger
    while node.head.i != node.i:
        node = node.head
        chain.add(node.i)
    node, premodifier = token, token.pos_ != "ADP"  # no preposition between the date and the word it hangs on
    while node.head.i != node.i:
        node = node.head
        if node.i in chain:
            return False  # the date hangs on the trigger or on a word that governs it
        if node.i in own:
            continue
        if node.pos_ in ("NOUN", "PROPN") and premodifier:
            return True  # "the 6 January 2021 riots"; not "the raid on 4 June"
        if node.pos_ in ("VERB", "AUX"):
            # not a clause on the event itself: "the raid, which took place on Sunday, killed ..."
            return node.dep_ in ("relcl", "acl") and node.head.i not in chain
        premodifier = False
    return False


def _glosses_date(sentence: Sentence, hit: DateHit) -> bool:
    """A date in brackets opened right after another date only glosses it ("Around 19 January 2022 (between 17 -
    22 January)", "Around 4 February 2022, (from 21 January - 11 February)"): the date before the bracket is the
    event's."""
    text, at = sentence.text, hit.start - sentence.start
    opened = text.rfind("(", 0, at)
    if opened < 0 or ")" in text[opened:at]:
        return False
    return any(
        d.end - sentence.start <= opened and not text[d.end - sentence.start : opened].strip(" ,")
        for d in sentence.dates
    )


def _last_date(sentence: Sentence) -> DateHit | None:
    dated = _told_dates(sentence)
    return dated[-1] if dated else None


def _told_dates(sentence: Sentence) -> list[DateHit]:
    """Return the sentence's resolved dates but those that start a state of affairs."""
    return [d for d in sentence.dates if d.date is not None and not _since_date(sentence, d)]


def _since_date(sentence: Sentence, hit: DateHit) -> bool:
    """A date that starts a state of affairs ("since May 10", "since Moscow launched ... on May 10") is not the
    date of the event the sentence reports."""
    if sentence.span is None:
        return False
    token = token_at(sentence.span, hit.start - sentence.start)
    while token is not None and token.head.i != token.i:
        if token.lower_ == "since" or any(c.dep_ == "mark" and c.lower_ == "since" for c in token.children):
            return True
        token = token.head
    return False


# -- dates told relative to another time of the text ------------------------------------------------------------


def _event_days(sentence: Sentence, dated: list[DateHit]) -> list[DateHit]:
    """Return the dates of the sentence that may date its events: the day a party claimed or reported something
    ("On Tuesday ISIS claimed an attack ... late on Sunday") is left out when the sentence tells another day."""
    if sentence.span is None or len(dated) < 2:
        return dated
    own = [d for d in dated if not _reporting_day(sentence, d)]
    return own if any(d.time_precision == 1 for d in own) else dated


def _reporting_day(sentence: Sentence, hit: DateHit) -> bool:
    """Whether a date hangs from a reporting verb ("said on Tuesday", "On Tuesday ISIS claimed")."""
    words = _hit_span(sentence, hit)
    if words is None:
        return False
    head = words.root.head
    while head.dep_ == "prep" and head.head.i != head.i:  # "on" of "on Tuesday" when the hit has no "on"
        head = head.head
    return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _REPORTING


def _shifted_date(
    state: ArticleState, sentence: Sentence, anchor: int, told: list[DateHit]
) -> DateHit | None:
    """Return the date of the trigger at `anchor` when a shift phrase of its sentence covers it, else None.

    A phrase that governs a clause or a noun ("air strikes around midnight, a day after suicide attacks killed
    three"; "the strike came a day after another person was killed") dates what it governs from the rest of
    the sentence: its own date, else the context's. Any other phrase ("two days earlier, the pipeline was
    attacked"; "said on Thursday that the shooting happened the day before") dates the clause it modifies
    from the date told before it: earlier in the sentence, else in the text before. A date of the sentence
    told inside the words the phrase covers ("A day earlier, on October 16, fighters overran") wins."""
    if sentence.span is None:
        return None
    trigger = token_at(sentence.span, anchor - sentence.start)
    if trigger is None:
        return None
    for hit in sentence.dates:
        if hit.shift is None:
            continue
        words = _hit_span(sentence, hit)
        if words is None:
            continue
        governed = _governed(words[-1])
        if governed is not None:  # "a day after <clause or noun>": what it governs is the earlier time
            scope = {t.i for t in governed.subtree}
            if trigger.i not in scope:
                continue
            rest = [d for d in told if not _inside(sentence, d, scope)]
            if len(rest) < len(told):
                continue  # the governed words tell their own date
            since = (
                min(rest, key=lambda d: abs(d.start - hit.start)) if rest else _context_date(state, sentence)
            )
            days = -hit.shift
        else:
            head = words.root.head if words.root.head.i not in range(words.start, words.end) else words.root
            scope = {t.i for t in head.subtree} - set(range(words.start, words.end))
            if trigger.i not in scope:
                continue
            if any(_inside(sentence, d, scope) and d.start > hit.start for d in told):
                continue  # "A day earlier, on October 16, ...": the day itself is told
            before = [d for d in told if d.end <= hit.start and d.time_precision == 1]
            since = before[-1] if before else _date_before(state, sentence)
            days = hit.shift
        return _counted(state, hit, since, days)
    return None


def _counted(state: ArticleState, hit: DateHit, since: DateHit | None, days: int) -> DateHit | None:
    """Return the shift hit dated `days` from `since` (the publication date when the text gives none), never
    after the publication date; None when there is no date to count from."""
    published = state.article.published
    start = since.date if since is not None and since.date is not None else published
    if start is None:
        return None
    date = start + dt.timedelta(days=days)
    if published is not None and date > published:
        date = published
    return replace(hit, date=date, time_precision=1)


def _governed(last: Token) -> Token | None:
    """The clause or noun a phrase's last word governs: "after" marking a clause (its verb) or taking an object."""
    if last.dep_ == "mark" and last.head.i != last.i:
        return last.head
    if last.dep_ == "prep":
        return next((c for c in last.children if c.dep_ == "pobj"), None)
    return None


def _inside(sentence: Sentence, hit: DateHit, scope: set[int]) -> bool:
    words = _hit_span(sentence, hit)
    return words is not None and words.root.i in scope


def _hit_span(sentence: Sentence, hit: DateHit) -> SpacySpan | None:
    if sentence.span is None:
        return None
    return sentence.span.char_span(
        hit.start - sentence.start, hit.end - sentence.start, alignment_mode="expand"
    )


def _context_date(state: ArticleState, sentence: Sentence) -> DateHit | None:
    return inherited(state, sentence, "date", _last_date)


def _date_before(state: ArticleState, sentence: Sentence) -> DateHit | None:
    """Return the last day told before the sentence in the text ("Just two days earlier" counts from it)."""
    last = state.lookups.get("day_before")
    if last is None:
        last, running = [], None
        for s in state.sentences:
            last.append(running)
            days = [d for d in _told_dates(s) if d.time_precision == 1]
            running = days[-1] if days else running
        state.lookups["day_before"] = last
    return last[sentence.index]
