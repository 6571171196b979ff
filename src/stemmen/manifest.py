"""The value framework (MANIFEST (cultuur)vernieuwing) as a versioned TOML file.

Keys are Dutch because consultants edit the file; the dataclasses are English:

    [manifest]  naam, versie, datum, gemeente
    [[waarde]]  id, naam, beschrijving, gedrag = [...], tegengedrag = [...],
                voorbeelden = [{tekst = "...", richting = "+"}]   (optional)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stemmen.errors import Errors, ManifestError

STANCES = ("+", "-")
_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")


@dataclass(frozen=True)
class Example:
    """A consultant-written example sentence; stance '+' (value lived) or '-' (violated)."""

    text: str
    stance: str


@dataclass(frozen=True)
class Value:
    id: str
    naam: str
    beschrijving: str
    gedrag: tuple[str, ...]
    tegengedrag: tuple[str, ...]
    voorbeelden: tuple[Example, ...] = ()


@dataclass(frozen=True)
class Manifest:
    naam: str
    versie: str
    waarden: tuple[Value, ...]
    datum: str = ""  # ISO date the manifest took effect ("" when not given)
    gemeente: str = ""
    source: str = field(default="", compare=False)

    @property
    def value_ids(self) -> list[str]:
        return [v.id for v in self.waarden]

    def value(self, value_id: str) -> Value:
        for v in self.waarden:
            if v.id == value_id:
                return v
        raise KeyError(value_id)

    @property
    def start_date(self) -> dt.date | None:
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
        return h.hexdigest()[:16]


def load_manifest(path: str | Path) -> Manifest:
    """Read and validate a manifest TOML file; errors name the file and the value."""
    path = Path(path)
    if not path.is_file():
        raise ManifestError(Errors.E100.format(path=path, problem="bestand bestaat niet"))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(Errors.E100.format(path=path, problem=f"geen geldige TOML: {exc}")) from exc
    return parse_manifest(data, source=str(path))


def parse_manifest(data: dict[str, Any], source: str = "<manifest>") -> Manifest:
    """Build a validated Manifest from parsed TOML (or an equivalent dict)."""

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
    return Manifest(
        naam=str(head["naam"]).strip(), versie=str(head["versie"]).strip(), waarden=tuple(values),
        datum=str(datum or ""), gemeente=str(head.get("gemeente", "") or ""), source=source,
    )


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
