"""The one small error hierarchy of eventwire. Messages name the input, the place in it, and what to do."""


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input could not be read as an article (empty, binary, undecodable, malformed)."""


class ResourceError(EventwireError):
    """A bundled resource (model, gazetteer, lexicon) is missing or unreadable."""


class StoreError(EventwireError):
    """The event store could not be opened or written."""


class ArticleTimeout(EventwireError):
    """One article took longer than the per-article time limit; it is recorded as failed and the batch goes on."""
