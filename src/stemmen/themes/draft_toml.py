"""The manifest draft as TOML: Dutch comments for the workshop, then the values (``ManifestDraft.to_toml``).

Also the small Dutch formatters the draft's notes use (percentages, tone, group names).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from stemmen.groups import group_plural

if TYPE_CHECKING:
    from stemmen.themes.draft import ManifestDraft

_SPACE = re.compile(r"\s+")


def group_label(group: str) -> str:
    """A group's Dutch plural ("burgers")."""
    return group_plural(group)


def pct(x: float) -> str:
    """A share as a whole Dutch percentage ("–" for NaN)."""
    return "–" if math.isnan(x) else f"{round(100 * x):d} %"


def num(x: float) -> str:
    """A tone with sign and decimal comma ("–" for NaN)."""
    return "–" if math.isnan(x) else f"{x:+.2f}".replace(".", ",").replace("-", "−")


def tone_word(x: float) -> str:
    """A tone in a word: positief, neutraal, negatief or onbekend."""
    if math.isnan(x):
        return "onbekend"
    return "positief" if x > 0.15 else "negatief" if x < -0.15 else "neutraal"


def join_words(items: list[str]) -> str:
    """Words joined the Dutch way: "a, b en c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1] if items else ""


def one_line(text: str, limit: int | None = None) -> str:
    """A text on one line, shortened with an ellipsis beyond ``limit`` characters."""
    t = _SPACE.sub(" ", text).strip()
    return t if limit is None or len(t) <= limit else t[: limit - 1].rstrip() + "…"


def toml_str(s: str) -> str:
    """A TOML basic string (quoted, with escapes) holding ``s``."""
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def comment(text: str) -> str:
    """A text as a TOML comment line, keeping its indentation."""
    indent = text[: len(text) - len(text.lstrip(" "))]
    return "# " + indent + one_line(text) if text else "#"


def render_toml(d: ManifestDraft) -> str:
    """The draft as ``manifest.toml`` text: the method in comments, then one commented value a candidate."""
    lin = d.lineage
    lines = [
        "# CONCEPTMANIFEST — een voorstel van stemmen, GEEN vastgesteld manifest.",
        "# Gemaakt uit stap 1 van De Verbonden Gemeente (Monitor Organisatieklimaat en brainstormsessies):",
        "# kandidaat-kernwaarden als startpunt voor de workshops 'Leiderschap en cultuurvernieuwing' (stap 2).",
        "# Namen en beschrijvingen zijn werktitels uit trefwoorden; 'gedrag' en 'tegengedrag' zijn citaten",
        "# uit de invoer (voorbeeld uit de input, herschrijven in de workshop). Pas alles aan, voeg waarden",
        "# samen of schrap ze; verhoog daarna 'versie' en vul 'datum' in zodra het manifest ingaat.",
        "#",
        "# Werkwijze: thema's (embeddings + clustering) over alle bruikbare antwoorden samen; verwante thema's",
        f"# samengevoegd (gelijkenis >= {lin['params']['merge_similarity']}); een kandidaat-waarde moet door minstens "
        f"{pct(lin['params']['min_share'])} van de antwoorden",
        f"# genoemd worden; gerangschikt op aantal teksten, hoogstens {lin['params']['max_values']} waarden.",
        "# Aandeel per groep = deel van de bruikbare antwoorden van die groep, met 95 %-interval (Wilson).",
        "# Sentiment: gemiddelde polariteit van −1 (negatief) tot +1 (positief).",
        "#",
        f"# Invoer: {d.n_texts} teksten, waarvan {d.n_answers} bruikbare antwoorden.",
    ]
    if d.left_out:
        lines.append("# Niet meegeteld: " + ", ".join(f"{v} {k}" for k, v in d.left_out.items()) + ".")
    lines.append("# Bruikbare antwoorden per groep: "
                 + ", ".join(f"{group_label(g)} {n}" for g, n in d.group_totals.items()) + ".")
    lines.append(f"# Model: embeddings {lin.get('embedding_model', '?')}, sentiment {lin.get('sentiment_model', '?')}, "
                 f"clustering {lin.get('strategy', '?')}, seed {lin.get('seed')}.")
    if d.dropped_themes:
        lines.append("# Niet voorgesteld (thema's):")
        lines += [comment("  - " + t) for t in d.dropped_themes]
    lines += ["", "[manifest]", f"naam = {toml_str(d.naam)}", f"versie = {toml_str(d.versie)}"]
    if d.gemeente:
        lines.append(f"gemeente = {toml_str(d.gemeente)}")
    lines.append('# datum = "JJJJ-MM-DD"  (invullen zodra het manifest is vastgesteld)')
    for k, v in enumerate(d.values, start=1):
        lines += ["", f"# --- kandidaat-waarde {k} van {len(d.values)}: {v.naam} " + "-" * 20]
        lines.append(comment(f"Thema's: {'; '.join(v.theme_labels)}. Trefwoorden: {', '.join(v.keywords)}."))
        kinds = ", ".join(f"{n} {kind}" for kind, n in v.kinds.items())
        lines.append(comment(f"Genoemd in {v.n_texts} teksten ({pct(v.share)} van alle antwoorden)"
                              + (f"; per bron: {kinds}" if kinds else "") + "."))
        for s in v.groups:
            lines.append(comment(f"  {group_label(s.group)}: {s.n} van {s.total} = {pct(s.share)} "
                                  f"(95 %: {pct(s.low)}–{pct(s.high)}); sentiment {num(s.mean_sentiment)} "
                                  f"(n={s.n_sentiment})"))
        lines.append(comment(f"Verschil tussen groepen: {v.note}."))
        lines.append("# Typerende citaten (gepseudonimiseerd):")
        lines += [comment(f"  - “{one_line(q.text, 300)}” ({q.group}, sentiment {num(q.polarity)})")
                  for q in v.quotes]
        lines += ["[[waarde]]", f"id = {toml_str(v.id)}", f"naam = {toml_str(v.naam)}",
                  f"beschrijving = {toml_str(v.beschrijving)}",
                  "# gedrag: voorbeeld uit de input, herschrijven in de workshop (meest positieve citaten)",
                  "gedrag = [", *[f"  {toml_str(s)}," for s in v.gedrag], "]",
                  "# tegengedrag: voorbeeld uit de input, herschrijven in de workshop (meest negatieve citaten)",
                  "tegengedrag = [", *[f"  {toml_str(s)}," for s in v.tegengedrag], "]"]
    return "\n".join(lines) + "\n"
