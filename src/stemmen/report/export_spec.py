"""The one definition of the exports: which tables, which columns, in which order, named how.

Two renderings read it (``stemmen.report.export``):

- for researchers (``stemmen export``): one CSV per table, English file names and headers;
- for consultants (``stemmen report``, ``reports/export/``): one CSV per table and one Excel
  workbook, Dutch file names and headers, and a sheet 'kolommen' with each column's meaning.

Both are made from the same frames, so a table has the same rows in both. A column with a
Dutch header of None is for researchers only (provenance: source file, row, import batch);
every other column is in both. docs/exports.md lists the same (a test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column: its name in the frame the table is built from, its headers, and its meaning."""

    source: str
    en: str
    nl: str | None  # None: researchers' rendering only
    meaning: str    # Dutch: the workbook's 'kolommen' sheet shows it to consultants


@dataclass(frozen=True)
class Table:
    """One exported table: its file name in each rendering and its columns in order."""

    en: str
    nl: str
    columns: tuple[Column, ...]

    def headers(self, lang: str) -> list[tuple[str, str]]:
        """(source column, header) of the columns the rendering in ``lang`` ("en" or "nl") shows."""
        if lang not in ("en", "nl"):
            raise ValueError(f"lang must be 'en' or 'nl', not {lang!r}")
        return [(c.source, getattr(c, lang)) for c in self.columns if getattr(c, lang) is not None]

    def name(self, lang: str) -> str:
        """The table's file name (without extension) in the rendering in ``lang``."""
        return self.en if lang == "en" else self.nl


TABLES: tuple[Table, ...] = (
    Table("documents", "documenten", (
        Column("doc_id", "doc_id", "document_id", "id van het document (hash van sleutel en inhoud)"),
        Column("kind", "kind", "soort", "enquete, brainstorm, manifest_reactie of casus"),
        Column("source_name", "source_name", "bron", "naam van de bron in stemmen.toml"),
        Column("group_name", "group_name", "groep",
               "burger, medewerker, leidinggevende, raadslid, bestuurder, overig"),
        Column("department", "department", "afdeling", "afdeling, als bekend"),
        Column("date", "date", "datum", "datum van antwoord, sessie, reactie of notitie (JJJJ-MM-DD)"),
        Column("wave", "wave", "golf", "enquêtegolf"),
        Column("question", "question", "vraag", "enquêtevraag"),
        Column("value_ref", "value_ref", "waarde_verwijzing", "waarde waar een reactie op het manifest over gaat"),
        Column("article", "article", "artikel", "artikel van het manifest waar een reactie over gaat"),
        Column("case_id", "case_id", "zaaknummer", "zaaknummer (Bureau Verbindingen)"),
        Column("status", "status", "status", "status van de zaak bij deze notitie"),
        Column("text", "text", "tekst", "gepseudonimiseerde tekst"),
        Column("doc_key", "doc_key", None, "sleutel van het document in zijn bron (zonder inhoud)"),
        Column("version", "version", None, "versie van het document (hoger = later opnieuw ingelezen)"),
        Column("role", "role", None, "rol van de spreker of schrijver, als bekend"),
        Column("respondent_key", "respondent_key", None, "gepseudonimiseerde sleutel van de respondent"),
        Column("file_name", "file_name", None, "bestand waaruit het document is gelezen"),
        Column("row_number", "row_number", None, "rij of regel in dat bestand"),
        Column("batch_id", "batch_id", None, "importbatch"),
    )),
    Table("segments", "segmenten", (
        Column("segment_id", "segment_id", "segment_id", "id van het segment"),
        Column("doc_id", "doc_id", "document_id", "document waar het segment in staat"),
        Column("text", "text", "tekst", "gepseudonimiseerde tekst van het segment"),
        Column("polarity", "polarity", "toon", "sentiment van −1 (negatief) tot +1 (positief)"),
        Column("label", "sentiment", "toon_label", "positief, neutraal of negatief"),
        Column("idx", "idx", None, "volgnummer van het segment in zijn document"),
        Column("model_key", "sentiment_model", None, "model dat de toon bepaalde"),
    )),
    Table("value_scores", "waardescores", (
        Column("segment_id", "segment_id", "segment_id", "segment"),
        Column("value_id", "value_id", "waarde", "id van de waarde in het manifest"),
        Column("relevance", "relevance", "relevantie",
               "kans dat het segment over deze waarde gaat (0–1; de waarden van één segment en"
               " 'geen waarde' tellen op tot 1)"),
        Column("alignment", "alignment", "waardering", "waargemaakt (+1) tot geschonden (−1)"),
        Column("is_top", "is_top", None, "waar voor de waarschijnlijkste waarde van het segment, als het met kans vanaf"
               " de drempel over een waarde gaat"),
    )),
    Table("alignment_group", "index_groep", (
        Column("value_id", "value_id", "waarde", "waarde"),
        Column("group", "group_name", "groep", "groep"),
        Column("kind", "kind", "soort", "soort bron (als de index daarnaar is gesplitst)"),
        Column("period", "period", "periode", "periode (JJJJ-MM, JJJJ-Qn of JJJJ-Wnn; 'totaal' = hele periode)"),
        Column("n", "n", "n", "aantal relevante segmenten"),
        Column("n_segments", "n_segments", "n_segmenten", "alle segmenten in de cel"),
        Column("attention", "attention", "aandacht", "aandeel van de segmenten dat over de waarde gaat"),
        Column("mean", "mean", "gemiddelde", "gemiddelde waardering"),
        Column("sd", "sd", "sd", "standaardafwijking"),
        Column("ci_low", "ci_low", "bi_onder", "ondergrens 95%-betrouwbaarheidsinterval"),
        Column("ci_high", "ci_high", "bi_boven", "bovengrens 95%-betrouwbaarheidsinterval"),
        Column("ci_method", "ci_method", "bi_methode", "t of bootstrap"),
        Column("low_n", "low_n", "weinig_gegevens", "waar als n kleiner is dan 3"),
    )),
    Table("alignment_department", "index_afdeling", (
        Column("value_id", "value_id", "waarde", "waarde"),
        Column("department", "department", "afdeling", "afdeling"),
        Column("period", "period", "periode", "periode"),
        Column("n", "n", "n", "aantal relevante segmenten"),
        Column("n_segments", "n_segments", "n_segmenten", "alle segmenten in de cel"),
        Column("attention", "attention", "aandacht", "aandeel van de segmenten dat over de waarde gaat"),
        Column("mean", "mean", "gemiddelde", "gemiddelde waardering"),
        Column("ci_low", "ci_low", "bi_onder", "ondergrens 95%-betrouwbaarheidsinterval"),
        Column("ci_high", "ci_high", "bi_boven", "bovengrens 95%-betrouwbaarheidsinterval"),
        Column("low_n", "low_n", "weinig_gegevens", "waar als n kleiner is dan 3"),
    )),
    Table("group_gaps", "kloof", (
        Column("value_id", "value_id", "waarde", "waarde"),
        Column("n_a", "n_a", "n_burgers", "aantal teksten van burgers"),
        Column("n_b", "n_b", "n_medewerkers", "aantal teksten van medewerkers en leidinggevenden"),
        Column("mean_a", "mean_a", "gemiddelde_burgers", "gemiddelde waardering burgers"),
        Column("mean_b", "mean_b", "gemiddelde_medewerkers", "gemiddelde waardering medewerkers"),
        Column("diff", "diff", "verschil", "burgers min medewerkers"),
        Column("ci_low", "ci_low", "bi_onder", "ondergrens 95%-interval van het verschil (bootstrap)"),
        Column("ci_high", "ci_high", "bi_boven", "bovengrens 95%-interval van het verschil"),
        Column("p", "p", "p", "permutatietoets, tweezijdig"),
        Column("p_adj", "p_adj", "p_gecorrigeerd", "p na correctie voor het aantal waarden (Holm)"),
        Column("significant", "significant", "aantoonbaar", "waar als p_gecorrigeerd < 0,05"),
        Column("verdict", "verdict", "oordeel", "uitkomst in woorden"),
    )),
    Table("alerts", "signalen", (
        Column("nr", "alert_nr", "signaal_nr", "volgnummer van het signaal"),
        Column("value_id", "value_id", "waarde", "waarde"),
        Column("group", "group_name", "groep", "groep ('alle' = samengenomen)"),
        Column("department", "department", "afdeling", "afdeling ('alle' = samengenomen)"),
        Column("kind", "kind", "soort", "soort bron ('alle' = samengenomen)"),
        Column("metric", "metric", "maat", "alignment (waardering) of attention (aandacht)"),
        Column("start_period", "start_period", "begin_daling", "eerste periode van de daling"),
        Column("alarm_period", "alarm_period", "signaal_periode", "periode waarin het signaal afging"),
        Column("episode_end", "episode_end", "hersteld_in",
               "periode waarin de reeks terug is op de basislijn (leeg = nog niet)"),
        Column("baseline_mean", "baseline_mean", "basislijn", "gemiddelde in de basisperiode"),
        Column("recent_mean", "recent_mean", "recent", "gemiddelde sinds het begin van de daling"),
        Column("drop", "drop", "daling", "basislijn min recent"),
        Column("drop_ci_low", "drop_ci_low", "daling_bi_onder", "ondergrens 95%-interval van de daling"),
        Column("drop_ci_high", "drop_ci_high", "daling_bi_boven", "bovengrens 95%-interval van de daling"),
        Column("n_baseline", "n_baseline", "n_basislijn", "relevante segmenten in de basisperiode"),
        Column("n_recent", "n_recent", "n_recent", "relevante segmenten sinds de daling"),
        Column("statistic", "statistic", "cusum", "CUSUM-statistiek bij het signaal"),
        Column("threshold", "threshold", "drempel", "drempel h van de CUSUM"),
        Column("also_signalled", "also_signalled", "ook_gesignaleerd", "overlappende reeksen met hetzelfde signaal"),
    )),
    Table("alert_evidence", "signaal_bewijs", (
        Column("nr", "alert_nr", "signaal_nr", "signaal waar het bewijs bij hoort"),
        Column("segment_id", "segment_id", "segment_id", "segment"),
        Column("doc_id", "doc_id", "document_id", "document"),
        Column("period", "period", "periode", "periode"),
        Column("group", "group_name", "groep", "groep"),
        Column("kind", "kind", "soort", "soort bron"),
        Column("alignment", "alignment", "waardering", "waardering van het segment"),
        Column("relevance", "relevance", "relevantie", "relevantie van het segment"),
        Column("text", "text", "tekst", "gepseudonimiseerde tekst"),
    )),
    Table("themes", "themas", (
        Column("theme_id", "theme_id", "thema_id", "id van het thema"),
        Column("label", "label", "label", "naam van het thema"),
        Column("keywords", "keywords", "kernwoorden", "kernwoorden"),
        Column("size", "size", "omvang", "aantal segmenten"),
    )),
    Table("theme_assignments", "thema_toewijzing", (
        Column("segment_id", "segment_id", "segment_id", "segment"),
        Column("theme_id", "theme_id", "thema_id", "thema"),
    )),
    Table("cases", "casussen", (
        Column("case_id", "case_id", "zaaknummer", "zaaknummer"),
        Column("department", "department", "afdeling", "afdeling van de eerste notitie"),
        Column("first_date", "first_date", "eerste_notitie", "datum eerste notitie"),
        Column("last_date", "last_date", "laatste_notitie", "datum laatste notitie"),
        Column("n_notes", "n_notes", "notities", "aantal notities"),
        Column("outcome", "outcome", "afloop", "status van de laatste notitie (open = loopt nog)"),
        Column("days", "days", "doorlooptijd_dagen", "dagen van eerste tot laatste notitie (afgesloten zaken)"),
        Column("tone_first", "tone_first", "toon_eerste", "gemiddelde toon eerste notitie"),
        Column("tone_last", "tone_last", "toon_laatste", "gemiddelde toon laatste notitie"),
        Column("values", "values", "waarden", "waarden waar de zaak over gaat"),
        Column("equal_alignment", "equal_alignment", "gelijkwaardig_waardering",
               "gemiddelde waardering op de waarde gelijkwaardigheid (leeg = niet beoordeelbaar)"),
    )),
    Table("lineage", "herkomst", (
        Column("key", "key", "onderdeel", "onderdeel"),
        Column("value", "value", "waarde", "waarde"),
    )),
)


def table(name: str) -> Table:
    """The table with this English or Dutch name."""
    for t in TABLES:
        if name in (t.en, t.nl):
            return t
    raise KeyError(name)
