"""DpaTerms: the structured content of one data processing agreement.

One schema for the generator, the obligation engine, the analyzer, the API and the
flow-down check (see DESIGN.md). Unknown is ``None``, never a guess: the analyzer
leaves a field ``None`` when the text does not say.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from art28.terms import facts
from art28.terms.validators import clean_country, clean_email, clean_kvk, clean_law

Language = Literal["nl", "en"]


def _opt(fn: Callable[[str], str]) -> Callable[[str | None], str | None]:
    return lambda v: None if v in (None, "") else fn(v)


Kvk = Annotated[str | None, AfterValidator(_opt(clean_kvk))]
Country = Annotated[str | None, AfterValidator(_opt(clean_country))]
Law = Annotated[str | None, AfterValidator(_opt(clean_law))]
Email = Annotated[str | None, AfterValidator(_opt(clean_email))]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Contact(_Model):
    name: str | None = None
    function: str | None = None
    email: Email = None
    phone: str | None = None
    mobile: str | None = None


class Party(_Model):
    name: str | None = None
    address: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: Country = None
    kvk: Kvk = None
    contact: Contact = Field(default_factory=Contact)
    # Printed in Annex I when stated: who answers privacy questions, where breaches are reported.
    privacy_contact: Contact = Field(default_factory=Contact)
    breach_desk: Contact = Field(default_factory=Contact)


class Processing(_Model):
    subject_matter: str | None = None
    nature: str | None = None
    purposes: list[str] = Field(default_factory=list)
    duration: str | None = None
    data_categories: list[str] = Field(default_factory=list)
    special_categories: list[str] = Field(default_factory=list)
    data_subject_categories: list[str] = Field(default_factory=list)


class Instructions(_Model):
    documented_only: bool | None = None
    infringement_alert: bool | None = None


class Confidentiality(_Model):
    staff_bound: bool | None = None
    survives_termination: bool | None = None


class MeasureKind(StrEnum):
    TECHNICAL = "technical"
    ORGANISATIONAL = "organisational"


def in_language(
    texts: dict[str, str | None], legacy: str | None, language: str
) -> tuple[str | None, str | None]:
    """The text in ``language``, else the other language's, with the language it is in when it is not.

    ``texts`` holds the register's Dutch and English texts; ``legacy`` is the single text of
    terms written before the register had two languages (or found by the analyzer), whose
    language is unknown: it is used as is, unmarked.
    """
    if texts.get(language):
        return texts[language], None
    for other, text in texts.items():
        if text:
            return text, other
    return legacy, None


class Measure(_Model):
    kind: MeasureKind
    text: str
    # The register's texts in each language (Annex III follows the agreement's language).
    text_nl: str | None = None
    text_en: str | None = None

    def text_in(self, language: str) -> tuple[str, str | None]:
        """The measure's text in ``language`` and, for a fallback, the language it is in."""
        text, fallback = in_language({"nl": self.text_nl, "en": self.text_en}, self.text, language)
        return text or self.text, fallback


class Security(_Model):
    measures: list[Measure] = Field(default_factory=list)
    change_notice: bool | None = None


class BreachContent(StrEnum):
    NATURE = "nature"
    CATEGORIES = "categories"
    NUMBERS = "numbers"
    CONTACT = "contact"
    CONSEQUENCES = "consequences"
    MEASURES = "measures"


with warnings.catch_warnings():
    # "register" is the DESIGN.md field name; pydantic only warns that ABCMeta has one too.
    warnings.filterwarnings("ignore", message='Field name "register"')

    class Breach(_Model):
        notice_hours: int | None = Field(
            default=None, ge=facts.MIN_NOTICE_HOURS, le=facts.MAX_NOTICE_HOURS
        )
        undue_delay: bool | None = None
        content: list[BreachContent] = Field(default_factory=list)
        register: bool | None = None


class Authorisation(StrEnum):
    SPECIFIC = "specific"
    GENERAL = "general"
    NONE = "none"


class NamedSubprocessor(_Model):
    name: str
    address: str | None = None
    country: Country = None
    service: str | None = None
    # The register's service texts in each language (Annex IV follows the agreement's language).
    service_nl: str | None = None
    service_en: str | None = None

    def service_in(self, language: str) -> tuple[str | None, str | None]:
        """The service in ``language`` and, for a fallback, the language it is in."""
        return in_language({"nl": self.service_nl, "en": self.service_en}, self.service, language)


class Subprocessors(_Model):
    authorisation: Authorisation | None = None
    notice_days: int | None = Field(default=None, ge=0, le=365)
    objection_days: int | None = Field(default=None, ge=0, le=365)
    business_days: bool | None = None
    flow_down: bool | None = None
    processor_liable: bool | None = None
    named: list[NamedSubprocessor] = Field(default_factory=list)


class OutsideEea(StrEnum):
    PROHIBITED = "prohibited"
    WITH_CONSENT = "with_consent"
    WITH_SAFEGUARDS = "with_safeguards"
    ALLOWED = "allowed"


class Mechanism(StrEnum):
    ADEQUACY = "adequacy"
    SCC = "scc"
    BCR = "bcr"
    DPF = "dpf"
    DEROGATION = "derogation"


class Transfers(_Model):
    outside_eea: OutsideEea | None = None
    mechanisms: list[Mechanism] = Field(default_factory=list)


class Assistance(_Model):
    data_subject_requests: bool | None = None
    forward_requests: bool | None = None
    art32_36: bool | None = None
    dpia: bool | None = None


class AuthorityRequests(_Model):
    notify_controller: bool | None = None
    object_where_possible: bool | None = None


class AuditScope(StrEnum):
    FULL = "full"
    SECURITY = "security"
    REPORTS_ONLY = "reports_only"


class AuditCost(StrEnum):
    CONTROLLER = "controller"
    PROCESSOR = "processor"
    CONTROLLER_UNLESS_NONCOMPLIANT = "controller_unless_noncompliant"
    SHARED = "shared"


class Audit(_Model):
    allowed: bool | None = None
    scope: AuditScope | None = None
    cost: AuditCost | None = None
    notice_days: int | None = Field(default=None, ge=0, le=365)


class EndChoice(StrEnum):
    RETURN_OR_DELETE = "return_or_delete"
    DELETE = "delete"
    RETURN = "return"


class EndCost(StrEnum):
    CONTROLLER = "controller"
    PROCESSOR = "processor"


class End(_Model):
    choice: EndChoice | None = None
    deadline_days: int | None = Field(default=None, ge=0, le=3650)
    certificate: bool | None = None
    cost: EndCost | None = None
    legal_retention: bool | None = None


class LawTerms(_Model):
    governing_law: Law = None
    courts: str | None = None


class Term(_Model):
    start: date | None = None
    indefinite: bool | None = None
    tied_to_main_agreement: bool | None = None


class Amendments(_Model):
    written_only: bool | None = None
    email_counts: bool | None = None


class DpaTerms(_Model):
    """Everything one agreement says, as data."""

    language: Language | None = None
    processor: Party = Field(default_factory=Party)
    controller: Party = Field(default_factory=Party)
    processing: Processing = Field(default_factory=Processing)
    instructions: Instructions = Field(default_factory=Instructions)
    confidentiality: Confidentiality = Field(default_factory=Confidentiality)
    security: Security = Field(default_factory=Security)
    breach: Breach = Field(default_factory=Breach)
    subprocessors: Subprocessors = Field(default_factory=Subprocessors)
    transfers: Transfers = Field(default_factory=Transfers)
    assistance: Assistance = Field(default_factory=Assistance)
    authority_requests: AuthorityRequests = Field(default_factory=AuthorityRequests)
    audit: Audit = Field(default_factory=Audit)
    end: End = Field(default_factory=End)
    law: LawTerms = Field(default_factory=LawTerms)
    term: Term = Field(default_factory=Term)
    amendments: Amendments = Field(default_factory=Amendments)


# The Article 28(3) checklist keys (DESIGN.md), in the order of the article.
CHECKLIST_KEYS: tuple[str, ...] = (
    "details_subject_matter",
    "details_duration",
    "details_nature",
    "details_purpose",
    "details_data_types",
    "details_subject_categories",
    "a_documented_instructions",
    "b_confidentiality",
    "c_security",
    "d_subprocessors",
    "e_data_subject_rights",
    "f_assist_32_36",
    "g_delete_or_return",
    "h_audits",
    "instruction_infringement_alert",
)
