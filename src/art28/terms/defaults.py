"""The terms art28's own standard agreement starts from.

A processor's profile fills the processor party; everything else is a sensible,
Article-28-complete default that staff adjust per controller.
"""

from __future__ import annotations

from art28.terms.schema import (
    Amendments,
    Assistance,
    Audit,
    AuditCost,
    AuditScope,
    Authorisation,
    AuthorityRequests,
    Breach,
    BreachContent,
    Confidentiality,
    DpaTerms,
    End,
    EndChoice,
    EndCost,
    Instructions,
    Language,
    LawTerms,
    Mechanism,
    OutsideEea,
    Party,
    Security,
    Subprocessors,
    Term,
    Transfers,
)


def standard_terms(*, language: Language = "nl", processor: Party | None = None,
                   notice_hours: int = 48) -> DpaTerms:
    """Complete default terms: every Article 28(3) element is switched on."""
    return DpaTerms(
        language=language,
        processor=processor or Party(),
        instructions=Instructions(documented_only=True, infringement_alert=True),
        confidentiality=Confidentiality(staff_bound=True, survives_termination=True),
        security=Security(change_notice=True),
        breach=Breach(notice_hours=notice_hours, undue_delay=True,
                      content=list(BreachContent), register=True),
        subprocessors=Subprocessors(authorisation=Authorisation.GENERAL, notice_days=30,
                                    objection_days=14, business_days=False, flow_down=True,
                                    processor_liable=True),
        transfers=Transfers(outside_eea=OutsideEea.WITH_SAFEGUARDS,
                            mechanisms=[Mechanism.ADEQUACY, Mechanism.SCC]),
        assistance=Assistance(data_subject_requests=True, forward_requests=True,
                              art32_36=True, dpia=True),
        authority_requests=AuthorityRequests(notify_controller=True, object_where_possible=True),
        audit=Audit(allowed=True, scope=AuditScope.FULL,
                    cost=AuditCost.CONTROLLER_UNLESS_NONCOMPLIANT, notice_days=14),
        end=End(choice=EndChoice.RETURN_OR_DELETE, deadline_days=30, certificate=True,
                cost=EndCost.PROCESSOR, legal_retention=True),
        law=LawTerms(governing_law="NL", courts=None),
        term=Term(indefinite=False, tied_to_main_agreement=True),
        amendments=Amendments(written_only=True, email_counts=True),
    )
