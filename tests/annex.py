"""Terms helpers for tests that send agreements."""

from __future__ import annotations

# Annex III: a draft without security measures is not sent without an override.
MEASURES = [{"kind": "technical", "text": "Encryption of stored data and of every connection."},
            {"kind": "organisational", "text": "Personal logins and a written access policy."}]


def with_measures(terms):
    """The terms with Annex III filled in, unless the caller states its own measures."""
    if terms is None:
        return {"security": {"measures": MEASURES}}
    if isinstance(terms, dict) and "measures" not in terms.get("security", {}):
        return {**terms, "security": {"measures": MEASURES, **terms.get("security", {})}}
    return terms
