"""The size of a section: the one measure every per-1,000-characters rate divides by.

A section's size is the number of characters of its text that are not
whitespace (a scraped copy's line breaks and indentation are not words), over
the sentences of the section and its subsections. The whole body's size is
the same sum over every sentence, so a document's rate and its sections'
rates agree.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from .document import Document

_WHITESPACE = re.compile(r"\s")


def text_size(text: str) -> int:
    """Characters of ``text`` that count towards a size: all but whitespace."""
    return len(text) - len(_WHITESPACE.findall(text))


def section_at_level(section: str, level: int) -> str:
    """The ancestor id of ``section`` at ``level`` ("3.2.1" at level 1 is "3")."""
    return ".".join(str(section).split(".")[:level])


def section_titles(document: Document) -> dict[str, str]:
    """Section id → marker and title as the reader sees them ("front matter" for section "0")."""
    return {s.id: (s.marker + s.title if s.level else "front matter") for s in document.outline.walk()}


def section_characters(document: Document, *, level: int = 1) -> pd.DataFrame:
    """``section, title, characters``: the size of each section at ``level``, the front matter as section "0"."""
    sentences = document.sentences
    keys = sentences.section.map(lambda s: section_at_level(s, level))
    lengths = sentences.text.map(text_size)
    table = pd.DataFrame({"section": keys, "characters": lengths}).groupby("section", sort=False).characters.sum().reset_index()
    titles = section_titles(document)
    table.insert(1, "title", table.section.map(lambda s: titles.get(s, "")))
    return table


def per_1000(count, characters):
    """``count`` per 1,000 characters, rounded to two places; 0.0 where there are no characters."""
    if isinstance(characters, pd.Series):
        return (1000 * count / characters.where(characters > 0)).round(2).fillna(0.0)
    return round(1000 * count / characters, 2) if characters else 0.0
