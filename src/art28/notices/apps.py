from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "art28.notices"
    verbose_name = _("Notices")

    def ready(self) -> None:
        from art28.notices import signals, tasks

        signals.drain_wanted.connect(tasks.queue_drains, dispatch_uid="notices.queue_drains")
