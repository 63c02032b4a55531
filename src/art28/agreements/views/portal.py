"""The controller portal: read, download and accept agreements."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from art28.agreements import services as agreements
from art28.agreements.access import agreement_for, version_for
from art28.agreements.forms import AcceptForm
from art28.agreements.models import Agreement, AgreementVersion, VersionStatus
from art28.agreements.views import documents
from art28.agreements.views.signature import signature_from
from art28.core.actions import run_action
from art28.core.decorators import portal_required
from art28.documents.model import DocumentError


@portal_required
def portal_agreement(request: HttpRequest, code: str) -> HttpResponse:
    return _agreement_page(request, agreement_for(request.user, code), AcceptForm())


def _agreement_page(request: HttpRequest, agreement: Agreement, form: AcceptForm,
                    status: int = 200) -> HttpResponse:
    versions = list(agreement.versions.prefetch_related("acceptances").order_by("-number"))
    # Drafts are the processor's work in progress; the portal shows what was sent.
    versions = [v for v in versions if v.status != VersionStatus.DRAFT]
    awaiting = next((v for v in versions if v.status == VersionStatus.SENT), None)
    shown = awaiting or agreement.in_force or (versions[0] if versions else None)
    if awaiting:
        form.initial["document_sha256"] = awaiting.document_sha256
    return render(request, "agreements/portal_agreement.html", {
        "agreement": agreement, "versions": versions, "awaiting": awaiting, "shown": shown,
        "in_force": agreement.in_force, "form": form,
        "preview": documents.preview_html(shown) if shown else "",
    }, status=status)


@require_POST
@portal_required
def portal_accept(request: HttpRequest, code: str) -> HttpResponse:
    version = _sent_version(request, code, write=True)
    form = AcceptForm(request.POST)
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: agreements.accept_version(
            version=version, signature=signature_from(request, form),
            document_sha256=data.get("document_sha256", ""), acting_user=request.user),
        done=_("Thank you. You accepted the agreement; the processor will countersign it."),
        back=reverse("agreements:portal_agreement", args=[version.agreement.code]),
        page=lambda request, errors, status: _agreement_page(request, version.agreement, form,
                                                             status=400))


def _sent_version(request: HttpRequest, code: str, *, write: bool = False) -> AgreementVersion:
    version = version_for(request.user, code, write=write)
    if version.status == VersionStatus.DRAFT:
        raise Http404
    return version


@portal_required
def portal_version_pdf(request: HttpRequest, code: str) -> HttpResponse:
    version = _sent_version(request, code)
    try:
        return documents.version_pdf(version)
    except DocumentError:  # a version with no frozen document whose terms cannot make one
        return redirect("agreements:portal_agreement", version.agreement.code)  # says what they lack


@portal_required
def portal_signed_pdf(request: HttpRequest, code: str) -> HttpResponse:
    response = documents.signed_pdf(_sent_version(request, code))
    if response is None:
        raise Http404
    return response
