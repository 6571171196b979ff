"""Word lists for the Dutch sentiment lexicon (data only, no logic).

Pattern's ``nl-sentiment.xml`` covers adjectives. Survey answers and case
notes carry much of their sentiment in nouns and participles ("klacht",
"genegeerd", "teruggebeld"), so ``EXTRA_POLARITY`` adds those, written by hand
for this domain (municipal services, the manifest, case notes). Neutral-ish
"service outcome" words ("teruggebeld", "gereageerd") have a small positive
value so that a negation in front of them ("nooit teruggebeld") turns negative.
Values follow Pattern's scale (-1..1). Chosen from domain knowledge and the
train split only, never from the dev set.
"""

from __future__ import annotations

# Negators open a scope that ends at the clause boundary or after NEGATION_SCOPE tokens.
NEGATORS = frozenset(
    "niet geen nooit nauwelijks amper zelden niks niets allesbehalve geenszins nergens niemand noch weinig zonder".split()
)
NEGATION_SCOPE = 4

# Tokens that end a negation scope and a pending intensifier.
CLAUSE_BREAKS = frozenset(". , ; : ! ? maar en want omdat terwijl dus toch of doch zodat als".split())

# Contrast markers: what follows weighs more than what precedes ("het duurde lang, maar ...").
CONTRAST = frozenset("maar echter toch".split())
CONTRAST_BEFORE_WEIGHT = 0.5

# Intensifiers (> 1) and downtoners (< 1). They modify the next sentiment word and
# carry no polarity themselves (Pattern lists "erg" as "naar" and "zeer" as "pijnlijk",
# senses that are rare in this domain).
INTENSIFIERS = {
    "heel": 1.5, "erg": 1.5, "zeer": 1.6, "echt": 1.3, "totaal": 1.8, "helemaal": 1.6,
    "enorm": 1.6, "ontzettend": 1.7, "bijzonder": 1.5, "uiterst": 1.7, "hartstikke": 1.6,
    "ronduit": 1.5, "absoluut": 1.6, "volledig": 1.5, "compleet": 1.6, "super": 1.6,
    "vreselijk": 1.7, "verschrikkelijk": 1.7, "buitengewoon": 1.6, "zwaar": 1.5,
    "uitermate": 1.7, "dik": 1.3, "werkelijk": 1.4, "bepaald": 1.0, "ontzettende": 1.7, "hele": 1.4,
    "enigszins": 0.6, "beetje": 0.6, "vrij": 0.8, "nogal": 0.8, "tamelijk": 0.7,
    "redelijk": 0.7, "best": 0.8, "iets": 0.7,
}

# Words missing from Pattern's lexicon, or whose Pattern value does not fit the domain.
EXTRA_POLARITY: dict[str, float] = {
    # positive
    "compliment": 0.7, "complimenten": 0.7, "bedankt": 0.6, "dank": 0.5, "dankzij": 0.3,
    "bedanken": 0.5, "bedankte": 0.5, "waardeer": 0.6, "waarderen": 0.6, "waardering": 0.5,
    "gewaardeerd": 0.5, "behulpzaam": 0.6, "behulpzame": 0.6, "geholpen": 0.4, "teruggebeld": 0.3,
    "opgelost": 0.5, "oplossing": 0.3, "respect": 0.4, "verbetering": 0.5, "vooruitgang": 0.5,
    "verbeterd": 0.5, "vooruitgegaan": 0.5, "aanwinst": 0.6, "uitkomst": 0.5, "verademing": 0.7,
    "tevredenheid": 0.5, "aanrader": 0.7, "lof": 0.7, "chapeau": 0.7, "beter": 0.4, "beste": 0.6,
    "enthousiast": 0.6, "gehoord": 0.3, "nagekomen": 0.4, "meegedacht": 0.5, "meedenken": 0.4,
    "meedacht": 0.5, "attent": 0.6, "betrokken": 0.3, "deskundig": 0.5, "toegankelijk": 0.4,
    "bereikbaar": 0.3, "gastvrij": 0.6, "hartelijk": 0.6, "correct": 0.4, "zorgvuldig": 0.5,
    "geduldig": 0.5, "gezellig": 0.6, "opgelucht": 0.5, "plezier": 0.6, "genieten": 0.6,
    "gelukt": 0.4, "bemoedigend": 0.5, "hoopvol": 0.5, "constructief": 0.5, "transparant": 0.4,
    "begrip": 0.3, "welkom": 0.5, "menselijk": 0.4, "inspirerend": 0.6, "leerzaam": 0.5,
    "waardevol": 0.6, "gereageerd": 0.2, "beantwoord": 0.3, "geluisterd": 0.3, "luistert": 0.3,
    "luisteren": 0.2, "vertrouwen": 0.4, "serieus": 0.3, "trots": 0.7, "soepel": 0.5,
    "vlot": 0.5, "snel": 0.4, "handig": 0.5, "top": 0.7, "perfect": 0.8, "tevreden": 0.6,
    "blij": 0.6, "fijn": 0.6, "helder": 0.4, "thx": 0.5, "topper": 0.7, "goud": 0.4,
    "netjes": 0.5, "keurig": 0.5, "duidelijkheid": 0.4, "open": 0.2, "eerlijk": 0.4,
    "reactie": 0.12, "antwoord": 0.12, "bevestiging": 0.12, "uitleg": 0.12, "overleg": 0.12,
    "inspraak": 0.12, "klopt": 0.2, "begrijpt": 0.2, "snap": 0.2, "luisterde": 0.3, "terugbellen": 0.2,
    "opgepakt": 0.4, "gesteund": 0.5, "hersteld": 0.4, "omarmd": 0.5, "veiliger": 0.5, "empathie": 0.4,
    # negative
    "probleem": -0.4, "problemen": -0.4, "klacht": -0.3, "klachten": -0.3, "klagen": -0.4,
    "helaas": -0.5, "chaos": -0.6, "drama": -0.6, "gedoe": -0.5, "onzin": -0.6,
    "frustrerend": -0.6, "frustrerende": -0.6, "gefrustreerd": -0.6, "frustratie": -0.6,
    "kortaf": -0.6, "beu": -0.6, "schande": -0.8, "schandelijk": -0.7, "bureaucratie": -0.4,
    "bureaucratisch": -0.5, "overlast": -0.5, "genegeerd": -0.6, "negeert": -0.5,
    "afgescheept": -0.7, "afgewimpeld": -0.6, "weggewuifd": -0.6, "onbeantwoord": -0.5,
    "onbereikbaar": -0.6, "slechter": -0.6, "slechtste": -0.9, "erger": -0.6, "ergste": -0.8,
    "woedend": -0.8, "kwaad": -0.6, "machteloos": -0.6, "cynisch": -0.5, "angst": -0.5,
    "angstcultuur": -0.8, "ramp": -0.7, "rampzalig": -0.9, "puinhoop": -0.8, "bende": -0.6,
    "verwaarloosd": -0.6, "verloederd": -0.7, "tijdverspilling": -0.7, "geldverspilling": -0.7,
    "zonde": -0.5, "irritatie": -0.5, "ergernis": -0.5, "lastpost": -0.6, "respectloos": -0.7,
    "onbeschoft": -0.7, "kastje": -0.5, "stroef": -0.4, "moeizaam": -0.5, "verslechterd": -0.6,
    "achteruitgang": -0.5, "tegengewerkt": -0.6, "tegenwerken": -0.5, "afgekapt": -0.5,
    "ontweken": -0.5, "doorverwezen": -0.2, "teleurgesteld": -0.6, "teleurstelling": -0.6,
    "arrogant": -0.6, "neerbuigend": -0.6, "defensief": -0.4, "onredelijk": -0.6,
    "willekeurig": -0.4, "oneerlijk": -0.6, "onacceptabel": -0.7, "belachelijk": -0.8,
    "absurd": -0.7, "onhandig": -0.4, "onbegrijpelijk": -0.5, "ondoorzichtig": -0.5,
    "eindeloos": -0.4, "zat": -0.4, "spuugzat": -0.8, "boete": -0.2, "boetes": -0.2,
    "lang": -0.2, "traag": -0.5, "vastgelopen": -0.5, "escaleert": -0.4, "ruzie": -0.6,
    "bang": -0.5, "mis": -0.2, "wachten": -0.1, "wachtlijst": -0.3, "wachttijd": -0.1,
    "wachttijden": -0.2, "vies": -0.6, "viezer": -0.6, "stinkt": -0.6, "kapot": -0.4,
    "kapotte": -0.4, "verspilling": -0.6, "moedeloos": -0.6,
    "pest": -0.6, "jammer": -0.5, "vervelend": -0.6, "triest": -0.6, "lachertje": -0.7,
    "farce": -0.7, "crime": -0.7, "gevecht": -0.5, "kil": -0.5, "afstandelijk": -0.5,
    "ontbreekt": -0.4, "weigert": -0.5, "weigerde": -0.5, "afgewezen": -0.4, "opgelegd": -0.4,
    "doorgedrukt": -0.5, "bedroevend": -0.8, "onvoldoende": -0.6, "waardeloos": -0.8, "waardeloze": -0.8, "nutteloos": -0.6,
}

# Homographs whose Pattern sense (adjective) is rare here: "naar" is nearly always the
# preposition, "gemaakt" the participle of "maken", "leidinggevende" a noun.
IGNORE = frozenset(
    "naar gemaakt leidinggevende leidinggevenden huishoudelijk huishoudelijke waarde waarden sociaal "
    "sociale eens gelezen precies aanwezig nodig mogelijk half".split()
)
