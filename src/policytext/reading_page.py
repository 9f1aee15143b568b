"""The reading page: one self-contained HTML file that shows every layer of the analysis on the text itself.

An analyst's first question about a speech is "show me where". The page lays
the raw text out under its outline (a table of contents with section lengths),
shows site furniture and redactions as such, marks the truncation, and lets the
reader turn layers on and off: quotations by kind (leader quotations with the
speaker), formulas, parallelism groups (members linked), directive language,
indicators, and reuse of central wording (class, source and date, and the edit
view on click). A side panel gives the document's profile and links to the
figures.

The page takes the tables (the same rows the CSVs hold, raw offsets and all)
and the document's raw text; it computes nothing of its own. It needs no
network: the font (a subset of the bundled one, cut to the characters on the
page), the styles and the script are inline. The output is deterministic:
the same inputs give the same bytes.
"""

from __future__ import annotations

import base64
import difflib
import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from .document import Document
from .output import atomic_write

#: Layers in the order of the panel: (key, English label, Chinese label).
LAYERS: tuple[tuple[str, str, str], ...] = (
    ("quotations", "Quotations", "引语"),
    ("leaders", "Leader references", "领导人"),
    ("formulas", "Formulas", "提法"),
    ("parallelism", "Parallelism", "排比"),
    ("directives", "Directive language", "指令语"),
    ("indicators", "Indicators", "指标"),
    ("reuse", "Central reuse", "中央表述"),
    ("redactions", "Redactions", "隐去"),
    ("furniture", "Site furniture", "网站附加"),
)
_REUSE_CLASSES = ("verbatim", "near-verbatim", "paraphrase", "stock formula")
_UI = MappingProxyType({  # interface labels: English, Chinese
    "outline": ("Outline", "提纲"),
    "layers": ("Layers", "图层"),
    "details": ("Details", "详情"),
    "profile": ("Profile", "概况"),
    "figures": ("Figures", "图表"),
    "hint": ("Click or press Enter on marked text for details; n / p: next / previous mark of the layers shown.",
             "点击或按回车查看标注详情；n / p：下一处 / 上一处标注。"),
    "truncated": ("The text is cut off here", "正文在此截断"),
    "chars": ("characters", "字"),
    "language": ("中文", "English"),
})


@dataclass(frozen=True, slots=True)
class Mark:
    """One annotation: a raw span, its layer, a CSS class and what the details panel shows."""

    id: str
    layer: str
    css: str
    start: int
    end: int
    info: tuple[tuple[str, str], ...]
    group: str = ""


@dataclass(frozen=True, slots=True)
class FigureLink:
    name: str
    caption: str
    files: tuple[str, ...]  # relative paths: png, svg, csv


# --- marks from tables -------------------------------------------------------------------------


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows(table: pd.DataFrame | None) -> list[dict]:
    if table is None or table.empty:
        return []
    return table.to_dict("records")


def _info(row: dict, *fields: str) -> tuple[tuple[str, str], ...]:
    return tuple((field, _text(row.get(field))) for field in fields if _text(row.get(field)))


def edit_view(local: str, source: str) -> str:
    """The local wording against the source, character by character, as HTML: <del> source only, <ins> local only."""
    matcher = difflib.SequenceMatcher(None, source, local, autojunk=False)
    parts = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            parts.append(html.escape(source[a0:a1]))
            continue
        if a1 > a0:
            parts.append(f"<del>{html.escape(source[a0:a1])}</del>")
        if b1 > b0:
            parts.append(f"<ins>{html.escape(local[b0:b1])}</ins>")
    return "".join(parts)


def marks(document: Document, tables: Mapping[str, pd.DataFrame]) -> list[Mark]:
    """Every annotation of the tables, one mark per row, with raw offsets."""
    out: list[Mark] = []
    for i, span in enumerate(document.boilerplate):
        out.append(Mark(f"b{i}", "furniture", "furniture", span.start, span.end,
                        (("kind", span.kind), ("text", span.text))))
    for i, span in enumerate(document.redactions):
        out.append(Mark(f"x{i}", "redactions", "redaction", span.start, span.end, (("hidden", span.text),)))
    for row in _rows(tables.get("quotations")):
        kind = _text(row.get("kind"))
        out.append(Mark(f"q{row['quotation']}", "quotations", f"quote-{kind}", int(row["start"]), int(row["end"]),
                        _info(row, "kind", "speaker", "rule", "section")))
    for i, row in enumerate(_rows(tables.get("leader_references"))):
        out.append(Mark(f"l{i}", "leaders", "leader", int(row["start"]), int(row["end"]),
                        _info(row, "name", "category", "section")))
    for i, row in enumerate(_rows(tables.get("formulas"))):
        out.append(Mark(f"f{i}", "formulas", "formula", int(row["start"]), int(row["end"]),
                        _info(row, "text", "kind", "number", "head", "section")))
    for row in _rows(tables.get("parallelisms")):
        group = _text(row.get("group"))
        out.append(Mark(f"p{group}-{row['member']}", "parallelism", "parallel", int(row["start"]), int(row["end"]),
                        _info(row, "group", "member", "template", "section"), group=f"g{group}"))
    for i, row in enumerate(_rows(tables.get("directives"))):
        out.append(Mark(f"d{i}", "directives", "directive", int(row["start"]), int(row["end"]),
                        _info(row, "term", "category", "gloss", "section")))
    for i, row in enumerate(_rows(tables.get("indicators"))):
        hidden = bool(row.get("redacted"))
        info = _info(row, "indicator", "raw", "value", "unit", "kind", "qualifier", "year", "period", "section")
        out.append(Mark(f"i{i}", "indicators", "indicator hidden" if hidden else "indicator",
                        int(row["start"]), int(row["end"]), info + ((("hidden value", "yes"),) if hidden else ())))
    clauses = tables.get("clauses")
    if clauses is not None and not clauses.empty:
        for i, row in enumerate(_rows(clauses[clauses["class"] != "local"])):
            cls = _text(row.get("class"))
            start = int(row.get("aligned_start", row["start"]) if pd.notna(row.get("aligned_start")) else row["start"])
            end = int(row.get("aligned_end", row["end"]) if pd.notna(row.get("aligned_end")) else row["end"])
            info = _info(row, "class", "source_title", "source_date", "similarity", "edits", "section")
            local = document.raw[start:end]
            info += (("edit view", edit_view(local, _text(row.get("source_text")))),)
            out.append(Mark(f"r{i}", "reuse", "reuse-" + cls.replace(" ", "-"), start, end, info))
    return [m for m in out if 0 <= m.start < m.end <= len(document.raw)]


# --- layout -----------------------------------------------------------------------------------


def _segments(length: int, cuts: set[int], marks_: Sequence[Mark]) -> list[tuple[int, int, tuple[Mark, ...]]]:
    """The raw text cut at every mark edge and every given cut, each piece with the marks that cover it."""
    points = sorted({0, length, *cuts, *(m.start for m in marks_), *(m.end for m in marks_)})
    starts: dict[int, list[Mark]] = {}
    for m in marks_:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    pieces = []
    for a, b in zip(points, points[1:]):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        pieces.append((a, b, tuple(sorted(active, key=lambda m: (m.start, -m.end, m.id)))))
    return pieces


def _piece_html(raw: str, a: int, b: int, covering: tuple[Mark, ...]) -> str:
    text = html.escape(raw[a:b])
    if not covering:
        return text
    classes = sorted({m.css for m in covering} | {f"L-{m.layer}" for m in covering} | {m.group for m in covering if m.group})
    ids = " ".join(m.id for m in covering)
    return f'<span class="m {" ".join(classes)}" data-m="{ids}" data-at="{a}" tabindex="0">{text}</span>'


def _blocks(document: Document) -> list[tuple[int, int, str]]:
    """The page's blocks in raw order: (start, end, tag), tiling the raw text."""
    outline = document.outline
    levels = {s.id: s.level for s in outline.walk()}
    blocks: list[tuple[int, int, str]] = []
    if document.body_start > 0:
        blocks.append((0, document.body_start, "div.outside"))
    previous_paragraph = None
    for sentence in outline.sentences:
        if sentence.kind == "heading":
            tag = f"h{min(6, levels.get(sentence.section, 1) + 1)}"
        elif sentence.kind == "title":
            tag = "div.title"
        elif sentence.kind == "salutation":
            tag = "p.salutation"
        else:
            tag = "p"
        if tag == "p" and blocks and blocks[-1][2] == "p" and sentence.paragraph == previous_paragraph \
                and blocks[-1][1] == sentence.start:
            blocks[-1] = (blocks[-1][0], sentence.end, "p")
        else:
            blocks.append((sentence.start, sentence.end, tag))
        previous_paragraph = sentence.paragraph
    if blocks and blocks[-1][1] < document.body_end:
        blocks.append((blocks[-1][1], document.body_end, "p"))
    if document.body_end < len(document.raw):
        blocks.append((document.body_end, len(document.raw), "div.outside"))
    return blocks


def _open(tag: str, extra: str = "") -> tuple[str, str]:
    name, _, cls = tag.partition(".")
    attr = f' class="{cls}"' if cls else ""
    return f"<{name}{attr}{extra}>", f"</{name}>"


def _text_html(document: Document, marks_: Sequence[Mark]) -> str:
    raw = document.raw
    blocks = _blocks(document)
    section_at = {s.start: s for s in document.outline.walk() if s.level > 0}
    cuts = {a for a, _, _ in blocks} | {b for _, b, _ in blocks}
    pieces = _segments(len(raw), cuts, marks_)
    out, k = [], 0
    for a, b, tag in blocks:
        anchor = f' id="sec-{html.escape(section_at[a].id)}"' if a in section_at else ""
        opening, closing = _open(tag, anchor)
        out.append(opening)
        while k < len(pieces) and pieces[k][0] < b:
            out.append(_piece_html(raw, *pieces[k]))
            k += 1
        out.append(closing)
    if document.truncated:
        out.append(f'<p class="cut" role="note">✂ <span data-l="truncated"></span>: '
                   f"{html.escape(document.truncation.reason)}</p>")
    return "".join(out)


def _toc_html(document: Document) -> str:
    def item(section) -> str:
        length = section.end - section.start
        label = html.escape(f"{section.marker}{section.title}" if section.marker else section.title or section.id)
        children = "".join(item(c) for c in section.children)
        nested = f"<ul>{children}</ul>" if children else ""
        return (f'<li><a href="#sec-{html.escape(section.id)}">{label}</a> '
                f'<span class="len">{length:,} <span data-l="chars"></span></span>{nested}</li>')

    tops = [s for s in document.outline.sections if s.level > 0] if hasattr(document.outline, "sections") else []
    if not tops:
        tops = [s for s in document.outline.walk() if s.level == 1]
    return "<ul>" + "".join(item(s) for s in tops) + "</ul>"


def profile_rows(document: Document, tables: Mapping[str, pd.DataFrame], marks_: Sequence[Mark]) -> list[tuple[str, str]]:
    """The document's profile in a few lines (the headline numbers of notebooks 00-03)."""
    body = document.body_end - document.body_start
    count = {layer: sum(1 for m in marks_ if m.layer == layer) for layer, _, _ in LAYERS}
    rows = [
        ("characters in the body", f"{body:,}"),
        ("sections", str(sum(1 for s in document.outline.walk() if s.level > 0))),
        ("site furniture (spans)", str(count["furniture"])),
        ("redactions", str(count["redactions"])),
        ("truncated", document.truncation.reason if document.truncated else "no"),
    ]
    quotes = tables.get("quotations")
    if quotes is not None and not quotes.empty:
        kinds = quotes["kind"].value_counts().sort_index()
        rows.append(("quotations", ", ".join(f"{k} {v}" for k, v in kinds.items())))
    rows.append(("formulas", str(count["formulas"])))
    groups = tables.get("parallelisms")
    rows.append(("parallelism groups", str(groups["group"].nunique() if groups is not None and not groups.empty else 0)))
    rows.append(("directive words per 1,000 characters", f"{1000 * count['directives'] / body:.1f}" if body else "0"))
    indicators = tables.get("indicators")
    hidden = int(indicators["redacted"].astype(bool).sum()) if indicators is not None and not indicators.empty else 0
    rows.append(("quantitative claims", f"{count['indicators']} ({hidden} hidden)"))
    clauses = tables.get("clauses")
    if clauses is not None and not clauses.empty:
        lengths = clauses["end"] - clauses["start"]
        reused = lengths[clauses["class"] != "local"].sum()
        rows.append(("share of clause characters reusing central wording", f"{reused / max(1, lengths.sum()):.0%}"))
    return rows


def _font_face(text: str) -> str:
    """The bundled font cut to the page's characters, as an inline @font-face (no network, a small page)."""
    from .figures.fonts import font_subset

    data = base64.b64encode(font_subset(text)).decode("ascii")
    return f'@font-face{{font-family:"PolicytextCJK";src:url(data:font/ttf;base64,{data}) format("truetype");}}'


_CSS = """
:root{--ink:#1b1b1b;--muted:#6b6b6b;--line:#ddd;--bg:#fff;
--q-leader:#cfe3ff;--q-other:#eee6ff;--formula:#ffe3b3;--parallel:#d8f3dc;--directive:#6a3d9a;
--ind:#fff2a8;--hidden:#e66101;--verbatim:#e66101;--near:#fdb863;--para:#b2abd2;--stock:#c7c7c7}
*{box-sizing:border-box}
body{margin:0;font-family:"PolicytextCJK",sans-serif;color:var(--ink);background:var(--bg);line-height:1.8}
header{padding:.8rem 1.2rem;border-bottom:1px solid var(--line)}
header h1{font-size:1.25rem;margin:0}
header .meta{color:var(--muted);font-size:.85rem}
#wrap{display:grid;grid-template-columns:16rem minmax(0,1fr) 22rem;gap:1rem;padding:0 1rem}
nav,aside{font-size:.85rem;position:sticky;top:0;max-height:100vh;overflow:auto;padding:.5rem 0}
nav ul{padding-left:1rem;margin:.2rem 0}
nav .len{color:var(--muted);font-size:.75rem}
main{max-width:46rem;font-size:1.05rem;white-space:pre-wrap}
main h2,main h3,main h4,main h5{white-space:pre-wrap;margin:1.2rem 0 .4rem}
main h2{font-size:1.2rem}main h3{font-size:1.08rem}main h4,main h5{font-size:1rem}
main .title{font-size:1.3rem;font-weight:bold;margin:.8rem 0}
main .outside{color:var(--muted);font-size:.85rem;border:1px dashed var(--line);padding:.3rem}
main .cut{color:var(--hidden);font-weight:bold}
.m{border-radius:2px;cursor:pointer}
.m:focus{outline:2px solid #2166ac}
.m.sel{outline:2px solid #2166ac}
body.on-furniture .furniture{color:#999;text-decoration:line-through;background:#f3f3f3}
body.on-redactions .redaction{background:#222;color:#fff}
body.on-quotations .quote-leader{background:var(--q-leader)}
body.on-quotations .L-quotations:not(.quote-leader){background:var(--q-other)}
body.on-leaders .leader{font-weight:bold;text-decoration:underline}
body.on-formulas .formula{background:var(--formula)}
body.on-parallelism .parallel{background:var(--parallel)}
body.on-parallelism .parallel.hl{background:#74c476}
body.on-directives .directive{color:var(--directive);font-weight:bold}
body.on-indicators .indicator{background:var(--ind)}
body.on-indicators .indicator.hidden{background:var(--ind);border-bottom:3px solid var(--hidden)}
body.on-reuse .reuse-verbatim{box-shadow:inset 0 -3px 0 var(--verbatim)}
body.on-reuse .reuse-near-verbatim{box-shadow:inset 0 -3px 0 var(--near)}
body.on-reuse .reuse-paraphrase{box-shadow:inset 0 -3px 0 var(--para)}
body.on-reuse .reuse-stock-formula{box-shadow:inset 0 -3px 0 var(--stock)}
#layers label{display:block}
#layers .n{color:var(--muted)}
#details .item{border-top:1px solid var(--line);padding:.3rem 0}
#details dt{color:var(--muted);float:left;clear:left;width:7rem}
#details dd{margin-left:7.5rem}
#details del{background:#fbb;text-decoration:line-through}#details ins{background:#bfb;text-decoration:none}
table.profile td{padding:0 .3rem;vertical-align:top}
button{font:inherit}
@media (max-width:60rem){#wrap{grid-template-columns:1fr}nav,aside{position:static;max-height:none}}
"""

_JS = """
(function(){
var data=JSON.parse(document.getElementById('marks').textContent);
var ui=JSON.parse(document.getElementById('ui').textContent);
var lang=document.documentElement.lang==='zh'?1:0;
function labels(){document.querySelectorAll('[data-l]').forEach(function(e){var t=ui[e.dataset.l];if(t)e.textContent=t[lang];});
document.querySelectorAll('[data-en]').forEach(function(e){e.textContent=lang?e.dataset.zh:e.dataset.en;});}
labels();
document.getElementById('lang').addEventListener('click',function(){lang=1-lang;document.documentElement.lang=lang?'zh':'en';labels();});
document.querySelectorAll('#layers input').forEach(function(box){box.addEventListener('change',function(){
document.body.classList.toggle('on-'+box.value,box.checked);});});
var details=document.getElementById('detail-items');
function show(el){document.querySelectorAll('.m.sel,.m.hl').forEach(function(e){e.classList.remove('sel','hl');});
el.classList.add('sel');details.innerHTML='';
el.dataset.m.split(' ').forEach(function(id){var m=data[id];if(!m||!document.body.classList.contains('on-'+m.layer))return;
var div=document.createElement('div');div.className='item';div.dataset.mark=id;var h=document.createElement('strong');h.textContent=m.label+' ';
var q=document.createElement('span');q.textContent=m.text;h.appendChild(q);div.appendChild(h);var dl=document.createElement('dl');
m.info.forEach(function(kv){var dt=document.createElement('dt');dt.textContent=kv[0];var dd=document.createElement('dd');
if(kv[0]==='edit view'){dd.innerHTML=kv[1];dd.className='edits';}else{dd.textContent=kv[1];}dl.appendChild(dt);dl.appendChild(dd);});
div.appendChild(dl);details.appendChild(div);
if(m.group){document.querySelectorAll('.'+m.group).forEach(function(e){e.classList.add('hl');});}});}
document.getElementById('text').addEventListener('click',function(ev){var el=ev.target.closest('.m');if(el)show(el);});
document.getElementById('text').addEventListener('keydown',function(ev){var el=ev.target.closest('.m');if(el&&ev.key==='Enter')show(el);});
document.addEventListener('keydown',function(ev){if(ev.target.tagName==='INPUT'||(ev.key!=='n'&&ev.key!=='p'))return;
var on=Array.prototype.filter.call(document.querySelectorAll('#text .m'),function(e){return e.dataset.m.split(' ').some(function(id){
return data[id]&&document.body.classList.contains('on-'+data[id].layer);});});if(!on.length)return;
var i=on.indexOf(document.activeElement);i=ev.key==='n'?(i+1)%on.length:(i<=0?on.length-1:i-1);on[i].focus();show(on[i]);});
})();
"""


def render(document: Document, tables: Mapping[str, pd.DataFrame], *, figures: Sequence[FigureLink] = (),
           language: str = "en", version: str = "") -> str:
    """The reading page of ``document`` as one HTML string (see the module doc)."""
    marks_ = marks(document, tables)
    text_html = _text_html(document, marks_)
    labels = {key: english for key, english, _ in LAYERS}
    data = {m.id: {"layer": m.layer, "label": labels[m.layer], "text": document.raw[m.start:m.end][:120],
                   "start": m.start, "end": m.end, "info": [list(kv) for kv in m.info], "group": m.group}
            for m in marks_}
    counts = {layer: sum(1 for m in marks_ if m.layer == layer) for layer, _, _ in LAYERS}
    layer_boxes = "".join(
        f'<label><input type="checkbox" value="{key}" checked> <span data-en="{en}" data-zh="{zh}"></span> '
        f'<span class="n">({counts[key]})</span></label>'
        for key, en, zh in LAYERS
    )
    profile = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
                      for k, v in profile_rows(document, tables, marks_))
    figure_items = "".join(
        f"<li>{html.escape(f.caption or f.name)}: "
        + " ".join(f'<a href="{html.escape(p)}">{html.escape(Path(p).suffix[1:].upper())}</a>' for p in f.files)
        + "</li>"
        for f in figures
    )
    title = document.outline.title.text if document.outline.title else (document.page_title or document.name)
    provenance = document.provenance or {}
    meta_bits = [provenance.get(k, "") for k in ("title", "date", "source_url", "url", "site") if provenance.get(k)]
    meta = " · ".join(dict.fromkeys(meta_bits))
    ui = {key: list(value) for key, value in _UI.items()}
    on = " ".join(f"on-{key}" for key, _, _ in LAYERS)
    body = (
        f'<header><h1>{html.escape(title)}</h1><div class="meta">{html.escape(meta)}'
        f'{" · policytext " + html.escape(version) if version else ""}</div>'
        f'<button id="lang" type="button" data-l="language"></button> '
        f'<span class="meta" data-l="hint"></span></header>'
        f'<div id="wrap"><nav id="toc" aria-label="outline"><details open><summary data-l="outline"></summary>'
        f"{_toc_html(document)}</details></nav>"
        f'<main id="text" lang="zh">{text_html}</main>'
        f'<aside><section id="layers"><h2 data-l="layers"></h2>{layer_boxes}</section>'
        f'<section id="details"><h2 data-l="details"></h2><div id="detail-items"></div></section>'
        f'<section id="profile"><h2 data-l="profile"></h2><table class="profile">{profile}</table></section>'
        f'<section id="figures"><h2 data-l="figures"></h2><ul>{figure_items}</ul></section></aside></div>'
    )
    scripts = (
        f'<script id="marks" type="application/json">{_json(data)}</script>'
        f'<script id="ui" type="application/json">{_json(ui)}</script><script>{_JS}</script>'
    )
    # Every character the page can show: the text, the panels, and what the details panel fills in on click.
    visible = (html.unescape(body) + html.unescape(_json(data)) + "".join(zh for _, _, zh in LAYERS)
               + "".join(v[1] for v in _UI.values()) + document.raw)
    style = f"<style>{_font_face(visible)}{_CSS}</style>"
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh" if language == "zh" else "en"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(title)}</title>{style}</head><body class=\"{on}\">{body}{scripts}</body></html>\n"
    )


def _json(value: object) -> str:
    # "</" would end the <script> element early; the escape keeps the JSON valid.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")


def figure_links(figures_dir: Path, *, relative_to: Path) -> list[FigureLink]:
    """The figures in ``figures_dir`` (PNG with its SVG and CSV), as links relative to the page's folder."""
    from .figures import read_caption

    links = []
    for png in sorted(Path(figures_dir).glob("*.png")):
        files = tuple(
            Path(p).relative_to(relative_to).as_posix() if Path(p).is_relative_to(relative_to) else Path(p).as_posix()
            for p in (png, png.with_suffix(".svg"), png.with_suffix(".csv")) if p.is_file()
        )
        links.append(FigureLink(png.stem, read_caption(png) or png.stem, files))
    return links


def write(document: Document, tables: Mapping[str, pd.DataFrame], path: Path, *,
          figures_dir: Path | None = None, language: str = "en") -> Path:
    """Write the reading page to ``path`` (atomically); returns the path."""
    from . import __version__

    path = Path(path)
    figures = figure_links(figures_dir, relative_to=path.parent) if figures_dir else ()
    page = render(document, tables, figures=figures, language=language, version=__version__)
    return atomic_write(path, lambda handle: handle.write(page.encode("utf-8")))


@dataclass(frozen=True)
class Draft:
    """A reading page rendered ahead of time, with the figures that were in the folder then (see :func:`draft`)."""

    document: Path
    tables: Mapping[str, pd.DataFrame]
    figures: tuple[FigureLink, ...]
    page: str


def draft(document: Path, path: Path, *, figures_dir: Path | None = None, language: str = "en") -> Draft:
    """The page of the document file ``document`` for ``path``, rendered now with the figures present now.

    The main job drafts the page on a free core while its last notebooks still
    draw; :func:`write_draft` then writes it once they are done, rendering it
    again only if the figures changed in between. The tables come from
    :func:`tables_of`, so from the analysis cache when the notebooks shared theirs.
    """
    from . import __version__
    from .document import load

    path, document = Path(path), Path(document)
    tables = tables_of(document)
    figures = tuple(figure_links(figures_dir, relative_to=path.parent)) if figures_dir else ()
    page = render(load(document), tables, figures=figures, language=language, version=__version__)
    return Draft(document, tables, figures, page)


def write_draft(draft: Draft, path: Path, *, figures_dir: Path | None = None, language: str = "en") -> Path:
    """Write a :func:`draft` to ``path`` (atomically): as drafted if the figures are the same, else rendered again.

    Either way the page is the one :func:`write` would write now (the drafted
    page was rendered from the same document, tables and figure links).
    """
    from . import __version__
    from .document import load

    path = Path(path)
    figures = tuple(figure_links(figures_dir, relative_to=path.parent)) if figures_dir else ()
    page = draft.page if figures == draft.figures else render(
        load(draft.document), draft.tables, figures=figures, language=language, version=__version__)
    return atomic_write(path, lambda handle: handle.write(page.encode("utf-8")))


def tables_of(document: Document | str | Path, *, reference: str | Path | None = None,
              speech_date: str | None = None) -> dict[str, pd.DataFrame]:
    """The tables the page shows (rhetoric, indicators, the comparison's clauses), from one :class:`Analysis`.

    Given a file's path, the analysis may load the tables the notebooks' kernels
    left in the project cache (:mod:`policytext.analysis_store`) rather than compute them again.
    """
    from .analysis import Analysis

    analysis = Analysis(document, reference=reference, speech_date=speech_date)
    return {**analysis.rhetoric_tables(), "indicators": analysis.indicators(),
            "clauses": analysis.comparison().clauses}
