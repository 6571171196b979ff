import pytest

from stemmen.errors import ManifestError
from stemmen.manifest import load_manifest, parse_manifest

VALUE = {
    "id": "open", "naam": "Open", "beschrijving": "We zijn open over wat we doen.",
    "gedrag": ["We leggen besluiten uit."], "tegengedrag": ["We houden informatie achter."],
}


def test_demo_manifest_loads(demo_manifest_path):
    m = load_manifest(demo_manifest_path)
    assert 4 <= len(m.waarden) <= 6
    assert "gelijkwaardig" in m.value_ids
    assert m.versie == "2025-04"
    assert all(v.gedrag and v.tegengedrag for v in m.waarden)


def test_fingerprint_changes_with_text():
    a = parse_manifest({"manifest": {"naam": "M", "versie": "1"}, "waarde": [VALUE]})
    b = parse_manifest({"manifest": {"naam": "M", "versie": "1"},
                        "waarde": [{**VALUE, "gedrag": ["We delen informatie actief."]}]})
    assert a.fingerprint != b.fingerprint


@pytest.mark.parametrize(
    "waarden, message",
    [
        ([{**VALUE, "id": ""}], "mist 'id'"),
        ([VALUE, VALUE], "komt twee keer voor"),
        ([{**VALUE, "gedrag": []}], "'gedrag' moet een niet-lege lijst"),
        ([{**VALUE, "tegengedrag": ["  "]}], "'tegengedrag' moet een niet-lege lijst"),
        ([], "geen enkele"),
        ([{**VALUE, "voorbeelden": [{"tekst": "Goed uitgelegd.", "richting": "?"}]}], "voorbeeld 1"),
    ],
)
def test_invalid_manifests_say_what_is_wrong(waarden, message):
    with pytest.raises(ManifestError, match=message):
        parse_manifest({"manifest": {"naam": "M", "versie": "1"}, "waarde": waarden}, source="m.toml")


def test_missing_file(tmp_path):
    with pytest.raises(ManifestError, match="bestaat niet"):
        load_manifest(tmp_path / "nope.toml")


def test_examples_parsed():
    m = parse_manifest({"manifest": {"naam": "M", "versie": "1"}, "waarde": [
        {**VALUE, "voorbeelden": [{"tekst": "Ze legden het besluit goed uit.", "richting": "+"}]}]})
    assert m.waarden[0].voorbeelden[0].stance == "+"
