import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, transaction

from art28.notices.services import schedule_drain
from art28.notices.tasks import enqueue_tick


class Command(BaseCommand):
    help = "Run a task worker: delivers the outbox and runs periodic jobs (run as many as you like)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--tick", type=float, default=60.0, help="seconds between periodic ticks")
        parser.add_argument("--batch", action="store_true", help="exit when the queue is empty")

    def handle(self, *args: Any, interval: float, tick: float, batch: bool, **options: Any) -> None:
        # Pick up whatever a previous worker left behind (a crash mid-batch).
        with transaction.atomic():
            schedule_drain()
        enqueue_tick()
        if not batch:
            threading.Thread(target=self._ticker, args=(tick,), daemon=True).start()
        argv = ["--interval", str(interval)] + (["--batch"] if batch else [])
        call_command("db_worker", *argv)

    def _ticker(self, every: float) -> None:
        stop = threading.Event()
        while not stop.wait(every):
            try:
                enqueue_tick()
            finally:
                close_old_connections()
