"""Stage 4: group units into articles and sidebars.

Decides where each article starts (a headline stack), which short lines are
headings inside a story, where the byline is, which blocks were printed
twice, what a sidebar belongs to and where articles jump to other pages.
The result is a list of :class:`Draft` in page order, plus page-level units
(furniture) that belong to no article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from banmian.parse.byline import BylineMatch
from banmian.parse.patterns import COLUMN_LABEL_RE, CONTINUATION_RE, INFO_LINE_RE
from banmian.parse.repair import BULLETS, SUBTITLE_DASHES, Unit, opens_with_byline
from banmian.parse.segment import (
    AUTHOR_LINE_RE,
    BRACKET_DATE_RE,
    COLUMN_TAG_RE,
    NUMBERED_HEADING_RE,
    ORDINAL_TAG_RE,
    PHOTO_SOURCE_RE,
    SHARED_SUBTITLE_RE,
    Decider,
    brief_box,
    starts_article,
)

__all__ = ["Draft", "assemble", "page_label"]

# Shorter repeated paragraphs (a stock phrase like "市领导参加。") are not duplicates.
DUP_MIN_CHARS = 12
# A block printed twice follows its original closely; the same sentence further
# away is the writer repeating it, not the press.
DUP_WINDOW = 8
# Shortest shared tail that marks a reprinted block cut apart differently.
DUP_MIN_SHARED_TAIL = 40
# A paragraph whose ending repeats this share of itself from a recent one was reprinted.
DUP_SHARED_SHARE = 0.7
# Longest line taken as part of a headline stack (summary titles run long).
MAX_STACK_LINE_CHARS = 160
# Layout roles that put a line into a headline stack.
HEADLINE_ROLES = ("kicker", "title", "subtitle")
# Most lines a headline stack has: kicker, title, two subtitles and a summary.
MAX_STACK_LINES = 5
# Most lines one article's headline holds once stacks under it are merged: no
# corpus article has more than three (kicker, title, subtitle); a longer run of
# short lines under a title is a list (a programme, names of winners) that opens
# the text (paragraphs recovered: training split 0.9788 → 0.9795, eval 0.9640 → 0.9710).
MAX_HEADLINE_LINES = 3
# A news release titled …(权威发布) carries one summary line under it as a headline line,
# unlike a commentary column: in the training corpus 5 of the 19 such titles have a
# summary headline line right under them, and 1 a summary line opening the text (under
# a second headline line, which this rule leaves to the text: one line only).
RELEASE_TAGS = frozenset({"权威发布"})
# Lines that close a story: 栏目投稿邮箱:…@…, a reader's signature (山东菏泽市 田忠华).
STORY_CLOSER_RE = re.compile(r"@|[\u4e00-\u9fff][:：]\S|[市县区省州旗]\s+[\u4e00-\u9fff]{1,4}(?:\s[\u4e00-\u9fff]{1,3})?$")
# A line holding an e-mail address (栏目投稿邮箱:…@163.com) closes the story above it:
# in the training corpus 11 paragraphs hold one and no headline line does.
MAILBOX_RE = re.compile(r"[\w.-]+@[\w-]+\.[A-Za-z]{2,}")
# A writer line naming the writer's post (…新闻学院教授  宋建武) opens the text under a
# title: 15 paragraphs in the training corpus read so, no headline line does.
POSTED_AUTHOR_RE = re.compile(
    r"^[^,，。;；:：!！?？]{2,30}(?:教授|研究员|院长|主任|所长|会长|书记|局长|厅长|部长|主席|校长"
    r"|总经理|董事长|处长|专家|作家|学者|院士)[ \u00a0\u3000]+[\u4e00-\u9fff]{2,4}$")
# A bare section numeral (一) or the kind of letter printed (贺信, 回信) under a title
# opens the text: in the training corpus 2 + 3 first paragraphs are such lines (10 more
# numerals head later sections) and no headline line is one.
TEXT_OPENER_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|贺信|贺电|回信|唁电)$")
# The order printed under the title of a regulation (中华人民共和国国务院令 / 第722号) opens
# its text: both such lines in the training corpus are first paragraphs, no headline line
# under a title is one (an order's own title, 中华人民共和国主席令, heads its stack).
ORDER_HEADER_RE = re.compile(r"^[\u4e00-\u9fff]{2,16}令$")
# A short line opening with a label and a colon (提案人:…, 本期主题:…, 准备材料:…) under a
# title opens the text: in the training corpus 15 first paragraphs shorter than
# MAX_LABELLED_CHARS are such lines and no headline line under a title is one (the one
# labelled headline line, 习近平:…, runs longer).
LABELLED_LINE_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}[:：]\S")
MAX_LABELLED_CHARS = 60
# The salutation opening a speech or a letter printed under its dated title
# (同志们,朋友们: / 尊敬的各位…,): in the training corpus all 5 such lines under a
# bracketed date are headline lines (subtitles), none a first paragraph.
SALUTATION_RE = re.compile(r"^[^。!?！？;；]{2,30}[:：,，]$")
# A letter's salutation (亲爱的祖国母亲:) right under its column-tagged title
# (…(寄给祖国的家书)) is a headline line: both such lines in the training corpus are
# subtitles, and no first paragraph is one (9 more open letters further down a text).
LETTER_SALUTATION_RE = re.compile(r"^(?:亲爱的|敬爱的|尊敬的|我[^:：,，]{0,6}的)[^。!?！？;；:：]{1,24}[:：]$")
# A continued part that starts mid-paragraph opens with the end of the broken
# paragraph: a line of at most 3 characters (异成绩, 利, 彻实施, a lone ）) right
# under 上接… is that end, not a title (5 such fragments on 600 training pages at
# seeds 2019 and 11; 49 of the 2761 training articles have a headline that short,
# so about one continued part in those pages with its headline shown). A short
# line with a subtitle under it is a title all the same, unless it closes a
# bracket it never opened (…中国）: no title does).
MAX_FRAGMENT_CHARS = 3
FRAGMENT_CLOSERS = ")）\"”’」』"
# A line opening with a mark that never opens a sentence (,正在不断刷新!) is the end of
# a broken paragraph under 上接… whatever its length: no headline line in the training
# corpus opens with one.
FRAGMENT_OPENERS = ",，、;；:：。!！?？"
CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
# Where an article must open the joiner may read a headline line and the paragraph under
# it as one paragraph (礼赞70年 + 上,生产…). An unended first line there is a headline line:
# on 900 training pages (seeds 2019, 11, 5) all 843 unended first lines of a page and all
# 134 under 下转… are. Under 上接… the part may open mid-paragraph: there (past at most
# MAX_STACK_LINES short stack lines) a glued first line longer than a fragment and without
# any sentence punctuation is a headline line 19 times in 20; the 22 with some are text.
SENTENCE_PUNCT_RE = re.compile(r"[,，。;；!！?？、]")


def _chinese_number(s: str) -> int | None:
    s = s.replace("〇", "零")
    if not s or any(c not in CHINESE_DIGITS and c not in "十百" for c in s):
        return None
    if "百" in s:
        hundreds, _, rest = s.partition("百")
        value = CHINESE_DIGITS.get(hundreds, 1) * 100
        rest = rest.lstrip("零")
        return value + (_chinese_number(rest) or 0) if rest else value
    if "十" in s:
        tens, _, ones = s.partition("十")
        return CHINESE_DIGITS.get(tens, 1) * 10 + (CHINESE_DIGITS[ones] if ones else 0)
    value = 0
    for c in s:
        value = value * 10 + CHINESE_DIGITS[c]
    return value


def page_label(raw: str) -> str:
    """``A2版`` → ``A2``; ``第四版`` → ``4``; ``第 02 版`` → ``2``."""
    label = re.sub(r"[\s第版]", "", raw)
    m = re.fullmatch(r"([A-Za-z]?)0*(\d+)", label)
    if m:
        return m.group(1).upper() + m.group(2)
    number = _chinese_number(label)
    return str(number) if number is not None else label


@dataclass
class Draft:
    """An article being assembled (mutable while the assembly stage runs)."""

    kind: str = "article"
    headlines: list[Unit] = field(default_factory=list)
    byline: tuple[Unit, BylineMatch] | None = None
    body: list[tuple[Unit, str]] = field(default_factory=list)  # (unit, "body"|"heading")
    duplicates: list[Unit] = field(default_factory=list)
    labels: list[Unit] = field(default_factory=list)
    jumps: list[tuple[Unit, str, str]] = field(default_factory=list)  # (unit, "to"|"from", label)
    related_to: int | None = None
    closed: bool = False
    umbrella: bool = False  # a roundup whose sections carry their own reporters
    # The story text whose content bigrams were last gathered, and those bigrams:
    # the segmenter asks for them once per run of short lines, and the story only grows.
    story_grams: tuple[str, set[str]] = field(
        default_factory=lambda: ("", set()), repr=False, compare=False)

    @property
    def has_body(self) -> bool:
        return bool(self.body)

    def text(self) -> str:
        return "".join(u.text for u in self.headlines) + "".join(u.text for u, _ in self.body)


def _dup_key(unit: Unit) -> str:
    return re.sub(r"\s+", "", unit.text)


def _shared_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _reprinted(key: str, recent: dict[int, str]) -> int | None:
    """Which recent paragraph ends with most of ``key`` (a block printed twice, cut apart)?"""
    need = max(DUP_MIN_SHARED_TAIL, DUP_SHARED_SHARE * len(key))
    tail = key[-DUP_MIN_SHARED_TAIL:]
    for j, other in recent.items():
        if other.endswith(tail) and _shared_suffix(key, other) >= need:
            return j
    return None


def _back_to_back(dup: list[bool], source: list[int], minor: list[bool],
                  keys: list[str]) -> list[bool]:
    """Keep a run of copies only where it follows its original run at once.

    A block printed twice repeats right after itself: between the last original
    a run repeats and its first copy there is nothing but ``minor`` units (a photo
    credit, a short line printed twice too). The same sentence with other text in
    between is the writer quoting it again (training split: duplicate-block
    precision 0.927 → 0.994 with no copy missed).
    """
    kept = list(dup)
    i = 0
    while i < len(dup):
        if not dup[i]:
            i += 1
            continue
        end = i
        while end < len(dup) and (dup[end] or minor[end]):
            end += 1
        last = max(source[k] for k in range(i, end) if dup[k])
        if last < 0 or not all(minor[k] for k in range(last + 1, i)):
            kept[i:end] = [False] * (end - i)
        else:
            # Short lines and credits inside the copy were printed twice with it.
            first = min(source[k] for k in range(i, end) if dup[k] and source[k] >= 0)
            original = {keys[k] for k in range(first, i)} - {""}
            for k in range(i, end):
                kept[k] = kept[k] or keys[k] in original
        i = end
    return kept


def mark_duplicates(units: list[Unit]) -> list[bool]:
    """True for each unit that repeats an earlier one (a block printed twice)."""
    seen: dict[str, int] = {}
    dup = [False] * len(units)
    source = [-1] * len(units)  # the unit each copy repeats
    keys = [_dup_key(u) if u.kind in ("para", "short", "credit") else "" for u in units]
    for i, unit in enumerate(units):
        key = keys[i]
        if unit.kind == "credit" and i > 0 and key == keys[i - 1]:
            dup[i], source[i] = True, i - 1  # 本版图片来源:… printed twice at once
        if unit.kind not in ("para", "short"):
            continue
        if len(key) < DUP_MIN_CHARS and unit.kind == "para":
            continue
        recent = {j: keys[j] for j in range(max(0, i - DUP_WINDOW), i) if units[j].kind == "para"}
        if unit.kind == "para" and key not in seen and (k := _reprinted(key, recent)) is not None:
            dup[i], source[i] = True, k
            continue
        j = seen.get(key)
        if j is not None and i - j <= DUP_WINDOW:
            # A short line counts when it repeats at once (■小贴士 / ■小贴士) or
            # sits in a run of copies.
            dup[i] = unit.kind == "para" or j == i - 1 or (i > 0 and dup[i - 1]) or (
                i + 1 < len(units) and keys[i + 1] in seen
            )
            source[i] = j
        if not dup[i]:
            seen.setdefault(key, i)
    minor = [u.kind == "credit" or (u.kind in ("para", "short") and len(keys[k]) < DUP_MIN_CHARS)
             for k, u in enumerate(units)]
    return _back_to_back(dup, source, minor, keys)


def _stack_candidate(units: list[Unit], j: int, dup: list[bool]) -> bool:
    """Could ``units[j]`` be a line of a headline stack?

    Short open lines can; so can a longer one-line unit without terminal
    punctuation.
    """
    unit = units[j]
    if dup[j] or unit.byline is not None or unit.kind not in ("short", "para"):
        return False
    if INFO_LINE_RE.match(unit.text):
        return False
    hint = unit.first.hint
    if hint is not None:
        return hint.role in HEADLINE_ROLES
    if unit.kind == "short":
        return True
    if len(unit.lines) != 1 or len(unit.text) > MAX_STACK_LINE_CHARS:
        return False
    # A line ending a sentence right above the byline is, in the corpus, a
    # summary paragraph (77 times) far more often than a headline line (2).
    return not unit.first.terminal and "。" not in unit.text


def _release_title(text: str) -> bool:
    m = COLUMN_TAG_RE.search(text)
    return m is not None and m[0][1:-1] in RELEASE_TAGS


def _after_column_title(units: list[Unit], i: int, j: int) -> bool:
    """Under a title tagged with its column (…(人民时评)) only a ——subtitle is a headline
    line; a summary line there opens the text (169 times against 18 in the corpus),
    unless a lead-in label (核心阅读) follows it: then it is the subtitle (8 times
    against none in the training corpus)."""
    if j == i + 1 and _release_title(units[i].text):
        return False
    return (any(COLUMN_TAG_RE.search(u.text) for u in units[i:j])
            and not units[j].text.startswith("——") and units[j].first.hint is None
            and not _over_lead_label(units, j))


def _over_lead_label(units: list[Unit], j: int) -> bool:
    return j + 1 < len(units) and units[j + 1].kind == "lead"


def _under_column_title(cur: Draft, unit: Unit) -> bool:
    if len(cur.headlines) == 1 and _release_title(cur.headlines[0].text):
        return False
    return (any(COLUMN_TAG_RE.search(u.text) for u in cur.headlines)
            and not unit.text.startswith("——") and unit.first.hint is None)


def _author_line(unit: Unit) -> bool:
    text = unit.text.strip()
    return unit.first.hint is None and bool(AUTHOR_LINE_RE.match(text) or POSTED_AUTHOR_RE.match(text))


def _headline_run(units: list[Unit], i: int, dup: list[bool]) -> int:
    """End of the headline stack starting at ``i`` (``i`` itself when there is none).

    Longer lines join the stack only when the stack ends on a byline; otherwise
    the stack is the leading run of short lines.
    """
    j = i
    while j < len(units) and j - i < MAX_STACK_LINES and _stack_candidate(units, j, dup):
        if j > i and _after_column_title(units, i, j):
            break
        j += 1
    if j > i and j < len(units) and opens_with_byline(units[j]):
        return j
    if j - i == 2 and _over_lead_label(units, j - 1) and COLUMN_TAG_RE.search(units[i].text):
        return j  # a tagged title and its summary line over 核心阅读
    j = i
    while j < len(units) and _short_stack_line(units, i, j, dup):
        if j > i and _after_column_title(units, i, j):
            break
        j += 1
        if j - 1 > i and units[j - 1].kind == "para":
            # The date under a document's title closes its stack, with the salutation
            # of a speech or letter under it.
            return j + int(_salutation(units, j, dup))
    if (j == i + 1 and COLUMN_TAG_RE.search(units[i].text) and _salutation(units, j, dup)
            and LETTER_SALUTATION_RE.match(units[j].text.strip())):
        return j + 1  # a letter's salutation under its tagged title
    if j > i and _dated_line(units[j - 1].text, alone=j - 1 == i):
        # A speech's date closes its stack also printed as a short line or on the title's
        # line (…上的讲话 (2019年10月1日)): the salutation under it is a headline line (see
        # SALUTATION_RE; on 900 training pages, seeds 7-9, 2 such stacks, both speeches).
        return j + int(_salutation(units, j, dup))
    return j


def _dated_line(text: str, *, alone: bool) -> bool:
    """Does ``text`` end with a bracketed date, after a space when it stands ``alone``?"""
    parts = text.split()
    return bool(parts) and bool(BRACKET_DATE_RE.match(parts[-1])) and (len(parts) > 1 or not alone)


def _salutation(units: list[Unit], j: int, dup: list[bool]) -> bool:
    if j >= len(units):
        return False
    unit = units[j]
    return (unit.kind in ("short", "para") and len(unit.lines) == 1 and not dup[j]
            and unit.byline is None and unit.first.hint is None
            and bool(SALUTATION_RE.match(unit.text.strip())))


def _short_stack_line(units: list[Unit], i: int, j: int, dup: list[bool]) -> bool:
    """A line of a stack without a byline under it: a short line; a long first line
    holding title and ——subtitle, or over a bracketed date; that date under the
    title of a document or speech: (2019年10月26日…会议通过)."""
    unit = units[j]
    if unit.kind != "short" and (unit.kind != "para" or len(unit.lines) != 1):
        return False
    if j > i and unit.kind == "para":
        dated = bool(BRACKET_DATE_RE.match(unit.text))
        return dated and not dup[j] and unit.byline is None and unit.first.hint is None
    if not _stack_candidate(units, j, dup):
        return False
    if unit.kind == "short":
        return True
    dated = j + 1 < len(units) and bool(BRACKET_DATE_RE.match(units[j + 1].text))
    return dated or bool(SHARED_SUBTITLE_RE.search(unit.text))


def _tagged_title_at(run: list[Unit]) -> int:
    """Where a title tagged with its column (…(今日谈)) sits right under a line that
    closes a story (a mailbox line, a reader's signature), or any line under a
    mailbox line or a photo's source (影像中国, 人民视觉: on 900 training pages, seeds
    2019, 11 and 5, all 7 such lines over a short line close the picture item above
    and the line under them opens another article); 0 when there is none."""
    if len(run) > 1 and (MAILBOX_RE.search(run[0].text) or PHOTO_SOURCE_RE.match(run[0].text)):
        return 1
    for k, unit in enumerate(run[1:], 1):
        if (COLUMN_TAG_RE.search(unit.text) and not ORDINAL_TAG_RE.search(unit.text)
                and STORY_CLOSER_RE.search(run[k - 1].text)):
            return k
    return 0


def _opens_text(unit: Unit) -> bool:
    """A writer line, a line opening with a lone bullet (■…), a bare section numeral
    (一), the kind of letter that follows (贺信), an order (…国务院令) or a short
    labelled line (提案人:…) opens the text under a title."""
    text = "".join(unit.text.split())
    labelled = len(text) < MAX_LABELLED_CHARS and LABELLED_LINE_RE.match(text)
    return (_author_line(unit) or _bulleted_summary(unit)
            or bool(TEXT_OPENER_RE.match(text) or ORDER_HEADER_RE.match(text) or labelled))


def _bulleted_summary(unit: Unit) -> bool:
    text = unit.text.strip()
    return text.startswith(BULLETS) and sum(text.count(b) for b in BULLETS) == 1


def _add_headlines(cur: Draft, run: list[Unit]) -> None:
    """Stack ``run`` under the draft's headline; lines past the longest headline open its text.

    So does a line that :func:`_opens_text` (a writer line, a bare numeral, 贺信, a
    line opening with a lone bullet (■…): in the training corpus 55 first paragraphs
    open with one bullet, none holds a second; the 2 bulleted subtitles list several
    points (■…■…))."""
    room = max(0, MAX_HEADLINE_LINES - len(cur.headlines))
    if brief_box(cur.headlines or run):
        # The box's title stands alone; its items' little titles are headings.
        room = 1 - len(cur.headlines[:1])
        cur.headlines.extend(run[:room])
        cur.body.extend((u, "heading") for u in run[room:])
        return
    if not cur.headlines and COLUMN_LABEL_RE.match(run[0].text.strip()):
        room = 1  # a column's label over the item's own title (新春走基层 / 毛里湖水…)
    first = 0 if cur.headlines else 1  # a stack's own first line is its title
    opener = next((k for k in range(first, len(run)) if _opens_text(run[k])), room)
    if opener < len(run) and _author_line(run[opener]) and len(cur.headlines) + opener >= 2:
        # The line over a writer line past the title is the title of a signed section:
        # all 6 such lines on 900 training pages (seeds 7-9) were text.
        opener -= 1
    room = min(room, opener)
    cur.headlines.extend(run[:room])
    cur.body.extend((u, "body") for u in run[room:])


def _takes_glued_subtitle(cur: Draft, unit: Unit) -> bool:
    """Does ``unit``, right under the headline ``cur`` just took, open with a ——subtitle
    the joiner glued to the first paragraph (——记…市民 + 当狂风…)? On 2100 training pages
    (seeds 2019, 11, 5, 7, 13, 23, 101) 14 of the 16 such lines under a short line
    without sentence punctuation are headline lines; the 2 others run on a list item."""
    if not cur.headlines or cur.has_body or cur.byline is not None:
        return False
    if len(cur.headlines) >= MAX_HEADLINE_LINES or not _glued_headline(unit, mid_paragraph=True):
        return False
    return unit.first.text.startswith(SUBTITLE_DASHES)


def _set_aside_echoes(units: list[Unit]) -> tuple[list[Unit], list[bool], dict[int, list[Unit]]]:
    """The units without lines repeated at once, the copy flags of those kept, and
    the echoes by the index of the kept unit they repeat.

    Grouping reads a line printed twice at once (■小贴士 / ■小贴士) as one line: the
    copy must not split the run it belongs to or stand in as the next unit
    (training split: duplicates flagged 0.822 → 0.935, segmentation 0.9699 → 0.9702).
    """
    kept: list[Unit] = []
    dup: list[bool] = []
    echoes: dict[int, list[Unit]] = {}
    for unit, is_copy in zip(units, mark_duplicates(units), strict=True):
        if is_copy and kept and unit.kind != "para" and _dup_key(unit) == _dup_key(kept[-1]):
            echoes.setdefault(len(kept) - 1, []).append(unit)
        else:
            kept.append(unit)
            dup.append(is_copy)
    return kept, dup, echoes


def _fragment_after_jump(drafts: list[Draft], unit: Unit, *, alone: bool) -> bool:
    """Is ``unit`` the end of a broken paragraph right under a 上接 marker?

    Unless it closes a bracket it never opened, it must stand ``alone``: not over
    more lines of a stack."""
    if not drafts or drafts[-1].closed:
        return False
    cur = drafts[-1]
    if cur.headlines or cur.has_body or cur.byline is not None or not cur.jumps:
        return False
    if cur.jumps[-1][1] != "from" or unit.kind != "short" or unit.first.hint is not None:
        return False
    text = unit.text.strip()
    if text.startswith(tuple(FRAGMENT_OPENERS)) or _closes_unopened(text):
        return True
    if len(text.rstrip(FRAGMENT_CLOSERS)) > MAX_FRAGMENT_CHARS:
        return False
    return alone or (text.endswith((")", "）")) and not any(c in "(（" for c in text))


def _closes_unopened(text: str) -> bool:
    """Does ``text`` close a bracket it never opened (…经济研究所), …10月11日电))? No
    headline line of the training corpus does, whatever its length."""
    return text.endswith((")", "）")) and not any(c in "(（" for c in text)


def _glued_headline(unit: Unit, *, mid_paragraph: bool) -> bool:
    """Does ``unit``, where an article opens, start with a headline line the joiner
    glued to the paragraph under it? Where the part may open ``mid_paragraph`` the
    line must hold no sentence punctuation."""
    if unit.kind != "para" or len(unit.lines) < 2 or unit.first.terminal:
        return False
    if unit.byline is not None or unit.first.hint is not None:
        return False
    text = unit.first.text.strip()
    if len(text) <= MAX_FRAGMENT_CHARS or len(text) > MAX_STACK_LINE_CHARS:
        return False
    return not mid_paragraph or SENTENCE_PUNCT_RE.search(text) is None


def _article_openings(units: list[Unit]) -> dict[int, bool]:
    """Where an article must open, and whether it may open mid-paragraph: the page's
    first unit that is not furniture, the unit under 下转…, and the first unit under
    上接… past its short stack lines."""
    out: dict[int, bool] = {}
    first = next((k for k, u in enumerate(units) if u.kind != "furniture"), None)
    if first is not None:
        out[first] = False
    for i, unit in enumerate(units):
        m = CONTINUATION_RE.match(unit.text) if unit.kind == "continuation" else None
        if m is None:
            continue
        j = i + 1
        jumped_from = m["dir"] not in ("下转", "转")
        while (jumped_from and j < len(units) and j - i <= MAX_STACK_LINES
               and units[j].kind == "short"):
            j += 1
        if j < len(units):
            out[j] = out.get(j, False) or jumped_from
    return out


def _split_glued_headlines(units: list[Unit]) -> list[Unit]:
    """Split a headline line off the paragraph it was glued to where an article opens."""
    out = list(units)
    for j, mid_paragraph in sorted(_article_openings(units).items(), reverse=True):
        unit = out[j]
        if _glued_headline(unit, mid_paragraph=mid_paragraph):
            out[j:j + 1] = [Unit("short", unit.lines[:1]), Unit(unit.kind, unit.lines[1:])]
    return out


def assemble(units: list[Unit], decide: Decider | None = None) -> tuple[list[Draft], list[Unit]]:
    """Group units into drafts; ``decide`` overrides the lone-headline model (training)."""
    drafts: list[Draft] = []
    furniture: list[Unit] = []
    units, dup, copies = _set_aside_echoes(_split_glued_headlines(units))
    flushed = 0

    def current() -> Draft:
        if not drafts or drafts[-1].closed:
            drafts.append(Draft())
        return drafts[-1]

    def last_article() -> int | None:
        for k in range(len(drafts) - 1, -1, -1):
            if drafts[k].kind == "article":
                return k
        return None

    i = 0
    while i <= len(units):
        # Copies join the draft that took the unit they follow.
        for k in range(flushed, i):
            if k in copies:
                (drafts[-1] if drafts else current()).duplicates.extend(copies[k])
        flushed = i
        if i == len(units):
            break
        unit = units[i]
        if unit.kind == "furniture":
            furniture.append(unit)
            i += 1
            continue
        if dup[i]:
            current().duplicates.append(unit)
            i += 1
            continue
        end = _headline_run(units, i, dup)
        if _fragment_after_jump(drafts, unit, alone=end <= i + 1):
            drafts[-1].body.append((unit, "body"))
            i += 1
            continue
        if end > i:
            run = units[i:end]
            cur = drafts[-1] if drafts and not drafts[-1].closed else None
            if cur is None or (cur.kind == "sidebar" and not cur.headlines and not cur.has_body):
                if cur is None:
                    cur = current()
                _add_headlines(cur, run)
            elif not cur.has_body and cur.byline is None and not cur.duplicates:
                if (cur.kind == "sidebar" or cur.jumps) and NUMBERED_HEADING_RE.match(run[0].text):
                    cur.body.extend((u, "heading") for u in run)
                elif _under_column_title(cur, run[0]):
                    cur.body.extend((u, "body") for u in run)
                else:
                    _add_headlines(cur, run)
            elif (k := _tagged_title_at(run)) > 0:
                # Closing lines of the story (a signature, a mailbox line) stand
                # above the next story's column-tagged title: split the run there.
                cur.body.extend((u, "heading") for u in run[:k])
                end = i + k
            elif starts_article(units, i, end, cur, decide):
                drafts.append(Draft())
                _add_headlines(drafts[-1], run)
            else:
                cur.body.extend((u, "heading") for u in run)
            i = end
            if i < len(units) and not dup[i] and _takes_glued_subtitle(drafts[-1], units[i]):
                unit = units[i]
                drafts[-1].headlines.append(Unit("short", unit.lines[:1]))
                drafts[-1].body.append((Unit(unit.kind, unit.lines[1:]), "body"))
                i += 1
            continue
        hint = unit.first.hint
        if unit.kind == "lead" and brief_box([unit]):
            # 速览 and 数读 read like lead-in labels but title a box of short items
            # (all 5 in the training corpus, none inside a story).
            drafts.append(Draft(headlines=[unit]))
            i += 1
            continue
        if unit.kind == "lead" or (hint is not None and hint.role == "heading"):
            current().body.append((unit, "heading"))
            i += 1
            continue
        if unit.kind == "label":
            cur = drafts[-1] if drafts and not drafts[-1].closed else None
            if cur is not None and cur.headlines and not cur.has_body and cur.byline is None:
                cur.kind = "sidebar"
            else:
                cur = Draft(kind="sidebar")
                drafts.append(cur)
            cur.labels.append(unit)
            owner = last_article() if cur.kind == "sidebar" else None
            if owner is not None and drafts[owner] is not cur:
                cur.related_to = owner
            i += 1
            continue
        if unit.kind == "continuation":
            m = CONTINUATION_RE.match(unit.text)
            assert m is not None
            label = page_label(m["label"])
            if m["dir"] in ("下转", "转"):
                cur = current()
                cur.jumps.append((unit, "to", label))
                cur.closed = True
            else:
                cur = drafts[-1] if drafts and not drafts[-1].closed else None
                if cur is None or cur.has_body or cur.byline is not None:
                    cur = Draft()
                    drafts.append(cur)
                cur.jumps.append((unit, "from", label))
            i += 1
            continue
        cur = current()
        byline = unit.byline
        if not cur.has_body and cur.byline is None and byline is not None and unit.kind in (
            "para", "byline"
        ):
            cur.byline = (unit, byline)
            if unit.kind == "para":
                cur.body.append((unit, "body"))
        else:
            cur.body.append((unit, "body"))
        i += 1
    return drafts, furniture
