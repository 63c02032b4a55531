"""Import an agreement signed before art28: the original file plus the terms staff confirmed.

The result is an ordinary agreement whose version 1 is SIGNED, so from then on the
obligation engine applies its clocks (breach notice hours, sub-processor periods, ...).
Its document is the original file, byte for byte; art28 never re-renders it.
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

from art28.agreements.models import (
    IMPORTED_STANDARD,
    Agreement,
    AgreementVersion,
    VersionOrigin,
    VersionStatus,
)
from art28.agreements.services import _next_reference, language_of, validate_terms
from art28.analyzer.errors import AnalyzerError
from art28.analyzer.reading import sniff_format
from art28.core.ledger_scope import ledger_scope
from art28.core.uploads import max_upload_bytes, too_large_message
from art28.core.users import user_or_none
from art28.ledger.services import record_event
from art28.parties.models import Controller
from art28.terms.schema import DpaTerms

FORMATS = ("pdf", "docx")


def original_format(data: bytes, filename: str) -> str:
    """``pdf`` or ``docx`` for a signed original; a ValidationError for anything else."""
    if not data:
        raise ValidationError({"file": _("The file is empty.")})
    if len(data) > max_upload_bytes():
        raise ValidationError({"file": too_large_message()})
    try:
        fmt = sniff_format(data, filename)
    except AnalyzerError as exc:
        raise ValidationError({"file": exc.message}) from None
    if fmt not in FORMATS:
        raise ValidationError({"file": _("A signed agreement is imported as a PDF or DOCX file.")})
    return fmt


def _confirmed_terms(controller: Controller, terms: DpaTerms | dict[str, Any]) -> DpaTerms:
    # The parties are the ones on record: notices go to this controller, whatever
    # spelling the old document used.
    data = terms.model_dump(mode="json") if isinstance(terms, DpaTerms) else dict(terms)
    processor = controller.processor
    data["controller"] = controller.as_party(controller.signatories().first()).model_dump(mode="json")
    data["processor"] = processor.as_party(
        processor.contacts.filter(is_signatory=True).first()).model_dump(mode="json")
    return validate_terms(data)


@transaction.atomic
def import_signed_agreement(*, controller: Controller, data: bytes, filename: str,
                            terms: DpaTerms | dict[str, Any], acting_user: Any) -> Agreement:
    """Record an agreement signed outside art28 for ``controller``.

    ``terms`` are the terms staff confirmed (the analyzer proposes, a person decides).
    The original file becomes the version's document and signed document, with its
    SHA-256; the version is SIGNED from now (the date of the paper signature is not known).
    """
    fmt = original_format(data, filename)
    confirmed = _confirmed_terms(controller, terms)
    agreement = Agreement.objects.create(controller=controller, reference=_next_reference(controller))
    digest = hashlib.sha256(data).hexdigest()
    version = AgreementVersion(
        agreement=agreement, number=1, status=VersionStatus.SIGNED, language=language_of(confirmed),
        standard_version=IMPORTED_STANDARD, terms=confirmed.model_dump(mode="json"),
        origin=VersionOrigin.IMPORTED, original_filename=Path(filename).name[:255],
        created_by=user_or_none(acting_user), signed_at=timezone.now(),
        document_sha256=digest, signed_document_sha256=digest)
    version.document.save(f"original.{fmt}", ContentFile(data), save=False)
    version.signed_document.name = version.document.name  # one file: what was signed
    version.save()
    record_event(action="agreement.imported", obj=agreement, acting_user=acting_user,
                 data={"reference": agreement.reference, "version": 1, "filename": version.original_filename,
                       "sha256": digest, "language": confirmed.language,
                       "notice_hours": confirmed.breach.notice_hours},
                 **ledger_scope(agreement=agreement))
    return agreement
