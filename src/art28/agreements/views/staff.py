"""Staff console: agreements, their terms, versions, documents, sending and countersigning."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from art28.agreements import services as agreements
from art28.agreements.access import agreement_for, find_agreements, version_for
from art28.agreements.forms import (
    AgreementFilterForm,
    AmendTermsForm,
    SendForm,
    SignatureForm,
    TermsForm,
    initial_from,
)
from art28.agreements.models import Agreement, AgreementVersion, MeasureKindLabel, VersionStatus
from art28.agreements.views import documents
from art28.agreements.views.signature import signature_from
from art28.core.actions import as_messages, run_action
from art28.core.decorators import staff_required
from art28.core.pagination import page_of
from art28.core.tabs import page_tabs
from art28.documents.model import DocumentError
from art28.parties.access import controller_for
from art28.terms.schema import DpaTerms


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
    page = _terms_page(form=form, controller=controller)
    if request.method != "POST":
        return page(request)
    return run_action(
        request, form=form, on_form=True, page=page,
        call=lambda data: agreements.create_agreement(controller=controller, terms=form.to_patch(),
                                                      acting_user=request.user),
        done=lambda agreement: _("Agreement %(ref)s is created as a draft.")
        % {"ref": agreement.reference},
        back=lambda agreement: reverse("agreements:agreement_detail", args=[agreement.code]))


def _terms_page(**context: Any) -> Callable[..., HttpResponse]:
    """The terms form, shown again as it always was (status 200) when it was refused."""
    def page(request: HttpRequest, errors: list[str] | None = None, status: int = 200) -> HttpResponse:
        return render(request, "agreements/terms_form.html", context)
    return page


@staff_required()
def agreement_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, agreement_for(request.user, code), SignatureForm())


def annex_texts(terms: DpaTerms) -> dict[str, list[dict[str, Any]]]:
    """Annex III and IV as printed in the agreement's language; ``missing`` marks a fallback."""
    language = terms.language or "nl"
    measures = []
    for m in terms.security.measures:
        text, fallback = m.text_in(language)
        kind = MeasureKindLabel(m.kind.value).label
        measures.append({"kind": kind, "text": text, "missing": bool(fallback)})
    named = []
    for s in terms.subprocessors.named:
        service, fallback = s.service_in(language)
        named.append({"name": s.name, "service": service or "", "missing": bool(fallback)})
    return {"measures": measures, "subprocessors": named}


def _detail(request: HttpRequest, agreement: Agreement, form: SignatureForm,
            status: int = 200) -> HttpResponse:
    versions = agreement.versions.prefetch_related("acceptances").order_by("-number")
    latest = versions[0]
    tabs, tab = page_tabs(
        request, url=reverse("agreements:agreement_detail", args=[agreement.code]),
        sections=[("document", _("Document")), ("versions", _("Versions and signatures")),
                  ("annexes", _("Annexes III and IV"))])
    return render(request, "agreements/agreement_detail.html", {
        "agreement": agreement, "versions": versions[:1] if tab == "document" else versions,
        "latest": latest, "tabs": tabs, "tab": tab,
        "annexes": annex_texts(latest.dpa_terms) if tab == "annexes" else None,
        "countersign_form": form if latest.status == VersionStatus.ACCEPTED else None,
    }, status=status)


@staff_required()
def agreement_terms(request: HttpRequest, code: str) -> HttpResponse:
    agreement = agreement_for(request.user, code, write=True)
    latest = agreement.latest
    form = AmendTermsForm(request.POST or None, initial=initial_from(latest.dpa_terms),
                          current=latest.standard_version, allowed=agreements.standard_versions_open(latest))
    page = _terms_page(form=form, agreement=agreement, latest=latest,
                       controller=agreement.controller)
    if request.method != "POST":
        return page(request)
    return run_action(
        request, form=form, on_form=True, page=page,
        call=lambda data: agreements.update_terms(agreement=agreement, terms=form.to_patch(),
                                                  acting_user=request.user,
                                                  standard_version=data.get("standard_version") or None),
        done=lambda version: _("The terms are saved as version %(n)d.") % {"n": version.number},
        back=reverse("agreements:agreement_detail", args=[agreement.code]))


@staff_required()
def version_preview(request: HttpRequest, code: str) -> HttpResponse:
    version = version_for(request.user, code)
    return render(request, "agreements/version_preview.html",
                  {"version": version, "agreement": version.agreement,
                   "preview": documents.preview_html(version)})


def _document_or_back(version: AgreementVersion,
                      make: Callable[[AgreementVersion], HttpResponse]) -> HttpResponse:
    """The document, or back to the version's preview, which says what its terms lack."""
    try:
        return make(version)
    except DocumentError:
        return redirect("agreements:version_preview", version.code)


@staff_required()
def version_pdf(request: HttpRequest, code: str) -> HttpResponse:
    return _document_or_back(version_for(request.user, code), documents.version_pdf)


@staff_required()
def version_signed_pdf(request: HttpRequest, code: str) -> HttpResponse:
    response = documents.signed_pdf(version_for(request.user, code))
    if response is None:
        raise Http404
    return response


@staff_required()
def version_docx(request: HttpRequest, code: str) -> HttpResponse:
    return _document_or_back(version_for(request.user, code), documents.version_docx)


@staff_required()
def version_send(request: HttpRequest, code: str) -> HttpResponse:
    version = version_for(request.user, code, write=True)
    # Bound even when empty: a POST without a reason is a plain send.
    form = SendForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _send_page(request, version, form)
    refusals: list[ValidationError] = []

    def send(data: dict[str, Any]) -> Any:
        try:
            return agreements.send_for_signature(version=version, acting_user=request.user,
                                                 override_reason=data["override_reason"])
        except ValidationError as exc:
            refusals.append(exc)  # the page to show depends on what was refused
            raise

    detail = reverse("agreements:agreement_detail", args=[version.agreement.code])
    return run_action(
        request, form=form, on_form=True, call=send,
        done=_("Sent for signature to the controller's signatories."), back=detail,
        page=lambda request, errors, status: _send_refused(request, version, form, refusals,
                                                           errors, detail))


def _send_refused(request: HttpRequest, version, form: SendForm,  # type: ignore[no-untyped-def]
                  refusals: list[ValidationError], errors: list[str], detail: str) -> HttpResponse:
    """Not ready: the send page again (409); a bad reason: its field (400); else the agreement."""
    refusal = refusals[0] if refusals else None
    if isinstance(refusal, agreements.NotReadyToSend):
        return _send_page(request, version, SendForm(request.POST), status=409)
    if refusal is None or "override_reason" in getattr(refusal, "error_dict", {}):
        return _send_page(request, version, form, status=400)
    return as_messages(lambda request, status: redirect(detail))(request, errors=errors, status=302)


def _send_page(request: HttpRequest, version: AgreementVersion, form: SendForm,
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
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: agreements.countersign_version(
            version=version, signature=signature_from(request, form), acting_user=request.user),
        done=_("Countersigned. The agreement is signed."),
        back=reverse("agreements:agreement_detail", args=[version.agreement.code]),
        page=lambda request, errors, status: _detail(request, version.agreement, form, status=400))
