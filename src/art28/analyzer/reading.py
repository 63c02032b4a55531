"""Read DOCX, PDF, TXT, Markdown and HTML into plain text, refusing hostile input.

Every refusal is an :class:`AnalyzerError` with its own :class:`ExitCode`. Sizes are
checked before anything is parsed: the file size with ``os.stat``, a DOCX's zip
directory before python-docx opens it, its XML parts for DTDs before lxml sees them.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from art28.analyzer import limits
from art28.analyzer.errors import AnalyzerError, ExitCode
from art28.analyzer.formats import docx_text, html_text, markdown_text, pdf_text

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".mdx", ".html", ".htm", ".xhtml"}


@dataclass(frozen=True)
class RawDocument:
    """The plain text of one document and where it came from."""

    filename: str | None
    format: str  # docx, pdf, txt, md, html
    size: int
    sha256: str
    text: str
    wrapped: bool  # hard line breaks inside sentences (PDF)
    pages: int | None = None


def load_bytes(source: str | os.PathLike[str] | bytes, filename: str | None) -> tuple[bytes, str | None]:
    """The bytes of ``source`` (a path or bytes), refusing files over the size limit unread."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        _check_size(len(data))
        return data, filename
    path = Path(source)
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise AnalyzerError(ExitCode.NOT_FOUND, f"cannot open {path}: {exc.strerror}") from exc
    if path.is_dir():
        raise AnalyzerError(ExitCode.NOT_FOUND, f"{path} is a directory, not a document")
    _check_size(size)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limits.MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise AnalyzerError(ExitCode.NOT_FOUND, f"cannot read {path}: {exc.strerror}") from exc
    _check_size(len(data))
    return data, filename or path.name


def _check_size(size: int) -> None:
    if size > limits.MAX_FILE_BYTES:
        mb = limits.MAX_FILE_BYTES // (1024 * 1024)
        raise AnalyzerError(
            ExitCode.TOO_LARGE,
            f"the file is {size / 1024 / 1024:.0f} MB; the analyzer reads files up to {mb} MB",
        )
    if size == 0:
        raise AnalyzerError(ExitCode.EMPTY, "the file is empty")


def sniff_format(data: bytes, filename: str | None) -> str:
    """The format of ``data``: magic bytes first, then the file name's suffix."""
    suffix = Path(filename).suffix.lower() if filename else ""
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "docx"
    if suffix in (".pdf", ".docx", ".doc", ".odt", ".rtf", ".xlsx", ".pptx"):
        raise AnalyzerError(
            ExitCode.UNREADABLE,
            f"the file is named {suffix} but its contents are not a readable {suffix[1:].upper()}",
        )
    if suffix in (".html", ".htm", ".xhtml") or re.match(rb"(?i)<(!doctype html|html)", head):
        return "html"
    if suffix in (".md", ".markdown", ".mdx"):
        return "md"
    return "txt"


def decode_text(data: bytes) -> str:
    """Decode a text file (UTF-8, UTF-16 with BOM, else Windows-1252); refuse binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _printable_or_fail(data.decode("utf-16"))
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return _printable_or_fail(text)


def _printable_or_fail(text: str) -> str:
    sample = text[:200_000]
    if not sample:
        return text
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    if "\x00" in sample or bad / len(sample) > 0.02:
        raise AnalyzerError(
            ExitCode.UNREADABLE,
            "the file is not a document the analyzer can read (binary data, not DOCX, PDF, "
            "text, Markdown or HTML)",
        )
    return text


def read_document(source: str | os.PathLike[str] | bytes, *, filename: str | None = None) -> RawDocument:
    """Read ``source`` into a :class:`RawDocument`, or raise :class:`AnalyzerError`."""
    data, name = load_bytes(source, filename)
    fmt = sniff_format(data, name)
    pages = None
    if fmt == "docx":
        text = docx_text(io.BytesIO(data))
    elif fmt == "pdf":
        text, pages = pdf_text(data)
    else:
        raw = decode_text(data)
        text = html_text(raw) if fmt == "html" else markdown_text(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise AnalyzerError(ExitCode.EMPTY, "the document contains no text")
    if len(text) > limits.MAX_TEXT_CHARS:
        raise AnalyzerError(
            ExitCode.TOO_LARGE,
            f"the document has {len(text):,} characters of text; the limit is {limits.MAX_TEXT_CHARS:,}",
        )
    digest = hashlib.sha256(data).hexdigest()
    return RawDocument(name, fmt, len(data), digest, text, fmt == "pdf", pages)
