"""Task bodies: read from the store, call a stage, write back.

Prefect tasks (``pipelines/tasks.py``) are one-line calls into this package, and
the CLI, benchmarks and tests call it directly, so the same code runs with or
without an orchestrator. Heavy models come from cached loaders, never from
arguments. One module per stage; this namespace is what callers use.
"""

from stemmen.alerts import notify_new_alerts
from stemmen.service.common import (
    CachingEmbedder, backup_store, code_version, embedder_for, finish_run, lineage, manifest_value_ids, nlp_for,
    open_store, package_version, pseudonymiser_for, start_run, wait_for_store,
)
from stemmen.service.draft import draft_manifest
from stemmen.service.ingest import ingest_all, ingest_file, ingest_source, list_source_files
from stemmen.service.language import analyse_language, embed_segments, score_sentiment, segment_documents
from stemmen.service.report import EXPORT_QUERIES, export, report, report_data
from stemmen.service.review import export_review, import_review, open_review
from stemmen.service.themes import REFIT_SHARE, THEME_SCOPE, codebook_path, extract_themes
from stemmen.service.values import (
    alerts_table, evaluate_manifest, monitor, monitoring_results, score_values, scorer_key, scorer_params,
)

__all__ = [
    "EXPORT_QUERIES", "REFIT_SHARE", "THEME_SCOPE", "CachingEmbedder", "alerts_table", "analyse_language",
    "backup_store", "code_version", "codebook_path", "draft_manifest", "embed_segments", "embedder_for",
    "evaluate_manifest", "export", "export_review", "extract_themes", "import_review", "open_review",
    "finish_run", "ingest_all", "ingest_file", "ingest_source", "lineage", "list_source_files", "manifest_value_ids",
    "monitor", "monitoring_results", "nlp_for", "notify_new_alerts", "open_store", "package_version",
    "pseudonymiser_for", "report", "report_data", "score_sentiment", "score_values", "scorer_key", "scorer_params", "segment_documents",
    "start_run", "wait_for_store",
]
