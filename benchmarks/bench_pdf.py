"""Benchmark: reading a PDF whose pages carry heavy vector drawing, against the same text without it.

A script, not a test: part of ``make bench`` (``python benchmarks/bench_pdf.py``).
Writes ``benchmarks/reports/pdf_drawing.md``.

Two PDFs of the same text (the seed's lines, set by ``tests/pdf_builder.py``'s
typesetting, a page number on each page) are made in the same run: one plain,
one whose first two pages also draw about 15 MB each of Bézier paths (a map or
a technical drawing, as GIS and CAD exports write them: random coordinates
with two decimals, which compress about 2:1, so no decompression-bomb rule
refuses them; streams Flate-compressed only, as Word, WPS and GIS exports write them). Each is loaded by ``policytext outline`` in its own process,
three times, interleaved; CPU (user + sys) and peak memory come from the
kernel's accounting of that process (``os.wait4``). The report gives the
median of each and the ratio drawing ÷ plain, and checks that both give the
same outline.

Issue 17: pdfminer interprets every drawing operator in Python; pages above
``pdf.HEAVY_PAGE_BYTES`` of content are now rewritten by pdfium without their
paths first. A third run reads the drawing PDF with that switched off, as before.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORK = ROOT / ".cache" / "bench" / "pdf"
REPORT = ROOT / "benchmarks" / "reports" / "pdf_drawing.md"
SEED = ROOT / "data" / "raw" / "777doc-12864340_tianjin-sci-tech-party-lecture-2024.txt"
DRAWING_MB_PER_PAGE = 15.0
DRAWN_PAGES = 2
ROUNDS = 3


def build(path: Path, *, drawing_mb: float) -> Path:
    """The seed's lines, 30 to a page, with *drawing_mb* of paths on each of the first pages."""
    from reportlab import rl_config

    from tests.pdf_builder import FONT, MARGIN, PAGE_HEIGHT, PAGE_WIDTH, _canvas, wrap

    # Streams Flate-compressed only, as Word, WPS and GIS exports write them (reportlab adds an
    # ASCII85 layer by default, which pdfminer decodes in pure Python: seconds on 30 MB).
    rl_config.useA85 = 0

    lines = wrap(SEED.read_text(encoding="utf-8").splitlines(), size=12)
    pages = [lines[i : i + 30] for i in range(0, len(lines), 30)]
    canvas = _canvas(path)
    rng = random.Random(0)
    for number, page in enumerate(pages, 1):
        if number <= DRAWN_PAGES and drawing_mb:
            written, target = 0, int(drawing_mb * 2**20)
            while written < target:
                shape = canvas.beginPath()
                for _ in range(50):
                    x, y = rng.uniform(0, PAGE_WIDTH), rng.uniform(0, PAGE_HEIGHT)
                    shape.moveTo(x, y)
                    for _ in range(20):
                        x2, y2 = x + rng.uniform(-5, 5), y + rng.uniform(-5, 5)
                        shape.curveTo(x + rng.uniform(-3, 3), y + rng.uniform(-3, 3), x2 + rng.uniform(-3, 3), y2 + rng.uniform(-3, 3), x2, y2)
                        x, y = x2, y2
                        written += 62  # about the bytes of one curve operator with its six operands
                canvas.setLineWidth(0.3)
                canvas.drawPath(shape, stroke=1, fill=0)
        canvas.setFont(FONT, 12)
        y = PAGE_HEIGHT - MARGIN - 30
        for line, starts in page:
            canvas.drawString(MARGIN + (24 if starts else 0), y, line)
            y -= 19.2
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(PAGE_WIDTH / 2, 40, f"— {number} —")
        canvas.showPage()
    canvas.save()
    return path


# The same command with the rewrite of heavy pages switched off: what reading the drawing cost before.
UNSTRIPPED = ("import sys; from policytext import cli, pdf; pdf.HEAVY_PAGE_BYTES = 1 << 62; "
              "sys.exit(cli.main(['outline', sys.argv[1]]))")


def run_once(path: Path, *, stripped: bool = True) -> dict:
    """``policytext outline`` on *path* in its own process: CPU seconds and peak memory (kernel accounting), and its output."""
    env = {**os.environ, "POLICYTEXT_CACHE_DIR": str(ROOT / ".cache")}
    command = [sys.executable, "-m", "policytext.cli", "outline", str(path)]
    if not stripped:
        command = [sys.executable, "-c", UNSTRIPPED, str(path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    out = process.stdout.read() if process.stdout else b""
    err = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed: {err.decode()[-2000:]}")
    return {"cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024, "out": out}


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    plain = build(WORK / "plain.pdf", drawing_mb=0)
    drawing = build(WORK / "drawing.pdf", drawing_mb=DRAWING_MB_PER_PAGE)
    runs: dict[str, list[dict]] = {"plain": [], "drawing": []}
    for _ in range(ROUNDS):
        for name, path in (("plain", plain), ("drawing", drawing)):
            runs[name].append(run_once(path))
    # Once only: it takes tens of seconds.
    runs["drawing, read as it is"] = [run_once(drawing, stripped=False)]
    cpu = {name: statistics.median(r["cpu"] for r in rs) for name, rs in runs.items()}
    peak = {name: statistics.median(r["peak_mib"] for r in rs) for name, rs in runs.items()}
    # The outline's output names the file; compare it with the name taken out.
    same = runs["plain"][0]["out"].replace(b"plain.pdf", b"") == runs["drawing"][0]["out"].replace(b"drawing.pdf", b"")
    lines = [
        "# Reading a PDF with heavy vector drawing (issue 17)",
        "",
        f"Written by `benchmarks/bench_pdf.py` on {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores. `policytext outline` on two PDFs of the seed's text made in the same run, "
        f"each in its own process, {ROUNDS} interleaved rounds, medians. CPU is user + sys from `os.wait4`.",
        "",
        "| PDF | file size | CPU s | peak MiB |",
        "|---|---|---|---|",
        f"| plain text | {plain.stat().st_size / 2**20:.2f} MB | {cpu['plain']:.2f} | {peak['plain']:.0f} |",
        f"| same text + {DRAWN_PAGES} pages × {DRAWING_MB_PER_PAGE:.0f} MB of paths | {drawing.stat().st_size / 2**20:.1f} MB | "
        f"{cpu['drawing']:.2f} | {peak['drawing']:.0f} |",
        f"| the same, its pages read as they are (`HEAVY_PAGE_BYTES` switched off; one run) | | "
        f"{cpu['drawing, read as it is']:.2f} | {peak['drawing, read as it is']:.0f} |",
        "",
        f"**Drawing ÷ plain CPU: {cpu['drawing'] / cpu['plain']:.1f}×** (read as it is, before issue 17's rewrite: "
        f"{cpu['drawing, read as it is'] / cpu['plain']:.1f}×). Same outline from both: {'yes' if same else 'NO'}.",
        "",
    ]
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    if not same:
        raise SystemExit("bench: the two PDFs gave different outlines")


if __name__ == "__main__":
    main()
