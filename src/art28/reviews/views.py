"""Staff console: review an agreement, its report (HTML, PDF), the playbook, importing signed originals
(a controller's agreement signed before art28, or a sub-processor's own agreement with us).

Views parse, check access, call one service and render; they never write themselves.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from art28.core.actions import run_action
from art28.core.decorators import require_write, staff_required
from art28.core.downloads import attachment, named_after
from art28.core.pagination import page_of
from art28.parties.access import controller_for, visible_controllers
from art28.parties.types import StaffRequest
from art28.reviews import services
from art28.reviews.access import controllers_to_pick, playbook_of, review_for, visible_reviews
from art28.reviews.forms import (
    FLOWDOWN_FIELDS,
    ConfirmTermsForm,
    ImportUploadForm,
    PlaybookForm,
    UploadForm,
    confirm_initial,
    playbook_initial,
)
from art28.reviews.models import Review
from art28.reviews.report import report_context, report_pdf
from art28.subprocessors.access import subprocessor_for, subprocessors_by_code, visible_subprocessors
from art28.terms.schema import DpaTerms


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
    if request.method != "POST":
        return render(request, "reviews/review_form.html", {"form": form})
    # The report it goes to is the answer: no message.
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: services.review_document(
            processor=request.membership.processor,
            data=_bytes(data["file"]), filename=data["file"].name, lang=data["language"] or None,
            playbook=services.parse_positions(data["playbook"]) if data["playbook"] else None,
            acting_user=request.user),
        done=None, back=lambda review: reverse("reviews:review_detail", args=[review.code]),
        page=lambda request, errors, status: render(request, "reviews/review_form.html", {"form": form},
                                                    status=status))


@staff_required()
def review_detail(request: HttpRequest, code: str) -> HttpResponse:
    review = review_for(request.user, code)
    return render(request, "reviews/review_detail.html", report_context(review))


@staff_required()
def review_pdf(request: HttpRequest, code: str) -> HttpResponse:
    review = review_for(request.user, code)
    return attachment(report_pdf(review), "application/pdf", named_after("review", review.filename, "pdf"))


@staff_required(admin=True)
def playbook_edit(request: StaffRequest) -> HttpResponse:
    processor = request.membership.processor
    if request.method == "POST":
        require_write(request)
    stored = playbook_of(request.user)
    form = PlaybookForm(request.POST or None, initial=playbook_initial(stored.positions if stored else None))
    if request.method != "POST":
        return render(request, "reviews/playbook_form.html", {"form": form})
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: services.set_playbook(processor=processor, positions=form.positions(),
                                                acting_user=request.user),
        done=_("Playbook saved."), back=reverse("reviews:playbook_edit"),
        page=lambda request, errors, status: render(request, "reviews/playbook_form.html", {"form": form},
                                                    status=status))


# --- import of an agreement signed before art28 -------------------------------------------

@staff_required(write=True)
def import_create(request: HttpRequest) -> HttpResponse:
    # The controller is found by a search (``?find=``), never chosen from a list of thousands;
    # the form still accepts any controller the user may see.
    find = request.GET.get("find", "").strip()[:100]
    shown, more = controllers_to_pick(request.user, find, request.POST.get("controller"))
    form = ImportUploadForm(request.POST or None, request.FILES or None,
                            controllers=visible_controllers(request.user), shown=shown)
    context = {"form": form, "find": find, "more": more, "picker": bool(find) or more}
    if request.method != "POST":
        return render(request, "reviews/import_form.html", context)
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: _import(request, data, controller=controller_for(
            request.user, data["controller"].code, write=True)),
        done=None, back=lambda review: reverse("reviews:import_confirm", args=[review.code]),
        page=lambda request, errors, status: render(request, "reviews/import_form.html", context,
                                                    status=status))


def _import(request: HttpRequest, data: dict[str, Any], **owner: Any) -> Review:
    """Stage an upload for import; ``owner`` is the controller or the sub-processor it is of.
    The page confirming its terms is the answer: no message."""
    party = owner.get("controller") or owner["subprocessor"]
    return services.review_document(
        processor=party.processor, data=_bytes(data["file"]), filename=data["file"].name,
        lang=data["language"] or None, acting_user=request.user, **owner)


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
    context = {"form": form, "subprocessor": choices.first() if code is not None else None,
               "for_subprocessor": True}
    if request.method != "POST":
        return render(request, "reviews/import_form.html", context)
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: _import(request, data, subprocessor=subprocessor_for(
            request.user, data["subprocessor"].code, write=True)),
        done=None, back=lambda review: reverse("reviews:import_confirm", args=[review.code]),
        page=lambda request, errors, status: render(request, "reviews/import_form.html", context,
                                                    status=status))


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
            return redirect("agreements:agreement_detail", code=review.agreement.code)
    proposed = DpaTerms.model_validate(review.result["terms"])
    form = ConfirmTermsForm(request.POST or None, initial=confirm_initial(proposed))
    if request.method != "POST":
        return _confirm_page(request, review, form)
    if review.subprocessor_id is not None:
        return run_action(
            request, form=form, on_form=True,
            page=lambda request, errors, status: _confirm_page(request, review, form, status),
            call=lambda data: services.confirm_subprocessor_import(
                review=review, terms=form.confirmed_terms(proposed), acting_user=request.user),
            done=_("Its agreement and terms are recorded; the flow-down check uses them from now."),
            back=lambda sp: reverse("subprocessors:detail", args=[sp.code]))
    return run_action(
        request, form=form, on_form=True,
        page=lambda request, errors, status: _confirm_page(request, review, form, status),
        call=lambda data: services.confirm_import(
            review=review, terms=form.confirmed_terms(proposed), acting_user=request.user),
        done=lambda agreement: _("Imported as %(r)s; its clocks apply from now.")
        % {"r": agreement.reference},
        back=lambda agreement: reverse("agreements:agreement_detail", args=[agreement.code]))


def _confirm_page(request: HttpRequest, review: Review, form: ConfirmTermsForm,
                  status: int = 200) -> HttpResponse:
    return render(request, "reviews/import_confirm.html",
                  {"review": review, "form": form, "rows": _confirm_rows(form, review)}, status=status)
