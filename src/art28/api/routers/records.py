"""The Art. 30(2) record of processing activities and its exports."""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from ninja import Query

from art28.agreements.access import shown_versions, visible_agreements
from art28.api import uploads
from art28.api.pagination import PageParams, paginate
from art28.api.routing import REQUESTS_IDS, Router
from art28.core.downloads import attachment, dated
from art28.parties.access import membership_of
from art28.parties.types import AuthedRequest
from art28.records import services as ropa
from art28.records.lines import record_keys

router = Router(tags=["requests"], ids_from=REQUESTS_IDS)


@router.get(
    "/ropa",
    openapi_extra=uploads.download_doc("The record", *ropa.CONTENT_TYPES.values()),
)
def ropa_export(
    request: AuthedRequest, params: Query[PageParams],
    format: Literal["csv", "xlsx", "pdf", "jsonld"] = "jsonld",  # noqa: A002
    language: Literal["nl", "en"] = "en", all: bool = False,  # noqa: A002
) -> HttpResponseBase:
    """The processor's record (staff), or the controller's own extract (controller users).

    JSON-LD (the default) is a list like the others: one page (``page``, ``page_size`` at most
    100) of the record's entries under ``items`` (the document's ``@graph``), with ``count``,
    ``page`` and ``pages``; ``all=true`` downloads the whole record as one JSON-LD file instead.
    CSV, XLSX and PDF are always the whole record, as a download; ``language`` is the language
    of their words (measures, policies)."""
    m = membership_of(request.auth)
    if m is None:
        raise Http404
    agreements, shown = visible_agreements(request.auth), shown_versions(request.auth)
    if format == "jsonld" and not all:
        page = paginate(record_keys(processor=m.processor, agreements=agreements, shown=shown), params)
        return HttpResponse(ropa.jsonld_page(processor=m.processor, page=page, shown=shown,
                                                language=language),
                            content_type=ropa.CONTENT_TYPES["jsonld"])
    content = ropa.export_stream(processor=m.processor, fmt=format, agreements=agreements, language=language,
                                 shown=shown)
    name = dated("art30-record" if m.is_processor_side else "art30-extract", format)
    return attachment(content, ropa.CONTENT_TYPES[format], name)
