"""Theme task bodies: fit or apply the codebook, assign new segments, read themes for reports."""

from __future__ import annotations

from pathlib import Path

from stemmen.service.common import embedder_for, open_store
from stemmen.settings import Settings

# -- themes -------------------------------------------------------------------------
THEME_SCOPE = "alles"


def codebook_path(settings: Settings, scope: str = THEME_SCOPE) -> Path:
    """The consultant's codebook of a scope: rename, merge, split off and freeze themes here."""
    return settings.workspace / "themes" / scope / "themes.toml"


def _themes_input_key(model_key: str, seed: int, codebook: Path, segment_ids: list[str], params: str = "") -> str:
    import hashlib

    text = codebook.read_text(encoding="utf-8") if codebook.is_file() else ""
    return hashlib.sha256("\x00".join([model_key, str(seed), params, text, *segment_ids]).encode()).hexdigest()


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
        questions = _questions(store, ids)
        # same segments, same codebook, same settings: the stored themes stand, no model work
        params = settings.themes.model_dump()
        fingerprint = _themes_input_key(embedder.model_key, a.seed, path, ids, json.dumps(params, sort_keys=True))
        stored = store.theme_run(THEME_SCOPE)
        if stored and json.loads(stored[0]).get("input_fingerprint") == fingerprint:
            _, status, n_non, n_out, n_seg = stored
            n_themes = store.theme_count(THEME_SCOPE)
            return {"themes": n_themes, "status": status, "non_answers": n_non, "unchanged": True,
                    "outlier_share": round(n_out / max(1, n_seg - n_non), 3), "codebook": str(path), "curated": False}
        book = Codebook.load(path) if path.is_file() else None
        curated = book is not None and any(t.status in (FROZEN, MERGED) for t in book.themes)
        if not curated and stored and json.loads(stored[0]).get("theme_params") == params:
            added = _assign_new_segments(settings, store, embedder, ids, texts, questions)
            if added is not None:
                return added
        vectors = embed_cached(texts, embedder, cache=store, kind="query")
        if curated:
            result = apply_codebook(book, texts, vectors, seed=a.seed, questions=questions, embedder=embedder, **params)
            book.save(path)
        else:
            # the embedder places candidate theme names in the segments' space
            result = fit_themes(texts, seed=a.seed, embeddings=vectors, embedder=embedder, questions=questions,
                                **params)
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
        fingerprint = _themes_input_key(embedder.model_key, a.seed, path, ids, json.dumps(params, sort_keys=True))
        frames["theme_runs"]["lineage"] = json.dumps({**result.lineage, "input_fingerprint": fingerprint,
                                                      "theme_params": params},
                                                     ensure_ascii=False, default=str)
        store.replace_scope(THEME_SCOPE, frames)
    return {"themes": len(result.themes), "status": result.status, "non_answers": result.n_non_answers,
            "outlier_share": round(float(frames["theme_runs"]["n_outliers"][0]) / max(1, result.n_answers), 3),
            "codebook": str(path), "curated": curated}


REFIT_SHARE = 0.10  # refit the themes once this share of the segments is new since the last fit


def _questions(store, ids: list[str]) -> list[str | None]:
    """The survey question each segment answers (None for other sources): yes/no questions
    make "nee" an answer instead of a non-answer."""
    by_id = store.segment_questions()
    return [by_id.get(i) for i in ids]


def _assign_new_segments(settings: Settings, store, embedder, ids: list[str], texts: list[str],
                         questions: list[str | None]) -> dict | None:
    """Assign a few new segments to the fitted themes instead of refitting (None: refit needed).

    Themes then stay the same from week to week; once more than REFIT_SHARE of the
    segments is new, or segments were removed, the caller refits.
    """
    import json

    import pandas as pd

    from stemmen.nlp.embed import embed_cached
    from stemmen.themes.model import ThemeModel

    model_dir = codebook_path(settings).parent / "model"
    known = store.assigned_segment_ids(THEME_SCOPE)
    new = [i for i, sid in enumerate(ids) if sid not in known]
    if not model_dir.is_dir() or not known or not new or len(known - set(ids)) or len(new) > REFIT_SHARE * len(ids):
        return None
    model = ThemeModel.load(model_dir)
    new_texts = [texts[i] for i in new]
    result = model.transform(new_texts, embed_cached(new_texts, embedder, cache=store, kind="query"),
                             [questions[i] for i in new])
    lineage = json.loads(store.theme_run(THEME_SCOPE)[0])
    lineage["input_fingerprint"] = _themes_input_key(embedder.model_key, settings.analysis.seed,
                                                     codebook_path(settings), ids,
                                                     json.dumps(settings.themes.model_dump(), sort_keys=True))
    lineage["assigned_without_refit"] = lineage.get("assigned_without_refit", 0) + len(new)
    frame = pd.DataFrame(dict(run_id="toegevoegd", scope=THEME_SCOPE, segment_id=[ids[i] for i in new],
                              theme_id=result.assignments, similarity=result.similarities,
                              non_answer=result.non_answer_kinds))
    n_non = sum(1 for k in result.non_answer_kinds if k is not None)
    n_out = sum(1 for x, k in zip(result.assignments, result.non_answer_kinds) if x < 0 and k is None)
    store.add_theme_assignments(THEME_SCOPE, frame, {t.id: t.size for t in result.themes if t.size}, n_non, n_out,
                                json.dumps(lineage, ensure_ascii=False, default=str))
    _, status, n_non_all, n_out_all, n_seg = store.theme_run(THEME_SCOPE)
    n_themes = store.theme_count(THEME_SCOPE)
    return {"themes": n_themes, "status": status, "non_answers": n_non_all, "added_without_refit": len(new),
            "outlier_share": round(n_out_all / max(1, n_seg - n_non_all), 3), "codebook": str(codebook_path(settings)),
            "curated": False}


def _themes_for_report(settings: Settings, store):
    """Stored themes of the main scope as the report's ThemeSet; None before the themes stage ran."""
    import json

    from stemmen.report import ThemeSet

    stored = store.theme_frames(THEME_SCOPE)
    if stored is None:
        return None
    non_answers, model, themes, assignments = stored
    for col in ("keywords", "examples"):
        themes[col] = themes[col].map(list)
    return ThemeSet(themes=themes, assignments=assignments, non_answers=json.loads(non_answers), model=model)
