"""A reportlab typesetter that makes newspaper page PDFs with known truth.

Tests, the PDF evaluation gate and the PDF benchmark use it. A page is laid
out on a column grid (4-8 columns) in horizontal bands; each band holds one
to three articles side by side, each over a run of columns: a headline stack
(kicker, title, subtitle) across its columns, then a byline (its own bold
line, or a bold run at the start of the first paragraph), indented
paragraphs and bold subheads flowed through the columns, and a jump line
(下转第N版) where the text does not fit. Sidebars sit in a drawn box. A
header and a footer strip carry page furniture. Rules between bands and
articles are optional.

What varies, besides the text: the order in which the PDF stores its text
(reading order, row order, or shuffled fragments), whether font sizes are
set through the text matrix on a 1 pt font, and whether indents are offsets
or leading ideographic spaces.

The truth is the list of blocks in reading order, each with its role and
article number: what the layout analysis must give back. All sample text is
invented here.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
FONT_NAME = "WQYMicroHei"
A3 = (842.0, 1191.0)
MARGIN = 36.0
GUTTER = 12.0
HEADER_HEIGHT = 44.0
FOOTER_HEIGHT = 30.0
BAND_GAP = 16.0
ARTICLE_INSET = 6.0  # added on each side of a gutter between articles when no rule is drawn
STACK_GAP = 12.0
BOX_PAD = 7.0
MIN_BAND = 120.0
LEADING = 1.5  # body line pitch as a multiple of the body size
ORDERS = ("reading", "row", "shuffled")
INDENTS = ("offset", "spaces")


@cache
def font_name() -> str:
    """Register the CJK font once; tests skip when it is not installed."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_PATH), subfontIndex=0))
    return FONT_NAME


def char_width(ch: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(ch, font_name(), size))


@dataclass(frozen=True)
class ArticleSpec:
    """One article (or sidebar) to typeset."""

    title: str
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None  # printed as its own bold line
    lead_byline: str | None = None  # printed bold at the start of the first paragraph
    jump_from: str | None = None  # a jump line such as （上接第1版） under the headline
    paragraphs: tuple[str, ...] = ()
    headings: frozenset[int] = frozenset()  # indexes into paragraphs that are bold subheads
    sidebar: bool = False
    label: str | None = None  # a sidebar's label line, e.g. 相关链接


@dataclass(frozen=True)
class Options:
    columns: int = 6
    order: str = "reading"
    matrix_scaling: bool = False
    indent: str = "offset"
    rules: bool = True
    seed: int = 0
    body_size: float = 9.5
    jump_page: str = "第2版"
    paper: str = "青溪日报"
    page_label: str = "A1"
    date_line: str = "2023年5月8日　星期一"
    # A scan with an OCR text layer: the page as one image, the text invisible over it
    # (no vector rules or boxes, no bold).
    ocr_layer: bool = False


@dataclass(frozen=True)
class TruthBlock:
    text: str
    role: str  # kicker title subtitle byline heading body label continuation furniture
    article: int | None
    box: int | None = None


@dataclass(frozen=True)
class PageTruth:
    blocks: tuple[TruthBlock, ...]
    size: tuple[float, float]


@dataclass
class _Run:
    """Text drawn at one position: a whole line or a fragment of one."""

    x: float
    baseline: float  # from the top of the page
    size: float
    text: str
    char_space: float = 0.0
    bold: bool = False


@dataclass
class _Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    box: bool = False


@dataclass
class _Line:
    chars: str
    size: float
    bold: bool
    first: bool  # first line of a paragraph: indented
    last: bool  # last line of its block: not justified
    block: int  # index into the truth blocks
    align: str = "left"  # left | center | right
    runs: list[tuple[str, bool]] = field(default_factory=list)  # (text, bold) pieces


@dataclass
class _Sheet:
    runs: list[_Run] = field(default_factory=list)
    rules: list[_Rule] = field(default_factory=list)
    blocks: list[TruthBlock] = field(default_factory=list)


def _wrap(text: str, width: float, size: float, indent: float) -> list[str]:
    """Greedy line breaking, one character at a time (Chinese has no word spaces)."""
    return [text[a:b] for a, b in _breaks(text, width, size, indent)]


def _breaks(text: str, width: float, size: float, indent: float) -> list[tuple[int, int]]:
    """Line spans into text; a space that would open a wrapped line is dropped."""
    spans: list[tuple[int, int]] = []
    start, used = 0, indent
    for i, ch in enumerate(text):
        if i == start and spans and ch.isspace():
            start += 1
            continue
        w = char_width(ch, size)
        if i > start and used + w > width + 0.01:
            spans.append((start, i))
            start, used = i, 0.0
            if ch.isspace():
                start += 1
                continue
        used += w
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _fit_size(text: str, width: float, size: float, smallest: float) -> float:
    while size > smallest and sum(char_width(c, size) for c in text) > width:
        size -= 1.0
    return size


def _body_lines(spec: ArticleSpec, width: float, opt: Options, sheet: _Sheet,
                article: int, box: int | None) -> list[_Line]:
    """Break the byline, paragraphs and subheads of an article into column lines."""
    size = opt.body_size
    lines: list[_Line] = []
    if spec.jump_from:
        sheet.blocks.append(TruthBlock(spec.jump_from, "continuation", article, box))
        lines.append(_Line(spec.jump_from, size, False, False, True, len(sheet.blocks) - 1))
    if spec.byline:
        sheet.blocks.append(TruthBlock(spec.byline, "byline", article, box))
        for i, chunk in enumerate(chunks := _wrap(spec.byline, width, size, 0.0)):
            lines.append(_Line(chunk, size, True, False, i == len(chunks) - 1,
                               len(sheet.blocks) - 1))
    for p_index, paragraph in enumerate(spec.paragraphs):
        if p_index in spec.headings:
            sheet.blocks.append(TruthBlock(paragraph, "heading", article, box))
            for i, chunk in enumerate(chunks := _wrap(paragraph, width, size, 0.0)):
                lines.append(_Line(chunk, size, True, False, i == len(chunks) - 1,
                                   len(sheet.blocks) - 1, align="center"))
            continue
        lead = spec.lead_byline if p_index == 0 and spec.lead_byline else ""
        if opt.ocr_layer:  # an OCR layer has no bold: the byline only opens the paragraph
            paragraph, lead = lead + paragraph, ""
        if lead:
            sheet.blocks.append(TruthBlock(lead, "byline", article, box))
        sheet.blocks.append(TruthBlock(paragraph, "body", article, box))
        text = lead + paragraph
        spans = _breaks(text, width, size, 2 * size)
        for i, (start, end) in enumerate(spans):
            chunk = text[start:end]
            line = _Line(chunk, size, False, i == 0, i == len(spans) - 1,
                         len(sheet.blocks) - 1)
            bold_part = max(0, min(len(chunk), len(lead) - start))
            if bold_part:
                line.runs = [(chunk[:bold_part], True), (chunk[bold_part:], False)]
                line.block = len(sheet.blocks) - 2 if bold_part == len(chunk) else line.block
            lines.append(line)
    return lines


def _place_line(line: _Line, x0: float, width: float, baseline: float, opt: Options,
                sheet: _Sheet) -> None:
    """Justify (or align) one line and record its runs."""
    indent = 2 * line.size if line.first else 0.0
    text_w = sum(char_width(c, line.size) for c in line.chars)
    char_space = 0.0
    x = x0 + indent
    if line.align == "center":
        x = x0 + (width - text_w) / 2
    elif line.align == "right":
        x = x0 + width - text_w
    elif not line.last and len(line.chars) > 1:
        char_space = (width - indent - text_w) / (len(line.chars) - 1)
    if line.first and opt.indent == "spaces":  # the indent is typed: spaces, spaced too
        x -= indent
        line = _Line("\u3000\u3000" + line.chars, line.size, line.bold, False, line.last,
                     line.block, runs=[("\u3000\u3000", False), *line.runs] if line.runs else [])
        if char_space:
            char_space = (width - indent - text_w) / (len(line.chars) - 1)
    runs = line.runs or [(line.chars, line.bold)]
    for text, bold in runs:
        if not text:
            continue
        sheet.runs.append(_Run(x, baseline, line.size, text, char_space, bold))
        x += sum(char_width(c, line.size) for c in text) + char_space * len(text)


def _headline_stack(spec: ArticleSpec, x0: float, width: float, top: float, opt: Options,
                    sheet: _Sheet, article: int, box: int | None, rng: random.Random) -> float:
    """Typeset label, kicker, title (shrunk or wrapped to fit) and subtitle; return the bottom."""
    align = rng.choice(("left", "center"))
    parts: list[tuple[str, str, float, bool]] = []
    if spec.label:
        parts.append(("label", spec.label, opt.body_size, True))
    if spec.kicker:
        parts.append(("kicker", spec.kicker, round(opt.body_size * 1.5), False))
    title_size = (round(opt.body_size * 1.6) if spec.sidebar
                  else rng.choice((2.4, 2.8, 3.2)) * opt.body_size)
    parts.append(("title", spec.title, title_size, True))
    if spec.subtitle:
        parts.append(("subtitle", spec.subtitle, round(opt.body_size * 1.4), False))
    y = top
    for role, text, size, bold in parts:
        if role == "title":
            size = _fit_size(text, width, size, max(opt.body_size * 1.8, size * 0.6))
        sheet.blocks.append(TruthBlock(text, role, article, box))
        for chunk in _wrap(text, width, size, 0.0):
            y += size * 1.25
            line = _Line(chunk, size, bold, False, True, len(sheet.blocks) - 1,
                         align=align if role != "label" else "left")
            _place_line(line, x0, width, y - size * 0.22, opt, sheet)
    return y + STACK_GAP


def _set_article(spec: ArticleSpec, x0: float, width: float, columns: int, top: float,
                 height: float, opt: Options, sheet: _Sheet, article: int, box: int | None,
                 rng: random.Random) -> float:
    """Set one article into a region; return the height it used."""
    y = _headline_stack(spec, x0, width, top, opt, sheet, article, box, rng)
    col_w = (width - (columns - 1) * GUTTER) / columns
    lines = _body_lines(spec, col_w, opt, sheet, article, box)
    pitch = opt.body_size * LEADING
    per_column = max(1, int((top + height - y) // pitch))
    if len(lines) > per_column * columns:
        lines = _truncate(lines, per_column * columns - 1, sheet, article, box, opt)
    per_column = min(per_column, math.ceil(len(lines) / columns))
    for i, line in enumerate(lines):
        col, row = divmod(i, per_column)
        baseline = y + (row + 1) * pitch - opt.body_size * 0.3
        _place_line(line, x0 + col * (col_w + GUTTER), col_w, baseline, opt, sheet)
    return y + per_column * pitch - top


def _truncate(lines: list[_Line], keep: int, sheet: _Sheet, article: int, box: int | None,
              opt: Options) -> list[_Line]:
    """Cut the body after `keep` lines, shorten the truth and add the jump line."""
    kept = lines[:keep]
    last_block = kept[-1].block
    mine = [line for line in kept if line.block == last_block]
    text = "".join(line.chars for line in mine)
    old = sheet.blocks[last_block]
    if old.role == "body":  # a bold lead byline printed in the same lines is its own block
        text = text[sum(len(t) for line in mine for t, bold in line.runs if bold):]
    sheet.blocks[last_block] = TruthBlock(text, old.role, old.article, old.box)
    del sheet.blocks[last_block + 1:]
    kept[-1].last = True
    jump = f"（下转{opt.jump_page}）"
    sheet.blocks.append(TruthBlock(jump, "continuation", article, box))
    kept.append(_Line(jump, opt.body_size, False, False, True, len(sheet.blocks) - 1,
                      align="right"))
    return kept


def _partitions(columns: int, rng: random.Random) -> list[int]:
    """Split the grid into 1-3 runs of at least two columns."""
    options = [[columns]]
    for a in range(2, columns - 1):
        options.append([a, columns - a])
    if columns >= 6:
        options.append([2, columns - 4, 2])
    return rng.choice(options)


def _furniture(opt: Options, sheet: _Sheet, size: tuple[float, float]) -> None:
    w, h = size
    top = MARGIN + 20.0
    header = [(opt.paper, MARGIN), (opt.date_line, w / 2 - 60.0),
              (f"第{opt.page_label}版", w - MARGIN - 60.0)]
    for text, x in header:
        sheet.blocks.append(TruthBlock(text, "furniture", None))
        sheet.runs.append(_Run(x, top, 12.0, text))
    sheet.rules.append(_Rule(MARGIN, MARGIN + HEADER_HEIGHT - 10, w - MARGIN,
                             MARGIN + HEADER_HEIGHT - 10))


def _footer(opt: Options, sheet: _Sheet, size: tuple[float, float]) -> None:
    w, h = size
    y = h - MARGIN - FOOTER_HEIGHT + 8
    sheet.rules.append(_Rule(MARGIN, y, w - MARGIN, y))
    text = "责编：周明远　版式：韩小溪　校对：宋立"
    sheet.blocks.append(TruthBlock(text, "furniture", None))
    sheet.runs.append(_Run(MARGIN, y + 16.0, 8.0, text))


def layout(articles: Sequence[ArticleSpec], opt: Options,
           size: tuple[float, float] = A3) -> tuple[_Sheet, int]:
    """Place articles band by band; return the sheet and how many articles were used."""
    rng = random.Random(opt.seed)
    sheet = _Sheet()
    _furniture(opt, sheet, size)
    w, h = size
    left, right = MARGIN, w - MARGIN
    bottom = h - MARGIN - FOOTER_HEIGHT
    col_w = (right - left - (opt.columns - 1) * GUTTER) / opt.columns
    y = MARGIN + HEADER_HEIGHT
    used = 0
    box = 0
    while used < len(articles) and bottom - y >= MIN_BAND:
        groups = _partitions(opt.columns, rng)
        groups = groups[: len(articles) - used]
        band_height = bottom - y
        if used + len(groups) < len(articles):
            band_height = min(band_height, rng.uniform(0.25, 0.45) * (bottom - MARGIN))
        c0 = 0
        used_height = 0.0
        for n in groups:
            spec = articles[used]
            x0 = left + c0 * (col_w + GUTTER)
            width = n * col_w + (n - 1) * GUTTER
            if not opt.rules:  # without rules, designers set articles apart by extra space
                inset_left = ARTICLE_INSET if c0 > 0 else 0.0
                inset_right = ARTICLE_INSET if c0 + n < opt.columns else 0.0
                x0, width = x0 + inset_left, width - inset_left - inset_right
            if spec.sidebar:
                box += 1
                inner = width - 2 * BOX_PAD
                got = _set_article(spec, x0 + BOX_PAD, inner, max(1, n // 2), y + BOX_PAD,
                                   band_height - 2 * BOX_PAD, opt, sheet, used, box, rng)
                got += 2 * BOX_PAD
                sheet.rules.append(_Rule(x0, y, x0 + width, y + got, box=True))
            else:
                got = _set_article(spec, x0, width, n, y, band_height, opt, sheet, used,
                                   None, rng)
            used_height = max(used_height, got)
            if opt.rules and c0 > 0:
                xr = x0 - GUTTER / 2
                sheet.rules.append(_Rule(xr, y, xr, y + band_height))
            c0 += n
            used += 1
        if opt.rules and c0:
            for r in sheet.rules:
                if not r.box and r.x0 == r.x1 and r.y1 == y + band_height:
                    r.y1 = y + used_height
        y += used_height + BAND_GAP
        if opt.rules and used < len(articles) and bottom - y >= MIN_BAND:
            sheet.rules.append(_Rule(left, y - BAND_GAP / 2, right, y - BAND_GAP / 2))
    _footer(opt, sheet, size)
    return sheet, used


def _ordered_runs(runs: list[_Run], order: str, rng: random.Random) -> list[_Run]:
    if order == "reading":
        return list(runs)
    if order == "row":
        return sorted(runs, key=lambda r: (round(r.baseline), r.x))
    pieces: list[_Run] = []
    for run in runs:
        # Cut each run into pieces of one to a few characters, as e-paper
        # systems that position glyph by glyph do.
        cuts = sorted(rng.sample(range(1, len(run.text)), (len(run.text) - 1) // 3))
        x = run.x
        start = 0
        for end in [*cuts, len(run.text)]:
            part = run.text[start:end]
            pieces.append(_Run(x, run.baseline, run.size, part, run.char_space, run.bold))
            x += sum(char_width(c, run.size) for c in part) + run.char_space * len(part)
            start = end
    rng.shuffle(pieces)
    return pieces


def render(sheet: _Sheet, opt: Options, size: tuple[float, float] = A3) -> bytes:
    """Write the sheet as a PDF page in the order the options ask for."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    if opt.ocr_layer:
        _draw_scan(c, sheet, opt, size)
    else:
        _draw(c, sheet, opt, size)
    c.showPage()
    c.save()
    return buf.getvalue()


# Resolution of the imitated scan: 150 dpi, as archives scan microfilm and paper.
SCAN_SCALE = 150 / 72


def _draw_scan(c: canvas.Canvas, sheet: _Sheet, opt: Options, size: tuple[float, float]) -> None:
    from reportlab.lib.utils import ImageReader

    from banmian.pdf import render_page

    png = render_page(render(sheet, replace(opt, ocr_layer=False), size), 0, SCAN_SCALE)
    c.drawImage(ImageReader(io.BytesIO(png)), 0, 0, width=size[0], height=size[1])
    name = font_name()
    rng = random.Random(opt.seed + 1)
    for run in _ordered_runs(sheet.runs, opt.order, rng):
        t = c.beginText()
        t.setTextRenderMode(3)  # invisible: OCR text over the image
        t.setFont(name, run.size)
        t.setTextOrigin(run.x, size[1] - run.baseline)
        t.setCharSpace(run.char_space)
        t.textOut(run.text)
        c.drawText(t)


def _draw(c: canvas.Canvas, sheet: _Sheet, opt: Options, size: tuple[float, float]) -> None:
    h = size[1]
    rng = random.Random(opt.seed + 1)
    c.setLineWidth(0.6)
    for r in sheet.rules:
        if r.box:
            c.rect(r.x0, h - r.y1, r.x1 - r.x0, r.y1 - r.y0, stroke=1, fill=0)
        else:
            c.line(r.x0, h - r.y0, r.x1, h - r.y1)
    name = font_name()
    for run in _ordered_runs(sheet.runs, opt.order, rng):
        c.saveState()  # the render mode is graphics state: restore it after a bold run
        t = c.beginText()
        if run.bold:
            t.setTextRenderMode(2)  # fill and stroke: the usual fake bold
            c.setLineWidth(run.size * 0.04)
        if opt.matrix_scaling:
            t.setFont(name, 1)
            t.setTextTransform(run.size, 0, 0, run.size, run.x, h - run.baseline)
            t.setCharSpace(run.char_space / run.size)
        else:
            t.setFont(name, run.size)
            t.setTextOrigin(run.x, h - run.baseline)
            t.setCharSpace(run.char_space)
        t.textOut(run.text)
        c.drawText(t)
        c.restoreState()


def make_page(articles: Sequence[ArticleSpec], opt: Options,
              size: tuple[float, float] = A3) -> tuple[bytes, PageTruth, int]:
    """Typeset a page; return the PDF bytes, the truth and how many articles fit."""
    sheet, used = layout(articles, opt, size)
    truth = PageTruth(tuple(b for b in sheet.blocks if b.text), size)
    return render(sheet, opt, size), truth, used


def make_document(pages: Iterable[tuple[Sequence[ArticleSpec], Options]],
                  size: tuple[float, float] = A3) -> bytes:
    """Several typeset pages in one PDF (for multi-page and progress tests)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    for articles, opt in pages:
        sheet, _ = layout(articles, opt, size)
        _draw(c, sheet, opt, size)
        c.showPage()
    c.save()
    return buf.getvalue()


# --- invented sample text -------------------------------------------------

PLACES = ("青溪市", "云岭县", "白沙镇", "南湖区", "石门乡", "东江新区", "北坡村", "柳塘街道")
SUBJECTS = ("市农业农村局", "县文旅中心", "区教育局", "镇卫生院", "新能源产业园", "市交通集团",
            "河道管护队", "社区服务站", "供销合作社", "市图书馆")
ACTIONS = ("启动了", "完成了", "推进", "优化", "扩建了", "试点", "升级了", "统筹安排")
OBJECTS = ("乡村公路改造工程", "智慧菜场项目", "老旧小区供水管网", "冬季送医下乡活动",
           "5G基站建设", "夜间公交线路", "河湖生态修复", "青少年阅读计划", "农产品冷链仓储",
           "App线上预约服务")
TAILS = ("惠及群众约{n}万人", "累计投入资金{n}亿元", "覆盖{n}个行政村", "比去年同期增长{n}%",
         "预计{m}月底全面完工", "共接待市民{n}万人次")
NAMES = ("王立群", "陈晓舟", "刘青禾", "赵一鸣", "孙蔓", "周嘉木", "吴思远", "郑可欣", "冯栎")


def _sentence(rng: random.Random) -> str:
    tail = rng.choice(TAILS).format(n=round(rng.uniform(1, 99), rng.choice((0, 1))),
                                    m=rng.randint(1, 12))
    return (f"{rng.choice(PLACES)}{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}"
            f"{rng.choice(OBJECTS)}，{tail}。")


def _paragraph(rng: random.Random) -> str:
    text = "".join(_sentence(rng) for _ in range(rng.randint(1, 5)))
    if rng.random() < 0.3:
        text = f"“{text[:-1]}”，{rng.choice(NAMES)}说。"
    return text


def sample_article(rng: random.Random, *, sidebar: bool = False) -> ArticleSpec:
    """An invented article with a random headline stack and byline style."""
    title = f"{rng.choice(PLACES)}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}"
    paragraphs = [_paragraph(rng) for _ in range(rng.randint(2, 7))]
    if sidebar:
        return ArticleSpec(title=title[:12], label="相关链接", paragraphs=tuple(paragraphs[:3]),
                           sidebar=True)
    headings: set[int] = set()
    if len(paragraphs) > 4 and rng.random() < 0.5:
        paragraphs.insert(3, f"{rng.choice(OBJECTS)}见成效")
        headings.add(3)
    kicker = f"{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}" \
        if rng.random() < 0.5 else None
    subtitle = f"——{rng.choice(PLACES)}{rng.choice(OBJECTS)}纪实" if rng.random() < 0.4 else None
    reporter = rng.choice(NAMES)
    style = rng.random()
    byline = lead = None
    if style < 0.4:
        byline = f"本报记者　{reporter}　通讯员　{rng.choice(NAMES)}"
    elif style < 0.8:
        lead = f"本报讯（记者　{reporter}）"
    return ArticleSpec(title=title, kicker=kicker, subtitle=subtitle, byline=byline,
                       lead_byline=lead, paragraphs=tuple(paragraphs),
                       jump_from="（上接第1版）" if rng.random() < 0.15 else None,
                       headings=frozenset(headings))


def sample_articles(rng: random.Random, count: int = 8) -> list[ArticleSpec]:
    articles = [sample_article(rng) for _ in range(count)]
    articles.insert(rng.randint(1, count - 1), sample_article(rng, sidebar=True))
    return articles


def random_options(rng: random.Random, seed: int) -> Options:
    return Options(columns=rng.randint(4, 8), order=rng.choice(ORDERS),
                   matrix_scaling=rng.random() < 0.5, indent=rng.choice(INDENTS),
                   rules=rng.random() < 0.5, seed=seed)
