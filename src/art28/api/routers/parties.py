"""Controllers and their contacts, by UUID code.

Each route parses, checks access, calls one service and returns a schema.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from ninja import Query, Router, Status

from art28.api.access import require_staff
from art28.api.pagination import Page, PageParams, paginate
from art28.api.schemas.parties import (
    ContactIn,
    ContactOut,
    ContactPatch,
    ContactRemoved,
    ControllerDetail,
    ControllerIn,
    ControllerOut,
    ControllerPatch,
    ProfileOut,
    ProfilePatch,
)
from art28.parties import services
from art28.parties.access import contact_of, controller_for, visible_controllers
from art28.parties.forms import ProcessorForm
from art28.parties.models import Contact, Controller
from art28.parties.types import AuthedRequest

router = Router(tags=["controllers"])


@router.get("/controllers", response=Page[ControllerOut])
def controller_list(request: AuthedRequest, params: Query[PageParams]) -> dict[str, Any]:
    return paginate(visible_controllers(request.auth).order_by("name", "pk"), params)


@router.post("/controllers", response={201: ControllerDetail})
def controller_create(request: AuthedRequest, payload: ControllerIn) -> tuple[int, Controller]:
    membership = require_staff(request.auth, admin=True)
    data = payload.dict(exclude={"contacts"})
    contacts = [c.dict() for c in payload.contacts]
    controller = services.create_controller(processor=membership.processor, data=data,
                                            contacts=contacts, acting_user=request.auth)
    return 201, controller


@router.get("/controllers/{code}", response=ControllerDetail)
def controller_get(request: AuthedRequest, code: UUID) -> Controller:
    return controller_for(request.auth, code)


@router.patch("/controllers/{code}", response=ControllerDetail)
def controller_update(request: AuthedRequest, code: UUID, payload: ControllerPatch) -> Controller:
    controller = controller_for(request.auth, code, write=True)
    data = _merged(controller, services.ORG_FIELDS, payload.dict(exclude_unset=True))
    return services.update_controller(controller=controller, data=data, acting_user=request.auth)


@router.get("/profile", response=ProfileOut)
def profile_get(request: AuthedRequest) -> dict[str, Any]:
    """"Our profile", as the page shows it (the processor's admins)."""
    membership = require_staff(request.auth, write=False, admin=True)
    return _profile(membership.processor)


@router.patch("/profile", response=ProfileOut)
def profile_update(request: AuthedRequest, payload: ProfilePatch) -> dict[str, Any]:
    """Change "Our profile" with the page's service and checks; fields left out keep their value."""
    membership = require_staff(request.auth, admin=True)
    data = {**_profile(membership.processor), **payload.dict(exclude_unset=True)}
    processor = services.update_processor(processor=membership.processor, data=data,
                                          acting_user=request.auth)
    return _profile(processor)


def _profile(processor: Any) -> dict[str, Any]:
    return {k: ("" if v is None else v) for k, v in ProcessorForm.initial_for(processor).items()}


def _merged(obj: Any, fields: tuple[str, ...], patch: dict[str, Any]) -> dict[str, Any]:
    """A partial update on top of the current values (the services take whole records)."""
    return {**{f: getattr(obj, f) for f in fields}, **patch}


def _contact(controller: Controller, code: UUID) -> Contact:
    return contact_of(controller, code)


@router.get("/controllers/{code}/contacts", response=list[ContactOut])
def contact_list(request: AuthedRequest, code: UUID) -> Any:
    return controller_for(request.auth, code).contacts.all()


@router.post("/controllers/{code}/contacts", response={201: ContactOut})
def contact_add(request: AuthedRequest, code: UUID, payload: ContactIn) -> tuple[int, Contact]:
    controller = controller_for(request.auth, code, write=True)
    contact = services.add_contact(controller=controller, data=payload.dict(),
                                   acting_user=request.auth)
    return 201, _with_warnings(contact)


def _with_warnings(contact: Contact) -> Contact:
    warning = services.breach_recipient_warning(contact.controller)
    contact.warnings = [warning] if warning else []  # type: ignore[attr-defined]  # read by the response schema
    return contact


@router.patch("/controllers/{code}/contacts/{contact_code}", response=ContactOut)
def contact_update(request: AuthedRequest, code: UUID, contact_code: UUID,
                   payload: ContactPatch) -> Contact:
    contact = _contact(controller_for(request.auth, code, write=True), contact_code)
    data = _merged(contact, services.CONTACT_FIELDS, payload.dict(exclude_unset=True))
    return _with_warnings(services.update_contact(contact=contact, data=data,
                                                 acting_user=request.auth))


@router.delete("/controllers/{code}/contacts/{contact_code}",
               response={200: ContactRemoved, 204: None})
def contact_delete(request: AuthedRequest, code: UUID, contact_code: UUID) -> Any:
    """204; 200 with ``warnings`` when the controller is left without a breach-notice recipient."""
    controller = controller_for(request.auth, code, write=True)
    contact = _contact(controller, contact_code)
    services.remove_contact(contact=contact, acting_user=request.auth)
    warning = services.breach_recipient_warning(controller)
    return Status(200, {"warnings": [warning]}) if warning else Status(204, None)
