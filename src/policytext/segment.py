"""Segmentation: a policy text cut into tokens that tile it exactly.

jieba's general dictionary breaks the vocabulary this project counts
(新质|生产力, 海河|实验室) and splits figures from their units (1900|亿元).
A :class:`Tokenizer` therefore owns its own ``jieba.Tokenizer`` with the
political lexicon added, and protects numbers, redactions and (optionally)
short quoted slogans with a regex pre-pass before jieba sees the gaps between
them. Every character of the input lands in exactly one :class:`Token`, so
each count can be traced back to character offsets in the source.
"""

from __future__ import annotations

import gc
import importlib
import io
import logging
import marshal
import os
import re
import sys
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, islice, repeat
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Literal, NamedTuple

import jieba
import pandas as pd

from policytext.errors import PolicytextError
from policytext.output import atomic_write
from policytext.paths import cache_dir
from policytext.resources import data_text
from policytext.redaction import REDACTION_FIRST, REDACTION_PATTERN
from policytext.scanning import FirstCharacterScan
from policytext.textfacts import CLOSING_QUOTES, OPENING_QUOTES, QUOTE_PAIRS, SENTENCE_ENDS

__all__ = [
    "AUDIT_COLUMNS",
    "LEXICON_CATEGORIES",
    "LexiconEntry",
    "Segmentation",
    "Token",
    "TokenKind",
    "Tokenizer",
    "audit_lexicon",
    "default_tokenizer",
    "load_lexicon",
    "load_stopwords",
]

TokenKind = Literal["word", "number", "redaction", "quoted", "punct", "space"]

LEXICON_CATEGORIES = frozenset(
    {"concept", "slogan", "policy", "institution", "place", "person", "industry", "indicator", "user"}
)

AUDIT_COLUMNS = ("term", "start", "end", "tokens_covering")

#: The package data files (see :mod:`policytext.resources`) used when no path is given.
DEFAULT_LEXICON = "lexicon.tsv"
DEFAULT_STOPWORDS = "stopwords.txt"

# The default-dictionary cache is loaded without any freshness check, so a
# jieba upgrade that changed dict.txt would otherwise keep serving the old one.
_JIEBA_CACHE_FILE = f"jieba-{jieba.__version__}.cache"

# Slogans longer than this are sentences being quoted, not set phrases.
MAX_QUOTED = 15

# jieba's suggest_freq gives an unseen term frequency 1: enough to beat its own
# split, but any neighbouring dictionary word then steals a character
# (科技|金融服务|体系, 原始|创新能力). A floor near a middling dictionary word
# (局长 2157, 余额 540) keeps terms whole in context. A term whose win would be
# wrong in common contexts (贷款余额 in 存贷款余额) stays out of the lexicon;
# an explicit freq in the lexicon file bypasses the floor.
LEXICON_MIN_FREQ = 1000

_DIGIT = "0-9０-９"
_LATIN = "A-Za-zＡ-Ｚａ-ｚ"
# Only the ASCII comma groups thousands (2,157.8); the full-width ， is always
# a clause break in these texts.
_NUMBER_BODY = rf"(?:[{_DIGIT}]{{1,3}}(?:,[{_DIGIT}]{{3}})+(?![{_DIGIT}])|[{_DIGIT}]+)(?:[.．][{_DIGIT}]+)?"
_MAGNITUDES = ("万亿", "萬億", "亿", "億", "万", "萬", "千", "百")
_MEASURES = (
    "个百分点", "個百分點", "百分点", "%", "％", "‰",
    "元", "美元", "欧元", "港元",
    "项", "項", "家", "个", "個", "位", "名", "人次", "人", "户", "戶", "次", "倍", "件", "条", "條",
    "所", "座", "台", "套", "款", "篇", "部", "种", "種", "类", "類", "批", "支", "张", "張", "份",
    "组", "組", "处", "處", "辆", "輛", "架", "艘", "颗", "顆", "强", "強", "期", "届", "屆",
    "亩", "畝", "公顷", "平方公里", "平方米", "公里", "千米", "米", "吨", "噸", "公斤", "千克",
    "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦", "万标准箱", "标准箱", "標準箱",
    "年度", "年", "月", "日", "号", "號", "周年", "周", "天", "小时", "小時", "分钟", "秒", "岁", "歲",
)


def _alternation(options: tuple[str, ...]) -> str:
    # Longest first, so 亿元 is not cut short at 亿 and 年度 not at 年.
    return "|".join(re.escape(option) for option in sorted(options, key=len, reverse=True))


# The atomic group stops "6G" or "G20" from backtracking into a bare 6 or 2:
# digits glued to Latin letters are names (5G, G20), left to jieba.
_NUMBER = (
    rf"(?<![{_LATIN}{_DIGIT}.．])(?>{_NUMBER_BODY})(?![{_LATIN}])"
    rf"(?:[多余]?(?:(?:{_alternation(_MAGNITUDES)})(?:{_alternation(_MEASURES)})?|(?:{_alternation(_MEASURES)})))?"
)
_REDACTION = REDACTION_PATTERN
# A sentence end inside the marks means a quoted sentence, not a slogan.
_NOT_IN_SLOGAN = re.escape(OPENING_QUOTES + CLOSING_QUOTES + SENTENCE_ENDS + "；\r\n")
_QUOTED = "|".join(
    rf"{re.escape(open_)}[^{_NOT_IN_SLOGAN}]{{1,{MAX_QUOTED}}}{re.escape(close)}"
    for open_, close in QUOTE_PAIRS.items()
)
_SPACE = r"\s+"
# Outside jieba's word characters and not a space: jieba yields it alone, one
# character at a time, and never lets a word run across it.
_MASK = "\x00"
_TUPLE_NEW = tuple.__new__

_PROTECTED = re.compile(rf"(?P<redaction>{_REDACTION})|(?P<number>{_NUMBER})|(?P<space>{_SPACE})")
_PROTECTED_WITH_QUOTES = re.compile(
    rf"(?P<quoted>{_QUOTED})|(?P<redaction>{_REDACTION})|(?P<number>{_NUMBER})|(?P<space>{_SPACE})"
)
# What the segmenter masks: the protected spans, and the mask character itself
# where the text holds one (as the lone punctuation token jieba makes of it), so
# that every mask jieba hands back stands for a protected token.
_OWN_MASK = rf"|(?P<punct>{_MASK})"
# Where each of those can start: a redaction mark, a digit, a space, an opening quote, the mask.
_PROTECTED_FIRST = rf"{REDACTION_FIRST}{_DIGIT}\s{_MASK}"
_PROTECTED_SCAN = FirstCharacterScan(re.compile(_PROTECTED.pattern + _OWN_MASK), _PROTECTED_FIRST)
_PROTECTED_WITH_QUOTES_SCAN = FirstCharacterScan(
    re.compile(_PROTECTED_WITH_QUOTES.pattern + _OWN_MASK), _PROTECTED_FIRST + OPENING_QUOTES
)
# A quoted slogan is three tokens: its marks and what they enclose.
_QUOTED_TOKENS = 3
_QUOTED_KINDS: tuple[TokenKind, ...] = ("punct", "quoted", "punct")

# jieba cuts its input into blocks of these characters before looking words up
# (jieba.re_han_default); a term with any other character can never come out
# as one token, so such a lexicon entry is a mistake in the file.
_JIEBA_WORD = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")


@dataclass(frozen=True, slots=True)
class Segmentation:
    """A text cut into words, kept compact: word ``i`` is ``text[bounds[i]:bounds[i + 1]]``.

    The analyses share one per body (:class:`~policytext.parsed.ParsedDocument`). A long
    speech has hundreds of thousands of words: as three flat tuples they are
    four objects the garbage collector soon stops visiting, where as many
    :class:`Token` objects would be walked by every full collection.
    """

    words: tuple[str, ...]
    bounds: tuple[int, ...]  # one more than words: 0, then each word's end
    kinds: tuple[TokenKind, ...]

    def tokens(self) -> list[Token]:
        """The words as :class:`Token` objects."""
        # tuple.__new__ straight from C: half the cost of calling Token(...) per word.
        return list(map(_TUPLE_NEW, repeat(Token), zip(self.words, self.bounds, islice(self.bounds, 1, None), self.kinds)))


class Token(NamedTuple):
    """One piece of the text: ``text[start:end] == token.text``."""

    # A named tuple, not a frozen dataclass: a long text makes hundreds of
    # thousands of tokens, and a frozen dataclass costs twice as much to build.

    text: str
    start: int
    end: int
    kind: TokenKind


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """A term the segmentation keeps whole, with its category for analyses."""

    term: str
    category: str
    freq: int | None = None
    pos: str | None = None


def load_lexicon(path: Path | str | None = None) -> tuple[LexiconEntry, ...]:
    """Read a lexicon TSV (``term, category[, freq[, pos]]``; ``#`` comments; header optional).

    ``None`` reads the package's political lexicon. Mistakes in the file
    (unknown category, duplicate, a term jieba cannot keep whole) raise
    :class:`PolicytextError` naming the line.
    """
    if path is None:
        source_name, lines = DEFAULT_LEXICON, data_text(DEFAULT_LEXICON).splitlines()
    else:
        source = Path(path)
        source_name = source.name
        lines = _user_file_lines(source, "lexicon")

    entries: dict[str, LexiconEntry] = {}
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if fields[0] == "term" and not entries:
            continue
        where = f"{source_name}:{lineno}"
        if len(fields) < 2 or len(fields) > 4 or not fields[1]:
            raise PolicytextError(f"{where}: expected term<TAB>category[<TAB>freq[<TAB>pos]], got {line!r}")
        term, category = fields[0], fields[1]
        freq_text = fields[2] if len(fields) > 2 else ""
        pos = (fields[3] if len(fields) > 3 else "") or None
        if category not in LEXICON_CATEGORIES:
            raise PolicytextError(f"{where}: unknown category {category!r} (one of {', '.join(sorted(LEXICON_CATEGORIES))})")
        if term in entries:
            raise PolicytextError(f"{where}: duplicate term {term!r}")
        freq = _parse_freq(freq_text, where)
        _check_term(term, where)
        entries[term] = LexiconEntry(term, category, freq, pos)
    return tuple(entries.values())


def _user_file_lines(path: Path, what: str) -> list[str]:
    """The lines of a user's word list, or a one-line error naming the file (a BOM from Windows editors is dropped)."""
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise PolicytextError(f"{what} file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PolicytextError(f"cannot read {what} file {path}: {error}") from None


def _parse_freq(text: str, where: str) -> int | None:
    if not text:
        return None
    # jieba treats frequency 0 as "force-split this word" and records it in a
    # process-wide table, which would leak into every other Tokenizer.
    if not text.isdigit() or int(text) <= 0:
        raise PolicytextError(f"{where}: freq must be a positive integer, got {text!r}")
    return int(text)


def _check_term(term: str, where: str) -> None:
    if not _JIEBA_WORD.fullmatch(term):
        raise PolicytextError(f"{where}: term {term!r} has characters jieba always splits on (punctuation or space)")
    if _PROTECTED.search(term):
        raise PolicytextError(f"{where}: term {term!r} contains a number or redaction that the pre-pass splits off")


def load_stopwords(path: Path | str | None = None) -> frozenset[str]:
    """Function words and speech filler dropped from word counts (package list by default)."""
    if path is None:
        lines = data_text(DEFAULT_STOPWORDS).splitlines()
    else:
        lines = _user_file_lines(Path(path), "stopword")
    return frozenset(word for line in lines if (word := line.strip()) and not word.startswith("#"))


class Tokenizer:
    """Lossless segmentation of Chinese policy text with a political lexicon.

    Each instance owns a separate jieba dictionary, so adding words to one
    never changes another (or jieba's global ``jieba.dt``). jieba's dictionary
    cache is kept in the project cache (``.cache/jieba``), never in /tmp.
    :attr:`version` counts the changes to the dictionary, so a parse made
    before a change can tell that it is out of date.
    """

    def __init__(
        self,
        *,
        lexicon: Path | str | None = None,
        hmm: bool = True,
        stopwords: Path | str | None = None,
    ) -> None:
        self._hmm = hmm
        self._lexicon_source = Path(lexicon).name if lexicon is not None else DEFAULT_LEXICON
        entries = load_lexicon(lexicon)
        self._stopwords = load_stopwords(stopwords)
        self._jieba = _new_jieba_tokenizer()
        self._version = 0
        self._read_only = False
        # Word → kind, a pure function of the word, remembered by this tokenizer
        # across the texts it cuts (a corpus repeats its vocabulary).
        self._kinds = _KindMemo()
        self._entries: dict[str, LexiconEntry] = {}
        for entry in entries:
            self._add(entry)

    def __repr__(self) -> str:
        return f"<Tokenizer lexicon={self._lexicon_source!r} terms={len(self._entries)} hmm={self._hmm}>"

    @property
    def hmm(self) -> bool:
        return self._hmm

    @property
    def version(self) -> int:
        """How many words were added to the dictionary since it was built from the lexicon."""
        return self._version

    @property
    def jieba(self) -> jieba.Tokenizer:
        """The jieba tokenizer this object owns (dictionary + lexicon), for jieba.analyse and jieba.posseg.

        Read it, don't add words to it directly: use :meth:`add_word`, which
        also bumps :attr:`version` so that earlier parses are known to be stale.
        """
        return self._jieba

    @cached_property
    def pos_tagger(self) -> jieba.posseg.POSTokenizer:
        """A part-of-speech tagger on this tokenizer's dictionary, built once (its tag table comes from the project cache)."""
        posseg = jieba_posseg()
        # POSTokenizer.__init__ parses dict.txt line by line (about a second);
        # the same table, read once and kept in the cache, loads in a tenth of that.
        tagger = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
        tagger.tokenizer = self._jieba
        tagger.word_tag_tab = dict(jieba_word_tags())  # the tagger adds the lexicon's tags to its own copy
        return tagger

    def tagger(self) -> jieba.posseg.POSTokenizer:
        """:attr:`pos_tagger` with the words added so far tagged (what the detectors cut and tag with)."""
        tagger = self.pos_tagger
        tagger.makesure_userdict_loaded()
        return tagger

    @property
    def lexicon_terms(self) -> tuple[str, ...]:
        """The terms kept whole, in lexicon order (words added later at the end)."""
        return tuple(self._entries)

    @property
    def lexicon(self) -> MappingProxyType[str, LexiconEntry]:
        """Term → :class:`LexiconEntry` (read-only view), e.g. to group counts by category."""
        return MappingProxyType(self._entries)

    @property
    def stopwords(self) -> frozenset[str]:
        return self._stopwords

    def add_word(self, term: str, *, category: str = "user", freq: int | None = None, pos: str | None = None) -> None:
        """Keep ``term`` whole from now on, in this tokenizer only.

        The shared :func:`default_tokenizer` is read-only: make a
        :class:`Tokenizer` of your own to add words.
        """
        where = "add_word"
        if self._read_only:
            raise PolicytextError(
                "add_word: the default tokenizer is shared and read-only; use Tokenizer() for one you can add words to"
            )
        if category not in LEXICON_CATEGORIES:
            raise PolicytextError(f"{where}: unknown category {category!r}")
        _check_term(term, where)
        self._add(LexiconEntry(term, category, _parse_freq("" if freq is None else str(freq), where), pos))

    def _add(self, entry: LexiconEntry) -> None:
        self._version += 1  # a new word may cut a text differently: earlier parses are stale
        # Context can still win against the floor; audit_lexicon finds where.
        freq = entry.freq
        if freq is None:
            freq = max(self._jieba.suggest_freq(entry.term, False), LEXICON_MIN_FREQ)
        self._jieba.add_word(entry.term, freq, entry.pos)
        self._entries[entry.term] = entry

    def tokenize(self, text: str, *, keep_quoted: bool = False) -> list[Token]:
        """Cut ``text`` into tokens that tile it: their texts concatenate to ``text``.

        Numbers with their unit (79.8%, 1900亿元, 2,157.8億元, full-width
        digits) and redaction runs (××, ***) are single tokens. With
        ``keep_quoted`` the content of a short quotation (“投早、投小、投硬科技”,
        up to :data:`MAX_QUOTED` characters) is one ``"quoted"`` token between
        its two quote-mark tokens. :meth:`segment` gives the same cut without
        making an object per token.
        """
        return self.segment(text, keep_quoted=keep_quoted).tokens()

    def segment(self, text: str, *, keep_quoted: bool = False) -> Segmentation:
        """The cut of :meth:`tokenize`, as a compact :class:`Segmentation` (what the analyses share)."""
        if not isinstance(text, str):
            raise TypeError(f"segmentation needs a str, got {type(text).__name__}")
        return self._segment(text, keep_quoted)

    def _segment(self, text: str, keep_quoted: bool) -> Segmentation:
        scan = _PROTECTED_WITH_QUOTES_SCAN if keep_quoted else _PROTECTED_SCAN
        matches = list(scan.finditer(text))
        # One jieba pass over the whole text, with every protected span masked
        # by a character jieba never joins to anything: its blocks are then
        # exactly the gaps between protected spans, so the cut is the same as
        # segmenting each gap alone, without a jieba call (and its set-up) per gap.
        # A span gets one mask per token it becomes, so jieba hands each mask back
        # as a word standing where that token goes (see _unmask).
        if matches:
            pieces, position = [], 0
            for match in matches:
                start, end = match.span()
                pieces.append(text[position:start])
                pieces.append(_MASK * _QUOTED_TOKENS if match.lastgroup == "quoted" else _MASK)
                position = end
            pieces.append(text[position:])
            masked = "".join(pieces)
        else:
            masked = text
        # A long text makes hundreds of thousands of words, and each batch of
        # new objects sets off the cyclic collector, which walks every live
        # container; the words hold no reference cycles, so it is paused here.
        with _collector_paused():
            words = self._jieba.lcut(masked, HMM=self._hmm)
            # A dict lookup mapped from C is far cheaper than classifying each word.
            kinds = list(map(self._kinds.__getitem__, words))
            if matches:
                _unmask(text, words, kinds, matches)
            return Segmentation(tuple(words), tuple(accumulate(map(len, words), initial=0)), tuple(kinds))

    def words(
        self,
        text: str,
        *,
        drop_stopwords: bool = True,
        min_length: int = 2,
        keep_numbers: bool = False,
        keep_redactions: bool = False,
    ) -> list[str]:
        """Content words in order, for frequency work: no punctuation, spaces or stopwords.

        ``min_length=2`` drops single characters, which in these texts are
        almost all particles and prepositions.
        """
        kinds = {"word"}
        if keep_numbers:
            kinds.add("number")
        if keep_redactions:
            kinds.add("redaction")
        segmentation = self.segment(text)
        return [
            word
            for word, kind in zip(segmentation.words, segmentation.kinds)
            if kind in kinds and len(word) >= min_length and not (drop_stopwords and word in self._stopwords)
        ]


class _KindMemo(dict):
    """Word → kind, filled on first sight: a plain dict lookup per token, mapped from C (one per tokenizer)."""

    def __missing__(self, word: str) -> TokenKind:
        if len(self) >= _KIND_MEMO_SIZE:
            self.clear()  # a bound, not an LRU: a corpus's vocabulary rarely reaches it
        kind = self[word] = _kind_of(word)
        return kind


_KIND_MEMO_SIZE = 200_000


def _unmask(text: str, words: list[str], kinds: list[TokenKind], matches: list[re.Match[str]]) -> None:
    """Put each protected span's tokens (and their kinds) in place of its masks among jieba's words.

    Every mask in the masked text stands for one protected token and comes back
    from jieba as a word of its own, in order, so the k-th mask among the words
    is the k-th protected token: found by a search in C (list.index) and
    overwritten in place, with no offsets to compute and no list to copy.
    """
    find = words.index
    at = 0
    for match in matches:
        at = find(_MASK, at)
        if match.lastgroup == "quoted":
            start, end = match.span()
            words[at : at + _QUOTED_TOKENS] = text[start], text[start + 1 : end - 1], text[end - 1]
            kinds[at : at + _QUOTED_TOKENS] = _QUOTED_KINDS
            at += _QUOTED_TOKENS
        else:
            words[at] = match.group()
            kinds[at] = match.lastgroup  # type: ignore[assignment]
            at += 1


def _kind_of(word: str) -> TokenKind:
    if word.isspace():
        return "space"
    # P = punctuation, S = symbols (+, ×, ％ after a letter), Z/C = odd
    # separators and format characters such as a zero-width space.
    if all(unicodedata.category(char)[0] in "PSZC" for char in word):
        return "punct"
    return "word"


def _new_jieba_tokenizer() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    # Without tmp_dir jieba writes jieba.cache to tempfile.gettempdir();
    # cache_file is joined onto tmp_dir, and jieba writes it via a temporary
    # file created in the same folder, so nothing touches /tmp.
    tokenizer.tmp_dir = os.fspath(cache_dir("jieba"))
    tokenizer.cache_file = _JIEBA_CACHE_FILE
    # jieba reads its cache with marshal.load on the open file, which reads in
    # small pieces: three times slower than marshal.loads on the whole file.
    # Same file, same content; anything unreadable falls back to jieba's own path.
    cached = _read_marshal(Path(tokenizer.tmp_dir) / tokenizer.cache_file)
    if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], dict):
        tokenizer.FREQ, tokenizer.total = cached
        tokenizer.initialized = True
        return tokenizer
    # jieba logs "Building prefix dict ..." at DEBUG on stderr, which shows up
    # as red noise in every notebook; silence it for this call only.
    logger = logging.getLogger("jieba")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        tokenizer.initialize()
    finally:
        logger.setLevel(level)
    return tokenizer


@contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_marshal(path: Path):
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def jieba_posseg() -> ModuleType:
    """``jieba.posseg``, imported without parsing jieba's dict.txt a second time.

    Importing jieba.posseg builds a tagger for jieba's global tokenizer, and
    that tagger parses all of dict.txt for its tag table (a second of every
    process that tags). The same table is in the project cache
    (:func:`jieba_word_tags`). So, while the module is imported, the global
    tokenizer hands its tagger an empty dictionary file, and the tagger then
    gets the cached table: the same words and tags (tested), so
    ``jieba.posseg.cut`` stays right for any code that calls it. With a user
    dictionary set on jieba, or jieba.posseg already imported, nothing is done.
    """
    module = sys.modules.get("jieba.posseg")
    if module is not None:
        return module
    if jieba.dt.dictionary != jieba.DEFAULT_DICT:
        return importlib.import_module("jieba.posseg")
    tags = jieba_word_tags()
    jieba.dt.get_dict_file = lambda: io.BytesIO()  # an instance attribute over the method, removed below
    try:
        module = importlib.import_module("jieba.posseg")
    finally:
        del jieba.dt.get_dict_file
    module.dt.word_tag_tab = dict(tags)
    return module


@lru_cache(maxsize=1)
def jieba_word_tags() -> MappingProxyType[str, str]:
    """Word → part-of-speech tag of jieba's own dictionary (read-only), kept in the project cache."""
    dictionary = Path(jieba.__file__).with_name("dict.txt")
    # Named after what it is built from: a jieba upgrade or an edited dict.txt makes a new file.
    stat = dictionary.stat()
    cache = cache_dir("jieba") / f"jieba-{jieba.__version__}-tags-{stat.st_size}-{stat.st_mtime_ns}.marshal"
    table = _read_marshal(cache)
    if not isinstance(table, dict):
        table = {}
        with dictionary.open(encoding="utf-8") as handle:
            for line in handle:
                fields = line.split()
                if len(fields) == 3:
                    table[fields[0]] = fields[2]
        atomic_write(cache, lambda handle: marshal.dump(table, handle))
    return MappingProxyType(table)


@lru_cache(maxsize=1)
def default_tokenizer() -> Tokenizer:
    """One shared, read-only Tokenizer with the package lexicon, built on first use (notebooks, CLI).

    Shared by everything in the process, so it refuses :meth:`Tokenizer.add_word`:
    a changed lexicon is a :class:`Tokenizer` of one's own, passed to the analysis.
    """
    tokenizer = Tokenizer()
    tokenizer._read_only = True
    return tokenizer


def audit_lexicon(
    text: str,
    *,
    tokenizer: Tokenizer | None = None,
    lexicon: Path | str | None = None,
    include_shadowed: bool = False,
) -> pd.DataFrame:
    """Occurrences of lexicon terms that the segmentation does not keep as one token.

    Checks the terms of ``lexicon`` (the package lexicon by default) plus the
    tokenizer's own. One row per broken occurrence: ``term, start, end,
    tokens_covering`` (e.g. ``"新质|生产力"``); no rows means every occurrence
    can be counted. An occurrence inside a longer token (成果转化 in
    科技成果转化) is not broken. Where two terms overlap (科技创新 and
    创新要素 in 科技创新要素) only one can win; the loser is reported only
    with ``include_shadowed=True``.
    """
    tokenizer = tokenizer if tokenizer is not None else default_tokenizer()
    terms = {entry.term for entry in load_lexicon(lexicon)} | set(tokenizer.lexicon_terms)
    tokens = tokenizer.tokenize(text)
    starts = [token.start for token in tokens]
    ends = [token.end for token in tokens]

    rows = []
    for term in terms:
        start = text.find(term)
        while start != -1:
            end = start + len(term)
            covering = tokens[bisect_right(starts, start) - 1 : bisect_left(ends, end) + 1]
            if len(covering) > 1 and (include_shadowed or not _shadowed(covering, start, end, terms)):
                rows.append((term, start, end, "|".join(token.text for token in covering)))
            start = text.find(term, start + 1)

    rows.sort(key=lambda row: (row[1], row[2], row[0]))
    frame = pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))
    return frame.astype({"term": "str", "start": "int64", "end": "int64", "tokens_covering": "str"})


def _shadowed(covering: list[Token], start: int, end: int, terms: set[str]) -> bool:
    # Lost to an overlapping lexicon term that reaches outside this occurrence.
    return any(token.text in terms and (token.start < start or token.end > end) for token in covering)
