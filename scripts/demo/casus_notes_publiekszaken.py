"""Hand-written case notes of Bureau Verbindingen, department Publiekszaken.

Same layout as casus_notes_vergunningen.py; tone stays mixed over the whole period.
"""

AFDELING = "Publiekszaken"

CASES = [
    ("P01", AFDELING, [
        ("2025-01-09", "nieuw", "initiatief", 0,
         "Dhr. moet over 9 dagen naar de begrafenis van zijn moeder in Turkije en ontdekte dat zijn "
         "paspoort verlopen is. Spoedaanvraag kan, maar de agenda zit vol tot over drie weken. Hij "
         "is in paniek."),
        ("2025-01-16", "opgelost", "initiatief", 1,
         "Baliemedewerker heeft hem dezelfde middag tussen twee afspraken door geholpen en de "
         "spoedlevering geregeld. Paspoort opgehaald 14-1. Dhr. zeer dankbaar. Medewerker: 'Daar is "
         "die buffer aan het eind van de dag toch voor.'"),
    ]),
    ("P02", AFDELING, [
        ("2025-01-28", "nieuw", "betrouwbaar", -1,
         "Mevr. gaf in november haar verhuizing door via de website. Niet verwerkt in de BRP: ze krijgt "
         "belastingpost op het oude adres en haar zorgtoeslag is stopgezet. Aan de balie zeiden ze "
         "'dat komt vanzelf goed'."),
        ("2025-02-18", "in behandeling", "betrouwbaar", 0,
         "Navraag PZ: melding bleef hangen omdat de toestemming van de hoofdbewoner ontbrak. Niemand "
         "heeft mevr. dat laten weten. Medewerker heeft haar nu gebeld en uitgelegd wat er nodig is."),
        ("2025-03-11", "opgelost", "betrouwbaar", 1,
         "Verhuizing met terugwerkende kracht verwerkt. PZ heeft zelf een brief gestuurd die mevr. "
         "kan gebruiken richting Belastingdienst. Zorgtoeslag hersteld. Opgelost."),
    ]),
    ("P03", AFDELING, [
        ("2025-02-25", "nieuw", "gelijkwaardig", 0,
         "Dhr. (Centrum) wil een tweede parkeervergunning voor de auto van zijn vrouw. Afgewezen: één "
         "vergunning per adres in zone A. Hij vindt dat onredelijk, zij werkt in de thuiszorg en "
         "heeft de auto 's avonds nodig."),
        ("2025-03-18", "gesloten zonder oplossing", "gelijkwaardig", 1,
         "Beleidsmedewerker parkeren heeft dhr. gebeld en uitgebreid uitgelegd waarom het maximum "
         "er is (wachtlijst van 140 huishoudens). Samen gekeken naar de garage aan de Havenstraat "
         "met bewonerstarief. Dhr. kreeg geen gelijk, maar voelde zich wel serieus genomen."),
    ]),
    ("P04", AFDELING, [
        ("2025-04-01", "nieuw", "gelijkwaardig", -1,
         "Mevrouw De Wit is na een adresonderzoek uitgeschreven uit de BRP, terwijl ze volgens haar "
         "gewoon op haar adres woont. Ze werkt nachtdiensten, daarom trof de controleur niemand aan. "
         "Aan de balie werd ze 'als fraudeur' behandeld, zegt ze."),
        ("2025-04-22", "in behandeling", "gelijkwaardig", -1,
         "Gesprek met tl BRP. Vindt dat de procedure goed is gevolgd, ziet geen reden voor een gesprek "
         "met mevrouw De Wit; ze moet 'zelf bewijs aanleveren'. Aangegeven dat ze zich niet gehoord "
         "voelt, werd niet opgepakt."),
        ("2025-05-13", "opgelost", "gelijkwaardig", -1,
         "Mevr. De Wit heeft huurcontract, energierekening en een werkgeversverklaring aangeleverd. "
         "Inschrijving hersteld. Inhoudelijk opgelost, excuses kwamen er niet. Zij: 'Ik heb gelijk "
         "gekregen, maar ik werd behandeld als verdachte.'"),
    ]),
    ("P05", AFDELING, [
        ("2025-05-06", "nieuw", "samenwerken", -1,
         "Seniorenvereniging meldt dat ouderen niet meer zonder afspraak bij PZ terechtkunnen en dat "
         "het telefoonnummer 'altijd in gesprek' is. Online een afspraak maken lukt velen niet. Ze "
         "voelen zich buitengesloten."),
        ("2025-05-27", "in behandeling", "samenwerken", 1,
         "Overleg tl PZ, seniorenvereniging en bibliotheek. Voorstel: vaste inloopochtend op dinsdag, "
         "en vrijwilligers in de bieb die helpen met online afspraken maken."),
        ("2025-06-17", "opgelost", "open", 1,
         "Inloopochtend gestart, eerste twee weken druk. PZ heeft de wijziging in het huis-aan-huisblad "
         "uitgelegd. Seniorenvereniging tevreden. Opgelost."),
    ]),
    ("P06", AFDELING, [
        ("2025-06-19", "nieuw", "samenwerken", 0,
         "Dhr. (76) moet zijn rijbewijs verlengen. CBR-keuring is rond, maar volgens de balie 'staat "
         "het nog niet in het systeem'. Hij mag niet rijden en woont in het buitengebied."),
        ("2025-07-10", "opgelost", "samenwerken", 1,
         "PZ heeft zelf contact gezocht met het CBR in plaats van dhr. door te sturen. Fout in de "
         "koppeling. Rijbewijs binnen een week aangevraagd, uitgereikt op 8-7. Dhr. tevreden."),
    ]),
    ("P07", AFDELING, [
        ("2025-07-03", "nieuw", "betrouwbaar", -1,
         "Bruidspaar had de trouwzaal gereserveerd voor 20 september, bevestiging per mail. Nu bericht "
         "dat de zaal 'dubbel geboekt' is. Uitnodigingen zijn al verstuurd."),
        ("2025-07-24", "in behandeling", "betrouwbaar", -1,
         "PZ biedt een andere datum of locatie aan. Paar vraagt waarom hun bevestiging niets waard is. "
         "Oorzaak: reservering niet overgezet naar het nieuwe agendasysteem. Excuses, maar nog geen "
         "oplossing op de datum zelf."),
        ("2025-08-14", "opgelost", "betrouwbaar", 0,
         "Compromis bereikt:\n- trouwen op dezelfde datum in de raadzaal\n- kosteloos, met de trouwambtenaar van "
         "hun keuze\nPaar blij met de oplossing, maar vindt het 'slordig'. Terecht."),
    ]),
    ("P08", AFDELING, [
        ("2025-08-19", "nieuw", "initiatief", -1,
         "Mevr. zorgt dagelijks voor haar moeder in het Centrum en krijgt steeds parkeerboetes. Een "
         "mantelzorgvergunning bestaat niet in Lindewaard. 'Moet ik dan stoppen met zorgen?'"),
        ("2025-09-09", "in behandeling", "initiatief", 1,
         "Medewerker parkeren stelde zelf voor de bezoekersvergunning van de moeder uit te breiden met "
         "extra uren, dat past binnen de regels. Voorgelegd aan tl."),
        ("2025-09-30", "opgelost", "initiatief", 1,
         "Akkoord. Mevr. kan parkeren op de bezoekersvergunning van haar moeder. PZ werkt een "
         "mantelzorgregeling uit voor de raad. Ruimte gezocht in de regels."),
    ]),
    ("P09", AFDELING, [
        ("2025-09-23", "nieuw", "gelijkwaardig", -1,
         "Klacht: mevr. (Syrische achtergrond, spreekt redelijk Nederlands) voelde zich kleinerend "
         "toegesproken bij de aanvraag van een ID-kaart voor haar dochter. Medewerker praatte hard en "
         "langzaam, 'alsof ik een kind ben'."),
        ("2025-10-14", "opgelost", "gelijkwaardig", 1,
         "Gesprek mevr., medewerker en tl, met tolk op verzoek van mevr. Medewerker heeft excuses "
         "gemaakt, mevr. heeft die aanvaard. Team volgt een training communicatie met anderstaligen. "
         "Klacht afgehandeld."),
    ]),
    ("P10", AFDELING, [
        ("2025-10-08", "nieuw", "open", -1,
         "Dhr. (geb. 12-03-1958) staat met een verkeerde geboortedatum in de BRP, waardoor zijn "
         "AOW-datum bij de SVB niet klopt. Correctie gevraagd, kreeg een brief dat 'een buitenlandse "
         "akte vereist is', zonder uitleg welke."),
        ("2025-10-29", "in behandeling", "open", 1,
         "Medewerker BRP heeft dhr. gebeld en uitgelegd welke akte nodig is en hoe hij die via het "
         "consulaat opvraagt. Stuurt een lijstje met adressen en openingstijden na."),
        ("2025-11-19", "in behandeling", "open", 0,
         "Akte aangevraagd, levertijd onbekend. SVB geïnformeerd met een brief van PZ. Wachten."),
    ]),
    ("P11", AFDELING, [
        ("2025-11-05", "nieuw", "gelijkwaardig", 0,
         "Dakloze man (42) is zijn ID kwijt. Zonder ID geen uitkering, geen bankrekening en geen "
         "briefadres; zonder briefadres geen ID. Via de nachtopvang bij BV gekomen. Contact via zijn "
         "broer: +31 6 23 45 67 89."),
        ("2025-11-26", "in behandeling", "samenwerken", 1,
         "PZ en Sociaal Domein hebben samen een briefadres bij de opvang geregeld, zodat de ID-kaart "
         "aangevraagd kon worden. Medewerker PZ nam de tijd en legde elke stap uit."),
        ("2025-12-17", "opgelost", "gelijkwaardig", 1,
         "ID-kaart uitgereikt, bankrekening geopend, uitkering loopt. Dhr.: 'Ze keken niet naar me "
         "alsof ik een zwerver ben.' Opgelost."),
    ]),
    ("P12", AFDELING, [
        ("2025-12-09", "nieuw", "open", -1,
         "Bewoners Havenkwartier: parkeervergunning gaat van € 60 naar € 180 per jaar. Ze lazen het "
         "in de krant en willen weten waarom en hoe dat besluit is genomen."),
        ("2026-01-06", "in behandeling", "open", -1,
         "Tarief is vastgesteld in de begroting, zonder aparte toelichting. PZ verwijst naar de raad. "
         "Bezwaar is niet-ontvankelijk (algemene regel). Voor de bewoners voelt het als een "
         "gesloten deur."),
        ("2026-01-27", "gesloten zonder oplossing", "open", 0,
         "Op verzoek van BV heeft de beleidsmedewerker parkeren een bewonersavond gehouden over de "
         "kosten van handhaving en beheer. Tarief blijft. Bewoners niet tevreden over het tarief, "
         "wel over de uitleg. Gesloten."),
    ]),
    ("P13", AFDELING, [
        ("2026-01-13", "nieuw", "gelijkwaardig", 0,
         "Dhr. (BSN 309162543) wil zich inschrijven bij zijn vriendin, maar de verhuizing wordt "
         "geweigerd omdat er 'al te veel mensen' op het adres staan. Zijn huur elders is al opgezegd."),
        ("2026-02-03", "in behandeling", "gelijkwaardig", 1,
         "Medewerker BRP heeft dhr. uitgenodigd en zijn verhaal aangehoord. Er stonden nog twee vorige "
         "huurders ingeschreven. Adresonderzoek naar hen gestart, dhr. netjes uitgelegd wat er "
         "gebeurt."),
        ("2026-02-24", "opgelost", "gelijkwaardig", 1,
         "Vorige huurders uitgeschreven, dhr. ingeschreven. Dhr.: 'Ze hadden het ook kunnen afdoen met "
         "nee, maar ze luisterden.' Opgelost."),
    ]),
    ("P14", AFDELING, [
        ("2026-02-10", "nieuw", "betrouwbaar", -1,
         "Mevr. is drie keer voor niets naar het gemeentehuis gereden om haar rijbewijs op te halen: "
         "ze kreeg de sms 'uw document ligt klaar', maar het lag er niet."),
        ("2026-03-03", "in behandeling", "betrouwbaar", 0,
         "Oorzaak: de sms gaat uit bij verzending door de RDW, niet bij aankomst. PZ biedt mevr. "
         "thuisbezorging aan. Leverancier gevraagd de sms aan te passen."),
        ("2026-03-24", "opgelost", "betrouwbaar", 1,
         "Rijbewijs thuisbezorgd op de afgesproken dag. Sms-tekst aangepast. Mevr. tevreden."),
    ]),
    ("P15", AFDELING, [
        ("2026-03-17", "nieuw", "samenwerken", -1,
         "Dhr. (COPD) vroeg een gehandicaptenparkeerkaart aan. PZ zegt dat de medische keuring bij "
         "WMO ligt, WMO zegt dat het een PZ-product is. Vier keer gebeld."),
        ("2026-04-07", "in behandeling", "samenwerken", 1,
         "Overleg PZ en WMO: aanvraag hing door een verkeerde doorzetting tussen beide teams. PZ "
         "neemt de regie, keuring ingepland via de GGD."),
        ("2026-04-28", "in behandeling", "gelijkwaardig", -1,
         "Keuring geweest. Dhr. voelde zich door de keuringsarts niet serieus genomen ('u loopt toch "
         "gewoon?'). Besproken met PZ, zij leggen het neer bij de GGD."),
        ("2026-05-19", "opgelost", "gelijkwaardig", 1,
         "Tweede beoordeling door een andere arts, kaart toegekend. PZ-medewerker belde dhr. zelf "
         "met de uitslag en de excuses van de GGD. Dhr. voelde zich uiteindelijk gehoord."),
    ]),
    ("P16", AFDELING, [
        ("2026-05-12", "nieuw", "initiatief", -1,
         "Zoon van een bedlegerige mevr. (94) vraagt hoe zijn moeder een nieuwe ID-kaart krijgt; de "
         "bank eist er een. De balie zei eerst 'ze moet zelf langskomen'."),
        ("2026-06-02", "in behandeling", "initiatief", 1,
         "Medewerker PZ stelde zelf voor om met de mobiele vingerafdrukset langs te gaan. Afspraak "
         "gepland."),
        ("2026-06-23", "opgelost", "initiatief", 1,
         "Aanvraag aan huis gedaan, ID-kaart thuisbezorgd. PZ gaat dit vaker aanbieden en zet het op "
         "de website. Zoon zeer tevreden."),
    ]),
    ("P17", AFDELING, [
        ("2026-06-09", "nieuw", "gelijkwaardig", 0,
         "Mevr. betaalde twee keer leges voor het paspoort van haar zoon, omdat de eerste aanvraag "
         "werd afgekeurd op de foto. Ze vindt dat ze niet dubbel hoeft te betalen en heeft bezwaar "
         "gemaakt."),
        ("2026-06-30", "in behandeling", "gelijkwaardig", 1,
         "Tl PZ heeft mevr. gebeld. De foto was aan de balie goedgekeurd en pas later afgekeurd. Hij "
         "gaf haar gelijk: 'Dan hadden wij het moeten zien.'"),
        ("2026-07-21", "opgelost", "betrouwbaar", 1,
         "Dubbele leges (€ 58,85) teruggestort op NL79 RABO 0361 5284 97, binnen de afgesproken 3 "
         "weken. Bezwaar ingetrokken. Opgelost."),
    ]),
    ("P18", AFDELING, [
        ("2026-07-14", "nieuw", "samenwerken", -1,
         "Jong gezin verhuisd naar een nieuwbouwwoning in De Waarden, maar inschrijven lukt niet: het "
         "adres 'bestaat nog niet' in de BAG. Kinderbijslag en huisarts lopen vast. Iedereen wijst "
         "naar een ander."),
        ("2026-08-04", "in behandeling", "samenwerken", 1,
         "BAG-beheerder en PZ hebben het samen opgepakt: de adressen van het hele blok waren na de "
         "gereedmelding niet vrijgegeven. Vrijgave gedaan."),
        ("2026-08-25", "opgelost", "samenwerken", 1,
         "Gezin ingeschreven per verhuisdatum. PZ heeft alle 24 huishoudens in het blok zelf "
         "benaderd. Opgelost."),
    ]),
]
