"""The pipeline's order lives once: the same run_* functions drive the CLI's --no-prefect path and the flows."""

from __future__ import annotations

import inspect

from stemmen.service import pipeline
from stemmen.settings import load_settings

CONFIG = """\
[privacy]
use_deduce = false
[[sources]]
name = "casussen"
kind = "casus"
path = "casussen.csv"
id = "zaak"
date = "datum"
department = "afdeling"
text = "notitie"
"""


class Recorder:
    """Steps that write down what the pipeline asks, in order, and answer like the real ones do."""

    def __init__(self, alerts: list[dict]):
        self.calls: list[str] = []
        self.alerts = alerts

    def __getattr__(self, name):
        answers = {
            "start_run": "run-1", "ingest_source": ([{"stored": 1}], []), "finish_run": None,
            "segment_documents": 2, "embed_segments": (2, "e"), "score_sentiment": (2, "s"),
            "score_values": {"segments_scored": 2}, "extract_themes": {"themes": 1},
            "monitor": {"alerts": self.alerts, "index_rows": 3, "gaps": 1},
            "signal_alerts": {"sent": {"webhook": "verstuurd"}}, "write_reports": ["rapport.html"],
        }
        if name not in answers:
            raise AttributeError(name)

        def step(*args):
            self.calls.append(name)
            return answers[name]
        return step


def workspace(tmp_path, manifest: bool):
    (tmp_path / "stemmen.toml").write_text(CONFIG, encoding="utf-8")
    if manifest:
        (tmp_path / "manifest.toml").write_text("", encoding="utf-8")  # only its presence is read here
    return load_settings(tmp_path, env={})


def test_every_stage_in_order_and_a_new_alert_is_signalled(tmp_path):
    steps = Recorder(alerts=[{"value_id": "gelijkwaardig", "new": True}, {"value_id": "open", "new": False}])
    out = pipeline.run_pipeline(workspace(tmp_path, manifest=True), steps=steps)
    assert list(out) == ["ingest", "analyse", "monitor", "report"]
    assert steps.calls == [
        "start_run", "ingest_source", "finish_run",
        "segment_documents", "embed_segments", "score_sentiment", "score_values", "extract_themes",
        "start_run", "monitor", "signal_alerts", "finish_run",
        "write_reports",
    ]
    assert out["monitor"]["signalled"] == {"sent": {"webhook": "verstuurd"}}


def test_without_manifest_no_values_and_no_monitoring(tmp_path):
    steps = Recorder(alerts=[])
    out = pipeline.run_pipeline(workspace(tmp_path, manifest=False), stages=("analyse", "monitor"), steps=steps)
    assert "score_values" not in steps.calls and "monitor" not in steps.calls
    assert out["analyse"]["values"] is None and out["monitor"]["skipped"] == "geen manifest"


def test_the_prefect_tasks_are_the_same_steps():
    from pipelines import tasks

    steps = [(n, m) for n, m in inspect.getmembers(pipeline.Steps, inspect.isfunction) if not n.startswith("_")]
    assert len(steps) == 11
    for name, member in steps:
        task = getattr(tasks, name)
        ours = list(inspect.signature(member).parameters)[1:]  # without self
        assert list(inspect.signature(task.fn).parameters) == ours, name
