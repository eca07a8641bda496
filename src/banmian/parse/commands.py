"""`banmian parse`: page text (or a PDF) in, articles out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from banmian.errors import BanmianError
from banmian.model import Page
from banmian.render import to_markdown, to_text

__all__ = ["COMMANDS", "parse_command"]


def _read(path: str) -> tuple[bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        return Path(path).read_bytes(), path
    except OSError as exc:
        raise BanmianError(exc.strerror or "cannot read file", path=path) from exc


def parse_file(path: str, *, paper: str | None, date: str | None, page: str | None,
               keep_punct: bool, entities: bool) -> list[Page]:
    """Parse one file (page text, or a PDF with one page per PDF page)."""
    from banmian import parse_page

    data, name = _read(path)
    if data.startswith(b"%PDF") or name.lower().endswith(".pdf"):
        from banmian.pdf import parse_pdf

        pages = parse_pdf(data, name=name, paper=paper, date=date, page=page,
                          keep_punct=keep_punct)
    else:
        pages = [parse_page(data, paper=paper, date=date, page=page, name=name,
                            keep_punct=keep_punct)]
    if entities:
        from banmian.extract import add_entities

        pages = [add_entities(p) for p in pages]
    return pages


@click.command("parse")
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="Output form.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--paper", help="Paper name (otherwise inferred from bylines).")
@click.option("--date", help="Issue date YYYY-MM-DD (otherwise inferred from datelines).")
@click.option("--page", "page_label", help="Page label such as A1 (otherwise inferred).")
@click.option("--keep-punct", is_flag=True, help="Do not restore full-width punctuation.")
@click.option("--entities", is_flag=True, help="Also extract people, places, organisations, "
              "dates and figures.")
def parse_command(files: tuple[str, ...], fmt: str, as_json: bool, paper: str | None,
                  date: str | None, page_label: str | None, keep_punct: bool,
                  entities: bool) -> None:
    """Parse newspaper page FILES ('-' for stdin) into articles.

    Several files (or a multi-page PDF) give one JSON object per line.
    A file that cannot be read is reported on one line and the rest go on;
    the exit status is 1 if any failed.
    """
    failed = 0
    for path in files:
        try:
            pages = parse_file(path, paper=paper, date=date, page=page_label,
                               keep_punct=keep_punct, entities=entities)
        except BanmianError as exc:
            click.echo(f"banmian: error: {exc}", err=True)
            failed += 1
            continue
        except ValueError as exc:
            click.echo(f"banmian: error: {path}: {exc}", err=True)
            failed += 1
            continue
        for p in pages:
            if as_json or fmt == "json":
                indent = 2 if len(files) == 1 and len(pages) == 1 else None
                click.echo(json.dumps(p.to_dict(), ensure_ascii=False, indent=indent))
            elif fmt == "markdown":
                click.echo(to_markdown(p))
            else:
                click.echo(to_text(p))
    if failed:
        sys.exit(1)


COMMANDS = [parse_command]
