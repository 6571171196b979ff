"""Shared types of the sentiment backends: labels, the result, the model interface."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field

LABELS: tuple[str, str, str] = ("negatief", "neutraal", "positief")
NEG, NEU, POS = range(3)


@dataclass(frozen=True)
class SentimentResult:
    """Sentiment of one text. ``probabilities`` (per label) only for probabilistic backends."""

    polarity: float
    label: str
    confidence: float | None = None
    probabilities: dict[str, float] | None = field(default=None, compare=False)


class SentimentModel(ABC):
    """Texts -> SentimentResult per text, in input order."""

    kind: str

    @property
    @abstractmethod
    def model_key(self) -> str:
        """Identifies the model; results with different keys are never mixed in one series."""

    @abstractmethod
    def predict(self, texts: Sequence[str]) -> list[SentimentResult]:
        """Polarity (-1 ... +1) and label of each text."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.model_key!r})"


def as_list(texts: Sequence[str] | str) -> list[str]:
    """One text or a sequence of texts as a list."""
    return [texts] if isinstance(texts, str) else list(texts)
