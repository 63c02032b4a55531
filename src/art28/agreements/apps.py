from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "art28.agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from art28.parties.signals import processor_profile_changed

        processor_profile_changed.connect(_refresh_drafts, dispatch_uid="agreements.refresh_drafts")


def _refresh_drafts(sender, *, processor, **kwargs) -> int:  # type: ignore[no-untyped-def]
    from art28.agreements.services import refresh_drafts_from_profile

    return refresh_drafts_from_profile(processor=processor)
