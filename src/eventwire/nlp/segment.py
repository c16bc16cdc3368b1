"""Cut an article into blocks: headline, dateline, paragraphs and list items that keep their introducing sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["headline", "paragraph", "bullet"]

_BULLET = re.compile(r"^[ \t]*(?:[-–—•*▪●◦·]|\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)])[ \t]+")
# "BEIRUT (Reuters) -", "GAZA/CAIRO (Reuters) –", "Kyiv, Nov 21 (AFP) —": metadata, never an event's place.
_DATELINE = re.compile(
    r"[ \t]*(?P<place>[A-Z][A-Za-z'’./ -]{1,40}?(?:,\s*[A-Z][a-z]{2,9}\.?(?:\s+[A-Z][a-z]+)?\s*\d{0,2})?)\s*"
    r"(?:\((?P<agency>[A-Za-z][A-Za-z0-9 .&-]{1,30})\))?\s*[-–—]{1,2}\s+"
)
# "BETHLEHEM, Thursday, June 22, 2023 (WAFA) -", "TEL AVIV, May 8. /TASS/.", "QUETTA, Balochistan, 20 October
# (H.S.):", "Bogota, Sep 12 (IANS) At least ...": a place, a region or weekday, a date, then an agency or a dash.
_DATE = r"(?:[A-Z][a-z]{2,9}\.?\s*\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,9}\.?)(?:,?\s*\d{4})?"
_DATELINE_DATED = re.compile(
    r"[ \t]*(?P<place>[A-Z][A-Za-z'’. -]{1,40}?)(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?){0,2},\s*"
    + _DATE
    + r"\.?\s*"
    r"(?:(?:\(|/)(?P<agency>[A-Za-z][A-Za-z0-9 .&-]{1,30})(?:\)|/)\.?\s*)?(?:[-–—:]{1,2}\s+|(?<=[)/.])\s*(?=[A-Z\"“]))"
)
# A dateline on a line of its own: "KIGALI, Rwanda", "Kawkareik, August 16", "Monday, May 9, 2016".
_DATELINE_LINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z'’. -]{1,40}?)(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?)?(?:,\s*" + _DATE + r")?\.?"
    r"|(?P<agency>)(?:[A-Z][a-z]+,\s*)?" + _DATE + r"\.?"
)
# "Nabatieh - NNA -", "Damascus, SANA -": a place, then an agency's acronym between dashes.
_DATELINE_ACRONYM = re.compile(
    r"[ \t]*(?P<place>[A-Z][A-Za-z'’. -]{1,30}?)\s*[-–—,]\s*(?P<agency>[A-Z]{2,8})\s*[-–—]{1,2}\s+"
)
# "PORT SUDAN: A drone strike ...": an all-caps city and a colon; "Lagos - Unidentified gunmen ...": a city
# in title case, a dash and a capitalised word (not "Israel - said to have ...").
_DATELINE_COLON = re.compile(r"[ \t]*(?P<place>[A-Z][A-Z'’. -]{2,30}?)(?P<agency>)\s*:\s+(?=[A-Z])")
_DATELINE_TITLE = re.compile(
    r"[ \t]*(?P<place>[A-Z][a-z'’]+(?: [A-Z][a-z'’]+){0,2})(?P<agency>)\s+[-–—]{1,2}\s+(?=[A-Z])"
)
_DATELINE_CAPS = re.compile(r"^[A-Z][A-Z'’./ -]{2,40}$")
# A list item's label before its colon: "Haifa Naval Base:", "12:30 p.m.:" (a time, not a place).
_LABEL = re.compile(r"(?P<label>[^:\n]{2,70}?)\s*:\s+(?=\S)")
_TIME_PREFIX = re.compile(r"^\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|GMT|UTC|local time)?\s*[-–—:]?\s*",
                          re.IGNORECASE)  # fmt: skip


@dataclass(slots=True)
class Block:
    """A run of article text that spaCy parses as one document."""

    kind: BlockKind
    start: int
    end: int
    paragraph: int
    intro: int | None = None  # index of the block whose last sentence introduces this list item
    label: tuple[int, int] | None = None  # a list item's "Place:" label
    list_index: int | None = None


@dataclass(slots=True)
class Layout:
    """The blocks of an article, plus the dateline that is metadata rather than an event place."""

    blocks: list[Block] = field(default_factory=list)
    dateline: tuple[int, int] | None = None
    dateline_place: str | None = None
    agency: str | None = None


def segment_article(text: str, *, title: str | None = None) -> Layout:
    """Return the blocks of an article text: headline, paragraphs, list items with their intro and label."""
    layout = Layout()
    paragraph = -1
    previous_blank = True
    last_text_block: int | None = None
    list_index = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\n\r"))
        pos += len(line)
        stripped = line.strip()
        if not stripped:
            previous_blank = True
            continue
        lead = len(line) - len(line.lstrip())
        bullet = _BULLET.match(line)
        if bullet and len(stripped) > 2:
            body_start = start + bullet.end()
            block = Block("bullet", body_start, end, paragraph if not previous_blank else paragraph + 1)
            paragraph = block.paragraph
            if layout.blocks and layout.blocks[-1].kind == "bullet" and not previous_blank:
                block.intro = layout.blocks[-1].intro
                block.list_index = list_index
            else:
                list_index += 1
                block.intro = last_text_block
                block.list_index = list_index
            block.label = _label(text, body_start, end)
            layout.blocks.append(block)
            previous_blank = False
            continue
        if not layout.blocks and title and stripped == title.strip():
            layout.blocks.append(Block("headline", start + lead, end, paragraph=-1))
            previous_blank = True
            continue
        if previous_blank or not layout.blocks or layout.blocks[-1].kind != "paragraph":
            paragraph += 1
            block_start = start + lead
            if layout.dateline is None and paragraph <= 1:
                block_start = _take_dateline(layout, text, block_start, end)
            if block_start >= end:
                previous_blank = True
                continue
            layout.blocks.append(Block("paragraph", block_start, end, paragraph))
            last_text_block = len(layout.blocks) - 1
        else:  # a wrapped line continues its paragraph
            layout.blocks[-1].end = end
        previous_blank = False
    return layout


def _take_dateline(layout: Layout, text: str, start: int, end: int) -> int:
    line = _DATELINE_LINE.fullmatch(text, start, end)
    if line and "," in line.group() or line and line.group("place") is None:
        layout.dateline = (start, end)
        layout.dateline_place = line.group("place").strip() if line.group("place") else None
        return end
    dated = _DATELINE_DATED.match(text, start, end)
    if dated:
        layout.dateline = (start, dated.end())
        layout.dateline_place = dated.group("place").strip()
        layout.agency = dated.group("agency").strip() if dated.group("agency") else None
        return dated.end()
    match = _DATELINE_ACRONYM.match(text, start, end) or _DATELINE.match(text, start, end)
    if (
        match
        and not match.group("agency")
        and not _DATELINE_CAPS.match(match.group("place").split(",")[0].strip())
    ):
        match = None  # without an agency in brackets, only an all-caps city ("BEIRUT —"), not "Israel - said"
    match = match or _DATELINE_COLON.match(text, start, end) or _DATELINE_TITLE.match(text, start, end)
    if not match:
        return start
    place = match.group("place").strip()
    agency = match.group("agency")
    layout.dateline = (start, match.end())
    layout.dateline_place = place.split(",")[0].strip()
    layout.agency = agency.strip() if agency else None
    return match.end()


def _label(text: str, start: int, end: int) -> tuple[int, int] | None:
    body = text[start:end]
    time = _TIME_PREFIX.match(body)
    offset = time.end() if time and time.end() > 0 and any(c.isdigit() for c in body[: time.end()]) else 0
    match = _LABEL.match(body, offset)
    if not match:
        return None
    label = match.group("label")
    if len(label.split()) > 8:
        return None
    return (start + match.start("label"), start + match.end("label"))
