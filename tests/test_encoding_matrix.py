"""The encoding decision rule on a matrix of real texts (issue 15, defect 5): nothing refused, nothing altered.

Every report of ``../shared/corpora/*.jsonl`` (when that folder is there) and
every text file of the repository, whole, its first 2,000 and its first 500
characters, encoded in each encoding the README lists, must decode to exactly
the text it was made from. One test per encoding loops over the texts, so the
matrix costs seconds, not thousands of test items.
"""

from __future__ import annotations

import json
import subprocess
import warnings
from functools import lru_cache
from pathlib import Path

import pytest

from policytext import InputError, load
from policytext.encoding import common_share, decode

from .helpers import ROOT, SHARED, real_text_files

CUTS = (None, 2000, 500)
# name: how the text becomes bytes (None: not representable, skipped).
ENCODINGS = {
    "UTF-8": lambda text: text.encode("utf-8"),
    "UTF-8 with BOM": lambda text: text.encode("utf-8-sig"),
    "GB18030": lambda text: text.encode("gb18030"),
    "GBK": lambda text: text.encode("gbk"),
    "UTF-16 LE with BOM": lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
    "UTF-16 BE with BOM": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    "UTF-16 LE without BOM": lambda text: text.encode("utf-16-le"),
    "UTF-16 BE without BOM": lambda text: text.encode("utf-16-be"),
    "Big5": lambda text: text.encode("big5"),
}


def _shared_corpora() -> Path | None:
    """``../shared/corpora`` beside the checkout; for a git worktree, beside the main checkout too."""
    candidates = [SHARED / "corpora"]
    try:
        common = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout.strip()
        candidates.append(Path(common).parent.parent / "shared" / "corpora")
    except (OSError, subprocess.CalledProcessError):
        pass
    return next((c for c in candidates if c.is_dir() and any(c.glob("*.jsonl"))), None)


@lru_cache(maxsize=1)
def texts() -> tuple[tuple[str, str], ...]:
    """(label, text): each report and repository text, whole and cut."""
    wholes: list[tuple[str, str]] = []
    if (corpora := _shared_corpora()) is not None:
        for path in sorted(corpora.glob("*.jsonl")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
                if line.strip():
                    record = json.loads(line)
                    wholes.append((f"{path.stem}#{number} {record.get('title', '')[:20]}", record["content"]))
    for path in real_text_files():
        wholes.append((path.name, path.read_text(encoding="utf-8-sig")))
    return tuple((f"{label} [{cut or 'whole'}]", text if cut is None else text[:cut]) for label, text in wholes for cut in CUTS)


def test_the_matrix_holds_the_shared_reports_when_they_are_there():
    if _shared_corpora() is None:
        pytest.skip("../shared/corpora is not beside this checkout")
    assert len(texts()) > 250 * len(CUTS) / 3


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_every_text_decodes_unchanged(name):
    encode = ENCODINGS[name]
    tried, failures = 0, []
    for label, text in texts():
        try:
            data = encode(text)
        except UnicodeEncodeError:
            continue  # not representable in this encoding (GBK and Big5 lack characters)
        tried += 1
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # a "mixed encodings" reading of one encoding is a failure too
                decoded, _ = decode(data, source=label)
        except (InputError, Warning) as exc:
            failures.append(f"{label}: refused: {exc}")
            continue
        if decoded != text.removeprefix("\ufeff"):
            failures.append(f"{label}: altered")
    assert tried > 0
    assert failures == [], f"{len(failures)} of {tried}: " + "; ".join(failures[:5])


def test_traditional_text_in_big5_and_in_gbk_decodes_unchanged():
    """The GB18030-or-Big5 decision, on the repository's and the reports' texts made traditional."""
    from opencc import OpenCC

    to_traditional = OpenCC("s2t")
    tried = 0
    for label, text in texts()[:: 3 * 5]:  # every fifth text, whole
        traditional = to_traditional.convert(text)
        for encoding in ("big5", "gbk"):
            representable = traditional.encode(encoding, errors="ignore").decode(encoding)
            if len(representable) < 20:
                continue
            tried += 1
            assert decode(representable.encode(encoding), source=label)[0] == representable, (label, encoding)
    assert tried > 0


@pytest.mark.parametrize("text", [
    "一要坚持", "同志们：", "一、总体要求\n二、主要任务\n", "增长16.7%。", "习近平新时代中国特色社会主义思想",
])
def test_short_gbk_is_neither_refused_nor_mojibake(text):
    assert decode(text.encode("gbk")) == (text, "gb18030")


def test_gbk_that_is_also_valid_utf8_is_not_a_mixed_reading():
    # 一要 in GBK is the UTF-8 of Cyrillic "һҪ": a line like that must not make a "mixed" reading.
    text = "一要\n二要加快发展新质生产力，推动高质量发展。\n"
    assert "一要".encode("gbk").decode("utf-8") == "һҪ"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert decode(text.encode("gbk")) == (text, "gb18030")


def test_utf16_without_bom_is_text_not_binary(tmp_path):
    text = "同志们:\n一、总体要求\n今天开会,增长16.7%。\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        document = load(path)
        assert (document.raw, document.encoding) == (text, encoding)


def test_utf32_without_bom_is_recognised():
    text = "同志们:今天开会。"
    assert decode(text.encode("utf-32-le")) == (text, "utf-32-le")
    assert decode(text.encode("utf-32-be")) == (text, "utf-32-be")


def test_binary_with_nuls_is_still_binary():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(256)) * 4)


def test_english_is_never_read_as_utf16():
    # "Bush hid the facts": ASCII pairs are CJK code points in UTF-16, but valid UTF-8 comes first.
    assert decode(b"Bush hid the facts") == ("Bush hid the facts", "utf-8")


def test_common_share_tells_real_chinese_from_mojibake():
    text = "同志们，今天我们召开全市科技工作会议，研究部署发展新质生产力的重点任务。"
    mojibake = text.encode("gbk").decode("big5", errors="replace")
    assert common_share(text) > 0.9 > 0.5 > common_share(mojibake)
    assert common_share("同志們，今天我們召開全市科技工作會議。") > 0.9  # traditional counts through simplified


def test_undecodable_bytes_are_refused_in_one_line():
    with pytest.raises(InputError, match="cannot tell which text encoding"):
        decode(b"\x80\x81\x82\x83\xff\xfe\xfd\xfc" * 10)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "gb18030", "big5"])
def test_a_file_cut_inside_its_last_character_is_read_up_to_there(encoding):
    """A truncated download: the text up to the cut, U+FFFD for the leftover bytes, and a warning."""
    tried = 0
    for label, text in texts():
        text = text.rstrip()
        if not text or ord(text[-1]) < 0x80:
            continue
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        tried += 1
        with pytest.warns(UserWarning, match="ends inside a character"):
            decoded, used = decode(data[:-1], source=label)
        assert decoded == text[:-1] + "\ufffd", label
        assert used == ("gb18030" if encoding == "gbk" else encoding)
    assert tried > 0


def test_garbage_cut_short_is_still_refused():
    with pytest.raises(InputError, match="cannot tell"):
        decode(b"\x80\x81\x82\x83\xff\xfe\xfd" * 9)
