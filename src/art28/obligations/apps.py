from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObligationsConfig(AppConfig):
    name = "art28.obligations"
    verbose_name = _("What is due")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from art28.notices import periodic

        periodic.register("art28.obligations.digest.send_due_digests")
