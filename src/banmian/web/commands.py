"""``banmian serve``: the reading room (web UI and JSON API) over one archive."""

from __future__ import annotations

import os
from pathlib import Path

import click

from banmian.errors import BanmianError

__all__ = ["COMMANDS"]


@click.command("serve")
@click.option("--db", "db", default="archive.db", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Archive file to serve (created if missing).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes; more than one uses more CPU cores for many readers.")
def serve(db: Path, host: str, port: int, workers: int) -> None:
    """Serve the reading room (web pages and JSON API) over the archive DB.

    Reads are open. Uploads (the web form and POST /api/pages) need the token
    in the BANMIAN_TOKEN environment variable and are refused when it is unset.
    """
    import uvicorn

    from banmian.web.app import DB_ENV, TOKEN_ENV, create_app

    token = os.environ.get(TOKEN_ENV) or None
    try:
        app = create_app(db, token=token)
    except BanmianError as exc:
        raise click.ClickException(str(exc)) from exc
    writes = "uploads need the token" if token else f"uploads off ({TOKEN_ENV} unset)"
    click.echo(f"banmian reading room on http://{host}:{port}/ serving {db}; {writes}", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Worker processes build their own app from the environment (uvicorn
    # imports it by name); the archive now exists, so they only open it.
    os.environ[DB_ENV] = str(db.resolve())
    uvicorn.run("banmian.web.app:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level="warning")


COMMANDS = [serve]
