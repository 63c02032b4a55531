"""Rendering throughput of art28.documents on the demo agreements.

    .venv/bin/python bench/render.py [--seconds 3]

Prints one JSON line. The baseline is the same typst template with the same JSON input
compiled by a bare ``typst.compile(...)`` call (same font options), so
``overhead_vs_bare_typst`` is art28's whole per-PDF time (build the document from
DpaTerms, serialise, compile with the shared compiler) divided by that bare compile time.
``overhead_vs_reused_compiler`` divides by the shared compiler's compile time alone, i.e.
what building the document from the terms adds.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

try:
    import art28  # noqa: F401
except ImportError:  # not installed: run from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import typst

from art28.documents import build_document, render_docx, render_pdf
from art28.documents.pdf import TEMPLATE, compile_pdf, typst_inputs
from art28.terms.demo import CLIENTS, demo_terms


def timed(seconds: float, work: Callable[[int], object]) -> tuple[int, float]:
    """Call ``work(i)`` until ``seconds`` have passed; return (calls, elapsed seconds)."""
    work(0)  # warm up: first compile loads fonts, first docx parses the template
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        work(count)
        count += 1
    return count, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="per measurement")
    seconds = parser.parse_args().seconds
    terms = [demo_terms(c) for c in CLIENTS]
    docs = [build_document(t, reference=f"BENCH-{i}") for i, t in enumerate(terms)]
    inputs = [typst_inputs(d) for d in docs]
    n = len(terms)

    pdfs, pdf_s = timed(seconds, lambda i: render_pdf(terms[i % n], reference=f"BENCH-{i % n}"))
    docxs, docx_s = timed(seconds, lambda i: render_docx(terms[i % n],
                                                         reference=f"BENCH-{i % n}"))
    bare, bare_s = timed(seconds, lambda i: typst.compile(
        str(TEMPLATE), ignore_system_fonts=True, sys_inputs=inputs[i % n]))
    reused, reused_s = timed(seconds, lambda i: compile_pdf(docs[i % n]))

    pdf_ms, bare_ms, reused_ms = (1000 * pdf_s / pdfs, 1000 * bare_s / bare,
                                  1000 * reused_s / reused)
    print(json.dumps({
        "pdf_per_second": round(pdfs / pdf_s, 1),
        "docx_per_second": round(docxs / docx_s, 1),
        "overhead_vs_bare_typst": round(pdf_ms / bare_ms, 3),
        "overhead_vs_reused_compiler": round(pdf_ms / reused_ms, 3),
        "pdf_ms": round(pdf_ms, 2), "bare_typst_ms": round(bare_ms, 2),
        "reused_compiler_ms": round(reused_ms, 2), "docx_ms": round(1000 * docx_s / docxs, 2),
        "pdfs": pdfs, "docxs": docxs, "bare_compiles": bare, "reused_compiles": reused,
        "seconds_each": seconds, "agreements": n,
    }))


if __name__ == "__main__":
    main()
