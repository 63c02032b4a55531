"""Plain text out of rendered PDF and DOCX files (tests, the analyzer, previews)."""

from __future__ import annotations

from io import BytesIO

import docx
import pypdfium2
from docx.table import Table


def pdf_text(data: bytes) -> str:
    """All text of a PDF, page after page, with pdfium's line breaks."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        # pdfium ends lines with \r\n, and marks a hyphen at a line end as U+FFFE. Our
        # template never hyphenates, so such a hyphen is a real one ("sub-processor").
        text = "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n")
        return text.replace("\ufffe", "-")
    finally:
        pdf.close()


def docx_text(data: bytes) -> str:
    """All body text of a DOCX in document order: paragraphs and table cells, one per line."""
    document = docx.Document(BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        for cell in row.cells:
            for inner in cell.iter_inner_content():
                if isinstance(inner, Table):
                    lines.extend(_table_lines(inner))
                else:
                    lines.append(inner.text)
    return lines
