"""``frontdesk serve``: migrate, optionally load the demo, and serve HTTP or HTTPS."""

from __future__ import annotations

import logging
import os
import socket
from typing import Any

import typer
import uvicorn

from frontdesk import tls
from frontdesk.app import create_app
from frontdesk.cli.admin import load_demo, show_credentials
from frontdesk.cli.common import DATABASE, console, migrated, run, settings_for


def port_in_use(host: str, port: int) -> bool:
    """Whether something already listens on ``host:port`` (checked before anything is done)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def serve(
    host: str = typer.Option(None, help="Address to listen on (default 127.0.0.1)"),
    port: int = typer.Option(None, help="Port to listen on (default 8000)"),
    database: str | None = DATABASE,
    demo: bool = typer.Option(
        False, "--demo", help="Load the demo workspace and make it the default"
    ),
    use_tls: bool = typer.Option(False, "--tls", help="Serve HTTPS with a self-signed certificate"),
    access_log: bool = typer.Option(False, "--access-log", help="Log every request"),
    workers: int = typer.Option(
        1, "--workers", min=1, help="Server processes sharing the port (default 1)"
    ),
) -> None:
    """Serve every API until interrupted."""
    settings = settings_for(database)
    settings = settings.model_copy(
        update={
            "host": host or settings.host,
            "port": port or settings.port,
            "access_log": access_log,
        }
    )
    if port_in_use(settings.host, settings.port):
        other = settings.port + 1
        console.print(
            f"[red]Port {settings.port} on {settings.host} is in use[/red] (by make demo?): "
            f"choose another, --port {other} (or make demo PORT={other}).",
            soft_wrap=True,
        )
        raise typer.Exit(2)
    url = migrated(settings)
    if demo:
        show_credentials(run(settings, load_demo, migrate_first=False))
    ssl: dict[str, str] = {}
    scheme = "http"
    if use_tls:
        found = tls.ensure(settings.data_dir, settings.host)
        ssl = {"ssl_certfile": str(found.cert), "ssl_keyfile": str(found.key)}
        scheme = "https"
        console.print(
            f"TLS certificate authority (trust it in clients): [bold]{found.ca.resolve()}[/bold]"
        )
    console.print(f"Database: [bold]{url}[/bold]")
    console.print(
        f"frontdesk serving [bold]{scheme}://{settings.host}:{settings.port}[/bold]; "
        "API browser at /docs"
    )
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    application: Any = create_app(settings)
    if workers > 1:
        # Each worker builds its own application from the environment.
        os.environ["FRONTDESK_DATABASE_URL"] = settings.database_url
        os.environ["FRONTDESK_DATA_DIR"] = str(settings.data_dir)
        application = "frontdesk.app:from_environment"
    uvicorn.run(
        application,
        factory=workers > 1,
        workers=workers,
        host=settings.host,
        port=settings.port,
        access_log=settings.access_log,
        log_level=settings.log_level,
        loop="uvloop",
        http="httptools",
        server_header=False,
        proxy_headers=True,
        forwarded_allow_ips=settings.trusted_proxies,
        timeout_graceful_shutdown=5,
        **ssl,  # type: ignore[arg-type]
    )
