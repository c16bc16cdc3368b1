"""Where gazetteer files live: the bundled one, the user's own (built or extended), or one named by
EVENTWIRE_GAZETTEER. The runtime (`geo.gazetteer`) reads these paths without importing the builder.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

# 2: postings in default rank order (scoring.default_order), kind 2, name_offsets; 3: key_scores; 4: admin3
FORMAT_VERSION = 4
DATA_DIR = Path(str(resources.files("eventwire") / "data" / "gazetteer"))
SOURCES_DIR = DATA_DIR / "sources"
# Stored as a plain pickle: gunzipping 70 MB took 0.8 s of every load; the wheel's zip compresses it anyway.
BUNDLED = DATA_DIR / "gazetteer.pkl"
ENV_VAR = "EVENTWIRE_GAZETTEER"


def user_dir() -> Path:
    """Return the user data folder for gazetteers and GeoNames dumps (platformdirs), never site-packages."""
    import platformdirs

    return Path(platformdirs.user_data_dir("eventwire", appauthor=False)) / "gazetteer"


def user_gazetteer() -> Path:
    """Return where `gazetteer build` / `gazetteer add` write by default."""
    return user_dir() / "gazetteer.pkl"


def active_gazetteer() -> Path:
    """Return the gazetteer extraction uses: EVENTWIRE_GAZETTEER if set, else the user's own if built, else
    the bundled file."""
    named = os.environ.get(ENV_VAR)
    if named:
        return Path(named).expanduser()
    own = user_gazetteer()
    return own if own.exists() else BUNDLED
