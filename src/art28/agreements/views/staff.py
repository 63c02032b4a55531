"""Staff console: agreements, their terms, versions, documents, sending and countersigning."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from art28.agreements import services as agreements
from art28.agreements.access import agreement_for, find_agreements, version_for
from art28.agreements.forms import AgreementFilterForm, SendForm, SignatureForm, TermsForm, initial_from
from art28.agreements.models import Agreement, VersionStatus
from art28.agreements.views import documents
from art28.agreements.views.signature import signature_from
from art28.core.decorators import staff_required
from art28.core.forms import apply_errors
from art28.core.pagination import page_of
from art28.parties.access import controller_for


@staff_required()
def agreement_list(request: HttpRequest) -> HttpResponse:
    form = AgreementFilterForm(request.GET)
    items = find_agreements(request.user, q=form.value("q"), status=form.value("status"),
                            controller=form.value("controller")).order_by("-created_at", "-pk")
    return render(request, "agreements/agreement_list.html",
                  {"form": form, "page": page_of(request, items), "statuses": VersionStatus})


@staff_required()
def agreement_create(request: HttpRequest, code: str) -> HttpResponse:
    controller = controller_for(request.user, code, write=True)
    form = TermsForm(request.POST or None,
                     initial=initial_from(agreements.default_terms(controller)))
    if request.method == "POST" and form.is_valid():
        try:
            agreement = agreements.create_agreement(controller=controller, terms=form.to_patch(),
                                                    acting_user=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Agreement %(ref)s is created as a draft.")
                             % {"ref": agreement.reference})
            return redirect("agreements:agreement_detail", code=agreement.code)
    return render(request, "agreements/terms_form.html", {"form": form, "controller": controller})


@staff_required()
def agreement_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, agreement_for(request.user, code), SignatureForm())


def _detail(request: HttpRequest, agreement: Agreement, form: SignatureForm,
            status: int = 200) -> HttpResponse:
    versions = agreement.versions.prefetch_related("acceptances").order_by("-number")
    latest = versions[0]
    return render(request, "agreements/agreement_detail.html", {
        "agreement": agreement, "versions": versions, "latest": latest,
        "countersign_form": form if latest.status == VersionStatus.ACCEPTED else None,
    }, status=status)


@staff_required()
def agreement_terms(request: HttpRequest, code: str) -> HttpResponse:
    agreement = agreement_for(request.user, code, write=True)
    latest = agreement.latest
    form = TermsForm(request.POST or None, initial=initial_from(latest.dpa_terms))
    if request.method == "POST" and form.is_valid():
        try:
            version = agreements.update_terms(agreement=agreement, terms=form.to_patch(),
                                              acting_user=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The terms are saved as version %(n)d.")
                             % {"n": version.number})
            return redirect("agreements:agreement_detail", code=agreement.code)
    return render(request, "agreements/terms_form.html",
                  {"form": form, "agreement": agreement, "latest": latest,
                   "controller": agreement.controller})


@staff_required()
def version_preview(request: HttpRequest, code: str) -> HttpResponse:
    version = version_for(request.user, code)
    return render(request, "agreements/version_preview.html",
                  {"version": version, "agreement": version.agreement,
                   "preview": documents.preview_html(version)})


@staff_required()
def version_pdf(request: HttpRequest, code: str) -> HttpResponse:
    return documents.version_pdf(version_for(request.user, code))


@staff_required()
def version_signed_pdf(request: HttpRequest, code: str) -> HttpResponse:
    response = documents.signed_pdf(version_for(request.user, code))
    if response is None:
        raise Http404
    return response


@staff_required()
def version_docx(request: HttpRequest, code: str) -> HttpResponse:
    return documents.version_docx(version_for(request.user, code))


@staff_required()
def version_send(request: HttpRequest, code: str) -> HttpResponse:
    version = version_for(request.user, code, write=True)
    form = SendForm(request.POST or None)
    if request.method == "POST":
        reason = form.cleaned_data["override_reason"] if form.is_valid() else ""
        try:
            agreements.send_for_signature(version=version, acting_user=request.user,
                                          override_reason=reason)
        except agreements.NotReadyToSend:
            return _send_page(request, version, form, status=409)
        except ValidationError as exc:
            if form.is_bound and "override_reason" in getattr(exc, "error_dict", {}):
                apply_errors(form, exc)
                return _send_page(request, version, form, status=400)
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Sent for signature to the controller's signatories."))
        return redirect("agreements:agreement_detail", code=version.agreement.code)
    return _send_page(request, version, form)


def _send_page(request: HttpRequest, version, form: SendForm,  # type: ignore[no-untyped-def]
               status: int = 200) -> HttpResponse:
    missing = agreements.send_blockers(version) if version.status == VersionStatus.DRAFT else []
    return render(request, "agreements/version_send.html",
                  {"version": version, "agreement": version.agreement, "form": form,
                   "missing": missing, "signatories": version.agreement.controller.signatories()},
                  status=status)


@require_POST
@staff_required()
def version_countersign(request: HttpRequest, code: str) -> HttpResponse:
    version = version_for(request.user, code, write=True)
    form = SignatureForm(request.POST)
    form.is_valid()
    try:
        agreements.countersign_version(version=version, signature=signature_from(request, form),
                                       acting_user=request.user)
    except ValidationError as exc:
        apply_errors(form, exc)
        return _detail(request, version.agreement, form, status=400)
    messages.success(request, _("Countersigned. The agreement is signed."))
    return redirect("agreements:agreement_detail", code=version.agreement.code)
