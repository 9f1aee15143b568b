"""Runs of phrases and clauses of a parsed body (the splitting itself is :mod:`policytext.runs`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..parsed import ParsedDocument, as_parsed
from ..runs import CLAUSE_BOUNDARIES, CLAUSE_SEPARATORS, SENTENCE_BOUNDARIES, Run, clause_runs, phrase_runs

if TYPE_CHECKING:
    from ..document import Document

__all__ = [
    "CLAUSE_BOUNDARIES", "CLAUSE_SEPARATORS", "SENTENCE_BOUNDARIES", "Run",
    "body_clause_runs", "body_phrase_runs", "clause_runs", "phrase_runs",
]


def body_phrase_runs(source: Document | ParsedDocument) -> tuple[Run, ...]:
    """The body's runs of 、-separated phrases (:attr:`ParsedDocument.phrase_runs`)."""
    return as_parsed(source).phrase_runs


def body_clause_runs(source: Document | ParsedDocument) -> tuple[Run, ...]:
    """The body's runs of ，/；-separated clauses (:attr:`ParsedDocument.clause_runs`)."""
    return as_parsed(source).clause_runs
