"""PAdES seals on the PDFs art28 issues, and reading them back — no Django.

A seal is a PDF signature (PAdES baseline, ETSI EN 319 142) made with the processor's
certificate: any PDF reader shows who sealed the document and that it is unchanged since.
With a time-stamping authority (RFC 3161) the signature carries a trusted time (B-T); when
the certificate's revocation information can be fetched as well, it is embedded (B-LT).

pyHanko does the PDF and CMS work: pure Python, maintained, and written for PAdES.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from dataclasses import dataclass, field

from asn1crypto import x509 as asn1_x509
from asn1crypto.algos import SignedDigestAlgorithm
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.validation import add_validation_info, validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

log = logging.getLogger(__name__)
# pyHanko logs every untrusted certificate with its traceback; without a logging set-up of the
# caller's, Python would print those on stderr in the middle of `art28 verify`'s answer.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())
logging.getLogger("pyhanko_certvalidator").addHandler(logging.NullHandler())

FIELD_NAME = "art28-seal"
RESERVED_BYTES = 8192


class SealError(RuntimeError):
    """The seal could not be made (bad key file, password, or time-stamping authority)."""


@dataclass(frozen=True)
class Sealer:
    """The processor's key and certificate, and where the trusted time comes from."""

    signer: signers.SimpleSigner
    tsa_url: str = ""
    tsa_timeout: int = 10
    location: str = ""

    @property
    def certificate(self) -> asn1_x509.Certificate:
        return self.signer.signing_cert

    @property
    def self_signed(self) -> bool:
        return is_self_signed(self.certificate)


def load_sealer(p12: bytes, password: str, *, tsa_url: str = "", location: str = "") -> Sealer:
    """A Sealer from a PKCS#12 file's bytes; SealError when it cannot be opened."""
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(p12, other_certs=(),
                                                       passphrase=password.encode() or None)
    except Exception as exc:  # pyHanko raises several kinds for a bad file or password
        raise SealError(f"cannot open the PKCS#12 file: {exc}") from exc
    if signer is None:
        raise SealError("cannot open the PKCS#12 file (wrong password?)")
    return Sealer(signer=_KeptKeySigner.from_signer(signer), tsa_url=tsa_url, location=location)


class _KeptKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner, but the private key is parsed once, not on every signature.

    Parsing (and validating) a 2048-bit RSA key costs about 100 ms, more than all else in a seal.
    """

    _key: object = None

    @classmethod
    def from_signer(cls, signer: signers.SimpleSigner) -> _KeptKeySigner:
        assert signer.signing_cert is not None  # load_pkcs12_data always sets it
        rsa_key = signer.signing_cert.public_key.algorithm == "rsa"
        mechanism = SignedDigestAlgorithm({"algorithm": "sha256_rsa"}) if rsa_key else None
        kept = cls(signing_cert=signer.signing_cert, signing_key=signer.signing_key,
                   cert_registry=signer.cert_registry, signature_mechanism=mechanism)
        kept._key = serialization.load_der_private_key(signer.signing_key.dump(), password=None)
        return kept

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        if isinstance(self._key, rsa.RSAPrivateKey) and digest_algorithm == "sha256":
            return self._key.sign(data, PKCS1v15(), hashes.SHA256())
        return super().sign_raw(data, digest_algorithm)


@dataclass(frozen=True)
class Sealed:
    pdf: bytes
    level: str            # PAdES baseline level reached: B-B, B-T or B-LT

    @property
    def sha256(self) -> str:
        """Of the whole sealed file: what the ledger records."""
        return hashlib.sha256(self.pdf).hexdigest()

    @property
    def covered_sha256(self) -> str:
        return covered_sha256(self.pdf)


def seal_pdf(pdf: bytes, sealer: Sealer, *, reason: str = "") -> Sealed:
    """Seal ``pdf``; with a TSA URL, add a timestamp and try for long-term validation data."""
    timestamper = HTTPTimeStamper(sealer.tsa_url, timeout=sealer.tsa_timeout) if sealer.tsa_url else None
    try:
        out = _sign(pdf, sealer, reason, timestamper)
    except Exception as exc:
        raise SealError(f"sealing failed: {exc}") from exc
    if timestamper is None:
        return Sealed(out, "B-B")
    try:
        return Sealed(_add_ltv(out, sealer), "B-LT")
    except Exception as exc:  # noqa: BLE001 — revocation data is best effort, the timestamp is not
        log.info("no long-term validation data for the seal: %s", exc)
        return Sealed(out, "B-T")


def _sign(pdf: bytes, sealer: Sealer, reason: str, timestamper: HTTPTimeStamper | None) -> bytes:
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=reason or None, location=sealer.location or None)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    # A fixed reservation spares pyHanko a dummy signature to estimate it, which would double
    # the cost of every seal; a timestamp token with its certificates needs more room.
    reserved = RESERVED_BYTES * (3 if timestamper else 1)
    out = signers.sign_pdf(writer, meta, signer=sealer.signer, timestamper=timestamper,
                           bytes_reserved=reserved)
    return out.getvalue()


def _add_ltv(sealed: bytes, sealer: Sealer) -> bytes:
    """B-LT: append the certificates and revocation data of the seal and its timestamp (DSS)."""
    sig = PdfFileReader(io.BytesIO(sealed), strict=False).embedded_signatures[0]
    out = add_validation_info(sig, _ltv_context(sealer), output=io.BytesIO())
    return out.getvalue()


def _ltv_context(sealer: Sealer) -> ValidationContext:
    # Hard revocation checking: B-LT only when the revocation data really was fetched. The roots
    # are the self-signed certificates the PKCS#12 file carries (its own, for the demo's).
    certs = [sealer.certificate, *sealer.signer.cert_registry]
    roots = [c for c in certs if is_self_signed(c)]
    return ValidationContext(trust_roots=roots or None, allow_fetching=True, revocation_mode="hard-fail",
                             other_certs=certs)


def is_self_signed(cert: asn1_x509.Certificate) -> bool:
    return cert.self_signed in ("maybe", "yes")


# --- reading a seal back --------------------------------------------------------------------

@dataclass(frozen=True)
class TimestampCheck:
    at: dt.datetime
    authority: str
    intact: bool
    valid: bool
    trusted: bool


@dataclass(frozen=True)
class SealCheck:
    """What the PDF's seal says about itself. ``problems`` is empty when the seal holds."""

    sealed: bool
    signer: str = ""
    signer_fingerprint: str = ""
    self_signed: bool = False
    trusted: bool = False
    intact: bool = False
    whole_file: bool = False
    changed_after: bool = False
    signed_at: dt.datetime | None = None
    level: str = ""
    timestamp: TimestampCheck | None = None
    covered_sha256: str = ""   # of the bytes the seal covers: a later incremental save keeps it
    problems: list[str] = field(default_factory=list)


def certificate_name(cert: asn1_x509.Certificate) -> str:
    """The subject's common name (organisation as fallback), as readers show it."""
    subject = cert.subject.native
    return str(subject.get("common_name") or subject.get("organization_name") or cert.subject.human_friendly)


def certificate_fingerprint(cert: asn1_x509.Certificate) -> str:
    return hashlib.sha256(cert.dump()).hexdigest()


def check_seal(pdf: bytes, *, trusted: list[asn1_x509.Certificate]) -> SealCheck:
    """Validate the art28 seal in ``pdf``; raises ValueError when ``pdf`` is not a readable PDF."""
    reader = _reader(pdf)
    try:
        sigs = reader.embedded_regular_signatures
    except Exception:  # noqa: BLE001 — a damaged signature dictionary: a seal that no longer holds
        return SealCheck(sealed=True, problems=["seal broken"])
    if not sigs:
        return SealCheck(sealed=False, problems=["no seal"])
    sig = next((s for s in sigs if s.field_name == FIELD_NAME), sigs[0])
    ctx = ValidationContext(trust_roots=list(trusted), allow_fetching=False)
    try:
        status = validate_pdf_signature(sig, signer_validation_context=ctx, ts_validation_context=ctx)
        return _summarise(status, reader, covered_sha256=_covered(pdf, sig.byte_range))
    except Exception:  # noqa: BLE001 — a hostile file must give an answer, not a crash
        log.info("seal validation failed", exc_info=True)
        return SealCheck(sealed=True, problems=["seal broken"])


def _reader(pdf: bytes) -> PdfFileReader:
    if not pdf.lstrip()[:5] == b"%PDF-":
        raise ValueError("not a PDF")
    try:
        return PdfFileReader(io.BytesIO(pdf), strict=False)
    except Exception as exc:  # noqa: BLE001
        raise ValueError(f"not a readable PDF: {exc}") from exc


def _covered(pdf: bytes, byte_range: list[int]) -> str:
    a, b, c, d = byte_range
    return hashlib.sha256(pdf[a:a + b] + pdf[c:c + d]).hexdigest()


def covered_sha256(pdf: bytes) -> str:
    """SHA-256 of the bytes the art28 seal covers (everything but the signature value itself)."""
    sigs = _reader(pdf).embedded_regular_signatures
    sig = next(s for s in sigs if s.field_name == FIELD_NAME)
    return _covered(pdf, sig.byte_range)


def _summarise(status: PdfSignatureStatus, reader: PdfFileReader, *, covered_sha256: str) -> SealCheck:
    cert = status.signing_cert
    changed = status.coverage != SignatureCoverageLevel.ENTIRE_FILE and (
        status.modification_level not in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES))
    ts = status.timestamp_validity
    stamp = TimestampCheck(at=ts.timestamp, authority=certificate_name(ts.signing_cert),
                           intact=ts.intact, valid=ts.valid, trusted=ts.trusted) if ts else None
    check = SealCheck(
        sealed=True, signer=certificate_name(cert), signer_fingerprint=certificate_fingerprint(cert),
        self_signed=is_self_signed(cert), trusted=status.trusted, intact=status.intact and status.valid,
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE, changed_after=changed,
        signed_at=ts.timestamp if ts else status.signer_reported_dt,
        level=("B-LT" if "/DSS" in reader.root else "B-T") if stamp else "B-B",
        timestamp=stamp, covered_sha256=covered_sha256)
    check.problems.extend(_problems(check))
    return check


def _problems(c: SealCheck) -> list[str]:
    problems = []
    if not c.intact:
        problems.append("seal broken")
    elif c.changed_after:
        problems.append("changed after sealing")
    if c.intact and not c.trusted:
        problems.append("sealed by an unknown certificate")
    if c.timestamp and not (c.timestamp.intact and c.timestamp.valid):
        problems.append("timestamp broken")
    return problems


# --- a self-signed certificate for the demo and the tests ------------------------------------

def make_self_signed_p12(*, name: str, password: str = "", days: int = 3650,
                         time_stamping: bool = False) -> bytes:
    """A new key and self-signed certificate as PKCS#12 bytes (demo and tests only)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name[:64]),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, name[:64])])
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=days))
               .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                            key_encipherment=False, data_encipherment=False,
                                            key_agreement=False, key_cert_sign=True, crl_sign=False,
                                            encipher_only=False, decipher_only=False), critical=True))
    if time_stamping:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                                        critical=True)
    cert = builder.sign(key, hashes.SHA256())
    encryption = (serialization.BestAvailableEncryption(password.encode()) if password
                  else serialization.NoEncryption())
    return pkcs12.serialize_key_and_certificates(name.encode(), key, cert, None, encryption)
