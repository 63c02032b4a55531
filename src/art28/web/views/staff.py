"""Staff console: dashboard, the processor's profile, the ledger."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from art28.agreements.access import visible_agreements
from art28.agreements.models import VersionStatus
from art28.ledger.models import Event
from art28.ledger.services import verify_chain
from art28.notices.access import staff_deliveries
from art28.notices.models import DeliveryStatus
from art28.parties import services as parties
from art28.parties.access import visible_controllers
from art28.web.decorators import staff_required
from art28.web.forms import ProcessorForm, apply_errors
from art28.web.lookups import page_of


@staff_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    controllers = visible_controllers(request.user)
    counts = dict(visible_agreements(request.user).with_latest_status().order_by()
                  .values_list("status").annotate(n=Count("pk")))
    by_status = [(value, label, counts.get(value, 0)) for value, label in VersionStatus.choices]
    deliveries = staff_deliveries(request.user)
    return render(request, "web/staff/dashboard.html", {
        "controller_count": controllers.count(),
        "by_status": by_status,
        "pending_deliveries": deliveries.filter(
            status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]).count(),
        "failed_deliveries": deliveries.filter(status=DeliveryStatus.FAILED).count(),
    })


@staff_required(write=True, admin=True)
def processor_edit(request: HttpRequest) -> HttpResponse:
    processor = request.membership.processor  # type: ignore[attr-defined]
    initial = {f: getattr(processor, f) for f in ProcessorForm.base_fields}
    form = ProcessorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            parties.update_processor(processor=processor, data=form.cleaned_data,
                                     acting_user=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect("web:processor_edit")
    return render(request, "web/staff/processor_edit.html", {"form": form, "processor": processor})


@staff_required(admin=True)
def ledger(request: HttpRequest) -> HttpResponse:
    processor_id = request.membership.processor_id  # type: ignore[attr-defined]
    events = Event.objects.filter(processor_id_ref=processor_id).order_by("-seq")
    result = verify_chain() if request.GET.get("verify") else None
    return render(request, "web/staff/ledger.html",
                  {"page": page_of(request, events, 50), "result": result})
