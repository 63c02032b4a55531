"""PDF rendering with typst: one fixed template, the document passed as JSON input."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import cast

import typst

from art28.documents.model import AgreementDocument

TEMPLATE = Path(__file__).parent / "templates" / "agreement.typ"

_lock = threading.Lock()
_compiler: typst.Compiler | None = None
_compiler_pid: int | None = None


def _shared_compiler() -> typst.Compiler:
    """One compiler per process: it keeps fonts and the parsed template warm."""
    global _compiler, _compiler_pid
    # A forked worker must not share the parent's compiler state.
    if _compiler is None or _compiler_pid != os.getpid():
        # Only the fonts embedded in typst: the same PDF on every machine.
        _compiler = typst.Compiler(input=str(TEMPLATE), ignore_system_fonts=True)
        _compiler_pid = os.getpid()
    return _compiler


def typst_inputs(doc: AgreementDocument) -> dict[str, str]:
    """The ``sys_inputs`` the template reads; also used by the benchmark's baseline."""
    return {"doc": doc.model_dump_json()}


def compile_pdf(doc: AgreementDocument) -> bytes:
    """The PDF bytes of a built document."""
    inputs = typst_inputs(doc)
    # typst.Compiler is not documented as thread-safe; compiles are ~ms, so serialise them.
    with _lock:
        # One bytes object for a PDF (typst returns a list per page only for image formats).
        return cast(bytes, _shared_compiler().compile(sys_inputs=inputs))
