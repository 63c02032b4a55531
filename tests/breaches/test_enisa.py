"""ENISA's severity method: SE = DPC × EI + CB, levels and suggestions, worked cases."""

from decimal import Decimal as D

import pytest
from django.utils import translation

from art28.breaches.services.enisa import Factor, Severity, advice, level_of, suggest


@pytest.mark.parametrize(("dpc", "ei", "cb", "score", "level"), [
    # Simple contact data of known people, e-mailed to one wrong, trusted recipient.
    ("1", "1", "0.25", "1.25", "low"),
    # Financial data, identification limited, unknown recipients.
    ("3", "0.5", "0.5", "2.0", "medium"),
    # Behavioural data, directly identifiable, lost confidentiality to unknown parties.
    ("2", "1", "0.5", "2.5", "medium"),
    # Health records, directly identifiable, no CB: exactly at the high boundary.
    ("3", "1", "0", "3", "high"),
    # Health data, directly identifiable, stolen (unknown recipients + malicious).
    ("4", "1", "1", "5", "very_high"),
    # The same health data but encrypted with the key safe: negligible identification.
    ("4", "0.25", "0.5", "1.5", "low"),
    # Boundary: exactly 4 is very high.
    ("3", "1", "1", "4", "very_high"),
    ("4", "0.75", "0.75", "3.75", "high"),
])
def test_it_computes_worked_cases(dpc, ei, cb, score, level):
    sev = Severity(Factor(D(dpc), "r"), Factor(D(ei), "r"), Factor(D(cb), "r"))
    assert sev.score == D(score) and sev.level == level


def test_it_puts_the_boundaries_where_enisa_does():
    assert [level_of(D(x)) for x in ("1.99", "2", "2.99", "3", "3.99", "4")] == \
        ["low", "medium", "medium", "high", "high", "very_high"]


def test_it_suggests_and_never_decides():
    assert advice("low")["notify_authority"] is False and advice("low")["notify_subjects"] is False
    assert advice("medium")["notify_authority"] is True and advice("medium")["notify_subjects"] is False
    assert advice("high")["notify_subjects"] is True
    for level in ("low", "medium", "high", "very_high"):
        with translation.override("en"):
            assert "suggestion" in advice(level)["disclaimer"]


def test_it_prefills_factors_from_the_facts_with_reasons():
    sev = suggest({"data_categories": ["naam", "medische gegevens"], "nature": ["confidentiality"],
                   "malicious": True, "encrypted": False})
    assert sev.dpc.value == 4 and "medische gegevens" in sev.dpc.reason
    assert sev.ei.value == 1 and sev.cb.value == D("1.0")
    assert sev.score == 5 and sev.level == "very_high"
    encrypted = suggest({"data_categories": ["IBAN"], "nature": ["confidentiality"], "encrypted": True})
    assert encrypted.dpc.value == 3 and encrypted.ei.value == D("0.25")
    assert encrypted.level == "low"
    with translation.override("en"):
        unknown = suggest({})
    assert unknown.dpc.value == 1 and "No data categories" in unknown.dpc.reason and unknown.cb.value == 0
