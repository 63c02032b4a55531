"""Generate ``agreement.docx``, the docxtpl template, with python-docx.

Run once after changing the layout and commit the result:

    .venv/bin/python src/art28/documents/templates/build_docx_template.py

The template holds only Jinja tags over the context of ``docx.py`` (the AgreementDocument
as a dict), so the DOCX says exactly what the PDF says. Lawyers may restyle the generated
file in Word as long as the tags stay intact.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

OUT = Path(__file__).with_name("agreement.docx")


def tag(document: DocxDocument, text: str) -> None:
    """A paragraph holding only a ``{%p ... %}`` tag; docxtpl removes the paragraph."""
    document.add_paragraph(text)


def page_break(document: DocxDocument) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def add_field(paragraph: Paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the page."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", code), ("separate", None), ("text", "1"),
                       ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def kv_table(document: DocxDocument, rows: str) -> Table:
    """A two-column label/value table looping over ``rows`` (a list of Row dicts)."""
    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "{%tr for r in " + rows + " %}"
    table.cell(1, 0).paragraphs[0].add_run("{{ r.cells[0] }}").bold = True
    table.cell(1, 1).text = "{{ r.cells[1] }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Cm(5.5), Cm(10.9)
    return table


def grid_table(document: DocxDocument) -> Table:
    """The four-column sub-processor table with a header row."""
    table = document.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    for i in range(4):
        table.cell(0, i).paragraphs[0].add_run("{{ b.header[" + str(i) + "] }}").bold = True
        table.cell(2, i).text = "{{ r.cells[" + str(i) + "] }}"
    table.cell(1, 0).text = "{%tr for r in b.rows %}"
    table.cell(3, 0).text = "{%tr endfor %}"
    return table


def preamble(document: DocxDocument) -> None:
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("{{ subtitle }}")
    document.add_paragraph("{{ parties_intro }}")
    tag(document, "{%p for line in parties %}")
    document.add_paragraph("{{ loop.index }}. {{ line }}")
    tag(document, "{%p endfor %}")
    document.add_paragraph("{{ whereas }}")
    tag(document, "{%p for line in recitals %}")
    document.add_paragraph("{{ 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[loop.index0] }}. {{ line }}")
    tag(document, "{%p endfor %}")
    document.add_paragraph("{{ agree }}")


def articles(document: DocxDocument) -> None:
    tag(document, "{%p for a in articles %}")
    document.add_paragraph("{{ a.label }} – {{ a.heading }}", style="Heading 2")
    tag(document, "{%p for p in a.paragraphs %}")
    document.add_paragraph("{{ p.number }} {{ p.text }}")
    tag(document, "{%p for item in p['items'] %}")
    item = document.add_paragraph("{{ item }}")
    item.paragraph_format.left_indent = Cm(1)
    tag(document, "{%p endfor %}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endfor %}")


def signatures(document: DocxDocument) -> None:
    document.add_paragraph("{{ signatures_heading }}", style="Heading 1")
    document.add_paragraph("{{ signatures_intro }}")
    tag(document, "{%p for s in signatures %}")
    document.add_paragraph().add_run("{{ s.heading }}").bold = True
    kv_table(document, "s.rows")
    tag(document, "{%p endfor %}")


def annexes(document: DocxDocument) -> None:
    page_break(document)
    document.add_paragraph("{{ annexes_heading }}", style="Title")
    tag(document, "{%p for annex in annexes %}")
    tag(document, "{%p if not loop.first %}")
    page_break(document)
    tag(document, "{%p endif %}")
    document.add_paragraph("{{ annex.title }}", style="Heading 1")
    tag(document, "{%p for b in annex.blocks %}")
    tag(document, "{%p if b.kind == 'heading' %}")
    document.add_paragraph("{{ b.text }}", style="Heading 3")
    tag(document, "{%p elif b.kind == 'text' %}")
    document.add_paragraph("{{ b.text }}")
    tag(document, "{%p elif b.kind == 'list' %}")
    tag(document, "{%p for it in b['items'] %}")
    document.add_paragraph("{{ it }}", style="List Bullet")
    tag(document, "{%p endfor %}")
    tag(document, "{%p elif b.kind == 'kv' %}")
    kv_table(document, "b.rows")
    tag(document, "{%p elif b.kind == 'grid' %}")
    grid_table(document)
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endfor %}")


def evidence(document: DocxDocument) -> None:
    tag(document, "{%p if evidence %}")
    page_break(document)
    document.add_paragraph("{{ evidence_heading }}", style="Heading 1")
    document.add_paragraph("{{ evidence_intro }}")
    tag(document, "{%p for e in evidence %}")
    document.add_paragraph().add_run("{{ e.heading }}").bold = True
    kv_table(document, "e.rows")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")


def footer(document: DocxDocument) -> None:
    para = document.sections[0].footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run("{{ page_before }}")
    add_field(para, "PAGE")
    para.add_run("{{ page_middle }}")
    add_field(para, "NUMPAGES")
    para.add_run("{{ page_after }}")


def build(path: Path = OUT) -> Path:
    """Write the template and return its path."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2.3)
    document.styles["Normal"].font.size = Pt(10.5)
    for part in (preamble, articles, signatures, annexes, evidence, footer):
        part(document)
    document.core_properties.title = "art28 agreement template"
    document.save(str(path))
    return path


if __name__ == "__main__":
    print(build())
