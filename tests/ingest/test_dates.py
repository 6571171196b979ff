import datetime as dt

import pytest

from stemmen.ingest.dates import check_not_future, find_date, parse_date

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
        ("31-02-2025", "'31-02-2025' is geen bestaande datum"),
        ("29-02-2025", "'29-02-2025' is geen bestaande datum"),
        ("15-13-2025", "'15-13-2025': maand 13 bestaat niet"),
        ("04-15-2025", "'04-15-2025': maand 15 bestaat niet"),
        ("32-1-2025", "'32-1-2025': dag 32 bestaat niet"),
        ("morgen", "'morgen' is geen datum (verwacht bijv. 2025-04-03 of 3-4-2025)"),
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


def test_long_values_are_shortened_in_the_reason():
    answer = "Ik vind dat de gemeente veel beter moet luisteren naar wat inwoners zeggen."
    with pytest.raises(ValueError) as info:
        parse_date(answer)
    assert str(info.value) == "'Ik vind dat de gemeente veel beter mo…' is geen datum (verwacht bijv. 2025-04-03 of 3-4-2025)"
