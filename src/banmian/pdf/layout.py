"""Layout analysis: characters of a page -> blocks in reading order, with roles.

Independent of the order in which the PDF stores its text. The stages:

1. fragments: characters grouped by baseline and split at gaps, font size
   steps and vertical rules (a fragment never crosses a column gutter);
2. strips: fragments above the header rule or below the footer rule are
   page furniture;
3. reading order: recursive XY-cut over fragments (a drawn box is cut on
   its own and stands as one solid block outside). At each region, in this
   order: horizontal rules across it; vertical rules; gaps wide enough to
   part articles; horizontal gaps under body text (between bands of
   articles, not under a headline); column gutters, unless the columns on
   both sides sit under one headline (a centred headline leaves the outer
   gutters empty); else the widest horizontal gap, one at a time;
4. lines: fragments of one leaf region on one baseline;
5. blocks: lines joined while the previous line fills its column and the
   next is not indented and has the same style (across column breaks too);
6. roles from typography: body size is the most common size; larger lines
   form headline stacks (largest = title, above = kicker, below =
   subtitle); bold body-size lines are bylines right after a stack and
   subheads elsewhere; a bold run opening the first paragraph is a byline;
   jump lines are continuations; a drawn box is a sidebar.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from banmian.pdf.reader import BBox, Char, PageContent

__all__ = ["LayoutBlock", "PageLayout", "analyse"]

# Characters on baselines closer than this share of their size are on one line.
BASELINE_TOLERANCE = 0.3
# A horizontal gap wider than this share of the font size (at most of the
# body size: headlines side by side are only a gutter apart) splits a
# fragment: justified Chinese runs have no gaps, column gutters are about one em.
FRAGMENT_GAP = 0.9
# Gaps wider than this share of the size are checked for a vertical rule in them.
RULE_CHECK_GAP = 0.25
# Adjacent characters whose sizes differ by more than this ratio split a fragment.
SIZE_STEP = 1.2
# Inside a line, a gap wider than the line's usual letter-spacing by this
# share of the size is written as a space.
SPACE_GAP = 0.2
# The same glyph drawn again within this share of its size is overprint (fake bold).
OVERPRINT = 0.3
# A vertical whitespace gap at least this many body sizes wide is a column gutter.
V_GAP = 0.75
# A vertical gap at least this many body sizes wide parts articles (column
# gutters are about one em; designers who draw no rule leave more space).
ARTICLE_GAP = 2.0
# A horizontal whitespace gap at least this many body sizes high separates rows
# of content (headline from body, band from band); lines of text are closer.
H_GAP = 0.9
# A rule separates a region when it spans this share of the region's extent.
RULE_SPAN = 0.8
# Rules at least this share of the page width, in the top or bottom STRIP_SHARE
# of the page, bound the header and footer strips.
STRIP_RULE_WIDTH = 0.6
STRIP_SHARE = 0.12
# Without such a rule, text entirely within this share of the top or bottom is furniture.
STRIP_FALLBACK = 0.035
# A box's title under its label: a short centred line at least this much larger than the text.
BOX_TITLE_RATIO = 1.1
BOX_TITLE_MAX_CHARS = 24
SENTENCE_ENDS = "。！？!?；;：:，,…"
# Lines at least this many times the body size are headline lines.
HEADLINE_RATIO = 1.3
# Headline lines within this ratio of the stack's largest size are its title.
TITLE_TOLERANCE = 1.05
# A line that ends within this many sizes of its column's right edge fills it.
FULL_SLACK = 2.0
# A line starting at least this many sizes right of its column's left edge is indented.
INDENT_MIN = 1.0
# A headline line at least this share of its region wide may wrap onto the next.
HEADLINE_WRAP = 0.8
# A spaced-out headline falls apart into fragments of at most this many letters.
LETTER_GROUP = 2
# Gaps in a row of headline fragments this even (largest / smallest) are letter-spacing.
LETTER_SPACING_SPREAD = 1.3
# Headlines ending within this many body sizes of the lowest one above a
# column are one row of headlines (stacks side by side end at different heights).
HEADLINE_ROW = 4.0
# Jump lines: 下转第2版, （下转A2版）, 上接第一版, 转第3版, 接1版.
JUMP_RE = re.compile(r"^[(（]?\s*(?:下转|上接|转|接)(?:第)?\s*[A-Za-z]?\s*[0-9一二三四五六七八九十]+\s*版\s*[)）]?$")
# Jump lines are short.
JUMP_MAX_CHARS = 16
# Without any text to count, the usual newspaper body size (points).
DEFAULT_BODY_SIZE = 10.0
# Recursion limit for the XY-cut (pages need a few dozen levels at most).
MAX_DEPTH = 60


@dataclass(frozen=True, slots=True)
class _Fragment:
    chars: tuple[Char, ...]
    x0: float
    y0: float
    x1: float
    y1: float
    baseline: float
    size: float


# A leaf region of the XY-cut: its fragments and the left and right edges of its column.
_Leaf = tuple[list[_Fragment], float, float]


@dataclass(frozen=True)
class _Line:
    text: str
    bold: tuple[bool, ...]  # per character of text
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    left: float  # the left and right edges of the column the line sits in
    right: float
    width: float  # the width of the leaf region's own text (for wrapped headlines)
    box: int | None
    furniture: bool

    @property
    def style(self) -> str:
        if all(self.bold):
            return "bold"
        return "mixed" if self.bold[0] else "regular"


@dataclass(frozen=True)
class LayoutBlock:
    """One block of the page in reading order: what becomes one line of page text."""

    text: str
    role: str
    bbox: BBox
    size: float
    article_start: bool = False
    box: int | None = None


@dataclass(frozen=True)
class PageLayout:
    width: float
    height: float
    body_size: float
    blocks: tuple[LayoutBlock, ...]


@dataclass
class _Draft:
    kind: str  # text | headline | continuation | furniture
    lines: list[_Line] = field(default_factory=list)
    role: str = ""
    article_start: bool = False

    @property
    def text(self) -> str:
        out = ""
        for i, line in enumerate(self.lines):
            out += (" " if i and _spaced(self.lines[i - 1], line) else "") + line.text
        return out

    @property
    def bold(self) -> tuple[bool, ...]:
        out: list[bool] = []
        for i, line in enumerate(self.lines):
            if i and _spaced(self.lines[i - 1], line):
                out.append(out[-1])
            out.extend(line.bold)
        return tuple(out)


def _needs_space(before: str, after: str) -> bool:
    return before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() \
        and after[:1].isalnum()


def _spaced(before: _Line, after: _Line) -> bool:
    """Lines of one block join with a space between Latin words, and where they
    stand side by side on one row: a wide space inside a line (本报记者 张三　通讯员
    李四) can part it into two regions of the layout."""
    same_row = abs(before.y0 - after.y0) < BASELINE_TOLERANCE * after.size and after.x0 > before.x1
    return same_row or _needs_space(before.text, after.text)


# --- 1. fragments -----------------------------------------------------------

def _rule_between(vrules: Sequence[BBox], xa: float, xb: float, y: float) -> bool:
    return any(xa <= (r[0] + r[2]) / 2 <= xb and r[1] <= y <= r[3] for r in vrules)


def _fragment(chars: list[Char]) -> _Fragment:
    sizes = sorted(c.size for c in chars)
    return _Fragment(tuple(chars), min(c.x0 for c in chars), min(c.y0 for c in chars),
                     max(c.x1 for c in chars), max(c.y1 for c in chars),
                     chars[len(chars) // 2].baseline, sizes[len(sizes) // 2])


def _split_row(row: list[Char], vrules: Sequence[BBox], body: float) -> list[_Fragment]:
    row.sort(key=lambda c: c.x0)
    out: list[_Fragment] = []
    current: list[Char] = []
    for c in row:
        if current:
            prev = current[-1]
            small, large = (prev.size, c.size) if prev.size <= c.size else (c.size, prev.size)
            if c.text == prev.text and abs(c.x0 - prev.x0) < OVERPRINT * c.size:
                current[-1] = prev._replace(bold=True)  # printed twice, offset: fake bold
                continue
            gap = c.x0 - prev.x1
            if (gap > FRAGMENT_GAP * min(small, body) or large > SIZE_STEP * small
                    or (gap > RULE_CHECK_GAP * small
                        and _rule_between(vrules, prev.x1, c.x0, c.baseline))):
                out.append(_fragment(current))
                current = []
        current.append(c)
    if current:
        out.append(_fragment(current))
    return out


def _fragments(chars: Sequence[Char], vrules: Sequence[BBox], body: float) -> list[_Fragment]:
    out: list[_Fragment] = []
    row: list[Char] = []
    base = 0.0
    for c in sorted(chars, key=lambda c: c.baseline):
        if row and c.baseline - base > BASELINE_TOLERANCE * c.size:
            out.extend(_split_row(row, vrules, body))
            row = []
        if not row:
            base = c.baseline
        row.append(c)
    if row:
        out.extend(_split_row(row, vrules, body))
    return [f for f in out if any(not c.text.isspace() for c in f.chars)]


# --- 2. strips --------------------------------------------------------------

def _strips(content: PageContent) -> tuple[float, float]:
    """The y below which the header ends and above which the footer starts."""
    w, h = content.width, content.height
    wide = [r for r in content.hrules if r[2] - r[0] >= STRIP_RULE_WIDTH * w]
    top = [r[3] for r in wide if r[3] <= STRIP_SHARE * h]
    bottom = [r[1] for r in wide if r[1] >= (1 - STRIP_SHARE) * h]
    return (max(top) if top else STRIP_FALLBACK * h,
            min(bottom) if bottom else (1 - STRIP_FALLBACK) * h)


# --- 3. reading order -------------------------------------------------------

def _gaps(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Empty intervals between the union of spans."""
    spans.sort()
    gaps: list[tuple[float, float]] = []
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start > reach:
            gaps.append((reach, start))
        reach = max(reach, end)
    return gaps


def _ruled(rules: Sequence[BBox], gap: tuple[float, float], lo: float, hi: float,
           vertical: bool) -> BBox | None:
    """The rule that lies in the gap and spans most of the region across, if any."""
    need = RULE_SPAN * (hi - lo)
    for r in rules:
        pos, a, b = ((r[0] + r[2]) / 2, r[1], r[3]) if vertical else ((r[1] + r[3]) / 2, r[0], r[2])
        if gap[0] - 1 <= pos <= gap[1] + 1 and min(b, hi) - max(a, lo) >= need:
            return r
    return None


def _beside_rule(frags: Sequence[_Fragment], rule: BBox) -> bool:
    """Whether every fragment is level with some of a vertical rule. A column rule
    drawn under a headline (CSS column-rule) leaves the headline above it: that
    row is cut off first, then the columns at the rule."""
    return all(f.y1 > rule[1] + 1 and f.y0 < rule[3] - 1 for f in frags)


def _side_by_side(frags: Sequence[_Fragment]) -> bool:
    active: list[_Fragment] = []
    for f in sorted(frags, key=lambda f: f.y0):
        active = [a for a in active if a.y1 > f.y0]
        if any(a.x1 <= f.x0 or f.x1 <= a.x0 for a in active):
            return True
        active.append(f)
    return False


def _owner(heads: Sequence[_Fragment], frag: _Fragment, body: float) -> int | None:
    """The headline a column fragment sits under: in the nearest row of headlines
    above it, the one over it (most overlap), else the nearest across."""
    above = [h for h in heads if h.y1 <= frag.y0 + 1]
    if not above:
        return None
    low = max(h.y1 for h in above)
    row = [h for h in above if h.y1 >= low - HEADLINE_ROW * body]

    def key(h: _Fragment) -> tuple[float, float]:
        overlap = min(h.x1, frag.x1) - max(h.x0, frag.x0)
        return (max(overlap, 0.0), -max(h.x0 - frag.x1, frag.x0 - h.x1, 0.0))

    return id(max(row, key=key))


def _under_headline(frags: Sequence[_Fragment], gap: tuple[float, float], body: float) -> bool:
    """Whether columns on both sides of a vertical gap sit under one headline.

    A headline narrower than the columns under it leaves outer gutters
    empty from top to bottom; such a gutter is not a cut: the row with the
    headline is, and the columns are cut below it.
    """
    heads = [f for f in frags if f.size >= HEADLINE_RATIO * body]
    if not heads:
        return False
    text = [f for f in frags if f.size < HEADLINE_RATIO * body]
    left = [f for f in text if gap[0] - body <= f.x1 <= gap[0]]
    right = [f for f in text if gap[1] <= f.x0 <= gap[1] + body]
    owners = {_owner(heads, f, body) for f in left} - {None}
    return any(_owner(heads, f, body) in owners for f in right)


def _across(frags: Sequence[_Fragment], gaps: Sequence[tuple[float, float]], i: int) -> bool:
    """Whether the text just left and just right of vertical gap ``gaps[i]`` (up
    to the neighbouring gaps) stands side by side somewhere: a short line
    above an indented one leaves a gap that is no gutter."""
    lo = gaps[i - 1][1] if i else float("-inf")
    hi = gaps[i + 1][0] if i + 1 < len(gaps) else float("inf")
    gap = gaps[i]
    left = sorted((f.y0, f.y1) for f in frags if lo <= f.x0 and f.x1 <= gap[0])
    right = sorted((f.y0, f.y1) for f in frags if gap[1] <= f.x0 and f.x1 <= hi)
    a = b = 0
    while a < len(left) and b < len(right):
        if left[a][0] < right[b][1] and right[b][0] < left[a][1]:
            return True
        if left[a][1] < right[b][1]:
            a += 1
        else:
            b += 1
    return False


def _inside_headline(frags: Sequence[_Fragment], gap: tuple[float, float], body: float) -> bool:
    """Whether a vertical gap only parts the letters of a spaced-out headline line:
    a row of three or more evenly spaced headline fragments of a letter or two,
    on both sides of it (titles side by side are longer fragments)."""
    heads = sorted((f for f in frags if f.size >= HEADLINE_RATIO * body), key=lambda f: f.baseline)
    rows: list[list[_Fragment]] = []
    for f in heads:
        if rows and f.baseline - rows[-1][0].baseline <= BASELINE_TOLERANCE * f.size:
            rows[-1].append(f)
        else:
            rows.append([f])
    for row in rows:
        row.sort(key=lambda f: f.x0)
        spaces = [b.x0 - a.x1 for a, b in zip(row, row[1:], strict=False)]
        if (len(row) >= 3 and row[0].x1 <= gap[0] and row[-1].x0 >= gap[1]
                and all(len(f.chars) <= LETTER_GROUP for f in row)
                and min(spaces) > 0 and max(spaces) <= LETTER_SPACING_SPREAD * min(spaces)):
            return True
    return False


def _headline_above(frags: Sequence[_Fragment], gap: tuple[float, float], body: float
                    ) -> bool:
    """Whether a headline ends right above a horizontal gap (the gap under a
    headline is inside its article; a gap under body text is between bands)."""
    return any(f.size >= HEADLINE_RATIO * body and gap[0] - body <= f.y1 <= gap[0] + 1
               for f in frags)


def _split(frags: Sequence[_Fragment], cuts: Sequence[float], vertical: bool
           ) -> list[list[_Fragment]]:
    parts: list[list[_Fragment]] = [[] for _ in range(len(cuts) + 1)]
    for f in frags:
        pos = f.x0 if vertical else f.y0
        parts[sum(1 for c in cuts if pos >= c)].append(f)
    return [p for p in parts if p]


def _cut_plan(frags: Sequence[_Fragment], content: PageContent, body: float
              ) -> tuple[list[float], bool] | None:
    x_lo, x_hi = min(f.x0 for f in frags), max(f.x1 for f in frags)
    y_lo, y_hi = min(f.y0 for f in frags), max(f.y1 for f in frags)
    hgaps = _gaps([(f.y0, f.y1) for f in frags])
    ruled_h = [g for g in hgaps if _ruled(content.hrules, g, x_lo, x_hi, vertical=False)]
    if ruled_h:
        return [(a + b) / 2 for a, b in ruled_h], False
    vgaps = _gaps([(f.x0, f.x1) for f in frags])
    ruled_v = [g for g in vgaps
               if (rule := _ruled(content.vrules, g, y_lo, y_hi, vertical=True)) is not None
               and _beside_rule(frags, rule)]
    if ruled_v:
        return [(a + b) / 2 for a, b in ruled_v], True
    vgaps = [g for i, g in enumerate(vgaps) if _across(frags, vgaps, i)]
    vgaps = [g for g in vgaps if not _inside_headline(frags, g, body)]
    wide_v = [g for g in vgaps if g[1] - g[0] >= ARTICLE_GAP * body]
    if wide_v:
        return [(a + b) / 2 for a, b in wide_v], True
    bands = [g for g in hgaps if g[1] - g[0] >= H_GAP * body
             and not _headline_above(frags, g, body)]
    if bands:
        return [(a + b) / 2 for a, b in bands], False
    gutters = [g for g in vgaps if g[1] - g[0] >= V_GAP * body]
    gutters = [g for g in gutters if not _under_headline(frags, g, body)]
    if gutters:
        return [(a + b) / 2 for a, b in gutters], True
    if hgaps:
        # One cut at a time, the widest first: between bands before between a
        # headline and its columns, so side-by-side articles get their gutter back.
        a, b = max(hgaps, key=lambda g: g[1] - g[0])
        if b - a >= H_GAP * body or _side_by_side(frags):
            return [(a + b) / 2], False
    return None


def _extent(frags: Sequence[_Fragment]) -> tuple[float, float]:
    return min(f.x0 for f in frags), max(f.x1 for f in frags)


def _reading_order(frags: list[_Fragment], content: PageContent, body: float) -> list[_Leaf]:
    """Leaf regions in reading order, by recursive XY-cut.

    The text of a drawn box is cut on its own: outside, the box stands as
    one solid block, so no cut runs through it and it is read as a whole.
    """
    inside: dict[int, list[_Fragment]] = {}
    outside: list[_Fragment] = []
    for f in frags:
        box = _box_of(content.boxes, (f.x0 + f.x1) / 2, (f.y0 + f.y1) / 2)
        (inside.setdefault(box, []) if box is not None else outside).append(f)
    solid_of: dict[int, int] = {}
    region = list(outside)
    for box in inside:
        x0, y0, x1, y1 = content.boxes[box - 1]
        solid = _Fragment((), x0, y0, x1, y1, y1, body)
        solid_of[id(solid)] = box
        region.append(solid)
    leaves: list[_Leaf] = []
    for leaf, left, right in _xy_cut(region, content, body):
        plain = [f for f in leaf if id(f) not in solid_of]
        if plain:
            leaves.append((plain, left, right))
        for f in sorted((f for f in leaf if id(f) in solid_of), key=lambda f: f.y0):
            leaves.extend(_xy_cut(inside[solid_of[id(f)]], content, body))
    return leaves


def _xy_cut(frags: list[_Fragment], content: PageContent, body: float) -> list[_Leaf]:
    """Leaves with the left and right edges of their column: those of the last
    vertical cut above them (a lone line cut off a column keeps its column's
    edges, so its indent and fill can still be measured)."""
    leaves: list[_Leaf] = []
    stack: list[tuple[list[_Fragment], int, tuple[float, float]]] = [
        (frags, 0, _extent(frags))]
    while stack:
        region, depth, edges = stack.pop()
        plan = _cut_plan(region, content, body) if len(region) > 1 and depth < MAX_DEPTH \
            else None
        parts = _split(region, *plan) if plan else [region]
        if len(parts) == 1:
            leaves.append((region, *edges))
            continue
        vertical = bool(plan and plan[1])
        stack.extend((p, depth + 1, _extent(p) if vertical else edges) for p in reversed(parts))
    return leaves


# --- 4. lines ---------------------------------------------------------------

def _box_of(boxes: Sequence[BBox], x: float, y: float) -> int | None:
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        if x0 <= x <= x1 and y0 <= y <= y1:
            return i + 1
    return None


def _make_line(row: list[_Fragment], edges: tuple[float, float, float], content: PageContent,
               furniture: bool) -> _Line | None:
    chars = sorted((c for f in row for c in f.chars), key=lambda c: c.x0)
    visible = [c for c in chars if not c.text.isspace()]
    if not visible:
        return None
    gaps = sorted(b.x0 - a.x1 for a, b in zip(visible, visible[1:], strict=False))
    spacing = max(gaps[len(gaps) // 2], 0.0) if gaps else 0.0  # letter-spacing, not spaces
    text: list[str] = [visible[0].text]
    bold: list[bool] = [visible[0].bold]
    for a, b in zip(visible, visible[1:], strict=False):
        if b.x0 - a.x1 - spacing > SPACE_GAP * b.size:
            text.append(" ")
            bold.append(a.bold)
        text.append(b.text)
        bold.append(b.bold)
    sizes = sorted(c.size for c in visible)
    x0, x1 = visible[0].x0, chars[-1].x1  # a trailing space still fills the line
    y0, y1 = min(c.y0 for c in visible), max(c.y1 for c in visible)
    left, right, width = edges
    return _Line("".join(text), tuple(bold), x0, y0, x1, y1, sizes[len(sizes) // 2], left, right,
                 width, _box_of(content.boxes, (x0 + x1) / 2, (y0 + y1) / 2), furniture)


def _lines(leaf: _Leaf, content: PageContent, furniture: bool) -> list[_Line]:
    frags, left, right = leaf
    rows: list[list[_Fragment]] = []
    for f in sorted(frags, key=lambda f: (f.baseline, f.x0)):
        if rows and abs(f.baseline - rows[-1][0].baseline) <= BASELINE_TOLERANCE * f.size:
            rows[-1].append(f)
        else:
            rows.append([f])
    own_left, own_right = _extent(frags)
    edges = (left, right, own_right - own_left)
    lines = [_make_line(row, edges, content, furniture) for row in rows]
    return [line for line in lines if line is not None]


# --- 5. blocks --------------------------------------------------------------

def _body_size(sized: Iterable[tuple[float, int]]) -> float:
    """The most common font size, weighted by characters, to the half point."""
    counts: Counter[float] = Counter()
    for size, n in sized:
        counts[round(size * 2) / 2] += n
    return counts.most_common(1)[0][0] if counts else DEFAULT_BODY_SIZE


def _kind(line: _Line, body: float) -> str:
    if line.furniture:
        return "furniture"
    if len(line.text) <= JUMP_MAX_CHARS and JUMP_RE.match(line.text):
        return "continuation"
    if line.size >= HEADLINE_RATIO * body:
        return "headline"
    return "text"


def _continues(draft: _Draft, line: _Line) -> bool:
    """Whether ``line`` carries on the block being built (same paragraph or headline)."""
    prev = draft.lines[-1]
    if prev.box != line.box:
        return False
    if draft.kind == "headline":
        return (abs(prev.size - line.size) <= 0.05 * line.size
                and prev.x1 - prev.x0 >= HEADLINE_WRAP * prev.width)
    if draft.kind != "text":
        return False
    styles = {("bold", "bold"), ("bold", "mixed"), ("mixed", "regular"), ("regular", "regular")}
    pair = (prev.style, line.style)
    # A bold line may be centred (a subhead), so its indent says nothing.
    return (pair in styles and prev.right - prev.x1 <= FULL_SLACK * prev.size
            and (pair == ("bold", "bold") or line.x0 - line.left < INDENT_MIN * line.size))


def _drafts(lines: Sequence[_Line], body: float) -> list[_Draft]:
    drafts: list[_Draft] = []
    for line in lines:
        kind = _kind(line, body)
        if drafts and drafts[-1].kind == kind and _continues(drafts[-1], line):
            drafts[-1].lines.append(line)
        else:
            drafts.append(_Draft(kind, [line]))
    return drafts


# --- 6. roles ---------------------------------------------------------------

def _stack_roles(stack: Sequence[_Draft]) -> None:
    top = max(d.lines[0].size for d in stack)
    title_seen = False
    for d in stack:
        if d.lines[0].size * TITLE_TOLERANCE >= top:
            d.role, title_seen = "title", True
        else:
            d.role = "subtitle" if title_seen else "kicker"


def _split_lead(draft: _Draft) -> list[_Draft]:
    """A bold run opening a paragraph becomes its own byline draft."""
    bold = draft.bold
    n = next((i for i, b in enumerate(bold) if not b), len(bold))
    text = draft.text
    head, rest = text[:n].strip(), text[n:].strip()
    if not head or not rest:
        return [draft]
    x0, y0, x1, y1 = _bbox(draft.lines)
    first = draft.lines[0]
    lead = _Line(head, (True,) * len(head), first.x0, first.y0, first.x1, first.y1, first.size,
                 first.left, first.right, first.width, first.box, False)
    body = _Line(rest, (False,) * len(rest), x0, y0, x1, y1, first.size, first.left,
                 first.right, first.width, first.box, False)
    return [_Draft("text", [lead], "byline", draft.article_start),
            _Draft("text", [body], "body")]


def _box_title(d: _Draft, before: _Draft | None, body: float) -> bool:
    """The second block of a drawn box, one short centred line set larger than
    the text and without end punctuation, is the sidebar's title (under its
    label: 相关链接 / 什么是完整社区), also where bold cannot be read."""
    line = d.lines[0]
    if (d.kind != "text" or len(d.lines) != 1 or line.box is None or before is None
            or before.lines[0].box != line.box or len(before.lines) != 1):
        return False
    centred = abs((line.x0 + line.x1) - (line.left + line.right)) / 2 <= line.size
    return (centred and len(line.text) <= BOX_TITLE_MAX_CHARS and line.size >= BOX_TITLE_RATIO * body
            and line.text[-1:] not in SENTENCE_ENDS)


def _roles(drafts: list[_Draft], body: float) -> list[_Draft]:
    out: list[_Draft] = []
    i = 0
    after_stack = False
    seen_boxes: set[int] = set()
    while i < len(drafts):
        d = drafts[i]
        box = d.lines[0].box
        if box is not None and box not in seen_boxes and d.kind != "furniture":
            seen_boxes.add(box)
            d.article_start = True
        if d.kind == "headline":
            j = i
            while j < len(drafts) and drafts[j].kind == "headline":
                j += 1
            stack = drafts[i:j]
            _stack_roles(stack)
            if not (out and out[-1].role == "label"):  # a label already opened the sidebar
                stack[0].article_start = True
            out.extend(stack)
            i, after_stack = j, True
            continue
        if d.kind in ("furniture", "continuation"):
            d.role = d.kind
        elif _box_title(d, out[-1] if out else None, body) and out[-1].article_start:
            d.role = "title"
        elif d.lines[0].style == "bold" and i + 1 < len(drafts) \
                and drafts[i + 1].kind == "headline" and all(d.bold):
            d.role = "label"
            d.article_start = True
        elif after_stack and d.lines[0].style != "regular":
            if all(d.bold):
                d.role = "byline"
            else:
                out.extend(_split_lead(d))
                after_stack = False
                i += 1
                continue
        else:
            d.role = "heading" if all(d.bold) else "body"
        if d.kind == "text" and d.role != "byline":
            after_stack = False
        out.append(d)
        i += 1
    return out


def _bbox(lines: Sequence[_Line]) -> BBox:
    return (min(x.x0 for x in lines), min(x.y0 for x in lines),
            max(x.x1 for x in lines), max(x.y1 for x in lines))


def analyse(content: PageContent) -> PageLayout:
    """Blocks of one page in reading order, with their roles."""
    header, footer = _strips(content)
    # Box edges separate like rules (but do not bound the header and footer strips).
    content = replace(
        content,
        hrules=content.hrules + tuple(e for x0, y0, x1, y1 in content.boxes
                                      for e in ((x0, y0, x1, y0), (x0, y1, x1, y1))),
        vrules=content.vrules + tuple(e for x0, y0, x1, y1 in content.boxes
                                      for e in ((x0, y0, x0, y1), (x1, y0, x1, y1))))
    body = _body_size((c.size, 1) for c in content.chars if not c.text.isspace())
    frags = _fragments(content.chars, content.vrules, body)
    top = [f for f in frags if f.y1 <= header]
    bottom = [f for f in frags if f.y0 >= footer and f.y1 > header]
    main = [f for f in frags if f.y1 > header and f.y0 < footer]
    lines: list[_Line] = []
    for part, furniture in ((top, True), (main, False), (bottom, True)):
        for leaf in _reading_order(part, content, body) if part else []:
            lines.extend(_lines(leaf, content, furniture))
    drafts = _roles(_drafts(lines, body), body)
    blocks = tuple(LayoutBlock(d.text, d.role, _bbox(d.lines), d.lines[0].size, d.article_start,
                               d.lines[0].box) for d in drafts)
    return PageLayout(content.width, content.height, body, blocks)
