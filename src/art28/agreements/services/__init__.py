"""State changes of agreements: issue, change terms, send, accept, countersign.

Each runs in one transaction, writes its ledger event there and queues its notices
there, so a failure leaves nothing half-saved and a success is never lost.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import pydantic
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from art28 import documents
from art28.accounts import services as accounts
from art28.agreements.models import (
    Acceptance,
    AcceptanceRole,
    Agreement,
    AgreementVersion,
    VersionOrigin,
    VersionStatus,
)
from art28.agreements.signals import agreement_created
from art28.agreements.typed_text import MARKER, clean_typed, visible, was_cleaned
from art28.core.ledger_scope import ledger_scope
from art28.core.localtime import local_time
from art28.core.urls import absolute_url
from art28.core.users import user_or_none
from art28.core.validation import pydantic_message
from art28.documents.standard import newer_versions, version_note
from art28.evidence.models import SealedKind
from art28.evidence.sealing import Target, seal_issued
from art28.ledger.services import record_event
from art28.notices.models import Audience, NoticeKind
from art28.notices.services import About, queue_notice
from art28.parties.models import Controller, Processor
from art28.parties.text import control_char_paths
from art28.terms.defaults import standard_terms
from art28.terms.schema import DpaTerms


def language_of(terms: DpaTerms) -> str:
    """The language of terms that passed :func:`validate_terms` (which refuses all but nl and en)."""
    assert terms.language is not None
    return terms.language


def validate_terms(data: DpaTerms | dict[str, Any]) -> DpaTerms:
    """Terms as DpaTerms; a ValidationError names each bad field by its path."""
    try:
        terms = data if isinstance(data, DpaTerms) else DpaTerms.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError({".".join(str(p) for p in err["loc"]) or "terms": pydantic_message(err)
                               for err in exc.errors()}) from None
    bad = control_char_paths(terms.model_dump(mode="json"))
    if bad:
        raise ValidationError({path: _("Remove the control characters (such as NUL) from this text.")
                               for path in bad})
    if terms.language not in ("nl", "en"):
        raise ValidationError({"language": _("Unknown language: use nl or en.")})
    if terms.breach.notice_hours is None and not terms.breach.undue_delay:
        raise ValidationError({"breach.notice_hours": _("Set the breach notice hours (1-72).")})
    return terms


def default_terms(controller: Controller) -> DpaTerms:
    """Standard terms filled from the processor profile and the controller's details."""
    processor: Processor = controller.processor
    # Controller.language is a CharField whose choices are the two Language values.
    terms = standard_terms(language=controller.language,  # type: ignore[arg-type]
                           processor=processor.profile_party(),
                           notice_hours=processor.default_notice_hours)
    terms.controller = controller.as_party(controller.signatories().first())
    return terms


def _merge(base: DpaTerms, overrides: dict[str, Any] | DpaTerms | None) -> DpaTerms:
    if overrides is None:
        return base
    if isinstance(overrides, DpaTerms):
        return overrides
    merged = base.model_dump(mode="json")
    _deep_update(merged, overrides)
    return validate_terms(merged)


def _deep_update(target: dict, patch: dict) -> None:
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _deep_update(target[key], value)
        else:
            target[key] = value


def _next_reference(controller: Controller) -> str:
    year = timezone.now().year
    count = Agreement.objects.filter(reference__startswith=f"DPA-{year}-").count()
    return f"DPA-{year}-{count + 1:04d}"


@transaction.atomic
def create_agreement(*, controller: Controller, acting_user: Any,
                     terms: dict[str, Any] | DpaTerms | None = None) -> Agreement:
    """Issue a new agreement to a controller as a draft of version 1."""
    full = validate_terms(_merge(default_terms(controller), terms))
    agreement = Agreement.objects.create(controller=controller, reference=_next_reference(controller))
    version = AgreementVersion.objects.create(
        agreement=agreement, number=1, language=language_of(full), terms=full.model_dump(mode="json"),
        standard_version=documents.CURRENT_VERSION, created_by=user_or_none(acting_user))
    record_event(action="agreement.created", obj=agreement, acting_user=acting_user,
                 data={"reference": agreement.reference, "version": version.number,
                       "language": full.language, "notice_hours": full.breach.notice_hours},
                 **ledger_scope(agreement=agreement))
    # The register builds on agreements, not the other way round: it hears of the new agreement.
    agreement_created.send(sender=Agreement, agreement=agreement, acting_user=acting_user)
    return agreement


@transaction.atomic
def update_terms(*, agreement: Agreement, terms: dict[str, Any] | DpaTerms, acting_user: Any,
                 standard_version: str | None = None) -> AgreementVersion:
    """Change the terms: edits a draft in place; after sending, makes a new version.

    A signed version is never touched: the change becomes version N+1, which records
    what changed and needs its own acceptance. An unsigned sent version is superseded.
    """
    latest = (AgreementVersion.objects.select_for_update().filter(agreement=agreement)
              .order_by("-number").first())
    assert latest is not None
    new_terms = validate_terms(_merge(latest.dpa_terms, terms))
    # An amendment of an imported agreement is written on art28's current standard terms.
    version_key = standard_version or (documents.CURRENT_VERSION if latest.is_imported
                                       else latest.standard_version)
    if version_key not in documents.available_versions():
        raise ValidationError({"standard_version": _("Unknown standard terms version %(v)s.")
                               % {"v": version_key}})
    # An imported agreement's next version is written on the current standard terms only.
    allowed = standard_versions_open(latest) or [documents.CURRENT_VERSION]
    if version_key not in allowed:
        raise ValidationError({"standard_version": _(
            "This agreement is on standard terms %(old)s; its next version can stay on them or move "
            "to a newer version, not back to %(v)s.") % {"old": allowed[0], "v": version_key}})
    if latest.status == VersionStatus.DRAFT:
        version = _edit_draft(latest, new_terms, version_key)
    else:
        version = _new_version(latest, new_terms, version_key, acting_user)
    record_event(action="agreement.terms_changed", obj=agreement, acting_user=acting_user,
                 data={"version": version.number, "changes": version.changes},
                 **ledger_scope(agreement=agreement))
    return version


def standard_versions_open(latest: AgreementVersion) -> list[str]:
    """The standard terms the agreement's next version may be written on, oldest first: those of
    the version it follows (for a draft, the version before it) or newer ones. Empty for an
    imported agreement, whose next version is written on the current standard terms."""
    base = latest
    if latest.status == VersionStatus.DRAFT and latest.number > 1:
        base = latest.agreement.versions.filter(number=latest.number - 1).first() or latest
    if base.is_imported:
        return []
    return [base.standard_version, *newer_versions(base.standard_version)]


def _changes(old: AgreementVersion, new: DpaTerms, standard_version: str) -> list[dict[str, Any]]:
    # Other standard terms change the clause text even where no field of the terms changed.
    moved = (None if old.is_imported
             else documents.standard_terms_change(old.standard_version, standard_version))
    changes = [json.loads(json.dumps(dataclasses.asdict(c), default=str))
               for c in ([moved] if moved else []) + documents.diff_terms(old.dpa_terms, new)]
    if moved:  # what the other clause text says differently, in the reader's words
        changes[0].update({f"note_{lang}": version_note(standard_version, lang) for lang in ("nl", "en")})
    return changes


def _edit_draft(draft: AgreementVersion, terms: DpaTerms, version_key: str) -> AgreementVersion:
    previous = draft.agreement.versions.filter(number=draft.number - 1).first()
    draft.terms = terms.model_dump(mode="json")
    draft.language = language_of(terms)
    draft.standard_version = version_key
    draft.changes = _changes(previous, terms, version_key) if previous else []
    draft.save(update_fields=["terms", "language", "standard_version", "changes"])
    return draft


def _new_version(latest: AgreementVersion, terms: DpaTerms, version_key: str,
                 acting_user: Any) -> AgreementVersion:
    if latest.status in (VersionStatus.SENT, VersionStatus.ACCEPTED):
        latest.status = VersionStatus.SUPERSEDED
        latest.save(update_fields=["status"])
    return AgreementVersion.objects.create(
        agreement=latest.agreement, number=latest.number + 1, language=language_of(terms),
        terms=terms.model_dump(mode="json"), standard_version=version_key,
        changes=_changes(latest, terms, version_key), created_by=user_or_none(acting_user))


def render_version_pdf(version: AgreementVersion, *, evidence: list | None = None) -> bytes:
    if version.is_imported:  # the original file the parties signed (PDF or DOCX), never ours
        return _original(version)
    return documents.render_pdf(version.dpa_terms, reference=_ref(version),
                                version=version.standard_version, evidence=evidence)


def render_version_docx(version: AgreementVersion, *, evidence: list | None = None) -> bytes:
    if version.is_imported:
        return _original(version)
    return documents.render_docx(version.dpa_terms, reference=_ref(version),
                                 version=version.standard_version, evidence=evidence)


def _original(version: AgreementVersion) -> bytes:
    with version.document.open("rb") as fh:
        return fh.read()


def _ref(version: AgreementVersion) -> str:
    return f"{version.agreement.reference} v{version.number}"


def portal_link(version: AgreementVersion) -> str:
    return absolute_url("agreements:portal_agreement", version.agreement.code)


def refresh_drafts_from_profile(*, processor: Processor) -> int:
    """Unsent drafts print the processor as its profile is now; returns how many changed.

    Sent, accepted and signed versions keep the processor as they printed it.
    """
    party = processor.profile_party().model_dump(mode="json")
    drafts = AgreementVersion.objects.select_for_update().filter(
        agreement__controller__processor=processor, status=VersionStatus.DRAFT,
        origin=VersionOrigin.GENERATED)
    changed = 0
    for draft in drafts:
        if draft.terms.get("processor") != party:
            draft.terms = {**draft.terms, "processor": party}
            draft.save(update_fields=["terms"])
            changed += 1
    return changed


class NotReadyToSend(ValidationError):
    """The draft lacks what an agreement must state; ``missing`` says what, in words."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(_("This agreement is not ready to be sent: %(missing)s "
                           "Complete it, or send it anyway with a reason.")
                         % {"missing": " ".join(missing)})


def send_blockers(version: AgreementVersion) -> list[str]:
    """What the version lacks before it may be sent for signature, in words for staff.

    A draft is judged with the processor's profile as it is now: that is what it will print.
    """
    terms, missing = version.dpa_terms, []
    if not terms.security.measures:
        missing.append(_("Annex III lists no security measures."))
    contact = (version.agreement.controller.processor.profile_party().contact
               if version.status == VersionStatus.DRAFT else terms.processor.contact)
    if not (contact.name and contact.email):
        missing.append(_("The processor's contact person (name and e-mail) is missing; "
                         "fill it in on Our profile."))
    return missing


def _clean_reason(reason: str) -> str:
    """The override reason as typed, control characters removed; "" when nothing visible."""
    reason = visible(clean_typed(reason or ""))
    if len(reason) > 1000:
        raise ValidationError({"override_reason": _("Use at most %(limit)d characters (this has "
                                                    "%(length)d).") % {"limit": 1000,
                                                                       "length": len(reason)}})
    return reason


@transaction.atomic
def send_for_signature(*, version: AgreementVersion, acting_user: Any,
                       override_reason: str = "") -> AgreementVersion:
    """Freeze the document and invite the controller's signatories to accept it.

    A draft without security measures (Annex III) or without the processor's contact
    person is refused with NotReadyToSend, unless staff give ``override_reason``, which
    the ledger event keeps with what was missing.
    """
    version = AgreementVersion.objects.select_for_update().select_related(
        "agreement__controller__processor").get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Only a draft can be sent for signature; this version is %(s)s.")
                              % {"s": version.get_status_display()})
    controller = version.agreement.controller
    signatories = list(controller.signatories())
    if not signatories:
        raise ValidationError(_("%(c)s has no signatory contact to invite.") % {"c": controller.name})
    reason = _clean_reason(override_reason)
    # The document is frozen with the processor's profile as it is at this moment.
    version.terms = {**version.terms,
                     "processor": controller.processor.profile_party().model_dump(mode="json")}
    missing = send_blockers(version)
    if missing and not reason:
        raise NotReadyToSend(missing)
    pdf = render_version_pdf(version)
    version.document.save("agreement.pdf", ContentFile(pdf), save=False)
    version.document_sha256 = hashlib.sha256(pdf).hexdigest()
    version.status, version.sent_at = VersionStatus.SENT, timezone.now()
    version.save()
    _invite(version, signatories, acting_user)
    override = {"override": {"reason": reason, "missing": missing}} if missing else {}
    record_event(action="agreement.sent", obj=version.agreement, acting_user=acting_user,
                 data={"version": version.number, "sha256": version.document_sha256,
                       "recipients": [c.email for c in signatories], **override},
                 **ledger_scope(agreement=version.agreement))
    return version


def _invite(version: AgreementVersion, signatories: list, acting_user: Any) -> None:
    terms, controller = version.dpa_terms, version.agreement.controller
    for contact in signatories:
        link, new_login = _signatory_link(version, contact.email, acting_user)
        queue_notice(
            controller=controller, kind=NoticeKind.SIGNATURE_INVITATION,
            about=About("agreementversion", f"{version.code}:{contact.pk}"),
            template="signature_invitation", recipients=[contact.email], link=link,
            language=version.language,
            # With an invitation inside, the mail is one person's key: kept out of the shared
            # portal inbox and the client's webhook (stored for the processor's staff).
            audience=Audience.PROCESSOR if new_login else Audience.CONTROLLER,
            processor=controller.processor if new_login else None,
            context={"new_login": new_login, "contact_name": contact.name,
                     "processor": controller.processor.name,
                     "reference": version.agreement.reference, "version": version.number,
                     "notice_hours": terms.breach.notice_hours, "sha256": version.document_sha256})


def _signatory_link(version: AgreementVersion, email: str, acting_user: Any) -> tuple[str, bool]:
    """The portal link, or for a signatory without a login an invitation that lands there."""
    raw = accounts.contact_invitation(
        controller=version.agreement.controller, email=email, acting_user=acting_user,
        next_url=reverse("agreements:portal_agreement", args=[version.agreement.code]))
    if raw is None:
        return portal_link(version), False
    return accounts.invitation_link(raw), True

@dataclass(frozen=True)
class Signature:
    """What the signer typed and where the request came from."""

    name: str
    function: str
    confirmed: bool
    ip: str | None = None
    user_agent: str = ""
    email: str = ""  # defaults to the signing user's own address


def _cleaned(sig: Signature) -> Signature:
    """The signature with invisible and control characters removed from what was typed."""
    return dataclasses.replace(sig, name=clean_typed(sig.name), function=clean_typed(sig.function))


def _check_signature(sig: Signature) -> None:
    errors = {}
    if not visible(sig.name):
        errors["name"] = _("Type your full name.")
    if not visible(sig.function):
        errors["function"] = _("Type your function.")
    if not sig.confirmed:
        errors["confirmed"] = _("Tick the box to confirm that you accept the agreement.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def accept_version(*, version: AgreementVersion, signature: Signature, document_sha256: str,
                   acting_user: Any) -> Acceptance:
    """The controller accepts the exact document it was shown (its SHA-256 must match)."""
    version = AgreementVersion.objects.select_for_update().get(pk=version.pk)
    signature = _cleaned(signature)
    _check_signature(signature)
    if version.status != VersionStatus.SENT:
        raise ValidationError(_("This version cannot be accepted: it is %(s)s.")
                              % {"s": version.get_status_display()})
    if document_sha256.strip().lower() != version.document_sha256:
        raise ValidationError(_("The document you accepted is not the current one; "
                                "reload the page and read the agreement again."))
    acceptance = _record_acceptance(version, AcceptanceRole.CONTROLLER, signature, acting_user)
    version.status = VersionStatus.ACCEPTED
    version.save(update_fields=["status"])
    record_event(action="agreement.accepted", obj=version.agreement, acting_user=acting_user,
                 data={"version": version.number, "sha256": version.document_sha256,
                       "name": signature.name, "ip": signature.ip},
                 **ledger_scope(agreement=version.agreement))
    return acceptance


def _record_acceptance(version: AgreementVersion, role: str, sig: Signature, acting_user: Any) -> Acceptance:
    return Acceptance.objects.create(
        version=version, role=role, user=user_or_none(acting_user), name=sig.name.strip(),
        function=sig.function.strip(), email=sig.email or getattr(acting_user, "email", "") or "",
        accepted_at=timezone.now(), ip=sig.ip or None, user_agent=sig.user_agent[:500],
        document_sha256=version.document_sha256)


@transaction.atomic
def countersign_version(*, version: AgreementVersion, signature: Signature,
                        acting_user: Any) -> AgreementVersion:
    """The processor countersigns: the version is signed, immutable, with an evidence page."""
    version = AgreementVersion.objects.select_for_update().select_related(
        "agreement__controller__processor").get(pk=version.pk)
    signature = _cleaned(signature)
    _check_signature(signature)
    if version.status != VersionStatus.ACCEPTED:
        raise ValidationError(_("Only a version the controller has accepted can be countersigned."))
    _record_acceptance(version, AcceptanceRole.PROCESSOR, signature, acting_user)
    _seal(version)
    version.agreement.versions.filter(status=VersionStatus.SIGNED).update(status=VersionStatus.SUPERSEDED)
    version.status, version.signed_at = VersionStatus.SIGNED, timezone.now()
    version.save()
    _notify_signed(version)
    record_event(action="agreement.signed", obj=version.agreement, acting_user=acting_user,
                 data={"version": version.number, "sha256": version.document_sha256,
                       "signed_sha256": version.signed_document_sha256},
                 **ledger_scope(agreement=version.agreement))
    return version


def evidence_entries(version: AgreementVersion) -> list:
    return [documents.EvidenceEntry(role="controller" if a.role == AcceptanceRole.CONTROLLER else "processor",
                                    name=a.name, function=a.function, email=a.email,
                                    accepted_at=local_time(a.accepted_at), ip=a.ip or "",
                                    user_agent=a.user_agent, document_sha256=a.document_sha256,
                                    note=_removed_note(a, version.language))
            for a in version.acceptances.order_by("accepted_at")]


def _removed_note(acceptance: Acceptance, language: str) -> str | None:
    if not (was_cleaned(acceptance.name) or was_cleaned(acceptance.function)):
        return None
    with translation.override(language):
        return _("Invisible or control characters (such as text-direction overrides) were "
                 "removed from what the signer typed; the sign %(marker)s marks each place.") % {
                     "marker": MARKER}


def _seal(version: AgreementVersion) -> None:
    pdf = render_version_pdf(version, evidence=evidence_entries(version))
    with translation.override(version.language):
        reason = _("Agreement %(ref)s as accepted by both parties") % {"ref": _ref(version)}
    pdf = seal_issued(pdf, Target(SealedKind.AGREEMENT, str(version.code), "agreement.signed",
                                  str(version.agreement.code), **ledger_scope(agreement=version.agreement)),
                      reason=reason)
    version.signed_document.save("agreement-signed.pdf", ContentFile(pdf), save=False)
    version.signed_document_sha256 = hashlib.sha256(pdf).hexdigest()


def _notify_signed(version: AgreementVersion) -> None:
    controller = version.agreement.controller
    recipients = [c.email for c in controller.contacts.filter(is_signatory=True)]
    queue_notice(controller=controller, kind=NoticeKind.AGREEMENT_SIGNED,
                 about=About("agreementversion", str(version.code)), template="agreement_signed",
                 recipients=recipients, link=portal_link(version), language=version.language,
                 context={"processor": controller.processor.name,
                          "reference": version.agreement.reference, "version": version.number})
