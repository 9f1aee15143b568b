"""The word lists behind indicator extraction, read lazily from ``policytext/data/indicator_*.tsv``.

Everything a speech from another province may phrase differently (units,
multipliers, qualifiers, scopes, kind cues, attribute heads) lives in those
tables, not in code; the code holds only the number grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from .. import resources


@dataclass(frozen=True, slots=True)
class Unit:
    unit: str
    kind: str
    unit_normalised: str
    factor: float
    counts: str
    needs: str  # "lead": a figure only after a value word (达到, 提高到)


@dataclass(frozen=True, slots=True)
class Cue:
    word: str
    position: str  # before, after, inner, opening, phrase
    role: str  # qualifier, verb, growth, decline, share, distribute, cut, end
    label: str


def _rows(name: str) -> list[list[str]]:
    # The header is the first line that is not a comment.
    return [line.split("\t") for _, line in resources.data_lines(name)[1:]]


@lru_cache(maxsize=1)
def units() -> MappingProxyType[str, Unit]:
    table = {}
    for row in _rows("indicator_units.tsv"):
        row += [""] * (6 - len(row))
        table[row[0]] = Unit(row[0], row[1], row[2], float(row[3]), row[4], row[5])
    return MappingProxyType(table)


@lru_cache(maxsize=1)
def multipliers() -> MappingProxyType[str, float]:
    return MappingProxyType({row[0]: float(row[1]) for row in _rows("indicator_multipliers.tsv")})


@lru_cache(maxsize=1)
def scopes() -> tuple[str, ...]:
    return tuple(sorted((row[0] for row in _rows("indicator_scopes.tsv")), key=len, reverse=True))


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    out = []
    for row in _rows("indicator_cues.tsv"):
        row += [""] * (4 - len(row))
        out.append(Cue(row[0], row[1], row[2], row[3]))
    return tuple(out)


def cue_table(position: str) -> MappingProxyType[str, Cue]:
    return _cue_table(position)


@lru_cache(maxsize=8)
def _cue_table(position: str) -> MappingProxyType[str, Cue]:
    return MappingProxyType({c.word: c for c in cues() if c.position == position})


@lru_cache(maxsize=8)
def cues_longest_first(position: str) -> tuple[Cue, ...]:
    """The cues of ``position``, longest word first (file order among equals), for matching the longest cue."""
    return tuple(sorted(_cue_table(position).values(), key=lambda cue: len(cue.word), reverse=True))


@lru_cache(maxsize=8)
def phrase_cues(*roles: str) -> tuple[Cue, ...]:
    """The cues of an indicator phrase with one of ``roles`` (cut, end, target, share, growth), longest first."""
    return tuple(cue for cue in cues_longest_first("phrase") if cue.role in roles)


@lru_cache(maxsize=1)
def counted_entities() -> frozenset[str]:
    """Nouns for people, places and organisations: a Chinese numeral counting them states a figure (九个部门)."""
    return frozenset(row[0] for row in _rows("indicator_entities.tsv"))


@lru_cache(maxsize=1)
def numeral_words() -> frozenset[str]:
    """Lexicalised words that open with a numeral and a unit character but name no number (二元, 一线)."""
    return frozenset(resources.word_list("numeral_words.txt"))


@lru_cache(maxsize=1)
def attributes() -> tuple[str, ...]:
    return tuple(sorted((row[0] for row in _rows("indicator_attributes.tsv")), key=len, reverse=True))


@lru_cache(maxsize=1)
def named_terms() -> frozenset[str]:
    """Lexicon terms that begin with a scope word (全国重点实验室): names, not scope + noun."""
    from ..segment import load_lexicon

    starts = scopes()
    return frozenset(e.term for e in load_lexicon() if e.term.startswith(starts))


def alternation(words) -> str:
    """A regex alternation, longest first so 个百分点 wins over 个."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
