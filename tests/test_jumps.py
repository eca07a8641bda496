"""Jump lines in the forms papers print them: brackets, marks, 未完, 紧接, 转至."""

from __future__ import annotations

import pytest

import banmian

ENDS = ("青岚湖环湖绿道全线贯通\n\n"
        "青岚日报讯(记者 苏晓禾) 3月14日,青岚湖环湖绿道全线贯通,全长42公里,沿线新建驿站6座,"
        "今年还将新增停车位300个,方便市民\n\n{marker}\n\n"
        "春季植树活动启动\n\n本报讯 3月14日,市里召开会议,部署春季植树工作。\n")
STARTS = ("{marker}\n\n市园林局负责人介绍,绿道沿线新建驿站6座。\n\n"
          "春季植树活动启动\n\n本报讯 3月14日,市里召开会议,部署春季植树工作。\n")


@pytest.mark.parametrize(("marker", "label"), [
    ("(下转第2版)", "2"), ("下转第二版", "2"), ("(转第4版)", "4"), ("下转A2", "A2"),
    ("□下转第3版", "3"), ("→下转第2版", "2"), ("〈下转第2版〉", "2"), ("(未完,下转第2版)", "2"),
    ("【转至第5版】", "5"), ("下转02版", "2"),
])
def test_jump_to(marker: str, label: str) -> None:
    page = banmian.parse_page(ENDS.format(marker=marker))
    assert [a.continued_to for a in page.articles] == [label, None]
    assert not any(marker in p.text for a in page.articles for p in a.paragraphs)


@pytest.mark.parametrize(("marker", "label"), [
    ("(上接第1版)", "1"), ("上接1版", "1"), ("(紧接第一版)", "1"), ("接第1版", "1"),
    ("(上接A1)", "A1"), ("□上接第1版", "1"), ("〈上接第1版〉", "1"),
])
def test_jump_from(marker: str, label: str) -> None:
    page = banmian.parse_page(STARTS.format(marker=marker))
    assert [a.continued_from for a in page.articles] == [label, None]


def test_a_jump_glued_to_the_last_line_is_cut_off() -> None:
    text = ENDS.format(marker="").replace("方便市民\n\n\n\n", "方便市民。(未完,下转第2版)\n\n")
    page = banmian.parse_page(text)
    assert page.articles[0].continued_to == "2"
    assert page.articles[0].paragraphs[-1].text.endswith("方便市民。")
