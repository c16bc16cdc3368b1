"""`eventwire serve`: the HTTP API over the store and the offline map dashboard (static files, no CDN)."""

from eventwire.serve.api import create_app

__all__ = ["create_app"]
