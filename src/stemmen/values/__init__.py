"""Relevance and alignment of text segments to the municipality's own core values."""
