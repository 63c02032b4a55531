"""The ledger page of the staff console, and verifying its chain."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from art28.core.actions import run_action
from art28.core.decorators import staff_required
from art28.core.pagination import keyset_page
from art28.ledger.access import find_events
from art28.ledger.describe import describe
from art28.ledger.forms import LedgerFilterForm
from art28.ledger.models import CheckStatus
from art28.ledger.services import latest_chain_check, request_chain_check


@staff_required(admin=True)
def ledger(request: HttpRequest) -> HttpResponse:
    # A filter that cannot be read is left out and named above the list, never a failure.
    filters = LedgerFilterForm(request.GET)
    events = find_events(request.user, q=filters.value("q"), kind=filters.value("kind"),
                         since=filters.day("since"), until=filters.day("until"))
    # staff_required attached it; ledger ranks below parties, whose StaffRequest types it.
    processor_id = request.membership.processor_id  # type: ignore[attr-defined]
    # Verifying recomputes the whole chain: a task does it, the page shows its last result.
    check = latest_chain_check(processor_id)
    result = check if check is not None and check.status == CheckStatus.DONE else None
    # Newest first, a page from a seq (no offset): flat at any size of ledger. The count of
    # matching events reads the columns it tests from the page's index, not the rows.
    page = keyset_page(request, events, 50, key="seq")
    lines = describe(page.object_list, processor_id)
    return render(request, "ledger/ledger.html", {
        "page": page, "lines": lines, "check": check, "result": result, "filters": filters,
        "matches": events.count()})


@require_POST
@staff_required(write=True, admin=True)
def ledger_verify(request: HttpRequest) -> HttpResponse:
    # staff_required attached it; ledger ranks below parties, whose StaffRequest types it.
    processor_id = request.membership.processor_id  # type: ignore[attr-defined]
    return run_action(
        request,
        call=lambda data: request_chain_check(processor_id=processor_id, acting_user=request.user),
        done=_("The chain is being verified; the result appears here when it is done."),
        back=reverse("ledger:ledger"),
    )
