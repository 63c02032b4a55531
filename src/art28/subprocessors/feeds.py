"""The trust page's Atom feed (RFC 4287) and its conditional GET (RFC 9110 ETag / If-None-Match)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from art28.notices.models import Notice
from art28.parties.models import Processor

ATOM = "http://www.w3.org/2005/Atom"
MAX_HEADER = 2000  # a longer If-None-Match is not ours: answer in full


def etag(processor: Processor, language: str, entries: Sequence[Notice]) -> str:
    """A strong validator: it changes with every new announcement and with the name."""
    h = hashlib.sha256(f"{processor.code}|{processor.name}|{language}".encode())
    for n in entries:
        h.update(f"|{n.code}|{n.created_at.isoformat()}".encode())
    return f'"{h.hexdigest()[:32]}"'


def matches(header: str, current: str) -> bool:
    """Whether an If-None-Match header names ``current``; anything malformed simply does not."""
    if not header or len(header) > MAX_HEADER:
        return False
    if header.strip() == "*":
        return True
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return current in tags


def atom(processor: Processor, language: str, entries: Sequence[Notice], self_url: str) -> bytes:
    """The feed document; entry ids are the notices' codes, so a reader sees each once."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": language})
    with translation.override(language):
        title = _("Sub-processors and security of %(p)s") % {"p": processor.name}
    _sub(feed, "title", title)
    _sub(feed, "id", f"urn:uuid:{processor.code}:{language}")
    updated = entries[0].created_at if entries else timezone.now().replace(
        year=2000, month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    _sub(feed, "updated", updated.isoformat())
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _sub(author, "name", processor.name)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": self_url})
    for n in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _sub(entry, "id", f"urn:uuid:{n.code}")
        _sub(entry, "title", n.subject)
        _sub(entry, "updated", n.created_at.isoformat())
        if n.link:
            ET.SubElement(entry, f"{{{ATOM}}}link", {"href": n.link})
        _sub(entry, "content", n.body_text).set("type", "text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    el.text = text
    return el
