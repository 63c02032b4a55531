from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from art28.notices.services import schedule_drain


class Command(BaseCommand):
    help = "Run a task worker: delivers the outbox (any number may run, on any machine)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--batch", action="store_true", help="exit when the queue is empty")

    def handle(self, *args, interval: float, batch: bool, **options):
        # Pick up whatever a previous worker left behind (a crash mid-batch).
        with transaction.atomic():
            schedule_drain()
        argv = ["--interval", str(interval)] + (["--batch"] if batch else [])
        call_command("db_worker", *argv)
