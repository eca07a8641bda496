"""`banmian render`: PDF pages drawn as PNG files."""

from __future__ import annotations

from pathlib import Path

import click

from banmian.errors import BanmianError
from banmian.pdf import DEFAULT_SCALE, page_count, render_page
from banmian.pdf.reader import load

__all__ = ["COMMANDS", "render_command"]


@click.command("render")
@click.argument("pdf", type=click.Path(dir_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the PNG files (created if missing).")
@click.option("--scale", type=float, default=DEFAULT_SCALE, show_default=True,
              help="Pixels per PDF point (2 = 144 dpi).")
def render_command(pdf: str, out_dir: str, scale: float) -> None:
    """Render every page of PDF to OUT/<name>-<page>.png (one line per file)."""
    try:
        data, _ = load(pdf)
        total = page_count(data, pdf)
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        stem = Path(pdf).stem
        for index in range(total):
            target = out / f"{stem}-{index + 1}.png"
            target.write_bytes(render_page(data, index, scale))
            click.echo(str(target))
            if total > 1:
                click.echo(f"rendered {index + 1}/{total}", err=True)
    except BanmianError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"{out_dir}: {exc.strerror}") from exc


COMMANDS: list[click.Command] = [render_command]
