"""Theme names a consultant would write: short Dutch phrases from the theme's own segments.

Keyword triples ("mensen · afwijzing · artikel") must be decoded before they can be
used. A name here is a noun phrase of at most five words that occurs in the theme's
segments ("Wachttijd bij vergunningen", "Geen reactie op melding"):

1. Candidates: noun-phrase chunks of every member segment (:mod:`stemmen.nlp.chunker`),
   leading articles and possessives dropped ("geen" kept: it carries meaning), the head
   noun alone, and a noun phrase with the prepositional phrase after it. Pseudonymisation
   placeholders never enter a candidate. A candidate must occur in at least two segments
   of the theme (one in a theme of fewer than four, or when no phrase recurs).
2. Specificity: class-based TF-IDF (as BERTopic's c-TF-IDF) over segments, of the phrase
   itself and of its content words, each scaled to the best candidate of the theme.
3. Centrality: cosine between the phrase's embedding and the theme centroid (both
   centred on the corpus mean); without an embedder, the mean closeness of the
   segments that contain the phrase.
4. Score = 0.4 specificity + 0.4 centrality (each min-max scaled within the theme)
   + 0.2 for a phrase of two or three content words; Maximal Marginal Relevance orders
   the candidates (name first, then up to three diverse alternatives). A longer phrase
   around the best single word that scores nearly as well goes first ("Telefonische
   wachttijd" before "Wachttijd"); two single words of similar score become "X en Y".
5. Unique within a run: themes are named largest first; a theme whose candidates are
   all taken gets its best one with a distinguishing keyword. A theme without any
   candidate keeps the keyword label.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from stemmen.nlp.chunker import Token, chunk_texts
from stemmen.themes.vectorizer import EXTRA_STOP_WORDS, make_label

MAX_WORDS = 5
_DROP_TAGS = ("DT", "PRP$", "PRP", "CD", "WDT", "WP")
_KEEP_WORDS = frozenset({"geen"})  # "geen reactie" is not "reactie"


@dataclass(frozen=True)
class Candidate:
    """A phrase that could name a theme: its lemmas, its surface form and its content words."""
    key: tuple[str, ...]  # lemmas, lower case: what counts as "the same phrase"
    text: str  # surface form as written (lower case except proper nouns)
    content: tuple[str, ...]  # content lemmas (for word-level specificity)


@dataclass
class ThemeName:
    """A theme's name, alternatives, and whether it came from a phrase or from keywords."""
    name: str
    alternatives: list[str] = field(default_factory=list)
    source: str = "zinsdeel"  # "zinsdeel" (phrase) or "trefwoorden" (keyword fallback)


def phrase_candidates(sentences: list[list[Token]]) -> list[Candidate]:
    """Candidate phrases of one segment (already chunked), at most ``MAX_WORDS`` words each."""
    out: list[Candidate] = []
    for tokens in sentences:
        chunks = _chunks(tokens)
        for j, (kind, toks) in enumerate(chunks):
            if kind != "NP":
                continue
            core = _core(toks)
            if not core:
                continue
            out.append(_candidate(core))
            if len(core) > 1 and core[-1].lemma not in _KEEP_WORDS:
                out.append(_candidate(core[-1:]))
            if j + 2 < len(chunks) and chunks[j + 1][0] == "PP" and chunks[j + 2][0] == "NP":
                tail = _core(chunks[j + 2][1])
                prep = [t for t in chunks[j + 1][1] if t.tag == "IN"][:1]
                if tail and prep and len(core) + 1 + len(tail) <= MAX_WORDS:
                    out.append(_candidate(core + prep + tail))
    return [c for c in out if c.content and len(c.key) <= MAX_WORDS]


def name_themes(
    texts: Sequence[str],
    assigned: np.ndarray,
    z: np.ndarray,
    centroids: np.ndarray,
    keywords: Sequence[Sequence[str]],
    embed: Callable[[list[str]], np.ndarray] | None = None,
    *,
    max_candidates: int = 30,
    n_alternatives: int = 3,
    mmr_lambda: float = 0.7,
) -> list[ThemeName]:
    """One name per theme ``0..len(centroids)-1``; see the module docstring.

    ``z``: centred unit embeddings of ``texts``; ``assigned``: theme per text (-1 = none);
    ``embed``: phrases -> centred unit vectors in the same space (None = segment proxy).
    """
    n_themes = len(centroids)
    per_text = [{c.key: c for c in phrase_candidates(s)} for s in chunk_texts(texts)]
    members = [np.flatnonzero(assigned == t) for t in range(n_themes)]
    df = [Counter(k for i in m for k in per_text[i]) for m in members]
    wdf = [Counter(w for i in m for w in {w for c in per_text[i].values() for w in c.content}) for m in members]
    phrase_w = _ctfidf(df, [len(m) for m in members])
    word_w = _ctfidf(wdf, [len(m) for m in members])

    shortlists: list[list[tuple[Candidate, float]]] = []
    for t in range(n_themes):
        surface = _surface_forms(per_text, members[t])
        min_df = 2 if len(members[t]) >= 4 else 1
        keys = [k for k, n in df[t].items() if n >= min_df]
        if not keys:  # a small theme of varied wording: a phrase of one segment still reads better than keywords
            keys = list(df[t])
        if not keys:
            shortlists.append([])
            continue
        pw = np.array([phrase_w[t][k] for k in keys])
        ww = np.array([np.mean([word_w[t][w] for w in surface[k].content]) for k in keys])
        spec = 0.5 * pw / (pw.max() or 1.0) + 0.5 * ww / (ww.max() or 1.0)
        top = sorted(range(len(keys)), key=lambda i: (-spec[i], len(keys[i]), keys[i]))[:max_candidates]
        shortlists.append([(surface[keys[i]], float(spec[i])) for i in top])

    vectors = _phrase_vectors(shortlists, embed)
    names: list[ThemeName] = []
    used: set[str] = set()
    for t in range(n_themes):
        if not shortlists[t]:
            names.append(ThemeName(_unique(_fallback(texts, members[t], keywords[t]), used, keywords[t]), [],
                                   "trefwoorden"))
            continue
        cands = [c for c, _ in shortlists[t]]
        spec = np.array([s for _, s in shortlists[t]])
        if vectors is not None:
            vecs = vectors[t]
            cent = vecs @ centroids[t]
        else:
            vecs = None
            cent = np.array([_segment_closeness(c.key, per_text, members[t], z, centroids[t]) for c in cands])
        # a phrase of two or three content words says more than one word with the same support
        info = np.array([(min(len(c.content), 3) - 1) / 2 for c in cands])
        score = 0.4 * _minmax(spec) + 0.4 * _minmax(cent) + 0.2 * info
        order = _specialise(_mmr(score, vecs, cands, len(cands), mmr_lambda), cands, score)
        picked = [_title(cands[i].text) for i in order]
        pair = _pair(cands, order, score)
        if pair:
            picked.insert(0, pair)
        free = [p for p in picked if p.lower() not in used]
        name = free[0] if free else _unique(picked[0], used, keywords[t])
        used.add(name.lower())
        names.append(ThemeName(name, [p for p in picked if p != name][:n_alternatives]))
    return names


# --- candidates ----------------------------------------------------------------------


def _chunks(tokens: list[Token]) -> list[tuple[str, list[Token]]]:
    """Consecutive chunks as (type, tokens); tokens outside a chunk are type "O"."""
    out: list[tuple[str, list[Token]]] = []
    for tok in tokens:
        kind = tok.chunk[2:] if tok.chunk[:2] in ("B-", "I-") else "O"
        if tok.chunk.startswith("I-") and out and out[-1][0] == kind:
            out[-1][1].append(tok)
        else:
            out.append((kind, [tok]))
    return out


def _core(tokens: list[Token]) -> list[Token]:
    """The noun phrase without leading articles, pronouns and numbers; [] when it has no noun head."""
    toks = list(tokens)
    while toks and toks[0].tag in _DROP_TAGS and toks[0].lemma not in _KEEP_WORDS:
        toks = toks[1:]
    if not toks or not toks[-1].is_noun or not all(_wordlike(t.word) for t in toks):
        return []
    if any(t.tag in _DROP_TAGS and t.lemma not in _KEEP_WORDS for t in toks[1:]):
        return []
    return toks if len(toks) <= MAX_WORDS else []


def _wordlike(word: str) -> bool:
    return len(word) >= 2 and all(ch.isalpha() or ch in "-'’" for ch in word) and any(ch.isalpha() for ch in word)


def _candidate(tokens: list[Token]) -> Candidate:
    from spacy.lang.nl.stop_words import STOP_WORDS

    words = [t.word if _proper(t) else t.word.lower() for t in tokens]
    content = tuple(t.lemma for t in tokens if t.tag != "IN" and t.lemma not in STOP_WORDS
                    and t.lemma not in EXTRA_STOP_WORDS and len(t.lemma) >= 3)
    if tokens[-1].lemma in STOP_WORDS or tokens[-1].lemma in EXTRA_STOP_WORDS:
        content = ()  # "geen mensen" is not a theme: the head must carry meaning
    return Candidate(tuple(t.lemma for t in tokens), " ".join(words), content)


def _proper(tok: Token) -> bool:
    """Keep capitals of proper nouns and acronyms ("Wmo", "KCC"), not of a sentence start."""
    w = tok.word
    return tok.tag == "NNP" and any(ch.isupper() for ch in w[1:]) or (tok.tag == "NNP" and w.isupper())


def _surface_forms(per_text: list[dict], members: np.ndarray) -> dict[tuple[str, ...], Candidate]:
    """Per key the most frequent way it is written in the theme (ties: alphabetical)."""
    forms: dict[tuple[str, ...], Counter] = {}
    first: dict[tuple[str, ...], Candidate] = {}
    for i in members:
        for k, c in per_text[i].items():
            forms.setdefault(k, Counter())[c.text] += 1
            first.setdefault(k, c)
    out = {}
    for k, cnt in forms.items():
        text = sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        out[k] = Candidate(k, text, first[k].content)
    return out


# --- scoring -------------------------------------------------------------------------


def _ctfidf(counts: list[Counter], sizes: list[int]) -> list[dict]:
    """tf (share of the theme's segments) x log(1 + A / f), A = mean theme size, f = segments overall."""
    total = Counter()
    for c in counts:
        total.update(c)
    a = float(np.mean(sizes)) if sizes else 1.0
    return [{k: (n / max(1, size)) * math.log(1 + a / total[k]) for k, n in c.items()} for c, size in zip(counts, sizes)]


def _phrase_vectors(shortlists, embed) -> list[np.ndarray] | None:
    if embed is None:
        return None
    flat = [c.text for sl in shortlists for c, _ in sl]
    if not flat:
        return [np.zeros((0, 0)) for _ in shortlists]
    unique = sorted(set(flat))
    vecs = dict(zip(unique, np.asarray(embed(unique), dtype=np.float32)))
    return [np.stack([vecs[c.text] for c, _ in sl]) if sl else np.zeros((0, 0)) for sl in shortlists]


def _segment_closeness(key, per_text, members, z, centroid) -> float:
    rows = [i for i in members if key in per_text[i]]
    return float(np.mean(z[rows] @ centroid)) if rows else 0.0


def _minmax(x: np.ndarray) -> np.ndarray:
    lo, hi = float(np.min(x)), float(np.max(x))
    return (x - lo) / (hi - lo) if hi > lo else np.ones_like(x)


def _mmr(score: np.ndarray, vecs: np.ndarray | None, cands: list[Candidate], k: int, lam: float) -> list[int]:
    """Maximal Marginal Relevance: relevance minus the closest already picked (cosine, or word overlap)."""
    if vecs is not None:
        sim = vecs @ vecs.T
    else:
        sets = [set(c.key) for c in cands]
        sim = np.array([[len(a & b) / len(a | b) for b in sets] for a in sets])
    picked = [int(np.argmax(score))]
    while len(picked) < min(k, len(cands)):
        rest = [i for i in range(len(cands)) if i not in picked]
        mmr = [lam * score[i] - (1 - lam) * max(sim[i, j] for j in picked) for i in rest]
        picked.append(rest[int(np.argmax(mmr))])
    return picked


def _specialise(order: list[int], cands: list[Candidate], score: np.ndarray, ratio: float = 0.8) -> list[int]:
    """"Telefonische wachttijd" before "Wachttijd": a longer phrase around the best single
    word goes first when it scores nearly as well."""
    best = order[0]
    if len(cands[best].key) > 1:
        return order
    longer = [i for i in order if len(cands[i].key) > 1 and cands[best].key[0] in cands[i].key
              and score[i] >= ratio * score[best]]
    return [longer[0]] + [i for i in order if i != longer[0]] if longer else order


def _pair(cands: list[Candidate], order: list[int], score: np.ndarray, ratio: float = 0.75) -> str | None:
    """"Respect en betrouwbaarheid": when the best two picks are single words of similar weight,
    one word alone would name half the theme."""
    a = cands[order[0]]
    if len(a.key) > 1:
        return None
    second = [i for i in order[1:] if len(cands[i].key) == 1 and not _related(a.key[0], cands[i].key[0])][:1]
    if not second or score[second[0]] < ratio * score[order[0]]:
        return None
    return _title(f"{a.text} en {cands[second[0]].text}")


def _related(a: str, b: str) -> bool:
    """'betrouwbaar' ~ 'betrouwbaarheid', 'vergunning' ~ 'vergunningen': a shared prefix of 5+ letters."""
    n = min(len(a), len(b), 6)
    return n >= 5 and a[:n] == b[:n]


def _fallback(texts: Sequence[str], members: np.ndarray, keywords: Sequence[str]) -> str:
    """The keyword label; without keywords the theme's most frequent short answer ("Nee", "Ja hoor")."""
    if keywords:
        return make_label(keywords)
    short = Counter(" ".join(texts[i].split()).strip(" .!?").lower() for i in members)
    for text, _ in sorted(short.items(), key=lambda kv: (-kv[1], kv[0])):
        if text and len(text.split()) <= MAX_WORDS and "[" not in text:
            return _title(text)
    return make_label(keywords)


def _title(text: str) -> str:
    return text[:1].upper() + text[1:]


def _unique(name: str, used: set[str], keywords: Sequence[str]) -> str:
    """``name``, or ``name`` with the first keyword it lacks, or a number: never a name already used."""
    if name.lower() not in used:
        used.add(name.lower())
        return name
    low = name.lower()
    for kw in keywords:
        cand = f"{name} ({kw})"
        if kw.lower() not in low and cand.lower() not in used and len(cand.split()) <= MAX_WORDS:
            used.add(cand.lower())
            return cand
    k = 2
    while f"{name} ({k})".lower() in used:
        k += 1
    used.add(f"{name} ({k})".lower())
    return f"{name} ({k})"
