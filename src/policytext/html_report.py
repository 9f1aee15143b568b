"""HTML reports of the executed notebooks that show Chinese on any machine.

nbconvert's HTML leaves fonts to the reader's browser: on a machine without a
CJK font, the Chinese in tables and prose shows as boxes. Each report embeds
the bundled font (the one the figures use), cut down to the characters the
page holds, as an ``@font-face`` data URL, and lists it after the usual
families, so the browser falls back to it only for characters the reader's
own fonts lack.
"""

from __future__ import annotations

import base64
from pathlib import Path

from .errors import PolicytextError
from .figures.fonts import font_subset
from .output import atomic_write

FONT_FAMILY = "policytext CJK"
# No system-ui in the stacks: headless Chromium on Linux then draws boxes for a
# run of hanzi followed by digits in a table cell (党委书记在2024年…), instead of
# falling back to the embedded font; the generic sans-serif does fall back.
_FONT_CSS = """<style id="policytext-font">
@font-face {{ font-family: "{family}"; src: url(data:font/ttf;base64,{data}) format("truetype"); }}
:root {{
  --jp-ui-font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif, "{family}";
  --jp-content-font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif, "{family}";
  --jp-code-font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace, "{family}";
}}
body, table, th, td {{ font-family: var(--jp-content-font-family); }}
pre, code, .jp-OutputArea-output pre {{ font-family: var(--jp-code-font-family); }}
</style>"""


def font_css(text: str) -> str:
    """A ``<style>`` element that embeds the figures' font, with the glyphs ``text`` needs, in every font stack of the page."""
    data = base64.b64encode(font_subset(text)).decode("ascii")
    return _FONT_CSS.format(family=FONT_FAMILY, data=data)




def export_reports(executed_dir: Path, out_dir: Path) -> list[Path]:
    """Each executed notebook of ``executed_dir`` as ``out_dir/<name>.html``, the font embedded; returns the paths."""
    import nbformat
    from nbconvert import HTMLExporter

    notebooks = sorted(Path(executed_dir).glob("[0-9]*.ipynb"))
    if not notebooks:
        raise PolicytextError(f"no executed notebooks in {executed_dir}: run `make figures` (with the same DOC) first")
    exporter = HTMLExporter()
    written = []
    for notebook in notebooks:
        body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
        if "</head>" not in body:
            raise PolicytextError(f"nbconvert gave {notebook.name} no <head> to put the font in")
        html = body.replace("</head>", font_css(body) + "\n</head>", 1).encode("utf-8")
        written.append(atomic_write(Path(out_dir) / f"{notebook.stem}.html", lambda handle, html=html: handle.write(html)))
    return written
