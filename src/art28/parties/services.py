"""State changes for processors, controllers and contacts. Each writes its ledger event."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from art28.core.validation import translated
from art28.ledger.services import record_event
from art28.parties.models import Contact, Controller, Language, Membership, Processor, Role
from art28.parties.signals import processor_profile_changed
from art28.parties.text import check_text
from art28.terms.validators import (
    TermsValueError,
    clean_country,
    clean_email,
    clean_kvk,
    clean_nl_postcode,
)

ORG_FIELDS = ("name", "address", "postcode", "city", "country", "kvk", "language")
CONTACT_FIELDS = ("name", "function", "email", "phone", "mobile", "is_signatory",
                  "is_privacy_contact", "is_breach_recipient")


def clean_organisation(data: dict[str, Any], *, model: type[Processor | Controller] = Controller,
                       ) -> dict[str, Any]:
    """Validate a party's fields; raises ValidationError with a message per field."""
    out = {k: (str(data.get(k) or "").strip()) for k in ORG_FIELDS}
    errors: dict[str, str] = {}
    # kvk, country and language have validators that admit only their own characters.
    check_text(model, out, ("name", "address", "postcode", "city"), errors)
    out["country"] = out["country"] or "NL"
    out["language"] = out["language"] or Language.NL
    if not out["name"]:
        errors.setdefault("name", _("A name is required."))
    _check(out, "country", clean_country, errors)
    if out["country"] == "NL" and out["postcode"]:
        _check(out, "postcode", clean_nl_postcode, errors)
    if out["kvk"]:
        _check(out, "kvk", clean_kvk, errors)
    if "language" not in errors and out["language"] not in Language.values:
        errors["language"] = _("Unknown language %(lang)r: use nl or en.") % {"lang": out["language"]}
    if errors:
        raise ValidationError(errors)
    return out


def clean_contact(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {k: str(data.get(k) or "").strip() for k in CONTACT_FIELDS[:5]}
    for flag in CONTACT_FIELDS[5:]:
        out[flag] = _truthy(data.get(flag))
    errors: dict[str, str] = {}
    check_text(Contact, out, CONTACT_FIELDS[:5], errors)
    if not out["name"]:
        errors.setdefault("name", _("A name is required."))
    _check(out, "email", clean_email, errors)
    if errors:
        raise ValidationError(errors)
    return out


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "ja", "on", "x"}


def _check(out: dict, key: str, fn: Callable[[Any], Any], errors: dict) -> None:
    if key in errors:
        return
    try:
        out[key] = fn(out[key])
    except TermsValueError as exc:
        errors[key] = translated(exc)


PROFILE_CONTACT = {"contact": ("name", "function", "email", "phone", "mobile"),
                   "privacy": ("name", "function", "email", "phone")}
BREACH_DESK_FIELDS = ("breach_email", "breach_phone")


def update_processor(*, processor: Processor, data: dict[str, Any], acting_user: Any) -> Processor:
    """Change "Our profile": what every agreement not yet sent prints about the processor.

    ``data`` holds the organisation's fields and, where given, ``contact_*`` (the contact
    person printed in Annex I), ``privacy_*`` (the privacy contact) and ``breach_email`` /
    ``breach_phone`` (the breach desk); a section left blank is removed. Drafts pick up the
    change in the same transaction; sent and signed versions keep what they said.
    """
    cleaned = clean_organisation(data, model=Processor)
    hours = data.get("default_notice_hours", processor.default_notice_hours)
    if not str(hours).isdigit() or not 1 <= int(hours) <= 72:
        raise ValidationError({"default_notice_hours": _("Notice hours must be between 1 and 72.")})
    sections = {key: _profile_contact(data, key) for key in PROFILE_CONTACT
                if any(f"{key}_{f}" in data for f in PROFILE_CONTACT[key])}
    desk = _breach_desk(data) if any(k in data for k in BREACH_DESK_FIELDS) else None
    with transaction.atomic():
        for key, value in cleaned.items():
            setattr(processor, key, value)
        processor.default_notice_hours = int(hours)
        if desk is not None:
            processor.breach_desk_email, processor.breach_desk_phone = desk
        processor.save()
        for key, values in sections.items():
            _save_profile_contact(processor, key, values)
        # The stubs type a receiver's answer as str; ours answer with a count of drafts.
        refreshed = sum(n or 0 for _r, n in processor_profile_changed.send(  # type: ignore[misc]
            sender=Processor, processor=processor, acting_user=acting_user))
        record_event(action="processor.updated", obj=processor, acting_user=acting_user,
                     data={**cleaned, "default_notice_hours": int(hours),
                           **{k: v for k, v in sections.items()},
                           **({"breach_desk": list(desk)} if desk is not None else {}),
                           "drafts_refreshed": refreshed},
                     processor_id=processor.pk)
    return processor


def _profile_contact(data: dict[str, Any], key: str) -> dict[str, Any] | None:
    """The cleaned contact of one profile section, or None when the section is left blank."""
    values = {f: str(data.get(f"{key}_{f}") or "").strip() for f in PROFILE_CONTACT[key]}
    if not any(values.values()):
        return None
    try:
        return clean_contact(values)
    except ValidationError as exc:
        raise ValidationError({f"{key}_{f}": msgs for f, msgs in exc.message_dict.items()}) from None


def _breach_desk(data: dict[str, Any]) -> tuple[str, str]:
    out = {"breach_desk_email": str(data.get("breach_email") or "").strip(),
           "breach_desk_phone": str(data.get("breach_phone") or "").strip()}
    errors: dict[str, str] = {}
    check_text(Processor, out, tuple(out), errors)
    if out["breach_desk_email"]:
        _check(out, "breach_desk_email", clean_email, errors)
    if errors:
        raise ValidationError({k.replace("_desk", ""): v for k, v in errors.items()})
    return out["breach_desk_email"], out["breach_desk_phone"]


def _save_profile_contact(processor: Processor, key: str, values: dict[str, Any] | None) -> None:
    flag = "is_signatory" if key == "contact" else "is_privacy_contact"
    current = processor.contacts.filter(**{flag: True}).order_by("pk").first()
    if values is None:
        if current:
            current.delete()
        return
    # Each profile section is its own row, so editing one never changes the other.
    flags = {"is_signatory": key == "contact", "is_privacy_contact": key == "privacy",
             "is_breach_recipient": False}
    if current is None:
        Contact.objects.create(processor=processor, **{**values, **flags})
        return
    for field_name, value in {**values, **flags}.items():
        setattr(current, field_name, value)
    current.save()


def create_controller(*, processor: Processor, data: dict[str, Any], acting_user: Any,
                      contacts: list[dict[str, Any]] | None = None) -> Controller:
    """Add a client (controller) with its contacts."""
    cleaned = clean_organisation(data)
    cleaned_contacts = [clean_contact(c) for c in contacts or []]
    _unique_kvk(processor, cleaned["kvk"])
    with transaction.atomic():
        controller = Controller.objects.create(processor=processor, **cleaned)
        for c in cleaned_contacts:
            Contact.objects.create(controller=controller, **c)
        record_event(action="controller.created", obj=controller, acting_user=acting_user,
                     data={**cleaned, "contacts": len(cleaned_contacts)},
                     processor_id=processor.pk, controller_id=controller.pk)
    return controller


def _unique_kvk(processor: Processor, kvk: str, exclude: int | None = None) -> None:
    others = Controller.objects.filter(processor=processor, kvk=kvk)
    if kvk and (others.exclude(pk=exclude) if exclude is not None else others).exists():
        raise ValidationError({"kvk": _("A controller with KvK number %(kvk)s exists already.")
                               % {"kvk": kvk}})


def update_controller(*, controller: Controller, data: dict[str, Any], acting_user: Any) -> Controller:
    cleaned = clean_organisation(data)
    _unique_kvk(controller.processor, cleaned["kvk"], exclude=controller.pk)
    with transaction.atomic():
        for key, value in cleaned.items():
            setattr(controller, key, value)
        controller.save()
        record_event(action="controller.updated", obj=controller, acting_user=acting_user,
                     data=cleaned, processor_id=controller.processor_id, controller_id=controller.pk)
    return controller


def add_contact(*, controller: Controller, data: dict[str, Any], acting_user: Any) -> Contact:
    cleaned = clean_contact(data)
    with transaction.atomic():
        contact = Contact.objects.create(controller=controller, **cleaned)
        record_event(action="contact.added", obj=contact, acting_user=acting_user,
                     data=cleaned, processor_id=controller.processor_id, controller_id=controller.pk)
    return contact


def update_contact(*, contact: Contact, data: dict[str, Any], acting_user: Any) -> Contact:
    cleaned = clean_contact(data)
    with transaction.atomic():
        for key, value in cleaned.items():
            setattr(contact, key, value)
        contact.save()
        controller = contact.controller
        record_event(action="contact.updated", obj=contact, acting_user=acting_user, data=cleaned,
                     processor_id=controller.processor_id if controller else contact.processor_id,
                     controller_id=controller.pk if controller else None)
    return contact


def remove_contact(*, contact: Contact, acting_user: Any) -> None:
    with transaction.atomic():
        controller = contact.controller
        record_event(action="contact.removed", obj=contact, acting_user=acting_user,
                     data={"name": contact.name, "email": contact.email},
                     processor_id=controller.processor_id if controller else contact.processor_id,
                     controller_id=controller.pk if controller else None)
        contact.delete()


def breach_recipient_warning(controller: Controller | None, *,
                             without: Contact | None = None) -> str | None:
    """A warning when the controller has (or, without ``without``, would have) nobody to tell
    of a data breach. A warning, not a refusal: staff may be between two contacts."""
    if controller is None:
        return None
    others = controller.contacts.filter(is_breach_recipient=True)
    if without is not None:
        others = others.exclude(pk=without.pk)
    if others.exists():
        return None
    return _("%(c)s has no breach-notice recipient: nobody there would be told of a data breach. "
             "Mark a contact as breach-notice recipient.") % {"c": controller.name}


# -- bulk onboarding -------------------------------------------------------------------

CSV_COLUMNS = ORG_FIELDS + ("contact_name", "contact_function", "contact_email", "contact_phone",
                            "contact_mobile")


@dataclass
class ImportReport:
    imported: int = 0
    errors: list[tuple[int, dict[str, str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def import_controllers(*, processor: Processor, data: bytes | str, acting_user: Any,
                       skip_invalid: bool = False) -> ImportReport:
    """Import controllers from CSV: every row or none, unless skip_invalid."""
    rows, report = _parse_csv(data), ImportReport()
    seen: set[str] = set()
    valid: list[tuple[dict, list[dict]]] = []
    for line, row in rows:
        try:
            org, contacts = _clean_row(row)
            if org["kvk"] and org["kvk"] in seen:
                raise ValidationError({"kvk": _("KvK number %(kvk)s appears twice in the file.")
                                       % {"kvk": org["kvk"]}})
            _unique_kvk(processor, org["kvk"])
            seen.add(org["kvk"])
            valid.append((org, contacts))
        except ValidationError as exc:
            report.errors.append((line, {k: "; ".join(v) for k, v in exc.message_dict.items()}))
    if report.errors and not skip_invalid:
        return report
    with transaction.atomic():
        for org, contacts in valid:
            create_controller(processor=processor, data=org, contacts=contacts, acting_user=acting_user)
            report.imported += 1
    return report


def _parse_csv(data: bytes | str) -> list[tuple[int, dict[str, str]]]:
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise ValidationError(_("The file is not UTF-8 text; save the CSV as UTF-8 and try again.")) from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames or "name" not in [f.strip() for f in reader.fieldnames]:
        raise ValidationError(_("The CSV needs a header row with at least a 'name' column; "
                                "known columns: %(cols)s") % {"cols": ", ".join(CSV_COLUMNS)})
    unknown = [f for f in reader.fieldnames if f.strip() not in CSV_COLUMNS]
    if unknown:
        raise ValidationError(_("Unknown CSV columns: %(cols)s") % {"cols": ", ".join(unknown)})
    return [(i + 2, {k.strip(): (v or "") for k, v in row.items() if k}) for i, row in enumerate(reader)]


def _clean_row(row: dict[str, str]) -> tuple[dict, list[dict]]:
    org = clean_organisation(row)
    if not row.get("contact_email") and not row.get("contact_name"):
        return org, []
    contact = clean_contact({"name": row.get("contact_name"), "function": row.get("contact_function"),
                             "email": row.get("contact_email"), "phone": row.get("contact_phone"),
                             "mobile": row.get("contact_mobile"), "is_signatory": True,
                             "is_privacy_contact": True, "is_breach_recipient": True})
    return org, [contact]


# -- people ----------------------------------------------------------------------------


def create_member(*, processor: Processor, username: str, email: str, password: str, role: str,
                  acting_user: Any, controller: Controller | None = None,
                  assigned: list[Controller] | tuple = (), read_only: bool = False,
                  totp_key: str | None = None) -> Any:
    """A login for processor staff or a controller's user, with its role.

    Processor-side users get an unconfirmed TOTP device unless ``totp_key`` is given
    (hex), in which case the device is confirmed (used by the demo and by tests).
    """
    user_model = get_user_model()
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role %(r)s.") % {"r": role}})
    if role == Role.CONTROLLER_USER and controller is None:
        raise ValidationError({"controller": _("A controller user belongs to a controller.")})
    if user_model.objects.filter(username=username).exists():
        raise ValidationError({"username": _("User name %(u)s is taken.") % {"u": username}})
    try:
        clean_email(email)
    except TermsValueError as exc:
        raise ValidationError({"email": translated(exc)}) from None
    validate_password(password)
    with transaction.atomic():
        user = user_model.objects.create_user(username, email, password)
        m = Membership.objects.create(user=user, role=role, processor=processor,
                                      controller=controller, read_only=read_only)
        m.assigned_controllers.set(assigned)
        if role != Role.CONTROLLER_USER and totp_key:
            TOTPDevice.objects.create(user=user, name="default", key=totp_key, confirmed=True)
        record_event(action="member.created", obj=("user", user.pk), acting_user=acting_user,
                     data={"username": username, "role": role, "read_only": read_only,
                           "assigned": [str(c.code) for c in assigned]},
                     processor_id=processor.pk, controller_id=controller.pk if controller else None)
    return user


def create_processor(*, data: dict[str, Any], acting_user: Any,
                     contact: dict[str, Any] | None = None) -> Processor:
    cleaned = clean_organisation(data, model=Processor)
    cleaned_contact = clean_contact({**contact, "is_signatory": True}) if contact else None
    with transaction.atomic():
        processor = Processor.objects.create(**cleaned)
        if cleaned_contact:
            Contact.objects.create(processor=processor, **cleaned_contact)
        record_event(action="processor.created", obj=processor, acting_user=acting_user,
                     data=cleaned, processor_id=processor.pk)
    return processor
