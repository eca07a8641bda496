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
from banmian.parse.patterns import CONTINUATION_RE
from banmian.parse.repair import Unit, opens_with_byline
from banmian.parse.segment import (
    BRACKET_DATE_RE,
    COLUMN_TAG_RE,
    NUMBERED_HEADING_RE,
    ORDINAL_TAG_RE,
    SHARED_SUBTITLE_RE,
    Decider,
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
# Lines that close a story: 栏目投稿邮箱:…@…, a reader's signature (山东菏泽市 田忠华).
STORY_CLOSER_RE = re.compile(r"@|[\u4e00-\u9fff][:：]\S|[市县区省州旗]\s+[\u4e00-\u9fff]{1,4}(?:\s[\u4e00-\u9fff]{1,3})?$")
CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


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


def _reprinted(key: str, recent: list[str]) -> bool:
    """Is most of ``key`` the tail of a recent paragraph (a block printed twice, cut apart)?"""
    need = max(DUP_MIN_SHARED_TAIL, DUP_SHARED_SHARE * len(key))
    tail = key[-DUP_MIN_SHARED_TAIL:]
    return any(other.endswith(tail) and _shared_suffix(key, other) >= need for other in recent)


def mark_duplicates(units: list[Unit]) -> list[bool]:
    """True for each unit that repeats an earlier one (a block printed twice)."""
    seen: dict[str, int] = {}
    dup = [False] * len(units)
    keys = [_dup_key(u) if u.kind in ("para", "short") else "" for u in units]
    for i, unit in enumerate(units):
        if unit.kind not in ("para", "short"):
            continue
        key = keys[i]
        if len(key) < DUP_MIN_CHARS and unit.kind == "para":
            continue
        recent = [keys[j] for j in range(max(0, i - DUP_WINDOW), i) if units[j].kind == "para"]
        if unit.kind == "para" and key not in seen and _reprinted(key, recent):
            dup[i] = True
            continue
        j = seen.get(key)
        if j is not None and i - j <= DUP_WINDOW:
            dup[i] = unit.kind == "para" or (i > 0 and dup[i - 1]) or (
                i + 1 < len(units) and keys[i + 1] in seen
            )
        if not dup[i]:
            seen.setdefault(key, i)
    return dup


def _stack_candidate(units: list[Unit], j: int, dup: list[bool]) -> bool:
    """Could ``units[j]`` be a line of a headline stack?

    Short open lines can; so can a longer one-line unit without terminal
    punctuation.
    """
    unit = units[j]
    if dup[j] or unit.byline is not None or unit.kind not in ("short", "para"):
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


def _after_column_title(units: list[Unit], i: int, j: int) -> bool:
    """Under a title tagged with its column (…(人民时评)) only a ——subtitle is a headline
    line; a summary line there opens the text (169 times against 18 in the corpus)."""
    return (any(COLUMN_TAG_RE.search(u.text) for u in units[i:j])
            and not units[j].text.startswith("——") and units[j].first.hint is None)


def _under_column_title(cur: Draft, unit: Unit) -> bool:
    return (any(COLUMN_TAG_RE.search(u.text) for u in cur.headlines)
            and not unit.text.startswith("——") and unit.first.hint is None)


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
    j = i
    while j < len(units) and _short_stack_line(units, i, j, dup):
        if j > i and _after_column_title(units, i, j):
            break
        j += 1
        if j - 1 > i and units[j - 1].kind == "para":
            break  # the date under a document's title closes its stack
    return j


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
    closes a story (a mailbox line, a reader's signature); 0 when there is none."""
    for k, unit in enumerate(run[1:], 1):
        if (COLUMN_TAG_RE.search(unit.text) and not ORDINAL_TAG_RE.search(unit.text)
                and STORY_CLOSER_RE.search(run[k - 1].text)):
            return k
    return 0


def assemble(units: list[Unit], decide: Decider | None = None) -> tuple[list[Draft], list[Unit]]:
    """Group units into drafts; ``decide`` overrides the lone-headline model (training)."""
    drafts: list[Draft] = []
    furniture: list[Unit] = []
    dup = mark_duplicates(units)

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
    while i < len(units):
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
        if end > i:
            run = units[i:end]
            cur = drafts[-1] if drafts and not drafts[-1].closed else None
            if cur is None or (cur.kind == "sidebar" and not cur.headlines and not cur.has_body):
                if cur is None:
                    cur = current()
                cur.headlines.extend(run)
            elif not cur.has_body and cur.byline is None and not cur.duplicates:
                if (cur.kind == "sidebar" or cur.jumps) and NUMBERED_HEADING_RE.match(run[0].text):
                    cur.body.extend((u, "heading") for u in run)
                elif _under_column_title(cur, run[0]):
                    cur.body.extend((u, "body") for u in run)
                else:
                    cur.headlines.extend(run)
            elif (k := _tagged_title_at(run)) > 0:
                # Closing lines of the story (a signature, a mailbox line) stand
                # above the next story's column-tagged title: split the run there.
                cur.body.extend((u, "heading") for u in run[:k])
                end = i + k
            elif starts_article(units, i, end, cur, decide):
                drafts.append(Draft(headlines=list(run)))
            else:
                cur.body.extend((u, "heading") for u in run)
            i = end
            continue
        hint = unit.first.hint
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
