"""Does a run of short lines open a new article, or is it a heading inside the story?

Clear cases are rules: a stack of two or more headline lines, a byline right
after, a sidebar label, an ``上接`` marker, a photo caption (on the title's line
or under it with a credit of its own), a photographer's credit just before or a
``核心阅读`` label just after open an article, and so do a column's label (来论,
新春走基层) and a short run after a layout credit (版式设计) or a few paragraphs
into a commentary (钟声, 人民论坛); a numbered line is a section heading, and so is
a line after a lead-in (…: or 上海中共一大会址——), a box's label or figure
(17万人次, even over a dateline), a list item or an editor's note, a photo
source, a section over its writer's name, the next section of a compilation of
signed pieces (…采访整理, or a title over a bare name after (作者为…)), the next
item of a column and a closing note broken over lines. Other runs of short
lines (a lone headline, or a title over a subtitle without a byline) are weighed
by a small model over their form and their context (what ended just before, how
much the text after it and the line itself share with the story so far and with
the topic words of the whole story and its headline, what the next paragraph
opens with, the line's first and last characters). The model is a small
ensemble of one-hidden-layer networks whose weights are data
(``data/segmenter.json``), trained by ``scripts/train_models.py`` on pages
generated from the training split of the corpus.
"""

from __future__ import annotations

import json
import math
import operator
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from banmian.errors import ModelError
from banmian.parse.patterns import (
    BRIEF_BOX_TITLE_RE,
    COLUMN_LABEL_RE,
    COMMENTARY_TAG_RE,
    CONTINUATION_RE,
    FURNITURE_RE,
    LEAD_OPENING_RE,
    STANDING_TITLE_RE,
)
from banmian.parse.repair import SUBTITLE_DASHES, opens_with_byline

if TYPE_CHECKING:
    from banmian.parse.assemble import Draft
    from banmian.parse.repair import Unit

__all__ = [
    "AUTHOR_LINE_RE",
    "BRACKET_DATE_RE",
    "FEATURE_NAMES",
    "NUMBERED_HEADING_RE",
    "ORDINAL_TAG_RE",
    "SHARED_SUBTITLE_RE",
    "brief_box",
    "Decider",
    "SegmenterNet",
    "load_segmenter",
    "run_features",
    "segmenter_from_dict",
    "starts_article",
]

# Sections inside a story or sidebar are numbered: 一、共建科技创新平台 / (二) / 1. / ①
NUMBERED_HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．]\D"
    r"|[①②③④⑤⑥⑦⑧⑨⑩]|第[一二三四五六七八九十]{1,3}[章节部分篇]|案例[一二三四五六七八九十\d]{1,3})"
)
# Title and ——subtitle printed on one line: “中国改革开放惠及非洲” ——访南非专家
SHARED_SUBTITLE_RE = re.compile(r"\S[ \u00a0\u3000]+——\S")
# A title carrying a column tag in brackets: 创新是春晚的生命力(创意空间), also a tag
# holding a series part: …(长三角见证高质量发展·江苏篇(上)) (13 titles in the training
# corpus against 3 short paragraphs).
COLUMN_TAG_RE = re.compile(r"[(（](?:[^()（）]|[(（][^()（）]{1,20}[)）]){2,60}[)）]$")
# A line naming writers: a transliterated name (阿米娜·安瓦尔), one after a country
# ((巴西)罗尼·林斯), one before a description (王雷(电视剧主演)), or short names
# spaced apart (田  泓  宋迈崎). Under a title it is the first paragraph: in the
# training corpus 154 paragraphs and no subtitle look like this (only first
# headline lines do, 29: 非遗年集·花市, 抓时节 抢采收).
_HAN = "\u4e00-\u9fff"
_FOREIGN_NAME = rf"[{_HAN}]{{1,8}}(?:[·—][{_HAN}]{{1,8}})+"
_CHINESE_NAME = rf"[{_HAN}]{{2,4}}|[{_HAN}][ \u00a0]{{1,3}}[{_HAN}]"
_SHORT_NAME = rf"(?:[{_HAN}]{{2,3}}|[{_HAN}][ \u00a0]{{1,3}}[{_HAN}])"
AUTHOR_LINE_RE = re.compile(
    rf"^(?:[(（][{_HAN}]{{2,8}}[)）](?:{_FOREIGN_NAME}|{_CHINESE_NAME})|{_FOREIGN_NAME}"
    rf"|(?:{_CHINESE_NAME})[(（][^()（）]{{2,30}}[)）]|{_SHORT_NAME}(?:[ \u00a0]+{_SHORT_NAME})+)$"
)
# A writer's bare name on a line of its own: 陈志文, 姜  昆 (too common a shape to decide
# alone; after a closing note such as (作者为…) it signs the next piece of a compilation).
PLAIN_NAME_RE = re.compile(rf"^(?:[{_HAN}]{{2,4}}|[{_HAN}][ \u00a0\u3000]{{1,3}}[{_HAN}]{{1,2}})$")
# Part numbers in brackets continue a story rather than open one: (上) (二) (3)
ORDINAL_TAG_RE = re.compile(r"[(（](?:[上中下]|[一二三四五六七八九十\d]{1,3}|续)[)）]$")
# A paragraph that closes an article: (新华社北京10月3日电), (完), (作者为…)
ARTICLE_END_RE = re.compile(r"(?:电[)）]|^[(（][^()（）]+[)）])$")
# A caption ending in its photographer's credit: …藏书超过20万册。 黄 磊摄
CAPTION_CREDIT_RE = re.compile(
    r"[。!！]\s*[\u4e00-\u9fff][\u4e00-\u9fff \u00a0]{1,5}摄(?:[(（][^()（）]{1,10}[)）])?$"
)
# A photo's source or a part of its caption standing on a line of its own over the
# caption: 影像中国, 人民视觉, 中车长客公司供图, 图为…, 本版照片除署名外均为资料图片.
PHOTO_SOURCE_RE = re.compile(r"^(?:图为|\S*(?:供图|照片|图片)$|(?:影像中国|人民视觉|视觉中国|新华社发|东方IC)$)")
# The line closing an editor's note (——编者) leads into the story it introduces:
# 40 of the 43 short runs after one on the training pages (seeds 7-9) were its headings.
EDITOR_NOTE_END_RE = re.compile(r"^——?\s*编\s*者")
# A commentary (its title tagged 钟声, 人民论坛…) has no section headings: a short run
# after this many of its paragraphs, with no heading yet, opens the next story.
MIN_COMMENTARY_BODY = 3
# A short question in a commentary (为啥…呢?) is the writer asking it, not the next story:
# on 900 training pages (seeds 7-9) all 3 such runs a few paragraphs into a commentary
# were its text.
QUESTION_ENDINGS = ("?", "？")
# The lead-in label of a feature's summary box sits right under the feature's headline.
CORE_READING_LABEL = "核心阅读"
QUOTE_OPENERS = "“「『《"
QUOTE_CLOSERS = "”」』"
BULLETS = "■●◆▲□"
LIST_ENDINGS = ";；…"
# No story ends on a lead-in or a list item: in the training pages, all 129 short
# runs after one (and all 6 after a …… line of its own) were headings of the story.
LEAD_IN_ENDINGS = ":：;；"
SPACES = " \u00a0\u3000"
# A bracketed date under a title opens a document: (2019年10月26日…会议通过),
# (二〇一九年十月二十日); a dateline closing a story, (新华社北京2月27日电), does not.
BRACKET_DATE_RE = re.compile(r"^[(（](?:\d{4}|[〇零一二三四五六七八九]{4})年[^()（）]{0,60}[)）]$")
# A closing note broken over lines, its bracket closed on the next: (新华社北京2月21日电 /
# 记者…), (作者为…: all 9 such runs on the training pages (seeds 7-9) ended the story.
UNCLOSED_NOTE_RE = re.compile(r"^[(（][^)）]*$")
# A news lead opening with its dateline: 本报北京10月18日电, 新华社…电
DATELINE_OPENING_RE = re.compile(r"^(?:本报|新华社|人民日报|中新社|据)[^,，。]{0,16}电")
REPORTER_RE = re.compile(r"记者|通讯员")
# How much of the next paragraph the reporter feature reads (a byline sits at its start).
REPORTER_WINDOW = 30
# The line's first and last characters, hashed into this many indicator features
# each: 图片报道, 链接, ——习近平 and 【人物】 behave alike across pages.
CHAR_BUCKETS = 16
# Heading shapes match when their lengths differ by at most this much.
SHAPE_TOLERANCE = 3
# The model is fitted for accuracy; a missed article costs a page's scores more
# than a split one, so lean towards a new article (tuned on the training split).
NEW_ARTICLE_BIAS = 0.3
# Paragraphs a roundup's lead has before its first section (编者的话 and its text).
MIN_UMBRELLA_LEAD = 2
# A dash line this long is a subtitle; shorter ones sign a quotation (——习近平).
MIN_DASH_SUBTITLE = 8
# A feature story's section heading shares at least this much of its bigrams
# with the story's headline (145 such lines in the training pages, 136 headings).
FEATURE_HEADING_OVERLAP = 0.25
# How much of the story so far the cohesion feature reads (characters).
COHESION_WINDOW = 600
# How much of the text after the run the topic feature compares with the whole story.
TOPIC_WINDOW = 300
# Characters that every story shares (function words, common morphemes): bigrams
# holding one say nothing about the topic, so the topic feature skips them.
COMMON_CHARS = frozenset("的一是在了和有不这中为人国我们他她与也对上个以到说地出要就而时年来着将等会大"
                         "发展日月新工作进行开")
# Runs of two or more letters and digits not in COMMON_CHARS (``[^\W_]`` is isalnum).
CONTENT_RUN_RE = re.compile(f"[^\\W_{''.join(sorted(COMMON_CHARS))}]{{2,}}")
# A date early in the next paragraph, as in a news lead (青禾县交通局3月2日发布通知):
# under 38 titles and 376 headings in the training pages, so the model weighs it.
EARLY_DATE_RE = re.compile(r"^[^。,，]{0,16}?(?:\d{1,2}月\d{1,2}日|\d{1,2}日|正月|农历|春节)")

SEGMENT_WEIGHTS_FILE = "segmenter.json"
_BASE_FEATURES = (
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
    "len_log",
    "ends_quote",
    "ends_exclamation",
    "has_middle_dot",  # 新中国的“第一”·70年, names of foreigners
    "has_digit",
    "prev_len_log",
    "after_heading",  # the story's last unit is a heading
    "since_heading_log",  # paragraphs since the story's last heading
    "same_shape_heading",  # an earlier heading of this length, spaced alike
    "next_quote",
    "line_vs_after",  # shared bigrams of the line and the text after
    "story_has_byline",
    "story_column_title",
    "page_left_log",  # units left on the page
    "prev_ends_quote",
    "starts_bullet",
    "run_len",
    "next_short",
    "heading_gap_like",  # as far from the last heading as headings are apart
    "next_dash_long",  # a ——subtitle follows the run
    "next_bracket_date",
    "prev_ends_dash",  # 广东省康复医学会会长窦祖林—— over its own heading
    "next_dateline",
    "next_reporter",
    "next_byline",
    "like_stack_line",  # shaped like a line under the story's title (roundup sections)
    "stack_lines",
    "standalone_bylines",  # the story's byline and the next one are lines of their own
    "story_dash_subtitle",  # ——…纪实, ——记…: a feature story, which has headings
    "cohesion_headline",  # shared bigrams of the line and the story's headline lines
    "story_list",  # the story has list items (…20天完成;) or an ellipsis line
    "prev_ellipsis",  # …… closing a list (78 headings, 12 titles)
    "prev_furniture",  # a layout credit (版式设计) between stories (49 titles, 3 headings)
    "topic_overlap",  # content bigrams of the text after shared with the whole story
    "topic_line",  # content bigrams of the line shared with the whole story
    "next_early_date",  # the next paragraph opens with a date, as news leads do
    "topic_headline",  # content bigrams of the text after shared with the story's headline
)
FEATURE_NAMES = (
    *_BASE_FEATURES,
    *(f"last_char_{k}" for k in range(CHAR_BUCKETS)),
    *(f"first_char_{k}" for k in range(CHAR_BUCKETS)),
)

# Decides from the features of a run of short lines (and its first line, for training).
Decider = Callable[[Sequence[float], "Unit"], bool]


def _bigrams(text: str) -> set[str]:
    # Two-character strings: building and hashing them is cheaper than pairs.
    return set(map(operator.add, text, text[1:]))


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a) if a else 0.0


def _same_shape(a: str, b: str) -> bool:
    spaced = any(c in SPACES for c in a) == any(c in SPACES for c in b)
    return spaced and abs(len(a) - len(b)) <= SHAPE_TOLERANCE


def _char_bucket(c: str) -> list[float]:
    out = [0.0] * CHAR_BUCKETS
    out[zlib.crc32(c.encode("utf-8")) % CHAR_BUCKETS] = 1.0
    return out


def _context_features(units: list[Unit], i: int, end: int, cur: Draft) -> list[float]:
    """What surrounds the run: the story so far, the unit before, the text after."""
    line = units[i].text
    prev = units[i - 1] if i > 0 else None
    nxt = units[end] if end < len(units) else None
    after = "".join(u.text for u in units[end:end + 2] if u.kind in ("para", "short"))
    headings = [k for k, (_, role) in enumerate(cur.body) if role == "heading"]
    since = len(cur.body) - 1 - headings[-1] if headings else len(cur.body)
    gaps = [b - a for a, b in zip(headings, headings[1:], strict=False)]
    next_text = nxt.text if nxt is not None else ""
    return [
        math.log1p(len(line)) / 3,
        float(line[-1] in QUOTE_CLOSERS),
        float(line[-1] in "!?！？"),
        float("·" in line),
        float(any(c.isdigit() for c in line)),
        math.log1p(len(prev.text)) / 5 if prev is not None else 0.0,
        float(bool(cur.body) and cur.body[-1][1] == "heading"),
        math.log1p(since) / 3,
        float(any(_same_shape(u.text, line) for u, role in cur.body if role == "heading")),
        float(next_text[:1] in QUOTE_OPENERS),
        _overlap(_bigrams(line), _bigrams(after[:300])),
        float(cur.byline is not None),
        float(any(COLUMN_TAG_RE.search(u.text) for u in cur.headlines)),
        math.log1p(len(units) - end) / 4,
        float(prev is not None and prev.text[-1:] in QUOTE_CLOSERS),
        float(line[0] in BULLETS),
        (end - i) / 2,
        float(nxt is not None and len(next_text) < 40),
        float(bool(gaps) and abs(since - sum(gaps) / len(gaps)) <= SHAPE_TOLERANCE),
        float(next_text.startswith("—") and len(next_text) >= MIN_DASH_SUBTITLE),
        float(bool(BRACKET_DATE_RE.match(next_text))),
        float(prev is not None and prev.text.endswith("——")),
        float(bool(DATELINE_OPENING_RE.match(next_text))),
        float(bool(REPORTER_RE.search(next_text[:REPORTER_WINDOW]))),
        float(nxt is not None and opens_with_byline(nxt)),
        float(any(_same_shape(u.text, line) for u in cur.headlines[1:])),
        min(len(cur.headlines), 4) / 2,
        float(nxt is not None and nxt.kind == "byline" and cur.byline is not None
              and cur.byline[0].kind == "byline"),
        float(any(u.text.startswith("—") for u in cur.headlines[1:])),
        _overlap(_bigrams(line), _bigrams("".join(u.text for u in cur.headlines))),
        float(any(u.text[-1] in LIST_ENDINGS for u, _ in cur.body)),
        float(prev is not None and prev.text[-1] == "…"),
        float(prev is not None and prev.kind == "furniture"),
        *_topic_features(line, after, cur),
        float(bool(EARLY_DATE_RE.match(next_text))),
    ]


def _content_bigrams(text: str) -> set[str]:
    """Bigrams of letters and digits (``isalnum``) of which neither is in COMMON_CHARS."""
    grams: set[str] = set()
    for run in CONTENT_RUN_RE.findall(text):
        grams.update(map(operator.add, run, run[1:]))
    return grams


def _story_bigrams(cur: Draft) -> set[str]:
    """The content bigrams of the story so far, gathered only over what was added
    since the last call (the same set as _content_bigrams(cur.text()))."""
    story = cur.text()
    seen, grams = cur.story_grams
    if not story.startswith(seen):
        seen, grams = "", set()
    # From the last character seen: the bigram across the old end counts too.
    grams |= _content_bigrams(story[max(len(seen) - 1, 0):])
    cur.story_grams = (story, grams)
    return grams


def _topic_features(line: str, after: str, cur: Draft) -> list[float]:
    """How much the run and the text after it share the whole story's topic words."""
    story = _story_bigrams(cur)
    after_grams = _content_bigrams(after[:TOPIC_WINDOW])
    headline = _content_bigrams("".join(u.text for u in cur.headlines))
    return [_overlap(after_grams, story),
            _overlap(_content_bigrams(line), story),
            _overlap(headline, after_grams)]


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
        *_context_features(units, i, end, cur),
        *_char_bucket(line[-1]),
        *_char_bucket(line[0]),
    ]


@dataclass(frozen=True, eq=False)
class SegmenterNet:
    """Networks of one tanh hidden layer whose scores are averaged (an ensemble
    varies less with the random start of training than one network)."""

    hidden: tuple[np.ndarray, ...]  # (features, units) each
    hidden_bias: tuple[np.ndarray, ...]
    output: tuple[np.ndarray, ...]
    output_bias: tuple[float, ...]

    def score(self, features: Sequence[float]) -> float:
        x = np.asarray(features, dtype=float)
        total = 0.0
        for w1, b1, w2, b2 in zip(self.hidden, self.hidden_bias, self.output, self.output_bias,
                                  strict=True):
            total += float(np.tanh(x @ w1 + b1) @ w2) + b2
        return total / len(self.hidden)


@cache
def load_segmenter() -> SegmenterNet:
    with resources.files("banmian.data").joinpath(SEGMENT_WEIGHTS_FILE).open(encoding="utf-8") as f:
        return segmenter_from_dict(json.load(f))


def segmenter_from_dict(data: dict[str, Any]) -> SegmenterNet:
    """The networks of a ``segmenter.json``; its features must be this module's."""
    if tuple(data.get("features", ())) != FEATURE_NAMES or not data.get("members"):
        raise ModelError("trained on other features; rerun scripts/train_models.py",
                         path=SEGMENT_WEIGHTS_FILE)
    members = data["members"]
    return SegmenterNet(
        hidden=tuple(np.array(m["hidden"], dtype=float) for m in members),
        hidden_bias=tuple(np.array(m["hidden_bias"], dtype=float) for m in members),
        output=tuple(np.array(m["output"], dtype=float) for m in members),
        output_bias=tuple(float(m["output_bias"]) for m in members),
    )


def _echoes_feature_headline(line: str, cur: Draft) -> bool:
    """A line repeating the words of a feature story's headline (one with a
    ——subtitle: ——…纪实) heads a section of that story."""
    if not any(u.text.startswith("—") for u in cur.headlines[1:]):
        return False
    headline = _bigrams("".join(u.text for u in cur.headlines))
    return _overlap(_bigrams(line), headline) >= FEATURE_HEADING_OVERLAP


def brief_box(stack: Sequence[Unit]) -> bool:
    """Does this headline stack open a box of short items (速览, 资讯速递)?"""
    return bool(stack) and bool(BRIEF_BOX_TITLE_RE.match("".join(stack[0].text.split())))


def _signed_sections(cur: Draft, prev: Unit | None) -> bool:
    """Does ``prev`` close a signed piece (…采访整理), in a story that went on under a
    heading after such a line before (a compilation of interviews or essays)?"""
    if prev is None or not ARTICLE_END_RE.search(prev.text):
        return False
    return any(role == "heading" and ARTICLE_END_RE.search(cur.body[k - 1][0].text)
               for k, (_, role) in enumerate(cur.body) if k > 0)


def _titles_picture(units: list[Unit], end: int) -> bool:
    """Does the run ending at ``end`` stand over one paragraph and a photographer's
    credit on a line of its own (a picture item: its title, caption and 张三摄)?"""
    if end + 1 >= len(units):
        return False
    caption, credit = units[end], units[end + 1]
    return (caption.kind == "para" and credit.kind == "credit" and credit.byline is not None
            and bool(credit.byline.photographers))


def _after_commentary(cur: Draft) -> bool:
    """Is ``cur`` a commentary that has run on for a few paragraphs without a heading?"""
    return (len(cur.body) >= MIN_COMMENTARY_BODY
            and not any(role == "heading" for _, role in cur.body)
            and any(COMMENTARY_TAG_RE.search(u.text) for u in cur.headlines))


def model_decides(features: Sequence[float], unit: Unit | None = None) -> bool:
    return load_segmenter().score(features) + NEW_ARTICLE_BIAS > 0


def is_umbrella_section(cur: Draft, run: Sequence[Unit]) -> bool:
    """A sub-head over its own reporter line inside a story that has text but no
    byline of its own (a roundup: 编者的话, then one section per city).

    Not after a one-paragraph item (a photo and its caption), and not a ——记…
    profile, which opens an article of its own.
    """
    if cur.kind != "article" or any(u.text.startswith("——") for u in run):
        return False
    return cur.umbrella or (cur.byline is None and len(cur.body) >= MIN_UMBRELLA_LEAD)


def _surroundings_rule(units: list[Unit], start: int, end: int, cur: Draft) -> bool | None:
    """What stands around the run settles it, or ``None`` (counts: short runs that
    reach this point on the training pages of ``scripts/train_models.py``, seeds 7-9)."""
    run = units[start:end]
    prev = units[start - 1] if start > 0 else None
    nxt = units[end] if end < len(units) else None
    if PHOTO_SOURCE_RE.match(run[0].text):
        return False  # none of the 37 such runs opened an article
    if prev is not None and prev.kind == "short" and PHOTO_SOURCE_RE.match(prev.text):
        return True  # under a photo's source closing its picture item (影像中国): 8 of 8
    if prev is not None and EDITOR_NOTE_END_RE.match(prev.text):
        return False  # 40 of the 43 runs after ——编者 were headings of the story it introduces
    if _signed_sections(cur, prev):
        return False  # 75 of 80 such runs were headings
    if len(run) >= 2 and run[-1].first.hint is None and AUTHOR_LINE_RE.match(run[-1].text.strip()):
        return False  # a section over its writer's name: 70 of 72 such runs
    if len(run) >= 2 and cur.headlines and COLUMN_LABEL_RE.match(cur.headlines[0].text):
        return False  # the next item of a column (来论: its title, its writer): 37 of 37
    if (len(run) >= 2 and prev is not None and ARTICLE_END_RE.search(prev.text)
            and run[-1].first.hint is None and PLAIN_NAME_RE.match(run[-1].text.strip())):
        return False  # after (作者为…), a title over its writer's name: 7 of 8 such runs
    if nxt is not None and nxt.kind == "credit" and REPORTER_RE.search(run[0].text):
        return False  # a photo credit cut in two (新华社记者 张 / 国俊摄): 3 of 3
    if (prev is not None and prev.kind == "credit" and prev.byline is not None
            and prev.byline.photographers and not run[0].text.startswith((":", "："))):
        return True  # after a photographer's credit (…摄): 79 of 79 opened an article
    if prev is not None and prev.kind == "furniture" and FURNITURE_RE.match(prev.text):
        return True  # after a layout credit (版式设计:…) closing a story: 48 of 48
    if nxt is not None and nxt.kind == "lead" and CORE_READING_LABEL in nxt.text:
        return True  # over 核心阅读: 17 of 17
    if _titles_picture(units, end):
        return True  # over a caption and its 张三摄: 121 of 121 (photo sources aside)
    if _after_commentary(cur) and not run[0].text.rstrip().endswith(QUESTION_ENDINGS):
        return True  # 82 of 87 opened an article (the rest: lines broken off a paragraph)
    return None


def starts_article(units: list[Unit], start: int, end: int, cur: Draft,
                   decide: Decider | None = None) -> bool:
    run = units[start:end]
    hints = [u.first.hint for u in run]
    if hints and all(h is not None for h in hints):
        # Typography (a PDF's font sizes) has said where stacks start: trust it.
        return any(h is not None and h.article_start for h in hints)
    if run[0].text.startswith(SUBTITLE_DASHES):
        # A dash line signs or subtitles what stands above it (——习近平 over a
        # reporter line): 217 of 219 such runs in the training pages went on the story.
        return False
    if UNCLOSED_NOTE_RE.match(run[0].text):
        return False
    if COLUMN_LABEL_RE.match(run[0].text.strip()):
        # A column's label (新春走基层, 来论) over an item's title: all 53 such runs on
        # the training pages opened an article, 19 of them over a reporter line.
        return True
    prev = units[start - 1] if start > 0 else None
    if prev is not None and prev.kind in ("para", "short") and prev.text.endswith("——"):
        # A line leading into its section (上海中共一大会址——), even over a reporter
        # line: all 390 short runs after one on the training pages were headings.
        return False
    if prev is not None and prev.kind == "lead":
        # 记者手记 over its own little title, a data box's figure (17万人次) over its
        # caption, even over a dateline: a box inside the story (154 of 154).
        return False
    nxt = units[end] if end < len(units) else None
    if nxt is not None:
        if nxt.kind == "byline" and is_umbrella_section(cur, run):
            cur.umbrella = True
            return False
        # A sub-head over a reporter line of its own, in a story signed by such a
        # line already, may open a roundup's next section: the model weighs that.
        section = (len(run) == 1 and nxt.kind == "byline" and cur.byline is not None
                   and cur.byline[0].kind == "byline")
        if opens_with_byline(nxt) and not section:
            # Inside a box of short items (速览) each item has its own dateline.
            return not brief_box(cur.headlines[:1])
        if nxt.kind == "label" or CAPTION_CREDIT_RE.search(nxt.text):
            return True
        if nxt.kind == "continuation":
            m = CONTINUATION_RE.match(nxt.text)
            if m and m["dir"] in ("上接", "接", "续"):
                return True
            if m and m["dir"] in ("下转", "转") and len(run) == 1:
                # A lone line right above 下转… is the start of the paragraph broken
                # by the jump (何立, 数, 《): 3 read as titles on 900 training
                # pages at seeds 2019, 11 and 5, no article there opening at a jump.
                return False
        if nxt.kind == "lead" and len(run) == 2 and COLUMN_TAG_RE.search(run[0].text):
            return True  # a tagged title and its summary over 核心阅读 (8 of 8, training corpus)
    if SHARED_SUBTITLE_RE.search(run[0].text):
        return True
    if any(BRACKET_DATE_RE.match(u.text) for u in run[1:]) or (
            len(parts := run[0].text.split()) > 1 and BRACKET_DATE_RE.match(parts[-1])):
        return True  # a document or a speech dated under its title or on its line (2 of 2
        # speeches dated on the title's line opened an article, training pages seeds 7-9)
    if STANDING_TITLE_RE.match("".join(run[0].text.split())):
        return True  # 图片报道 over a photo and its caption
    if len(run) == 1 and NUMBERED_HEADING_RE.match(run[0].text):
        return False
    if (COLUMN_TAG_RE.search(run[0].text) and not ORDINAL_TAG_RE.search(run[0].text)
            and all(u.kind == "para" for u in run[1:])):
        return True  # a tagged title, alone or over a letter's salutation
    if cur.kind == "sidebar":
        return len(run) >= 2
    if prev is not None and prev.kind in ("para", "short") and (
            prev.text[-1] in LEAD_IN_ENDINGS or not prev.text.strip("….")):
        return False  # the story goes on after a lead-in, a list item or a …… line
    if len(run) == 1 and _echoes_feature_headline(run[0].text, cur):
        return False
    ruled = _surroundings_rule(units, start, end, cur)
    if ruled is not None:
        return ruled
    return (decide or model_decides)(run_features(units, start, end, cur), run[0])
