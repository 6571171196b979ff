"""One review in memory: the segments, the scorer's reading of them, the labels and the queue.

Every label is written to the labels table at once (``stemmen.labels.write_labels``); the next
segment comes from the current ranking, so answering never waits for a fit. A worker thread
refits the scorer on the labels so far, rereads every segment and re-estimates the accuracy
(``stemmen.review.estimate``); the ranking and the side panel follow when it is done.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from stemmen.labels import Label, merge, now, read_labels, write_labels
from stemmen.manifest import with_labels
from stemmen.review.estimate import MIN_LABELS, as_dict, cross_validate
from stemmen.review.select import choose, uncertainty


@dataclass(frozen=True)
class Segment:
    """One segment as the review page shows it (text and where it comes from)."""
    segment_id: str
    text: str  # pseudonymised, as stored
    kind: str
    source: str
    group: str
    department: str
    month: str
    theme: str = ""


class ReviewSession:
    """``manifest``: the manifest without its labels; ``labels_path``: the labels table;
    ``vectors`` ("query") and ``polarity`` per segment; ``fit(manifest)`` a fitted scorer."""

    def __init__(self, manifest: Any, labels_path: str | Path, segments: Sequence[Segment], vectors: np.ndarray,
                 polarity: np.ndarray | None, fit: Callable[[Any], Any], threshold: float = 0.5,
                 background: bool = True):
        self.manifest = manifest
        self.labels_path = Path(labels_path)
        self.segments = list(segments)
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.polarity = polarity
        self.fit = fit
        self.threshold = threshold
        self.background = background
        self.index = {s.segment_id: i for i, s in enumerate(self.segments)}
        self.value_ids = list(manifest.value_ids)
        self.names = {v.id: v.naam for v in manifest.waarden}
        self._lock = threading.RLock()
        self._wake = threading.Condition(self._lock)
        self.labels: list[Label] = read_labels(self.labels_path, self.value_ids) if self.labels_path.is_file() else []
        self.skipped: set[int] = set()
        self.history: list[tuple[str, int, Label | None]] = []  # (action, segment index, label replaced)
        self.estimates: list[dict] = []
        self.version = 0  # labels changes so far; the worker reads a version
        self.read_version = -1
        self.current: int | None = None
        self._stop = False
        self._thread: threading.Thread | None = None
        self._refresh(self._read(self.labels))
        if len(self.labels) < MIN_LABELS:
            self.read_version = self.version  # nothing to estimate yet: the worker waits for a label
        self.current = self._next()
        if background:
            self._thread = threading.Thread(target=self._work, name="stemmen-review", daemon=True)
            self._thread.start()
            self._poke()

    # --- reading and choosing ------------------------------------------------------

    def _read(self, labels: Sequence[Label]) -> dict:
        """The scorer taught by ``labels`` and its reading of every segment."""
        scorer = self.fit(with_labels(self.manifest, labels))
        sentiments = None if self.polarity is None else list(self.polarity)
        scores = scorer.score([s.text for s in self.segments], embeddings=self.vectors, sentiments=sentiments)
        rel = np.array([[sc.relevance[v] for v in self.value_ids] for sc in scores]).reshape(len(scores), -1)
        ali = np.array([[sc.alignment[v] for v in self.value_ids] for sc in scores]).reshape(len(scores), -1)
        u = uncertainty(rel, ali, self.threshold, posterior=getattr(scorer, "reader_", None) is not None)
        ad = getattr(scorer, "adaptation_", None)
        taught = None if ad is None else {"n_examples": ad.metadata.get("n_examples", 0),
                                          "value": ad.choice is not None, "stance": ad.stance is not None}
        return {"relevance": rel, "alignment": ali, "top": [sc.top_value for sc in scores], "u": u,
                "n_labels": len(labels), "taught": taught}

    def _refresh(self, reading: dict) -> None:
        with self._lock:
            self.reading = reading
            self.metas = [{"value": self.value_ids[int(t)] if self.value_ids else "", "source": s.kind,
                           "group": s.group, "theme": s.theme} for s, t in zip(self.segments, reading["u"]["top"])]

    def _labelled_indices(self) -> set[int]:
        return {self.index[lb.segment_id] for lb in self.labels if lb.segment_id in self.index}

    def _next(self, exclude: set[int] = frozenset()) -> int | None:
        with self._lock:
            done = self._labelled_indices()
            labelled = [{"value": lb.value_id or "geen", "source": self.segments[i].kind,
                         "group": self.segments[i].group, "theme": self.segments[i].theme}
                        for lb in self.labels if (i := self.index.get(lb.segment_id)) is not None]
            picked = choose(self.reading["u"]["total"], self.metas, labelled, 1,
                            exclude=done | self.skipped | set(exclude), texts=[s.text for s in self.segments],
                            labelled_texts=[lb.text for lb in self.labels])
            if not picked and self.skipped:  # everything seen: offer the skipped ones again
                self.skipped.clear()
                return self._next(exclude)
            return picked[0] if picked else None

    def chosen(self, k: int) -> list[int]:
        """The ``k`` segments to label next (for the spreadsheet)."""
        with self._lock:
            labelled = [{"value": lb.value_id or "geen", "source": self.segments[i].kind,
                         "group": self.segments[i].group, "theme": self.segments[i].theme}
                        for lb in self.labels if (i := self.index.get(lb.segment_id)) is not None]
            return choose(self.reading["u"]["total"], self.metas, labelled, k, exclude=self._labelled_indices(),
                          texts=[s.text for s in self.segments], labelled_texts=[lb.text for lb in self.labels])

    def reading_of(self, i: int) -> dict:
        """The scorer's current reading of segment ``i``: most probable value, direction, confidence."""
        r = self.reading
        rel, ali = r["relevance"][i], r["alignment"][i]
        j = int(np.argmax(rel)) if len(rel) else 0
        about = float(r["u"]["about"][i])
        return {"value_id": self.value_ids[j], "value": self.names[self.value_ids[j]],
                "top_value": r["top"][i], "relevance": float(rel[j]), "about": about,
                "alignment": float(ali[j]), "stance": "+" if ali[j] > 0 else "-",
                "others": sorted(((self.names[v], float(rel[k])) for k, v in enumerate(self.value_ids)),
                                 key=lambda x: -x[1])[:3]}

    # --- actions -------------------------------------------------------------------

    def label(self, segment_id: str, value_id: str | None, stance: str | None) -> None:
        """Label a segment (value None: about no value) and move on; saved before returning."""
        from stemmen.errors import Errors, ManifestError
        from stemmen.labels import label_problem

        with self._lock:
            i = self.index.get(segment_id)
            problem = "onbekend segment" if i is None else label_problem(
                self.segments[i].text, value_id or "geen", (stance or "") if value_id else "", set(self.value_ids))
            if problem:
                raise ManifestError(Errors.E104.format(path=self.labels_path, row=len(self.labels) + 2, problem=problem))
            old = next((lb for lb in self.labels if lb.segment_id == segment_id), None)
            new = Label(segment_id, self.segments[i].text, value_id, stance if value_id else None, now())
            self._save(merge(self.labels, [new]))
            self.history.append(("label", i, old))
            self.current = self._next(exclude={i})
            self._poke()

    def skip(self, segment_id: str) -> None:
        """Pass over a segment without a label (it can be undone) and move to the next."""
        with self._lock:
            i = self.index.get(segment_id)
            if i is None:
                return
            self.skipped.add(i)
            self.history.append(("skip", i, None))
            self.current = self._next()

    def undo(self) -> bool:
        """Undo the last label or skip of this session; the segment is shown again."""
        with self._lock:
            if not self.history:
                return False
            action, i, old = self.history.pop()
            if action == "skip":
                self.skipped.discard(i)
            else:
                sid = self.segments[i].segment_id
                kept = [lb for lb in self.labels if lb.segment_id != sid]
                self._save(kept + ([old] if old is not None else []))
                self._poke()
            self.current = i
            return True

    def _save(self, labels: list[Label]) -> None:
        write_labels(self.labels_path, labels)  # on disk before the page moves on
        self.labels = labels
        self.version += 1

    # --- the worker ----------------------------------------------------------------

    def _poke(self) -> None:
        with self._wake:
            self._wake.notify()

    def _work(self) -> None:
        while True:
            with self._wake:
                while not self._stop and self.read_version == self.version:
                    self._wake.wait(timeout=1.0)
                if self._stop:
                    return
                version, labels = self.version, list(self.labels)
            self.refresh(labels, version)

    def refresh(self, labels: list[Label] | None = None, version: int | None = None) -> None:
        """Refit on ``labels`` (default: all so far), reread, re-estimate (the worker calls this)."""
        with self._lock:
            labels = list(self.labels) if labels is None else labels
            version = self.version if version is None else version
        reading = self._read(labels)
        idx = [self.index[lb.segment_id] for lb in labels if lb.segment_id in self.index]
        known = [lb for lb in labels if lb.segment_id in self.index]
        pol = None if self.polarity is None else self.polarity[idx]
        est = as_dict(cross_validate(self.manifest, known, self.fit, self.vectors[idx], pol))
        with self._lock:
            self._refresh(reading)
            if est is not None and (not self.estimates or self.estimates[-1]["n_labels"] != est["n_labels"]):
                self.estimates.append(est)
            self.read_version = version

    def close(self) -> None:
        """Stop the background worker that re-reads the segments after each label, and wait for it."""
        with self._wake:
            self._stop = True
            self._wake.notify()
        if self._thread is not None:
            self._thread.join(timeout=30)

    # --- what the page shows -------------------------------------------------------

    def panel(self) -> dict:
        """Labels per value and the accuracy estimates so far."""
        with self._lock:
            counts = Counter((lb.value_id, lb.stance) for lb in self.labels)
            per_value = [{"id": v, "name": self.names[v], "plus": counts[(v, "+")], "minus": counts[(v, "-")]}
                         for v in self.value_ids]
            return {"per_value": per_value, "geen": counts[(None, None)], "total": len(self.labels),
                    "estimates": list(self.estimates), "busy": self.read_version != self.version,
                    "read_on": self.reading["n_labels"], "taught": self.reading.get("taught"),
                    "can_undo": bool(self.history),
                    "remaining": len(self.segments) - len(self._labelled_indices())}
