"""Regex scans that try a pattern only where it can match: the same matches, found faster.

Python's ``re`` skips ahead quickly only when a pattern opens with a literal
or a character class. A lookbehind, or an alternation of named groups, at the
front makes it try the whole pattern at every offset of the text. When every
match must start with one of a known set of characters, finding those
characters first (a class, which ``re`` does skip to) and trying the pattern
only there gives the same matches: seven times faster for the segmenter's
numbers and redactions on a long speech (:class:`FirstCharacterScan`).

A table of many patterns (the boilerplate rules) goes further: a pattern that
needs literal text (当前位置, www., a CSS property) cannot match a text without
it, and one scan finds the literals of all the patterns at once
(:class:`LiteralPrefilter`). What a pattern needs (its literals, the
characters its matches start with) is read from the pattern itself with the
parser of ``re``, so rule tables stay plain regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class FirstCharacterScan:
    """``pattern``, searched only where one of ``first`` (a character-class body) stands.

    Only for patterns that never match the empty string and whose every match
    starts with a character of ``first``; the tests check both for each use.
    """

    pattern: re.Pattern[str]
    first: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "_first", re.compile(f"[{self.first}]"))
        # re finds a literal character with a fast string search but tests a class one character at a
        # time: a few first characters ((, （, a space) are found faster one literal at a time (7x on a speech).
        chars = first_characters(self._first)  # type: ignore[attr-defined]
        few = sorted(chars) if chars is not None and len(chars) <= _MAX_LITERAL_FIRST else []
        object.__setattr__(self, "_literals", tuple(re.compile(re.escape(char)) for char in few))

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """The matches ``pattern.finditer(text, pos, endpos)`` gives, in the same order."""
        endpos = len(text) if endpos is None else endpos
        if self._literals:  # type: ignore[attr-defined]
            match = self.pattern.match
            starts = sorted(m.start() for literal in self._literals for m in literal.finditer(text, pos, endpos))  # type: ignore[attr-defined]
            for at in starts:
                if at < pos:
                    continue  # inside the match before
                found = match(text, at, endpos)
                if found is not None:
                    yield found
                    pos = max(found.end(), at + 1)
            return
        candidate, match = self._first.search, self.pattern.match  # type: ignore[attr-defined]
        while (hit := candidate(text, pos, endpos)) is not None:
            # match() at an offset still lets lookbehinds see the text before it.
            found = match(text, hit.start(), endpos)
            if found is None:
                pos = hit.start() + 1
            else:
                yield found
                pos = max(found.end(), hit.start() + 1)


# --- what a pattern needs, read from the pattern -------------------------------------------
#
# A table of rules (boilerplate.tsv) is mostly patterns that need some literal
# text: a label (当前位置), a site's name, "www.", a CSS property. Python's re
# tries an alternation of such patterns at every offset of the text, which
# costs far more than finding the literals. One scan finds every literal of
# every pattern at once; a pattern whose literals do not all occur in a text
# cannot match it, so only the few that might are searched, with the same
# results. The literals (and the characters a match can start with) are read
# from the patterns themselves with the parser of ``re``, so a table stays
# plain regular expressions. Whatever the reading cannot see through (``\d``,
# ``.``, a large class, an unbounded repeat, a back reference, ignoring case)
# only makes it know less, never wrongly.

_MAX_LITERALS = 64  # strings in one literal set: beyond this a part of a pattern is no literal
_MAX_CLASS = 32  # characters of a class expanded into literals ([（(], [⑴-⒇])
_MAX_EXACT_REPEAT = 4  # x{0,2}, x{3}: repeats spelt out as literals
_MAX_FIRST = 64  # characters a match may start with, for a first-character scan
_MAX_LITERAL_FIRST = 4  # first characters searched one literal at a time (more literal scans cost more than the class)


class _Unknown(Exception):
    """A pattern the reading cannot see through safely (case-insensitive matching)."""


def _parsed(pattern: re.Pattern[str]) -> list | None:
    from re import _parser  # the parser of re: private, but its trees are stable since 3.11

    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError, ValueError, TypeError):
        return None
    if tree.state.flags & re.IGNORECASE:
        return None
    return list(tree)


def required_literals(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of strings such that every match of *pattern* contains a string of each set (empty: none known).

    Lookarounds and anchors consume nothing and are skipped; a part of the
    pattern that is not spelt out literally ends a literal. A pattern that can
    match the empty string has no set.
    """
    items = _parsed(pattern)
    if items is None:
        return ()
    try:
        found = _required_sets(items)
    except (_Unknown, RecursionError, AttributeError, TypeError, ValueError):
        return ()
    # A string that contains another of its set adds nothing: the shorter one is always there too.
    return tuple(frozenset(s for s in strings if not any(t != s and t in s for t in strings)) for strings in found)


def first_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters every match of *pattern* starts with, or None when unknown or when it can match the empty string."""
    items = _parsed(pattern)
    if items is None:
        return None
    try:
        chars, nullable = _first(items)
    except (_Unknown, RecursionError, AttributeError, TypeError, ValueError):
        return None
    return frozenset(chars) if chars is not None and not nullable and chars else None


def opening_scan(pattern: re.Pattern[str]) -> re.Pattern[str] | FirstCharacterScan:
    """*pattern*, or a :class:`FirstCharacterScan` of it when it opens with something re cannot skip to.

    re skips ahead for a pattern that opens with a literal or a class; one that
    opens with a lookbehind, an optional part or an alternation of groups is
    tried at every offset. Both have the same ``finditer``.
    """
    from re import _constants as sre

    items = _parsed(pattern)
    if not items or items[0][0] in (sre.LITERAL, sre.IN):
        return pattern
    chars = first_characters(pattern)
    if chars is None:
        return pattern
    return FirstCharacterScan(pattern, "".join(re.escape(c) for c in sorted(chars)))


def _exact(items: list) -> set[str] | None:
    """Every string the sequence *items* can match, when that is a small finite set of literals."""
    out = {""}
    for op, av in items:
        options = _exact_item(op, av)
        if options is None:
            return None
        out = {a + b for a in out for b in options}
        if len(out) > _MAX_LITERALS:
            return None
    return out


def _exact_item(op, av) -> set[str] | None:
    from re import _constants as sre

    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN:
        return _class(av)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return {""}  # consumes nothing
    if op is sre.SUBPATTERN:
        return _exact(_group_items(av))
    if op is sre.ATOMIC_GROUP:
        return _exact(list(av))
    if op is sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            options = _exact(list(branch))
            if options is None:
                return None
            out |= options
        return out if len(out) <= _MAX_LITERALS else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, sub = av
        if high > _MAX_EXACT_REPEAT:
            return None
        return _repeated(_exact(list(sub)), low, high)
    return None


def _group_items(av) -> list:
    _, add_flags, _, sub = av
    if add_flags & re.IGNORECASE:
        raise _Unknown
    return list(sub)


def _repeated(options: set[str] | None, low: int, high: int) -> set[str] | None:
    if options is None:
        return None
    out: set[str] = set()
    power = {""}
    for count in range(high + 1):
        if count >= low:
            out |= power
        power = {a + b for a in power for b in options}
        if len(out) > _MAX_LITERALS or len(power) > _MAX_LITERALS:
            return None
    return out


def _class(items: list) -> set[str] | None:
    from re import _constants as sre

    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None  # NEGATE, a category (\d, \s), a large range
        if len(chars) > _MAX_CLASS:
            return None
    return chars


def _required_sets(items: list) -> list[set[str]]:
    """Literal sets of the sequence *items*: every match contains a string of each."""
    found: list[set[str]] = []
    run = {""}  # the strings the current run of literal items spells

    def close() -> None:
        if "" not in run:
            found.append(run)

    for op, av in items:
        options = _exact_item(op, av)
        if options is not None:
            joined = {a + b for a in run for b in options}
            if len(joined) <= _MAX_LITERALS:
                run = joined
                continue
            close()
            run = options
            continue
        close()
        run = {""}
        inner = _required_item(op, av)
        if inner is not None:
            found.append(inner)
    close()
    return found


def _most_selective(sets: list[set[str]]) -> set[str] | None:
    """Of several literal sets, the one whose shortest string is longest (then the smallest)."""
    return max(sets, key=lambda strings: (min(map(len, strings)), -len(strings)), default=None)


def _required_item(op, av) -> set[str] | None:
    """One literal set for a part of a pattern (inside an alternation only one set can be kept)."""
    from re import _constants as sre

    if op is sre.SUBPATTERN:
        return _most_selective(_required_sets(_group_items(av)))
    if op is sre.ATOMIC_GROUP:
        return _most_selective(_required_sets(list(av)))
    if op is sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            inner = _most_selective(_required_sets(list(branch)))
            if inner is None:
                return None
            out |= inner
        return out
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, sub = av
        if low < 1:
            return None
        inner = _required_sets(list(sub))
        spelt = _repeated(_exact(list(sub)), low, low) if low <= _MAX_EXACT_REPEAT else None
        if spelt is not None and "" not in spelt:
            inner.append(spelt)
        return _most_selective(inner)
    return None


def _first(items: list) -> tuple[set[str] | None, bool]:
    """The characters a match of the sequence can start with (None: unknown), and whether it can be empty."""
    chars: set[str] = set()
    for op, av in items:
        more, nullable = _first_item(op, av)
        if more is None:
            return None, False
        chars |= more
        if len(chars) > _MAX_FIRST:
            return None, False
        if not nullable:
            return chars, False
    return chars, True


def _first_item(op, av) -> tuple[set[str] | None, bool]:
    from re import _constants as sre

    if op is sre.LITERAL:
        return {chr(av)}, False
    if op is sre.IN:
        return _class(av), False
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True
    if op is sre.SUBPATTERN:
        return _first(_group_items(av))
    if op is sre.ATOMIC_GROUP:
        return _first(list(av))
    if op is sre.BRANCH:
        chars: set[str] = set()
        nullable = False
        for branch in av[1]:
            more, empty = _first(list(branch))
            if more is None:
                return None, False
            chars |= more
            nullable = nullable or empty
        return chars, nullable
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, sub = av
        if high == 0:
            return set(), True
        chars, nullable = _first(list(sub))
        return chars, nullable or low == 0
    return None, False


class LiteralPrefilter:
    """Which of several patterns can match a text, told by their literals in one scan.

    ``candidates(text)`` is a bit mask (bit *k* for pattern *k*) of a superset
    of the patterns that match somewhere in *text*: those with no known
    literals always, the others when a literal of each of their sets occurs.
    Searching only those gives the results searching all would.

    The scan is one ``findall`` of a regular expression of all the literals,
    longest first, which reports the longest literal where a hit starts and
    goes on after its end. A literal it does not report then lies inside a
    reported one, or starts inside one and runs past its end; so each
    reported literal stands for the literals inside it and those that can
    overlap its end, and every literal present is accounted for. (re skips to
    the literals' first characters in C; pyahocorasick's automaton, walking
    every character, took ten times as long on these texts.)
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        owners: dict[str, int] = {}  # literal -> bits of the literal sets it belongs to
        needs: list[tuple[int, int]] = []  # for each literal set: (its pattern's bit, the bits of all that pattern's sets)
        always, bit = 0, 0
        for index, pattern in enumerate(patterns):
            sets = required_literals(pattern)
            if not sets:
                always |= 1 << index
                continue
            need = 0
            for literals in sets:
                need |= 1 << bit
                for literal in literals:
                    owners[literal] = owners.get(literal, 0) | 1 << bit
                bit += 1
            needs += [(1 << index, need)] * len(sets)
        self._needs = tuple(needs)
        self.always = always
        self._masks = _standing_for(owners)
        ordered = sorted(owners, key=lambda literal: (-len(literal), literal))
        self._scan = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def candidates(self, text: str, pos: int = 0, endpos: int | None = None) -> int:
        """The patterns that may match in ``text[pos:endpos]`` (as ``finditer(text, pos, endpos)`` reads it), as a bit mask."""
        found = self.always
        if self._scan is None:
            return found
        masks = self._masks
        hits = 0
        for literal in set(self._scan.findall(text, pos, len(text) if endpos is None else endpos)):
            hits |= masks[literal]
        pending = hits
        while pending:  # each literal set hit: its pattern is a candidate when all its sets are
            lowest = pending & -pending
            pending ^= lowest
            pattern_bit, need = self._needs[lowest.bit_length() - 1]
            if hits & need == need:
                found |= pattern_bit
        return found


def _standing_for(owners: dict[str, int]) -> dict[str, int]:
    """For each literal, the bits of the literals its hit accounts for: those inside it and those that can overlap its end."""
    starting: dict[str, int] = {}  # a proper prefix -> bits of the literals that start with it
    for literal, bits in owners.items():
        for k in range(1, len(literal)):
            starting[literal[:k]] = starting.get(literal[:k], 0) | bits
    masks = {}
    for literal in owners:
        mask = 0
        for i in range(len(literal)):
            for j in range(i + 1, len(literal) + 1):
                mask |= owners.get(literal[i:j], 0)
            if i:
                mask |= starting.get(literal[i:], 0)
        masks[literal] = mask
    return masks
