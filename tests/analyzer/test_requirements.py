"""Each requirement of Article 28(2)-(4) and 32(2), decided from the sentence that states it."""

# Sample sentences read better on one line.
# ruff: noqa: E501

from __future__ import annotations

from art28.analyzer import analyze, report_text
from art28.analyzer.requirement_rules import SPECS

FULL_EN = """\
Data Processing Agreement

1. Instructions
1.1 The Supplier processes personal data only on the documented instructions of the Customer.
1.2 Where Union or Member State law requires the Supplier to process the data in another way, the Supplier tells the Customer about this duty before it starts, unless the law forbids telling.
1.3 The Supplier warns the Customer without delay when it believes an instruction of the Customer breaches data protection law.

2. Confidentiality
2.1 The Supplier ensures that every employee who processes the personal data is bound by a duty of confidentiality.

3. Security
3.1 The Supplier implements appropriate technical and organisational measures to ensure a level of security appropriate to the risk, in particular against accidental or unlawful destruction, loss, alteration and unauthorised disclosure of or access to the data.

4. Sub-processors
4.1 The Customer gives the Supplier general written authorisation to engage sub-processors.
4.2 The Supplier informs the Customer of any intended addition or replacement of a sub-processor at least 30 days in advance, and the Customer may object to the change within that period.
4.3 The Supplier binds each sub-processor by written contract to data protection obligations no less strict than its own under this Agreement.
4.4 The Supplier remains fully liable to the Customer for the performance of the obligations of its sub-processors.

5. Assistance
5.1 The Supplier assists the Customer with appropriate technical and organisational measures in responding to requests from data subjects who exercise their rights.
5.2 The Supplier assists the Customer in complying with its obligations under Articles 32 to 36 GDPR, taking into account the nature of the processing and the information available to the Supplier.

6. End of the processing
6.1 At the end of the services, the Supplier deletes or returns all personal data, at the choice of the Customer.

7. Audits
7.1 The Supplier makes available to the Customer all information necessary to demonstrate compliance with this Agreement.
7.2 The Supplier allows for and contributes to audits, including inspections, conducted by the Customer or an auditor it mandates.
"""

FULL_NL = """\
Verwerkersovereenkomst

Artikel 1 Instructies
1.1 Opdrachtnemer handelt bij de verwerking alleen volgens gedocumenteerde instructies van Opdrachtgever.
1.2 Is Opdrachtnemer op grond van de wet verplicht de gegevens anders te verwerken, dan stelt Opdrachtnemer Opdrachtgever vooraf op de hoogte van dat wettelijke voorschrift, tenzij de wet dat verbiedt.
1.3 Opdrachtnemer waarschuwt Opdrachtgever onmiddellijk als een instructie naar zijn oordeel in strijd is met de AVG.

Artikel 2 Geheimhouding
2.1 Opdrachtnemer zorgt dat alle medewerkers die de persoonsgegevens verwerken tot geheimhouding verplicht zijn.

Artikel 3 Beveiliging
3.1 Opdrachtnemer treft passende technische en organisatorische maatregelen die passen bij het risico, met name tegen vernietiging, verlies, wijziging en ongeoorloofde verstrekking van of toegang tot de gegevens.

Artikel 4 Subverwerkers
4.1 Opdrachtgever geeft Opdrachtnemer algemene schriftelijke toestemming om subverwerkers in te schakelen.
4.2 Opdrachtnemer informeert Opdrachtgever ten minste dertig dagen vooraf over een voorgenomen toevoeging of vervanging van een subverwerker; Opdrachtgever kan binnen die termijn bezwaar maken.
4.3 Opdrachtnemer legt iedere subverwerker schriftelijk dezelfde verplichtingen inzake gegevensbescherming op als in deze overeenkomst.
4.4 Opdrachtnemer blijft jegens Opdrachtgever volledig aansprakelijk voor het nakomen van de verplichtingen van zijn subverwerkers.

Artikel 5 Bijstand
5.1 Opdrachtnemer helpt Opdrachtgever met passende technische en organisatorische maatregelen bij het beantwoorden van verzoeken van betrokkenen die hun rechten uitoefenen.
5.2 Opdrachtnemer helpt Opdrachtgever bij het nakomen van de verplichtingen uit de artikelen 32 tot en met 36 AVG.

Artikel 6 Einde
6.1 Na afloop van de dienstverlening verwijdert Opdrachtnemer alle persoonsgegevens of geeft hij ze terug, naar keuze van Opdrachtgever.

Artikel 7 Audits
7.1 Opdrachtnemer stelt Opdrachtgever alle informatie ter beschikking die nodig is om aan te tonen dat de verplichtingen uit deze overeenkomst worden nagekomen.
7.2 Opdrachtnemer maakt audits mogelijk, inspecties daaronder begrepen, door Opdrachtgever of een door haar gemachtigde auditor.
"""


def _analyze(text: str, lang: str | None = None):
    return analyze(text.encode(), filename="sample.txt", lang=lang)


def _status(text: str, key: str, lang: str | None = None) -> str:
    return _analyze(text, lang).requirements[key].status


def test_it_finds_every_requirement_with_its_sentence_in_english_and_dutch():
    for text in (FULL_EN, FULL_NL):
        a = _analyze(text)
        assert list(a.requirements) == [s.key for s in SPECS]
        assert {k: r.status for k, r in a.requirements.items() if r.status != "present"} == {}
        for req in a.requirements.values():
            first = req.evidence[0]
            # The evidence points at the sentence: its number, line and clause.
            line = text.split("\n")[first.line]
            assert first.quote in line and first.ref is not None and line.startswith(first.ref)


def test_it_finds_nothing_in_a_text_about_something_else():
    a = _analyze("1. Scope\n1.1 This text only describes the weather in Zwolle and nothing else at all.\n")
    assert {r.status for r in a.requirements.values()} == {"missing"}
    assert all(r.note["en"] and r.note["nl"] and r.name["nl"] for r in a.requirements.values())


def test_it_does_not_count_a_heading_as_the_clause():
    text = "1. Definitions\n1.1 Words have the meaning the GDPR gives them.\n\n9. Return and Deletion of Personal Data\n\n10. Audits and Inspections\n"
    a = _analyze(text)
    assert a.requirements["delete_or_return"].status == "missing"
    assert a.requirements["audits_inspections"].status == "missing"


def test_it_does_not_count_a_definition_a_recital_or_a_cross_reference_row():
    text = (
        "Whereas the Processor shall assist the Controller with data protection impact assessments;\n"
        "1. Definitions\n"
        "1.1 “Sub-processor” means any processor that the Processor engages with the prior written authorisation of the Controller.\n"
        "Article 28(3)(f) | Articles 32 to 36 assistance | Clause 9\n"
    )
    a = _analyze(text)
    assert a.requirements["assist_dpia"].status == "missing"
    assert a.requirements["subprocessor_authorisation"].status == "missing"
    assert a.requirements["assist_security"].status == "missing"


def test_it_does_not_count_a_clause_about_the_other_party_or_one_that_says_the_opposite():
    text = (
        "1. Confidentiality\n1.1 The Controller shall ensure that its own employees are bound by a duty of confidentiality.\n"
        "2. Assistance\n2.1 The Processor is not obliged to assist the Controller with data protection impact assessments.\n"
    )
    a = _analyze(text)
    assert a.requirements["confidentiality"].status == "missing"
    assert a.requirements["assist_dpia"].status == "missing"


def test_it_reads_the_processors_clause_after_the_other_party_agrees_that():
    text = "5. Assistance\n5.1 The Customer agrees that the Supplier will provide reasonable assistance with any data protection impact assessment the Customer must carry out.\n"
    assert _status(text, "assist_dpia") == "present"


def test_it_reads_a_list_item_with_the_sentence_that_introduces_it():
    text = (
        "8. Assistance\n"
        "8.1 Given how the data are processed, the Processor shall help the Controller with:\n"
        "(a) the Controller's obligation to notify a personal data breach to the supervisory authority;\n"
        "(b) the Controller's obligation to communicate a personal data breach to the data subjects;\n"
    )
    a = _analyze(text)
    assert a.requirements["assist_breach_notification"].status == "present"
    assert a.requirements["assist_breach_communication"].status == "present"
    assert a.requirements["assist_breach_communication"].evidence[0].quote.startswith("(b)")


def test_it_says_what_is_missing_when_a_requirement_is_only_partly_stated():
    text = (
        "3. Requests\n3.1 The Processor forwards any request it receives from a data subject to the Controller without undue delay.\n"
        "4. Instructions\n4.1 The Processor acts only on documented instructions of the Controller, unless Union or Member State law requires otherwise.\n"
    )
    a = _analyze(text)
    dsr, legal = a.requirements["assist_data_subject_requests"], a.requirements["legal_requirement_notice"]
    assert dsr.status == "partial" and "assistance" in dsr.note["en"] and "bijstand" in dsr.note["nl"]
    assert legal.status == "partial" and "tell the controller" in legal.note["en"]


def test_it_wants_a_chance_to_object_to_announced_changes_and_a_notice_even_under_specific_consent():
    general = "4. Sub-processors\n4.1 The Customer authorises the Supplier in general to engage sub-processors.\n4.2 The Supplier notifies the Customer of any new sub-processor at least 14 days in advance.\n"
    specific = "4. Sub-processors\n4.1 The Supplier shall not engage sub-processors without the prior specific written consent of the Customer.\n"
    item = _analyze(general).requirements["subprocessor_changes_objection"]
    assert item.status == "partial" and "object" in item.note["en"]
    # Consent is the authorisation of Article 28(2) (R10); it announces nothing (issue 15).
    a = _analyze(specific)
    assert a.requirements["subprocessor_authorisation"].status == "present"
    item = a.requirements["subprocessor_changes_objection"]
    assert item.status == "missing" and item.evidence == []
    assert "consent" in item.note["en"] and "no notice" in item.note["en"]
    # The checklist's (d) does not ask specific consent for a notice it does not need.
    assert a.art28["d_subprocessors"].status != "missing"
    assert "notice" not in a.art28["d_subprocessors"].note


def test_the_checklist_follows_the_requirements():
    text = "8. Assistance\n8.1 The Processor assists the Controller with data protection impact assessments and prior consultations of the supervisory authority.\n"
    a = _analyze(text)
    assert a.art28["f_assist_32_36"].status == "partial"
    assert "notifying a personal data breach" in a.art28["f_assist_32_36"].note


def test_the_report_lists_the_requirements_in_words_gaps_first_in_english_and_dutch():
    text = "8. Assistance\n8.1 The Processor assists the Controller with data protection impact assessments.\n"
    a = _analyze(text)
    en, nl = report_text(a, "en"), report_text(a, "nl")
    assert "Requirements of Article 28(2)-(4) and 32(2)" in en
    assert "Eisen van artikel 28 lid 2-4 en 32 lid 2" in nl
    assert "Assistance with data protection impact assessments" in en
    assert "Bijstand bij gegevensbeschermingseffectbeoordelingen" in nl
    section = en.split("Requirements of Article 28(2)-(4) and 32(2)")[1]
    assert section.index("MISSING") < section.index("present")


def test_it_joins_a_line_broken_inside_a_sentence_and_keeps_the_processors_deadline():
    broken = "5. Datalekken\n5.1 Opdrachtnemer meldt een inbreuk in verband met persoonsgegevens aan Opdrachtgever binnen\n24 uur na de ontdekking ervan.\n"
    both = (
        "5. Datalekken\n"
        "5.1 Opdrachtnemer meldt een inbreuk in verband met persoonsgegevens aan Opdrachtgever binnen\n"
        "48 uur na ontdekking, zodat Opdrachtgever binnen 72 uur de Autoriteit Persoonsgegevens kan informeren.\n"
    )
    assert _analyze(broken, "nl").terms.breach.notice_hours == 24
    assert _analyze(both, "nl").terms.breach.notice_hours == 48


def test_it_reads_zo_spoedig_mogelijk_as_without_undue_delay():
    text = "5. Datalekken\n5.1 Opdrachtnemer meldt een datalek zo spoedig mogelijk aan Opdrachtgever.\n"
    assert _analyze(text, "nl").terms.breach.undue_delay is True


def test_a_ban_with_a_condition_is_a_permission():
    subs = "7. Sub-processors\n7.1 No sub-processors may be engaged without the prior written consent of the Client.\n"
    transfers = "8. Transfers\n8.1 We may not transfer personal data outside the EEA without your permission.\n"
    assert _analyze(subs).terms.subprocessors.authorisation == "specific"
    assert _analyze(transfers).terms.transfers.outside_eea == "with_consent"


def test_an_objection_within_this_period_takes_the_period_just_named():
    text = "7. Sub-processors\n7.1 We may engage sub-processors. We notify you of a new sub-processor thirty (30) days in advance. You may object within this period.\n"
    sub = _analyze(text).terms.subprocessors
    assert sub.notice_days == 30 and sub.objection_days == 30


def test_a_heading_does_not_overrule_the_clause_under_it():
    text = (
        "9. Processing only within the EU/EEA\n"
        "9.1 The Processor may transfer personal data to a country outside the EEA only on the basis of the standard contractual clauses adopted by the European Commission.\n"
    )
    assert _analyze(text).terms.transfers.outside_eea == "with_safeguards"
    only_heading = "9. Processing only within the EU/EEA\n9.1 The Processor keeps a record of its processing.\n"
    assert _analyze(only_heading).terms.transfers.outside_eea == "prohibited"


def test_no_pattern_lost_a_repeat_count_to_string_formatting():
    # In an rf-string "{0,2}" is a tuple, not a regex repeat: it must be written "{{0,2}}".
    import re

    broken = [
        spec.key
        for spec in SPECS
        for p in (*spec.full, *spec.partial, *([spec.exclude] if spec.exclude else []))
        if re.search(r"\(\d+, \d+\)", p.pattern)
    ]
    assert broken == []


def test_a_section_heading_is_not_the_duration():
    text = "11. Duration and Termination\n11.1 The parties may amend this agreement in writing.\n"
    a = _analyze(text)
    assert a.terms.processing.duration is None
    assert a.art28["details_duration"].status == "missing"
    annex = "Annex 1\nDuration: for as long as the main agreement runs\n"
    assert _analyze(annex).terms.processing.duration == "for as long as the main agreement runs"


def test_delete_or_return_quotes_the_clause_that_says_it_not_a_security_clause():
    text = (
        "10. Return and deletion of data\n"
        "10.1 During the term the Processor keeps the data secure against destruction and loss.\n"
        "10.2 At the end of the services the Processor returns all personal data to the Controller, or deletes them if the Controller so chooses.\n"
    )
    a = _analyze(text)
    assert a.requirements["delete_or_return"].status == "present"
    assert [e.ref for e in a.art28["g_delete_or_return"].evidence] == ["10.2"]


def test_a_short_name_in_quotes_is_the_party():
    text = (
        "This agreement is made between Tandartspraktijk De Zonnebloem B.V. (“TDZ”, the “Controller”) and Wolkdienst Nederland B.V. (“WDN”, the “Processor”).\n"
        "2. Confidentiality\n2.1 TDZ shall ensure that its own staff are bound by a duty of confidentiality.\n"
    )
    assert _status(text, "confidentiality") == "missing"
    processor = text.replace("2.1 TDZ shall ensure that its own", "2.1 WDN shall ensure that its")
    assert _status(processor, "confidentiality") == "present"


def test_a_table_cell_wrapped_onto_the_next_line_stays_in_its_row():
    text = (
        "Annex 3 Sub-processors\n"
        "Name | Service | Location\n"
        "Amazon Web Services EMEA | Hosting of the | Ireland\n"
        "SARL | platform |\n"
        "Postmark Inc. | Sending of e-mail | United States\n"
    )
    named = [(s.name, s.service, s.country) for s in _analyze(text).terms.subprocessors.named]
    assert named == [
        ("Amazon Web Services EMEA SARL", "Hosting of the platform", "IE"),
        ("Postmark Inc.", "Sending of e-mail", "US"),
    ]


def test_a_pronoun_before_the_verb_is_the_party_the_clause_opened_with():
    text = (
        "3. Instructions\n3.4 If the Processor at any time comes to the view that an instruction it has received from the Controller breaches the data protection rules, it shall tell the Controller straight away.\n"
    )
    assert _status(text, "instruction_infringement_alert") == "present"
    other = text.replace("If the Processor at any time comes to the view that an instruction it has received from the Controller", "If the Controller at any time comes to the view that an instruction it has given to the Processor")
    assert _status(other, "instruction_infringement_alert") == "missing"


def test_breach_notification_duties_without_an_addressee_cover_the_data_subjects_too():
    text = "6. Breaches\n6.3 The Processor shall help the Controller to meet its duties regarding the notification of personal data breaches.\n"
    a = _analyze(text)
    assert a.requirements["assist_breach_communication"].status == "present"
    to_authority = text.replace("personal data breaches.", "personal data breaches to the supervisory authority.")
    assert _status(to_authority, "assist_breach_communication") == "missing"


def test_more_common_ways_of_stating_a_requirement():
    cases = {
        "security_risks": "The Processor shall secure the personal data against loss and against every form of unlawful processing.",
        "assist_prior_consultation": "The Processor shall give reasonable help with consultations with data protection authorities.",
        "documented_instructions": "The Processor will handle the personal data only as instructed by the Controller.",
        "compliance_information": "On request the Processor will supply evidence of its compliance with this Agreement.",
        "confidentiality": "The Processor ensures that everyone with access to the personal data has signed a non-disclosure agreement.",
        "security_measures": "The Processor shall keep the personal data secure at all times.",
    }
    for key, sentence in cases.items():
        assert _status(f"4. Obligations\n4.1 {sentence}\n", key) == "present", key
    dutch = "5. Beveiliging\n5.1 Verwerker beveiligt de persoonsgegevens tegen verlies en tegen iedere vorm van onrechtmatige verwerking.\n"
    assert _status(dutch, "security_risks") == "present"


def test_the_controllers_right_to_object_or_to_audit_counts_without_naming_the_processor():
    objection = (
        "4. Sub-processors\n4.1 The Controller grants general written authorisation to engage sub-processors.\n"
        "4.2 The Controller shall be informed of every intended new sub-processor at least 30 days ahead.\n"
        "4.3 The Controller may object to a new sub-processor within 14 days of that notice.\n"
    )
    assert _status(objection, "subprocessor_changes_objection") == "present"
    audit = "9. Audits\n9.1 De Verantwoordelijke heeft het recht om eenmaal per jaar een audit te laten uitvoeren.\n"
    assert _status(audit, "audits_inspections") == "present"


def test_still_more_common_ways_of_stating_a_requirement():
    cases = {
        "assist_security": "The Processor shall help the Controller with implementing appropriate technical and organisational measures.",
        "assist_breach_notification": "The Processor shall support the Controller in meeting its reporting obligations towards the supervisory authority.",
        "assist_dpia": "Verwerker helpt Verantwoordelijke bij een gegevensbeschermingseffectbeoordeling.",
        "compliance_information": "The Processor shall answer reasonable requests for information about its compliance with this DPA.",
        "documented_instructions": "The Processor shall never use the personal data for its own purposes.",
        "delete_or_return": "When this agreement ends the Processor shall, as the Controller chooses, return or delete the personal data.",
        "instruction_infringement_alert": "The Processor will tell the Controller at once if it thinks an instruction is contrary to data protection law.",
        "legal_requirement_notice": "Moet verwerker op grond van een wettelijke verplichting gegevens verstrekken, dan licht hij verantwoordelijke daarover vooraf in, tenzij de wet dat verbiedt.",
    }
    for key, sentence in cases.items():
        assert _status(f"4. Obligations\n4.1 {sentence}\n", key) == "present", key
    by_measures = "4. Obligations\n4.1 The Processor helps the Controller, by implementing suitable technical and organisational measures, to answer requests from data subjects.\n"
    assert _status(by_measures, "assist_security") == "missing"


def test_a_title_case_heading_is_not_continued_by_the_paragraph_below_it():
    text = (
        "Data Processing Agreement between Acme Ltd (the Controller) and Beta Ltd (the Processor).\n\n"
        "End of the Services and Deletion of Customer Data\n\n"
        "shall erase all personal data once the services have ended, and remove any copies.\n"
    )
    a = _analyze(text)
    assert a.requirements["delete_or_return"].status == "present"
    assert a.requirements["delete_or_return"].evidence[0].quote.startswith("shall erase")


def test_assistance_under_art_12_to_22_is_assistance_with_data_subjects_requests():
    text = "5. Assistance\n5.1 The Processor shall help the Controller to meet its obligations under Art. 12 to 22 GDPR.\n"
    assert _status(text, "assist_data_subject_requests") == "present"


def test_a_list_of_the_articles_counts_like_a_range():
    text = "5. Assistance\n5.1 The Processor helps the Controller to comply with Articles 32, 33, 34, 35 and 36 GDPR.\n"
    a = _analyze(text)
    for key in ("assist_security", "assist_breach_notification", "assist_breach_communication", "assist_dpia", "assist_prior_consultation"):
        assert a.requirements[key].status == "present", key


def test_compliance_information_flow_down_and_audits_in_other_words():
    cases = {
        "compliance_information": "The Processor gives the Controller the documentation it reasonably asks for to assess whether the Processor complies with this DPA.",
        "subprocessor_same_obligations": "The Processor shall flow down the data protection obligations of this Agreement to every sub-processor it engages.",
        "audits_inspections": "The Controller may, at its own expense, have an independent auditor review the Processor's compliance once a year.",
    }
    for key, sentence in cases.items():
        assert _status(f"4. Obligations\n4.1 {sentence}\n", key) == "present", key
    dutch = "4. Informatie\n4.1 Verwerker verstrekt Verantwoordelijke op verzoek alle informatie die nodig is om de naleving van deze overeenkomst te beoordelen.\n"
    assert _status(dutch, "compliance_information") == "present"


def test_a_change_made_known_to_the_controller_is_the_processors_notice():
    text = (
        "4. Sub-processors\n4.1 The Controller gives general written authorisation for sub-processors.\n"
        "4.2 Every planned change of sub-processor shall be communicated to the Controller one month ahead.\n"
        "4.3 The Controller may object to that change in writing.\n"
    )
    assert _status(text, "subprocessor_changes_objection") == "present"


def test_an_infinitive_list_item_is_the_processors_even_where_it_names_the_controller_first():
    # Run together without its lead-in: "to process ... of the controller ...; ... it agrees".
    item = (
        "Terms\n\n(a) to process the personal data only on behalf of the controller and in line with its instructions; "
        "if it is unable to do so for any reason, it agrees to tell the controller at once.\n"
    )
    assert _status(item, "documented_instructions") == "present"
    # The controller's own clause still does not count.
    own = "Terms\n\n1.1 The controller shall give its instructions on behalf of the group only in writing.\n"
    assert _status(own, "documented_instructions") == "missing"


def test_it_reads_consent_to_sub_processing_as_the_authorisation():
    text = "Terms\n\n(h) that, where sub-processing takes place, it has first told the controller and obtained the controller's prior written consent;\n"
    a = _analyze(text)
    assert a.requirements["subprocessor_authorisation"].status == "present"
    assert "prior written consent" in a.requirements["subprocessor_authorisation"].evidence[0].quote
    # The activity is not a party: "Sub-processing shall ..." is not the sub-processor's clause.
    text = "Terms\n\n1.1 Sub-processing shall only take place with the controller's prior written authorisation.\n"
    assert _status(text, "subprocessor_authorisation") == "present"


def test_a_party_after_a_preposition_is_not_the_subject():
    text = (
        "Terms\n\n7.2 Where the processor engages a sub-processor to carry out processing on behalf of the controller, "
        "the same data protection obligations as in this Agreement shall be imposed on that sub-processor by contract.\n"
    )
    assert _status(text, "subprocessor_same_obligations") == "present"
    # The controller as the subject still does not count for the processor's duty.
    own = "Terms\n\n7.2 The controller shall impose the same data protection obligations on its own sub-processors.\n"
    assert _status(own, "subprocessor_same_obligations") == "missing"


def test_it_reads_more_ways_of_flowing_down_and_of_showing_compliance():
    as_party = "Terms\n\n5.3 The Supplier makes sure every sub-processor it engages performs the obligations under this Addendum as if it were a party to it.\n"
    assert _status(as_party, "subprocessor_same_obligations") == "present"
    # Doing the work it was given is not taking on the data protection obligations.
    scope = "Terms\n\n5.3 The Supplier shall ensure that each sub-processor uses the data only to perform the tasks given to it.\n"
    assert _status(scope, "subprocessor_same_obligations") == "missing"
    reports = "Terms\n\n9.1 On written request the Supplier makes its current certificates and audit reports available to the Customer.\n"
    assert _status(reports, "compliance_information") == "present"


def test_it_reads_dutch_and_record_keeping_ways_of_showing_compliance():
    nl = "Voorwaarden\n\n6.1 Opdrachtnemer geeft Opdrachtgever op verzoek alle inlichtingen die nodig zijn om na te gaan of deze overeenkomst wordt nageleefd.\n"
    assert _status(nl, "compliance_information", "nl") == "present"
    records = "Terms\n\n6.1 The Supplier keeps records of all processing for the Customer and makes them available to the Customer on request.\n"
    assert _status(records, "compliance_information") == "present"
    # Keeping the records alone shows the controller nothing.
    kept = "Terms\n\n6.1 The Supplier keeps records of all processing it carries out for the Customer.\n"
    assert _status(kept, "compliance_information") == "missing"
