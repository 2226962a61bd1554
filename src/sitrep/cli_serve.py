"""`sitrep serve`: the JSON API and the web UI over a database, on uvicorn."""

from __future__ import annotations

from typing import Any

import click

from sitrep.errors import SitrepError

LOCAL = ("127.0.0.1", "localhost", "::1")


def build(db_option: Any) -> click.Command:
    @click.command("serve")
    @db_option
    @click.option("--host", default="127.0.0.1", show_default=True,
                  help="Address to listen on. Anything but this machine (127.0.0.1) lets others read the database.")
    @click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port (0: any free one).")
    @click.option("--wait", type=float, default=5.0, show_default=True,
                  help="Seconds a request waits for an ingest's batch to be written before it gets 503.")
    @click.pass_context
    def serve_cmd(ctx: click.Context, db: str, host: str, port: int, wait: float) -> None:
        """Serve the web UI and JSON API (OpenAPI at /api/openapi.json) over a database, read-only.

        An ingest can run beside it: the server keeps the database open until a writer announces
        that it wants it, lets go of it for the writer's batch, and then sees what it committed.
        """
        import uvicorn

        from sitrep.serve import create_app

        quiet = bool(getattr(ctx.obj, "quiet", False))
        if host not in LOCAL:
            click.echo(f"warning: listening on {host}: anyone who can reach this address can read {db} "
                       "(sitrep serve has no login)", err=True)
        try:
            app = create_app(db, wait=wait)
        except SitrepError as exc:
            raise click.ClickException(str(exc)) from exc
        if not quiet:
            shown = f"[{host}]" if ":" in host else host
            click.echo(f"sitrep serve: {db} at http://{shown}:{port}/ (Ctrl-C stops)", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning" if quiet else "info", access_log=not quiet)

    return serve_cmd
