"""Notes are neutral: no loaded term of either side, and a party's claim is always attributed."""

from __future__ import annotations

from corpus import fixture_articles
from eventwire.ingest.text import read_text
from eventwire.nlp.loaded import LoadedLexicon


def test_no_note_from_the_fixture_corpus_carries_a_loaded_term(pipeline):
    lexicon = LoadedLexicon.load()
    hits = []
    for path in fixture_articles():
        for mention in pipeline.extract_article(read_text(path.read_bytes(), name=path.name)).mentions:
            hits.extend(
                (path.name, term, mention.notes) for _, _, term, _, _ in lexicon.find(mention.notes or "")
            )
    assert hits == []


def test_a_claimed_event_is_never_written_as_fact(pipeline):
    for path in fixture_articles():
        for mention in pipeline.extract_article(read_text(path.read_bytes(), name=path.name)).mentions:
            if mention.claim.stance in ("claimed", "acknowledged", "denied"):
                assert mention.claim.claimant and mention.claim.claimant in mention.notes, mention.notes
            assert mention.notes and ("According to" in mention.notes or mention.claim.stance != "reported")


def test_disorder_type_follows_acled_for_riots():
    from eventwire.normalise import disorder_type

    assert disorder_type("Riots", "Mob violence") == "Political violence"
    assert disorder_type("Riots", "Violent demonstration") == "Demonstrations"
    assert disorder_type("Battles", "Armed clash") == "Political violence"
