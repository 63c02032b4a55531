"""The Article 28(3) checklist (present, partial, missing) and unfilled template fields."""

# Sample sentences read better on one line.
# ruff: noqa: E501

from __future__ import annotations

from art28.analyzer import analyze
from art28.terms.schema import CHECKLIST_KEYS
from tests.analyzer.samples import EN, NL


def _analyze(text: str):
    return analyze(text.encode(), filename="sample.txt")


def test_it_finds_every_element_present_in_the_complete_sample():
    a = _analyze(NL)
    assert list(a.art28) == list(CHECKLIST_KEYS)
    assert {k: v.status for k, v in a.art28.items() if v.status != "present"} == {}
    assert a.art28["h_audits"].evidence[0].ref.startswith("9.")


def test_it_marks_audits_limited_to_security_measures_as_partial():
    text = EN.replace(
        "9.1 The Controller may conduct audits, including inspections, of the Processor's compliance with this DPA.",
        "9.1 The Controller may audit the Processor's security measures once a year.",
    )
    item = _analyze(text).art28["h_audits"]
    assert item.status == "partial" and "security" in item.note


def test_it_marks_audits_by_reports_only_as_partial():
    text = EN.replace(
        "9.1 The Controller may conduct audits, including inspections, of the Processor's compliance with this DPA.",
        "9.1 The Controller may request audit information; the Processor's SOC 2 report satisfies this audit right.",
    )
    a = _analyze(text)
    assert a.terms.audit.scope == "reports_only" and a.art28["h_audits"].status == "partial"


def test_it_marks_general_authorisation_without_objection_as_partial():
    text = (
        "6. Sub-processors\n6.1 Customer hereby grants general written authorisation to engage sub-processors.\n"
        "6.2 The Processor imposes the same obligations on its sub-processors.\n"
    )
    item = _analyze(text).art28["d_subprocessors"]
    assert item.status == "partial" and "object" in item.note


def test_it_marks_missing_elements_with_an_error_finding():
    a = _analyze("1. Scope\n1.1 This text only talks about the weather in Zwolle and nothing else at all.\n")
    assert all(item.status == "missing" for item in a.art28.values())
    assert any(f.severity == "error" and "h_audits" in f.text for f in a.findings)


def test_it_marks_delete_only_as_partial():
    text = "10. End\n10.1 Upon termination the Processor deletes all personal data within 30 days.\n"
    a = _analyze(text)
    assert a.terms.end.choice == "delete" and a.art28["g_delete_or_return"].status == "partial"


def test_it_lists_unfilled_template_fields():
    text = (
        "Partijen\n1. Bedrijfsnaam, gevestigd te [PLAATS], KvK-nummer kvk-nummer, hierna: Verwerkingsverantwoordelijke\n"
        "2. Naam: ______________\n3. Contact: <<naam contactpersoon>>\n4. Datum: [INVULLEN]\n"
        "Aard van de verwerking\nGeef hier een korte omschrijving van de verwerking.\n"
        "Categorieën:\n- …\n5. Name: [NAME]\n"
    )
    found = [p.text for p in _analyze(text).placeholders]
    for expected in (
        "Bedrijfsnaam",
        "[PLAATS]",
        "______________",
        "<<naam contactpersoon>>",
        "[INVULLEN]",
        "[NAME]",
    ):
        assert any(expected in f for f in found), expected
    assert any(f.startswith("Geef hier") for f in found)
    assert any(f.strip() == "- …" for f in found)


def test_it_does_not_take_links_or_filled_fields_for_placeholders():
    text = "See [our policy](https://example.org/policy) and clause [7.2].\nWolkdienst B.V., KvK-nummer 87654321.\n"
    assert _analyze(text).placeholders == []


def test_it_flags_weak_wording():
    text = "7. Breaches\n7.1 The Processor will notify the Controller of a breach as soon as reasonably possible.\n"
    a = _analyze(text)
    assert any("as soon as reasonably possible" in f.text and f.ref == "7.1" for f in a.findings)
    nl = _analyze("7. Datalekken\n7.1 Verwerker meldt een datalek indien mogelijk binnen 24 uur.\n")
    assert any("indien mogelijk" in f.text for f in nl.findings)
