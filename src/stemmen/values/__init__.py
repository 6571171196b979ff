"""Relevance and alignment of text segments to the municipality's own core values."""

from stemmen.values.anchors import Anchor, build_anchors
from stemmen.values.ensemble import EnsembleEmbedder
from stemmen.values.scoring import ValueScore, ValueScorer

__all__ = ["Anchor", "EnsembleEmbedder", "ValueScore", "ValueScorer", "build_anchors"]
