"""eventwire: conflict news in, ACLED-grade event records out, offline.

import eventwire
mentions = eventwire.extract(open("article.txt").read())
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eventwire")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

# Imported last on purpose: loading eventwire.pipeline loads the eventwire.extract stage package, and the
# name `eventwire.extract` must end up bound to the function DESIGN.md promises, not to that package.
from eventwire.pipeline import Pipeline, extract  # noqa: E402

__all__ = ["Pipeline", "__version__", "extract"]
