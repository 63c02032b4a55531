"""The one CSV writer: formulas neutralised, and no export writes CSV another way."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import pytest

import art28
from art28.core.csv import csv_bytes, safe_cell

PAYLOADS = ['=HYPERLINK("http://evil.example","click")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3",
            "\t=1+1", "\r=1+1", "\n=1+1", " =1+1", "\uff1d1+1"]


def read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the accents
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_it_neutralises_every_formula_start(payload):
    assert safe_cell(payload) == "'" + payload
    [header, row] = read(csv_bytes([payload], [[payload, "ok"]]))
    assert header == ["'" + payload] and row == ["'" + payload, "ok"]


def test_it_leaves_ordinary_text_and_numbers_alone():
    [_h, row] = read(csv_bytes(["a"], [["Rekenhal B.V.", 340, None, "e-mail", "Zoë"]]))
    assert row == ["Rekenhal B.V.", "340", "", "e-mail", "Zoë"]


def _csv_writers(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("writer", "DictWriter"):
            if isinstance(node.value, ast.Name) and node.value.id == "csv":
                found.append(node.attr)
        if isinstance(node, ast.ImportFrom) and node.module == "csv":
            found += [a.name for a in node.names if a.name in ("writer", "DictWriter")]
    return found


def test_no_export_writes_csv_but_through_the_shared_writer():
    src = Path(art28.__file__).parent
    offenders = [str(p.relative_to(src)) for p in src.rglob("*.py")
                 if p != src / "core" / "csv.py" and _csv_writers(ast.parse(p.read_text()))]
    assert offenders == []


def test_it_streams_the_same_file_as_it_writes_whole():
    from art28.core.csv import csv_bytes, csv_stream

    header, rows = ["a", "=b"], [["=1+1", "x,y"], ['"q"', None], ["\tz", "ok"]]
    chunks = list(csv_stream(header, rows))
    assert len(chunks) == 4 and b"".join(chunks) == csv_bytes(header, rows)
