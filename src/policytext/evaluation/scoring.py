"""Match rules: the package's answers against the gold annotations, field by field.

Precision is over what the package reported, recall over the gold; most
fields match one to one, so both count the same matches. The rules, which
the report prints in its header:

- title, salutation: the same string once whitespace (line wraps) and inline
  pinyin (發(fā) → 發) are removed; a gold title may list more than one form;
- headings: level, marker (compared after NFKC, so （一） = (一)) and exact title
  (whitespace and inline pinyin removed, a trailing 。；：， ignored) all equal;
- boilerplate: a gold string is found when 80% of its non-space characters
  are kept out of the text (outside the body, a boilerplate span or a
  furniture elision); a stretch the package keeps out is right when 80% of
  its non-space characters are gold furniture; a line holding only the
  title (a copy the site printed again) counts neither way;
- redactions: spans overlap;
- claims: spans overlap and value × multiplier and base unit are equal
  (4704.3亿元 = 470430000000 元; 个百分点 = 百分点; units compared in simplified
  characters; a withheld value, null, matches only a null in the same unit, and a
  number never matches a null); kind and year are scored on
  the matched claims (year: where the gold gives one);
- leaders: spans overlap and the person is the same ("wrong person" counts
  a reference resolved to someone else, or to anyone where the gold says the
  text does not tell);
- formulas: spans overlap and the text is the same without quotation marks;
- reuse: a gold clause is found when reused clauses cover half of it; a
  reused clause is right when half of it lies in gold reuse. Reused clauses
  are those the comparison says reuse a source and those whose central
  wording is a stock formula: both are wording from central texts, which is
  what the gold marks (the comparison reports stock formulas apart only
  because they point to no one source).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from ..normalize import to_simplified
from .gold import Anchor, GoldDocument
from .observed import Item, Observed

FIELDS = ("title", "salutation", "headings", "boilerplate", "redactions", "claims", "leaders", "formulas", "reuse")
COVERED = 0.8
HALF = 0.5
_SPACE = re.compile(r"\s+")
# Pinyin a mirror site put after a character: 發(fā), 實(shí).
_PINYIN = re.compile(r"[(（][a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,7}[)）]")
_TRAILING = re.compile(r"[。；;：:，,]+$")
_QUOTES = str.maketrans("", "", "“”‘’「」『』\"'")
_MULTIPLIERS = MappingProxyType({"十": 10, "百": 100, "千": 1e3, "万": 1e4, "亿": 1e8})
# Units that open with a multiplier character but are units in their own right.
_WHOLE_UNITS = ("千瓦时", "千瓦", "千米", "千克", "百分点", "百分比")


@dataclass
class Tally:
    """Counts for one field: gold items, reported items, and the matches on each side."""

    gold: int = 0
    reported: int = 0
    found: int = 0  # gold items matched
    right: int = 0  # reported items matched

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.reported += other.reported
        self.found += other.found
        self.right += other.right

    @property
    def precision(self) -> float | None:
        return self.right / self.reported if self.reported else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass(frozen=True, slots=True)
class Error:
    field: str
    what: str  # missed, spurious, wrong
    expected: str
    got: str
    at: int  # raw offset, -1 when the gold item has no place


@dataclass
class DocumentScore:
    """One document's tallies, attribute accuracies and errors."""

    name: str
    kind: str
    tallies: dict[str, Tally] = field(default_factory=lambda: {name: Tally() for name in FIELDS})
    claim_kind: Tally = field(default_factory=Tally)  # gold = matched claims, found = kind right
    claim_year: Tally = field(default_factory=Tally)  # gold = matched claims with a gold year, found = year right
    wrong_person: int = 0
    from_furniture: list[str] = field(default_factory=list)
    errors: list[Error] = field(default_factory=list)


def _squash(text: str) -> str:
    return _SPACE.sub("", text or "")


def _text_key(text: str) -> str:
    return _PINYIN.sub("", _squash(text))


def _title_key(text: str) -> str:
    return _TRAILING.sub("", _text_key(text))


def _marker_key(text: str) -> str:
    return _squash(unicodedata.normalize("NFKC", text or ""))


def quantity(value: float, unit: str) -> tuple[float, str]:
    """A value with its unit's multipliers taken into the number: (4704.3, 亿元) -> (470430000000.0, 元)."""
    unit = to_simplified(_squash(unicodedata.normalize("NFKC", unit or ""))).replace("个百分点", "百分点")
    factor = 1.0
    while unit and unit[0] in _MULTIPLIERS and not unit.startswith(_WHOLE_UNITS):
        factor *= _MULTIPLIERS[unit[0]]
        unit = unit[1:]
    return value * factor, unit


def same_quantity(gold: tuple[float, str], got: tuple[float, str]) -> bool:
    (a, unit_a), (b, unit_b) = quantity(*gold), quantity(*got)
    if math.isnan(a) or math.isnan(b):
        return unit_a == unit_b and math.isnan(a) and math.isnan(b)
    return unit_a == unit_b and math.isfinite(b) and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _overlaps(a: Anchor | Item, b: Anchor | Item) -> bool:
    return a.start < b.end and b.start < a.end


def _mask(raw: str, spans: Iterable[Anchor | Item]) -> list[bool]:
    mask = [False] * len(raw)
    for span in spans:
        for i in range(max(span.start, 0), min(span.end, len(raw))):
            mask[i] = True
    return mask


def _share(raw: str, start: int, end: int, mask: Sequence[bool]) -> float:
    """The share of the non-space characters of raw[start:end] that the mask holds (1.0 for blank spans)."""
    chars = [i for i in range(start, end) if not raw[i].isspace()]
    return sum(mask[i] for i in chars) / len(chars) if chars else 1.0


def _title_lines(raw: str, titles: Sequence[str]) -> list[bool]:
    """A mask of the lines whose text is one of the gold title's forms (whitespace and pinyin aside)."""
    keys = {_title_key(title) for title in titles}
    mask = [False] * len(raw)
    at = 0
    for line in raw.splitlines(keepends=True):
        if line.strip() and _title_key(line) in keys:
            for i in range(at, at + len(line)):
                mask[i] = True
        at += len(line)
    return mask


def _regions(raw: str, mask: Sequence[bool]) -> list[tuple[int, int]]:
    """Maximal stretches of masked characters, joined across whitespace, trimmed of it."""
    regions: list[tuple[int, int]] = []
    start = last = None
    for i, char in enumerate(raw):
        if char.isspace():
            continue
        if mask[i]:
            if start is None:
                start = i
            last = i
        elif start is not None:
            regions.append((start, last + 1))
            start = None
    if start is not None:
        regions.append((start, last + 1))
    return regions


def _context(raw: str, at: int, width: int = 12) -> str:
    return _squash(raw[max(at - width, 0):at + width])


def _show(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[:limit] + "…"


def _score_single(score: DocumentScore, name: str, gold: Sequence[str], got: Item | None) -> None:
    """A field with one answer per document; ``gold`` lists its accepted forms (none: the text has none)."""
    tally = score.tallies[name]
    tally.gold += bool(gold)
    tally.reported += got is not None
    if gold and got is not None and _title_key(got.text) in {_title_key(form) for form in gold}:
        tally.found += 1
        tally.right += 1
    elif gold or got is not None:
        what = "wrong" if gold and got else ("missed" if gold else "spurious")
        score.errors.append(Error(name, what, _show(" / ".join(gold) or "—"), _show(got.text if got else "—"),
                                  got.start if got else -1))


def _score_headings(score: DocumentScore, gold: GoldDocument, got: Sequence[Item]) -> None:
    tally = score.tallies["headings"]
    tally.gold, tally.reported = len(gold.headings), len(got)
    left = list(got)
    missed = []
    for heading in gold.headings:
        key = (heading.level, _marker_key(heading.marker), _title_key(heading.title))
        match = next((item for item in left if (item.level, _marker_key(item.marker), _title_key(item.text)) == key), None)
        if match is None:
            missed.append(heading)
        else:
            left.remove(match)
            tally.found += 1
            tally.right += 1
    for heading in missed:
        partner = next((item for item in left if (item.level, _marker_key(item.marker)) == (heading.level, _marker_key(heading.marker))), None)
        expected = f"L{heading.level} {heading.marker} {heading.title}"
        if partner is not None:
            left.remove(partner)
            score.errors.append(Error("headings", "wrong", expected, f"L{partner.level} {partner.marker} {_show(partner.text)}", partner.start))
        else:
            score.errors.append(Error("headings", "missed", expected, "—", -1))
    for item in left:
        score.errors.append(Error("headings", "spurious", "—", f"L{item.level} {item.marker} {_show(item.text)}", item.start))


def _score_boilerplate(score: DocumentScore, gold: GoldDocument, got: Sequence[Item]) -> None:
    tally, raw = score.tallies["boilerplate"], gold.raw
    gold_mask, got_mask = _mask(raw, gold.boilerplate), _mask(raw, got)
    tally.gold = len(gold.boilerplate)
    for anchor in gold.boilerplate:
        if _share(raw, anchor.start, anchor.end, got_mask) >= COVERED:
            tally.found += 1
        else:
            score.errors.append(Error("boilerplate", "missed", _show(anchor.text), "—", anchor.start))
    # A title the site prints again is neither furniture nor text (README: neither copy is annotated):
    # a line holding only the title, kept out by the package, counts neither way.
    neutral = _title_lines(raw, gold.title)
    regions = [region for region in _regions(raw, [kept and not n for kept, n in zip(got_mask, neutral)])]
    tally.reported = len(regions)
    for start, end in regions:
        if _share(raw, start, end, gold_mask) >= COVERED:
            tally.right += 1
        else:
            score.errors.append(Error("boilerplate", "spurious", "—", _show(raw[start:end]), start))


def _score_overlapping(score: DocumentScore, name: str, gold: Sequence[Anchor], got: Sequence[Item], *,
                       same=lambda anchor, item: True) -> None:
    """One-to-one matching of overlapping spans that also satisfy ``same``."""
    tally = score.tallies[name]
    tally.gold, tally.reported = len(gold), len(got)
    left = list(got)
    for anchor in gold:
        near = [item for item in left if _overlaps(anchor, item)]
        match = next((item for item in near if same(anchor, item)), None)
        if match is not None:
            left.remove(match)
            tally.found += 1
            tally.right += 1
        elif near:
            left.remove(near[0])
            score.errors.append(Error(name, "wrong", _show(anchor.text), _show(near[0].text), near[0].start))
        else:
            score.errors.append(Error(name, "missed", _show(anchor.text), "—", anchor.start))
    for item in left:
        score.errors.append(Error(name, "spurious", "—", _show(item.text), item.start))


def _claim_text(claim) -> str:
    year = f" {claim.year}" if claim.year else ""
    return f"{claim.anchor.text} = {claim.value:g} {claim.unit} [{claim.kind}{year}]"


def _item_claim(item: Item) -> str:
    year = f" {item.year}" if item.year else ""
    return f"{_show(item.text, 30)} = {item.value:g} {item.unit} [{item.kind}{year}]"


def _score_claims(score: DocumentScore, gold: GoldDocument, got: Sequence[Item]) -> None:
    tally = score.tallies["claims"]
    tally.gold, tally.reported = len(gold.claims), len(got)
    left = list(got)
    for claim in gold.claims:
        near = [item for item in left if _overlaps(claim.anchor, item)]
        match = next((item for item in near if same_quantity((claim.value, claim.unit), (item.value, item.unit))), None)
        if match is None:
            what = "wrong" if near else "missed"
            got_text = "; ".join(_item_claim(item) for item in near) or "—"
            for item in near:
                left.remove(item)
            score.errors.append(Error("claims", what, _claim_text(claim), got_text, claim.anchor.start))
            continue
        left.remove(match)
        tally.found += 1
        tally.right += 1
        score.claim_kind.gold += 1
        if match.kind == claim.kind:
            score.claim_kind.found += 1
        else:
            score.errors.append(Error("claim kind", "wrong", _claim_text(claim), _item_claim(match), claim.anchor.start))
        if claim.year:
            score.claim_year.gold += 1
            if match.year == claim.year:
                score.claim_year.found += 1
            else:
                score.errors.append(Error("claim year", "wrong" if match.year else "missed", _claim_text(claim),
                                          _item_claim(match), claim.anchor.start))
    for item in left:
        score.errors.append(Error("claims", "spurious", "—", _item_claim(item), item.start))


def _score_leaders(score: DocumentScore, gold: GoldDocument, got: Sequence[Item]) -> None:
    tally = score.tallies["leaders"]
    tally.gold, tally.reported = len(gold.leaders), len(got)
    left = list(got)
    for leader in gold.leaders:
        near = [item for item in left if _overlaps(leader.anchor, item)]
        match = next((item for item in near if item.who == leader.who), None)
        expected = f"{leader.anchor.text} → {leader.who or '(not said)'}"
        if match is not None:
            left.remove(match)
            tally.found += 1
            tally.right += 1
        elif near:
            left.remove(near[0])
            score.wrong_person += bool(near[0].who)
            score.errors.append(Error("leaders", "wrong", expected, f"{near[0].text} → {near[0].who or '—'}", near[0].start))
        else:
            score.errors.append(Error("leaders", "missed", expected, "—", leader.anchor.start))
    for item in left:
        score.errors.append(Error("leaders", "spurious", "—", f"{item.text} → {item.who or '—'}", item.start))


def _score_reuse(score: DocumentScore, gold: GoldDocument, got: Sequence[Item]) -> None:
    tally, raw = score.tallies["reuse"], gold.raw
    gold_mask, got_mask = _mask(raw, gold.reuse), _mask(raw, got)
    tally.gold, tally.reported = len(gold.reuse), len(got)
    for anchor in gold.reuse:
        if _share(raw, anchor.start, anchor.end, got_mask) >= HALF:
            tally.found += 1
        else:
            score.errors.append(Error("reuse", "missed", _show(anchor.text), "—", anchor.start))
    for item in got:
        if _share(raw, item.start, item.end, gold_mask) >= HALF:
            tally.right += 1
        else:
            score.errors.append(Error("reuse", "spurious", "—", f"{_show(item.text)} ({item.kind})", item.start))


def _from_furniture(gold: GoldDocument, observed: Observed) -> list[str]:
    """Claims, headings, the title and reused clauses whose text is mostly gold site furniture."""
    mask = _mask(gold.raw, gold.boilerplate)
    named = [("title", observed.title), ("salutation", observed.salutation)]
    named += [("heading", item) for item in observed.headings]
    named += [("claim", item) for item in observed.claims]
    named += [("reuse", item) for item in observed.reuse or ()]
    return [f"{what} {_show(item.text, 40)} @{item.start}" for what, item in named
            if item is not None and _share(gold.raw, item.start, item.end, mask) >= HALF]


def score_document(gold: GoldDocument, observed: Observed) -> DocumentScore:
    """Score one document's answers against its gold annotations."""
    score = DocumentScore(gold.name, gold.kind)
    _score_single(score, "title", gold.title, observed.title)
    _score_single(score, "salutation", (gold.salutation,) if gold.salutation else (), observed.salutation)
    _score_headings(score, gold, observed.headings)
    _score_boilerplate(score, gold, observed.furniture)
    _score_overlapping(score, "redactions", gold.redactions, observed.redactions)
    _score_claims(score, gold, observed.claims)
    _score_leaders(score, gold, observed.leaders)
    _score_overlapping(score, "formulas", gold.formulas, observed.formulas,
                       same=lambda anchor, item: _squash(anchor.text).translate(_QUOTES) == _squash(item.text).translate(_QUOTES))
    if gold.reuse is not None and observed.reuse is not None:
        _score_reuse(score, gold, observed.reuse)
    score.from_furniture = _from_furniture(gold, observed)
    return score
