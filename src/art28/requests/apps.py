from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "art28.requests"
    label = "dprequests"  # "requests" would shadow the well-known HTTP library in app lookups
    verbose_name = _("Requests and audits")

    def ready(self) -> None:
        from art28.requests import ledger_subjects

        ledger_subjects.register()
