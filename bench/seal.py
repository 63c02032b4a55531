"""Sealed PDFs per second beside plain ones, on the demo agreements.

    .venv/bin/python bench/seal.py [--seconds 3]

Prints one JSON line: ``render_pdf`` alone; the same plus a PAdES seal (B-B) with a 2048-bit
RSA key from a PKCS#12 file; the same plus an RFC 3161 timestamp (B-T) from a TSA on loopback
(pyHanko's test TSA behind http.server, so the network round trip is local and the figure is
a floor for a real TSA); and checking a sealed PDF back as ``art28 verify`` does (seal only,
no database). ``sealed_vs_plain`` is sealed PDFs per second divided by plain ones.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:
    import art28  # noqa: F401
except ImportError:  # not installed: run from a checkout
    sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))  # the loopback TSA lives with the tests

from render import timed  # noqa: E402 — the sibling benchmark's timer
from tests.tsa import loopback_tsa  # noqa: E402

from art28.documents import render_pdf, seal  # noqa: E402
from art28.terms.demo import CLIENTS, demo_terms  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="per measurement")
    seconds = parser.parse_args().seconds
    terms = [demo_terms(c) for c in CLIENTS]
    n = len(terms)
    sealer = seal.load_sealer(seal.make_self_signed_p12(name="Bench Hosting B.V.", password="pw"), "pw")

    def plain(i: int) -> bytes:
        return render_pdf(terms[i % n], reference=f"BENCH-{i % n}")

    plains, plain_s = timed(seconds, plain)
    sealed, sealed_s = timed(seconds, lambda i: seal.seal_pdf(plain(i), sealer))
    with loopback_tsa() as tsa:
        stamping = seal.Sealer(signer=sealer.signer, tsa_url=tsa.url)
        stamped, stamped_s = timed(seconds, lambda i: seal.seal_pdf(plain(i), stamping))
    sample = [seal.seal_pdf(plain(i), sealer).pdf for i in range(n)]
    checks, checks_s = timed(seconds, lambda i: seal.check_seal(sample[i % n], trusted=[sealer.certificate]))

    plain_ps, sealed_ps, stamped_ps = plains / plain_s, sealed / sealed_s, stamped / stamped_s
    print(json.dumps({
        "plain_pdf_per_second": round(plain_ps, 1),
        "sealed_pdf_per_second": round(sealed_ps, 1),
        "sealed_vs_plain": round(sealed_ps / plain_ps, 3),
        "timestamped_pdf_per_second": round(stamped_ps, 1),
        "timestamped_vs_plain": round(stamped_ps / plain_ps, 3),
        "seal_ms": round(1000 / sealed_ps - 1000 / plain_ps, 2),
        "timestamped_seal_ms": round(1000 / stamped_ps - 1000 / plain_ps, 2),
        "verify_per_second": round(checks / checks_s, 1),
        "pdf_bytes": len(plain(0)), "sealed_bytes": len(sample[0]),
        "plain": plains, "sealed": sealed, "timestamped": stamped, "checks": checks,
        "seconds_each": seconds, "agreements": n,
    }))


if __name__ == "__main__":
    main()
