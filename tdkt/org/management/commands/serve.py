"""`tdkt serve [--bind 127.0.0.1:8000] [--workers 2]`: run tdkt under gunicorn, in the foreground.

Static files are served by WhiteNoise from STATIC_ROOT, so run `collectstatic` first when DEBUG
is off (`tdkt demo` does).
"""

from __future__ import annotations

from typing import Any

from django.core.handlers.wsgi import WSGIHandler
from django.core.management.base import BaseCommand, CommandParser
from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]  # no hints

DEFAULT_BIND = "127.0.0.1:8000"
DEFAULT_WORKERS = 2


class _Gunicorn(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> WSGIHandler:
        from tdkt.wsgi import application

        return application


def run_server(*, bind: str = DEFAULT_BIND, workers: int = DEFAULT_WORKERS) -> None:
    """Serve `tdkt.wsgi:application` until interrupted."""
    _Gunicorn(
        {
            "bind": bind,
            "workers": workers,
            "accesslog": "-",
            "errorlog": "-",
            "timeout": 60,
            "proc_name": "tdkt",
        }
    ).run()


def add_server_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--bind", default=DEFAULT_BIND, help=f"Address to listen on ({DEFAULT_BIND})."
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_WORKERS,
        help=f"Worker processes ({DEFAULT_WORKERS}).",
    )


class Command(BaseCommand):
    help = "Run tdkt under gunicorn in the foreground (tdkt.wsgi:application)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        add_server_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"tdkt: http://{options['bind']}/  (Ctrl+C to stop)")
        run_server(bind=options["bind"], workers=options["workers"])
