"""Why the analyzer could not read a document, and the CLI exit status for each reason."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses of ``art28 check``; one per reason, so scripts can tell them apart."""

    OK = 0
    USAGE = 2  # bad arguments or a bad playbook file
    UNREADABLE = 3  # unsupported format, random bytes, broken file
    TOO_LARGE = 4  # file or extracted text over the size limit
    ENCRYPTED = 5  # password-protected PDF
    NO_TEXT = 6  # PDF without a text layer (scanned): needs OCR
    ARCHIVE_LIMITS = 7  # DOCX zip bomb: too many members, too big or too compressed
    EMPTY = 8  # empty file, or a document without any text
    XML_ENTITIES = 9  # DTD or entity declarations in the DOCX XML (entity bomb)
    NOT_FOUND = 10  # the file does not exist or cannot be opened


class AnalyzerError(Exception):
    """A document the analyzer refuses to read; ``message`` is meant for the user."""

    def __init__(self, code: ExitCode, message: str) -> None:
        super().__init__(message)
        self.code = ExitCode(code)
        self.message = message

    def __str__(self) -> str:
        return self.message
