"""No form of the staff console or the portal asks a person for a UUID, a code or JSON:
objects are chosen by name and reference."""

from __future__ import annotations

import importlib
import inspect
import re

from django import forms
from django.utils import translation

FORM_MODULES = ["accounts", "agreements", "breaches", "core", "evidence", "measures", "parties",
                "requests", "reviews", "subprocessors"]
# A country's ISO code is a code people know; an object's code is not.
ASKS_FOR_A_CODE = re.compile(r"\buuid\b|\bjson\b|\bcodes?\b(?!\s*\)|,)", re.IGNORECASE)
# (form, field): why it may stay.
ALLOWED = {
    ("AssignForm", "target"): "a hidden input per row of the team page; nobody types it",
    ("RecoveryForm", "recovery"): "a second-factor recovery code the person was given",
    ("TokenForm", "token"): "the six digits of the person's authenticator app",
    ("UploadForm", "playbook"): "an uploaded playbook file, not typed text",
    ("ImportUploadForm", "playbook"): "an uploaded playbook file, not typed text",
}


def _forms() -> list[type[forms.Form]]:
    found = []
    for app in FORM_MODULES:
        module = importlib.import_module(f"art28.{app}.forms")
        found += [cls for _, cls in inspect.getmembers(module, inspect.isclass)
                  if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__]
    return found


def _words(field: forms.Field) -> str:
    attrs = getattr(field.widget, "attrs", {})
    return " ".join(str(x) for x in (field.label or "", field.help_text or "",
                                      attrs.get("placeholder", "")))


def test_it_finds_the_forms():
    assert len(_forms()) > 20


def test_it_asks_no_person_for_a_uuid_code_or_json():
    wrong = []
    for lang in ("en", "nl"):
        with translation.override(lang):
            for form in _forms():
                for name, field in form.base_fields.items():
                    if (form.__name__, name) in ALLOWED or isinstance(field.widget, forms.HiddenInput):
                        continue
                    if isinstance(field, forms.UUIDField) or ASKS_FOR_A_CODE.search(_words(field)):
                        wrong.append(f"{form.__module__}.{form.__name__}.{name} ({lang}): {_words(field)}")
    assert wrong == [], "\n".join(wrong)


def test_it_keeps_no_stale_exception():
    names = {(f.__name__, n) for f in _forms() for n in f.base_fields}
    assert set(ALLOWED) <= names


def _expects_json(name: str, field: forms.Field) -> bool:
    """A text box that asks for structured data: named or labelled so, or holding a dict or list."""
    if not isinstance(field.widget, (forms.Textarea, forms.TextInput)):
        return False
    words = f"{name} {_words(field)}"
    return bool(re.search(r"json|dpaterms|[{}\[\]]", words, re.IGNORECASE)) or isinstance(
        field.initial, (dict, list))


def test_no_text_box_expects_json():
    wrong = []
    for lang in ("en", "nl"):
        with translation.override(lang):
            wrong += [f"{form.__module__}.{form.__name__}.{name} ({lang})"
                      for form in _forms() for name, field in form.base_fields.items()
                      if (form.__name__, name) not in ALLOWED and _expects_json(name, field)]
    assert wrong == [], "give each value its own field, with choices in words:\n" + "\n".join(wrong)


def test_it_would_catch_a_json_text_box():
    assert _expects_json("terms_json", forms.CharField(widget=forms.Textarea))
    assert _expects_json("positions", forms.CharField(label="Positions (JSON)", widget=forms.Textarea))
    assert _expects_json("positions", forms.CharField(widget=forms.Textarea, initial={"a": 1}))
    assert not _expects_json("note", forms.CharField(label="Note to the controller", widget=forms.Textarea))
