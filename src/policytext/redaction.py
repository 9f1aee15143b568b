"""What a redaction looks like on the page: one pattern for the loader and the segmenter.

Runs only: a single × is as likely a multiplication sign as a redaction, and
``**`` alone is usually Markdown bold (**大模型广泛应用**), so ASCII asterisks
need three.
"""

from __future__ import annotations

import re

from .scanning import FirstCharacterScan

_LATIN = "A-Za-zＡ-Ｚａ-ｚ"
REDACTION_PATTERN = rf"[×✕╳＊○□]{{2,}}|\*{{3,}}|(?<![{_LATIN}])[XxＸｘ]{{2,}}(?![{_LATIN}])"
REDACTION = re.compile(REDACTION_PATTERN)
#: The characters a redaction can start with (a character-class body).
REDACTION_FIRST = "×✕╳＊○□*XxＸｘ"
#: :data:`REDACTION` searched from those characters only: the same matches, faster on a long body.
REDACTION_SCAN = FirstCharacterScan(REDACTION, REDACTION_FIRST)
