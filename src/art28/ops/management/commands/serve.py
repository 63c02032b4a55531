import argparse
import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve art28 with gunicorn and run one task worker beside it, until interrupted."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
        parser.add_argument("--no-worker", action="store_true", help="do not start a task worker")
        parser.add_argument("--links-said", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args: Any, bind: str, workers: int, no_worker: bool, links_said: bool = False,
               **options: Any) -> None:
        env = {**os.environ, "ART28_HOME": str(settings.HOME)}
        if "EMAIL_BACKEND" not in os.environ and settings.EMAIL_HOST in ("127.0.0.1", "localhost"):
            # With no mail server configured, the demo writes mails to files instead.
            env["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
            self.stdout.write(f"No SMTP server configured: e-mails go to {settings.EMAIL_FILE_PATH}")
        if not links_said:  # ``art28 demo`` has said it already, with more detail
            self.stdout.write(f"Links in e-mails point to {settings.BASE_URL} (BASE_URL)")
        # SIGTERM (systemd, docker stop, kill) stops the children as Ctrl-C does; without this
        # handler Python would die at once and leave gunicorn and the worker running.
        signal.signal(signal.SIGTERM, _interrupt)
        procs: list[subprocess.Popen] = []
        try:
            procs.append(subprocess.Popen([sys.executable, "-m", "gunicorn", "art28.wsgi:application",
                                           "--bind", bind, "--workers", str(workers),
                                           "--graceful-timeout", "10", "--access-logfile", "-"],
                                          env=env))
            if not no_worker:
                procs.append(subprocess.Popen([sys.executable, "-m", "art28.cli", "worker"], env=env))
            self.stdout.write(f"Serving on http://{bind}/ (Ctrl-C stops)")
            procs[0].wait()
        except KeyboardInterrupt:
            pass
        finally:
            stop(procs)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def stop(procs: list[subprocess.Popen], grace: float = 15.0) -> None:
    """Ask each child to stop (SIGTERM: gunicorn lets its workers finish their request, at most
    10 s); kill what lingers after ``grace`` seconds."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut this short
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
