"""`banmian parse` end to end through click's runner and a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from banmian.cli import main
from banmian.model import Page

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "江临日报" / "2023-03-15" / "A1.txt"


def test_text_view_is_the_default() -> None:
    result = CliRunner().invoke(main, ["parse", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "[主题] 我市一季度新增市场主体突破3.2万户" in result.output
    assert "[署名]" in result.output and "(下转 A2 版)" in result.output


def test_json_contract_round_trips() -> None:
    result = CliRunner().invoke(main, ["parse", "--json", str(SAMPLE)])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema"] == "banmian/page-1"
    assert set(data) >= {"source", "paper", "date", "page", "articles", "blocks", "warnings"}
    assert Page.from_dict(data).to_dict() == data
    article = data["articles"][0]
    assert set(article) >= {"id", "kind", "kicker", "title", "subtitles", "byline", "paragraphs",
                            "continued_to", "continued_from", "related_to", "duplicates"}


def test_keep_punct_and_given_facts() -> None:
    result = CliRunner().invoke(main, ["parse", "--format", "json", "--keep-punct", "--paper", "某报",
                                       "--date", "2023-03-15", "--page", "A1", str(SAMPLE)])
    data = json.loads(result.output)
    assert (data["paper"], data["date"], data["page"]) == ("某报", "2023-03-15", "A1")
    text = data["text"]
    for article in data["articles"]:
        for p in article["paragraphs"]:
            assert p["text"] == "".join(text[s:e] for s, e in p["spans"])


def test_markdown_view() -> None:
    result = CliRunner().invoke(main, ["parse", "--format", "markdown", str(SAMPLE)])
    assert result.output.startswith("# 江临日报 · 2023-03-15 · A1")
    assert "## 江临市与南江大学签署全面战略合作协议" in result.output


def test_several_files_give_json_lines_and_bad_files_do_not_stop_the_rest(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    result = CliRunner().invoke(main, ["parse", "--json", str(empty), str(SAMPLE), str(binary)])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1 and json.loads(lines[0])["paper"] == "江临日报"
    errors = result.stderr.splitlines()
    assert errors == [f"banmian: error: {empty}: empty input: no text to parse",
                      f"banmian: error: {binary}: binary data, not page text"]


def test_stdin_in_gb18030_through_a_real_process() -> None:
    data = SAMPLE.read_text(encoding="utf-8").encode("gb18030")
    done = subprocess.run([sys.executable, "-m", "banmian", "parse", "--json", "-"], input=data,
                          capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    page = json.loads(done.stdout)
    assert page["source"]["encoding"] == "gb18030"
    assert len(page["articles"]) == 4
