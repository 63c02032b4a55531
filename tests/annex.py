"""Terms helpers for tests that send agreements."""

from __future__ import annotations

# Annex III: a draft without security measures is not sent without an override.
MEASURES = [{"kind": "technical", "text": "Encryption of stored data and of every connection."},
            {"kind": "organisational", "text": "Personal logins and a written access policy."}]


def with_measures(terms):
    """The terms with Annex III filled in, unless the caller states its own security terms."""
    if terms is None:
        return {"security": {"measures": MEASURES}}
    if isinstance(terms, dict) and "security" not in terms:
        return {**terms, "security": {"measures": MEASURES}}
    return terms
