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


def _with_example_file(tmp_path, table: str, name: str = "voorbeelden.csv", ref: str | None = None):
    (tmp_path / name).write_text(table, encoding="utf-8")
    body = (
        '[manifest]\nnaam = "M"\nversie = "1"\n'
        f'voorbeelden = {ref or repr(name).replace(chr(39), chr(34))}\n'
        '[[waarde]]\nid = "open"\nnaam = "Open"\nbeschrijving = "We zijn open over wat we doen."\n'
        'gedrag = ["We leggen besluiten uit."]\ntegengedrag = ["We houden informatie achter."]\n'
        'voorbeelden = [{ tekst = "Ik kreeg alle stukken die ik vroeg.", richting = "+" }]\n'
        '[[waarde]]\nid = "betrouwbaar"\nnaam = "Betrouwbaar"\nbeschrijving = "We doen wat we zeggen."\n'
        'gedrag = ["We komen afspraken na."]\ntegengedrag = ["We beloven dingen die we niet waarmaken."]\n'
    )
    (tmp_path / "manifest.toml").write_text(body, encoding="utf-8")
    return tmp_path / "manifest.toml"


def test_examples_from_a_table_join_the_inline_examples_and_the_fingerprint(tmp_path):
    table = ("waarde;tekst;richting\n"
             "Betrouwbaar;Ze belden me terug op de dag die ze hadden genoemd.;+\n"
             "open;Niemand wilde zeggen waarom mijn aanvraag was afgewezen.;−\n")
    m = load_manifest(_with_example_file(tmp_path, table))
    assert [(e.text[:12], e.stance) for e in m.value("open").voorbeelden] == [("Ik kreeg all", "+"), ("Niemand wild", "-")]
    assert [e.stance for e in m.value("betrouwbaar").voorbeelden] == ["+"]
    before = m.fingerprint
    (tmp_path / "voorbeelden.csv").write_text(table.replace("op de dag", "precies op de dag"), encoding="utf-8")
    assert load_manifest(tmp_path / "manifest.toml").fingerprint != before  # new examples: scored afresh


@pytest.mark.parametrize(
    "table, message",
    [
        ("waarde;tekst;richting\nopen;Alles werd uitgelegd.;+\neerlijk;Niemand zei iets.;-\n",
         r"voorbeelden\.csv, rij 3: onbekende waarde 'eerlijk'; verwacht open, betrouwbaar"),
        ("waarde;tekst;richting\nopen;Alles werd uitgelegd.;x\n", r"rij 2: richting 'x' moet \+"),
        ("waarde;tekst;richting\ngeen;Het regent.;\n", "rij 2: onbekende waarde 'geen'"),
        ("waarde;tekst;richting\nopen;;+\n", "rij 2: de kolom tekst is leeg"),
        ("waarde;zin;richting\nopen;Alles werd uitgelegd.;+\n", "kolom 'tekst' ontbreekt; gevonden kolommen: waarde, zin"),
    ],
)
def test_a_bad_example_table_names_file_row_and_problem(tmp_path, table, message):
    with pytest.raises(ManifestError, match=message):
        load_manifest(_with_example_file(tmp_path, table))


def test_a_missing_example_table_is_named(tmp_path):
    path = _with_example_file(tmp_path, "waarde;tekst;richting\nopen;Alles werd uitgelegd.;+\n",
                              ref='["voorbeelden.csv", "extra.csv"]')
    with pytest.raises(ManifestError, match=r"voorbeelden: bestand .*extra\.csv bestaat niet"):
        load_manifest(path)
    (tmp_path / "voorbeelden.csv").write_text("waarde;tekst;richting\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="Gelabelde zinnen: voorbeelden.csv: bestand bevat alleen een kopregel"):
        load_manifest(path)


def test_labelled_sentences_allow_geen_and_english_headers(tmp_path):
    from stemmen.manifest import read_labelled_sentences

    m = load_manifest(_with_example_file(tmp_path, "waarde;tekst;richting\nopen;Alles werd uitgelegd.;+\n"))
    (tmp_path / "labels.tsv").write_text(
        "text\tvalue\tstance\nDe parkeerplaats is vol.\tgeen\t\nZe hielden zich aan de afspraak.\tbetrouwbaar\t+\n",
        encoding="utf-8")
    got = read_labelled_sentences(tmp_path / "labels.tsv", m.waarden)
    assert [(s.value_id, s.stance, s.row) for s in got] == [(None, None, 2), ("betrouwbaar", "+", 3)]
    (tmp_path / "labels.tsv").write_text("text\tvalue\tstance\nHet regent.\tgeen\t+\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="rij 2: waarde 'geen' heeft geen richting"):
        read_labelled_sentences(tmp_path / "labels.tsv", m.waarden)
