"""Sealing the PDFs art28 issues with the processor's certificate from the settings.

Lower apps (agreements, requests, breaches) call :func:`seal_issued` inside their own
transaction; verification lives in ``verify.py`` on top of them.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from art28.documents import seal
from art28.evidence.models import SealedDocument, SealedKind

log = logging.getLogger(__name__)


def current_sealer() -> seal.Sealer | None:
    """The configured Sealer, or None when ART28_SEAL_P12 is empty (PDFs go out unsealed)."""
    path = settings.ART28_SEAL_P12
    if not path:
        return None
    p = Path(path).expanduser()
    try:
        mtime = p.stat().st_mtime_ns
    except OSError as exc:
        raise ImproperlyConfigured(f"ART28_SEAL_P12={path!r}: {exc.strerror}") from exc
    return _load(str(p), mtime, settings.ART28_SEAL_PASSWORD, settings.ART28_TSA_URL)


@functools.lru_cache(maxsize=4)
def _load(path: str, _mtime: int, password: str, tsa_url: str) -> seal.Sealer:
    try:
        return seal.load_sealer(Path(path).read_bytes(), password, tsa_url=tsa_url)
    except seal.SealError as exc:
        raise ImproperlyConfigured(f"ART28_SEAL_P12={path!r}: {exc}") from exc


@dataclass(frozen=True)
class Target:
    """What is sealed and which ledger event will name its hash."""

    kind: SealedKind
    object_code: str
    ledger_action: str
    ledger_object: str
    processor_id: int | None = None
    controller_id: int | None = None


def seal_issued(pdf: bytes, target: Target, *, reason: str = "") -> bytes:
    """Seal ``pdf`` and register it; unchanged when no certificate is configured.

    Runs inside the caller's transaction, which writes the ledger event with the returned
    bytes' SHA-256, so a document is either sealed, registered and in the ledger, or none.
    """
    sealed = seal_only(pdf, reason=reason)
    if sealed is None:
        return pdf
    register(sealed, target)
    return sealed.pdf


def seal_only(pdf: bytes, *, reason: str = "") -> seal.Sealed | None:
    """The sealed PDF, without touching the database (so a TSA round trip holds no lock)."""
    sealer = current_sealer()
    return None if sealer is None else seal.seal_pdf(pdf, sealer, reason=reason)


def register(sealed: seal.Sealed, target: Target) -> SealedDocument:
    """Record a sealed PDF so that `art28 verify` recognises it; inside the ledger's transaction."""
    sealer = current_sealer()
    assert sealer is not None
    return SealedDocument.objects.create(
        kind=target.kind, object_code=target.object_code, sha256=sealed.sha256,
        covered_sha256=sealed.covered_sha256, level=sealed.level, certificate=sealer.certificate.dump(),
        ledger_action=target.ledger_action, ledger_object=target.ledger_object,
        processor_id_ref=target.processor_id, controller_id_ref=target.controller_id,
        sealed_at=timezone.now())


def demo_certificate(home: Path, name: str) -> Path:
    """A self-signed sealing certificate for the demo, made once under ART28_HOME."""
    path = home / "demo-seal.p12"
    if not path.exists():
        path.write_bytes(seal.make_self_signed_p12(name=f"{name} (demo, self-signed)"))
        path.chmod(0o600)
    return path
