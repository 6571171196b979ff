"""Themes: emergent clusters of segments with Dutch labels, a correctable codebook, prevalence over time."""

from stemmen.themes.model import Theme, ThemeModel, ThemeResult, extract_themes

__all__ = ["Theme", "ThemeModel", "ThemeResult", "extract_themes"]
