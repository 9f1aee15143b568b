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
import lzma
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from .errors import PolicytextError
from .normalize import Collapsed, collapse_whitespace, normalize
from .reading import max_input_bytes, read_input_bytes
from .textfacts import CLOSING_QUOTES, SENTENCE_ENDS, char_class, full_width

__all__ = [
    "FORMULATION_COLUMNS",
    "Part",
    "ReferenceCorpus",
    "ReferenceDocument",
    "ReferenceSentence",
    "default_reference_dir",
    "document_sentences",
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
_REFERENCE_ENDS = SENTENCE_ENDS + "；;"
_SENTENCE = re.compile(
    rf"[^{re.escape(_REFERENCE_ENDS)}\n]*(?:{char_class(_REFERENCE_ENDS)}+{char_class(full_width(CLOSING_QUOTES) + '）)')}*|$)"
)
_TSV_COLUMNS = ("phrase", "source_file", "date", "category")
FORMULATION_COLUMNS = (
    "formulation", "source_file", "source_id", "date", "category", "origin", "note",
)
_LOCAL = "local"
_CENTRAL = "central"
_COMPRESSED = (".xz", ".gz")
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
# A dateline at the head of a report: "——2024年3月5日在第十四届…" or "（2022年10月16日）" on its own line.
_CN_DATE_DIGIT = "〇零○一二三四五六七八九十"
_DATELINE = re.compile(
    rf"(?:^|\n)[ \t\u3000]*(?:——|（|\()?[ \t\u3000]*"
    rf"(?P<year>\d{{4}}|[{_CN_DATE_DIGIT}]{{4}})年(?P<month>\d{{1,2}}|[{_CN_DATE_DIGIT}]{{1,2}})月"
    rf"(?P<day>\d{{1,2}}|[{_CN_DATE_DIGIT}]{{1,3}})日[ \t\u3000]*(?:）|\))?[ \t\u3000]*(?:在|$|\n)"
)
_DATELINE_REACH = 400
_CN_DIGITS = MappingProxyType({**{c: i for i, c in enumerate("〇一二三四五六七八九")}, "零": 0, "○": 0})
# 第十四届全国人民代表大会第二次会议: the session an NPC resolution comes from.
_NPC_SESSION = re.compile(r"第(?P<term>[一二三四五六七八九十]+)届全国人民代表大会第(?P<session>[一二三四五六七八九十]+)次会议")


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
    # The file a document comes from, by stem: "central" for the #-header texts, a JSON-lines corpus's name.
    collection: str = _CENTRAL

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
        return tuple(s for i, d in enumerate(self.documents) for s in document_sentences(d, i))

    @cached_property
    def _by_id(self) -> dict[str, int]:
        return {d.id: i for i, d in enumerate(self.documents)}

    def subset(self, *, collections: tuple[str, ...]) -> ReferenceCorpus | None:
        """The documents of the given collections (None if there are none), with the same formulations."""
        chosen = tuple(d for d in self.documents if d.collection in collections)
        return ReferenceCorpus(chosen, self.formulations, name=self.name) if chosen else None

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
        counts = [0] * len(self.documents)
        for s in self.sentences:
            counts[s.doc] += 1
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
                "sentences": count,
                "completeness": d.completeness,
                "source": d.source,
                "collection": d.collection,
            }
            for d, count in zip(self.documents, counts)
        ]
        return pd.DataFrame(rows, columns=[
            "source_id", "title", "speaker", "level", "date", "date_text", "parts",
            "characters", "sentences", "completeness", "source", "collection",
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


def document_sentences(document: ReferenceDocument, doc_index: int) -> Iterator[ReferenceSentence]:
    """The sentences of one document (``doc_index``: its number in the corpus), part by part."""
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
    """The bundled reference corpus (package data), so the comparison works from any folder."""
    return Path(str(resources.files("policytext").joinpath("data", "reference")))


def _read_text(path: Path) -> str:
    # Bounded: a reference folder may hold a symlink to a device or a huge file.
    data = read_input_bytes(path)
    if path.suffix.lower() in _COMPRESSED:
        data = _decompress(path, data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PolicytextError(f"{path}: not UTF-8 text") from None


def _decompress(path: Path, data: bytes) -> bytes:
    """The content of an xz or gzip file, bounded like any input (a small file may expand to gigabytes)."""
    limit = max_input_bytes()
    kind = path.suffix.lower()
    decompressor = lzma.LZMADecompressor() if kind == ".xz" else zlib.decompressobj(wbits=31)
    try:
        out = decompressor.decompress(data, limit + 1) if kind == ".gz" else decompressor.decompress(data, max_length=limit + 1)
    except (lzma.LZMAError, zlib.error, EOFError):
        raise PolicytextError(f"{path}: cannot be read (not {kind[1:]} data)") from None
    if len(out) > limit:
        raise PolicytextError(f"{path}: larger than {limit:,} bytes once decompressed")
    if not decompressor.eof:
        raise PolicytextError(f"{path}: cannot be read (truncated {kind[1:]} data)")
    return out


def _is_jsonl(path: Path) -> bool:
    name = path.name.lower()
    for suffix in _COMPRESSED:
        name = name.removesuffix(suffix)
    return name.endswith(_JSONL_SUFFIXES)


def _corpus_stem(path: Path) -> str:
    """``government_work_reports`` for ``government_work_reports.jsonl.xz``."""
    name = path.name
    for suffix in _COMPRESSED:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    for suffix in _JSONL_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def load_central_folder(folder: str | Path) -> tuple[ReferenceDocument, ...]:
    """Every ``*.txt`` in ``folder`` (sorted by name) as a reference document."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PolicytextError(f"{folder}: reference folder not found")
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise PolicytextError(f"{folder}: no .txt reference texts in this folder")
    return tuple(parse_reference_text(_read_text(f), doc_id=f.stem, path=f) for f in files)


@dataclass(frozen=True)
class _DateTables:
    """Known delivery dates by (corpus, key) and the first-session year of each NPC term."""

    dates: dict[tuple[str, str], str]
    npc_terms: dict[int, int]


def _date_tables(folder: Path) -> _DateTables:
    dates: dict[tuple[str, str], str] = {}
    terms: dict[int, int] = {}
    table = folder / "dates.tsv"
    if table.is_file():
        for row in _read_rows(table, ("corpus", "key", "date", "note")):
            dates[(row["corpus"], row["key"])] = row["date"]
    table = folder / "npc_terms.tsv"
    if table.is_file():
        for row in _read_rows(table, ("term", "first_session_year", "note")):
            terms[int(row["term"])] = int(row["first_session_year"])
    return _DateTables(dates, terms)


def _cn_number(text: str) -> int:
    """12, "十二", "二十六", "一九六九" (digit by digit) as an integer."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _record_date(record: dict, content: str, corpus: str, tables: _DateTables) -> str | None:
    """A record's date: its own ``date``, a dateline at its head, the date table, the NPC session, its year."""
    if record.get("date") is not None and str(record["date"]).strip():
        value = str(record["date"]).strip()
        return _first_date(value) or value
    if match := _DATELINE.search(content[:_DATELINE_REACH]):
        year, month, day = (_cn_number(g) for g in match.group("year", "month", "day"))
        return f"{year:04d}-{month:02d}-{day:02d}"
    for key in ("year", "congress"):
        value = record.get(key)
        if value is not None and (found := tables.dates.get((corpus, str(value)))):
            return found
    if match := _NPC_SESSION.search(str(record.get("title", ""))):
        term, session = _cn_number(match["term"]), _cn_number(match["session"])
        if term in tables.npc_terms:
            return str(tables.npc_terms[term] + session - 1)
    year = record.get("year")
    return str(year).strip() if year is not None and str(year).strip() else None


def load_jsonl_corpus(path: str | Path, *, limit_chars: int | None = None, level: str = _CENTRAL) -> tuple[ReferenceDocument, ...]:
    """A JSON-lines corpus (``title``, ``date``/``year``/``congress``, ``content``, ``url``) as reference documents.

    The file may be compressed (``.jsonl.xz``, ``.jsonl.gz``). A record
    without a ``date`` is dated by a dateline at its head (——2024年3月5日在…;
    （2022年10月16日）), else by ``dates.tsv`` beside the file (corpus, year or
    congress → date), else, for an NPC resolution, by the year of its session
    (``npc_terms.tsv``), else by its ``year``. ``limit_chars`` stops after the
    records whose content adds up to that many characters (benchmarks use it
    to take a share of a corpus).
    """
    path = Path(path)
    if not path.is_file():
        raise PolicytextError(f"{path}: reference corpus not found")
    corpus = _corpus_stem(path)
    tables = _date_tables(path.parent)
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
        date = _record_date(record, content, corpus, tables)
        title = str(record.get("title") or f"{corpus}:{lineno}")
        documents.append(ReferenceDocument(
            id=f"{corpus}:{lineno}",
            title=title,
            raw=content,
            body_start=0,
            parts=(Part("", "", level, date, 0, len(content)),),
            level=level,
            date=date,
            date_text="" if date is None else str(date),
            source=str(record.get("url", "")),
            path=path,
            collection=corpus,
        ))
        total += len(content)
        if limit_chars is not None and total >= limit_chars:
            break
    if not documents:
        raise PolicytextError(f"{path}: no records")
    return tuple(documents)


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    lines = _read_text(path).splitlines()
    if not lines or tuple(lines[0].split("\t")) != columns:
        raise PolicytextError(f"{path.name}: expected columns {', '.join(columns)}")
    rows = []
    for lineno, line in enumerate(lines[1:], 2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != len(columns):
            raise PolicytextError(f"{path.name}:{lineno}: expected {len(columns)} tab-separated fields")
        rows.append(dict(zip(columns, (f.strip() for f in fields))))
    return rows


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


def _load_one(path: Path) -> tuple[tuple[ReferenceDocument, ...], list[Path]]:
    """The documents at ``path`` and where a ``tifa.tsv`` for them may be."""
    if path.is_dir():
        documents: list[ReferenceDocument] = []
        central = path / "central" if (path / "central").is_dir() else path
        corpora = path / "corpora" if (path / "corpora").is_dir() else path
        if any(central.glob("*.txt")):
            documents += load_central_folder(central)
        for corpus in sorted(p for p in corpora.iterdir() if p.is_file() and _is_jsonl(p)):
            documents += load_jsonl_corpus(corpus)
        if not documents:
            raise PolicytextError(f"{path}: no reference texts in this folder (.txt with a # header, or .jsonl)")
        return tuple(documents), [central / "tifa.tsv", path / "tifa.tsv"]
    if path.is_file():
        if _is_jsonl(path):
            return load_jsonl_corpus(path), []
        if path.suffix.lower() == ".txt":
            return (parse_reference_text(_read_text(path), doc_id=path.stem, path=path),), []
        raise PolicytextError(f"{path}: a reference must be a folder, a .txt with a # header or a .jsonl corpus")
    raise PolicytextError(f"{path}: reference not found (expected a folder, a .txt or a .jsonl file)")


def load_reference(
    path: str | Path | Sequence[str | Path] | None = None,
    *,
    add: Sequence[str | Path] = (),
    formulations: pd.DataFrame | None = None,
) -> ReferenceCorpus:
    """The reference corpus: the bundled one by default, or what ``path`` names, plus ``add``.

    ``path`` (one or several) replaces the bundled corpus; ``add`` adds to
    whichever corpus ``path`` gives. Each may be a folder (``central/*.txt``
    and ``corpora/*.jsonl[.xz|.gz]``, or such files directly), a ``.txt``
    with a ``#`` header, or a JSON-lines corpus. Two documents with one id
    are an error. Formulations come from a ``tifa.tsv`` in the first folder,
    else from the bundled corpus.
    """
    if path is None:
        paths = [default_reference_dir()]
    elif isinstance(path, (str, Path)):
        paths = [Path(path)]
    else:
        paths = [Path(p) for p in path]
    paths += [Path(p) for p in add]
    documents: list[ReferenceDocument] = []
    tifa_candidates: list[Path] = []
    for one in paths:
        found, tifa = _load_one(one)
        documents += found
        tifa_candidates += tifa
    seen: set[str] = set()
    for d in documents:
        if d.id in seen:
            raise PolicytextError(f"reference document {d.id!r} is given twice")
        seen.add(d.id)
    if formulations is None:
        tifa = next((c for c in tifa_candidates if c.is_file()), default_reference_dir() / "tifa.tsv")
        formulations = load_formulations(tifa) if tifa.is_file() else pd.DataFrame(columns=list(FORMULATION_COLUMNS))
    name = " + ".join(str(p) for p in paths)
    return ReferenceCorpus(documents=tuple(documents), formulations=formulations, name=name)
