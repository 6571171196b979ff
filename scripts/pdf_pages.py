"""Render the pages of report PDFs to PNG and measure how full each page is.

    .venv/bin/python scripts/pdf_pages.py reports/monitoringsrapport.pdf reports/themarapport.pdf --out pages/

Per page it prints how much of the page height has content (first to last row with
contrast in the middle of the page) and the longest blank stretch inside it, and flags
a page that is not the last with less than ``--min-fill`` (0.35) content, or any page
with a blank stretch over ``--max-gap`` (0.30): a near-empty page, usually a box pushed
to the next page by ``break-inside: avoid``; the exit code is 1 then. Look at the PNGs as well: a clipped label
is only visible there. Needs ``pypdfium2`` (dev extra).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np


def inked_rows(image: np.ndarray, contrast: int = 30) -> np.ndarray:
    """Rows with content: within the middle 80 % of the width, darkest and lightest pixel differ
    by more than ``contrast`` (a box's uniform background and its side borders do not count)."""
    gray = (image if image.ndim == 2 else image[..., :3].min(axis=2)).astype(int)
    w = gray.shape[1]
    mid = gray[:, w // 10: w - w // 10]
    return (mid.max(axis=1) - mid.min(axis=1)) > contrast


def page_fill(image: np.ndarray) -> tuple[float, float]:
    """(height from the first to the last content row, longest blank stretch inside it), as shares of the page."""
    rows = inked_rows(image)
    idx = np.flatnonzero(rows)
    if not len(idx):
        return 0.0, 1.0
    gaps = np.diff(idx) - 1
    return float(idx[-1] - idx[0] + 1) / len(rows), float(gaps.max() if len(gaps) else 0) / len(rows)


def write_png(path: Path, image: np.ndarray) -> None:
    """RGB(A)/BGR(A) array -> PNG (8-bit RGB), without an imaging library."""
    import struct
    import zlib

    rgb = np.ascontiguousarray(image[..., 2::-1] if image.ndim == 3 else np.stack([image] * 3, axis=2), dtype=np.uint8)
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(h))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def render(pdf: Path, out: Path | None, scale: float = 1.0) -> list[tuple[float, float]]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    fills = []
    for i in range(len(doc)):
        bitmap = doc[i].render(scale=scale)
        image = bitmap.to_numpy()
        fills.append(page_fill(image))
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            write_png(out / f"{pdf.stem}-{i + 1:02d}.png", image)
    return fills


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, help="folder for the page images")
    ap.add_argument("--min-fill", type=float, default=0.35)
    ap.add_argument("--max-gap", type=float, default=0.30)
    ap.add_argument("--scale", type=float, default=1.0, help="1.0 = 72 dpi")
    args = ap.parse_args()
    bad = 0
    for pdf in args.pdf:
        fills = render(pdf, args.out, args.scale)
        flags = [i for i, (f, g) in enumerate(fills) if (f < args.min_fill and i < len(fills) - 1) or g > args.max_gap]
        bad += len(flags)
        print(f"{pdf.name}: {len(fills)} pagina's; vulling/grootste witruimte "
              + " ".join(f"{f:.2f}/{g:.2f}" for f, g in fills)
              + (f"; bijna leeg: pagina {', '.join(str(i + 1) for i in flags)}" if flags else "; geen bijna lege pagina's"))
    raise SystemExit(1 if bad else 0)


if __name__ == "__main__":
    main()
