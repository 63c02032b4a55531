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

    def handle(self, *args: Any, bind: str, workers: int, no_worker: bool, **options: Any) -> None:
        env = {**os.environ, "ART28_HOME": str(settings.HOME)}
        if "EMAIL_BACKEND" not in os.environ and settings.EMAIL_HOST in ("127.0.0.1", "localhost"):
            # With no mail server configured, the demo writes mails to files instead.
            env["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
            self.stdout.write(f"No SMTP server configured: e-mails go to {settings.EMAIL_FILE_PATH}")
        procs = [subprocess.Popen([sys.executable, "-m", "gunicorn", "art28.wsgi:application",
                                   "--bind", bind, "--workers", str(workers),
                                   "--access-logfile", "-"], env=env)]
        if not no_worker:
            procs.append(subprocess.Popen([sys.executable, "-m", "art28.cli", "worker"], env=env))
        self.stdout.write(f"Serving on http://{bind}/ (Ctrl-C stops)")
        try:
            procs[0].wait()
        except KeyboardInterrupt:
            pass
        finally:
            for p in procs:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in procs:
                p.wait(timeout=20)
