"""A stable digest of what the demo produces, to show that a refactoring changed no behaviour.

    .venv/bin/python scripts/demo_fingerprint.py                 # build the demo in a temporary folder (--no-prefect)
    .venv/bin/python scripts/demo_fingerprint.py WORKSPACE       # an already analysed workspace (after `stemmen demo`)
    .venv/bin/python scripts/demo_fingerprint.py WORKSPACE --verbose   # one digest per part

The digest covers the current documents, rejected rows, segment texts, sentiment, value
scores, themes and theme assignments, the alignment index, the gaps, alerts, and the report's
export tables (its figures). Run ids, timestamps, the code version and the short source hashes
in model keys are left out, and floats are rounded to 6 decimals (the last digits of a sum
move between runs), so that the same behaviour gives the same digest after any refactoring.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

# the store's results, each in a fixed order and without run ids or timestamps
STORE_PARTS = {
    "documents": "SELECT doc_id, doc_key, version, kind, source_name, group_name, department, CAST(date AS VARCHAR),"
                 " wave, question, value_ref, article, case_id, status, role, respondent_key, text"
                 " FROM documents WHERE is_current ORDER BY doc_id",
    "rejected_rows": "SELECT file_name, row_number, reason FROM rejected_rows ORDER BY file_name, row_number, reason",
    "segments": "SELECT segment_id, doc_id, idx, start_char, end_char, text FROM segments ORDER BY segment_id",
    "sentiment": "SELECT segment_id, round(polarity, 6), label FROM sentiment ORDER BY segment_id",
    "value_scores": "SELECT segment_id, value_id, round(relevance, 6), round(alignment, 6), is_top"
                    " FROM value_scores ORDER BY segment_id, value_id",
    "themes": "SELECT scope, theme_id, label, array_to_string(keywords, '; '), size, status FROM themes"
              " ORDER BY scope, theme_id",
    "theme_assignments": "SELECT scope, segment_id, theme_id, non_answer FROM theme_assignments"
                         " ORDER BY scope, segment_id",
    "alignment_index": "SELECT value_id, group_name, kind, department, period, n, n_segments, round(attention, 6),"
                       " round(mean, 6), round(sd, 6), round(ci_low, 6), round(ci_high, 6), ci_method, low_n"
                       " FROM alignment_index ORDER BY value_id, group_name, kind, department, period",
    "group_gaps": "SELECT value_id, n_a, n_b, round(mean_a, 6), round(mean_b, 6), round(diff, 6), round(ci_low, 6),"
                  " round(ci_high, 6), round(p, 6), round(p_adj, 6), significant, verdict FROM group_gaps"
                  " ORDER BY value_id",
    "alerts": "SELECT value_id, group_name, department, kind, metric, start_period, alarm_period,"
              " round(baseline_mean, 6), round(recent_mean, 6), round(drop, 6), n_baseline, n_recent,"
              " round(statistic, 6), round(threshold, 6), episode_end, also_signalled, evidence FROM alerts"
              " ORDER BY value_id, group_name, department, alarm_period",
}
# what changes from run to run, or with any edit of the code, without a change in behaviour:
# run ids and times, the code version, and the short source hashes inside model and scorer keys
VOLATILE_COLUMNS = {"run_id", "finished_at", "started_at", "created_at", "code_version"}
VOLATILE_LINEAGE = {"Gemaakt op", "Codeversie", "Runs", "code_version", "runs"}
CODE_HASH = re.compile(r"(?<![0-9a-f])[0-9a-f]{12}(?![0-9a-f])")
# a float written at full precision (summing in another order moves the last digits)
LONG_FLOAT = re.compile(r"-?\d+\.\d{7,}(?:e-?\d+)?")


def _digest(rows) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(repr(tuple(row)).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()[:16]


def _stable(v: str, lineage: bool) -> str:
    if LONG_FLOAT.fullmatch(v):
        return f"{float(v):.6f}"
    return CODE_HASH.sub("#", v) if lineage else v


def store_digests(store_path: Path) -> dict[str, tuple[int, str]]:
    con = duckdb.connect(str(store_path), read_only=True)
    try:
        out = {}
        for name, sql in STORE_PARTS.items():
            rows = con.execute(sql).fetchall()
            out[name] = (len(rows), _digest(rows))
        return out
    finally:
        con.close()


def export_digests(reports: Path) -> dict[str, tuple[int, str]]:
    """The report's figures as written to its export tables (CSV), without volatile columns."""
    import pandas as pd

    out = {}
    for path in sorted((reports / "export").glob("*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        keep = [c for c in frame.columns if c not in VOLATILE_COLUMNS]
        frame = frame[keep]
        lineage = path.stem == "herkomst"  # one (item, value) row each
        if lineage:
            frame = frame[~frame[keep[0]].isin(VOLATILE_LINEAGE)]
        rows = [tuple(keep)] + [tuple(_stable(v, lineage) for v in r) for r in frame.itertuples(index=False)]
        out[f"export/{path.name}"] = (len(frame), _digest(rows))
    return out


def fingerprint(workspace: Path) -> dict[str, tuple[int, str]]:
    parts = store_digests(workspace / "stemmen.duckdb")
    parts.update(export_digests(workspace / "reports"))
    return parts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("workspace", nargs="?", type=Path, help="an analysed workspace (default: build the demo)")
    ap.add_argument("--verbose", action="store_true", help="print one digest per part")
    args = ap.parse_args()
    if args.workspace is None:
        tmp = Path(tempfile.mkdtemp(prefix="stemmen-fingerprint-"))
        ws = tmp / "lindewaard"
        subprocess.run([sys.executable, "-m", "stemmen.cli", "demo", str(ws), "--no-prefect"], check=True,
                       stdout=subprocess.DEVNULL)
    else:
        ws = args.workspace
    parts = fingerprint(ws)
    for name, (n, digest) in parts.items():
        if args.verbose:
            print(f"{name:32s} {n:7d} {digest}")
    print(f"{'total':32s} {sum(n for n, _ in parts.values()):7d} {_digest(sorted(parts.items()))}")


if __name__ == "__main__":
    main()
