"""Text out of a saved web page from any site: the main text, its title and its date.

The raw text that offsets refer to is what this module returns: the page's
title on the first line, then the main text, one block (paragraph, heading,
list item, table row with its cells tab-separated) per line.

- **Decoding**: the bytes decide. A byte-order mark, then valid UTF-8, then the
  charset the page declares if the bytes decode in it; a declaration the bytes
  contradict gets a one-line warning, not U+FFFD text.
- **Main text**: chosen by content with trafilatura (a maintained extractor
  that scores blocks by text density and link density), so navigation, related
  links and footers fall away on any site without per-site rules. Pages too big
  for it to finish in seconds (more than ``MAX_SCORED_ELEMENTS`` elements) are
  flattened whole in one linear pass instead, with a warning.
- **Title**: from ``og:title``, ``<h1>`` and ``<title>`` (the site's name cut
  off), never from a navigation bar such as 首页 | 登录.
- **Date**: the page's publication date from its metadata (htmldate, no guessing
  from the text) goes to the provenance as ``date``.
"""

from __future__ import annotations

import codecs
import re
import warnings
from types import MappingProxyType

from .boilerplate import classify_line
from .encoding import decode
from .errors import InputError, PolicytextWarning
from .spans import Extracted

# trafilatura scores every element; beyond this many it takes more than a few seconds.
MAX_SCORED_ELEMENTS = 15_000
_DROPPED_ELEMENTS = frozenset(
    {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button",
     "select", "title"}
)
_BLOCK_ELEMENTS = frozenset(
    {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
     "tr", "table", "blockquote", "pre", "center", "figure", "figcaption", "hr", "body", "br",
     # trafilatura's own markup
     "head", "item", "list", "row", "quote", "lb", "code"}
)
_CELL_ELEMENTS = frozenset({"td", "th", "cell"})
# A tag with its attributes, quoted values may hold ">" (no nested repetition: linear).
_TAG_BODY = r"""(?:[^>"']|"[^"]*"|'[^']*')*>"""
# Tags that end a line of text (the outline reads them so in markup leaked into a text, too).
BLOCK_TAG = re.compile(r"</?(?:" + "|".join(sorted(_BLOCK_ELEMENTS)) + r")\b" + _TAG_BODY, re.IGNORECASE)
_CELL_TAG = re.compile(r"<(?:" + "|".join(sorted(_CELL_ELEMENTS)) + r")\b" + _TAG_BODY, re.IGNORECASE)
_HIDDEN_OPENER = re.compile(r"<(script|style|noscript|template|title|!--)", re.IGNORECASE)
_HIDDEN_CLOSERS = MappingProxyType({
    **{name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style", "noscript", "template", "title")},
    "!--": re.compile("-->"),
})
_ANY_TAG = re.compile(r"</?[A-Za-z!][^>\s]*" + _TAG_BODY)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_PROLOGUE = re.compile(r"\A\s*(?:<\?xml[^>]{0,500}\?>\s*)?(?:<!DOCTYPE[^\[>]{0,1000}(?:\[[^\]]{0,100000}\])?\s*>)?", re.IGNORECASE)
# Separators between a page's own title and the site's name in <title>.
_TITLE_SEPARATOR = re.compile(r"\s*(?:[|｜_]|--|—|–|(?<!\d)-(?!\d))\s*")
_NOT_WORD = re.compile(r"[\W_]+")
_BLANK_LINES = re.compile(r"\n{2,}")
# Whitespace other than line breaks and cell tabs (HTML collapses it anyway).
_SPACES = re.compile(r"[^\S\n\t]+")
# A line break with the spaces, tabs and blank lines around it; a cell break with its empty cells.
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
_CELL_BREAK = re.compile(r" ?\t[ \t]*")
_CHINESE_FAMILY = MappingProxyType({"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb18030": "gb18030"})
# A title needs more than a menu item's few characters.
_MIN_TITLE_CHARS = 5


def read_page(data: bytes, *, source: str) -> Extracted:
    """The main text of a saved web page, or a one-line :class:`InputError`."""
    from lxml import etree

    if not data.strip():
        raise InputError(f"{source}: the file is empty")
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{source}: this looks like a binary file, not a web page")
    markup, encoding = page_encoding(data, source=source)
    # The plain etree parser: lxml.html's element classes cost a lookup per element.
    # huge_tree lifts libxml2's nesting cap, which otherwise drops the text of deep pages.
    parser = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        tree = etree.fromstring(_PROLOGUE.sub("", markup, count=1) or "<html></html>", parser)
    except (ValueError, etree.ParserError):
        raise InputError(f"{source}: not a readable web page") from None
    if tree is None:
        raise InputError(f"{source}: the web page has no text outside its page furniture")
    elements = int(tree.xpath("count(//*)"))
    meta = _metadata(tree)
    main = ""
    if elements <= MAX_SCORED_ELEMENTS:
        import lxml.html

        # trafilatura and htmldate need lxml.html's element classes (a lookup per element: small pages only).
        try:
            scored = lxml.html.fromstring(_PROLOGUE.sub("", markup, count=1), parser=lxml.html.HTMLParser(remove_comments=True))
        except (ValueError, etree.ParserError):
            scored = None
        if scored is not None:
            meta["date"] = _page_date(scored)
            main = _main_text(scored)
    else:
        warnings.warn(PolicytextWarning(
            f"{source}: {elements:,} elements, too many to choose the main text; the whole page's text is kept"),
            stacklevel=2)
    if not main:
        main = flatten(tree)
    if not main:
        # libxml2 gives up on nesting deeper than it follows (100,000 <div>) and drops the text: read the markup itself.
        main = markup_text(markup)
    if not main:
        raise InputError(f"{source}: the web page has no text outside its page furniture")
    title = page_title(meta)
    text = main if not title or _opens_with(main, title) else f"{title}\n{main}"
    provenance = {key: value for key, value in (("title", title), ("html_title", meta.get("title_tag", "")),
                                                 ("date", meta.get("date", ""))) if value}
    return Extracted(text, f"html ({encoding})", provenance)


def page_encoding(data: bytes, *, source: str) -> tuple[str, str]:
    """Decode a page: the bytes decide; a meta charset they contradict gets a warning."""
    declared_match = _META_CHARSET.search(data[:4096])
    declared = declared_match.group(1).decode("ascii").lower() if declared_match else None
    if declared is not None:
        try:
            declared = codecs.lookup(_CHINESE_FAMILY.get(declared, declared)).name
        except LookupError:
            warnings.warn(PolicytextWarning(f"{source}: the page declares an unknown charset {declared!r}; ignored"), stacklevel=3)
            declared = None
    has_bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    is_utf8 = not has_bom and _valid_utf8(data)
    if has_bom or is_utf8 or declared is None:
        text, encoding = decode(data, source=source)
    else:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            text, encoding = decode(data, source=source)
    if declared is not None and codecs.lookup(_CHINESE_FAMILY.get(encoding, encoding)).name != declared and not data.isascii():
        if not (declared.startswith("utf-8") and encoding.startswith("utf-8")):
            warnings.warn(PolicytextWarning(
                f"{source}: the page declares charset {declared} but its bytes are {encoding}; read as {encoding}"),
                stacklevel=3)
    return text, encoding


def _opens_with(main: str, title: str) -> bool:
    """Whether the main text already starts with the title (punctuation and spacing aside)."""
    wanted = _NOT_WORD.sub("", title)
    return wanted in _NOT_WORD.sub("", main[: 2 * len(title) + 40])


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _metadata(tree) -> dict[str, str]:
    meta: dict[str, str] = {}
    title = tree.find(".//title")
    if title is not None:
        meta["title_tag"] = " ".join("".join(title.itertext()).split())
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").lower()
        content = " ".join((element.get("content") or "").split())
        if key in ("og:title", "twitter:title", "articletitle") and content:
            meta.setdefault("og_title", content)
    headings = [" ".join("".join(h.itertext()).split()) for h in tree.iter("h1")]
    meta["h1"] = "\n".join(h for h in headings if h)
    return meta


def _page_date(tree) -> str:
    """The publication date the page's metadata gives (ISO), or ''."""
    from htmldate import find_date

    try:
        found = find_date(tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a page without a readable date has none
        return ""
    return found or ""


def page_title(meta: dict[str, str]) -> str:
    """The page's own title: an <h1> the <title> or og:title confirms, else og:title, else <title> minus the site name."""
    title_tag = meta.get("title_tag", "")
    og_title = meta.get("og_title", "")
    h1s = [h for h in meta.get("h1", "").split("\n") if h]
    for heading in h1s:
        if _is_title(heading) and (heading in title_tag or heading in og_title):
            return heading
    if _is_title(og_title):
        return og_title
    pieces = [piece for piece in _TITLE_SEPARATOR.split(title_tag) if _is_title(piece)]
    if pieces:
        return max(pieces, key=len)  # the page's title is longer than the site's name
    return next((h for h in h1s if _is_title(h)), "")


def _is_title(text: str) -> bool:
    text = text.strip()
    if len(text) < _MIN_TITLE_CHARS:
        return False
    pieces = [piece for piece in _TITLE_SEPARATOR.split(text) if piece]
    if len(pieces) > 1 and all(len(piece) < _MIN_TITLE_CHARS for piece in pieces):
        return False  # a menu: 首页 | 登录 | 注册
    return classify_line(text) is None


def _main_text(tree) -> str:
    """The main text as trafilatura chooses it ('' if it finds none)."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            tree, with_metadata=False, include_tables=True, include_comments=False, include_images=False,
            include_formatting=False, include_links=False, deduplicate=False,
        )
    except Exception:  # noqa: BLE001 - the extractor failing on an odd page means: flatten the page instead
        return ""
    body = getattr(result, "body", None)
    return flatten(body) if body is not None else ""


def flatten(root) -> str:
    """The text of an element tree, one block per line (a table row's cells tab-separated).

    Linear and in C: furniture elements are cut out of the tree (which is
    changed), the rest serialised once, and block tags turned into line breaks
    by regular expressions, with no Python work per element (a page may hold a
    million <br>).
    """
    import html

    from lxml import etree

    if root is None:
        return ""
    etree.strip_elements(root, *_DROPPED_ELEMENTS, with_tail=False)
    markup = etree.tostring(root, method="html", encoding="unicode")
    markup = BLOCK_TAG.sub("\n", markup)
    markup = _CELL_TAG.sub("\t", markup)
    return tidy_lines(html.unescape(_ANY_TAG.sub("", markup)))


def markup_text(markup: str) -> str:
    """The text of markup without a parse: hidden elements and comments cut, block tags made line breaks.

    A last resort for pages the parser cannot follow; linear (each search
    starts where the last one stopped).
    """
    import html

    kept: list[str] = []
    at = 0
    for opener in _HIDDEN_OPENER.finditer(markup):
        if opener.start() < at:
            continue
        kept.append(markup[at : opener.start()])
        closer = _HIDDEN_CLOSERS[opener.group(1).lower()].search(markup, opener.end())
        at = closer.end() if closer else len(markup)
    kept.append(markup[at:])
    markup = BLOCK_TAG.sub("\n", "".join(kept))
    markup = _CELL_TAG.sub("\t", markup)
    return tidy_lines(html.unescape(_ANY_TAG.sub("", markup)))


def tidy_lines(text: str) -> str:
    """Runs of spaces made one space, lines and cells stripped, blank lines and empty cells dropped."""
    text = _SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _LINE_BREAK.sub("\n", text)
    return _CELL_BREAK.sub("\t", text).strip()
