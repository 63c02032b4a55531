"""``art28 check``: JSON shape, the readable report and exit statuses."""

from __future__ import annotations

import json

from art28.analyzer import ExitCode
from art28.terms.schema import CHECKLIST_KEYS
from tests.analyzer.samples import EN, NL


def test_it_prints_one_json_object_with_every_section(write, run_check):
    code, out, err = run_check(str(write("nl.txt", NL)), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {
        "source",
        "language",
        "terms",
        "evidence",
        "art28",
        "requirements",
        "placeholders",
        "findings",
        "playbook",
    }
    assert data["terms"]["breach"]["notice_hours"] == 24
    assert data["evidence"]["breach.notice_hours"][0] == {
        "ref": "5.1",
        "quote": data["evidence"]["breach.notice_hours"][0]["quote"],
    }
    assert list(data["art28"]) == list(CHECKLIST_KEYS)
    assert set(data["art28"]["h_audits"]) == {"status", "evidence", "note"}
    assert data["playbook"] is None
    assert data["source"]["sha256"] and data["source"]["format"] == "txt"


def test_it_prints_a_readable_report_in_english_or_dutch(write, run_check):
    path = str(write("en.txt", EN))
    code, out, _ = run_check(path)
    assert code == 0 and "Article 28(3) checklist" in out and "California" in out and "US-CA" not in out
    code, out, _ = run_check(path, "--lang", "nl")
    assert code == 0 and "Checklist artikel 28 lid 3" in out and "Californië" in out


def test_it_adds_a_playbook_section(write, run_check):
    playbook = write("pb.json", json.dumps({"breach_max_hours": 24, "governing_law": ["NL"]}))
    code, out, _ = run_check(str(write("en.txt", EN)), "--json", "--playbook", str(playbook))
    checks = json.loads(out)["playbook"]
    assert code == 0 and [c["ok"] for c in checks] == [False, False]
    code, out, _ = run_check(str(write("en2.txt", EN)), "--playbook", str(playbook))
    assert "DEVIATION" in out


def test_it_exits_with_usage_errors(write, run_check):
    assert run_check()[0] == ExitCode.USAGE
    assert run_check("x.txt", "--lang", "de")[0] == ExitCode.USAGE
    assert (
        run_check(str(write("a.txt", EN)), "--playbook", str(write("pb.json", "{not json")))[0]
        == ExitCode.USAGE
    )
    code, out, _ = run_check("--help")
    assert code == 0 and "exit statuses" in out
