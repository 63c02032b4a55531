"""Staff console: review an agreement, its report (HTML, PDF), the playbook, importing signed originals
(a controller's agreement signed before art28, or a sub-processor's own agreement with us).

Views parse, check access, call one service and render; they never write themselves.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from art28.parties.access import controller_for, visible_controllers
from art28.parties.types import StaffRequest
from art28.reviews import services
from art28.reviews.access import playbook_of, review_for, visible_reviews
from art28.reviews.forms import (
    FLOWDOWN_FIELDS,
    ConfirmTermsForm,
    ImportUploadForm,
    PlaybookForm,
    UploadForm,
    confirm_initial,
)
from art28.reviews.models import Review
from art28.reviews.report import report_context, report_pdf
from art28.subprocessors.access import subprocessor_for, subprocessors_by_code, visible_subprocessors
from art28.terms.schema import DpaTerms
from art28.web.decorators import require_write, staff_required
from art28.web.forms import apply_errors
from art28.web.lookups import page_of


def _bytes(upload: Any) -> bytes:
    upload.seek(0)
    return upload.read()


@staff_required()
def review_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reviews/review_list.html",
                  {"page": page_of(request, visible_reviews(request.user))})


@staff_required(write=True)
def review_create(request: StaffRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            playbook = form.cleaned_data["playbook"]
            review = services.review_document(
                processor=request.membership.processor,
                data=_bytes(upload), filename=upload.name, lang=form.cleaned_data["language"] or None,
                playbook=services.parse_positions(playbook) if playbook else None, acting_user=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("reviews:review_detail", code=review.code)
    return render(request, "reviews/review_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@staff_required()
def review_detail(request: HttpRequest, code: str) -> HttpResponse:
    review = review_for(request.user, code)
    return render(request, "reviews/review_detail.html", report_context(review))


@staff_required()
def review_pdf(request: HttpRequest, code: str) -> HttpResponse:
    review = review_for(request.user, code)
    response = HttpResponse(report_pdf(review), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="review-{review.code}.pdf"'
    return response


@staff_required(admin=True)
def playbook_edit(request: StaffRequest) -> HttpResponse:
    processor = request.membership.processor
    if request.method == "POST":
        require_write(request)
    stored = playbook_of(request.user)
    initial = {"positions": json.dumps(stored.positions if stored else {}, indent=2, ensure_ascii=False)}
    form = PlaybookForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_playbook(processor=processor, positions=form.cleaned_data["positions"] or "{}",
                                  acting_user=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Playbook saved."))
            return redirect("reviews:playbook_edit")
    return render(request, "reviews/playbook_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


# --- import of an agreement signed before art28 -------------------------------------------

@staff_required(write=True)
def import_create(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None,
                            controllers=visible_controllers(request.user).order_by("name"))
    if request.method == "POST" and form.is_valid():
        controller = controller_for(request.user, form.cleaned_data["controller"].code, write=True)
        upload = form.cleaned_data["file"]
        try:
            review = services.review_document(
                processor=controller.processor, data=_bytes(upload), filename=upload.name,
                lang=form.cleaned_data["language"] or None, acting_user=request.user, controller=controller)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("reviews:import_confirm", code=review.code)
    return render(request, "reviews/import_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@staff_required(write=True, admin=True)
def subprocessor_import_create(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Stage a sub-processor's own agreement with us; from its page (``code``) or choosing one."""
    if code is not None:
        chosen = subprocessor_for(request.user, code, write=True)
        choices = subprocessors_by_code(request.user, [chosen.code])
    else:
        choices = visible_subprocessors(request.user).current().order_by("name")
    initial = {"subprocessor": str(code)} if code is not None else {}
    form = ImportUploadForm(request.POST or None, request.FILES or None, initial=initial,
                            subprocessors=choices)
    if code is not None:
        form.fields["subprocessor"].disabled = True  # chosen on its page
    if request.method == "POST" and form.is_valid():
        sp = subprocessor_for(request.user, form.cleaned_data["subprocessor"].code, write=True)
        upload = form.cleaned_data["file"]
        try:
            review = services.review_document(
                processor=sp.processor, data=_bytes(upload), filename=upload.name,
                lang=form.cleaned_data["language"] or None, acting_user=request.user, subprocessor=sp)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("reviews:import_confirm", code=review.code)
    return render(request, "reviews/import_form.html",
                  {"form": form, "subprocessor": choices.first() if code is not None else None,
                   "for_subprocessor": True},
                  status=400 if request.method == "POST" else 200)


def _confirm_rows(form: ConfirmTermsForm, review: Review) -> list[dict[str, Any]]:
    flowdown = review.subprocessor_id is not None
    return [{"field": form[name], "evidence": review.evidence(name.replace("__", ".")),
             "flowdown": flowdown and name in FLOWDOWN_FIELDS}
            for name in form.ordered_names(flowdown_first=flowdown)]


@staff_required()
def import_confirm(request: HttpRequest, code: str) -> HttpResponse:
    """Confirm or correct each proposed term beside its quote, then import (either kind)."""
    write = request.method == "POST"
    review = review_for(request.user, code, write=write)
    if not review.is_import:
        return redirect("reviews:review_detail", code=review.code)
    if review.subprocessor is not None:
        subprocessor_for(request.user, review.subprocessor.code, write=write)
        if review.is_imported:
            return redirect("subprocessors:detail", code=review.subprocessor.code)
    else:
        assert review.controller is not None  # an import is for a sub-processor or a controller
        controller_for(request.user, review.controller.code, write=write)
        if review.agreement is not None:
            return redirect("web:agreement_detail", code=review.agreement.code)
    proposed = DpaTerms.model_validate(review.result["terms"])
    form = ConfirmTermsForm(request.POST or None, initial=confirm_initial(proposed))
    if request.method == "POST" and form.is_valid():
        try:
            url = _confirm(request, review, form.confirmed_terms(proposed))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect(url)
    return render(request, "reviews/import_confirm.html",
                  {"review": review, "form": form, "rows": _confirm_rows(form, review)},
                  status=400 if request.method == "POST" else 200)


def _confirm(request: HttpRequest, review: Review, terms: dict[str, Any]) -> str:
    """Run the import service for this kind of import; the URL to go to afterwards."""
    if review.subprocessor_id is not None:
        sp = services.confirm_subprocessor_import(review=review, terms=terms, acting_user=request.user)
        messages.success(request, _("Its agreement and terms are recorded; the flow-down check uses them "
                                    "from now."))
        return reverse("subprocessors:detail", args=[sp.code])
    agreement = services.confirm_import(review=review, terms=terms, acting_user=request.user)
    messages.success(request, _("Imported as %(r)s; its clocks apply from now.")
                     % {"r": agreement.reference})
    return reverse("web:agreement_detail", args=[agreement.code])
