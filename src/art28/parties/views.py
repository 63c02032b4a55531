"""Staff console: the processor's profile, controllers, their contacts, bulk onboarding from CSV."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from art28.agreements.access import agreements_of
from art28.core.decorators import staff_required
from art28.core.forms import apply_errors
from art28.core.pagination import page_of
from art28.parties import services as parties
from art28.parties.access import contact_for, controller_for, find_controllers
from art28.parties.forms import ContactForm, ImportForm, OrganisationForm, ProcessorForm
from art28.parties.models import Controller
from art28.parties.types import StaffRequest


@staff_required(write=True, admin=True)
def processor_edit(request: StaffRequest) -> HttpResponse:
    processor = request.membership.processor
    form = ProcessorForm(request.POST or None, initial=ProcessorForm.initial_for(processor))
    if request.method == "POST" and form.is_valid():
        try:
            parties.update_processor(processor=processor, data=form.cleaned_data,
                                     acting_user=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The profile is saved. Agreements not yet sent show the "
                                        "new details; sent and signed ones keep what they said."))
            return redirect("parties:processor_edit")
    return render(request, "parties/processor_edit.html", {"form": form, "processor": processor})


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
    return render(request, "parties/controller_detail.html",
                  {"controller": controller, "contacts": controller.contacts.all(),
                   "agreements": agreements,
                   "breach_warning": parties.breach_recipient_warning(controller)})


@staff_required(write=True, admin=True)
def controller_create(request: StaffRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            controller = parties.create_controller(
                processor=request.membership.processor,
                data=form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is added.") % {"name": controller.name})
            return redirect("parties:controller_detail", code=controller.code)
    return render(request, "parties/controller_form.html", {"form": form})


@staff_required()
def controller_edit(request: HttpRequest, code: str) -> HttpResponse:
    controller = controller_for(request.user, code, write=True)
    initial = {f: getattr(controller, f) for f in OrganisationForm.base_fields}
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            parties.update_controller(controller=controller, data=form.cleaned_data,
                                      acting_user=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("parties:controller_detail", code=controller.code)
    return render(request, "parties/controller_form.html",
                  {"form": form, "controller": controller})


@staff_required()
def contact_add(request: HttpRequest, code: str) -> HttpResponse:
    controller = controller_for(request.user, code, write=True)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            parties.add_contact(controller=controller, data=form.cleaned_data,
                                acting_user=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The contact is added."))
            _warn_breach_recipient(request, controller)
            return redirect("parties:controller_detail", code=controller.code)
    return render(request, "parties/contact_form.html",
                  {"form": form, "controller": controller})


@staff_required()
def contact_edit(request: HttpRequest, code: str) -> HttpResponse:
    contact = contact_for(request.user, code, write=True)
    initial = {f: getattr(contact, f) for f in ContactForm.base_fields}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            parties.update_contact(contact=contact, data=form.cleaned_data,
                                   acting_user=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The contact is saved."))
            assert contact.controller is not None  # contact_for finds controllers' contacts only
            _warn_breach_recipient(request, contact.controller)
            return redirect("parties:controller_detail", code=contact.controller.code)
    return render(request, "parties/contact_form.html",
                  {"form": form, "controller": contact.controller, "contact": contact})


@staff_required()
def contact_remove(request: HttpRequest, code: str) -> HttpResponse:
    contact = contact_for(request.user, code, write=True)
    controller = contact.controller
    assert controller is not None  # contact_for finds controllers' contacts only
    if request.method == "POST":
        parties.remove_contact(contact=contact, acting_user=request.user)
        messages.success(request, _("The contact is removed."))
        _warn_breach_recipient(request, controller)
        return redirect("parties:controller_detail", code=controller.code)
    return render(request, "parties/contact_remove.html",
                  {"contact": contact, "controller": controller,
                   "warning": parties.breach_recipient_warning(controller, without=contact)})


def _warn_breach_recipient(request: HttpRequest, controller: Controller) -> None:
    warning = parties.breach_recipient_warning(controller)
    if warning:
        messages.warning(request, warning)


@staff_required(write=True, admin=True)
def controller_import(request: StaffRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = parties.import_controllers(
                processor=request.membership.processor,
                data=_utf8(form.cleaned_data["file"].read()),
                skip_invalid=form.cleaned_data["skip_invalid"], acting_user=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if report.imported:
                messages.success(request, _("%(n)d controllers imported.") % {"n": report.imported})
    return render(request, "parties/controller_import.html", {"form": form, "report": report})


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"file": _("The file is not UTF-8 text; save it as "
                                         "CSV UTF-8 and try again.")}) from None
