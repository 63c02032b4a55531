"""A real RFC 3161 time-stamping authority on loopback, for the seal tests.

pyHanko's DummyTimeStamper builds and signs the token; this wraps it in an HTTP server
speaking application/timestamp-query, so the code under test talks to it over a socket
exactly as it would to a public TSA.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import tsp
from pyhanko.sign import signers
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from art28.documents.seal import make_self_signed_p12


@dataclass
class LoopbackTSA:
    url: str
    certificate: object
    requests: list[bytes] = field(default_factory=list)


@contextmanager
def loopback_tsa() -> Iterator[LoopbackTSA]:
    tsa_signer = signers.SimpleSigner.load_pkcs12_data(
        make_self_signed_p12(name="Loopback TSA", time_stamping=True), other_certs=None)
    stamper = DummyTimeStamper(tsa_cert=tsa_signer.signing_cert, tsa_key=tsa_signer.signing_key)
    received: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 — http.server's naming
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            received.append(body)
            if self.headers.get("Content-Type") != "application/timestamp-query":
                self.send_error(415)
                return
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LoopbackTSA(f"http://127.0.0.1:{server.server_port}/tsa", tsa_signer.signing_cert, received)
    finally:
        server.shutdown()
        server.server_close()
