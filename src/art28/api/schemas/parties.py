"""Request and response bodies for controllers and contacts.

Input fields are plain strings: the parties services validate them (KvK, postcode,
country, language, e-mail) and name each bad field, so there is one source of messages.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Field, Schema


class ContactIn(Schema):
    name: str
    email: str
    function: str = ""
    phone: str = ""
    mobile: str = ""
    is_signatory: bool = False
    is_privacy_contact: bool = False
    is_breach_recipient: bool = False


class ContactPatch(Schema):
    name: str | None = None
    email: str | None = None
    function: str | None = None
    phone: str | None = None
    mobile: str | None = None
    is_signatory: bool | None = None
    is_privacy_contact: bool | None = None
    is_breach_recipient: bool | None = None


class ContactOut(Schema):
    code: UUID
    name: str
    function: str
    email: str
    phone: str
    mobile: str
    is_signatory: bool
    is_privacy_contact: bool
    is_breach_recipient: bool
    warnings: list[str] = Field(default_factory=list, description=(
        "After a change: e.g. that the controller is left without a breach-notice recipient."))


class ContactRemoved(Schema):
    warnings: list[str]


class ControllerIn(Schema):
    name: str
    address: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "NL"
    kvk: str = ""
    language: str = "nl"
    contacts: list[ContactIn] = []


class ControllerPatch(Schema):
    name: str | None = None
    address: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: str | None = None
    kvk: str | None = None
    language: str | None = None


class ControllerOut(Schema):
    code: UUID
    name: str
    address: str
    postcode: str
    city: str
    country: str
    kvk: str
    language: str
    created_at: datetime


class ControllerDetail(ControllerOut):
    contacts: list[ContactOut]


class ProfileOut(Schema):
    """"Our profile": what agreements not yet sent print about the processor (flat, as the form)."""

    name: str
    address: str
    postcode: str
    city: str
    country: str
    kvk: str
    language: str
    default_notice_hours: int
    contact_name: str = ""
    contact_function: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_mobile: str = ""
    privacy_name: str = ""
    privacy_function: str = ""
    privacy_email: str = ""
    privacy_phone: str = ""
    breach_email: str = ""
    breach_phone: str = ""


class ProfilePatch(Schema):
    """Only the fields given change; a contact section whose fields are all blank is removed."""

    name: str | None = None
    address: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: str | None = None
    kvk: str | None = None
    language: str | None = None
    default_notice_hours: int | None = None
    contact_name: str | None = None
    contact_function: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    contact_mobile: str | None = None
    privacy_name: str | None = None
    privacy_function: str | None = None
    privacy_email: str | None = None
    privacy_phone: str | None = None
    breach_email: str | None = None
    breach_phone: str | None = None
