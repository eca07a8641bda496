"""Invariants of the page parser on arbitrary input (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import banmian
from banmian.errors import BanmianError
from banmian.model import Page

# Text built from the pieces page text is made of, so the parser's branches are reached.
PIECES = st.sampled_from([
    "新华社北京1月6日电 ", "本报讯(记者 张三 李四) ", "本报记者 王五", "江城日报·掌上江城讯(记者/赵六) ",
    "相关链接", "下转 A2版", "(上接第一版)", "责任编辑:钱七", "2023年3月15日 星期三 A1 要闻",
    "一、", "——记某地工作纪实", "核心阅读", "■", "“", "”", "。", ",", ":", ";", "(", ")", "!", "?",
    "1,000", "298.20万人", "9:30", "市委书记", "强调 ", "摄", " ", "\u00a0", "\u3000", "\n", "\n\n",
    "\r\n", "……", "江城市召开会议", "全力推进项目建设", "会议指出", "要坚持稳中求进",
])
PAGE_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


def _coverage(page: Page) -> list[int]:
    covered = [0] * len(page.text)
    for block in page.blocks:
        for i in range(*block.span):
            covered[i] += 1
    return covered


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGE_TEXT)
def test_every_non_blank_character_in_exactly_one_block(text: str) -> None:
    try:
        page = banmian.parse_page(text)
    except BanmianError:
        assert not text.strip(" \t\n\r\f\v\u00a0\u3000\ufeff\u2028\u2029\x85\x1c\x1d\x1e")
        return
    covered = _coverage(page)
    for i, c in enumerate(page.text):
        if c.strip() and c not in "\u00a0\u3000\ufeff":
            assert covered[i] == 1, (i, c)
        else:
            assert covered[i] <= 1


@settings(max_examples=200, deadline=None)
@given(PAGE_TEXT)
def test_keep_punct_paragraphs_equal_their_source_spans(text: str) -> None:
    try:
        page = banmian.parse_page(text, keep_punct=True)
    except BanmianError:
        return
    for article in page.articles:
        for paragraph in article.paragraphs:
            assert paragraph.text == "".join(page.text[s:e] for s, e in paragraph.spans)
        for headline in article.headlines:
            assert headline.text == page.text[headline.span[0]:headline.span[1]]


@settings(max_examples=200, deadline=None)
@given(PAGE_TEXT)
def test_restored_text_keeps_lengths_and_round_trips(text: str) -> None:
    try:
        page = banmian.parse_page(text)
    except BanmianError:
        return
    for article in page.articles:
        for paragraph in article.paragraphs:
            assert len(paragraph.text) == sum(e - s for s, e in paragraph.spans)
            for k in range(len(paragraph.text)):
                assert paragraph.source_offset(k) < len(page.text)
    data = json.loads(json.dumps(page.to_dict(), ensure_ascii=False))
    assert Page.from_dict(data) == page


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_parse_or_fail_with_one_line(data: bytes) -> None:
    try:
        banmian.parse_page(data, name="input.bin")
    except BanmianError as exc:
        message = str(exc)
        assert message.startswith("input.bin: ") and "\n" not in message


def test_a_control_character_alone_is_text_not_an_empty_page() -> None:
    """Python's str.strip() takes \\x1f for blank; the line splitter keeps it."""
    page = banmian.parse_page("\x1f")
    assert [b.span for b in page.blocks] == [(0, 1)]
