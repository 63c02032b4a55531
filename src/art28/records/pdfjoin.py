"""Typst PDFs joined into one PDF as they come, written out part by part (the record's PDF).

The record's PDF at 10,000 agreements is thousands of pages: one typst document of them all is
held whole in memory while it is laid out. ``services.pdf_chunks`` renders the entries a few
hundred at a time instead, and ``PdfJoin`` writes each part's pages into one file as soon as the
part is rendered: the objects of a part (its pages, fonts, content, tags) get new numbers and are
written out at once; what stays in memory until the end is one offset per object and one
number per page (a few hundred kB at 10,000 agreements). The parts' accessibility tags are kept:
their ``Document`` elements become one, under one structure tree whose parent tree numbers
each page's marked content on from the part before. The document's title, language and XMP
metadata are the first part's (with the joined page count).
"""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, NumberObject

CATALOG, PAGES, STRUCT, DOCUMENT, INFO, METADATA = 1, 2, 3, 4, 5, 6
HEADER = b"%PDF-1.7\n%\x80\x80\x80\x80\n"


def _ref(num: int) -> IndirectObject:
    return IndirectObject(num, 0, None)


def _bytes(obj: Any) -> bytes:
    out = io.BytesIO()
    obj.write_to_stream(out)
    return out.getvalue()


def _refs(nums: list[int]) -> bytes:
    return b"[" + b" ".join(b"%d 0 R" % n for n in nums) + b"]"


class PdfJoin:
    """``add`` each part's PDF in turn, ``take`` what is ready to send after each, ``finish``
    once for the rest (the page tree, the structure tree, the cross-reference table)."""

    def __init__(self) -> None:
        self.offsets = [0] * (METADATA + 1)  # by object number; 0 is the free head
        self.position = 0
        self.ready: list[bytes] = []
        self.kids: list[int] = []  # the pages, in order
        self.document_kids: list[bytes] = []  # the parts' Document elements' children
        self.parent_tree: list[bytes] = []  # "key value" pairs of the structure's parent tree
        self.next_key = 0
        self.first: dict[str, Any] | None = None
        self._emit(HEADER)

    def _emit(self, data: bytes) -> None:
        self.ready.append(data)
        self.position += len(data)

    def _write(self, num: int, body: bytes) -> None:
        self.offsets[num] = self.position
        self._emit(b"%d 0 obj\n" % num + body + b"\nendobj\n")

    def _new(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def take(self) -> bytes:
        """The bytes written since the last ``take``."""
        data, self.ready = b"".join(self.ready), []
        return data

    def add(self, data: bytes) -> None:
        """Append the pages (and their tags) of one typst PDF."""
        reader = PdfReader(io.BytesIO(data))
        catalog = reader.trailer["/Root"]
        numbers: dict[int, int] = {catalog.raw_get("/Pages").idnum: PAGES}
        queue: list[int] = []

        def ref(idnum: int) -> IndirectObject:
            if idnum not in numbers:
                numbers[idnum] = self._new()
                queue.append(idnum)
            return _ref(numbers[idnum])

        def renumbered(obj: Any) -> Any:
            """``obj`` with every reference to an object of this part replaced by its new number
            (in place: each object of the part is read and written once)."""
            if isinstance(obj, IndirectObject):
                return ref(obj.idnum)
            if isinstance(obj, DictionaryObject):
                for key, value in list(dict.items(obj)):
                    dict.__setitem__(obj, key, renumbered(value))
            elif isinstance(obj, ArrayObject):
                for i, value in enumerate(list(list.__iter__(obj))):
                    list.__setitem__(obj, i, renumbered(value))
            return obj

        if self.first is None:
            info = reader.trailer.get("/Info")
            metadata = catalog.get("/Metadata")
            self.first = {
                "info": _bytes(info.get_object()) if info else b"<<>>",
                "catalog": {k: _bytes(catalog[k]) for k in ("/Lang", "/MarkInfo", "/ViewerPreferences")
                            if k in catalog},
                "metadata": metadata.get_data() if metadata is not None else None,
                "id": _bytes(reader.trailer["/ID"]) if "/ID" in reader.trailer else None,
                "rolemap": None,
            }
        struct = catalog.get("/StructTreeRoot")
        documents: list[DictionaryObject] = []
        others: list[Any] = []
        if struct is not None:
            numbers[catalog.raw_get("/StructTreeRoot").idnum] = STRUCT
            if self.first["rolemap"] is None and "/RoleMap" in struct:
                self.first["rolemap"] = _bytes(struct["/RoleMap"])
            top = struct.raw_get("/K")
            for item in (list(list.__iter__(top.get_object())) if isinstance(top.get_object(), ArrayObject)
                         else [top]):
                element = item.get_object()
                if isinstance(item, IndirectObject) and element.get("/S") == "/Document":
                    numbers[item.idnum] = DOCUMENT
                    documents.append(element)
                else:
                    others.append(item)
        pages = list(reader.pages)
        for page in pages:
            numbers[page.indirect_reference.idnum] = self._new()
            parent = page.raw_get("/Parent") if "/Parent" in page else None
            if isinstance(parent, IndirectObject):
                numbers[parent.idnum] = PAGES  # a page tree of more than one level joins ours
        for page in pages:  # flattened: the inherited attributes (resources, media box) on the page
            del page["/Parent"]
            if "/StructParents" in page:
                page[NameObject("/StructParents")] = NumberObject(page["/StructParents"] + self.next_key)
            renumbered(page)
            page[NameObject("/Parent")] = _ref(PAGES)
            num = numbers[page.indirect_reference.idnum]
            self.kids.append(num)
            self._write(num, _bytes(page))
        for document in documents:
            kids = document.raw_get("/K")
            kids = list(list.__iter__(kids)) if isinstance(kids, ArrayObject) else [kids]
            self.document_kids.extend(_bytes(renumbered(k)) for k in kids)
        self.document_kids.extend(_bytes(renumbered(k)) for k in others)
        if struct is not None and "/ParentTree" in struct:
            keys = self._parent_tree(struct["/ParentTree"], renumbered)
            self.next_key += max(int(struct.get("/ParentTreeNextKey", 0)), max(keys, default=-1) + 1)
        while queue:
            idnum = queue.pop()
            obj = IndirectObject(idnum, 0, reader).get_object()
            self._write(numbers[idnum], _bytes(renumbered(obj)))

    def _parent_tree(self, node: Any, renumbered: Any) -> list[int]:
        """The part's parent tree (a number tree) as pairs keyed on from the parts before."""
        node = node.get_object()
        keys: list[int] = []
        nums = list(list.__iter__(node["/Nums"])) if "/Nums" in node else []
        for key, value in zip(nums[::2], nums[1::2], strict=True):
            keys.append(int(key))
            self.parent_tree.append(b"%d " % (int(key) + self.next_key) + _bytes(renumbered(value)))
        for kid in node.get("/Kids", []):
            keys.extend(self._parent_tree(kid, renumbered))
        return keys

    def finish(self) -> bytes:
        """The page tree, structure tree, metadata, catalog and cross-reference table; with
        ``take``'s bytes, the rest of the file."""
        first = self.first or {"info": b"<<>>", "catalog": {}, "metadata": None, "id": None, "rolemap": None}
        self._write(PAGES, b"<</Type/Pages/Count %d/Kids%s>>" % (len(self.kids), _refs(self.kids)))
        self._write(DOCUMENT, b"<</Type/StructElem/S/Document/P %d 0 R/K[%s]>>"
                    % (STRUCT, b" ".join(self.document_kids)))
        self._write(STRUCT, b"<</Type/StructTreeRoot%s/K[%d 0 R]/ParentTree<</Nums[%s]>>/ParentTreeNextKey %d>>"
                    % (b"/RoleMap" + first["rolemap"] if first["rolemap"] else b"", DOCUMENT,
                       b" ".join(self.parent_tree), self.next_key))
        self._write(INFO, first["info"])
        catalog = b"".join(k.encode() + v for k, v in first["catalog"].items())
        if first["metadata"] is not None:
            xmp = re.sub(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>",
                         b"<xmpTPg:NPages>%d</xmpTPg:NPages>" % len(self.kids), first["metadata"])
            self._write(METADATA, b"<</Length %d/Type/Metadata/Subtype/XML>>\nstream\n%s\nendstream"
                        % (len(xmp), xmp))
            catalog += b"/Metadata %d 0 R" % METADATA
        else:
            self._write(METADATA, b"null")
        self._write(CATALOG, b"<</Type/Catalog/Pages %d 0 R/StructTreeRoot %d 0 R%s>>" % (PAGES, STRUCT, catalog))
        start = self.position
        table = [b"xref\n0 %d\n0000000000 65535 f\r\n" % len(self.offsets)]
        table.extend(b"%010d 00000 n\r\n" % offset for offset in self.offsets[1:])
        table.append(b"trailer\n<</Size %d/Root %d 0 R/Info %d 0 R%s>>\nstartxref\n%d\n%%%%EOF"
                     % (len(self.offsets), CATALOG, INFO, b"/ID" + first["id"] if first["id"] else b"", start))
        self._emit(b"".join(table))
        return self.take()
