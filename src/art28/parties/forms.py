"""Forms only parse input; the services validate it and their errors land on these forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from art28.core.uploads import CSV_IMPORT, check_file
from art28.parties.models import Contact, Controller, Language, Processor
from art28.parties.text import text_input

BLANK = [("", _("— not stated —"))]


def _text(label: Any, **kw: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, **kw)


def _column(label: Any, model: Any, name: str) -> forms.CharField:
    """Free text for a model column: the service checks length and characters."""
    return _text(label, widget=text_input(model, name))


class OrganisationForm(forms.Form):
    name = _column(_("Name"), Controller, "name")
    address = _column(_("Address"), Controller, "address")
    postcode = _column(_("Postcode"), Controller, "postcode")
    city = _column(_("City"), Controller, "city")
    country = _text(_("Country (ISO code)"), max_length=2, initial="NL")
    kvk = _text(_("KvK number"), max_length=8)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial="nl")


class ProcessorForm(OrganisationForm):
    """"Our profile": what every agreement not yet sent prints about the processor."""

    default_notice_hours = forms.IntegerField(label=_("Default breach notice hours"), required=False)
    contact_name = _column(_("Name"), Contact, "name")
    contact_function = _column(_("Function"), Contact, "function")
    contact_email = _column(_("E-mail"), Contact, "email")
    contact_phone = _column(_("Phone"), Contact, "phone")
    contact_mobile = _column(_("Mobile"), Contact, "mobile")
    privacy_name = _column(_("Name"), Contact, "name")
    privacy_function = _column(_("Function"), Contact, "function")
    privacy_email = _column(_("E-mail"), Contact, "email")
    privacy_phone = _column(_("Phone"), Contact, "phone")
    breach_email = _column(_("E-mail"), Processor, "breach_desk_email")
    breach_phone = _column(_("Phone"), Processor, "breach_desk_phone")

    SECTIONS = (
        (_("Organisation"), ("name", "address", "postcode", "city", "country", "kvk", "language",
                             "default_notice_hours")),
        (_("Contact person (printed in the agreement)"),
         ("contact_name", "contact_function", "contact_email", "contact_phone", "contact_mobile")),
        (_("Privacy contact"), ("privacy_name", "privacy_function", "privacy_email", "privacy_phone")),
        (_("Data breach desk"), ("breach_email", "breach_phone")),
    )

    @classmethod
    def initial_for(cls, processor: Processor) -> dict[str, Any]:
        initial = {f: getattr(processor, f) for f in OrganisationForm.base_fields}
        initial["default_notice_hours"] = processor.default_notice_hours
        for prefix, contact in (("contact", processor.contact_person()),
                                ("privacy", processor.privacy_contact())):
            for name in ("name", "function", "email", "phone", "mobile"):
                if f"{prefix}_{name}" in cls.base_fields and contact:
                    initial[f"{prefix}_{name}"] = getattr(contact, name)
        initial["breach_email"] = processor.breach_desk_email
        initial["breach_phone"] = processor.breach_desk_phone
        return initial

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]


class ContactForm(forms.Form):
    name = _column(_("Name"), Contact, "name")
    function = _column(_("Function"), Contact, "function")
    email = _column(_("E-mail"), Contact, "email")
    phone = _column(_("Phone"), Contact, "phone")
    mobile = _column(_("Mobile"), Contact, "mobile")
    is_signatory = forms.BooleanField(label=_("Signatory"), required=False)
    is_privacy_contact = forms.BooleanField(label=_("Privacy contact"), required=False)
    is_breach_recipient = forms.BooleanField(label=_("Receives breach notices"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))
    skip_invalid = forms.BooleanField(label=_("Import the valid rows and skip the invalid ones"),
                                      required=False)

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        check_file(upload, CSV_IMPORT)
        return upload
