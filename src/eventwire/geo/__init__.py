"""Gazetteer build, lookup and place disambiguation (the geocode stage)."""

from eventwire.geo.gazetteer import Candidate, Gazetteer, fold_name
from eventwire.geo.resolve import STAGE, parse_place_phrase, resolve_mention, resolve_place

__all__ = ["STAGE", "Candidate", "Gazetteer", "fold_name", "parse_place_phrase", "resolve_mention", "resolve_place"]
