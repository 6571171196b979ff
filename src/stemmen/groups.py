"""Respondent groups and source kinds: their ids, their order in reports and their Dutch labels.

One place for what DESIGN.md calls the groups and the sources, so that ingest, settings,
the values layer, the theme draft and the reports agree. Imports nothing of stemmen.
"""

from __future__ import annotations

# the groups a source may name (settings and survey columns are checked against these)
GROUPS = ("burger", "medewerker", "leidinggevende", "raadslid", "bestuurder")
OTHER = "overig"  # a speaker outside the groups (a facilitator, a note-taker)
GROUP_ORDER = (*GROUPS, OTHER)  # the order of rows and legends in reports
CITIZENS = "burger"
EMPLOYEES = ("medewerker", "leidinggevende")  # the other side of the citizen-employee gap

# lowercase plurals, for running text ("burgers tegenover medewerkers")
GROUP_PLURAL = {
    "burger": "burgers", "medewerker": "medewerkers", "leidinggevende": "leidinggevenden",
    "raadslid": "raadsleden", "bestuurder": "bestuurders", "overig": "overigen",
}
# headings in tables and charts
GROUP_LABEL = {
    "burger": "Burgers", "medewerker": "Medewerkers", "leidinggevende": "Leidinggevenden",
    "raadslid": "Raadsleden", "bestuurder": "Bestuurders", "overig": "Overig", "alle": "Alle groepen",
}

SOURCE_KINDS = ("enquete", "brainstorm", "manifest_reactie", "casus")  # also their order in reports
KIND_LABEL = {
    "enquete": "Enquête", "brainstorm": "Brainstormsessie", "manifest_reactie": "Reactie op het manifest",
    "casus": "Casusnotitie Bureau Verbindingen", "alle": "Alle bronnen",
}


def group_plural(group: str) -> str:
    """'burgers' for 'burger'; a group outside the list is shown as given."""
    return GROUP_PLURAL.get(group, group)
