import datetime as dt
import json

import pytest

from stemmen.errors import InputError
from stemmen.ingest.readers import read_table
from stemmen.ingest.transcript_files import read_transcript

# --------------------------------------------------------------------------- CSV / TSV


def test_windows_1252_semicolon_csv_with_crlf_and_quoted_newline(tmp_path):
    text = (
        "respondent;groep;antwoord\r\n"
        "R001;burger;De medewerker aan de balie was erg behulpzaam en legde alles geduldig uit.\r\n"
        'R002;medewerker;"Ik ervaar weinig ruimte voor eigen initiatief.\r\nHet idee van één loket is goed; de uitvoering niet."\r\n'
        'R003;burger;"Ik heb drie keer gebeld over mijn aanvraag voor een uitrit; ik voel me niet gehoord."\r\n'
        "R004;burger;Het café-overleg over de coöperatie was een goed idee, maar de gemeente reageert te laat.\r\n"
    )
    path = tmp_path / "enquete_2025.csv"
    path.write_bytes(text.encode("cp1252"))

    result = read_table(path)

    assert result.encoding == "cp1252"
    assert result.delimiter == ";"
    assert result.columns == ["respondent", "groep", "antwoord"]
    assert result.problems == []
    assert [r.row for r in result.rows] == [2, 3, 5, 6]  # R002 spans lines 3-4
    second = result.rows[1].fields["antwoord"]
    assert second == "Ik ervaar weinig ruimte voor eigen initiatief.\r\nHet idee van één loket is goed; de uitvoering niet."
    assert "coöperatie" in result.rows[3].fields["antwoord"]
    assert "café" in result.rows[3].fields["antwoord"]
    assert result.rows[1].raw.startswith("R002;medewerker;\"Ik ervaar")
    assert result.rows[1].raw.endswith("de uitvoering niet.\"")


def test_utf8_bom_comma_csv(tmp_path):
    path = tmp_path / "reacties.csv"
    path.write_bytes(
        "\ufeffartikel,afdeling,reactie\n"
        'gelijkwaardig,Burgerzaken,"Mooi gezegd, maar hoe gaan we dit in de praktijk meten?"\n'
        "betrouwbaar,Ruimte,Terugbellen als we het beloven zou al een enorme verbetering zijn.\n".encode("utf-8")
    )

    result = read_table(path)

    assert result.encoding == "utf-8-sig"
    assert result.delimiter == ","
    assert result.columns == ["artikel", "afdeling", "reactie"]  # no BOM glued to the first name
    assert result.rows[0].fields == {
        "artikel": "gelijkwaardig",
        "afdeling": "Burgerzaken",
        "reactie": "Mooi gezegd, maar hoe gaan we dit in de praktijk meten?",
    }
    assert [r.row for r in result.rows] == [2, 3]


def test_utf8_without_bom_is_not_read_as_cp1252(tmp_path):
    path = tmp_path / "antwoorden.csv"
    path.write_text("id;antwoord\n1;Ik ben tevreden over de reactie van de wijkcoördinator.\n", encoding="utf-8")

    result = read_table(path)

    assert result.encoding == "utf-8"
    assert result.rows[0].fields["antwoord"].endswith("wijkcoördinator.")


def test_tsv_with_commas_and_semicolons_inside_answers(tmp_path):
    path = tmp_path / "brainstorm_ideeen.tsv"
    path.write_text(
        "nr\tdeelnemer\tidee\n"
        "1\tburger\tMaak een vast aanspreekpunt per wijk, zodat je niet steeds opnieuw je verhaal hoeft te doen.\n"
        "2\tmedewerker\tMinder regels; meer vertrouwen in de professional.\n"
        "3\traadslid\tLaat inwoners meebeslissen over de begroting, bijvoorbeeld via een wijkbudget.\n",
        encoding="utf-8",
    )

    result = read_table(path)

    assert result.delimiter == "\t"
    assert len(result.rows) == 3
    assert result.rows[1].fields["idee"] == "Minder regels; meer vertrouwen in de professional."


def test_delimiter_detection_is_not_fooled_by_commas_in_semicolon_file(tmp_path):
    path = tmp_path / "monitor.csv"
    lines = ["id;golf;antwoord"] + [
        f"{i};2025-1;Goed, maar soms, eerlijk gezegd, te traag, zeker bij vergunningen, en dat is jammer."
        for i in range(1, 30)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = read_table(path)

    assert result.delimiter == ";"
    assert len(result.rows) == 29


def test_rows_with_wrong_field_count_become_problems_with_their_line(tmp_path):
    path = tmp_path / "enquete.csv"
    path.write_text(
        "respondent;groep;antwoord\n"
        "R001;burger;Fijn dat de wethouder zelf langskwam.\n"
        "R002;burger;Het loket is dicht; ik moet online; maar dat lukt mij niet.\n"
        "R003;burger\n"
        "\n"
        "R004;medewerker;We werken beter samen dan een jaar geleden.;\n",
        encoding="utf-8",
    )

    result = read_table(path)

    assert [r.row for r in result.rows] == [2, 6]  # trailing empty field is tolerated
    assert [(p.row, p.reason) for p in result.problems] == [
        (3, "rij heeft 5 velden, de kopregel heeft er 3"),
        (4, "rij heeft 2 velden, de kopregel heeft er 3"),
    ]
    assert result.problems[0].raw == "R002;burger;Het loket is dicht; ik moet online; maar dat lukt mij niet."


def test_unclosed_quote_is_reported_not_swallowed(tmp_path):
    path = tmp_path / "enquete.csv"
    path.write_text(
        "respondent;antwoord\n"
        "R001;Prima geholpen.\n"
        'R002;"Ik kreeg een brief die ik niet begreep.\n'
        "R003;Snelle reactie op mijn melding over de lantaarnpaal.\n",
        encoding="utf-8",
    )

    result = read_table(path)

    assert [r.row for r in result.rows] == [2]
    (problem,) = result.problems
    assert problem.row == 3
    assert "regels 3-4" in problem.reason and "aanhalingsteken" in problem.reason
    assert "lantaarnpaal" in problem.raw


def test_empty_and_duplicate_header_names_are_named_not_dropped(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id;antwoord;;antwoord\n1;Ja;toelichting volgt;Nee\n", encoding="utf-8")

    result = read_table(path)

    assert result.columns == ["id", "antwoord", "kolom 3", "antwoord_2"]
    assert result.rows[0].fields["kolom 3"] == "toelichting volgt"


def test_a_five_megabyte_cell_is_read(tmp_path):
    huge = "De gemeente moet beter luisteren. " * 160_000  # ~5.4 MB
    path = tmp_path / "groot.csv"
    path.write_text(f'id;antwoord\n1;"{huge}"\n2;Kort antwoord.\n', encoding="utf-8")

    result = read_table(path)

    assert len(result.rows[0].fields["antwoord"]) == len(huge)
    assert result.rows[1].row == 3
    assert result.problems == []


def test_explicit_delimiter_overrides_detection(tmp_path):
    path = tmp_path / "lijst.txt"
    path.write_text("naam|rol\nAnna|gespreksleider\n", encoding="utf-8")

    assert read_table(path).delimiter == "|"
    assert read_table(path, delimiter=";").columns == ["naam|rol"]


# --------------------------------------------------------------------------- bad tables


def test_wrong_delimiter_gives_found_columns_and_hint(tmp_path):
    # a semicolon file that was saved again as comma CSV: every line became one quoted field
    path = tmp_path / "enquete.csv"
    path.write_text(
        '"respondent;groep;antwoord"\n"R001;burger;Ik voel me serieus genomen."\n', encoding="utf-8"
    )

    with pytest.raises(InputError) as info:
        read_table(path, expected_columns=["respondent", "antwoord"])

    message = str(info.value)
    assert message.startswith("enquete.csv: verwachte kolommen (respondent, antwoord) niet gevonden")
    assert "gevonden kolommen: respondent;groep;antwoord" in message
    assert "is het scheidingsteken misschien ';'?" in message
    assert info.value.file == str(path)


def test_expected_columns_found_case_insensitively(tmp_path):
    path = tmp_path / "enquete.csv"
    path.write_text("Respondent;Antwoord\nR1;Goed geholpen door de gemeente.\n", encoding="utf-8")

    assert read_table(path, expected_columns=["respondent", "antwoord"]).columns == ["Respondent", "Antwoord"]


def test_empty_file(tmp_path):
    path = tmp_path / "leeg.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="^leeg.csv: bestand is leeg$"):
        read_table(path)


def test_whitespace_only_file_is_empty(tmp_path):
    path = tmp_path / "leeg.csv"
    path.write_text("\r\n  \r\n", encoding="utf-8")
    with pytest.raises(InputError, match="bestand is leeg"):
        read_table(path)


def test_header_only_file(tmp_path):
    path = tmp_path / "alleen_kop.csv"
    path.write_text("respondent;groep;antwoord\r\n", encoding="cp1252")
    with pytest.raises(InputError, match="^alleen_kop.csv: bestand bevat alleen een kopregel en geen gegevens$"):
        read_table(path)


def test_binary_file_renamed_csv(tmp_path):
    path = tmp_path / "foto.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match="foto.csv: is geen tekstbestand"):
        read_table(path)


def test_xlsx_renamed_csv_says_what_it_is(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["id", "antwoord"])
    path = tmp_path / "enquete.csv"
    book.save(path)
    with pytest.raises(InputError, match="lijkt een Excel- of Word-bestand"):
        read_table(path)


def test_unsupported_extension_lists_supported(tmp_path):
    path = tmp_path / "enquete.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(InputError) as info:
        read_table(path)
    assert str(info.value) == (
        "enquete.pdf: bestandstype '.pdf' wordt niet ondersteund; "
        "ondersteund zijn: .csv, .tsv, .txt, .xlsx, .jsonl, .ndjson"
    )


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="^bestaat_niet.csv: bestand niet gevonden$"):
        read_table(tmp_path / "bestaat_niet.csv")


def test_table_without_header(tmp_path):
    path = tmp_path / "zonder_kop.csv"
    path.write_text("1;2025-03-01;4\n2;2025-03-02;5\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    assert str(info.value) == (
        "zonder_kop.csv, rij 1: geen kopregel gevonden: 3 van de 3 cellen van de eerste rij zijn getallen of datums; "
        "de eerste rij moet de kolomnamen bevatten"
    )


def test_single_column_answers_without_header(tmp_path):
    path = tmp_path / "antwoorden.txt"
    path.write_text(
        "Ik vind dat de gemeente veel beter moet communiceren over wat er met onze inbreng gebeurt, "
        "want nu horen we na een inspraakavond nooit meer iets terug.\nTweede antwoord.\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        read_table(path)
    message = str(info.value)
    assert message.startswith("antwoorden.txt, rij 1: geen kopregel gevonden: kolom 1 van de eerste rij bevat een tekst van")
    assert "Ik vind" not in message  # the answer itself is not echoed into logs


# --------------------------------------------------------------------------- XLSX


def _workbook(path, rows, title="Antwoorden", extra_sheet=None):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    if extra_sheet:
        other = book.create_sheet(extra_sheet[0])
        for values in extra_sheet[1]:
            other.append(values)
    book.save(path)


def test_xlsx_with_date_cell_and_empty_row(tmp_path):
    path = tmp_path / "monitor.xlsx"
    _workbook(
        path,
        [
            ["respondent", "datum", "groep", "antwoord"],
            ["R001", dt.datetime(2025, 3, 12), "burger", "De balie is vriendelijk, maar de wachttijd is lang."],
            [None, None, None, None],
            ["R002", dt.date(2025, 3, 14), "medewerker", "We luisteren beter naar elkaar sinds de workshops."],
            ["R003", "14-3-2025", "burger", None],
        ],
    )

    result = read_table(path)

    assert result.columns == ["respondent", "datum", "groep", "antwoord"]
    assert result.sheet == "Antwoorden"
    assert result.encoding is None and result.delimiter is None
    assert [r.row for r in result.rows] == [2, 4, 5]  # spreadsheet row numbers survive the empty row
    assert result.rows[0].fields["datum"] == dt.date(2025, 3, 12)
    assert type(result.rows[0].fields["datum"]) is dt.date
    assert result.rows[2].fields["antwoord"] is None
    assert result.rows[1].raw == "R002\t2025-03-14\tmedewerker\tWe luisteren beter naar elkaar sinds de workshops."


def test_xlsx_values_beyond_the_header_get_a_column_name(tmp_path):
    path = tmp_path / "monitor.xlsx"
    _workbook(path, [["id", "antwoord"], [1, "Goed geregeld.", None, "notitie: later bellen"]])

    result = read_table(path)

    assert result.columns == ["id", "antwoord", "kolom C", "kolom D"]
    assert result.rows[0].fields["kolom D"] == "notitie: later bellen"


def test_xlsx_named_sheet_and_unknown_sheet(tmp_path):
    path = tmp_path / "monitor.xlsx"
    _workbook(
        path,
        [["toelichting"], ["Deze export bevat de open antwoorden."]],
        title="Uitleg",
        extra_sheet=("Open vragen", [["id", "antwoord"], [7, "Meer groen in de wijk graag."]]),
    )

    assert read_table(path).columns == ["toelichting"]  # first sheet by default
    assert read_table(path, sheet="open vragen").rows[0].fields == {"id": 7, "antwoord": "Meer groen in de wijk graag."}
    with pytest.raises(InputError, match="werkblad 'Blad3' bestaat niet; werkbladen: Uitleg, Open vragen"):
        read_table(path, sheet="Blad3")


def test_xlsx_expected_columns_hint_names_the_sheet(tmp_path):
    path = tmp_path / "monitor.xlsx"
    _workbook(path, [["toelichting"], ["Deze export bevat de open antwoorden."]], title="Uitleg")
    with pytest.raises(InputError, match="gevonden kolommen: toelichting; gelezen werkblad: 'Uitleg'"):
        read_table(path, expected_columns=["antwoord"])


def test_xlsx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "monitor.xlsx"
    path.write_text("id;antwoord\n1;Prima\n", encoding="utf-8")
    with pytest.raises(InputError, match="monitor.xlsx: is geen geldig Excel-bestand \\(.xlsx\\) — het lijkt een tekstbestand"):
        read_table(path)


def test_xlsx_header_only_and_empty(tmp_path):
    only_header = tmp_path / "kop.xlsx"
    _workbook(only_header, [["id", "antwoord"]])
    with pytest.raises(InputError, match="alleen een kopregel"):
        read_table(only_header)
    empty = tmp_path / "leeg.xlsx"
    _workbook(empty, [])
    with pytest.raises(InputError, match="bestand is leeg"):
        read_table(empty)


# --------------------------------------------------------------------------- JSONL


def test_jsonl_with_one_broken_line(tmp_path):
    path = tmp_path / "casussen.jsonl"
    records = [
        {"casus": "BV-2025-001", "datum": "2025-02-03", "tekst": "Inwoner voelde zich van het kastje naar de muur gestuurd."},
        {"casus": "BV-2025-002", "datum": "2025-02-05", "tekst": "Afspraak gemaakt met de vakafdeling; inwoner is tevreden."},
    ]
    lines = [json.dumps(records[0], ensure_ascii=False), '{"casus": "BV-2025-003", "tekst": "Niet afgesloten',
             "", json.dumps(records[1], ensure_ascii=False), '["geen", "object"]']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = read_table(path)

    assert [r.row for r in result.rows] == [1, 4]
    assert result.rows[1].fields == records[1]
    assert result.columns == ["casus", "datum", "tekst"]
    assert [p.row for p in result.problems] == [2, 5]
    # column 35 is where the unclosed string starts
    assert result.problems[0].reason == "geen geldige JSON (bij teken 35: tekst tussen aanhalingstekens niet afgesloten)"
    assert result.problems[0].raw == '{"casus": "BV-2025-003", "tekst": "Niet afgesloten'
    assert result.problems[1].reason == "regel is geen JSON-object maar een lijst"


def test_json_array_in_jsonl_file(tmp_path):
    path = tmp_path / "casussen.jsonl"
    path.write_text('[\n  {"casus": "BV-1"},\n  {"casus": "BV-2"}\n]\n', encoding="utf-8")
    with pytest.raises(InputError, match="JSON-lijst; schrijf één object per regel"):
        read_table(path)


# --------------------------------------------------------------------------- transcripts


def test_txt_transcript_with_header_and_multiline_turn(tmp_path):
    path = tmp_path / "brainstorm_oosterwijk.txt"
    path.write_text(
        "Brainstorm inwoners Oosterwijk\n"
        "Datum: 10 februari 2025\n"
        "\n"
        "Anna de Vries (gespreksleider): Welkom allemaal. Wat waardeert u aan de gemeente?\n"
        "Piet Jansen: Eerlijk gezegd weinig. Ik heb vorig jaar een klacht ingediend\n"
        "en daar nooit meer iets over gehoord.\n"
        "\n"
        "Dat zit me nog steeds dwars.\n"
        "Fatima El Amrani: Mijn ervaring is anders: de wijkagent en de buurtcoach komen echt langs.\n"
        "Anna de Vries: Dank u. Kortom: het verschilt per loket?\n",
        encoding="utf-8",
    )

    result = read_transcript(path, speakers={"Piet Jansen": "burger"})

    assert result.header == ["Brainstorm inwoners Oosterwijk", "Datum: 10 februari 2025"]
    assert result.session_date == dt.date(2025, 2, 10)
    assert [(t.row, t.speaker, t.role) for t in result.turns] == [
        (4, "Anna de Vries", "gespreksleider"),
        (5, "Piet Jansen", "burger"),
        (9, "Fatima El Amrani", None),
        (10, "Anna de Vries", None),
    ]
    assert result.turns[1].text == (
        "Eerlijk gezegd weinig. Ik heb vorig jaar een klacht ingediend\n"
        "en daar nooit meer iets over gehoord.\nDat zit me nog steeds dwars."
    )
    # a colon inside a sentence does not start a new turn
    assert result.turns[2].text.startswith("Mijn ervaring is anders: de wijkagent")
    assert result.turns[3].text == "Dank u. Kortom: het verschilt per loket?"


def test_participants_sidecar_and_date_from_file_name(tmp_path):
    path = tmp_path / "2025-02-12 brainstorm medewerkers.txt"
    path.write_text(
        "Jeroen: Ik merk dat we inwoners vaak met regels afwimpelen.\n"
        "Sanne (teamleider): Dat herken ik, maar we hebben ook weinig tijd.\n",
        encoding="utf-8",
    )
    (tmp_path / "2025-02-12 brainstorm medewerkers.deelnemers.csv").write_text(
        "naam;rol\nJeroen;medewerker\nSanne;leidinggevende\n", encoding="utf-8"
    )

    result = read_transcript(path)

    assert result.session_date == dt.date(2025, 2, 12)
    assert [(t.speaker, t.role) for t in result.turns] == [("Jeroen", "medewerker"), ("Sanne", "teamleider")]


def test_txt_without_any_speaker_is_an_error(tmp_path):
    path = tmp_path / "notities.txt"
    path.write_text("Aantekeningen van de avond.\nVeel zorgen over parkeren in het centrum.\n", encoding="utf-8")
    with pytest.raises(InputError, match="notities.txt: geen sprekers gevonden"):
        read_transcript(path)


def test_teams_vtt_merges_consecutive_cues_of_one_speaker(tmp_path):
    path = tmp_path / "brainstorm_teams.vtt"
    path.write_text(
        "WEBVTT\n"
        "\n"
        "NOTE Brainstorm raadsleden 3 maart 2025\n"
        "\n"
        "3f1e2a9c-1/12-0\n"
        "00:00:03.120 --> 00:00:06.480\n"
        "<v Anna de Vries>Goedenavond, fijn dat jullie er zijn.</v>\n"
        "\n"
        "3f1e2a9c-1/13-0\n"
        "00:00:06.480 --> 00:00:09.000\n"
        "<v Anna de Vries>We beginnen met de vraag wat inwoners van ons verwachten.</v>\n"
        "\n"
        "8d2b7c10-2/4-0\n"
        "00:00:10.250 --> 00:00:15.900\n"
        "<v Karin Bos (Raadslid)>Vooral dat we doen wat we beloven &amp; op tijd terugbellen.</v>\n"
        "\n"
        "8d2b7c10-2/5-0\n"
        "00:01:15.900 --> 00:01:19.000\n"
        "<v Anna de Vries>Herkent iedereen dat?</v>\n",
        encoding="utf-8",
    )

    result = read_transcript(path)

    assert result.header == ["Brainstorm raadsleden 3 maart 2025"]
    assert result.session_date == dt.date(2025, 3, 3)
    assert [(t.row, t.speaker, t.role, t.start) for t in result.turns] == [
        (5, "Anna de Vries", None, 3.12),
        (13, "Karin Bos", "Raadslid", 10.25),
        (17, "Anna de Vries", None, 75.9),
    ]
    assert result.turns[0].text == (
        "Goedenavond, fijn dat jullie er zijn. We beginnen met de vraag wat inwoners van ons verwachten."
    )
    assert result.turns[1].text == "Vooral dat we doen wat we beloven & op tijd terugbellen."
    assert result.problems == []


def test_vtt_bad_timing_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "sessie.vtt"
    path.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Piet>Ik wil graag iets zeggen over de bibliotheek.</v>\n\n"
        "1:2:x --> 00:00:04.000\n<v Piet>Die moet open blijven.</v>\n",
        encoding="utf-8",
    )

    result = read_transcript(path)

    assert [t.text for t in result.turns] == ["Ik wil graag iets zeggen over de bibliotheek."]
    assert [(p.row, p.reason) for p in result.problems] == [
        (6, "ongeldige tijdsaanduiding 'd:d:<tekst> --> dd:dd:dd.ddd' (verwacht bijv. 00:01:02.000 --> 00:01:05.000)")
    ]


def test_srt_speaker_prefix_and_continuation(tmp_path):
    path = tmp_path / "2025-03-20_wijkavond.srt"
    path.write_bytes(

            b"1\r\n00:00:01,000 --> 00:00:04,000\r\nWethouder Smit: Goedenavond allemaal.\r\n\r\n"
            b"2\r\n00:00:04,500 --> 00:00:08,000\r\nVandaag praten we over het nieuwe wijkplan.\r\n\r\n"
            b"3\r\n00:00:09,000 --> 00:00:12,000\r\nMevrouw Yilmaz: Waarom zijn wij daar\r\nniet eerder bij betrokken?\r\n\r\n"
            b"4\r\n00:00:12,500 --> 00:00:14,000\r\nMevrouw Yilmaz: We hoorden het via de krant.\r\n"

    )

    result = read_transcript(path, speakers={"mevrouw yilmaz": "burger", "Wethouder Smit": "bestuurder"})

    assert result.session_date == dt.date(2025, 3, 20)
    assert [(t.row, t.speaker, t.role, t.start) for t in result.turns] == [
        (1, "Wethouder Smit", "bestuurder", 1.0),
        (9, "Mevrouw Yilmaz", "burger", 9.0),
    ]
    assert result.turns[0].text == "Goedenavond allemaal. Vandaag praten we over het nieuwe wijkplan."
    assert result.turns[1].text == "Waarom zijn wij daar niet eerder bij betrokken? We hoorden het via de krant."


def test_docx_transcript_with_title_and_date_paragraphs(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Brainstorm ondernemers centrum", level=1)
    document.add_paragraph("Maandag 17 februari 2025, raadhuis Lindewaard")
    document.add_paragraph("")
    document.add_paragraph("Gespreksleider (gemeente): Wat zou u anders willen zien?")
    document.add_paragraph("Mark de Boer (ondernemer): Eén aanspreekpunt voor vergunningen.")
    document.add_paragraph("Nu word ik steeds doorverwezen.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Lotte van der Meer"
    table.rows[0].cells[1].text = "En snellere antwoorden op e-mails."
    path = tmp_path / "brainstorm_ondernemers.docx"
    document.save(path)

    result = read_transcript(path)

    assert result.header == ["Brainstorm ondernemers centrum", "Maandag 17 februari 2025, raadhuis Lindewaard"]
    assert result.session_date == dt.date(2025, 2, 17)
    assert [(t.row, t.speaker, t.role) for t in result.turns] == [
        (4, "Gespreksleider", "gemeente"),
        (5, "Mark de Boer", "ondernemer"),
        (7, "Lotte van der Meer", None),
    ]
    assert result.turns[1].text == "Eén aanspreekpunt voor vergunningen.\nNu word ik steeds doorverwezen."
    assert result.encoding is None


def test_transcript_unsupported_extension(tmp_path):
    path = tmp_path / "opname.mp3"
    path.write_bytes(b"ID3")
    with pytest.raises(InputError, match="ondersteund zijn: .txt, .vtt, .srt, .docx"):
        read_transcript(path)


# --------------------------------------------------------------------------- more real-world variants


def test_excel_unicode_text_utf16_tab_file(tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes("id\tantwoord\r\n1\tWe worden als gelijkwaardige partij behandeld.\r\n".encode("utf-16"))

    result = read_table(path)

    assert result.encoding == "utf-16"
    assert result.delimiter == "\t"
    assert result.rows[0].fields["antwoord"] == "We worden als gelijkwaardige partij behandeld."


def test_excel_sep_line_names_the_delimiter(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("sep=;\nid;antwoord\n1;Goed, snel en vriendelijk.\n", encoding="utf-8")

    result = read_table(path)

    assert result.delimiter == ";"
    assert result.columns == ["id", "antwoord"]
    assert result.rows[0].row == 3


def test_teams_copy_with_name_and_time_lines(tmp_path):
    path = tmp_path / "teams_kopie.txt"
    path.write_text(
        "Anna de Vries   0:03\n"
        "Goedemorgen, we starten met de eerste vraag.\n"
        "Bas Kok   1:15\n"
        "Ik vind dat we te weinig terugkoppelen aan inwoners.\n",
        encoding="utf-8",
    )

    result = read_transcript(path)

    assert [(t.row, t.speaker, t.start, t.text) for t in result.turns] == [
        (1, "Anna de Vries", 3.0, "Goedemorgen, we starten met de eerste vraag."),
        (3, "Bas Kok", 75.0, "Ik vind dat we te weinig terugkoppelen aan inwoners."),
    ]


def test_vtt_without_speakers_and_with_two_voices_in_one_cue(tmp_path):
    path = tmp_path / "sessie.vtt"
    path.write_text(
        "WEBVTT - Wijkgesprek\n\n"
        "00:00:01.000 --> 00:00:03.000\nDe opname is gestart.\n\n"
        "00:00:04.000 --> 00:00:08.000\n<v Piet>Mag ik beginnen?</v> <v Joke>Ga je gang.</v>\n\n"
        "00:00:08.500 --> 00:00:10.000\nDank je.\n",
        encoding="utf-8",
    )

    result = read_transcript(path)

    assert result.header == ["Wijkgesprek"]
    assert result.session_date is None
    assert [(t.row, t.speaker, t.text) for t in result.turns] == [
        (3, None, "De opname is gestart."),
        (6, "Piet", "Mag ik beginnen?"),
        (6, "Joke", "Ga je gang. Dank je."),
    ]


def test_empty_transcript_and_vtt_without_cues(tmp_path):
    empty = tmp_path / "leeg.vtt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="bestand is leeg"):
        read_transcript(empty)
    header_only = tmp_path / "alleen_kop.vtt"
    header_only.write_text("WEBVTT\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="geen ondertitels gevonden"):
        read_transcript(header_only)


def test_header_names_with_line_breaks_are_normalised(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text('id;"Wat vindt u\r\nbelangrijk?"\r\n1;Dat de gemeente doet wat ze belooft.\r\n', encoding="utf-8", newline="")

    result = read_table(path, expected_columns=["Wat vindt u belangrijk?"])

    assert result.columns == ["id", "Wat vindt u belangrijk?"]
    assert result.rows[0].row == 3  # the header took two physical lines


def test_timestamped_txt_lines(tmp_path):
    path = tmp_path / "verslag.txt"
    path.write_text(
        "[00:00:05] Gespreksleider: Wat betekent 'gelijkwaardig' voor u?\n"
        "[00:01:10] Deelnemer 3 (burger): Dat ik niet als lastpost word gezien.\n",
        encoding="utf-8",
    )

    result = read_transcript(path)

    assert [(t.speaker, t.role, t.start) for t in result.turns] == [
        ("Gespreksleider", None, 5.0),
        ("Deelnemer 3", "burger", 70.0),
    ]
