"""Reading labelled manifest corpora (``stemmen.values.corpus``)."""

from __future__ import annotations

import pytest

from stemmen.errors import ManifestError
from stemmen.values.corpus import read_corpus

MANIFEST = """[manifest]
naam = "Manifest Proefdorp"
gemeente = "Proefdorp"
versie = "2026-01"

[[waarde]]
id = "open"
naam = "Open"
beschrijving = "We delen wat we weten."
gedrag = ["We leggen uit waarom een besluit zo uitvalt."]
tegengedrag = ["We houden informatie achter."]
"""
HEADER = "text\tvalue\tstance\tsource\tpattern\n"


def _folder(root, slug, **files):
    d = root / slug
    d.mkdir(parents=True)
    (d / "manifest.toml").write_text(MANIFEST, encoding="utf-8")
    for name, rows in files.items():
        (d / f"{name}.tsv").write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")


def test_later_sentence_files_are_read_where_a_folder_has_them(tmp_path):
    _folder(tmp_path, "akkerdorp",
            zinnen=["De ambtenaar legde uit waarom mijn aanvraag werd afgewezen.\topen\t+\tenquete\t"],
            verzoek=["Inwoner vroeg om inzage in het dossier; dat werd geweigerd.\topen\t-\tcasus\tverzoek"])
    _folder(tmp_path, "beekdorp", zinnen=["Het regende de hele dag.\tgeen\t\tenquete\t"])
    corpus = read_corpus(tmp_path, ("zinnen.tsv", "verzoek.tsv"))
    assert [lm.slug for lm in corpus] == ["akkerdorp", "beekdorp"]
    assert [s.stance for s in corpus[0].sentences] == ["+", "-"]
    assert corpus[0].patterns == ("", "verzoek")
    assert len(corpus[1].sentences) == 1


def test_the_first_sentence_file_is_required(tmp_path):
    _folder(tmp_path, "akkerdorp", verzoek=["Inwoner vroeg om inzage; dat werd geweigerd.\topen\t-\tcasus\tverzoek"])
    with pytest.raises(FileNotFoundError):
        read_corpus(tmp_path, ("zinnen.tsv", "verzoek.tsv"))


def test_a_bad_row_names_file_and_row(tmp_path):
    _folder(tmp_path, "akkerdorp", zinnen=["De balie belde terug.\topen\t+\tenquete\t",
                                            "De balie belde niet terug.\teerlijk\t-\tenquete\t"])
    with pytest.raises(ManifestError, match=r"zinnen\.tsv.*3|3.*zinnen\.tsv"):
        read_corpus(tmp_path)
