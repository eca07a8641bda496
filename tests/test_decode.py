"""Decoding at the edge: encodings detected, bad input refused with one line."""

from __future__ import annotations

import codecs

import pytest

import banmian
from banmian.decode import decode_bytes
from banmian.errors import DecodeError, EmptyInputError, InputTooLargeError

WHITESPACE = {ord(c): None for c in " \t\r\n\u00a0\u3000"}
SAMPLE = "江临市召开全市经济工作会议\n\n本报讯(记者 周晓岚) 3月14日,全市经济工作会议召开。会议强调,要稳中求进。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
    ],
)
def test_encodings_are_detected(data: bytes, encoding: str) -> None:
    text, detected, _ = decode_bytes(data, "page.txt")
    assert text.lstrip("\ufeff") == SAMPLE
    assert detected == encoding


def test_big5_is_detected() -> None:
    traditional = ("臺北市政府舉行記者會\n\n本報訊(記者 陳大文) 市政府今日宣布,將擴大推動公共運輸"
                   "與社會住宅政策,並增加預算支持地方產業發展與青年就業,相關措施下月起實施。\n") * 3
    text, detected, _ = decode_bytes(traditional.encode("big5"), "page.txt")
    assert text == traditional
    assert detected == "big5"


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", EmptyInputError, "empty"),
        (b"  \n\n \t", EmptyInputError, "empty"),
        (bytes(range(256)) * 4, DecodeError, "binary"),
        (b"\x00\x01\x02\x03" * 100, DecodeError, "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), DecodeError, "binary"),
    ],
)
def test_bad_input_gets_a_one_line_error_naming_the_file(data: bytes, error: type, words: str) -> None:
    with pytest.raises(error) as info:
        decode_bytes(data, "bad.txt")
    message = str(info.value)
    assert message.startswith("bad.txt: ") and words in message and "\n" not in message


def test_truncated_utf8_multibyte_is_read_not_crashed() -> None:
    data = SAMPLE.encode("utf-8")[:-2]
    page = banmian.parse_page(data, name="cut.txt")
    assert page.articles
    assert "truncated" in page.warnings[0]


def test_fifty_megabyte_page_is_refused_with_one_line() -> None:
    with pytest.raises(InputTooLargeError) as info:
        banmian.parse_page(b"a" * (50 * 1024 * 1024), name="huge.txt")
    assert str(info.value).startswith("huge.txt: ") and "limit" in str(info.value)


def test_multi_megabyte_page_parses_without_losing_text() -> None:
    block = SAMPLE * 10
    text = block * (3 * 1024 * 1024 // len(block.encode("utf-8")))
    page = banmian.parse_page(text)
    spans = [b.span for b in page.blocks]
    assert all(prev[1] <= cur[0] for prev, cur in zip(spans, spans[1:], strict=False))
    in_blocks = sum(len(text[s:e].translate(WHITESPACE)) for s, e in spans)
    assert in_blocks == len(text.translate(WHITESPACE))


def test_page_without_headline_warns_and_keeps_text() -> None:
    page = banmian.parse_page("会议指出,要坚持稳中求进。\n\n会议强调,要抓好落实。\n")
    assert page.warnings and "no headline" in page.warnings[0]
    assert [p.text for a in page.articles for p in a.paragraphs] == [
        "会议指出，要坚持稳中求进。", "会议强调，要抓好落实。"]
