"""The end of an agreement, on both sides: staff return or destroy the data and issue the
certificate; the controller chooses return or destruction and downloads what it gets back.

Each view is a plain function: the access helper finds the termination, ``run_action`` calls
one service and shows its errors on the page or goes back to it with a message.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from art28.agreements import access
from art28.agreements import termination_forms as forms
from art28.agreements.models import Termination
from art28.agreements.services import termination
from art28.agreements.views.termination_pages import errors_on_termination, termination_page
from art28.core.actions import run_action
from art28.core.decorators import portal_required, staff_required
from art28.core.downloads import stored_file
from art28.core.uploads import posted_file

staff = staff_required()
STAFF_PAGE = "agreements/termination_staff.html"
PORTAL_PAGE = "agreements/termination_portal.html"


# -- staff ----------


@staff
def termination_detail(request: HttpRequest, code: Any) -> HttpResponse:
    return termination_page(request, STAFF_PAGE, access.termination_for(request.user, code))


@require_POST
@staff
def termination_estimate(request: HttpRequest, code: Any) -> HttpResponse:
    t = access.termination_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.AmountForm(request.POST),
        call=lambda data: termination.set_end_cost_estimate(
            termination=t, amount=data["amount"], acting_user=request.user
        ),
        done=_("The estimate is sent to the controller."),
        back=reverse("agreements:termination_detail", args=[t.code]),
        page=errors_on_termination(STAFF_PAGE, code),
    )


def _add_returned_file(request: HttpRequest, t: Termination) -> Any:
    name, content = posted_file(request, "file") or ("", b"")
    return termination.add_returned_file(termination=t, name=name, content=content, acting_user=request.user)


@require_POST
@staff
def termination_file(request: HttpRequest, code: Any) -> HttpResponse:
    t = access.termination_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.ReturnedFileForm(request.POST, request.FILES),
        call=lambda data: _add_returned_file(request, t),
        done=_("The file is added to the data package."),
        back=reverse("agreements:termination_detail", args=[t.code]),
        page=errors_on_termination(STAFF_PAGE, code),
    )


@require_POST
@staff
def termination_destruction(request: HttpRequest, code: Any) -> HttpResponse:
    t = access.termination_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.DestructionForm(request.POST),
        call=lambda data: termination.confirm_destruction(
            termination=t,
            target_kind=data["target_kind"],
            target=data["target"],
            method=data["method"],
            acting_user=request.user,
        ),
        done=_("The destruction is confirmed."),
        back=reverse("agreements:termination_detail", args=[t.code]),
        page=errors_on_termination(STAFF_PAGE, code),
    )


@require_POST
@staff
def termination_retention(request: HttpRequest, code: Any) -> HttpResponse:
    t = access.termination_for(request.user, code, write=True)
    form = forms.RetentionForm(request.POST)
    return run_action(
        request,
        form=form,
        call=lambda data: termination.set_retention(
            termination=t, items=form.parsed(), acting_user=request.user
        ),
        done=_("The retention exceptions are saved."),
        back=reverse("agreements:termination_detail", args=[t.code]),
        page=errors_on_termination(STAFF_PAGE, code),
    )


@require_POST
@staff
def termination_certificate(request: HttpRequest, code: Any) -> HttpResponse:
    t = access.termination_for(request.user, code, write=True)
    return run_action(
        request,
        call=lambda data: termination.issue_certificate(termination=t, acting_user=request.user),
        done=_("The certificate is issued and sent to the controller."),
        back=reverse("agreements:termination_detail", args=[t.code]),
        page=errors_on_termination(STAFF_PAGE, code),
    )


@staff
def certificate_pdf(request: HttpRequest, code: Any) -> HttpResponseBase:
    return stored_file(access.termination_for(request.user, code).certificate,
                       content_type="application/pdf", stream=False)


@staff
def returned_file(request: HttpRequest, code: Any) -> HttpResponseBase:
    return stored_file(access.returned_file_for(request.user, code).file, stream=False)


# -- controller portal ----------


@portal_required
def portal_termination(request: HttpRequest, code: Any) -> HttpResponse:
    return termination_page(request, PORTAL_PAGE, access.termination_for(request.user, code))


@require_POST
@portal_required
def portal_termination_choose(request: HttpRequest, code: Any) -> HttpResponse:
    t = access.termination_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.ChoiceForm(request.POST),
        call=lambda data: termination.choose_end_way(
            termination=t, choice=data["choice"], acting_user=request.user
        ),
        done=_("Your choice is recorded."),
        back=reverse("agreements:portal_termination", args=[t.code]),
        page=errors_on_termination(PORTAL_PAGE, code),
    )


@portal_required
def portal_certificate(request: HttpRequest, code: Any) -> HttpResponseBase:
    return stored_file(access.termination_for(request.user, code).certificate,
                       content_type="application/pdf", stream=False)


@portal_required
def portal_returned_file(request: HttpRequest, code: Any) -> HttpResponseBase:
    return stored_file(access.returned_file_for(request.user, code).file, stream=False)
