"""DOCX rendering with docxtpl from the generated template ``templates/agreement.docx``."""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from art28.documents.model import AgreementDocument

TEMPLATE = Path(__file__).parent / "templates" / "agreement.docx"


@cache
def _template_bytes() -> bytes:
    return TEMPLATE.read_bytes()


def docx_context(doc: AgreementDocument) -> dict[str, Any]:
    """The template context: the document itself plus the footer split around its fields."""
    before, _, rest = doc.page_label.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    return {**doc.model_dump(), "page_before": before, "page_middle": middle,
            "page_after": after}


def compile_docx(doc: AgreementDocument) -> bytes:
    """The DOCX bytes of a built document."""
    # docxtpl rewrites the template in place, so every render starts from fresh bytes.
    template = DocxTemplate(BytesIO(_template_bytes()))
    # autoescape: user text with < or & must end up as text, not as broken XML.
    template.render(docx_context(doc), autoescape=True)
    out = BytesIO()
    template.save(out)
    return out.getvalue()
