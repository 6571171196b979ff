"""Value scoring and monitoring task bodies: scores, index, gaps, relapse alerts."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from stemmen.manifest import load_manifest
from stemmen.service.common import (
    CachingEmbedder, code_version, open_store, pseudonymiser_for, values_embedder_for,
)
from stemmen.service.language import sentiment_model
from stemmen.settings import Settings


def scorer_params(embedder) -> dict:
    """The value scorer's settings (an unfitted scorer: nothing is embedded to know them)."""
    from stemmen.values.scoring import ValueScorer

    return {k: v for k, v in vars(ValueScorer(embedder)).items() if k not in ("embedder", "sentiment")}


# the modules whose code decides a value score: a change in any of them is a new scorer
SCORER_MODULES = ("scoring", "anchors", "background", "lexical", "ensemble", "reader")


@lru_cache(maxsize=1)
def scorer_source() -> str:
    """The source text of the scoring modules (part of the scorer key); read once per process."""
    from stemmen import values
    from stemmen.review import teach

    folder = Path(values.__file__).parent
    sources = [(folder / f"{m}.py").read_text(encoding="utf-8") for m in SCORER_MODULES]
    # how consultant labels reach the scorer decides scores too
    return "\x00".join(sources + [Path(teach.__file__).read_text(encoding="utf-8")])


def scorer_key(embedder) -> str:
    """Embedder model key plus a hash of the scorer's settings, version and code: scores of
    other settings or code never mix (a store scored before a change is rescored, recorded)."""
    import hashlib
    import json

    from stemmen import __version__
    from stemmen.values.scoring import resolve_reader

    params = scorer_params(embedder)
    # the learned reader in use (its weights' hash), or none: another reader is another scorer
    reader = resolve_reader(params.get("reader"), embedder.model_key)
    params["reader_key"] = None if reader is None else reader.key
    params = json.dumps(params, sort_keys=True, default=repr) + __version__ + scorer_source()
    return f"{embedder.model_key}|values/{hashlib.sha256(params.encode()).hexdigest()[:12]}"


def score_values(settings: Settings) -> dict:
    """Relevance and alignment per segment and value, for segments not yet scored with this manifest and model."""
    import pandas as pd

    from stemmen.nlp.embed import embed_cached

    manifest = load_manifest(settings.manifest_path)
    base = values_embedder_for(settings)
    key = scorer_key(base)
    with open_store(settings) as store:
        previous = store.other_score_versions(manifest.fingerprint, key)
        todo = store.segments_without_scores(manifest.fingerprint, key)
        if todo:
            # fitting embeds the manifest's anchors (through the vector cache): only when there is work
            scorer = fitted_scorer(settings, store, manifest, base, key)
            texts = [t for _, t in todo]
            vectors = embed_cached(texts, base, cache=store, kind="query")
            # the sentiment the scorer's examples were read with (over the workspace's own vectors)
            scores = scorer.score(texts, embeddings=vectors, sentiments=scorer.sentiment.predict(texts))
            rows = [
                dict(segment_id=sid, value_id=v, relevance=float(sc.relevance[v]), alignment=float(sc.alignment[v]),
                     is_top=sc.top_value == v, manifest_version=manifest.versie,
                     manifest_fingerprint=manifest.fingerprint, scorer_key=key)
                for (sid, _), sc in zip(todo, scores) for v in manifest.value_ids
            ]
            store.insert_frame("value_scores", pd.DataFrame(rows))
    return {"segments_scored": len(todo), "manifest_version": manifest.versie, "scorer_key": key,
            "rescored_from": [{"manifest_version": v, "scorer_key": k} for v, _, k in previous] if todo else []}


def evaluate_manifest(settings: Settings, labels: Path) -> dict:
    """How the workspace's value scorer reads a consultant's labelled sentences, from the
    manifest alone and with its voorbeelden (the gain of the examples).

    The sentences are pseudonymised first, as every text the pipeline scores. A labelled
    sentence that is also an example is left out (it would be read by finding itself) and
    counted. Nothing is stored.
    """
    import dataclasses

    from stemmen.manifest import read_labelled_sentences
    from stemmen.nlp.embed import DictCache
    from stemmen.values.evaluate import evaluate
    from stemmen.values.scoring import ValueScorer

    manifest = load_manifest(settings.manifest_path)
    sentences = read_labelled_sentences(labels, manifest.waarden)
    examples = {_plain(ex.text) for v in manifest.waarden for ex in v.voorbeelden}
    kept = [s for s in sentences if _plain(s.text) not in examples]
    texts = pseudonymiser_for(settings).pseudonymise([s.text for s in kept])
    kept = [dataclasses.replace(s, text=t) for s, t in zip(kept, texts)]
    out = {"manifest": manifest.naam, "versie": manifest.versie, "labels": str(labels), "sentences": len(sentences),
           "left_out_as_example": len(sentences) - len(kept),
           "examples": {v.id: len(v.voorbeelden) for v in manifest.waarden}, "evaluations": {}}
    if not kept:
        return out
    # in memory: both fits share the background sentences' vectors, nothing reaches the store
    base = CachingEmbedder(values_embedder_for(settings), DictCache())
    vectors = base.encode(texts, kind="query")
    sentiment = sentiment_model(settings, DictCache())
    sentiments = sentiment.predict(texts)
    variants = {"manifest": False} | ({"voorbeelden": True} if examples else {})
    for name, use_examples in variants.items():
        scorer = ValueScorer(base, use_examples=use_examples, sentiment=sentiment).fit(manifest)
        out["evaluations"][name] = evaluate(scorer, kept, vectors, sentiments)
    return out


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def fitted_scorer(settings: Settings, store, manifest, base, key: str, sentiment=None):
    """The value scorer fitted on ``manifest``; a fit is kept in the cache folder and reused.

    A weekly run with a few new segments then skips the fit (about 2 s). The cache key
    covers the scorer key (embedder model, scorer settings, version and code) and the
    manifest's fingerprint, so a fit never outlives what it was fitted with. A cache that
    cannot be read or written only costs the fit.
    """
    import hashlib
    import os
    import pickle
    import tempfile

    from stemmen.review.teach import scorer_for

    # the examples that teach the scorer are read with the workspace's sentiment, as segments are
    if sentiment is None:
        sentiment = sentiment_model(settings, store)
    # the scorer key already covers the scoring code; the manifest and the sentiment decide the fit
    digest = hashlib.sha256(f"{key}\x00{manifest.fingerprint}\x00{sentiment.model_key}".encode()).hexdigest()
    path = settings.cache_dir / "value-scorers" / f"{digest[:32]}.pickle"
    embedder = CachingEmbedder(base, store)
    try:
        with path.open("rb") as fh:
            scorer = pickle.load(fh)  # our own cache folder, written below
        scorer.embedder, scorer.sentiment = embedder, sentiment
        return scorer
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        pass
    scorer = scorer_for(manifest, embedder, sentiment=sentiment).fit(manifest)  # consultant labels included
    scorer.embedder = scorer.sentiment = None  # models (and the store) are never pickled
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(scorer, fh)
        os.replace(tmp, path)  # parallel runs never read half a file
        tmp = None
    except (OSError, pickle.PicklingError):
        pass
    finally:
        scorer.embedder, scorer.sentiment = embedder, sentiment
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return scorer


# The last monitoring results per store and state key: the report stage of the same run reads
# them instead of recomputing index, gaps (thousands of permutations) and drift.
_LAST_RESULTS: dict[str, tuple[str, dict]] = {}


def monitoring_results(settings: Settings, store, state: str | None = None) -> dict | None:
    """Scores of the current manifest and model with their index, gaps and fitted drift detector.

    ``state`` (``_state_key``) identifies the store content and settings: results computed for
    the same state earlier in this process are reused.
    """
    if state is not None:
        hit = _LAST_RESULTS.get(str(settings.store_path))
        if hit is not None and hit[0] == state:
            return hit[1]
    res = _monitoring_results(settings, store)
    if state is not None and res is not None:
        _LAST_RESULTS[str(settings.store_path)] = (state, res)
    return res


def _monitoring_results(settings: Settings, store) -> dict | None:
    from stemmen.values.index import alignment_index, gap_scores, group_gap

    manifest = load_manifest(settings.manifest_path)
    embedder = values_embedder_for(settings)
    key = scorer_key(embedder)
    a = settings.analysis
    scores = store.scored_segments(manifest.fingerprint, key)
    if scores.empty:
        return None
    scores["date"] = scores["date"].map(lambda d: d.date() if hasattr(d, "date") else d)
    index = alignment_index(scores, threshold=a.relevance_threshold, period=a.period,
                            by=("value_id", "group", "kind"), department=True, seed=a.seed)
    gaps = group_gap(gap_scores(scores, a.gap_kinds), threshold=a.relevance_threshold, seed=a.seed,
                     unit="document", value_names={v.id: v.naam for v in manifest.waarden})
    detector = relapse_detector(settings, manifest)
    detector.fit(relapse_rows(scores, detector))
    return dict(manifest=manifest, scorer_params=scorer_params(embedder), key=key, scores=scores, index=index,
                gaps=gaps, detector=detector)


def relapse_detector(settings: Settings, manifest):
    """The relapse detector of this workspace (unfitted): the settings' period, baseline and weighting."""
    from stemmen.values.drift import DriftDetector

    a = settings.analysis
    return DriftDetector(period=a.period, threshold=a.relevance_threshold, baseline_start=manifest.start_date,
                         baseline_periods=a.baseline_periods, seed=a.seed, weighting=a.relapse_weighting)


def relapse_rows(scores, detector):
    """The (segment, value) rows a relapse series reads. With threshold weighting each segment counts
    under its primary value only, so that one complaint ("zo zijn de regels") does not raise alerts
    for every value it touches; with posterior weighting every value counts with the probability
    that the segment is about it (these add up to at most 1 per segment)."""
    return scores if detector.weighting == "posterior" else scores[scores["is_top"]]


def monitor(settings: Settings, run_id: str | None = None) -> dict:
    """Alignment index, citizen-employee gaps and relapse alerts for the current manifest and model."""
    import json

    with open_store(settings) as store:
        manifest = load_manifest(settings.manifest_path)
        state = _state_key(settings, store, manifest)
        if store.stage_key("monitor") == state:
            # nothing changed since the last monitoring: the stored results stand
            tag = [manifest.fingerprint, scorer_key(values_embedder_for(settings))]
            alerts = store.stored_alerts(*tag)
            summary = [{**a, "new": False, "also_signalled": json.loads(a.get("also_signalled") or "[]")}
                       for a in alerts.astype(object).where(alerts.notna(), None).to_dict("records")]
            n_index, n_gaps = (store.result_count(t, *tag) for t in ("alignment_index", "group_gaps"))
            return {"alerts": summary, "index_rows": n_index, "gaps": n_gaps, "unchanged": True}
        res = monitoring_results(settings, store, state)
        if res is None:
            return {"alerts": [], "index_rows": 0, "gaps": 0}
        manifest, key = res["manifest"], res["key"]
        tag = dict(run_id=run_id or "handmatig", manifest_fingerprint=manifest.fingerprint, scorer_key=key)
        index = res["index"].rename(columns={"group": "group_name"}).assign(**tag)
        gaps = res["gaps"].assign(**tag)
        alerts = alerts_table(res["detector"].alerts_, tag)
        seen = store.alert_ids(manifest.fingerprint, key)
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

    key = store.input_key(manifest.fingerprint, scorer_key(values_embedder_for(settings)))
    extra = settings.analysis.model_dump_json() + code_version()
    return hashlib.sha256((key + extra).encode()).hexdigest()


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
