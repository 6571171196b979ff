"""A small manifest with Dutch example sentences and value-free texts (written for the tests),
enough for the reader to be taught per municipality (``stemmen.values.adapt``)."""

from __future__ import annotations

from stemmen.manifest import Example, Manifest, Value

EXAMPLES = {
    "nakomen": [
        ("De consulent zei dat ze vrijdag zou bellen en om tien uur ging de telefoon.", "+"),
        ("Ze hadden beloofd de stoep voor de zomer te herstellen en dat is ook gebeurd.", "+"),
        ("Toen het later werd, kreeg ik vanzelf een mailtje met de nieuwe datum.", "+"),
        ("De beschikking kwam binnen de termijn die ze aan de balie hadden genoemd.", "+"),
        ("Drie keer is me een terugbelverzoek beloofd, nooit is er iemand teruggekomen.", "-"),
        ("De termijn verliep gewoon en niemand liet iets van zich horen.", "-"),
        ("Heel vriendelijk aan de telefoon, maar de toegezegde brief is er nooit gekomen.", "-"),
        ("Ze zeiden dat het twee weken zou duren; na drie maanden wacht ik nog steeds.", "-"),
    ],
    "luisteren": [
        ("De wijkcoach liet me eerst mijn hele verhaal doen voordat ze iets zei.", "+"),
        ("Hij vroeg door naar wat ik echt nodig had in plaats van een formulier te pakken.", "+"),
        ("Ik was boos en huilde, maar de medewerker bleef rustig vragen wat er aan de hand was.", "+"),
        ("Ze vatte mijn vraag samen om te checken of ze het goed had begrepen.", "+"),
        ("Na twee zinnen werd ik al onderbroken met 'daar gaan wij niet over'.", "-"),
        ("Hij had zijn antwoord al klaar voordat ik was uitgepraat.", "-"),
        ("Heel beleefd allemaal, maar naar mijn situatie werd niet gevraagd.", "-"),
        ("Mijn uitleg over de mantelzorg werd weggewuifd met een standaardzin.", "-"),
    ],
    "samen": [
        ("Vergunningen en handhaving zaten samen met mij aan tafel en het was in een keer geregeld.", "+"),
        ("De consulent regelde zelf het contact met de woningcorporatie, ik hoefde niets door te geven.", "+"),
        ("Het liep eerst vast, maar toen belde de ene afdeling de andere en was het snel opgelost.", "+"),
        ("Ik had één aanspreekpunt die alles met de andere teams afstemde.", "+"),
        ("Ik werd van het ene loket naar het andere gestuurd en moest overal opnieuw beginnen.", "-"),
        ("Afval zei dat het bij wegen lag, wegen zei dat het bij afval lag.", "-"),
        ("Vriendelijk verwezen naar een andere afdeling, die van niets wist.", "-"),
        ("Twee teams kwamen met tegenstrijdige brieven over dezelfde boom.", "-"),
    ],
}
GEEN = ("De groene container wordt op maandag geleegd.", "Wat een weer vandaag, het regent al de hele week.",
        "Agendapunt drie schuiven we door naar volgende week.", "Mijn buurman heeft een nieuwe auto gekocht.",
        "Het gemeentehuis is op tweede paasdag gesloten.", "Ik weet het eigenlijk niet zo goed.")


LINES = {
    "nakomen": ("Wij komen onze afspraken na", "We zeggen alleen toe wat we kunnen waarmaken.",
                ("We houden ons aan de termijnen die we noemen.", "We laten het zelf weten als iets uitloopt."),
                ("We laten inwoners achter hun aanvraag aan bellen.", "We zeggen dingen toe en vergeten ze.")),
    "luisteren": ("Wij luisteren eerst", "We willen weten wat er speelt voordat we iets vinden.",
                  ("We vragen door naar wat iemand nodig heeft.", "We laten mensen uitpraten."),
                  ("We geven een standaardantwoord zonder te luisteren.", "We onderbreken inwoners.")),
    "samen": ("Wij werken samen", "Eén inwoner, één oplossing, welke afdeling het ook raakt.",
              ("We stemmen zelf af met andere teams.", "We zorgen voor één aanspreekpunt."),
              ("We verwijzen door naar een ander loket.", "We werken langs elkaar heen.")),
}


def manifest() -> Manifest:
    return Manifest(naam="Testmanifest", versie="1", geen=GEEN, waarden=tuple(
        Value(vid, naam, beschrijving, gedrag, tegen, tuple(Example(t, s) for t, s in EXAMPLES[vid]))
        for vid, (naam, beschrijving, gedrag, tegen) in LINES.items()))
