from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "art28.reviews"
    verbose_name = _("Agreement reviews and imports")

    def ready(self) -> None:
        from art28.reviews import ledger_subjects

        ledger_subjects.register()
