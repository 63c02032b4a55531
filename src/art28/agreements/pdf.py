"""Small PDFs with typst (the certificate of an agreement's end; the Art. 30 record of ``records``,
from its own folder); data goes in as JSON only."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import typst

TEMPLATES = Path(__file__).parent / "typst"
_lock = threading.Lock()


def render(template: str, doc: dict[str, Any], *, folder: Path = TEMPLATES) -> bytes:
    """Compile ``<folder>/<template>.typ`` (this app's ``typst/`` unless given) with ``doc`` as
    ``sys.inputs.doc``; never as markup."""
    with _lock:  # typst is not documented as thread-safe; compiles take milliseconds
        return typst.compile(
            str(folder / f"{template}.typ"),
            ignore_system_fonts=True,
            sys_inputs={"doc": json.dumps(doc, default=str)},
        )
