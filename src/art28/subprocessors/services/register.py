"""Registering sub-processors and their initial authorisation (named in the agreements)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from art28.agreements.models import Agreement
from art28.agreements.services import validate_terms
from art28.core.ledger_scope import ledger_scope
from art28.core.validation import translated
from art28.ledger.services import record_event
from art28.parties.models import Processor
from art28.parties.text import check_text
from art28.subprocessors.models import (
    Basis,
    LinkStatus,
    Subprocessor,
    SubprocessorStatus,
    TransferMechanism,
)
from art28.subprocessors.services.links import set_link
from art28.terms.validators import TermsValueError, clean_country

EDITABLE = (
    "name",
    "address",
    "country",
    "service",
    "service_en",
    "data_categories",
    "locations",
    "transfer_mechanism",
    "dpf_certified",
    "safeguard_note",
    "scope_all",
)

TEXT_FIELDS = ("name", "address", "service", "service_en", "safeguard_note", "data_categories")


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Validated field values; a ValidationError names every bad field at once."""
    errors: dict[str, str] = {}
    out = dict(data)
    for key, value in out.items():
        # An explicit null (a PATCH body) is no value for a column that cannot be empty.
        if value is None and key not in ("data_categories", "locations", "service_en"):
            errors[key] = _("This field may not be null.")
    for key in ("name", "service"):
        if key in out and key not in errors and not str(out[key] or "").strip():
            errors[key] = _("This field is required.")
    check_text(Subprocessor, out, TEXT_FIELDS, errors)
    if "country" in out and "country" not in errors:
        try:
            out["country"] = clean_country(out["country"])
        except TermsValueError:
            errors["country"] = _("Unknown country code %(c)s: use ISO 3166-1 alpha-2, e.g. NL.") % {
                "c": out["country"]
            }
    if "locations" in out:
        try:
            out["locations"] = list(dict.fromkeys(clean_country(c) for c in out["locations"] or []))
        except TermsValueError as exc:
            errors["locations"] = _("Unknown country code in the locations: %(e)s") % {"e": translated(exc)}
    if "service_en" in out:
        out["service_en"] = str(out["service_en"] or "").strip()
    if "data_categories" in out:
        out["data_categories"] = [str(c).strip() for c in out["data_categories"] or [] if str(c).strip()]
    mechanism = out.get("transfer_mechanism", TransferMechanism.NONE)
    if mechanism is not None and mechanism not in TransferMechanism.values:
        errors["transfer_mechanism"] = _("Unknown transfer mechanism.")
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def register_subprocessor(
    *,
    processor: Processor,
    data: dict[str, Any],
    acting_user: Any,
    agreements: list[Agreement] | None = None,
    named_in_agreements: bool = False,
    terms: dict[str, Any] | None = None,
    agreement_file: tuple[str, bytes] | None = None,
) -> Subprocessor:
    """Add a sub-processor to the register (status proposed unless already named).

    With ``named_in_agreements`` the sub-processor is already in Annex IV of the given
    agreements (or, with ``scope_all``, of every active agreement of the processor): it is
    recorded as authorised for them from now on, basis "named", and marked in use.
    Otherwise it only becomes usable for an agreement through a change (propose_change).
    """
    fields = _clean({k: v for k, v in data.items() if k in EDITABLE})
    if "name" not in fields or "country" not in fields or "service" not in fields:
        raise ValidationError(
            {k: _("This field is required.") for k in ("name", "country", "service") if k not in fields}
        )
    if Subprocessor.objects.filter(processor=processor, name__iexact=fields["name"].strip()).exists():
        raise ValidationError({"name": _("A sub-processor with this name is already registered.")})
    sp = Subprocessor(processor=processor, **fields)
    if terms is not None:
        sp.terms = validate_terms(terms).model_dump(mode="json")
    if named_in_agreements:
        sp.status = SubprocessorStatus.ACTIVE
    sp.save()
    if agreement_file is not None:
        _store_file(sp, *agreement_file)
    linked = _link_named(sp, agreements) if named_in_agreements else []
    record_event(
        action="subprocessor.registered",
        obj=sp,
        acting_user=acting_user,
        data={
            "name": sp.name,
            "country": sp.country,
            "service": sp.service,
            "service_en": sp.service_en,
            "mechanism": sp.transfer_mechanism,
            "scope_all": sp.scope_all,
            "named_in": [a.reference for a in linked],
        },
        **ledger_scope(sp.processor_id),
    )
    return sp


def _link_named(sp: Subprocessor, agreements: list[Agreement] | None) -> list[Agreement]:
    if agreements is None:
        if not sp.scope_all:
            raise ValidationError({"agreements": _("Name the agreements this sub-processor is used for.")})
        agreements = list(Agreement.objects.active().filter(controller__processor=sp.processor))
    now = timezone.now()
    for agreement in agreements:
        if agreement.controller.processor_id != sp.processor_id:
            raise ValidationError(
                {"agreements": _("%(r)s is not an agreement of this processor.") % {"r": agreement.reference}}
            )
        set_link(
            subprocessor=sp, agreement=agreement, status=LinkStatus.AUTHORISED, basis=Basis.NAMED, at=now
        )
    return agreements


def _store_file(sp: Subprocessor, filename: str, content: bytes) -> None:
    sp.agreement_file.save(filename, ContentFile(content), save=False)
    sp.agreement_sha256 = hashlib.sha256(content).hexdigest()
    sp.save(update_fields=["agreement_file", "agreement_sha256"])


@transaction.atomic
def update_subprocessor(
    *,
    subprocessor: Subprocessor,
    data: dict[str, Any],
    acting_user: Any,
    terms: dict[str, Any] | None = None,
    agreement_file: tuple[str, bytes] | None = None,
) -> Subprocessor:
    """Correct the register entry, its own terms or its agreement file."""
    sp = Subprocessor.objects.select_for_update().get(pk=subprocessor.pk)
    fields = _clean({k: v for k, v in data.items() if k in EDITABLE})
    if (
        "name" in fields
        and Subprocessor.objects.filter(processor_id=sp.processor_id, name__iexact=fields["name"].strip())
        .exclude(pk=sp.pk)
        .exists()
    ):
        raise ValidationError({"name": _("A sub-processor with this name is already registered.")})
    before = {k: getattr(sp, k) for k in fields}
    for key, value in fields.items():
        setattr(sp, key, value)
    if terms is not None:
        sp.terms = validate_terms(terms).model_dump(mode="json")
    sp.save()
    if agreement_file is not None:
        _store_file(sp, *agreement_file)
    record_event(
        action="subprocessor.updated",
        obj=sp,
        acting_user=acting_user,
        data={
            "changed": {k: [before[k], fields[k]] for k in fields if before[k] != fields[k]},
            "terms": terms is not None,
            "file_sha256": sp.agreement_sha256 if agreement_file else None,
        },
        **ledger_scope(sp.processor_id),
    )
    return sp
