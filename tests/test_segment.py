"""Segmentation: lexicon terms whole, numbers with units, redactions, quoted slogans, lossless tiling, the audit, no /tmp writes."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policytext.errors import PolicytextError
from policytext.segment import (
    AUDIT_COLUMNS,
    LEXICON_CATEGORIES,
    MAX_QUOTED,
    Token,
    Tokenizer,
    audit_lexicon,
    default_tokenizer,
    load_lexicon,
    load_stopwords,
)

from .helpers import SEED, examples, real_text_files

KINDS = {"word", "number", "redaction", "quoted", "punct", "space"}
SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return default_tokenizer()


@pytest.fixture(scope="module")
def seed_tokens(tokenizer):
    """The seed cut once for the tests that only read its tokens."""
    return tuple(tokenizer.tokenize(SEED_TEXT))


@pytest.fixture(scope="module")
def empty_lexicon(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("lexicon") / "empty.tsv"
    path.write_text("term\tcategory\tfreq\tpos\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def bare(empty_lexicon) -> Tokenizer:
    """jieba's general dictionary only: the control that shows the lexicon matters."""
    return Tokenizer(lexicon=empty_lexicon)


def assert_tiles(text: str, tokens: list[Token]) -> None:
    position = 0
    for token in tokens:
        assert token.start == position, (token, position)
        assert token.end > token.start, token
        assert text[token.start : token.end] == token.text, token
        assert token.kind in KINDS, token
        if token.kind not in {"space", "quoted"}:
            assert not any(char.isspace() for char in token.text), token
        position = token.end
    assert position == len(text)
    assert "".join(token.text for token in tokens) == text


def spans_of(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]


def token_at(tokens: list[Token], start: int, end: int) -> Token | None:
    return next((t for t in tokens if t.start == start and t.end == end), None)


# -- the seed speech --------------------------------------------------------


@pytest.mark.parametrize("term", ["新质生产力", "战略性新兴产业", "海河实验室", "天开高教科创园", "揭榜挂帅"])
def test_seed_lexicon_terms_are_single_tokens(seed_tokens, term):
    tokens = seed_tokens
    spans = spans_of(SEED_TEXT, term)
    assert spans, f"{term} should occur in the seed"
    for start, end in spans:
        token = token_at(tokens, start, end)
        assert token is not None and token.kind == "word", (term, start)


def test_seed_lexicon_terms_are_split_without_the_lexicon(bare):
    tokens = bare.tokenize(SEED_TEXT)
    start, end = spans_of(SEED_TEXT, "新质生产力")[0]
    assert token_at(tokens, start, end) is None


@pytest.mark.parametrize("figure", ["79.8%", "1900亿元", "15107项", "167家", "16.7%", "12%", "36位"])
def test_seed_figures_keep_their_unit(seed_tokens, figure):
    tokens = seed_tokens
    spans = spans_of(SEED_TEXT, figure)
    assert spans
    for start, end in spans:
        token = token_at(tokens, start, end)
        assert token is not None and token.kind == "number", (figure, start)


def test_seed_redactions(seed_tokens):
    tokens = seed_tokens
    redactions = [t for t in tokens if t.kind == "redaction"]
    assert {t.text for t in redactions} == {"××", "×××"}
    assert sum(len(t.text) for t in redactions) == SEED_TEXT.count("×")
    # 达××%: the redacted figure keeps its percent sign as a separate token.
    start = SEED_TEXT.index("××%")
    assert [(t.text, t.kind) for t in tokens if start <= t.start < start + 3] == [("××", "redaction"), ("%", "punct")]


def test_seed_audit_finds_nothing_split(tokenizer):
    report = audit_lexicon(SEED_TEXT, tokenizer=tokenizer)
    assert list(report.columns) == list(AUDIT_COLUMNS)
    assert report.empty, report.to_string()


def test_audit_finds_splits_without_the_lexicon(bare):
    report = audit_lexicon(SEED_TEXT, tokenizer=bare)
    assert list(report.columns) == list(AUDIT_COLUMNS)
    rows = report[report.term == "新质生产力"]
    assert len(rows) == SEED_TEXT.count("新质生产力")
    assert set(rows.tokens_covering) == {"新质|生产力"}
    for row in report.itertuples():
        assert SEED_TEXT[row.start : row.end] == row.term
        assert row.tokens_covering.replace("|", "").find(row.term) >= 0
        assert "|" in row.tokens_covering
    assert report.start.is_monotonic_increasing


def test_audit_ignores_a_term_nested_in_a_longer_token(tmp_path):
    lexicon = tmp_path / "nested.tsv"
    lexicon.write_text("成果转化\tconcept\n科技成果转化\tconcept\n", encoding="utf-8")
    tokenizer = Tokenizer(lexicon=lexicon)
    text = "加快科技成果转化，推动成果转化。"
    assert [t.text for t in tokenizer.tokenize(text)].count("科技成果转化") == 1
    assert audit_lexicon(text, tokenizer=tokenizer, lexicon=lexicon, include_shadowed=True).empty


def test_audit_reports_overlapping_terms_only_on_request(tmp_path):
    lexicon = tmp_path / "overlap.tsv"
    lexicon.write_text("科技创新\tconcept\n创新要素\tconcept\n", encoding="utf-8")
    tokenizer = Tokenizer(lexicon=lexicon)
    text = "科技创新要素配置高效"
    assert audit_lexicon(text, tokenizer=tokenizer, lexicon=lexicon).empty
    shadowed = audit_lexicon(text, tokenizer=tokenizer, lexicon=lexicon, include_shadowed=True)
    assert len(shadowed) == 1
    loser = shadowed.term.iloc[0]
    winner = ({"科技创新", "创新要素"} - {loser}).pop()
    assert winner in shadowed.tokens_covering.iloc[0].split("|")


# -- numbers, redactions, quotes --------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("成交额突破1900亿元", "1900亿元"),
        ("成交额突破１９００亿元", "１９００亿元"),
        ("增长１６．７％", "１６．７％"),
        ("营业收入2,157.8億元", "2,157.8億元"),
        ("提高4.5个百分点", "4.5个百分点"),
        ("吞吐量2218万标准箱", "2218万标准箱"),
        ("培育100多家企业", "100多家"),
        ("2023年全市技术合同", "2023年"),
        ("列全球第36位", "36位"),
    ],
)
def test_numbers_with_units_are_one_token(tokenizer, text, expected):
    tokens = tokenizer.tokenize(text)
    assert (expected, "number") in [(t.text, t.kind) for t in tokens]


@pytest.mark.parametrize("text, word", [("培育6G等未来产业", "6G"), ("G20峰会", "G20"), ("扩大5G应用", "5G")])
def test_digits_glued_to_letters_are_not_numbers(tokenizer, text, word):
    tokens = tokenizer.tokenize(text)
    assert (word, "word") in [(t.text, t.kind) for t in tokens]
    assert not any(t.kind == "number" for t in tokens)


def test_comma_between_figures_is_not_a_thousands_separator(tokenizer):
    tokens = tokenizer.tokenize("分别为12,3456和1,2")
    assert [t.text for t in tokens if t.kind == "number"] == ["12", "3456", "1", "2"]


@pytest.mark.parametrize("run", ["××", "×××", "***", "XX"])
def test_redaction_runs(tokenizer, run):
    tokens = tokenizer.tokenize(f"{run}大学")
    assert tokens[0] == Token(run, 0, len(run), "redaction")


def test_single_times_sign_is_not_a_redaction(tokenizer):
    assert not any(t.kind == "redaction" for t in tokenizer.tokenize("3×4矩阵"))


def test_keep_quoted_on_and_off(tokenizer):
    text = "鼓励“投早、投小、投硬科技”，完善“1+4”体系，攻克“卡脖子”难题"
    kept = tokenizer.tokenize(text, keep_quoted=True)
    assert [t.text for t in kept if t.kind == "quoted"] == ["投早、投小、投硬科技", "1+4", "卡脖子"]
    index = next(i for i, t in enumerate(kept) if t.text == "投早、投小、投硬科技")
    assert (kept[index - 1].text, kept[index - 1].kind) == ("“", "punct")
    assert (kept[index + 1].text, kept[index + 1].kind) == ("”", "punct")
    assert_tiles(text, kept)

    plain = tokenizer.tokenize(text)
    assert not any(t.kind == "quoted" for t in plain)
    assert ("、", "punct") in [(t.text, t.kind) for t in plain]
    assert ("卡脖子", "word") in [(t.text, t.kind) for t in plain]


def test_keep_quoted_skips_long_quotations_but_keeps_inner_ones(tokenizer):
    text = "“市级自然科学基金试行‘负面清单+包干制’”等改革举措"
    quoted = [t.text for t in tokenizer.tokenize(text, keep_quoted=True) if t.kind == "quoted"]
    assert quoted == ["负面清单+包干制"]
    sentence = "“科技创新能够催生新产业、新模式、新动能，是发展新质生产力的核心要素。”"
    assert not any(t.kind == "quoted" for t in tokenizer.tokenize(sentence, keep_quoted=True))


def test_seed_quoted_slogans(tokenizer):
    quoted = [t.text for t in tokenizer.tokenize(SEED_TEXT, keep_quoted=True) if t.kind == "quoted"]
    assert "投早、投小、投硬科技" in quoted and "1+4" in quoted and "卡脖子" in quoted
    assert all(len(q) <= MAX_QUOTED for q in quoted)


# -- losslessness ----------------------------------------------------------

_SPECIAL = list("××***Xx0123456789０１２３４５６７８９.．,，%％亿元万年家项位个“”「」『』‘’、。！？；:：+-—()（） \t\r\n\u3000" + "\x00")  # NUL: the mask character, which a text may hold too
_PIECES = ["新质生产力", "1900亿元", "2,157.8億元", "79.8%", "××", "“卡脖子”", "6G", "科技成果转化"]
_TEXT = st.lists(
    st.one_of(
        st.text(st.one_of(st.sampled_from(_SPECIAL), st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)), max_size=12),
        st.sampled_from(_PIECES),
        st.text(max_size=4),
    ),
    max_size=10,
).map("".join)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, keep_quoted=st.booleans())
def test_tokens_tile_arbitrary_text(tokenizer, text, keep_quoted):
    tokens = tokenizer.tokenize(text, keep_quoted=keep_quoted)
    assert_tiles(text, tokens)
    for i, token in enumerate(tokens):
        if token.kind == "quoted":
            assert len(token.text) <= MAX_QUOTED
            assert tokens[i - 1].kind == tokens[i + 1].kind == "punct"


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, keep_quoted=st.booleans())
def test_segmentation_is_the_tokens_in_compact_form(tokenizer, text, keep_quoted):
    segmentation = tokenizer.segment(text, keep_quoted=keep_quoted)
    assert "".join(segmentation.words) == text
    assert segmentation.bounds[0] == 0 and segmentation.bounds[-1] == len(text)
    assert len(segmentation.bounds) == len(segmentation.words) + 1 == len(segmentation.kinds) + 1
    assert all(text[a:b] == word for word, a, b in zip(segmentation.words, segmentation.bounds, segmentation.bounds[1:]))
    assert segmentation.tokens() == tokenizer.tokenize(text, keep_quoted=keep_quoted)


@pytest.mark.parametrize("method", ["tokenize", "segment"])
def test_only_text_can_be_segmented(method):
    with pytest.raises(TypeError, match="needs a str, got bytes"):
        getattr(default_tokenizer(), method)("新质生产力".encode())


def test_adding_a_word_bumps_the_version_and_each_call_cuts_afresh():
    tokenizer = Tokenizer()
    text = "我们要推动量子纠缠通信产业发展。" * 40
    version = tokenizer.version
    first = tokenizer.segment(text)
    assert tokenizer.segment(text) == first and "量子纠缠通信" not in first.words
    tokenizer.add_word("量子纠缠通信")
    assert tokenizer.version == version + 1
    assert "量子纠缠通信" in tokenizer.segment(text).words


def test_the_shared_default_tokenizer_is_read_only():
    with pytest.raises(PolicytextError, match="read-only"):
        default_tokenizer().add_word("天开高教")
    assert "天开高教" not in default_tokenizer().lexicon


@pytest.mark.parametrize("path", real_text_files(), ids=lambda p: p.name)
@pytest.mark.parametrize("keep_quoted", [False, True])
def test_tokens_tile_real_files(tokenizer, path, keep_quoted):
    text = path.read_text(encoding="utf-8")
    assert_tiles(text, tokenizer.tokenize(text, keep_quoted=keep_quoted))


# -- words -------------------------------------------------------------------


def test_words_are_content_words_only(tokenizer):
    text = "同志们：我们要加快发展新质生产力，增长16.7%，××地区的科技成果转化。"
    words = tokenizer.words(text)
    assert "新质生产力" in words and "科技成果转化" in words
    assert not {"我们", "的", "同志", "：", "，"} & set(words)
    assert "16.7%" not in words and "××" not in words
    assert all(len(w) >= 2 for w in words)

    assert "16.7%" in tokenizer.words(text, keep_numbers=True)
    assert "××" in tokenizer.words(text, keep_redactions=True)
    assert "我们" in tokenizer.words(text, drop_stopwords=False)
    assert "要" in tokenizer.words(text, min_length=1, drop_stopwords=False)


def test_seed_words_count_the_lexicon(tokenizer):
    words = tokenizer.words(SEED_TEXT)
    assert words.count("新质生产力") == SEED_TEXT.count("新质生产力")
    assert not set(words) & tokenizer.stopwords


# -- lexicon and stopwords ---------------------------------------------------

REQUIRED_TERMS = """新质生产力 高质量发展 战略性新兴产业 未来产业 卡脖子 揭榜挂帅 京津冀 海河实验室 天开高教科创园 天开园
全要素生产率 新发展理念 科技自立自强 关键核心技术 颠覆性技术 前沿技术 成果转化 科技成果转化 创新驱动发展战略 双一流
双碳 习近平总书记 党中央 新型工业化 现代化产业体系 产业链 创新链 供给侧结构性改革 国家实验室 全国重点实验室
里程碑管理 负面清单 包干制 创新联合体 中国式现代化 因地制宜 新动能 生产关系 生产要素 劳动者 劳动资料 劳动对象""".split()


def test_package_lexicon(tokenizer):
    entries = load_lexicon()
    assert len(entries) >= 150
    assert {e.category for e in entries} <= LEXICON_CATEGORIES
    assert tokenizer.lexicon_terms == tuple(e.term for e in entries)
    assert set(REQUIRED_TERMS) <= set(tokenizer.lexicon_terms)
    assert tokenizer.lexicon["海河实验室"].category == "institution"


def test_every_lexicon_term_alone_is_one_token(tokenizer):
    broken = [term for term in tokenizer.lexicon_terms if [t.text for t in tokenizer.tokenize(term)] != [term]]
    assert broken == []


def test_stopwords_are_function_words_not_content():
    stopwords = load_stopwords()
    assert {"的", "了", "和", "是", "在", "等", "与", "及", "为", "对", "将", "把", "被", "以", "中", "上", "下"} <= stopwords
    assert not stopwords & {e.term for e in load_lexicon()}
    assert not stopwords & {"发展", "创新", "推动", "加快", "必须", "坚持", "产业", "科技"}


@pytest.mark.parametrize(
    "line, message",
    [
        ("新质生产力\tbuzzword\n", "unknown category"),
        ("新质生产力\tconcept\n新质生产力\tconcept\n", "duplicate"),
        ("勇争先、善作为\tslogan\n", "jieba always splits"),
        ("从0到1\tslogan\n", "number"),
        ("新质生产力\tconcept\t0\n", "positive integer"),
        ("新质生产力\n", "expected term"),
    ],
)
def test_bad_lexicon_lines_are_clear_errors(tmp_path, line, message):
    path = tmp_path / "bad.tsv"
    path.write_text(line, encoding="utf-8")
    with pytest.raises(PolicytextError, match=message):
        Tokenizer(lexicon=path)


def test_missing_lexicon_is_a_clear_error(tmp_path):
    with pytest.raises(PolicytextError, match="not found"):
        Tokenizer(lexicon=tmp_path / "nope.tsv")


# -- state and environment ---------------------------------------------------


def test_default_tokenizer_is_shared():
    assert default_tokenizer() is default_tokenizer()


def test_tokenizers_do_not_share_state(bare, empty_lexicon):
    other = Tokenizer(lexicon=empty_lexicon)
    other.add_word("新质生产力", category="concept")
    assert [t.text for t in other.tokenize("发展新质生产力")] == ["发展", "新质生产力"]
    assert "新质生产力" in other.lexicon_terms
    assert [t.text for t in bare.tokenize("发展新质生产力")] != ["发展", "新质生产力"]
    assert bare.lexicon_terms == ()


@pytest.mark.slow
def test_no_file_written_to_tmpdir(tmp_path, monkeypatch):
    tmp, cache = tmp_path / "tmp", tmp_path / "cache"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setenv("POLICYTEXT_CACHE_DIR", str(cache))
    # Forget the temp folder Python already chose, so any use of it would land in tmp.
    monkeypatch.setattr(tempfile, "tempdir", None)

    tokenizer = Tokenizer()  # a fresh cache dir: jieba builds and dumps its cache
    assert [t.text for t in tokenizer.tokenize("发展新质生产力")] == ["发展", "新质生产力"]

    assert list(tmp.iterdir()) == []
    assert tempfile.tempdir is None, "tempfile.gettempdir() was consulted"
    assert [p.name for p in (cache / "jieba").glob("jieba*.cache")], list(cache.rglob("*"))


def test_remembered_segmentation_is_forgotten_when_a_word_is_added():
    """Long texts are remembered per tokenizer; adding a word must not serve the old cut."""
    from policytext.segment import Tokenizer

    tokenizer = Tokenizer()
    text = "我们要推动量子纠缠通信产业发展。" * 30
    before = tokenizer.tokenize(text)
    assert tokenizer.tokenize(text) == before
    assert tokenizer.tokenize(text) is not tokenizer.tokenize(text)  # callers get their own list
    tokenizer.add_word("量子纠缠通信")
    assert "量子纠缠通信" in {t.text for t in tokenizer.tokenize(text)}
    assert "量子纠缠通信" not in {t.text for t in before}


# -- one jieba pass, the same cut as segmenting each gap ------------------------


def _cut_gap_by_gap(tokenizer: Tokenizer, text: str, keep_quoted: bool) -> list[tuple[str, int, int, str]]:
    """The definition the single masked pass must equal: jieba on each gap between protected spans alone."""
    from policytext.segment import _PROTECTED, _PROTECTED_WITH_QUOTES, _kind_of

    pattern = _PROTECTED_WITH_QUOTES if keep_quoted else _PROTECTED
    out, position = [], 0

    def gap(start: int, end: int) -> None:
        for word, s, e in tokenizer.jieba.tokenize(text[start:end], HMM=tokenizer.hmm):
            out.append((word, start + s, start + e, _kind_of(word)))

    for match in pattern.finditer(text):
        start, end = match.span()
        if start > position:
            gap(position, start)
        if match.lastgroup == "quoted":
            out += [(text[start], start, start + 1, "punct"), (text[start + 1 : end - 1], start + 1, end - 1, "quoted"),
                    (text[end - 1], end - 1, end, "punct")]
        else:
            out.append((match.group(), start, end, match.lastgroup))
        position = end
    if position < len(text):
        gap(position, len(text))
    return out


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, keep_quoted=st.booleans())
def test_one_pass_cuts_like_each_gap_alone(tokenizer, text, keep_quoted):
    assert [tuple(t) for t in tokenizer.tokenize(text, keep_quoted=keep_quoted)] == _cut_gap_by_gap(tokenizer, text, keep_quoted)


@pytest.mark.parametrize("text", ["新质\x00生产力1900亿元\x00××", "\x00", "增长79.8%\x00\x00“双碳”"])
def test_a_nul_in_the_text_does_not_confuse_the_mask(tokenizer, text):
    # The mask character is NUL; a real one in the input must come back as itself.
    for keep_quoted in (False, True):
        tokens = tokenizer.tokenize(text, keep_quoted=keep_quoted)
        assert_tiles(text, tokens)
        assert [tuple(t) for t in tokens] == _cut_gap_by_gap(tokenizer, text, keep_quoted)


def test_one_pass_cuts_the_seed_like_each_gap_alone(tokenizer):
    for keep_quoted in (False, True):
        assert [tuple(t) for t in tokenizer.tokenize(SEED_TEXT, keep_quoted=keep_quoted)] == _cut_gap_by_gap(tokenizer, SEED_TEXT, keep_quoted)


# -- resources from the project cache --------------------------------------------


@pytest.mark.slow
def test_tag_table_from_the_cache_is_jiebas_own(tmp_path, monkeypatch):
    import jieba.posseg

    from policytext import segment

    monkeypatch.setenv("POLICYTEXT_CACHE_DIR", str(tmp_path))
    segment.jieba_word_tags.cache_clear()
    try:
        built = dict(segment.jieba_word_tags())  # parses dict.txt and writes the cache
        written = list((tmp_path / "jieba").glob("*tags*.marshal"))
        assert len(written) == 1
        segment.jieba_word_tags.cache_clear()
        assert dict(segment.jieba_word_tags()) == built  # read back from the cache
        reference = jieba.posseg.POSTokenizer(jieba.Tokenizer())  # jieba's own parse of the same file
        assert reference.word_tag_tab == built
    finally:
        segment.jieba_word_tags.cache_clear()


def test_pos_tagger_has_jiebas_tags_and_the_lexicons():
    tagger = Tokenizer().pos_tagger
    tagger.makesure_userdict_loaded()
    # 发展 from jieba's dict.txt, 新质生产力 with the lexicon's nz
    assert [tuple(pair) for pair in tagger.cut("发展新质生产力")] == [("发展", "vn"), ("新质生产力", "nz")]
    # each tagger has its own copy: the lexicon's tags never reach the shared table
    from policytext.segment import jieba_word_tags

    assert "新质生产力" not in jieba_word_tags()


@pytest.mark.slow
def test_unreadable_dictionary_cache_falls_back_to_jieba(tmp_path, monkeypatch):
    from policytext import segment

    monkeypatch.setenv("POLICYTEXT_CACHE_DIR", str(tmp_path))
    broken = tmp_path / "jieba" / segment._JIEBA_CACHE_FILE
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"not a marshal file")
    tokenizer = Tokenizer()
    assert [t.text for t in tokenizer.tokenize("发展新质生产力")] == ["发展", "新质生产力"]
    assert broken.stat().st_size > 1_000_000  # jieba rebuilt it
    assert Tokenizer().tokenize("发展新质生产力") == tokenizer.tokenize("发展新质生产力")  # and it is read the fast way


def test_posseg_imported_the_cheap_way_tags_as_jieba_itself_does(tmp_path):
    # A fresh interpreter: jieba.posseg must not be imported yet. Its global tagger gets the cached table
    # instead of parsing dict.txt; it must hold exactly what jieba's own parse of dict.txt gives, and the
    # global tokenizer must get its dictionary method back.
    import os
    import subprocess
    import sys

    script = (
        "import jieba, sys\n"
        "jieba.setLogLevel(60)\n"
        "from policytext.segment import jieba_posseg\n"
        "assert 'jieba.posseg' not in sys.modules\n"
        "posseg = jieba_posseg()\n"
        "assert jieba_posseg() is posseg and 'get_dict_file' not in vars(jieba.dt)\n"
        "reference = posseg.POSTokenizer.__new__(posseg.POSTokenizer)\n"
        "reference.load_word_tag(jieba.dt.get_dict_file())\n"
        "assert posseg.dt.word_tag_tab == reference.word_tag_tab, 'tag tables differ'\n"
        "assert len(reference.word_tag_tab) > 300000\n"
        "words = [(w.word, w.flag) for w in posseg.lcut('我们要加快发展新质生产力，推进高水平对外开放。')]\n"
        "assert ('发展', 'vn') in words or ('发展', 'v') in words, words\n"
        "print('ok')\n"
    )
    env = {**os.environ, "POLICYTEXT_CACHE_DIR": os.environ.get("POLICYTEXT_CACHE_DIR", str(tmp_path))}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]
