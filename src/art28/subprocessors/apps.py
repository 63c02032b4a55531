from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubprocessorsConfig(AppConfig):
    name = "art28.subprocessors"
    verbose_name = _("Sub-processors")
