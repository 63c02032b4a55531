"""What a signer types, made fit to keep as evidence.

A typed name or function is shown on the evidence page and in the ledger. Invisible
characters would let it read differently from what it is: a right-to-left override
(U+202E) turns "Jan Smit" into a name that displays as something else, a zero-width space
makes two names look equal that are not. They are removed, and each place where something
was removed keeps a visible MARKER, so the evidence itself says that it was altered.
"""

from __future__ import annotations

import re
import unicodedata

# U+FFFD REPLACEMENT CHARACTER: shown by every font, and never kept as typed (it is removed
# like the rest), so a marker in stored evidence always means "removed here".
MARKER = "\ufffd"

# Unicode categories with nothing to see: C0 and C1 controls (Cc), format characters such as
# bidi embeddings, overrides and isolates, zero-width spaces and joiners, marks and the BOM
# (Cf), and the line and paragraph separators (Zl, Zp).
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})


def _removed(ch: str) -> bool:
    return ch == MARKER or unicodedata.category(ch) in _INVISIBLE


def clean_typed(value: str) -> str:
    """``value`` trimmed, each run of invisible or control characters replaced by MARKER."""
    out: list[str] = []
    for ch in value:
        if not _removed(ch):
            out.append(ch)
        elif not out or out[-1] != MARKER:
            out.append(MARKER)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def was_cleaned(value: str) -> bool:
    """True when ``value`` (as stored) had characters removed."""
    return MARKER in value


def visible(value: str) -> str:
    """What is left to read once the markers are taken out (for 'is it empty?')."""
    return value.replace(MARKER, "").strip()
