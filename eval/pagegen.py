"""Page texts with known truth, made from the People's Daily dev corpus.

The corpus (``../shared/corpus/rmrb-dev.jsonl``) holds clean web-edition
articles; the parser reads PDF-extracted page text. This module turns the
articles of one (date, page) into such a page text by imitating the
artifacts of the seed page (``../shared/seeds``), and records where every
piece of truth lies in that text:

- one block per line with a blank line between (sometimes several, sometimes
  none); headline lines first, sometimes kicker and title on one line;
- full-width ``，（）：；！？`` folded to ASCII, U+00A0 kept or made a space;
- paragraphs broken into two or three lines where a column ends;
- a run of paragraphs printed twice right after itself;
- an article cut short with ``下转 ...`` and its rest on a later page after
  ``上接 ...``;
- page furniture (date header, page label and name, editors) at top/bottom.

Generation is deterministic for a given corpus, page count, seed and
:class:`Artifacts`. A fixed quarter of the corpus pages is held out
(``load_corpus(split="eval")``) for the gate; tuning and training use the rest. The corpus text is read at run time only; nothing of it
is stored in the repository.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

__all__ = [
    "CORPUS",
    "FIELD_ROLE",
    "FOLD",
    "FURNITURE_PARAGRAPH",
    "SPLITS",
    "Artifacts",
    "CorpusArticle",
    "GeneratedPage",
    "TruthArticle",
    "TruthDuplicate",
    "TruthHeadline",
    "TruthParagraph",
    "generate_pages",
    "load_corpus",
    "page_label",
    "render",
    "split_of",
]

Span = tuple[int, int]

# ../shared next to the repository: copyrighted, read at run time, never copied.
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "rmrb-dev.jsonl"

# What PDF extraction folds to ASCII in the seed page; 。、“”…—《》 stay as they are.
FOLD = str.maketrans({"，": ",", "（": "(", "）": ")", "：": ":", "；": ";", "！": "!", "？": "?"})

# The crawl shifted the headline fields: `kicker` holds the main headline line,
# `title` a second line under it (a ——subtitle or a summary), and a `subtitle`
# that is not an indented first paragraph is a further line under those.
FIELD_ROLE = {"kicker": "title", "title": "subtitle", "subtitle": "subtitle"}

# Held-out pages: anything tuned or trained on generated pages (thresholds, the
# segmenter's weights) must use split "train"; the gate scores split "eval".
SPLITS = ("all", "train", "eval")
EVAL_SHARE = 4  # one page in four is held out

# Paragraph indentation inside a corpus paragraph: paragraphs the crawl merged.
MERGED_PARAGRAPHS = re.compile(r"\s*\u3000\u3000\s*")

# The web edition files the page's layout credit as an article's last paragraph;
# in the printed page it is furniture, so the truth calls it that.
FURNITURE_PARAGRAPH = re.compile(r"^(?:版式设计|版面设计|责任编辑|本版责编|美术编辑)[：:]")

# A column break right after these is indistinguishable from a paragraph end
# in plain text, so the generator never breaks a paragraph there.
NO_BREAK_AFTER = frozenset("。！？!?；;：:…”’)）】」』")

# Invented names and section names for page furniture (not corpus text).
FURNITURE_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈"
FURNITURE_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建文斌宁浩然晨"
SECTION_NAMES = ("要闻", "综合", "国内", "国际", "经济", "社会", "文化", "体育", "评论", "理论",
                 "副刊", "地方", "专版", "视点")
WEEKDAYS = "一二三四五六日"
CN_DIGITS = "零一二三四五六七八九"

# How pages of one date label themselves (and so what continuation markers say).
LABEL_STYLES = ("letter", "chinese", "arabic")


@dataclass(frozen=True)
class Artifacts:
    """Rates of the imitated artifacts; defaults are roughly those of the seed page."""

    blank_none: float = 0.03  # two blocks on consecutive lines, no blank line
    blank_several: float = 0.07  # two or three blank lines instead of one
    leading_blank_max: int = 4  # the seed starts with four blank lines
    join_kicker_title: float = 0.15  # kicker and title on one line (seed: 1 stack in 7)
    nbsp_kept: float = 0.5  # per page: U+00A0 kept (else turned into a space)
    # One column end per this many paragraph characters, so long paragraphs break
    # more often (seed: 10 breaks in about 7,000 characters of paragraphs).
    column_chars: int = 700
    max_breaks: int = 2  # a paragraph prints as at most three lines
    duplicate_pages: float = 1 / 3  # pages with a run of paragraphs printed twice
    duplicate_run_weights: tuple[float, ...] = (0.6, 0.3, 0.1)  # run of 1, 2, 3 paragraphs
    continuation_pages: float = 0.3  # pages with an article continued on a later page
    continuation_mid_paragraph: float = 0.5  # the cut falls inside a paragraph
    continuation_headline: float = 0.5  # the continued part repeats the headline lines
    header_pages: float = 0.5  # date/label/name header at the top
    footer_pages: float = 0.5  # editors line at the bottom


@dataclass(frozen=True)
class CorpusArticle:
    key: str  # "date/page/seq"
    date: str
    page: int
    headlines: tuple[tuple[str, str], ...]  # (corpus field, text), stripped
    paragraphs: tuple[str, ...]  # U+3000 and surrounding whitespace stripped
    furniture: tuple[str, ...] = ()  # layout credits filed as paragraphs (版式设计：...)


@dataclass(frozen=True)
class TruthHeadline:
    field: str  # the corpus field it came from: kicker | title | subtitle
    role: str  # FIELD_ROLE[field]
    text: str  # original full-width text
    span: Span


@dataclass(frozen=True)
class TruthParagraph:
    text: str  # original full-width text
    spans: tuple[Span, ...]  # one per printed line (broken paragraphs have several)


@dataclass(frozen=True)
class TruthDuplicate:
    paragraphs: tuple[int, ...]  # indices into the article's paragraphs
    spans: tuple[Span, ...]  # the second copy


@dataclass(frozen=True)
class TruthArticle:
    key: str
    headlines: tuple[TruthHeadline, ...]
    paragraphs: tuple[TruthParagraph, ...]
    duplicates: tuple[TruthDuplicate, ...] = ()
    continued_to: str | None = None  # page label, e.g. "A2", "第四版", "第2版"
    continued_from: str | None = None
    markers: tuple[Span, ...] = ()  # the 下转/上接 lines


@dataclass(frozen=True)
class GeneratedPage:
    id: str
    date: str
    label: str
    text: str
    nbsp_kept: bool
    articles: tuple[TruthArticle, ...]
    furniture: tuple[Span, ...] = ()

    def units(self) -> Iterator[tuple[str, Span]]:
        """Every truth unit of the page as (kind, span); together they cover the text."""
        for a in self.articles:
            for h in a.headlines:
                yield "headline", h.span
            for p in a.paragraphs:
                for s in p.spans:
                    yield "paragraph", s
            for d in a.duplicates:
                for s in d.spans:
                    yield "duplicate", s
            for s in a.markers:
                yield "continuation", s
        for s in self.furniture:
            yield "furniture", s

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "label": self.label,
            "nbsp_kept": self.nbsp_kept,
            "furniture": [list(s) for s in self.furniture],
            "articles": [
                {
                    "key": a.key,
                    "headlines": [{"field": h.field, "role": h.role, "text": h.text,
                                   "span": list(h.span)} for h in a.headlines],
                    "paragraphs": [{"text": p.text, "spans": [list(s) for s in p.spans]}
                                   for p in a.paragraphs],
                    "duplicates": [{"paragraphs": list(d.paragraphs),
                                    "spans": [list(s) for s in d.spans]} for d in a.duplicates],
                    "continued_to": a.continued_to,
                    "continued_from": a.continued_from,
                    "markers": [list(s) for s in a.markers],
                }
                for a in self.articles
            ],
            "text": self.text,
        }


def render(text: str, nbsp_kept: bool) -> str:
    """How a piece of corpus text is printed in the page text (same length)."""
    folded = text.translate(FOLD)
    return folded if nbsp_kept else folded.replace("\u00a0", " ")


# --- reading the corpus ------------------------------------------------------


def _article_from_row(row: dict[str, Any]) -> CorpusArticle:
    headlines: list[tuple[str, str]] = []
    paragraphs: list[str] = []
    for name in ("kicker", "title"):
        if row[name].strip():
            headlines.append((name, row[name].strip()))
    subtitle = row["subtitle"]
    if subtitle.startswith("\u3000"):
        paragraphs.append(subtitle)
    elif subtitle.strip():
        headlines.append(("subtitle", subtitle.strip()))
    paragraphs.extend(row["paragraphs"])
    pieces = [piece.strip() for p in paragraphs for piece in MERGED_PARAGRAPHS.split(p)]
    return CorpusArticle(
        key=f"{row['date']}/{row['page']}/{row['seq']}",
        date=row["date"],
        page=int(row["page"]),
        headlines=tuple(headlines),
        paragraphs=tuple(p for p in pieces if p and not FURNITURE_PARAGRAPH.match(p)),
        furniture=tuple(p for p in pieces if FURNITURE_PARAGRAPH.match(p)),
    )


def split_of(date: str, page: int) -> str:
    """``eval`` for a fixed quarter of the corpus pages (by hash), ``train`` for the rest."""
    digest = hashlib.sha256(f"{date}/{page}".encode()).digest()
    return "eval" if digest[0] % EVAL_SHARE == 0 else "train"


def load_corpus(path: Path = CORPUS, split: str = "all") -> dict[
        tuple[str, int], tuple[CorpusArticle, ...]]:
    """Articles grouped by (date, page), in page order; articles without text are left out.

    ``split``: ``all``, or only the ``eval`` or ``train`` pages (see :func:`split_of`).
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    pages: dict[tuple[str, int], list[CorpusArticle]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                article = _article_from_row(json.loads(line))
                if article.paragraphs and split in ("all", split_of(article.date, article.page)):
                    pages.setdefault((article.date, article.page), []).append(article)
    return {k: tuple(v) for k, v in sorted(pages.items())}


# --- page labels, markers, furniture -----------------------------------------


def _chinese_number(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def _label_style(date: str, seed: int) -> str:
    return LABEL_STYLES[(int(date.replace("-", "")) + seed) % len(LABEL_STYLES)]


def page_label(style: str, number: int) -> str:
    if style == "letter":
        return f"A{number}"
    if style == "chinese":
        return f"第{_chinese_number(number)}版"
    return f"第{number}版"


def _marker(style: str, verb: str, number: int) -> str:
    """``下转 A2版`` / ``(下转第四版)`` / ``(下转第2版)``; verb is 下转 or 上接."""
    if style == "letter":
        return f"{verb} A{number}版"
    return f"({verb}{page_label(style, number)})"


def _name(rng: random.Random) -> str:
    given = "".join(rng.choice(FURNITURE_GIVEN) for _ in range(rng.choice((1, 2))))
    return rng.choice(FURNITURE_SURNAMES) + given


def _header_lines(rng: random.Random, date: str, label: str) -> list[str]:
    d = dt.date.fromisoformat(date)
    day = f"{d.year}年{d.month}月{d.day}日 星期{WEEKDAYS[d.weekday()]}"
    section = f"{label} {rng.choice(SECTION_NAMES)}"
    if rng.random() < 0.5:
        return [day, section]
    return [f"{day}  {section}"]


def _footer_line(rng: random.Random) -> str:
    editor, designer = _name(rng), _name(rng)
    forms = (f"责任编辑:{editor} 版式设计:{designer}", f"本版责编:{editor}",
             f"责任编辑:{editor}  美术编辑:{designer}")
    return rng.choice(forms)


# --- planning: which article goes where, cut, duplicated ---------------------


@dataclass(frozen=True)
class _Plan:
    article: CorpusArticle
    paragraphs: tuple[str, ...]
    show_headlines: bool = True
    continued_to: str | None = None
    continued_from: str | None = None
    to_marker: str | None = None
    from_marker: str | None = None
    duplicate: tuple[int, int] | None = None  # (first paragraph, run length)


@dataclass
class _PagePlan:
    key: tuple[str, int]
    style: str
    label: str
    plans: list[_Plan] = field(default_factory=list)


def _break_positions(text: str) -> list[int]:
    """Offsets where a line may end inside ``text``: between two printing characters,
    not after sentence-final punctuation."""
    return [
        k for k in range(1, len(text))
        if not text[k - 1].isspace() and not text[k].isspace() and text[k - 1] not in NO_BREAK_AFTER
    ]


def _cut(rng: random.Random, art: Artifacts, paragraphs: Sequence[str]) -> tuple[
        tuple[str, ...], tuple[str, ...]] | None:
    """Split an article's paragraphs into the part printed here and the rest."""
    if len(paragraphs) < 2:
        return None
    k = rng.randrange(1, len(paragraphs))
    head, tail = list(paragraphs[:k]), list(paragraphs[k:])
    if rng.random() < art.continuation_mid_paragraph:
        positions = _break_positions(tail[0])
        if positions:
            at = rng.choice(positions)
            head.append(tail[0][:at])
            tail[0] = tail[0][at:]
    return tuple(head), tuple(tail)


def _plan_continuations(rng: random.Random, art: Artifacts, pages: list[_PagePlan]) -> None:
    for i, source in enumerate(pages):
        later = [p for p in pages[i + 1:] if p.key[0] == source.key[0]]
        if not later or rng.random() >= art.continuation_pages:
            continue
        target = rng.choice(later)
        candidates = [j for j, p in enumerate(source.plans)
                      if p.continued_from is None and p.continued_to is None
                      and len(p.paragraphs) >= 2]
        if not candidates:
            continue
        j = rng.choice(candidates)
        plan = source.plans[j]
        cut = _cut(rng, art, plan.paragraphs)
        if cut is None:
            continue
        head, tail = cut
        source.plans[j] = replace(
            plan, paragraphs=head, continued_to=target.label,
            to_marker=_marker(source.style, "下转", target.key[1]))
        rest = _Plan(
            article=plan.article, paragraphs=tail,
            show_headlines=rng.random() < art.continuation_headline,
            continued_from=source.label, from_marker=_marker(target.style, "上接", source.key[1]))
        target.plans.insert(rng.randrange(len(target.plans) + 1), rest)


def _plan_duplicate(rng: random.Random, art: Artifacts, page: _PagePlan) -> None:
    if rng.random() >= art.duplicate_pages:
        return
    candidates = [j for j, p in enumerate(page.plans)
                  if p.continued_to is None and p.continued_from is None]
    if not candidates:
        return
    j = rng.choice(candidates)
    plan = page.plans[j]
    n = len(plan.paragraphs)
    length = min(n, rng.choices(range(1, len(art.duplicate_run_weights) + 1),
                                art.duplicate_run_weights)[0])
    page.plans[j] = replace(plan, duplicate=(rng.randrange(n - length + 1), length))


# --- rendering ---------------------------------------------------------------


class _Writer:
    """Appends blocks to the page text and tells where each landed."""

    def __init__(self, rng: random.Random, art: Artifacts):
        self.rng = rng
        self.art = art
        self.parts: list[str] = ["\n" * rng.randint(0, art.leading_blank_max)]
        self.pos = len(self.parts[0])
        self.empty = True

    def add(self, s: str) -> Span:
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return start, self.pos

    def block(self, s: str) -> Span:
        """Write ``s`` as a new block (its own line, a separator before it)."""
        if not self.empty:
            r = self.rng.random()
            if r < self.art.blank_none:
                self.add("\n")
            elif r < self.art.blank_none + self.art.blank_several:
                self.add("\n" * self.rng.randint(3, 4))
            else:
                self.add("\n\n")
        self.empty = False
        return self.add(s)

    def text(self) -> str:
        return "".join(self.parts) + ("\n" if self.rng.random() < 0.5 else "")


def _pieces(rng: random.Random, art: Artifacts, text: str) -> list[str]:
    """``text`` as printed lines: whole, or broken where a column ended."""
    expected = len(text) / art.column_chars
    count = min(art.max_breaks, int(expected) + (rng.random() < expected % 1))
    positions = _break_positions(text)
    if count == 0 or len(positions) < count:
        return [text]
    cuts = sorted(rng.sample(positions, count))
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _write_headlines(w: _Writer, art: Artifacts, a: CorpusArticle,
                     nbsp_kept: bool) -> list[TruthHeadline]:
    out: list[TruthHeadline] = []
    lines = list(a.headlines)
    joined = (len(lines) >= 2 and lines[0][0] == "kicker" and lines[1][0] == "title"
              and not any(c.isspace() for c in lines[0][1])
              and w.rng.random() < art.join_kicker_title)
    for i, (name, text) in enumerate(lines):
        printed = render(text, nbsp_kept)
        if joined and i == 1:
            w.add(" ")
            span = w.add(printed)
        else:
            span = w.block(printed)
        out.append(TruthHeadline(field=name, role=FIELD_ROLE[name], text=text, span=span))
    return out


def _write_article(w: _Writer, art: Artifacts, plan: _Plan, nbsp_kept: bool) -> TruthArticle:
    markers: list[Span] = []
    if plan.from_marker:
        markers.append(w.block(plan.from_marker))
    headlines = _write_headlines(w, art, plan.article, nbsp_kept) if plan.show_headlines else []
    paragraphs: list[TruthParagraph] = []
    printed: list[list[str]] = []
    duplicates: list[TruthDuplicate] = []
    for i, text in enumerate(plan.paragraphs):
        lines = _pieces(w.rng, art, render(text, nbsp_kept))
        printed.append(lines)
        paragraphs.append(TruthParagraph(text=text, spans=tuple(w.block(s) for s in lines)))
        if plan.duplicate and i == sum(plan.duplicate) - 1:
            first = plan.duplicate[0]
            spans = tuple(w.block(s) for lines in printed[first:i + 1] for s in lines)
            duplicates.append(TruthDuplicate(paragraphs=tuple(range(first, i + 1)), spans=spans))
    if plan.to_marker:
        markers.append(w.block(plan.to_marker))
    return TruthArticle(
        key=plan.article.key, headlines=tuple(headlines), paragraphs=tuple(paragraphs),
        duplicates=tuple(duplicates), continued_to=plan.continued_to,
        continued_from=plan.continued_from, markers=tuple(markers))


def _render_page(rng: random.Random, art: Artifacts, page: _PagePlan) -> GeneratedPage:
    date, number = page.key
    nbsp_kept = rng.random() < art.nbsp_kept
    w = _Writer(rng, art)
    furniture: list[Span] = []
    if rng.random() < art.header_pages:
        furniture.extend(w.block(s) for s in _header_lines(rng, date, page.label))
    articles = []
    for plan in page.plans:
        articles.append(_write_article(w, art, plan, nbsp_kept))
        if plan.continued_from is None:
            furniture.extend(w.block(render(s, nbsp_kept)) for s in plan.article.furniture)
    if rng.random() < art.footer_pages:
        furniture.append(w.block(_footer_line(rng)))
    return GeneratedPage(
        id=f"{date}/{number:02d}", date=date, label=page.label, text=w.text(),
        nbsp_kept=nbsp_kept, articles=tuple(articles), furniture=tuple(furniture))


def generate_pages(
    corpus: dict[tuple[str, int], tuple[CorpusArticle, ...]],
    n: int,
    seed: int,
    artifacts: Artifacts | None = None,
) -> list[GeneratedPage]:
    """``n`` pages (at most one per corpus page), chosen and rendered from ``seed``."""
    art = artifacts or Artifacts()
    rng = random.Random(seed)
    keys = list(corpus)
    chosen = sorted(rng.sample(range(len(keys)), min(n, len(keys))))
    pages: list[_PagePlan] = []
    for i in chosen:
        date, number = keys[i]
        style = _label_style(date, seed)
        pages.append(_PagePlan(key=(date, number), style=style, label=page_label(style, number),
                               plans=[_Plan(article=a, paragraphs=a.paragraphs)
                                      for a in corpus[keys[i]]]))
    _plan_continuations(rng, art, pages)
    for page in pages:
        _plan_duplicate(rng, art, page)
    return [_render_page(rng, art, page) for page in pages]
