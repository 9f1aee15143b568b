"""What a redaction looks like on the page: one pattern for the loader and the segmenter.

Runs: a single × is as likely a multiplication sign as a redaction, and
``**`` alone is usually Markdown bold (**大模型广泛应用**), so ASCII asterisks
need three.

A capital letter doubled between Chinese words (人民ZZ协商会议, ZZ for 政治) is
a placeholder too, but not where doubled letters are words (AAA级, QQ群, II类).

Single characters count only where a place name, a name or a digit must
stand (:data:`SINGLE_REDACTION`): 20*年, 全省第x名, x市, 创新型*, 镇X委书记,
稍后，*书记, an indented line's X 委, either end of a range (*-*月); never inside ASCII text (5x, CSS ``*{}``, addresses), where a
letter or digit stands beside them, nor in words such as X光.
"""

from __future__ import annotations

import re

from .scanning import FirstCharacterScan

_LATIN = "A-Za-zＡ-Ｚａ-ｚ"
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A capital written twice or more between Chinese words stands for a withheld word (ZZ for 政治,
# 人民ZZ协商会议). Not A (AAA级景区, AA制), I (II类, III期: Roman numerals), Q (QQ群), nor X (its own rule);
# nor before a word that makes the letters a grade or a model (BB机, CC型).
_PLACEHOLDER_CAPITALS = "BCDEFGHJKLMNOPRSTUVWYZ"
_PLACEHOLDER_RUN = "|".join(f"{c}{{2,}}" for c in _PLACEHOLDER_CAPITALS)
_PLACEHOLDER = (
    rf"(?<=[{_HAN}，。、；：！？“”‘’（])(?:{_PLACEHOLDER_RUN})(?=[{_HAN}])(?!级|制|机|型|号|群|类|期|码|档|版)"
)
# xx.xx stands for a redacted figure with decimals: one run.
# ○ is also the zero of a Chinese numeral (二○○八年): a run beside a numeral is a number.
_CN_NUMERAL = "一二三四五六七八九十〇○零"
REDACTION_PATTERN = (
    rf"[×✕╳＊□]{{2,}}|(?<![{_CN_NUMERAL}])○{{2,}}(?![{_CN_NUMERAL}年])|\*{{3,}}"
    # X.X, X. XX: a withheld figure with decimals, written with one X or more on each side.
    rf"|(?<![{_LATIN}])[XxＸｘ]+\.[ ]?[XxＸｘ]+(?![{_LATIN}])"
    rf"|(?<![{_LATIN}])[XxＸｘ]{{2,}}(?![{_LATIN}])|{_PLACEHOLDER}"
    # Blanks of underscores where a site withheld words or figures (__年, 围绕___新农村建设).
    r"|(?<![A-Za-z0-9_])_{2,}(?![A-Za-z0-9_])"
)
REDACTION = re.compile(REDACTION_PATTERN)
#: The marks a withheld figure is written with (a character-class body): runs and single marks alike.
REDACTION_MARKS = "×✕╳＊○□*XxＸｘ_"
#: The characters a redaction can start with (a character-class body).
REDACTION_FIRST = REDACTION_MARKS + _PLACEHOLDER_CAPITALS
#: :data:`REDACTION` searched from those characters only: the same matches, faster on a long body.
REDACTION_SCAN = FirstCharacterScan(REDACTION, REDACTION_FIRST)

_ONE = r"[*＊XxＸｘ]"
# Units and words that need a number before them, and places that need a name.
_COUNTED = "年月日号个家项名位批季届次%％万亿千百"
_PLACES = "省市县区镇乡村州盟旗"
_RANGE = "\\-－—~～至到"
# A line's start, indented or not (an indented paragraph's first X stands for a name like any other).
_LINE_START = "|".join(["(?<![^\\n])", *(f"(?<=\\n[ \\u3000\\t]{{{n}}})" for n in range(1, 5))])
SINGLE_REDACTION_PATTERN = (
    rf"(?<=[0-9０-９]){_ONE}(?=[{_COUNTED}])"  # 20*年, 3x月
    rf"|(?<=第){_ONE}(?=[{_COUNTED}])"  # 全省第x名
    rf"|(?<=[{_HAN}]){_ONE}(?=[{_PLACES}])"  # 位于x市
    # Either end of a range of withheld digits (1-*月, *-*月, x至x日): a digit must stand there.
    rf"|(?<![{_LATIN}0-9０-９]){_ONE}(?=[{_RANGE}][*＊XxＸｘ0-9０-９]{{1,4}}[{_COUNTED}])"
    rf"|(?<=[*＊XxＸｘ0-9０-９][{_RANGE}]){_ONE}(?=[{_COUNTED}])"
    rf"|(?<=[{_HAN}])[*＊](?=[{_HAN}，。、；：！？,.;:!?）)」”\s]|$)"  # 创新型*
    # A lone letter or mark between Chinese words stands for a name (镇X委书记, 稍后，*书记); X光, X射线 are words.
    # At a line's start too (x届政府工作: the heading of a report whose session number is withheld).
    # Spaced out too (X 委 X 届 X 次全会), as some sites print a withheld letter.
    rf"|(?:(?<=[{_HAN}，。、；：！？,;:])|(?<=[{_HAN}，。、；：！？,;:][ \u3000])|{_LINE_START})[*＊×XxＸｘ]"
    rf"(?=[ \u3000]?[{_HAN}])(?![ \u3000]?(?:光|射线|线|型))"
)
SINGLE_REDACTION = re.compile(SINGLE_REDACTION_PATTERN)
#: Runs and single characters: what the document lists as redactions.
ANY_REDACTION = re.compile(rf"{REDACTION_PATTERN}|{SINGLE_REDACTION_PATTERN}")
ANY_REDACTION_SCAN = FirstCharacterScan(ANY_REDACTION, REDACTION_FIRST)
