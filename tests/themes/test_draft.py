"""Draft manifest from step-1 answers: valid TOML, candidate values, group shares, gaps."""

from __future__ import annotations

import math
import tomllib

import pytest

from stemmen.errors import ThemeError
from stemmen.manifest import load_manifest
from stemmen.themes.draft import ManifestDraft, draft_manifest

# (group, kind, text): answers to "Wat vindt u belangrijk in de omgang van de gemeente met inwoners?" /
# "Welke waarden willen we uitdragen?" and brainstorm turns (written for these tests).
ANSWERS = [
    # terugbellen / afspraken nakomen: mostly citizens
    ("burger", "enquete", "Dat ze terugbellen als ze dat beloofd hebben."),
    ("burger", "enquete", "Ik ben drie keer niet teruggebeld, terwijl dat wel was toegezegd."),
    ("burger", "enquete", "Afspraken nakomen. Als je zegt dat je terugbelt, doe het dan ook."),
    ("burger", "enquete", "Ze zeggen \"we bellen u terug\" en dan hoor je nooit meer iets."),
    ("burger", "enquete", "Doen wat je belooft, dat vind ik het allerbelangrijkste."),
    ("burger", "enquete", "Mijn melding werd netjes binnen een dag teruggebeld, heel fijn."),
    ("burger", "enquete", "Ik wacht al weken op het beloofde telefoontje van de gemeente."),
    ("burger", "brainstorm", "Voor mij is het simpel: als de gemeente belooft terug te bellen, moet dat gewoon gebeuren."),
    ("burger", "enquete", "Betrouwbaar zijn: toezeggingen nakomen en op tijd laten weten als iets later wordt."),
    ("medewerker", "enquete", "We bellen niet altijd terug omdat de werkdruk te hoog is."),
    ("medewerker", "enquete", "Afspraken met inwoners nakomen lukt ons lang niet altijd."),
    # luisteren / respect
    ("burger", "enquete", "Dat ze echt luisteren en je serieus nemen."),
    ("burger", "enquete", "Respectvol met mensen omgaan, ook als het antwoord nee is."),
    ("burger", "enquete", "Ik voelde me behandeld als een lastpost aan de balie."),
    ("burger", "enquete", "Luisteren naar het hele verhaal voordat je een oordeel hebt."),
    ("burger", "brainstorm", "Ik wil gewoon als gelijkwaardige partij behandeld worden, niet als een dossiernummer."),
    ("burger", "enquete", "De medewerker nam echt de tijd om naar mijn verhaal te luisteren."),
    ("medewerker", "enquete", "Respect voor iedere inwoner, ongeacht wie het is."),
    ("medewerker", "enquete", "We luisteren goed naar inwoners en nemen hun zorgen serieus."),
    ("medewerker", "enquete", "Gelijkwaardigheid en respect naar inwoners toe."),
    ("medewerker", "enquete", "Soms wordt er uit de hoogte over inwoners gepraat, dat stoort me."),
    # duidelijke taal / uitleg
    ("burger", "enquete", "Brieven in gewone taal, zonder ambtelijk jargon."),
    ("burger", "enquete", "Ik snapte niets van de brief over mijn vergunning, alleen wetsartikelen."),
    ("burger", "enquete", "Duidelijk uitleggen waarom iets niet kan."),
    ("burger", "enquete", "De afwijzing kwam zonder enige uitleg."),
    ("burger", "enquete", "Heldere informatie op de website zodat je weet waar je aan toe bent."),
    ("medewerker", "enquete", "Begrijpelijke taal in onze brieven, daar moeten we beter in worden."),
    ("medewerker", "enquete", "We leggen besluiten te weinig uit aan inwoners."),
    ("medewerker", "enquete", "Open zijn over hoe een besluit tot stand komt en dat duidelijk uitleggen."),
    ("medewerker", "brainstorm", "Ik merk dat onze brieven vol juridische taal staan, dat schrikt mensen af."),
    # samenwerking: mostly employees
    ("medewerker", "enquete", "Samenwerken tussen afdelingen, nu werkt iedereen op zijn eigen eiland."),
    ("medewerker", "enquete", "Goede samenwerking met collega's van andere teams."),
    ("medewerker", "enquete", "De samenwerking tussen Vergunningen en Handhaving is echt verbeterd."),
    ("medewerker", "enquete", "We moeten als één organisatie samenwerken in plaats van in hokjes."),
    ("medewerker", "enquete", "Samen met collega's naar een oplossing zoeken voor de inwoner."),
    ("medewerker", "enquete", "Teams werken langs elkaar heen, informatie wordt niet gedeeld."),
    ("medewerker", "enquete", "Samenwerking met maatschappelijke partners in de wijk."),
    ("medewerker", "brainstorm", "Wat mij betreft is samenwerking tussen de teams het belangrijkste punt voor de komende jaren."),
    ("burger", "enquete", "Afdelingen zouden beter moeten samenwerken, nu word je van het kastje naar de muur gestuurd."),
    ("burger", "enquete", "Samenwerken met bewoners en verenigingen in de buurt."),
    # non-answers and conversation glue: counted, never a value
    ("burger", "enquete", "weet niet"),
    ("burger", "enquete", "n.v.t."),
    ("medewerker", "enquete", "-"),
    ("medewerker", "enquete", "geen idee"),
    ("burger", "brainstorm", "Ja, precies."),
    ("medewerker", "brainstorm", "Dat klopt (lacht)."),
    ("overig", "brainstorm", "Welkom allemaal, fijn dat jullie er zijn. Wat vinden jullie belangrijk in de omgang met de gemeente?"),
]
GROUPS = [g for g, _, _ in ANSWERS]
KINDS = [k for _, k, _ in ANSWERS]
TEXTS = [t for _, _, t in ANSWERS]
N_REAL = 40  # the answers above the non-answers


@pytest.fixture(scope="module")
def emb(embedder):
    return embedder.encode(TEXTS)


@pytest.fixture(scope="module")
def draft(emb) -> ManifestDraft:
    return draft_manifest(TEXTS, GROUPS, embeddings=emb, kinds=KINDS, seed=3, max_values=5,
                          versie="concept-2025-01", gemeente="Lindewaard")


def test_draft_is_a_valid_manifest(draft, tmp_path):
    path = tmp_path / "conceptmanifest.toml"
    path.write_text(draft.to_toml(), encoding="utf-8")
    manifest = load_manifest(path)
    assert 2 <= len(manifest.waarden) <= 5
    assert manifest.versie == "concept-2025-01"
    assert manifest.gemeente == "Lindewaard"
    assert manifest.value_ids == [v.id for v in draft.values]
    for value in manifest.waarden:
        assert value.gedrag and value.tegengedrag
        assert value.beschrijving.endswith(("”", "."))
    assert draft.to_manifest().fingerprint == manifest.fingerprint


def test_draft_says_it_is_a_draft_and_marks_examples(draft):
    toml = draft.to_toml()
    assert toml.startswith("# CONCEPTMANIFEST")
    assert toml.count("voorbeeld uit de input, herschrijven in de workshop") >= 2 * len(draft.values)
    parsed = tomllib.loads(toml)
    assert "datum" not in parsed["manifest"]  # a draft has not taken effect


def test_gedrag_and_tegengedrag_come_from_supporting_answers(draft):
    for v in draft.values:
        assert 1 <= len(v.gedrag) <= 3 and 1 <= len(v.tegengedrag) <= 3
        assert not set(v.gedrag) & set(v.tegengedrag)
        for sentence in v.gedrag + v.tegengedrag:
            assert sentence in TEXTS or sentence.startswith("Nog te formuleren in de workshop")
        assert 3 <= len(v.quotes) <= 5
        assert all(q.text in TEXTS for q in v.quotes)


def test_group_shares_are_proportions_with_intervals(draft):
    answers_per_group = {"burger": 0, "medewerker": 0}
    for g, k, t in ANSWERS[:N_REAL]:
        if not (k == "brainstorm" and len(t.split()) < 8):
            answers_per_group[g] += 1
    assert draft.group_totals == answers_per_group
    for v in draft.values:
        assert {s.group for s in v.groups} == {"burger", "medewerker"}
        for s in v.groups:
            assert 0.0 <= s.low <= s.share <= s.high <= 1.0
            assert s.share == pytest.approx(s.n / s.total)
            assert s.n_sentiment == s.n
            assert math.isnan(s.mean_sentiment) or -1.0 <= s.mean_sentiment <= 1.0
        assert v.n_texts == sum(s.n for s in v.groups)
        assert "burgers" in v.note and "medewerkers" in v.note


def test_gap_between_citizens_and_employees_is_reported(draft):
    # Cooperation between departments is mostly an employees' theme, call-backs a citizens' one.
    collab = [v for v in draft.values if any("samenwerk" in k for k in v.keywords)]
    assert collab, [v.keywords for v in draft.values]
    v = collab[0]
    assert v.group("medewerker").share > v.group("burger").share
    assert v.note.startswith("vooral medewerkers")
    assert v.gap_p_value < 0.05


def test_non_answers_short_turns_and_facilitator_are_left_out(draft):
    assert draft.n_texts == len(TEXTS)
    assert draft.n_answers == sum(draft.group_totals.values())
    assert draft.left_out["korte brainstormbeurt"] == 2
    assert sum(v for k, v in draft.left_out.items() if k.startswith("non-antwoord")) == 4
    assert any("gespreksleiding" in k for k in draft.left_out)
    quoted = {q.text for v in draft.values for q in v.quotes}
    assert not quoted & {"weet niet", "n.v.t.", "Ja, precies.", "Dat klopt (lacht).", TEXTS[-1]}


def test_quotes_with_quotation_marks_survive_the_toml(draft):
    toml = draft.to_toml()
    texts = {s for w in tomllib.loads(toml)["waarde"] for s in w["gedrag"] + w["tegengedrag"]}
    assert texts <= set(TEXTS) | {s for s in texts if s.startswith("Nog te formuleren")}


def test_deterministic(emb, draft):
    again = draft_manifest(TEXTS, GROUPS, embeddings=emb, kinds=KINDS, seed=3, max_values=5,
                           versie="concept-2025-01", gemeente="Lindewaard")
    assert again.to_toml() == draft.to_toml()


def test_max_values_caps_and_lists_what_was_left_out(emb):
    d = draft_manifest(TEXTS, GROUPS, embeddings=emb, kinds=KINDS, seed=3, max_values=2, versie="concept-2025-01")
    assert len(d.values) == 2
    assert d.dropped_themes and all("buiten de eerste 2" in t or "drempel" in t for t in d.dropped_themes)
    sizes = [v.n_texts for v in d.values]
    assert sizes == sorted(sizes, reverse=True)
    assert "Niet voorgesteld" in d.to_toml()


def test_too_few_answers_is_a_clear_dutch_error(emb):
    few = list(range(12)) + [40, 41, 42]  # 12 answers and 3 non-answers
    with pytest.raises(ThemeError, match=r"te weinig antwoorden.*12 bruikbare antwoorden.*minimaal 20"):
        draft_manifest([TEXTS[i] for i in few], [GROUPS[i] for i in few], embeddings=emb[few])


def test_mismatched_lengths_are_refused(emb):
    with pytest.raises(ThemeError, match="groepen"):
        draft_manifest(TEXTS, GROUPS[:-1], embeddings=emb)


def test_given_sentiments_drive_gedrag_and_tegengedrag(emb):
    # With given polarities the most positive supporting answer must appear as gedrag.
    pol = [0.0] * len(TEXTS)
    pos = TEXTS.index("Goede samenwerking met collega's van andere teams.")
    neg = TEXTS.index("Teams werken langs elkaar heen, informatie wordt niet gedeeld.")
    pol[pos], pol[neg] = 0.9, -0.9
    d = draft_manifest(TEXTS, GROUPS, embeddings=emb, kinds=KINDS, sentiments=pol, seed=3, max_values=5)
    holder = [v for v in d.values if TEXTS[pos] in v.gedrag or TEXTS[pos] in v.tegengedrag]
    assert holder and TEXTS[pos] in holder[0].gedrag
    other = [v for v in d.values if TEXTS[neg] in v.gedrag + v.tegengedrag]
    assert all(TEXTS[neg] in v.tegengedrag for v in other)
    # values with no strong polarity get a visible placeholder, still a valid manifest
    assert any(v.gedrag[0].startswith("Nog te formuleren") for v in d.values)
    assert len(d.to_manifest().waarden) == len(d.values)
