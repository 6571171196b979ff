"""Hand-written case notes of Bureau Verbindingen, department Vergunningen.

Each case: (key, department, notes); each note: (iso date, status, value, tone, text).
`value` and `tone` (+1 aligned, 0 neutral/mixed, -1 misaligned) are the answer key for
evaluation only; they are never written into the demo input files.
Planted relapse: from 2026-01 the notes on `gelijkwaardig` turn negative.
"""

AFDELING = "Vergunningen"

CASES = [
    ("V01", AFDELING, [
        ("2025-01-08", "nieuw", "gelijkwaardig", 0,
         "Tel. gesproken met dhr. Van den Berg, woont aan de Kerkstraat 14 in Waardhoven. "
         "Zijn aanvraag voor een dakkapel aan de voorzijde is afgewezen. Hij snapt niet waarom "
         "de overburen er wel een mochten plaatsen en wil dat iemand het hem 'gewoon eens uitlegt'. "
         "Behandelaar opgezocht, terugbelafspraak gemaakt voor volgende week."),
        ("2025-01-23", "in behandeling", "gelijkwaardig", 1,
         "Gesprek bij dhr. thuis, samen met de behandelaar. Die heeft rustig uitgelegd dat de "
         "dakkapel van de overburen nog onder het oude bestemmingsplan is vergund en dat voor zijn "
         "kant van de straat nu beschermd dorpsgezicht geldt. Tekeningen samen doorgenomen aan de "
         "keukentafel. Dhr. nog steeds teleurgesteld, maar zei letterlijk: 'Zo had het de eerste "
         "keer ook gekund.'"),
        ("2025-02-13", "gesloten zonder oplossing", "gelijkwaardig", 1,
         "Afwijzing blijft staan, dhr. ziet af van bezwaar. Hij gaat kijken naar een dakraam aan "
         "de achterkant; beh. heeft aangeboden een schets vooraf informeel te beoordelen. Burger "
         "kreeg geen gelijk, maar voelde zich wel serieus genomen. Zaak gesloten."),
    ]),
    ("V02", AFDELING, [
        ("2025-01-20", "nieuw", "betrouwbaar", -1,
         "Mevr. belt n.a.v. haar aanvraag voor een uitrit, Molenweg 3a, 5612 KL Lindewaard. "
         "Ingediend in oktober, sindsdien niets gehoord. Twee keer gemaild, geen reactie. Ze moet "
         "de aannemer eind februari laten weten of het doorgaat. Uitgezet bij team Vergunningen "
         "met verzoek om status z.s.m."),
        ("2025-02-05", "in behandeling", "betrouwbaar", 0,
         "Antwoord Vergunningen: aanvraag lag bij de adviseur verkeer en was daar blijven hangen. "
         "Excuses aangeboden, advies is nu binnen. Beh. belt mevr. deze week zelf. Vrijdag checken "
         "of dat gebeurd is."),
        ("2025-03-04", "opgelost", "betrouwbaar", 1,
         "Vergunning uitrit verleend op 26-2, net op tijd voor de aannemer. Mevr. bevestigt dat de "
         "behandelaar inderdaad zelf belde, een datum noemde en die ook haalde. Wel terecht punt "
         "van haar: \"waarom moet ik eerst bij jullie aankloppen voordat er iets gebeurt?\" "
         "Teruggekoppeld aan tl Vergunningen."),
    ]),
    ("V03", AFDELING, [
        ("2025-02-18", "nieuw", "open", -1,
         "Echtpaar uit Oosterveld (uitbouw achterzijde) kreeg een brief dat hun aanvraag "
         "'aangehouden' is. Geen idee waarom of tot wanneer, de brief staat vol artikelnummers. "
         "Ze zijn bang dat de aannemer ze laat vallen."),
        ("2025-03-11", "in behandeling", "open", 1,
         "Met beh. gebeld. Aanhouding i.v.m. lopend advies van het waterschap over de afstand tot "
         "de watergang. Beh. heeft het echtpaar een mail gestuurd met in gewone taal wat er "
         "gevraagd is en wat de vervolgstappen zijn, cc aan mij. Helder en zonder jargon."),
        ("2025-04-01", "opgelost", "open", 1,
         "Waterschap akkoord met 1 m extra afstand, tekening aangepast, vergunning verleend. "
         "Echtpaar blij dat ze 'eindelijk snapten wat er speelde'. Suggestie van hen: standaardbrief "
         "aanhouding herschrijven. Doorgegeven aan de schrijfcoach van het team."),
    ]),
    ("V04", AFDELING, [
        ("2025-03-20", "nieuw", "initiatief", 0,
         "Buurtvereniging uit het buitengebied wil in juni een straatfeest met springkussen en een "
         "klein podium. Aanvraag evenementenvergunning te laat, termijn is 8 weken. Dat hadden ze "
         "nergens zien staan. Vragen of er toch iets mogelijk is."),
        ("2025-04-10", "opgelost", "initiatief", 1,
         "Beh. evenementen stelde zelf voor het podium te schrappen; dan is het een meldingsplichtig "
         "evenement met een kortere termijn. Met de vereniging doorgesproken, melding ingediend en "
         "akkoord. Goed voorbeeld van ruimte zoeken binnen de regels i.p.v. 'te laat is te laat'."),
    ]),
    ("V05", AFDELING, [
        ("2025-04-14", "nieuw", "gelijkwaardig", 0,
         "Mevr. uit De Linde is het niet eens met de vergunning die haar buren kregen voor een "
         "bijgebouw van 4 m hoog op de erfgrens. Ze heeft bezwaar gemaakt maar denkt dat ze 'toch "
         "geen kans maakt tegen de gemeente'. Vraagt of iemand haar kan uitleggen hoe de hoorzitting "
         "werkt."),
        ("2025-05-06", "in behandeling", "gelijkwaardig", 1,
         "Voorgesprek gehad met de secretaris van de bezwaarcommissie. Uitgelegd wat ze op de "
         "hoorzitting kan verwachten, dat ze iemand mag meenemen en dat haar punten (schaduw, zicht) "
         "echt worden meegewogen. Mevr. zei achteraf dat ze voor het eerst het gevoel had dat ze "
         "als gelijkwaardige partij aan tafel zat."),
        ("2025-06-10", "gesloten zonder oplossing", "gelijkwaardig", 1,
         "Uitspraak bezwaarcommissie:\n- bezwaar ongegrond, vergunning blijft in stand;\n- advies aan de buren om "
         "de schuur een halve meter te verplaatsen, buren zijn daartoe bereid.\nMevr. kreeg "
         "geen gelijk, maar voelde zich wel serieus genomen. Geen beroep."),
    ]),
    ("V06", AFDELING, [
        ("2025-05-13", "nieuw", "samenwerken", -1,
         "Dhr. wil een zieke kastanje in zijn voortuin kappen. Vergunningen zegt: boom staat op de "
         "lijst waardevolle bomen, bel Openbare Ruimte. OR zegt: particuliere boom, bel Vergunningen. "
         "Drie keer doorverbonden, hij heeft het gehad."),
        ("2025-05-27", "doorverwezen", "samenwerken", 0,
         "Overleg met beide teams. Afgesproken: boomdeskundige OR doet inspectie, Vergunningen beslist "
         "op basis daarvan. Dhr. heeft één contactpersoon bij Vergunningen. Doorverwezen naar OR voor "
         "de inspectie, gepland 3-6."),
        ("2025-06-24", "opgelost", "samenwerken", 1,
         "Boom inderdaad aangetast door kastanjebloedingsziekte. Kapvergunning met herplantplicht "
         "binnen twee weken verleend. Dhr. tevreden, vooral dat 'er ineens één iemand was die het "
         "regelde'. Werkafspraak OR/Vergunningen over waardevolle bomen vastgelegd door beide tl's."),
    ]),
    ("V07", AFDELING, [
        ("2025-06-05", "nieuw", "betrouwbaar", -1,
         "Eigenaar lunchroom aan het Marktplein heeft in maart een terrasvergunning aangevraagd. "
         "Toegezegd was 'voor de zomer rond'. Nu juni, nog geen besluit, terwijl de terrassen van de "
         "buren er wel staan. Hij loopt omzet mis en is boos."),
        ("2025-07-01", "in behandeling", "betrouwbaar", -1,
         "Beh. was ziek, dossier lag stil, niemand had het overgenomen. Tl heeft het nu zelf "
         "opgepakt. Ondernemer opnieuw beloofd dat het binnen een week rond is. Heb aangegeven dat ik "
         "er deze keer bovenop zit."),
        ("2025-07-22", "opgelost", "betrouwbaar", 0,
         "Vergunning afgegeven 14-7, dus toch weer een week later dan beloofd. Terras staat, "
         "ondernemer is daar blij mee, maar zijn vertrouwen in toezeggingen van de gemeente is "
         "'nul komma nul'. Punt ingebracht in het teamoverleg over overdracht bij ziekte."),
    ]),
    ("V08", AFDELING, [
        ("2025-07-08", "nieuw", "gelijkwaardig", -1,
         "Jong stel, eerste koophuis in Waardhoven. Dakkapel achterkant: negatief advies van de "
         "commissie ruimtelijke kwaliteit vanwege de kleur van de kozijnen. Ze begrijpen het advies "
         "niet en voelen zich 'als amateurs weggezet'."),
        ("2025-08-05", "in behandeling", "gelijkwaardig", 1,
         "Beh. heeft het stel uitgenodigd om hun plan zelf toe te lichten in de vergadering van de "
         "commissie. Commissielid deed een kleurvoorstel dat wel past. Stel voelde zich op gelijke "
         "voet behandeld en past de tekening aan."),
        ("2025-08-26", "opgelost", "gelijkwaardig", 1,
         "Aangepaste aanvraag positief beoordeeld, vergunning verleend. Stel heeft een bedankmail "
         "gestuurd naar de behandelaar en de commissie. Opgelost."),
    ]),
    ("V09", AFDELING, [
        ("2025-08-14", "nieuw", "gelijkwaardig", -1,
         "Klacht via de klachtencoördinator: dhr. (72) voelde zich aan de balie van Vergunningen "
         "'een lastpost' toen hij vroeg of hij voor een overkapping een vergunning nodig had. Kreeg "
         "een folder mee en de tip 'kijk maar op internet'. Hij heeft geen computer."),
        ("2025-09-02", "in behandeling", "gelijkwaardig", 1,
         "Gesprek met de betreffende medewerker en tl. Medewerker schrok van hoe het was overgekomen "
         "(drukke ochtend) en bood zelf aan dhr. te bellen. Dat is gebeurd: vergunningcheck samen "
         "telefonisch gedaan, overkapping is vergunningvrij."),
        ("2025-09-23", "opgelost", "gelijkwaardig", 1,
         "Dhr. heeft de klacht ingetrokken. Hij waardeerde dat de medewerker zelf belde en excuses "
         "maakte. Teamafspraak: inwoners zonder internet doen de vergunningcheck aan de balie samen "
         "met de medewerker."),
    ]),
    ("V10", AFDELING, [
        ("2025-09-09", "nieuw", "initiatief", -1,
         "Akkerbouwer aan de Dijkweg wil een tweede uitrit voor landbouwverkeer, zodat de trekkers "
         "niet meer langs de basisschool hoeven. Afgewezen: 'per perceel één uitrit'. Hij vindt dat "
         "de veiligheid van kinderen ondergeschikt wordt gemaakt aan een regel."),
        ("2025-09-30", "in behandeling", "initiatief", 1,
         "Beh. en verkeerskundige zijn ter plaatse gaan kijken. Ze zien het veiligheidsargument en "
         "onderzoeken of een tijdelijke uitrit via maatwerk kan. Voorstel ligt bij tl. Aanvrager "
         "hoort binnen 3 weken meer."),
        ("2025-10-21", "opgelost", "initiatief", 1,
         "Maatwerk: tijdelijke tweede uitrit voor 2 jaar, met evaluatie samen met school en "
         "aanvrager. Beh. heeft het besluit persoonlijk komen toelichten. Aanvrager zeer tevreden."),
    ]),
    ("V11", AFDELING, [
        ("2025-10-02", "nieuw", "gelijkwaardig", 0,
         "Dhr. (Oosterveld) wil de voortuin deels verharden en een uitrit aanleggen. Aan de telefoon "
         "kreeg hij eerst alleen 'dat mag daar niet'. Hij wil weten waarom en of er alternatieven "
         "zijn. Beh. gevraagd terug te bellen."),
        ("2025-10-16", "in behandeling", "gelijkwaardig", 1,
         "Beh. heeft dhr. teruggebeld en ruim de tijd genomen. Uitrit op die plek kan niet i.v.m. de "
         "bushalte, maar ze heeft met hem gekeken naar een plek 6 m verderop. Dhr.: 'Eindelijk iemand "
         "die meedenkt in plaats van nee zegt.'"),
        ("2025-11-06", "opgelost", "gelijkwaardig", 1,
         "Aanvraag voor de alternatieve locatie verleend. Dhr. heeft zelf contact gezocht om te laten "
         "weten dat hij tevreden is over hoe hij behandeld is. Opgelost."),
    ]),
    ("V12", AFDELING, [
        ("2025-10-09", "nieuw", "gelijkwaardig", 0,
         "Dochter belt namens haar vader (87), die bij haar in de tuin een mantelzorgwoning wil "
         "plaatsen. Ze is verdwaald in de regels: vergunningvrij of niet, wat moet ze aanleveren? "
         "Terugbellen op 040-2345678, liefst na 16.00 uur."),
        ("2025-10-28", "in behandeling", "gelijkwaardig", 1,
         "Beh. Vergunningen en WMO-consulent samen op huisbezoek. Ze luisterden eerst naar het hele "
         "verhaal van vader en dochter voordat ze over regels begonnen. Conclusie: vergunningvrij "
         "mits achter het huis en tijdelijk. Dochter krijgt een overzicht op papier."),
        ("2025-11-20", "in behandeling", "samenwerken", 1,
         "Overzicht ontvangen, helder. Nog een vraag over aansluiting op het riool; beh. heeft zelf "
         "contact gelegd met Openbare Ruimte i.p.v. de dochter door te sturen. Afspraak ter plaatse "
         "staat."),
        ("2025-12-11", "opgelost", "gelijkwaardig", 1,
         "Woning geplaatst, aansluiting geregeld. Dochter: 'Jullie hebben ons behandeld als mensen, "
         "niet als dossier.' Compliment doorgegeven aan beide teams."),
    ]),
    ("V13", AFDELING, [
        ("2025-10-14", "nieuw", "gelijkwaardig", 0,
         "Mevr. kreeg een handhavingsbrief: haar schutting van 2,5 m moet terug naar 2 m. Geplaatst "
         "vanwege inkijk door de nieuwe buren. Ze vindt de brief dreigend en wil haar kant van het "
         "verhaal kwijt."),
        ("2025-11-03", "in behandeling", "gelijkwaardig", 1,
         "Gesprek geregeld met de handhaver. Hij heeft goed geluisterd en uitgelegd waarom 2 m de "
         "grens is. Samen alternatieven bekeken: 2 m plus klimplanten, of een losse pergola. "
         "Hersteltermijn verlengd tot 1 maart zodat ze rustig kan kiezen."),
        ("2025-11-25", "gesloten zonder oplossing", "gelijkwaardig", 1,
         "Mevr. gaat de schutting inkorten. Ze zei: 'Ik vind de regel nog steeds onzin, maar ik ben "
         "wel netjes te woord gestaan.' Geen gelijk, wel serieus genomen. Gesloten."),
    ]),
    ("V14", AFDELING, [
        ("2025-10-21", "nieuw", "open", -1,
         "Dhr. woont in een gemeentelijk monument aan de Voorstraat en wil zonnepanelen op het "
         "achterdak. Afgewezen met één zin: 'strijdig met monumentale waarden'. Hij wil weten welke "
         "waarden dan, en wat wél kan."),
        ("2025-11-12", "in behandeling", "gelijkwaardig", 1,
         "Monumentenadviseur is langs geweest en heeft dhr. uitgebreid gehoord. Uitleg: het dak is "
         "vanaf de kerk zichtbaar. Voorstel: zwarte indakpanelen op het lage deel. Dhr. voelde zich "
         "'eindelijk gesprekspartner in plaats van aanvrager'."),
        ("2025-12-03", "opgelost", "gelijkwaardig", 1,
         "Nieuwe aanvraag met indaksysteem verleend. Minder panelen dan hij wilde, maar tevreden over "
         "de manier waarop het gegaan is. Opgelost."),
    ]),
    ("V15", AFDELING, [
        ("2025-11-18", "nieuw", "gelijkwaardig", 0,
         "Melding via de wijkagent: oudere dame in De Linde is in paniek door een brief over haar "
         "tuinhuis, dat te groot zou zijn. Het staat er sinds 1994. Ze begrijpt de brief niet en "
         "durft niet te bellen."),
        ("2025-12-02", "in behandeling", "gelijkwaardig", 1,
         "Met de handhaver op bezoek. Hij legde rustig uit dat het een controle n.a.v. luchtfoto's "
         "is en dat bouwwerken van vóór 2000 vaak onder overgangsrecht vallen. Mevr. zichtbaar "
         "opgelucht. Handhaver zoekt de oude stukken op."),
        ("2025-12-16", "opgelost", "gelijkwaardig", 1,
         "Bouwvergunning uit 1993 teruggevonden in het archief, handhavingszaak gesloten. Handhaver "
         "heeft het mevr. persoonlijk laten weten, met een kaartje erbij. Opgelost."),
    ]),
    ("V16", AFDELING, [
        ("2025-11-27", "nieuw", "gelijkwaardig", 0,
         "Gastouder in Oosterveld wil in haar garage een kleine opvangruimte maken. Bouwkundig "
         "simpel, maar ze twijfelt of het als bedrijf aan huis telt. Eerste contact met Vergunningen "
         "was vriendelijk, ze wacht op een inhoudelijk antwoord."),
        ("2025-12-15", "in behandeling", "gelijkwaardig", 1,
         "Beh. heeft haar uitgenodigd voor een gesprek met de planjurist erbij. Samen de regels voor "
         "bedrijf aan huis doorgelopen, 30% van het vloeroppervlak is de grens en ze zit er net "
         "onder. Ze voelde zich welkom en goed geïnformeerd."),
        ("2026-01-26", "gesloten zonder oplossing", "gelijkwaardig", -1,
         "Formele aanvraag toch afgewezen, nu omdat de garage niet als hoofdgebouw telt. Dat is in "
         "december nooit ter sprake gekomen. Gastouder belde de (nieuwe) behandelaar en werd "
         "afgekapt met \"regels zijn regels, u kunt bezwaar maken\". Ze voelt zich afgescheept en "
         "niemand wil het verschil met het eerdere gesprek uitleggen."),
    ]),
    ("V17", AFDELING, [
        ("2025-12-08", "nieuw", "gelijkwaardig", 0,
         "Echtpaar in het Centrum wil een dakterras op hun aanbouw. Vooroverleg aangevraagd, beh. "
         "Henk Jansen. Ze vragen BV mee te kijken omdat de buren al bezwaar hebben aangekondigd."),
        ("2025-12-19", "in behandeling", "gelijkwaardig", 1,
         "Vooroverleg gehad, constructief. Henk Jansen nam de tijd en liet zowel aanvragers als "
         "buren hun zorgen uitspreken. Afspraak: aanvragers werken een variant met hogere "
         "privacywand uit. Iedereen ging redelijk tevreden naar huis."),
        ("2026-01-20", "in behandeling", "gelijkwaardig", -1,
         "Variant ingediend, maar na de reorganisatie is de aanvraag overgedragen aan een andere "
         "behandelaar. Die "
         "wil niet praten over het vooroverleg: 'wat daar besproken is, bindt ons niet'. Aanvragers "
         "voelen zich niet gehoord en hebben het idee dat ze weer bij nul beginnen."),
        ("2026-02-16", "gesloten zonder oplossing", "gelijkwaardig", -1,
         "Aanvraag geweigerd met verwijzing naar het omgevingsplan, zonder in te gaan op de variant.\n"
         "Verzoek om toelichtend gesprek afgewezen: 'het besluit spreekt voor zich'.\n"
         "Aanvragers: niet alleen geen gelijk, ook niet serieus genomen. Overwegen bezwaar. "
         "Escalatie naar tl loopt."),
    ]),
    ("V18", AFDELING, [
        ("2026-01-07", "nieuw", "gelijkwaardig", -1,
         "Dhr. (De Linde) diende een aanvraag in voor een serre en kreeg een verzoek om aanvullende "
         "gegevens vol termen die hij niet begrijpt. Belde voor uitleg, werd twee keer doorverbonden "
         "en kreeg te horen dat 'alles in de brief staat'. Voelt zich als lastpost behandeld."),
        ("2026-01-22", "in behandeling", "gelijkwaardig", -1,
         "Zelf contact gezocht met de beh. met de vraag of ze dhr. even kan bellen. Antwoord: 'daar "
         "hebben we geen tijd voor, hij kan een adviseur inhuren'. Aanvrager voelde zich niet "
         "gehoord; behandelaar wilde geen toelichting geven. Besproken met tl."),
        ("2026-02-10", "in behandeling", "gelijkwaardig", -1,
         "Tl heeft alsnog een mail laten sturen, maar die verwijst opnieuw alleen naar artikelen uit "
         "het omgevingsplan. Dhr. heeft een tekenaar ingehuurd (€ 450), 'omdat de gemeente niet met "
         "mij wil praten'. Aanvraag loopt."),
    ]),
    ("V19", AFDELING, [
        ("2026-01-14", "nieuw", "gelijkwaardig", -1,
         "Mail van mevr. Karin Vos (karin.vos@example.com): de buren bouwen een aanbouw die volgens "
         "haar veel groter is dan vergund. Ze belde Vergunningen en kreeg te horen dat 'de gemeente "
         "er niet is om burenruzies op te lossen'. Ze wil alleen weten wat er vergund is."),
        ("2026-01-29", "in behandeling", "gelijkwaardig", -1,
         "Tel. gesproken met beh. Hij vindt dat mevr. 'al genoeg aandacht heeft gehad' en wil de "
         "tekeningen niet met haar doornemen, ze kan een Woo-verzoek doen. Opnieuw afgescheept met "
         "een verwijzing naar de procedure. Gezegd dat dit niet past bij het manifest; reactie was "
         "schouderophalen."),
        ("2026-02-19", "doorverwezen", "gelijkwaardig", -1,
         "Doorverwezen naar handhaving voor een controle ter plaatse. Mevr. Vos: 'Ik word van het "
         "kastje naar de muur gestuurd en niemand kijkt me aan.' Handhaving komt in maart."),
        ("2026-03-05", "opgelost", "gelijkwaardig", -1,
         "Handhaver heeft gemeten: aanbouw 40 cm dieper dan vergund, buren moeten alsnog een "
         "aanvraag doen voor de afwijking. Inhoudelijk krijgt mevr. deels gelijk. Over de bejegening "
         "bij Vergunningen blijft ze ontevreden: 'ik moest eerst boos worden voordat iemand "
         "luisterde'."),
    ]),
    ("V20", AFDELING, [
        ("2026-02-03", "nieuw", "gelijkwaardig", -1,
         "Mevr. (68, Waardhoven) wil een dakkapel aan de zijkant zodat haar kleinzoon boven kan "
         "wonen. Afgewezen. Toen ze belde om uitleg kreeg ze te horen: \"Regels zijn regels, "
         "mevrouw.\" Meer niet."),
        ("2026-02-24", "in behandeling", "gelijkwaardig", -1,
         "Gevraagd of de beh. de weigering samen met mevr. wil doorlopen. Afgewezen, beh. verwijst "
         "naar de bezwaarprocedure. Mevr. zit er erg mee: 'ik ben geen lastige vrouw, ik wil het "
         "alleen snappen'. Opnieuw afgescheept met verwijzing naar het bestemmingsplan."),
        ("2026-03-17", "gesloten zonder oplossing", "gelijkwaardig", -1,
         "Mevr. ziet af van bezwaar, ze 'heeft de energie niet'. Geen gelijk gekregen en zich ook "
         "niet serieus genomen gevoeld. Ik heb haar de weigering zelf uitgelegd, maar dat hoort de "
         "behandelaar te doen. Casus ingebracht bij de coaching."),
    ]),
    ("V21", AFDELING, [
        ("2026-02-12", "nieuw", "gelijkwaardig", -1,
         "Dhr. (Lindelaan 27) wil de garage verbouwen tot studio voor zijn dochter met een "
         "beperking. Aanvraag onvolledig verklaard. Aan de balie vroeg hij wat er ontbreekt en kreeg "
         "een lijst met nummers mee. Voelde zich 'weggezet als iemand die het niet snapt'."),
        ("2026-03-03", "in behandeling", "betrouwbaar", 1,
         "Beh. heeft de ontbrekende stukken binnen de toegezegde week per mail gespecificeerd. "
         "Inhoudelijk helder. Dhr. heeft alles aangeleverd, beslistermijn loopt weer."),
        ("2026-03-26", "gesloten zonder oplossing", "gelijkwaardig", -1,
         "Aanvraag geweigerd vanwege de parkeernorm. Dhr. vroeg om een gesprek om de situatie van "
         "zijn dochter uit te leggen; beh. weigerde: 'persoonlijke omstandigheden spelen bij ons geen "
         "rol'. Dhr. voelde zich niet gehoord. WMO-consulent ingeschakeld voor alternatieven."),
    ]),
    ("V22", AFDELING, [
        ("2026-03-09", "nieuw", "gelijkwaardig", -1,
         "Fietsenmaker aan de Voorstraat wil een deel van de winkel ombouwen tot werkplaats. Na twee "
         "maanden een weigering, zonder dat er ooit iemand met hem heeft gesproken. Hij voelt zich "
         "'een nummer in een systeem'."),
        ("2026-03-30", "in behandeling", "gelijkwaardig", -1,
         "Tel. gesproken met beh. Ze wil geen toelichting geven 'buiten het besluit om'. Op de vraag "
         "of ze met de ondernemer om tafel wil: 'dat schept verwachtingen'. Ondernemer voelde zich "
         "niet serieus genomen en heeft bezwaar ingediend."),
        ("2026-04-21", "doorverwezen", "gelijkwaardig", -1,
         "Doorverwezen naar de bezwaarcommissie, hoorzitting in mei. Ondernemer: 'Pas bij de "
         "bezwaarcommissie luistert er iemand, dat is toch de omgekeerde wereld.' Vergunningen "
         "stuurde niemand naar het voorgesprek."),
    ]),
    ("V23", AFDELING, [
        ("2026-03-19", "nieuw", "betrouwbaar", 0,
         "Dhr. vraagt of zijn aanvraag voor een carport nog op tijd beslist wordt; de aannemer kan "
         "half april. Status opgevraagd."),
        ("2026-04-14", "opgelost", "betrouwbaar", 1,
         "Vergunning ruim binnen de termijn verleend, beh. stuurde tussendoor zelf een update over "
         "de stand van zaken. Dhr. tevreden."),
    ]),
    ("V24", AFDELING, [
        ("2026-04-02", "nieuw", "gelijkwaardig", -1,
         "Mevr. vraagt een tweede uitrit aan omdat haar man in een rolstoel zit en de huidige oprit "
         "te steil is. Afgewezen met één zin uitleg. Toen ze belde zei de beh. dat hij 'niet elk "
         "individueel geval kan gaan bespreken'."),
        ("2026-04-16", "in behandeling", "gelijkwaardig", -1,
         "Gevraagd of beh. en verkeerskundige met mevr. naar alternatieven kunnen kijken, zoals vorig "
         "jaar bij de zaak aan de Dijkweg. Beh. wil niet: 'dat was een uitzondering'. Mevr. voelde "
         "zich niet gehoord en was in tranen aan de telefoon."),
        ("2026-05-07", "doorverwezen", "samenwerken", 1,
         "Doorverwezen naar WMO. De WMO-consulent heeft i.o.m. Openbare Ruimte een aanpassing van de "
         "bestaande oprit geregeld (flauwer talud). Praktisch opgelost via een andere route, "
         "Vergunningen is er verder niet bij betrokken geweest."),
    ]),
    ("V25", AFDELING, [
        ("2026-04-08", "nieuw", "gelijkwaardig", -1,
         "Voorzitter van de tennisclub belt: aanvraag voor een nieuw clubhuis ligt er sinds januari. "
         "Bij het vooroverleg werd het bestuur volgens hem 'behandeld als schooljongens'. Er werd "
         "vooral verteld wat niet kon."),
        ("2026-04-27", "in behandeling", "gelijkwaardig", -1,
         "Bij het tweede overleg aangeschoven. Beh. en stedenbouwkundige spraken vooral met elkaar "
         "over de club, niet met het bestuur. Vragen werden afgedaan met 'dat staat in het "
         "bestemmingsplan'. Na afloop gezegd dat het bestuur zich niet gehoord voelt; beh. zag het "
         "probleem niet."),
        ("2026-05-19", "in behandeling", "betrouwbaar", 0,
         "Aanvullende stukken binnen, beslistermijn loopt tot half juni. Beh. heeft toegezegd op "
         "tijd te besluiten. Bestuur afwachtend."),
        ("2026-06-04", "opgelost", "gelijkwaardig", -1,
         "Vergunning verleend, met twee voorwaarden waar nooit over gesproken is. Inhoudelijk kan de "
         "club ermee leven. Over de bejegening is het bestuur negatief: 'we kregen wat we wilden, "
         "maar als gelijkwaardige partner zijn we nooit gezien'. Brief naar de wethouder gestuurd."),
    ]),
    ("V26", AFDELING, [
        ("2026-04-23", "nieuw", "gelijkwaardig", -1,
         "Dhr. (buitengebied) heeft bezwaar gemaakt tegen de weigering van zijn dakkapel. Vóór het "
         "indienen had hij om een gesprek gevraagd om te horen wat wél kon, maar hij kreeg een "
         "standaardmail: 'Wij treden niet in overleg over ingediende aanvragen.'"),
        ("2026-05-12", "gesloten zonder oplossing", "gelijkwaardig", -1,
         "Bezwaar ongegrond, dhr. legt zich erbij neer. Teleurgesteld vooral over de behandeling: "
         "'niemand heeft ooit mijn tekening met mij bekeken'. Geen gelijk gekregen en zich ook niet "
         "serieus genomen gevoeld. Gesloten."),
    ]),
    ("V27", AFDELING, [
        ("2026-05-05", "nieuw", "gelijkwaardig", -1,
         "Eigenaar wil zijn woning splitsen in twee appartementen voor zijn kinderen. Aan de balie "
         "voelde hij zich behandeld als huisjesmelker; de medewerker zou gezegd hebben: 'Dat soort "
         "plannen kennen we hier wel.'"),
        ("2026-05-26", "in behandeling", "gelijkwaardig", -1,
         "Gesprek met tl Vergunningen over de bejegening. Zij erkent dat het druk is, maar "
         "'medewerkers hebben geen tijd voor koffiegesprekken'. Aanvrager heeft nog steeds niemand "
         "gesproken die naar zijn plan wil kijken."),
        ("2026-06-16", "in behandeling", "gelijkwaardig", -1,
         "Aanvraag formeel ingediend. Beh. weigert vooroverleg en verwijst naar het splitsingsbeleid, "
         "dat hij 'gewoon moet lezen'. Aanvrager: 'Ik ben geen vijand van de gemeente, ik wil mijn "
         "kinderen helpen.' Loopt nog."),
    ]),
    ("V28", AFDELING, [
        ("2026-05-14", "nieuw", "gelijkwaardig", -1,
         "Dhr. (Oosterveld) wilde vóór het indienen van zijn aanvraag voor een bijgebouw even laten "
         "meekijken. Kreeg te horen dat vooroverleg € 350 kost, 'anders moet u het zelf maar "
         "uitzoeken'. Voelt zich weggezet als iemand die de gemeente tijd kost."),
        ("2026-05-28", "in behandeling", "gelijkwaardig", -1,
         "Navraag bij het team: informeel meekijken wordt sinds dit jaar 'niet meer gedaan', niemand "
         "kon uitleggen waarom. Dhr. voelde zich niet gehoord en heeft de aanvraag maar zonder "
         "overleg ingediend."),
        ("2026-06-18", "opgelost", "betrouwbaar", 1,
         "Vergunning verleend binnen 5 weken, netjes binnen de termijn. Dhr. blij met de snelheid."),
    ]),
    ("V29", AFDELING, [
        ("2026-06-03", "nieuw", "gelijkwaardig", -1,
         "Echtpaar uit Waardhoven wil een overkapping bij de achterdeur. Vergunningcheck zegt "
         "vergunningplichtig; ze vroegen waarom. Mail van beh.: 'Zie omgevingsplan artikel 22.3.' "
         "Meer kwam er niet. Ze voelen zich afgescheept."),
        ("2026-06-22", "in behandeling", "gelijkwaardig", -1,
         "Beh. zou het echtpaar op mijn verzoek bellen. Niet gebeurd. Navraag: 'ik heb het al "
         "uitgelegd in de mail'. Opnieuw afgescheept met een verwijzing naar het plan. Echtpaar "
         "vraagt zich af waar dat manifest over luisteren eigenlijk voor is."),
        ("2026-07-08", "opgelost", "gelijkwaardig", -1,
         "Zelf met een collega van het omgevingsloket de regels met het echtpaar doorgenomen. Als de "
         "overkapping 50 cm kleiner wordt is hij vergunningvrij, dat gaan ze doen. Opgelost, maar "
         "niet dankzij de behandelaar, die elk gesprek uit de weg ging."),
    ]),
    ("V30", AFDELING, [
        ("2026-06-11", "nieuw", "gelijkwaardig", -1,
         "Klacht via de klachtencoördinator: aanvrager van een carport zegt dat de beh. hem aan de "
         "telefoon 'betweterig' noemde toen hij doorvroeg over de welstandsregels. Hij wil excuses."),
        ("2026-06-30", "gesloten zonder oplossing", "gelijkwaardig", -1,
         "Klacht behandeld. Beh. ontkent de uitspraak niet maar vindt dat hij 'gewoon duidelijk "
         "was'. Tl heeft geen excuses aangeboden, alleen een standaardbrief. Aanvrager voelt zich "
         "niet gehoord en overweegt naar de ombudsman te gaan."),
    ]),
    ("V31", AFDELING, [
        ("2026-06-25", "nieuw", "open", 0,
         "Inwoner vraagt of hij de vergunningstukken van de nieuwe zendmast bij het sportpark mag "
         "inzien. Hij maakt zich zorgen over straling."),
        ("2026-07-23", "opgelost", "open", 1,
         "Stukken digitaal ter inzage gegeven, inclusief het stralingsrapport; beh. schreef er een "
         "korte uitleg in gewone taal bij. Inwoner tevreden met de openheid."),
    ]),
    ("V32", AFDELING, [
        ("2026-07-02", "nieuw", "gelijkwaardig", -1,
         "Mevr. (weduwe, De Linde) wil de door storm beschadigde schuur herbouwen, iets groter dan "
         "eerst. Beh. zei: 'Dan had u het oude formaat moeten houden.' Ze voelde zich uit de hoogte "
         "behandeld."),
        ("2026-07-15", "in behandeling", "betrouwbaar", -1,
         "Toegezegde terugbelafspraak van de beh. niet nagekomen, mevr. heeft twee weken gewacht. "
         "Afspraak opnieuw laten inplannen."),
        ("2026-08-04", "gesloten zonder oplossing", "gelijkwaardig", -1,
         "Gesprek alsnog gevoerd, kort en zakelijk: herbouw in het oude formaat is vergunningvrij, "
         "groter niet. Over maatwerk wilde beh. niet praten. Mevr.: 'Ze praten over je, niet met je.' "
         "Geen gelijk en niet serieus genomen."),
    ]),
    ("V33", AFDELING, [
        ("2026-07-09", "nieuw", "gelijkwaardig", -1,
         "Jonge ondernemer wil een standplaats voor zijn foodtruck op eigen erf aan de provinciale "
         "weg. Geweigerd. Aan de balie werd zijn vraag om uitleg afgedaan met 'dat gaat hier niet "
         "gebeuren, meneer'. Hij voelt zich niet serieus genomen."),
        ("2026-07-28", "in behandeling", "initiatief", -1,
         "Gevraagd of er ruimte is voor een tijdelijke of seizoensstandplaats. Beh.: 'daar hebben we "
         "geen beleid voor, dus nee'. Geen bereidheid om mee te denken."),
        ("2026-08-18", "doorverwezen", "gelijkwaardig", -1,
         "Doorverwezen naar de bedrijvencontactfunctionaris van EZ, die wél met hem in gesprek ging. "
         "Over Vergunningen zegt hij: 'Ik werd behandeld alsof ik iets illegaals wilde.' Terugkoppeling "
         "gegeven aan tl, die het 'zal meenemen'."),
    ]),
    ("V34", AFDELING, [
        ("2026-07-21", "nieuw", "gelijkwaardig", -1,
         "Dhr. (Oosterveld) wil verduurzamen met een warmtepomp in de voortuin omdat er achter geen "
         "plek is. Afgewezen wegens beeldkwaliteit. Hij vroeg om een gesprek en kreeg een mail met "
         "een link naar het welstandsbeleid."),
        ("2026-08-11", "in behandeling", "gelijkwaardig", -1,
         "Driegesprek gevraagd met de beh. Via het secretariaat liet hij weten 'niet in discussie te "
         "gaan over een genomen besluit'. Aanvrager voelde zich niet gehoord; behandelaar wilde geen "
         "toelichting geven. Escalatie naar afdelingshoofd."),
        ("2026-08-27", "in behandeling", "gelijkwaardig", -1,
         "Reactie afdelingshoofd: hij steunt de beh. en ziet 'geen reden voor een gesprek'. Dhr. gaat "
         "bezwaar maken.\n"
         "NB: dit is de zoveelste Vergunningen-casus dit jaar waarin een toelichtend gesprek wordt "
         "geweigerd. Gesignaleerd aan de coach (stap 6)."),
    ]),
    ("V35", AFDELING, [
        ("2026-08-06", "nieuw", "gelijkwaardig", -1,
         "Bewonersgroep Molenbuurt heeft bezwaar tegen de vergunning voor een appartementengebouw. "
         "Ze willen weten hoe hun inspraakreacties zijn meegewogen. Antwoord van Vergunningen: "
         "'Alles is volgens de regels gegaan.'"),
        ("2026-08-25", "in behandeling", "gelijkwaardig", -1,
         "Informatieavond gevraagd; Vergunningen weigert en verwijst naar de bezwaarprocedure. "
         "Bewoners voelen zich 'niet meer dan een formaliteit'. Opnieuw afgescheept met verwijzing "
         "naar het bestemmingsplan. Woordvoerder wil nu met de wethouder praten."),
    ]),
]
