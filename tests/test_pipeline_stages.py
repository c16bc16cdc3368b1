"""The pipeline runs English rules on English articles only (others get a clear message), and every mention
says which stage versions made it, in memory and in a store."""

from __future__ import annotations

import pytest

from eventwire.errors import InputError
from eventwire.model import Article

FRENCH = "Des frappes aériennes ont touché Khiam mardi, a indiqué l'agence nationale."
ENGLISH = "Israeli drones struck a house in Khiam on Tuesday, the National News Agency said."


def test_non_english_article_is_refused_with_its_language(pipeline):
    article = Article.from_text(FRENCH, language="fr", url="https://example.org/fr/1")
    with pytest.raises(InputError, match=r"https://example.org/fr/1 is in language 'fr'.*rules for en only"):
        pipeline.extract(article)


def test_non_english_article_does_not_stop_a_batch(pipeline):
    results = list(
        pipeline.extract_articles(
            [Article.from_text(FRENCH, language="fr"), Article.from_text(ENGLISH, language="en-GB")]
        )
    )
    assert results[0].status == "unreadable" and "'fr'" in (results[0].reason or "")
    assert results[1].status == "ok" and results[1].mentions[0].place.name == "Khiam"


def test_every_mention_names_the_stage_versions_that_made_it(pipeline):
    from eventwire.pipeline import STAGE_VERSIONS

    mentions = pipeline.extract(ENGLISH)
    assert mentions and all(m.stages == list(STAGE_VERSIONS) for m in mentions)
    assert "detect.v4" in STAGE_VERSIONS and "recognise.v3" in STAGE_VERSIONS


def test_a_store_keeps_the_stage_versions_of_each_mention(pipeline, tmp_path):
    from eventwire.store import open_store

    result = pipeline.extract_article(Article.from_text(ENGLISH))
    store = open_store(tmp_path / "events.db")
    try:
        store.add_article_result(result)
        stored = list(store.mentions())
    finally:
        store.close()
    assert stored and all(m.stages == result.mentions[0].stages for m in stored)
