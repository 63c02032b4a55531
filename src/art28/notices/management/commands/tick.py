from typing import Any

from django.core.management.base import BaseCommand

from art28.notices import periodic
from art28.notices.services import drain


class Command(BaseCommand):
    help = "Run the periodic jobs and deliver what is due, once (for cron, or by hand)."

    def handle(self, *args: Any, **options: Any) -> None:
        for path, result in periodic.run_all().items():
            self.stdout.write(f"{path}: {result}")
        self.stdout.write(f"delivered: {drain()}")
