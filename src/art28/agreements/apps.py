from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # models cannot be imported before the app registry is ready
    pass


class AgreementsConfig(AppConfig):
    name = "art28.agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from art28.agreements import ledger_subjects
        from art28.agreements.receivers import refresh_drafts
        from art28.parties.signals import processor_profile_changed

        processor_profile_changed.connect(refresh_drafts, dispatch_uid="agreements.refresh_drafts")
        # The ledger page names and links this room's objects.
        ledger_subjects.register()
