"""What changed between two versions of an agreement's terms, labelled in nl and en."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from art28.terms.schema import DpaTerms

LABELS_FILE = Path(__file__).with_name("field_labels.json")
PARTY_GROUPS = ("processor", "controller")


@dataclass(frozen=True)
class Change:
    """One changed field: its dotted path, labels, and the JSON values before and after."""

    path: str
    label_nl: str
    label_en: str
    old: Any
    new: Any

    def label(self, language: str) -> str:
        """The label in ``nl`` or ``en`` (anything else gets English)."""
        return self.label_nl if language == "nl" else self.label_en


@cache
def _labels() -> dict[str, Any]:
    return json.loads(LABELS_FILE.read_text("utf-8"))


def _leaves(prefix: str, value: Any, out: dict[str, Any]) -> dict[str, Any]:
    # Lists (measures, sub-processors) compare as a whole: their order is part of the text.
    if isinstance(value, dict):
        for key, sub in value.items():
            _leaves(f"{prefix}.{key}" if prefix else key, sub, out)
    else:
        out[prefix] = value
    return out


def field_label(path: str, language: str) -> str:
    """``Processor – KvK number`` style label of a terms path."""
    labels = _labels()
    group, _, rest = path.partition(".")
    key = f"party.{rest}" if group in PARTY_GROUPS else path
    field = labels["fields"].get(key, {}).get(language, rest or path)
    if not rest:
        return field
    return f"{labels['groups'].get(group, {}).get(language, group)} – {field}"


def diff_terms(old: DpaTerms, new: DpaTerms) -> list[Change]:
    """Every field whose value differs, in schema order."""
    before = _leaves("", old.model_dump(mode="json"), {})
    after = _leaves("", new.model_dump(mode="json"), {})
    return [Change(path=path, label_nl=field_label(path, "nl"), label_en=field_label(path, "en"),
                   old=before.get(path), new=after.get(path))
            for path in after if before.get(path) != after.get(path)]


STANDARD_TERMS_LABELS = ("Versie van de standaardvoorwaarden", "Standard terms version")


def standard_terms_change(old: str | None, new: str) -> Change | None:
    """A new version written on other standard terms than the one before, as one change.

    The clause text itself differs between versions (``standard_terms/<version>/``), so the
    reader is told even where no field of the terms changed. ``None`` when nothing moved or
    there is no version of ours to compare with (an imported agreement).
    """
    if old is None or old == new:
        return None
    return Change(path="standard_version", label_nl=STANDARD_TERMS_LABELS[0],
                  label_en=STANDARD_TERMS_LABELS[1], old=old, new=new)
