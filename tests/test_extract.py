"""Entity extraction: people and titles, places, organisations, dates, figures.

All sample sentences are written for these tests (invented people and
numbers, real place names); the seed page is read from ../shared only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from banmian.cli import main
from banmian.errors import ModelError
from banmian.extract import add_entities, extract_entities, lexicon, load_lexicon
from banmian.extract.clusters import MIN_WORD_COUNT, learn_clusters
from banmian.extract.dates import DATE_RE, _matches
from banmian.extract.features import CLUSTER_TEMPLATES, Words
from banmian.extract.names import find_names
from banmian.extract.tagger import MODEL_ENV, load_tagger
from banmian.extract.viterbi import decode
from banmian.model import Article, Entity, Headline, Page, Paragraph, Source
from banmian.render import to_text

ROOT = Path(__file__).resolve().parents[1]
BASE = dt.date(2022, 1, 7)


def of_type(entities: list[Entity], kind: str) -> list[Entity]:
    return [e for e in entities if e.type == kind]


def person_names(entities: list[Entity]) -> set[str]:
    return {e.attrs["name"] for e in of_type(entities, "person")}


def only(entities: list[Entity], kind: str, text: str) -> Entity:
    found = [e for e in entities if e.type == kind and e.text == text]
    assert len(found) == 1, (kind, text, [(e.type, e.text) for e in entities])
    return found[0]


# --- people and titles -------------------------------------------------------


def test_title_before_name() -> None:
    ents = extract_entities("市委书记罗建平到高新区调研。")
    person = only(ents, "person", "罗建平")
    assert person.attrs == {"name": "罗建平", "titles": ["市委书记"], "partial": False,
                            "first_mention": True}
    title = only(ents, "title", "市委书记")
    assert title.attrs == {"title": "市委书记", "person": "罗建平"}


def test_two_titles_for_one_person() -> None:
    ents = extract_entities("省委副书记、省长韩立群主持召开座谈会。")
    assert only(ents, "person", "韩立群").attrs["titles"] == ["省委副书记", "省长"]


def test_title_with_organisation_prefix() -> None:
    ents = extract_entities("中国科学院院士、湘江大学校长邝思远出席仪式。")
    titles = only(ents, "person", "邝思远").attrs["titles"]
    assert titles[0] == "中国科学院院士"
    assert titles[-1].endswith("校长")


def test_list_shares_title() -> None:
    ents = extract_entities("市领导周海涛、罗春燕、郑立新参加活动。")
    people = of_type(ents, "person")
    assert [p.text for p in people] == ["周海涛", "罗春燕", "郑立新"]
    assert all(p.attrs["titles"] == ["市领导"] for p in people)


def test_later_bare_mention_links_to_first() -> None:
    ents = extract_entities("区委书记彭志远主持会议。彭志远强调,要抓好落实。")
    first, later = of_type(ents, "person")
    assert first.attrs["first_mention"] is True
    assert later.attrs["first_mention"] is False
    assert later.attrs["name"] == "彭志远"
    assert later.attrs["titles"] == []


def test_kinship_form_is_partial_person() -> None:
    """The person's name in the text is the surname; 师傅 is how they are addressed."""
    ents = extract_entities("村民龚师傅签字后,补偿款两天就到账了。王某称未收到通知。")
    person = only(ents, "person", "龚")
    assert (person.start, person.end) == (2, 3)
    assert person.attrs["partial"] is True and person.attrs["name"] == "龚师傅"
    assert only(ents, "person", "王").attrs["name"] == "王某"
    assert only(extract_entities("前台的林小姐递来一份表格。"), "person", "林").attrs["name"] == "林小姐"


def test_surname_with_a_respectful_or_family_tail_is_partial_person() -> None:
    ents = extract_entities("说起修路,胡老说,这条路修了整整三年。古老的祠堂也修好了。")
    assert {(e.text, e.attrs["name"]) for e in of_type(ents, "person")} == {("胡", "胡老")}
    text = "一大早,阮家门前就聚集了不少乡亲。"  # the rule reads the tagger's 阮家
    ents = find_names(text, [("person", 4, 6)], load_lexicon(), Words.of(text))
    assert {(e.text, e.attrs["name"]) for e in of_type(ents, "person")} == {("阮", "阮家")}


def test_surname_before_a_title_read_as_place_is_a_person() -> None:
    ents = extract_entities("关于中非合作,唐外长说,他亲眼看到了新修的铁路。美外长说,两国将加强合作。")
    assert [e.text for e in of_type(ents, "person")] == ["唐"]
    assert "美" in {e.text for e in of_type(ents, "place")}


def test_peoples_government_is_named_after_its_place() -> None:
    ents = extract_entities("3月14日,株洲市人民政府与南江大学全面战略合作协议签约仪式在南江举行。")
    government = next(e for e in of_type(ents, "organization") if e.text == "株洲市人民政府")
    assert government.attrs["admin"] == {"province": "湖南省", "city": "株洲市", "county": None}
    # a division's government is one organisation, with no place inside it ...
    assert not {"株洲市", "株洲市人民"} & {e.text for e in of_type(ents, "place")}
    # ... a country's or a special region's names a place too
    ents = extract_entities("据报道,香港特区政府今天宣布,将加强合作。")
    assert "香港特区" in {e.text for e in of_type(ents, "place")}


def test_street_address_is_one_place_with_its_divisions() -> None:
    ents = extract_entities("他家住在江临市青山区滨江路18号,离湖南省株洲市天元区不远。")
    places = {e.text for e in of_type(ents, "place")}
    assert "江临市青山区滨江路18号" in places
    assert not {"江临市", "青山区"} & places
    assert "湖南省株洲市天元区" not in places  # divisions alone stay one place each


def test_place_without_its_suffix_is_no_person() -> None:
    ents = extract_entities("3月14日,江临市人民政府与南江大学签约。陈素云表示,江临正在加快建设先进制造业强市。")
    assert "江临" not in {e.text for e in of_type(ents, "person")}
    assert "江临" in {e.text for e in of_type(ents, "place")}
    ents = extract_entities("江临市地处湘江下游。陈素云表示,江临正在加快建设先进制造业强市。")
    assert {"江临市", "江临"} <= {e.text for e in of_type(ents, "place")}


def test_minister_word_names_the_ministry() -> None:
    ents = extract_entities("内政部长将于明天与工会代表谈判。")
    assert [e.text for e in of_type(ents, "organization")] == ["内政部"]


def test_a_name_does_not_run_into_the_next_word() -> None:
    for text in ("站在台上的是教练马丁,马丁魁梧、健谈。", "陪她登台的是搭档亨利,亨利魁梧、沉稳。"):
        tagger_spans = [("person", 8, 10), ("person", 11, 15)]  # the tagger read on: 某某魁梧
        ents = find_names(text, tagger_spans, load_lexicon(), Words.of(text))
        assert [e.text for e in of_type(ents, "person")] == [text[8:10]] * 2
    # ... nor into a one-character word that is no name (the tagger read 张卫东新)
    text = "市长张卫东出席。会议要求以张卫东新倡议为指导。"
    tagger_spans = [("person", 2, 5), ("person", 13, 17)]
    ents = find_names(text, tagger_spans, load_lexicon(), Words.of(text))
    assert [e.text for e in of_type(ents, "person")] == ["张卫东", "张卫东"]
    text = "学习詹天佑新时代的精神"  # a well-known full name in rjieba's dictionary
    ents = find_names(text, [("person", 2, 6)], load_lexicon(), Words.of(text))
    assert [e.text for e in of_type(ents, "person")] == ["詹天佑"]


def test_byline_reporters_are_people() -> None:
    ents = extract_entities("湘江晚报讯(记者/彭晓岚 通讯员/曾凡柯) 近日,全市开展检查。")
    assert {"彭晓岚", "曾凡柯"} <= person_names(ents)


def test_byline_marker_is_not_read_as_a_second_name() -> None:
    # 通讯员 is three characters like a name: it must not swallow the next marker.
    ents = extract_entities("记者/龙晓帆 通讯员/蒋一苇\n\n全市开展检查。")
    assert {"龙晓帆", "蒋一苇"} <= person_names(ents)


def test_name_completed_from_a_longer_mention() -> None:
    from banmian.extract.features import Words
    from banmian.extract.lexicon import load_lexicon as lexicon
    from banmian.extract.names import find_names

    text = "邬振南出席。省长邬振南率队调研。"
    cut = text.rindex("邬振南")
    spans = [("person", 0, 3), ("person", cut, cut + 2)]  # the tagger stopped at 邬振
    people = [e for e in find_names(text, spans, lexicon(), Words.of(text))
              if e.type == "person"]
    assert [(p.text, p.start) for p in people] == [("邬振南", 0), ("邬振南", cut)]


def test_surname_before_a_title_is_a_partial_person() -> None:
    from banmian.extract.features import Words
    from banmian.extract.lexicon import load_lexicon as lexicon
    from banmian.extract.names import find_names

    text = "他认真学习贺主席的讲话。"
    at = text.index("贺")
    people = [e for e in find_names(text, [("person", at, at + 1)], lexicon(), Words.of(text))
              if e.type == "person"]
    assert [(p.text, p.attrs["partial"]) for p in people] == [("贺", True)]


def test_no_person_ends_in_a_measure_word() -> None:
    # rjieba reads the phrase 普惠托位 as one name (nr) and the tagger follows it
    text = "对新增普惠托位给予补贴。"
    ents = find_names(text, [("person", 3, 7)], load_lexicon(), Words.of(text))
    assert of_type(ents, "person") == []


def test_no_person_from_common_words_after_title() -> None:
    ents = extract_entities("各级领导干部要带头,领导班子做到团结。")
    assert person_names(ents) == set()


def test_two_names_printed_together() -> None:
    ents = extract_entities("邝思远罗建平出席签约仪式并讲话")
    assert [p.text for p in of_type(ents, "person")] == ["邝思远", "罗建平"]


def spanned(text: str, kind: str, chars: str, length: int | None = None) -> tuple[str, int, int]:
    """A tagger span of ``kind`` over the first ``chars`` in ``text`` (its first
    ``length`` characters when given)."""
    start = text.index(chars)
    return kind, start, start + (len(chars) if length is None else length)


def rule_names(text: str, spans: list[tuple[str, int, int]]) -> set[tuple[str, str]]:
    """(type, text) of the names the rules make of the given tagger spans."""
    from banmian.extract.features import Words
    from banmian.extract.lexicon import load_lexicon as lexicon
    from banmian.extract.names import find_names

    return {(e.type, e.text) for e in find_names(text, spans, lexicon(), Words.of(text))
            if e.type != "title"}


def rule_texts(text: str, spans: list[tuple[str, int, int]], kind: str) -> set[str]:
    """The texts of the ``kind`` names the rules make of the given tagger spans."""
    return {t for k, t in rule_names(text, spans) if k == kind}


def test_foreign_name_after_a_title_keeps_its_dotted_parts() -> None:
    text = "市长安德烈·科瓦廖夫出席了签字仪式。"
    assert rule_names(text, [("person", 2, 10)]) == {("person", "安德烈·科瓦廖夫")}


def test_reporters_printed_together_are_two_people() -> None:
    text = "(记者孟凡宇齐悦)昨天,全市春季植树活动启动。"
    assert rule_names(text, [("person", 3, 8)]) == {("person", "孟凡宇"), ("person", "齐悦")}


def test_name_before_a_name_does_not_swallow_a_place() -> None:
    text = "韩国的金泽洙苦战三局取胜。"
    assert rule_names(text, [("place", 0, 2), ("person", 3, 6)]) == {
        ("place", "韩国"), ("person", "金泽洙")}


def test_names_in_a_list_of_pairings_are_kept() -> None:
    text = "对阵为:吴海涛对柳大华、孙立新对胡荣华、赵一鸣对陶新华、钱多多对林小华。"
    spans = [("person", m, m + 3) for m in (4, 8, 12, 16, 20, 24, 28, 32)]
    assert {t for _, t in rule_names(text, spans)} == {
        "吴海涛", "柳大华", "孙立新", "胡荣华", "赵一鸣", "陶新华", "钱多多", "林小华"}


# --- places and organisations --------------------------------------------------


def test_organisation_ending_on_a_word_boundary_is_not_cut() -> None:
    assert rule_names("远东国际军事法庭的档案公开。", [("organization", 0, 8)]) == {
        ("organization", "远东国际军事法庭")}
    assert rule_names("株洲市政府协调各方。", [("organization", 0, 6)]) == {
        ("organization", "株洲市政府")}


def test_a_countrys_government_and_companies_are_the_country() -> None:
    text = "美国政府和俄政府表态,美国公司观望,株洲市政府协调。"
    spans = [("organization", 0, 4), ("organization", 5, 8), ("organization", 11, 15),
             ("organization", 18, 23)]
    assert rule_names(text, spans) == {("place", "美国"), ("place", "俄"),
                                       ("organization", "株洲市政府")}


def test_surname_before_a_known_company_is_a_person() -> None:
    text = "研究室主任吴高盛认为,高盛的报告有误。"
    assert rule_names(text, [("person", 5, 8)]) == {("person", "吴高盛"),
                                                 ("organization", "高盛")}


def test_long_foreign_name_starting_like_a_surname_stays() -> None:
    text = "总统任命了涅姆佐夫和赫里斯坚科两名副总理。"
    assert rule_names(text, [("person", 5, 9), ("person", 10, 15)]) == {
        ("person", "涅姆佐夫"), ("person", "赫里斯坚科")}


def test_words_before_titles_that_are_no_surnames() -> None:
    # 原 (former) and 党 (the party) before a title; 武警 + 官兵, not 武 + 警官
    text = "江临区委原书记、原区长被查处。党领导一切。感谢武警官兵。"
    spans = [spanned(text, "organization", "江临区委"), spanned(text, "organization", "武警")]
    assert rule_names(text, spans) == {("organization", "江临区委"), ("organization", "武警")}


def test_field_of_study_is_no_organisation() -> None:
    # rjieba tags 古典文学 nt; a name ending in 学 is a field unless it is a school
    text = "他在江临大学教授中国古典文学。"
    spans = [spanned(text, "organization", "江临大学"), spanned(text, "organization", "中国古典文学")]
    assert rule_texts(text, spans, "organization") == {"江临大学"}


def test_ranked_and_compound_titles_are_whole() -> None:
    # not 队长 of 副大队长, 经理 of 项目经理, 司令 of 总司令
    for title in ("副大队长", "项目经理", "总司令", "副检察长", "主任委员"):
        text = f"据{title}陈立新介绍,工作进展顺利。"
        people = of_type(extract_entities(text), "person")
        assert [p.attrs["titles"] for p in people] == [[title]], title


def test_title_word_inside_a_body_name_is_no_title() -> None:
    # 委员 of 委员会 is the committee's name, not a title: the chain keeps 市委副书记
    text = "市委副书记、江临市监察委员会主任陈立新出席会议。"
    people = of_type(extract_entities(text), "person")
    assert [p.attrs["titles"] for p in people] == [["市委副书记", "江临市监察委员会主任"]]


def test_title_held_before_keeps_its_mark() -> None:
    # 原 (former) belongs to the title, not to the place before it or to a name
    text = "江临市原副市长陈立新、市政协原副主席王卫东被查处。前总统卡尔松来访。"
    people = of_type(extract_entities(text), "person")
    assert [(p.text, p.attrs["titles"]) for p in people] == [
        ("陈立新", ["江临市原副市长"]), ("王卫东", ["市政协原副主席"]), ("卡尔松", ["前总统"])]


def test_division_word_after_a_place_is_part_of_it() -> None:
    # 连江县 is one rjieba word, 镇 a word alone: the tagger stopped one short
    text = "福建连江县水产站和唐古拉山镇党委书记一起开展活动。"
    spans = [spanned(text, "place", "连江"), spanned(text, "place", "唐古拉山")]
    assert rule_texts(text, spans, "place") == {"连江县", "唐古拉山镇"}
    text = "江西省县级融媒体中心和中国市场"  # 省 + 县级, 中国 + 市场: no division
    spans = [spanned(text, "place", "江西省"), spanned(text, "place", "中国")]
    assert rule_texts(text, spans, "place") == {"江西省", "中国"}


def test_idiom_is_no_person() -> None:
    text = "这种张冠李戴的做法,让人啼笑皆非。"
    assert rule_names(text, [("person", 2, 6)]) == set()
    # nor two names printed together (雷霆 + 万钧), nor a name inside one (陈相因 of 陈陈相因)
    text = "以雷霆万钧之势,雷霆万钧,雷霆出击。"
    assert rule_names(text, [("person", 1, 5)]) == set()
    text = "他们陈陈相因,不思进取。"
    assert rule_names(text, [spanned(text, "person", "陈相因")]) == set()


def test_places_in_a_forecast_listing() -> None:
    text = "江临多云转晴15℃／27℃南江小雨18℃／31℃乌鲁木齐晴20℃／32℃\n今天多云转晴,明天阴。"
    assert [e.text for e in of_type(extract_entities(text), "place")] == [
        "江临", "南江", "乌鲁木齐"]


def test_region_word_leaves_its_place() -> None:
    text = "东北地区北部和亚太地区形势都有变化,沿海地区也是。"
    assert [e.text for e in of_type(extract_entities(text), "place")] == ["东北", "亚太"]
    text = "探测器飞越月球,研究地球的磁场。"
    assert [e.text for e in of_type(extract_entities(text), "place")] == ["月球", "地球"]


def test_versus_is_no_part_of_a_team() -> None:
    text = "推荐:都灵vsac米兰,VSCO公司发布新品。"
    assert rule_names(text, [("organization", 3, 5), ("organization", 5, 11),
                             ("organization", 12, 18)]) == {
        ("organization", "都灵"), ("organization", "ac米兰"), ("organization", "VSCO公司")}


def test_building_named_like_an_organisation_is_a_place() -> None:
    text = "江临图书大厦开业,南江市博物馆和南江大学也参加。"
    found = rule_names(text, [("organization", 0, 6), ("organization", 9, 15),
                              ("organization", 16, 20)])
    assert found == {("place", "江临图书大厦"), ("place", "南江市博物馆"),
                     ("organization", "南江大学")}


def test_organisation_named_with_a_joiner_stays_whole() -> None:
    text = "欧洲安全与合作组织和南江大学与江临银行都派员出席。"
    spans = [("organization", 0, 9), ("organization", 10, 19)]
    assert rule_names(text, spans) == {("organization", "欧洲安全与合作组织"),
                                       ("organization", "南江大学"), ("organization", "江临银行")}


def test_organisation_start_takes_in_no_function_word() -> None:
    text = "材料已交市住房保障办,他还去了泽东公司的仓库。"
    spans = [("organization", 4, 10), ("organization", 15, 19)]
    assert rule_names(text, spans) == {("organization", "市住房保障办"),
                                       ("organization", "泽东公司")}
    text = "新建社区嵌入式养老服务中心24家。"
    assert rule_names(text, [("organization", 6, 13)]) == {
        ("organization", "嵌入式养老服务中心")}


def test_short_form_and_organisation_word_are_one_organisation() -> None:
    text = "欧佩克组织成员国达成减产协议。"
    assert rule_names(text, [("organization", 0, 3)]) == {("organization", "欧佩克组织")}


def test_place_before_a_two_character_body_is_that_body() -> None:
    text = "江临交警和南江分局联合执法。"
    found = rule_names(text, [("place", 0, 2), ("place", 5, 7)])
    assert {t for k, t in found if k == "organization"} == {"江临交警", "南江分局"}


def test_place_before_a_common_noun_ending_like_a_body_stays_a_place() -> None:
    text = "位于山西交界处的三桥村村干部说。"
    spans = [("place", 2, 4), ("place", 8, 11)]
    assert rule_names(text, spans) == {("place", "山西"), ("place", "三桥村")}


def test_place_before_its_own_office_stays_a_place() -> None:
    text = "——记青山区溪口村党支部书记沈秀芬"
    found = rule_names(text, [("place", 3, 8), ("person", 14, 17)])
    assert {t for k, t in found if k == "person"} == {"沈秀芬"}
    # the village's party branch (a known body) takes in its place
    assert ("organization", "青山区溪口村党支部") in found
    found = rule_names("——记青山区溪口村主任沈秀芬", [("place", 3, 8), ("person", 11, 14)])
    assert ("person", "沈秀芬") in found and ("place", "青山区溪口") in found
    assert {t for k, t in found if k == "person"} == {"沈秀芬"}


def test_name_cut_one_short_is_completed_from_rjiebas_name_word() -> None:
    text = "黄小目自费办夜校,赵华说。"
    assert rule_names(text, [("person", 0, 2), ("person", 9, 11)]) == {
        ("person", "黄小目"), ("person", "赵华")}


def test_tagger_person_that_is_a_chinese_city_is_a_place() -> None:
    text = "从1996年起,威海以提高覆盖率为目标。"
    assert rule_names(text, [("person", 8, 10)]) == {("place", "威海")}


def test_surname_alone_before_a_title_is_its_holder() -> None:
    text = "金教授连忙起身,能不能托项市长帮忙?5国外长会议和向市长反映的事。"
    people = of_type(extract_entities(text), "person")
    assert [(e.text, e.attrs["partial"]) for e in people] == [("金", True), ("项", True)]


def test_namesake_of_a_trophy_is_a_person() -> None:
    text = "本届汤尤杯赛中,她们力争夺回尤伯杯,汤姆斯杯也在争夺。"
    people = of_type(extract_entities(text), "person")
    assert {e.text for e in people} == {"汤", "尤", "尤伯", "汤姆斯"}
    assert all(e.attrs["partial"] for e in people)
    people = of_type(extract_entities("坚持马列主义,一匹马列队前进。"), "person")
    assert [(e.text, e.start) for e in people] == [("马", 2), ("列", 3)]


def test_china_in_a_word_is_a_place() -> None:
    text = "弘扬中华文化,中华人民共和国成立纪念日,中华民族的复兴。"
    places = [(e.text, e.start) for e in of_type(extract_entities(text), "place")]
    assert ("中华", 2) in places and ("中华", text.index("中华民族")) in places
    assert ("中华人民共和国", text.index("中华人民")) in places
    assert ("中华", text.index("中华人民")) not in places


def test_sub_unit_is_no_place_and_no_verb() -> None:
    text = "据新华社莫斯科电,市技术监督局在查处中发现问题。"
    office = text.index("技术")
    found = rule_names(text, [("organization", 1, 4), ("place", 4, 7),
                              ("organization", office, office + 5)])
    assert found == {("organization", "新华社"), ("place", "莫斯科"),
                     ("organization", "市技术监督局")}


def test_sub_unit_with_a_body_of_its_own_joins_the_organisation() -> None:
    text = "江临市国税局党组召开会议,青山水泥厂新线分厂投产,中信银行全国多家分行参与。"
    orgs = rule_texts(text, [("organization", 0, 6), ("organization", 13, 18),
                             ("organization", 25, 29)], "organization")
    assert {"江临市国税局党组", "青山水泥厂新线分厂", "中信银行"} <= orgs
    text = "塔兰国海军舰艇编队今天抵达。"
    assert rule_names(text, [spanned(text, "organization", "塔兰国海军")]) == {
        ("organization", "塔兰国海军舰艇编队")}


def test_two_character_county_is_a_place_where_rjieba_reads_it_whole() -> None:
    places = rule_texts("莒县种植的西瓜已经成熟。", [], "place")
    assert places == {"莒县"}
    assert not rule_texts("他提高县级医院的水平,和县委书记交谈。", [], "place")


def test_division_cut_short_by_the_tagger_is_completed() -> None:
    text = "调查组走访了青海省曲麻莱县的牧区。"
    spans = [spanned(text, "place", "青海省"), spanned(text, "place", "麻莱县")]
    assert ("place", "曲麻莱县") in rule_names(text, spans)


def test_tagger_place_that_is_a_listed_organisation_is_that_organisation() -> None:
    text = "劳斯莱斯今天宣布裁员。"
    assert rule_names(text, [("place", 0, 4)]) == {("organization", "劳斯莱斯")}


def test_tagger_organisation_running_past_a_division_word_is_that_place() -> None:
    text = "城东街道桂花社区的长者食堂已经坐满了老人。"
    assert rule_names(text, [("organization", 0, 5)]) == {("place", "城东街道")}
    # ... and one that stops right before the next division word is the chain, one place
    assert rule_names(text, [("organization", 0, 6)]) == {("place", "城东街道桂花社区")}


def test_a_monarch_carries_the_title() -> None:
    ents = extract_entities("塔兰国国王卡西姆今天抵达。")
    king = next(e for e in of_type(ents, "person") if e.text == "卡西姆")
    assert king.attrs["titles"] == ["塔兰国国王"]


def test_name_found_elsewhere_loses_what_rjieba_glued_to_it() -> None:
    text = "会见卡玛尔时,他转达了对卡玛尔总统的问候。卡玛尔总统表示感谢。"
    spans = [spanned(text, "person", "卡玛尔时"), spanned(text, "person", "对卡玛尔"),
             spanned(text, "person", "卡玛尔总统表", 3)]
    assert rule_names(text, spans) == {("person", "卡玛尔")}


def test_credit_role_is_no_part_of_the_name() -> None:
    def people(text: str, *names: str) -> set[tuple[str, str]]:
        return {(k, t) for k, t in rule_names(text, [spanned(text, "person", name)
                                                     for name in names]) if k == "person"}

    assert people("新华社记者 林晓舟摄", "林晓舟摄") == {("person", "林晓舟")}
    assert people("本报记者  赵青文  钱路远摄", "赵青文", "钱路远摄") == {
        ("person", "赵青"), ("person", "钱路远")}
    # 文 alone after a name is part of it where nobody else is credited ...
    assert people("本报记者  孙立文", "孙立文") == {("person", "孙立文")}
    # ... but not after a two-character name padded to three
    text = "周  岚图（新华社发）"
    ents = find_names(text, [spanned(text, "person", "周  岚图")], load_lexicon(), Words.of(text))
    assert [e.attrs["name"] for e in of_type(ents, "person")] == ["周岚"]


def test_name_rjieba_ran_into_the_next_word_ends_with_the_name() -> None:
    text = "工作站负责人孙丽华出生于1990年,驻华大使马克莱用中文致辞。"
    spans = [spanned(text, "person", "孙丽华出"), spanned(text, "person", "马克莱用")]
    assert rule_texts(text, spans, "person") == {"孙丽华", "马克莱"}


def test_known_organisation_starts_and_ends_on_word_boundaries() -> None:
    text = "九三学社和致公党的代表参加了会议,村民进城务工,市民建设家园。"
    assert rule_names(text, []) == {("organization", "九三学社"), ("organization", "致公党")}
    # 中信, 中建, 中铁 and 中远 are listed; here each runs into the next word
    text = "在这个过程中信息安全很重要,城市中建筑林立,过程中铁路畅通,工作中远大理想不丢。"
    assert rule_names(text, []) == set()


def test_named_vessel_is_an_organisation() -> None:
    text = "“海星”号科考船昨天返回,“东临”号船员全部获救。"
    assert rule_names(text, [spanned(text, "place", "海星")]) == {
        ("organization", "“海星”号科考船")}


def test_listed_organisation_wins_over_the_place_it_starts_with() -> None:
    text = "他在中国移动工作,她在邯钢上班。"
    assert rule_names(text, [spanned(text, "place", "中国")]) == {
        ("organization", "中国移动"), ("organization", "邯钢")}


def test_title_inside_a_known_organisation_or_division_keeps_it() -> None:
    assert ("organization", "全国政协") in rule_names("全国政协委员参加讨论。",
                                                     [("organization", 0, 4)])
    assert rule_names("西藏自治区长期以来重视教育。", [("place", 0, 5)]) == {
        ("place", "西藏自治区")}



def test_organisation_with_level_and_sub_unit() -> None:
    ents = extract_entities("记者从区卫健委疾控科获悉,全区接种进度加快。")
    assert "区卫健委疾控科" in {e.text for e in of_type(ents, "organization")}
    assert person_names(ents) == set()
    # the level character stands before a noun that rjieba splits off the body
    ents = extract_entities("记者从市市场监管局获悉,全市新增市场主体三万户。")
    assert "市市场监管局" in {e.text for e in of_type(ents, "organization")}


def test_organisation_takes_in_its_division_and_words_before_it() -> None:
    from banmian.extract.features import Words
    from banmian.extract.lexicon import load_lexicon as lexicon
    from banmian.extract.names import find_names

    text = "芦溪区征拆工作协调服务中心负责人介绍,美国财政部表示。"
    org = text.index("作协")  # the tagger started inside 工作
    usa = text.index("美国")
    spans = [("place", 0, 3), ("organization", org, org + 7),
             ("place", usa, usa + 2), ("organization", usa + 2, usa + 5)]
    found = {(e.type, e.text) for e in find_names(text, spans, lexicon(), Words.of(text))}
    assert ("organization", "芦溪区征拆工作协调服务中心") in found
    assert ("organization", "美国财政部") in found
    assert ("place", "芦溪区") not in found


def test_team_of_a_place_is_an_organisation() -> None:
    from banmian.extract.features import Words
    from banmian.extract.lexicon import load_lexicon as lexicon
    from banmian.extract.names import find_names

    text = "智利队在下半场扳平比分。"
    found = {(e.type, e.text) for e in find_names(text, [("place", 0, 2)], lexicon(),
                                                 Words.of(text))}
    assert found == {("organization", "智利队")}
    # rjieba reads the team as one word and the tagger proposes nothing there
    found = {(e.type, e.text) for e in find_names(text, [], lexicon(), Words.of(text))}
    assert found == {("organization", "智利队")}


def test_title_inside_an_organisation_keeps_the_organisation() -> None:
    ents = extract_entities("中共湖南省委副书记邬振南在会上讲话。")
    assert "中共湖南省委" in {e.text for e in of_type(ents, "organization")}


def test_one_character_places() -> None:
    ents = extract_entities("中美两国代表团访华期间在京会谈。")
    assert {e.text for e in of_type(ents, "place")} >= {"中", "美", "华", "京"}
    ents = extract_entities("韩美间的合作加深,中印边界问题和侵华战争都在讨论中。")
    assert [e.text for e in of_type(ents, "place")] == ["韩", "美", "中", "印", "华"]
    ents = extract_entities("他用中医药调理身体,盼着亚运会和奥运会,讲述日寇暴行。")
    assert [e.text for e in of_type(ents, "place")] == ["中", "亚", "奥", "日"]


def test_place_spelt_in_abbreviations_is_one_place_per_character() -> None:
    text = "他说，中非合作和港台交流都在加深。"
    spans = [("place", text.index("中非"), text.index("中非") + 2),
             ("place", text.index("港台"), text.index("港台") + 2)]
    ents = find_names(text, spans, load_lexicon(), Words.of(text))
    assert [e.text for e in of_type(ents, "place")] == ["中", "非", "港", "台"]
    text = "青藏高原的冰川在退缩。"
    ents = find_names(text, [("place", 0, 4)], load_lexicon(), Words.of(text))
    assert [e.text for e in of_type(ents, "place")] == ["青", "藏"]


def test_side_word_marks_its_country() -> None:
    text = "美方表示，中方的立场可以方便双方沟通。"
    ents = find_names(text, [], load_lexicon(), Words.of(text))
    assert [(e.text, e.start) for e in of_type(ents, "place")] == [("美", 0), ("中", 5)]
    assert of_type(ents, "organization") == []


def test_region_word_is_a_place_and_generic_government_no_organisation() -> None:
    text = "华南和东北部分地区降温，县政府和株洲市政府都发出通知。"
    spans = [("organization", text.index("县政府"), text.index("县政府") + 3)]
    ents = find_names(text, spans, load_lexicon(), Words.of(text))
    assert {"华南", "东北"} <= {e.text for e in of_type(ents, "place")}
    assert "县政府" not in {e.text for e in of_type(ents, "organization")}


def test_department_in_general_is_no_organisation() -> None:
    text = "司法部门和教育部都派人参加。"
    spans = [("organization", 0, 3), ("organization", 5, 8)]
    ents = find_names(text, spans, load_lexicon(), Words.of(text))
    assert [e.text for e in of_type(ents, "organization")] == ["教育部"]


def test_party_congress_by_number_is_an_organisation() -> None:
    text = "学习党的十九大和中共十八大精神，走访十五大城市。"
    ents = find_names(text, [], load_lexicon(), Words.of(text))
    assert [e.text for e in of_type(ents, "organization")] == ["十九大", "中共十八大"]


def test_world_companies_are_organisations() -> None:
    text = "西门子与本市企业签约，雀巢的工厂明年投产。"
    ents = find_names(text, [], load_lexicon(), Words.of(text))
    assert {"西门子", "雀巢"} <= {e.text for e in of_type(ents, "organization")}


def test_team_with_its_sport_is_an_organisation() -> None:
    text = "秘鲁男子排球队明天抵达。"
    ents = find_names(text, [("place", 0, 2)], load_lexicon(), Words.of(text))
    assert [(e.type, e.text) for e in ents] == [("organization", "秘鲁男子排球队")]
    text = "秘鲁国家女排和智利男篮明天抵达。"
    spans = [spanned(text, "place", "秘鲁"), spanned(text, "place", "智利")]
    assert rule_names(text, spans) == {("organization", "秘鲁国家女排"),
                                       ("organization", "智利男篮")}
    # a team rjieba reads as one organisation word
    assert rule_names("全兴队昨天客场获胜。", []) == {("organization", "全兴队")}


def test_place_with_an_organisation_word_is_an_organisation() -> None:
    text = "株洲市粮食局今天发布通知，株洲市总部设在这里。西溪镇水泥厂扩建，湘潭市中南部降雨。"
    spans = [("place", at, at + 3) for at in (0, 13, 23, 32)]
    ents = find_names(text, spans, load_lexicon(), Words.of(text))
    assert [(e.type, e.text) for e in ents] == [
        ("organization", "株洲市粮食局"), ("place", "株洲市"),  # 总部: a common noun
        ("organization", "西溪镇水泥厂"), ("place", "湘潭市")]  # 中南部: part of the place


def test_organisation_cut_short_is_completed_from_its_whole_name() -> None:
    text = "江临动力所今天开会。会后在江临动力所调研。"
    at = text.index("江临动力所", 5)
    spans = [("organization", 0, 5), ("organization", at, at + 4)]
    ents = find_names(text, spans, load_lexicon(), Words.of(text))
    assert [e.text for e in of_type(ents, "organization")] == ["江临动力所", "江临动力所"]


def test_place_ending_inside_a_division_word_takes_all_of_it() -> None:
    text = "城东街道的长者食堂坐满了老人。"
    ents = find_names(text, [("place", 0, 3)], load_lexicon(), Words.of(text))
    assert [(e.type, e.text) for e in ents] == [("place", "城东街道")]


def test_places_joined_by_a_dash_are_two_places() -> None:
    text = "打通江临-长沙高铁通道"
    ents = find_names(text, [("place", 2, 7)], load_lexicon(), Words.of(text))
    assert [(e.type, e.text) for e in ents] == [("place", "江临"), ("place", "长沙")]


def test_place_with_a_short_form_body_is_an_organisation() -> None:
    text = "江临市残联今天开会，江临市部分地区降雨。"
    ents = find_names(text, [("place", 0, 3), ("place", 10, 13)], load_lexicon(), Words.of(text))
    assert [(e.type, e.text) for e in ents] == [("organization", "江临市残联"), ("place", "江临市")]


@pytest.mark.parametrize(("text", "span", "expected"), [
    ("米拉·今天到", (0, 3), "米拉"),  # the separator of a foreign name
    ("开展技术指导。\n吴海平 摄", (8, 12), "吴海平"),  # the space before 摄
    ("在“江临银行今天", (1, 6), "江临银行"),  # a lone quote at the edge
    ("江临议会（下院）主席", (0, 7), "江临议会"),  # cut at the bracket it opens
    ("渣打银行（中国）称", (0, 8), "渣打银行（中国）"),  # brackets held whole stay
])
def test_tagger_spans_lose_separators_and_lone_brackets(
        text: str, span: tuple[int, int], expected: str) -> None:
    ents = find_names(text, [("organization", *span)], load_lexicon(), Words.of(text))
    assert expected in {e.text for e in ents}, [(e.type, e.text) for e in ents]


def test_spaced_name_keeps_its_text_and_is_named_without_spaces() -> None:
    # bylines space out two-character names; the page text keeps them, the name does not
    text = "记者\u00a0张\u00a0文\u00a0报道"
    person = only(find_names(text, [("person", 2, 6)], load_lexicon(), Words.of(text)),
                  "person", "张\u00a0文")
    assert person.attrs["name"] == "张文"


def test_body_before_a_glued_head_title_is_an_organisation() -> None:
    text = "秘鲁渔业部长昨日到达。湘潭县长出席了会议。"
    spans = [("place", 0, 2), ("place", 11, 14)]
    ents = find_names(text, spans, load_lexicon(), Words.of(text))
    names = [(e.type, e.text) for e in ents if e.type in ("organization", "place")]
    assert names == [("organization", "秘鲁渔业部"), ("place", "湘潭县")]  # 县长: the place's title


def test_session_number_starts_an_assembly() -> None:
    text = "提请第七届全国人民代表大会审议，并报第五届全国人大常委会备案。"
    spans = [("organization", 5, 13), ("organization", 21, 28)]
    ents = find_names(text, spans, load_lexicon(), Words.of(text))
    assert [e.text for e in of_type(ents, "organization")] == [
        "第七届全国人民代表大会", "全国人大常委会"]  # a standing committee has no session


def test_abbreviated_place_in_a_noun_is_a_place() -> None:
    text = "他是华侨，爱看京剧，学过中医；冲突加剧了。"
    ents = find_names(text, [], load_lexicon(), Words.of(text))
    assert [e.text for e in of_type(ents, "place")] == ["华", "京", "中"]
    # the end of a longer noun rjieba reads whole (中国京剧, 爱国华侨)
    text = "他录制了中国京剧唱片,是爱国华侨领袖。"
    ents = find_names(text, [spanned(text, "place", "中国")], load_lexicon(), Words.of(text))
    assert [e.text for e in of_type(ents, "place")] == ["中国", "京", "华"]


def test_facility_of_a_place_is_one_place() -> None:
    text = "他从湘潭机场出发，经过株洲铁路桥。"
    ents = find_names(text, [("place", 2, 4), ("place", 11, 13)], load_lexicon(), Words.of(text))
    assert [e.text for e in of_type(ents, "place")] == ["湘潭机场", "株洲"]


def test_name_cut_one_character_short_is_completed() -> None:
    text = "罗允连说，孟允连对此表示赞同，马良才到场。"
    spans = [("person", 0, 2), ("person", 5, 7), ("person", 15, 17)]
    ents = find_names(text, spans, load_lexicon(), Words.of(text))
    assert [e.text for e in of_type(ents, "person")] == ["罗允连", "孟允连", "马良"]


def test_weather_listing_does_not_extend_a_place() -> None:
    ents = extract_entities("长沙小雨,株洲多云。")
    assert {e.text for e in of_type(ents, "place")} <= {"长沙", "株洲"}
    assert person_names(ents) == set()


def test_place_resolves_admin_division() -> None:
    ents = extract_entities("醴陵市今年新建两所学校。")
    place = only(ents, "place", "醴陵市")
    assert place.attrs["admin"] == {"province": "湖南省", "city": "株洲市", "county": "醴陵市"}


def test_organisation_found() -> None:
    ents = extract_entities("中南大学与市政府签署合作协议。")
    assert "中南大学" in {e.text for e in of_type(ents, "organization")}


# --- dates ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("1月6日,全市召开会议", {"iso": "2022-01-06", "time": None, "approx": False}),
    ("截至1月5日24时,累计接种", {"iso": "2022-01-05", "time": "24:00"}),
    ("2021年11月1日,行动启动", {"iso": "2021-11-01"}),
    ("去年9月,协会成立", {"iso": None, "start_date": "2021-09-01", "end_date": "2021-09-30"}),
    ("12月23日,房屋拆除", {"iso": "2021-12-23"}),
    ("一九九八年十二月三十一日", {"iso": "1998-12-31"}),
    ("昨天下午3时30分", {"iso": "2022-01-06", "time": "15:30"}),
    ("1月5日至7日举行", {"iso": None, "start_date": "2022-01-05", "end_date": "2022-01-07"}),
])
def test_dates(text: str, expected: dict[str, object]) -> None:
    dates = of_type(extract_entities(text, base_date=BASE), "date")
    assert len(dates) == 1, dates
    for key, value in expected.items():
        assert dates[0].attrs[key] == value, (key, dates[0].attrs)


def test_time_takes_the_last_day_named() -> None:
    dates = of_type(extract_entities("1月6日,省长到站点调研。上午9时许,一行出发。",
                                     base_date=BASE), "date")
    assert dates[1].text == "上午9时许"
    assert dates[1].attrs == {"iso": "2022-01-06", "start_date": "2022-01-06",
                              "end_date": "2022-01-06", "time": "09:00", "approx": True}


def test_dates_without_base_date_stay_open() -> None:
    dates = of_type(extract_entities("1月6日上午"), "date")
    assert dates[0].attrs["iso"] is None


# --- figures -------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value", "unit", "approx", "bound"), [
    ("累计接种6123456剂次", 6123456, "剂次", False, None),
    ("加强针接种38万余剂次", 380000, "剂次", True, None),
    ("已有301.50万人完成接种", 3015000, "人", False, None),
    ("面积5172亩", 5172, "亩", False, None),
    ("基金规模3亿元", 300000000, "元", False, None),
    ("年营收超300亿元", 30000000000, "元", False, "lower"),
    ("3个工作日完成审核", 3, "个工作日", False, None),
    ("不到两个月完成", 2, "个月", False, "upper"),
    ("约有三成农户", 30, "%", True, None),
])
def test_figures(text: str, value: float, unit: str, approx: bool, bound: str | None) -> None:
    figures = of_type(extract_entities(text), "figure")
    assert len(figures) == 1, figures
    attrs = figures[0].attrs
    assert (attrs["value"], attrs["unit"], attrs["approx"], attrs["bound"]) == \
        (value, unit, approx, bound)


def test_figure_counts_the_noun_after_a_measure_word() -> None:
    fig = of_type(extract_entities("拆除36栋房子"), "figure")[0]
    assert fig.attrs["counts"] == "房子"


def test_years_and_ordinals_are_not_figures() -> None:
    assert of_type(extract_entities("2021年,第三剂接种"), "figure") == []
    # a grade and a decade are no spans of years; the years worked are
    text = "六年级的学生在上世纪90年代出生,老师工作了六年"
    assert [e.text for e in of_type(extract_entities(text), "figure")] == ["六年"]


# --- offsets, lexicons, pages ------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("市委书记李王张明华1月6日24时,、。万余亿元超剂次 \n省长区师傅")),
               max_size=60))
def test_offsets_always_point_into_the_text(text: str) -> None:
    for e in extract_entities(text, base_date=BASE):
        assert text[e.start : e.end] == e.text
        assert e.type in ("person", "title", "organization", "place", "date", "figure")


def test_long_text_is_extracted_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    line = "2021年11月1日,市委书记罗建平到湘江新区调研,投资5亿元。\n"
    text = line * 40
    whole = extract_entities(text)
    monkeypatch.setattr("banmian.extract.pipeline.CHUNK_CHARS", 100)
    pieces = extract_entities(text)
    assert [(e.type, e.start, e.end) for e in pieces] == [(e.type, e.start, e.end) for e in whole]
    assert all(text[e.start : e.end] == e.text for e in pieces)
    assert len(of_type(pieces, "person")) == 40


def test_user_lexicon_adds_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "persons.txt").write_text("# ours\n鄢一苇\n", encoding="utf-8")
    (tmp_path / "titles.txt").write_text("网格长\n", encoding="utf-8")
    text = "网格长鄢一苇带队巡查。"
    lex = load_lexicon([tmp_path])
    ents = extract_entities(text, lexicon=lex)
    assert only(ents, "person", "鄢一苇").attrs["titles"] == ["网格长"]
    monkeypatch.setenv("BANMIAN_LEXICON_PATH", str(tmp_path))
    assert "鄢一苇" in person_names(extract_entities(text))


def _page() -> Page:
    head = "韩立群在调研时强调"
    para1a, para1b = "1月6日,省委副书记、省长韩立群到", "湘江新区调研。"
    para2 = "韩立群指出,要加快项目建设。"
    text = f"{head}\n\n{para1a}\n{para1b}\n\n{para2}\n"
    s1 = text.index(para1a)
    s2 = text.index(para1b)
    s3 = text.index(para2)
    article = Article(
        id="a1", kind="article", title=head,
        headlines=(Headline("title", head, (0, len(head))),),
        paragraphs=(
            Paragraph(para1a + para1b, "body",
                      ((s1, s1 + len(para1a)), (s2, s2 + len(para1b)))),
            Paragraph(para2, "body", ((s3, s3 + len(para2)),)),
        ),
    )
    return Page(text=text, source=Source("t.txt", "0", "utf-8"), date="2022-01-07",
                articles=(article,))


def test_add_entities_maps_offsets_into_the_page_and_links_mentions() -> None:
    page = add_entities(_page())
    ents = page.articles[0].entities
    for e in ents:
        assert page.text[e.start : e.end] == e.text
    people = of_type(list(ents), "person")
    assert [p.attrs["first_mention"] for p in people] == [True, False, False]
    assert people[1].attrs["titles"] == ["省委副书记", "省长"]
    date = of_type(list(ents), "date")[0]
    assert date.attrs["iso"] == "2022-01-06"
    round_trip = Page.from_dict(page.to_dict())
    assert round_trip.articles[0].entities == ents


def test_entity_across_a_line_break_keeps_the_page_text() -> None:
    page = add_entities(_page())
    place = [e for e in page.articles[0].entities if "湘江新区" in e.text or e.text == "湘江"]
    for e in place:
        assert page.text[e.start : e.end] == e.text


def test_text_view_shows_an_entity_across_a_line_break_in_one_piece() -> None:
    page = _page()
    at = page.text.index("湘江新区")  # not across a break here: the view is what is tested
    crossing = Entity("place", "湘江\n新区", at, at + 4, {})
    view = to_text(page.with_articles([replace(page.articles[0], entities=(crossing,))]))
    assert "  [地点] 湘江新区\n" in view


# --- command line ----------------------------------------------------------------


def test_cli_json_one_object_per_line() -> None:
    lines = "市委书记罗建平主持会议。\n\n接种38万余剂次\n"
    result = CliRunner().invoke(main, ["entities", "--json", "--date", "2022-01-07", "-"],
                                input=lines)
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.output.splitlines()]
    assert len(out) == 3
    assert out[1] == {"entities": []}
    assert [e["text"] for e in out[0]["entities"] if e["type"] == "person"] == ["罗建平"]
    assert out[2]["entities"][0] == {"type": "figure", "text": "38万余剂次", "start": 2,
                                     "end": 8, "value": 380000, "unit": "剂次", "approx": True,
                                     "bound": None, "counts": None}


def test_cli_text_view_and_bad_date() -> None:
    ok = CliRunner().invoke(main, ["entities"], input="省长韩立群出席。\n")
    assert ok.exit_code == 0
    assert "person\t韩立群\t2-5" in ok.output
    bad = CliRunner().invoke(main, ["entities", "--date", "2022-13-01"], input="x\n")
    assert bad.exit_code != 0
    missing = CliRunner().invoke(main, ["entities", "--lexicon", "/nonexistent-dir"],
                                 input="x\n")
    assert missing.exit_code == 1
    assert "lexicon directory not found" in missing.output


# --- the shipped model and its training script ----------------------------------------


def test_shipped_model_is_small() -> None:
    model = ROOT / "src" / "banmian" / "data" / "entities" / "ner_model.npz"
    assert model.stat().st_size < 5_000_000
    assert load_tagger().spans("") == []


def test_words_used_alike_share_a_cluster() -> None:
    # Four groups of made-up words, each group seen in its own contexts only.
    groups = {"城": ("在", "举行"), "局": ("经", "批准"), "员": ("请", "发言"), "品": ("买", "回家")}
    lines = [[before, f"{k}{kind}", after] for kind, (before, after) in groups.items()
             for k in range(30) for _ in range(MIN_WORD_COUNT)]
    clusters = learn_clusters(lines, n_clusters=len(groups))
    for kind in groups:
        assert len({clusters[f"{k}{kind}"] for k in range(30)}) == 1, kind
    assert len({clusters[f"0{kind}"] for kind in groups}) == len(groups)
    assert learn_clusters(lines[:10]) == {}  # too few words to cluster


def test_shipped_model_reads_its_word_clusters() -> None:
    space = load_tagger().space
    assert len(space.cluster_keys) > 10_000 and set(CLUSTER_TEMPLATES) <= set(space.word_templates)
    at = len(space.cluster_keys) // 2
    known = int(space.cluster_keys[at])
    words = np.array([known, known + 1], dtype=np.int64)  # a stored word and no word
    lengths = np.array([1, 1], dtype=np.int64)
    keys = space.cluster_keys_of(words, np.zeros(2, dtype=np.int64), lengths)["cluster"]
    assert keys.tolist() == [int(space.cluster_ids[at]) * 3 + 1, 1]


def test_training_script_trains_a_loadable_model(shared_dir: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "m.npz"
    corpus = shared_dir / "corpus" / "ner" / "peoples-daily-1998-01.pos.txt"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_ner.py"),
                           "--corpus", str(corpus), "--limit", "300", "--epochs", "1",
                           "--hash-bits", "12", "--seeds", "2", "--hold-out", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    tagger = load_tagger(out)
    spans = tagger.spans("国务院总理会见了来访的客人。")
    assert all(0 <= s < e <= 14 for _, s, e in spans)
    # $BANMIAN_NER_MODEL puts it in place of the shipped model (2**17 rows a table)
    monkeypatch.setenv(MODEL_ENV, str(out))
    assert load_tagger().space.hash_bits == 12
    assert extract_entities("国务院总理会见了来访的客人。") is not None


def test_missing_model_named_in_the_environment_is_a_model_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "none.npz"))
    with pytest.raises(ModelError, match="BANMIAN_NER_MODEL"):
        extract_entities("国务院总理会见了来访的客人。")


# --- the seed page and the evaluation gate -------------------------------------------

# The people the seed page names (names only): 20 in the articles and 9 in
# the bylines, plus one informal form.
SEED_PEOPLE = {
    "习近平", "田红旗", "曹慧泉", "郭学益", "付刚华", "朱皖", "杨英杰", "王卫安", "王庭恺",
    "王攀", "毛伟明", "李殿勋", "张迎春", "邓群策", "陈恢清", "李东林", "刘可安", "胡长春",
    "张媛媛", "李武宁",
    "刘琼", "朱卫健", "胡文洁", "黄谷", "旷昆红", "莫艳琼", "陈正明", "邹家虎", "肖芳婷",
}
SEED_PARTIAL = {"唐师傅"}


def test_seed_people(shared_dir: Path) -> None:
    text = (shared_dir / "seeds" / "000_6232c28edf24c7ca.txt").read_text(encoding="utf-8")
    ents = extract_entities(text, base_date=BASE)
    people = of_type(ents, "person")
    full = {p.attrs["name"] for p in people if not p.attrs["partial"]}
    partial = {p.attrs["name"] for p in people if p.attrs["partial"]}
    assert len(SEED_PEOPLE) == 29
    assert full == SEED_PEOPLE
    assert partial == SEED_PARTIAL
    titles = {p.attrs["name"]: p.attrs["titles"] for p in people if p.attrs["titles"]}
    assert titles["毛伟明"] == ["省委副书记", "省长"]
    assert titles["王庭恺"] == ["市领导"]


def test_seed_page_people_with_bylines(shared_dir: Path) -> None:
    from banmian import parse_page

    text = (shared_dir / "seeds" / "000_6232c28edf24c7ca.txt").read_text(encoding="utf-8")
    page = add_entities(parse_page(text))
    names: set[str] = set()
    for article in page.articles:
        names |= {e.attrs["name"] for e in article.entities if e.type == "person"}
        if article.byline is not None:
            names |= {*article.byline.reporters, *article.byline.correspondents}
        assert all(page.text[e.start : e.end] == e.text for e in article.entities)
    assert names == SEED_PEOPLE | SEED_PARTIAL


def test_evaluation_gate(shared_dir: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "eval" / "ner_eval.py"), "--check",
                           "--shared", str(shared_dir)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "| pd-ner-dev | rjieba POS | person |" in done.stdout


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789一二三十去今明前上下午晚昨日号月年份时点分半许左右至的在", max_size=40))
def test_date_matches_are_those_of_a_full_scan(text: str) -> None:
    expected = [(m.span(), m.groupdict()) for m in DATE_RE.finditer(text) if m.group()]
    assert [(m.span(), m.groupdict()) for m in _matches(text)] == expected


def _viterbi_one(em: np.ndarray, trans: np.ndarray, start: np.ndarray) -> list[int]:
    """Textbook Viterbi over one stretch, one position at a time."""
    score = em[0] + start
    back = []
    for t in range(1, len(em)):
        cand = score[None, :] + trans.T  # [to, from]
        back.append(cand.argmax(axis=1))
        score = cand.max(axis=1) + em[t]
    path = [int(score.argmax())]
    for b in reversed(back):
        path.append(int(b[path[-1]]))
    return path[::-1]


def test_batched_viterbi_matches_one_stretch_at_a_time() -> None:
    rng = np.random.default_rng(3)
    em = rng.normal(size=(60, 7)).astype(np.float32)
    trans = rng.normal(size=(7, 7)).astype(np.float32)
    bounds = [(0, 1), (2, 30), (30, 33), (40, 58)]
    labels = decode(em, bounds, trans, trans[0])
    for lo, hi in bounds:
        assert labels[lo:hi].tolist() == _viterbi_one(em[lo:hi], trans, trans[0])
    assert labels[[1, 35, 59]].tolist() == [0, 0, 0]


def test_a_title_after_a_grown_organisation_takes_all_of_it() -> None:
    """Rules grow an organisation after titles are found; the title follows it."""
    ents = extract_entities("雨湖区征拆工作协调服务中心主任苏晓禾到场。")
    person = only(ents, "person", "苏晓禾")
    assert person.attrs["titles"] == ["雨湖区征拆工作协调服务中心主任"]
    assert only(ents, "title", "雨湖区征拆工作协调服务中心主任").attrs["person"] == "苏晓禾"


def _names(text: str, spans: list[tuple[str, int, int]]) -> set[tuple[str, str]]:
    return {(e.type, e.text) for e in find_names(text, spans, load_lexicon(), Words.of(text))
            if e.type in ("person", "place", "organization")}


def test_unknown_place_before_a_title_is_its_holder() -> None:
    text = "塔瓦尼卡拉总统会见了斯里兰卡总统。"
    found = _names(text, [("place", 0, 5), ("place", 10, 14)])
    assert found == {("person", "塔瓦尼卡拉"), ("place", "斯里兰卡")}


def test_world_places_complete_and_correct_the_tagger() -> None:
    text = "代表团从卡拉奇飞往阿尔巴尼亚。"
    found = _names(text, [("person", 4, 7), ("place", 9, 13)])
    assert found == {("place", "卡拉奇"), ("place", "阿尔巴尼亚")}
    text = "贝宁先生说明天出发。"
    assert _names(text, [("person", 0, 2)]) == {("person", "贝宁")}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="国务院办公厅市委.*", min_size=1, max_size=5), min_size=1,
                max_size=8),
       st.text(alphabet="国务院办公厅市委.*和", max_size=30))
def test_lexicon_alternation_finds_the_longest_word_like_a_plain_one(words: list[str],
                                                                      text: str) -> None:
    plain = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=lambda w: -len(w))))
    trie = re.compile(lexicon.word_alternation(words))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_diminutive_before_a_given_name_is_no_part_of_it() -> None:
    text = "年仅6岁的小晨阳被送进医院,小王和小李明陪着她。"
    spans = [spanned(text, "person", "小晨阳"), spanned(text, "person", "小李明")]
    assert rule_texts(text, spans, "person") == {"晨阳", "小李明"}


def test_organisation_ends_before_a_verb_it_ran_into() -> None:
    text = "江临社科院兴办了一所学校,青山儿童基金会组织了义卖,欧佩克组织决定减产。"
    spans = [spanned(text, "organization", "江临社科院兴办"),
             spanned(text, "organization", "青山儿童基金会"), spanned(text, "organization", "欧佩克")]
    orgs = rule_texts(text, spans, "organization")
    assert orgs == {"江临社科院", "青山儿童基金会", "欧佩克组织"}


def test_well_known_person_is_found_and_tagger_fragments_give_way() -> None:
    text = "课本里收了杜甫的诗,老师又讲到诸葛亮、爱因斯坦和伊丽莎白二世。"
    assert rule_names(text, [spanned(text, "person", "葛亮")]) == {
        ("person", "杜甫"), ("person", "诸葛亮"), ("person", "爱因斯坦"),
        ("person", "伊丽莎白二世")}  # one listed name, not two names printed together


def test_well_known_person_only_where_the_text_names_them() -> None:
    # part of a longer foreign name, in a place the tagger found, in the title
    # of a work named after them, or a short name running into the next word
    # or the start of a longer name (张旭 of 张旭阳)
    text = ("前总理拉·甘地到访,黄帝陵前游人如织,他玩过《但丁的地狱》,法院院长王维持原判,"
            "市民张旭阳说。")
    spans = [spanned(text, "person", "拉·甘地"), spanned(text, "place", "黄帝陵"),
             spanned(text, "person", "张旭阳")]
    assert rule_names(text, spans) == {("person", "拉·甘地"), ("place", "黄帝陵"),
                                       ("person", "张旭阳")}
    assert rule_texts("书架上有一本《李白》。", [], "person") == {"李白"}


def test_item_of_a_list_of_people_is_a_person() -> None:
    # 厉无畏 and 林大海 sit in lists of people; 马到成功 is too long for a name
    text = "出席会议的有王海东、厉无畏、孙晓光,以及张建国、林大海。他说要张建国、马到成功。"
    spans = [spanned(text, "person", name) for name in ("王海东", "孙晓光", "张建国")]
    assert rule_texts(text, spans, "person") == {"王海东", "厉无畏", "孙晓光", "张建国", "林大海"}


def test_two_character_unknown_place_before_a_title_is_its_holder() -> None:
    text = "会上,卡鲁总理和印尼总统先后讲话。"
    spans = [spanned(text, "place", "卡鲁"), spanned(text, "place", "印尼")]
    assert rule_names(text, spans) == {("person", "卡鲁"), ("place", "印尼")}


def test_institution_named_after_a_person_is_an_organisation() -> None:
    text = "王建华基金会今年资助了三所学校,学生们还参观了鲁迅纪念馆。"
    # a memorial hall is a venue, a place, as any organisation named as one
    assert rule_names(text, [spanned(text, "person", "王建华")]) == {
        ("organization", "王建华基金会"), ("place", "鲁迅纪念馆")}


def test_items_of_a_list_of_companies_are_organisations() -> None:
    text = "园区已引进青禾、云帆智造、鹭岛等一批知名企业,还有砖厂、养猪场等企业。"
    assert rule_texts(text, [], "organization") == {"青禾", "云帆智造", "鹭岛"}


def test_place_and_its_department_are_one_organisation() -> None:
    text = "株洲市发展和改革委员会和攸县疾病预防控制中心联合发布通知。"
    spans = [spanned(text, "place", "株洲市"), spanned(text, "organization", "改革委员会"),
             spanned(text, "place", "攸县")]
    assert rule_names(text, spans) == {("organization", "株洲市发展和改革委员会"),
                                       ("organization", "攸县疾病预防控制中心")}


def test_transliterated_name_of_six_characters_stays_whole() -> None:
    # rjieba reads 贝格 as a transliteration (nrt): one foreign name, not 斯托尔 + 滕贝格
    text = "挪威首相斯托尔滕贝格当天访问了奥斯陆。"
    assert rule_texts(text, [spanned(text, "person", "斯托尔滕贝格")], "person") == {"斯托尔滕贝格"}


def test_dotted_foreign_name_stays_whole() -> None:
    # six characters, both halves led by a surname (谢, 哈): still one foreign name
    text = "总理谢赫·哈西娜会见了来访的代表团。"
    assert rule_texts(text, [spanned(text, "person", "谢赫·哈西娜")], "person") == {"谢赫·哈西娜"}


def test_dotted_name_stays_a_person_where_an_institution_bears_it() -> None:
    # 科技 after a name elsewhere makes a plain name a company's; a dotted one stays a person
    text = "纪念诺曼·韦斯特的活动在诺曼·韦斯特科技大学举行。"
    spans = [spanned(text, "person", "诺曼·韦斯特"),
             ("organization", text.index("科技") - 6, text.index("举行"))]
    assert rule_texts(text, spans, "person") == {"诺曼·韦斯特"}


def test_first_part_named_alone_does_not_cut_a_dotted_name() -> None:
    text = "大家都叫他阿依达尔所长。阿依达尔·吐尔逊工作认真。"
    spans = [spanned(text, "person", "阿依达尔"), spanned(text, "person", "阿依达尔·吐尔逊")]
    assert rule_texts(text, spans, "person") == {"阿依达尔", "阿依达尔·吐尔逊"}


def test_part_of_a_name_given_in_full_elsewhere_is_the_full_name() -> None:
    text = "选手马卡里乌斯创造了纪录。赛后,马卡里乌斯表示很满意。"
    second = text.rindex("卡里乌斯")
    spans = [spanned(text, "person", "马卡里乌斯"), ("person", second, second + 4)]
    assert rule_names(text, spans) == {("person", "马卡里乌斯")}
    text = "湿地公园管理处发布公告。据介绍,湿地公园管理处将增设观鸟点。"
    second = text.rindex("公园管理处")
    spans = [spanned(text, "organization", "湿地公园管理处"), ("organization", second, second + 5)]
    assert rule_texts(text, spans, "organization") == {"湿地公园管理处"}


def test_tibetan_name_of_two_name_words_stays_whole() -> None:
    # both halves start with a surname (白, 曲) and stand alone elsewhere: still one name
    text = "白玛说,曲珍也来了。乡党委副书记白玛曲珍说,白玛曲珍要带头。"
    spans = [spanned(text, "person", "白玛"), spanned(text, "person", "曲珍"),
             ("person", text.index("白玛曲珍"), text.index("白玛曲珍") + 4)]
    assert "白玛曲珍" in rule_texts(text, spans, "person")


def test_last_part_of_a_dotted_name_names_that_person_again() -> None:
    text = "外长安娜·维特科娃抵达江临。维特科娃表示,双方合作前景广阔。"
    spans = [spanned(text, "person", "安娜·维特科娃")]
    assert rule_texts(text, spans, "person") == {"安娜·维特科娃", "维特科娃"}


def test_named_region_is_one_place() -> None:
    text = "粤港澳大湾区和长三角地区发展迅速。京津冀协同发展。"
    spans = [spanned(text, "place", "粤港"), spanned(text, "place", "澳大湾区"),
             spanned(text, "organization", "京津冀协")]  # the tagger ran into 协同
    assert rule_names(text, spans) == {("place", "粤港澳大湾区"), ("place", "长三角"),
                                       ("place", "京津冀")}


def test_indicator_acronyms_are_no_organisations() -> None:
    text = "1月份CPI同比上涨,PMI回升,内外部环境向好。"
    spans = [spanned(text, "organization", w) for w in ("CPI", "PMI", "内外部")]
    assert rule_names(text, spans) == set()


def test_title_at_the_end_of_a_tagger_name_is_its_title() -> None:
    text = "女王和卡洛天皇出席了仪式。"
    assert rule_texts(text, [spanned(text, "person", "卡洛天皇")], "person") == {"卡洛"}


def test_transliterated_name_ends_before_the_adverb_it_ran_into() -> None:
    text = "两名选手和阿·米特延科均获得满分。"
    spans = [spanned(text, "person", "阿·米特延科均")]
    assert rule_texts(text, spans, "person") == {"阿·米特延科"}


def test_listed_organisation_wins_over_names_the_tagger_found_inside_it() -> None:
    text = "据联合国大会统计,博鳌亚洲论坛的年会规模扩大。"
    spans = [spanned(text, "organization", "联合国"), spanned(text, "place", "亚洲")]
    assert rule_names(text, spans) == {("organization", "联合国大会"),
                                       ("organization", "博鳌亚洲论坛")}
