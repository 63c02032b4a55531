"""Playbook positions and the deviations of an agreement from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from art28.analyzer import AnalyzerError, ExitCode, Playbook, analyze, load_playbook
from tests.analyzer.samples import EN, NL

EXAMPLE = Path(__file__).parents[2] / "src" / "art28" / "analyzer" / "playbook.example.json"


def test_it_ships_a_valid_example_playbook():
    assert load_playbook(EXAMPLE).breach_max_hours == 48


def test_it_passes_an_agreement_that_follows_the_playbook():
    a = analyze(NL.encode(), filename="nl.txt", playbook=EXAMPLE)
    assert a.playbook and all(check.ok for check in a.playbook), [c.text for c in a.playbook if not c.ok]
    assert not [f for f in a.findings if "Playbook" in f.text]


def test_it_lists_every_deviation_as_a_finding():
    a = analyze(EN.encode(), filename="en.txt", playbook=EXAMPLE)
    failed = {check.key for check in a.playbook if not check.ok}
    assert failed == {
        "data_in_eea",
        "subprocessor_objection_min_days",
        "subprocessor_notice_min_days",
        "end_deadline_max_days",
        "governing_law",
    }
    assert len([f for f in a.findings if f.text.startswith("Playbook deviation")]) == len(failed)


def test_it_counts_unknown_values_as_deviations():
    a = analyze(
        b"1. Intro\n1.1 Nothing about breaches here at all.\n",
        filename="x.txt",
        playbook=Playbook(breach_max_hours=24, audits_allowed=True),
    )
    assert [c.ok for c in a.playbook] == [False, False]


def test_it_refuses_a_playbook_with_unknown_keys(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"breach_max_hourz": 48}))
    with pytest.raises(AnalyzerError) as info:
        load_playbook(path)
    assert info.value.code == ExitCode.USAGE
