"""Stage-level behaviour of the parser: bylines, punctuation, headlines, page labels."""

from __future__ import annotations

import pytest

import banmian
from banmian.parse.assemble import page_label
from banmian.parse.byline import match_byline
from banmian.parse.facts import infer_date
from banmian.parse.headlines import assign_roles
from banmian.parse.punct import restore_punctuation


@pytest.mark.parametrize(
    ("line", "byline", "fields"),
    [
        ("江城日报·掌上江城讯(记者/周明 通讯员/李红) 1月6日,记者获悉", "江城日报·掌上江城讯(记者/周明 通讯员/李红)",
         {"source": "江城日报·掌上江城", "reporters": ("周明",), "correspondents": ("李红",)}),
        ("江城日报·掌上江城记者/旷达 通讯员/莫兰", "江城日报·掌上江城记者/旷达 通讯员/莫兰",
         {"source": "江城日报·掌上江城", "reporters": ("旷达",), "correspondents": ("莫兰",)}),
        ("江城日报综合湖东客户端讯(记者/陈明) 1月6日,", "江城日报综合湖东客户端讯(记者/陈明)",
         {"source": "江城日报", "agency": "湖东客户端", "reporters": ("陈明",)}),
        ("新华社北京1月6日电 会议召开", "新华社北京1月6日电",
         {"agency": "新华社", "place": "北京", "month": 1, "day": 6}),
        ("新华社电 (记者白云)位于", "新华社电 (记者白云)", {"agency": "新华社", "reporters": ("白云",)}),
        ("本报华盛顿10月10日电  (记者章明、吴乐、胡平)当地时间", "本报华盛顿10月10日电  (记者章明、吴乐、胡平)",
         {"source": "本报", "place": "华盛顿", "month": 10, "day": 10, "reporters": ("章明", "吴乐", "胡平")}),
        ("本报讯 昨天,市里", "本报讯", {"source": "本报"}),
        ("本报记者 张三 李四", "本报记者 张三 李四", {"source": "本报", "reporters": ("张三", "李四")}),
        ("本报记者  常  钦  郁静娴", "本报记者  常  钦  郁静娴", {"reporters": ("常钦", "郁静娴")}),
        ("(记者 张三 李四) 近日,", "(记者 张三 李四)", {"reporters": ("张三", "李四")}),
        ("湖东日报记者 王五", "湖东日报记者 王五", {"source": "湖东日报", "reporters": ("王五",)}),
        ("新华社记者 方哲摄", "新华社记者 方哲摄", {"photographers": ("方哲",)}),
        ("王  闽摄(影像中国)", "王  闽摄(影像中国)", {"photographers": ("王闽",)}),
        ("□本报记者 张三 3月1日,全市", "□本报记者 张三", {"source": "本报", "reporters": ("张三",)}),
        ("本报驻美国记者 陈岚", "本报驻美国记者 陈岚", {"source": "本报", "reporters": ("陈岚",)}),
        ("文/苏晓禾 图/季云舒", "文/苏晓禾 图/季云舒",
         {"reporters": ("苏晓禾",), "photographers": ("季云舒",)}),
        ("(文/苏晓禾 图/季云舒) 春分时节,", "(文/苏晓禾 图/季云舒)",
         {"reporters": ("苏晓禾",), "photographers": ("季云舒",)}),
        ("湖东网消息:近日,", "湖东网消息:", {"source": "湖东网"}),
        ("本报记者 苏晓禾通讯员 季云舒", "本报记者 苏晓禾通讯员 季云舒",
         {"reporters": ("苏晓禾",), "correspondents": ("季云舒",)}),  # a line wrap ate the space
        ("(记者苏晓禾通讯员季云舒)3月14日,", "(记者苏晓禾通讯员季云舒)",
         {"reporters": ("苏晓禾",), "correspondents": ("季云舒",)}),
        ("本报江城3月2日电 (记者章明、湖东网记者吴乐)当天", "本报江城3月2日电 (记者章明、湖东网记者吴乐)",
         {"source": "本报", "place": "江城", "reporters": ("章明", "吴乐")}),  # another outlet's reporter
    ],
)
def test_byline_forms(line: str, byline: str, fields: dict[str, object]) -> None:
    m = match_byline(line)
    assert m is not None
    assert line[: m.end] == byline
    for name, value in fields.items():
        assert getattr(m, name) == value, name


@pytest.mark.parametrize("line", ["会议指出,要坚持稳中求进。", "记者从市卫健委获悉,目前", "中共中央召开会议",
                                  "本报记者从市里了解到", "新华社消息称", "文化下乡活动走进社区",
                                  "图书馆延长开放时间", "□文化惠民工程启动"])
def test_body_lines_are_not_bylines(line: str) -> None:
    m = match_byline(line)
    assert m is None or m.end < 4 or line[: m.end] in ("本报记者",)


@pytest.mark.parametrize(
    ("folded", "restored"),
    [
        ("全市有298.20万人,完成接种", "全市有298.20万人，完成接种"),
        ("共计1,000人;其中(第一剂)3人", "共计1,000人；其中（第一剂）3人"),
        ("上午9:30,会议开始", "上午9：30，会议开始"),  # a time inside Chinese text: the paper writes 9：30
        ("他说:“好!”真的吗?", "他说：“好！”真的吗？"),
        ("The A, B (C) test", "The A, B (C) test"),
        ("(2021)年", "（2021）年"),
    ],
)
def test_punctuation_restored_only_in_chinese_context(folded: str, restored: str) -> None:
    assert restore_punctuation(folded) == restored
    assert len(restore_punctuation(folded)) == len(folded)


@pytest.mark.parametrize(
    ("raw", "label"),
    [("A2版", "A2"), ("第四版", "4"), ("第2版", "2"), ("02版", "2"), ("第十二版", "12"), ("b3", "B3")],
)
def test_page_labels(raw: str, label: str) -> None:
    assert page_label(raw) == label


def _roles(lines: list[str]) -> list[tuple[str, str]]:
    return [(p.role, text[p.start:p.end]) for text, parts in zip(lines, assign_roles(lines), strict=True)
            for p in parts]


def test_headline_roles() -> None:
    assert _roles(["市长在调研时强调", "全力推进项目建设"]) == [
        ("kicker", "市长在调研时强调"), ("title", "全力推进项目建设")]
    assert _roles(["市长在调研交通时强调 创新高效 实现便捷出行"]) == [
        ("kicker", "市长在调研交通时强调"), ("title", "创新高效 实现便捷出行")]
    assert _roles(["护航一老一小 织密保障网", "——某市民生工作纪实"]) == [
        ("title", "护航一老一小 织密保障网"), ("subtitle", "——某市民生工作纪实")]
    assert _roles(["“改革惠及各方” ——访某国专家"]) == [
        ("title", "“改革惠及各方”"), ("subtitle", "——访某国专家")]
    assert _roles(["尽职尽责攻难关 凝心聚力谋发展"]) == [("title", "尽职尽责攻难关 凝心聚力谋发展")]


def test_continuations_glued_between_articles() -> None:
    page = banmian.parse_page(
        "江城召开经济会议\n\n本报讯 会议要求抓好落实,确保完成全年目标任务。\n\n(下转第四版)\n\n"
        "另一条新闻标题\n\n本报讯(记者 王五) 今天,市里举行活动。\n"
    )
    assert [a.continued_to for a in page.articles] == ["4", None]
    assert [a.title for a in page.articles] == ["江城召开经济会议", "另一条新闻标题"]


def test_continued_from_on_a_later_page() -> None:
    page = banmian.parse_page("上接 A1版\n\n会议要求,各地要抓好落实。\n\n另一条新闻标题\n\n本报讯 今天,市里举行活动。\n")
    assert page.articles[0].continued_from == "A1"
    assert page.articles[0].title == ""
    assert page.articles[1].title == "另一条新闻标题"


def test_list_items_stay_separate_and_broken_lines_join() -> None:
    page = banmian.parse_page(
        "江城加快项目建设\n\n本报讯 一组数字记录了一年的成绩:\n\n一期项目,398亩,20天完成;\n\n"
        "大桥辅道,两个月完成;\n\n全年共完成签约557个编号,拆房433个编号,有力保障了重点项目\n\n建设用地需求。\n"
    )
    texts = [p.text for p in page.articles[0].paragraphs]
    assert texts == ["一组数字记录了一年的成绩：", "一期项目，398亩，20天完成；", "大桥辅道，两个月完成；",
                     "全年共完成签约557个编号，拆房433个编号，有力保障了重点项目建设用地需求。"]


def test_furniture_kept_apart() -> None:
    page = banmian.parse_page("2023年3月15日 星期三 A3 要闻\n\n江城新闻标题\n\n本报讯 今天,市里举行活动。\n\n"
                              "责任编辑:刘一 版式设计:王二\n")
    furniture = [page.text[s:e] for b in page.blocks if b.role == "furniture" for s, e in [b.span]]
    assert furniture == ["2023年3月15日 星期三 A3 要闻", "责任编辑:刘一 版式设计:王二"]
    assert page.page == "A3" and page.date == "2023-03-15"
    assert len(page.articles) == 1


def test_given_facts_win_over_inference() -> None:
    page = banmian.parse_page("江城新闻标题\n\n新华社北京3月1日电 今天,会议召开。\n", paper="江城日报",
                              date="2023-03-02", page="A2")
    assert (page.paper, page.date, page.page) == ("江城日报", "2023-03-02", "A2")
    assert page.articles[0].byline is not None
    assert page.articles[0].byline.date == "2023-03-01"
    assert all(inf.confidence == 1.0 for inf in page.inferred.values())


def test_jump_markers_glued_to_paragraphs_get_their_own_blocks() -> None:
    page = banmian.parse_page(
        "江城召开经济会议\n\n本报讯 会议要求抓好落实,确保完成全年目标任务。(下转第四版)\n\n"
        "另一条新闻标题\n\n(上接第一版)今天,市里举行活动,各界代表参加。\n"
    )
    first, second = page.articles
    assert first.continued_to == "4" and first.paragraphs[-1].text.endswith("目标任务。")
    assert second.continued_from == "1" and second.title == "另一条新闻标题"
    assert second.paragraphs[0].text == "今天，市里举行活动，各界代表参加。"
    markers = [page.text[s:e] for b in page.blocks if b.role == "continuation" for s, e in [b.span]]
    assert markers == ["(下转第四版)", "(上接第一版)"]


def test_issue_date_from_a_dateline_after_an_older_full_date() -> None:
    # a story of February looks back on December: the dateline is February of the next year
    text = "2018年12月18日,大桥合龙。\n本报江临2月11日电 今天,大桥通车。"
    inferred = infer_date(None, text, [(2, 11)])
    assert (inferred.value, inferred.confidence) == ("2019-02-12", 0.6)


def test_no_issue_date_from_dates_in_the_text_alone() -> None:
    # without a header or a dateline, a full date in the text is some event's day
    text = "1950年9月20日,国徽图案确定。3月1日起,新规施行。"
    assert infer_date(None, text, []).value is None
