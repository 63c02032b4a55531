"""check_transfer explains itself in nl and en."""

import pytest

from art28.terms.schema import DpaTerms, Transfers


@pytest.mark.parametrize(
    ("country", "extra", "lawful", "words_en", "words_nl"),
    [
        ("DE", {}, True, "inside the EEA", "binnen de EER"),
        ("CH", {}, True, "European Commission", "Europese Commissie"),
        (
            "US",
            {"dpf_certified": True, "transfer_mechanism": "dpf"},
            True,
            "Data Privacy Framework",
            "Data Privacy Framework",
        ),
        ("US", {"transfer_mechanism": "dpf"}, False, "not marked as certified", "niet als gecertificeerd"),
        (
            "IN",
            {"transfer_mechanism": "scc", "safeguard_note": "SCC module 3, signed 2026-01-10"},
            True,
            "standard contractual clauses",
            "modelcontractbepalingen",
        ),
        ("IN", {"transfer_mechanism": "scc"}, False, "not documented", "niet vastgelegd"),
        ("IN", {"transfer_mechanism": "derogation"}, False, "occasional", "incidentele"),
        ("IN", {}, False, "may not go there", "mogen daar niet heen"),
    ],
)
def test_it_checks_and_explains(make_subprocessor, country, extra, lawful, words_en, words_nl):
    from art28.subprocessors.services import check_transfer

    sp = make_subprocessor(f"Sub {country} {len(extra)}", country=country, **extra)
    en, nl = check_transfer(sp, language="en"), check_transfer(sp, language="nl")
    assert en.lawful is nl.lawful is lawful
    assert words_en in en.summary and words_nl in nl.summary


def test_eea_only_agreements_need_written_consent(make_subprocessor):
    from art28.subprocessors.services import check_transfer

    sp = make_subprocessor("Tokyo KK", country="JP")
    for policy, needs in (
        ("prohibited", True),
        ("with_consent", True),
        ("with_safeguards", False),
        ("allowed", False),
    ):
        check = check_transfer(sp, DpaTerms(transfers=Transfers(outside_eea=policy)), language="nl")
        assert check.needs_written_consent is needs
    eu = make_subprocessor("Berlin GmbH", country="DE")
    assert not check_transfer(
        eu, DpaTerms(transfers=Transfers(outside_eea="prohibited"))
    ).needs_written_consent
