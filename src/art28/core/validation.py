"""Validation messages in the user's language.

The pure packages (``terms``) raise ``TermsValueError`` with an English template and its
values; the web side translates the template here, so a Dutch page or API answer says it in Dutch.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext

from art28.terms.validators import TermsValueError


def translated(exc: TermsValueError) -> str:
    """The message of ``exc`` in the active language."""
    return gettext(exc.template) % exc.params


def pydantic_message(error: Mapping[str, Any]) -> str:
    """One item of ``pydantic.ValidationError.errors()`` in the active language.

    A value our validators refused is said in their words; pydantic's own complaints fall
    back to Django's (already translated) form messages where one fits.
    """
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, TermsValueError):
        return translated(cause)
    generic = _GENERIC.get(str(error.get("type")))
    return gettext(generic) if generic else str(error.get("msg", ""))


# pydantic's error type -> a message that Django's own catalogue translates.
_GENERIC = {
    "missing": "This field is required.",
    "int_parsing": "Enter a whole number.",
    "int_type": "Enter a whole number.",
    "float_parsing": "Enter a number.",
    "string_type": "Enter a valid value.",
    "bool_parsing": "Enter a valid value.",
    "date_from_datetime_parsing": "Enter a valid date.",
    "date_parsing": "Enter a valid date.",
    "datetime_parsing": "Enter a valid date/time.",
    "datetime_from_date_parsing": "Enter a valid date/time.",
    "uuid_parsing": "Enter a valid UUID.",
    "literal_error": "Select a valid choice. That choice is not one of the available choices.",
    "enum": "Select a valid choice. That choice is not one of the available choices.",
}
