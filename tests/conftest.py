"""Shared fixtures: the pipeline is loaded once per test session, as users load it once per process."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def pipeline():
    from eventwire.pipeline import Pipeline

    return Pipeline.load()
