from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "art28.ledger"
    verbose_name = _("Ledger")

    def ready(self) -> None:
        from art28.ledger import signals, tasks

        signals.chain_check_requested.connect(tasks.queue_chain_check, dispatch_uid="ledger.queue_check")
