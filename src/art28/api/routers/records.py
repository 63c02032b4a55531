"""The Art. 30(2) record of processing activities and its exports."""

from __future__ import annotations

from typing import Literal

from django.http import Http404
from django.http.response import HttpResponseBase

from art28.agreements.access import visible_agreements
from art28.api import uploads
from art28.api.routing import REQUESTS_IDS, Router
from art28.core.downloads import attachment, dated
from art28.parties.access import membership_of
from art28.parties.types import AuthedRequest
from art28.records import services as ropa

router = Router(tags=["requests"], ids_from=REQUESTS_IDS)


@router.get(
    "/ropa",
    openapi_extra=uploads.download_doc("The record", *ropa.CONTENT_TYPES.values()),
)
def ropa_export(
    request: AuthedRequest, format: Literal["csv", "xlsx", "pdf", "jsonld"] = "jsonld",  # noqa: A002
    language: Literal["nl", "en"] = "en",
) -> HttpResponseBase:
    """The processor's record (staff), or the controller's own extract (controller users);
    ``language`` is the language of the words in the CSV, XLSX and PDF (measures, policies)."""
    m = membership_of(request.auth)
    if m is None:
        raise Http404
    content = ropa.export_stream(processor=m.processor, fmt=format,
                                 agreements=visible_agreements(request.auth), language=language)
    name = dated("art30-record" if m.is_processor_side else "art30-extract", format)
    return attachment(content, ropa.CONTENT_TYPES[format], name)
