"""Find date expressions and resolve them against the publication date, with ACLED time precision.

ACLED time_precision: 1 the day is known, 2 only the week (or a span of days), 3 only the month.
Relative expressions ("on Tuesday", "yesterday", "last night") need the publication date; without one they
stay unresolved and the mention says so rather than inventing a date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from eventwire.events.context import inherited
from eventwire.events.realis import token_at
from eventwire.model import ArticleState, Sentence
from eventwire.nlp.lexicons import lexicon_rows

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
_PATTERNS: list[tuple[str, str]] = [
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
    ("relative", r"(?P<rel>the day before yesterday|yesterday|last night|overnight|earlier today|today|this morning|this afternoon|this evening|tonight|on the same day|the previous day|hours earlier|earlier this week|earlier in the week|this week|last week|past week|over the weekend|last weekend|earlier this month|this month|last month)"),
    ("ago", r"(?P<n>\d+|two|three|four|five|six|seven|a)\s+(?P<unit>days?|weeks?)\s+ago"),
]  # fmt: skip
_DATE_RES = [
    (kind, re.compile(rf"(?<![\w-]){pattern}(?![\w])", re.IGNORECASE)) for kind, pattern in _PATTERNS
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
        if resolved is None and kind not in ("weekday", "relative", "ago"):
            continue
        date, precision = resolved if resolved else (None, 1)
        start, end = match.span()
        taken_until = end
        hits.append(DateHit(offset + start, offset + end, match.group(), date, precision,
                            kind in ("weekday", "relative", "ago")))  # fmt: skip
    return hits


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
    if rel in ("yesterday", "last night", "overnight", "the previous day"):
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
    return published, 1  # today, this morning, tonight, hours earlier, on the same day


def event_date(state: ArticleState, sentence: Sentence, anchor: int) -> DateHit | None:
    """Return the date of the event whose trigger starts at `anchor`: the sentence's date nearest the trigger,
    else the last date of the nearest context sentence that has one."""
    dated = [d for d in sentence.dates if d.date is not None and not _since_date(sentence, d)]
    dated = [d for d in dated if not _glosses_date(sentence, d)] or dated
    dated = [d for d in dated if not _dates_other_words(sentence, d, anchor)] or dated
    if dated:
        return min(dated, key=lambda d: abs(d.start - anchor))
    return inherited(state, sentence, "date", _last_date)


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
    dated = [d for d in sentence.dates if d.date is not None and not _since_date(sentence, d)]
    return dated[-1] if dated else None


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
