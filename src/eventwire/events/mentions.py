"""Turn one sentence's detected events into mentions: each candidate × place gets its place, sides, date,
claim, casualties and final typing from the attach, sides, attribute and typing stages."""

from __future__ import annotations

import bisect
import re

from eventwire.events.attach import (
    ActorHit,
    anaphor_subject,
    bare_forces,
    choose_actors,
    inherited_actor,
    inherited_place,
    speaker_acts,
    state_subject,
    target_words,
)
from eventwire.events.attribute import event_claim, responsible_party, speaker_is, speaker_party
from eventwire.events.casualties import casualties_of, parse_number
from eventwire.events.claimants import party_name
from eventwire.events.dates import DateHit, event_date
from eventwire.events.detect import EventCandidate, bare_strike, detect_events, place_groups, told_killing
from eventwire.events.realis import DURATIVE, is_background, is_irrealis
from eventwire.events.refine import holds, is_area_place
from eventwire.events.sides import adversary, default_sides, event_country, territory_sides
from eventwire.events.typing import Typed, TypingFacts, retype
from eventwire.model import ArticleState, Casualties, Mention, Place, Sentence, Span, article_span
from eventwire.nlp.lexicons import lexicon_rows, word_pattern
from eventwire.nlp.places import PlaceHit, told_as_settlement
from eventwire.nlp.triggers import TriggerHit, TriggerRule
from eventwire.resources import Resources
from eventwire.taxonomy import EventType, SubEventType

VERSION = "detect.v4"


def article_mentions(state: ArticleState, res: Resources) -> list[Mention]:
    """Return the mentions of every sentence of the article, in reading order of detection: the body first;
    a list's intro and the headline count only where nothing else does (the list's items, the body)."""
    blocks = state.layout.blocks
    items_of: dict[int, list[Sentence]] = {}  # a list intro's block -> the sentences of its items
    for s in state.sentences:
        if blocks[s.block].kind == "bullet" and blocks[s.block].intro is not None:
            items_of.setdefault(blocks[s.block].intro, []).append(s)

    def is_list_intro(sentence: Sentence) -> bool:
        return sentence.block in state.intro_blocks and state.by_block[sentence.block][-1] is sentence

    mentions: list[Mention] = []
    body_has_events = False
    for sentence in state.sentences:
        if blocks[sentence.block].kind == "headline" or is_list_intro(sentence):
            continue
        sentence.mentions = sentence_mentions(state, sentence, res)
        mentions.extend(sentence.mentions)
        body_has_events = body_has_events or bool(sentence.mentions)
    intros = state.lookups.pop(_ROUNDUP_INTROS, set())
    if intros:  # a roundup's intro told at its region: its items at their settlements are the events
        mentions = [m for m in mentions if id(m) not in intros]
        for sentence in state.sentences:
            sentence.mentions = [m for m in sentence.mentions if id(m) not in intros]
    mentions = _placed_by_followup(state, mentions)
    for sentence in state.sentences:  # list intros and headlines count only where nothing else does
        kind = blocks[sentence.block].kind
        if kind == "headline" and body_has_events:
            continue
        if kind == "headline" or (
            is_list_intro(sentence) and not any(s.mentions for s in items_of.get(sentence.block, []))
        ):
            sentence.mentions = sentence_mentions(state, sentence, res)
            mentions.extend(sentence.mentions)
    state.lookups.pop(_ROUNDUP_ITEMS, None)  # ids of this pass's mentions only
    return mentions


_SETTLEMENT_WORDS_PATTERN = "|".join(r["pattern"] for r in lexicon_rows("settlement_words.tsv"))
# "Pale Township", "Batsari Local Government Area", "Beni territory": a name told as an area that holds villages
_ADMIN_AFTER = re.compile(r"\s+(?:" + word_pattern("admin_units.tsv").pattern + r")", re.IGNORECASE)
# "attacked a village in Pale Township": the event is in a village the sentence does not name
_UNNAMED_SETTLEMENT = re.compile(
    r"\b(?:an?|one|two|three|several|some)\s+(?:\w+\s+)?(?:villages?|towns?|hamlets?|settlements?|communit(?:y|ies))"
    r"\s+(?:in|of|near)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SEVERAL_SETTLEMENTS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|some|many|multiple|a number of)\s+(?:\w+\s+)?"
    r"(?:villages|towns|hamlets|settlements|communities|localities)\s+(?:in|of|near|around)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "The strikes on Nyaung Kone ...", "these attacks in X": a definite word points back to an event just told
_BACK_REFERENCE = re.compile(r"\b(?:the|these|this|that|those)\s+(?:\w+\s+)?$", re.IGNORECASE)
_OPENING_BACK_REFERENCE = re.compile(
    r"\s*(?:the|these|this|those)\s+(?:\w+\s+)?(?:" + word_pattern("back_references.tsv").pattern + ")",
    re.IGNORECASE,
)


def _placed_by_followup(state: ArticleState, mentions: list[Mention]) -> list[Mention]:
    """Place an event told at an area ("aircraft attacked a village in Pale Township") in the village a
    following sentence of the same paragraph names while pointing back to it ("The strikes on Nyaung Kone, a
    village ..."): one event per place the follow-up lists. The follow-up (in the same paragraph or opening the
    next one) gave no event of its own."""
    sentences = state.sentences
    text = state.article.text
    replaced: dict[int, list[Mention]] = {}
    for i, sentence in enumerate(sentences):
        if not sentence.mentions:
            continue
        vague = [m for m in sentence.mentions if _told_at_area(text, m)]
        if not vague:
            continue
        for later in sentences[i + 1 : i + 3]:
            opens_next = (
                later.block == sentence.block + 1 and sentences[later.index - 1].block == sentence.block
            )
            if later.block != sentence.block and not opens_next:
                break  # the same paragraph, or the first sentence of the next one
            if later.mentions:
                break
            # "struck several towns in southern Lebanon on Sunday: Houla, Khiam and Markaba": the list the colon opens
            colon_list = later.index == i + 1 and later.block == sentence.block and sentence.text.rstrip().endswith(":")
            group = _pointed_places(later, opening=colon_list)
            if group:
                when = event_date(
                    state, later, group[0].start
                )  # "The violence erupted three days ago in ..."
                for m in vague:
                    replaced[id(m)] = [_moved(state, m, hit, when) for hit in group]
                break
            # "attacked a police station in south-western Colombia on Sunday." then "troops had entered the town
            # of Carmelo, in Cauca department": the settlement inside the area the event was told at is its place
            settled = [
                (m, _settlement_inside(later, m.place, site_told=_unnamed_site(text, m)))
                for m in vague
                if is_area_place(m.place)
            ]
            if any(hit is not None for _, hit in settled):
                for m, hit in settled:
                    if hit is not None:
                        replaced[id(m)] = [_moved(state, m, hit, None)]
                break
    if not replaced:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        out.extend(replaced.get(id(m), [m]))
    for sentence in sentences:
        sentence.mentions = [n for m in sentence.mentions for n in replaced.get(id(m), [m])]
    return out


# "abducted five people from the community", "stormed the village": a settlement the article named before
_SETTLEMENT_REFERENCE = re.compile(
    r"\b(?:the|that|this) (?:same |nearby |whole |entire )?(?:" + _SETTLEMENT_WORDS_PATTERN + r")\b(?!\s+of\b)",
    re.IGNORECASE,
)
_REFERENCE_SENTENCES = 8  # how far back the settlement a "the village" points to may be named


def _settlement_referred(state: ArticleState, sentence: Sentence) -> PlaceHit | None:
    """The settlement a place-less event sentence points back to ("the gunmen also abducted five people from the
    community"): the last place named earlier in the body as a settlement ("the Nyalun community", "the village
    of X"), a few sentences back at most, or None."""
    if not _SETTLEMENT_REFERENCE.search(sentence.text):
        return None
    blocks = state.layout.blocks
    for earlier in reversed(state.sentences[max(0, sentence.index - _REFERENCE_SENTENCES) : sentence.index]):
        if blocks[earlier.block].kind == "headline":
            continue
        named = [
            h for h in earlier.places
            if not h.origin and not is_area_place(h.place) and told_as_settlement(earlier.text, earlier.start, h)
        ]  # fmt: skip
        if named:
            return named[-1]
    return None


def _settlement_inside(sentence: Sentence, area: Place | None, *, site_told: bool = False) -> PlaceHit | None:
    """The one place a sentence names as a settlement ("the town of X", "X village") inside `area` (its country,
    and its province when the area is one), or None when it names none or several. `site_told`: the event was
    told at a settlement or site the text did not name ("shook a coastal town in western Libya"), so the one place
    the follow-up puts something at ("began early on Saturday in Zawiya") names it, however it is told."""
    if area is None or area.country is None:
        return None
    found = [
        hit for hit in sentence.places
        if hit.cued and not hit.origin and not is_area_place(hit.place)
        and not (hit.place.feature_code or "").startswith("ADM") and holds(area, hit.place)
    ]  # fmt: skip
    settlements = [hit for hit in found if told_as_settlement(sentence.text, sentence.start, hit)]
    if len(settlements) == 1:
        return settlements[0]
    return found[0] if site_told and len(found) == 1 else None


# "shook a coastal town in western Libya", "tore through a Shiite mosque in the north of Afghanistan", "attacked a
# police station in south-western Colombia": an unnamed settlement or site (settlement_words.tsv, site_words.tsv,
# the facility words of not_places.tsv) in the area the event is placed at
_SITE_WORDS = "|".join(
    [r["pattern"] for r in lexicon_rows("settlement_words.tsv")]
    + [re.escape(r["word"]) for r in lexicon_rows("site_words.tsv")]
    + [re.escape(r["word"]) for r in lexicon_rows("not_places.tsv", kind="facility")]
    + ["cit(?:y|ies)", "police stations?"]
)
_UNNAMED_SITE_BEFORE = re.compile(
    r"\b(?:an?|one)\s+(?:[\w-]+\s+){0,3}?(?:" + _SITE_WORDS + r")\s+(?:in|of|near)\s+(?:the\s+)?"
    r"(?:(?:far\s+)?(?:north|south|east|west|centre|center|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
    r"\s+(?:of\s+(?:the\s+)?)?)?$",
    re.IGNORECASE,
)


def _unnamed_site(text: str, mention: Mention) -> bool:
    """Return True when the mention's place is written as the area of a settlement or site the text does not
    name there ("a coastal town in western Libya")."""
    where = mention.evidence.get("location")
    return where is not None and bool(_UNNAMED_SITE_BEFORE.search(text[max(0, where.start - 80) : where.start]))


def _told_at_area(text: str, mention: Mention) -> bool:
    """Return True when the mention has no place, or a place the text names as an area holding villages."""
    place = mention.place
    where = mention.evidence.get("location")
    if place is None or where is None:
        return place is None
    if (place.feature_code or "").startswith(("PCL", "ADM1", "RGN")) or place.geo_precision == 3:
        return True
    area = (place.feature_code or "").startswith("ADM") or bool(_ADMIN_AFTER.match(text, where.end))
    before = text[max(0, where.start - 60) : where.start]
    if _SEVERAL_SETTLEMENTS.search(before):
        return True  # "opened fire on several villages of Bokkos": the town names the area of the villages hit
    return (
        area
        and bool(  # "Pale Township" is one gazetteer name (an ADM3) or a name and its unit word
            _UNNAMED_SETTLEMENT.search(before)
        )
    )


def _pointed_places(sentence: Sentence, *, opening: bool = False) -> list[PlaceHit]:
    """The places (one coordinated list) of a sentence whose event word points back ("The strikes on X", "The
    violence erupted in ..., affecting towns including A, B and C"), or, `opening`, of the list a colon opens."""
    text = sentence.text
    back = _OPENING_BACK_REFERENCE.match(text)
    anchors = [
        h.end for h in sentence.triggers
        if _BACK_REFERENCE.search(text[max(0, h.start - sentence.start - 24) : h.start - sentence.start])
    ]  # fmt: skip
    if back:
        anchors.append(sentence.start + back.end())
    if opening:
        anchors.append(sentence.start)
    if not anchors:
        return []
    first = min(anchors)
    group: list[PlaceHit] = []
    for hit in sentence.places:
        if hit.start < first or hit.origin or not hit.cued or hit.place.geo_precision == 3:
            continue
        if (hit.place.feature_code or "").startswith(("PCL", "ADM", "RGN")):
            continue
        gap = text[group[-1].end - sentence.start : hit.start - sentence.start] if group else ""
        # a list a colon opens may set its names apart by semicolons ("Strikes hit: Khiam; Kfar Kila; Aitaroun")
        if (
            group
            and not re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", gap)
            and not (opening and re.fullmatch(r"\s*;\s*(?:and\s+)?", gap))
        ):
            break
        group.append(hit)
    return group


def _moved(state: ArticleState, mention: Mention, hit: PlaceHit, when: DateHit | None) -> Mention:
    """A copy of the mention at the follow-up's place, dated by the follow-up when the first telling had no date."""
    span = article_span(state.article, hit.start, hit.end)
    evidence = {**mention.evidence, "location": span}
    update = {"place": hit.place.model_copy(update={"span": span}), "evidence": evidence}
    if "event_date" not in mention.evidence and when is not None and when.date is not None and not when.lede:
        evidence["event_date"] = article_span(state.article, when.start, when.end)
        update.update(date=when.date, time_precision=when.time_precision, date_note=None)
    return mention.model_copy(update=update)


def sentence_mentions(state: ArticleState, sentence: Sentence, res: Resources) -> list[Mention]:
    """Return the mentions of the events the sentence's triggers report, one per candidate × place."""
    triggers = sentence.triggers
    if not triggers:  # "In Lyman a house and a garage were damaged": a roundup's item has no attack word
        candidates, told_before = _toll_events(state, sentence, res)
        return _candidate_mentions(state, sentence, candidates, told_before, res)
    first = min(triggers, key=lambda h: h.start)
    lead, _ = choose_actors(sentence.actors, trigger_start=first.start, trigger_end=first.end,
                            text=sentence.text, offset=sentence.start, sent=sentence.span)  # fmt: skip
    lead = lead or inherited_actor(state, sentence)
    candidates = detect_events(
        triggers, sentence.places, sentence_text=sentence.text, sent=sentence.span,
        sent_offset=sentence.start, actor_inter=lead.actor.inter if lead else None,
        present_is_report=state.layout.blocks[sentence.block].kind != "paragraph",
        published_year=state.article.published.year if state.article.published else None,
    )  # fmt: skip
    told_before = None
    if not candidates:
        candidates, told_before = _toll_events(state, sentence, res)
        return _candidate_mentions(state, sentence, candidates, told_before, res)
    mentions = _candidate_mentions(state, sentence, candidates, None, res)
    if any(m.actor1 is None and m.event_type == EventType.EXPLOSIONS_REMOTE_VIOLENCE for m in mentions):
        # a roundup's item with an attack word of its own and no attacker ("An enterprise was damaged in Balakliia
        # as a result of a drone attack") is by the attacker of the strikes told just before
        context = _attack_told_before(state, sentence, res)
        if (
            context is not None and context.actor1 is not None and "actor1" in context.evidence
            and context.event_type == EventType.EXPLOSIONS_REMOTE_VIOLENCE and _roundup_attack(state, context)
        ):  # fmt: skip
            mentions = [
                _with_actor_of(m, context)
                if m.actor1 is None and m.event_type == EventType.EXPLOSIONS_REMOTE_VIOLENCE else m
                for m in mentions
            ]  # fmt: skip
            state.lookups.setdefault(_ROUNDUP_ITEMS, set()).update(id(m) for m in mentions)
    return mentions


def _roundup_attack(state: ArticleState, context: Mention) -> bool:
    """Return True for a roundup's strikes told over a region ("Russian troops struck 9 settlements of Kharkiv
    region") or an item of one whose attacker the intro named, not a single strike told with its own sides."""
    place = context.place
    if place is not None and (is_area_place(place) or (place.feature_code or "").startswith("ADM")):
        return True
    return id(context) in state.lookups.get(_ROUNDUP_ITEMS, set())


def _with_actor_of(mention: Mention, context: Mention) -> Mention:
    """The mention with the attacker of the attack told before it, and the words that name that attacker."""
    evidence = {**mention.evidence, "actor1": context.evidence["actor1"]} if "actor1" in context.evidence else mention.evidence
    return mention.model_copy(update={"actor1": context.actor1, "evidence": evidence})


def _candidate_mentions(
    state: ArticleState,
    sentence: Sentence,
    candidates: list[EventCandidate],
    told_before: Mention | None,
    res: Resources,
) -> list[Mention]:
    mentions: list[Mention] = []
    placed: list[tuple[EventCandidate, PlaceHit | None]] = []
    for candidate in candidates:
        for place_hit in candidate.places or [None]:
            mention = _mention(state, sentence, candidate, place_hit, res)
            if told_before is not None and mention.actor1 is None and told_before.actor1 is not None:
                mention = _with_actor_of(mention, told_before)  # the attack's own actor
            if told_before is not None:
                state.lookups.setdefault(_ROUNDUP_ITEMS, set()).add(id(mention))
            mentions.append(mention)
            placed.append((candidate, place_hit))
    if mentions:
        _split_tolls(state, sentence, placed, mentions)
    return mentions


# "two in Tepuche and three in Costa Rica", "and one in Velyka Novosilka": a count told for the place right after it
_PLACE_COUNT_WORDS = [
    re.escape(r["word"]) for r in lexicon_rows("number_words.tsv")
    if r["word"].isalpha() and len(r["word"]) > 2 and r["word"] not in ("the", "its", "his", "her")
]  # fmt: skip
_COUNT_FOR_PLACE = re.compile(
    r"(?:^|[,:;]\s*|\band\s+)(?P<num>\d+|" + "|".join(_PLACE_COUNT_WORDS) + r")\s+"
    r"(?:(?:more|others?|people|persons|civilians|bodies)\s+)?(?:were\s+)?(?:killed\s+|found\s+)?(?:in|at)\s+"
    r"(?:the\s+(?:village|town|city|neighbou?rhood|district)\s+of\s+)?$",
    re.IGNORECASE,
)


_DATE_BEFORE_COUNT = re.compile(
    r"\b(?:on|since|at|by|" + "|".join(r["word"] for r in lexicon_rows("calendar.tsv") if r.get("kind") == "month")
    + r")\s*$",
    re.IGNORECASE,
)


def _split_tolls(
    state: ArticleState, sentence: Sentence, placed: list[tuple[EventCandidate, PlaceHit | None]], listed: list[Mention]
) -> None:
    """Split one sentence's toll over the places it lists, where the text splits it ("five people were found dead:
    two in Tepuche and three in Costa Rica"); a toll told once for a killing at several places ("12 civilians were
    killed in A, B and C") is the first place's (docs/coding.md section 4)."""
    text, offset = sentence.text, sentence.start
    # "killing two and wounding five in A": a count before a place may be of the wounded, so only a killing's
    wounded = any(c.injured is not None or c.injured_text for c in sentence.casualties)
    killing = any(h.rule.role in ("lethal", "shooting") and h.text.lower() != "injured" for h in sentence.triggers)
    own: list[int | None] = []
    for _, hit in placed:
        before = text[: hit.start - offset] if hit and killing and not wounded else ""
        m = _COUNT_FOR_PLACE.search(before)
        dated = m is not None and _DATE_BEFORE_COUNT.search(before[: m.start()])  # "on May 5 in Khiam"
        own.append(parse_number(m.group("num")) if m and not dated else None)
    if any(n is not None for n in own):
        for mention, number, (_, hit) in zip(listed, own, placed, strict=True):
            if number is not None and hit is not None:
                span = article_span(state.article, hit.start, hit.end)
                mention.casualties = [Casualties(killed=number, claim=mention.claim, span=span)]
            elif mention is not listed[0]:
                mention.casualties = []
    elif all(candidate.split_toll for candidate, _ in placed):
        for mention in listed[1:]:
            mention.casualties = []


_RUNNING_TOLL = word_pattern("running_tolls.tsv")  # data/lexicons/en/running_tolls.tsv
_VIOLENT = {EventType.BATTLES, EventType.EXPLOSIONS_REMOTE_VIOLENCE, EventType.VIOLENCE_AGAINST_CIVILIANS}
_TOLL_WORDS = ("killed", "wounded", "injured")  # the lethal trigger words (triggers.tsv) that state a toll
_TOLL_CONTEXT_SENTENCES = 3  # how far back (this paragraph or the one before) the attack a toll belongs to is told


def _toll_events(
    state: ArticleState, sentence: Sentence, res: Resources
) -> tuple[list[EventCandidate], Mention | None]:
    """ "Two people were killed in the village of Lastochkyne and one in Velyka Novosilka", "a 12-year-old was
    wounded in Mae Kone village", "In Lyman a house and a garage were damaged": a toll or damage at a settlement
    right after an attack is told, with no attack word of its own, is that kind of attack at each place it names;
    returned with the mention of the attack told before. A day's roundup chains: each item's event is the context
    of the next, across district sub-heads ("Pokrovsk district:"), until a sentence of another topic.
    Returns no candidate when the sentence names no toll or damage, no settlement, or no violent event was told
    in the sentences just before."""
    tolls = [h for h in sentence.triggers if h.rule.role == "lethal" and h.text.lower() in _TOLL_WORDS]
    damage = None if tolls else _DAMAGE.search(sentence.text)
    if (not tolls and damage is None) or sentence.span is None:
        return [], None
    if DURATIVE.search(sentence.text) or _RUNNING_TOLL.search(sentence.text):
        return [], None  # "Israel has since killed more than 20,000 Palestinians in Gaza": a running toll
    if state.layout.blocks[sentence.block].kind == "headline":
        return [], None
    context = _attack_told_before(state, sentence, res)
    text, offset = sentence.text, sentence.start
    if context is None:
        return _killings_told(state, sentence, tolls), None
    settled = [
        h for h in sentence.places
        if (h.cued or _labels_item(text, offset, h)) and not is_area_place(h.place) and not (h.place.feature_code or "").startswith("ADM")
        and (not h.origin or told_as_settlement(text, offset, h))  # "a mother of two from Mi Pha Yar village"
        and not (_ADMIN_END.search(h.text) and _LABEL_AFTER.match(text, h.end - offset))  # "Kramatorsk district:"
        and not _ADMIN_LABEL_AFTER.match(text, h.end - offset)
    ]  # fmt: skip
    if damage is not None:  # not "cutting electricity to X"; "damaged in Orikhiv and Stepnohirsk": the list goes on
        settled = _damaged_at(settled, text, offset)
    if not settled:
        return [], None
    if tolls:
        anchors = list(tolls)
    else:
        start = offset + damage.start()
        rule = TriggerRule(context.event_type, context.sub_event_type, context.weapon, "lethal", 1)
        anchors = [TriggerHit(start, offset + damage.end(), damage.group(0), rule)]
    where = context.evidence.get("location")
    if (
        context.place is None or is_area_place(context.place) or (context.place.feature_code or "").startswith("ADM")
        or (where is not None and _ADMIN_AFTER.match(state.article.text, where.end))  # "Zaporizhzhia region"
    ):
        # the intro told at its region ("struck settlements in Donetsk region"): the items are its events
        state.lookups.setdefault(_ROUNDUP_INTROS, set()).add(id(context))
    sub_event_type, weapon = context.sub_event_type, context.weapon
    told = context.evidence.get("trigger")
    if sub_event_type == SubEventType.AIR_DRONE_STRIKE and told is not None and bare_strike(
        told.text, _sentence_at(state, told.start).text
    ):  # "Russian troops struck settlements ...": a roundup's fire is shelling unless it names aircraft
        sub_event_type, weapon = SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK, "artillery/missile"
    groups = place_groups(settled, text, offset)
    return [
        EventCandidate(context.event_type, sub_event_type, anchors, weapon, places=group,
                       confidence=0.45)
        for group in groups
    ], context  # fmt: skip


_SPAN_OF_DAYS = re.compile(r"\bbetween\s+(?:\w+\s+)?\d{1,2}(?:\s+\w+)?\s+and\s+\d{1,2}\b|\b(?:alone|so far|in total)\b", re.I)
# "killed on Sunday in the village of", "killed overnight at": what may come between the toll and its place
_KILLED_AT = re.compile(
    r"(?:\s+(?:on|early on|late on|overnight on)\s+[\w,. ]{1,30}?|\s+overnight|\s+last night)?\s+(?:in|at)\s+"
    r"(?:the\s+)?(?:(?:village|town|city|district|neighbou?rhood|community|hamlet)s?\s+of\s+)?",
    re.IGNORECASE,
)

# between "killed in" and the first place known: nothing, or a name the gazetteer lacks and the next item ("killed in
# the village of Lastochkyne and one in Velyka Novosilka"), not other words ("killed in Israeli operations across")
_UP_TO_PLACE = re.compile(r"(?:[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)*\s*(?:,|and|,\s*and)\s+(?:\w+\s+)?(?:in|at)\s+)?")


def _killings_told(state: ArticleState, sentence: Sentence, tolls: list[TriggerHit]) -> list[EventCandidate]:
    """ "At least 12 civilians were killed on Sunday in Kouri, Mansila and Seytenga", "two people were killed in
    Lastochkyne and one in Velyka Novosilka": a killing told as a toll at named settlements, with no attack told
    before, is one event per settlement (detect.told_killing types it). Not for background or a hedged future."""
    if not tolls or sentence.span is None or any(h.rule.role != "lethal" for h in sentence.triggers):
        return []  # "killed in Israeli operations across Gaza": an attack word of its own is typed by detect
    if not sentence.dates:
        return []  # a toll the text does not date ("the ministry's weekly report: two people were killed in X")
    if any(c.cumulative for c in sentence.casualties) or _SPAN_OF_DAYS.search(sentence.text):
        return []  # "at least 53 civilians were killed in El-Fasher between October 5 and 8": a running count
    published = state.article.published
    live = [
        h for h in tolls
        if not is_irrealis(sentence.span, h, sentence.start)
        and not is_background(sentence.span, h, sentence.start, published_year=published.year if published else None)
    ]  # fmt: skip
    candidate = told_killing(live, sentence.text, offset=sentence.start)
    if candidate is None:
        return []
    text, offset = sentence.text, sentence.start
    settled = [
        h for h in sentence.places
        if h.cued and not h.origin and not is_area_place(h.place)
        and not (h.place.feature_code or "").startswith(("ADM", "PCL"))
    ]  # fmt: skip
    told = _KILLED_AT.match(text, candidate.triggers[0].end - offset)
    if not settled or told is None or not _UP_TO_PLACE.fullmatch(text[told.end() : settled[0].start - offset]):
        return []  # "killed (on Sunday) in A", "killed in A and one in B": the toll is told at the places named
    groups = place_groups(settled, text, offset)
    return [
        EventCandidate(candidate.event_type, candidate.sub_event_type, candidate.triggers, None, places=group,
                       confidence=candidate.confidence, split_toll=True)
        for group in groups
    ]  # fmt: skip


_DAMAGE = word_pattern("damage_words.tsv")  # data/lexicons/en/damage_words.tsv
# the damaged place opens the item or follows "in"/"at"/"near": "In Lyman a house ...", "Dobropillia: 8 houses ..."
_DAMAGE_AT = re.compile(r"(?:^\s*|\b(?:in|at|near|of)\s+(?:the\s+)?(?:\w+\s+)?)$", re.IGNORECASE)
_ADMIN_END = re.compile(r"\s(?:" + word_pattern("admin_units.tsv").pattern + r")$", re.IGNORECASE)
_LABEL_AFTER = re.compile(r"\s*:")
_ITEM_LABEL_AFTER = re.compile(r"\s*(?::|[–—]|-\s)")
_ADMIN_LABEL_AFTER = re.compile(r"\s+(?:" + word_pattern("admin_units.tsv").pattern + r")\s*:", re.IGNORECASE)
_ROUNDUP_INTROS = "roundup_intros"  # state.lookups key: ids of region-level mentions whose items were told
_ROUNDUP_ITEMS = "roundup_items"  # state.lookups key: ids of item mentions that took the attack told before them
_SUBHEAD_WORDS = 6  # "Pokrovsk district:", "Kramatorsk district": a roundup's sub-head is short and has no event
_SUBHEAD_BARE_WORDS = 3  # "Bakhmut district.": a sub-head may end with a full stop when it is this short


_LIST_GAP = re.compile(r"\s*(?:,|and|,\s*and|as well as)\s*", re.IGNORECASE)


def _damaged_at(places: list[PlaceHit], text: str, offset: int) -> list[PlaceHit]:
    """The places a damage item puts the damage at: after "in"/"at" or opening the item, and the names listed
    right after such a place ("Private houses were damaged in Orikhiv and Stepnohirsk")."""
    kept: list[PlaceHit] = []
    for hit in places:
        listed = bool(kept) and _LIST_GAP.fullmatch(text[kept[-1].end - offset : hit.start - offset]) is not None
        if listed or _DAMAGE_AT.search(text[: hit.start - offset]):
            kept.append(hit)
    return kept


def _labels_item(text: str, offset: int, hit: PlaceHit) -> bool:
    """ "Balakliia — a warehouse and 2 cars damaged": a name opening a roundup's item as its label."""
    return not text[: hit.start - offset].strip(" -–—•*") and bool(_ITEM_LABEL_AFTER.match(text, hit.end - offset))


def _sentence_at(state: ArticleState, start: int) -> Sentence:
    """The sentence holding an offset (found by bisection: sentences are in text order and disjoint)."""
    sentence = state.sentences[bisect.bisect_right(state.sentences, start, key=lambda s: s.start) - 1]
    if not sentence.start <= start < sentence.end:
        raise ValueError(f"no sentence holds offset {start}")
    return sentence


def _is_subhead(sentence: Sentence) -> bool:
    """ "Pokrovsk district:", "Kramatorsk district.", "Nikopol district": a short line with no event word."""
    text = sentence.text.strip()
    words = len(text.split())
    headed = text.endswith(":") or not text.endswith((".", "!", "?")) or words <= _SUBHEAD_BARE_WORDS
    return not sentence.triggers and headed and words <= _SUBHEAD_WORDS


def _attack_told_before(state: ArticleState, sentence: Sentence, res: Resources) -> Mention | None:
    """The violent event told in the sentences just before (this paragraph or the one before, sub-heads not
    counted), or None when another topic comes between. A list's intro ("Russian troops struck settlements in
    Donetsk region:"), told only after its items, is read here for them."""
    blocks = state.layout.blocks
    passed = 0
    subheads: set[int] = set()
    unnamed: Mention | None = None
    for earlier in (state.sentences[k] for k in range(sentence.index - 1, -1, -1)):
        if blocks[earlier.block].kind == "headline":
            break
        if _is_subhead(earlier):
            subheads.add(earlier.block)
            continue
        if sentence.block - earlier.block > 1 + len(subheads):
            break
        told = earlier.mentions
        if not told and earlier.block in state.intro_blocks and state.by_block[earlier.block][-1] is earlier:
            told = sentence_mentions(state, earlier, res)
        violent = next((m for m in told if m.event_type in _VIOLENT), None)
        if violent is not None and "actor1" in violent.evidence:
            return violent
        # "The enemy targeted residential areas of settlements": a telling whose attacker the text does not name
        # goes on about the attack told before it, whose attacker and weapon the items take
        unnamed = unnamed or violent
        passed += 1
        if passed >= _TOLL_CONTEXT_SENTENCES:
            break
    return unnamed


def _mention(
    state: ArticleState,
    sentence: Sentence,
    candidate: EventCandidate,
    place_hit: PlaceHit | None,
    res: Resources,
) -> Mention:
    article = state.article
    anchor = candidate.anchor
    evidence: dict[str, Span] = {"trigger": article_span(article, anchor.start, anchor.end)}
    block = state.layout.blocks[sentence.block]
    # place: the clause, then a list item's "Place:" label, then the intro / paragraph / headline
    place = place_hit.place if place_hit else None
    if place_hit is None:
        place_hit = _settlement_referred(state, sentence) or inherited_place(state, sentence, block)
        place = place_hit.place if place_hit else None
    if place_hit is not None:
        evidence["location"] = article_span(article, place_hit.start, place_hit.end)
        place = place.model_copy(update={"span": evidence["location"]})
    # actors
    actor1_hit, actor2_hit = choose_actors(sentence.actors, trigger_start=anchor.start, trigger_end=anchor.end,
                                           text=sentence.text, offset=sentence.start, sent=sentence.span,
                                           speakers_act=candidate.event_type == EventType.BATTLES and anchor.rule.role != "generic")  # fmt: skip
    if actor1_hit is None:
        actor1_hit = bare_forces(state, sentence, anchor.start, place_hit.place if place_hit else None, res)
    if actor1_hit is None:
        actor1_hit = state_subject(state, sentence, anchor.start, res)
    if (
        actor1_hit is None
    ):  # "the group stormed ...", "the militants attacked ...": the non-state group named before
        actor1_hit = anaphor_subject(state, sentence, anchor.start, kinds=("group",))
    if actor1_hit is None and sentence.span is not None and speaker_acts(sentence.span):
        # "The group also said it had targeted ...": the speaker acts, named before the pronoun that speaks
        speaker = speaker_party(state, sentence, res)
        if speaker is not None and speaker.span is not None:
            actor1_hit = ActorHit(speaker.span.start, speaker.span.end, speaker)
    if actor1_hit is None:
        actor1_hit = inherited_actor(state, sentence)
        if actor1_hit is None:  # "they fired ...", "its fighters attacked ...": the party named before
            actor1_hit = anaphor_subject(state, sentence, anchor.start, kinds=("party",))
        if (
            actor2_hit is not None
            and actor1_hit is not None
            and actor2_hit.actor.name == actor1_hit.actor.name
        ):
            actor2_hit = None
    actor1 = actor1_hit.actor if actor1_hit else None
    actor2 = actor2_hit.actor if actor2_hit else None
    country = event_country(state, place, sentence, res)
    actor1, actor2 = territory_sides(
        state, candidate, actor1, actor2, sentence, country, res, actor1_at=actor1_hit.start if actor1_hit else None
    )
    actor1, actor2 = default_sides(
        candidate, actor1, actor2, place, sentence, res, article.published, country=country
    )
    if (
        candidate.event_type == EventType.BATTLES
        and actor1 is None
        and actor2 is not None
        and actor2.inter != 7  # civilians are never a side of a battle (sides.default_sides)
        and not speaker_is(state, sentence, actor2, res)
    ):
        # "clashes with the Taliban": the one side named acts. Not when that side speaks of its own losses
        # ("the army admitted one of its soldiers was killed in the fighting"): it was hit, not the attacker.
        actor1, actor2 = actor2, None
    stated_actor2 = actor2  # the stance is decided on what the text says, not on the other side inferred here
    if candidate.event_type == EventType.BATTLES and actor1 is not None and actor2 is None:
        actor2 = adversary(state, actor1, place)
        if actor2 is not None and country:  # "gangs" named elsewhere in the article: the event country's
            actor2 = res.actors.for_country(actor2, country)
    if actor1 is not None and actor1.span is not None:
        evidence["actor1"] = actor1.span
    if actor2 is not None and actor2.span is not None:
        evidence["actor2"] = actor2.span
    # date
    date_hit = event_date(state, sentence, anchor.start)
    if date_hit is not None and date_hit.date is not None and date_hit.lede:
        date, precision = date_hit.date, date_hit.time_precision
        date_note = "no date in its paragraph; the day the report opens with is used"
    elif date_hit is not None and date_hit.date is not None:
        date, precision, date_note = date_hit.date, date_hit.time_precision, None
        evidence["event_date"] = article_span(article, date_hit.start, date_hit.end)
    elif article.published is not None:
        date, precision = article.published, 1
        date_note = "no date in the text; the publication date is used"
    else:
        date, precision = None, None
        date_note = "no publication date and no date in the text"
    # claim
    claim = event_claim(state, sentence, res, actor1, stated_actor2, place)
    if claim.span is not None:
        evidence["claimant"] = claim.span
    if (
        actor1 is None
        and claim.stance == "claimed"
        and claim.claimant
        and (claim.cue or "").lower().startswith("claim")
    ):
        # "The Houthis claimed responsibility for a missile attack on Eilat": who claims it, did it
        party = res.claimants.name(claim.claimant, voice=state.voice, on=article.published).party
        if party is not None and (actor2 is None or party_name(party) != party_name(actor2)):
            actor1 = party.model_copy(update={"span": claim.span})
            if claim.span is not None:
                evidence["actor1"] = claim.span
    if actor1 is None:  # "an attack claimed by JNIM, security sources said": who claims it, did it
        claimer = responsible_party(state, sentence, res)
        if claimer is not None and (actor2 is None or party_name(claimer) != party_name(actor2)):
            actor1 = claimer
            if claimer.span is not None:
                evidence["actor1"] = claimer.span
    casualties = [casualties_of(article, hit, claim) for hit in sentence.casualties if not hit.cumulative]
    for hit in sentence.casualties:
        if not hit.cumulative and (hit.killed is not None or hit.injured is not None):
            evidence.setdefault(
                "fatalities" if hit.killed is not None else "injuries",
                article_span(article, hit.start, hit.end),
            )
    typed = retype(
        Typed(candidate.event_type, candidate.sub_event_type, candidate.weapon),
        TypingFacts(state, sentence, anchor, actor1, place),
    )
    return Mention(
        article_id=article.id,
        event_type=typed.event_type,
        sub_event_type=typed.sub_event_type,
        trigger=anchor.text,
        actor1=actor1,
        actor2=actor2,
        target=target_words(sentence.text, anchor.end - sentence.start),
        weapon=typed.weapon,
        place=place,
        date=date,
        time_precision=precision,
        date_note=date_note,
        casualties=casualties,
        claim=claim,
        loaded_terms=list(sentence.loaded),
        source=state.source,
        evidence=evidence,
        confidence=round(candidate.confidence * (1.0 if place else 0.8) * (1.0 if actor1 else 0.9), 2),
    )
