"""Write banmian's table of Chinese administrative divisions from jionlp's data.

    .venv/bin/pip install jionlp && .venv/bin/python scripts/build_admin_gazetteer.py

jionlp (Apache-2.0) ships the national division list (province, city,
county with aliases and admin codes). banmian does not import jionlp at run
time (it is large and slow to import); this script turns its list into
``src/banmian/data/entities/admin_divisions.tsv``: one division a line,
``level<TAB>full name<TAB>aliases (|-separated)<TAB>province<TAB>city<TAB>code``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "src" / "banmian" / "data" / "entities" \
    / "admin_divisions.tsv"
HEADER = "# level\tname\taliases\tprovince\tcity\tcode (from jionlp's china_location, Apache-2.0)"


def aliases(node: dict[str, Any]) -> list[str]:
    raw = node.get("_alias") or []
    found = [raw] if isinstance(raw, str) else list(raw)
    return [a for a in found if a and a != node["_full_name"] and len(a) >= 2]


def children(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for k, v in node.items() if not k.startswith("_") and isinstance(v, dict)]


def main() -> int:
    import jionlp

    rows = [HEADER]
    for prov in jionlp.china_location_loader().values():
        p = prov["_full_name"]
        rows.append(f"province\t{p}\t{'|'.join(aliases(prov))}\t{p}\t\t{prov['_admin_code']}")
        for city in children(prov):
            c = city["_full_name"]
            rows.append(f"city\t{c}\t{'|'.join(aliases(city))}\t{p}\t{c}\t{city['_admin_code']}")
            for county in children(city):
                rows.append(f"county\t{county['_full_name']}\t{'|'.join(aliases(county))}"
                            f"\t{p}\t{c}\t{county['_admin_code']}")
    OUT.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(rows) - 1} divisions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
