"""Helpers the use cases share: scope of ledger events, recipients, links, stored files."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from art28.agreements.models import Agreement

# Shared with the agreement's end, which sits below this app.
from art28.agreements.services.common import controller_recipients as controller_recipients
from art28.agreements.services.common import require_text as require_text
from art28.agreements.services.common import store as store
from art28.core.urls import absolute_url
from art28.parties.models import Contact, Controller


def processor_recipients(controller: Controller) -> list[str]:
    return list(Contact.objects.filter(processor_id=controller.processor_id).values_list("email", flat=True))


def portal_url(name: str, code: Any) -> str:
    return absolute_url(f"requests:{name}", code)


def staff_url(name: str, code: Any) -> str:
    return absolute_url(f"requests:{name}", code)


def require_open(agreement: Agreement) -> None:
    """Ended agreements take no new requests: their processing has stopped."""
    if agreement.ended_at is not None:
        raise ValidationError(
            _("Agreement %(ref)s has ended; it takes no new requests.") % {"ref": agreement.reference}
        )
