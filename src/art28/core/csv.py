"""The one CSV writer of every export, and the cell rule it shares with the XLSX export.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab, a
carriage return or a line feed before one) as a formula: ``=HYPERLINK(...)`` typed into a
sub-processor's name would run on the controller's machine. Every cell that could start a
formula gets a leading apostrophe, which spreadsheets show as text.

No Django and no app imports: ``core`` sits below every app.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

# The full-width forms are read as formulas by some spreadsheet locales too.
FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
CONTROL_START = frozenset("\t\r\n")


def safe_cell(value: object) -> str:
    """``value`` as cell text that no spreadsheet evaluates as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in CONTROL_START or text.lstrip()[:1] in FORMULA_START:
        return "'" + text
    return text


def csv_bytes(header: Iterable[object], rows: Iterable[Iterable[object]]) -> bytes:
    """A CSV file (UTF-8 with BOM, so Excel reads the accents) with every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


class _Line:
    """A file-like sink that hands back what the csv writer wrote for one row."""

    def write(self, text: str) -> str:
        return text


def csv_stream(header: Iterable[object], rows: Iterable[Iterable[object]]) -> Iterator[bytes]:
    """The same file as ``csv_bytes``, yielded row by row for a streaming response, so an
    export of any size never sits whole in memory."""
    writer = csv.writer(_Line())
    yield "\ufeff".encode() + writer.writerow([safe_cell(h) for h in header]).encode("utf-8")
    for row in rows:
        yield writer.writerow([safe_cell(v) for v in row]).encode("utf-8")
