"""Hand-written case notes of Bureau Verbindingen, department Sociaal Domein.

Same layout as casus_notes_vergunningen.py; tone stays mixed over the whole period.
"""

AFDELING = "Sociaal Domein"

CASES = [
    ("S01", AFDELING, [
        ("2025-01-06", "nieuw", "betrouwbaar", -1,
         "Mevr. Yilmaz (bereikbaar op 06-41827365) heeft begin december bijstand aangevraagd na haar "
         "scheiding. Nog geen besluit, geen voorschot, huur januari kan ze niet betalen. Drie keer "
         "gebeld, steeds 'u wordt teruggebeld'. Niemand belde."),
        ("2025-01-21", "in behandeling", "betrouwbaar", 1,
         "N.a.v. mijn mail aan tl Werk & Inkomen binnen twee dagen een voorschot verstrekt. "
         "Consulent heeft mevr. Yilmaz zelf gebeld en een datum voor het besluit genoemd (uiterlijk "
         "7-2). Contact gelegd met de verhuurder over een betalingsregeling."),
        ("2025-02-11", "opgelost", "betrouwbaar", 1,
         "Bijstand toegekend per 1-12, besluit op 6-2: een dag vóór de toegezegde datum. Mevr. "
         "tevreden, al vindt ze dat het 'zonder jullie erbij' niet zo had mogen lopen. "
         "Terugbelproblematiek W&I gemeld bij het MT."),
    ]),
    ("S02", AFDELING, [
        ("2025-01-27", "nieuw", "samenwerken", -1,
         "Dhr. (81, Oosterveld) kan de trap niet meer op en slaapt al weken in de woonkamer. "
         "WMO-aanvraag traplift loopt sinds november. WMO wacht op de corporatie, de corporatie "
         "wacht op WMO. Dochter radeloos."),
        ("2025-02-17", "in behandeling", "samenwerken", 1,
         "Overleg belegd met WMO-consulent Ria Mulder en de woonconsulent van de corporatie. "
         "Afgesproken wie wat doet: corporatie geeft toestemming voor de aanpassing, WMO regelt de "
         "leverancier. Eén aanspreekpunt voor de familie: mevr. Mulder."),
        ("2025-03-10", "in behandeling", "betrouwbaar", 0,
         "Leverancier heeft ingemeten, levertijd 4 wkn. Familie geïnformeerd. Tot die tijd "
         "hoog-laagbed via de thuiszorg, door mevr. Mulder geregeld."),
        ("2025-04-07", "opgelost", "samenwerken", 1,
         "Traplift geplaatst op 2-4. Dochter belde om te bedanken: 'ineens praatten ze met elkaar in "
         "plaats van over elkaar'. Casus gebruikt als voorbeeld in de bijeenkomst WMO/corporatie."),
    ]),
    ("S03", AFDELING, [
        ("2025-03-03", "nieuw", "gelijkwaardig", -1,
         "Alleenstaande vader (2 kinderen) aangemeld bij schuldhulpverlening, 10 weken wachttijd. "
         "Hij schaamt zich al en vertelt dat hij bij de intake 'als een profiteur' werd aangekeken. "
         "Deurwaarder dreigt met beslag op zijn loon."),
        ("2025-03-24", "in behandeling", "gelijkwaardig", 1,
         "Gesprek met tl schuldhulp en de betreffende medewerker. Medewerker heeft zelf contact "
         "opgenomen, excuses gemaakt en een crisisinterventie gestart: deurwaarder gebeld, beslag "
         "opgeschort. Vader voelde zich 'voor het eerst als mens behandeld' in dit traject."),
        ("2025-04-15", "opgelost", "gelijkwaardig", 1,
         "Stabilisatiefase loopt, budgetbeheer gestart, vaste schuldhulpverlener die hij kan appen. "
         "Wachttijd niet korter dan bij anderen, dus geen voorrang gekregen, maar wel serieus "
         "genomen. Zaak bij BV gesloten."),
    ]),
    ("S04", AFDELING, [
        ("2025-04-22", "nieuw", "open", -1,
         "Mevr. (79) kreeg een brief dat haar huishoudelijke hulp van 3 naar 2 uur per week gaat, "
         "'conform normenkader HH'. Ze weet niet wat dat betekent en niemand heeft het met haar "
         "besproken."),
        ("2025-05-13", "in behandeling", "open", -1,
         "Consulent gebeld. Het normenkader zou 'openbaar' zijn, maar ze kon niet zeggen waar. "
         "Uiteindelijk zelf gevonden (42 pagina's). Mevr. heeft bezwaar gemaakt met hulp van de "
         "cliëntondersteuner."),
        ("2025-06-03", "gesloten zonder oplossing", "open", 0,
         "Herbeoordeling gedaan, blijft 2 uur. Dit keer wel een gesprek aan huis waarin is uitgelegd "
         "hoe de uren berekend zijn. Mevr. is het er niet mee eens maar snapt nu hoe het besluit tot "
         "stand kwam. Bezwaar ingetrokken."),
    ]),
    ("S05", AFDELING, [
        ("2025-05-20", "nieuw", "initiatief", -1,
         "Moeder van vier, wasmachine kapot. Bijzondere bijstand afgewezen: ze 'had moeten "
         "reserveren'. Ze wast nu met de hand in de badkuip. Vraagt of er echt niets mogelijk is."),
        ("2025-06-10", "opgelost", "initiatief", 1,
         "Consulent heeft opnieuw gekeken en een renteloze lening via de Kredietbank geregeld, plus "
         "een verwijzing naar het kringloopfonds. Binnen een week een wasmachine. Consulent: 'De "
         "regel is er om mensen te helpen, niet om ze te straffen.'"),
    ]),
    ("S06", AFDELING, [
        ("2025-06-17", "nieuw", "samenwerken", -1,
         "Ouders van een zoon (12) met autisme zoeken sinds maart een passende plek voor na de zomer. "
         "Jeugdteam verwijst naar onderwijs, school verwijst naar het jeugdteam. Ouders moeten het "
         "zelf uitzoeken."),
        ("2025-07-08", "doorverwezen", "samenwerken", -1,
         "Overleg jeugdteam, kort verslag:\n1. jeugdteam ziet het als 'onderwijszaak', casus doorgezet naar het "
         "samenwerkingsverband passend onderwijs;\n2. daar is een wachtlijst;\n3. ouders dus weer "
         "doorverwezen, niemand neemt regie.\nActie BV: regie tijdelijk zelf gepakt."),
        ("2025-08-05", "opgelost", "samenwerken", 0,
         "Plek gevonden op een school in de buurgemeente, met overbruggingsarrangement. Opgelost, "
         "maar vooral door de ouders zelf. Signaal naar het MT: niemand voelde zich eigenaar."),
    ]),
    ("S07", AFDELING, [
        ("2025-07-15", "nieuw", "gelijkwaardig", -1,
         "Dhr. (BSN 214587307) kreeg een terugvordering van € 3.200 bijstand omdat hij inkomsten uit "
         "een bijbaan niet zou hebben doorgegeven. Volgens hem heeft hij dat wel gemeld bij zijn "
         "vorige consulent. Hij voelt zich 'als fraudeur weggezet'."),
        ("2025-08-12", "in behandeling", "gelijkwaardig", 1,
         "Gesprek met dhr. en de handhaver samen. Handhaver legde rustig uit hoe de terugvordering "
         "is berekend en gaf dhr. alle ruimte om zijn verhaal te doen. De melding aan de vorige "
         "consulent is niet terug te vinden."),
        ("2025-09-09", "gesloten zonder oplossing", "gelijkwaardig", 1,
         "Terugvordering blijft. Wel een betalingsregeling van € 50 p/m en geen boete. Dhr.: 'Ik heb "
         "geen gelijk gekregen, maar ze hebben me wel als mens behandeld.'"),
    ]),
    ("S08", AFDELING, [
        ("2025-08-26", "nieuw", "betrouwbaar", -1,
         "Mevr. (Waardhoven) wacht sinds juni op een scootmobiel, toegezegd was 'binnen zes weken'. "
         "Ze komt de deur niet meer uit en heeft het wekelijkse bezoek aan haar zus al drie keer "
         "moeten afzeggen."),
        ("2025-09-16", "in behandeling", "betrouwbaar", -1,
         "Navraag: leverancier heeft achterstand, WMO wist dat al weken maar had mevr. niet "
         "geïnformeerd. Nieuwe toezegging: eind september. Gevraagd om tussentijds een "
         "leenscootmobiel."),
        ("2025-10-07", "opgelost", "betrouwbaar", 1,
         "Leenscootmobiel binnen 2 dagen, de definitieve kwam op 30-9 zoals beloofd. Mevr. tevreden. "
         "WMO stuurt voortaan zelf bericht bij vertraging van de leverancier."),
    ]),
    ("S09", AFDELING, [
        ("2025-09-30", "nieuw", "initiatief", 0,
         "Dhr. (55) heeft schulden door een gokverslaving en wil hulp, maar schuldhulp begint pas na "
         "'stabilisatie'. Hij is bang dat hij zonder hulp terugvalt."),
        ("2025-10-21", "in behandeling", "initiatief", 1,
         "Schuldhulpverlener heeft samen met de verslavingszorg een gecombineerd traject opgezet, "
         "dat was hier nog niet eerder gedaan. Loopt als pilot. Vaste contactpersoon, wekelijks een "
         "budgetgesprek."),
        ("2025-11-11", "in behandeling", "initiatief", 1,
         "Eerste evaluatie positief: vaste lasten betaald, geen nieuwe schulden. Schuldhulp wil de "
         "aanpak vaker inzetten. Dhr.: 'Jullie durfden het anders te doen.' BV blijft op afstand "
         "betrokken."),
    ]),
    ("S10", AFDELING, [
        ("2025-11-04", "nieuw", "gelijkwaardig", -1,
         "Mantelzorger (zorgt voor haar man met dementie) vroeg bij het WMO-loket naar respijtzorg. "
         "Kreeg te horen dat ze 'eerst zelf maar moest kijken wat er in haar netwerk kan'. Ze voelde "
         "zich niet serieus genomen, ze is al op."),
        ("2025-11-25", "in behandeling", "gelijkwaardig", -1,
         "Gesprek met de loketmedewerker: blijft erbij dat het 'standaard' is eerst naar het netwerk "
         "te vragen. Ziet niet dat de toon het probleem was. Besproken met tl WMO."),
        ("2025-12-16", "opgelost", "gelijkwaardig", 1,
         "Tl heeft een keukentafelgesprek laten plannen met een ervaren consulent. Dagbesteding voor "
         "de man 2 dagen p/w vanaf januari. Mantelzorger: 'Deze mevrouw luisterde echt.' Opgelost."),
    ]),
    ("S11", AFDELING, [
        ("2025-12-02", "nieuw", "open", -1,
         "Echtpaar (AOW, klein pensioen) kreeg de energietoeslag afgewezen: 'boven de norm'. De "
         "buren met hetzelfde inkomen kregen hem wel. Ze willen weten hoe de berekening is gemaakt."),
        ("2025-12-18", "in behandeling", "open", 1,
         "Consulent heeft de berekening met het echtpaar doorgelopen en op papier gezet. Verschil "
         "met de buren: vermogen. Wel een fout gevonden, de zorgkosten waren niet afgetrokken. "
         "Heroverweging loopt."),
        ("2026-01-13", "opgelost", "open", 1,
         "Na heroverweging toch toegekend. Echtpaar waardeert vooral dat 'alles netjes werd "
         "uitgelegd, ook wat er fout ging'. Opgelost."),
    ]),
    ("S12", AFDELING, [
        ("2026-01-20", "nieuw", "samenwerken", -1,
         "Mevr. (MS, rolstoel) heeft een aangepaste badkamer nodig. Particuliere huur, verhuurder "
         "wil wel maar wil weten wie wat betaalt. WMO en verhuurder communiceren alleen via haar, "
         "ze is de boodschapper."),
        ("2026-02-10", "in behandeling", "samenwerken", 1,
         "Driegesprek WMO-consulent, verhuurder en mevr. bij haar thuis. Afspraken over kosten en "
         "planning op papier. Consulent heeft direct de ergotherapeut gevraagd mee te kijken."),
        ("2026-03-03", "in behandeling", "betrouwbaar", 1,
         "Offerte goedgekeurd binnen de afgesproken week. Aannemer start 16-3. Consulent houdt mevr. "
         "wekelijks op de hoogte."),
        ("2026-03-24", "opgelost", "samenwerken", 1,
         "Badkamer klaar. Mevr.: 'Voor het eerst hoefde ik niet zelf de boodschapper te spelen.' "
         "Opgelost."),
    ]),
    ("S13", AFDELING, [
        ("2026-02-17", "nieuw", "gelijkwaardig", 0,
         "Jongen van 19, na een conflict thuis weg, slaapt bij vrienden. Bij de bijstandsaanvraag "
         "hoorde hij van de zoektermijn van 4 weken. Weet niet hoe hij die moet overbruggen."),
        ("2026-03-10", "opgelost", "gelijkwaardig", 1,
         "Consulent heeft uitgebreid naar zijn verhaal geluisterd en de zoektermijn vanwege zijn "
         "situatie niet toegepast. Briefadres geregeld via Publiekszaken. Jongen: 'Ze deed niet "
         "moeilijk en praatte gewoon normaal tegen me.'"),
    ]),
    ("S14", AFDELING, [
        ("2026-04-07", "nieuw", "betrouwbaar", -1,
         "Mevr. (alleenstaand, 3 kinderen) zit in een schuldregeling. Haar leefgeld komt sinds "
         "februari steeds te laat binnen, eind van de maand heeft ze niets. Gemaild naar "
         "budgetbeheer, geen reactie."),
        ("2026-04-28", "in behandeling", "betrouwbaar", -1,
         "Navraag schuldhulp: nieuwe betaalrun ingevoerd, niemand heeft de cliënten geïnformeerd. "
         "Beloofd dat het per mei weer op de 1e staat. Voorlopig een voedselbon via de noodpot."),
        ("2026-05-19", "opgelost", "betrouwbaar", 0,
         "Mei-betaling kwam op de 3e, dus nog niet helemaal zoals toegezegd; juni wel op de 1e. "
         "Mevr. kan er nu op plannen. Opgelost, met kanttekening."),
    ]),
    ("S15", AFDELING, [
        ("2026-05-26", "nieuw", "gelijkwaardig", -1,
         "Dhr. (psychiatrische achtergrond) hoorde van zijn begeleider dat zijn WMO-begeleiding "
         "stopt. Niemand van de gemeente heeft met hem gesproken. 'Er wordt over mij beslist, niet "
         "met mij.'"),
        ("2026-06-16", "in behandeling", "gelijkwaardig", 1,
         "WMO-consulent is bij dhr. langs geweest en heeft excuses gemaakt dat het bericht via de "
         "aanbieder kwam. Samen gekeken naar afbouwen in plaats van abrupt stoppen. Dhr. voelde zich "
         "gehoord."),
        ("2026-07-07", "gesloten zonder oplossing", "gelijkwaardig", 1,
         "Begeleiding wordt in drie maanden afgebouwd, dat blijft zo. Wel inloopvoorziening geregeld. "
         "Dhr. kreeg geen gelijk, maar voelde zich wel serieus genomen."),
    ]),
    ("S16", AFDELING, [
        ("2026-06-23", "nieuw", "open", -1,
         "Mevr. vroeg kwijtschelding van gemeentelijke belastingen aan en kreeg een afwijzing met een "
         "tabel die ze niet snapt. 'Ik voel me dom als ik zo'n brief lees.'"),
        ("2026-07-14", "in behandeling", "open", 1,
         "Medewerker Belastingen heeft de berekening aan de telefoon in gewone taal uitgelegd en een "
         "brief met toelichting nagestuurd. Daarbij bleek: haar huurtoeslag was dubbel meegeteld."),
        ("2026-08-04", "opgelost", "open", 1,
         "Kwijtschelding alsnog toegekend. Team Belastingen past de afwijzingsbrief aan, met een "
         "voorbeeldberekening erin. Mevr. tevreden."),
    ]),
    ("S17", AFDELING, [
        ("2026-07-21", "nieuw", "initiatief", -1,
         "Ouders van een meisje (9) met een lichamelijke beperking krijgen geen leerlingenvervoer: "
         "de school ligt 'net binnen de 6 km'. De route kan zij niet zelfstandig. Afdeling houdt "
         "vast aan de kilometergrens."),
        ("2026-08-11", "in behandeling", "initiatief", 0,
         "Beleidsmedewerker erkent dat de regel hier knelt, maar 'durft het niet alleen te "
         "beslissen'. Voorgelegd aan tl. Tijd dringt, school begint eind aug."),
        ("2026-08-25", "opgelost", "initiatief", 1,
         "Tl besluit tot maatwerk: aangepast vervoer voor dit schooljaar, met evaluatie. Ouders "
         "opgelucht dat iemand de knoop doorhakte voordat de school begon."),
    ]),
]
