"""Score ``banmian.parse_page`` on generated pages with known truth; the CI gate.

    python -m eval.parse_eval                    # table: parser and naive baseline
    python -m eval.parse_eval --show-errors 10   # plus failure categories and examples
    python -m eval.parse_eval --check            # exit 1 below eval/parse_minimums.json

Metrics (see the README's evaluation section):

- segmentation: B-cubed precision/recall/F1 over truth paragraphs; a
  paragraph's predicted article is the ``article`` of the blocks covering
  most of its characters;
- paragraphs: a truth paragraph is recovered when the one predicted
  paragraph on its characters (with the article's byline when that lies
  inside it) has its text; compared with punctuation folded (repair) and
  full-width (repair plus punctuation restoration), whitespace ignored;
- headline sets: the truth headline lines equal the predicted article's
  kicker + title + subtitles; then the same with roles;
- duplicates flagged, continuations right, furniture kept out of articles.

Failure examples quote corpus text: they go to the terminal only.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

import banmian
from banmian.model import Article, Block, Page, Paragraph, Source
from eval.pagegen import (
    CORPUS,
    FOLD,
    SPLITS,
    GeneratedPage,
    TruthArticle,
    generate_pages,
    load_corpus,
)

__all__ = [
    "METRICS",
    "MINIMUMS",
    "Failure",
    "Minimums",
    "Score",
    "Tally",
    "check",
    "evaluate",
    "load_minimums",
    "naive_parse",
]

ParseFn = Callable[[str], Page]

MINIMUMS = Path(__file__).with_name("parse_minimums.json")

# Metric name -> what the table calls it. The gate pins a minimum for each.
METRICS = {
    "segmentation_f1": "article segmentation, B-cubed F1",
    "segmentation_precision": "  B-cubed precision",
    "segmentation_recall": "  B-cubed recall",
    "paragraphs_folded": "paragraphs recovered (punct. folded)",
    "paragraphs_fullwidth": "paragraphs recovered (full-width)",
    "headline_sets": "headline sets",
    "headline_roles": "headline sets with roles",
    "duplicates_found": "duplicates flagged",
    "duplicate_precision": "duplicate blocks that are duplicates",
    "continuations": "continuations right",
    "furniture_apart": "furniture kept out of articles",
}

WHITESPACE = re.compile(r"\s+")
# Canonical page label: optional letter prefix and the page number (A2版, 第四版, 2).
LABEL_RE = re.compile(r"([A-Za-z]*)([0-9]+|[〇零一二三四五六七八九十]+)")
CN_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
# Sentence-final punctuation: a short line without it looks like a heading.
TERMINAL = frozenset("。！？!?…”；;：:")
# Short paragraphs without terminal punctuation are in-article headings (the
# corpus's median headline line is about 15 characters).
HEADING_CHARS = 40
EXCERPT = 36  # characters of text quoted in a failure example


@dataclass
class Tally:
    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hit += ok
        self.total += 1

    @property
    def rate(self) -> float:
        return self.hit / self.total if self.total else 1.0


@dataclass(frozen=True)
class Failure:
    category: str
    page: str
    detail: str


@dataclass
class Score:
    name: str
    pages: int = 0
    chars: int = 0
    seconds: float = 0.0
    crashes: int = 0
    bcubed_precision: float = 0.0  # sums over items; divided in metrics()
    bcubed_recall: float = 0.0
    items: int = 0
    paragraphs_folded: Tally = field(default_factory=Tally)
    paragraphs_fullwidth: Tally = field(default_factory=Tally)
    headline_sets: Tally = field(default_factory=Tally)
    headline_roles: Tally = field(default_factory=Tally)
    duplicates_found: Tally = field(default_factory=Tally)
    duplicate_precision: Tally = field(default_factory=Tally)
    continuations: Tally = field(default_factory=Tally)
    continuations_spurious: int = 0
    furniture_apart: Tally = field(default_factory=Tally)
    failures: list[Failure] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        p = self.bcubed_precision / self.items if self.items else 1.0
        r = self.bcubed_recall / self.items if self.items else 1.0
        out = {
            "segmentation_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "segmentation_precision": p,
            "segmentation_recall": r,
        }
        for name in METRICS:
            value = getattr(self, name, None)
            if isinstance(value, Tally):
                out[name] = value.rate
        return out

    def counts(self) -> dict[str, str]:
        out = {"segmentation_f1": f"{self.items} paragraphs"}
        for name in METRICS:
            value = getattr(self, name, None)
            if isinstance(value, Tally):
                out[name] = f"{value.hit}/{value.total}"
        return out

    def fail(self, page: GeneratedPage, category: str, detail: str) -> None:
        self.failures.append(Failure(category, page.id, detail))


# --- text keys -----------------------------------------------------------------


def _key(text: str, fold: bool) -> str:
    """Text compared without whitespace; ``fold`` folds punctuation as extraction does."""
    squeezed = WHITESPACE.sub("", text)
    return squeezed.translate(FOLD) if fold else squeezed


def _excerpt(text: str) -> str:
    flat = WHITESPACE.sub(" ", text).strip()
    return flat if len(flat) <= EXCERPT else flat[:EXCERPT] + "…"


def canonical_label(label: str | None) -> str | None:
    """``A2版`` -> ``A2``, ``(下转第四版)`` -> ``4``, ``第2版`` -> ``2``."""
    if label is None:
        return None
    core = re.sub(r"[\s()（）第版]|下转|上接|转|接|续", "", label)
    m = LABEL_RE.fullmatch(core)
    if not m:
        return core
    letter, number = m.groups()
    return f"{letter.upper()}{_number(number)}"


def _number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return int("".join(str(CN_NUMERALS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (CN_NUMERALS[tens] if tens else 1) * 10 + (CN_NUMERALS[ones] if ones else 0)


# --- the naive baseline ----------------------------------------------------------


def _blank_line_blocks(text: str) -> Iterable[tuple[int, int]]:
    """Spans of maximal runs of non-blank lines, stripped of outer whitespace."""
    for m in re.finditer(r"\S(?:.|\n(?![ \t\u00a0\u3000]*(?:\n|$)))*", text):
        yield m.start(), m.start() + len(m.group().rstrip())


@dataclass
class _Draft:
    title: str
    subtitles: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)


def naive_parse(text: str) -> Page:
    """The baseline: every blank-line block is a paragraph; a short block without
    terminal punctuation starts an article (its title, or a subtitle after one)."""
    drafts: list[_Draft] = []
    blocks: list[Block] = []
    previous_was_headline = False
    for s, e in _blank_line_blocks(text):
        chunk = text[s:e]
        headline = len(chunk) <= HEADING_CHARS and chunk[-1] not in TERMINAL
        if headline and previous_was_headline:
            drafts[-1].subtitles.append(chunk)
            role = "subtitle"
        elif headline or not drafts:
            drafts.append(_Draft(title=chunk if headline else ""))
            role = "title" if headline else "body"
        else:
            role = "body"
        if role == "body":
            drafts[-1].paragraphs.append(Paragraph(text=chunk, role="body", spans=((s, e),)))
        previous_was_headline = headline
        blocks.append(Block(span=(s, e), role=role, article=f"a{len(drafts)}"))
    return Page(
        text=text,
        source=Source(name="<naive baseline>",
                      sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), encoding="utf-8"),
        articles=tuple(
            Article(id=f"a{i}", kind="article", title=d.title, subtitles=tuple(d.subtitles),
                    paragraphs=tuple(d.paragraphs))
            for i, d in enumerate(drafts, 1)),
        blocks=tuple(blocks),
    )


# --- scoring one page ----------------------------------------------------------


@dataclass(frozen=True)
class _Prediction:
    """Per-character lookups into one predicted page."""

    page: Page
    article_of: list[str | None]
    role_of: list[str | None]
    paragraph_of: list[int | None]
    paragraphs: list[tuple[Article, Paragraph]]

    @classmethod
    def of(cls, page: Page, n: int) -> _Prediction:
        article_of: list[str | None] = [None] * n
        role_of: list[str | None] = [None] * n
        for b in page.blocks:
            s, e = max(0, b.span[0]), min(n, b.span[1])
            if s < e:
                article_of[s:e] = [b.article] * (e - s)
                role_of[s:e] = [b.role] * (e - s)
        paragraph_of: list[int | None] = [None] * n
        paragraphs = [(a, p) for a in page.articles for p in a.paragraphs]
        for i, (_, p) in enumerate(paragraphs):
            for s, e in p.spans:
                s, e = max(0, s), min(n, e)
                if s < e:
                    paragraph_of[s:e] = [i] * (e - s)
        return cls(page, article_of, role_of, paragraph_of, paragraphs)

    def article(self, article_id: str | None) -> Article | None:
        for a in self.page.articles:
            if a.id == article_id:
                return a
        return None


def _chars(text: str, spans: Iterable[tuple[int, int]]) -> list[int]:
    return [i for s, e in spans for i in range(s, e) if not text[i].isspace()]


def _majority(values: Iterable[str | None]) -> str | None:
    counts = Counter(values)
    return counts.most_common(1)[0][0] if counts else None


class _PageScorer:
    def __init__(self, page: GeneratedPage, pred: Page, score: Score):
        self.page = page
        self.text = page.text
        self.pred = _Prediction.of(pred, len(page.text))
        self.score = score
        # Which truth unit each character belongs to, to name what got mixed in.
        self.unit_of: list[str | None] = [None] * len(page.text)
        for ai, a in enumerate(page.articles):
            for h in a.headlines:
                self._mark(h.span, f"headline:{ai}")
            for pi, p in enumerate(a.paragraphs):
                for s in p.spans:
                    self._mark(s, f"paragraph:{ai}:{pi}")
            for d in a.duplicates:
                for s in d.spans:
                    self._mark(s, f"duplicate:{ai}")
            for s in a.markers:
                self._mark(s, f"continuation:{ai}")
        for s in page.furniture:
            self._mark(s, "furniture")

    def _mark(self, span: tuple[int, int], unit: str) -> None:
        self.unit_of[span[0]:span[1]] = [unit] * (span[1] - span[0])

    def run(self) -> None:
        labels = self._segmentation()
        owners = [_majority(labels[ai]) for ai in range(len(self.page.articles))]
        for ai, a in enumerate(self.page.articles):
            for pi in range(len(a.paragraphs)):
                self._paragraph(ai, pi)
            merged = owners[ai] in owners[:ai] and owners[ai] is not None
            self._headlines(ai, a, owners[ai], merged)
            for d in a.duplicates:
                self._duplicate(d.spans)
            if a.continued_to or a.continued_from:
                self._continuation(a, owners[ai])
        self._spurious_continuations(owners)
        self._predicted_duplicates()
        for span in self.page.furniture:
            self._furniture(span)

    # (a) segmentation
    def _segmentation(self) -> list[list[str]]:
        labels: list[list[str]] = []
        for ai, a in enumerate(self.page.articles):
            row = []
            for pi, p in enumerate(a.paragraphs):
                got = _majority(self.pred.article_of[i] for i in _chars(self.text, p.spans))
                row.append(got if got is not None else f"∅{ai}:{pi}")  # alone in its cluster
            labels.append(row)
        items = [(ai, label) for ai, row in enumerate(labels) for label in row]
        pair = Counter(items)
        truth_size = Counter(ai for ai, _ in items)
        pred_size = Counter(label for _, label in items)
        for ai, label in items:
            self.score.bcubed_precision += pair[(ai, label)] / pred_size[label]
            self.score.bcubed_recall += pair[(ai, label)] / truth_size[ai]
        self.score.items += len(items)
        self._segmentation_failures(labels)
        return labels

    def _segmentation_failures(self, labels: list[list[str]]) -> None:
        first_owner: dict[str, int] = {}
        for ai, row in enumerate(labels):
            a = self.page.articles[ai]
            for pi, label in enumerate(row):
                if label.startswith("∅"):
                    p = a.paragraphs[pi]
                    role = _majority(self.pred.role_of[i] for i in _chars(self.text, p.spans))
                    self.score.fail(self.page, f"paragraph in no article (block role {role})",
                                    f"{a.key} ¶{pi}: {_excerpt(p.text)}")
                elif pi and label != row[pi - 1] and not row[pi - 1].startswith("∅"):
                    self.score.fail(self.page, self._split_kind(a, pi),
                                    f"{a.key} split before ¶{pi}: {_excerpt(a.paragraphs[pi].text)}"
                                    f" (after: {_excerpt(a.paragraphs[pi - 1].text)})")
            owner = _majority(row)
            if owner is None or owner.startswith("∅"):
                continue
            if owner in first_owner:
                self.score.fail(self.page, self._merge_kind(a),
                                f"{a.key} merged into the article of "
                                f"{self.page.articles[first_owner[owner]].key}: first line "
                                f"{_excerpt(self._first_line(a))}")
            else:
                first_owner[owner] = ai

    def _split_kind(self, a: TruthArticle, pi: int) -> str:
        p, before = a.paragraphs[pi].text, a.paragraphs[pi - 1].text
        if any(pi - 1 == d.paragraphs[-1] for d in a.duplicates):
            return "article split after a duplicated run"
        if len(p) <= HEADING_CHARS and p[-1] not in TERMINAL:
            return "article split at an in-article heading"
        if len(before) <= HEADING_CHARS and before[-1] not in TERMINAL:
            return "article split after an in-article heading"
        if len(p) <= HEADING_CHARS:
            return "article split at a short paragraph"
        return "article split inside body text"

    def _merge_kind(self, a: TruthArticle) -> str:
        if not a.headlines:
            return "continued part (上接) merged into the article before it"
        role = _majority(self.pred.role_of[i] for i in _chars(self.text, [a.headlines[0].span]))
        return f"article merged into the one before (its headline read as {role})"

    def _first_line(self, a: TruthArticle) -> str:
        span = a.headlines[0].span if a.headlines else a.paragraphs[0].spans[0]
        return self.text[span[0]:span[1]]

    # (b) paragraphs
    def _paragraph(self, ai: int, pi: int) -> None:
        a = self.page.articles[ai]
        p = a.paragraphs[pi]
        chars = _chars(self.text, p.spans)
        inside = set(chars)
        found = sorted({q for i in chars if (q := self.pred.paragraph_of[i]) is not None})
        pieces: list[str] = []
        owner = self.pred.paragraphs[found[0]][0] if found else self.pred.article(
            _majority(self.pred.article_of[i] for i in chars))
        byline = owner.byline if owner is not None else None
        if byline is not None:
            byline_chars = _chars(self.text, [byline.span])
            if set(byline_chars) <= inside and all(
                    self.pred.paragraph_of[i] is None for i in byline_chars):
                pieces.append(byline.text)
        if len(found) == 1:
            pieces.append(self.pred.paragraphs[found[0]][1].text)
        got = "".join(pieces)
        folded_ok = len(found) <= 1 and pieces != [] and _key(got, True) == _key(p.text, True)
        full_ok = folded_ok and _key(got, False) == _key(p.text, False)
        self.score.paragraphs_folded.add(folded_ok)
        self.score.paragraphs_fullwidth.add(full_ok)
        where = f"{a.key} ¶{pi}"
        if folded_ok and not full_ok:
            self.score.fail(self.page, _punct_kind(_key(p.text, False), _key(got, False)),
                            f"{where}: {_excerpt(p.text)}")
        elif not folded_ok:
            kind = self._paragraph_kind(p.spans, inside, found)
            self.score.fail(self.page, kind, f"{where}: truth {_excerpt(p.text)} | "
                            f"predicted {[_excerpt(self.pred.paragraphs[q][1].text) for q in found]}")

    def _paragraph_kind(self, spans: Sequence[tuple[int, int]], inside: set[int],
                        found: list[int]) -> str:
        if not found:
            role = _majority(self.pred.role_of[i] for i in inside)
            return f"paragraph read as {role}"
        if len(found) > 1:
            if len(spans) > 1:
                return "column-broken paragraph not rejoined"
            return "paragraph cut in pieces within one line"
        extra = [i for s, e in self.pred.paragraphs[found[0]][1].spans for i in range(s, e)
                 if i not in inside and not self.text[i].isspace()]
        if not extra:
            covered = {i for s, e in self.pred.paragraphs[found[0]][1].spans for i in range(s, e)}
            rest = [i for i in inside if i not in covered]
            if rest:
                role = _majority(self.pred.role_of[i] for i in rest)
                return f"paragraph incomplete (rest read as {role})"
            return "paragraph text differs (same characters)"
        unit = _majority(self.unit_of[i] for i in extra) or "nothing"
        kind = unit.split(":")[0]
        if kind != "paragraph":
            return f"{kind} text inside a paragraph"
        own = self.unit_of[min(inside)] or ""
        if unit.split(":")[1] != own.split(":")[1]:
            return "paragraph joined with one of another article"
        first, second = (own, unit) if min(extra) > min(inside) else (unit, own)
        _, ai, pi = first.split(":")
        ends = self.page.articles[int(ai)].paragraphs[int(pi)].text
        if ends[-1] in TERMINAL:
            return "paragraphs joined although the first ends with 。！？”…；："
        if len(ends) <= HEADING_CHARS:
            return "short line without end punctuation (heading, lead-in) joined with the next"
        return "paragraphs joined (the first has no end punctuation)"

    # (c) headlines
    def _headlines(self, ai: int, a: TruthArticle, owner: str | None, merged: bool) -> None:
        got = self.pred.article(owner)
        truth = {_key(h.text, True) for h in a.headlines}
        truth_roles = {(h.role, _key(h.text, True)) for h in a.headlines}
        lines: list[tuple[str, str]] = []
        if got is not None:
            lines = [("kicker", got.kicker or ""), ("title", got.title)]
            lines += [("subtitle", s) for s in got.subtitles]
        pred = {_key(t, True) for _, t in lines} - {""}
        pred_roles = {(r, _key(t, True)) for r, t in lines} - {(r, "") for r, _ in lines}
        self.score.headline_sets.add(pred == truth)
        self.score.headline_roles.add(pred_roles == truth_roles)
        if got is None:
            return
        shown = f"{a.key}: truth {sorted(truth_roles)} | predicted {sorted(pred_roles)}"
        if pred != truth:
            kind = ("headlines lost: article merged into the one before" if merged
                    else self._headline_kind(a, truth, pred))
            self.score.fail(self.page, kind, shown)
        elif pred_roles != truth_roles:
            wrong = sorted(f"{r}→{dict((t, r2) for r2, t in pred_roles).get(t)}"
                           for r, t in truth_roles - pred_roles)
            self.score.fail(self.page, f"headline role: {', '.join(wrong)}", shown)

    def _headline_kind(self, a: TruthArticle, truth: set[str], pred: set[str]) -> str:
        missing, extra = truth - pred, pred - truth
        if any(x == y + z or x == z + y for x in extra for y in missing for z in missing):
            return "kicker and title on one line not split"
        if not truth:
            return "continued part without headline given one"
        if missing and not extra:
            h = next(h for h in a.headlines if _key(h.text, True) in missing)
            role = _majority(self.pred.role_of[i] for i in _chars(self.text, [h.span]))
            return f"headline line missing (read as {role})"
        if extra and not missing:
            return "extra headline line (a paragraph or another article's line)"
        return "headline set differs (lines missing and extra)"

    # (d) duplicates, continuations, furniture
    def _duplicate(self, spans: Sequence[tuple[int, int]]) -> None:
        chars = _chars(self.text, spans)
        roles = Counter(self.pred.role_of[i] for i in chars)
        ok = roles["duplicate"] * 2 > len(chars)
        self.score.duplicates_found.add(ok)
        if not ok:
            role = roles.most_common(1)[0][0] if roles else None
            self.score.fail(self.page, f"duplicate not flagged (read as {role})",
                            _excerpt(self.text[spans[0][0]:spans[-1][1]]))

    def _predicted_duplicates(self) -> None:
        for b in self.pred.page.blocks:
            if b.role != "duplicate":
                continue
            chars = _chars(self.text, [b.span])
            units = Counter((self.unit_of[i] or "").split(":")[0] for i in chars)
            ok = units["duplicate"] * 2 > len(chars)
            self.score.duplicate_precision.add(ok)
            if not ok:
                self.score.fail(self.page, "block flagged duplicate is not one",
                                _excerpt(self.text[b.span[0]:b.span[1]]))

    def _continuation(self, a: TruthArticle, owner: str | None) -> None:
        got = self.pred.article(owner)
        want = (canonical_label(a.continued_to), canonical_label(a.continued_from))
        have = (canonical_label(got.continued_to), canonical_label(got.continued_from)) \
            if got else (None, None)
        self.score.continuations.add(want == have)
        if want != have:
            i = 0 if want[0] != have[0] else 1
            kind = "missing" if have[i] is None else ("wrong" if want[i] else "spurious")
            self.score.fail(self.page, f"{('continued_to', 'continued_from')[i]} {kind}",
                            f"{a.key}: truth {want} | predicted {have}")

    def _spurious_continuations(self, owners: list[str | None]) -> None:
        truth_for = {owner: a for owner, a in zip(owners, self.page.articles, strict=True)}
        for got in self.pred.page.articles:
            if not (got.continued_to or got.continued_from):
                continue
            a = truth_for.get(got.id)
            if a is None or not (a.continued_to or a.continued_from):
                self.score.continuations_spurious += 1
                self.score.fail(self.page, "continuation set where there is none",
                                f"article {got.id} {_excerpt(got.title)}: "
                                f"to={got.continued_to} from={got.continued_from}")

    def _furniture(self, span: tuple[int, int]) -> None:
        chars = _chars(self.text, [span])
        apart = sum(self.pred.article_of[i] is None for i in chars) * 2 > len(chars)
        self.score.furniture_apart.add(apart)
        if not apart:
            role = _majority(self.pred.role_of[i] for i in chars)
            self.score.fail(self.page, f"furniture inside an article (read as {role})",
                            _excerpt(self.text[span[0]:span[1]]))


def _punct_kind(truth: str, got: str) -> str:
    for t, g in zip(truth, got, strict=False):
        if t != g:
            return f"punctuation: {t} expected, {g} given"
    return "punctuation: lengths differ"


# --- running -------------------------------------------------------------------


def evaluate(pages: Sequence[GeneratedPage], parse: ParseFn, name: str) -> Score:
    score = Score(name=name)
    for page in pages:
        start = time.perf_counter()
        try:
            pred = parse(page.text)
        except Exception as exc:  # a crash is scored as an empty parse, and reported
            score.crashes += 1
            score.fail(page, "parser raised", f"{type(exc).__name__}: {exc}")
            pred = Page(text=page.text, source=Source(name="<crashed>", sha256="", encoding=""))
        score.seconds += time.perf_counter() - start
        score.pages += 1
        score.chars += len(page.text)
        _PageScorer(page, pred, score).run()
    return score


@dataclass(frozen=True)
class Minimums:
    """The pinned gate: which pages (count, seed, corpus split) and the lowest score
    allowed per metric."""

    pages: int
    seed: int
    split: str
    minimums: dict[str, float]


def load_minimums(path: Path = MINIMUMS) -> Minimums:
    d = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(d["minimums"]) - set(METRICS)
    if unknown:
        raise ValueError(f"{path}: unknown metrics {sorted(unknown)}")
    return Minimums(pages=int(d["pages"]), seed=int(d["seed"]), split=str(d["split"]),
                    minimums={k: float(v) for k, v in d["minimums"].items()})


def check(score: Score, minimums: dict[str, float]) -> list[str]:
    """The metrics below their pinned minimum, as one line each."""
    got = score.metrics()
    return [f"{name}: {got[name]:.4f} < minimum {low:.4f}"
            for name, low in minimums.items() if got[name] < low]


def _rows(scores: Sequence[Score], minimums: dict[str, float] | None) -> tuple[
        list[str], list[list[str]]]:
    header = ["metric"]
    for s in scores:
        header += [s.name, "count"]
    if minimums is not None:
        header.append("minimum")
    values = [(s.metrics(), s.counts()) for s in scores]
    rows = []
    for name, label in METRICS.items():
        row = [label]
        for metric, count in values:
            row += [f"{metric[name]:.4f}", count.get(name, "")]
        if minimums is not None:
            row.append(f"{minimums[name]:.2f}" if name in minimums else "")
        rows.append(row)
    row = ["spurious continuations (count)"]
    for s in scores:
        row += [str(s.continuations_spurious), ""]
    rows.append(row + ([""] if minimums is not None else []))
    return header, rows


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]], title: str,
                 markdown: bool) -> Table | str:
    """A rich table for the terminal, or a GitHub markdown table for the README."""
    if markdown:
        lines = ["| " + " | ".join(header) + " |",
                 "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
        lines += ["| " + " | ".join(c.strip() for c in r) + " |" for r in rows]
        return "\n".join(lines)
    table = Table(title=title)
    for i, column in enumerate(header):
        table.add_column(column, justify="left" if i == 0 else "right")
    for r in rows:
        table.add_row(*r)
    return table


def _show_failures(console: Console, score: Score, k: int) -> None:
    categories = Counter(f.category for f in score.failures)
    console.print(f"\n[bold]{score.name}: {len(score.failures)} failures, "
                  f"{len(categories)} categories[/bold] (most frequent first)")
    for category, n in categories.most_common(k):
        examples = [f for f in score.failures if f.category == category][:2]
        console.print(f"  {n:5d}  {category}", markup=False, highlight=False, soft_wrap=True)
        for f in examples:
            console.print(f"         {f.page} {f.detail}", markup=False, highlight=False, soft_wrap=True)


@click.command()
@click.option("--pages", type=int, default=None, help="Pages to generate [pinned in minimums].")
@click.option("--seed", type=int, default=None, help="Generator seed [pinned in minimums].")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=CORPUS, show_default=True, help="The rmrb-dev.jsonl corpus.")
@click.option("--split", type=click.Choice(SPLITS), default=None,
              help="Corpus pages to draw from [pinned: eval, the held-out quarter].")
@click.option("--show-errors", "show_errors", type=int, default=0,
              help="Print the K most frequent failure categories with examples.")
@click.option("--check", "gate", is_flag=True, help="Exit 1 below the pinned minimums.")
@click.option("--minimums", "minimums_path", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), default=MINIMUMS, show_default=True,
              help="Pinned pages, seed, split and minimums.")
@click.option("--baseline/--no-baseline", default=True, show_default=True,
              help="Also score the naive baseline.")
@click.option("--markdown", is_flag=True, help="Print the table as markdown (for the README).")
def main(pages: int | None, seed: int | None, split: str | None, corpus: Path,
         show_errors: int, gate: bool, minimums_path: Path, baseline: bool,
         markdown: bool) -> None:
    """Score banmian.parse_page on pages generated from the corpus."""
    pinned = load_minimums(minimums_path)
    n = pages if pages is not None else pinned.pages
    s = seed if seed is not None else pinned.seed
    part = split if split is not None else pinned.split
    minimums = pinned.minimums
    generated = generate_pages(load_corpus(corpus, part), n, s)
    scores = [evaluate(generated, banmian.parse_page, "banmian")]
    if baseline:
        scores.append(evaluate(generated, naive_parse, "naive"))
    console = Console()
    header, rows = _rows(scores, minimums if gate else None)
    console.print(render_table(header, rows, "banmian parse evaluation", markdown),
                  soft_wrap=markdown)
    chars = sum(len(p.text) for p in generated)
    console.print(f"{len(generated)} pages (split {part}, seed {s}), {chars:,} characters; "
                  f"banmian parsed them in "
                  f"{scores[0].seconds:.2f} s, {scores[0].crashes} crashes")
    if show_errors:
        for score in scores:
            _show_failures(console, score, show_errors)
    if gate:
        below = check(scores[0], minimums)
        for line in below:
            console.print(f"[red]below minimum[/red] {line}")
        if below:
            sys.exit(1)
        console.print("gate passed")


if __name__ == "__main__":
    main()
