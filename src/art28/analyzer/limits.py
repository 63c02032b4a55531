"""Limits that keep hostile input within bounded memory and time."""

from __future__ import annotations

MAX_FILE_BYTES = 50 * 1024 * 1024  # checked with os.stat before reading
MAX_TEXT_CHARS = 3_000_000  # about 1,000 pages of text
MAX_ZIP_MEMBERS = 2_000
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024  # total, as declared by the zip directory
MAX_ZIP_RATIO = 200  # uncompressed / compressed, for members over MIN_RATIO_CHECK
MIN_RATIO_CHECK = 1024 * 1024
MAX_XML_PART = 100 * 1024 * 1024
MAX_PDF_PAGES = 2_000
MIN_PDF_CHARS_PER_PAGE = 20  # below this on average, the PDF has no real text layer
