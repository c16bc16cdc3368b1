"""Find casualty counts: killed and injured, with who they were, the words behind them, and vague quantities.

"at least 7" counts 7; word numbers count ("six", "a dozen"); vague quantities ("dozens", "heavy losses",
"multiple") give no number and are kept as words. Cumulative tolls ("since October 2023, 3,000 killed",
"the death toll rose to 40") are flagged so they never become one event's fatalities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.events.attribute import event_claim
from eventwire.model import Article, ArticleState, Casualties, Claim, Mention, article_span
from eventwire.nlp.lexicons import lexicon_rows
from eventwire.resources import Resources

VERSION = "casualties.v1"

_UNITS = {row["word"]: int(row["number"]) for row in lexicon_rows("number_words.tsv")}
_VAGUE = (
    r"dozens|scores|hundreds|thousands|several|multiple|many|numerous|a number of|an unknown number of|"
    r"a few|some|heavy|huge|large numbers? of|countless|tens"
)
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|a couple of|a pair of|both|a single|an?)"
)
_QUALIFIER = r"(?:at least|more than|over|up to|nearly|almost|about|around|some|approximately|roughly|as many as|a further|another)\s+"
_WHO = (
    r"(?:[a-z'-]+\s+){0,2}?(?P<who>people|persons?|civilians?|soldiers?|troops|fighters?|militants?|members?|"
    r"policem[ae]n|police officers?|officers?|personnel|children|child|kids|women|woman|men|man|boys?|girls?|"
    r"residents?|villagers?|farmers?|workers?|students?|journalists?|paramedics?|medics?|rescuers?|doctors?|citizens|"
    r"protesters?|demonstrators?|passengers?|family members|relatives|individuals|insurgents|rebels|gunmen|"
    r"attackers|assailants|servicem[ae]n|conscripts|guards?|commanders?|operatives?|terrorists?|martyrs?|"
    r"others|Palestinians|Israelis|Lebanese|Syrians|Ukrainians|Russians|Yemenis|Sudanese|Iraqis|Afghans|Somalis|"
    r"Nigerians|Malians|Burkinabe|Congolese|Indians|Pakistanis|Rohingya|pilgrims|worshippers|shepherds?|fishermen|"
    r"traders?|herders?|herdsm[ae]n|refugees?|pastoralists?|volunteers?|drivers?|teachers?|motorcyclists?|"
    r"miners?|labou?rers?|displaced (?:people|persons))"
)
_KILL_VERB = r"(?P<kverb>killed|killing|kills|dead|died|deaths?|dying|fatalit(?:y|ies)|slain|martyred|martyring|lost their lives|lost his life|lost her life|shot dead|perished|murdered|executed|beheaded|lifeless)"
_HURT_VERB = r"(?P<hverb>wounded|wounding|injured|injuring|injuries|hurt|wounds|maimed)"
_CASUALTIES = r"(?P<cas>casualties)"
_QTY = rf"(?:(?P<qual>{_QUALIFIER})?(?P<num>{_NUMBER})|(?P<vague>{_VAGUE}))"

_PATTERNS = [
    # "killing at least seven people", "wounded 12 others", "left three soldiers dead"
    re.compile(rf"\b(?:{_KILL_VERB}|{_HURT_VERB}|left)\s+(?:of\s+)?{_QTY}(?:\s+of)?(?:\s+{_WHO})?(?:\s+(?P<tail>dead|wounded|injured))?\b", re.IGNORECASE),
    # "seven people were killed", "three soldiers dead", "12 wounded", "dozens of casualties", "Twelve people,
    # including four children, were killed" (an aside between the count and its verb)
    re.compile(rf"\b{_QTY}(?:\s+of(?:\s+the)?)?(?:\s+{_WHO})?(?:\s*,\s+(?:including|among them|among whom|most of them|all of them|mostly)\s[^,.;]{{1,60}},)?(?:\s+(?:were|was|have been|had been|are|being|reportedly|also|later|who|had|have))*\s+(?:{_KILL_VERB}|{_HURT_VERB}|{_CASUALTIES})\b", re.IGNORECASE),
    # "stabbed a man to death", "beat a shepherd to death"
    re.compile(rf"\b(?:stabbed|beat|beaten|hacked|burned|burnt|tortured|stoned|clubbed)\s+{_QTY}\s+{_WHO}\s+(?P<kverb>to death)\b", re.IGNORECASE),
    # "the death of two children", "the deaths of 5 people"
    re.compile(rf"\b(?:the\s+)?(?P<kverb>deaths?|killing|martyrdom) of\s+{_QTY}(?:\s+{_WHO})?\b", re.IGNORECASE),
    # one person named by role: "killing its rider", "wounding the driver"
    re.compile(rf"\b(?:{_KILL_VERB}|{_HURT_VERB})\s+(?P<num>its|his|her|the)\s+(?P<who>rider|driver|occupant|pilot|owner|passenger|son|daughter|wife|husband)\b", re.IGNORECASE),
    # vague outcomes without a number: "heavy losses", "casualties among", "no casualties"
    re.compile(r"\b(?P<vague_only>heavy losses|heavy casualties|(?:confirmed |direct )?casualties|losses in (?:its|their) ranks|no (?:casualties|injuries|fatalities)|no one was (?:hurt|injured|killed)|without casualties)\b", re.IGNORECASE),
]  # fmt: skip

_CUMULATIVE = re.compile(
    r"\b(?:since|so far|to date|in total|overall|total(?:ling)?|cumulative|death toll (?:has )?(?:risen|rose|climbed|reached|stands?)|"
    r"toll (?:has )?(?:risen|rose|climbed|reached|stands)|brings? the (?:death )?toll|bringing the (?:death )?toll|"
    r"over the (?:past|last) (?:\w+ )?(?:days|weeks|months|years)|throughout the war|during the war|in the war|"
    r"since the (?:start|beginning|outbreak)|of the war)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CasualtyHit:
    """A casualty phrase: absolute offsets, counts (None when vague), who, and whether it is a cumulative toll."""

    start: int
    end: int
    text: str
    killed: int | None = None
    injured: int | None = None
    killed_text: str | None = None
    injured_text: str | None = None
    who: str | None = None
    cumulative: bool = False
    none_reported: bool = False


def parse_number(words: str) -> int | None:
    """Return the integer a number phrase gives ("7", "1,200", "twenty-one", "a dozen"), else None."""
    words = " ".join(words.lower().replace("-", " ").split())
    if words.replace(",", "").isdigit():
        return int(words.replace(",", ""))
    if words in _UNITS:
        return _UNITS[words]
    parts = words.split()
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS and _UNITS[parts[0]] >= 20:
        return _UNITS[parts[0]] + _UNITS[parts[1]]
    return None


def find_casualties(text: str, *, offset: int = 0) -> list[CasualtyHit]:
    """Return the casualty phrases in a sentence, offsets shifted; cumulative tolls are flagged."""
    cumulative = bool(_CUMULATIVE.search(text))
    hits: list[CasualtyHit] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            hit = _hit(m, text, offset, cumulative)
            if hit:
                hits.append(hit)
                taken.append(m.span())
    return sorted(hits, key=lambda h: h.start)


def _hit(m: re.Match[str], text: str, offset: int, cumulative: bool) -> CasualtyHit | None:
    groups = m.groupdict()
    span = dict(start=offset + m.start(), end=offset + m.end(), text=m.group(), cumulative=cumulative)
    if groups.get("vague_only"):
        phrase = groups["vague_only"].lower()
        none = phrase.startswith(("no ", "without"))
        return CasualtyHit(**span, killed_text=None if none else phrase, none_reported=none)
    number = parse_number(groups["num"]) if groups.get("num") else None
    vague = groups.get("vague")
    if number is None and not vague:
        return None
    who = groups.get("who")
    if number == 1 and groups["num"].lower() in ("a", "an") and not who:
        return None  # "a killed" is no count
    kverb, hverb, tail = groups.get("kverb"), groups.get("hverb"), (groups.get("tail") or "").lower()
    if m.group().lower().startswith("left"):
        kverb, hverb = (tail if tail == "dead" else None), (tail if tail in ("wounded", "injured") else None)
    qual = (groups.get("qual") or "").strip().lower()
    if qual in ("up to", "as many as") and number:
        vague, number = f"{qual} {number}", None  # an upper bound is not a conservative count
    words = vague or None
    if kverb:
        return CasualtyHit(**span, killed=number, killed_text=words, who=who)
    if hverb:
        return CasualtyHit(**span, injured=number, injured_text=words, who=who)
    if groups.get("cas"):
        return CasualtyHit(**span, injured_text=f"{words or number} casualties", who=who)
    return None


def casualties_of(article: Article, hit: CasualtyHit, claim: Claim) -> Casualties:
    """Return the Casualties record of a count, told by `claim`."""
    return Casualties(
        killed=hit.killed, injured=hit.injured, killed_text=hit.killed_text, injured_text=hit.injured_text,
        who=hit.who, claim=claim, span=article_span(article, hit.start, hit.end),
    )  # fmt: skip


def attach_followup_tolls(state: ArticleState, res: Resources) -> None:
    """A toll in the sentence after an event ("Three people were killed.") belongs to that event."""
    blocks = state.layout.blocks
    last: Mention | None = None
    last_block: int | None = None
    for sentence in state.sentences:
        if sentence.mentions:
            last, last_block = sentence.mentions[-1], sentence.block
            continue
        if (
            last is None
            or last_block is None
            or blocks[sentence.block].paragraph != blocks[last_block].paragraph
        ):
            continue
        counts = [
            h
            for h in sentence.casualties
            if not h.cumulative and (h.killed is not None or h.injured is not None)
        ]
        if counts and not last.casualties:
            claim = event_claim(state, sentence, res, last.actor1, last.actor2, last.place)
            last.casualties.extend(casualties_of(state.article, h, claim) for h in counts)
            first = counts[0]
            key = "fatalities" if first.killed is not None else "injuries"
            last.evidence.setdefault(key, article_span(state.article, first.start, first.end))
