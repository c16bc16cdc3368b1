"""python -m eventwire.cli, as the tests run it."""

from eventwire.cli import app

app()
