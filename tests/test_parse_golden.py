"""Golden files: the sample pages in examples/ (written by us in the seed's style).

Each page's full JSON is pinned in ``tests/data/golden/*.expected.json``.
After an intended change, regenerate with ``BANMIAN_UPDATE_GOLDEN=1 pytest
tests/test_parse_golden.py`` and review the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import banmian

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "golden"
SAMPLES = sorted((ROOT / "examples").rglob("*.txt"))


def _golden_name(sample: Path) -> str:
    return "_".join(sample.relative_to(ROOT / "examples").with_suffix("").parts) + ".expected.json"


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_sample_page_matches_golden(sample: Path) -> None:
    page = banmian.parse_page(sample.read_bytes(), name=sample.name)
    got = page.to_dict()
    golden = GOLDEN / _golden_name(sample)
    if os.environ.get("BANMIAN_UPDATE_GOLDEN") == "1":
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert got == expected


def test_there_are_at_least_three_sample_layouts() -> None:
    assert len(SAMPLES) >= 3


def test_front_page_sample_structure() -> None:
    sample = ROOT / "examples" / "江临日报" / "2023-03-15" / "A1.txt"
    page = banmian.parse_page(sample.read_bytes())
    assert [(a.kind, a.title) for a in page.articles] == [
        ("article", "我市一季度新增市场主体突破3.2万户"),
        ("article", "江临市与南江大学签署全面战略合作协议"),
        ("sidebar", "合作清单"),
        ("article", "护航“一老一小” 织密民生保障网"),
    ]
    sidebar = page.articles[2]
    assert sidebar.related_to == ("a2",) and sidebar.continued_to == "A2"
    assert [p.text for p in page.articles[3].paragraphs if p.role == "heading"] == [
        "社区食堂端上“暖心饭”", "托育机构解了“燃眉之急”"]
    first = page.articles[0]
    assert first.paragraphs[1].text.endswith("较去年同期增加3.9万户。")
    assert (page.paper, page.date, page.page) == ("江临日报", "2023-03-15", "A1")


def test_continuation_page_sample_structure() -> None:
    sample = ROOT / "examples" / "江临日报" / "2023-03-15" / "A2.txt"
    page = banmian.parse_page(sample.read_bytes())
    continued = page.articles[0]
    assert continued.continued_from == "A1" and continued.title == ""
    assert [a.title for a in page.articles[1:]] == ["国务院召开常务会议", "春耕时节农事忙"]
    assert len(page.articles[1].duplicates) == 1
    byline = page.articles[2].byline
    assert byline is not None and byline.reporters == ("吴海平",)
