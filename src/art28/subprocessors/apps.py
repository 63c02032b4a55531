from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubprocessorsConfig(AppConfig):
    name = "art28.subprocessors"
    verbose_name = _("Sub-processors")

    def ready(self) -> None:
        from art28.agreements.services import termination
        from art28.notices import periodic
        from art28.subprocessors.services.queries import subprocessor_names

        # Windows close and changes take effect on a clock, not on an event.
        periodic.register("art28.subprocessors.services.activate_due_changes")
        # The end of an agreement asks each sub-processor that held the data to confirm destruction.
        termination.register_subprocessor_names(subprocessor_names)
