"""The reference corpus: central texts and formulations a speech is compared with.

Three inputs are understood:

- a folder of ``.txt`` files in the format of ``data/reference/central/``: a
  ``#`` header (``# title:``, ``# speaker:``, ``# level:``, ``# date:``,
  ``# source:``, ``# completeness:``) closed by ``# ---``, then the text.
  ``## [A] …`` lines divide a file into parts. The header's ``level`` and
  ``date`` may speak of parts (``[A] central; [B] and [C] local``): a part
  that the header calls local never counts as a central source, because a
  file about a central event can carry a local newspaper's commentary on it;
- a JSON-lines corpus, one object a line with ``title``, ``date`` (or
  ``year``) and ``content``, e.g. the government-work-report corpus;
- formulation tables (``tifa.tsv``: ``phrase, source_file, date, category``;
  ``tifa_additions.tsv``: the same plus ``note``).

Offsets are characters of each file's (or record's) raw text, as everywhere
in policytext; matching uses :func:`policytext.normalize.normalize` on that
raw text (same length, same offsets) with whitespace collapsed per sentence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from .errors import PolicytextError
from .normalize import Collapsed, collapse_whitespace, normalize
from .paths import data_dir
from .reading import read_input_bytes

__all__ = [
    "FORMULATION_COLUMNS",
    "Part",
    "ReferenceCorpus",
    "ReferenceDocument",
    "ReferenceSentence",
    "default_reference_dir",
    "load_central_folder",
    "load_formulations",
    "load_jsonl_corpus",
    "load_reference",
    "match_text",
    "parse_reference_text",
]

_HEADER_FIELD = re.compile(r"^#\s*(?P<key>[a-z_]+)\s*:\s*(?P<value>.*?)\s*$")
_HEADER_END = re.compile(r"^#\s*-{3,}\s*$")
_PART_HEADING = re.compile(r"^##(?!#)\s*(?:\[(?P<label>[^\]]+)\])?\s*(?P<rest>.*?)\s*$")
# "# [note] …" lines in a body are the compiler's remarks, not the text.
_COMMENT = re.compile(r"^#(?!#)")
# "[... excerpt ends ...]" marks where a page excerpt stops.
_EDITORIAL = re.compile(r"^\s*\[\s*(?:\.\.\.|…).*\]\s*$")
_PART_LABEL = re.compile(r"\[([A-Za-z0-9]+)\]")
_LEVEL_WORD = re.compile(r"\b(central|national|local|provincial|municipal)\b", re.IGNORECASE)
# 2024-01-31, 2023-09-07/08 (a two-day event: the first day counts), 2024-12.
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?:-(\d{2}))?(?!\d)")
_YEAR_NAMED = re.compile(r"(\d{4})年")
# A secondary source's own date in a part heading: 2024/4/19.
_SLASH_DATE = re.compile(r"(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)")
# A reference sentence ends at a full stop, question or exclamation mark or
# semicolon (with any closing quotes), or at a line end.
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|$)")
_TSV_COLUMNS = ("phrase", "source_file", "date", "category")
FORMULATION_COLUMNS = (
    "formulation", "source_file", "source_id", "date", "category", "origin", "note",
)
_LOCAL = "local"
_CENTRAL = "central"


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of a reference file under one ``## [X]`` heading (or before any)."""

    label: str  # "A", "extra, later text", or "" for text before the first part heading
    heading: str
    level: str  # "central" or "local"
    date: str | None
    start: int  # raw offsets of the part's text, heading line excluded
    end: int


@dataclass(frozen=True, slots=True)
class ReferenceSentence:
    """One sentence of a reference document; ``document.raw[start:end]`` is its text."""

    doc: int  # index into ReferenceCorpus.documents
    part: int  # index into that document's parts
    start: int
    end: int


@dataclass(frozen=True)
class ReferenceDocument:
    """A central text (or a corpus record) with its provenance header."""

    id: str
    title: str
    raw: str
    body_start: int
    parts: tuple[Part, ...]
    speaker: str = ""
    level: str = _CENTRAL
    date: str | None = None
    date_text: str = ""
    source: str = ""
    completeness: str = ""
    path: Path | None = field(default=None, compare=False)

    @cached_property
    def norm(self) -> str:
        """The raw text normalised for matching (same length, same offsets)."""
        return normalize(self.raw)

    @property
    def body(self) -> str:
        return self.raw[self.body_start :]

    def part_at(self, offset: int) -> Part | None:
        for part in self.parts:
            if part.start <= offset < part.end:
                return part
        return None

    def central_text(self) -> str:
        """The raw text of the parts that count as central, joined by newlines."""
        return "\n".join(self.raw[p.start : p.end] for p in self.parts if p.level == _CENTRAL)


def match_text(document: ReferenceDocument, start: int, end: int) -> Collapsed:
    """Normalised, whitespace-free text of ``raw[start:end]``; offsets map back to raw."""
    collapsed = collapse_whitespace(document.norm[start:end])
    return Collapsed(collapsed.text, tuple(start + i for i in collapsed.offsets))


@dataclass(frozen=True)
class ReferenceCorpus:
    """Documents, their sentences and the formulations to look for."""

    documents: tuple[ReferenceDocument, ...]
    formulations: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(FORMULATION_COLUMNS)))
    name: str = "reference"

    @cached_property
    def sentences(self) -> tuple[ReferenceSentence, ...]:
        return tuple(s for i, d in enumerate(self.documents) for s in _split_sentences(d, i))

    @cached_property
    def _by_id(self) -> dict[str, int]:
        return {d.id: i for i, d in enumerate(self.documents)}

    def document(self, doc_id: str) -> ReferenceDocument:
        try:
            return self.documents[self._by_id[doc_id]]
        except KeyError:
            raise PolicytextError(f"no reference document {doc_id!r} in {self.name}") from None

    def sentence_part(self, sentence: ReferenceSentence) -> Part:
        return self.documents[sentence.doc].parts[sentence.part]

    def sentence_text(self, sentence: ReferenceSentence) -> str:
        return self.documents[sentence.doc].raw[sentence.start : sentence.end]

    def sentence_match_text(self, sentence: ReferenceSentence) -> Collapsed:
        return match_text(self.documents[sentence.doc], sentence.start, sentence.end)

    def documents_frame(self) -> pd.DataFrame:
        rows = [
            {
                "source_id": d.id,
                "title": d.title,
                "speaker": d.speaker,
                "level": d.level,
                "date": d.date,
                "date_text": d.date_text,
                "parts": " ".join(f"[{p.label}]={p.level}" for p in d.parts if p.label) or d.level,
                "characters": len(d.raw) - d.body_start,
                "sentences": sum(1 for s in self.sentences if self.documents[s.doc] is d),
                "completeness": d.completeness,
                "source": d.source,
            }
            for d in self.documents
        ]
        return pd.DataFrame(rows, columns=[
            "source_id", "title", "speaker", "level", "date", "date_text", "parts",
            "characters", "sentences", "completeness", "source",
        ])

    def sentences_frame(self) -> pd.DataFrame:
        """One row per reference sentence: where it is, what level and date it carries, its raw text."""
        rows = []
        for number, s in enumerate(self.sentences):
            d = self.documents[s.doc]
            part = d.parts[s.part]
            rows.append({
                "sentence": number,
                "source_id": d.id,
                "part": part.label,
                "level": part.level,
                "date": part.date,
                "start": s.start,
                "end": s.end,
                "text": d.raw[s.start : s.end],
            })
        return pd.DataFrame(rows, columns=["sentence", "source_id", "part", "level", "date", "start", "end", "text"])


# --- parsing ------------------------------------------------------------------------------


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, line) for every line, end excluding the line break."""
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        yield position, position + len(stripped), stripped
        position += len(line)


def _first_date(text: str) -> str | None:
    match = _ISO_DATE.search(text)
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{month}-{day}" if day else f"{year}-{month}"


def _level_word(text: str) -> str | None:
    match = _LEVEL_WORD.search(text)
    if not match:
        return None
    return _CENTRAL if match[1].lower() in {"central", "national"} else _LOCAL


def _labelled(field_text: str, pattern: re.Pattern[str], reader) -> tuple[object, dict[str, object]]:
    """Split a header field like ``[A] central; [B] and [C] local`` into a default and per-label values."""
    default = None
    by_label: dict[str, object] = {}
    for chunk in field_text.split(";"):
        match = pattern.search(chunk)
        if not match:
            continue
        value = reader(chunk)
        # A label qualifies the value it comes before ("[B] 2024-02-19"); one
        # in a trailing remark does not.
        labels = _PART_LABEL.findall(chunk[: match.start()])
        for label in labels:
            by_label.setdefault(label, value)
        if not labels and default is None:
            default = value
    if default is None and by_label:
        default = next(iter(by_label.values()))
    return default, by_label


def parse_reference_text(text: str, *, doc_id: str, path: Path | None = None) -> ReferenceDocument:
    """A reference document from the text of one file (header optional)."""
    header: dict[str, str] = {}
    body_start = 0
    lines = list(_lines(text))
    header_end = next((i for i, (_, _, line) in enumerate(lines) if _HEADER_END.match(line)), None)
    if header_end is not None:
        for _, _, line in lines[:header_end]:
            if match := _HEADER_FIELD.match(line):
                header[match["key"]] = match["value"]
        body_start = lines[header_end + 1][0] if header_end + 1 < len(lines) else len(text)
    level_text = header.get("level", "")
    date_text = header.get("date", "")
    default_level, part_levels = _labelled(level_text, _LEVEL_WORD, _level_word)
    default_date, part_dates = _labelled(date_text, _ISO_DATE, _first_date)
    default_level = default_level or _CENTRAL
    parts = _parse_parts(
        text, body_start, lines,
        default_level=str(default_level), part_levels=part_levels,
        default_date=default_date, part_dates=part_dates, all_dates=_ISO_DATE.findall(date_text),
    )
    return ReferenceDocument(
        id=doc_id,
        title=header.get("title", doc_id),
        raw=text,
        body_start=body_start,
        parts=parts,
        speaker=header.get("speaker", ""),
        level=str(default_level),
        date=default_date,
        date_text=date_text,
        source=header.get("source", ""),
        completeness=header.get("completeness", ""),
        path=path,
    )


def _part_date(heading: str, label: str, *, default_date, part_dates, all_dates) -> str | None:
    # A heading that carries its own date ("人民日报头版 2025-02-07") is dated by it;
    # else the header's date for its label; else a header date in the year the
    # heading names ("《求是》2025年第22期"); else the document's date.
    if own := _first_date(heading):
        return own
    if slashed := _SLASH_DATE.search(heading):
        return f"{slashed[1]}-{int(slashed[2]):02d}-{int(slashed[3]):02d}"
    first_label = _PART_LABEL.findall(f"[{label}]")
    if first_label and first_label[0] in part_dates:
        return part_dates[first_label[0]]
    for year in _YEAR_NAMED.findall(heading):
        for y, m, d in all_dates:
            if y == year and (default_date is None or not default_date.startswith(year)):
                return f"{y}-{m}-{d}" if d else f"{y}-{m}"
    return default_date


def _parse_parts(text, body_start, lines, *, default_level, part_levels, default_date, part_dates, all_dates) -> tuple[Part, ...]:
    parts: list[Part] = []
    label, heading, start = "", "", body_start
    for line_start, line_end, line in lines:
        if line_start < body_start:
            continue
        match = _PART_HEADING.match(line)
        if not match:
            continue
        if line_start > start:
            parts.append(_make_part(label, heading, start, line_start, default_level, part_levels, default_date, part_dates, all_dates))
        label, heading = (match["label"] or "").strip(), line.lstrip("#").strip()
        start = min(line_end + 1, len(text))
    if len(text) > start or not parts:
        parts.append(_make_part(label, heading, start, len(text), default_level, part_levels, default_date, part_dates, all_dates))
    return tuple(parts)


def _make_part(label, heading, start, end, default_level, part_levels, default_date, part_dates, all_dates) -> Part:
    key = label.split(",")[0].strip()
    level = part_levels.get(key, default_level)
    date = _part_date(heading, key, default_date=default_date, part_dates=part_dates, all_dates=all_dates)
    return Part(label=label, heading=heading, level=str(level), date=date, start=start, end=end)


def _split_sentences(document: ReferenceDocument, doc_index: int) -> Iterator[ReferenceSentence]:
    for part_index, part in enumerate(document.parts):
        for line_start, _, line in _lines(document.raw[part.start : part.end]):
            if not line.strip() or _COMMENT.match(line) or _EDITORIAL.match(line):
                continue
            offset = part.start + line_start
            for match in _SENTENCE.finditer(line):
                piece = match.group()
                if not piece.strip():
                    continue
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece) - len(piece.rstrip())
                yield ReferenceSentence(doc_index, part_index, offset + match.start() + lead, offset + match.end() - trail)


# --- loading ------------------------------------------------------------------------------


def default_reference_dir() -> Path:
    """``data/reference/`` of the project."""
    return data_dir("reference")


def _read_text(path: Path) -> str:
    # Bounded: a reference folder may hold a symlink to a device or a huge file.
    data = read_input_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PolicytextError(f"{path}: not UTF-8 text") from None


def load_central_folder(folder: str | Path) -> tuple[ReferenceDocument, ...]:
    """Every ``*.txt`` in ``folder`` (sorted by name) as a reference document."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PolicytextError(f"{folder}: reference folder not found")
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise PolicytextError(f"{folder}: no .txt reference texts in this folder")
    return tuple(parse_reference_text(_read_text(f), doc_id=f.stem, path=f) for f in files)


def load_jsonl_corpus(path: str | Path, *, limit_chars: int | None = None, level: str = _CENTRAL) -> tuple[ReferenceDocument, ...]:
    """A JSON-lines corpus (``title``, ``date`` or ``year``, ``content``) as reference documents.

    ``limit_chars`` stops after the records whose content adds up to that many
    characters (benchmarks use it to take a share of a corpus).
    """
    path = Path(path)
    if not path.is_file():
        raise PolicytextError(f"{path}: reference corpus not found")
    documents = []
    total = 0
    for lineno, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            raise PolicytextError(f"{path.name}:{lineno}: not a JSON object") from None
        if not isinstance(record, dict) or not isinstance(record.get("content"), str):
            raise PolicytextError(f"{path.name}:{lineno}: expected an object with a text 'content'")
        content = record["content"]
        date = record.get("date") if record.get("date") is not None else record.get("year")
        date = _first_date(str(date)) or (str(date) if date is not None and str(date).strip() else None)
        title = str(record.get("title") or f"{path.stem}:{lineno}")
        documents.append(ReferenceDocument(
            id=f"{path.stem}:{lineno}",
            title=title,
            raw=content,
            body_start=0,
            parts=(Part("", "", level, date, 0, len(content)),),
            level=level,
            date=date,
            date_text="" if date is None else str(date),
            source=str(record.get("url", "")),
            path=path,
        ))
        total += len(content)
        if limit_chars is not None and total >= limit_chars:
            break
    if not documents:
        raise PolicytextError(f"{path}: no records")
    return tuple(documents)


def _read_tsv(path: Path, *, extra: tuple[str, ...] = ()) -> list[dict[str, str]]:
    rows = []
    lines = _read_text(path).splitlines()
    if not lines:
        raise PolicytextError(f"{path}: empty formulation table")
    columns = lines[0].split("\t")
    expected = list(_TSV_COLUMNS) + list(extra)
    if columns != expected:
        raise PolicytextError(f"{path.name}: expected columns {', '.join(expected)}, got {', '.join(columns)}")
    for lineno, line in enumerate(lines[1:], 2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != len(columns) or not fields[0].strip():
            raise PolicytextError(f"{path.name}:{lineno}: expected {len(columns)} tab-separated fields")
        rows.append(dict(zip(columns, (f.strip() for f in fields))))
    return rows


def load_formulations(tifa: str | Path | None = None, additions: str | Path | None = None) -> pd.DataFrame:
    """Central formulations: ``tifa.tsv`` and the documented additions and corrections.

    A row of ``tifa_additions.tsv`` with the same phrase as a ``tifa.tsv`` row
    replaces it (``origin`` "correction", e.g. an earlier source); the others
    are added ("addition"). Defaults: the two files in ``data/reference/``.
    """
    reference = default_reference_dir()
    tifa = Path(tifa) if tifa is not None else reference / "tifa.tsv"
    additions = Path(additions) if additions is not None else (tifa.parent / "tifa_additions.tsv")
    if not tifa.is_file():
        raise PolicytextError(f"{tifa}: formulation table not found")
    rows = {r["phrase"]: {**r, "origin": "tifa", "note": ""} for r in _read_tsv(tifa)}
    if additions.is_file():
        for r in _read_tsv(additions, extra=("note",)):
            key = r["phrase"]
            rows[key] = {**r, "origin": "correction" if key in rows else "addition"}
    frame = pd.DataFrame(list(rows.values()))
    frame = frame.rename(columns={"phrase": "formulation"})
    frame["source_id"] = frame.source_file.str.removesuffix(".txt")
    return frame[list(FORMULATION_COLUMNS)].reset_index(drop=True)


def load_reference(path: str | Path | None = None, *, formulations: pd.DataFrame | None = None) -> ReferenceCorpus:
    """The reference corpus at ``path``: ``data/reference/`` by default.

    ``path`` may be a folder holding ``central/`` (and ``tifa.tsv``), a folder
    of reference ``.txt`` files, or a ``.jsonl`` corpus. Formulations come from
    a ``tifa.tsv`` in the folder or beside it, else from ``data/reference/``.
    """
    path = Path(path) if path is not None else default_reference_dir()
    if path.is_dir():
        folder = path / "central" if (path / "central").is_dir() else path
        documents = load_central_folder(folder)
        tifa_candidates = [folder / "tifa.tsv", folder.parent / "tifa.tsv"]
    elif path.is_file():
        if path.suffix.lower() not in {".jsonl", ".ndjson", ".json"}:
            raise PolicytextError(f"{path}: a reference must be a folder of .txt texts or a .jsonl corpus")
        documents = load_jsonl_corpus(path)
        tifa_candidates = []
    else:
        raise PolicytextError(f"{path}: reference not found (expected a folder or a .jsonl file)")
    if formulations is None:
        tifa = next((c for c in tifa_candidates if c.is_file()), default_reference_dir() / "tifa.tsv")
        formulations = load_formulations(tifa) if tifa.is_file() else pd.DataFrame(columns=list(FORMULATION_COLUMNS))
    return ReferenceCorpus(documents=documents, formulations=formulations, name=str(path))
