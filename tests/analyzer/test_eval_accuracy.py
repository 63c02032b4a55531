"""The analyzer stays at least 90 % right on the shared reference agreements (read in place)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SHARED = ROOT.parent / "shared"
EXPECTED = Path(__file__).parent / "expected"


def _bench():
    spec = importlib.util.spec_from_file_location("analyzer_eval", ROOT / "bench" / "analyzer_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report():
    if not (SHARED / "seeds").is_dir() or not (SHARED / "corpus" / "dpas").is_dir():
        pytest.skip(f"the shared reference documents are not at {SHARED}")
    return _bench().evaluate(SHARED, EXPECTED)


def test_it_has_expected_facts_for_every_reference_document():
    names = {p.stem for p in EXPECTED.glob("*.json")}
    assert len(names) >= 15
    for path in EXPECTED.glob("*.json"):
        facts = json.loads(path.read_text(encoding="utf-8"))
        assert facts["_source"] in ("seeds", "corpus") and len(facts) > 3


def test_it_gets_at_least_90_percent_of_the_facts_right(report):
    misses = {name: doc["misses"] for name, doc in report["per_document"].items() if doc["misses"]}
    assert report["documents"] == len(list(EXPECTED.glob("*.json")))
    assert report["accuracy"] >= 0.9, misses


def test_it_reports_the_contradiction_inside_one_reference_agreement(report):
    assert not [m for m in report["per_document"]["zitadel-dpa-2025"]["misses"] if "contradiction" in m]
