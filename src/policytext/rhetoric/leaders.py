"""Leader references: where a speech invokes a leader or a central body, and how often.

Names come from ``data/rhetoric_leaders.tsv`` (category leader, central_body,
central_meeting, local_body) and are matched on the normalised, simplified
text, longest name first, so 习近平总书记 is one reference, not three. The
share of sentences that cite one counts leaders, central bodies and central
meetings; local party committees and governments (省委, 市政府) are listed
but not counted as citing the centre.

A bare title (总书记, 总理, 委员长, 国家主席) names whoever held it: the name
its title chain ends in (总书记、国家主席、中央军委主席习近平), else the nearest
explicit name of one of its holders before it (胡锦涛同志……总书记指出), else
the holder at the document's date (its provenance note), from
``data/rhetoric_leader_titles.tsv``; with none of these, the reference is
listed with no name rather than guessed.

Who counts as a national leader depends on the date too: a name from before the
day its bearer first became one (``data/rhetoric_leader_eras.tsv``: 张春桥 in
1967) names a cadre, not a leader, and is not a reference. A bare 主席 (the
party chairman, 1945-1982) is a leader only where the text or the date says
which chairman, and not after an organisation's name (工会主席, 政协主席) or in a
word (主席台, 主席令). A vice title (副总理, 副委员长) names no national leader.
A name or title that ends a line of the front matter (the lines before the first
sentence or the salutation) is the speaker's byline (国务院总理 / 李　强), not a reference. A
withheld name right before a title (***总书记) is part of that reference; one
before 同志为 and the title (以xx同志为总书记) is a reference of its own, to the
title's holder.

How names and titles combine:

- a title right before a name (国务院总理李强, 委员长 栗战书) is one reference,
  to the name;
- titles in a row joined by 、 (总书记、国家主席、中央军委主席) are one person's
  offices: one reference, at the first;
- a name that is also an ordinary word (汪洋 "vast sea", 万里) or that many
  people bear (李强; column ``ambiguous`` of the table) names the leader only
  in a list of leaders (栗战书、汪洋、赵乐际) or beside a title or 同志 (常委汪洋,
  总理李强): 一片汪洋 is water, and a county head 李强 is not the premier.

Names are matched on the analysis view (:attr:`Document.view
<policytext.document.Document.view>`), so 習(xí)近平 and a name broken by a
line wrap are found; spans are raw.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from ..parsed import ParsedDocument, as_parsed
from ..redaction import ANY_REDACTION
from ..resources import data_table
from ._base import (
    find_terms,
    leftmost_longest,
    read_entries,
    span_frame,
)

if TYPE_CHECKING:
    from ..document import Document

LEADER_COLUMNS = ("section", "sentence", "start", "end", "text", "name", "category")
CATEGORIES = ("leader", "central_body", "central_meeting", "local_body")
CENTRAL = frozenset({"leader", "central_body", "central_meeting"})


# How far before a bare title an explicit name still settles who it is (about a paragraph).
NAME_REACH = 400
# Between two names of a list of leaders (栗战书、汪洋), or a title and the name it goes with (总理 李强).
_LIST_GAP = re.compile(r"[、\s]{0,2}")
_TITLE_GAP = re.compile(r"\s{0,2}")
# Words beside an ordinary-word name that make it a person: 常委汪洋, 汪洋同志, 万里委员长.
_ROLE_BEFORE = re.compile(r"(?:常委|委员|主席|总理|委员长|书记|同志)$")
_ROLE_AFTER = re.compile(r"同志|主席|总理|委员长|副主席|副总理|书记")
# canonical of a title that names no national leader (副总理, 副委员长): listed only so that the
# title inside it (总理) is not read as the holder of the higher office.
NOT_A_LEADER = "none"
# A bare title that is also a common word (主席): a leader only when resolved, and not as the
# chair of an organisation named right before it (工会主席, 政协主席, 执行主席, 名誉主席) nor
# inside a word (主席团, 主席台, 主席令, 主席国).
_ORGANISATION_BEFORE = re.compile(r"[会协委团部厅局处室省市县区州乡镇村校院社联组队行誉副]$")
_WORD_AFTER = re.compile(r"[团台令国位]")
# The names of a leader's thought (习近平新时代中国特色社会主义思想, 邓小平理论): never a byline.
_THOUGHT = re.compile(r"(?:思想|理论)$")
# The body starts at the first sentence end or at the salutation (a line ending in a colon: 各位代表：).
_BODY_START = re.compile(r"[。！？!?]|[：:][ \t\u3000]*(?:\n|$)")
# A withheld name right before a title (***总书记), or before 同志为 and the title (以xx同志为总书记).
_REDACTED_BEFORE = re.compile(r"(?:同志[为為])?\Z")
_REDACTION_REACH = 8


@dataclass(frozen=True, slots=True)
class LeaderName:
    name: str
    category: str
    canonical: str  # "-" for a bare title (总书记): see rhetoric_leader_titles.tsv
    ambiguous: str = ""  # "word" (汪洋) or "name" (李强): it names the leader only with a leader or title beside it

    @property
    def is_title(self) -> bool:
        return self.canonical in ("-", NOT_A_LEADER)

    @property
    def names_a_leader(self) -> bool:
        return self.canonical != NOT_A_LEADER

    @property
    def needs_context(self) -> bool:
        return bool(self.ambiguous)


#: ``(start, end, entry, person)`` of one name found in a text (:func:`leader_hits`).
LeaderHit = tuple[int, int, LeaderName, str]


@dataclass(frozen=True, slots=True)
class TitleHolder:
    title: str
    person: str
    held_from: date
    held_to: date | None  # None: holds it still

    def held_on(self, day: date) -> bool:
        return self.held_from <= day and (self.held_to is None or day < self.held_to)


@lru_cache(maxsize=1)
def leader_names() -> tuple[LeaderName, ...]:
    """The names of ``data/rhetoric_leaders.tsv``."""
    return read_entries("rhetoric_leaders.tsv", LeaderName, ("name", "category", "canonical", "ambiguous"), categories=CATEGORIES, required=3)


@lru_cache(maxsize=1)
def leader_eras() -> dict[str, date]:
    """The day each person first became a national leader, from ``data/rhetoric_leader_eras.tsv``."""
    return {row["person"]: date.fromisoformat(row["from"]) for row in data_table("rhetoric_leader_eras.tsv", ("person", "from"))}


@lru_cache(maxsize=1)
def title_holders() -> tuple[TitleHolder, ...]:
    """Who held each bare title and when, from ``data/rhetoric_leader_titles.tsv``."""
    return tuple(
        TitleHolder(row["title"], row["person"], date.fromisoformat(row["from"]), None if row["to"] == "-" else date.fromisoformat(row["to"]))
        for row in data_table("rhetoric_leader_titles.tsv", ("title", "person", "from", "to"))
    )


def leader_hits(
    source: Document | ParsedDocument, *, categories: frozenset[str] = frozenset(CATEGORIES)
) -> list[LeaderHit]:
    """``(start, end, entry, person)`` for each name in the body, bare titles resolved (person "" when the text does not tell)."""
    parsed = as_parsed(source)
    text = parsed.text
    entries = {entry.name: entry for entry in leader_names() if entry.category in categories}
    hits = leftmost_longest(find_terms(parsed.body, entries, offset=parsed.start))
    period = _document_period(parsed.document)
    hits = [hit for hit in _in_context(text, hits) if _in_office(hit[2], period)]
    hits = _joined_titles(text, hits)
    day = period[0] if period else None
    resolved: list[tuple[int, int, LeaderName, str]] = []
    for s, e, entry, chain_name in hits:
        person = _title_holder(entry.name, s, resolved, day, chain_name) if entry.is_title else entry.canonical
        resolved.append((s, e, entry, person))
    front_end = _front_matter_end(text, parsed.start, parsed.end)
    kept: list[tuple[int, int, LeaderName, str]] = []
    for s, e, entry, person in resolved:
        if not entry.names_a_leader or (entry.is_title and entry.needs_context and not _common_title_names(text, s, e, person)):
            continue
        if entry.category == "leader" and s < front_end and _on_byline(text, s, e, entry):
            continue
        kept.extend(_with_withheld_name(text, s, e, entry, person) if entry.is_title and entry.category == "leader" else [(s, e, entry, person)])
    return kept


def _in_office(entry: LeaderName, period: tuple[date, date] | None) -> bool:
    """False for a person's name in a text from before they became a national leader (张春桥 in 1967)."""
    if period is None or entry.category != "leader" or entry.is_title:
        return True
    since = leader_eras().get(entry.canonical)
    return since is None or period[1] >= since


def _common_title_names(text: str, start: int, end: int, person: str) -> bool:
    """Whether a title that is also a common word (主席) names the leader here: resolved, no organisation's chair."""
    return bool(person) and not _ORGANISATION_BEFORE.search(text, max(0, start - 1), start) and not _WORD_AFTER.match(text, end)


def _front_matter_end(text: str, start: int, end: int) -> int:
    """Where the lines before the first sentence or the salutation (title, occasion, byline) stop."""
    first = _BODY_START.search(text, start, end)
    return end if first is None else text.rfind("\n", start, first.start()) + 1


def _on_byline(text: str, start: int, end: int, entry: LeaderName) -> bool:
    """A name or title ending a line of the front matter: the speaker's byline (国务院总理 / 李　强)."""
    line_end = text.find("\n", end)
    return not _THOUGHT.search(entry.name) and not text[end : len(text) if line_end == -1 else line_end].strip()


def _with_withheld_name(text: str, start: int, end: int, entry: LeaderName, person: str) -> list[tuple[int, int, LeaderName, str]]:
    """A title with the withheld name before it: ***总书记 as one reference, xx同志为总书记 as two."""
    floor = max(0, start - _REDACTION_REACH - 3)
    gap = _REDACTED_BEFORE.search(text, floor, start)
    before = gap.start() if gap else start
    withheld = None
    for match in ANY_REDACTION.finditer(text, floor, before):
        if match.end() == before:
            withheld = match
    if withheld is None:
        return [(start, end, entry, person)]
    if before == start:
        return [(withheld.start(), end, entry, person)]
    return [(withheld.start(), withheld.end(), entry, person), (start, end, entry, person)]


def _is_person(entry: LeaderName) -> bool:
    return entry.category == "leader" and not entry.is_title


def _vouches(entry: LeaderName) -> bool:
    # A leader's name or title beside an ambiguous name makes it a leader's (an ambiguous one does not).
    return entry.category == "leader" and not entry.needs_context


def _in_context(text: str, hits: list[tuple[int, int, LeaderName]]) -> list[tuple[int, int, LeaderName]]:
    """The hits without the ambiguous names (汪洋, 李强) that no leader, title or 同志 stands beside."""
    kept = []
    for index, (s, e, entry) in enumerate(hits):
        if entry.needs_context:
            before = hits[index - 1] if index else None
            after = hits[index + 1] if index + 1 < len(hits) else None
            listed = (before is not None and _vouches(before[2]) and _LIST_GAP.fullmatch(text, before[1], s)) or (
                after is not None and _vouches(after[2]) and _LIST_GAP.fullmatch(text, e, after[0])
            )
            if entry.is_title:
                pass  # a title that is a common word (主席) is judged once resolved (_common_title_names)
            elif not (listed or _ROLE_BEFORE.search(text[max(0, s - 3) : s]) or _ROLE_AFTER.match(text, e)):
                continue
        kept.append((s, e, entry))
    return kept


def _joined_titles(text: str, hits: list[tuple[int, int, LeaderName]]) -> list[tuple[int, int, LeaderName, str]]:
    """Titles joined to the name after them (one reference) and title chains counted once.

    Each hit comes with the person its title chain ends in ("" for none or for a name).
    """
    merged: list[tuple[int, int, LeaderName]] = []
    for s, e, entry in hits:
        if merged and _is_person(entry) and merged[-1][2].is_title and _TITLE_GAP.fullmatch(text, merged[-1][1], s):
            merged[-1] = (merged[-1][0], e, entry)  # 总理李强: the name says who
        else:
            merged.append((s, e, entry))
    found: list[tuple[int, int, LeaderName, str]] = []
    for index, (s, e, entry) in enumerate(merged):
        chained = index > 0 and merged[index - 1][2].is_title and text[merged[index - 1][1] : s] == "、"
        if entry.is_title and chained:
            continue  # 国家主席 in 总书记、国家主席: the same person's other office
        chain_name = ""
        if entry.is_title:
            last = index
            while last + 1 < len(merged) and merged[last + 1][2].is_title and text[merged[last][1] : merged[last + 1][0]] == "、":
                last += 1
            following = merged[last + 1] if last + 1 < len(merged) else None
            if following is not None and _is_person(following[2]) and (
                _TITLE_GAP.fullmatch(text, merged[last][1], following[0]) or text[merged[last][1] : following[0]] == "、"
            ):
                chain_name = following[2].canonical
        found.append((s, e, entry, chain_name))
    return found


def _title_holder(title: str, position: int, earlier: list[tuple[int, int, LeaderName, str]], day: date | None, chain_name: str = "") -> str:
    holders = [holder for holder in title_holders() if holder.title == title]
    named = {holder.person for holder in holders}
    if chain_name in named:
        return chain_name
    near = [person for s, e, entry, person in earlier if entry.canonical in named and position - e <= NAME_REACH]
    if near:
        return near[-1]
    if day is not None:
        return next((holder.person for holder in holders if holder.held_on(day)), "")
    return ""


def _document_period(document: Document) -> tuple[date, date] | None:
    from ..dating import speech_period

    return speech_period(document)


def leader_references(source: Document | ParsedDocument, *, hits: Sequence[LeaderHit] | None = None) -> pd.DataFrame:
    """One row per mention of a leader or central (or local) body, with its canonical name ("" for a title the text does not resolve).

    ``hits`` is :func:`leader_hits`'s list (all categories) when it is already at hand.
    """
    parsed = as_parsed(source)
    if hits is None:
        hits = leader_hits(parsed)
    return span_frame(parsed, [(s, e) for s, e, _, _ in hits], LEADER_COLUMNS,
                      name=[person for _, _, _, person in hits], category=[entry.category for _, _, entry, _ in hits])


def leader_share(source: Document | ParsedDocument, *, references: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences of running text that cite a leader or central body, by category and overall.

    ``references`` is :func:`leader_references`'s table when it is already at hand.
    """
    document = source.document if isinstance(source, ParsedDocument) else source
    sentences = document.sentences
    text_sentences = sentences[sentences.kind.isin(["text", "heading"])]
    references = leader_references(source) if references is None else references
    total = len(text_sentences)
    rows = []
    for label, categories in [*((c, {c}) for c in CATEGORIES), ("leader or central body", set(CENTRAL))]:
        cited = set(references[references.category.isin(categories)].sentence) & set(text_sentences.sentence)
        rows.append(
            {
                "cites": label,
                "sentences": len(cited),
                "of_sentences": total,
                "share": round(len(cited) / total, 4) if total else 0.0,
                "sentence_numbers": " ".join(str(n) for n in sorted(cited)),
            }
        )
    return pd.DataFrame(rows, columns=["cites", "sentences", "of_sentences", "share", "sentence_numbers"])
