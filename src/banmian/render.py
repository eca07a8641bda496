"""Readable views of a parsed page: plain text and Markdown."""

from __future__ import annotations

import re

from banmian.model import Article, Byline, Page

__all__ = ["to_markdown", "to_text"]

ROLE_LABELS = {"kicker": "引题", "title": "主题", "subtitle": "副题"}
LINE_BREAK_RE = re.compile(r"\s*\n\s*")
ENTITY_LABELS = {"person": "人物", "title": "职务", "organization": "机构", "place": "地点",
                 "date": "日期", "figure": "数字"}


def _byline_fields(byline: Byline) -> str:
    fields = []
    for label, value in (("来源", byline.source), ("通讯社", byline.agency), ("地点", byline.place),
                         ("日期", byline.date)):
        if value:
            fields.append(f"{label} {value}")
    for label, names in (("记者", byline.reporters), ("通讯员", byline.correspondents),
                         ("摄影", byline.photographers)):
        if names:
            fields.append(f"{label} {'、'.join(names)}")
    return "; ".join(fields)


def _page_header(page: Page) -> str:
    facts = []
    for key in ("paper", "date", "page"):
        inf = page.inferred.get(key)
        value = getattr(page, key)
        if value is None:
            facts.append(f"{key}: ?")
        elif inf is not None and inf.confidence < 1.0:
            facts.append(f"{key}: {value} (inferred, {inf.confidence:.0%}: {inf.evidence})")
        else:
            facts.append(f"{key}: {value}")
    return " | ".join(facts)


def _article_text(a: Article) -> list[str]:
    kind = "侧栏 sidebar" if a.kind == "sidebar" else "article"
    out = [f"━━ {a.id} · {kind}" + (f" · related to {', '.join(a.related_to)}" if a.related_to else "")]
    if a.continued_from:
        out.append(f"(上接 {a.continued_from} 版)")
    for h in a.headlines:
        out.append(f"[{ROLE_LABELS[h.role]}] {h.text}")
    if a.byline:
        out.append(f"[署名] {a.byline.text}  ⟨{_byline_fields(a.byline)}⟩")
    for p in a.paragraphs:
        out.append(f"  ■ {p.text}" if p.role == "heading" else f"  {p.text}")
    if a.continued_to:
        out.append(f"(下转 {a.continued_to} 版)")
    for d in a.duplicates:
        out.append(f"  [重复 duplicate, kept once] {d.text[:40]}…")
    if a.entities:
        grouped: dict[str, list[str]] = {}
        for e in a.entities:
            # an entity across a column break holds the break in the page text
            shown = LINE_BREAK_RE.sub("", e.text)
            grouped.setdefault(e.type, [])
            if shown not in grouped[e.type]:
                grouped[e.type].append(shown)
        for etype, texts in grouped.items():
            out.append(f"  [{ENTITY_LABELS.get(etype, etype)}] {'、'.join(texts)}")
    return out


def to_text(page: Page) -> str:
    out = [_page_header(page)]
    out += [f"warning: {w}" for w in page.warnings]
    for a in page.articles:
        out.append("")
        out += _article_text(a)
    furniture = [page.text[b.span[0]:b.span[1]] for b in page.blocks if b.role == "furniture"]
    if furniture:
        out += ["", "[版面信息 furniture] " + " / ".join(furniture)]
    return "\n".join(out) + "\n"


def to_markdown(page: Page) -> str:
    title = " · ".join(x for x in (page.paper, page.date, page.page) if x) or page.source.name
    out = [f"# {title}", ""]
    for a in page.articles:
        if a.kicker:
            out.append(f"*{a.kicker}*\n")
        out.append(f"## {a.title or '(无标题)'}" + (" 〔相关链接〕" if a.kind == "sidebar" else ""))
        out.append("")
        for s in a.subtitles:
            out.append(f"**{s}**\n")
        if a.byline:
            out.append(f"> {a.byline.text}\n")
        if a.continued_from:
            out.append(f"*(上接 {a.continued_from} 版)*\n")
        for p in a.paragraphs:
            out.append(f"### {p.text}\n" if p.role == "heading" else f"{p.text}\n")
        if a.continued_to:
            out.append(f"*(下转 {a.continued_to} 版)*\n")
    return "\n".join(out)
