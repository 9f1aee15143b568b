"""What the tests share: paths of the data they read, text fragments, and checks used by more than one module.

Test modules import from here (never from one another, nor from conftest).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "777doc-12864340_tianjin-sci-tech-party-lecture-2024.txt"
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Set by `make test-fast`: property-based tests try a tenth of their examples there; `make test` tries them all.
FAST = os.environ.get("POLICYTEXT_FAST_TESTS") == "1"


def examples(count: int) -> int:
    """How many examples a property-based test tries: ``count``, or a tenth of it (at least 10) in the fast loop."""
    return max(10, count // 10) if FAST else count


def real_text_files() -> list[Path]:
    """Every real document the repository holds, plus the shared samples where present."""
    files = sorted((ROOT / "data" / "raw").rglob("*.txt")) + sorted((ROOT / "src" / "policytext" / "data" / "reference").rglob("*.txt"))
    files += sorted((SHARED / "samples").glob("*.txt")) if (SHARED / "samples").is_dir() else []
    return files


# Pieces of policy text that the outline and the loader react to, for generated documents.
FRAGMENTS = [
    "一、", "二、", "三、", "(一)", "（二）", "(三)", "一是", "二是", "三是", "第一,", "第二，", "1.", "2、", "（1）",
    "。", "；", ";", ":", "：", ",", "，", "“", "”", "‘", "’", "《", "》", "\n", "\n\n", "  ", "\u3000\u3000", "!", "?",
    "同志们:", "各位代表：", "××", "×××", "***", "近年来", "习近平总书记指出:", "新质生产力", "的重要意义",
    "您好,欢迎访问三七文档\n", "本文标题:某讲话\n", "https://example.org/x.html\n", "# title: x\n", "-----\n",
    "發展", "79.8%", "1900亿元",
    "此处隐藏300个字", "(zhǎn)", "實(shí)", "\r", "\r\n", "第1页共18页", "— 3 —", "line-height: 115%;", "本作品是中华人民共和国的\n",
    "尊敬的王主席，", "首页 | 登录 | 注册", "20*年", "x市", "新质生产\n力", "新质生产 力",
]


def assert_tiles(document):
    outline = document.outline
    spans = [(s.start, s.end) for s in outline.sentences]
    if document.body_start == document.body_end:
        assert spans == []
        return
    assert spans[0][0] == document.body_start
    assert spans[-1][1] == document.body_end
    for (a, b), (c, _) in zip(spans, spans[1:]):
        assert a < b == c
    assert "".join(document.raw[a:b] for a, b in spans) == document.body
    # Sections nest and the top level tiles the body as well.
    tops = outline.sections
    assert tops[0].start == document.body_start and tops[-1].end == document.body_end
    for left, right in zip(tops, tops[1:]):
        assert left.end == right.start
    for section in outline.walk():
        assert section.start <= section.title_start <= section.title_end <= section.end
        for child in section.children:
            assert section.start <= child.start < child.end <= section.end
