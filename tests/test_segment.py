"""Article segmentation: where stories start, what a headline stack holds, and the
segmenter model's data file. The pages are invented, in the style of PDF page text."""

from __future__ import annotations

import json
from importlib import resources

import pytest

import banmian
from banmian.errors import ModelError
from banmian.parse import segment
from banmian.parse.assemble import assemble
from banmian.parse.classify import classify_lines
from banmian.parse.headlines import assign_roles
from banmian.parse.lines import split_lines
from banmian.parse.repair import Unit, build_units

BODY = ("青禾县今年把农村公路养护交给了村里的合作社,全县一百二十多条通村路都有了专人看护,"
        "沿线的群众说,路修好了,日子也跟着顺了。")
MORE = ("县交通运输局的负责人说,明年还要把养护经费提高两成,并把考核结果与合作社的收入挂钩,"
        "让每一段路都有人管、有钱管。")


def page(*blocks: str) -> banmian.Page:
    return banmian.parse_page("\n\n".join(blocks) + "\n", keep_punct=True)


def titles(p: banmian.Page) -> list[str]:
    return [a.title for a in p.articles]


def test_features_match_the_names() -> None:
    units = build_units(classify_lines(split_lines("\n\n".join(
        ["山间公路通到家门口", BODY, "养护有了新办法", MORE]))))
    seen: list[int] = []

    def decide(features: object, unit: object) -> bool:
        assert isinstance(features, list)
        seen.append(len(features))
        return False

    assemble(units, decide)
    assert seen == [len(segment.FEATURE_NAMES)]


def test_shipped_model_loads_and_scores() -> None:
    net = segment.load_segmenter()
    assert len(net.hidden) >= 1
    assert net.hidden[0].shape[0] == len(segment.FEATURE_NAMES)
    assert isinstance(net.score([0.0] * len(segment.FEATURE_NAMES)), float)


def test_model_file_for_other_features_is_refused() -> None:
    raw = resources.files("banmian.data").joinpath(segment.SEGMENT_WEIGHTS_FILE).read_text("utf-8")
    data = json.loads(raw)
    data["features"] = data["features"][:-1]
    with pytest.raises(ModelError):
        segment.segmenter_from_dict(data)
    with pytest.raises(ModelError):
        segment.segmenter_from_dict({"features": list(segment.FEATURE_NAMES), "members": []})


def test_ensemble_averages_its_members() -> None:
    n = len(segment.FEATURE_NAMES)
    member = {"hidden": [[0.0]] * n, "hidden_bias": [0.0], "output": [1.0], "output_bias": 2.0}
    other = {"hidden": [[0.0]] * n, "hidden_bias": [0.0], "output": [1.0], "output_bias": -1.0}
    net = segment.segmenter_from_dict({"features": list(segment.FEATURE_NAMES),
                                       "members": [member, other]})
    assert net.score([1.0] * n) == pytest.approx(0.5)


def test_heading_after_a_lead_in_stays_in_the_story() -> None:
    p = page("山间公路通到家门口", "本报记者 林远舟", "县里今年办成了三件事:",
             "第一批养护合作社挂牌", BODY, MORE)
    assert titles(p) == ["山间公路通到家门口"]
    assert [x.role for x in p.articles[0].paragraphs][:2] == ["body", "heading"]


def test_heading_after_an_ellipsis_line_stays_in_the_story() -> None:
    p = page("护路人的一年", "——青禾县农村公路养护工作纪实", "本报记者 林远舟",
             "新修通村路八十公里;", "新增养护岗位三百个;", "……", "合作社里的新面孔", BODY, MORE)
    assert titles(p) == ["护路人的一年"]


def test_column_title_under_a_mailbox_line_opens_a_story() -> None:
    p = page("山间公路通到家门口", BODY, MORE, "栏目投稿邮箱:qinghe2023@example.cn",
             "路边的小站(一线手记)", BODY)
    assert titles(p) == ["山间公路通到家门口", "路边的小站(一线手记)"]
    first = p.articles[0]
    assert first.paragraphs[-1].text.startswith("栏目投稿邮箱")


def test_summary_under_a_column_title_opens_the_text() -> None:
    p = page("路好了,日子顺了(青禾论坛)", "一条路连着一村人的盼头", BODY, MORE)
    article = p.articles[0]
    assert (article.title, article.subtitles) == ("路好了,日子顺了(青禾论坛)", ())
    assert article.paragraphs[0].text == "一条路连着一村人的盼头"


def test_dated_document_title_is_a_stack() -> None:
    title = "青禾县人民代表大会常务委员会关于进一步加强农村公路养护管理工作的决定并附各乡镇实施细则"
    p = page("山间公路通到家门口", BODY, MORE, title,
             "(2023年3月10日青禾县第十八届人民代表大会常务委员会第九次会议通过)", BODY)
    assert titles(p) == ["山间公路通到家门口", title]
    assert p.articles[1].subtitles == (
        "(2023年3月10日青禾县第十八届人民代表大会常务委员会第九次会议通过)",)


def test_speech_salutation_under_its_date_is_a_subtitle() -> None:
    title = "在青禾县农村公路建设表彰大会上的讲话"
    p = page("山间公路通到家门口", BODY, MORE, title, "(2023年3月10日)", "同志们,朋友们:", BODY)
    assert titles(p) == ["山间公路通到家门口", title]
    assert p.articles[1].kicker is None
    assert p.articles[1].subtitles == ("(2023年3月10日)", "同志们,朋友们:")
    assert p.articles[1].paragraphs[0].text == BODY


def test_short_line_ending_in_a_colon_without_a_date_is_text() -> None:
    p = page("山间公路通到家门口", "养护工说:", BODY)
    assert p.articles[0].subtitles == ()


def test_long_title_with_dash_subtitle_on_one_line() -> None:
    line = "让每一条通村路都有人管有钱管有人护 ——青禾县探索农村公路养护合作社模式的调查与思考"
    p = page("山间公路通到家门口", BODY, MORE, line, BODY)
    assert titles(p) == ["山间公路通到家门口", "让每一条通村路都有人管有钱管有人护"]
    assert p.articles[1].subtitles == ("——青禾县探索农村公路养护合作社模式的调查与思考",)


def test_new_story_with_its_own_dateline_opens_after_a_signed_story() -> None:
    p = page("山间公路通到家门口", "本报记者 林远舟", BODY, MORE,
             "春耕时节备耕忙", "本报讯 (记者苏晓晴)3月12日,青禾县的农技人员走进田间地头。", MORE)
    assert titles(p) == ["山间公路通到家门口", "春耕时节备耕忙"]


@pytest.mark.parametrize(
    ("line", "title", "subtitle"),
    [
        ("青禾县农村公路养护工作推进会召开 周明远出席并讲话", "青禾县农村公路养护工作推进会召开", "周明远出席并讲话"),
        ("全县春季植树活动启动 林海主持", "全县春季植树活动启动", "林海主持"),
        ("青禾县农村公路条例 (二〇二三年三月十日青禾县人民代表大会常务委员会通过)",
         "青禾县农村公路条例", "(二〇二三年三月十日青禾县人民代表大会常务委员会通过)"),
    ],
)
def test_title_and_subtitle_on_one_line_are_split(line: str, title: str, subtitle: str) -> None:
    parts = assign_roles([line])[0]
    assert [(p.role, line[p.start:p.end]) for p in parts] == [("title", title),
                                                              ("subtitle", subtitle)]


def test_couplet_title_stays_whole() -> None:
    line = "一条路连着千家万户 一份责任护送平安归途"
    assert [(p.role, p.start, p.end) for p in assign_roles([line])[0]] == [("title", 0, len(line))]


def test_quotation_signature_over_a_reporter_line_stays_in_the_story() -> None:
    p = page("乡音里的年味(返乡记)", "“路通了,人心也就通了,日子才能越过越红火。”", "——青禾县老支书陈守义",
             "本报记者 林远舟", BODY, MORE)
    assert titles(p) == ["乡音里的年味(返乡记)"]


def test_standing_photo_title_opens_an_item() -> None:
    p = page("山间公路通到家门口", BODY, MORE, "图片报道",
             "三月十二日,青禾县的志愿者在新修的通村路旁种下一排樱花树。")
    assert titles(p) == ["山间公路通到家门口", "图片报道"]


THIRD = ("合作社的账本每月公开一次,村民在村务栏前就能看到每一笔养护资金花在了哪里,"
         "大家心里都有了底。")


def test_block_printed_twice_at_once_is_a_duplicate() -> None:
    p = page("山间公路通到家门口", BODY, MORE, MORE, THIRD)
    article = p.articles[0]
    assert [d.text for d in article.duplicates] == [MORE]
    assert [x.text for x in article.paragraphs] == [BODY, MORE, THIRD]


def test_sentence_repeated_further_on_is_not_a_duplicate() -> None:
    p = page("山间公路通到家门口", BODY, MORE, THIRD, BODY)
    article = p.articles[0]
    assert article.duplicates == ()
    assert [x.text for x in article.paragraphs] == [BODY, MORE, THIRD, BODY]


def test_long_run_of_short_lines_under_a_title_is_its_text() -> None:
    names = ["青禾县第一中学", "青禾县人民医院", "青禾县公路养护站", "青禾县图书馆", "青禾县消防救援大队"]
    p = page("全县先进集体名单", *names, MORE)
    assert titles(p) == ["全县先进集体名单"]
    listed = p.articles[0]
    assert len(listed.headlines) == 3
    assert [x.text for x in listed.paragraphs] == [*names[2:], MORE]


@pytest.mark.parametrize("author", ["(青禾)安娜·米勒", "米娜·阿卡玛", "林远舟(青禾县作家协会主席)",
                                    "林  舟  苏晓晴"])
def test_writer_line_under_a_title_opens_the_text(author: str) -> None:
    p = page("路边的小站", author, BODY, MORE)
    article = p.articles[0]
    assert (article.title, article.subtitles) == ("路边的小站", ())
    assert article.paragraphs[0].text == author


def test_summary_over_a_lead_in_label_is_a_subtitle() -> None:
    p = page("山间公路通到家门口", BODY, MORE, "护路有了新办法(一线调查)",
             "全县一百二十多条通村路都有了专人看护,养护资金提高两成", "核心阅读", BODY, MORE)
    assert titles(p) == ["山间公路通到家门口", "护路有了新办法(一线调查)"]
    assert p.articles[1].subtitles == ("全县一百二十多条通村路都有了专人看护,养护资金提高两成",)


def test_brief_box_items_with_their_own_datelines_stay_in_the_box() -> None:
    p = page("山间公路通到家门口", BODY, MORE, "速览",
             "青禾县农村公路养护经费提高两成", "本报青禾3月12日电 (记者林远舟)" + MORE,
             "青禾县新建四座乡村客运站", "本报青禾3月13日电 (记者苏晓晴)" + THIRD)
    assert titles(p) == ["山间公路通到家门口", "速览"]
    box = p.articles[1]
    assert box.subtitles == ()
    assert [x.role for x in box.paragraphs].count("heading") == 2


def test_heading_printed_twice_at_once_is_one_heading_and_a_duplicate() -> None:
    p = page("山间公路通到家门口", BODY, MORE, "■小贴士", "■小贴士", THIRD)
    assert titles(p) == ["山间公路通到家门口"]
    article = p.articles[0]
    assert [d.text for d in article.duplicates] == ["■小贴士"]
    assert [x.text for x in article.paragraphs] == [BODY, MORE, "■小贴士", THIRD]


@pytest.mark.parametrize("fragment", ["养护", "费）", ")"])
def test_fragment_under_a_continued_from_marker_ends_a_paragraph(fragment: str) -> None:
    p = page("山间公路通到家门口", BODY, "(上接第一版)", fragment, MORE)
    continued = p.articles[-1]
    assert continued.continued_from == "1"
    assert continued.title != fragment
    assert continued.paragraphs[0].text.startswith(fragment)
    assert continued.paragraphs[-1].text.endswith(MORE)


def test_short_title_under_a_continued_from_marker_with_more_lines_is_kept() -> None:
    p = page("山间公路通到家门口", BODY, "(上接第一版)", "路通了", "——青禾县农村公路养护见闻", MORE)
    assert p.articles[-1].title == "路通了"


@pytest.mark.parametrize("fragment", ["县", "《青禾", "养护经费"])
def test_line_right_above_a_continued_to_marker_stays_in_the_story(fragment: str) -> None:
    units = build_units(classify_lines(split_lines("\n\n".join(
        ["山间公路通到家门口", BODY, MORE, fragment, "(下转第四版)"]))))
    # Even a model that opens an article at every lone line is not asked here.
    drafts, _ = assemble(units, lambda features, unit: True)
    assert len(drafts) == 1
    assert drafts[0].jumps[0][1:] == ("to", "4")
    assert drafts[0].body[-1][0].text == fragment


def test_line_opening_with_one_bullet_under_a_title_is_text() -> None:
    p = page("山间公路通到家门口", "■全县一百二十多条通村路有了专人看护", BODY, MORE)
    assert titles(p) == ["山间公路通到家门口"]
    assert p.articles[0].subtitles == ()
    assert p.articles[0].paragraphs[0].text == "■全县一百二十多条通村路有了专人看护"


def test_line_listing_several_bulleted_points_under_a_title_is_a_subtitle() -> None:
    p = page("山间公路通到家门口", "■通村路有了专人看护■养护经费提高两成", BODY, MORE)
    assert p.articles[0].subtitles == ("■通村路有了专人看护■养护经费提高两成",)


def test_any_title_under_a_mailbox_line_opens_a_story() -> None:
    p = page("山间公路通到家门口", BODY, MORE, "栏目投稿邮箱:qinghe2023@example.cn",
             "青禾县新开三条公交线路",
             "本报青禾3月12日电 (记者苏晓晴)青禾县今天新开三条城乡公交线路,沿线二十多个村通了公交。")
    assert titles(p) == ["山间公路通到家门口", "青禾县新开三条公交线路"]
    assert p.articles[0].paragraphs[-1].text.startswith("栏目投稿邮箱")
    assert p.articles[1].subtitles == ()


def test_title_over_a_caption_and_its_credit_opens_a_picture_item() -> None:
    p = page("山间公路通到家门口", BODY, MORE, "樱花开满通村路",
             "三月十二日,青禾县的志愿者在新修的通村路旁种下一排樱花树。", "林远舟摄")
    assert titles(p) == ["山间公路通到家门口", "樱花开满通村路"]


@pytest.mark.parametrize("source", ["人民视觉", "青禾县文旅局供图", "图为新修的通村路"])
def test_photo_source_line_stays_in_the_story(source: str) -> None:
    p = page("山间公路通到家门口", BODY, MORE, source, THIRD)
    assert titles(p) == ["山间公路通到家门口"]


def test_a_title_about_photographs_is_no_photo_source() -> None:
    assert segment.PHOTO_SOURCE_RE.match("本版照片除署名外均为资料图片")
    assert not segment.PHOTO_SOURCE_RE.match("老照片里的青禾年味")


def test_heading_after_an_editors_note_stays_in_the_story() -> None:
    p = page("护路人说护路", "一条路连着一村人的盼头。本版今天刊发三位护路人的讲述。", "——编 者",
             "路是大家的路", BODY, MORE)
    assert titles(p) == ["护路人说护路"]
    assert p.articles[0].paragraphs[2].role == "heading"


def test_sections_of_signed_pieces_stay_in_one_story() -> None:
    # Only the first section after a signed piece is left to the model; once the
    # story has gone on under one, the next section is a heading by rule.
    units = build_units(classify_lines(split_lines("\n\n".join([
        "护路人说护路", "本报记者 林远舟", BODY, "(本报记者 林远舟采访整理)",
        "每天走一遍自己的路", MORE, "(本报记者 苏晓晴采访整理)",
        "合作社的账本人人能看", THIRD, "(本报记者 周明远采访整理)"]))))
    asked: list[str] = []

    def decide(features: object, unit: Unit) -> bool:
        asked.append(unit.text)
        return False

    drafts, _ = assemble(units, decide)
    assert asked == ["每天走一遍自己的路"]
    assert len(drafts) == 1


def test_letter_salutation_under_a_column_title_is_a_subtitle() -> None:
    p = page("山间公路通到家门口", BODY, MORE, "家乡的路通到了山顶(写给家乡的信)",
             "亲爱的爸爸妈妈:", BODY)
    assert titles(p) == ["山间公路通到家门口", "家乡的路通到了山顶(写给家乡的信)"]
    assert p.articles[1].subtitles == ("亲爱的爸爸妈妈:",)
    assert p.articles[1].paragraphs[0].text == BODY


def test_title_over_a_core_reading_label_opens_a_story() -> None:
    p = page("山间公路通到家门口", BODY, MORE, "小站连着大市场", "核心阅读",
             "青禾县把农村客运站改成了综合服务站,快递、农资、客运都在一处办理。", THIRD)
    assert titles(p) == ["山间公路通到家门口", "小站连着大市场"]


def test_section_over_its_writers_name_stays_in_the_story() -> None:
    p = page("护路人说护路", BODY, MORE, "每天走一遍自己的路", "林远舟  苏晓晴", THIRD)
    assert titles(p) == ["护路人说护路"]


def test_title_after_a_photographers_credit_opens_a_story() -> None:
    p = page("樱花开满通村路", "三月十二日,青禾县的志愿者在新修的通村路旁种下一排樱花树。", "林远舟摄",
             "合作社的账本人人能看", THIRD, MORE)
    assert titles(p) == ["樱花开满通村路", "合作社的账本人人能看"]


@pytest.mark.parametrize("opener", ["贺  信", "一"])
def test_letter_kind_or_bare_numeral_under_a_title_opens_the_text(opener: str) -> None:
    p = page("青禾县农村公路养护合作社成立十周年", opener, BODY, MORE)
    article = p.articles[0]
    assert (article.title, article.subtitles) == ("青禾县农村公路养护合作社成立十周年", ())
    assert article.paragraphs[0].text.startswith(opener)


def _drafts_and_questions(blocks: list[str], answer: bool) -> tuple[int, list[str]]:
    """How many drafts the page makes, and which runs were left to the model
    (it answers ``answer`` to each)."""
    units = build_units(classify_lines(split_lines("\n\n".join(blocks))))
    asked: list[str] = []

    def decide(features: object, unit: Unit) -> bool:
        asked.append(unit.text)
        return answer

    drafts, _ = assemble(units, decide)
    return len(drafts), asked


def test_short_line_a_few_paragraphs_into_a_commentary_opens_a_story() -> None:
    story = ["路好走了,心也近了(今日谈)", BODY, MORE, THIRD, "合作社的账本人人能看", BODY]
    assert _drafts_and_questions(story, answer=False) == (2, [])
    # Right under the title the run may still be the commentary's summary: the model weighs it.
    assert _drafts_and_questions(story[:2] + story[4:], answer=False)[1] == ["合作社的账本人人能看"]
    assert segment.COMMENTARY_TAG_RE.search("与新事物一起成长(人民论坛·倾听)")
    assert not segment.COMMENTARY_TAG_RE.search("山间公路通到家门口(美丽乡村)")


def test_question_a_few_paragraphs_into_a_commentary_is_left_to_the_model() -> None:
    story = ["老人为啥爱上夜校(民生观)", BODY, MORE, THIRD, "为啥这么多老人要去上夜校呢?", BODY]
    assert _drafts_and_questions(story, answer=False) == (1, ["为啥这么多老人要去上夜校呢?"])
    assert _drafts_and_questions(story[:4] + ["夜校的灯亮到十点", BODY], answer=False) == (2, [])


def test_short_line_after_a_layout_credit_opens_a_story() -> None:
    blocks = ["山间公路通到家门口", BODY, MORE, "版式设计:林远舟", "合作社的账本人人能看", THIRD]
    assert _drafts_and_questions(blocks, answer=False) == (2, [])


def test_closing_note_broken_over_lines_stays_in_the_story() -> None:
    blocks = ["山间公路通到家门口", BODY, MORE, "(新华社青禾3月2日电",
              "记者林远舟、苏晓晴  参与采写:周明远)"]
    assert _drafts_and_questions(blocks, answer=True) == (1, [])


def test_next_item_of_a_column_under_its_label_stays_in_the_column() -> None:
    blocks = ["来论", "路好走了心更近了", "青禾县  林远舟", BODY, MORE,
              "合作社的账本要人人能看", "河川青禾  苏晓晴", THIRD]
    assert _drafts_and_questions(blocks, answer=True) == (1, [])


def test_title_over_a_bare_name_after_a_writers_note_stays_in_the_story() -> None:
    blocks = ["护路人说护路", BODY, "(作者为青禾县交通运输局局长)", "路是大家的路", "苏晓晴",
              MORE]
    assert _drafts_and_questions(blocks, answer=True) == (1, [])


def test_section_after_a_line_leading_into_it_stays_in_the_story() -> None:
    blocks = ["新春走基层 一起过大年", "本报记者  苏晓晴", BODY, "青禾县农村公路养护站——",
              "除夕夜的巡路人", "本报记者  林远舟", MORE]
    assert _drafts_and_questions(blocks, answer=True) == (1, [])


def test_column_label_over_an_items_title_opens_a_story() -> None:
    blocks = ["山间公路通到家门口", BODY, MORE, "新春走基层", "除夕夜的巡路人", "本报记者  林远舟",
              THIRD]
    assert _drafts_and_questions(blocks, answer=False) == (2, [])


def test_caption_under_a_figure_callout_stays_in_the_story_over_a_dateline() -> None:
    blocks = ["山间公路通到家门口", BODY, "126条",
              "青禾县今年新修和改造的通村公路共有126条,总里程超过三百公里",
              "本报青禾3月2日电  (记者林远舟)县交通运输局今天发布了全年的养护计划。", MORE]
    assert _drafts_and_questions(blocks, answer=True) == (1, [])
