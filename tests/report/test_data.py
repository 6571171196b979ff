"""ReportData: validation in Dutch, scopes; the alignment views the service adds (report_views)."""

from __future__ import annotations

import pytest

from stemmen.errors import InputError
from stemmen.report import Scope, build_report_data_from_frames


def test_missing_document_columns_are_named(small_frames):
    docs, _, _ = small_frames
    with pytest.raises(InputError) as err:
        build_report_data_from_frames(docs.drop(columns=["case_id", "status"]))
    assert "case_id, status" in str(err.value) and "documenten" in str(err.value)


def test_alignment_views_are_computed_from_scores(small_data):
    a = small_data.alignment
    assert set(a["value_id"]) == {"gelijkwaardig", "betrouwbaar"}
    row = a[(a["value_id"] == "gelijkwaardig") & (a["group"] == "medewerker") & (a["period"] == "2025-01")]
    assert row["n"].item() == 2 and row["mean"].item() == pytest.approx(0.65)
    assert "department" in small_data.alignment_department.columns
    assert small_data.equal_value_id == "gelijkwaardig"


def test_documents_only_is_enough(small_frames):
    docs, _, _ = small_frames
    data = build_report_data_from_frames(docs)
    assert data.alignment is None and data.scores is None and data.value_ids == []
    assert data.scored_frame().empty and data.segment_frame().empty


def test_scope_parsing_and_filtering(small_data):
    scope = Scope.parse("golf=2025-01, bron=monitor-mw")
    assert scope == Scope(wave="2025-01", source="monitor-mw")
    assert scope.label() == "golf 2025-01; bron monitor-mw" and scope.slug() == "2025-01-monitor-mw"
    sub = small_data.filtered(scope)
    assert list(sub.documents["doc_id"]) == ["d3", "d4"]
    assert set(sub.scores["segment_id"]) == {"sd3", "sd4"}
    with pytest.raises(InputError) as err:
        Scope.parse("jaar=2025")
    assert "jaar=2025" in str(err.value)


def test_store_shaped_alignment_frame_is_recomputed_per_view(small_frames):
    from stemmen.service.report_views import with_index_views
    from stemmen.values.index import alignment_index

    docs, segs, scores = small_frames
    data0 = with_index_views(build_report_data_from_frames(docs, segs, scores))
    store_like = alignment_index(data0.scored_frame(), by=("value_id", "group", "kind"), department=True)
    store_like = store_like.rename(columns={"group": "group_name"})
    data = with_index_views(build_report_data_from_frames(docs, segs, scores, alignment=store_like))
    assert not data.alignment.duplicated(["value_id", "group", "period"]).any()
    assert data.alignment.equals(data0.alignment)
