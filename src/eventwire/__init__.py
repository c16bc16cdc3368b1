"""eventwire: conflict news in, ACLED-grade event records out, offline.

import eventwire
mentions = eventwire.extract(open("article.txt").read())

`extract` and `Pipeline` load the NLP pipeline (spaCy) on first use only, so commands that never extract
(geocode, export, serve) start without it. The stage modules live in `eventwire.events`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eventwire")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["Pipeline", "__version__", "extract"]


def __getattr__(name: str):
    if name == "extract":
        from eventwire.pipeline import extract

        return extract
    if name == "Pipeline":
        from eventwire.pipeline import Pipeline

        return Pipeline
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
