"""Numbers written in Chinese or Arabic numerals, through cn2an (a maintained converter).

cn2an raises ValueError or KeyError on runs that are not numbers (十十, 一千千,
十二三); scraped text has them, so callers get None instead of a crash.
"""

from __future__ import annotations

from functools import lru_cache

import cn2an


@lru_cache(maxsize=1024)
def to_number(numeral: str) -> float | None:
    """``"十二"`` → 12.0, ``"2,157.8"`` → 2157.8, ``"百"`` → 100.0; None when it is not a number."""
    text = numeral.replace(",", "").replace("两", "二")
    if not text:
        return None
    if text[0].isdigit():
        try:
            return float(text)
        except ValueError:
            return None
    if text[0] in "十百千万亿":
        text = "一" + text  # cn2an reads 一百 but not 百
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError):
        return None
