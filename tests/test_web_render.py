"""The reading room's HTML helpers: what reaches a page unescaped is built here."""

from __future__ import annotations

from banmian.web.export import article_markdown, article_text
from banmian.web.render import (
    calendar_months,
    display_title,
    entity_linker,
    entity_names,
    link_byline,
    month_chart,
    safe_snippet,
)
from banmian.web.views import SearchParams


def test_snippet_keeps_mark_and_escapes_the_rest() -> None:
    assert safe_snippet("a <mark>曹</mark> b") == "a <mark>曹</mark> b"
    assert safe_snippet("<mark><script></mark>") == "<mark>&lt;script&gt;</mark>"
    # Already escaped text is not escaped twice.
    assert safe_snippet("&lt;b&gt; <mark>x</mark>") == "&lt;b&gt; <mark>x</mark>"
    assert safe_snippet('<img src=x onerror="alert(1)">') == (
        "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"
    )


def test_entities_become_links_and_text_stays_escaped() -> None:
    entities = [
        {"type": "person", "text": "周明远", "name": "周明远"},
        {"type": "organization", "text": "青岚电机集团"},
        {"type": "place", "text": "青岚"},
        {"type": "figure", "text": "128亿元", "value": 1.28e10},
    ]
    html = entity_linker(entities)("周明远到青岚电机集团<调研>,青岚128亿元")
    assert html == (
        '<a class="ent ent-person" href="/entities/person/%E5%91%A8%E6%98%8E%E8%BF%9C" '
        'title="人物">周明远</a>到'
        '<a class="ent ent-organization" href="/entities/organization/'
        '%E9%9D%92%E5%B2%9A%E7%94%B5%E6%9C%BA%E9%9B%86%E5%9B%A2" title="机构">青岚电机集团</a>'
        '&lt;调研&gt;,<a class="ent ent-place" href="/entities/place/%E9%9D%92%E5%B2%9A" '
        'title="地点">青岚</a>128亿元'
    )
    assert entity_linker([])("<b>") == "&lt;b&gt;"


def test_a_bare_mention_links_to_the_full_name() -> None:
    entities = [{"type": "person", "text": "唐师傅", "name": "唐师傅", "partial": True},
                {"type": "person", "text": "明远", "name": "周明远"}]
    assert 'href="/entities/person/%E5%91%A8%E6%98%8E%E8%BF%9C"' in entity_linker(entities)("明远说")
    assert entity_names(entities, "person") == ["唐师傅", "周明远"]


def test_month_chart_fills_months_without_mentions() -> None:
    assert month_chart({}) is None
    chart = month_chart({"2022-11": 2, "2023-02": 1})
    assert chart is not None
    bars = chart["bars"]
    assert [(b["month"], b["n"]) for b in bars] == [
        ("2022-11", 2), ("2022-12", 0), ("2023-01", 0), ("2023-02", 1)]
    assert [b["height"] for b in bars] == [100, 0, 0, 50]
    assert bars[0]["x"] < bars[1]["x"] < bars[2]["x"]
    assert chart["width"] >= bars[-1]["x"] + bars[-1]["width"]


def test_month_chart_labels_never_overlap() -> None:
    months = {f"{2000 + i // 12}-{i % 12 + 1:02d}": i for i in range(60)}
    chart = month_chart(months)
    assert chart is not None
    labelled = [b["x"] for b in chart["bars"] if b["label"]]
    assert labelled[0] == chart["bars"][0]["x"]
    assert min(b - a for a, b in zip(labelled, labelled[1:], strict=False)) >= 44


def test_byline_names_link_to_their_articles() -> None:
    byline = {"text": "本报记者 韩雪松 通讯员 罗佳怡<b>", "reporters": ["韩雪松"],
              "correspondents": ["罗佳怡"], "photographers": []}
    html = link_byline(byline, [])
    assert '<a class="byline-name" href="/search?reporter=%E9%9F%A9%E9%9B%AA%E6%9D%BE"' in html
    assert "/search?reporter=%E7%BD%97%E4%BD%B3%E6%80%A1" in html
    assert html.endswith("&lt;b&gt;")


def test_calendar_weeks_start_on_monday_and_mark_issue_days() -> None:
    issues = [{"paper": "青岚日报", "date": "2023-03-15", "pages": 2, "articles": 4},
              {"paper": "青岚日报", "date": "2023-01-02", "pages": 1, "articles": 1}]
    months = calendar_months(issues)
    assert [m["label"] for m in months] == ["2023年3月", "2023年1月"]
    march = months[0]["weeks"]
    assert march[0][:2] == [None, None] and march[0][2]["day"] == 1  # 2023-03-01 is a Wednesday
    days = [d for week in march for d in week if d and d["issues"]]
    assert [d["date"] for d in days] == ["2023-03-15"]
    assert calendar_months(issues, limit=1)[0]["month"] == "2023-03"


def test_titles_for_untitled_articles() -> None:
    assert display_title({"title": "题", "kind": "article"}) == "题"
    assert display_title({"title": "", "kind": "sidebar"}) == "相关链接"
    assert display_title({"title": "", "kind": "article"}) == "(无题)"


def test_search_params_query_string_drops_defaults() -> None:
    params = SearchParams(q="曹 慧", paper="株珠日报", offset=20)
    assert params.filters() == {"paper": "株珠日报"}
    assert params.query_string() == "q=%E6%9B%B9+%E6%85%A7&paper=%E6%A0%AA%E7%8F%A0%E6%97%A5%E6%8A%A5&offset=20"
    assert params.query_string(offset=0) == "q=%E6%9B%B9+%E6%85%A7&paper=%E6%A0%AA%E7%8F%A0%E6%97%A5%E6%8A%A5"


def test_article_exports() -> None:
    data = {
        "article": {"kicker": "引题", "title": "主题", "subtitles": ["副题"], "paper": "青岚日报",
                    "date": "2023-03-15", "pages": ["A1", "A2"], "byline": {"text": "记者 甲"},
                    "paragraphs": [{"text": "一段。", "role": "body"},
                                   {"text": "小标题", "role": "heading"}]},
        "sidebars": [{"title": "相关链接", "paragraphs": [{"text": "旁注。", "role": "body"}]}],
    }
    assert article_markdown(data) == (
        "*引题*\n\n# 主题\n\n## 副题\n\n> 青岚日报 2023-03-15 A1、A2版\n\n记者 甲\n\n一段。\n\n"
        "### 小标题\n\n---\n\n**相关链接**\n\n旁注。\n"
    )
    assert article_text(data).splitlines() == [
        "引题", "主题", "副题", "青岚日报 2023-03-15 A1、A2版", "记者 甲", "一段。", "小标题", "",
        "相关链接", "旁注。"]
