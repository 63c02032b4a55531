"""Documents as HTTP responses: the frozen bytes where they exist, else freshly rendered."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.safestring import SafeString, mark_safe

from art28 import documents
from art28.agreements import services as agreements
from art28.agreements.models import AgreementVersion, VersionStatus

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _filename(version: AgreementVersion, suffix: str) -> str:
    return f"{version.agreement.reference}-v{version.number}{suffix}"


def attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def version_pdf(version: AgreementVersion) -> HttpResponse:
    """The exact PDF a sent version was frozen with (the one its hash covers)."""
    if version.document:
        with version.document.open("rb") as fh:
            data = fh.read()
    else:
        data = agreements.render_version_pdf(version)
    return attachment(data, PDF, _filename(version, ".pdf"))


def signed_pdf(version: AgreementVersion) -> HttpResponse | None:
    if version.status not in (VersionStatus.SIGNED, VersionStatus.SUPERSEDED) \
            or not version.signed_document:
        return None
    with version.signed_document.open("rb") as fh:
        return attachment(fh.read(), PDF, _filename(version, "-signed.pdf"))


def version_docx(version: AgreementVersion) -> HttpResponse:
    evidence = agreements.evidence_entries(version) if version.signed_document else None
    data = agreements.render_version_docx(version, evidence=evidence)
    return attachment(data, DOCX, _filename(version, ".docx"))


def preview_html(version: AgreementVersion) -> SafeString:
    """The agreement as an HTML fragment; render_html escapes every user-typed value."""
    html = documents.render_html(version.dpa_terms, reference=f"{version.agreement.reference} "
                                 f"v{version.number}", version=version.standard_version)
    return mark_safe(html)  # noqa: S308
