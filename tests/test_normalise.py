"""The ACLED row of a mention reads the actor lexicon of the Resources that extracted it (issue 12: one Resources
object passed explicitly), so a data folder's countries.tsv reaches the exported row."""

from __future__ import annotations

from eventwire.model import Article
from eventwire.normalise import mention_to_row
from eventwire.pipeline import Pipeline
from eventwire.resources import read_data_text

STRIKE = (
    "An Israeli drone struck a car near Khiam on Tuesday, killing two people, Lebanon's health ministry said."
)


def test_the_row_takes_region_and_iso_from_the_pipelines_own_country_table(tmp_path):
    rows = read_data_text("countries.tsv").splitlines()
    (tmp_path / "countries.tsv").write_text(
        "\n".join(r.replace("\t422\tMiddle East\t", "\t422\tWestern Asia\t") if r.startswith("Lebanon\t") else r
                  for r in rows) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    folder_pipeline = Pipeline.load(tmp_path)
    article = Article.from_text(STRIKE)
    (mention,) = [m for m in folder_pipeline.extract(article) if m.place and m.place.country == "Lebanon"]

    row = mention_to_row(mention, article=article, actors=folder_pipeline.resources.actors)
    assert (row["country"], row["region"], row["iso"]) == ("Lebanon", "Western Asia", 422)
    # Without the pipeline's lexicon the bundled table answers.
    assert mention_to_row(mention, article=article)["region"] == "Middle East"
