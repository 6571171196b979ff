"""Draft manifest: candidate core values from step 1 (survey answers and brainstorm turns).

Step 1 of De Verbonden Gemeente collects what citizens and employees find
important; step 2 (workshops) turns core values into behaviour. ``draft_manifest``
gives those workshops a starting point: a manifest TOML that loads with
:func:`stemmen.manifest.load_manifest`, clearly marked as a draft, with the evidence
behind every candidate value as comments.

Method (deterministic for a given ``seed``):

1. Input. Non-answers ("weet niet", "n.v.t.", "-") are set aside by the theme
   model's :class:`~stemmen.themes.nonanswers.NonAnswerFilter`. Brainstorm turns
   (``kinds[i] == "brainstorm"``) shorter than ``min_turn_words`` words are
   conversation glue ("Ik hoor je ook.", "Dan houden we je daaraan.") and are
   left out too; survey answers are never dropped for being short ("Eerlijkheid.").
   Turns of ``exclude_groups`` (default "overig": gespreksleider, facilitator,
   notulist, see ``stemmen.ingest.sources.GROUP_SYNONYMS``) steer the conversation
   and are not respondents' voices. All of these are counted in the draft's header. Fewer than ``min_answers`` usable
   answers raise :class:`ThemeError` (E830).
2. Themes. :func:`stemmen.themes.extract_themes` on the usable answers of all
   groups together, so that shares are comparable between groups.
3. Merge. A value is broader than a theme: themes whose centred centroids have
   cosine >= ``merge_similarity`` are merged (average linkage).
4. Select. A merged theme is a candidate value only when at least ``min_share``
   of the usable answers (and at least ``min_texts`` texts) belong to it; the
   remaining ones are ranked by the number of texts that mention them (all groups
   together; one text = one answer or one turn) and the first ``max_values``
   are kept. Everything left out is listed in the header, so nothing disappears
   silently. No other filtering happens: a theme that is not a value (e.g. about
   waiting times) stays in, for the workshop to judge.
5. Evidence per value. Share of each group's usable answers that fall in the
   value, with a 95 % Wilson interval; mean sentiment per group; a Dutch note on
   the gap between the groups, because step 1 asks whether citizens' expectations
   match what civil servants think they carry: the two groups of ``compare``
   (burger, medewerker) are compared with a two-proportion z-test (p < 0.05 gives
   "vooral burgers (34 %) tegenover medewerkers (12 %)"); when one of them is
   missing, the groups that mention it most and least; other groups with at least
   ``min_group`` answers are listed after it. Quotes: the answers nearest the theme centres.
6. ``gedrag`` / ``tegengedrag``: the most positive and the most negative
   supporting answers (sentiment polarity above / below +-``polarity_margin``),
   marked in the file as examples from the input to be rewritten in the workshop.
   When the input has no such answer, a visible placeholder asks the workshop to
   write one (the manifest format needs a non-empty list).

Names and descriptions are built from the theme keywords with a fixed template:
they are working titles, not value names; naming the value is the workshop's job.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from stemmen.errors import Errors, ThemeError
from stemmen.stats import two_proportion_p, wilson
from stemmen.themes.model import extract_themes
from stemmen.themes.draft_toml import group_label, join_words, num, one_line, pct, render_toml, tone_word
from stemmen.themes.nonanswers import NonAnswerFilter
from stemmen.themes.over_time import prevalence
from stemmen.themes.vectorizer import clean_keywords

if TYPE_CHECKING:
    from stemmen.manifest import Manifest
    from stemmen.nlp.embed import Embedder
    from stemmen.nlp.sentiment_types import SentimentModel
    from stemmen.themes.model import ThemeResult

PLACEHOLDER_GEDRAG = "Nog te formuleren in de workshop: welk gedrag hoort bij '{naam}'? (geen positief voorbeeld in de input)"
PLACEHOLDER_TEGEN = "Nog te formuleren in de workshop: welk gedrag past niet bij '{naam}'? (geen negatief voorbeeld in de input)"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class GroupShare:
    """How often one group mentions a value: ``n`` of its ``total`` usable answers, 95 % Wilson interval."""

    group: str
    n: int
    total: int
    share: float
    low: float
    high: float
    mean_sentiment: float  # nan when no answer of the group has a sentiment
    n_sentiment: int


@dataclass(frozen=True)
class Quote:
    """A quote for the draft manifest, with its group and tone."""
    text: str  # as given (pseudonymised upstream)
    group: str
    polarity: float  # nan when unknown


@dataclass
class CandidateValue:
    """A value the draft manifest proposes: working title, the themes it grew from, keywords and quotes."""
    id: str
    naam: str
    beschrijving: str
    theme_ids: list[int]
    theme_labels: list[str]
    keywords: list[str]
    quotes: list[Quote]
    gedrag: list[str]
    tegengedrag: list[str]
    n_texts: int
    share: float  # of all usable answers
    groups: list[GroupShare]
    note: str  # Dutch: how strongly each group holds it
    gap_p_value: float = math.nan  # two-proportion z-test, most vs least mentioning group
    kinds: dict[str, int] = field(default_factory=dict)  # supporting texts per source kind

    def group(self, name: str) -> GroupShare:
        """The share of this value in one group; KeyError when the group has none."""
        for g in self.groups:
            if g.group == name:
                return g
        raise KeyError(name)


@dataclass
class ManifestDraft:
    """A draft manifest from step 1's texts: candidate values and what was counted and left out."""
    naam: str
    versie: str
    values: list[CandidateValue]
    n_texts: int
    n_answers: int
    left_out: dict[str, int]  # reason -> number of texts
    group_totals: dict[str, int]  # usable answers per group
    dropped_themes: list[str]  # Dutch one-liners: themes not proposed and why
    lineage: dict[str, Any] = field(default_factory=dict)
    gemeente: str = ""

    def to_toml(self) -> str:
        """The draft as a commented ``manifest.toml`` to edit in the workshops."""
        return render_toml(self)

    def to_manifest(self) -> Manifest:
        """The draft parsed back as a :class:`~stemmen.manifest.Manifest` (validates it)."""
        import tomllib

        from stemmen.manifest import parse_manifest

        return parse_manifest(tomllib.loads(self.to_toml()), source="<conceptmanifest>")


def draft_manifest(
    texts: Sequence[str],
    groups: Sequence[str],
    *,
    embeddings: np.ndarray | None = None,
    embedder: Embedder | None = None,
    sentiments: Sequence[float | None] | None = None,
    kinds: Sequence[str | None] | None = None,
    seed: int = 42,
    max_values: int = 7,
    naam: str | None = None,
    versie: str | None = None,
    gemeente: str = "",
    sentiment_model: SentimentModel | None = None,
    min_answers: int = 20,
    min_share: float = 0.05,
    min_texts: int = 5,
    min_group: int = 10,
    min_turn_words: int = 8,
    merge_similarity: float = 0.5,
    polarity_margin: float = 0.25,
    n_quotes: int = 5,
    n_behaviour: int = 3,
    exclude_groups: Sequence[str] = ("overig",),
    compare: tuple[str, str] = ("burger", "medewerker"),
    **theme_params: Any,
) -> ManifestDraft:
    """Candidate core values from step-1 texts (see the module docstring for the method).

    ``texts``, ``groups`` (burger, medewerker, ...), and the optional ``embeddings``
    (one row per text), ``sentiments`` (polarity in [-1, 1] or None per text) and
    ``kinds`` (source kind per text: "enquete", "brainstorm") are parallel.
    Without ``sentiments`` the default sentiment model (or ``sentiment_model``) scores
    the usable answers. ``theme_params`` go to :func:`extract_themes`.
    """
    _check_params(max_values, min_share, merge_similarity)
    n = len(texts)
    for what, seq in (("groepen", groups), ("embeddings", embeddings), ("sentimenten", sentiments), ("soorten", kinds)):
        if seq is not None and len(seq) != n:
            raise ThemeError(Errors.E806.format(n_values=len(seq), what=what, n_texts=n))
    texts = [t if isinstance(t, str) else "" for t in texts]
    groups = [str(g or "onbekend") for g in groups]

    keep, n_real, left_out = _usable(texts, groups, kinds, min_turn_words, set(exclude_groups))
    if n_real < min_answers:
        n_non = len(keep) - n_real
        dropped = ", ".join([f"{v} {k}" for k, v in left_out.items()] + ([f"{n_non} non-antwoorden"] if n_non else []))
        raise ThemeError(Errors.E830.format(n=n_real, total=n, dropped=dropped or "niets weggelaten", minimum=min_answers))

    k_texts = [texts[i] for i in keep]
    k_groups = [groups[i] for i in keep]
    k_emb = None if embeddings is None else np.asarray(embeddings, dtype=np.float32)[keep]
    result = extract_themes(k_texts, seed=seed, embeddings=k_emb, embedder=embedder,
                            min_documents=min_answers, **theme_params)
    polarity, sentiment_key = _polarities(k_texts, keep, sentiments, sentiment_model)

    clusters = _merge(result, merge_similarity)
    counts = _counts(result, k_groups)
    totals = Counter(g for g, kind in zip(k_groups, result.non_answer_kinds) if kind is None)
    n_answers = sum(totals.values())
    left_out.update({f"non-antwoord ({k})": v for k, v in result.non_answers.items()})

    sizes = [sum(counts[t].total() for t in c) for c in clusters]
    order = sorted(range(len(clusters)), key=lambda c: (-sizes[c], min(clusters[c])))
    chosen, dropped = [], []
    for c in order:
        label = " + ".join(f"'{result.theme(t).label}'" for t in clusters[c])
        share = sizes[c] / n_answers if n_answers else 0.0
        if share < min_share:
            dropped.append(f"{label}: {sizes[c]} teksten ({pct(share)}), onder de drempel van {pct(min_share)}")
        elif sizes[c] < min_texts:
            dropped.append(f"{label}: {sizes[c]} teksten, minder dan {min_texts}")
        elif len(chosen) >= max_values:
            dropped.append(f"{label}: {sizes[c]} teksten ({pct(share)}), buiten de eerste {max_values}")
        else:
            chosen.append(c)
    if not chosen:
        raise ThemeError(Errors.E831.format(min_share=pct(min_share)))

    k_kinds = [kinds[i] if kinds is not None else None for i in keep]
    values, seen_ids = [], set()
    for c in chosen:
        values.append(_candidate(result, clusters[c], counts, totals, k_texts, k_groups, k_kinds, polarity,
                                 n_answers, seen_ids, min_group, polarity_margin, n_quotes, n_behaviour, compare))
    today = dt.date.today()
    lineage = {**result.lineage, "sentiment_model": sentiment_key, "seed": seed,
               "params": {"max_values": max_values, "min_answers": min_answers, "min_share": min_share,
                          "min_texts": min_texts, "min_group": min_group, "min_turn_words": min_turn_words,
                          "merge_similarity": merge_similarity, "polarity_margin": polarity_margin}}
    lineage.pop("versions", None)
    return ManifestDraft(
        naam=naam or ("Conceptmanifest cultuurvernieuwing" + (f" gemeente {gemeente}" if gemeente else "")),
        versie=versie or f"concept-{today:%Y-%m}",
        values=values, n_texts=n, n_answers=n_answers, left_out=dict(sorted(left_out.items())),
        group_totals=dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))),
        dropped_themes=dropped, lineage=lineage, gemeente=gemeente,
    )


# --- steps ------------------------------------------------------------------------------


def _check_params(max_values: int, min_share: float, merge_similarity: float) -> None:
    if not isinstance(max_values, int) or max_values < 1:
        raise ThemeError(Errors.E832.format(name="max_values", value=max_values, problem="moet een geheel getal >= 1 zijn"))
    if not 0.0 <= min_share < 1.0:
        raise ThemeError(Errors.E832.format(name="min_share", value=min_share, problem="moet tussen 0 en 1 liggen"))
    if not -1.0 <= merge_similarity <= 1.0:
        raise ThemeError(Errors.E832.format(name="merge_similarity", value=merge_similarity,
                                            problem="moet tussen -1 en 1 liggen"))


def _usable(texts: list[str], groups: list[str], kinds: Sequence[str | None] | None, min_turn_words: int,
            exclude_groups: set[str]) -> tuple[list[int], int, Counter]:
    """(indices of texts for the theme model, number of real answers among them, reasons for the rest).

    Short brainstorm turns are left out here; non-answers go to the theme model, which
    sets them aside itself and counts them per kind.
    """
    filt = NonAnswerFilter()
    keep, left, n_real = [], Counter(), 0
    for i, text in enumerate(texts):
        if groups[i] in exclude_groups:
            left[f"tekst van {group_label(groups[i])} (gespreksleiding)"] += 1
            continue
        if kinds is not None and kinds[i] == "brainstorm" and len(_WORD.findall(text)) < min_turn_words:
            left["korte brainstormbeurt"] += 1
            continue
        keep.append(i)
        n_real += filt.kind(text) is None
    return keep, n_real, left


def _polarities(texts: list[str], keep: list[int], sentiments, model) -> tuple[np.ndarray, str]:
    if sentiments is not None:
        vals = [sentiments[i] for i in keep]
        return np.array([math.nan if v is None else float(v) for v in vals], dtype=float), "meegegeven"
    if model is None:
        from stemmen.nlp.sentiment import get_sentiment

        model = get_sentiment("hybrid")
    filt = NonAnswerFilter()
    idx = [i for i, t in enumerate(texts) if filt.kind(t) is None]
    out = np.full(len(texts), math.nan)
    for i, r in zip(idx, model.predict([texts[i] for i in idx])):
        out[i] = r.polarity
    return out, model.model_key


def _merge(result: ThemeResult, threshold: float) -> list[list[int]]:
    """Groups of theme ids whose centroids are similar (average linkage on centred cosine)."""
    ids = [t.id for t in result.themes]
    cents = result.model.centroids_ if result.model is not None else None
    if len(ids) < 2 or cents is None or len(cents) != len(ids):
        return [[t] for t in ids]
    from scipy.cluster.hierarchy import fcluster, linkage

    z = linkage(np.asarray(cents, dtype=float), method="average", metric="cosine")
    labels = fcluster(z, t=1.0 - threshold, criterion="distance")
    by_label: dict[int, list[int]] = {}
    for t, lab in zip(ids, labels.tolist()):
        by_label.setdefault(lab, []).append(t)
    return sorted((sorted(c) for c in by_label.values()), key=lambda c: c[0])


def _counts(result: ThemeResult, groups: list[str]) -> dict[int, Counter]:
    """{theme id: Counter(group -> number of answers)} from over_time.prevalence."""
    out: dict[int, Counter] = {t.id: Counter() for t in result.themes}
    for p in prevalence(result, groups):
        out[p.theme_id][p.key] = p.n
    return out


def _candidate(result, cluster, counts, totals, texts, groups, kinds, polarity, n_answers, seen_ids,
               min_group, margin, n_quotes, n_behaviour, compare) -> CandidateValue:
    themes = sorted((result.theme(t) for t in cluster), key=lambda t: (-t.size, t.id))
    members = [i for i, a in enumerate(result.assignments) if a in set(cluster)]
    keywords = clean_keywords(_interleave([t.keywords for t in themes]), 10)
    shares = []
    for g, total in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])):
        k = sum(counts[t][g] for t in cluster)
        low, high = wilson(k, total)
        pol = [polarity[i] for i in members if groups[i] == g and not math.isnan(polarity[i])]
        shares.append(GroupShare(g, k, total, k / total, low, high,
                                 float(np.mean(pol)) if pol else math.nan, len(pol)))
    gap = _gap(shares, min_group, compare)
    note = _note(gap, shares, min_group)
    naam = _name(keywords)
    quotes = _quotes(themes, texts, groups, polarity, n_quotes)
    vid = _unique_slug(naam, seen_ids)
    gedrag, tegengedrag = _behaviour(members, texts, polarity, margin, n_behaviour, naam)
    return CandidateValue(
        id=vid, naam=naam, beschrijving=_description(keywords, gap, shares, quotes, min_group),
        theme_ids=[t.id for t in themes], theme_labels=[t.label for t in themes], keywords=keywords,
        quotes=quotes, gedrag=gedrag, tegengedrag=tegengedrag, n_texts=len(members),
        share=len(members) / n_answers if n_answers else 0.0, groups=shares, note=note, gap_p_value=gap[2] if gap else math.nan,
        kinds=dict(sorted(Counter(kinds[i] for i in members if kinds[i]).items())),
    )


def _interleave(lists: list[list[str]]) -> list[str]:
    out = []
    for row in range(max((len(x) for x in lists), default=0)):
        out += [x[row] for x in lists if row < len(x)]
    return out


def _quotes(themes, texts, groups, polarity, n) -> list[Quote]:
    """Up to ``n`` distinct examples, taken in turn from each theme (largest first)."""
    index = {}
    for i, t in enumerate(texts):
        index.setdefault(t, i)
    chosen: list[Quote] = []
    for text in _interleave([t.examples for t in themes]):
        if len(chosen) == n:
            break
        if text in index and all(q.text != text for q in chosen):
            i = index[text]
            chosen.append(Quote(text, groups[i], float(polarity[i])))
    return chosen


def _behaviour(members, texts, polarity, margin, n, naam) -> tuple[list[str], list[str]]:
    """Most positive and most negative supporting answers; short ones first when available."""
    scored = [(float(polarity[i]), i) for i in members if not math.isnan(polarity[i])]

    def pick(sign: int) -> list[str]:
        cands = sorted((sign * p, i) for p, i in scored if sign * p > margin)
        cands.sort(key=lambda c: (len(texts[c[1]]) > 200, -c[0], c[1]))
        out: list[str] = []
        for _, i in cands:
            t = one_line(texts[i])
            if t not in out:
                out.append(t)
            if len(out) == n:
                break
        return out

    pos, neg = pick(1), pick(-1)
    return pos or [PLACEHOLDER_GEDRAG.format(naam=naam)], neg or [PLACEHOLDER_TEGEN.format(naam=naam)]


def _gap(shares: list[GroupShare], min_group: int, compare: tuple[str, str]):
    """(first, second, p-value): the ``compare`` pair when both have ``min_group`` answers,
    else the groups mentioning it most and least; None with fewer than two such groups."""
    big = {s.group: s for s in shares if s.total >= min_group}
    if all(g in big for g in compare):
        pair = sorted((big[g] for g in compare), key=lambda s: -s.share)
    elif len(big) >= 2:
        ranked = sorted(big.values(), key=lambda s: (-s.share, s.group))
        pair = [ranked[0], ranked[-1]]
    else:
        return None
    hi, lo = pair
    return hi, lo, two_proportion_p(hi.n, hi.total, lo.n, lo.total)


def _note(gap, shares: list[GroupShare], min_group: int) -> str:
    """Dutch: 'vooral burgers (34 %) tegenover medewerkers (12 %); verder: ...; toon: ...'."""
    big = [s for s in shares if s.total >= min_group]
    if gap is None:
        if big:
            return f"alleen {group_label(big[0].group)} met genoeg antwoorden ({pct(big[0].share)})"
        return "te weinig antwoorden per groep om groepen te vergelijken"
    hi, lo, p = gap
    if p < 0.05:
        text = f"vooral {group_label(hi.group)} ({pct(hi.share)}) tegenover {group_label(lo.group)} ({pct(lo.share)})"
    elif hi.share - lo.share >= 0.10:
        text = (f"{group_label(hi.group)} ({pct(hi.share)}) vaker dan {group_label(lo.group)} ({pct(lo.share)}), "
                f"maar bij deze aantallen is het verschil niet zeker (p = {p:.2f})".replace("0.", "0,"))
    else:
        text = f"{group_label(hi.group)} ({pct(hi.share)}) en {group_label(lo.group)} ({pct(lo.share)}) ongeveer even vaak"
    rest = sorted((s for s in big if s.group not in (hi.group, lo.group)), key=lambda s: (-s.share, s.group))
    if rest:
        text += "; verder " + ", ".join(f"{group_label(s.group)} {pct(s.share)}" for s in rest)
    tone = [f"{group_label(s.group)} {tone_word(s.mean_sentiment)} ({num(s.mean_sentiment)})"
            for s in (hi, lo) if s.n_sentiment >= 3]
    if tone:
        text += "; toon: " + ", ".join(tone)
    return text


def _description(keywords: list[str], gap, shares: list[GroupShare], quotes: list[Quote], min_group: int) -> str:
    subject = join_words(keywords[:4]) if keywords else "dit thema"
    if gap is not None and gap[2] < 0.05:
        hi, lo, _ = gap
        who = f"Vooral {group_label(hi.group)} ({pct(hi.share)}, tegenover {group_label(lo.group)} {pct(lo.share)})"
    elif gap is not None:
        who = f"{group_label(gap[0].group)} ({pct(gap[0].share)}) en {group_label(gap[1].group)} ({pct(gap[1].share)})".capitalize()
    else:
        mentioned = [s for s in shares if s.n > 0 and s.total >= min_group] or [s for s in shares if s.n > 0]
        who = (join_words([group_label(s.group) for s in mentioned[:3]]) or "deelnemers").capitalize()
    sentence = f"{who} noemen hier: {subject}."
    typical = _typical(quotes)
    if typical:
        sentence += f" Typerend: “{typical}”"
    return sentence


def _typical(quotes: list[Quote], limit: int = 160) -> str:
    """The first quote that fits in ``limit`` characters, or the first sentence of one that does."""
    for q in quotes:
        t = one_line(q.text)
        if len(t) <= limit:
            return t
        first = re.split(r"(?<=[.!?])\s", t)[0]
        if len(first) <= limit:
            return first + " …"
    return ""


def _name(keywords: list[str]) -> str:
    """Working title from the first two keywords that are not variants of each other."""
    picked: list[str] = []
    for w in keywords:
        if any(_related(w, p) for p in picked):
            continue
        picked.append(w)
        if len(picked) == 2:
            break
    return (" en ".join(picked) or "Thema").capitalize()


def _related(a: str, b: str) -> bool:
    """'open' ~ 'openheid', 'betrouwbaar' ~ 'betrouwbaarheid': a shared prefix of 5+ letters."""
    a, b = a.split()[0], b.split()[0]
    n = min(len(a), len(b), 5)
    return a[:n] == b[:n] and n >= 4


def _unique_slug(naam: str, seen: set[str]) -> str:
    ascii_ = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:40].strip("-") or "waarde"
    if not slug[0].isalpha():
        slug = "w-" + slug
    out, k = slug, 2
    while out in seen:
        out, k = f"{slug}-{k}", k + 1
    seen.add(out)
    return out
