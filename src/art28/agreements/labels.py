"""Values of an agreement's terms in words, as the terms form says them.

The schema's values (``with_safeguards``, ``reports_only``, ``technical``) are for machines;
pages, e-mails and exports show these labels in the reader's language instead.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as L

from art28.agreements.models import MeasureKindLabel
from art28.terms.schema import AuditScope, Mechanism, OutsideEea

AUDIT_SCOPES: dict[str, Promise] = {
    AuditScope.FULL: L("Full audit"),
    AuditScope.SECURITY: L("Security measures"),
    AuditScope.REPORTS_ONLY: L("Audit reports only"),
}
TRANSFER_POLICIES: dict[str, Promise] = {
    OutsideEea.PROHIBITED: L("Prohibited"),
    OutsideEea.WITH_CONSENT: L("Only with the controller's consent"),
    OutsideEea.WITH_SAFEGUARDS: L("With appropriate safeguards"),
    OutsideEea.ALLOWED: L("Allowed"),
}
#: A transfer's safeguards (``transfers.mechanisms``), in the register's words.
TRANSFER_MECHANISMS: dict[str, Promise] = {
    Mechanism.ADEQUACY: L("Adequacy decision"),
    Mechanism.SCC: L("Standard contractual clauses"),
    Mechanism.BCR: L("Binding corporate rules"),
    Mechanism.DPF: L("EU-US Data Privacy Framework"),
    Mechanism.DEROGATION: L("Derogation (Art. 49)"),
}
#: The measure kinds' words are ``MeasureKindLabel``'s (the Annex III page uses the same).
MEASURE_KINDS: dict[str, Any] = dict(MeasureKindLabel.choices)


def label(labels: dict[str, Any], value: Any) -> str:
    """``value`` in words in the active language: "not stated" when there is none; a value the
    labels do not know is shown as it is (never expected: the schema validates them)."""
    if value in (None, ""):
        return _("not stated")
    return str(labels.get(str(value), value))
