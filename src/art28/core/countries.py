"""Countries by name for people: the one Django-side door to ``art28.terms.countries``."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import get_language

from art28.terms.countries import country_label


@lru_cache(maxsize=1024)
def _label(code: str, language: str) -> str | None:
    # pycountry's lookups and the Dutch catalogue cost more than a dict: an export names the same
    # few countries on thousands of lines.
    return country_label(code, language)


def country_name(code: str | None, language: str | None = None) -> str:
    """A country code ("DE") as its name in ``language`` or else the active one ("Duitsland",
    "Germany").

    A code ISO does not know is shown as it is; no code is an empty string. Machine formats
    (the API, JSON-LD) keep the code and do not call this.
    """
    if not code:
        return ""
    language = "nl" if (language or get_language() or "en").startswith("nl") else "en"
    return _label(code.upper(), language) or code


def country_names(codes: list[str] | None, language: str | None = None) -> str:
    """Several country codes as names, comma-separated, in the order given."""
    return ", ".join(country_name(c, language) for c in codes or [])
