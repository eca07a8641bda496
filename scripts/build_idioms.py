"""Write banmian's list of idioms that read like names, from jionlp's idiom dictionary.

    .venv/bin/pip install jionlp && .venv/bin/python scripts/build_idioms.py

rjieba tags many four-character idioms as person names (施展才华, 张冠李戴 are
``nr``), and one that starts with a surname looks like a name to the tagger
too. jionlp (Apache-2.0) ships a dictionary of about 30,000 idioms; banmian
does not import jionlp at run time, so this script keeps the four-character
ones whose first character is a surname in the shipped ``surnames.txt``
(about 4,200) and writes them to ``src/banmian/data/entities/idioms.txt``:
strings that are never a person (see ``banmian.extract.lexicon``).
"""

from __future__ import annotations

from pathlib import Path

ENTITIES = Path(__file__).resolve().parents[1] / "src" / "banmian" / "data" / "entities"
OUT = ENTITIES / "idioms.txt"
IDIOM_LENGTH = 4
HEADER = (
    "# Four-character idioms that start with a surname (from jionlp's chinese_idiom,\n"
    "# Apache-2.0; written by scripts/build_idioms.py): never a person, though rjieba\n"
    "# tags many of them as names. A user adds their own in idioms.txt of a lexicon directory."
)


def surnames() -> set[str]:
    lines = (ENTITIES / "surnames.txt").read_text(encoding="utf-8").splitlines()
    return {w.strip() for w in lines if w.strip() and not w.startswith("#")}


def main() -> int:
    from jionlp.dictionary.dictionary_loader import chinese_idiom_loader

    starts = surnames()
    idioms = sorted(w for w in chinese_idiom_loader()
                    if len(w) == IDIOM_LENGTH and (w[0] in starts or w[:2] in starts))
    OUT.write_text("\n".join([HEADER, *idioms]) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(idioms)} idioms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
