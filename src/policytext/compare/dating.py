"""Dates of speeches and central texts (the rules are in :mod:`policytext.dating`, below the analyses that share them)."""

from __future__ import annotations

from ..dating import date_bounds, parse_date, speech_date, speech_period

__all__ = ["date_bounds", "parse_date", "speech_date", "speech_period"]
