from typing import Any

from django.core.management.base import BaseCommand

from art28.breaches.services import open_clocks, send_reminders


class Command(BaseCommand):
    help = ("Send the 50 %/80 % breach-notice reminders that are due and list the open clocks "
            "(every worker also does this on its periodic tick).")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders()
        for row in open_clocks():
            flag = "OVERDUE" if row.is_overdue() else f"{row.time_left() / 3600:.1f} h left"
            self.stdout.write(f"{row.incident.reference} {row.agreement.reference} "
                              f"{row.deadline:%Y-%m-%d %H:%M}Z {flag}")
        self.stdout.write(f"reminders queued: {sent}")
