"""Review an agreement with the analyzer, keep the processor's playbook, import signed originals.

Each state change runs in one transaction with its ledger event. A document the analyzer
refuses becomes a ValidationError carrying the analyzer's message (and its code), so
the form or the API shows the reason and nothing is saved.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from art28.agreements.imports import import_signed_agreement, original_format
from art28.agreements.models import Agreement
from art28.analyzer import Analysis, AnalyzerError, analyze
from art28.analyzer import Playbook as Positions
from art28.ledger.services import record_event
from art28.parties.models import Controller, Processor
from art28.reviews.models import Playbook, Review
from art28.terms.schema import DpaTerms


def max_upload_bytes() -> int:
    return settings.ART28_MAX_UPLOAD_MB * 1024 * 1024


def too_large_message() -> str:
    return _("The file is larger than %(mb)s MB.") % {"mb": settings.ART28_MAX_UPLOAD_MB}


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


def _scope(processor: Processor, controller: Controller | None) -> dict[str, Any]:
    return {"processor_id": processor.pk, "controller_id": controller.pk if controller else None}


@transaction.atomic
def review_document(*, processor: Processor, data: bytes, filename: str, lang: str | None = None,
                    playbook: Positions | dict | None = None, acting_user: Any,
                    controller: Controller | None = None) -> Review:
    """Read ``data`` with the analyzer and record the review.

    Without ``playbook`` the processor's stored positions apply. With ``controller`` the
    document is staged for import as that controller's signed agreement: then (only then)
    the file is kept, until :func:`confirm_import`.
    """
    if controller is not None:
        if controller.processor_id != processor.pk:
            raise ValidationError({"controller": _("Not a controller of this processor.")})
        original_format(data, filename)
    positions = parse_positions(playbook) if isinstance(playbook, dict) else playbook
    analysis = run_analyzer(data, filename, lang=lang, playbook=positions or positions_of(processor))
    review = Review(processor=processor, uploaded_by=_user(acting_user),
                    filename=Path(filename or "document").name[:255], sha256=analysis.source.sha256,
                    size=len(data), language=analysis.language, controller=controller,
                    result=analysis.model_dump(mode="json"))
    if controller is not None:
        review.document.save(f"original{Path(review.filename).suffix.lower()[:6]}", ContentFile(data),
                             save=False)
    review.save()
    record_event(action="review.created", obj=review, acting_user=acting_user,
                 data={"filename": review.filename, "sha256": review.sha256, "size": review.size,
                       "language": review.language, "import": controller is not None,
                       "checklist": review.counts, "deviations": review.deviations},
                 **_scope(processor, controller))
    return review


def _user(acting_user: Any) -> Any:
    return None if acting_user is None or isinstance(acting_user, str) else acting_user


@transaction.atomic
def confirm_import(*, review: Review, terms: DpaTerms | dict[str, Any], acting_user: Any) -> Agreement:
    """Turn a staged import into a signed agreement with the terms staff confirmed."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.controller is None or not review.document:
        raise ValidationError(_("This review is not an import."))
    if review.agreement_id is not None:
        raise ValidationError(_("This document has already been imported as %(r)s.")
                              % {"r": review.agreement.reference})
    with review.document.open("rb") as fh:
        data = fh.read()
    if hashlib.sha256(data).hexdigest() != review.sha256:
        raise ValidationError(_("The stored file no longer matches the upload; upload it again."))
    agreement = import_signed_agreement(controller=review.controller, data=data, filename=review.filename,
                                        terms=terms, acting_user=acting_user)
    review.agreement = agreement
    review.save(update_fields=["agreement"])
    return agreement


@transaction.atomic
def set_playbook(*, processor: Processor, positions: dict | str | Positions, acting_user: Any) -> Playbook:
    """Store the processor's positions; every later review lists the deviations from them."""
    parsed = positions if isinstance(positions, Positions) else parse_positions(positions)
    stored, _created = Playbook.objects.select_for_update().get_or_create(processor=processor)
    stored.positions = parsed.model_dump(mode="json", exclude_none=True)
    stored.updated_by = _user(acting_user)
    stored.save()
    record_event(action="review.playbook_changed", obj=("playbook", str(processor.code)),
                 acting_user=acting_user, data={"positions": stored.positions},
                 **_scope(processor, None))
    return stored
