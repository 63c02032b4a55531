"""Text out of each supported format. Called by :mod:`art28.analyzer.reading` only."""

from __future__ import annotations

import html
import re
import zipfile
from html.parser import HTMLParser
from typing import IO, TYPE_CHECKING, Any

from art28.analyzer import limits
from art28.analyzer.errors import AnalyzerError, ExitCode

if TYPE_CHECKING:  # python-docx is imported only when a DOCX is read
    from docx.document import Document as DocxDocument
    from docx.table import _Cell

_DTD_RE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_zip(stream: IO[bytes]) -> zipfile.ZipFile:
    """Open a zip and refuse it when its directory declares a bomb, before any inflating."""
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise AnalyzerError(ExitCode.UNREADABLE, f"the file is not a readable DOCX: {exc}") from exc
    infos = archive.infolist()
    if len(infos) > limits.MAX_ZIP_MEMBERS:
        raise AnalyzerError(
            ExitCode.ARCHIVE_LIMITS,
            f"the DOCX holds {len(infos)} files (limit {limits.MAX_ZIP_MEMBERS}): refused as a zip bomb",
        )
    total = sum(i.file_size for i in infos)
    if total > limits.MAX_ZIP_UNCOMPRESSED:
        raise AnalyzerError(
            ExitCode.ARCHIVE_LIMITS,
            f"the DOCX would unpack to {total / 2**20:.0f} MB: refused as a zip bomb",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.MIN_RATIO_CHECK and ratio > limits.MAX_ZIP_RATIO:
            raise AnalyzerError(
                ExitCode.ARCHIVE_LIMITS,
                f"{info.filename} in the DOCX is compressed {ratio:.0f}:1: refused as a zip bomb",
            )
    return archive


def check_xml_parts(archive: zipfile.ZipFile) -> None:
    """Refuse any DTD or entity declaration in the XML parts (billion laughs, XXE)."""
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue
        try:
            with archive.open(info) as part:
                data = part.read(limits.MAX_XML_PART)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise AnalyzerError(ExitCode.UNREADABLE, f"the DOCX is damaged: {exc}") from exc
        if _DTD_RE.search(data):
            raise AnalyzerError(
                ExitCode.XML_ENTITIES,
                f"{info.filename} in the DOCX declares a DTD or XML entities: refused "
                "(entity expansion attack)",
            )


def docx_text(stream: IO[bytes]) -> str:
    """Paragraphs and tables of a DOCX body in document order; table cells joined by ' | '."""
    archive = check_zip(stream)
    if "word/document.xml" not in archive.namelist():
        raise AnalyzerError(ExitCode.UNREADABLE, "the zip file is not a DOCX (no word/document.xml)")
    check_xml_parts(archive)
    import docx

    stream.seek(0)
    try:
        document = docx.Document(stream)
    except Exception as exc:  # python-docx raises many kinds on broken files
        raise AnalyzerError(ExitCode.UNREADABLE, f"the DOCX cannot be read: {exc}") from exc
    lines: list[str] = []
    _block_lines(document, lines)
    return "\n".join(lines)


def _block_lines(container: DocxDocument | _Cell, lines: list[str]) -> None:
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [_cell_text(cell) for cell in row.cells]
                unique = [c for i, c in enumerate(cells) if c and c not in cells[:i]]
                if unique:
                    lines.append(" | ".join(unique))
        else:
            lines.append(block.text)


def _cell_text(cell: _Cell) -> str:
    parts: list[str] = []
    _block_lines(cell, parts)
    return " ".join(p.strip() for p in parts if p.strip())


def pdf_text(data: bytes) -> tuple[str, int]:
    """The text layer of a PDF (pypdfium2, pypdf as fallback) and its page count."""
    try:
        pages = _pdfium_pages(data)
    except AnalyzerError:
        raise
    except Exception:
        pages = _pypdf_pages(data)
    text = "\n\f\n".join(pages)
    visible = len(re.sub(r"\s", "", text))
    if visible < max(40, limits.MIN_PDF_CHARS_PER_PAGE * len(pages) // 4):
        raise AnalyzerError(
            ExitCode.NO_TEXT,
            f"the PDF has {len(pages)} page(s) but no text layer (a scan or images only); "
            "run it through OCR first, e.g. `ocrmypdf in.pdf out.pdf`",
        )
    return text, len(pages)


def _pdfium_pages(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise _encrypted() from exc
        raise
    try:
        _check_pages(len(pdf))
        out = []
        for page in pdf:
            textpage = page.get_textpage()
            out.append(_with_columns(textpage))
            textpage.close()
            page.close()
        return out
    finally:
        pdf.close()


_MARKER = re.compile(r"^(?:\(?[0-9A-Za-z]{1,3}(?:\.[0-9]{1,2}){0,3}[.)]?|[-•▪●*])$")
COLUMN_GAP_PT = 7.0  # a gap between two words this wide (and well above the page's usual one) is a cell edge


def _with_columns(textpage: Any) -> str:  # a pypdfium2 PdfTextPage (pypdfium2 has no types)
    """The page's text, with " | " where a wide horizontal gap separates two table cells.

    pdfium writes the cells of a table row with a single space between them, so a row
    "Name  Address  Country" would read as one phrase. Measuring the gap before each word
    tells a cell edge (far wider than the page's ordinary word spacing) from a space;
    the gap after a clause number or bullet ("1.1   The Processor") is an indent, not a cell.
    """
    text = textpage.get_text_range()
    if textpage.count_chars() != len(text):
        return text
    starts = [i for i in range(1, len(text)) if text[i - 1] == " " and text[i] not in " \r\n"]
    gaps: list[tuple[int, float]] = []
    for i in starts:
        j = i - 1
        while j >= 0 and text[j] == " ":
            j -= 1
        if j < 0 or text[j] in "\r\n":
            continue
        gaps.append((i, textpage.get_charbox(i)[0] - textpage.get_charbox(j)[2]))
    if not gaps:
        return text
    usual = sorted(g for _, g in gaps)[len(gaps) // 2]
    cuts = {i for i, g in gaps if g >= max(COLUMN_GAP_PT, 2.5 * usual)}
    out: list[str] = []
    line_start = 0
    for i, ch in enumerate(text):
        if ch in "\r\n":
            line_start = len(out) + 1
        if i in cuts and not _MARKER.match("".join(out[line_start:]).strip()):
            while out and out[-1] == " ":
                out.pop()
            out.append(" | ")
        out.append(ch)
    return "".join(out)


def _pypdf_pages(data: bytes) -> list[str]:
    import io

    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _encrypted()
        _check_pages(len(reader.pages))
        return [page.extract_text() or "" for page in reader.pages]
    except AnalyzerError:
        raise
    except Exception as exc:
        raise AnalyzerError(ExitCode.UNREADABLE, f"the PDF cannot be read: {exc}") from exc


def _check_pages(count: int) -> None:
    if count > limits.MAX_PDF_PAGES:
        raise AnalyzerError(ExitCode.TOO_LARGE, f"the PDF has {count} pages (limit {limits.MAX_PDF_PAGES})")


def _encrypted() -> AnalyzerError:
    return AnalyzerError(
        ExitCode.ENCRYPTED,
        "the PDF is encrypted with a password; save an unprotected copy and try again",
    )


_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "hr",
    "dt",
    "dd",
    "header",
    "footer",
}
_CELL_TAGS = {"td", "th"}


class _TextParser(HTMLParser):
    """Collects text; never resolves anything but the standard HTML character references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "template"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "template"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(raw: str) -> str:
    """Visible text of an HTML page, block elements on their own lines."""
    parser = _TextParser()
    try:
        parser.feed(raw)
        parser.close()
    except Exception as exc:  # html.parser is lenient; this is a safety net
        raise AnalyzerError(ExitCode.UNREADABLE, f"the HTML cannot be read: {exc}") from exc
    text = "".join(parser.parts)
    return re.sub(r"[ \t]+\n", "\n", re.sub(r"\n{3,}", "\n\n", text))


_TAG_RE = re.compile(r"(?<!<)</?[A-Za-z][^<>\n]{0,500}?/?>(?!>)")
_LINK_RE = re.compile(r"!?\[([^\]\n]{0,300})\]\([^)\n]{0,500}\)")


def markdown_text(raw: str) -> str:
    """Markdown (or plain text with stray HTML) as plain text: tags, emphasis and links removed."""
    text = _TAG_RE.sub(_tag_break, raw)
    text = _LINK_RE.sub(r"\1", text)
    text = re.sub(r"(?<![_*])(\*\*|__)(?=[^\s_*])|(?<=[^\s_*])(\*\*|__)(?![_*])", "", text)
    text = re.sub(r"^[ \t]{0,3}#{1,6}[ \t]+", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*import .{0,300} from .{0,300}$", "", text, flags=re.MULTILINE)
    return html.unescape(text)


def _tag_break(match: re.Match[str]) -> str:
    name = re.match(r"</?([A-Za-z0-9]+)", match.group(0))
    tag = name.group(1).lower() if name else ""
    return "\n" if tag in _BLOCK_TAGS else " | " if tag in _CELL_TAGS else ""
