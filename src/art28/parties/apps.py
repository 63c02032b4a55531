from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "art28.parties"
    verbose_name = _("Parties")

    def ready(self) -> None:
        from art28.parties import ledger_subjects

        ledger_subjects.register()
