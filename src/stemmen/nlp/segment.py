"""Split documents into segments (the unit of analysis) and extract lemmas.

Short answers stay whole; long texts (transcript turns, case notes) become
sentences. Very short sentences ("Ja.", "Klopt!") carry no meaning alone and
are merged into a neighbour. Offsets point into the original text, so that
``text[seg.start:seg.end] == seg.text`` always holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# Paragraph breaks (blank lines) and list items on their own line are hard
# boundaries: the sentencizer ignores line breaks, and list items rarely end in a period.
_BLOCK_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*|\n(?=[ \t]*(?:[-*•–]|\d{1,2}[.)])[ \t])")
# Components not needed to find sentences / lemmas; disabled for speed.
_NOT_FOR_SENTS = {"ner", "beam_ner", "entity_ruler", "span_ruler", "entity_linker",
                  "lemmatizer", "trainable_lemmatizer", "tagger", "morphologizer",
                  "attribute_ruler", "textcat", "textcat_multilabel", "spancat"}
_NOT_FOR_LEMMAS = {"ner", "beam_ner", "entity_ruler", "span_ruler", "entity_linker",
                   "parser", "beam_parser", "textcat", "textcat_multilabel", "spancat"}


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a document: ``text == document[start:end]``; ``index`` counts from 0."""

    text: str
    start: int
    end: int
    index: int


def segment(text: str, nlp: Language, *, max_chars: int = 300, min_words: int = 3) -> list[Segment]:
    """Segments of one text; see :func:`segment_many`."""
    return segment_many([text], nlp, max_chars=max_chars, min_words=min_words)[0]


def segment_many(
    texts: Sequence[str],
    nlp: Language,
    *,
    max_chars: int = 300,
    min_words: int = 3,
    batch_size: int = 64,
) -> list[list[Segment]]:
    """Segments for each text, in order.

    A text of at most ``max_chars`` characters (after stripping) is one segment
    without running spaCy. Longer texts are split into paragraphs and sentences;
    a sentence with fewer than ``min_words`` words joins the previous segment
    (or the next one when it comes first). Empty texts give no segments.
    """
    result: list[list[Segment] | None] = [None] * len(texts)
    blocks: list[tuple[int, int, int]] = []  # (text number, block start, block end)
    for i, text in enumerate(texts):
        start, end = _strip_span(text, 0, len(text))
        if start == end:
            result[i] = []
        elif end - start <= max_chars:
            result[i] = [Segment(text[start:end], start, end, 0)]
        else:
            blocks.extend((i, s, e) for s, e in _blocks(text, start, end))

    pieces: dict[int, list[tuple[int, int, int]]] = {}  # text number -> (start, end, n_words)
    disable = [n for n in nlp.pipe_names if _factory(nlp, n) in _NOT_FOR_SENTS]
    docs = nlp.pipe((texts[i][s:e] for i, s, e in blocks), batch_size=batch_size, disable=disable)
    for (i, offset, _), doc in zip(blocks, docs):
        for sent in doc.sents:
            s, e = _strip_span(texts[i], offset + sent.start_char, offset + sent.end_char)
            if s < e:
                words = sum(1 for t in sent if not (t.is_punct or t.is_space))
                pieces.setdefault(i, []).append((s, e, words))

    for i, parts in pieces.items():
        merged = _merge_short(parts, min_words)
        result[i] = [Segment(texts[i][s:e], s, e, k) for k, (s, e) in enumerate(merged)]
    return [r if r is not None else [] for r in result]


def lemmas(texts: Iterable[str], nlp: Language, *, batch_size: int = 64) -> list[list[str]]:
    """Lower-case lemmas of the content words of each text (no stop words, punctuation, numbers)."""
    stop_words = nlp.Defaults.stop_words
    disable = [n for n in nlp.pipe_names if _factory(nlp, n) in _NOT_FOR_LEMMAS]
    out: list[list[str]] = []
    for doc in nlp.pipe(texts, batch_size=batch_size, disable=disable):
        words = []
        for tok in doc:
            if tok.is_stop or tok.is_punct or tok.is_space or tok.like_num or not tok.is_alpha:
                continue
            lemma = (tok.lemma_ or tok.text).lower()
            # Inflected forms can lemmatise to a stop word ("werd" -> "worden").
            if lemma not in stop_words:
                words.append(lemma)
        out.append(words)
    return out


def _factory(nlp: Language, name: str) -> str:
    return nlp.get_pipe_meta(name).factory


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so that it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-empty paragraph / list-item spans of text[start:end]."""
    spans, pos = [], start
    for m in _BLOCK_BREAK.finditer(text, start, end):
        spans.append(_strip_span(text, pos, m.start()))
        pos = m.end()
    spans.append(_strip_span(text, pos, end))
    return [(s, e) for s, e in spans if s < e]


def _merge_short(parts: list[tuple[int, int, int]], min_words: int) -> list[tuple[int, int]]:
    """Join pieces with fewer than ``min_words`` words to the previous piece (the next one at the start)."""
    merged: list[list[int]] = []
    lead_start: int | None = None  # start of short pieces before the first long-enough one
    for s, e, words in parts:
        if words >= min_words:
            if lead_start is not None:
                s, lead_start = lead_start, None
            merged.append([s, e])
        elif merged:
            merged[-1][1] = e
        elif lead_start is None:
            lead_start = s
    if lead_start is not None:  # only short pieces: they form one segment
        merged.append([lead_start, parts[-1][1]])
    return [(s, e) for s, e in merged]
