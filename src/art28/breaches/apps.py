from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BreachesConfig(AppConfig):
    name = "art28.breaches"
    verbose_name = _("Breaches")

    def ready(self) -> None:
        from art28.breaches import ledger_subjects
        from art28.notices import periodic

        # The 50 % / 80 % reminders run on every worker's periodic tick.
        periodic.register("art28.breaches.services.clocks.send_reminders")
        # The ledger page names and links this room's objects.
        ledger_subjects.register()
