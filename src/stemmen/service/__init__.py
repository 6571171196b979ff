"""Task bodies: read from the store, call a stage, write back.

The order of the steps lives once, in ``pipeline`` (``run_ingest`` ... ``run_report``):
the Prefect flows run it with their tasks (``pipelines/tasks.py``, one-line calls into this
package), the CLI's ``--no-prefect``, benchmarks and tests with the steps themselves, so
the same code runs with or without an orchestrator. Heavy models come from cached loaders,
never from arguments. One module per stage; this namespace is what callers use.
"""

from stemmen.alerts import notify_new_alerts
from stemmen.service.common import (
    CachingEmbedder, backup_store, code_version, embedder_for, finish_run, lineage, manifest_value_ids, nlp_for,
    open_store, package_version, pseudonymiser_for, start_run, values_embedder_for, wait_for_store,
)
from stemmen.service.draft import draft_manifest
from stemmen.service.ingest import ingest_file, ingest_source, list_source_files
from stemmen.service.language import (
    embed_segments, embed_texts, embedding_todo, score_sentiment, segment_documents, sentiment_model, sentiment_rows,
)
from stemmen.service.pipeline import (
    RUNNERS, STAGES, DirectSteps, analyse_language, ingest_all, run_analyse, run_ingest, run_monitor, run_pipeline,
    run_report,
)
from stemmen.service.report import export, report, report_data
from stemmen.service.review import export_review, import_review, open_review
from stemmen.service.themes import REFIT_SHARE, THEME_SCOPE, codebook_path, extract_themes
from stemmen.service.values import (
    alerts_table, evaluate_manifest, monitor, monitoring_results, score_values, scorer_key, scorer_params,
)

__all__ = [
    "REFIT_SHARE", "RUNNERS", "STAGES", "THEME_SCOPE", "CachingEmbedder", "DirectSteps",
    "alerts_table", "analyse_language", "backup_store", "code_version", "codebook_path", "draft_manifest",
    "embed_segments", "embed_texts", "embedder_for", "embedding_todo", "evaluate_manifest", "export",
    "export_review", "extract_themes", "finish_run",
    "import_review", "ingest_all", "ingest_file", "ingest_source", "lineage", "list_source_files",
    "manifest_value_ids", "monitor", "monitoring_results", "nlp_for", "notify_new_alerts", "open_review",
    "open_store", "package_version", "pseudonymiser_for", "report", "report_data", "run_analyse", "run_ingest",
    "run_monitor", "run_pipeline", "run_report", "score_sentiment", "score_values", "scorer_key", "scorer_params",
    "segment_documents", "sentiment_model", "sentiment_rows", "start_run", "values_embedder_for", "wait_for_store",
]
