"""Headline roles and stacks: which lines of a run are headline lines and which open
the text. The lines are invented, in the style of PDF page text."""

from __future__ import annotations

import pytest

import banmian
from banmian.parse.assemble import assemble
from banmian.parse.classify import classify_lines
from banmian.parse.headlines import assign_roles
from banmian.parse.lines import split_lines
from banmian.parse.repair import Unit

BODY = ("青禾县今年把农村公路养护交给了村里的合作社,全县一百二十多条通村路都有了专人看护,"
        "沿线的群众说,路修好了,日子也跟着顺了。")


def parts(line: str) -> list[tuple[str, str]]:
    return [(p.role, line[p.start:p.end]) for p in assign_roles([line])[0]]


@pytest.mark.parametrize(("line", "title", "subtitle"), [
    # a figure after the space: the title's summary printed on its line
    ("青禾县春运客流创新高 日均发送旅客12.5万人次", "青禾县春运客流创新高", "日均发送旅客12.5万人次"),
    # the title closes with its column tag before the space
    ("快递包装新规明年施行(权威发布) 不再允许层层过度包装", "快递包装新规明年施行(权威发布)",
     "不再允许层层过度包装"),
    # a leader named before an attendance verb
    ("第三届西部茶叶博览会在雅州开幕 周明远出席开幕式并参观展区", "第三届西部茶叶博览会在雅州开幕",
     "周明远出席开幕式并参观展区"),
    # a greeting or a visit closing the line
    ("国家主席同北方某国总统互致贺电 总理同该国总理互致贺电", "国家主席同北方某国总统互致贺电",
     "总理同该国总理互致贺电"),
    # a long title over a long summary
    ("青禾县代表队夺冠势头不减 短道速滑冰壶越野滑雪等项目都有收获", "青禾县代表队夺冠势头不减",
     "短道速滑冰壶越野滑雪等项目都有收获"),
])
def test_joined_title_and_summary_split(line: str, title: str, subtitle: str) -> None:
    assert parts(line) == [("title", title), ("subtitle", subtitle)]


@pytest.mark.parametrize("line", [
    "绿水青山映古村 乡风文明润人心",  # a couplet title
    "全市外贸进出口同比增  6.3%实际利用外资同比增  2.1%",  # figures spaced out
    "采药人的四季 守山人的初心(寻访老药工(12))",  # a figure inside a column tag
    "云岭镇:做强特色茶产业 带动全镇三千多户茶农走上增收致富路",  # a place before a colon
])
def test_one_title_stays_whole(line: str) -> None:
    assert parts(line) == [("title", line)]


def test_column_label_is_the_whole_headline() -> None:
    text = "\n\n".join(["新春走基层", "暖灯照亮回乡路", "本报记者  王小川", BODY]) + "\n"
    article = banmian.parse_page(text, keep_punct=True).articles[0]
    assert (article.title, article.subtitles) == ("新春走基层", ())
    assert [p.text for p in article.paragraphs][:2] == ["暖灯照亮回乡路", "本报记者  王小川"]


def glued(text: str, at: int) -> list[Unit]:
    """One unit per line, except that lines ``at`` and ``at + 1`` are one paragraph, as
    the joiner reads a headline line and the paragraph end under it."""
    lines = classify_lines(split_lines(text))
    units = [Unit(c.kind if c.kind != "text" else "short", (c,)) for c in lines]
    units[at:at + 2] = [Unit("para", (lines[at], lines[at + 1]))]
    units[at + 1:] = [Unit("para", u.lines) for u in units[at + 1:]]
    return units


def test_headline_glued_under_a_jump_is_split_off() -> None:
    units = glued("(上接第一版)\n新春灯会 点亮古城\n户人家,处处张灯结彩。\n" + BODY + "\n", 1)
    drafts, _ = assemble(units)
    assert [u.text for u in drafts[0].headlines] == ["新春灯会 点亮古城"]
    assert drafts[0].body[0][0].text == "户人家,处处张灯结彩。"


def test_paragraph_end_under_a_jump_stays_text() -> None:
    units = glued("(上接第一版)\n的道路,青禾县还要\n修到每一户人家门口。\n" + BODY + "\n", 1)
    drafts, _ = assemble(units)
    assert drafts[0].headlines == []
    assert drafts[0].body[0][0].text == "的道路,青禾县还要修到每一户人家门口。"


def test_headline_glued_at_the_top_of_the_page_is_split_off() -> None:
    units = glued("山间公路通到家门口,乡亲出行不再难\n" + BODY + "\n" + BODY + "\n", 0)
    drafts, _ = assemble(units)
    assert [u.text for u in drafts[0].headlines] == ["山间公路通到家门口,乡亲出行不再难"]
    assert drafts[0].body[0][0].text == BODY


@pytest.mark.parametrize("fragment", [",正在不断刷新!", "、还有三个村在排队。",
                                      "青禾县社会科学院农村发展研究所)"])
def test_broken_paragraph_piece_under_a_jump_is_text(fragment: str) -> None:
    text = "\n\n".join(["(上接第二版)", fragment, "青禾夜话", BODY]) + "\n"
    first = banmian.parse_page(text, keep_punct=True).articles[0]
    assert first.title == ""
    assert first.paragraphs[0].text == fragment


def test_photo_source_closes_the_picture_item_above() -> None:
    text = "\n\n".join([
        "青禾湖畔迎春花开", BODY, "湖边的步道上,市民三三两两驻足赏花。  周 明摄", "影像中国",
        "青禾队逆转夺得冠军", "本报青禾2月3日电  (记者李 远)" + BODY,
    ]) + "\n"
    articles = banmian.parse_page(text, keep_punct=True).articles
    assert [(a.title, a.subtitles) for a in articles] == [
        ("青禾湖畔迎春花开", ()), ("青禾队逆转夺得冠军", ())]
    assert articles[0].paragraphs[-1].text == "影像中国"


def test_dash_subtitle_glued_under_a_title_is_split_off() -> None:
    units = glued("山林卫士 风雨无阻\n——记坚守林场三十年的护林员老周\n凌晨四点,老周已经背起水壶出了门。\n"
                  + BODY + "\n", 1)
    drafts, _ = assemble(units)
    assert [u.text for u in drafts[0].headlines] == ["山林卫士 风雨无阻", "——记坚守林场三十年的护林员老周"]
    assert drafts[0].body[0][0].text == "凌晨四点,老周已经背起水壶出了门。"


@pytest.mark.parametrize(("title", "summary", "kept"), [
    # a news release keeps its one summary line as a subtitle
    ("青禾县农村公路养护全面完成(权威发布)", "全县一百二十多条通村路有了专人看护", True),
    # a commentary's summary line opens its text
    ("让通村路成为致富路(人民时评)", "路修好了,还要管好、护好、运营好", False),
])
def test_summary_line_under_a_tagged_title(title: str, summary: str, kept: bool) -> None:
    text = "\n\n".join([title, summary, BODY]) + "\n"
    article = banmian.parse_page(text, keep_punct=True).articles[0]
    assert article.title == title
    assert (article.subtitles == (summary,)) is kept
    assert article.paragraphs[0].text.startswith(summary) is not kept


def test_section_title_over_a_writer_with_a_post_opens_the_text() -> None:
    text = "\n\n".join(["山区公路建设座谈会发言摘编", "把路修到群众心坎上", "青禾大学交通学院教授  林远舟",
                        BODY]) + "\n"
    article = banmian.parse_page(text, keep_punct=True).articles[0]
    assert (article.title, article.subtitles) == ("山区公路建设座谈会发言摘编", ())
    assert [p.text for p in article.paragraphs[:2]] == ["把路修到群众心坎上", "青禾大学交通学院教授  林远舟"]


def test_speech_dated_on_its_title_line_keeps_its_salutation() -> None:
    text = "\n\n".join(["在青禾县公路通车二十周年大会上的讲话 (2019年10月8日)", "全县父老乡亲们,",
                        "同志们,朋友们:", BODY]) + "\n"
    article = banmian.parse_page(text, keep_punct=True).articles[0]
    assert (article.kicker, article.title) == (None, "在青禾县公路通车二十周年大会上的讲话")
    assert article.subtitles == ("(2019年10月8日)", "全县父老乡亲们,")
    assert article.paragraphs[0].text == "同志们,朋友们:"
