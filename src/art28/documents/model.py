"""The language-resolved agreement: plain data that every renderer reads.

PDF, DOCX and HTML are all drawn from one ``AgreementDocument`` so that they cannot
say different things.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class DocumentError(ValueError):
    """The document cannot be built: unknown version or language, or terms lacking data.

    ``missing`` names what the terms lack (``language``, ``processor``, ``controller``), so a
    page can say it in the reader's language."""

    def __init__(self, message: str, *, missing: str | None = None) -> None:
        super().__init__(message)
        self.missing = missing


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Paragraph(_Model):
    number: str
    text: str
    items: list[str] = Field(default_factory=list)


class Article(_Model):
    key: str
    number: int
    label: str
    heading: str
    paragraphs: list[Paragraph]


class Row(_Model):
    cells: list[str]


class Block(_Model):
    """One part of an annex: a sub-heading, a text, a bullet list or a table."""

    kind: Literal["heading", "text", "list", "kv", "grid"]
    text: str = ""
    items: list[str] = Field(default_factory=list)
    header: list[str] = Field(default_factory=list)
    rows: list[Row] = Field(default_factory=list)


class Annex(_Model):
    key: str
    number: str
    title: str
    blocks: list[Block]


class Signature(_Model):
    heading: str
    party: str
    rows: list[Row]


class EvidenceEntry(_Model):
    """Who accepted which exact document, when and from where (already display-formatted)."""

    role: Literal["controller", "processor"]
    name: str
    function: str | None = None
    email: str | None = None
    accepted_at: str
    ip: str | None = None
    user_agent: str | None = None
    document_sha256: str
    note: str | None = None  # e.g. that characters were removed from what was typed


class EvidenceBlock(_Model):
    heading: str
    rows: list[Row]


class AgreementDocument(_Model):
    language: Literal["nl", "en"]
    version: str
    reference: str
    title: str
    subtitle: str
    parties_intro: str
    parties: list[str]
    whereas: str
    recitals: list[str]
    agree: str
    articles: list[Article]
    signatures_heading: str
    signatures_intro: str
    signatures: list[Signature]
    annexes_heading: str
    annexes: list[Annex]
    page_label: str
    evidence_heading: str
    evidence_intro: str
    evidence: list[EvidenceBlock] = Field(default_factory=list)
