"""Survey exports in the layouts the tools produce, written from their export documentation.

Dutch answers, fake personal metadata (``PERSONAL``): the tests check that none of
it reaches a table, a log or an export. Each builder returns (file name, bytes or
rows) for CSV or XLSX, in the tool's English or Dutch interface.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl

Q1 = "Wat vindt u het belangrijkst in het contact met de gemeente?"
Q2 = "Wat zou de gemeente volgend jaar anders moeten doen?"
Q3 = "Wat is uw relatie tot de gemeente?"

# (answer 1, answer 2, relation) per respondent
ANSWERS = [
    ("Dat ze terugbellen als ze dat beloven en eerlijk zeggen wat wel en niet kan.",
     "Minder formulieren en vaker gewoon langskomen om het uit te leggen.", "Inwoner"),
    ("Dat je als inwoner serieus genomen wordt, ook als het antwoord nee is.",
     "Sneller reageren op meldingen over de openbare ruimte in de wijk.", "Inwoner"),
    ("Samenwerken tussen afdelingen zodat de inwoner niet van loket naar loket gaat.",
     "Meer ruimte voor medewerkers om zelf een oplossing te kiezen.", "Medewerker"),
]

# fake metadata per respondent; every value must stay out of the store, logs and exports
PEOPLE = [
    dict(first="Annelies", last="Bakker", email="annelies.bakker@example.nl", ip="84.241.200.17",
         lat="52.09071", lon="5.12142", ref="EMP-4471", token="tk9Q2xLmPz", url="https://intranet.example/nieuws?id=88"),
    dict(first="Mehmet", last="Yilmaz", email="m.yilmaz@example.org", ip="145.53.19.230",
         lat="52.37022", lon="4.89517", ref="EMP-5120", token="zP3kW8qRt1", url="https://intranet.example/nieuws?id=91"),
    dict(first="Sanne", last="Vermeulen", email="sanne.vermeulen@example.com", ip="2a02:a44f:1b2c::17",
         lat="51.92250", lon="4.47917", ref="EMP-6032", token="Lm5nB7vXc2", url="https://intranet.example/nieuws?id=93"),
]
PERSONAL = sorted({v for p in PEOPLE for v in p.values()} | {f"{p['first']} {p['last']}" for p in PEOPLE})

MOMENTS = [dt.datetime(2025, 6, 2, 11, 20, 7), dt.datetime(2025, 6, 3, 9, 5, 41), dt.datetime(2025, 6, 4, 16, 45, 0)]


def csv_bytes(rows: list[list[object]], sep: str = ",", bom: bool = True) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return (("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8")


def xlsx_bytes(rows: list[list[object]], sheet: str) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- Qualtrics
# Row 1 column ids, row 2 question texts (interface language), row 3 import ids (JSON).
_QX_IDS = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
           "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
           "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage",
           "Q1", "Q2", "Q3"]
_QX_TEXT = {
    "en": ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)", "Finished",
           "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email",
           "External Data Reference", "Location Latitude", "Location Longitude", "Distribution Channel",
           "User Language"],
    "nl": ["Begindatum", "Einddatum", "Antwoordtype", "IP-adres", "Voortgang", "Duur (in seconden)", "Voltooid",
           "Opnamedatum", "Antwoord-ID", "Achternaam ontvanger", "Voornaam ontvanger", "E-mailadres ontvanger",
           "Externe gegevensreferentie", "Breedtegraad locatie", "Lengtegraad locatie", "Distributiekanaal",
           "Taal gebruiker"],
}
_QX_STATUS = {"en": ("IP Address", "Survey Preview"), "nl": ("IP-adres", "Voorbeeld van enquête")}
_QX_BOOL = {"en": ("True", "False"), "nl": ("Waar", "Onwaar")}


def qualtrics(lang: str = "en", xlsx: bool = False) -> tuple[str, bytes]:
    """Three respondents (the third stopped half-way) and one preview response."""
    imports = [json.dumps({"ImportId": i}, separators=(",", ":")) for i in ("startDate", "endDate", "status", "ipAddress", "progress",
               "duration", "finished", "recordedDate", "_recordId", "recipientLastName", "recipientFirstName",
               "recipientEmail", "externalDataReference", "locationLatitude", "locationLongitude",
               "distributionChannel", "userLanguage", "QID1_TEXT", "QID2_TEXT", "QID3")]
    rows: list[list[object]] = [_QX_IDS, _QX_TEXT[lang] + [Q1, Q2, Q3 + " - Selected Choice"], imports]
    ok, preview = _QX_STATUS[lang]
    yes, no = _QX_BOOL[lang]
    for i, (p, (a1, a2, rel), t) in enumerate(zip(PEOPLE, ANSWERS, MOMENTS)):
        done = i < 2
        stamp = (lambda d: d) if xlsx else (lambda d: d.strftime("%Y-%m-%d %H:%M:%S"))
        rows.append([stamp(t - dt.timedelta(minutes=5)), stamp(t), ok, p["ip"], 100 if done else 50, 306,
                     yes if done else no, stamp(t + dt.timedelta(seconds=1)), f"R_{i}kXyZ8fakeA{i}", p["last"],
                     p["first"], p["email"], p["ref"], p["lat"], p["lon"], "email", lang.upper(), a1,
                     a2 if done else "", rel])
    rows.append(["2025-06-05 10:00:00", "2025-06-05 10:01:00", preview, "", 100, 60, yes, "2025-06-05 10:01:01",
                 "R_preview0001", "", "", "", "", "", "", "preview", "NL", "testtest", "nog een test", "Inwoner"])
    name = f"qualtrics-{lang}.{'xlsx' if xlsx else 'csv'}"
    return name, xlsx_bytes(rows, "Sheet0") if xlsx else csv_bytes(rows)


# --------------------------------------------------------------------------- Microsoft Forms
_MS = {"en": ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"],
       "nl": ["Id", "Begintijd", "Tijd van voltooien", "E-mail", "Naam", "Tijdstip van laatste wijziging"]}


def msforms(lang: str = "nl", xlsx: bool = True) -> tuple[str, bytes]:
    """The Excel workbook Forms downloads (sheet 'Form1'); as CSV: saved from Excel with ';' and Dutch dates."""
    rows: list[list[object]] = [_MS[lang] + [Q1, Q2, Q3]]
    for i, (p, (a1, a2, rel), t) in enumerate(zip(PEOPLE, ANSWERS, MOMENTS), start=1):
        start = t - dt.timedelta(minutes=4)
        if not xlsx:
            start, t = (d.strftime("%-d-%-m-%Y %H:%M:%S") for d in (start, t))
        rows.append([i, start, t, p["email"], f"{p['first']} {p['last']}", None, a1, a2, rel])
    name = f"msforms-{lang}.{'xlsx' if xlsx else 'csv'}"
    return name, xlsx_bytes(rows, "Form1") if xlsx else csv_bytes(rows, sep=";")


# --------------------------------------------------------------------------- Google Forms
_GF = {"en": ["Timestamp", "Email Address"], "nl": ["Tijdstempel", "E-mailadres"]}


def googleforms(lang: str = "nl", xlsx: bool = False) -> tuple[str, bytes]:
    """'Download responses (.csv)' from Forms, or the response sheet downloaded as .xlsx."""
    rows: list[list[object]] = [_GF[lang] + [Q1, Q2, Q3]]
    for p, (a1, a2, rel), t in zip(PEOPLE, ANSWERS, MOMENTS):
        if xlsx:
            stamp: object = t
        elif lang == "nl":
            stamp = t.strftime("%Y/%m/%d %H:%M:%S") + " CET"
        else:
            stamp = t.strftime("%Y/%m/%d %I:%M:%S %p") + " GMT+2"
        rows.append([stamp, p["email"], a1, a2, rel])
    sheet = "Formulierreacties 1" if lang == "nl" else "Form Responses 1"
    name = f"googleforms-{lang}.{'xlsx' if xlsx else 'csv'}"
    return name, xlsx_bytes(rows, sheet) if xlsx else csv_bytes(rows, bom=False)


# --------------------------------------------------------------------------- LimeSurvey
_LS_META = {
    "code": ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl",
             "token", "firstname", "lastname", "email"],
    "en": ["Response ID", "Date submitted", "Last page", "Start language", "Seed", "Date started", "Date last action",
           "IP address", "Referrer URL", "Access code", "First name", "Last name", "Email address"],
    "nl": ["Antwoord ID", "Datum ingestuurd", "Laatste pagina", "Starttaal", "Seed", "Datum gestart",
           "Datum laatste actie", "IP-adres", "Verwijzende URL", "Toegangscode", "Voornaam", "Achternaam",
           "E-mailadres"],
}


def limesurvey(lang: str = "nl", xlsx: bool = False) -> tuple[str, bytes]:
    """Responses export, 'full question text' headings ('code': question codes); the third did not submit."""
    questions = ["G01Q01", "G01Q02", "G01Q03"] if lang == "code" else [Q1, Q2, Q3]
    rows: list[list[object]] = [_LS_META[lang] + questions]
    for i, (p, (a1, a2, rel), t) in enumerate(zip(PEOPLE, ANSWERS, MOMENTS), start=1):
        done = i < 3
        fmt = "%Y-%m-%d %H:%M:%S"
        rows.append([i, t.strftime(fmt) if done else "", 2 if done else 1, "nl", 1234567 + i,
                     (t - dt.timedelta(minutes=6)).strftime(fmt), t.strftime(fmt), p["ip"], p["url"], p["token"],
                     p["first"], p["last"], p["email"], a1, a2 if done else "", rel])
    name = f"limesurvey-{lang}.{'xlsx' if xlsx else 'csv'}"
    return name, xlsx_bytes(rows, "results") if xlsx else csv_bytes(rows, bom=False)


def write(folder: Path, built: tuple[str, bytes]) -> Path:
    path = folder / built[0]
    path.write_bytes(built[1])
    return path
