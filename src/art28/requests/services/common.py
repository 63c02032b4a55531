"""Helpers the use cases share: scope of ledger events, recipients, links, stored files."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext as _

from art28.agreements.models import Agreement
from art28.core.uploads import max_upload_bytes, too_large_message
from art28.core.urls import absolute_url
from art28.parties.models import Contact, Controller


def controller_recipients(controller: Controller) -> list[str]:
    """The privacy contacts, else the signatories: who hears about requests and audits."""
    contacts = controller.contacts.filter(is_privacy_contact=True) or controller.signatories()
    return [c.email for c in contacts]


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


def require_text(errors: dict[str, str], field: str, value: str | None, message: str) -> str:
    value = (value or "").strip()
    if not value:
        errors[field] = message
    return value


def store(instance: models.Model, field: str, name: str, content: bytes) -> str:
    """Save ``content`` into a FileField and return its SHA-256."""
    if len(content) > max_upload_bytes():
        raise ValidationError({field: too_large_message()})
    getattr(instance, field).save(name, ContentFile(content), save=False)
    return hashlib.sha256(content).hexdigest()


def subprocessors_for(agreement: Agreement, *, at: Any = None) -> list[dict[str, Any]]:
    """The agreement's sub-processors with their transfer safeguard, from the register.

    Agreements the register has no links for yet fall back to the terms' named list.
    """
    from art28.subprocessors.services import authorised_subprocessors

    register = list(authorised_subprocessors(agreement, at=at).order_by("name"))
    return subprocessor_rows(register, binding=agreement.binding if not register else None)


def subprocessor_rows(register: list[Any], *, binding: Any) -> list[dict[str, Any]]:
    """``subprocessors_for`` from rows already read: the register's authorised
    sub-processors (by name), else the named list of the ``binding`` version's terms."""
    from art28.terms import facts

    if register:
        return [
            {
                "name": s.name,
                "country": s.country,
                "service": s.service,
                "outside_eea": [c for c in s.all_countries if not facts.in_eea(c)],
                "safeguard": " — ".join(
                    x for x in (s.get_transfer_mechanism_display(), s.safeguard_note) if x
                ),
            }
            for s in register
        ]
    terms = binding.dpa_terms
    mechanisms = ", ".join(m.value for m in terms.transfers.mechanisms)
    rows = []
    for s in terms.subprocessors.named:
        outside = [s.country] if s.country and not facts.in_eea(s.country) else []
        safeguard = (
            ("adequacy" if outside and facts.has_adequacy(s.country or "") else mechanisms) if outside else ""
        )
        rows.append(
            {
                "name": s.name,
                "country": s.country or "",
                "service": s.service or "",
                "outside_eea": outside,
                "safeguard": safeguard,
            }
        )
    return rows
