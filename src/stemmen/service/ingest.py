"""Ingest task bodies: one file, one source (all sources in order: ``pipeline.run_ingest``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from stemmen.errors import StemmenError
from stemmen.ingest.importer import prepare_batch, source_files
from stemmen.schemas import BatchSummary
from stemmen.service.common import manifest_value_ids, open_store, pseudonymiser_for
from stemmen.settings import Settings, SourceSettings


def list_source_files(settings: Settings, source: SourceSettings) -> list[str]:
    """The files a source names (one file, or the supported files in its folder)."""
    return [str(p) for p in source_files(source, settings.workspace)]


def ingest_file(settings: Settings, source: SourceSettings, path: str | Path, run_id: str | None = None,
                today: dt.date | None = None) -> BatchSummary:
    """Read, pseudonymise and store one file as one atomic batch."""
    pseudo = pseudonymiser_for(settings)
    with open_store(settings) as store:
        batch = prepare_batch(
            source, Path(path), pseudonymise=pseudo.pseudonymise, known=store.known_hashes,
            earlier_read=store.imported_read_count, value_ids=manifest_value_ids(settings),
            ingest=settings.ingest, today=today,
        )
        return store.write_batch(batch, run_id=run_id)


def ingest_source(settings: Settings, source: SourceSettings, run_id: str | None = None,
                  today: dt.date | None = None) -> tuple[list[BatchSummary], list[str]]:
    """Ingest every file of one source; a file that cannot be read is reported, the others still land."""
    summaries, errors = [], []
    try:
        paths = list_source_files(settings, source)
    except StemmenError as exc:
        return [], [str(exc)]
    for path in paths:
        try:
            summaries.append(ingest_file(settings, source, path, run_id, today=today))
        except StemmenError as exc:
            errors.append(str(exc))
    return summaries, errors
