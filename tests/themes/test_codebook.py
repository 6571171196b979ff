from __future__ import annotations

import tomllib

import numpy as np
import pytest

from stemmen.errors import ThemeError
from stemmen.themes import extract_themes
from stemmen.themes.codebook import FROZEN, MERGED, PROPOSED, Codebook, apply_codebook


@pytest.fixture
def book_path(sib, tmp_path):
    texts, _, emb = sib
    r = extract_themes(texts, seed=7, embeddings=emb)
    path = Codebook.from_result(r).save(tmp_path / "themes.toml")
    return path, r


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_codebook_file_has_dutch_keys(book_path):
    path, r = book_path
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["versie"] == 1 and len(data["thema"]) == len(r.themes)
    assert {"id", "label", "trefwoorden", "status"} <= set(data["thema"][0])
    assert data["thema"][0]["status"] == PROPOSED and data["geschiedenis"][0]["versie"] == 1


def test_rename_and_merge_are_versioned_and_frozen(book_path):
    path, r = book_path
    _edit(path, f'label = "{r.themes[0].label}"', 'label = "Sport en wedstrijden"')
    _edit(path, "id = 2\n", "id = 2\nsamengevoegd_met = 1\n")
    book = Codebook.load(path)
    assert book.versie == 2
    assert book.theme(0).label == "Sport en wedstrijden" and book.theme(0).status == FROZEN
    assert book.theme(2).status == MERGED and book.theme(1).status == FROZEN and book.target(2) == 1
    changes = " ".join(h["wijziging"] for h in book.geschiedenis)
    assert "hernoemd" in changes and "samengevoegd met thema 1" in changes
    book.save(path)
    assert Codebook.load(path).versie == 2  # no edits since the save: no new version


def test_frozen_themes_survive_a_rerun(book_path, sib):
    texts, _, emb = sib
    path, r = book_path
    _edit(path, f'label = "{r.themes[0].label}"', 'label = "Sport en wedstrijden"')
    _edit(path, "id = 2\n", "id = 2\nsamengevoegd_met = 1\n")
    book = Codebook.load(path)
    new = apply_codebook(book, texts + ["weet niet"], np.vstack([emb, emb[:1]]), seed=7)
    ids = {t.id for t in new.themes}
    assert 0 in ids and 2 not in ids and new.theme(0).label == "Sport en wedstrijden"
    old = np.array(r.assignments)
    got = np.array(new.assignments[:-1])
    # Same data: theme 0 keeps its segments, theme 2's segments now count as theme 1.
    assert np.mean(got[old == 0] == 0) > 0.9
    assert np.mean(got[old == 2] == 1) > 0.9
    assert new.assignments[-1] == -1 and new.non_answers == {"weet niet": 1}
    assert book.versie == 3 and "toegepast" in book.geschiedenis[-1]["wijziging"]


def test_split_off_theme_and_new_proposals(book_path, sib, survey):
    texts, _, emb = sib
    path, r = book_path
    parent = r.themes[0]
    word = parent.keywords[0].split()[0]
    path.write_text(path.read_text(encoding="utf-8") + (
        f'\n[[thema]]\nid = 99\nlabel = "Afgesplitst"\nafgesplitst_van = {parent.id}\ntrefwoorden = ["{word}"]\n'),
        encoding="utf-8")
    book = Codebook.load(path)
    assert book.theme(99).status == FROZEN
    s_texts, s_emb = survey
    new = apply_codebook(book, texts + s_texts, np.vstack([emb, s_emb]), seed=7, min_documents=10)
    assert 99 in book.centroids and 99 in new.assignments
    proposals = [t for t in new.themes if t.status == PROPOSED]
    assert all(t.id > 99 for t in proposals)
    book.save(path)
    assert {t.id for t in Codebook.load(path).themes} >= {99}


def test_invalid_edits_name_the_theme(book_path):
    path, _ = book_path
    _edit(path, "id = 1\n", "id = 1\nsamengevoegd_met = 42\n")
    with pytest.raises(ThemeError, match="thema 1: verwijst naar thema 42"):
        Codebook.load(path)
