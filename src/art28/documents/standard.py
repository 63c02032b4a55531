"""Loading the versioned standard terms and filling their slots from DpaTerms.

The clause text lives in ``standard_terms/<version>/<language>.json``. A paragraph may
carry ``when``: a map from a terms path to the value it must have (``null`` = unknown,
``"*"`` = any known value, a list = one of these; a ``!`` before the path negates).
Slots are ``{path}``, a few derived names (``{day_unit}``, ``{law}``, ``{mechanisms}``)
and ``{article:<key>}`` for the number of another article.
"""

from __future__ import annotations

import json
import re
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from art28.documents.model import DocumentError
from art28.terms.schema import DpaTerms

STANDARD_DIR = Path(__file__).parent / "standard_terms"
CURRENT_VERSION = "2026.2"
LANGUAGES = ("nl", "en")
SLOT = re.compile(r"\{([a-z0-9_.:]+)\}")
ANY = "*"


def available_versions() -> list[str]:
    """Every version of the standard terms shipped with this package, oldest first."""
    return sorted(p.name for p in STANDARD_DIR.iterdir() if (p / "nl.json").is_file())


def newer_versions(version: str) -> list[str]:
    """The versions of the standard terms newer than ``version``, oldest first."""
    versions = available_versions()
    return versions[versions.index(version) + 1:] if version in versions else []


def version_note(version: str, language: str) -> str:
    """What a version of the standard terms changed from the one before, in words ("" if it
    says nothing)."""
    return str(load_standard(version, language).get("changes_from_previous", ""))


@cache
def load_standard(version: str, language: str) -> dict[str, Any]:
    """The clause text of one version in one language (cached: the files never change)."""
    if version not in available_versions():
        raise DocumentError(f"unknown standard terms version {version!r}; "
                            f"available: {', '.join(available_versions())}")
    if language not in LANGUAGES:
        raise DocumentError(f"unknown language {language!r}; available: nl, en")
    return json.loads((STANDARD_DIR / version / f"{language}.json").read_text("utf-8"))


def flatten(terms: DpaTerms) -> dict[str, Any]:
    """Terms as ``{"breach.notice_hours": 24, ...}`` with enums reduced to their values."""
    out: dict[str, Any] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                walk(f"{prefix}.{key}" if prefix else key, sub)
        else:
            out[prefix] = _plain(value)

    walk("", terms.model_dump())
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _matches(actual: Any, expected: Any) -> bool:
    if expected is None:
        return _empty(actual)
    if expected == ANY:
        return not _empty(actual)
    options = expected if isinstance(expected, list) else [expected]
    if isinstance(actual, list):
        return any(option in actual for option in options)
    # bool is an int in Python: keep True from matching 1 and the other way round.
    return any(type(actual) is type(option) and actual == option for option in options)


def applies(when: dict[str, Any] | None, values: dict[str, Any]) -> bool:
    """Whether a paragraph's condition holds for these terms."""
    for path, expected in (when or {}).items():
        negate = path.startswith("!")
        key = path.lstrip("!")
        if key not in values:
            raise DocumentError(f"standard terms refer to unknown terms path {key!r}")
        if _matches(values[key], expected) == negate:
            return False
    return True


def join_list(items: list[str], std: dict[str, Any]) -> str:
    """``a, b and c`` in the document's language."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return std["list_joiner"].join(items[:-1]) + std["list_last"] + items[-1]


def display(value: Any, std: dict[str, Any]) -> str:
    """One slot value as the document shows it."""
    if isinstance(value, list):
        return join_list(value, std)
    if isinstance(value, date):
        return value.strftime(std["date_format"]).lstrip("0")
    return str(value)


def fill(text: str, slots: dict[str, Any], std: dict[str, Any]) -> str:
    """Replace every ``{slot}``; a slot without a value is a bug in the terms or the text."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in slots:
            raise DocumentError(f"standard terms use unknown slot {{{name}}}")
        if _empty(slots[name]):
            raise DocumentError(f"the terms lack a value for {{{name}}}")
        return display(slots[name], std)

    return SLOT.sub(one, text)
