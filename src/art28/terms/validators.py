"""Validators for Dutch identifiers and ISO codes, shared by forms, API and CLI."""

from __future__ import annotations

import re

from art28.terms.countries import COUNTRY_CODES

KVK_RE = re.compile(r"^\d{8}$")
NL_POSTCODE_RE = re.compile(r"^[1-9]\d{3} ?[A-Z]{2}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
US_STATE_RE = re.compile(r"^US-[A-Z]{2}$")


def gettext_noop(message: str) -> str:
    """Marks a message for the catalogue; Django's side translates it (this package has no Django)."""
    return message


class TermsValueError(ValueError):
    """A value that cannot be part of an agreement; the message is for the user.

    ``template`` and ``params`` let the web side say it in the user's language
    (``art28.core.validation.translated``); ``str()`` stays the English message for the CLI.
    """

    def __init__(self, template: str, **params: object):
        self.template = template
        self.params = params
        super().__init__(template % params)


def clean_kvk(value: str) -> str:
    """A KvK (Dutch Chamber of Commerce) number: exactly 8 digits."""
    compact = re.sub(r"[\s.]", "", value or "")
    if not KVK_RE.match(compact):
        raise TermsValueError(gettext_noop("KvK number must have exactly 8 digits, got %(value)r"),
                              value=value)
    return compact


def clean_nl_postcode(value: str) -> str:
    """A Dutch postcode: 4 digits (first not 0), a space, 2 capitals, e.g. '1234 AB'."""
    compact = (value or "").strip().upper()
    if not NL_POSTCODE_RE.match(compact):
        raise TermsValueError(gettext_noop("Dutch postcode must look like '1234 AB', got %(value)r"),
                              value=value)
    return f"{compact[:4]} {compact[-2:]}"


def clean_country(value: str) -> str:
    code = (value or "").strip().upper()
    if code not in COUNTRY_CODES:
        raise TermsValueError(
            gettext_noop("unknown country code %(value)r (use ISO 3166-1 alpha-2, e.g. NL)"), value=value)
    return code


def clean_law(value: str) -> str:
    """Governing law: an ISO country code, or a US state as 'US-CA'."""
    code = (value or "").strip().upper()
    if US_STATE_RE.match(code):
        return code
    return clean_country(code)


def clean_email(value: str) -> str:
    email = (value or "").strip()
    if not EMAIL_RE.match(email):
        raise TermsValueError(gettext_noop("not a valid e-mail address: %(value)r"), value=value)
    return email
