"""Facts the code relies on, each with its source.

Keep them here, in one place, so a change in the law is a change in one file.
"""

from __future__ import annotations

# EEA: the 27 EU member states (TEU Art. 52) plus Iceland, Liechtenstein and Norway
# (EEA Agreement). ISO 3166-1 alpha-2; Greece is "GR" in ISO (the EU uses "EL").
EU_MEMBER_STATES: frozenset[str] = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
EEA: frozenset[str] = EU_MEMBER_STATES | {"IS", "LI", "NO"}

# Adequacy decisions under Art. 45 GDPR in force in 2026 (European Commission,
# "Adequacy decisions" overview). The US counts only for organisations certified
# under the EU-US Data Privacy Framework (Implementing Decision 2023/1795).
ADEQUATE: frozenset[str] = frozenset(
    {
        "AD",  # Andorra
        "AR",  # Argentina
        "CA",  # Canada (commercial organisations, PIPEDA)
        "FO",  # Faroe Islands
        "GG",  # Guernsey
        "IM",  # Isle of Man
        "IL",  # Israel
        "JE",  # Jersey
        "NZ",  # New Zealand
        "CH",  # Switzerland
        "UY",  # Uruguay
        "JP",  # Japan
        "KR",  # Republic of Korea
        "GB",  # United Kingdom (renewed December 2025)
        "BR",  # Brazil (January 2026)
    }
)
ADEQUATE_ONLY_WITH_DPF: frozenset[str] = frozenset({"US"})
# The European Patent Organisation is an international organisation, not a country.
ADEQUATE_ORGANISATIONS: frozenset[str] = frozenset({"EPO"})

# Art. 33(1): the controller notifies the supervisory authority within 72 hours.
CONTROLLER_AUTHORITY_HOURS = 72
# Art. 12(3): a data subject request is answered within one month, extendable by two.
DATA_SUBJECT_RESPONSE_MONTHS = 1
DATA_SUBJECT_EXTENSION_MONTHS = 2

# Deadlines are stored in UTC and shown in this zone.
DISPLAY_TIMEZONE = "Europe/Amsterdam"

# Breach notice hours an agreement may set (the processor must leave the controller
# time inside its own 72 hours).
MIN_NOTICE_HOURS = 1
MAX_NOTICE_HOURS = 72


def in_eea(country: str) -> bool:
    return country.upper() in EEA


def has_adequacy(country: str, *, dpf_certified: bool = False) -> bool:
    code = country.upper()
    if code in ADEQUATE:
        return True
    return code in ADEQUATE_ONLY_WITH_DPF and dpf_certified
