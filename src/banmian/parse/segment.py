"""Does a run of short lines open a new article, or is it a heading inside the story?

Clear cases are rules: a stack of two or more headline lines, a byline right
after, a sidebar label, an ``上接`` marker or a photo caption open an article;
a numbered line is a section heading. Other runs of short lines (a lone
headline, or a title over a subtitle without a byline) are weighed by a small
logistic model over its form and its context (what ended just
before, how much the text after it shares with the story so far). The model's
weights are data (``data/segmenter.json``), trained by
``scripts/train_models.py`` on pages generated from the evaluation corpus.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from banmian.parse.linear import load_weights, score
from banmian.parse.patterns import CONTINUATION_RE, LEAD_OPENING_RE
from banmian.parse.repair import opens_with_byline

if TYPE_CHECKING:
    from banmian.parse.assemble import Draft
    from banmian.parse.repair import Unit

__all__ = [
    "FEATURE_NAMES",
    "NUMBERED_HEADING_RE",
    "Decider",
    "run_features",
    "starts_article",
]

# Sections inside a story or sidebar are numbered: 一、共建科技创新平台 / (二) / 1. / ①
NUMBERED_HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．]\D"
    r"|[①②③④⑤⑥⑦⑧⑨⑩]|第[一二三四五六七八九十]{1,3}[章节部分篇]|案例[一二三四五六七八九十\d]{1,3})"
)
# Title and ——subtitle printed on one line: “中国改革开放惠及非洲” ——访南非专家
SHARED_SUBTITLE_RE = re.compile(r"\S[ \u00a0\u3000]+——\S")
# A title carrying a column tag in brackets: 创新是春晚的生命力(创意空间)
COLUMN_TAG_RE = re.compile(r"[(（][^()（）]{2,60}[)）]$")
# Part numbers in brackets continue a story rather than open one: (上) (二) (3)
ORDINAL_TAG_RE = re.compile(r"[(（](?:[上中下]|[一二三四五六七八九十\d]{1,3}|续)[)）]$")
# A paragraph that closes an article: (新华社北京10月3日电), (完), (作者为…)
ARTICLE_END_RE = re.compile(r"(?:电[)）]|^[(（][^()（）]+[)）])$")
# A caption ending in its photographer's credit: …藏书超过20万册。 黄 磊摄
CAPTION_CREDIT_RE = re.compile(
    r"[。!！]\s*[\u4e00-\u9fff][\u4e00-\u9fff \u00a0]{1,5}摄(?:[(（][^()（）]{1,10}[)）])?$"
)
QUOTE_OPENERS = "“「『《"
# The model is fitted for accuracy; a missed article costs a page's scores more
# than a split one, so lean towards a new article (tuned on the training split).
NEW_ARTICLE_BIAS = 0.3
# Paragraphs a roundup's lead has before its first section (编者的话 and its text).
MIN_UMBRELLA_LEAD = 2
# A dash line this long is a subtitle; shorter ones sign a quotation (——习近平).
MIN_DASH_SUBTITLE = 8
# How much of the story so far the cohesion feature reads (characters).
COHESION_WINDOW = 600

SEGMENT_WEIGHTS_FILE = "segmenter.json"
FEATURE_NAMES = (
    "bias",
    "len_short",  # ≤ 6 characters
    "len_long",  # > 16 characters
    "has_space",
    "has_comma",
    "opens_with_quote",
    "column_tag",
    "prev_short",
    "prev_open",  # previous unit ends without terminal punctuation
    "prev_article_end",
    "next_lead_opening",
    "stack",  # two or more short lines in a row
    "body_log",  # log of paragraphs in the story so far
    "headings_so_far",
    "cohesion",  # shared character bigrams of the text after vs the story so far
    "cohesion_line",  # of the line itself vs the story so far
    "like_a_heading_so_far",  # as long as a heading the story already has (±2)
    "has_colon",  # 新疆:奔着问题去 (roundup sections)
    "story_log",  # log of the story's length in characters
    "next_long",  # the text after runs over 100 characters
    "dash_subtitle",  # a ——subtitle under the first line: ——记…, ——访…
)

# Decides from the features of a run of short lines (and its first line, for training).
Decider = Callable[[Sequence[float], "Unit"], bool]


def _bigrams(text: str) -> set[tuple[str, str]]:
    return set(zip(text, text[1:], strict=False))


def _overlap(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> float:
    return len(a & b) / len(a) if a else 0.0


def run_features(units: list[Unit], i: int, end: int, cur: Draft) -> list[float]:
    """Features of the short-line run ``units[i:end]`` that may open an article."""
    line = units[i].text
    prev = units[i - 1] if i > 0 else None
    nxt = units[end] if end < len(units) else None
    after = "".join(u.text for u in units[end:end + 2] if u.kind in ("para", "short"))
    story = cur.text()[-COHESION_WINDOW:]
    story_grams = _bigrams(story)
    headings = sum(1 for _, role in cur.body if role == "heading")
    return [
        1.0,
        float(len(line) <= 6),
        float(len(line) > 16),
        float(any(c in " \u00a0\u3000" for c in line)),
        float(any(c in ",，" for c in line)),
        float(line[0] in QUOTE_OPENERS),
        float(bool(COLUMN_TAG_RE.search(line))),
        float(prev is not None and prev.kind == "short"),
        float(prev is not None and not prev.lines[-1].terminal),
        float(prev is not None and (prev.kind == "credit" or bool(ARTICLE_END_RE.search(prev.text)))),
        float(nxt is not None and bool(LEAD_OPENING_RE.match(nxt.text))),
        float(end - i >= 2),
        math.log1p(len(cur.body)),
        float(min(headings, 3)),
        _overlap(_bigrams(after[:200]), story_grams),
        _overlap(_bigrams(line), story_grams),
        float(any(abs(len(u.text) - len(line)) <= 2 for u, role in cur.body if role == "heading")),
        float(any(c in ":：" for c in line)),
        math.log1p(sum(len(u.text) for u, _ in cur.body)) / 5,
        float(nxt is not None and len(nxt.text) > 100),
        float(any(u.text.startswith("——") and len(u.text) >= MIN_DASH_SUBTITLE
                  for u in units[i + 1:end])),
    ]


def model_decides(features: Sequence[float], unit: Unit | None = None) -> bool:
    weights = load_weights(SEGMENT_WEIGHTS_FILE, FEATURE_NAMES)
    return score(weights, features) + NEW_ARTICLE_BIAS > 0


def is_umbrella_section(cur: Draft, run: Sequence[Unit]) -> bool:
    """A sub-head over its own reporter line inside a story that has text but no
    byline of its own (a roundup: 编者的话, then one section per city).

    Not after a one-paragraph item (a photo and its caption), and not a ——记…
    profile, which opens an article of its own.
    """
    if cur.kind != "article" or any(u.text.startswith("——") for u in run):
        return False
    return cur.umbrella or (cur.byline is None and len(cur.body) >= MIN_UMBRELLA_LEAD)


def starts_article(units: list[Unit], start: int, end: int, cur: Draft,
                   decide: Decider | None = None) -> bool:
    run = units[start:end]
    hints = [u.first.hint for u in run]
    if hints and all(h is not None for h in hints):
        # Typography (a PDF's font sizes) has said where stacks start: trust it.
        return any(h is not None and h.article_start for h in hints)
    nxt = units[end] if end < len(units) else None
    if nxt is not None:
        if nxt.kind == "byline" and is_umbrella_section(cur, run):
            cur.umbrella = True
            return False
        if opens_with_byline(nxt) or nxt.kind == "label" or CAPTION_CREDIT_RE.search(nxt.text):
            return True
        if nxt.kind == "continuation":
            m = CONTINUATION_RE.match(nxt.text)
            if m and m["dir"] in ("上接", "接", "续"):
                return True
    if SHARED_SUBTITLE_RE.search(run[0].text):
        return True
    prev = units[start - 1] if start > 0 else None
    if prev is not None and prev.kind == "lead":
        return False  # 记者手记 over its own little title: a box inside the story
    if len(run) == 1 and NUMBERED_HEADING_RE.match(run[0].text):
        return False
    if len(run) == 1 and COLUMN_TAG_RE.search(run[0].text) and not ORDINAL_TAG_RE.search(run[0].text):
        return True
    if cur.kind == "sidebar":
        return len(run) >= 2
    return (decide or model_decides)(run_features(units, start, end, cur), run[0])
