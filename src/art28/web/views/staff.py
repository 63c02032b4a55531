"""Staff console: dashboard, the processor's profile, the ledger."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from art28.agreements.access import agreement_counts_by_status
from art28.agreements.models import VersionStatus
from art28.ledger.models import CheckStatus
from art28.ledger.services import latest_chain_check, request_chain_check
from art28.parties import services as parties
from art28.parties.access import visible_controllers
from art28.parties.types import StaffRequest
from art28.web.access import delivery_counts, ledger_events
from art28.web.decorators import staff_required
from art28.web.forms import ProcessorForm, apply_errors
from art28.web.lookups import page_of
from art28.web.obligations import obligations_context


@staff_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    controllers = visible_controllers(request.user)
    counts = agreement_counts_by_status(request.user)
    by_status = [(value, label, counts.get(value, 0)) for value, label in VersionStatus.choices]
    deliveries = delivery_counts(request.user)
    return render(request, "web/staff/dashboard.html", {
        "controller_count": controllers.count(),
        "by_status": by_status,
        "pending_deliveries": deliveries["pending"],
        "failed_deliveries": deliveries["failed"],
        **obligations_context(request),
    })


@staff_required(write=True, admin=True)
def processor_edit(request: StaffRequest) -> HttpResponse:
    processor = request.membership.processor
    form = ProcessorForm(request.POST or None, initial=ProcessorForm.initial_for(processor))
    if request.method == "POST" and form.is_valid():
        try:
            parties.update_processor(processor=processor, data=form.cleaned_data,
                                     acting_user=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The profile is saved. Agreements not yet sent show the "
                                        "new details; sent and signed ones keep what they said."))
            return redirect("web:processor_edit")
    return render(request, "web/staff/processor_edit.html", {"form": form, "processor": processor})


@staff_required(admin=True)
def ledger(request: StaffRequest) -> HttpResponse:
    events = ledger_events(request.user)
    processor_id = request.membership.processor_id
    # Verifying recomputes the whole chain: a task does it, the page shows its last result.
    check = latest_chain_check(processor_id)
    result = check if check is not None and check.status == CheckStatus.DONE else None
    return render(request, "web/staff/ledger.html",
                  {"page": page_of(request, events, 50), "check": check, "result": result})


@require_POST
@staff_required(write=True, admin=True)
def ledger_verify(request: StaffRequest) -> HttpResponse:
    request_chain_check(processor_id=request.membership.processor_id,
                        acting_user=request.user)
    messages.success(request, _("The chain is being verified; the result appears here when it is done."))
    return redirect("web:ledger")
