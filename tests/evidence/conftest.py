from __future__ import annotations

import pytest
from asn1crypto import x509

from art28.documents import seal


@pytest.fixture
def seal_key(settings, tmp_path) -> x509.Certificate:
    """A processor sealing certificate in a PKCS#12 file, configured as the settings say."""
    path = tmp_path / "seal.p12"
    path.write_bytes(seal.make_self_signed_p12(name="Wolkenrand Hosting B.V.", password="pfx-pass"))
    settings.ART28_SEAL_P12, settings.ART28_SEAL_PASSWORD, settings.ART28_TSA_URL = str(path), "pfx-pass", ""
    return seal.load_sealer(path.read_bytes(), "pfx-pass").certificate


@pytest.fixture
def signed_pdf(seal_key, make_agreement, controller_a, user_a) -> tuple[object, bytes]:
    """A countersigned agreement and its sealed PDF."""
    agreement = make_agreement(controller_a, state="signed", signer=user_a)
    version = agreement.versions.get(number=1)
    with version.signed_document.open("rb") as fh:
        return version, fh.read()


def flip(pdf: bytes, at: int | None = None) -> bytes:
    """The PDF with one byte of the agreement's own content changed."""
    at = len(pdf) // 3 if at is None else at
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1:]
