"""Staff console (intake, review, notices, clocks, register) and the controller's portal pages.

Views parse, check access, call one service and render; they never write themselves.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from art28.agreements.access import agreement_named_for
from art28.breaches import services
from art28.breaches.access import (
    agreements_to_add,
    find_incidents,
    incident_for,
    notice_for,
    visible_affected,
    visible_notices,
)
from art28.breaches.forms import (
    AffectedFilterForm,
    IncidentFilterForm,
    IncidentForm,
    NoticeFilterForm,
    NoticeForm,
    ReasoningForm,
    SeverityForm,
)
from art28.breaches.models import DeliveryState, Incident, IncidentNotice
from art28.core.actions import ErrorPage, as_messages, run_action
from art28.core.decorators import portal_required, staff_required
from art28.core.downloads import attachment, dated
from art28.core.localtime import local_input
from art28.core.pagination import page_of
from art28.core.tabs import Tab, page_tabs
from art28.parties.access import controller_for
from art28.parties.models import Controller
from art28.parties.types import PortalRequest, StaffRequest, portal_controller

CSV = "text/csv; charset=utf-8"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def _download(content: Any, content_type: str, filename: str) -> HttpResponse | StreamingHttpResponse:
    """A file download; an iterator of chunks (a CSV of any size) is streamed."""
    return attachment(content, content_type, filename)


# --- staff: register and clocks -------------------------------------------------------

def _register_scope(request: HttpRequest) -> tuple[QuerySet[Incident], Controller | None, Any]:
    """The register as filtered; a controller's code (a link from elsewhere) picks that one
    controller, any other text searches controllers by name or KvK number."""
    form = IncidentFilterForm(request.GET)
    text, controller = form.value("controller"), None
    if text and _is_code(text):
        controller, text = controller_for(request.user, text), ""
    incidents = find_incidents(request.user, q=form.value("q"), status=form.value("status"),
                               controller=controller, client=text)
    return incidents.order_by("-aware_at", "-pk"), controller, form


def _is_code(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


@staff_required()
def incident_list(request: HttpRequest) -> HttpResponse:
    incidents, controller, form = _register_scope(request)
    if controller is not None:
        form.initial["controller"] = controller.name
        form.data = form.data.copy()
        form.data["controller"] = controller.name
    return render(request, "breaches/incident_list.html", {
        "page": page_of(request, incidents), "controller": controller, "form": form})


@staff_required()
def register_csv(request: HttpRequest) -> HttpResponseBase:
    incidents, controller, _form = _register_scope(request)
    rows = services.processor_rows(incidents, controller, affected=visible_affected(request.user))
    return _download(services.csv_chunks(rows), CSV, dated("breach-register", "csv"))


@staff_required()
def register_pdf(request: StaffRequest) -> HttpResponseBase:
    incidents, controller, _form = _register_scope(request)
    title = _("Breach register") + (f" — {controller.name}" if controller else "")
    rows = services.processor_rows(incidents, controller, affected=visible_affected(request.user))
    pdf = services.export_register_pdf(
        rows=rows, title=title,
        processor_id=request.membership.processor_id,
        controller_id=controller.pk if controller else None, acting_user=request.user)
    return _download(pdf, PDF, dated("breach-register", "pdf"))


@staff_required()
def clock_dashboard(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = [{"row": r, "left": r.time_left(now), "overdue": r.is_overdue(now),
             "percent": min(100, int(r.elapsed_fraction(now) * 100))}
            for r in services.open_clocks(visible_affected(request.user))[:500]]
    left_out = services.left_out(visible_affected(request.user))[:500]
    return render(request, "breaches/clock_dashboard.html", {"rows": rows, "now": now,
                                                             "left_out": left_out})


# --- staff: one incident ------------------------------------------------------------

@staff_required(write=True)
def incident_create(request: StaffRequest) -> HttpResponse:
    processor = request.membership.processor
    form = IncidentForm(request.POST or None, processor=processor,
                        initial={"aware_at": local_input()})
    if request.method != "POST":
        return render(request, "breaches/incident_form.html", {"form": form})
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: services.open_incident(processor=processor, facts=form.facts(),
                                                 acting_user=request.user,
                                                 subprocessors=list(data["subprocessors"])),
        done=lambda incident: _("Incident %(r)s recorded.") % {"r": incident.reference},
        back=lambda incident: reverse("breaches:incident_detail", args=[incident.code]),
        page=lambda request, errors, status: render(request, "breaches/incident_form.html",
                                                    {"form": form}, status=status))


def _initial(incident: Incident) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in services.FACT_FIELDS:
        value = getattr(incident, name)
        if isinstance(value, list):
            value = "\n".join(value)
        elif hasattr(value, "astimezone"):
            value = local_input(value)
        data[name] = value
    data["subprocessors"] = list(incident.subprocessors.all())
    return data


@staff_required()
def incident_edit(request: HttpRequest, code: str) -> HttpResponse:
    incident = incident_for(request.user, code, write=request.method == "POST")
    form = IncidentForm(request.POST or None, processor=incident.processor, initial=_initial(incident))
    if request.method != "POST":
        return render(request, "breaches/incident_form.html", {"form": form, "incident": incident})
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: services.update_incident(incident=incident, facts=form.facts(),
                                                   acting_user=request.user,
                                                   subprocessors=list(data["subprocessors"])),
        done=_("Facts saved."), back=reverse("breaches:incident_detail", args=[incident.code]),
        page=lambda request, errors, status: render(request, "breaches/incident_form.html",
                                                    {"form": form, "incident": incident}, status=status))


def _incident_tabs(request: HttpRequest, incident: Incident) -> tuple[list[Tab], str]:
    """The sections of an incident's page, each a ``?tab=`` of the same address."""
    return page_tabs(request, url=reverse("breaches:incident_detail", args=[incident.code]), sections=[
        ("overview", _("Overview")), ("affected", _("Affected agreements")),
        ("notices", _("Notices")), ("decision", _("Decision and closing"))])


@staff_required()
def incident_detail(request: HttpRequest, code: str, status: int = 200,
                    forms: dict | None = None) -> HttpResponse:
    incident = incident_for(request.user, code)
    now = timezone.now()
    tabs, tab = _incident_tabs(request, incident)
    context: dict[str, Any] = {"incident": incident, "now": now, "tabs": tabs, "tab": tab}
    if tab in ("affected", "notices"):
        # Need-to-know: staff see the clocks of the controllers assigned to them only. A page of
        # rows at a time: the prefetch then stays a page's worth, whatever the breach's size.
        visible = visible_affected(request.user, incident)
        filters = NoticeFilterForm(request.GET) if tab == "notices" else AffectedFilterForm(request.GET)
        rows = visible.matching(q=filters.value("q"), show=filters.value("show"))
        rows = rows.select_related("agreement__controller")
        count = None
        if tab == "notices":
            # The states of the rows the other filters keep: their count is the list's count too.
            counts, state = rows.delivery_counts(), filters.value("delivery")
            rows = rows.in_delivery_state(state).prefetch_related("notices__notice__deliveries")
            count = counts[state] if state else sum(counts.values())
            context["deliveries"] = _delivery_counts(request, counts)
        page = page_of(request, rows.order_by("deadline", "pk"), size=50, count=count)
        context.update(affected=page.object_list, page=page, filters=filters, summary=visible.summary(),
                       filtered=any(filters.value(name) for name in filters.fields))
    if tab == "decision":
        context["may_record_no_notice"] = incident.is_open and not incident.notices_went_out()
    if tab == "affected" and incident.is_open:
        find = request.GET.get("find", "").strip()[:100]
        context.update(find=find, found=agreements_to_add(request.user, incident, find))
    return render(request, "breaches/incident_detail.html", {
        **context, "notice_form": NoticeForm(), "reasoning_form": ReasoningForm(), **(forms or {}),
    }, status=status)


def _delivery_counts(request: HttpRequest, counts: dict[str, int]) -> list[dict[str, Any]]:
    """Each delivery state in words with its count and the address of the list in that state
    (the other filters kept, back to the first page)."""
    out = []
    for state, label in DeliveryState.choices:
        query = request.GET.copy()
        query["tab"], query["delivery"] = "notices", state
        query.pop("page", None)
        out.append({"state": state, "label": label, "count": counts[state], "query": query})
    return out


def _back(incident: Incident, tab: str) -> str:
    return reverse("breaches:incident_detail", args=[incident.code]) + f"?tab={tab}"


def _detail_again(code: str) -> ErrorPage:
    """The incident's page again under 400, a refusal listed as its error messages."""
    return as_messages(lambda request, status: incident_detail(request, code, status=status))


@require_POST
@staff_required()
def affected_adjust(request: HttpRequest, code: str) -> HttpResponse:
    incident = incident_for(request.user, code, write=True)
    listed = request.POST.getlist("listed")
    kept = set(request.POST.getlist("include"))
    # Each row left out carries its own reason (a stored one stays when the field is empty).
    exclude = {c: request.POST.get(f"reason-{c}", "") for c in listed if c not in kept}
    return run_action(
        request,
        call=lambda data: services.adjust_affected(
            incident=incident, include=[c for c in listed if c in kept], exclude=exclude,
            add=[agreement_named_for(request.user, c) for c in request.POST.getlist("add") if c.strip()],
            acting_user=request.user),
        done=_("Affected agreements updated."), back=_back(incident, "affected"), page=_detail_again(code))


@require_POST
@staff_required()
def notices_send(request: HttpRequest, code: str) -> HttpResponse:
    """First POST: the preview of what will go out; the POST with ``confirm`` sends it."""
    incident = incident_for(request.user, code, write=True)
    form = NoticeForm(request.POST)
    if "confirm" not in request.POST:
        return _notices_preview(request, code, incident, form)
    return run_action(
        request, form=form, refused=_("Choose the kind of notice."),
        call=lambda data: services.send_notices(incident=incident, stage=data["stage"],
                                                message=data["message"], acting_user=request.user,
                                                expected=data["expected"]),
        done=lambda sent: ngettext("%(n)s notice queued.", "%(n)s notices queued.",
                                    len(sent)) % {"n": len(sent)},
        back=_back(incident, "notices"), page=_detail_again(code))


def _notices_preview(request: HttpRequest, code: str, incident: Incident, form: NoticeForm) -> HttpResponse:
    # A preview changes nothing and says nothing: on success it shows what would go out.
    return run_action(
        request, form=form, refused=_("Choose the kind of notice."),
        call=lambda data: services.preview_notices(incident=incident, stage=data["stage"],
                                                   message=data["message"], acting_user=request.user),
        done=None,
        back=lambda preview: render(request, "breaches/notice_preview.html", {
            "incident": incident, "preview": preview, "stage": form.cleaned_data["stage"],
            "message": form.cleaned_data["message"]}),
        page=_detail_again(code))


@require_POST
@staff_required()
def incident_no_notice(request: HttpRequest, code: str) -> HttpResponse:
    incident = incident_for(request.user, code, write=True)
    return run_action(
        request, call=lambda data: services.record_no_notice(
            incident=incident, reasoning=request.POST.get("reasoning", ""), acting_user=request.user),
        done=_("Decision recorded."), back=_back(incident, "decision"), page=_detail_again(code))


@require_POST
@staff_required()
def incident_close(request: HttpRequest, code: str) -> HttpResponse:
    incident = incident_for(request.user, code, write=True)
    return run_action(
        request, call=lambda data: services.close_incident(
            incident=incident, reasoning=request.POST.get("reasoning", ""), acting_user=request.user),
        done=_("Incident closed."), back=_back(incident, "decision"), page=_detail_again(code))


# --- controller portal --------------------------------------------------------------

@portal_required
def portal_notices(request: HttpRequest) -> HttpResponse:
    notices = visible_notices(request.user).order_by("-created_at", "-pk")
    return render(request, "breaches/portal_notices.html", {"page": page_of(request, notices)})


@portal_required
def portal_notice(request: HttpRequest, code: str, form: SeverityForm | None = None,
                  status: int = 200) -> HttpResponse:
    incident_notice = notice_for(request.user, code)
    return _portal_page(request, incident_notice, form, status)


def _portal_page(request: HttpRequest, incident_notice: IncidentNotice, form: SeverityForm | None,
                 status: int) -> HttpResponse:
    affected = incident_notice.affected
    severity = services.severity(affected)
    form = form or SeverityForm(initial={
        "dpc": severity.dpc.value, "dpc_reason": severity.dpc.reason, "ei": str(severity.ei.value),
        "ei_reason": severity.ei.reason, "cb": severity.cb.value, "cb_reason": severity.cb.reason})
    return render(request, "breaches/portal_notice.html", {
        "item": incident_notice, "affected": affected,
        "versions": affected.notices.select_related("notice").order_by("-number"),
        "facts": services.told_facts(incident_notice.facts),
        "required": services.required_contents(incident_notice.facts),
        "clock": services.countdown(affected),
        "draft": services.authority_draft(affected), "severity": severity.as_dict(), "form": form,
    }, status=status)


@portal_required
def portal_draft_pdf(request: HttpRequest, code: str) -> HttpResponseBase:
    affected = notice_for(request.user, code).affected
    return _download(services.draft_pdf(affected), PDF, services.draft_filename(affected, "pdf"))


@portal_required
def portal_draft_docx(request: HttpRequest, code: str) -> HttpResponseBase:
    affected = notice_for(request.user, code).affected
    return _download(services.draft_docx(affected), DOCX, services.draft_filename(affected, "docx"))


@require_POST
@portal_required
def portal_acknowledge(request: HttpRequest, code: str) -> HttpResponse:
    incident_notice = notice_for(request.user, code, write=True)
    return run_action(
        request, call=lambda data: services.acknowledge_notice(incident_notice=incident_notice,
                                                               acting_user=request.user),
        done=_("Thank you: receipt acknowledged."),
        back=reverse("breaches:portal_notice", args=[incident_notice.code]))


@require_POST
@portal_required
def portal_severity(request: HttpRequest, code: str) -> HttpResponse:
    incident_notice = notice_for(request.user, code, write=True)
    form = SeverityForm(request.POST)
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: services.save_assessment(affected=incident_notice.affected, values=data,
                                                   acting_user=request.user),
        done=_("Assessment saved."), back=reverse("breaches:portal_notice", args=[incident_notice.code]),
        page=lambda request, errors, status: _portal_page(request, incident_notice, form, status))


@portal_required
def portal_register_csv(request: PortalRequest) -> HttpResponseBase:
    controller = portal_controller(request)
    rows = services.controller_rows(controller)
    return _download(services.csv_chunks(rows), CSV, dated("breach-register", "csv"))


@portal_required
def portal_register_pdf(request: PortalRequest) -> HttpResponseBase:
    controller = portal_controller(request)
    title = _("Breaches notified to %(c)s") % {"c": controller.name}
    pdf = services.export_register_pdf(
        rows=services.controller_rows(controller), title=title,
        processor_id=controller.processor_id, controller_id=controller.pk, acting_user=request.user)
    return _download(pdf, PDF, dated("breach-register", "pdf"))


