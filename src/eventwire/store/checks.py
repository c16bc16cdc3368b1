"""Checks on extracted records before they are stored or printed: counts, dates and notes a user can trust.

Extraction reads whatever the text says; some of it is no fact (a count of 18446744073709551616 dead, a
date in 9999) or cannot be stored (an integer past SQLite's 64 bits). Such values are left empty and the
note says so, so the article is kept with everything else it gave.
"""

from __future__ import annotations

import datetime as dt
import re

from eventwire.model import ArticleResult, Casualties, Mention
from eventwire.normalise import acled_fatalities, write_notes

# Deaths or injuries in one event. The deadliest single events ACLED codes stay far below this; a larger
# figure is a cumulative toll, a typo or hostile input, and would overflow an SQL INTEGER past 2**63.
MAX_CASUALTIES = 100_000
EARLIEST_DATE = dt.date(1900, 1, 1)
# A day's grace after publication: a dateline's local date can run ahead of the publication date in UTC.
_GRACE = dt.timedelta(days=1)
# C0 and C1 control characters: a note is one line of plain text in a CSV cell.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def checked_result(result: ArticleResult) -> ArticleResult:
    """Return the result with every mention checked (checked_mention) against its article's date."""
    mentions = [checked_mention(m, published=result.article.published) for m in result.mentions]
    if all(new is old for new, old in zip(mentions, result.mentions, strict=True)):
        return result
    return result.model_copy(update={"mentions": mentions})


def checked_mention(mention: Mention, *, published: dt.date | None) -> Mention:
    """Return the mention with implausible values emptied and noted; the same object when all is plausible.

    A casualty count over MAX_CASUALTIES is left out (its words stay in killed_text/injured_text); a date
    before 1900 or after the publication date (else today) is left empty with a date_note; control
    characters in notes become spaces.
    """
    update: dict[str, object] = {}
    casualties: list[Casualties] = []
    dropped: list[int] = []
    for count in mention.casualties:
        fixes: dict[str, object] = {}
        for field in ("killed", "injured"):
            value = getattr(count, field)
            if value is not None and not 0 <= value <= MAX_CASUALTIES:
                dropped.append(value)
                fixes[field] = None
                fixes[f"{field}_text"] = getattr(count, f"{field}_text") or str(value)
        casualties.append(count.model_copy(update=fixes) if fixes else count)
    if dropped:
        update["casualties"] = casualties
    latest = (published or dt.date.today()) + _GRACE
    if mention.date is not None and not EARLIEST_DATE <= mention.date <= latest:
        update["date"] = None
        update["time_precision"] = None
        bound = "the publication date" if published else "today"
        update["date_note"] = (
            f"the text's date {mention.date.isoformat()} lies before 1900 or after {bound}; left empty"
        )
    if dropped or not 0 <= mention.fatalities <= MAX_CASUALTIES:
        update["fatalities"] = 0
    if update:
        mention = mention.model_copy(update=update)
        if dropped:
            mention = mention.model_copy(update={"fatalities": acled_fatalities(mention)})
        if mention.notes is not None:  # a record built without notes keeps none
            mention = mention.model_copy(update={"notes": write_notes(mention)})
    if dropped:
        note = (
            f" A stated count of {_short(max(dropped))} was not coded: over {MAX_CASUALTIES:,} for one event, "
            "it is taken as a cumulative toll or an error in the text."
        )
        mention = mention.model_copy(update={"notes": (mention.notes or "") + note})
    clean = {
        field: _CONTROLS.sub(" ", value)
        for field in ("notes", "date_note")
        if (value := getattr(mention, field)) and _CONTROLS.search(value)
    }
    return mention.model_copy(update=clean) if clean else mention


def _short(value: int) -> str:
    digits = str(value)
    return digits if len(digits) <= 24 else f"{digits[:12]}… ({len(digits)} digits)"
