"""Putting a service's ValidationError on the form the user filled in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where it names one."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for key, messages in exc.message_dict.items():
        field = _field_for(form, key)
        for message in messages:
            form.add_error(field, message if field else f"{key}: {message}")


def _field_for(form: forms.BaseForm, key: str) -> str | None:
    # Service keys are dotted paths (breach.notice_hours, processing.purposes.0).
    parts = [p for p in key.split(".") if not p.isdigit()]
    for n in range(len(parts), 0, -1):
        name = "__".join(parts[:n])
        if name in form.fields:
            return name
    return None


class ListFilterForm(forms.Form):
    """The filters above a list: a search box, and in subclasses a status and a controller
    search box. Read from the query string, so they survive paging (see ``_pager.html``)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))
    search_placeholder: Any = ""

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data if data else None, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = self.search_placeholder
        self.is_valid()

    def value(self, name: str) -> str:
        """The cleaned filter, or "" when it is blank or not valid."""
        return (getattr(self, "cleaned_data", {}) or {}).get(name) or ""


def controller_search_field() -> forms.CharField:
    """The controller filter: a search box on name or KvK number, never a list of hundreds."""
    return forms.CharField(
        label=_("Controller"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"type": "search",
                                      "placeholder": _("Name or KvK number")}))
class SectionedForm(forms.Form):
    """A form laid out in fieldsets: ``SECTIONS`` is ``((legend, (field, ...)), ...)``.

    ``core/_sections.html`` renders them; a fieldset lays its fields in two columns where they fit.
    """

    SECTIONS: tuple[tuple[Any, tuple[str, ...]], ...] = ()

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names if name in self.fields])
                for title, names in self.SECTIONS]
