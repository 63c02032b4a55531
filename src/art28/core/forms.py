"""Putting a service's ValidationError on the form the user filled in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where it names one."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for key, messages in exc.message_dict.items():
        field = _field_for(form, key)
        for message in messages:
            form.add_error(field, message if field else f"{key}: {message}")


def _field_for(form: forms.Form, key: str) -> str | None:
    # Service keys are dotted paths (breach.notice_hours, processing.purposes.0).
    parts = [p for p in key.split(".") if not p.isdigit()]
    for n in range(len(parts), 0, -1):
        name = "__".join(parts[:n])
        if name in form.fields:
            return name
    return None


class SectionedForm(forms.Form):
    """A form laid out in fieldsets: ``SECTIONS`` is ``((legend, (field, ...)), ...)``.

    ``core/_sections.html`` renders them; a fieldset lays its fields in two columns where they fit.
    """

    SECTIONS: tuple[tuple[Any, tuple[str, ...]], ...] = ()

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names if name in self.fields])
                for title, names in self.SECTIONS]
