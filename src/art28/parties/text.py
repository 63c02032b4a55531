"""One check for text typed into a party's or a register's fields, from a form, the API or a file.

Two rules the database and the exports rely on: no control characters (a NUL or ``\\x14``
breaks the XLSX export and some database drivers), and no more characters than the model's
column holds. Lengths come from the model fields, so they cannot drift from the columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db import models
from django.utils.translation import gettext as _

# C0 and C1 control characters and DEL; tab, line feed and carriage return are ordinary text.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def max_length(model: type[models.Model], name: str) -> int | None:
    return cast(models.Field, model._meta.get_field(name)).max_length


def text_input(model: type[models.Model], name: str) -> Any:
    """A form widget whose ``maxlength`` is the column's. The form itself does not check the
    length: the service does, with the same message as for the API."""
    return forms.TextInput(attrs={"maxlength": max_length(model, name)})


def text_error(value: Any, limit: int | None) -> str | None:
    """The message for a bad text value, or None when it is fine (non-strings are not text)."""
    if not isinstance(value, str):
        return None
    if CONTROL_CHARS.search(value):
        return _("Remove the control characters (such as NUL) from this text.")
    if limit is not None and len(value) > limit:
        return _("Use at most %(limit)d characters (this has %(length)d).") % {
            "limit": limit, "length": len(value)}
    return None


def check_text(model: type[models.Model], data: dict[str, Any], fields: Iterable[str],
               errors: dict[str, str]) -> None:
    """Add an error per field of ``data`` whose text the model's column cannot take.

    A list value (e.g. data categories) is checked item by item for control characters.
    """
    for name in fields:
        if name not in data or name in errors:
            continue
        value = data[name]
        items = value if isinstance(value, list) else [value]
        limit = None if isinstance(value, list) else max_length(model, name)
        for item in items:
            message = text_error(item, limit)
            if message:
                errors[name] = message
                break


def control_char_paths(value: Any, path: str = "") -> list[str]:
    """Dotted paths (``processing.purposes.0``) of the strings in nested data that hold a
    control character: a JSON column on PostgreSQL refuses a NUL, and exports break on them."""
    if isinstance(value, str):
        return [path] if CONTROL_CHARS.search(value) else []
    items: Iterable[tuple[Any, Any]]
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list | tuple):
        items = enumerate(value)
    else:
        return []
    return [p for key, item in items
            for p in control_char_paths(item, f"{path}.{key}" if path else str(key))]
