"""What a sentence must say to state one requirement of Article 28(2)-(4) or 32(2).

Every pattern runs on normalised text (lower case, number words as digits). The patterns
are written from the Regulation's own wording and common ways of saying the same thing in
English and Dutch, never from one agreement.
"""

# Long regular expressions read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

import re
from dataclasses import dataclass, field

from art28.analyzer.context import rx
from art28.analyzer.patterns import CONTROLLER_WORDS, PROCESSOR_WORDS

# A party that processes for the processor (used to tell whose clause it is) ...
SUB_PARTY = r"(sub-?\s?processor|subprocessor|sub-?\s?verwerker|subverwerker|sub-?bewerker|onderaannemer|sub-?contract|other processors?|another processor|andere verwerkers?|third[- ]party (service )?providers?|derden)"
# ... and the same with the activity ("in the event of sub-processing"), for what a clause is about.
SUB = rf"(sub-?\s?processing|sub-?\s?verwerking|{SUB_PARTY[1:-1]})"
ASSIST = r"(assist|support|help|supply|furnish|co-?operat|contribut|(provide|give|gives|geeft) .{0,40}(information|assistance|help|support|input|informatie|hulp|inbreng)|\bdraagt\b.{0,40}\bbij aan\b|\bbij te dragen aan\b|\bbijdragen aan\b|make available|werkt .{0,20}\bmee\b|meewerk|mee te werken|levert .{0,40}(informatie|gegevens)|bijstand|bij te staan|bijstaan|staat .{0,40}bij|ondersteun|medewerking|helpt|help|verleent .{0,60}(hulp|medewerking)|\bhulp (bij|aan)\b|verstrekt .{0,40}informatie|enable)"
DS = r"(data subjects?|betrokkenen?|getroffen (personen|betrokkenen)|betrokken personen|individuals?|affected (persons|individuals|people|parties)|natural persons|persons concerned)"
BREACH = r"(breach|incident|datalek|inbreuk|data loss event|security event|compromise)"
# "Articles 32 to 34" covers security and both breach duties; "32 to 36" all five.
# ... and so does a list of the articles ("Articles 32, 33, 34, 35 and 36").
RANGE_32_34 = r"32\s*,\s*33\s*(,|and|en|&)\s*34|(articles?|art\.?|artikelen|artikel|arts?\.)\s*32\s*(to|tot en met|t/m|-|–|—|through|and|up to)\s*(art\.?\s*)?3[4-6]|32\s*(-|–|to|through|tot en met|t/m)\s*3[4-6] (of the |of |van de |avg|gdpr)"
RANGE_32_36 = r"32\s*,\s*33\s*,\s*34\s*,\s*35\s*(,|and|en|&)\s*36|(articles?|art\.?|artikelen|artikel|arts?\.)\s*32\s*(to|tot en met|t/m|-|–|—|through|and|up to)\s*(art\.?\s*)?36|32\s*(-|–|to|through|tot en met|t/m)\s*36 (of the |of |van de |avg|gdpr)"
# "Opdracht" is an order, but "opdrachtgever" / "opdrachtnemer" are the parties themselves.
INSTRUCTION = r"(instructi|instructed|opdracht(?!gever|nemer)|aanwijzing)"
INFORM = r"(inform|notif|notice|tell|alert|warn|\blets? .{0,30}\bknow\b|inlicht|\blicht\b.{0,40}\bin\b|\be-?mails?\b(?! address)|in kennis|op de hoogte|meld|waarschuw|laat .{0,30}weten|signal|announc|aankondig|kondigt .{0,40}\baan\b)"
RIGHTS = r"(request|right|verzoek|recht|exercis|uitoefen|inzage|access|rectif|erasure|complaint|klacht)"

# "The conditions of Article 28(2) and (4) for engaging another processor" (the wording of
# Article 28(3)(d)): sub-processors' authorisation, flow-down and liability by reference.
REF_28_2_4 = r"(conditions?|requirements?|voorwaarden|vereisten)\b.{0,80}(paragraphs? 2 and 4|28\s*\(2\)\s*((and|en|&)\s*)?\(?4\b\)?|\blid 2 en (lid )?4\b|\bleden 2 en 4\b)|(paragraphs? 2 and 4|28\s*\(2\)\s*((and|en|&)\s*)?\(?4\b\)?|\blid 2 en (lid )?4\b|\bleden 2 en 4\b).{0,80}(conditions?|requirements?|voorwaarden|vereisten)"
# Telling someone of a problem, with the ways an alert is put ("advise", "draw attention to",
# "let ... know", "wijst ... erop"); used where an alert is the requirement.
ALERT = rf"({INFORM[1:-1]}|\badvis|\bdraws? .{{0,40}}\battention\b|\bpoints? out\b|\bwijst .{{0,40}}\berop\b|\battendeert\b|\battent maakt\b)"
# The shared vocabularies the patterns below are built from (see requirements._needs).
ATOMS = {
    "sub": SUB,
    "assist": ASSIST,
    "ds": DS,
    "breach": BREACH,
    "instruction": INSTRUCTION,
    "inform": INFORM,
}


@dataclass(frozen=True)
class Spec:
    """One requirement: its name and article, what states it and what only partly does."""

    key: str
    article: str
    name: tuple[str, str]  # en, nl
    full: tuple[re.Pattern[str], ...]
    partial: tuple[re.Pattern[str], ...] = ()
    partial_note: tuple[str, str] = ("", "")
    missing_note: tuple[str, str] = ("", "")
    # Whose clause may state it besides the processor's (e.g. the controller's consent).
    other_subjects: frozenset[str] = field(default_factory=frozenset)
    # Words that make the controller's clause count even where it does not name the processor
    # (the controller's right to object to a new sub-processor, or to audit).
    controller_if: re.Pattern[str] | None = None
    # Words the controller's clause must contain to count at all: it asks or chooses what the
    # processor does ("at the Controller's request the Processor deletes ..."), it does not
    # do the thing itself ("the Controller shall delete ...").
    controller_needs: re.Pattern[str] | None = None
    # Words a sentence must not contain to count (a risk list is no return-or-delete clause).
    exclude: re.Pattern[str] | None = None
    # A cheap test that must pass before the patterns run: most sentences stop here.
    gate: re.Pattern[str] | None = None
    # Patterns that state it only under a heading of its subject, where "them" or "such
    # entities" refers back to what the heading names ("7. Sub-processing ... It shall impose
    # on them the same obligations").
    in_section: tuple[re.Pattern[str], ...] = ()
    section: re.Pattern[str] | None = None
    # What a bare "they" / "them" of those patterns must point back to (the sub-processors).
    antecedent: re.Pattern[str] | None = None


def _p(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(rx(p) for p in patterns)


# Taking part in what the controller does is help too ("works with the controller on",
# "participates in"); kept out of ASSIST, whose other users need a verb of help.
TAKE_PART = r"(\bwork(s|ing)? (together |closely )?with\b|\bparticipat\w*|\btakes? part\b|\bneemt .{0,60}\bdeel\b|\bdeel te nemen\b|\bdenkt .{0,40}\bmee\b)"
DPIA = r"((?<!transfer )impact assessment|effectbeoordeling|\bdpias?\b|\bpias?\b|\bgeb\b|privacy assessment|risk assessment|assess\w* (of )?the (likely |possible )?impact\b(?=.{0,80}\b(on|for|upon|to) (the )?(protection of (the )?|rights (and freedoms )?of (the )?)?(personal data|data subjects|privacy|natural persons|individuals)|.{0,40}\bof (the )?(envisaged |intended |planned |proposed )?processing)|assessments? of the (data protection )?impact|impact of the (envisaged |intended |planned |proposed )?processing( operations)? on|beoordeling van (het|de) (effect|gevolgen)|gevolgen (van de (beoogde )?verwerking )?voor de (gegevensbescherming|bescherming van (de )?persoonsgegevens))"


# A breach notice given so that the controller can make its own notification: the notice is
# the processor's help with it ("... so that the Controller can notify the authority").
SO_THAT = r"\b(so that|so as to|in order to|in order for|to enable|to allow|enabling|allowing|zodat|opdat|teneinde|om .{0,60}in staat te stellen)\b"


# Handing over what the controller needs is help too ("deliver the documentation", "verschaft de
# informatie"); broader than ASSIST's "provide ... information", so kept to the assists here.
INFO_HELP = r"(\b(provide|provides|give|gives|deliver|delivers|supply|supplies|furnish|furnishes|make available|makes available|share|shares|verschaf\w*|verstrek\w*|levert|leveren|geeft|geven|ter beschikking)\b.{0,60}\b(information|documentation|documents|details|informatie|documentatie|documenten|gegevens|inlichtingen)\b|\b(informatie|documentatie|documenten|inlichtingen)\b.{0,30}\b(verschaff\w*|verstrekk\w*|te verstrekken|leveren|te geven|ter beschikking)\b)"


# A rule that restricts: a not/only in the sentence or unless right before the consent word, and
# no "without any consent" or "may ... without consent" (which grant the opposite). A prefix for a pattern (issue 15).
RESTRICTED_CONSENT = (
    r"^(?=.*\b(not|never|only|no|niet|nooit|geen|alleen|uitsluitend)\b|.*\b(unless|tenzij)\b.{0,40}"
    r"(authori[sz]|consent|approv|permission|toestemming|goedkeuring|instemming|akkoord))"
    r"(?!.*\b(without|zonder)\b (any|enige) (prior |voorafgaande )?(consent|approval|permission|toestemming|goedkeuring))"
    r"(?!.*\b(may|can|is free to|mag|mogen|kan)\b.{0,120}\b(without|zonder)\b.{0,40}(consent|approval|permission|toestemming|goedkeuring))"
    r".*"
)


# What a notice of an intended change tells: details of the new sub-processor itself ("stating
# its name", "the name, location and service of the new sub-processor", "met vermelding van naam
# en vestigingsplaats"). A bare "with" or "including" and any details, location or service ("in
# connection with the service", "with an office location outside the EEA") are not (issue 15).
_DETAIL = r"(full |legal |company |registered )?(names?|identity|identities|details|location|address|registered office)"
_TIED = rf"(\b(its|their|the new (one|{SUB_PARTY[1:-1]}))'?s? {_DETAIL}\b|\b{_DETAIL}\b[^.;]{{0,60}}\bof (the|that|this|such|each|any|every|a|an|its) (new |intended |proposed |additional |replacement )?{SUB_PARTY})"
CHANGE_DETAILS = (
    rf"(\b(stating|giving|naming|specifying|identifying|setting out|describing|including|with|providing|indicating|disclosing|listing)\b (the )?{_TIED}"
    rf"|\b(naming|identifying) (the|that|each|any|such) (new |intended |proposed )?{SUB_PARTY}"
    r"|\b(met|onder) (vermelding|opgave) van\b[^.;]{0,40}\b(naam|namen|identiteit|vestigingsplaats|vestigingsland|adres)\b"
    r"|\b(vermeldt|vermelden|noemt|noemen|geeft|geven)\b[^.;]{0,30}\b(zijn|haar|hun|de) (naam|namen|identiteit|vestigingsplaats)\b"
    r"|\b(naam|namen|identiteit|vestigingsplaats|gegevens)\b[^.;]{0,60}\bvan (de|die|deze|iedere|elke) (nieuwe |beoogde |voorgenomen |betreffende )?(sub-?verwerker|subverwerker|onderaannemer)s?\b)"
)
# ... or how long ahead the processor asks: a set time before the engagement ("at least 30 days
# before", "20 dagen voor de beoogde inschakeling") or in good time ahead ("tijdig vooraf"). Not
# the controller's "timely" reply: a bare "timely" counts only in the request's own clause.
_AHEAD = r"(before|prior to|in advance|ahead|beforehand|voordat|voorafgaand\w*|van tevoren|vooraf|voor (de |het )?(beoogde |voorgenomen |geplande )?(inschakeling|inzet|aanvang|start|wijziging|ingebruikname))"
LEAD_TIME = (
    rf"\b\d+ (calendar |business |working )?(days?|weeks?|months?|dagen|werkdagen|weken|maanden?)\b.{{0,40}}\b{_AHEAD}\b"
    rf"|\b(in good time|timely|in time|reasonable (time|period|notice)|sufficient(ly)? (time|notice)|tijdig|ruim|redelijke termijn)\b.{{0,10}}\b{_AHEAD}\b"
)
_ASK = r"\b(asks?|requests?|seeks?|vraagt|verzoekt)\b"
_CONSENT = r"\b(consent|approval|authori[sz]ation|toestemming|goedkeuring)\b"
_FOR_NEW = rf".{{0,60}}(new|add|replac|intended|proposed|nieuwe|toevoeg|vervang|voorgenomen|beoogde?).{{0,40}}{SUB}"
# In the request's own clause: no clause of the controller's in between ("... and the Controller
# shall respond in a timely manner", ", die de verwerkingsverantwoordelijke tijdig geeft").
_BREAK = r"[;,]|\b(and|or|en|die|dat|which|who|whereupon|waarna|after which)\b"
_SAME_CLAUSE = rf"(?:(?!{_BREAK}|\b({CONTROLLER_WORDS})\b).)"
# Between the verb and the consent the controller is the one asked ("vraagt de
# verwerkingsverantwoordelijke tijdig toestemming").
_IN_REQUEST = rf"(?:(?!{_BREAK}).)"
_TIMELY = r"\b(in good time|timely|in a timely manner|tijdig|ruim op tijd)\b"
# A request for consent for a new one that says who it is or comes a set time ahead.
CONSENT_AS_NOTICE = (
    rf"^(?=.*{CHANGE_DETAILS}).*{_ASK}.{{0,40}}{_CONSENT}{_FOR_NEW}",
    rf"{_ASK}.{{0,40}}{_CONSENT}{_FOR_NEW}{_SAME_CLAUSE}{{0,60}}({LEAD_TIME})",
    rf"({LEAD_TIME})[^;]{{0,80}}{_ASK}.{{0,40}}{_CONSENT}{_FOR_NEW}",
    # "vraagt Meel tijdig toestemming", "requests in good time the Controller's approval".
    rf"{_ASK}{_IN_REQUEST}{{0,40}}({_TIMELY}|{LEAD_TIME}){_IN_REQUEST}{{0,30}}{_CONSENT}{_FOR_NEW}",
    rf"{_ASK}.{{0,40}}{_CONSENT}{_FOR_NEW}{_SAME_CLAUSE}{{0,20}}{_TIMELY}",
)


# Words that point back to what the heading or the sentence before named: a pronoun ("them"),
# which needs an antecedent (see requirements.refers_back), or words that name what they mean
# ("such sub-processors", "deze subverwerkers").
BARE_BACK = r"\b(them|they|each of them|hen)\b"
NAMED_BACK = r"\b(such (entities|parties|sub-?processors|subcontractors|third parties|providers)|deze (partijen|subverwerkers|derden))\b"
REFERS_BACK = rf"({BARE_BACK}|{NAMED_BACK})"
# ... and these, named after the sub-processors, take it over ("its employees ... bind them").
# Also the processor's affiliates, suppliers or contractors ("bind them to the same confidentiality").
OTHER_ANTECEDENTS = r"\b(employees|staff|personnel|persons|people|individuals|data subjects|customers|clients|users|parties|auditors|authorities|members|workers|agents|representatives|officers|affiliates|providers|contractors|suppliers|medewerkers|werknemers|personeel|personen|betrokkenen|klanten|gebruikers|partijen|autoriteiten|leden|gelieerde ondernemingen|groepsmaatschappijen|leveranciers|aannemers)\b"


# A request that is the data subjects' own ("data subject requests", "verzoeken van betrokkenen"),
# also with a few words in between ("requests made by data subjects", "requests it receives from
# individuals", "verzoeken die betrokkenen indienen"); "requests from other customers" are not.
# The words in between name no data, so "requests to delete the data of data subjects" (the
# controller's own) are not either.
_BETWEEN = r"(?:(?!\b(data|gegevens|persoonsgegevens|information|informatie|requests?|verzoek\w*)\b)[^,;.]){0,40}?"
DS_REQUEST = (
    rf"({DS}(['’]s?)? (access )?(requests?|verzoeken)\b"
    rf"|\b(requests?|verzoeke?n?)\b (of|from|by|van|door) (the |a |an |any |its |de |een )?{DS}"
    rf"|\b(requests?|verzoeke?n?)\b{_BETWEEN}\b(from|by|door) (the |a |an |any |its |de |een )?{DS}"
    rf"|\b(requests?|verzoeke?n?)\b (that|which|die|welke) (the |de |a |een )?{DS}\b.{{0,30}}\b(make|makes|submit|submits|send|sends|lodge|lodges|file|files|address|addresses|indienen|indient|doen|doet|sturen|stuurt|richten|richt|insturen)\b"
    r"|\b(subject access|inzage)(requests?|verzoek\w*)|\bsubject access requests?\b)"
)


# A data subject's request by the rights it exercises (three or more in a list: one or two may
# be the controller's own request to delete), or by people who want something of their data
# ("requests from persons" alone may be a third party's, such as an authority's).
KIND_OF_REQUEST = r"(\brequests? (for|of) (access|rectification|correction|erasure|deletion|restriction|portability)\b(,? (or |and |and/or )?(access|rectification|correction|erasure|deletion|restriction|portability|objection)\b){2}|\brequests? from (people|persons|individuals) (who|that) (want|wish|ask|seek)\b|\bverzoeke?n? (om|tot) (inzage|correctie|rectificatie|verwijdering|wissing|beperking)\b(,? (of |en )?(inzage|correctie|rectificatie|verwijdering|wissing|beperking|overdracht|overdraagbaarheid|dataportabiliteit|bezwaar)\b){2})"


_MEASURES = r"(?=.*(measure|maatregel|protect|bescherm|safeguard|beveilig|level of security|security level|\bsecured?\b|security (program|programme|controls|polic)))"


def _measures(*patterns: str) -> tuple[re.Pattern[str], ...]:
    """Patterns that count only in a sentence about security measures or protection."""
    return tuple(rx(rf"^{_MEASURES}.*?(?:{p})") for p in patterns)


SPECS: tuple[Spec, ...] = (
    Spec(
        "subprocessor_authorisation",
        "28(2)",
        ("Prior authorisation of sub-processors", "Voorafgaande toestemming voor subverwerkers"),
        _p(
            rf"{SUB}.{{0,200}}(authori[sz]|consent|approv|permission|permit|toestemming|goedkeuring|goedgekeurd|goedkeur|instemming|ingestemd|machtig|akkoord)",
            rf"(authori[sz]|consent|approv|permission|toestemming|goedkeuring|machtig|akkoord).{{0,200}}{SUB}",
            rf"\b(may|can|is entitled to|shall be entitled to|mag|mogen|is gerechtigd|kan)\b.{{0,40}}\b(engage|use|appoint|subcontract|retain|utili[sz]e|inschakelen|inzetten|gebruik maken|gebruiken)\b.{{0,60}}{SUB}",
            rf"\b(engage|appoint|use|utili[sz]e)s? (the |any |its |only )?{SUB}.{{0,80}}(in accordance with|pursuant to|subject to|listed in|set out in|named in|vermeld|genoemd|opgenomen)",
            # "may involve / subcontract to third parties"; Dutch puts the verb last.
            rf"\b(may|can|is entitled to|shall be entitled to|is permitted to|is allowed to|mag|mogen|is gerechtigd|is bevoegd|kan)\b.{{0,40}}\b(engage|use|appoint|involve|retain|utili[sz]e|subcontract|sub-contract|hire|commission|entrust\w*|delegate\w*|outsource\w*)\b.{{0,60}}({SUB}|third parties|third-party processors?|further processors?|additional processors?)",
            r"\b(may|can|is entitled to|shall be entitled to|is permitted to|is allowed to|mag|mogen|is gerechtigd|is bevoegd|kan)\b.{0,40}\b(subcontract|sub-contract|uitbesteden|uit te besteden)\b",
            rf"\b(mag|mogen|is gerechtigd|is bevoegd|kan)\b.{{0,80}}({SUB}|derden)\w*.{{0,60}}\b(inschakelen|in te schakelen|inzetten|in te zetten|gebruiken|te gebruiken|betrekken|te betrekken)\b|\b(mag|mogen|is gerechtigd|is bevoegd|kan)\b.{{0,60}}\b(gebruik (te )?maken|gebruikmaken|gebruik te maken)\b.{{0,20}}\bvan\b.{{0,40}}({SUB}|derden)",
            # The controller agrees to their engagement ("agrees to the use of the sub-processors listed").
            rf"\b(agrees?|agreed|stemt|instemt|ingestemd)\b.{{0,40}}\b(engagement|use|appointment|involvement|retention|commissioning|inzet|inschakeling|inschakelen|gebruik)\b.{{0,60}}{SUB}",
            REF_28_2_4,
            # Held back by the controller's agreement, said as a restriction ("shall not let any sub-processor
            # ... unless the Controller has agreed"); "unless otherwise agreed" alone is not it (issue 15).
            RESTRICTED_CONSENT
            + rf"{SUB}.{{0,200}}\b(without|zonder)\b.{{0,60}}\b(agreement|akkoord|instemming)\b",
            RESTRICTED_CONSENT
            + rf"{SUB}.{{0,200}}\b(unless|until|only (if|when|after|once)|provided that|tenzij|totdat|alleen (als|indien|nadat))\b.{{0,60}}\b(agreed|agrees|akkoord)\b",
            # A third party let in to process the data, with the controller's say ("will not permit
            # any third party to process ... unless authorised"), said as a restriction (issue 15).
            RESTRICTED_CONSENT
            + r"\b(third part(y|ies)|other (processors?|part(y|ies))|another (processor|party)|derde|derden|andere partij)\b.{0,40}\b(to process|to handle|te verwerken|laten verwerken)\b.{0,160}(authori[sz]|consent|approv|permission|toestemming|goedkeuring|goedgekeurd|instemming|ingestemd|akkoord)",
            # The processing handed to any other entity ("delegate ... to another entity unless ... approval").
            RESTRICTED_CONSENT
            + r"\b(delegat|outsourc|entrust|subcontract|hand\w* over|uitbested|uit te besteden|toevertrouw|overdra(gen|agt))\w*\b.{0,80}\b(to|aan)\b ((another|any other|other|any|a third|any third|third|een andere|andere)\b.{0,40}\b(entit(y|ies)|part(y|ies)|processors?|compan(y|ies)|organi[sz]ations?|providers?|partij\w*|verwerkers?|organisaties?|bedrij(f|ven))\b|(een )?derden?\b|(a |any )?third part(y|ies)\b).{0,160}(authori[sz]|consent|approv|permission|toestemming|goedkeuring|instemming|akkoord|agreement)",
        ),
        missing_note=(
            "no rule that sub-processors are engaged only with the controller's prior specific or general written authorisation",
            "geen regel dat subverwerkers alleen met voorafgaande specifieke of algemene schriftelijke toestemming van de verwerkingsverantwoordelijke worden ingeschakeld",
        ),
        other_subjects=frozenset({"controller"}),
        # The controller's own authorisation counts without naming the processor again.
        controller_if=rx(
            r"\b(authori[sz]\w*|consents?|approv\w*|agrees?|agreed|toestemming|goedkeur\w*|stemt|instemt|ingestemd|machtig\w*|akkoord)\b"
        ),
        gate=rx(rf"{SUB}|third part(y|ies)|third-party processors?|further processors?|additional processors?|other part(y|ies)|another party|andere partij|\bderde\b|delegat|outsourc|entrust|uitbested|toevertrouw"),
        # Consent to disclose information to third parties (an exception to confidentiality) is
        # no authorisation to engage anyone to process personal data.
        exclude=rx(
            r"\b(informati\w*|gegevens|data|details)\b.{0,40}\b(aan|to)\b (derden|third part(y|ies))\b.{0,20}\b(te )?(verschaff\w*|verstrek\w*|bekend te maken|openbaar te maken|disclos\w*|provid\w*|reveal\w*)"
            r"|\b(disclos\w*|reveal\w*|verstrek\w*|verschaff\w*)\b.{0,60}\b(to|aan)\b (derden|third part(y|ies))\b"
        ),
    ),
    Spec(
        "subprocessor_changes_objection",
        "28(2)",
        (
            "Notice of intended changes of sub-processors, with the chance to object",
            "Aankondiging van voorgenomen wijzigingen in subverwerkers, met de mogelijkheid van bezwaar",
        ),
        _p(
            rf"{INFORM}.{{0,160}}(new|add|replac|chang|intended|additional|further|proposed|nieuwe|toevoeg|vervang|wijzig|voorgenomen|beoogde?|andere).{{0,80}}{SUB}",
            # A notice by publication: "posts any new sub-processor on its website".
            rf"\b(posts?|publish\w*|publiceert|publiceren|plaatst)\b.{{0,80}}(new|add|replac|chang|intended|additional|proposed|nieuwe|toevoeg|vervang|wijzig|voorgenomen|beoogde?).{{0,40}}{SUB}",
            rf"{SUB}.{{0,160}}(new|add|replac|chang|intended|nieuwe|toevoeg|vervang|wijzig|voorgenomen).{{0,160}}{INFORM}",
            rf"{INFORM}.{{0,80}}(in advance|prior|before|beforehand|vooraf|voorafgaand|voordat).{{0,100}}{SUB}",
            rf"(new|add|replac|chang|further|modif|additional|another|nieuwe|toevoeg|vervang|wijzig|andere|extra).{{0,40}}{SUB}.{{0,160}}{INFORM}",
            # The published list brought up to date before a new one starts ("werkt de lijst ... bij").
            rf"\b(werkt|werken|actualiseert|actualiseren|updates?|updating)\b.{{0,40}}\b(lijst|overzicht|list|page|pagina)\b.{{0,160}}(new|add|replac|nieuwe|toevoeg|vervang)\w*.{{0,40}}{SUB}",
            # Told of the plan: "informeert ... over het voornemen om een subverwerker toe te voegen".
            rf"{INFORM}.{{0,80}}\b(voornemen|voornemens|intention|intends?|plans?|planned)\b.{{0,60}}{SUB}",
            rf"{INFORM}.{{0,160}}(changes?|updates?|wijziging(en)?) (to|of|in|van|op) (the |that |its |this |de |het )?(list|lijst|overview|overzicht)",
            # Consent before each new one is the authorisation of 28(2) (R10), not a notice of
            # changes; asking that consent for a named new one, or a set time ahead, is a notice
            # ("vraagt toestemming voor een nieuwe subverwerker ... aan, met vermelding van naam").
            *CONSENT_AS_NOTICE,
            rf"(object|bezwaar|verzet).{{0,160}}(new|add|replac|chang|nieuwe|toevoeg|vervang|wijzig|intended|voorgenomen).{{0,60}}{SUB}",
            rf"\b(kondigt|kondigen)\b.{{0,60}}(nieuwe|toevoeg|vervang|wijzig|voorgenomen).{{0,40}}{SUB}",
            rf"{SUB}.{{0,160}}(new|add|replac|chang|nieuwe|toevoeg|vervang|wijzig).{{0,160}}(object|bezwaar|verzet)",
            rf"(new|add|replac|chang|nieuwe|toevoeg|vervang|wijzig)\w*.{{0,40}}{SUB}.{{0,80}}\b(made available|communicated|published|announced|bekendgemaakt|bekend gemaakt|medegedeeld|meegedeeld|kenbaar gemaakt)\b",
        ),
        controller_if=rx(r"object|bezwaar|verzet"),
        missing_note=(
            "no notice to the controller of intended additions or replacements of sub-processors",
            "geen aankondiging aan de verwerkingsverantwoordelijke van voorgenomen toevoeging of vervanging van subverwerkers",
        ),
        other_subjects=frozenset({"controller"}),
        gate=rx(SUB),
    ),
    Spec(
        "documented_instructions",
        "28(3)(a)",
        ("Processing only on documented instructions", "Verwerking alleen op gedocumenteerde instructies"),
        _p(
            rf"(only|solely|exclusively|uitsluitend|alleen|enkel|slechts|merely|strictly).{{0,120}}({INSTRUCTION}|on behalf of|in naam van|ten behoeve van)",
            rf"{INSTRUCTION}.{{0,80}}(only|solely|exclusively|uitsluitend|alleen)",
            rf"(not|niet|geen|never|nooit)\b.{{0,80}}(other than|except|anders dan|behalve|buiten).{{0,80}}{INSTRUCTION}",
            rf"(documented|written|schriftelijke?|gedocumenteerde?|lawful|reasonable) {INSTRUCTION}.{{0,5}}",
            rf"(in accordance with|according to|conform|overeenkomstig|volgens|in overeenstemming met|on) .{{0,60}}{INSTRUCTION}",
            r"(only|solely|exclusively|uitsluitend|alleen|enkel|slechts)\b.{0,80}\b(purposes?|doele?n?|doeleinden)\b",
            r"\b(uitsluitend|alleen|enkel|slechts)\b.{0,60}\b(in het kader van|ter uitvoering van) (de|het|deze)\b",
            r"\b(as|where|when|zoals) (instructed|directed|opgedragen)\b",
            # "niet herleidbare" (not identifiable) describes the data; it negates no use.
            r"\b(not(?!-? identifiable| traceable)|niet(?! (te )?herleid| identificeer)|never|nooit)\b.{0,60}\b(own|eigen)\b (purposes?|doele?n?|benefit|gebruik)",
            # "This DPA is the controller's complete instruction" (not "a complete instruction" to staff).
            rf"\b(constitutes?|represents?|sets out|contains|are|is|vormt|vormen|bevat|bevatten|zijn|is|gelden als|geldt als)\b (the |its |de |het |zijn )?(({CONTROLLER_WORDS})(['’]s)? |(a|an|een) )?(complete|entire|full|final|volledige) ((and|en) (final|documented|written|definitieve|schriftelijke|gedocumenteerde) )?(documented |written |schriftelijke )?{INSTRUCTION}",
            r"\b(not|niet|never|nooit)\b.{0,60}\b(any|other|enig|ander)\w* (purposes?|doele?n?|doeleinden)\b.{0,40}(other than|except|than|dan|behalve)",
            r"\binstructs\b.{0,60}\bto process\b|\bgeeft .{0,40}opdracht .{0,60}te verwerken",
            # "as you instruct us"; Dutch "volgt de instructies op", "neemt de instructies in acht".
            rf"\bas (the )?({CONTROLLER_WORDS}) (instructs?|directs?)\b",
            r"\b(volgt|volgen)\b.{0,60}\b(instructies|aanwijzingen)\b.{0,40}\bop\b|\b(neemt|nemen)\b.{0,60}\b(instructies|aanwijzingen)\b.{0,40}\bin acht\b|\b(instructies|aanwijzingen)\b.{0,60}\b(opvolgen|op te volgen|in acht (te )?nemen)\b",
        ),
        missing_note=(
            "no rule that the processor acts only on the controller's documented instructions",
            "geen regel dat de verwerker alleen op gedocumenteerde instructies van de verwerkingsverantwoordelijke handelt",
        ),
        other_subjects=frozenset({"controller"}),
        gate=rx(r"instruct|opdracht(?!gever|nemer)|aanwijzing|\bdirect(s|ed|ions?)?\b|on behalf|purpose|doel|ten behoeve|in naam van|in het kader van|ter uitvoering van"),
    ),
    Spec(
        "legal_requirement_notice",
        "28(3)(a)",
        (
            "Telling the controller first of a legal duty to process",
            "De verwerkingsverantwoordelijke vooraf informeren over een wettelijke verwerkingsplicht",
        ),
        _p(
            rf"(requir|oblig|verplicht|gehouden|compel).{{0,80}}\b(law|laws|wet|wettelijke?|wetgeving|recht|legislation|regulation|legal process|subpoena|court order|warrant)\b.{{0,200}}{INFORM}.{{0,120}}(requirement|before|prior|first|vooraf|voorafgaand|voordat|prohibit|verbiedt|verbieden|verbod)",
            rf"{INFORM}.{{0,80}}(legal requirement|legal obligation|wettelijke? (verplichting|eis|voorschrift)).{{0,80}}(before|prior|vooraf|vóór|voor de|voordat)",
            # "Moet de verwerker op grond van de wet ... verwerken, dan laat hij dat vooraf weten".
            rf"\b(moet|moeten|must|has to|have to)\b.{{0,60}}\b(op grond van|krachtens|under|by)\b (de |the |applicable |toepasselijke )?(wet|law|laws|wetgeving)\b.{{0,200}}{INFORM}.{{0,160}}(before|prior|first|vooraf|voorafgaand|voordat|prohibit|forbid|verbiedt|verbieden|verbod)",
            rf"{INFORM}.{{0,60}}(before|prior to|vooraf|voordat|voorafgaand|vóór).{{0,80}}(legal (requirement|obligation|demand)|wettelijke? (verplichting|plicht|eis|voorschrift))",
            rf"{INFORM}.{{0,120}}(before|prior to|vooraf|voordat).{{0,80}}\b(where|if|when|indien|wanneer|als)\b.{{0,30}}(requir|oblig|compel|verplicht).{{0,60}}\b(law|laws|wet|wetgeving|legislation|member state)",
            rf"\b(law|laws|legally|wet|wettelijke?|wettelijk|wetgeving|recht|legislation|regulation|statutes?|statutory|court orders?|rechterlijke? (bevel|uitspraak|vonnis))\b.{{0,40}}(requir|oblig|verplicht|plicht|gehouden|compel).{{0,200}}{INFORM}.{{0,160}}(requirement|obligation|before|prior|first|vooraf|vóór|voorafgaand|voordat|eerst|prohibit|forbid|verbiedt|verbieden|verbod|(permit|allow)(s|ted)?\b|toestaat|toegestaan)",
            # "a legal requirement to process ..., it shall inform ... of that requirement before".
            rf"\b(legal|statutory|wettelijke?) (requirement|obligation|duty|verplichting|plicht|voorschrift)\b.{{0,200}}{INFORM}.{{0,120}}(requirement|obligation|before|prior|first|vooraf|voorafgaand|voordat|eerst|prohibit|forbid|verbiedt|verbod)",
            # An authority's binding order to disclose, told first ("notify ... before disclosing it, unless prohibited").
            rf"\b(legally binding|binding|bindend|dwingend)\b.{{0,20}}\b(requests?|demands?|orders?|verzoek\w*|bevel\w*|vordering\w*)\b.{{0,200}}{INFORM}.{{0,120}}(before|prior|first|vooraf|voordat|unless|tenzij|prohibit|forbid|verbiedt|verbod)",
            rf"{INFORM}.{{0,120}}\b(before|prior to|vooraf|voordat|voorafgaand)\b.{{0,80}}(requir|oblig|compel|verplicht)\w* (by|under|op grond van|krachtens) .{{0,20}}\b(law|laws|wet|wetgeving|legislation|statute)\b",
            # "inform ... before it processes any personal data because a law requires it to"; the
            # processing must be named ("before it changes prices, as the law requires" is not it).
            rf"^(?=.*\b(process|processes|processed|processing|verwerkt|verwerken|verwerking)\b)(?=.*{INFORM}.{{0,120}}\b(before|prior to|vooraf|voordat|voorafgaand)\b.{{0,120}}\b(law|laws|wet|wetgeving|legislation|statute)\b.{{0,20}}(requir|oblig|compel|verplicht)).*{INFORM}",
            # Told first of a legal or statutory duty: "notifies ... in advance of any statutory
            # obligation", "stelt ... voorafgaand ... in kennis van dat wettelijk voorschrift".
            rf"(in advance|beforehand|before|prior|first|vooraf|voorafgaand|voordat|eerst)\b.{{0,80}}{INFORM}.{{0,80}}(legal (requirement|obligation|duty)|statutory (requirement|obligation|duty)|wettelijke? (verplichting|plicht|eis|voorschrift))",
            rf"{INFORM}.{{0,60}}(in advance|beforehand).{{0,80}}(legal (requirement|obligation|duty)|statutory (requirement|obligation|duty)|wettelijke? (verplichting|plicht|eis|voorschrift))",
            # "Should the law oblige the Processor to ..., it shall first inform the Controller".
            rf"\b(law|laws|legislation|wet|wetgeving)\b.{{0,40}}(requir|oblig|verplicht|compel).{{0,200}}\b(first|beforehand|in advance|vooraf|eerst)\b.{{0,30}}{INFORM}",
            rf"{INFORM}.{{0,120}}(before|beforehand|in advance|prior to|vooraf|voordat).{{0,80}}\b(where|if|when|indien|wanneer|als)\b.{{0,30}}\b(legally|wettelijk) (requir|oblig|compel|verplicht|gehouden)",
        ),
        _p(
            r"(unless|except|save|tenzij|behalve|behoudens)\b.{0,80}\b(law|laws|wet|recht|legislation)\b.{0,20}(requir|oblig|verplicht|provides otherwise|prescribes|voorschrijft)",
            r"(tenzij|behoudens|behalve)\b.{0,60}(wettelijke? (verplichting|plicht|voorschrift)|wet .{0,20}verplicht)",
            r"(unless|except|save|tenzij|behalve|behoudens|other than)\b.{0,60}(requir|oblig|verplicht|gehouden|compel|mandat).{0,60}\b(by|under|to which|op grond van|door|krachtens|bij)\b.{0,40}\b(law|laws|wet|wetgeving|recht|legislation|regulation|member state)",
            r"(requir|oblig|verplicht|gehouden).{0,40}\b(by|under|krachtens|op grond van)\b.{0,30}\b(union|eu|member state|lidstaat|lidstatelijk)",
        ),
        partial_note=(
            "a legal duty to process is an exception, but the processor need not tell the controller of it first",
            "een wettelijke verwerkingsplicht is een uitzondering, maar de verwerker hoeft de verwerkingsverantwoordelijke daar niet vooraf over te informeren",
        ),
        missing_note=(
            "nothing on what happens when the law requires the processor to process the data",
            "niets over wat er gebeurt als de wet de verwerker verplicht de gegevens te verwerken",
        ),
        gate=rx(r"\b(law|laws|legally|wet|wettelijke?|wettelijk|wetgeving|recht|legislation|regulations?|statutes?|statutory|court orders?|rechterlijke?)\b"),
    ),
    Spec(
        "confidentiality",
        "28(3)(b)",
        (
            "Confidentiality of the persons processing the data",
            "Geheimhouding door de personen die de gegevens verwerken",
        ),
        _p(
            r"(confidential|geheimhoud|vertrouwelijk|secrecy|non-disclosure|geheim).{0,200}\b(personnel|employees?|staff|persons?|people|individuals?|agents?|contractors?|workers?|anyone|everyone|medewerkers?|personeel|werknemers|personen|iedereen|hulppersonen)\b",
            r"\b(personnel|employees?|staff|persons?|people|individuals?|agents?|contractors?|workers?|anyone|everyone|everybody|medewerkers?|personeel|werknemers|personen|iedereen|hulppersonen)\b.{0,200}(confidential|geheimhoud|vertrouwelijk|secrecy|non-disclosure|geheim)",
            # "a duty of confidence", "keep the personal data secret".
            r"\b(personnel|employees?|staff|persons?|people|individuals?|agents?|contractors?|workers?|anyone|everyone|everybody)\b.{0,200}(\b(duty|duties|obligations?) of confidence\b|\bkeep\b.{0,40}\bsecret\b)",
        ),
        missing_note=(
            "no duty of confidentiality for the persons authorised to process the data",
            "geen geheimhoudingsplicht voor de personen die de gegevens mogen verwerken",
        ),
        gate=rx(r"confidential|geheim|vertrouwelijk|secrecy|non-disclosure|confidence|secret\b"),
    ),
    Spec(
        "security_measures",
        "28(3)(c), 32",
        ("Security measures of Article 32", "Beveiligingsmaatregelen van artikel 32"),
        _p(
            r"(implement|maintain|take|taken|have in place|put in place|apply|adopt|ensure|comply|use|provide|establish|treft|treffen|neemt|nemen|genomen|implementeert|hanteert|zorgt|draagt zorg|handhaaft|onderhoudt|houdt|beschikt).{0,120}(technical and organi[sz]ational|technical, (physical|administrative)|organi[sz]ational and technical|technische en organisatorische|organisatorische en technische|passende (beveiligings)?maatregelen|security (measures|safeguards|controls|procedures)|beveiligingsmaatregelen|safeguards|\bart(icles?|ikel(en)?|\.)? ?32\b)",
            r"(technical and organi[sz]ational|organi[sz]ational and technical|technische en organisatorische|organisatorische en technische|security|beveiligings)\s*(measures|maatregelen|safeguards|controls).{0,80}\b(implemented|maintained|taken|in place|applied|te nemen|nemen|treffen|te treffen|getroffen|genomen|hanteren|gehanteerd|handhaven)\b",
            r"(protect|safeguard|secure|beveilig|beschermen|bescherming).{0,80}(personal data|persoonsgegevens|the data|de gegevens|data)\b.{0,120}(against|from|tegen)",
            r"\b(ensure|maintain|guarantee|provide|waarborgt|garandeert|zorgt voor|draagt zorg voor)\b.{0,40}\b(appropriate|adequate|passende|an appropriate level of) (level of )?(security|beveiliging)\b",
            r"\b(keep|maintain|hold|store|houdt|bewaart)\b.{0,60}(personal data|persoonsgegevens|the data|de gegevens)\b.{0,20}\b(secure|securely|safe|veilig)\b",
            r"(comply|complies|adhere|meet|voldoet|voldoen|naleven|houdt zich aan).{0,60}(security|beveiligings)[- ]?(requirements|standards|policy|policies|measures|eisen|normen|beleid)",
            # "secure/protect the data by (appropriate) measures", "zorg dragen voor ... maatregelen".
            r"\b(secures?|protects?|zorg (te )?dragen|zorg draagt|spant zich in)\b.{0,120}(technical and organi[sz]ational|technische en organisatorische|security measures|beveiligingsmaatregelen|passende maatregelen)",
            # "ensure a level of security appropriate to the risk", "zorgt voor een passend beveiligingsniveau".
            r"\b(ensure|maintain|provide|guarantee|waarborgt|garandeert|zorgt voor|draagt zorg voor|handhaaft)\s+(an? |the |een |het )?(appropriate |adequate |passende? |adequa(a)?te? )?(level of security|security level|beveiligingsniveau)",
            # The data secured "adequately / appropriately" (Dutch verb last: "... adequaat beveiligen").
            # ... only right after the duty ("shall adequately secure"), not "its ability to adequately protect".
            r"\b(shall|will|must|agrees to|undertakes to)\s+(adequately|appropriately|properly|suitably) (secure|protect)s?\b.{0,30}(personal data|the data|data)|\b(shall|will|must|agrees to|undertakes to)\s+(secure|protect) (the |all |any )?(personal data|data)\b.{0,30}\b(adequately|appropriately|properly)\b",
            r"(persoonsgegevens|de gegevens)\b.{0,40}\b(adequaat|passend|op passende wijze|afdoende|goed|deugdelijk)\b.{0,10}\b(te )?(beveiligen|beveiligt|beschermen|beschermt)\b|\b(beveiligt|beschermt)\b.{0,10}(de )?(persoonsgegevens|gegevens)\b.{0,30}\b(adequaat|passend|op passende wijze|afdoende|deugdelijk)",
            r"(persoonsgegevens|de gegevens)\b.{0,40}\bte (beveiligen|beschermen)\b.{0,20}\btegen\b",
            r"\b(in accordance with|pursuant to|conform|overeenkomstig|volgens)\b.{0,30}\b(security measures|beveiligingsmaatregelen)",
            r"\b(take|takes|implement|implements|maintain|maintains|neemt|nemen|treft|treffen)\b.{0,40}\b(measures|maatregelen)\b.{0,20}(to (protect|secure|safeguard)|ter (bescherming|beveiliging)|om .{0,60}\bte (beveiligen|beschermen)\b)",
        ),
        missing_note=(
            "no duty to take the security measures of Article 32",
            "geen plicht om de beveiligingsmaatregelen van artikel 32 te nemen",
        ),
        gate=rx(r"measures|maatregel|safeguard|\b32\b|protect|beveilig|bescherm|secur"),
    ),
    Spec(
        "security_risks",
        "32(2)",
        ("Weighing the risks of Article 32(2)", "Afweging van de risico's van artikel 32 lid 2"),
        # Present: the measures weigh the harms Article 32(2) names (destruction, loss or
        # alteration, by accident or unlawfully; unauthorised disclosure or access).
        _measures(
            r"(destruction|destroy|vernietiging).{0,160}(loss|\blost\b|alteration|altered|disclosure|disclosed|access|damage|verlies|wijziging|aantasting|verstrekking|toegang)",
            r"(loss|verlies).{0,80}(destruction|alteration|disclosure|damage|vernietiging|wijziging|aantasting|beschadiging)",
            r"(unauthori[sz]ed|unlawful|onrechtmatige?|onbevoegde?|ongeoorloofde?).{0,40}(access|disclosure|processing|toegang|verwerking|verstrekking).{0,120}(loss|destruction|alteration|verlies|vernietiging|wijziging)",
            r"(loss|verlies).{0,80}(unlawful|unauthori[sz]ed|onrechtmatige?|onbevoegde?|ongeoorloofde?) (processing|access|use|disclosure|verwerking|toegang|gebruik|verstrekking|kennisneming|inzage)",
            # Dutch verbs: "dat persoonsgegevens verloren gaan of onbevoegd worden ingezien of gewijzigd".
            r"(verloren (gaan|gaat|raken|raakt)|vernietigd|beschadigd)\b.{0,80}\b(onbevoegd|ongeoorloofd|onrechtmatig|gewijzigd|ingezien|verstrekt|vernietigd|beschadigd)",
            r"(alteration|wijziging|destruction|vernietiging).{0,80}(unauthori[sz]ed|unlawful|onrechtmatige?|onbevoegde?|ongeoorloofde?) (access|disclosure|verstrekking|toegang)",
        ),
        # Partial: security matched to "the risk" (Article 32(1)) without naming those harms.
        _measures(
            r"(appropriate|proportionate|commensurate|passend|adequate) .{0,60}\b(to|for|with|bij|aan)\b (the )?(risks?|harm|risico)",
            r"(risks?|risico).{0,80}(rights and freedoms|rechten en vrijheden)",
            r"(level of security|beveiligingsniveau|security level).{0,160}\b(risks?|risico)",
            r"\brisk[- ]based\b|\brisicogebaseerde?\b|\bop (basis van )?(een )?risico'?s? gebaseerde?\b",
            r"\b(risks?|risico'?s?)\b (afgestemde?|aangepaste?|gebaseerde?)|(afgestemd|aangepast|passend|passende) (op|bij|aan) (het |de )?risico",
            r"\b(weighs?|weighing|takes? (into )?account of|take into account|considers?|consider|assess\w*|houdt? .{0,30}rekening met|weegt|afweg\w*)\b.{0,80}\b(risks?|risico'?s?)\b",
        ),
        partial_note=(
            "security is to match the risk, but the risks Article 32(2) names (destruction, loss or alteration of personal data, by accident or unlawfully, and unauthorised disclosure of or access to them) are not named",
            "de beveiliging moet bij het risico passen, maar de risico's die artikel 32 lid 2 noemt (vernietiging, verlies of wijziging van persoonsgegevens, per ongeluk of onrechtmatig, en ongeoorloofde verstrekking van of toegang tot die gegevens) worden niet genoemd",
        ),
        missing_note=(
            "the security measures do not weigh the risks of destruction, loss, alteration, unauthorised disclosure or access",
            "de beveiligingsmaatregelen wegen de risico's van vernietiging, verlies, wijziging, ongeoorloofde verstrekking of toegang niet af",
        ),
        # A breach notice or definition lists the same harms; the measures that weigh them count.
        exclude=rx(
            rf"{BREACH}.{{0,120}}(notif|inform|meld|report|occur|becom|aware)|(notif|inform|meld|report).{{0,120}}({BREACH}|becom|aware|bewust|kennis)|(?<!by )\bmeans\b|\bbetekent\b|stipulates|bepaalt dat"
        ),
        gate=rx(
            r"destr|vernietig|loss|verlies|verloren|risk|risico|unauthori|unlawful|onrechtmatig|onbevoegd|ongeoorloofd"
        ),
    ),
    Spec(
        "assist_data_subject_requests",
        "28(3)(e)",
        ("Assistance with data subjects' requests", "Bijstand bij verzoeken van betrokkenen"),
        _p(
            rf"{ASSIST}.{{0,260}}{RIGHTS}.{{0,80}}{DS}|{ASSIST}.{{0,260}}{DS}.{{0,120}}{RIGHTS}",
            rf"{DS}.{{0,120}}{RIGHTS}.{{0,160}}{ASSIST}|{RIGHTS}.{{0,80}}{DS}.{{0,160}}{ASSIST}",
            rf"{ASSIST}.{{0,160}}(respond|answer|reply|beantwoord|afhandel|afhandeling).{{0,40}}(requests|verzoeken|complaints|klachten)",
            rf"{ASSIST}.{{0,120}}(chapter iii|hoofdstuk iii|articles? 1[2-9]|artikelen 1[2-9]|\barts?\. ?1[2-9]\b|\bartikel 1[2-9]\b|rights? of (access|rectification|erasure)|exercise of (their )?rights)",
            # Article 28(3)(e) in its own words, without a verb of help: measures (or tools)
            # for the controller's duty to answer data subjects' requests.
            rf"^(?=.*{DS}).*\b(measures|means|maatregel\w*|middelen|functionalit\w*|tools|controls|enable\w*|in staat)\b.{{0,200}}(respond|answer|reply|deal with|handl|fulfil|comply with|beantwoord|reageren|reageert|afhandel|in te willigen|inwillig|voldoen aan|te voldoen aan)\w*.{{0,160}}(requests?|verzoek)",
            rf"^(?=.*{DS}).*\b(measures|means|maatregel\w*|middelen|functionalit\w*|tools|controls|enable\w*|in staat)\b.{{0,200}}(requests?|verzoek\w*).{{0,120}}\b(te )?(respond|answer|reply|beantwoorden|reageren|afhandelen|inwilligen|af te handelen|in te willigen)\b",
            rf"{INFO_HELP}.{{0,160}}(respond|answer|reply|beantwoord|afhandel|af te handelen)\w*.{{0,60}}(requests?|verzoek\w*).{{0,60}}{DS}|{INFO_HELP}.{{0,160}}(requests?|verzoek\w*).{{0,20}}\b(of|from|by|van|door)\b (the |de |a |een )?{DS}.{{0,40}}\b(te )?(respond|answer|reply|beantwoorden|afhandelen|af te handelen)\b",
            # The controller's duties towards the data subjects are those of Chapter III.
            rf"{ASSIST}.{{0,200}}\b(obligations?|duties|verplichtingen|plichten)\b.{{0,20}}\b(to|towards|vis-à-vis|jegens|tegenover|ten opzichte van) (the |de |its |any |all )?{DS}",
            # A subject access request is a data subject's request by another name.
            rf"{ASSIST}.{{0,200}}\b(subject access|dsars?|data subject access|inzageverzoek\w*)\b|\b(subject access|dsars?|inzageverzoek\w*)\b.{{0,200}}{ASSIST}",
            # Correcting or deleting data so that the controller can answer requests; the means to do so.
            # The requests must be the data subjects' ("requests from other customers" are not; issue 15).
            rf"\b(rectif\w*|correct\w*|eras\w*|delet\w*|export\w*|block\w*|restrict\w*|corrigeert|verwijdert|wist|afschermt|beperkt)\b.{{0,200}}\b(so that|to enable|in order to|zodat|opdat)\b.{{0,80}}{DS_REQUEST}",
            # ... of the personal data, not of other records ("export invoices for data subjects").
            rf"\b(means|tools|functionalit\w*|features?|middelen|functionaliteit\w*)\b.{{0,20}}\b(to|om)\b (rectify|correct|erase|delete|export|restrict)\b.{{0,40}}\b(personal data|data|information|records)\b(?! subjects?).{{0,120}}{DS}",
            # ... the data subjects named before the data ("tools to erase data subjects' personal data").
            rf"\b(means|tools|functionalit\w*|features?|middelen|functionaliteit\w*)\b.{{0,20}}\b(to|om)\b (rectify|correct|erase|delete|export|restrict)\b.{{0,40}}\b{DS}(['’]s?)? (own )?(personal data|data|information|records)\b",
            # The kinds of request named instead of the data subjects ("requests for access or erasure").
            rf"{ASSIST}.{{0,200}}{KIND_OF_REQUEST}",
            rf"^(?=.*({DS}|subject access)).*\b(provide|give|supply|furnish|send|verstrek\w*|geeft|levert)\b.{{0,60}}\b(information|data|details|documentation|informatie|gegevens|documentatie)\b.{{0,100}}(respond|answer|reply|beantwoord|afhandel)\w*.{{0,80}}(requests?|verzoek)",
        ),
        _p(
            rf"(request|verzoek|complaint|klacht).{{0,80}}{DS}.{{0,200}}(forward|refer|redirect|pass|doorsturen|doorgestuurd|doorgeleid|door|{INFORM})",
            rf"(forward|refer|redirect|doorsturen|doorgestuurd|doorgeleid|{INFORM}).{{0,160}}(request|verzoek|klacht|complaint).{{0,100}}{DS}",
            rf"{DS}.{{0,160}}(request|verzoek|contact|wendt).{{0,240}}(forward|refer|redirect|doorsturen|door|{INFORM})",
        ),
        partial_note=(
            "data subjects' requests are passed on, but assistance in answering them is not promised",
            "verzoeken van betrokkenen worden doorgestuurd, maar bijstand bij de afhandeling wordt niet toegezegd",
        ),
        missing_note=(
            "no assistance with data subjects' requests",
            "geen bijstand bij verzoeken van betrokkenen",
        ),
        other_subjects=frozenset({"service"}),
        gate=rx(DS + "|" + KIND_OF_REQUEST + r"|chapter iii|hoofdstuk iii|rights|respond|beantwoord|subject access|dsar|inzageverzoek|\b(arts?\.?|articles?|artikel(en)?) ?1[2-9]\b"),
    ),
    Spec(
        "assist_security",
        "28(3)(f), 32",
        ("Assistance with the security of processing", "Bijstand bij de beveiliging van de verwerking"),
        _p(
            rf"{ASSIST}.{{0,300}}({RANGE_32_34})",
            rf"{ASSIST}.{{0,200}}(security of (the )?(\w+ ){{0,2}}(processing|personal data|data)|beveiliging van (de )?(verwerking|persoonsgegevens|gegevens)|(regarding|in respect of|relating to|with respect to|concerning|as regards|in relation to|met betrekking tot|inzake|ten aanzien van|op het gebied van) (the |de )?(data |information |gegevens)?(security|beveiliging)\b(?! ?(incident|breach|event|lek))|\bart(icles?|ikel(en)?|\.)? ?32\b|artikelen? 32\b|(appropriate |adequate |passende? )?(level of security|security level|beveiligingsniveau))",
            # "assist by implementing measures" is the way of assisting (28(3)(e)), not its object.
            rf"{ASSIST}.{{0,200}}\b(with|in|regarding|to|on|for|bij|met)\b (\(?[a-z]{{1,4}}\) )?(the |de |het )?(implementation|implementing|taking|adopting|nemen|treffen|implementeren) (of |van )?(appropriate |adequate |passende )?(technical and organi[sz]ational|security|technische en organisatorische|beveiligings)",
            # "cooperate in ensuring that appropriate security measures are in place".
            rf"{ASSIST}.{{0,120}}\b(in ensuring|to ensure|ensuring|bij het waarborgen|bij het zorgen)\b (that )?.{{0,40}}(security measures|beveiligingsmaatregelen|(technical and organi[sz]ational|technische en organisatorische) (security )?(measures|maatregelen))",
            rf"{ASSIST}.{{0,200}}(met betrekking tot|ten aanzien van|op het gebied van|inzake|bij|regarding|concerning) (de |the )?(informatiebeveiliging|gegevensbeveiliging|information security)\b",
            rf"{ASSIST}.{{0,120}}\b(bij het (beveiligen|beschermen) van|(in|with) (securing|protecting)) (de |the |its |all )?(persoonsgegevens|gegevens|personal data|data)\b",
            rf"{ASSIST}.{{0,200}}\b(security|beveiligings)[- ]?(obligations|duties|requirements|verplichtingen|eisen|vereisten)",
        ),
        missing_note=(
            "no assistance with the controller's own duty to secure the processing (Article 32)",
            "geen bijstand bij de eigen beveiligingsplicht van de verwerkingsverantwoordelijke (artikel 32)",
        ),
        gate=rx(r"\b32\b|secur|beveilig|technical and organi|technische en organisatorische"),
    ),
    Spec(
        "assist_breach_notification",
        "28(3)(f), 33",
        (
            "Assistance with notifying a breach to the supervisory authority",
            "Bijstand bij het melden van een inbreuk aan de toezichthouder",
        ),
        _p(
            rf"{ASSIST}.{{0,300}}({RANGE_32_34})",
            rf"\bart(icles?|ikel(en)?|\.|s\.)? ?(\d\d(\s*\(\d\))?\s*(,|and|en|&|or|of)\s*)*33\b.{{0,300}}{ASSIST}",
            # Assistance under Art. 33 itself (its paragraph 3 is only what a notice contains).
            r"\b(assist|support|help|bijstand|bij te staan|bijstaan|ondersteun|medewerking|co-?operat)\w*.{0,200}\bart(icles?|ikel(en)?|\.|s\.)? ?(\d\d(\s*\(\d\))?\s*(,|and|en|&|or|of)\s*)*33\b(?!\s*\(\s*[2-5]\s*\)| lid [2-5])",
            rf"{ASSIST}.{{0,200}}({BREACH}|meldplicht).{{0,200}}(authorit|toezichthouder|autoriteit|regulator|\bart(icles?|ikel(en)?|\.|s\.)? ?(\d\d(\s*\(\d\))?\s*(,|and|en|&|or|of)\s*)*33\b|(notification|reporting|notify|report|meld)\w* (obligation|duty|dutie|requirement|verplichting|plicht)|obligations? to (notify|report)|meldplicht|verplichting(en)? .{{0,20}}(te )?melden)",
            rf"{ASSIST}.{{0,200}}(authorit|toezichthouder|autoriteit|regulator|\bart(icles?|ikel(en)?|\.|s\.)? ?(\d\d(\s*\(\d\))?\s*(,|and|en|&|or|of)\s*)*33\b).{{0,200}}{BREACH}",
            rf"(notif|report|melding|meldplicht|melden).{{0,100}}(obligation|verplichting|duty|plicht).{{0,200}}{ASSIST}",
            rf"(obligation|verplichting|duty|plicht).{{0,60}}(notif|report|meld).{{0,200}}{ASSIST}",
            rf"{ASSIST}.{{0,200}}(notif|report|melding|melden)\w*.{{0,40}}{BREACH}",
            rf"{BREACH}.{{0,200}}{ASSIST}.{{0,100}}(notif|report|meld)",
            rf"\b(assistance|support|bijstand|medewerking|hulp|co-?operation)\b.{{0,60}}(following|after|in the event of|in case of|in connection with|regarding|in relation to|with respect to|bij|na|in geval van|naar aanleiding van).{{0,40}}{BREACH}",
            rf"{BREACH}.{{0,200}}(information|informatie|details|gegevens).{{0,160}}(enable|allow|to meet|to comply|to fulfil|nodig|zodat|om .{{0,40}}(te melden|te voldoen)|needs?|require).{{0,200}}(notif|report|obligation|verplichting|meld|authorit|toezichthouder)",
            rf"{ASSIST}.{{0,200}}(notification|reporting|notify|report|meld)\w* (obligation|duty|duties|requirement|verplichting|plicht)\w*.{{0,80}}(authorit|toezichthouder|regulator|commissioner)",
            rf"{ASSIST}.{{0,200}}(notif|report|meld)\w* .{{0,40}}(information commissioner|data protection commission|autoriteit persoonsgegevens|commissioner)",
            # Dutch "meldplicht" is the duty to notify a breach (to the authority, and where
            # needed the data subjects); a notification "to the supervisory authority" is one.
            rf"{ASSIST}.{{0,200}}\bmeldplicht|\bmeldplicht\b.{{0,200}}{ASSIST}",
            rf"{BREACH}.{{0,200}}{SO_THAT}.{{0,120}}(\bmeldplicht|(notif|report|meld)\w*.{{0,80}}(authorit|toezichthoud|autoriteit|regulator|commissioner|obligation|verplichting|duty|duties|plicht|\b33\b))",
            rf"{ASSIST}.{{0,200}}\b(obligations?|duties|verplichtingen)\b.{{0,40}}\b(under|pursuant to|op grond van|uit|onder|van) (the )?\bart(icles?|ikel(en)?|\.|s\.)? ?33\b(?!\s*\(\s*[2-5]\s*\)| lid [2-5])",
            rf"{ASSIST}.{{0,200}}\b(notif\w*|report\w*|melding|melden)\b.{{0,30}}\b(to|with|aan|bij) (the |de |het |any |a |an |all |relevant |competent |bevoegde |betrokken )*(supervisory|data protection authorit|toezichthoud|autoriteit|authorit|regulator|commissioner)",
        ),
        _p(rf"{BREACH}.{{0,200}}{INFORM}", rf"{INFORM}.{{0,200}}{BREACH}"),
        partial_note=(
            "the processor tells the controller of a breach, but does not assist it in notifying the supervisory authority",
            "de verwerker meldt een inbreuk aan de verwerkingsverantwoordelijke, maar biedt geen bijstand bij de melding aan de toezichthouder",
        ),
        missing_note=(
            "no assistance with notifying a personal data breach to the supervisory authority (Article 33)",
            "geen bijstand bij de melding van een datalek aan de toezichthouder (artikel 33)",
        ),
        gate=rx(BREACH + r"|meld|notif|report|\b3[36]\b"),
    ),
    Spec(
        "assist_breach_communication",
        "28(3)(f), 34",
        (
            "Assistance with communicating a breach to data subjects",
            "Bijstand bij het informeren van betrokkenen over een inbreuk",
        ),
        _p(
            rf"{ASSIST}.{{0,300}}({RANGE_32_34})",
            rf"\bart(icles?|ikel(en)?|\.|s\.)? ?(\d\d(\s*\(\d\))?\s*(,|and|en|&|or|of)\s*)*34\b.{{0,300}}{ASSIST}",
            rf"{BREACH}.{{0,300}}{ASSIST}.{{0,200}}(communicat|notif|inform)\w*.{{0,60}}{DS}",
            rf"{ASSIST}.{{0,260}}{BREACH}.{{0,260}}{DS}",
            rf"{ASSIST}.{{0,260}}{DS}.{{0,260}}{BREACH}",
            rf"{ASSIST}.{{0,200}}\bart(icles?|ikel(en)?|\.|s\.)? ?(\d\d(\s*\(\d\))?\s*(,|and|en|&|or|of)\s*)*34\b",
            rf"{BREACH}.{{0,200}}(notif|communicat|inform|meld).{{0,80}}{DS}.{{0,200}}{ASSIST}",
            # Assistance with whatever a breach requires covers the communication too.
            rf"\b(assistance|support|bijstand|medewerking|hulp|co-?operation)\b.{{0,60}}(following|after|in the event of|in case of|in connection with|regarding|in relation to|with respect to|in respect of|bij|na|in geval van|naar aanleiding van).{{0,40}}{BREACH}",
            # Breach notification duties named without an addressee cover Articles 33 and 34
            # (one addressed to the supervisory authority is Article 33 alone).
            rf"{ASSIST}.{{0,200}}(obligation|duty|duties|verplichting|plicht)\w*.{{0,60}}\b(to notify|to report|notification|reporting|te melden|melding)\b.{{0,60}}{BREACH}(?!.{{0,80}}(authorit|toezichthouder|autoriteit|regulator))",
            rf"{ASSIST}.{{0,200}}{BREACH}.{{0,20}}(notification|reporting|notify|report|meld)\w* (obligation|duty|duties|requirement|verplichting|plicht)(?!.{{0,80}}(authorit|toezichthouder|autoriteit|regulator))",
            rf"{ASSIST}.{{0,200}}(breach notification|meldplicht datalekken|meldplicht)\b(?!.{{0,80}}(authorit|toezichthouder|autoriteit|regulator))",
            rf"{ASSIST}.{{0,160}}\b(regarding|in relation to|relating to|with respect to|in respect of|concerning|as regards|met betrekking tot|inzake|bij) (the )?(notification|reporting|melding) of .{{0,40}}{BREACH}(?!.{{0,80}}(authorit|toezichthouder|autoriteit|regulator))",
            # Notifying or informing the data subjects is the communication of Article 34, unless
            # the sentence is about their requests or about what the privacy notice tells them.
            rf"^(?!.*\b(requests?|verzoek\w*|exercis\w*|uitoefen\w*|privacy (statement|notice|policy)|privacyverklaring|transparan\w*|articles? 1[345]|artikel(en)? 1[345])\b).*?{ASSIST}.{{0,200}}\b(notif\w*|informing|inform|informeren|communicat\w*|mededeling|melding|melden|in kennis (te )?stell\w*|op de hoogte (te )?(stellen|brengen))\b.{{0,30}}\b(to |of |aan |van |with )?(the |all |any |relevant |affected |concerned |de |alle |getroffen )*{DS}",
            rf"{DS}.{{0,80}}{BREACH}.{{0,60}}(inform|notif|meld|communicat|op de hoogte|in kennis)\w*.{{0,200}}{ASSIST}|(inform|notif|communicat)\w*.{{0,40}}{DS}.{{0,80}}{BREACH}.{{0,200}}{ASSIST}",
        ),
        missing_note=(
            "no assistance with communicating a personal data breach to the data subjects (Article 34)",
            "geen bijstand bij het informeren van betrokkenen over een inbreuk in verband met persoonsgegevens (artikel 34)",
        ),
        gate=rx(DS + r"|\b3[46]\b|notif|report|meld|assist|support|bijstand|medewerking|hulp|co-?operat|help|ondersteun|werkt"),
    ),
    Spec(
        "assist_dpia",
        "28(3)(f), 35",
        (
            "Assistance with data protection impact assessments",
            "Bijstand bij gegevensbeschermingseffectbeoordelingen",
        ),
        _p(
            rf"{ASSIST}.{{0,300}}({RANGE_32_36})",
            rf"{ASSIST}.{{0,260}}({DPIA}|\bart(icles?|ikel(en)?|\.|s\.)? ?(\d\d(\s*\(\d\))?\s*(,|and|en|&|or|of)\s*)*35\b)",
            rf"((?<!transfer )impact assessment|effectbeoordeling|\bdpias?\b|\bgeb\b|assessment of the (likely )?impact\b(?=.{{0,80}}\b(on|for|upon|to) (the )?(protection of (the )?|rights (and freedoms )?of (the )?)?(personal data|data subjects|privacy|natural persons|individuals)|.{{0,40}}\bof (the )?(envisaged |intended |planned |proposed )?processing)|assess\w* the (likely )?impact\b(?=.{{0,80}}\b(on|for|upon|to) (the )?(protection of (the )?|rights (and freedoms )?of (the )?)?(personal data|data subjects|privacy|natural persons|individuals)|.{{0,40}}\bof (the )?(envisaged |intended |planned |proposed )?processing)|beoordeling van (het|de) (effect|gevolgen)|\bart(icles?|ikel(en)?|\.|s\.)? ?(\d\d(\s*\(\d\))?\s*(,|and|en|&|or|of)\s*)*35\b).{{0,200}}{ASSIST}",
            rf"{TAKE_PART}.{{0,160}}{DPIA}",
            rf"{INFO_HELP}.{{0,160}}{DPIA}",
        ),
        missing_note=(
            "no assistance with data protection impact assessments (Article 35)",
            "geen bijstand bij gegevensbeschermingseffectbeoordelingen (artikel 35)",
        ),
        gate=rx(r"impact|dpia|\bpias?\b|\bgeb\b|\b3[56]\b|assess|effectbeoordeling|beoordeling|gevolgen"),
    ),
    Spec(
        "assist_prior_consultation",
        "28(3)(f), 36",
        (
            "Assistance with prior consultation of the supervisory authority",
            "Bijstand bij de voorafgaande raadpleging van de toezichthouder",
        ),
        _p(
            rf"{ASSIST}.{{0,300}}({RANGE_32_36})",
            rf"{ASSIST}.{{0,300}}(prior consultation|consult\w*.{{0,60}}(authorit|regulator|toezichthouder|supervisor|agency)|regulatory consultation|voorafgaande? raadpleging|raadpleging van de|\bart(icles?|ikel(en)?|\.|s\.)? ?(\d\d(\s*\(\d\))?\s*(,|and|en|&|or|of)\s*)*36\b)",
            rf"(prior consultation|voorafgaande? raadpleging|\bart(icles?|ikel(en)?|\.|s\.)? ?(\d\d(\s*\(\d\))?\s*(,|and|en|&|or|of)\s*)*36\b).{{0,200}}{ASSIST}",
            rf"{ASSIST}.{{0,200}}(toezichthouder|autoriteit|authorit|regulator).{{0,40}}(raadpleg|consult)",
            rf"{ASSIST}.{{0,200}}(voorafgaande? raadpleg|raadpleg\w* (van |bij )?(de |het )?(toezichthouder|autoriteit))",
            rf"(prior consultation|consult\w*.{{0,60}}(authorit|regulator|toezichthouder|supervisor|agency)|voorafgaande? raadpleg|(toezichthouder|autoriteit).{{0,40}}raadpleg).{{0,200}}{ASSIST}",
            rf"{INFO_HELP}.{{0,160}}(prior consultation|consult\w*.{{0,60}}(authorit|regulator|toezichthouder|supervisor|agency)|voorafgaande? raadpleg|raadpleg\w* (van |bij )?(de |het )?(toezichthouder|autoriteit))",
            rf"{TAKE_PART}.{{0,160}}(prior consultation|consult\w*.{{0,60}}(authorit|regulator|toezichthouder|supervisor|agency)|voorafgaande? raadpleg|raadpleg\w* (van |bij )?(de |het )?(toezichthouder|autoriteit))",
        ),
        missing_note=(
            "no assistance with consulting the supervisory authority before high-risk processing (Article 36)",
            "geen bijstand bij de voorafgaande raadpleging van de toezichthouder (artikel 36)",
        ),
        gate=rx(r"consult|raadpleg|\b36\b"),
    ),
    Spec(
        "delete_or_return",
        "28(3)(g)",
        (
            "Deletion or return of the data at the end",
            "Verwijdering of teruggave van de gegevens bij het einde",
        ),
        _p(
            r"(delet|eras|destroy|destruct|return|verwijder|vernietig|wis|retour|terug te (geven|bezorgen|sturen)|teruggeven|terugbezorg|teruggave|hand over|ter beschikking|purg).{0,200}(terminat|expir|end of|the end|completion|ceas|cessation|\bended\b|\bends\b|einde|beëindig|afloop|afgelopen|eindigt|no longer (needed|required|necessary)|niet langer nodig|retention|bewaartermijn|upon (written )?request|op verzoek|choice|keuze|election|discretion)",
            r"(terminat|expir|end of|completion|einde|beëindig|afloop|eindigt|\beindigen\b|geëindigd|ceas|cessation|\bends?\b|\bended\b).{0,200}(delet|eras|destroy|return|verwijder|vernietig|wis|retour|terug|teruggave|hand over|dispos|purg|overdragen|over te dragen|\bdraagt\b.{0,80}\bover\b)",
            r"(dispos).{0,200}(terminat|expir|end of|the end|completion|ceas|cessation)",
        ),
        missing_note=(
            "nothing on deleting or returning the personal data at the end of the services",
            "niets over het verwijderen of teruggeven van de persoonsgegevens na afloop van de dienstverlening",
        ),
        other_subjects=frozenset({"controller"}),
        controller_needs=rx(
            r"request|instruct|choose|choice|option|elect|decide|decision|determin|entitled|right to|require|\bask|direct|discretion|verzoek|keuze|kiest|verlangt|opdracht|instructie|bepaalt|bepalen|vraagt|beslist|recht om|gerechtigd"
        ),
        exclude=rx(
            r"(accidental|unlawful|unauthori[sz]ed|onrechtmatige|onbevoegde|ongeoorloofde|per ongeluk).{0,40}(destruction|loss|vernietiging|verlies)|survive|blijft .{0,30}(van kracht|gelden)"
        ),
        gate=rx(r"delet|eras|destr|return|verwijder|vernietig|\bwis|gewist|retour|terug|hand over|ter beschikking|dispos|purg|overdragen|over te dragen|\bdraagt\b"),
    ),
    Spec(
        "instruction_infringement_alert",
        "28(3)",
        (
            "Alert when an instruction infringes the law",
            "Waarschuwing als een instructie in strijd is met de wet",
        ),
        _p(
            rf"{INSTRUCTION}.{{0,200}}(infring|violat|contrary to|conflicts? with|in conflict with|strijdig|in strijd|schend|inbreuk|contraven|breach(es)?|unlawful|illegal|onrechtmatig|niet .{{0,20}}(in overeenstemming|conform)|not .{{0,20}}(comply|compliant|in accordance|lawful)).{{0,200}}{ALERT}",
            rf"{ALERT}.{{0,200}}{INSTRUCTION}.{{0,200}}(infring|violat|contrary to|conflicts? with|in conflict with|strijdig|in strijd|schend|inbreuk|contraven|breach|unlawful|illegal|onrechtmatig|niet .{{0,20}}(in overeenstemming|conform)|not .{{0,20}}(comply|compliant|in accordance|lawful))",
            rf"(infring|violat|contrary to|conflicts? with|in conflict with|strijdig|in strijd|schend|contraven|unlawful|onrechtmatig).{{0,200}}{INSTRUCTION}.{{0,200}}{ALERT}",
        ),
        missing_note=(
            "no duty to tell the controller at once when an instruction infringes the law",
            "geen plicht om de verwerkingsverantwoordelijke direct te waarschuwen als een instructie in strijd is met de wet",
        ),
        gate=rx(INSTRUCTION),
    ),
    Spec(
        "compliance_information",
        "28(3)(h)",
        ("Information to demonstrate compliance", "Informatie om naleving aan te tonen"),
        _p(
            r"(information|documentation|informatie|inlichtingen|documentatie|the documents|de documenten|evidence|bewijs|records).{0,160}(demonstrat|show|prove|aan te tonen|aantonen|aantoont|verify|verif|(te )?controleren|toetsen|(obligations|verplichtingen).{0,60}(are met|worden nagekomen|nagekomen|are complied with))",
            r"(demonstrat|aan te tonen|aantonen).{0,120}(compliance|naleving|complies|voldoet|nakom).{0,200}(information|documentation|informatie|provide|make available|ter beschikking|verstrek)",
            r"(make available|makes? .{0,80}\bavailable\b|provide|\b(give|gives|send|sends|share|shares|deliver|delivers|supply|supplies|furnish|furnishes)\b|ter beschikking|verstrek|overleg|\b(geeft|stuurt|deelt|overhandigt|levert)\b).{0,120}(penetration test (summar|report|result)|pentest ?(summar|report|result|rapport|samenvatting|resultat)|audit reports?|certificat|certificering|verklaring|soc ?[12]|iso ?27001|third[- ]party audit|rapport|isae|third party memorandum|\btpm\b|assurance)",
            r"(third party memorandum|\btpm\b|isae ?3[04]\d\d).{0,120}\b(ter beschikking|available|provide|verstrek)",
            r"(audit reports?|certificat|certificering|soc ?[12] (type ii )?reports?|iso ?27001).{0,80}\b(made available|available to|provided to|ter beschikking|verstrekt aan)\b",
            r"(respond|answer|complete|beantwoord|invullen|vult).{0,60}(questionnaires?|vragenlijst)",
            r"(make available|makes? .{0,80}\bavailable\b|provide|ter beschikking|verstrek)\w*.{0,80}\b(summary|summaries|results?|copy|copies|samenvatting|resultaten|kopie) (of|van) .{0,40}\b(audits?|assessments?|pentests?|penetration tests?|(security )?reviews?)\b",
            # Dutch puts "beschikbaar" last: "stelt ... de resultaten van de laatste beveiligingsaudit beschikbaar".
            r"\b(samenvatting|resultaten|uitkomsten|kopie|rapport\w*)\b (van|uit) .{0,60}\w*(audit|assessment|pentest|toets\w*|onderzoek)\b.{0,40}\b(beschikbaar|ter beschikking|verstrekt|overlegt|overhandigt)\b",
            # Its own compliance with this agreement, not a provider's with outside standards.
            r"\bdemonstrat\w* (its |their )?compliance with (this|these|the) (agreement|dpa|addendum|clauses|terms|obligations)|\bdemonstrat\w* its compliance\b|\b(aan te tonen|aantonen|toont .{0,60}\baan\b)\b.{0,30}\b(dat|that)\b.{0,60}(verplichtingen|deze (verwerkers)?overeenkomst)\b.{0,40}(nakomt|nagekomen|naleeft|nageleefd)",
            r"(information|documentation|informatie|evidence).{0,120}\bsatisfy (itself|themselves|himself)\b.{0,80}(compl|meets? (its|the) obligations)",
            r"(information|informatie)\b.{0,80}\b(about|regarding|on|concerning|relating to|over|omtrent|met betrekking tot) (its |the |their |de |zijn |haar )?(compliance|naleving)",
            r"(information|documentation|informatie|inlichtingen|documentatie|documents|documenten|records)\b.{0,200}\b(assess|confirm|establish|check|monitor|review|evaluat|vast te stellen|beoordelen|na te gaan|toe te zien|toezien)\w*.{0,60}(compl|naleving|nakom|obligations|verplichtingen|(data protection|privacy|security) practices)",
            # Information for the controller's audit ("all information it requires in connection with an audit").
            r"\b(information|documentation|records|informatie|inlichtingen|documentatie)\b.{0,120}(\b(in connection with|in relation to|for|in verband met|ten behoeve van|voor)\b (the |an? |any |its |een |de |het )?(audits?|inspections?|audit)\b(?! (trail|log))|\b(satisfy|meet|fulfil)\w*\b.{0,30}\baudit)",
            # Its policies, procedures and records made available ("for review", "op verzoek").
            r"\b(make|makes|stelt|stellen)\b.{0,20}\b(its |their |zijn |haar )?(policies|procedures|records|documentation|beleid|registers?|documentatie)\b.{0,80}\b(available|ter beschikking|beschikbaar)\b",
            # "shows the Client that it complies with the obligations of this agreement".
            r"\b(show|shows|prove|proves|demonstrate|demonstrates|toont|tonen)\b.{0,60}\b(that|dat)\b.{0,40}\b(complies with|compl(y|ies) with|meets|fulfils|is in compliance with|nakomt|naleeft|voldoet aan)\b.{0,60}(obligations|this (agreement|dpa|addendum)|these clauses|verplichtingen|deze (verwerkers)?overeenkomst)",
            r"(information|documentation|informatie|documentatie)\b.{0,160}\b(accountability|verantwoordingsplicht)",
            r"(informatie|documentatie|inlichtingen)\b.{0,160}\b(naleving|nakoming)\b.{0,60}(vast te stellen|te beoordelen|na te gaan|te controleren|te toetsen|aan te tonen)",
            r"(evidence|proof|bewijs|bewijsstukken) (of|van) (its |the |their |processor's |de |zijn )?(compliance|conformity|naleving|nakoming)",
            # "evidence that it has implemented the measures this DPA requires"; a confirmation or
            # statement that it complies with this agreement; told or reported on its compliance.
            r"\b(evidence|proof|bewijs)\b (that|dat) .{0,60}\b(implemented|complies|meets|fulfils|heeft geïmplementeerd|nakomt|naleeft)\b.{0,60}(this (dpa|agreement|addendum)|deze (verwerkers)?overeenkomst|obligations|verplichtingen)",
            r"\b(confirmation|statement|declaration|bevestiging|verklaring)\b.{0,20}\b(that|dat)\b.{0,40}\b(complies with|compl(y|ies) with|meets|fulfils|nakomt|naleeft|voldoet aan)\b (this (dpa|agreement|addendum)|these clauses|(all )?(its|the) obligations|deze (verwerkers)?overeenkomst|(alle )?(zijn|haar|de) verplichtingen)",
            # Not a compliance officer, nor compliance with something other than the data protection
            # duties ("its internal sales targets"; issue 15).
            rf"({INFORM[1:-1]}|\breports?\b|\brapporteert\b)\w*.{{0,60}}\b(of|about|on|regarding|over|omtrent)\b (its |the |their |zijn |haar |de )?(compliance|naleving)\b"
            r"(?!'s|\s*(officer|team|department|function|manager|functionaris|afdeling))"
            r"(?!\s+(with|van|met)\b(?!\s+(this|these|the|its|all|deze|de|het|zijn|haar|alle) (agreement|dpa|addendum|clauses|obligations|terms|data protection|privacy|gdpr|avg|law|overeenkomst|verwerkersovereenkomst|verplichtingen|wet|gegevensbescherming)))",
            rf"{INFORM}.{{0,60}}\b(about|of|on|over|omtrent)\b (the way|the manner in which|how|de wijze waarop|de manier waarop|hoe)\b.{{0,80}}\b(meets|complies|fulfils|nakomt|naleeft|voldoet)\b",
            # Information that lets the controller make sure that the processor complies.
            rf"\b(information|documentation|informatie|inlichtingen|documentatie)\b.{{0,160}}\b(ensure|make sure|verify|satisfy itself|nagaan|vaststellen|zich ervan vergewissen) (that|dat) (the )?({PROCESSOR_WORDS}|it|hij)\b.{{0,20}}\b(complies|compl(y|ies) with|meets|fulfils|nakomt|naleeft|voldoet)",
            r"(informatie|inlichtingen|documentatie)\b.{0,160}\b(nageleefd|naleeft|nagekomen|nakomt)\b",
            r"\b(records?|register|registers|documentation|documentatie)\b.{0,20}\b(of|van|on|over|about|regarding)\b (its |the |all |de |alle )?(processing|verwerking)\w*.{0,120}\b(make (them|it|these|those|such)( records| documents)? available|made available|available to|provide (them|it|a copy)|ter beschikking|verstrekt)",
            # The controller asks for the reports ("may request a copy of the latest SOC 2 report").
            r"\b(request\w*|ask\w*|verzoek\w*|opvragen|vraagt|vragen)\b( for| om| to (receive|see|obtain))?\s+(a |an |the |its |een |de |het )?((cop(y|ies)|kopie\w*|summar(y|ies)|samenvatting\w*|access to|inzage in)\b.{0,50}|.{0,15})\b(audit reports?|certificat\w*|certificering\w*|soc ?[12]|iso ?27001|isae ?3[04]\d\d|third party memorandum|\btpm\b|assurance reports?|(audit|pentest|assurance)rapport\w*|rapport\w* van .{0,40}(auditor|deskundige))",
            # Answering the controller's questions about the processing is information on request.
            r"\b(respond\w*|answer\w*|reply|replies|responses?|beantwoord\w*|antwoord\w*|co-?operat\w* with|compl(y|ies) with|honou?rs?|fulfils?|reageert op|voldoet aan|gaat in op)\b (to |op )?.{0,40}\b(requests? for information|information requests?|questions|vragen|verzoeken om informatie|informatieverzoeken)\b.{0,80}\b(process\w*|compliance|security|data protection|this (agreement|dpa|addendum)|verwerking\w*|naleving|beveiliging|gegevensbescherming|deze (verwerkers)?overeenkomst)",
        ),
        missing_note=(
            "no duty to make available the information needed to demonstrate compliance",
            "geen plicht om de informatie ter beschikking te stellen die nodig is om naleving aan te tonen",
        ),
        # The controller's right to ask for that information ("the Controller may request
        # from the Processor all information needed to ...", "... a copy of its audit report");
        # its own duties never count, nor a request about a sub-processor's audit.
        other_subjects=frozenset({"controller"}),
        controller_needs=rx(
            rf"^(?!.*{SUB_PARTY}).*?\b(request\w*|ask|asks|demand\w*|require|entitled to (receive|obtain)|right to (receive|obtain)|verzoek\w*|vraagt|vragen|verlangt|verlangen|opvragen|vraagt .{{0,40}}\bop\b)\b.{{0,60}}\b(information|documentation|evidence|reports?|certificat\w*|cop(y|ies)|summar(y|ies)|informatie|inlichtingen|documentatie|bewijs|rapport\w*|certificering\w*|verklaring\w*|kopie\w*|samenvatting\w*)\b"
        ),
        gate=rx(
            r"questions|vragen|requests? for information|information requests?|verzoeken om informatie|informatieverzoek|isae|verklaring|\btpm\b|memorandum|assurance|demonstrat|show|prove|aan te tonen|aantonen|aantoont|compliance|naleving|nagekomen|nakoming|nageleefd|naleeft|nakomt|verif|audit|inspect|certif|rapport|\bsoc\b|\biso\b|satisfy|conformity|accountab|verantwoording|compl|records?\b|register|confirm|review|documentation|documentatie|questionnaire|vragenlijst|practices|monitor|toe te zien|information|informatie|inlichtingen|evidence|bewijs|penetration|pentest|\bmeets\b|the way it|de wijze waarop"
        ),
    ),
    Spec(
        "audits_inspections",
        "28(3)(h)",
        ("Audits and inspections", "Audits en inspecties"),
        _p(
            r"\b(allow\w*|permit\w*|submit\w*|contribut\w*|co-?operat\w*|facilitat\w*|enabl\w*|accept\w*|agree\w*|medewerking|verleent|toestaan|staat .{0,30}toe|laat .{0,40}toe|onderwerpt|gerechtigd|entitled|right to|may|mag|kan|can|recht)\b.{0,200}\b(audits?|auditors?|auditing|audited|inspect|inspects|inspection|inspections|inspectie|inspecties|inspecteren|inspecteert|laten inspecteren|auditen|(?<!onder )(?<!onder de )controles?|controleren|on[- ]?site)\b",
            r"\b(audits?|inspecties?|controles?)\b.{0,40}\bmogelijk\b|\bmaakt .{0,40}\b(audits?|inspecties?|controles?)\b.{0,160}\bmogelijk\b",
            r"\b(audit|audits|inspect|inspection|inspections|inspectie|inspecteren|laten inspecteren|(?<!onder )(?<!onder de )controle|controleren)\b.{0,200}(allow|permit|submit|contribut|co-?operat|facilitat|entitled|right|may|mag|\bkan\b|\bcan\b|medewerking|toestaan|carried out|conducted|performed|uitgevoerd|uitvoeren|uit te voeren|laten uitvoeren)",
            # Dutch: "stelt ... in staat audits uit te voeren", "de naleving (laten) toetsen",
            # "een onderzoek naar de naleving".
            r"\bin staat\b.{0,60}\b(audits?|inspecties?|controles?|te controleren|te inspecteren)\b",
            r"\b(mag|mogen|kan|kunnen|recht|gerechtigd|medewerking|staat .{0,30}toe)\b.{0,120}\b(naleving|nakoming)\b.{0,80}\b(toetsen|te toetsen|laten toetsen|controleren|te controleren)\b",
            r"\b(medewerking|meewerk\w*|mee te werken|recht|gerechtigd|mag|kan)\b.{0,80}\bonderzoek\w*\b.{0,80}\b(naar|van|op)\b.{0,30}\b(naleving|nakoming)\b",
            # Access to the premises to check compliance is an inspection.
            r"\b(access to|toegang tot)\b.{0,60}\b(premises|facilities|sites?|locations?|offices|data cent(er|re)s?|panden|locaties|gebouwen|bedrijfsruimten)\b.{0,160}\b(verify|check|review|assess|inspect|controleren|toetsen|na te gaan|compliance|naleving)",
        ),
        missing_note=("no right to audits or inspections", "geen recht op audits of inspecties"),
        other_subjects=frozenset({"controller"}),
        controller_if=rx(r"\b(audit\w*|inspect\w*|inspecties?|controleren|toetsen|onderzoek\w*)\b"),
        gate=rx(r"audit|inspect|controle|on[- ]?site|in staat|toetsen|onderzoek|access to|toegang tot"),
    ),
    Spec(
        "subprocessor_same_obligations",
        "28(4)",
        (
            "The same obligations imposed on sub-processors",
            "Dezelfde verplichtingen opgelegd aan subverwerkers",
        ),
        _p(
            rf"{SUB}.{{0,260}}(same|equivalent|similar|comparable|no less|not less|at least|as protective|as restrictive|as onerous|as strict|consistent with|at a minimum equal|sufficient guarantees|voldoende garanties|niet minder|dezelfde|gelijkwaardige?|vergelijkbare?|ten minste|minimaal|tenminste|evenveel|gelijke|even streng)",
            # Likeness words count only next to the obligations they compare ("invoices correspond
            # to the purchase orders" is not it; issue 15).
            rf"{SUB}.{{0,260}}(compatible|identical|identieke?|hetzelfde|\bmatch(es|ing)?\b|\bcorrespond(s|ing)? (to|with)\b|\bovereenkomt met\b|\bovereenkomen met\b|\bovereenstemt met\b).{{0,40}}(\b(data protection |gegevensbeschermings)?(obligations|verplichtingen)|\bth(is|ese) (dpa|agreement|addendum|clauses)|\bdeze (verwerkers)?overeenkomst)",
            rf"(same|equivalent|similar|comparable|no less|at least|dezelfde|gelijkwaardige?|vergelijkbare?|ten minste|tenminste).{{0,200}}{SUB}",
            rf"{SUB}.{{0,200}}(impose|bind|bound|flow down|oplegg|opgelegd|legt .{{0,60}}op|gebonden).{{0,160}}(obligation|terms|verplichting|voorwaarden|eisen|protection|bescherming|this (dpa|agreement|addendum))",
            rf"(requir\w*|verplicht\w*|oblig\w*) (the |each |every |any |such |its |all |their |de |elke |iedere |zijn |haar |alle )?{SUB}\w* (to|om)\b.{{0,160}}(obligation|terms|verplichting|voorwaarden|eisen|afspraken|protection|bescherming|this (dpa|agreement|addendum|contract)|deze (verwerkers)?overeenkomst)",
            # Obligations handed on: "draagt de verplichtingen ... over aan iedere subverwerker".
            rf"\b(obligations|verplichtingen|terms|voorwaarden|afspraken)\b.{{0,120}}\b(over aan|door aan|on to|down to|doorgeven aan|door te geven aan|door te leggen aan|doorleggen aan|extends? to|extended to)\b.{{0,40}}{SUB}",
            rf"(impose|oplegg|opgelegd|legt|flows? down|flowing down|pass(es)? on|doorleg|door te leggen).{{0,160}}(obligation|terms|verplichting|voorwaarden|eisen).{{0,160}}{SUB}",
            rf"(impose|imposes|oplegg|legt|flows? down|pass(es)? on)\b.{{0,40}}\b(on|upon|to|aan)\b (the |each |any |every |all |its |such |de |het |elke |iedere )?{SUB}.{{0,160}}(obligation|terms|verplichting|voorwaarden|eisen|requirements)",
            rf"{SUB}.{{0,120}}(obligation|verplichting)\w*.{{0,120}}(impose|oplegg|opgelegd|opleggen|op te leggen|bind)",
            rf"(written|schriftelijke?) (agreement|contract|overeenkomst).{{0,80}}{SUB}.{{0,200}}(obligation|terms|verplichting|voorwaarden|protection|bescherming)",
            rf"{SUB}.{{0,120}}(meet|compl(y|ies) with|be bound by|abide by|adhere to|observe|voldoen aan|naleven|nakomen|nakomt|naleeft).{{0,120}}(obligation|verplichting|(requirements|terms|provisions) of this|(eisen|voorwaarden|bepalingen) (van|uit) deze)",
            rf"{SUB}.{{0,200}}\bprotect\w*\b.{{0,40}}\bas well as (this|these|the) (dpa|agreement|addendum|clauses)",
            # "verplicht de subverwerkers tot naleving van deze overeenkomst"
            rf"\b(verplicht|verbindt)\w*\b.{{0,60}}{SUB}\w*.{{0,60}}\btot (naleving|nakoming)\b.{{0,60}}(overeenkomst|verplichting|voorwaarden|afspraken)",
            REF_28_2_4,
            rf"{SUB}.{{0,60}}\b(performs?|fulfils?|complies with)\b.{{0,20}}\b(the|its|all) obligations (under|of|in|set out in) (this |these |the )?(dpa|agreement|addendum|clauses|sections?|schedule)",
            rf"{SUB}.{{0,200}}\bas (if|though) (it|they) (were|was|are|is) (a )?part(y|ies)\b",
            rf"\bby (way of )?(a )?(written )?(contract|agreement)\b.{{0,80}}{SUB}.{{0,160}}(obligation|terms|protection|conditions|requirements)",
        ),
        in_section=_p(
            rf"^(?=.*{REFERS_BACK}).*\b(impose\w*|bind\w*|bound|requir\w*|oblig\w*|flow\w* down|pass\w* on|legt|oplegg\w*|verplicht\w*|gebonden)\b.{{0,80}}\b(same|equivalent|similar|no less|at least|as protective|as strict|dezelfde|gelijkwaardige?|vergelijkbare?|ten minste|tenminste)\b.{{0,30}}\b(same |equivalent |dezelfde |gelijkwaardige )?(data protection |gegevensbeschermings)?(obligations?|verplichtingen)\b",
        ),
        section=rx(SUB),
        antecedent=rx(SUB),
        missing_note=(
            "no rule that sub-processors take on the same data protection obligations",
            "geen regel dat subverwerkers dezelfde verplichtingen inzake gegevensbescherming krijgen",
        ),
        other_subjects=frozenset({"subprocessor"}),
        gate=rx(SUB),
    ),
    Spec(
        "subprocessor_liability",
        "28(4)",
        ("Full liability for sub-processors", "Volledige aansprakelijkheid voor subverwerkers"),
        _p(
            # Liability named near a sub-processor is liability for it ("liable for the acts of").
            rf"(liable|liability|answerable|aansprakelijk|\binstaat\b|\bstaat\b.{{0,60}}\bin voor\b|\bstaat\b.{{0,80}}\bvoor in\b).{{0,200}}{SUB}",
            rf"{SUB}.{{0,260}}(liable|liability|answerable|aansprakelijk|\binstaat\b)",
            # "Responsible" only for what the sub-processor does, or remaining so: being
            # "responsible for ensuring" or "for selecting" sub-processors is a duty, not liability.
            r"\b(remains?|stays?|blijft|blijven)\b.{0,40}\b(responsible|accountable|verantwoordelijk)\b",
            rf"\b(responsible|accountable|verantwoordelijk)\b(?! for (ensuring|making sure|selecting|the selection|choosing|procuring|obtaining))(?! voor (het selecteren|de selectie|de keuze)).{{0,100}}\b(acts?|omissions?|conduct|performance|fulfil\w*|failures?|fails?|breach\w*|compliance|work|handelen|handelingen|nalaten|nalatigheden|gedragingen|nakoming|naleving|tekortkoming\w*|fouten)\b.{{0,100}}{SUB}",
            rf"{SUB}.{{0,200}}\b(fails?|failure|breach\w*|caused|tekortschiet|tekortkom\w*|niet nakomt|niet naleeft|veroorzaakt)\b.{{0,160}}\b(responsible|accountable|verantwoordelijk)\b",
            rf"\b(responsible|accountable|verantwoordelijk)\b.{{0,20}}\b(for|voor)\b.{{0,40}}{SUB}.{{0,60}}\b(as (if|though|for) (it|its|they|their|itself)|in the same way|to the same extent|als (voor|ware|gold)|alsof|op dezelfde wijze)",
            REF_28_2_4,
        ),
        missing_note=(
            "no rule that the processor remains fully liable for its sub-processors",
            "geen regel dat de verwerker volledig aansprakelijk blijft voor zijn subverwerkers",
        ),
        gate=rx(SUB),
    ),
)
