"""Why an agreement is on an incident's list, stored as codes and rendered when read.

A reason is kept as ``{"kind": ..., "params": {...}}`` so that each reader sees it in their
own language: the incident may be opened by an English-speaking officer and read by a Dutch
one. A plain string (a row stored before reasons had kinds, and not recognised by the
migration) is shown as it was written.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

SUBPROCESSOR = "subprocessor"
SERVICE = "service"
CATEGORIES = "categories"
CATEGORY_NOTE = "category_note"
STAFF = "staff"


def reason(kind: str, **params: str) -> dict[str, Any]:
    """One reason as stored."""
    return {"kind": kind, "params": params}


def reason_text(item: Any) -> str:
    """One stored reason in the active language."""
    if not isinstance(item, dict):
        return str(item)
    kind, params = item.get("kind"), item.get("params") or {}
    if kind == SUBPROCESSOR:
        return _("uses sub-processor %(s)s") % {"s": params.get("name", "")}
    if kind == SERVICE:
        return _("processing includes service %(s)s") % {"s": params.get("service", "")}
    if kind == CATEGORIES:
        return _("processes the data categories involved")
    if kind == CATEGORY_NOTE:
        return _("note: its agreement names none of the data categories involved "
                 "in the same words; check, and leave it out only with a reason")
    if kind == STAFF:
        return _("added by staff")
    return str(params.get("text") or "")


def reason_texts(items: Any) -> list[str]:
    """All stored reasons of a row in the active language."""
    return [reason_text(i) for i in (items or [])]
