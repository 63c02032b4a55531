"""Template filters: local times, readable change lines, a notice's text on a page."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from art28.core.countries import country_name as _country_name
from art28.core.countries import country_names as _country_names
from art28.core.localtime import local_deadline, local_time

register = template.Library()


@register.filter
def localtime(value: datetime | None) -> str:
    """To the second, with the zone's name: for records sent out (the e-mail notices), not pages."""
    return local_time(value)


@register.filter
def minute(value: datetime | None) -> str:
    """For people, on every page (staff and portal): "1 December 2026, 14:43", in the reader's
    language, to the minute, without the zone's name."""
    return local_deadline(value)


def _show(value: Any) -> str:
    if value in (None, "", []):
        return _("(not stated)")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


@register.filter
def grouped(value: int) -> str:
    """A count with the reader's thousands separator: "1,000" in English, "1.000" in Dutch."""
    return number_format(value, force_grouping=True)


@register.filter
def decimal(value: Any) -> str:
    """A number kept as text ("4.5", for the API) in the reader's notation: "4,5" in Dutch."""
    try:
        return number_format(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)


@register.filter
def before_stop(value: Any) -> str:
    """A name that ends a sentence, without its own final full stop: "Fiets B.V." + "." reads
    "Fiets B.V.", not "Fiets B.V..". An ellipsis stays as it is."""
    text = str(value if value is not None else "")
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


@register.filter
def country_name(code: str | None) -> str:
    """A country code ("DE") as its name in the reader's language ("Duitsland", "Germany")."""
    return _country_name(code)


@register.filter
def country_names(codes: list[str] | None) -> str:
    """Country codes (["DE", "US"]) as names in the reader's language, comma-separated."""
    return _country_names(codes)


@register.filter
def language_name(code: str | None) -> str:
    """A language code ("nl") as its name in the reader's language ("Dutch")."""
    names = {"nl": _("Dutch"), "en": _("English")}
    return names.get((code or "").lower()[:2], (code or "—").upper())


WEB_ADDRESS = re.compile(r"https?://[^\s<>\"']+")


@register.filter
def notice_text(value: str) -> SafeString:
    """A notice's plain text as paragraphs, each web address a link in words.

    The e-mail shows the address itself; on a page it is a link, so nobody reads the object's
    code in it.
    """
    label = _("open the page")
    parts, last = [], 0
    for m in WEB_ADDRESS.finditer(value):
        parts += [escape(value[last:m.start()]), format_html('<a href="{}">{}</a>', m.group(0), label)]
        last = m.end()
    parts.append(escape(value[last:]))
    return mark_safe(linebreaks("".join(parts)))  # noqa: S308 - every piece was escaped above


@register.filter
def change_line(change: Any) -> str:
    """One entry of a version's ``changes`` list as 'what: old → new'."""
    if not isinstance(change, dict):
        return str(change)
    lang = "nl" if get_language() == "nl" else "en"
    what = change.get(f"label_{lang}") or change.get("label") or change.get("path") or "?"
    old = change.get("old", change.get("before"))
    new = change.get("new", change.get("after"))
    note = change.get(f"note_{lang}")
    return f"{what}: {_show(old)} → {_show(new)}" + (f". {note}" if note else "")
