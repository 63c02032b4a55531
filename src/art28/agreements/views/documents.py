"""Documents as HTTP responses: the frozen bytes where they exist, else freshly rendered."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.safestring import SafeString, mark_safe

from art28 import documents
from art28.agreements import downloads
from art28.agreements.models import AgreementVersion, VersionStatus
from art28.core.downloads import attachment as file_attachment


def attachment(download: downloads.Download) -> HttpResponse:
    response = file_attachment(download.data, download.content_type, download.filename)
    response["Cache-Control"] = "private, no-store"
    return response


def version_pdf(version: AgreementVersion) -> HttpResponse:
    """The exact PDF a sent version was frozen with (the one its hash covers)."""
    return attachment(downloads.document(version, "pdf"))


def signed_pdf(version: AgreementVersion) -> HttpResponse | None:
    if version.status not in (VersionStatus.SIGNED, VersionStatus.SUPERSEDED):
        return None
    download = downloads.signed(version)
    return attachment(download) if download else None


def version_docx(version: AgreementVersion) -> HttpResponse:
    return attachment(downloads.document(version, "docx"))


def preview_html(version: AgreementVersion) -> SafeString:
    """The agreement as an HTML fragment; render_html escapes every user-typed value."""
    html = documents.render_html(version.dpa_terms, reference=f"{version.agreement.reference} "
                                 f"v{version.number}", version=version.standard_version)
    return mark_safe(html)  # noqa: S308
