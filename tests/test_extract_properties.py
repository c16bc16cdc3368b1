"""Property tests for extract: any text gives mentions whose stored form is sane, or a clear InputError.

Sane, after the checks every stored and printed mention passes (eventwire.store.checks): a death toll that
fits an SQL INTEGER and is at most MAX_CASUALTIES, a date within 1900..publication date, notes without
control characters, evidence inside the text. Fewer examples than the readers: each runs the NLP pipeline.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.ingest.text import read_text
from eventwire.store.checks import EARLIEST_DATE, MAX_CASUALTIES, checked_result

EXAMPLES = max(20, int(os.environ.get("EVENTWIRE_FUZZ_EXAMPLES", "500")) // 10)
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")

SENTENCES = st.sampled_from([
    "Israeli strikes killed {n} people in Tyre on {d}, the Lebanese health ministry said.",
    "Hezbollah said its fighters fired rockets at Kiryat Shmona on {d}.",
    "Clashes near Khiam killed {n} soldiers and wounded {n} on {d}, the army said.",
    "قصفت طائرات مسيرة الخيام يوم {d} وقتل {n}",
    "The Houthis claimed a drone attack on Eilat on {d} that killed {n}.",
    "- 08:15: A gathering of soldiers in Chamaa with a rocket salvo, killing {n}.",
])  # fmt: skip
NUMBERS = st.one_of(
    st.integers(0, 50),
    st.integers(10**5, 10**40),
    st.sampled_from(["dozens", "1,000,000", "18446744073709551616"]),
)
DAYS = st.one_of(st.sampled_from(["Tuesday", "yesterday", "31 December 9999", "1 January 1850", "2024-02-30",
                                  "February 30", "12/31/9999", "last week"]),
                 st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(lambda d: d.strftime("%d %B %Y")))  # fmt: skip
NOISE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
PARAGRAPH = st.tuples(SENTENCES, NUMBERS, DAYS, NOISE).map(lambda t: t[0].format(n=t[1], d=t[2]) + t[3])
ARTICLE = st.tuples(
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)) | st.none(),
    st.lists(PARAGRAPH, min_size=1, max_size=6),
    st.sampled_from(["\n\n", "\n", " ", "\u2028", "\r\n"]),
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(ARTICLE)
def test_extract_gives_sane_mentions_for_hostile_text(pipeline, case):
    published, paragraphs, separator = case
    text = (f"date {published.isoformat()}\n" if published else "") + separator.join(paragraphs)
    try:
        article = read_text(text, name="fuzz")
    except InputError:
        return
    result = checked_result(pipeline.extract_article(article))
    latest = (published or dt.date.today()) + dt.timedelta(days=1)
    for mention in result.mentions:
        assert 0 <= mention.fatalities <= MAX_CASUALTIES
        for count in mention.casualties:
            assert count.killed is None or 0 <= count.killed <= MAX_CASUALTIES
            assert count.injured is None or 0 <= count.injured <= MAX_CASUALTIES
        assert mention.date is None or EARLIEST_DATE <= mention.date <= latest
        assert mention.notes is None or not CONTROLS.search(mention.notes)
        for span in mention.evidence.values():
            assert 0 <= span.start <= span.end <= len(article.text)
        mention.model_dump_json().encode("utf-8")
