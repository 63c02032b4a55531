"""The staff page of the security-measure catalogue: its versions, and publishing a new one."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from art28.core.actions import run_action
from art28.core.decorators import staff_required
from art28.measures import access, forms, services
from art28.parties.types import StaffRequest


def _measures_page(
    request: StaffRequest,
    *,
    errors: list[str] | None = None,
    status: int = 200,
    form: forms.MeasuresForm | None = None,
) -> HttpResponse:
    processor = request.membership.processor
    current = services.current_catalogue(processor)
    initial = forms.MeasuresForm.as_lines(current.measures) if current else ""
    return render(
        request,
        "measures/staff_measures.html",
        {
            "current": current,
            "current_measures": services.bilingual(current.measures) if current else [],
            "errors": errors or [],
            "versions": access.visible_catalogues(request.user).order_by("-number"),
            "form": form or forms.MeasuresForm(initial={"measures": initial}),
        },
        status=status,
    )


@staff_required()
def measures_list(request: StaffRequest) -> HttpResponse:
    return _measures_page(request)


@require_POST
@staff_required(write=True, admin=True)
def measures_publish(request: StaffRequest) -> HttpResponse:
    form = forms.MeasuresForm(request.POST)
    return run_action(
        request,
        form=form,
        call=lambda data: services.publish_measures(
            processor=request.membership.processor,
            measures=form.parsed(),
            summary=data["summary"],
            substantial=data["substantial"],
            acting_user=request.user,
        ),
        done=_("The new measures are published."),
        back=reverse("measures:list"),
        page=lambda request, *, errors, status: _measures_page(
            request, form=form, errors=errors, status=status
        ),
    )
