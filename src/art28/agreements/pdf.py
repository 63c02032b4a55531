"""PDFs of this app (certificates, the Art. 30 record) with typst; data goes in as JSON only."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import typst

TEMPLATES = Path(__file__).parent / "typst"
_lock = threading.Lock()


def render(template: str, doc: dict[str, Any]) -> bytes:
    """Compile ``typst/<template>.typ`` with ``doc`` as ``sys.inputs.doc``; never as markup."""
    with _lock:  # typst is not documented as thread-safe; compiles take milliseconds
        return typst.compile(
            str(TEMPLATES / f"{template}.typ"),
            ignore_system_fonts=True,
            sys_inputs={"doc": json.dumps(doc, default=str)},
        )
