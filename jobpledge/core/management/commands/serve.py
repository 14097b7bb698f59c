"""`jobpledge serve`: gunicorn in front of the WSGI app; WhiteNoise serves the static files."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "웹 애플리케이션을 gunicorn으로 실행합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("JOBPLEDGE_THREADS", "2")))
        parser.add_argument("--graceful-timeout", dest="graceful_timeout", type=int, default=5)

    def handle(self, *args: Any, **options: Any) -> None:
        # Workers are separate processes: a per-process memory cache would make each one rebuild the report
        # summary after every write. Without CACHE_URL (e.g. redis://…), share a file cache under var/.
        os.environ.setdefault("CACHE_URL", f"filecache://{settings.VAR_DIR / 'cache'}")
        # Runtime files under var/run, one set per port: gunicorn's default control socket is a fixed path in the
        # home folder, shared by every instance on the machine.
        run_dir = Path(settings.VAR_DIR) / "run"
        run_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        argv = [
            gunicorn,
            "config.wsgi:application",
            "--bind",
            f"{options['host']}:{options['port']}",
            "--workers",
            str(options["workers"]),
            "--threads",
            str(options["threads"]),
            "--access-logfile",
            "-",
            # Ctrl-C / SIGTERM: workers get a few seconds to finish their requests (gunicorn's default is 30 s,
            # after which it SIGKILLs them and reports "Perhaps out of memory?").
            "--graceful-timeout",
            str(options["graceful_timeout"]),
            "--pid",
            str(run_dir / f"gunicorn-{options['port']}.pid"),
            "--control-socket",
            str(run_dir / f"gunicorn-{options['port']}.ctl"),
        ]
        self.stdout.write(f"jobpledge: http://{options['host']}:{options['port']}/")
        sys.stdout.flush()
        os.execv(gunicorn, argv)  # noqa: S606 - replaces this process with the server
