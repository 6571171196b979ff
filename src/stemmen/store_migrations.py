"""The store's schema: named, ordered migrations, recorded in ``schema_migrations`` when applied.

Append only: never edit or reorder a released migration; a change is a new one.
The tables are documented in docs/schema.md.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, list[str]]] = [
    (
        "001_foundation",
        [
            """CREATE TABLE import_batches (
                batch_id VARCHAR PRIMARY KEY,
                source_name VARCHAR NOT NULL,
                kind VARCHAR NOT NULL,
                file_name VARCHAR NOT NULL,
                sha256 VARCHAR NOT NULL,
                mapping_hash VARCHAR NOT NULL,
                n_read INTEGER NOT NULL,
                n_stored INTEGER NOT NULL,
                n_new_version INTEGER NOT NULL,
                n_duplicate INTEGER NOT NULL,
                n_rejected INTEGER NOT NULL,
                n_empty INTEGER NOT NULL,
                run_id VARCHAR,
                imported_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE documents (
                doc_id VARCHAR PRIMARY KEY,
                doc_key VARCHAR NOT NULL,
                version INTEGER NOT NULL,
                is_current BOOLEAN NOT NULL,
                content_hash VARCHAR NOT NULL,
                kind VARCHAR NOT NULL,
                source_name VARCHAR NOT NULL,
                group_name VARCHAR NOT NULL,
                date DATE NOT NULL,
                department VARCHAR,
                wave VARCHAR,
                question VARCHAR,
                value_ref VARCHAR,
                article VARCHAR,
                case_id VARCHAR,
                status VARCHAR,
                role VARCHAR,
                respondent_key VARCHAR,
                text VARCHAR NOT NULL,
                pseudonymised BOOLEAN NOT NULL,
                file_name VARCHAR NOT NULL,
                row_number INTEGER NOT NULL,
                batch_id VARCHAR NOT NULL,
                created_at TIMESTAMP NOT NULL
            )""",
            "CREATE INDEX documents_key ON documents (doc_key)",
            """CREATE TABLE rejected_rows (
                batch_id VARCHAR NOT NULL,
                source_name VARCHAR NOT NULL,
                file_name VARCHAR NOT NULL,
                row_number INTEGER,
                reason VARCHAR NOT NULL,
                content VARCHAR NOT NULL,
                created_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE runs (
                run_id VARCHAR PRIMARY KEY,
                command VARCHAR NOT NULL,
                status VARCHAR NOT NULL,
                started_at TIMESTAMP NOT NULL,
                finished_at TIMESTAMP,
                code_version VARCHAR NOT NULL,
                lineage JSON NOT NULL
            )""",
        ],
    ),
    (
        "002_language",
        [
            """CREATE TABLE segments (
                segment_id VARCHAR PRIMARY KEY,
                doc_id VARCHAR NOT NULL,
                idx INTEGER NOT NULL,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                text VARCHAR NOT NULL,
                text_hash VARCHAR NOT NULL,
                lemmas VARCHAR[] NOT NULL,
                pipeline VARCHAR NOT NULL,
                created_at TIMESTAMP NOT NULL
            )""",
            "CREATE INDEX segments_doc ON segments (doc_id)",
            """CREATE TABLE embeddings (
                text_hash VARCHAR NOT NULL,
                model_key VARCHAR NOT NULL,
                vector FLOAT[] NOT NULL,
                created_at TIMESTAMP NOT NULL,
                PRIMARY KEY (text_hash, model_key)
            )""",
            """CREATE TABLE sentiment (
                segment_id VARCHAR NOT NULL,
                model_key VARCHAR NOT NULL,
                polarity DOUBLE NOT NULL,
                label VARCHAR NOT NULL,
                created_at TIMESTAMP NOT NULL,
                PRIMARY KEY (segment_id, model_key)
            )""",
        ],
    ),
    (
        "003_values",
        [
            """CREATE TABLE value_scores (
                segment_id VARCHAR NOT NULL,
                value_id VARCHAR NOT NULL,
                relevance DOUBLE NOT NULL,
                alignment DOUBLE NOT NULL,
                is_top BOOLEAN NOT NULL,
                manifest_version VARCHAR NOT NULL,
                manifest_fingerprint VARCHAR NOT NULL,
                scorer_key VARCHAR NOT NULL,
                created_at TIMESTAMP NOT NULL,
                PRIMARY KEY (segment_id, value_id, manifest_fingerprint, scorer_key)
            )""",
            """CREATE TABLE alignment_index (
                run_id VARCHAR NOT NULL,
                value_id VARCHAR NOT NULL,
                group_name VARCHAR,
                kind VARCHAR,
                department VARCHAR,
                period VARCHAR NOT NULL,
                n INTEGER NOT NULL,
                n_segments INTEGER NOT NULL,
                attention DOUBLE,
                mean DOUBLE,
                sd DOUBLE,
                ci_low DOUBLE,
                ci_high DOUBLE,
                ci_method VARCHAR,
                low_n BOOLEAN,
                manifest_fingerprint VARCHAR NOT NULL,
                scorer_key VARCHAR NOT NULL,
                created_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE group_gaps (
                run_id VARCHAR NOT NULL,
                value_id VARCHAR NOT NULL,
                n_a INTEGER, n_b INTEGER,
                mean_a DOUBLE, mean_b DOUBLE, diff DOUBLE, ci_low DOUBLE, ci_high DOUBLE,
                p DOUBLE, p_adj DOUBLE, significant BOOLEAN,
                verdict VARCHAR,
                manifest_fingerprint VARCHAR NOT NULL,
                scorer_key VARCHAR NOT NULL,
                created_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE alerts (
                alert_id VARCHAR NOT NULL,
                run_id VARCHAR NOT NULL,
                value_id VARCHAR NOT NULL,
                group_name VARCHAR,
                department VARCHAR,
                kind VARCHAR,
                metric VARCHAR NOT NULL,
                start_period VARCHAR NOT NULL,
                alarm_period VARCHAR NOT NULL,
                baseline_mean DOUBLE, recent_mean DOUBLE, drop DOUBLE, drop_ci_low DOUBLE, drop_ci_high DOUBLE,
                n_baseline INTEGER, n_recent INTEGER, statistic DOUBLE, threshold DOUBLE,
                evidence JSON NOT NULL,
                also_signalled JSON,
                episode_end VARCHAR,
                manifest_fingerprint VARCHAR NOT NULL,
                scorer_key VARCHAR NOT NULL,
                created_at TIMESTAMP NOT NULL
            )""",
        ],
    ),
    (
        "004_themes",
        [
            """CREATE TABLE theme_runs (
                run_id VARCHAR NOT NULL,
                scope VARCHAR NOT NULL,
                status VARCHAR NOT NULL,
                message VARCHAR,
                n_segments INTEGER NOT NULL,
                n_non_answers INTEGER NOT NULL,
                n_outliers INTEGER NOT NULL,
                non_answers JSON NOT NULL,
                codebook_version INTEGER,
                embedding_model VARCHAR NOT NULL,
                lineage JSON NOT NULL,
                created_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE themes (
                run_id VARCHAR NOT NULL,
                scope VARCHAR NOT NULL,
                theme_id INTEGER NOT NULL,
                label VARCHAR NOT NULL,
                keywords VARCHAR[] NOT NULL,
                size INTEGER NOT NULL,
                examples VARCHAR[] NOT NULL,
                status VARCHAR NOT NULL,
                created_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE theme_assignments (
                run_id VARCHAR NOT NULL,
                scope VARCHAR NOT NULL,
                segment_id VARCHAR NOT NULL,
                theme_id INTEGER NOT NULL,
                similarity DOUBLE,
                non_answer VARCHAR,
                created_at TIMESTAMP NOT NULL
            )""",
        ],
    ),
    (
        "005_stage_state",
        [
            """CREATE TABLE stage_state (
                stage VARCHAR PRIMARY KEY,
                input_key VARCHAR NOT NULL,
                updated_at TIMESTAMP NOT NULL
            )""",
        ],
    ),
]
