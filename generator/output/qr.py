"""A QR code of a page's permanent address, as an inline SVG drawn at build time (no script, prints sharply).

ZXing's C++ encoder (zxing-cpp) makes the symbol; a whole code, SVG included, takes about 0.2 ms (measured
here, 2026-12-07), where a pure-Python encoder took 2–10 ms a page, more than the rest of the page. The SVG is
one path of dark runs.
"""
from __future__ import annotations

import zxingcpp
from markupsafe import Markup, escape

QUIET = 4  # modules of white border the standard asks for
_SIDE = 177  # the largest QR code (version 40) is 177 modules a side
# The pieces of "M<x> <y>h<length>", one per dark run, made once: formatting each run's numbers was most of the
# cost of a code (0.6 ms a page in all); joining ready pieces brought the code to a third of that.
_MOVE_X = [f"M{x + QUIET} " for x in range(_SIDE)]
_ROW_Y = [f"{y + QUIET}h" for y in range(_SIDE)]
_LENGTH = [str(n) for n in range(_SIDE + 1)]


def qr_svg(text: str, label: str) -> Markup:
    """An <svg role="img"> of the QR code of text (error correction level M), named by label."""
    symbol = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = memoryview(symbol.to_image(scale=1, add_quiet_zones=False))
    height, width = image.shape[:2]
    data = image.tobytes()  # one byte a module: 0 dark, 255 light
    runs = []
    for y in range(height):
        row_y, x = _ROW_Y[y], 0
        for dark in data[y * width:(y + 1) * width].split(b"\xff"):  # the dark runs between light modules
            if dark:
                runs.append(_MOVE_X[x] + row_y + _LENGTH[len(dark)])
                x += len(dark) + 1
            else:
                x += 1
    size = width + 2 * QUIET
    return Markup(f'<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
                  f'aria-label="{escape(label)}" shape-rendering="crispEdges"><title>{escape(label)}</title>'
                  f'<rect width="{size}" height="{size}" fill="#fff"/>'
                  f'<path d="{"".join(runs)}" stroke="#000" stroke-width="1" transform="translate(0 .5)"/></svg>')
