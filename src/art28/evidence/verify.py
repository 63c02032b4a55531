"""Checking a PDF someone holds against what art28 issued: seal, timestamp, register, ledger.

Read-only: ``art28 verify`` and the public upload form call :func:`verify_pdf` and print or
render its Report. It sits above the apps whose documents it recognises.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from asn1crypto import x509
from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from art28.agreements.models import AcceptanceRole, AgreementVersion, Termination, VersionStatus
from art28.core.localtime import local_time
from art28.documents import seal
from art28.evidence.models import SealedDocument, SealedKind
from art28.evidence.sealing import current_sealer
from art28.ledger.models import GENESIS, Event


class Problem(models.TextChoices):
    """What can fail; the value is the short name the CLI prints."""

    TOO_LARGE = "too-large", gettext_lazy("The file is too large to check.")
    NOT_PDF = "not-a-pdf", gettext_lazy("This file is not a PDF, or too damaged to read.")
    NO_SEAL = "no-seal", gettext_lazy("The PDF carries no seal.")
    SEAL_BROKEN = "seal-broken", gettext_lazy(
        "The seal is broken: the document was changed after it was sealed.")
    CHANGED_AFTER = "changed-after-sealing", gettext_lazy(
        "Something was added to the document after it was sealed (it was edited or re-saved).")
    UNTRUSTED = "unknown-certificate", gettext_lazy(
        "The seal was made with a certificate that art28 did not use.")
    TIMESTAMP_BROKEN = "timestamp-broken", gettext_lazy("The timestamp in the seal does not hold.")
    UNKNOWN = "not-issued-by-art28", gettext_lazy("art28 has no record of issuing this document.")
    NOT_THE_FILE = "not-the-issued-file", gettext_lazy(
        "The sealed content matches a document art28 issued, but this file is not byte for byte "
        "the one it issued.")
    LEDGER = "ledger-entry-broken", gettext_lazy(
        "The ledger entry for this document is missing or does not match its hash.")


# Not a sealed kind: the unsigned document as it was sent for acceptance.
SENT = "sent"

_SEAL_PROBLEMS = {"no seal": Problem.NO_SEAL, "seal broken": Problem.SEAL_BROKEN,
                  "changed after sealing": Problem.CHANGED_AFTER,
                  "sealed by an unknown certificate": Problem.UNTRUSTED,
                  "timestamp broken": Problem.TIMESTAMP_BROKEN}


@dataclass
class Report:
    """Statements in words, and the problems found; ``ok`` when there are none."""

    sha256: str = ""
    problems: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def fail(self, problem: Problem) -> None:
        if problem not in self.problems:
            self.problems.append(problem)


@dataclass(frozen=True)
class _Record:
    """What art28 issued with this hash, and which ledger event names it."""

    kind: str
    object_code: str
    ledger_action: str
    ledger_object: str
    sealed: SealedDocument | None = None


def max_bytes() -> int:
    return int(settings.ART28_MAX_UPLOAD_MB) * 1024 * 1024


def verify_pdf(data: bytes) -> Report:
    """Check ``data`` as a PDF art28 may have issued. Never raises on hostile input."""
    report = Report(sha256=hashlib.sha256(data).hexdigest())
    if len(data) > max_bytes():
        report.fail(Problem.TOO_LARGE)
        return report
    try:
        check = seal.check_seal(data, trusted=_trusted_certificates())
    except ValueError:
        report.fail(Problem.NOT_PDF)
        return report
    _seal_lines(report, check)
    record = _find(report.sha256, check.covered_sha256)
    if record is None:
        report.fail(Problem.UNKNOWN)
        return report
    if record.sealed is not None and record.sealed.sha256 != report.sha256 and not check.changed_after:
        report.fail(Problem.NOT_THE_FILE)
    _describe(report, record)
    _ledger_lines(report, record, record.sealed.sha256 if record.sealed else report.sha256)
    return report


def _trusted_certificates() -> list:
    """The current sealing certificate and every one art28 sealed with before."""
    certs = {bytes(der) for der in SealedDocument.objects.values_list("certificate", flat=True).distinct()}
    sealer = current_sealer()
    if sealer is not None:
        certs.add(sealer.certificate.dump())
    return [x509.Certificate.load(der) for der in certs]


def _seal_lines(report: Report, check: seal.SealCheck) -> None:
    for name in check.problems:
        report.fail(_SEAL_PROBLEMS[name])
    if not check.sealed or not check.signer:
        return
    report.lines.append(_("Sealed by %(who)s on %(at)s (PAdES %(level)s).") % {
        "who": check.signer, "at": local_time(check.signed_at), "level": check.level})
    if check.self_signed:
        report.lines.append(_("The sealing certificate is self-signed (as in the demo): the seal shows the "
                              "document is unchanged, but no certification authority vouches for who "
                              "holds the key."))
    if check.timestamp:
        ts = check.timestamp
        report.lines.append(_("Time-stamped by %(tsa)s at %(at)s.") % {"tsa": ts.authority,
                                                                       "at": local_time(ts.at)})
        if not ts.trusted:
            report.lines.append(_("The time-stamping authority's certificate is not in this machine's "
                                  "trust list; its timestamp is intact but its issuer is not vouched for."))
    elif check.intact:
        report.lines.append(_("The seal has no timestamp: its time is the processor's own clock."))


def _find(sha256: str, covered: str) -> _Record | None:
    doc = SealedDocument.objects.filter(sha256=sha256).first()
    if doc is None and covered:
        doc = SealedDocument.objects.filter(covered_sha256=covered).first()
    if doc is not None:
        return _Record(doc.kind, doc.object_code, doc.ledger_action, doc.ledger_object, doc)
    # Documents issued before sealing was configured are still recognised by their hash.
    version = (AgreementVersion.objects.select_related("agreement")
               .filter(signed_document_sha256=sha256).first())
    if version is not None:
        return _Record(SealedKind.AGREEMENT, str(version.code), "agreement.signed",
                       str(version.agreement.code))
    version = (AgreementVersion.objects.select_related("agreement")
               .filter(document_sha256=sha256).exclude(document_sha256="").first())
    if version is not None:
        return _Record(SENT, str(version.code), "agreement.sent", str(version.agreement.code))
    termination = Termination.objects.filter(certificate_sha256=sha256).first()
    if termination is not None:
        return _Record(SealedKind.CERTIFICATE, str(termination.code), "termination.certified",
                       str(termination.code))
    return None


def _describe(report: Report, record: _Record) -> None:
    if record.kind in (SealedKind.AGREEMENT, SENT):
        if record.kind == SENT:
            report.lines.append(_("This is the agreement as sent for acceptance, without the evidence page; "
                                  "the signed copy with the evidence page is the one that is sealed."))
        _describe_agreement(report, record.object_code)
    elif record.kind == SealedKind.CERTIFICATE:
        _describe_certificate(report, record.object_code)
    else:
        report.lines.append(_("This is an export of the breach register made by art28."))


def _describe_agreement(report: Report, code: str) -> None:
    version = AgreementVersion.objects.select_related("agreement__controller__processor").get(code=code)
    agreement = version.agreement
    report.lines.append(_("Version %(n)s of agreement %(ref)s between %(p)s (processor) and %(c)s "
                          "(controller).") % {"n": version.number, "ref": agreement.reference,
                                              "p": agreement.controller.processor.name,
                                              "c": agreement.controller.name})
    for a in version.acceptances.order_by("accepted_at"):
        party = agreement.controller.name if a.role == AcceptanceRole.CONTROLLER else \
            agreement.controller.processor.name
        verb = _("Accepted") if a.role == AcceptanceRole.CONTROLLER else _("Countersigned")
        report.lines.append(_("%(verb)s for %(party)s by %(name)s (%(function)s) on %(at)s from address "
                              "%(ip)s; the document accepted has SHA-256 %(sha)s.") % {
            "verb": verb, "party": party, "name": a.name, "function": a.function,
            "at": local_time(a.accepted_at), "ip": a.ip or _("unknown"), "sha": a.document_sha256})
    if version.status == VersionStatus.SUPERSEDED:
        report.lines.append(_("A later version has replaced this one since."))


def _describe_certificate(report: Report, code: str) -> None:
    t = Termination.objects.select_related("agreement__controller__processor").get(code=code)
    report.lines.append(_("Certificate (%(way)s) for agreement %(ref)s, issued by %(p)s to %(c)s "
                          "on %(at)s.") % {
        "way": t.get_choice_display(), "ref": t.agreement.reference,
        "p": t.agreement.controller.processor.name, "c": t.agreement.controller.name,
        "at": local_time(t.certified_at)})


def _ledger_lines(report: Report, record: _Record, sha256: str) -> None:
    events = Event.objects.filter(action=record.ledger_action,
                                  object_code=record.ledger_object).order_by("seq")
    event = next((e for e in events if sha256 in e.data.values()), None)
    if event is None or not _intact(event):
        report.fail(Problem.LEDGER)
        return
    report.lines.append(_("Ledger entry #%(seq)s (%(action)s by %(actor)s, %(at)s) is intact and linked "
                          "into the chain.") % {"seq": event.seq, "action": event.action,
                                                "actor": event.actor_label, "at": local_time(event.at)})


def _intact(event: Event) -> bool:
    """The entry matches its hash and its neighbours in the chain point at it."""
    if event.compute_hash() != event.hash:
        return False
    before = Event.objects.filter(seq=event.seq - 1).values_list("hash", flat=True).first()
    after = Event.objects.filter(seq=event.seq + 1).values_list("prev_hash", flat=True).first()
    return (before or GENESIS) == event.prev_hash and after in (None, event.hash)
