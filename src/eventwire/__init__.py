"""eventwire: conflict news in, ACLED-grade event records out, offline.

import eventwire
mentions = eventwire.extract(open("article.txt").read())
"""

import sys
import types
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eventwire")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["Pipeline", "__version__", "extract"]


class _Package(types.ModuleType):
    """The eventwire package. `extract` and `Pipeline` load the NLP pipeline (spaCy) on first use only, so
    commands that never extract (geocode, export, serve) start without it.

    `extract` is the function DESIGN.md promises. The stage package eventwire.extract has the same name:
    importing it makes the import system bind the package attribute, which this property's setter ignores
    (the stage package stays importable as `eventwire.extract.<stage>` through sys.modules).
    """

    @property
    def extract(self):
        from eventwire.pipeline import extract

        return extract

    @extract.setter
    def extract(self, _stage_package) -> None:
        pass


def __getattr__(name: str):
    if name == "Pipeline":
        from eventwire.pipeline import Pipeline

        return Pipeline
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")


sys.modules[__name__].__class__ = _Package
