"""Cross-source merge: one event told by several articles becomes one Event, whatever the order."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.merge import conservative_fatalities, mention_id, merge_mentions, same_event
from eventwire.model import ACLED_COLUMNS, Actor, Article, Casualties, Claim, Mention, Place

DAY = dt.date(2024, 10, 1)
ISRAEL = Actor(name="Military Forces of Israel (2022-)", inter=1)
HEZBOLLAH = Actor(name="Hezbollah", inter=2)


def article(publisher: str, text: str = "") -> Article:
    return Article.from_text(text or f"Report by {publisher}.", publisher=publisher, url=f"https://{publisher}.example/1",
                             published=DAY)  # fmt: skip


def mention(
    source: Article,
    *,
    date: dt.date = DAY,
    time_precision: int = 1,
    lat: float = 33.33,
    lon: float = 35.61,
    geo_precision: int = 1,
    sub_event_type: str = "Air/drone strike",
    event_type: str = "Explosions/Remote violence",
    actor1: Actor | None = ISRAEL,
    actor2: Actor | None = None,
    killed: int | None = None,
    claim: Claim | None = None,
) -> Mention:
    return Mention(
        article_id=source.id, event_type=event_type, sub_event_type=sub_event_type, actor1=actor1, actor2=actor2,
        place=Place(name="Khiam", lat=lat, lon=lon, country_code="LB", country="Lebanon", geo_precision=geo_precision),
        date=date, time_precision=time_precision,
        casualties=[Casualties(killed=killed, claim=claim)] if killed is not None else [],
        claim=claim or Claim(),
    )  # fmt: skip


def by_id(*articles: Article) -> dict[str, Article]:
    return {a.id: a for a in articles}


def test_two_articles_one_event_make_one_event_with_two_sources():
    reuters, manar = article("Reuters"), article("Al-Manar")
    events = merge_mentions([mention(reuters), mention(manar, lat=33.331)], articles=by_id(reuters, manar))
    (event,) = events
    assert len(event.mentions) == 2
    assert event.sources == sorted([reuters.url, manar.url])
    assert event.acled["source"] == "Al-Manar; Reuters"
    assert event.acled["event_id_cnty"] == event.event_id
    assert set(ACLED_COLUMNS) <= set(event.acled)


def test_reports_that_differ_are_separate_events():
    a, b = article("Reuters"), article("NNA")
    base = mention(a)
    for other in (
        mention(b, date=DAY + dt.timedelta(days=1)),  # the next day: ACLED codes a new event
        mention(b, lat=33.40),  # 8 km away
        mention(b, actor1=HEZBOLLAH),  # another attacker
        mention(b, sub_event_type="Armed clash", event_type="Battles"),
    ):
        assert len(merge_mentions([base, other])) == 2


def test_tolerances_follow_precision():
    a, b = article("Reuters"), article("NNA")
    # "last week" (precision 2) agrees with an exact day within seven days; a region with a village within 50 km.
    assert (
        len(merge_mentions([mention(a), mention(b, date=DAY + dt.timedelta(days=5), time_precision=2)])) == 1
    )
    assert len(merge_mentions([mention(a), mention(b, lat=33.6, geo_precision=3)])) == 1
    assert len(merge_mentions([mention(a), mention(b, lat=33.6)])) == 2


def test_one_side_calls_it_an_air_strike_the_other_shelling_and_roles_swap():
    a, b = article("Times of Israel"), article("Al-Manar")
    told_by_israel = mention(a, actor1=ISRAEL, actor2=HEZBOLLAH)
    told_by_hezbollah = mention(
        b, sub_event_type="Shelling/artillery/missile attack", actor1=HEZBOLLAH, actor2=ISRAEL
    )
    assert len(merge_mentions([told_by_israel, told_by_hezbollah])) == 1


def test_corroboration_levels():
    reuters, manar, nna, toi = (
        article("Reuters"),
        article("Al-Manar"),
        article("NNA"),
        article("Times of Israel"),
    )
    known = by_id(reuters, manar, nna, toi)

    def level(*sources: Article) -> str:
        (event,) = merge_mentions([mention(s) for s in sources], articles=known)
        return event.corroboration

    assert level(manar) == "single source"
    assert level(manar, nna) == "several sources of one side"
    assert level(manar, toi) == "confirmed by the other side"
    assert level(manar, reuters) == "independent"


def test_a_wire_relaying_a_party_claim_is_not_independent():
    reuters, manar = article("Reuters"), article("Al-Manar")
    relayed = mention(reuters, claim=Claim(claimant="Hezbollah", stance="claimed"))
    (event,) = merge_mentions([relayed, mention(manar)], articles=by_id(reuters, manar))
    assert event.corroboration == "several sources of one side"


def test_fatalities_are_the_most_conservative_credible_count():
    a, b, c = article("Reuters"), article("Al-Manar"), article("Times of Israel")
    (event,) = merge_mentions([mention(a, killed=3), mention(b, killed=5), mention(c)])
    assert event.fatalities == 3 and event.acled["fatalities"] == 3
    denied = Claim(claimant="Israeli army", stance="denied")
    hedged = Claim(stance="reported", hedged=True)
    assert conservative_fatalities([mention(a, killed=5), mention(b, killed=0, claim=denied)]) == 5
    assert conservative_fatalities([mention(a, killed=5), mention(b, killed=2, claim=hedged)]) == 5
    assert conservative_fatalities([mention(b, killed=2, claim=hedged)]) == 2
    assert conservative_fatalities([mention(a)]) == 0


def test_undated_or_unplaced_reports_stay_alone():
    a, b = article("Reuters"), article("NNA")
    undated = mention(a).model_copy(update={"date": None})
    assert len(merge_mentions([undated, undated.model_copy(update={"article_id": b.id})])) == 2


def test_identical_mentions_count_once():
    a = article("Reuters")
    assert len(merge_mentions([mention(a), mention(a)])[0].mentions) == 1


SOURCES = [article(p) for p in ("Reuters", "Al-Manar", "NNA", "Times of Israel", "AFP", "TASS")]
MENTIONS = [
    mention(SOURCES[0], killed=2),
    mention(SOURCES[1], killed=4, lat=33.335),
    mention(SOURCES[2], lat=33.3395),  # 1 km from both: the same strike
    mention(SOURCES[3], date=DAY + dt.timedelta(days=1)),
    mention(SOURCES[4], date=DAY + dt.timedelta(days=1), lat=33.331),
    mention(SOURCES[5], sub_event_type="Armed clash", event_type="Battles", actor2=HEZBOLLAH),
]


@settings(max_examples=40, deadline=None)
@given(st.permutations(MENTIONS))
def test_merge_does_not_depend_on_order(order):
    expected = merge_mentions(MENTIONS, articles=by_id(*SOURCES))
    assert merge_mentions(order, articles=by_id(*SOURCES)) == expected
    assert sorted(len(e.mentions) for e in expected) == [1, 2, 3]


def test_voices_of_state_organs_take_their_country_side():
    manar, toi = article("Al-Manar"), article("Unknown Outlet")
    israeli_army = Claim(claimant="Military Forces of Israel (2022-)", stance="acknowledged")
    (event,) = merge_mentions([mention(manar), mention(toi, claim=israeli_army)], articles=by_id(manar, toi))
    assert event.corroboration == "confirmed by the other side"
    ministry = Claim(claimant="the Lebanese health ministry", stance="reported")
    (event,) = merge_mentions([mention(manar), mention(toi, claim=ministry)], articles=by_id(manar, toi))
    assert event.corroboration == "several sources of one side"


# Places where an index by latitude band and longitude can miss neighbours: the antimeridian, high
# latitudes (a degree of longitude shrinks), near a pole, and an ordinary one.
CENTRES = [(33.3, 35.6), (-5.0, 179.95), (64.0, -179.9), (71.0, 20.0), (88.5, 0.0)]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(CENTRES),
            st.floats(-0.8, 0.8),
            st.floats(-1.5, 1.5),
            st.integers(0, 2),
            st.integers(1, 3),
            st.integers(1, 3),
        ),  # fmt: skip
        min_size=2,
        max_size=40,
    )
)
def test_merge_finds_every_pair_a_full_comparison_finds(points):
    source = article("Reuters")
    mentions = []
    for n, ((lat, lon), dlat, dlon, days, time_precision, geo_precision) in enumerate(points):
        lon = (lon + dlon + 180.0) % 360.0 - 180.0
        m = mention(source, lat=max(-90.0, min(90.0, lat + dlat)), lon=lon, date=DAY + dt.timedelta(days=days),
                    time_precision=time_precision, geo_precision=geo_precision)  # fmt: skip
        # A name of its own, so only coordinates can bring two reports together.
        mentions.append(m.model_copy(update={"place": m.place.model_copy(update={"name": f"Place {n}"})}))
    ids = {mention_id(m): m for m in mentions}
    keys = sorted(ids)
    parent = {k: k for k in keys}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    for a in keys:  # every pair
        for b in keys:
            if a < b and same_event(ids[a], ids[b]):
                parent[max(root(a), root(b))] = min(root(a), root(b))
    expected = {frozenset(k for k in keys if root(k) == r) for r in {root(k) for k in keys}}
    merged = {frozenset(mention_id(m) for m in e.mentions) for e in merge_mentions(mentions)}
    assert merged == expected


def test_the_other_sides_acknowledgement_inside_one_article_confirms_the_event():
    wire = article("Reuters")
    told = mention(
        wire,
        actor1=HEZBOLLAH,
        actor2=ISRAEL,
        claim=Claim(claimant=ISRAEL.name, stance="acknowledged"),
    ).model_copy(
        update={"other_claims": [Claim(claimant="Hezbollah", stance="claimed")], "corroborated": True}
    )
    (event,) = merge_mentions([told], articles=by_id(wire))
    assert event.corroboration == "confirmed by the other side"
    assert event.acled["corroboration"] == "confirmed by the other side"
    lone = mention(wire, claim=Claim(claimant=ISRAEL.name, stance="claimed"))
    (event,) = merge_mentions([lone], articles=by_id(wire))
    assert event.corroboration == "single source"
