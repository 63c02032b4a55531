"""Review an agreement with the analyzer, keep the processor's playbook, import signed originals.

An import stages the original file on a review until staff confirm the terms: for a
controller it becomes a signed agreement (:func:`confirm_import`), for a sub-processor its
own agreement with us, the input of the flow-down check (:func:`confirm_subprocessor_import`).

Each state change runs in one transaction with its ledger event. A document the analyzer
refuses becomes a ValidationError carrying the analyzer's message (and its code), so
the form or the API shows the reason and nothing is saved.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from art28.agreements.imports import import_signed_agreement, original_format
from art28.agreements.models import Agreement
from art28.analyzer import Analysis, AnalyzerError, analyze
from art28.analyzer import Playbook as Positions
from art28.core.ledger_scope import ledger_scope
from art28.core.uploads import max_upload_bytes, too_large_message
from art28.core.users import user_or_none
from art28.ledger.services import record_event
from art28.parties.models import Controller, Processor
from art28.reviews.models import Playbook, Review
from art28.subprocessors.models import Subprocessor
from art28.subprocessors.services.register import update_subprocessor
from art28.terms.schema import DpaTerms, Party


def parse_positions(data: Any) -> Positions:
    """Playbook positions from a dict or JSON text; ValidationError names what is wrong."""
    try:
        if isinstance(data, (str, bytes)):
            return Positions.model_validate_json(data)
        return Positions.model_validate(data or {})
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        raise ValidationError({"playbook": _("The playbook is not valid: %(e)s") % {"e": exc}}) from None


def positions_of(processor: Processor) -> Positions | None:
    """The processor's stored playbook, or None when it has set no position."""
    stored = Playbook.objects.filter(processor=processor).first()
    if stored is None or not stored.positions:
        return None
    return parse_positions(stored.positions)


def run_analyzer(data: bytes, filename: str, *, lang: str | None = None,
                 playbook: Positions | None = None) -> Analysis:
    """The analysis of ``data``, or a ValidationError with the analyzer's message and code."""
    if len(data) > max_upload_bytes():
        raise ValidationError({"file": too_large_message()}, code="too_large")
    try:
        return analyze(data, filename=Path(filename or "").name or None, lang=lang or None,
                       playbook=playbook)
    except AnalyzerError as exc:
        raise ValidationError({"file": ValidationError(exc.message, code=exc.code.name.lower())}) from None


@transaction.atomic
def review_document(*, processor: Processor, data: bytes, filename: str, lang: str | None = None,
                    playbook: Positions | dict | None = None, acting_user: Any,
                    controller: Controller | None = None,
                    subprocessor: Subprocessor | None = None) -> Review:
    """Read ``data`` with the analyzer and record the review.

    Without ``playbook`` the processor's stored positions apply. With ``controller`` the
    document is staged for import as that controller's signed agreement, with
    ``subprocessor`` as that sub-processor's own agreement with us: then (only then) the
    file is kept, until :func:`confirm_import` or :func:`confirm_subprocessor_import`.
    """
    if controller is not None and subprocessor is not None:
        raise ValidationError(_("An import is for a controller or for a sub-processor, not both."))
    if controller is not None and controller.processor_id != processor.pk:
        raise ValidationError({"controller": _("Not a controller of this processor.")})
    if subprocessor is not None and subprocessor.processor_id != processor.pk:
        raise ValidationError({"subprocessor": _("Not a sub-processor of this processor.")})
    staged = controller is not None or subprocessor is not None
    if staged:
        original_format(data, filename)
    positions = parse_positions(playbook) if isinstance(playbook, dict) else playbook
    analysis = run_analyzer(data, filename, lang=lang, playbook=positions or positions_of(processor))
    review = Review(processor=processor, uploaded_by=user_or_none(acting_user),
                    filename=Path(filename or "document").name[:255], sha256=analysis.source.sha256,
                    size=len(data), language=analysis.language, controller=controller,
                    subprocessor=subprocessor, result=analysis.model_dump(mode="json"))
    if staged:
        review.document.save(f"original{Path(review.filename).suffix.lower()[:6]}", ContentFile(data),
                             save=False)
    review.save()
    record_event(action="review.created", obj=review, acting_user=acting_user,
                 data={"filename": review.filename, "sha256": review.sha256, "size": review.size,
                       "language": review.language, "import": staged,
                       "subprocessor": str(subprocessor.code) if subprocessor is not None else None,
                       "checklist": review.counts, "deviations": review.deviations},
                 **ledger_scope(processor, controller))
    return review


def _staged_original(review: Review) -> bytes:
    """The staged file, checked against the hash taken at upload."""
    with review.document.open("rb") as fh:
        data = fh.read()
    if hashlib.sha256(data).hexdigest() != review.sha256:
        raise ValidationError(_("The stored file no longer matches the upload; upload it again."))
    return data


@transaction.atomic
def confirm_import(*, review: Review, terms: DpaTerms | dict[str, Any], acting_user: Any) -> Agreement:
    """Turn a staged import into a signed agreement with the terms staff confirmed."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.controller is None or not review.document:
        raise ValidationError(_("This review is not an import."))
    if review.agreement is not None:
        raise ValidationError(_("This document has already been imported as %(r)s.")
                              % {"r": review.agreement.reference})
    data = _staged_original(review)
    agreement = import_signed_agreement(controller=review.controller, data=data, filename=review.filename,
                                        terms=terms, acting_user=acting_user)
    review.agreement = agreement
    review.imported_at = timezone.now()
    review.save(update_fields=["agreement", "imported_at"])
    return agreement


def _subprocessor_terms(sp: Subprocessor, terms: DpaTerms | dict[str, Any]) -> dict[str, Any]:
    # In its agreement with us we are the controller side and it is the processor. The
    # parties are the ones on record, whatever spelling the document used.
    data = terms.model_dump(mode="json") if isinstance(terms, DpaTerms) else dict(terms)
    processor = sp.processor
    data["controller"] = processor.as_party(
        processor.contacts.filter(is_signatory=True).first()).model_dump(mode="json")
    data["processor"] = Party(name=sp.name, address=sp.address or None,
                              country=sp.country or None).model_dump(mode="json")
    return data


def _differences(proposed: Any, confirmed: Any, prefix: str = "") -> list[str]:
    """The field paths where staff changed what the analyzer proposed."""
    if isinstance(proposed, dict) and isinstance(confirmed, dict):
        out: list[str] = []
        for key in sorted(set(proposed) | set(confirmed)):
            out += _differences(proposed.get(key), confirmed.get(key), f"{prefix}{key}.")
        return out
    # A checkbox cannot say "not stated": an unticked one is no correction of a blank.
    blank = (None, False)
    same = proposed == confirmed or (any(proposed is b for b in blank) and any(confirmed is b for b in blank))
    return [] if same else [prefix.rstrip(".")]


@transaction.atomic
def confirm_subprocessor_import(*, review: Review, terms: DpaTerms | dict[str, Any],
                                acting_user: Any) -> Subprocessor:
    """Store the confirmed terms and the original file as the sub-processor's agreement with us.

    From then on the flow-down check compares those terms with what we promise our
    controllers. The terms replace any recorded before; the parties are taken from the
    register (we are the controller side, the sub-processor the processor).
    """
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.subprocessor is None or not review.document:
        raise ValidationError(_("This review is not an import of a sub-processor's agreement."))
    if review.imported_at is not None:
        raise ValidationError(_("This document has already been recorded for %(n)s.")
                              % {"n": review.subprocessor.name})
    data = _staged_original(review)
    fmt = original_format(data, review.filename)
    sp = review.subprocessor
    confirmed = _subprocessor_terms(sp, terms)
    stem = Path(review.filename).stem[:80] or "agreement"
    sp = update_subprocessor(subprocessor=sp, data={}, terms=confirmed, acting_user=acting_user,
                             agreement_file=(f"{stem}.{fmt}", data))
    review.imported_at = timezone.now()
    review.save(update_fields=["imported_at"])
    proposed = _subprocessor_terms(sp, DpaTerms.model_validate(review.result.get("terms") or {}))
    record_event(action="review.imported", obj=review, acting_user=acting_user,
                 data={"subprocessor": str(sp.code), "sha256": sp.agreement_sha256,
                       "corrected": _differences(proposed, sp.terms)},
                 **ledger_scope(review.processor))
    return sp


@transaction.atomic
def set_playbook(*, processor: Processor, positions: dict | str | Positions, acting_user: Any) -> Playbook:
    """Store the processor's positions; every later review lists the deviations from them."""
    parsed = positions if isinstance(positions, Positions) else parse_positions(positions)
    stored, _created = Playbook.objects.select_for_update().get_or_create(processor=processor)
    stored.positions = parsed.model_dump(mode="json", exclude_none=True)
    stored.updated_by = user_or_none(acting_user)
    stored.save()
    record_event(action="review.playbook_changed", obj=("playbook", str(processor.code)),
                 acting_user=acting_user, data={"positions": stored.positions},
                 **ledger_scope(processor))
    return stored
