"""The controller portal: read, download and accept agreements; the notices inbox."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from art28.agreements import services as agreements
from art28.agreements.access import agreement_for, portal_agreements, version_for
from art28.agreements.models import Agreement, AgreementVersion, VersionStatus
from art28.notices.access import portal_notice_for, portal_notices
from art28.web import documents
from art28.web.decorators import portal_required
from art28.web.forms import AcceptForm, apply_errors
from art28.web.lookups import page_of
from art28.web.obligations import obligations_context
from art28.web.views.common import signature_from


@portal_required
def portal_home(request: HttpRequest) -> HttpResponse:
    items = portal_agreements(request.user).order_by("-created_at")
    return render(request, "web/portal/home.html", {"page": page_of(request, items),
                                                    **obligations_context(request, filters=False)})


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
    return render(request, "web/portal/agreement.html", {
        "agreement": agreement, "versions": versions, "awaiting": awaiting, "shown": shown,
        "in_force": agreement.in_force, "form": form,
        "preview": documents.preview_html(shown) if shown else "",
    }, status=status)


@require_POST
@portal_required
def portal_accept(request: HttpRequest, code: str) -> HttpResponse:
    version = _sent_version(request, code, write=True)
    form = AcceptForm(request.POST)
    form.is_valid()
    try:
        agreements.accept_version(version=version, signature=signature_from(request, form),
                                  document_sha256=form.cleaned_data.get("document_sha256", ""),
                                  acting_user=request.user)
    except ValidationError as exc:
        apply_errors(form, exc)
        return _agreement_page(request, version.agreement, form, status=400)
    messages.success(request, _("Thank you. You accepted the agreement; the processor will "
                                "countersign it."))
    return redirect("web:portal_agreement", code=version.agreement.code)


def _sent_version(request: HttpRequest, code: str, *, write: bool = False) -> AgreementVersion:
    version = version_for(request.user, code, write=write)
    if version.status == VersionStatus.DRAFT:
        raise Http404
    return version


@portal_required
def portal_version_pdf(request: HttpRequest, code: str) -> HttpResponse:
    return documents.version_pdf(_sent_version(request, code))


@portal_required
def portal_signed_pdf(request: HttpRequest, code: str) -> HttpResponse:
    response = documents.signed_pdf(_sent_version(request, code))
    if response is None:
        raise Http404
    return response


@portal_required
def portal_notice_list(request: HttpRequest) -> HttpResponse:
    notices = portal_notices(request.user).order_by("-created_at", "-pk")
    return render(request, "web/portal/notices.html", {"page": page_of(request, notices)})


@portal_required
def portal_notice(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "web/portal/notice.html", {"n": portal_notice_for(request.user, code)})
