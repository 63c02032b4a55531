from typing import Any

from django.core.management.base import BaseCommand, CommandError

from art28.ledger.services import verify_chain


class Command(BaseCommand):
    help = "Check the hash chain of the ledger: exit 0 when intact, 1 naming the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if not result.ok:
            raise CommandError(
                f"ledger broken at event #{result.broken_seq}: {result.reason} "
                f"({result.checked} events before it are intact)", returncode=1)
        self.stdout.write(f"ledger intact: {result.checked} events")
