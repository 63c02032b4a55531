"""A QR code as inline SVG markup, drawn on the server (no script, no external image)."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str) -> SafeString:
    """SVG of ``data``; only path coordinates come from the library, never user text."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    svg = image.to_string(encoding="unicode")
    return mark_safe(svg.replace("<svg ", '<svg class="qr" role="img" aria-label="QR" ', 1))  # noqa: S308
