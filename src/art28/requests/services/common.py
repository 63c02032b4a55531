"""Helpers the use cases share: scope of ledger events, recipients, links, stored files."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from art28.agreements.models import Agreement

# Shared with the agreement's end, which sits below this app.
from art28.agreements.services.common import controller_recipients as controller_recipients
from art28.agreements.services.common import require_text as require_text
from art28.agreements.services.common import store as store
from art28.parties.models import Contact, Controller


def scope(agreement: Agreement) -> dict[str, int]:
    return {"processor_id": agreement.controller.processor_id, "controller_id": agreement.controller_id}


def user_or_none(acting_user: Any) -> Any:
    return None if acting_user is None or isinstance(acting_user, str) else acting_user


def processor_recipients(controller: Controller) -> list[str]:
    return list(Contact.objects.filter(processor_id=controller.processor_id).values_list("email", flat=True))


def portal_url(name: str, code: Any) -> str:
    return settings.BASE_URL + reverse(f"requests:{name}", args=[code])


def staff_url(name: str, code: Any) -> str:
    return settings.BASE_URL + reverse(f"requests:{name}", args=[code])


def require_open(agreement: Agreement) -> None:
    """Ended agreements take no new requests: their processing has stopped."""
    if agreement.ended_at is not None:
        raise ValidationError(
            _("Agreement %(ref)s has ended; it takes no new requests.") % {"ref": agreement.reference}
        )
