"""Staff console: the processor's profile, controllers, their contacts, bulk onboarding from CSV."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from art28.agreements.access import agreements_of
from art28.core.actions import run_action, warn
from art28.core.decorators import staff_required
from art28.core.pagination import page_of
from art28.parties import services as parties
from art28.parties.access import contact_for, controller_for, find_controllers
from art28.parties.forms import ContactForm, ImportForm, OrganisationForm, ProcessorForm
from art28.parties.tabs import controller_tabs
from art28.parties.types import StaffRequest


@staff_required(write=True, admin=True)
def processor_edit(request: StaffRequest) -> HttpResponse:
    processor = request.membership.processor
    form = ProcessorForm(request.POST or None, initial=ProcessorForm.initial_for(processor))
    page = _form_page("parties/processor_edit.html", form=form, processor=processor)
    if request.method != "POST":
        return page(request)
    return run_action(
        request, form=form, on_form=True, page=page,
        call=lambda data: parties.update_processor(processor=processor, data=data,
                                                   acting_user=request.user),
        done=_("The profile is saved. Agreements not yet sent show the "
               "new details; sent and signed ones keep what they said."),
        back=reverse("parties:processor_edit"))


def _form_page(template: str, **context: Any) -> Callable[..., HttpResponse]:
    """The form page, shown again as it always was (status 200) when it was refused."""
    def page(request: HttpRequest, errors: list[str] | None = None, status: int = 200) -> HttpResponse:
        return render(request, template, context)
    return page


@staff_required()
def controller_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    controllers = find_controllers(request.user, q).order_by("name")
    template = "parties/_controller_rows.html" if request.headers.get("HX-Request") \
        else "parties/controller_list.html"
    return render(request, template, {"page": page_of(request, controllers), "q": q})


@staff_required()
def controller_detail(request: HttpRequest, code: str) -> HttpResponse:
    controller = controller_for(request.user, code)
    agreements = agreements_of(request.user, controller).with_latest_status()
    tabs, tab = controller_tabs(request, controller)
    return render(request, "parties/controller_detail.html",
                  {"controller": controller, "contacts": controller.contacts.all(), "tabs": tabs, "tab": tab,
                   "agreements": agreements,
                   "breach_warning": parties.breach_recipient_warning(controller)})


@staff_required(write=True, admin=True)
def controller_create(request: StaffRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    page = _form_page("parties/controller_form.html", form=form)
    if request.method != "POST":
        return page(request)
    return run_action(
        request, form=form, on_form=True, page=page,
        call=lambda data: parties.create_controller(
            processor=request.membership.processor,
            data=data, acting_user=request.user),
        done=lambda controller: _("%(name)s is added.") % {"name": controller.name},
        back=lambda controller: reverse("parties:controller_detail", args=[controller.code]))


@staff_required()
def controller_edit(request: HttpRequest, code: str) -> HttpResponse:
    controller = controller_for(request.user, code, write=True)
    initial = {f: getattr(controller, f) for f in OrganisationForm.base_fields}
    form = OrganisationForm(request.POST or None, initial=initial)
    page = _form_page("parties/controller_form.html", form=form, controller=controller)
    if request.method != "POST":
        return page(request)
    return run_action(
        request, form=form, on_form=True, page=page,
        call=lambda data: parties.update_controller(controller=controller, data=data,
                                                    acting_user=request.user),
        done=_("The changes are saved."),
        back=reverse("parties:controller_detail", args=[controller.code]))


@staff_required()
def contact_add(request: HttpRequest, code: str) -> HttpResponse:
    controller = controller_for(request.user, code, write=True)
    form = ContactForm(request.POST or None)
    page = _form_page("parties/contact_form.html", form=form, controller=controller)
    if request.method != "POST":
        return page(request)
    return run_action(
        request, form=form, on_form=True, page=page,
        call=lambda data: parties.add_contact(controller=controller, data=data,
                                              acting_user=request.user),
        done=_("The contact is added."),
        back=lambda contact: _warned(request, controller))


@staff_required()
def contact_edit(request: HttpRequest, code: str) -> HttpResponse:
    contact = contact_for(request.user, code, write=True)
    initial = {f: getattr(contact, f) for f in ContactForm.base_fields}
    form = ContactForm(request.POST or None, initial=initial)
    page = _form_page("parties/contact_form.html", form=form, controller=contact.controller,
                      contact=contact)
    if request.method != "POST":
        return page(request)
    return run_action(
        request, form=form, on_form=True, page=page,
        call=lambda data: parties.update_contact(contact=contact, data=data,
                                                 acting_user=request.user),
        done=_("The contact is saved."),
        back=lambda _result: _warned(request, contact.controller))


@staff_required()
def contact_remove(request: HttpRequest, code: str) -> HttpResponse:
    contact = contact_for(request.user, code, write=True)
    controller = contact.controller
    if request.method != "POST":
        return render(request, "parties/contact_remove.html",
                      {"contact": contact, "controller": controller,
                       "warning": parties.breach_recipient_warning(controller, without=contact)})
    return run_action(
        request, call=lambda data: parties.remove_contact(contact=contact, acting_user=request.user),
        done=_("The contact is removed."), back=lambda _result: _warned(request, controller))


def _warned(request: HttpRequest, controller) -> str:  # type: ignore[no-untyped-def]
    """The controller's page, warning first when no one would receive a breach notice now."""
    warn(request, parties.breach_recipient_warning(controller))
    return reverse("parties:controller_detail", args=[controller.code])


@staff_required(write=True, admin=True)
def controller_import(request: StaffRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    page = _form_page("parties/controller_import.html", form=form, report=None)
    if request.method != "POST":
        return page(request)
    return run_action(
        request, form=form, on_form=True, page=page,
        call=lambda data: parties.import_controllers(
            processor=request.membership.processor,
            data=_utf8(data["file"].read()), skip_invalid=data["skip_invalid"],
            acting_user=request.user),
        done=lambda report: (_("%(n)d controllers imported.") % {"n": report.imported}
                             if report.imported else None),
        back=lambda report: render(request, "parties/controller_import.html",
                                   {"form": form, "report": report}))


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"file": _("The file is not UTF-8 text; save it as "
                                         "CSV UTF-8 and try again.")}) from None
