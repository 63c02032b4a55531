"""The fictional processor and clients of ``art28 demo``, as plain data.

Kept outside Django so the render benchmark and the analyzer round trip use exactly
the agreements the demo shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from art28.terms.defaults import standard_terms
from art28.terms.schema import (
    Authorisation,
    Contact,
    DpaTerms,
    Language,
    Measure,
    MeasureKind,
    NamedSubprocessor,
    Party,
    Processing,
)

PROCESSOR = Party(
    name="Wolkenrand Hosting B.V.",
    address="Keizersgracht 1001",
    postcode="1017 AB",
    city="Amsterdam",
    country="NL",
    kvk="87654321",
    contact=Contact(name="Iris de Vries", function="Functionaris gegevensbescherming",
                    email="privacy@wolkenrand.example", phone="+31 20 555 0100",
                    mobile="+31 6 5555 0101"),
)


def _measure(kind: MeasureKind, nl: str, en: str) -> Measure:
    return Measure(kind=kind, text=nl, text_nl=nl, text_en=en)


TECH, ORG = MeasureKind.TECHNICAL, MeasureKind.ORGANISATIONAL
# The register is kept in Dutch and in English; each agreement's annexes use its own language.
MEASURES = [
    _measure(TECH, "Versleuteling van opgeslagen gegevens (AES-256) en van verkeer (TLS 1.2 of hoger)",
             "Encryption of data at rest (AES-256) and in transit (TLS 1.2+)"),
    _measure(TECH, "Persoonlijke accounts met tweestapsverificatie voor alle medewerkers",
             "Personal accounts with two-factor authentication for all staff"),
    _measure(TECH, "Dagelijkse versleutelde back-ups in een tweede datacentrum binnen de EER",
             "Daily encrypted backups kept in a second EEA data centre"),
    _measure(TECH, "Centrale registratie van toegang tot persoonsgegevens, een jaar bewaard",
             "Central logging of access to personal data, kept for one year"),
    _measure(ORG, "Elke medewerker tekent een geheimhoudingsverklaring",
             "Confidentiality undertakings signed by every employee"),
    _measure(ORG, "Jaarlijkse training in informatiebeveiliging", "Annual security awareness training"),
    _measure(ORG, "Vastgelegde procedure voor incidenten, twee keer per jaar beproefd",
             "Documented incident response procedure, tested twice a year"),
]

SUBPROCESSORS = [
    NamedSubprocessor(name="Datacentrum Noord B.V.", address="Zernikelaan 12, Groningen", country="NL",
                      service="Colocatie en stroomvoorziening", service_nl="Colocatie en stroomvoorziening",
                      service_en="Colocation and power"),
    NamedSubprocessor(name="Backupkluis GmbH", address="Hafenstrasse 7, Hamburg", country="DE",
                      service="Opslag van back-ups buiten de deur", service_nl="Opslag van back-ups buiten de deur",
                      service_en="Off-site backup storage"),
]


@dataclass(frozen=True)
class DemoClient:
    """One demo controller and the agreement it has (or is about to sign)."""

    party: Party
    language: Language
    notice_hours: int
    signed: bool
    processing: Processing
    authorisation: Authorisation = Authorisation.GENERAL
    login: str = ""
    extra: dict = field(default_factory=dict)


CLIENTS = [
    DemoClient(
        party=Party(name="Tandartspraktijk Zonnebloem", address="Dorpsstraat 14", postcode="3581 KP",
                    city="Utrecht", country="NL", kvk="12345678",
                    contact=Contact(name="Sanne Jansen", function="Praktijkmanager",
                                    email="sanne@zonnebloem.example", phone="+31 30 555 0200",
                                    mobile="+31 6 5555 0201")),
        language="nl", notice_hours=24, signed=True, authorisation=Authorisation.SPECIFIC,
        login="sanne",
        processing=Processing(
            subject_matter="Hosting van het patiëntendossier", nature="Opslag en back-up",
            purposes=["Beschikbaar houden van het patiëntendossier"], duration="Looptijd van de hoofdovereenkomst",
            data_categories=["Naam- en adresgegevens", "Geboortedatum", "Behandelgegevens"],
            special_categories=["Gegevens over gezondheid"],
            data_subject_categories=["Patiënten", "Medewerkers"]),
    ),
    DemoClient(
        party=Party(name="Fietsenmakerij De Ketting B.V.", address="Molenweg 3", postcode="5611 AZ",
                    city="Eindhoven", country="NL", kvk="23456789",
                    contact=Contact(name="Pieter Bakker", function="Directeur",
                                    email="pieter@deketting.example", phone="+31 40 555 0300")),
        language="nl", notice_hours=48, signed=False, login="pieter",
        processing=Processing(
            subject_matter="Webwinkel en klantenadministratie", nature="Hosting en beheer",
            purposes=["Verwerken van bestellingen"], duration="Looptijd van de hoofdovereenkomst",
            data_categories=["Naam- en adresgegevens", "E-mailadressen", "Bestelgeschiedenis"],
            data_subject_categories=["Klanten"]),
    ),
    DemoClient(
        party=Party(name="Nordic Learning AB", address="Storgatan 21", postcode="111 51",
                    city="Stockholm", country="SE",
                    contact=Contact(name="Emma Lindqvist", function="Data Protection Officer",
                                    email="emma@nordiclearning.example", phone="+46 8 555 0400")),
        language="en", notice_hours=48, signed=True, login="emma",
        processing=Processing(
            subject_matter="Hosting of an online learning platform", nature="Storage and backup",
            purposes=["Providing online courses to students"], duration="Term of the main agreement",
            data_categories=["Names", "E-mail addresses", "Course results"],
            data_subject_categories=["Students", "Teachers"]),
    ),
    DemoClient(
        party=Party(name="Harbour Analytics Ltd", address="12 Dock Street", postcode="E1 8JP",
                    city="London", country="GB",
                    contact=Contact(name="Oliver Smith", function="Head of Legal",
                                    email="oliver@harbour.example", phone="+44 20 5550 0500")),
        language="en", notice_hours=24, signed=False, login="oliver",
        processing=Processing(
            subject_matter="Managed database hosting", nature="Hosting and monitoring",
            purposes=["Running the customer analytics service"], duration="Term of the main agreement",
            data_categories=["Online identifiers", "Usage data"],
            data_subject_categories=["Website visitors"]),
    ),
]


def demo_terms(client: DemoClient) -> DpaTerms:
    """The complete terms of one demo client's agreement."""
    terms = standard_terms(language=client.language, processor=PROCESSOR,
                           notice_hours=client.notice_hours)
    terms.controller = client.party
    terms.processing = client.processing
    terms.security.measures = list(MEASURES)
    terms.subprocessors.authorisation = client.authorisation
    terms.subprocessors.named = list(SUBPROCESSORS)
    terms.law.courts = "Rechtbank Amsterdam" if client.language == "nl" else "District Court of Amsterdam"
    return terms
