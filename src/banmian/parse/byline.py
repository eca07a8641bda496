"""Bylines and datelines at the start of an article's first line.

Forms handled (patterns built from the lexicon in ``data/patterns.toml``):
``江城日报·掌上江城讯(记者/周明 通讯员/李红)``, ``江城日报综合湖东客户端讯(记者/陈明)``,
``本报讯``, ``新华社北京1月6日电``, ``本报北京1月31日电 (记者杜一菲)``,
``江城日报·掌上江城记者/旷达 通讯员/莫兰``, ``本报记者 张三 李四``,
``(记者 张三 李四)``, ``本报驻美国记者 张三``, ``文/张三 图/李四``,
``央视网消息:`` and photo credits ``张三 摄``; any of them after a mark (□本报记者 张三).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from banmian.parse.patterns import LEXICON, alternation

__all__ = ["BylineMatch", "match_byline"]

_B = LEXICON["byline"]
REPORTER_WORDS = f"(?:{_B['stationed_reporter_re']}|{alternation(_B['reporter_words'])})"
CORRESPONDENT_WORDS = alternation(_B["correspondent_words"])
SLASH_PHOTOGRAPHER_WORDS = alternation(_B["slash_photographer_words"])
SLASH_ROLE = alternation(_B["slash_reporter_words"] + _B["slash_photographer_words"])
ROLE = f"(?:{REPORTER_WORDS}|{CORRESPONDENT_WORDS})"
# Marks some papers print before a byline: □本报记者 张三.
LEADING_MARK_RE = re.compile(r"^[□■◆●▲]\s*")
HAN = "\u4e00-\u9fff"
# Two-character names are padded to the width of three in credits: 王  闽.
PADDED_NAME = rf"[{HAN}][ \u00a0\u3000]{{1,3}}[{HAN}](?!(?!摄)[{HAN}])"
# A personal name: 2-4 Han characters, a padded two-character name, or a
# transliteration joined by ·; never a role word.
# A name ends where Han text ends, or where the next role word starts
# (记者郑可欣通讯员周嘉木: a line wrap ate the space between them).
NAME_END = rf"(?!(?!摄|{CORRESPONDENT_WORDS}|{_B['stationed_reporter_re']}|记者)[{HAN}])"
# An outlet: 本报, an agency, or a name ending like a paper or app (江城日报·掌上江城).
OUTLET = (
    rf"(?:{alternation(_B['self_sources'])}|{alternation(_B['agencies'])}"
    rf"|[{HAN}]{{1,10}}?{_B['outlet_suffixes_re']})(?:·[{HAN}A-Za-z]{{2,10}})?"
)
# ... and never the outlet of the next credit (记者张三、人民网记者李四).
NAME = (rf"(?!{ROLE})(?!{OUTLET}\s*{ROLE})(?:[{HAN}]{{1,6}}·[{HAN}·]{{1,12}}"
        rf"|[{HAN}]{{2,4}}{NAME_END}|{PADDED_NAME})")
NAMES = rf"{NAME}(?:(?:、\s*|\s+){NAME})*"
VIA = rf"综合(?P<via>[{HAN}A-Za-z·]{{2,15}}?)"
DATE = r"(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日"
# 新华社北京1月6日电 / 本报华盛顿10月10日电 / 新华社电
DATELINE_RE = re.compile(
    rf"^据?(?P<outlet>{OUTLET})(?P<place>[{HAN}·]{{1,12}}?)?(?:{DATE})?电"
)
# 江城日报·掌上江城讯 / 江城日报综合湖东客户端讯 / 本报讯
NEWSFLASH_RE = re.compile(rf"^(?P<outlet>{OUTLET})(?:{VIA})?(?:讯|消息[:：])")
# One credit: 记者/周明, 通讯员 李红, 记者杜飞, 记者章生、吴乐, 文/张三, 图/李四; a
# reporter of another outlet among them names it first (人民网记者毛雷).
CREDIT_RE = re.compile(rf"(?:(?:{OUTLET})?(?P<role>{ROLE})\s*[/／:：]?|(?P<slash>{SLASH_ROLE})\s*[/／])\s*"
                       rf"(?P<names>{NAMES})(?P<photo>\s*摄影?)?")
PAREN_CREDITS_RE = re.compile(r"\s*[(（](?P<inner>[^()（）]{2,80})[)）]")
# Credits not in parentheses, ending at whitespace or the end of the line.
PLAIN_CREDITS_RE = re.compile(
    rf"^(?P<outlet>{OUTLET})?(?P<credits>{CREDIT_RE.pattern}(?:\s*{CREDIT_RE.pattern})*)(?=\s|$)"
    .replace("?P<role>", "?:").replace("?P<slash>", "?:").replace("?P<names>", "?:")
    .replace("?P<photo>", "?:")
)
# A photo credit line: 张三 摄 / 新华社记者 林晓舟摄 / 本报记者 张三 李四摄
PHOTO_CREDIT_RE = re.compile(
    rf"^(?:(?P<outlet>{OUTLET})?{ROLE}\s*)?(?P<names>{NAMES})\s*/?\s*摄影?(?:报道)?(?:[(（][^()（）]{{1,12}}[)）])?$"
)
NAME_RE = re.compile(NAME)


@dataclass(frozen=True)
class BylineMatch:
    """A byline found at the start of a line; ``end`` is an offset into that line."""

    end: int
    source: str | None = None
    agency: str | None = None
    place: str | None = None
    month: int | None = None
    day: int | None = None
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()
    whole_line: bool = False


def _names(raw: str) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", "", m.group()).strip("·") for m in NAME_RE.finditer(raw))


def _credits(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None:
    """Split ``记者/周明 通讯员/李红`` into reporters, correspondents, photographers.

    Returns None unless the whole text is credits.
    """
    reporters: list[str] = []
    correspondents: list[str] = []
    photographers: list[str] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = CREDIT_RE.match(text, pos)
        if not m:
            return None
        names = _names(m["names"])
        if m["photo"] or (m["slash"] and re.fullmatch(SLASH_PHOTOGRAPHER_WORDS, m["slash"])):
            photographers.extend(names)
        elif m["role"] and re.fullmatch(CORRESPONDENT_WORDS, m["role"]):
            correspondents.extend(names)
        else:
            reporters.extend(names)
        pos = m.end()
        while pos < len(text) and text[pos] in " \u00a0\u3000,，;；、":
            pos += 1
    if not (reporters or correspondents or photographers):
        return None
    return tuple(reporters), tuple(correspondents), tuple(photographers)


def _is_agency(outlet: str) -> bool:
    return outlet in _B["agencies"]


def _head(line: str) -> tuple[int, dict[str, object]] | None:
    m = DATELINE_RE.match(line) or NEWSFLASH_RE.match(line)
    if not m:
        return None
    outlet = m["outlet"]
    fields: dict[str, object] = {}
    if m.re is DATELINE_RE:
        if _is_agency(outlet):
            fields["agency"] = outlet
        else:
            fields["source"] = outlet
        fields["place"] = m["place"] or None
        fields["month"] = int(m["month"]) if m["month"] else None
        fields["day"] = int(m["day"]) if m["day"] else None
    else:
        fields["source"] = outlet
        if m["via"]:
            fields["agency"] = m["via"]
    return m.end(), fields


def match_byline(line: str) -> BylineMatch | None:
    """Find a byline at the start of ``line`` (a whole block line), maybe after a mark."""
    mark = LEADING_MARK_RE.match(line)
    if mark:
        found = _match_unmarked(line[mark.end():])
        return None if found is None else replace(found, end=found.end + mark.end())
    return _match_unmarked(line)


def _match_unmarked(line: str) -> BylineMatch | None:
    head = _head(line)
    if head:
        end, fields = head
        paren = PAREN_CREDITS_RE.match(line, end)
        if paren:
            credits = _credits(paren["inner"])
            if credits:
                end = paren.end()
                fields.update(reporters=credits[0], correspondents=credits[1],
                              photographers=credits[2])
        return BylineMatch(end=end, whole_line=not line[end:].strip(), **fields)  # type: ignore[arg-type]
    paren = PAREN_CREDITS_RE.match(line)
    if paren and paren.start() == 0:
        credits = _credits(paren["inner"])
        if credits:
            return BylineMatch(end=paren.end(), reporters=credits[0], correspondents=credits[1],
                               photographers=credits[2], whole_line=not line[paren.end():].strip())
    photo = PHOTO_CREDIT_RE.match(line)
    if photo:
        return BylineMatch(end=len(line), source=photo["outlet"], photographers=_names(photo["names"]),
                           whole_line=True)
    plain = PLAIN_CREDITS_RE.match(line)
    if plain:
        credits = _credits(plain["credits"])
        if credits:
            return BylineMatch(end=plain.end(), source=plain["outlet"], reporters=credits[0],
                               correspondents=credits[1], photographers=credits[2],
                               whole_line=not line[plain.end():].strip())
    return None
