"""``banmian entities``: entity extraction over plain text, one document per line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import IO

import click

from banmian.errors import BanmianError
from banmian.extract.lexicon import load_lexicon
from banmian.extract.pipeline import extract_entities
from banmian.model import Entity

__all__ = ["COMMANDS", "entities_command"]


def _describe(e: Entity) -> str:
    """One readable line: type, text, offsets and the typed fields that are set."""
    fields = " ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in e.attrs.items()
                      if v not in (None, [], False))
    return f"{e.type}\t{e.text}\t{e.start}-{e.end}\t{fields}".rstrip()


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"not a YYYY-MM-DD date: {value}") from exc


@click.command("entities")
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--json", "as_json", is_flag=True,
              help='One JSON object per input line, in order: {"entities": [...]}.')
@click.option("--date", "date_", metavar="YYYY-MM-DD",
              help="Base date (the issue date) for 1月6日, 去年9月, 昨天 ...")
@click.option("--lexicon", "lexicons", multiple=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Directory of extra lexicon files (titles.txt, persons.txt, places.txt, "
                   "organizations.txt, ...); may be repeated. Adds to $BANMIAN_LEXICON_PATH.")
def entities_command(file: IO[str], as_json: bool, date_: str | None,
                     lexicons: tuple[Path, ...]) -> None:
    """Extract people, titles, organisations, places, dates and figures from FILE (or stdin).

    Every input line is one document; offsets are into that line. Without
    --json each entity is printed as TYPE, TEXT, START-END and its fields,
    with a blank line after each document.
    """
    base = _parse_date(date_)
    try:
        lex = load_lexicon(lexicons)
        for line in file:
            text = line.rstrip("\n").rstrip("\r")
            found = extract_entities(text, base_date=base, lexicon=lex)
            if as_json:
                click.echo(json.dumps({"entities": [e.to_dict() for e in found]},
                                      ensure_ascii=False))
            else:
                for e in found:
                    click.echo(_describe(e))
                click.echo("")
    except BanmianError as exc:
        raise click.ClickException(str(exc)) from exc


COMMANDS = [entities_command]
