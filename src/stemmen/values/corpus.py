"""Labelled corpora of manifests: one folder per municipality with ``manifest.toml`` and ``zinnen.tsv``.

``zinnen.tsv`` (tab-separated, header) has the columns ``text``, ``value`` (a value id of the
manifest or ``geen``), ``stance`` (``+``/``-``, empty for ``geen``) and optionally ``source``
(enquete, brainstorm, manifest_reactie, casus) and ``pattern`` (slechte-situatie, beleefd,
impliciet, verandering). The reader's training corpus (``data/train/values``) and the held-out manifests
(``data/eval/values-unseen``) have this shape.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from stemmen.errors import Errors, ManifestError
from stemmen.manifest import LabelledSentence, Manifest, load_manifest

SENTENCES = "zinnen.tsv"
# The folders under data/train that the values encoder and the value reader learn from, in order:
# both training scripts read this one list, so a new folder cannot reach one model and miss the other.
TRAINING_FOLDERS = ("values", "values-more", "values-close", "values-wide", "values-own")


@dataclass(frozen=True)
class LabelledManifest:
    """A manifest with sentences labelled by value and direction, for evaluation and training."""
    slug: str
    manifest: Manifest
    sentences: tuple[LabelledSentence, ...]
    sources: tuple[str, ...]
    patterns: tuple[str, ...]


def read_labelled_manifest(folder: str | Path, sentences: str = SENTENCES) -> LabelledManifest:
    """One municipality's manifest and labelled sentences (``sentences``, a file in the folder);
    a bad row names file, row and problem."""
    folder = Path(folder)
    manifest = load_manifest(folder / "manifest.toml")
    path = folder / sentences
    ids = set(manifest.value_ids)
    sentences, sources, patterns = [], [], []
    with path.open(encoding="utf-8", newline="") as f:
        for row, rec in enumerate(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
            text, value, stance = ((rec.get(k) or "").strip() for k in ("text", "value", "stance"))
            if not text:
                raise ManifestError(Errors.E101.format(path=path, row=row, problem="de kolom text is leeg"))
            if value == "geen":
                sentences.append(LabelledSentence(text, None, None, row))
            elif value in ids and stance in ("+", "-"):
                sentences.append(LabelledSentence(text, value, stance, row))
            else:
                raise ManifestError(Errors.E101.format(
                    path=path, row=row, problem=f"waarde '{value}' / richting '{stance}' past niet bij het manifest"))
            sources.append((rec.get("source") or "").strip())
            patterns.append((rec.get("pattern") or "").strip())
    return LabelledManifest(folder.name, manifest, tuple(sentences), tuple(sources), tuple(patterns))


def read_corpus(root: str | Path, sentences: str | tuple[str, ...] = SENTENCES) -> list[LabelledManifest]:
    """Every municipality folder under ``root`` that has a manifest, in name order; several
    ``sentences`` files are read one after the other as one set. The first file is required in
    every folder, the others are read where a folder has them."""
    files = (sentences,) if isinstance(sentences, str) else tuple(sentences)
    out = []
    for p in sorted(Path(root).glob("*/manifest.toml")):
        parts = [read_labelled_manifest(p.parent, f) for i, f in enumerate(files)
                 if i == 0 or (p.parent / f).exists()]
        out.append(LabelledManifest(parts[0].slug, parts[0].manifest, sum((x.sentences for x in parts), ()),
                                    sum((x.sources for x in parts), ()), sum((x.patterns for x in parts), ())))
    return out


def corpus_hash(roots: list[Path], files: tuple[str, ...] = (SENTENCES,)) -> str:
    """A digest of the manifests and sentence ``files`` under ``roots``, recorded in a trained
    model's metadata so that a model older than its corpus is noticed without retraining it."""
    h = hashlib.sha256()
    for p in sorted(p for root in roots for p in Path(root).glob("*/*")):
        if p.name == "manifest.toml" or p.name in files:
            h.update(p.relative_to(p.parents[2]).as_posix().encode() + b"\x00" + p.read_bytes())
    return h.hexdigest()[:16]
