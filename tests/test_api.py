"""The public Python API, as documented in the README."""

import numpy as np
import pytest

import stemmen


def test_embed_rows_are_normalised():
    X = stemmen.embed(["De gemeente belde me netjes terug.", "Ik werd niet teruggebeld."])
    assert X.shape == (2, 384) and X.dtype == np.float32
    assert np.allclose(np.linalg.norm(X, axis=1), 1.0, atol=1e-5)


def test_sentiment_labels_and_negation():
    pos, neg = stemmen.sentiment(["Heel vriendelijk en snel geholpen aan de balie.", "Het contact was niet goed."])
    assert pos.label == "positief" and pos.polarity > 0.3
    assert neg.label == "negatief" and neg.polarity < -0.3


@pytest.mark.slow  # fits the value reader from cold
def test_score_values_on_demo_manifest(demo_manifest_path):
    m = stemmen.load_manifest(demo_manifest_path)
    brushed_off, parking = stemmen.score_values(
        ["Ik werd van het kastje naar de muur gestuurd en niemand nam de tijd om naar mijn verhaal te luisteren.",
         "De parkeerplaats is vol."], m)
    assert brushed_off.top_value == "gelijkwaardig"
    assert brushed_off.alignment["gelijkwaardig"] < 0
    assert parking.top_value is None
    assert all(0.0 <= r <= 1.0 for r in parking.relevance.values())


def test_pseudonymise_keeps_content():
    (out,) = stemmen.pseudonymise(["Mevrouw Jansen (06-12345678) wacht al zes weken op haar vergunning."],
                                  use_deduce=False)
    assert "06-12345678" not in out and "vergunning" in out
