"""The Art. 30(2) record as a download: the processor's whole record, or a controller's extract."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.http.response import HttpResponseBase

from art28.agreements.access import shown_versions, visible_agreements
from art28.core.decorators import portal_required, staff_required
from art28.core.downloads import attachment, dated
from art28.parties.types import MemberRequest, PortalRequest, StaffRequest
from art28.records import services as ropa


def ropa_response(request: MemberRequest, fmt: str, name: str, agreements: Any) -> HttpResponseBase:
    """The Art. 30 record of ``agreements`` in ``fmt``, as a dated attachment (the CSV streamed):
    each line the binding version among those the user may see (a controller's user: never a draft)."""
    if fmt not in ropa.FORMATS:
        raise Http404
    processor = request.membership.processor
    content = ropa.export_stream(
        processor=processor,
        fmt=fmt,
        agreements=agreements,
        shown=shown_versions(request.user),
        language=request.LANGUAGE_CODE if request.LANGUAGE_CODE in ("nl", "en") else "en",
    )
    ext = "jsonld" if fmt == "jsonld" else fmt
    return attachment(content, ropa.CONTENT_TYPES[fmt], dated(name, ext))


@staff_required()
def ropa_download(request: StaffRequest, fmt: str) -> HttpResponseBase:
    return ropa_response(request, fmt, "art30-record", visible_agreements(request.user))


@portal_required
def portal_ropa(request: PortalRequest, fmt: str) -> HttpResponseBase:
    """The controller's own extract of the record: only its agreements."""
    return ropa_response(request, fmt, "art30-extract", visible_agreements(request.user))
