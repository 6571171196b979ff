"""The value framework (MANIFEST (cultuur)vernieuwing) as a versioned TOML file.

Keys are Dutch because consultants edit the file; the dataclasses are English:

    [manifest]  naam, versie, datum, gemeente,
                voorbeelden = "voorbeelden.csv"   (optional: a file, or a list of files)
                labels = "labels.csv"             (optional: consultant labels, ``stemmen review``)
    [[waarde]]  id, naam, beschrijving, gedrag = [...], tegengedrag = [...],
                voorbeelden = [{tekst = "...", richting = "+"}]   (optional)

Example sentences may also live in a table (CSV, TSV or XLSX, columns ``waarde``,
``tekst``, ``richting``), named under [manifest] relative to the manifest file; they
are added to the values' inline examples and count in the fingerprint. The same
format, with ``waarde = geen`` allowed, holds labelled sentences for evaluating the
scorer (:func:`read_labelled_sentences`). Consultant labels (``stemmen.labels``) add their
value-bearing segments to the values' examples and keep the value-free ones apart
(``Manifest.geen``); all count in the fingerprint, so a new label means new scores.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stemmen.errors import Errors, InputError, ManifestError

STANCES = ("+", "-")
_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
NO_VALUE = "geen"
# column names of a labelled-sentence table: Dutch first, English accepted
LABEL_COLUMNS = {"tekst": ("tekst", "text"), "waarde": ("waarde", "value"), "richting": ("richting", "stance")}


@dataclass(frozen=True)
class Example:
    """A consultant-written example sentence; stance '+' (value lived) or '-' (violated)."""

    text: str
    stance: str


@dataclass(frozen=True)
class LabelledSentence:
    """A sentence from a labelled table; ``value_id`` None means about no value ("geen")."""

    text: str
    value_id: str | None
    stance: str | None  # "+" or "-"; None when value_id is None
    row: int  # the row number in its file, for messages


@dataclass(frozen=True)
class Value:
    """One core value of the manifest: name, description, behaviour to show and to stop, and examples."""
    id: str
    naam: str
    beschrijving: str
    gedrag: tuple[str, ...]
    tegengedrag: tuple[str, ...]
    voorbeelden: tuple[Example, ...] = ()


@dataclass(frozen=True)
class Manifest:
    """The value framework a municipality analyses with (``manifest.toml``), with its consultant labels."""
    naam: str
    versie: str
    waarden: tuple[Value, ...]
    datum: str = ""  # ISO date the manifest took effect ("" when not given)
    gemeente: str = ""
    geen: tuple[str, ...] = ()  # texts a consultant labelled as about no value
    n_labels: int = 0  # consultant labels among the examples and ``geen``
    labels_path: str = field(default="", compare=False)  # the labels table, "" when none is named
    source: str = field(default="", compare=False)

    @property
    def value_ids(self) -> list[str]:
        """The values' ids in manifest order."""
        return [v.id for v in self.waarden]

    def value(self, value_id: str) -> Value:
        """The value with this id; KeyError when the manifest has none."""
        for v in self.waarden:
            if v.id == value_id:
                return v
        raise KeyError(value_id)

    @property
    def start_date(self) -> dt.date | None:
        """The date the manifest took effect (the relapse baseline starts there), or None when not given."""
        return dt.date.fromisoformat(self.datum) if self.datum else None

    @property
    def fingerprint(self) -> str:
        """Content hash: two manifests with the same version but other text differ here."""
        h = hashlib.sha256(self.versie.encode())
        for v in self.waarden:
            for part in (v.id, v.naam, v.beschrijving, *v.gedrag, *v.tegengedrag):
                h.update(b"\x00" + part.encode())
            for ex in v.voorbeelden:
                h.update(f"\x00{ex.stance}{ex.text}".encode())
        for text in self.geen:  # only labelled manifests: earlier fingerprints stay as they were
            h.update(f"\x00{NO_VALUE}\x00{text}".encode())
        return h.hexdigest()[:16]


def load_manifest(path: str | Path, labels: bool = True) -> Manifest:
    """Read and validate a manifest TOML file; errors name the file and the value.
    ``labels=False``: without the consultant labels its table holds (``labels_path`` still set)."""
    path = Path(path)
    if not path.is_file():
        raise ManifestError(Errors.E100.format(path=path, problem="bestand bestaat niet"))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(Errors.E100.format(path=path, problem=f"geen geldige TOML: {exc}")) from exc
    return parse_manifest(data, source=str(path), base_dir=path.parent, labels=labels)


def parse_manifest(data: dict[str, Any], source: str = "<manifest>", base_dir: Path | None = None,
                   labels: bool = True) -> Manifest:
    """Build a validated Manifest from parsed TOML (or an equivalent dict); ``base_dir``
    resolves the example files named under [manifest] (default: the working folder)."""

    def fail(problem: str) -> ManifestError:
        return ManifestError(Errors.E100.format(path=source, problem=problem))

    head = data.get("manifest")
    if not isinstance(head, dict):
        raise fail("sectie [manifest] ontbreekt (met naam en versie)")
    for key in ("naam", "versie"):
        if not str(head.get(key, "")).strip():
            raise fail(f"[manifest] mist '{key}'")
    datum = head.get("datum", "")
    if datum:
        try:
            datum = datum.isoformat() if isinstance(datum, dt.date) else dt.date.fromisoformat(str(datum)).isoformat()
        except ValueError as exc:
            raise fail(f"[manifest] datum '{datum}' is geen datum (verwacht JJJJ-MM-DD)") from exc

    raw_values = data.get("waarde")
    if not isinstance(raw_values, list) or not raw_values:
        raise fail("geen enkele [[waarde]]; een manifest heeft minstens één waarde")
    seen: set[str] = set()
    values = [_parse_value(raw, i, seen, fail) for i, raw in enumerate(raw_values, start=1)]
    values = _add_example_files(values, head.get("voorbeelden"), base_dir or Path.cwd(), fail)
    manifest = Manifest(
        naam=str(head["naam"]).strip(), versie=str(head["versie"]).strip(), waarden=tuple(values),
        datum=str(datum or ""), gemeente=str(head.get("gemeente", "") or ""), source=source,
    )
    table = head.get("labels")
    if table in (None, ""):
        return manifest
    if not isinstance(table, str):
        raise fail("[manifest] labels moet een bestandsnaam zijn (bijv. \"labels.csv\")")
    path = Path(table) if Path(table).is_absolute() else (base_dir or Path.cwd()) / table
    if not path.is_file():
        raise fail(f"[manifest] labels: bestand {path} bestaat niet (stemmen review maakt het aan)")
    from stemmen.labels import read_labels  # lazy: most manifests have no labels

    manifest = dataclasses.replace(manifest, labels_path=str(path))
    return with_labels(manifest, read_labels(path, manifest.value_ids)) if labels else manifest


def with_labels(manifest: Manifest, labels: Sequence[Any]) -> Manifest:
    """``manifest`` taught by consultant labels (``stemmen.labels.Label``): value-bearing ones
    become examples of their value, value-free ones go to ``geen``."""
    added: dict[str, list[Example]] = {v.id: [] for v in manifest.waarden}
    geen = []
    for lb in labels:
        if lb.value_id is None:
            geen.append(lb.text)
        else:
            added[lb.value_id].append(Example(text=lb.text, stance=lb.stance))
    return dataclasses.replace(
        manifest, waarden=tuple(dataclasses.replace(v, voorbeelden=v.voorbeelden + tuple(added[v.id]))
                                for v in manifest.waarden),
        geen=manifest.geen + tuple(geen), n_labels=manifest.n_labels + len(labels))


def _parse_value(raw: Any, i: int, seen: set[str], fail) -> Value:
    if not isinstance(raw, dict):
        raise fail(f"waarde {i} is geen tabel [[waarde]]")
    vid = str(raw.get("id", "")).strip()
    where = f"waarde {i}" + (f" ('{vid}')" if vid else "")
    if not vid:
        raise fail(f"{where} mist 'id'")
    if not _ID_RE.match(vid):
        raise fail(f"{where}: id mag alleen kleine letters, cijfers, - en _ bevatten")
    if vid in seen:
        raise fail(f"{where}: id '{vid}' komt twee keer voor")
    seen.add(vid)
    for key in ("naam", "beschrijving"):
        if not str(raw.get(key, "")).strip():
            raise fail(f"{where} mist '{key}'")
    lists = {}
    for key in ("gedrag", "tegengedrag"):
        items = raw.get(key)
        if not isinstance(items, list) or not [s for s in items if str(s).strip()]:
            raise fail(f"{where}: '{key}' moet een niet-lege lijst van zinnen zijn")
        lists[key] = tuple(str(s).strip() for s in items if str(s).strip())
    examples = []
    for j, ex in enumerate(raw.get("voorbeelden", []) or [], start=1):
        text = str(ex.get("tekst", "")).strip() if isinstance(ex, dict) else ""
        stance = str(ex.get("richting", "")).strip().replace("−", "-") if isinstance(ex, dict) else ""
        if not text or stance not in STANCES:
            raise fail(f"{where}, voorbeeld {j}: verwacht {{tekst = \"...\", richting = \"+\" of \"-\"}}")
        examples.append(Example(text=text, stance=stance))
    return Value(
        id=vid, naam=str(raw["naam"]).strip(), beschrijving=str(raw["beschrijving"]).strip(),
        gedrag=lists["gedrag"], tegengedrag=lists["tegengedrag"], voorbeelden=tuple(examples),
    )


def _add_example_files(values: list[Value], files: Any, base_dir: Path, fail) -> list[Value]:
    """The values with the examples of the tables named in [manifest] voorbeelden appended."""
    if files in (None, "", []):
        return values
    names = [files] if isinstance(files, str) else files
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise fail("[manifest] voorbeelden moet een bestandsnaam of een lijst van bestandsnamen zijn")
    added: dict[str, list[Example]] = {v.id: [] for v in values}
    for name in names:
        path = Path(name) if Path(name).is_absolute() else base_dir / name
        if not path.is_file():
            raise fail(f"[manifest] voorbeelden: bestand {path} bestaat niet")
        for s in read_labelled_sentences(path, values, allow_no_value=False):
            added[s.value_id].append(Example(text=s.text, stance=s.stance))
    return [dataclasses.replace(v, voorbeelden=v.voorbeelden + tuple(added[v.id])) for v in values]


def read_labelled_sentences(path: str | Path, values: Sequence[Value], *,
                            allow_no_value: bool = True) -> list[LabelledSentence]:
    """Read a table of labelled sentences (CSV/TSV/XLSX: ``tekst``, ``waarde``, ``richting``).

    ``waarde`` is a value's id or name (any case), or "geen" (about no value) when
    ``allow_no_value``; ``richting`` "+" (lived) or "-" (violated), empty for "geen".
    The table is read whole or not at all: the first bad row raises ManifestError
    naming the file, the row and the problem.
    """
    from stemmen.ingest.readers import read_table  # lazy: manifests without tables need no reader

    path = Path(path)
    try:
        table = read_table(path, expected_columns=[c for names in LABEL_COLUMNS.values() for c in names])
    except InputError as exc:  # unreadable, empty, no header: the reader's message names the file
        raise ManifestError(Errors.E103.format(message=exc)) from exc
    if table.problems:
        p = table.problems[0]
        raise ManifestError(Errors.E101.format(path=path, row=p.row, problem=p.reason))
    lower = {c.lower().strip(): c for c in table.columns}
    columns = {}
    for key, names in LABEL_COLUMNS.items():
        found = [lower[n] for n in names if n in lower]
        if not found:
            raise ManifestError(Errors.E102.format(path=path, column=key, found=", ".join(table.columns)))
        columns[key] = found[0]
    by_name = {v.id.lower(): v.id for v in values} | {v.naam.lower(): v.id for v in values}
    known = ", ".join(v.id for v in values) + (f" of {NO_VALUE}" if allow_no_value else "")
    out = []
    for raw in table.rows:
        cells = {k: str(raw.fields.get(c) or "").strip() for k, c in columns.items()}
        if not any(cells.values()):
            continue  # an empty line between blocks
        text, label, stance = cells["tekst"], cells["waarde"].lower(), cells["richting"].replace("−", "-")

        def bad(problem: str) -> ManifestError:
            return ManifestError(Errors.E101.format(path=path, row=raw.row, problem=problem))  # noqa: B023 (used in this iteration)

        if not text:
            raise bad("de kolom tekst is leeg")
        if allow_no_value and label in (NO_VALUE, ""):
            if stance:
                raise bad(f"waarde '{NO_VALUE}' heeft geen richting (gevonden: '{stance}')")
            out.append(LabelledSentence(text, None, None, raw.row))
            continue
        if label not in by_name:
            raise bad(f"onbekende waarde '{cells['waarde']}'; verwacht {known}")
        if stance not in STANCES:
            raise bad(f"richting '{stance}' moet + (waarde geleefd) of - (waarde geschonden) zijn")
        out.append(LabelledSentence(text, by_name[label], stance, raw.row))
    if not out:
        raise ManifestError(Errors.E101.format(path=path, row=1, problem="geen enkele gelabelde zin"))
    return out
