"""Documents as HTTP responses: the frozen bytes where they exist, else freshly rendered."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from art28 import documents
from art28.agreements import downloads
from art28.agreements.models import AgreementVersion, VersionStatus
from art28.core.downloads import attachment as file_attachment
from art28.documents.model import DocumentError


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


def document_problem(exc: DocumentError) -> str:
    """Why a version cannot be shown as a document, in the reader's language."""
    what = {"language": _("its language (Dutch or English)"), "processor": _("the processor's name"),
            "controller": _("the client's name")}.get(exc.missing or "", _("data the document needs"))
    return _("This version cannot be shown as a document yet: its terms lack %(what)s. "
             "Complete the terms, then try again.") % {"what": what}


def preview_html(version: AgreementVersion) -> SafeString:
    """The agreement as an HTML fragment; render_html escapes every user-typed value. Terms
    that cannot make a document give a message saying what they lack, not an error page."""
    try:
        html = documents.render_html(version.dpa_terms, reference=f"{version.agreement.reference} "
                                     f"v{version.number}", version=version.standard_version)
    except DocumentError as exc:
        return format_html('<p class="notice error" role="alert">{}</p>', document_problem(exc))
    return mark_safe(html)  # noqa: S308
