"""Staff console, controller portal and public page of the sub-processor register.

Views parse input, check access through ``access.py``, call one service and render.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from art28.agreements.access import agreement_for, binding_for, visible_agreements
from art28.core.actions import as_messages, run_action
from art28.core.decorators import portal_required, staff_required
from art28.core.downloads import attachment, stored_file
from art28.core.pagination import page_of
from art28.core.tabs import page_tabs
from art28.notices import subscribers
from art28.parties.models import Processor
from art28.parties.types import StaffRequest
from art28.subprocessors import access, export, feeds, services
from art28.subprocessors.forms import (
    AnswerForm,
    ChangeFilterForm,
    ChangeForm,
    LinkFilterForm,
    ResolveForm,
    SubprocessorForm,
    SubscribeForm,
    TrustStatementForm,
    terms_initial,
)
from art28.subprocessors.models import (
    ChangeAgreement,
    ClockStatus,
    Subprocessor,
    SubprocessorChange,
)
from art28.subprocessors.services import trust
from art28.terms import clocks


def _page(request: HttpRequest, items: Any, size: int = 50) -> Page:
    return Paginator(items, size).get_page(request.GET.get("page"))


# --- staff console -------------------------------------------------------------------------


@staff_required()
def subprocessor_list(request: HttpRequest) -> HttpResponse:
    items = access.visible_subprocessors(request.user).order_by("status", "name")
    page = _page(request, items)
    return render(request, "subprocessors/subprocessor_list.html", {"items": page, "page": page})


def _terms_and_file(request: HttpRequest, form: SubprocessorForm, current: dict | None = None) -> dict:
    """The ``terms`` and ``agreement_file`` arguments of the register's services."""
    upload = request.FILES.get("agreement_file")
    return {"terms": form.terms(current), "agreement_file": (upload.name, upload.read()) if upload else None}


@staff_required(write=True, admin=True)
def subprocessor_create(request: StaffRequest) -> HttpResponse:
    form = SubprocessorForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _subprocessor_form(request, form)
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: services.register_subprocessor(
            processor=request.membership.processor,
            data=form.data_dict(), **_terms_and_file(request, form), acting_user=request.user),
        done=_("Sub-processor registered. Propose a change to start using it."),
        back=lambda sp: reverse("subprocessors:detail", args=[sp.code]),
        page=lambda request, errors, status: _subprocessor_form(request, form))


def _subprocessor_form(request: HttpRequest, form: SubprocessorForm, **extra: Any) -> HttpResponse:
    return render(request, "subprocessors/subprocessor_form.html", {"form": form, **extra},
                  status=400 if form.errors else 200)


@staff_required(write=True, admin=True)
def subprocessor_edit(request: HttpRequest, code: str) -> HttpResponse:
    sp = access.subprocessor_for(request.user, code, write=True)
    initial = {
        "name": sp.name,
        "address": sp.address,
        "country": sp.country,
        "service": sp.service,
        "service_en": sp.service_en,
        "data_categories": ", ".join(sp.data_categories),
        "locations": ", ".join(sp.locations),
        "transfer_mechanism": sp.transfer_mechanism,
        "dpf_certified": sp.dpf_certified,
        "safeguard_note": sp.safeguard_note,
        "scope_all": sp.scope_all,
        **terms_initial(sp.terms),
    }
    form = SubprocessorForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method != "POST":
        return _subprocessor_form(request, form, sp=sp)
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: services.update_subprocessor(
            subprocessor=sp, data=form.data_dict(), **_terms_and_file(request, form, sp.terms),
            acting_user=request.user),
        done=_("Saved."), back=reverse("subprocessors:detail", args=[sp.code]),
        page=lambda request, errors, status: _subprocessor_form(request, form, sp=sp))


@staff_required()
def subprocessor_detail(request: HttpRequest, code: str) -> HttpResponse:
    sp = access.subprocessor_for(request.user, code)
    visible = access.visible_links(request.user, sp)
    filters = LinkFilterForm(request.GET)
    filtered = bool(filters.value("q") or filters.value("status"))
    links = (
        access.matching_links(visible, q=filters.value("q"), status=filters.value("status"))
        .select_related("agreement", "agreement__controller")
        .order_by("agreement__reference")
    )
    page = _page(request, links)
    tabs, tab = page_tabs(
        request,
        url=reverse("subprocessors:detail", args=[sp.code]),
        sections=[("details", _("Details")), ("agreements", _("Agreements")), ("changes", _("Changes"))],
    )
    return render(
        request,
        "subprocessors/subprocessor_detail.html",
        {
            "sp": sp,
            "tabs": tabs,
            "tab": tab,
            "links": page,
            "filters": filters,
            "filtered": filtered,
            # the count of all, beside the page's own count of what matches
            "total": visible.count() if filtered else page.paginator.count,
            "gaps": services.compare(sp),
            "transfer": services.check_transfer(sp, language=get_language() or "en"),
            "changes": sp.changes.order_by("-created_at")[:20],
        },
    )


@staff_required()
def subprocessor_file(request: HttpRequest, code: str) -> HttpResponseBase:
    sp = access.subprocessor_for(request.user, code)
    return stored_file(sp.agreement_file)


@staff_required()
def flowdown_dashboard(request: StaffRequest) -> HttpResponse:
    try:
        margin = int(request.GET["margin"]) if request.GET.get("margin") else None
    except ValueError:
        margin = None
    rows = services.dashboard(request.membership.processor_id, margin_hours=margin)
    return render(
        request,
        "subprocessors/flowdown.html",
        {
            "rows": rows,
            "margin": margin if margin is not None else services.flowdown.margin_default(),
            "with_gaps": sum(1 for r in rows if r.gaps),
        },
    )


@staff_required()
def change_list(request: HttpRequest) -> HttpResponse:
    form = ChangeFilterForm(request.GET)
    changes = access.find_changes(request.user, q=form.value("q"), status=form.value("status"))
    return render(request, "subprocessors/change_list.html",
                  {"page": _page(request, changes.select_related("subprocessor")), "form": form})


def _change_args(request: StaffRequest, form: ChangeForm) -> dict:
    try:
        sp = access.visible_subprocessor(request.user, form.cleaned_data["subprocessor"])
        rep = form.cleaned_data.get("replaces")
        replaces = access.visible_subprocessor(request.user, rep) if rep else None
    except Subprocessor.DoesNotExist:
        raise ValidationError({"subprocessor": _("Choose a sub-processor from the register.")}) from None
    return {
        "processor": request.membership.processor,
        "kind": form.cleaned_data["kind"],
        "subprocessor": sp,
        "replaces": replaces,
        "effective_at": form.cleaned_data.get("effective_at"),
        "reason": form.cleaned_data.get("reason", ""),
        "split": form.cleaned_data.get("split", False),
        "include_unsigned": form.cleaned_data.get("include_unsigned", False),
    }


@staff_required(write=True, admin=True)
def change_create(request: StaffRequest) -> HttpResponse:
    """Step 1: the form; step 2: the preview of what goes out; step 3 (``confirm``): propose."""
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and "edit" in data:
        # Back from the preview: the form again, never a confirmation carried along.
        for name in ("confirm", "allow_unreachable", "edit"):
            data.pop(name, None)
    form = ChangeForm(data, initial={"subprocessor": request.GET.get("subprocessor")},
                      register=access.visible_subprocessors(request.user).order_by("name"))
    if request.method != "POST" or not form.is_valid() or "edit" in request.POST:
        return _change_form(request, form)
    if not form.cleaned_data["confirm"]:
        # The preview changes nothing and says nothing: it shows what would go out.
        return run_action(
            request, form=form, on_form=True,
            call=lambda data: services.preview_change(**_change_args(request, form)),
            done=None, back=lambda preview: _change_preview(request, form, preview),
            page=lambda request, errors, status: _change_form(request, form))
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: services.propose_change(
            **_change_args(request, form), allow_unreachable=data["allow_unreachable"],
            acting_user=request.user),
        done=lambda change: _("Change proposed; %(n)d agreements notified.") % {"n": change.clocks.count()},
        back=lambda change: reverse("subprocessors:change_detail", args=[change.code]),
        page=lambda request, errors, status: _change_refused(request, form, errors, status))


def _change_form(request: HttpRequest, form: ChangeForm) -> HttpResponse:
    return render(
        request,
        "subprocessors/change_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _change_refused(request: StaffRequest, form: ChangeForm, errors: list[str], status: int) -> HttpResponse:
    """Clients nobody would tell: the preview again, asking to go on; else the form again."""
    if not form.has_error("allow_unreachable"):
        return _change_form(request, form)
    preview = services.preview_change(**_change_args(request, form))
    return as_messages(lambda request, status: _change_preview(request, form, preview, status=status))(
        request, errors=errors, status=status)


def _change_preview(
    request: HttpRequest, form: ChangeForm, preview: services.ChangePreview, status: int = 200
) -> HttpResponse:
    hidden = [f for f in form if f.name not in ("confirm", "allow_unreachable")]
    return render(
        request,
        "subprocessors/change_preview.html",
        {"form": form, "hidden": hidden, "preview": preview},
        status=status,
    )


@staff_required()
def change_detail(request: HttpRequest, code: str) -> HttpResponse:
    change = access.change_for(request.user, code)
    status = request.GET.get("status")
    clocks_qs = access.clocks_for(request.user, change=change, status=status or "").select_related(
        "agreement", "agreement__controller"
    )
    labels = dict(ClockStatus.choices)
    counts = [(row["status"], labels.get(row["status"], row["status"]), row["n"])
              for row in _count_by_status(change)]
    return render(
        request,
        "subprocessors/change_detail.html",
        {
            "change": change,
            "page": _page(request, clocks_qs),
            "counts": counts,
            "resolve_form": ResolveForm(),
            "register": access.visible_subprocessors(request.user).current(),
        },
    )


def _count_by_status(change: SubprocessorChange) -> QuerySet:
    return access.clock_counts(change)


@staff_required(write=True, admin=True)
def change_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    """GET or an unconfirmed POST: who will be told and what; a POST with ``confirm``: withdraw."""
    change = access.change_for(request.user, code, write=True)
    note = request.POST.get("note", "")
    if request.method == "POST" and request.POST.get("confirm"):
        return run_action(
            request,
            call=lambda data: services.withdraw_change(change=change, acting_user=request.user, note=note),
            done=_("The change is withdrawn for every agreement where it had not taken effect."),
            back=reverse("subprocessors:change_detail", args=[change.code]))
    preview = services.preview_withdrawal(change=change, note=note)
    return render(
        request,
        "subprocessors/change_withdraw.html",
        {"change": change, "preview": preview, "note": note},
    )


@require_POST
@staff_required(write=True)
def clock_resolve(request: HttpRequest, code: str) -> HttpResponse:
    clock = access.clock_for(request.user, code, write=True)
    return run_action(
        request, call=lambda data: _resolve(request, clock, ResolveForm(
            request.POST, register=access.visible_subprocessors(request.user))),
        done=_("The objection of %(c)s is resolved.") % {"c": clock.agreement.controller.name},
        back=reverse("subprocessors:change_detail", args=[clock.change.code]))


def _resolve(request: HttpRequest, clock: ChangeAgreement, form: ResolveForm) -> None:
    # A refused form says what its fields said, in one message, as it always has.
    if not form.is_valid():
        raise ValidationError(form.errors.as_text())
    alt = form.cleaned_data.get("alternative")
    services.resolve_objection(
        clock=clock,
        outcome=form.cleaned_data["outcome"],
        alternative=access.subprocessors_by_code(request.user, [alt]).first() if alt else None,
        note=form.cleaned_data.get("note", ""),
        acting_user=request.user,
    )


@require_POST
@staff_required(write=True)
def annex_sync(request: HttpRequest, code: str) -> HttpResponse:
    agreement = agreement_for(request.user, code, write=True)
    return run_action(
        request, call=lambda data: services.sync_annex_iv(agreement=agreement, acting_user=request.user),
        done=lambda version: _("Annex IV already matches the register.")
        if version is None
        else _("Annex IV of version %(v)d now lists the register.") % {"v": version.number},
        back=reverse("agreements:agreement_detail", args=[agreement.code]))


# --- controller portal ---------------------------------------------------------------------


@portal_required
def portal_list(request: HttpRequest) -> HttpResponse:
    agreements = page_of(request, visible_agreements(request.user).order_by("reference", "pk"))
    rows = [
        {
            "agreement": a,
            "links": list(
                services.links_at(a).listed()
            ),
        }
        for a in agreements
    ]
    pending = (
        access.visible_clocks(request.user)
        .pending()
        .select_related("change", "change__subprocessor", "agreement")
        .order_by("takes_effect_at")
    )
    return render(request, "subprocessors/portal_list.html",
                  {"rows": rows, "pending": pending, "page": agreements})


def _at(request: HttpRequest) -> datetime | None:
    day = parse_date(request.GET.get("at", "") or "")
    if day is None:
        return None
    return datetime.combine(day, datetime.max.time(), clocks.AMSTERDAM)


@portal_required
def portal_history(request: HttpRequest, code: str) -> HttpResponse:
    agreement = agreement_for(request.user, code)
    at = _at(request)
    return render(
        request,
        "subprocessors/portal_history.html",
        {
            "agreement": agreement,
            "history": services.history(agreement),
            "at": at,
            "at_links": services.links_at(agreement, at=at) if at else None,
            "clocks": access.clocks_for(request.user, agreement=agreement)
            .select_related("change", "change__subprocessor")
            .order_by("-notified_at"),
        },
    )


@portal_required
def portal_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    agreement = agreement_for(request.user, code)
    at = _at(request)
    name = f"subprocessors-{agreement.reference}"
    if fmt == "csv":
        return attachment(export.list_csv(agreement, at), "text/csv; charset=utf-8", f"{name}.{fmt}")
    if fmt == "pdf":
        return attachment(export.list_pdf(agreement, at), "application/pdf", f"{name}.{fmt}")
    raise Http404


def _change_page(
    request: HttpRequest, clock: ChangeAgreement, form: AnswerForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "subprocessors/portal_change.html",
        {
            "clock": clock,
            "change": clock.change,
            "sp": clock.change.subprocessor,
            "form": form,
            # The transfer policy the controller was given (signed, else last sent), never a draft.
            "transfer": services.check_transfer(
                clock.change.subprocessor,
                binding_for(request.user, clock.agreement).dpa_terms,
                language=get_language() or "en",
            ),
            "window_open": clock.answerable
            and (clock.objection_deadline is None or timezone.now() <= clock.objection_deadline),
        },
        status=status,
    )


@portal_required
def portal_change(request: HttpRequest, code: str) -> HttpResponse:
    return _change_page(request, access.clock_for(request.user, code), AnswerForm())


@require_POST
@portal_required
def portal_answer(request: HttpRequest, code: str) -> HttpResponse:
    clock = access.clock_for(request.user, code, write=True)
    form = AnswerForm(request.POST)
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: services.answer_change(
            clock=clock, answer=data["answer"], reason=data.get("reason", ""), acting_user=request.user),
        done=_("Thank you, your answer is recorded."),
        back=reverse("subprocessors:portal_change", args=[clock.code]),
        page=lambda request, errors, status: _change_page(request, clock, form, status=status))


# --- public page ---------------------------------------------------------------------------


def public_list(request: HttpRequest, code: str, form: SubscribeForm | None = None,
                status: int = 200) -> HttpResponse:
    """The processor's trust page: register, history, announced changes, security summary."""
    processor = _public_processor(code)
    upcoming = access.public_upcoming_changes(processor).select_related("subprocessor", "replaces")
    return render(
        request,
        "subprocessors/public_list.html",
        {"processor": processor, "items": trust.public_register(processor), "upcoming": upcoming,
         "history": trust.public_history(processor), "retired": trust.retired(processor),
         "statement": trust.statement_of(processor),
         "form": form or SubscribeForm(initial={"language": get_language()[:2]})},
        status=status,
    )


# --- trust page: subscriptions, feed, staff -------------------------------------------------


def _public_processor(code: str) -> Processor:
    if not settings.ART28_PUBLIC_SUBPROCESSOR_PAGE:
        raise Http404
    return access.public_processor(code)


@require_POST
def trust_subscribe(request: HttpRequest, code: str) -> HttpResponse:
    processor = _public_processor(code)
    form = SubscribeForm(request.POST)
    # A visitor without a login: the answer is a page, never a message kept for a next visit.
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: subscribers.subscribe(processor=processor, acting_user="public", **data),
        done=None,
        # The same answer whether the address was new, waiting or confirmed already.
        back=lambda sub: render(request, "subprocessors/trust_message.html", {
            "processor": processor, "title": _("Check your inbox"),
            "text": _("If this address does not follow this page yet, we have sent it a "
                      "confirmation link. Nothing is sent until you confirm.")}),
        page=lambda request, errors, status: public_list(request, code, form=form, status=status))


def _trust_message(request: HttpRequest, title: str, text: str, status: int = 200,
                   **extra: Any) -> HttpResponse:
    return render(request, "subprocessors/trust_message.html",
                  {"title": title, "text": text, **extra}, status=status)


def trust_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for a click (mail scanners fetch links); POST confirms, once."""
    if not settings.ART28_PUBLIC_SUBPROCESSOR_PAGE:
        raise Http404
    if request.method != "POST":
        return render(request, "subprocessors/trust_confirm.html", {"token": token})
    return run_action(
        request, call=lambda data: subscribers.confirm(token=token, acting_user="public"), done=None,
        back=lambda sub: _trust_message(request, _("Subscription confirmed"), _(
            "You will hear of every announced change. Each message has a link to unsubscribe."),
            subscriber=sub),
        page=lambda request, errors, status: _trust_message(
            request, _("Subscription not confirmed"), " ".join(errors), status=status))


@csrf_exempt  # RFC 8058 one-click: the mail program POSTs without our form; the token authorises
def trust_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if not settings.ART28_PUBLIC_SUBPROCESSOR_PAGE:
        raise Http404
    if request.method != "POST":
        return render(request, "subprocessors/trust_unsubscribe.html", {"token": token})
    subscribers.unsubscribe(token=token, acting_user="public")
    return _trust_message(request, _("Unsubscribed"),
                          _("You no longer follow this page, and we have deleted your address."))


def trust_feed(request: HttpRequest, code: str) -> HttpResponse:
    """Atom feed of the announcements, per language; a conditional GET answers 304."""
    processor = _public_processor(code)
    asked = request.GET.get("lang", "")
    language = asked if asked in subscribers.LANGUAGES else "en"
    entries = list(subscribers.announcements(processor, language)[:50])
    etag = feeds.etag(processor, language, entries)
    if feeds.matches(request.headers.get("If-None-Match", ""), etag):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(feeds.atom(processor, language, entries, request.build_absolute_uri()),
                                content_type="application/atom+xml; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=300"
    return response


@staff_required(admin=True)
def trust_subscribers(request: StaffRequest) -> HttpResponse:
    processor = request.membership.processor
    return render(request, "subprocessors/trust_subscribers.html", {
        "counts": subscribers.counts(processor),
        "page": _page(request, subscribers.subscribers_of(processor).order_by("-created_at", "pk")),
        "failed": subscribers.failed_deliveries(processor)[:100],
        "processor": processor, "public": settings.ART28_PUBLIC_SUBPROCESSOR_PAGE,
    })


@staff_required(admin=True)
def trust_subscribers_export(request: StaffRequest) -> HttpResponse:
    data = subscribers.export_subscribers(processor=request.membership.processor,
                                          acting_user=request.user)
    return attachment(data, "text/csv; charset=utf-8", "trust-subscribers.csv")


@require_POST
@staff_required(write=True, admin=True)
def trust_subscriber_remove(request: HttpRequest, code: str) -> HttpResponse:
    sub = access.trust_subscriber_for(request.user, code)
    return run_action(
        request, call=lambda data: subscribers.remove_subscriber(subscriber=sub, acting_user=request.user),
        done=_("Subscriber removed; the address is deleted."),
        back=reverse("subprocessors:trust_subscribers"))


@staff_required(write=True, admin=True)
def trust_statement_edit(request: StaffRequest) -> HttpResponse:
    processor = request.membership.processor
    statement = trust.statement_of(processor)
    form = TrustStatementForm(request.POST or None, initial={
        "measures": statement.measures, "certifications": statement.certifications})
    if request.method != "POST":
        return render(request, "subprocessors/trust_statement.html",
            {"form": form, "processor": processor, "public": settings.ART28_PUBLIC_SUBPROCESSOR_PAGE})
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: trust.publish_trust_statement(
            processor=processor, acting_user=request.user, **data),
        done=_("The trust page now shows this text."), back=reverse("subprocessors:trust_statement"),
        page=lambda request, errors, status: render(
            request, "subprocessors/trust_statement.html",
            {"form": form, "processor": processor, "public": settings.ART28_PUBLIC_SUBPROCESSOR_PAGE},
            status=status))
