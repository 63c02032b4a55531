"""Hostile input: each refused quickly, with a clear message and its own exit status."""

from __future__ import annotations

import random
import resource
from pathlib import Path

import pytest

from art28.analyzer import AnalyzerError, ExitCode, analyze
from tests.analyzer.builders import (
    blank_pdf,
    encrypt_pdf,
    entity_bomb,
    make_docx,
    make_pdf,
    many_members,
    zip_bomb,
)

PDF_LINES = ["Artikel 5 Datalekken", "5.1 Verwerker meldt een datalek binnen 24 uur na ontdekking."]


def _docx() -> bytes:
    return make_docx(["Verwerker meldt een datalek binnen 24 uur. BOMB"])


def _sparse(path: Path) -> Path:
    with open(path, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    return path


HOSTILE = {
    "zip_bomb.docx": (lambda p: p.write_bytes(zip_bomb(_docx())), ExitCode.ARCHIVE_LIMITS, "zip bomb"),
    "members.docx": (lambda p: p.write_bytes(many_members(_docx())), ExitCode.ARCHIVE_LIMITS, "zip bomb"),
    "entities.docx": (lambda p: p.write_bytes(entity_bomb(_docx())), ExitCode.XML_ENTITIES, "entit"),
    "encrypted.pdf": (
        lambda p: p.write_bytes(encrypt_pdf(make_pdf(PDF_LINES))),
        ExitCode.ENCRYPTED,
        "password",
    ),
    "scan.pdf": (lambda p: p.write_bytes(blank_pdf()), ExitCode.NO_TEXT, "OCR"),
    "huge.txt": (_sparse, ExitCode.TOO_LARGE, "MB"),
    "random.bin": (
        lambda p: p.write_bytes(random.Random(5).randbytes(8192)),
        ExitCode.UNREADABLE,
        "not a document",
    ),
    "empty.docx": (lambda p: p.write_bytes(b""), ExitCode.EMPTY, "empty"),
    "missing.pdf": (lambda p: None, ExitCode.NOT_FOUND, "cannot open"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_it_refuses_hostile_input_with_its_own_exit_status(name, tmp_path, run_check):
    build, code, words = HOSTILE[name]
    path = tmp_path / name
    build(path)
    status, out, err = run_check(str(path), "--json")
    assert status == code
    assert words.lower() in err.lower()
    assert out == ""


def test_it_uses_a_distinct_exit_status_per_reason():
    # Both zip checks (size and member count) are the same reason: archive limits.
    codes = [code for name, (_, code, _) in HOSTILE.items() if name != "members.docx"]
    assert len(set(codes)) == len(codes)
    assert len({c.value for c in ExitCode}) == len(ExitCode)
    assert ExitCode.OK == 0 and all(c > 0 for c in codes)


def test_it_refuses_a_200_mb_file_without_reading_it(tmp_path):
    path = _sparse(tmp_path / "big.pdf")
    with pytest.raises(AnalyzerError) as info:
        analyze(path)
    assert info.value.code == ExitCode.TOO_LARGE


def test_it_refuses_an_entity_bomb_before_parsing_it():
    with pytest.raises(AnalyzerError) as info:
        analyze(entity_bomb(_docx()), filename="bomb.docx")
    assert info.value.code == ExitCode.XML_ENTITIES


def test_it_refuses_text_that_is_only_whitespace():
    with pytest.raises(AnalyzerError) as info:
        analyze(b"  \n\n\t ", filename="blank.txt")
    assert info.value.code == ExitCode.EMPTY


def test_it_stays_within_bounded_memory(tmp_path):
    for name, (build, _, _) in HOSTILE.items():
        path = tmp_path / name
        build(path)
        with pytest.raises(AnalyzerError):
            analyze(path)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert peak_kib < 1024 * 1024, f"peak memory {peak_kib} KiB"


def test_it_rejects_a_renamed_file_with_a_clear_message():
    with pytest.raises(AnalyzerError) as info:
        analyze(b"just some words in a file", filename="contract.docx")
    assert info.value.code == ExitCode.UNREADABLE
    assert "DOCX" in info.value.message
