"""Sample agreements written for these tests (not taken from any real agreement)."""

# Sample sentences read better on one line.
# ruff: noqa: E501

NL = """Verwerkersovereenkomst

Partijen
1. Bakkerij Voorbeeld B.V., gevestigd te Zwolle, KvK-nummer 12345678, hierna: Verwerkingsverantwoordelijke;
2. Wolkdienst B.V., gevestigd te Deventer, KvK-nummer 87654321, hierna: Verwerker.

Bijlage 1 Verwerking
Onderwerp: het hosten van de webwinkel van de klant.
Aard van de verwerking: opslag en back-up.
Doeleinden: orderafhandeling, klantenservice en facturatie.
Categorieën persoonsgegevens: namen, adressen, e-mailadressen en bestelgegevens.
Categorieën betrokkenen: klanten en medewerkers.

Artikel 2 Instructies
2.1 Wolkdienst handelt alleen volgens schriftelijk vastgelegde instructies van de Verwerkingsverantwoordelijke.
2.2 Verwerker informeert Verwerkingsverantwoordelijke direct indien een instructie naar zijn oordeel in strijd is met de AVG.

Artikel 3 Geheimhouding
3.1 Alle medewerkers van Verwerker zijn gebonden aan geheimhouding, ook na het einde van deze overeenkomst.

Artikel 4 Beveiliging
4.1 Verwerker treft passende technische en organisatorische maatregelen.
4.2 Back-ups worden elke 24 uur gemaakt en 72 uur bewaard.

Artikel 5 Datalekken
5.1 Verwerker meldt een datalek zonder onredelijke vertraging en in ieder geval binnen 24 uur na ontdekking aan Verwerkingsverantwoordelijke.

Artikel 6 Subverwerkers
6.1 Verwerkingsverantwoordelijke verleent algemene schriftelijke toestemming voor het inschakelen van subverwerkers.
6.2 Verwerker informeert Verwerkingsverantwoordelijke ten minste 30 dagen voordat een nieuwe subverwerker wordt ingeschakeld.
6.3 Verwerkingsverantwoordelijke kan bezwaar maken binnen 14 dagen na die kennisgeving.
6.4 Verwerker legt subverwerkers dezelfde verplichtingen op als in deze overeenkomst.

Artikel 7 Bijstand
7.1 Verwerker verleent bijstand bij verzoeken van betrokkenen en bij de verplichtingen uit de artikelen 32 tot en met 36 AVG, waaronder een gegevensbeschermingseffectbeoordeling.

Artikel 8 Doorgifte
8.1 Verwerker geeft geen persoonsgegevens door buiten de Europese Economische Ruimte zonder voorafgaande schriftelijke toestemming van Verwerkingsverantwoordelijke.

Artikel 9 Audit
9.1 Verwerkingsverantwoordelijke mag audits uitvoeren, waaronder inspecties, om de naleving van deze verwerkersovereenkomst te controleren.
9.2 De kosten van de audit komen voor rekening van Verwerkingsverantwoordelijke, tenzij blijkt dat Verwerker de overeenkomst niet nakomt.
9.3 Verwerker stelt alle informatie ter beschikking die Verwerkingsverantwoordelijke nodig heeft om aan te tonen dat de verplichtingen van artikel 28 AVG zijn nagekomen.

Artikel 10 Einde
10.1 Na beëindiging van de overeenkomst zal Verwerker naar keuze van Verwerkingsverantwoordelijke de persoonsgegevens retourneren of vernietigen binnen 30 dagen.

Artikel 11 Duur en recht
11.1 Deze overeenkomst geldt zolang de hoofdovereenkomst loopt.
11.2 Op deze overeenkomst is Nederlands recht van toepassing.
11.3 Een geschil tussen partijen beslecht uitsluitend de rechtbank Overijssel.
"""

EN = """Data Processing Agreement

This agreement is made between Example Shop Ltd (the "Controller") and Cloudcorp Inc. (the "Processor").

1. Processing details
Subject matter: hosting of the shop's customer database.
Nature of processing: storage and retrieval.
Purposes: order handling and support.
Categories of personal data: names, email addresses, order history.
Categories of data subjects: customers.

2. Instructions
2.1 The Processor shall process Personal Data only on documented instructions from the Controller.
2.2 The Processor shall immediately inform the Controller if, in its opinion, an instruction infringes the GDPR.

3. Confidentiality
3.1 All staff of the Processor who handle Personal Data are bound by a duty of confidentiality.

4. Security
4.1 The Processor implements appropriate technical and organisational measures as required by Article 32 GDPR.
4.2 Encrypted backups are retained for 48 hours and recovery time objectives are 12 hours.

5. Personal data breaches
5.1 The Processor shall notify the Controller without undue delay and in any event within 48 hours of becoming aware of a Personal Data Breach.

6. Sub-processors
6.1 The Processor shall not engage another processor without the specific prior written authorisation of the Controller.
6.2 The Processor imposes the same data protection obligations on each sub-processor and remains fully liable for it.
6.3 The Controller may object within 10 business days of a notice of a proposed sub-processor.

7. Assistance
7.1 The Processor assists the Controller in responding to requests from data subjects and with Articles 32 to 36 GDPR, including data protection impact assessments.

8. Transfers
8.1 Transfers of Personal Data outside the EEA take place only under the Standard Contractual Clauses or on the basis of an adequacy decision.

9. Audits
9.1 The Controller may conduct audits, including inspections, of the Processor's compliance with this DPA.
9.2 Audits are at the Controller's expense.

10. End of processing
10.1 Upon termination, the Processor shall, at the choice of the Controller, delete or return all Personal Data within 60 days and certify the deletion in writing.

11. Governing law
11.1 California law applies to this DPA.
11.2 The courts of San Francisco have exclusive jurisdiction.
"""
