"""The page pipeline: one function shows the order of the stages.

decode → lines → classify → repair (units) → assemble (articles) → build the
model (spans, punctuation, bylines) → page facts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace

from banmian.decode import decode_bytes
from banmian.errors import EmptyInputError, PdfError
from banmian.model import (
    Article,
    Block,
    Byline,
    Duplicate,
    Headline,
    Page,
    Paragraph,
    Source,
    Span,
)
from banmian.parse.assemble import Draft, assemble, page_label
from banmian.parse.byline import BylineMatch
from banmian.parse.classify import classify_lines
from banmian.parse.facts import infer_date, infer_page, infer_paper, resolve_month_day
from banmian.parse.headlines import assign_roles
from banmian.parse.hints import LineHint
from banmian.parse.lines import STRIP_CHARS, split_glued_markers, split_lines
from banmian.parse.patterns import MASTHEAD_LEAD_RE
from banmian.parse.punct import restore_punctuation
from banmian.parse.repair import Unit, build_units

__all__ = ["parse_page", "parse_text"]

# What a page of only these characters holds: nothing (the characters lines are
# stripped of, and those that break lines). Python's own strip() also takes
# the control characters \x1c-\x1f, which split_lines keeps as text.
BLANK_CHARS = STRIP_CHARS + "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# PDF files start with this within their first kilobyte.
PDF_MAGIC = b"%PDF-"
PDF_MAGIC_WINDOW = 1024

HEADER_LABEL_RE = re.compile(
    r"(?:^|\s)(?:第\s*(\d{1,3}|[一二三四五六七八九十百零〇]{1,4})\s*版|([A-Z]\d{1,2})版?)(?:\s|$)")


def _clean(text: str, keep_punct: bool) -> str:
    return text if keep_punct else restore_punctuation(text)


def _strip_span(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in STRIP_CHARS:
        start += 1
    while end > start and text[end - 1] in STRIP_CHARS:
        end -= 1
    return start, end


class _Builder:
    """Turns drafts into model objects and the page's block partition."""

    def __init__(self, text: str, keep_punct: bool, reference: dt.date | None):
        self.text = text
        self.keep_punct = keep_punct
        self.reference = reference
        self.blocks: list[Block] = []

    def block(self, span: Span, role: str, article: str | None, unit: Unit | None = None) -> None:
        if span[0] < span[1]:
            hint = unit.first.hint if unit is not None else None
            self.blocks.append(Block(span, role, article, hint.bbox if hint else None))

    def unit_blocks(self, unit: Unit, role: str, article: str | None) -> list[Span]:
        spans = [(c.line.start, c.line.end) for c in unit.lines]
        for c, span in zip(unit.lines, spans, strict=True):
            self.block(span, role, article, Unit(unit.kind, (c,)))
        return spans

    def joined(self, spans: Sequence[Span]) -> str:
        return _clean("".join(self.text[s:e] for s, e in spans), self.keep_punct)

    def headlines(self, draft: Draft, aid: str) -> list[Headline]:
        hinted = [u.first.hint.role if u.first.hint else None for u in draft.headlines]
        roles = assign_roles([u.text for u in draft.headlines], hinted)
        out = []
        for unit, parts in zip(draft.headlines, roles, strict=True):
            base = unit.first.line.start
            for part in parts:
                span = _strip_span(self.text, base + part.start, base + part.end)
                self.block(span, part.role, aid, unit)
                out.append(Headline(part.role, self.joined([span]), span))
        return out

    def byline(self, unit: Unit, match: BylineMatch, aid: str) -> tuple[Byline, Span]:
        line = unit.first.line
        span = _strip_span(self.text, line.start, line.start + match.end)
        self.block(span, "byline", aid, unit)
        date = None
        if match.month is not None and match.day is not None and self.reference is not None:
            resolved = resolve_month_day(match.month, match.day, self.reference)
            date = resolved.isoformat() if resolved else None
        elif match.day is not None and self.reference is not None:
            resolved = resolve_month_day(self.reference.month, match.day, self.reference)
            date = resolved.isoformat() if resolved else None
        byline = Byline(
            text=_clean(self.text[span[0]:span[1]], self.keep_punct), span=span,
            source=match.source, agency=match.agency, place=match.place, date=date,
            reporters=match.reporters, correspondents=match.correspondents,
            photographers=match.photographers,
        )
        return byline, span

    def paragraph(self, unit: Unit, role: str, aid: str, skip_to: int | None) -> Paragraph | None:
        spans: list[Span] = []
        for c in unit.lines:
            start = c.line.start
            if skip_to is not None and c is unit.first:
                start = skip_to
            span = _strip_span(self.text, start, c.line.end)
            if span[0] < span[1]:
                spans.append(span)
                self.block(span, role, aid, Unit(unit.kind, (c,)))
        if not spans:
            return None
        bbox = unit.first.hint.bbox if unit.first.hint else None
        return Paragraph(self.joined(spans), role, tuple(spans), bbox)

    def article(self, draft: Draft, aid: str, related: str | None) -> Article:
        headlines = self.headlines(draft, aid)
        byline = None
        byline_end: dict[int, int] = {}
        if draft.byline is not None:
            unit, match = draft.byline
            byline, span = self.byline(unit, match, aid)
            byline_end[id(unit)] = span[1]
        for unit in draft.labels:
            self.unit_blocks(unit, "label", aid)
        paragraphs = []
        for unit, role in draft.body:
            p = self.paragraph(unit, role, aid, byline_end.get(id(unit)))
            if p is not None:
                paragraphs.append(p)
        duplicates = []
        for unit in draft.duplicates:
            spans = self.unit_blocks(unit, "duplicate", aid)
            duplicates.append(Duplicate(self.joined(spans), tuple(spans)))
        continued_to = continued_from = None
        for unit, direction, label in draft.jumps:
            self.unit_blocks(unit, "continuation", aid)
            if direction == "to":
                continued_to = label
            else:
                continued_from = label
        title = next((h.text for h in headlines if h.role == "title"), "")
        kicker = next((h.text for h in headlines if h.role == "kicker"), None)
        return Article(
            id=aid, kind=draft.kind, title=title, kicker=kicker,
            subtitles=tuple(h.text for h in headlines if h.role == "subtitle"),
            headlines=tuple(headlines), byline=byline, paragraphs=tuple(paragraphs),
            continued_to=continued_to, continued_from=continued_from,
            related_to=(related,) if related else (), duplicates=tuple(duplicates),
        )


def _header_labels(units: Sequence[Unit]) -> list[str]:
    labels = []
    for unit in units:
        m = HEADER_LABEL_RE.search(unit.text)
        if m:
            labels.append(page_label(m.group(1)) if m.group(1) else m.group(2))
    return labels


def parse_text(
    text: str,
    *,
    source: Source,
    paper: str | None = None,
    date: str | None = None,
    page: str | None = None,
    hints: Sequence[LineHint] | None = None,
    keep_punct: bool = False,
) -> Page:
    """Parse decoded page text into a :class:`Page` (the stages, in order)."""
    lines = split_glued_markers(split_lines(text))
    classified = classify_lines(lines, {h.span[0]: h for h in hints} if hints else None)
    units = build_units(classified)
    drafts, furniture = assemble(units)

    sources = [d.byline[1].source for d in drafts if d.byline and d.byline[1].source]
    dateline_days = [
        (m.month, m.day) for d in drafts if d.byline
        for m in [d.byline[1]] if m.month is not None and m.day is not None
    ]
    inferred = {
        "paper": infer_paper(paper, sources,
                             [m[1] for u in furniture for m in [MASTHEAD_LEAD_RE.match(u.text)]
                              if m]),
        "date": infer_date(date, text, dateline_days, "\n".join(u.text for u in furniture)),
        "page": infer_page(
            page,
            [label for d in drafts for _, way, label in d.jumps if way == "to"],
            [label for d in drafts for _, way, label in d.jumps if way == "from"],
            _header_labels(furniture),
        ),
    }
    issue_date = inferred["date"].value
    reference = dt.date.fromisoformat(issue_date) if issue_date else None

    builder = _Builder(text, keep_punct, reference)
    ids = [f"a{n}" for n in range(1, len(drafts) + 1)]
    articles = [
        builder.article(d, aid, ids[d.related_to] if d.related_to is not None else None)
        for d, aid in zip(drafts, ids, strict=True)
    ]
    for unit in furniture:
        builder.unit_blocks(unit, "furniture", None)
    warnings = _warnings(articles)
    return Page(
        text=text, source=source, paper=inferred["paper"].value, date=issue_date,
        page=inferred["page"].value, articles=tuple(articles),
        blocks=tuple(sorted(builder.blocks, key=lambda b: b.span)),
        warnings=tuple(warnings), inferred=inferred,
    )


def _warnings(articles: Sequence[Article]) -> list[str]:
    warnings = []
    if articles and not any(a.title for a in articles):
        warnings.append("no headline found: the text is kept as untitled articles")
    elif articles and not articles[0].title:
        warnings.append("text before the first headline is kept as an untitled article "
                        "(probably continued from another page)")
    return warnings


def parse_page(
    text_or_bytes: str | bytes,
    *,
    paper: str | None = None,
    date: str | None = None,
    page: str | None = None,
    name: str | None = None,
    keep_punct: bool = False,
) -> Page:
    """Parse one newspaper page given as text, as bytes in any supported encoding,
    or as the bytes of a one-page PDF (``banmian.pdf.parse_pdf`` reads longer ones)."""
    if isinstance(text_or_bytes, bytes) and PDF_MAGIC in text_or_bytes[:PDF_MAGIC_WINDOW]:
        from banmian.pdf import parse_pdf

        pages = parse_pdf(text_or_bytes, name=name, paper=paper, date=date, page=page,
                          keep_punct=keep_punct)
        if len(pages) != 1:
            raise PdfError(f"{len(pages)} pages: use banmian.pdf.parse_pdf for several",
                           path=name or "<bytes>")
        return pages[0]
    note = None
    if isinstance(text_or_bytes, bytes):
        data = text_or_bytes
        text, encoding, note = decode_bytes(data, name or "<bytes>")
    else:
        text, encoding = text_or_bytes, "utf-8"
        data = text.encode("utf-8", "surrogatepass")
        if not text.strip(BLANK_CHARS):
            raise EmptyInputError("empty input: no text to parse", path=name or "<text>")
    source = Source(name=name or "<text>", sha256=hashlib.sha256(data).hexdigest(),
                    encoding=encoding)
    parsed = parse_text(text, source=source, paper=paper, date=date, page=page,
                        keep_punct=keep_punct)
    return replace(parsed, warnings=(note, *parsed.warnings)) if note else parsed

