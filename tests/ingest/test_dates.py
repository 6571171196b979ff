import datetime as dt

import pytest

from stemmen.ingest.dates import check_not_future, find_date, parse_date, value_shape

APRIL_3 = dt.date(2025, 4, 3)


@pytest.mark.parametrize(
    "value",
    [
        "2025-04-03",
        "2025-04-03T10:00:00",
        "2025-04-03T10:00:00Z",
        "2025-04-03 10:00",
        "3-4-2025",
        "03-04-2025",
        "3/4/2025",
        "3.4.2025",
        "3-4-25",
        "03-04-2025 14:30",
        "3 april 2025",
        "3 April 2025",
        "3 APRIL 2025",
        "3 apr. 2025",
        "3 apr 2025",
        "maandag 3 april 2025",
        "Donderdag 3 april 2025 om 10.00 uur",
        "do 3 apr. 2025",
        "  3   april   2025 ",
        "20250403",
    ],
)
def test_parses_iso_dutch_and_named_forms(value):
    assert parse_date(value) == APRIL_3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("april 2025", dt.date(2025, 4, 1)),
        ("April 2025", dt.date(2025, 4, 1)),
        ("2025-04", dt.date(2025, 4, 1)),
        ("1 mrt 2025", dt.date(2025, 3, 1)),
        ("17 okt. 2024", dt.date(2024, 10, 17)),
        ("mei 2025", dt.date(2025, 5, 1)),
        ("12 augustus 2024", dt.date(2024, 8, 12)),
        ("1 sept. 2024", dt.date(2024, 9, 1)),
        ("31-12-99", dt.date(1999, 12, 31)),
        ("29-02-2024", dt.date(2024, 2, 29)),
    ],
)
def test_month_names_month_keys_and_two_digit_years(value, expected):
    assert parse_date(value) == expected


def test_day_first_even_when_both_parts_could_be_a_month():
    assert parse_date("4/3/2025") == dt.date(2025, 3, 4)
    assert parse_date("12-01-2025") == dt.date(2025, 1, 12)


def test_date_and_datetime_objects_from_spreadsheets():
    assert parse_date(dt.datetime(2025, 4, 3, 9, 45)) == APRIL_3
    assert parse_date(APRIL_3) is APRIL_3


def test_excel_serial_numbers():
    assert parse_date(45750) == APRIL_3
    assert parse_date(45750.75) == APRIL_3  # the fraction is the time of day
    assert parse_date(1) == dt.date(1900, 1, 1)
    assert parse_date(61) == dt.date(1900, 3, 1)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("31-02-2025", "'dd-dd-dddd' is geen bestaande datum (dag 31 bestaat niet in maand 2)"),
        ("29-02-2025", "'dd-dd-dddd' is geen bestaande datum"),
        ("15-13-2025", "'dd-dd-dddd': maand 13 bestaat niet"),
        ("04-15-2025", "'dd-dd-dddd': maand 15 bestaat niet"),
        ("32-1-2025", "'dd-d-dddd': dag 32 bestaat niet"),
        ("morgen", "'<tekst>' is geen datum (verwacht bijv. 2025-04-03, 3-4-2025 of 2025-04-03 10:00)"),
        ("2025/06/02 25:20:07 CET", "'dddd/dd/dd dd:dd:dd CET': de tijd bestaat niet"),
        ("2025/06/02 13:20:07 PM", "de tijd bestaat niet"),
        ("2025/06/02 11:20:07 QQT", "onbekende tijdzone 'QQT'"),
        ("volgende week dinsdag", "is geen datum"),
        ("3 aprul 2025", "onbekende maand 'aprul'"),
        ("3 april", "jaartal ontbreekt"),
        ("2025-13", "maand 13 bestaat niet"),
        ("", "geen datum ingevuld"),
        (None, "geen datum ingevuld"),
        (60, "geen geldig Excel-datumgetal"),
        (-3, "geen geldig Excel-datumgetal"),
        (float("nan"), "geen geldig Excel-datumgetal"),
        (True, "is geen datum"),
    ],
)
def test_invalid_dates_raise_a_dutch_reason(value, reason):
    with pytest.raises(ValueError) as info:
        parse_date(value)
    assert reason in str(info.value)


def test_check_not_future():
    today = dt.date(2025, 4, 3)
    assert check_not_future(dt.date(2025, 4, 3), today) == dt.date(2025, 4, 3)
    with pytest.raises(ValueError, match="2025-04-04 ligt in de toekomst \\(vandaag is 2025-04-03\\)"):
        check_not_future(dt.date(2025, 4, 4), today)


def test_find_date_in_running_text():
    assert find_date("Brainstorm met inwoners, dorpshuis Oosterwijk, 10 februari 2025") == dt.date(2025, 2, 10)
    assert find_date("Verslag van 12-03-2025, opgesteld door de gespreksleider") == dt.date(2025, 3, 12)
    assert find_date("Sessie 2025-02-10 (avond)") == dt.date(2025, 2, 10)
    assert find_date("Op 31 februari 2025 of op 3 maart 2025") == dt.date(2025, 3, 3)
    assert find_date("Brainstorm over de dienstverlening aan de balie") is None


def test_reasons_show_the_shape_of_the_value_never_its_words():
    answer = "Ik vind dat mevrouw Jansen (06-12345678) beter moet luisteren."
    with pytest.raises(ValueError) as info:
        parse_date(answer)
    assert str(info.value) == ("'<tekst> (dd-dddddddd) <tekst>.' is geen datum"
                               " (verwacht bijv. 2025-04-03, 3-4-2025 of 2025-04-03 10:00)")
    assert "Jansen" not in str(info.value) and "1234" not in str(info.value)


def test_value_shape_keeps_date_words_and_zones():
    assert value_shape("02/06/2025 11:20:07 CET") == "dd/dd/dddd dd:dd:dd CET"
    assert value_shape("maandag 3 april 2025 om 10.00 uur") == "maandag d april dddd om dd.dd uur"
    assert value_shape("1" * 100).endswith("…") and len(value_shape("1" * 100)) <= 40


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025/06/02 11:20:07 CET", dt.date(2025, 6, 2)),  # Google Forms (Dutch)
        ("2025/06/02 11:20:07 AM GMT+2", dt.date(2025, 6, 2)),  # Google Forms (English)
        ("2025/06/02 11:20:07 p.m. CEST", dt.date(2025, 6, 2)),
        ("2-6-2025 11:20:07", dt.date(2025, 6, 2)),  # Dutch spreadsheet locale
        ("02-06-2025 11:20", dt.date(2025, 6, 2)),
        ("2025-06-02T11:20:07Z", dt.date(2025, 6, 2)),
        ("2025-06-02 11:20:07", dt.date(2025, 6, 2)),  # Qualtrics, LimeSurvey
        ("2025-06-02 11:20:07.123+02:00", dt.date(2025, 6, 2)),
        ("June 2, 2025 11:20 AM", dt.date(2025, 6, 2)),
        ("Monday, June 2, 2025", dt.date(2025, 6, 2)),
        ("45810.47", dt.date(2025, 6, 2)),  # an Excel date-time number saved to CSV
        ("45810,47", dt.date(2025, 6, 2)),
        (45810.99, dt.date(2025, 6, 2)),
    ],
)
def test_dates_with_time_of_day_zone_and_tool_forms(value, expected):
    assert parse_date(value) == expected


def test_a_zone_gives_the_dutch_date_of_that_moment():
    # 23:30 UTC on 2 June is 01:30 on 3 June in the Netherlands (CEST)
    assert parse_date("2025-06-02T23:30:00Z") == dt.date(2025, 6, 3)
    assert parse_date("2025-01-31 23:30:00 UTC") == dt.date(2025, 2, 1)  # CET in winter
    assert parse_date("2025-06-02 23:30:00 CEST") == dt.date(2025, 6, 2)
    assert parse_date(dt.datetime(2025, 6, 2, 23, 30, tzinfo=dt.UTC)) == dt.date(2025, 6, 3)


def test_month_first_order_for_english_exports():
    assert parse_date("6/2/2025 11:20:07 AM", "mdy") == dt.date(2025, 6, 2)
    assert parse_date("6/2/2025", "dmy") == dt.date(2025, 2, 6)
    with pytest.raises(ValueError, match="maand 13 bestaat niet \\(datums worden gelezen als maand-dag-jaar\\)"):
        parse_date("13/2/2025", "mdy")
