"""A theme codebook consultants can correct: ``themes.toml`` (Dutch keys), versioned.

A consultant edits the file by hand:

- rename: change ``label`` (the theme becomes frozen: a renamed theme must stick);
- freeze: ``status = "bevroren"``;
- merge: ``samengevoegd_met = <id>`` on the theme that disappears into <id>;
- split off: add a ``[[thema]]`` with a new ``id``, ``label``, ``afgesplitst_van = <id>``
  and ``trefwoorden``: segments of the parent containing one of those words form the new theme.

``Codebook.load`` compares the file with the state stored at the last save
(``<naam>.state.json``); each difference becomes a ``[[geschiedenis]]`` entry and
raises ``versie`` by one. Theme vectors (centred centroids) live next to the file
in ``<naam>.vectors.npz``. ``apply_codebook`` assigns new data to frozen themes
(nearest centroid, similarity >= ``drempel``) and proposes new themes from the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from stemmen.errors import Errors, ThemeError
from stemmen.themes.clustering import centre
from stemmen.themes.model import OK, Theme, ThemeModel, ThemeResult
from stemmen.themes.vectorizer import DutchVectorizer

PROPOSED, FROZEN, MERGED = "voorstel", "bevroren", "samengevoegd"
STATUSES = (PROPOSED, FROZEN, MERGED)
_EDITABLE = ("label", "status", "samengevoegd_met", "afgesplitst_van", "trefwoorden")


@dataclass
class CodebookTheme:
    """One theme of the codebook as the consultant edits it: label, keywords, status and merges."""
    id: int
    label: str
    trefwoorden: list[str]
    status: str = PROPOSED
    voorgesteld_label: str = ""
    omvang: int = 0
    samengevoegd_met: int | None = None
    afgesplitst_van: int | None = None
    voorbeelden: list[str] = field(default_factory=list)


@dataclass
class Codebook:
    """The consultant-owned, versioned list of themes with their centroids: what keeps themes comparable across runs."""
    themes: list[CodebookTheme]
    centroids: dict[int, np.ndarray]
    mean: np.ndarray
    versie: int = 1
    embeddingmodel: str = ""
    drempel: float = 0.15
    geschiedenis: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_result(cls, result: ThemeResult) -> Codebook:
        """A first codebook from a successful theme analysis, every theme proposed."""
        model = result.model
        if model is None or result.status != OK:
            raise ThemeError(Errors.E800.format(problem="een codeboek vraagt een geslaagde thema-analyse"))
        themes = [CodebookTheme(t.id, t.label, list(t.keywords), PROPOSED, t.label, t.size, voorbeelden=t.examples[:3])
                  for t in result.themes]
        cents = {t.id: model.centroids_[t.id] for t in result.themes}
        book = cls(themes, cents, model.mean_, 1, model.model_key_, float(model.threshold_))
        book.geschiedenis.append(_entry(1, f"codeboek aangemaakt met {len(themes)} voorgestelde thema's"))
        return book

    def theme(self, theme_id: int) -> CodebookTheme:
        """The theme with this id; KeyError when there is none."""
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(theme_id)

    def target(self, theme_id: int) -> int:
        """The theme a (possibly merged) theme now counts as; follows chains of merges."""
        seen = set()
        while (t := self.theme(theme_id)).samengevoegd_met is not None and theme_id not in seen:
            seen.add(theme_id)
            theme_id = t.samengevoegd_met
        return theme_id

    # --- files -----------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the codebook (TOML for the consultant, vectors and state beside it); returns its path."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_to_toml(self), encoding="utf-8")
        ids = sorted(self.centroids)
        np.savez(_sidecar(path, "vectors.npz"), ids=np.array(ids, dtype=int), mean=self.mean,
                 centroids=np.stack([self.centroids[i] for i in ids]) if ids else np.zeros((0, len(self.mean))))
        _sidecar(path, "state.json").write_text(json.dumps(
            {"versie": self.versie, "themes": [_editable(t) for t in self.themes]}, ensure_ascii=False), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> Codebook:
        """Read ``themes.toml``; consultant edits since the last save are versioned and recorded."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            vec = np.load(_sidecar(path, "vectors.npz"))
            state = json.loads(_sidecar(path, "state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, tomllib.TOMLDecodeError) as exc:
            raise ThemeError(Errors.E807.format(path=path, problem=exc)) from exc
        themes = [_theme_from_toml(path, t) for t in data.get("thema", [])]
        book = cls(themes, {int(i): c for i, c in zip(vec["ids"], vec["centroids"])}, vec["mean"],
                   int(data.get("versie", 1)), str(data.get("embeddingmodel", "")), float(data.get("drempel", 0.15)),
                   list(data.get("geschiedenis", [])))
        book._validate(path)
        book._record_edits({t["id"]: t for t in state["themes"]})
        return book

    def _validate(self, path: Path) -> None:
        ids = [t.id for t in self.themes]
        if len(ids) != len(set(ids)):
            raise ThemeError(Errors.E807.format(path=path, problem="een thema-id komt twee keer voor"))
        for t in self.themes:
            if t.status not in STATUSES:
                raise ThemeError(Errors.E808.format(path=path, id=t.id, problem=f"status '{t.status}' is onbekend;"
                                                                            f" kies uit {', '.join(STATUSES)}"))
            for ref in (t.samengevoegd_met, t.afgesplitst_van):
                if ref is not None and (ref not in ids or ref == t.id):
                    raise ThemeError(Errors.E808.format(path=path, id=t.id, problem=f"verwijst naar thema {ref}, dat niet bestaat"))
            if t.afgesplitst_van is not None and t.id not in self.centroids and not t.trefwoorden:
                raise ThemeError(Errors.E808.format(path=path, id=t.id, problem="een afgesplitst thema heeft trefwoorden nodig"))

    def _record_edits(self, saved: dict[int, dict]) -> None:
        changes = []
        for t in self.themes:
            old = saved.get(t.id)
            if old is None:
                changes.append(f"thema {t.id} '{t.label}' toegevoegd"
                               + (f" (afgesplitst van {t.afgesplitst_van})" if t.afgesplitst_van is not None else ""))
            else:
                if old["label"] != t.label:
                    changes.append(f"thema {t.id} hernoemd: '{old['label']}' -> '{t.label}'")
                if old["samengevoegd_met"] != t.samengevoegd_met and t.samengevoegd_met is not None:
                    changes.append(f"thema {t.id} samengevoegd met thema {t.samengevoegd_met}")
                elif old["status"] != t.status:
                    changes.append(f"thema {t.id} status: {old['status']} -> {t.status}")
            # Corrections must stick: a renamed, merged or split-off theme is frozen.
            if t.samengevoegd_met is not None:
                t.status = MERGED
                self.theme(t.samengevoegd_met).status = FROZEN
            elif t.status == PROPOSED and (old is None or old["label"] != t.label or t.afgesplitst_van is not None):
                t.status = FROZEN
            if t.afgesplitst_van is not None and self.theme(t.afgesplitst_van).status == PROPOSED:
                self.theme(t.afgesplitst_van).status = FROZEN  # the rest of the parent stays a theme
        for old_id in saved.keys() - {t.id for t in self.themes}:
            changes.append(f"thema {old_id} verwijderd")
        if changes:
            self.versie += 1
            self.geschiedenis.extend(_entry(self.versie, c) for c in changes)


def apply_codebook(
    book: Codebook,
    texts: Sequence[str],
    embeddings: np.ndarray | None = None,
    *,
    seed: int = 42,
    questions: Sequence[str | None] | None = None,
    **params: Any,
) -> ThemeResult:
    """Assign ``texts`` to the codebook's frozen themes and propose new themes from the rest.

    ``questions``: the question per text (or None), for non-answers (see ``NonAnswerFilter.split``).

    Updates ``book`` in place (split-off centroids, new proposals, version, history);
    call ``book.save(path)`` to keep that.
    """
    model = ThemeModel(seed, **params)  # not fitted: used for its steps (non-answers, embedding, lemmas)
    keep, kinds, counts = model._non_answer_filter().split([t if isinstance(t, str) else "" for t in texts], questions)
    emb = model._embed(list(texts), keep, embeddings)
    if model.model_key_ not in ("meegegeven", book.embeddingmodel) and book.embeddingmodel != "meegegeven":
        raise ThemeError(Errors.E804.format(trained=book.embeddingmodel, given=model.model_key_))
    z = centre(emb, book.mean)
    answers = [texts[i] for i in keep]
    _fill_split_centroids(book, model.vectorizer or DutchVectorizer(), answers, z)

    active = [t.id for t in book.themes if t.status in (FROZEN, MERGED) and t.id in book.centroids]
    assigned = np.full(len(keep), -1)
    sims = np.full(len(keep), np.nan)
    if active and len(z):
        s = z @ np.stack([book.centroids[i] for i in active]).T
        best = np.argmax(s, axis=1)
        sims = s[np.arange(len(z)), best]
        assigned = np.where(sims >= book.drempel, [book.target(active[b]) for b in best], -1)

    rest = np.flatnonzero(assigned == -1)
    proposals: list[Theme] = []
    # Old proposals make way for new ones; ids are never reused (their vectors stay reserved).
    next_id = max(list(book.centroids) + [t.id for t in book.themes] + [-1]) + 1
    book.themes = [t for t in book.themes if t.status != PROPOSED]
    if len(rest) >= model.min_documents:
        sub_questions = None if questions is None else [questions[keep[i]] for i in rest]
        sub = ThemeModel(seed, **params).fit_result([answers[i] for i in rest], emb[rest], sub_questions)
        for t in sub.themes:
            new_id = next_id + t.id
            proposals.append(Theme(new_id, t.label, t.keywords, t.size, t.examples, PROPOSED))
            book.themes.append(CodebookTheme(new_id, t.label, t.keywords, PROPOSED, t.label, t.size, voorbeelden=t.examples[:3]))
            # Store proposals in the codebook's own (centred) space, so they can be frozen later.
            members = rest[np.asarray(sub.assignments) == t.id]
            book.centroids[new_id] = _unit(z[members].mean(axis=0))
        for i, a, s in zip(rest, sub.assignments, sub.similarities):
            if a >= 0:
                assigned[i], sims[i] = next_id + a, s
    book.versie += 1
    book.geschiedenis.append(_entry(book.versie, f"toegepast op {len(texts)} teksten; {len(proposals)} nieuwe thema's voorgesteld"))

    assignments = [-1] * len(texts)
    similarities = [float("nan")] * len(texts)
    for i, a, s in zip(keep, assigned.tolist(), sims.tolist()):
        assignments[i], similarities[i] = int(a), float(s)
    sizes = np.bincount([a for a in assignments if a >= 0], minlength=next_id + len(proposals) + 1)
    themes = [Theme(t.id, t.label, t.trefwoorden, int(sizes[t.id]), t.voorbeelden, t.status)
              for t in book.themes if t.status == FROZEN] + proposals
    for th in themes:
        th.size = int(sizes[th.id])
    lineage = {"codebook_version": book.versie, "seed": seed, "embedding_model": book.embeddingmodel}
    return ThemeResult(assignments, themes, similarities, kinds, dict(sorted(counts.items())), OK, "", lineage, None)


def _fill_split_centroids(book: Codebook, vectorizer: DutchVectorizer, answers: list[str], z: np.ndarray) -> None:
    """Centroid of a split-off theme: parent's segments (in this data) that contain one of its keywords."""
    todo = [t for t in book.themes if t.afgesplitst_van is not None and t.id not in book.centroids]
    if not todo or not len(z):
        return
    parents = [t.id for t in book.themes if t.id in book.centroids]
    nearest = np.array(parents)[np.argmax(z @ np.stack([book.centroids[i] for i in parents]).T, axis=1)]
    docs = vectorizer.lemma_docs(answers)
    for t in todo:
        words = {w.lower() for w in t.trefwoorden}
        hit = [i for i, d in enumerate(docs)
               if nearest[i] == t.afgesplitst_van and (words & set(d.split()) or any(w in d for w in words if " " in w))]
        if hit:
            book.centroids[t.id] = _unit(z[hit].mean(axis=0))
            book.geschiedenis.append(_entry(book.versie, f"thema {t.id} afgesplitst uit {t.afgesplitst_van}"
                                                              f" op basis van {len(hit)} segmenten"))


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return (v / n if n > 0 else v).astype(np.float32)


def _entry(versie: int, wijziging: str) -> dict[str, Any]:
    return {"versie": versie, "datum": dt.datetime.now().isoformat(timespec="seconds"), "wijziging": wijziging}


def _editable(t: CodebookTheme) -> dict[str, Any]:
    return {"id": t.id, **{k: getattr(t, k) for k in _EDITABLE}}


def _theme_from_toml(path: Path, raw: dict[str, Any]) -> CodebookTheme:
    try:
        return CodebookTheme(
            id=int(raw["id"]), label=str(raw["label"]), trefwoorden=[str(w) for w in raw.get("trefwoorden", [])],
            status=str(raw.get("status", PROPOSED)), voorgesteld_label=str(raw.get("voorgesteld_label", "")),
            omvang=int(raw.get("omvang", 0)),
            samengevoegd_met=None if raw.get("samengevoegd_met") is None else int(raw["samengevoegd_met"]),
            afgesplitst_van=None if raw.get("afgesplitst_van") is None else int(raw["afgesplitst_van"]),
            voorbeelden=[str(v) for v in raw.get("voorbeelden", [])],
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ThemeError(Errors.E808.format(path=path, id=raw.get("id", "?"), problem=f"ontbrekende of ongeldige sleutel ({exc})")) from exc


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(f"{path.stem}.{suffix}")


_HEADER = """\
# Codeboek van thema's (stemmen). Aanpassen mag:
#   hernoemen:     verander 'label' (het thema wordt dan bevroren)
#   bevriezen:     status = "bevroren"  (blijft bestaan bij nieuwe analyses; nieuwe data wordt eraan toegewezen)
#   samenvoegen:   samengevoegd_met = <id>  (dit thema gaat op in thema <id>)
#   afsplitsen:    nieuw [[thema]] met id, label, afgesplitst_van = <id> en trefwoorden = ["...", ...]
# 'versie' en [[geschiedenis]] worden door stemmen bijgehouden.
"""


def _to_toml(book: Codebook) -> str:
    lines = [_HEADER, f"versie = {book.versie}", f"embeddingmodel = {_q(book.embeddingmodel)}", f"drempel = {book.drempel!r}", ""]
    for t in book.themes:
        lines.append("[[thema]]")
        for k, v in asdict(t).items():
            if v is not None:
                lines.append(f"{k} = {_value(v)}")
        lines.append("")
    for h in book.geschiedenis:
        lines.append("[[geschiedenis]]")
        lines.extend(f"{k} = {_value(v)}" for k, v in h.items())
        lines.append("")
    return "\n".join(lines)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return _q(str(v))


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string
