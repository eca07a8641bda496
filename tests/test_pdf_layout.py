"""Layout analysis on hand-placed characters: no font or PDF needed."""

from __future__ import annotations

import pytest

from banmian.pdf.layout import JUMP_RE, analyse
from banmian.pdf.reader import BBox, Char, PageContent
from banmian.pdf.write import to_text

BODY = 10.0
PITCH = 14.0
PAGE = (600.0, 800.0)


def _run(text: str, x: float, baseline: float, size: float = BODY,
         bold: bool = False) -> list[Char]:
    return [Char(ch, x + i * size, baseline - 0.8 * size, x + (i + 1) * size,
                 baseline + 0.2 * size, baseline, size, bold) for i, ch in enumerate(text)]


def _column(paragraphs: list[str], x: float, top: float, chars_per_line: int,
            per_column: int | None = None) -> tuple[list[Char], list[str]]:
    """Set paragraphs (first line indented two characters); return chars and the leftover."""
    out: list[Char] = []
    row = 0
    left = list(paragraphs)
    while left:
        text = left.pop(0)
        first = True
        while text:
            if per_column is not None and row == per_column:
                return out, [text, *left] if not first else [text, *left]
            indent = 2 if first else 0
            piece, text = text[: chars_per_line - indent], text[chars_per_line - indent:]
            out += _run(piece, x + indent * BODY, top + row * PITCH)
            row += 1
            first = False
    return out, []


def _content(chars: list[Char], hrules: tuple[BBox, ...] = (), vrules: tuple[BBox, ...] = (),
             boxes: tuple[BBox, ...] = ()) -> PageContent:
    return PageContent(*PAGE, tuple(chars), hrules, vrules, boxes, 0.0)


PARAS = ["甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥甲乙丙丁戊己庚辛壬癸。",
         "青溪白沙南湖石门东江北坡柳塘云岭青溪白沙南湖石门东江北坡。",
         "一二三四五六七八九十百千万亿一二三四五六七八九十百千。"]


def test_centred_headline_over_columns_is_read_first_then_column_by_column() -> None:
    # Three columns of ten characters under a title centred over the middle one only.
    chars = _run("标题居中", 250.0, 60.0, size=24.0)
    rest = PARAS
    for col in range(3):
        placed, rest = _column(rest, 100.0 + col * 115.0, 100.0, 10, per_column=4)
        chars += placed
    layout = analyse(_content(chars))
    roles = [(b.role, b.text) for b in layout.blocks]
    assert roles[0] == ("title", "标题居中") and layout.blocks[0].article_start
    assert [text for role, text in roles[1:]] == PARAS  # paragraphs rejoined across columns
    assert {role for role, _ in roles[1:]} == {"body"}


def test_spaced_out_title_stays_one_line_without_spaces() -> None:
    title = [c for i, ch in enumerate("两会特刊")
             for c in _run(ch, 150.0 + i * 60.0, 60.0, size=30.0)]  # letters 30 pt apart
    subtitle = _run("——副题", 220.0, 90.0, size=13.0)  # under the middle letters only
    placed, _ = _column([PARAS[0]], 100.0, 130.0, 30)
    layout = analyse(_content(title + subtitle + placed))
    assert [(b.role, b.text) for b in layout.blocks] == [
        ("title", "两会特刊"), ("subtitle", "——副题"), ("body", PARAS[0])]


def test_side_by_side_titles_a_gutter_apart_stay_apart_at_a_rule() -> None:
    left = _run("左边的标题文字", 20.0, 60.0, size=24.0)  # ends at 188
    right = _run("右边标题", 200.0, 60.0, size=24.0)  # 12 pt gutter, a rule in it
    body_left, _ = _column([PARAS[0]], 20.0, 100.0, 16)
    body_right, _ = _column([PARAS[1]], 200.0, 100.0, 16)
    rule = (193.5, 40.0, 194.5, 200.0)
    layout = analyse(_content(left + right + body_left + body_right, vrules=(rule,)))
    assert [(b.role, b.text) for b in layout.blocks] == [
        ("title", "左边的标题文字"), ("body", PARAS[0]), ("title", "右边标题"), ("body", PARAS[1])]
    assert [b.article_start for b in layout.blocks] == [True, False, True, False]


def test_headline_stack_roles_and_bold_lead_byline() -> None:
    chars = (_run("引题在上", 20.0, 40.0, size=14.0) + _run("主标题", 20.0, 70.0, size=28.0)
             + _run("——副题在下", 20.0, 95.0, size=13.0))
    lead = "本报讯记者张三"
    body = "正文从这里开始一直写到行末然后换行继续写完。"
    first = _run(lead, 40.0, 130.0, bold=True) + _run(body[:9], 110.0, 130.0)
    chars += first + _run(body[9:], 20.0, 144.0)
    layout = analyse(_content(chars))
    assert [(b.role, b.text) for b in layout.blocks] == [
        ("kicker", "引题在上"), ("title", "主标题"), ("subtitle", "——副题在下"),
        ("byline", lead), ("body", body)]


def test_header_strip_is_furniture_and_jump_line_is_continuation() -> None:
    chars = _run("青溪日报", 20.0, 30.0, size=16.0) + _run("第A3版", 500.0, 30.0)
    chars += _run("标题", 20.0, 90.0, size=24.0)
    placed, _ = _column([PARAS[2]], 20.0, 130.0, 16)
    chars += placed + _run("（下转第2版）", 100.0, 130.0 + 2 * PITCH)
    layout = analyse(_content(chars, hrules=((10.0, 45.0, 590.0, 46.0),)))
    assert [b.role for b in layout.blocks] == [
        "furniture", "furniture", "title", "body", "continuation"]


def test_boxed_text_is_one_sidebar_read_as_a_whole() -> None:
    chars = _run("正文标题", 20.0, 60.0, size=24.0)
    placed, _ = _column([PARAS[0]], 20.0, 100.0, 12)
    chars += placed
    box = (200.0, 80.0, 400.0, 200.0)
    chars += _run("相关链接", 210.0, 100.0, bold=True) + _run("侧栏标题", 210.0, 125.0, size=16.0)
    side, _ = _column([PARAS[1]], 210.0, 150.0, 18)
    layout = analyse(_content(chars + side, boxes=(box,)))
    boxed = [(b.role, b.box, b.article_start) for b in layout.blocks if b.box is not None]
    assert boxed == [("label", 1, True), ("title", 1, False), ("body", 1, False)]


def test_text_is_one_block_a_line_and_hints_cover_it() -> None:
    chars = _run("标题", 20.0, 60.0, size=24.0)
    placed, _ = _column(PARAS[:2], 20.0, 100.0, 16)
    layout = analyse(_content(chars + placed))
    text, hints = to_text(layout)
    assert text == "标题\n\n" + "\n\n".join(PARAS[:2]) + "\n"
    assert [text[h.span[0]:h.span[1]] for h in hints] == ["标题", *PARAS[:2]]
    assert [h.role for h in hints] == ["title", "body", "body"]
    assert hints[0].article_start and hints[1].paragraph_start
    assert all(h.bbox is not None for h in hints)


@pytest.mark.parametrize("line", ["（下转第2版）", "(下转A2版)", "上接第一版", "（上接第1版）", "转第3版"])
def test_jump_lines(line: str) -> None:
    assert JUMP_RE.match(line)


@pytest.mark.parametrize("line", ["下转移支付资金已到位", "第2版", "上接下来的工作"])
def test_not_jump_lines(line: str) -> None:
    assert not JUMP_RE.match(line)


def test_a_glyph_printed_twice_slightly_offset_is_fake_bold() -> None:
    byline = _run("本报记者", 100.0, 60.0)
    byline += [c._replace(x0=c.x0 + 0.4, x1=c.x1 + 0.4) for c in byline]  # overprint
    placed, _ = _column([PARAS[0]], 100.0, 80.0, 30)
    layout = analyse(_content(byline + placed))
    assert layout.blocks[0].text == "本报记者"
    assert [b.text for b in layout.blocks[1:]] == [PARAS[0]]


def test_a_narrow_word_space_is_kept() -> None:
    """Browsers print a proportional space (about a quarter em) between words."""
    chars = _run("记者", 100.0, 60.0) + _run("苏晓禾", 100.0 + 2.3 * BODY, 60.0)
    chars += _run("青溪白沙南湖石门东江北坡柳塘云岭青溪白沙南湖石门。", 100.0, 74.0)
    assert analyse(_content(chars)).blocks[0].text.startswith("记者 苏晓禾")


def test_column_rule_under_a_headline_does_not_cut_the_headline_off() -> None:
    title = _run("标题居中", 180.0, 60.0, size=30.0)
    subtitle = _run("——副题在右", 250.0, 110.0, size=13.0)  # right of the rule's x
    left, _ = _column(PARAS[:1], 180.0, 130.0, 6)
    right, _ = _column(PARAS[1:], 250.0, 130.0, 6)
    rule = (245.0, 120.0, 245.5, 290.0)  # drawn between the columns only
    layout = analyse(_content(title + subtitle + left + right, vrules=(rule,)))
    roles = [(b.role, b.text) for b in layout.blocks]
    assert roles[:2] == [("title", "标题居中"), ("subtitle", "——副题在右")]
    assert [text for _, text in roles[2:]] == PARAS


def test_a_box_title_set_a_little_larger_is_a_title_without_bold() -> None:
    """Neither the label nor the title is bold (a producer that fakes bold
    unreadably); the centred line under the label, 1.2 × the text, is the title."""
    box = (200.0, 80.0, 400.0, 200.0)
    chars = _run("相关链接", 210.0, 100.0) + _run("侧栏标题", 276.0, 125.0, size=12.0)
    side, _ = _column([PARAS[1]], 210.0, 150.0, 18)
    placed, _ = _column([PARAS[0]], 20.0, 100.0, 12)
    layout = analyse(_content(chars + side + placed, boxes=(box,)))
    boxed = [(b.role, b.text) for b in layout.blocks if b.box is not None]
    assert boxed[1] == ("title", "侧栏标题")
