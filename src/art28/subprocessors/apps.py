from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubprocessorsConfig(AppConfig):
    name = "art28.subprocessors"
    verbose_name = _("Sub-processors")

    def ready(self) -> None:
        from art28.agreements.services import termination
        from art28.agreements.signals import agreement_created
        from art28.notices import periodic
        from art28.subprocessors import ledger_subjects, signals, tasks
        from art28.subprocessors.services.annex import fill_annex_iv
        from art28.subprocessors.services.queries import subprocessor_names

        # Windows close and changes take effect on a clock, not on an event.
        periodic.register("art28.subprocessors.services.activate_due_changes")
        signals.activation_due.connect(tasks.queue_activation, dispatch_uid="subprocessors.queue_activation")
        # The annex follows the register: a new agreement gets it filled in.
        agreement_created.connect(fill_annex_iv, dispatch_uid="subprocessors.fill_annex_iv")
        # The end of an agreement asks each sub-processor that held the data to confirm destruction.
        termination.register_subprocessor_names(subprocessor_names)
        # The ledger page names and links this room's objects.
        ledger_subjects.register()
