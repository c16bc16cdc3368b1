"""Loaded-term flagging: both sides' vocabularies found, neutral renderings given, neutral prose left alone."""

import pytest

from eventwire.nlp.loaded import LoadedLexicon


@pytest.fixture(scope="module")
def lex() -> LoadedLexicon:
    return LoadedLexicon.load()


def terms(lex, text):
    return [(term, side, neutral) for _, _, term, side, neutral in lex.find(text)]


def test_hezbollah_statement(lex):
    text = (
        "In support of our steadfast Palestinian people, the mujahideen of the Islamic Resistance targeted "
        "the Zionist enemy's soldiers in the Zionist settlement of Metula. Two fighters were martyred on the "
        "road to Jerusalem."
    )
    found = terms(lex, text)
    assert ("the Zionist enemy", "axis", "Israeli forces") in found
    assert ("Zionist settlement", "axis", "Israeli community") in found
    assert ("were martyred", "axis", "were killed") in found
    assert ("mujahideen", "axis", "fighters") in found
    assert lex.voice_of(text) == "hezbollah"


def test_israeli_military_statement(lex):
    text = (
        "IDF fighter jets struck Hezbollah terror targets and terror infrastructure in southern Lebanon in "
        "precise strikes, and eliminated a Hamas-ISIS terror cell in Judea and Samaria."
    )
    found = terms(lex, text)
    assert ("terror targets", "israel", "targets") in found
    assert ("terror infrastructure", "israel", "facilities") in found
    assert ("precise strikes", "israel", "strikes") in found
    assert ("eliminated", "generic", "killed") in found
    assert ("Judea and Samaria", "israel", "West Bank") in found
    assert any(t == "Hamas-ISIS" for t, _, _ in found)
    assert lex.voice_of(text) == "israel"


def test_russian_and_ukrainian_framing(lex):
    ru = "In the course of the special military operation, units liberated the settlement from Kiev regime neo-Nazis."
    ua = "Ukrainian defenders destroyed a column of ruscists; the Russian occupiers retreated from the aggressor state."
    assert ("special military operation", "russia", "war") in terms(lex, ru)
    assert ("liberated", "generic", "captured") in terms(lex, ru)
    assert ("neo-Nazis", "russia", "Ukrainian forces") in terms(lex, ru)
    assert lex.voice_of(ru) == "russia"
    assert ("ruscists", "ukraine", "Russian forces") in terms(lex, ua)
    assert ("Russian occupiers", "ukraine", "Russian forces") in terms(lex, ua)
    assert lex.voice_of(ua) == "ukraine"


def test_hamas_and_houthi_specific_terms(lex):
    assert (
        lex.voice_of("Al-Qassam mujahideen clashed with the Zionist occupation army in Khan Younis.")
        == "hamas"
    )
    houthi = "The Yemeni armed forces targeted a ship in response to the American-British aggression."
    assert lex.voice_of(houthi) == "houthi"


def test_contested_terms_are_flagged_with_strength(lex):
    ((_, _, entry),) = lex.entries("Officials called it a massacre.")
    assert (entry.term, entry.strength, entry.side) == ("massacre", "contested", "generic")


def test_neutral_wire_copy_has_no_hits(lex):
    text = (
        "An Israeli strike on a house in the town of Aitaroun killed three people, Lebanon's health ministry "
        "said. Settlements in the occupied West Bank are considered illegal under international law. "
        "The Palestine Liberation Organization met in Ramallah. Israel's military said it intercepted a drone. "
        "The terrorism trial resumed; a brave-faced official declined to comment on the heroism award."
    )
    assert lex.find(text) == []
    assert lex.voice_of(text) is None


def test_word_boundaries_and_offsets(lex):
    text = "Martyrdoms? No: \u201cmartyr\u201d and Nazism and SMOs are not the terms; the SMO is."
    found = lex.find(text)
    assert [(text[s:e], t) for s, e, t, _, _ in found] == [("martyr", "martyr"), ("SMO", "SMO")]


def test_mixed_voices_give_no_voice(lex):
    text = "Israel said it hit terror targets; Hezbollah said it struck the Zionist enemy."
    assert lex.voice_of(text) is None


def test_lexicon_covers_both_sides(lex):
    assert len(lex) >= 80
    for term, side in [
        ("Zionist entity", "axis"),
        ("terror tunnels", "israel"),
        ("Kyiv regime", "russia"),
        ("orcs", "ukraine"),
        ("Zionist regime", "axis:iran"),
        ("cowardly", "generic"),
    ]:
        ((_, _, _, found, _),) = lex.find(term)
        assert found == side, term
