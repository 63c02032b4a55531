"""The filters above the ledger: kind of event, a range of days, and a search on clients."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from art28.core.forms import ListFilterForm
from art28.ledger.kinds import kind_choices


class DayField(forms.DateField):
    """A day typed in the reader's own way (31-12-2026 in Dutch, 2026-12-31 in English; ISO
    always works); a day it cannot read is refused with an example in that way."""

    def __init__(self, label: Any) -> None:
        super().__init__(label=label, required=False, localize=True,
                         widget=forms.DateInput(attrs={"class": "day", "placeholder": _("yyyy-mm-dd")}))

    def to_python(self, value: Any) -> date | None:
        try:
            return super().to_python(value)
        except ValidationError:
            example = formats.localize_input(date(2026, 12, 31), formats.get_format("DATE_INPUT_FORMATS")[0])
            raise ValidationError(gettext("Give a date such as %(example)s.") % {"example": example},
                                  code="invalid") from None


class LedgerFilterForm(ListFilterForm):
    """Read from the query string, so the filters survive paging. A filter that cannot be
    read is left out of the search and named in the form's errors."""

    search_placeholder = _("Controller, agreement or KvK number")
    kind = forms.ChoiceField(label=_("Kind of event"), required=False,
                             choices=[("", _("All kinds")), *kind_choices()],
                             error_messages={"invalid_choice": _("Choose a kind of event from the list.")})
    since = DayField(_("From"))
    until = DayField(_("To"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            # Neither day says which was meant: the range is left out whole.
            self.add_error("until", gettext("The last day comes before the first day."))
            cleaned.pop("since", None)
        return cleaned

    def day(self, name: str) -> date | None:
        """The cleaned day, or None when blank or not valid."""
        value = (getattr(self, "cleaned_data", {}) or {}).get(name)
        return value if isinstance(value, date) else None

    @property
    def given(self) -> bool:
        """Whether any filter was filled in, read or not."""
        return any(self.data.get(name) for name in self.fields)

    @property
    def applied(self) -> bool:
        """Whether any filter narrows the list (one that could not be read does not)."""
        return any(self.value(name) for name in self.fields)
