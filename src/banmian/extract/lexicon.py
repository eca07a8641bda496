"""Lexicons for entity extraction: shipped data files plus the user's own.

The shipped files live in ``banmian/data/entities/``. A user adds entries by
putting files with the same names in one or more directories named by the
``BANMIAN_LEXICON_PATH`` environment variable (separated like ``PATH``) or
passed to :func:`load_lexicon` (the CLI's ``--lexicon DIR``); their lines
are added to the shipped ones. Besides the shipped file names, a user
directory may hold ``persons.txt``, ``places.txt`` and
``organizations.txt``: names always recognised as that type.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from banmian.errors import ModelError

__all__ = ["LEXICON_ENV", "AdminDivision", "Lexicon", "load_lexicon", "word_alternation"]

LEXICON_ENV = "BANMIAN_LEXICON_PATH"
WORD_FILES = ("titles", "kinship", "person_stop", "surnames", "org_names", "org_endings",
              "departments", "people", "regions", "persons", "places", "organizations",
              "weather", "place_words", "world_places", "idioms", "name_parts")


@dataclass(frozen=True)
class AdminDivision:
    level: str  # "province" | "city" | "county"
    name: str
    province: str
    city: str | None

    def as_attrs(self) -> dict[str, str | None]:
        return {
            "province": self.province,
            "city": self.city,
            "county": self.name if self.level == "county" else None,
        }


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]
    kinship: frozenset[str]
    person_stop: frozenset[str]  # never a person: person_stop.txt and idioms.txt
    surnames: frozenset[str]
    org_names: frozenset[str]
    org_endings: frozenset[str]
    departments: frozenset[str]  # a place's departments without the place (发展和改革委员会)
    people: frozenset[str]  # well-known people, past and present (孔子, 鲁迅, 牛顿)
    regions: frozenset[str]  # named regions across divisions (粤港澳大湾区, 长三角)
    name_parts: frozenset[str]  # given-name words of Tibetan names (白玛, 曲珍)
    persons: frozenset[str]
    places: frozenset[str]
    organizations: frozenset[str]
    weather: frozenset[str]
    place_words: frozenset[str]  # whole words that are places (东北, 华南)
    world_places: frozenset[str]  # countries, capitals and large cities of the world
    abbreviations: dict[str, frozenset[str]]  # 美 -> {"country"}, 京 -> {"city"}
    units: dict[str, bool]  # unit -> is a measure word (counts the noun after it)
    divisions: dict[str, tuple[AdminDivision, ...]]  # full name or alias -> divisions
    title_re: re.Pattern[str]
    kinship_re: re.Pattern[str]
    unit_re: re.Pattern[str]
    weather_re: re.Pattern[str]
    org_names_re: re.Pattern[str]
    departments_re: re.Pattern[str]
    # org_names, people and regions by first character: a pattern per character, tried
    # only where a word starts with it (re tries a long alternation's branches
    # one by one at every position of a text; this is ~3x faster than a scan)
    listed_by_first: dict[str, re.Pattern[str]]
    place_words_re: re.Pattern[str]
    known_re: re.Pattern[str] | None  # user persons/places/organizations
    max_division_name: int


def word_alternation(words: Iterable[str]) -> str:
    """A pattern matching any of ``words``, the longest where several match.

    The words share their prefixes in a trie (国务院|国务院办公厅 ->
    国务院(?:办公厅)?): ``re`` tries a plain alternation's branches one by
    one at every position, which for the few hundred organisation names
    took twice as long.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _by_first_character(words: Iterable[str]) -> dict[str, re.Pattern[str]]:
    """One pattern per first character, matching the ``words`` that start with it."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word)
    return {first: re.compile(word_alternation(group)) for first, group in groups.items()}


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _trie_pattern(child)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    ends_here = "" in node
    body = branches[0] if len(branches) == 1 and not ends_here else f"(?:{'|'.join(branches)})"
    return body + ("?" if ends_here else "")  # greedy: the longer word first


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _shipped(name: str) -> str:
    return (resources.files("banmian") / "data" / "entities" / name).read_text(encoding="utf-8")


def _user_dirs(extra: Sequence[Path]) -> list[Path]:
    env = os.environ.get(LEXICON_ENV, "")
    dirs = [Path(p) for p in env.split(os.pathsep) if p]
    return [*dirs, *extra]


def _read_user(dirs: Sequence[Path], name: str) -> list[str]:
    out: list[str] = []
    for d in dirs:
        if not d.is_dir():
            raise ModelError("lexicon directory not found", path=str(d))
        f = d / name
        if f.exists():
            try:
                out += _lines(f.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                raise ModelError(f"cannot read lexicon file: {exc}", path=str(f)) from exc
    return out


def _divisions(lines: list[str]) -> dict[str, tuple[AdminDivision, ...]]:
    index: dict[str, list[AdminDivision]] = {}
    for line in lines:
        level, name, aliases, province, city, *_ = (line.split("\t") + [""] * 6)[:6]
        div = AdminDivision(level=level, name=name, province=province,
                            city=city or (name if level == "city" else None))
        for key in {name, *[a for a in aliases.split("|") if a]}:
            index.setdefault(key, []).append(div)
    return {k: tuple(v) for k, v in index.items()}


def load_lexicon(dirs: Sequence[Path] = ()) -> Lexicon:
    """Shipped lexicons plus those in ``$BANMIAN_LEXICON_PATH`` and ``dirs``."""
    return _load(tuple(_user_dirs(dirs)))


@cache
def _load(dirs: tuple[Path, ...]) -> Lexicon:
    words: dict[str, frozenset[str]] = {}
    for name in WORD_FILES:
        try:
            shipped = _lines(_shipped(f"{name}.txt"))
        except FileNotFoundError:
            shipped = []
        words[name] = frozenset(shipped + _read_user(dirs, f"{name}.txt"))
    units: dict[str, bool] = {}
    for line in _lines(_shipped("units.txt")) + _read_user(dirs, "units.txt"):
        unit, _, kind = line.partition("\t")
        units[unit] = kind.strip() == "measure"
    abbreviations: dict[str, set[str]] = {}
    for line in _lines(_shipped("abbreviations.txt")) + _read_user(dirs, "abbreviations.txt"):
        char, _, rest = line.partition("\t")
        abbreviations.setdefault(char, set()).add(rest.rpartition("\t")[2].strip())
    divisions = _divisions(_lines(_shipped("admin_divisions.tsv"))
                           + _read_user(dirs, "admin_divisions.tsv"))
    known = words["persons"] | words["places"] | words["organizations"]
    return Lexicon(
        titles=words["titles"],
        kinship=words["kinship"],
        person_stop=words["person_stop"] | words["idioms"],
        surnames=words["surnames"],
        org_names=words["org_names"],
        org_endings=words["org_endings"],
        departments=words["departments"],
        people=words["people"],
        regions=words["regions"],
        name_parts=words["name_parts"],
        persons=words["persons"],
        places=words["places"],
        organizations=words["organizations"],
        weather=words["weather"],
        place_words=words["place_words"],
        world_places=words["world_places"],
        abbreviations={k: frozenset(v) for k, v in abbreviations.items()},
        units=units,
        divisions=divisions,
        title_re=re.compile(word_alternation(words["titles"])),
        kinship_re=re.compile(f"(?:{word_alternation(words['kinship'])})"),
        unit_re=re.compile(word_alternation(units)),
        weather_re=re.compile(word_alternation(words["weather"])),
        org_names_re=re.compile(word_alternation(words["org_names"])),
        departments_re=re.compile(word_alternation(words["departments"])),
        listed_by_first=_by_first_character(
            words["org_names"] | words["people"] | words["regions"]),
        place_words_re=re.compile(word_alternation(words["place_words"])),
        known_re=re.compile(word_alternation(known)) if known else None,
        max_division_name=max((len(k) for k in divisions), default=0),
    )
