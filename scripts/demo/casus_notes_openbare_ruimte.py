"""Hand-written case notes of Bureau Verbindingen, department Openbare Ruimte.

Same layout as casus_notes_vergunningen.py; tone stays mixed over the whole period.
"""

AFDELING = "Openbare Ruimte"

CASES = [
    ("O01", AFDELING, [
        ("2025-01-13", "nieuw", "betrouwbaar", -1,
         "Mail van Johan Smit (j.smit@example.nl): zijn moeder is gevallen over losliggende "
         "stoeptegels voor de apotheek in de Dorpsstraat. Hij had het in oktober al gemeld via de "
         "app; melding staat op 'afgehandeld', tegels liggen er nog."),
        ("2025-01-30", "in behandeling", "betrouwbaar", -1,
         "Wijkbeheerder gesproken. Melding was afgesloten omdat de aannemer het 'ingepland had'. "
         "Door de vorst is de planning verschoven, niemand heeft dhr. Smit bericht. Gevraagd om een "
         "voorlopige afzetting, staat er sinds gisteren."),
        ("2025-02-20", "opgelost", "betrouwbaar", 1,
         "Tegels opnieuw gelegd. Wijkbeheerder heeft dhr. Smit persoonlijk gebeld en een foto "
         "gestuurd. Schadeclaim moeder loopt via de verzekeraar, daar heeft BV geen rol in. In de "
         "meldingen-app wordt de status 'afgehandeld' gesplitst in 'ingepland' en 'uitgevoerd'."),
    ]),
    ("O02", AFDELING, [
        ("2025-02-04", "nieuw", "samenwerken", -1,
         "Bewoners Lindelaan geschrokken van kruisjes op 14 lindes. Niemand heeft ze geïnformeerd "
         "over kap. Handtekeningenlijst met 86 namen. Boos dat 'de gemeente eerst zaagt en dan "
         "praat'."),
        ("2025-02-25", "in behandeling", "open", 1,
         "Bewonersavond door OR met de bomendeskundige, ca. 40 aanwezigen.\nUitgelegd: 6 bomen zijn ziek, 8 stonden op de "
         "lijst voor een herinrichting die nog niet vastligt. Dat laatste deel is teruggedraaid.\n"
         "Bewoners waardeerden de openheid, wel kritiek op het late moment."),
        ("2025-03-18", "opgelost", "samenwerken", 1,
         "6 zieke bomen gekapt, herplant met bewonerskeuze uit 3 soorten. Werkgroep bewoners denkt "
         "mee over de herinrichting. Afspraak OR: voortaan eerst een bewonersbrief, dan pas "
         "kruisjes."),
    ]),
    ("O03", AFDELING, [
        ("2025-03-06", "nieuw", "betrouwbaar", -1,
         "Ondergrondse container Kerkpad al 2 wkn vol, zakken ernaast, meeuwen en ratten. Bewoner "
         "heeft 4x gemeld, elke keer 'wordt deze week geleegd'."),
        ("2025-03-27", "opgelost", "betrouwbaar", 0,
         "Container geleegd en de vulgraadsensor vervangen (gaf 'leeg' aan). Inzamelaar heeft de "
         "frequentie tijdelijk verhoogd. Bewoner tevreden met de oplossing, niet met de weg ernaartoe."),
    ]),
    ("O04", AFDELING, [
        ("2025-04-03", "nieuw", "samenwerken", 0,
         "Ouders uit De Linde willen meedenken over de renovatie van de speeltuin aan het Wilgenplein. "
         "Ze hoorden dat de plannen al 'klaar' zijn en willen liever een natuurspeelplek dan "
         "standaardtoestellen."),
        ("2025-04-24", "in behandeling", "samenwerken", 1,
         "Projectleider OR heeft de ouders uitgenodigd. Plannen bleken nog niet vast te liggen. Twee "
         "ontwerpsessies gepland met ouders en kinderen van groep 6 van de basisschool."),
        ("2025-05-15", "in behandeling", "initiatief", 1,
         "Ontwerpsessies geweest, kinderen hebben tekeningen gemaakt. Ontwerper combineert "
         "natuurspelen met een deel van de bestaande toestellen. Ouders bieden aan zelf de beplanting "
         "te doen."),
        ("2025-06-05", "opgelost", "samenwerken", 1,
         "Ontwerp vastgesteld, uitvoering na de zomer. Ouders: 'Dit is echt van ons samen.' "
         "Doorgestuurd aan communicatie als voorbeeld bij het manifest."),
    ]),
    ("O05", AFDELING, [
        ("2025-05-08", "nieuw", "gelijkwaardig", 0,
         "Dhr. (Oosterveld) wil dat de gemeentelijke eik voor zijn huis gekapt wordt, de wortels "
         "drukken zijn oprit omhoog. Al twee keer per brief nee gekregen."),
        ("2025-05-29", "gesloten zonder oplossing", "gelijkwaardig", 1,
         "Boomdeskundige is met dhr. ter plaatse geweest en heeft de wortels samen met hem bekeken. "
         "Boom blijft (gezond, monumentaal), wel een worteldoek onder de stoep en herstel van de "
         "oprit op kosten van de gemeente. Dhr. kreeg geen gelijk over de kap, maar voelde zich wel "
         "serieus genomen."),
    ]),
    ("O06", AFDELING, [
        ("2025-06-12", "nieuw", "betrouwbaar", -1,
         "Drie lantaarnpalen langs het fietspad naar de middelbare school doen het al maanden niet. "
         "Melding staat sinds februari op 'in behandeling'. Ouders willen dat het vóór het najaar "
         "opgelost is."),
        ("2025-07-03", "opgelost", "betrouwbaar", 1,
         "Kabelstoring bij de netbeheerder, OR wachtte op hen. Na mijn navraag heeft OR zelf "
         "geëscaleerd. Verlichting werkt sinds 1-7. Ouders geïnformeerd door de wijkbeheerder."),
    ]),
    ("O07", AFDELING, [
        ("2025-06-26", "nieuw", "initiatief", 0,
         "Bewonersgroep park Oosterveld klaagt over hondenpoep op het grasveld waar kinderen spelen. "
         "Ze hebben zelf een voorstel: uitlaatzone met extra afvalbakken, en ze willen de bordjes zelf "
         "maken."),
        ("2025-07-17", "in behandeling", "initiatief", 1,
         "Wijkbeheerder enthousiast, heeft zelf budget vrijgemaakt voor drie afvalbakken en stelt een "
         "proef van drie maanden voor. Bewoners maken de borden samen met de basisschool."),
        ("2025-08-07", "opgelost", "initiatief", 1,
         "Uitlaatzone ingericht. Eerste reacties positief, veel minder poep op het speelveld. "
         "Evaluatie in oktober. Bewoners voelen zich 'mede-eigenaar' van het park."),
    ]),
    ("O08", AFDELING, [
        ("2025-07-24", "nieuw", "open", -1,
         "Imker uit Waardhoven boos: bermen langs de Dijkweg midden in de bloei gemaaid, terwijl vorig "
         "jaar 'ecologisch maaibeheer' was aangekondigd. Hij wil weten wie dat besloten heeft en "
         "waarom."),
        ("2025-08-14", "in behandeling", "open", 0,
         "Navraag OR: het maaibestek is nog het oude, het nieuwe beleid gaat pas in 2026 in. Dat was "
         "nergens gecommuniceerd. OR-medewerker nodigt de imker uit voor een gesprek over het nieuwe "
         "bestek."),
        ("2025-09-04", "opgelost", "open", 1,
         "Gesprek geweest, imker heeft een kaart met bloemrijke bermen ingebracht die OR meeneemt. "
         "Maaischema komt voortaan op de website. Imker: 'Als jullie het gewoon uitleggen, snap ik "
         "het ook.'"),
    ]),
    ("O09", AFDELING, [
        ("2025-08-21", "nieuw", "gelijkwaardig", -1,
         "Bewoners Schoolstraat vragen al twee jaar om een drempel. Op hun laatste mail kwam een "
         "standaardantwoord dat er 'geen sprake is van een verkeersonveilige situatie'. Ze voelen "
         "zich weggezet als zeurpieten."),
        ("2025-09-11", "in behandeling", "gelijkwaardig", 1,
         "Verkeerskundige heeft met de bewoners een ochtend in de spits langs de weg gestaan en "
         "erkende dat het bij het halen en brengen druk is. Snelheidsmeting gepland, bewoners "
         "bepalen de meetplek mee."),
        ("2025-10-02", "gesloten zonder oplossing", "gelijkwaardig", 1,
         "Meting: gemiddeld 31 km/u, dus geen drempel. Wel schoolzone met borden en belijning. "
         "Bewoners hadden liever een drempel gehad, maar vinden dat ze eerlijk behandeld zijn."),
    ]),
    ("O10", AFDELING, [
        ("2025-09-18", "nieuw", "initiatief", 0,
         "Bas Bakker (buurtbewoner, 0687654321) wil met vrijwilligers het zwerfafval rond het "
         "winkelcentrum opruimen en vraagt grijpers, zakken en een plek om het af te leveren. Kreeg "
         "eerst te horen dat daar 'geen regeling voor is'."),
        ("2025-10-09", "in behandeling", "initiatief", 1,
         "OR-medewerker heeft de adoptieregeling van een buurgemeente opgezocht en stelt voor die hier "
         "als proef te gebruiken. Materiaal wordt geleverd, inzamelaar haalt de zakken op bij het "
         "Kerkpad."),
        ("2025-10-30", "opgelost", "initiatief", 1,
         "Eerste opruimactie met 14 vrijwilligers. Bas Bakker trots, de OR-medewerker was erbij met "
         "koffie. Proef loopt een jaar."),
    ]),
    ("O11", AFDELING, [
        ("2025-10-16", "nieuw", "samenwerken", -1,
         "Na de hoosbui van vorige week stond de kelder van een echtpaar aan de Beekstraat onder "
         "water. Kolken vol blad. OR zegt dat het riool van het waterschap is, het waterschap zegt dat "
         "de kolken van de gemeente zijn. Terugbellen: mevr. op 06-29384756."),
        ("2025-11-06", "in behandeling", "samenwerken", 1,
         "Gezamenlijke schouw OR en waterschap. Afspraak: OR reinigt de kolken vaker in het najaar, "
         "waterschap kijkt naar de capaciteit van het gemaal. Echtpaar heeft één aanspreekpunt bij OR."),
        ("2025-11-27", "opgelost", "samenwerken", 1,
         "Kolken gereinigd, extra bladkorf geplaatst. Bij de regen van afgelopen week droog gebleven. "
         "Echtpaar tevreden. Werkafspraak OR/waterschap vastgelegd."),
    ]),
    ("O12", AFDELING, [
        ("2025-11-13", "nieuw", "gelijkwaardig", -1,
         "Moeder uit Waardhoven: het klimrek in het speeltuintje aan de Bongerd is al maanden afgezet "
         "met linten. Toen ze belde kreeg ze te horen 'speeltuinen hebben nu geen prioriteit, "
         "mevrouw'. Ze voelt zich niet serieus genomen."),
        ("2025-12-11", "gesloten zonder oplossing", "gelijkwaardig", -1,
         "Toestel wordt verwijderd, vervanging niet vóór 2027. De moeder kreeg daarover een brief, "
         "zonder uitleg en zonder aanbod om mee te denken. Ik heb haar het budgetverhaal uitgelegd, "
         "maar dat gesprek had OR zelf moeten voeren."),
    ]),
    ("O13", AFDELING, [
        ("2025-12-04", "nieuw", "betrouwbaar", -1,
         "Oudere fietser gevallen op het fietspad langs de Hoge Dijk. Het pad wordt volgens "
         "bewoners nooit gestrooid, terwijl het op de website als hoofdfietsroute staat."),
        ("2025-12-18", "in behandeling", "betrouwbaar", 0,
         "Navraag: pad staat wel op de strooikaart, de strooiwagen kwam er door een fout in de route "
         "niet langs. Route aangepast. OR belt de gevallen fietser zelf."),
        ("2026-01-08", "opgelost", "betrouwbaar", 1,
         "Bij de vorst van afgelopen week is het pad wel gestrooid, zelf gecontroleerd. Fietser "
         "gebeld door OR, excuses aangeboden. Opgelost."),
    ]),
    ("O14", AFDELING, [
        ("2026-01-15", "nieuw", "gelijkwaardig", 0,
         "Dhr. Visser (buitengebied) maakt zich zorgen over een scheve populier in de steeg achter zijn "
         "huis. Bij de storm in december vielen er al takken op zijn schuur. Hij is bang dat hij niet "
         "geloofd wordt."),
        ("2026-02-05", "in behandeling", "gelijkwaardig", 1,
         "Boomverzorger OR heeft met dhr. Visser de boom bekeken en uitgebreid uitgelegd wat ze "
         "meten. Dhr.: 'hij nam de tijd en legde alles uit'. Trekproef gepland."),
        ("2026-02-26", "opgelost", "gelijkwaardig", 1,
         "Trekproef: boom instabiel, wordt gekapt. Dhr. Visser mocht meebeslissen over de vervangende "
         "boom. Schade schuur via de verzekering. Opgelost."),
    ]),
    ("O15", AFDELING, [
        ("2026-02-12", "nieuw", "betrouwbaar", -1,
         "Mevr. meldde grofvuil aan, afspraak bevestigd, spullen 's ochtends buiten gezet: niet "
         "opgehaald. Tweede afspraak: weer niet. Nu staat er een bank op de stoep en heeft ze een "
         "waarschuwing voor illegale dumping gekregen."),
        ("2026-03-05", "opgelost", "betrouwbaar", 0,
         "Waarschuwing ingetrokken, bank opgehaald. Oorzaak: haar adres stond fout in het "
         "planningssysteem van de inzamelaar. Mevr. tevreden met de oplossing, maar 'ik moest er wel "
         "drie weken achteraan'."),
    ]),
    ("O16", AFDELING, [
        ("2026-03-12", "nieuw", "initiatief", 0,
         "Bewoners uit de Molenbuurt willen op het braakliggende terrein naast de sporthal een "
         "buurtmoestuin beginnen. Weten niet bij wie ze moeten zijn: OR, Vastgoed of Vergunningen?"),
        ("2026-04-02", "in behandeling", "samenwerken", 1,
         "Intake met OR, Vastgoed en de wijkregisseur samen. OR coördineert. Gebruiksovereenkomst "
         "voor 3 jaar in voorbereiding. Bewoners blij met 'één loket'."),
        ("2026-04-23", "in behandeling", "initiatief", 1,
         "OR levert grond en een watertappunt, bewoners bouwen de bakken. Wijkbeheerder heeft zelf "
         "de bodemtest geregeld zodat de bewoners niet hoeven te wachten."),
        ("2026-05-14", "opgelost", "initiatief", 1,
         "Moestuin geopend met 22 deelnemers, ook uit de flat ernaast. Initiatief aan beide kanten. "
         "Opgelost."),
    ]),
    ("O17", AFDELING, [
        ("2026-04-09", "nieuw", "gelijkwaardig", -1,
         "Dhr. (rolstoel) kan door een hoge stoeprand en geparkeerde auto's niet bij de bushalte aan "
         "de Stationsweg komen. Zijn melding werd afgedaan met 'de halte voldoet aan de richtlijnen'. "
         "Hij voelt zich afgescheept."),
        ("2026-04-30", "in behandeling", "gelijkwaardig", 0,
         "OR-medewerker wilde eerst niet komen kijken ('halte is al getoetst'). Na tussenkomst van tl "
         "toch een afspraak ter plaatse."),
        ("2026-05-21", "opgelost", "gelijkwaardig", 1,
         "Ter plaatse met dhr.: de medewerker zag het probleem meteen en bood excuses aan voor de "
         "eerdere reactie. Stoepverlaging en paaltjes tegen parkeren gepland in juni. Dhr.: 'Als je "
         "maar even komt kijken.'"),
    ]),
    ("O18", AFDELING, [
        ("2026-06-04", "nieuw", "gelijkwaardig", 0,
         "Mevr. (De Linde) wil dat de gemeentebomen langs haar achtertuin gesnoeid worden, door de "
         "schaduw leveren haar zonnepanelen weinig op. Eerder verzoek per mail afgewezen."),
        ("2026-06-25", "gesloten zonder oplossing", "gelijkwaardig", 1,
         "Bomenbeheerder heeft haar thuis opgezocht en uitgelegd dat er niet gesnoeid wordt voor "
         "schaduw, wel het deel dat boven haar tuin hangt. Mevr. kreeg geen gelijk, maar voelde zich "
         "wel serieus genomen. Gesloten."),
    ]),
    ("O19", AFDELING, [
        ("2026-06-18", "nieuw", "open", -1,
         "Via de wijkraad: bewoners snappen niet waarom de ondergrondse containers ineens alleen met "
         "een nieuw pasje opengaan. Geen brief gehad, alleen een bericht op social media."),
        ("2026-07-09", "in behandeling", "open", -1,
         "Afvalteam geeft toe dat de communicatie 'niet optimaal' was. Uitleg over tarief en pasjes "
         "werd intern uitgesteld tot 'na het besluit', dat al in maart viel. Wijkraad boos dat het "
         "achter gesloten deuren is besloten."),
        ("2026-07-30", "opgelost", "open", 1,
         "Alsnog huis-aan-huisbrief met uitleg en een inloopspreekuur in de bibliotheek, ik was erbij. "
         "Goed bezocht. Wijkraad tevreden met de uitleg, niet met het tarief."),
    ]),
    ("O20", AFDELING, [
        ("2026-07-16", "nieuw", "samenwerken", 0,
         "Groep jongeren (14-17) uit Oosterveld wil een skateplek. Ze hebben een petitie maar weten "
         "niet hoe ze bij de gemeente binnenkomen. Jongerenwerker vroeg BV om te helpen."),
        ("2026-08-06", "in behandeling", "samenwerken", 1,
         "Gesprek met OR, jongerenwerk en de jongeren zelf in het jongerencentrum. Projectleider OR "
         "nam ze serieus en vroeg ze zelf een locatie voor te stellen. Presentatie eind augustus."),
        ("2026-08-27", "in behandeling", "samenwerken", 1,
         "Jongeren presenteerden drie locaties, twee zijn haalbaar. In september worden omwonenden "
         "samen met de jongeren uitgenodigd. Loopt."),
    ]),
]
