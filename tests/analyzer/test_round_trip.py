"""Round trip: every agreement art28 renders comes back through the analyzer intact.

The demo agreements (both languages, specific and general authorisation) are rendered as
PDF and DOCX with the real renderer and read back with ``analyze``. Pure: no Django.
"""

from __future__ import annotations

import pytest

from art28.analyzer import analyze
from art28.documents import render_docx, render_pdf
from art28.terms.demo import CLIENTS, demo_terms
from art28.terms.schema import Authorisation, DpaTerms

RENDERERS = {"pdf": render_pdf, "docx": render_docx}


def _variant(terms: DpaTerms, patch: dict) -> DpaTerms:
    data = terms.model_dump(mode="json")
    for group, values in patch.items():
        data[group].update(values)
    return DpaTerms.model_validate(data)


CASES = [
    pytest.param(demo_terms(c), id=f"{c.language}-{c.authorisation.value}-{c.notice_hours}h-{i}")
    for i, c in enumerate(CLIENTS)
] + [
    # Options the demo does not use: business days, another law, the longest notice.
    pytest.param(_variant(demo_terms(CLIENTS[1]), {"subprocessors": {"business_days": True,
                                                                      "objection_days": 10,
                                                                      "notice_days": 20}}),
                 id="nl-business-days"),
    pytest.param(_variant(demo_terms(CLIENTS[2]), {"law": {"governing_law": "BE", "courts": None},
                                                  "breach": {"notice_hours": 72}}),
                 id="en-belgian-law-72h"),
]


def test_it_covers_both_languages_and_both_authorisations() -> None:
    terms = [p.values[0] for p in CASES]
    assert {t.language for t in terms} == {"nl", "en"}
    assert {t.subprocessors.authorisation for t in terms} == {Authorisation.SPECIFIC, Authorisation.GENERAL}


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("terms", CASES)
def test_it_reads_back_what_art28_rendered(terms: DpaTerms, fmt: str) -> None:
    data = RENDERERS[fmt](terms, reference="DPA-2026-0001")
    analysis = analyze(data, filename=f"DPA-2026-0001.{fmt}")

    assert analysis.language == terms.language
    assert {k: i.status for k, i in analysis.art28.items() if i.status != "present"} == {}
    got, want = analysis.terms, terms
    assert got.breach.notice_hours == want.breach.notice_hours
    assert got.subprocessors.authorisation == want.subprocessors.authorisation
    assert got.subprocessors.notice_days == want.subprocessors.notice_days
    assert got.subprocessors.business_days == want.subprocessors.business_days
    assert got.law.governing_law == want.law.governing_law
    assert got.processor.name == want.processor.name
    if want.subprocessors.authorisation == Authorisation.GENERAL:
        assert got.subprocessors.objection_days == want.subprocessors.objection_days
    else:
        # With specific authorisation the standard terms ask consent for each new
        # sub-processor: there is nothing to object to, so the rendered text states no
        # objection period even though the terms carry the default one. Reading one back
        # would be a false positive.
        assert want.subprocessors.objection_days is not None
        assert got.subprocessors.objection_days is None
    for path in ("breach.notice_hours", "subprocessors.authorisation", "law.governing_law"):
        assert analysis.evidence[path][0].quote, path
    assert not [f for f in analysis.findings if "contradict" in f.text.lower()]
