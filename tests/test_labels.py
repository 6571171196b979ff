"""Consultant labels: written whole, read back, part of the manifest and its fingerprint."""

from __future__ import annotations

import pytest

from stemmen.errors import ManifestError
from stemmen.labels import Label, merge, read_labels, write_labels
from stemmen.manifest import load_manifest

MANIFEST = '''[manifest]
naam = "Manifest Teststad"
versie = "1"
{labels}
[[waarde]]
id = "betrouwbaar"
naam = "Betrouwbaar"
beschrijving = "We doen wat we zeggen."
gedrag = ["We komen afspraken na."]
tegengedrag = ["We laten mails onbeantwoord."]

[[waarde]]
id = "open"
naam = "Open"
beschrijving = "We zijn eerlijk over wat er gebeurt."
gedrag = ["We leggen uit waarom iets lang duurt."]
tegengedrag = ["We houden informatie achter."]
'''

LABELS = [
    Label("s1", "Ik werd precies op de afgesproken dag teruggebeld.", "betrouwbaar", "+"),
    Label("s2", "Niemand vertelde ons waarom het besluit werd uitgesteld.", "open", "-"),
    Label("s3", "De parkeerplaats bij het stadhuis is vaak vol.", None, None),
]


def _workspace(tmp_path, labels: bool = True):
    (tmp_path / "manifest.toml").write_text(MANIFEST.format(labels='labels = "labels.csv"' if labels else ""),
                                            encoding="utf-8")
    return tmp_path / "manifest.toml"


def test_labels_round_trip_and_a_segment_labelled_again_keeps_its_newest_label(tmp_path):
    path = tmp_path / "labels.csv"
    write_labels(path, LABELS)
    assert read_labels(path, ["betrouwbaar", "open"]) == LABELS
    again = Label("s1", LABELS[0].text, "betrouwbaar", "-")
    assert merge(LABELS, [again]) == [LABELS[1], LABELS[2], again]
    assert not list(tmp_path.glob(".labels-*"))  # no temporary file left behind


def test_labels_become_examples_and_change_the_fingerprint(tmp_path):
    plain = load_manifest(_workspace(tmp_path, labels=False)).fingerprint
    path = _workspace(tmp_path)
    write_labels(tmp_path / "labels.csv", [])
    empty = load_manifest(path)
    assert empty.fingerprint == plain and empty.n_labels == 0
    write_labels(tmp_path / "labels.csv", LABELS[:2])
    two = load_manifest(path)
    assert two.n_labels == 2 and two.value("open").voorbeelden[-1].text == LABELS[1].text
    write_labels(tmp_path / "labels.csv", LABELS)
    three = load_manifest(path)
    assert three.geen == (LABELS[2].text,)  # a value-free label counts too
    assert len({plain, two.fingerprint, three.fingerprint}) == 3
    assert load_manifest(path, labels=False).fingerprint == plain


def test_a_bad_label_row_names_file_row_and_problem(tmp_path):
    path = _workspace(tmp_path)
    (tmp_path / "labels.csv").write_text(
        "segment_id,tekst,waarde,richting,gelabeld_op\n"
        "s1,Ik werd teruggebeld.,betrouwbaar,+,\n"
        "s2,Niemand legde iets uit.,eerlijk,-,\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"labels\.csv, rij 3: onbekende waarde 'eerlijk'"):
        load_manifest(path)


def test_a_missing_labels_table_is_an_error(tmp_path):
    with pytest.raises(ManifestError, match="labels: bestand .* bestaat niet"):
        load_manifest(_workspace(tmp_path))
