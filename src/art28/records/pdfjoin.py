"""Typst PDFs joined into one PDF as they come, written out part by part (the record's PDF).

The record's PDF at 10,000 agreements is thousands of pages: one typst document of them all is
held whole in memory while it is laid out (2 GB). ``services.pdf_chunks`` renders the entries a
few hundred at a time instead, and ``PdfJoin`` writes each part's objects into one file as soon
as the part is rendered, renumbered after the parts before; what stays in memory until the end
is one offset per object and one number per page (a few hundred kB at 10,000 agreements).

The parts are typst's own output (uncompressed object syntax, one cross-reference table), so
an object is copied as bytes with only its references (``12 0 R``) renumbered, outside strings
and stream data (a PDF parser in Python took 20 times typst's own time). A string is stepped
over as a whole, hex strings cannot hold an ``R``. The parts'
accessibility tags are kept: their ``Document`` elements become one, under one structure tree
whose parent tree numbers each page's marked content on from the part before. The title,
language and XMP metadata are the first part's (with the joined page count).
"""

from __future__ import annotations

import re
from array import array

CATALOG, PAGES, STRUCT, DOCUMENT, INFO, METADATA = 1, 2, 3, 4, 5, 6
HEADER = b"%PDF-1.7\n%\x80\x80\x80\x80\n"
# A literal string (two levels of unescaped parentheses), a hex string, a reference, or the
# start of stream data: references are renumbered, the rest left as it is.
_STRING = rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\))*\)"
_TOKENS = re.compile(rb"(?P<s>" + _STRING + rb")|<(?!<)[0-9A-Fa-f\s]*>|(?P<ref>\d+) 0 R\b"
                     rb"|(?P<stream>\bstream\r?\n)", re.S)
_REF = re.compile(rb"(\d+) 0 R\b")
_STREAM = re.compile(rb"(?<![/\w])stream\r?\n")


def _refs(nums: list[int]) -> bytes:
    return b"[" + b" ".join(b"%d 0 R" % n for n in nums) + b"]"


def _key(body: bytes, key: bytes) -> int | None:
    """The object number a dictionary's ``key`` refers to (its first level only matters here)."""
    found = re.search(re.escape(key) + rb"\s*(\d+) 0 R", body)
    return int(found.group(1)) if found else None


class PdfError(ValueError):
    """A part is not in the form typst writes."""


class Part:
    """One typst PDF: its objects' bodies by number (sliced from the file as asked for)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-64:])
        if not found:
            raise PdfError("no startxref")
        start = int(found.group(1))
        table, _sep, trailer = data[start:].partition(b"trailer")
        lines = table.split(b"\n")
        if lines[0].strip() != b"xref":
            raise PdfError("not a cross-reference table")
        self.offsets: dict[int, int] = {}
        i = 1
        while i < len(lines) and lines[i].strip():
            first, count = (int(x) for x in lines[i].split())
            for n in range(count):
                entry = lines[i + 1 + n].split()
                if entry[2] == b"n":
                    self.offsets[first + n] = int(entry[0])
            i += 1 + count
        self.trailer = trailer
        ends = sorted(self.offsets.values()) + [start]
        self.ends = dict(zip(ends, ends[1:], strict=False))

    def body(self, num: int) -> bytes:
        """Object ``num`` between ``N 0 obj`` and ``endobj``."""
        offset = self.offsets[num]
        raw = self.data[offset:self.ends[offset]].lstrip()
        head = b"%d 0 obj" % num
        end = raw.rfind(b"endobj")
        if not raw.startswith(head) or end < 0:
            raise PdfError(f"object {num} not where the table says")
        return raw[len(head):end].strip(b"\r\n")


class PdfJoin:
    """``add`` each part's PDF in turn, ``take`` what is ready to send after each, ``finish``
    once for the rest (the page tree, the structure tree, the cross-reference table)."""

    def __init__(self) -> None:
        self.offsets = array("q", [0] * (METADATA + 1))  # by object number; 0 is the free head
        self.position = 0
        self.ready: list[bytes] = []
        self.kids: list[int] = []  # the pages, in order
        self.document_kids: list[bytes] = []  # the parts' Document elements' children
        self.parent_tree: list[bytes] = []  # "key value" pairs of the structure's parent tree
        self.next_key = 0
        self.info = b"<<>>"
        self.catalog = b""
        self.rolemap = b""
        self.metadata: bytes | None = None
        self.id = b""
        self.parts = 0
        self._emit(HEADER)

    def _emit(self, data: bytes) -> None:
        self.ready.append(data)
        self.position += len(data)

    def _write(self, num: int, body: bytes) -> None:
        self.offsets[num] = self.position
        self._emit(b"%d 0 obj\n" % num + body + b"\nendobj\n")

    def take(self) -> bytes:
        """The bytes written since the last ``take``."""
        data, self.ready = b"".join(self.ready), []
        return data

    def add(self, data: bytes) -> None:
        """Append the pages (and their tags) of one typst PDF."""
        part = Part(data)
        root = _key(part.trailer, b"/Root")
        if root is None:
            raise PdfError("no catalog")
        catalog = part.body(root)
        numbers: dict[int, int] = {root: CATALOG}  # the part's object numbers -> ours
        info, metadata = _key(part.trailer, b"/Info"), _key(catalog, b"/Metadata")
        if self.parts == 0:
            self._keep_first(part, catalog, info, metadata)
        self.parts += 1
        for num, ours in ((info, INFO), (metadata, METADATA)):
            if num is not None:
                numbers[num] = ours
        pages = _pages(part, catalog, numbers)
        tags = _Tags(part, catalog, numbers)
        self.rolemap = self.rolemap or tags.rolemap
        skipped = set(numbers)
        for num in sorted(part.offsets):
            if num not in numbers:
                self.offsets.append(0)
                numbers[num] = len(self.offsets) - 1

        offset = self.next_key
        for num in pages:
            body = _renumber(part.body(num), numbers)
            if offset:
                body = re.sub(rb"/StructParents\s+(\d+)",
                              lambda m: b"/StructParents %d" % (int(m.group(1)) + offset), body, count=1)
            self.kids.append(numbers[num])
            self._write(numbers[num], body)
        self.document_kids.extend(b"%d 0 R" % numbers[k] for k in tags.kids)
        self.parent_tree.extend(b"%d %d 0 R" % (k + offset, numbers[v]) for k, v in tags.pairs)
        self.next_key += tags.step
        skipped.update(pages)
        for num in sorted(part.offsets):
            if num not in skipped:
                self._write(numbers[num], _renumber(part.body(num), numbers))

    def _keep_first(self, part: Part, catalog: bytes, info: int | None, metadata: int | None) -> None:
        """The first part's title (its document information), language, XMP and file id."""
        self.info = part.body(info) if info is not None else b"<<>>"
        self.catalog = b"".join(m.group(0) for m in re.finditer(
            rb"/Lang" + _STRING + rb"|/MarkInfo<<[^<>]*>>|/ViewerPreferences<<[^<>]*>>", catalog))
        found = (re.search(rb"\bstream\r?\n(.*)\r?\nendstream", part.body(metadata), re.S)
                 if metadata else None)
        self.metadata = found.group(1) if found else None
        ids = re.search(rb"/ID\s*(\[[^\]]*\])", part.trailer)
        self.id = b"/ID" + ids.group(1) if ids else b""

    def finish(self) -> bytes:
        """The page tree, structure tree, metadata, catalog and cross-reference table; with
        ``take``'s bytes, the rest of the file."""
        self._write(PAGES, b"<</Type/Pages/Count %d/Kids%s>>" % (len(self.kids), _refs(self.kids)))
        self._write(DOCUMENT, b"<</Type/StructElem/S/Document/P %d 0 R/K[%s]>>"
                    % (STRUCT, b" ".join(self.document_kids)))
        self._write(STRUCT, b"<</Type/StructTreeRoot%s/K[%d 0 R]/ParentTree<</Nums[%s]>>"
                    b"/ParentTreeNextKey %d>>"
                    % (self.rolemap, DOCUMENT, b" ".join(self.parent_tree), self.next_key))
        self._write(INFO, self.info)
        catalog = self.catalog
        if self.metadata is not None:
            xmp = re.sub(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>",
                         b"<xmpTPg:NPages>%d</xmpTPg:NPages>" % len(self.kids), self.metadata)
            self._write(METADATA, b"<</Length %d/Type/Metadata/Subtype/XML>>\nstream\n%s\nendstream"
                        % (len(xmp), xmp))
            catalog += b"/Metadata %d 0 R" % METADATA
        else:
            self._write(METADATA, b"null")
        self._write(CATALOG, b"<</Type/Catalog/Pages %d 0 R/StructTreeRoot %d 0 R%s>>"
                    % (PAGES, STRUCT, catalog))
        start = self.position
        table = [b"xref\n0 %d\n0000000000 65535 f\r\n" % len(self.offsets)]
        table.extend(b"%010d 00000 n\r\n" % offset for offset in self.offsets[1:])
        table.append(b"trailer\n<</Size %d/Root %d 0 R/Info %d 0 R%s>>\nstartxref\n%d\n%%%%EOF"
                     % (len(self.offsets), CATALOG, INFO, self.id, start))
        self._emit(b"".join(table))
        return self.take()


def _renumber(body: bytes, numbers: dict[int, int]) -> bytes:
    """``body`` with each reference outside strings and stream data renumbered by ``numbers``."""
    stream = _STREAM.search(body)
    head = body[:stream.start()] if stream else body
    if b"(" not in head:  # no string to step over (the most objects by far: one pass)
        return _REF.sub(lambda ref: b"%d 0 R" % numbers[int(ref.group(1))], head) + (
            body[stream.start():] if stream else b"")
    out: list[bytes] = []
    position = 0
    for token in _TOKENS.finditer(body):
        if token.group("stream"):
            break
        if token.group("ref"):
            out.append(body[position:token.start()])
            out.append(b"%d 0 R" % numbers[int(token.group("ref"))])
            position = token.end()
    out.append(body[position:])
    return b"".join(out)


def _pages(part: Part, catalog: bytes, numbers: dict[int, int]) -> list[int]:
    """The part's pages in order; its page tree's nodes become ours in ``numbers``."""
    tree = _key(catalog, b"/Pages")
    if tree is None:
        raise PdfError("no pages")
    pages: list[int] = []
    stack = [tree]  # depth first, the kids in order
    while stack:
        num = stack.pop()
        body = part.body(num)
        if re.search(rb"/Type\s*/Pages\b", body):
            if re.search(rb"/(Resources|MediaBox|CropBox|Rotate)\b", body):
                raise PdfError("inherited page attributes")
            numbers[num] = PAGES
            kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
            stack.extend(int(kid) for kid in reversed(_REF.findall(kids.group(1) if kids else b"")))
        else:
            pages.append(num)
    return pages


class _Tags:
    """The part's structure tree: its root and ``Document`` elements become ours in ``numbers``;
    ``kids`` go under our ``Document``, ``pairs`` into our parent tree (keys moved on by the
    parts before), ``step`` is how far the next part's keys move on."""

    def __init__(self, part: Part, catalog: bytes, numbers: dict[int, int]) -> None:
        self.kids: list[int] = []
        self.pairs: list[tuple[int, int]] = []
        self.step = 0
        self.rolemap = b""
        struct = _key(catalog, b"/StructTreeRoot")
        if struct is None:
            return
        body = part.body(struct)
        numbers[struct] = STRUCT
        rolemap = re.search(rb"/RoleMap\s*(<<[^<>]*>>)", body)
        self.rolemap = b"/RoleMap" + rolemap.group(1) if rolemap else b""
        for kid in _kids(body):
            element = part.body(kid)
            if re.search(rb"/S\s*/Document\b", element):
                numbers[kid] = DOCUMENT
                self.kids.extend(_kids(element))
            else:
                self.kids.append(kid)
        nums = re.search(rb"/ParentTree\s*<<\s*/Nums\s*\[([^\]]*)\]\s*>>", body)
        if nums is None and b"/ParentTree" in body:
            raise PdfError("a parent tree of more than one node")
        self.pairs = [(int(k), int(v))
                      for k, v in re.findall(rb"(\d+)\s+(\d+) 0 R", nums.group(1) if nums else b"")]
        next_key = re.search(rb"/ParentTreeNextKey\s+(\d+)", body)
        self.step = max(int(next_key.group(1)) if next_key else 0,
                        max((k for k, _v in self.pairs), default=-1) + 1)


def _kids(body: bytes) -> list[int]:
    """The objects a structure element's (or the tree root's) ``/K`` refers to."""
    found = re.search(rb"/K\s*(\[[^\]]*\]|\d+ 0 R)", body)
    return [int(k) for k in _REF.findall(found.group(1) if found else b"")]
