"""Page headers and footers of many papers are furniture; headlines that look a bit alike are not."""

from __future__ import annotations

import pytest

import banmian

STORY = ("\n\n青岚湖环湖绿道全线贯通\n\n"
         "青岚日报讯(记者 苏晓禾) 3月14日,青岚湖环湖绿道全线贯通,全长42公里。\n\n"
         "市园林局负责人介绍,绿道沿线新建驿站6座,今年还将新增停车位300个。\n")

HEADERS = [
    "青岚日报 2023年3月15日 星期三",
    "2023年3月15日 星期三 第2版",
    "2023年3月15日星期三",
    "第2版 要闻",
    "第 02 版 要闻",
    "青岚日报 第 02 版 要闻",
    "要闻 2",
    "02 国内",
    "青岚日报  2023年3月15日",
    "星期三 2023年3月15日",
    "2023.03.15 A3 城事",
    "QINGLAN RIBAO",
    "责任编辑:苏晓禾 电话:0731-2345678",
    "本版邮箱:chengshi@qinglan.example.cn",
    "■本版责编 苏晓禾",
    "版式设计:季云舒 责任编辑:苏晓禾",
    "总第12345期 今日8版",
]

NOT_HEADERS = [
    "2023年全市两会胜利闭幕",
    "青岚日报社召开年度工作会议",
    "要闻速览",
    "第二届湖鲜美食节开幕",
    "三月十五日起实行新时刻表",
    "十九项民生实事全部完成",
]


def _roles(text: str, line: str) -> set[str]:
    page = banmian.parse_page(text)
    start = text.index(line)
    return {b.role for b in page.blocks if start <= b.span[0] < start + len(line)}


@pytest.mark.parametrize("line", HEADERS)
@pytest.mark.parametrize("where", ["top", "bottom"])
def test_header_and_footer_lines_are_furniture(line: str, where: str) -> None:
    text = f"{line}\n{STORY}" if where == "top" else f"{STORY}\n{line}\n"
    assert _roles(text, line) == {"furniture"}


@pytest.mark.parametrize("line", NOT_HEADERS)
def test_headlines_alike_are_not_furniture(line: str) -> None:
    text = f"{line}\n\n" + STORY.replace("青岚湖环湖绿道全线贯通\n\n", "")
    assert "furniture" not in _roles(text, line)


def test_a_combined_header_line_names_the_paper_and_the_page() -> None:
    page = banmian.parse_page("青岚日报 第 02 版 要闻\n" + STORY)
    assert (page.paper, page.page) == ("青岚日报", "2")
    assert page.inferred["paper"].evidence == "masthead line"
