"""Sentiment from any local transformers text-classification model (2 classes, 3 classes or 5 stars)."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from stemmen.errors import Errors, ModelError
from stemmen.nlp.sentiment_types import LABELS, NEG, NEU, POS, SentimentModel, SentimentResult, as_list
from stemmen.versions import dist_version

logger = logging.getLogger(__name__)


_STARS = re.compile(r"^([1-5])\s*(star|stars|ster|sterren)?$")


def label_mapping(id2label: dict[int, str]) -> tuple[np.ndarray, np.ndarray]:
    """(A, w) for a classifier's labels: P3 = P @ A (n_labels x 3, LABELS order), polarity = P @ w.

    Understands negative/neutral/positive names (English or Dutch, any case or prefix such as
    "neg"), star ratings ("1 star" .. "5 stars") and generic LABEL_i for 2, 3 or 5 classes.
    """
    n = len(id2label)
    names = [str(id2label[i]).strip().lower() for i in range(n)]
    classes: list[int] | None = None
    stars = [_STARS.match(x) for x in names]
    if n == 5 and all(stars):
        classes = [int(m.group(1)) for m in stars]  # type: ignore[union-attr]
        w = np.array([(s - 3) / 2 for s in classes], dtype=np.float64)
        A = np.zeros((n, 3))
        for i, s in enumerate(classes):
            A[i, NEG if s < 3 else NEU if s == 3 else POS] = 1.0
        return A, w
    named = [NEG if x.startswith("neg") else POS if x.startswith("pos") else NEU if x.startswith("neu") else None
             for x in names]
    if all(c is not None for c in named) and {NEG, POS} <= set(named):
        classes = named  # type: ignore[assignment]
    elif all(re.fullmatch(r"label_\d+", x) for x in names) and n in (2, 3, 5):
        if n == 5:
            return label_mapping({i: f"{i + 1} stars" for i in range(5)})
        classes = [NEG, POS] if n == 2 else [NEG, NEU, POS]
    if classes is None:
        raise ModelError(Errors.E637.format(model="?", labels=names))
    A = np.zeros((n, 3))
    A[np.arange(n), classes] = 1.0
    w = np.array([{NEG: -1.0, NEU: 0.0, POS: 1.0}[c] for c in classes])
    return A, w


class TransformersSentiment(SentimentModel):
    """Any transformers text-classification model, by local path or by id in the local HF cache.

    Without a neutral class (2-class models) texts with |polarity| < ``neutral_band`` are "neutraal".
    """

    kind = "transformers"

    def __init__(self, model: str | os.PathLike[str], *, batch_size: int = 16, max_length: int = 256,
                 neutral_band: float = 0.3):
        self.model = os.fspath(model)
        self.batch_size = batch_size
        self.max_length = max_length
        self.neutral_band = neutral_band

    @cached_property
    def path_(self) -> str:
        """The local folder of the model (nothing is downloaded)."""
        return _resolve_hf_model(self.model)

    @cached_property
    def mapping_(self) -> tuple[np.ndarray, np.ndarray]:
        """How the model's labels map onto negative/neutral/positive and onto a polarity."""
        _, model = _load_transformers(self.path_)
        try:
            return label_mapping({int(k): v for k, v in model.config.id2label.items()})
        except ModelError:
            labels = list(model.config.id2label.values())
            raise ModelError(Errors.E637.format(model=self.model, labels=labels)) from None

    @property
    def model_key(self) -> str:
        return f"transformers/{self.model}/{_dir_fingerprint(self.path_)}-tf{dist_version('transformers')}"

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """(n, n_labels) probabilities of the model's own labels."""
        import torch

        tokenizer, model = _load_transformers(self.path_)
        texts = as_list(texts)
        out = []
        with torch.inference_mode():
            for i in range(0, len(texts), self.batch_size):
                enc = tokenizer(texts[i : i + self.batch_size], padding=True, truncation=True,
                                max_length=self.max_length, return_tensors="pt")
                out.append(torch.softmax(model(**enc).logits.float(), dim=-1).numpy())
        return np.vstack(out) if out else np.zeros((0, len(model.config.id2label)))

    def predict(self, texts: Sequence[str]) -> list[SentimentResult]:
        A, w = self.mapping_
        P = self.predict_proba(texts)
        P3, pol = P @ A, P @ w
        has_neutral = bool(A[:, NEU].any())
        results = []
        for p3, p_raw, y in zip(P3, P, pol):
            if has_neutral:
                i = int(p3.argmax())
            else:
                i = POS if y >= self.neutral_band else NEG if y <= -self.neutral_band else NEU
            results.append(SentimentResult(
                polarity=round(float(np.clip(y, -1, 1)), 6), label=LABELS[i],
                confidence=round(float(p_raw.max()), 6),
                probabilities={lab: round(float(x), 6) for lab, x in zip(LABELS, p3)}))
        return results


def _resolve_hf_model(model: str) -> str:
    """Local directory of a model given as a path or as a hub id already in the local cache."""
    from stemmen.loading import local_model_dir

    path = local_model_dir(model)
    if path is None:
        raise ModelError(Errors.E635.format(model=model))
    return str(path)


@lru_cache(maxsize=4)
def _load_transformers(path: str):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(path, local_files_only=True)
    except Exception as exc:
        raise ModelError(Errors.E636.format(model=path, problem=exc)) from exc
    model.eval()
    logger.info("sentiment: transformers model from %s (%d labels)", path, model.config.num_labels)
    return tokenizer, model


@lru_cache(maxsize=8)
def _dir_fingerprint(path: str) -> str:
    """Names, sizes and config of a model directory (cheap; enough to tell models apart)."""
    root = Path(path)
    h = hashlib.sha256()
    for f in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(f"{f.relative_to(root).as_posix()}\0{f.stat().st_size}\0".encode())
        if f.name == "config.json":
            h.update(f.read_bytes())
