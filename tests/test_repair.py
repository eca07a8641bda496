"""Paragraph repair (``banmian.parse.repair``) and punctuation restoration
(``banmian.parse.punct``) on lines written for these tests in the seed's style."""

from __future__ import annotations

import pytest

from banmian.parse.classify import classify_lines
from banmian.parse.lines import split_lines
from banmian.parse.punct import restore_punctuation
from banmian.parse.repair import (
    JOIN_FEATURE_NAMES,
    UNSEEN_PAIR_PMI,
    build_units,
    edge_stats,
    join_features,
    load_join_weights,
    stats_from_dict,
)


def _units(*lines: str) -> list[tuple[str, str]]:
    """The units built from ``lines`` printed one block a line, as (kind, text)."""
    units = build_units(classify_lines(split_lines("\n\n".join(lines))))
    return [(u.kind, u.text) for u in units]


def test_paragraph_broken_where_a_column_ends_is_rejoined() -> None:
    head = ("走进青禾县东岭村的林下养殖基地,成群的土鸡在树荫下觅食。"
            "村党支部书记告诉记者,合作社去年带动")
    assert _units(head, "农户分红三十余万元。") == [("para", head + "农户分红三十余万元。")]


def test_word_cut_by_a_column_end_is_rejoined() -> None:
    head = ("据县卫健局介绍,截至3月1日24时,全县累计报告接种新冠病毒疫苗56万剂次,"
            "其中基础免疫累计接种44万剂次,加强")
    assert _units(head, "针累计接种12万剂次。") == [("para", head + "针累计接种12万剂次。")]


def test_heading_stays_apart_from_the_paragraph_after_it() -> None:
    assert _units("林下经济撑起致富伞", "今年以来,东岭村又新建了两座育雏大棚。") == [
        ("short", "林下经济撑起致富伞"), ("para", "今年以来,东岭村又新建了两座育雏大棚。")]


def test_list_items_stay_apart() -> None:
    items = ("东湖片区道路改造,45天完成;", "西岭安置小区,三个月交房;", "南湾码头搬迁,两个月完成签约。")
    assert [text for _, text in _units(*items)] == list(items)


def test_lines_of_verse_stay_apart() -> None:
    verse = ("山路弯弯通向远方,", "村口灯火照亮归途。")
    assert [text for _, text in _units(*verse)] == list(verse)


def test_long_line_ending_in_a_comma_still_joins() -> None:
    head = "县里把修路、通水、联网作为头等大事,一年里先后打通断头路十七条,"
    assert _units(head, "村民出行时间缩短一半。") == [("para", head + "村民出行时间缩短一半。")]


def test_dash_cut_in_two_is_rejoined() -> None:
    assert _units("当晚,“青禾之夜—", "—乡村文化节”在县体育馆开幕。") == [
        ("para", "当晚,“青禾之夜——乡村文化节”在县体育馆开幕。")]


def test_weights_match_the_features() -> None:
    lines = classify_lines(split_lines("林下经济撑起致富伞\n今年以来,东岭村新建了大棚。"))
    assert len(load_join_weights()) == len(JOIN_FEATURE_NAMES) == len(
        join_features(lines[0], lines[1], inside=False))


def test_character_statistics() -> None:
    stats = edge_stats()
    assert stats.non_initial and all("\u4e00" <= c <= "\u9fff" for c in stats.non_initial)
    # Words of running text hang together; the end of one paragraph and the start
    # of the next do not.
    assert stats.pairs["发展"] > 0 > UNSEEN_PAIR_PMI
    # 据悉 opens paragraphs; 的 hardly ever starts a line.
    assert stats.start_pairs["据悉"] > 0 > stats.line_start["的"]


def test_statistics_read_from_their_bucketed_form() -> None:
    stats = stats_from_dict({"non_initial": "的", "line_end": {"岭": 1.2}, "line_start": {},
                             "pairs": {"1.5": "东岭青禾", "-0.5": "禾东"}, "start_pairs": {}})
    assert stats.non_initial == frozenset("的") and stats.line_end == {"岭": 1.2}
    assert stats.pairs == {"东岭": 1.5, "青禾": 1.5, "禾东": -0.5}


@pytest.mark.parametrize(
    ("folded", "restored"),
    [
        # A figure before the separator: look past it to the words around.
        ("同比增长12%,高于全省平均水平", "同比增长12%，高于全省平均水平"),
        ("占全县耕地的35%;其余为林地", "占全县耕地的35%；其余为林地"),
        ("森林覆盖率仅5%!", "森林覆盖率仅5%！"),
        ("这日子怎么过呀?!", "这日子怎么过呀？！"),
        # A time inside Chinese text takes the full-width colon; in a schedule it does not.
        ("凌晨1:49,一辆救护车驶进院子", "凌晨1：49，一辆救护车驶进院子"),
        ("10.27 10:00 东湖广场", "10.27 10:00 东湖广场"),
        ("开放时间:8:30-17:30", "开放时间：8:30-17:30"),
        # Numbers keep their ASCII separators.
        ("共计1,000人", "共计1,000人"),
        # A bracket whose other half lies on another line.
        ("(新华社青禾3月2日电", "（新华社青禾3月2日电"),
        ("参与采写:王小青、李大禾)", "参与采写：王小青、李大禾）"),
        # After a restored bracket the context is Chinese.
        ("县长(兼任工委书记),", "县长（兼任工委书记），"),
        ("图②:3日,游客在东湖公园赏花", "图②：3日，游客在东湖公园赏花"),
        # Latin text stays as it is.
        ("The 12%, 30% rule (draft)", "The 12%, 30% rule (draft)"),
    ],
)
def test_punctuation_restored(folded: str, restored: str) -> None:
    assert restore_punctuation(folded) == restored
