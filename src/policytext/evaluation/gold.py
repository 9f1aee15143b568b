"""Gold annotations: one YAML file per document, written by reading the page.

Every annotation that has a place in the text names it by an anchor, an exact
substring of the raw file (line wraps and all). Anchors of one field are
looked up in reading order, each after the previous one, so a repeated string
(两个 ×× in a row, 增长5% twice) needs no offsets; a redaction, leader or formula
anchor marks its part in square brackets when it needs context (``20[*]年``).
The format is described in ``data/eval/README.md``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import PolicytextError

KINDS = ("党课", "研讨发言", "会议讲话", "政府工作报告", "新闻报道", "政策文件", "调研报告", "心得体会", "工作总结",
         "法院工作报告", "人大常委会工作报告", "统计公报", "绩效评价报告", "致辞", "主持词", "会议实录")
_BRACKETED = re.compile(r"\[([^\[\]]+)\]")


@dataclass(frozen=True, slots=True)
class Anchor:
    """A gold item's place: ``raw[start:end] == text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    marker: str
    title: str


@dataclass(frozen=True, slots=True)
class Claim:
    anchor: Anchor
    value: float  # nan for a redacted value (××%)
    unit: str
    kind: str
    year: str  # "" when the text gives none


@dataclass(frozen=True, slots=True)
class Leader:
    anchor: Anchor
    who: str  # "" when the text does not say who (a redacted or bare title the date cannot settle)


@dataclass(frozen=True)
class GoldDocument:
    """The gold annotations of one document of the evaluation set, anchored to its raw text."""

    name: str
    path: Path
    raw: str
    kind: str
    script: str
    features: tuple[str, ...]
    title: tuple[str, ...]  # the accepted forms (a page title and the document's own heading may differ); () when none
    salutation: str | None
    headings: tuple[Heading, ...]
    boilerplate: tuple[Anchor, ...]
    redactions: tuple[Anchor, ...]
    claims: tuple[Claim, ...]
    leaders: tuple[Leader, ...]
    formulas: tuple[Anchor, ...]
    reuse: tuple[Anchor, ...] | None  # None: reuse of central wording not annotated for this document


class _Anchors:
    """Finds anchors of one field in reading order."""

    def __init__(self, raw: str, gold: Path, field: str) -> None:
        self.raw, self.gold, self.field, self.after = raw, gold, field, 0

    def find(self, text: str) -> Anchor:
        if not isinstance(text, str) or not text:
            raise PolicytextError(f"{self.gold.name}: {self.field}: an anchor must be a non-empty string, got {text!r}")
        at = self.raw.find(text, self.after)
        if at < 0:
            raise PolicytextError(f"{self.gold.name}: {self.field}: {text!r} is not in the text after offset {self.after}")
        self.after = at + len(text)
        return Anchor(text, at, at + len(text))


def _bracketed(anchors: _Anchors, text: str) -> Anchor:
    bracketed = _BRACKETED.search(text)
    if not bracketed:
        return anchors.find(text)
    context = anchors.find(_BRACKETED.sub(r"\1", text))
    start = context.start + bracketed.start()
    inner = bracketed.group(1)
    anchors.after = start + len(inner)  # the next redaction may sit inside this one's context
    return Anchor(inner, start, start + len(inner))


def _number(value, where: str) -> float:
    if value is None:
        return math.nan
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PolicytextError(f"{where}: value must be a number, got {value!r}")
    return float(value)


def load_gold(path: str | Path) -> GoldDocument:
    """Read ``<name>.gold.yaml`` and anchor it in ``<name>.txt`` beside it."""
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text_path = path.with_name(data["document"])
    raw = text_path.read_bytes().decode("utf-8-sig")
    if data.get("kind") not in KINDS:
        raise PolicytextError(f"{path.name}: kind must be one of {', '.join(KINDS)}")

    def anchors(field: str) -> _Anchors:
        return _Anchors(raw, path, field)

    found = anchors("boilerplate")
    boilerplate = tuple(found.find(text) for text in data.get("boilerplate") or ())
    found = anchors("redactions")
    redactions = tuple(_bracketed(found, text) for text in data.get("redactions") or ())
    found = anchors("claims")
    claims = []
    for item in data.get("claims") or ():
        where = f"{path.name}: claim {item.get('text')!r}"
        claims.append(Claim(found.find(item["text"]), _number(item["value"], where), str(item.get("unit") or ""),
                            str(item["kind"]), str(item.get("year") or "")))
    found = anchors("leaders")
    leaders = tuple(Leader(_bracketed(found, item["text"]), str(item.get("who") or "")) for item in data.get("leaders") or ())
    found = anchors("formulas")
    formulas = tuple(_bracketed(found, text) for text in data.get("formulas") or ())
    reuse = None
    if "reuse" in data:
        found = anchors("reuse")
        reuse = tuple(found.find(text) for text in data["reuse"] or ())
    features = data.get("features") or []
    if not isinstance(features, list) or not all(isinstance(label, str) for label in features):
        raise PolicytextError(f"{path.name}: features is a list of strings (quote a label with a colon): {features!r}")
    title = data.get("title")
    titles = tuple(title) if isinstance(title, list) else (() if title is None else (str(title),))
    headings = []
    for item in data.get("headings") or ():
        if not isinstance(item, list) or len(item) != 3 or not isinstance(item[1], str):
            raise PolicytextError(f"{path.name}: a heading is [level, marker, title], marker and title strings "
                                  f"(quote 1. and a title with a comma): {item!r}")
        headings.append(Heading(int(item[0]), str(item[1]), str(item[2])))
    return GoldDocument(
        name=text_path.name, path=text_path, raw=raw, kind=data["kind"], script=data.get("script", "simplified"),
        features=tuple(features), title=titles, salutation=data.get("salutation"),
        headings=tuple(headings), boilerplate=boilerplate, redactions=redactions, claims=tuple(claims),
        leaders=leaders, formulas=formulas, reuse=reuse,
    )


def load_set(directory: str | Path) -> list[GoldDocument]:
    """Every gold file of an evaluation folder, by file name."""
    return [load_gold(path) for path in sorted(Path(directory).glob("*.gold.yaml"))]
