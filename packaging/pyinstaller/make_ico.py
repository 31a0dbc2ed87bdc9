"""Write the Windows icon (.ico) from the app's 256-pixel PNG, with no imaging library.

Since Windows Vista an .ico entry may hold a PNG as it is, so the icon is the PNG behind a 22-byte
header. Run it after changing resources/icons/caseload-reporter.png; a test checks the two agree.

    python packaging/pyinstaller/make_ico.py
"""

from __future__ import annotations

import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PNG = ROOT / "resources" / "icons" / "caseload-reporter.png"
ICO = ROOT / "resources" / "icons" / "caseload-reporter.ico"
_HEADER = struct.Struct("<HHH")  # reserved, type (1 = icon), number of images
_ENTRY = struct.Struct("<BBBBHHII")  # width, height, colours, reserved, planes, bits, size, offset


def png_size(png: bytes) -> tuple[int, int]:
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    return struct.unpack(">II", png[16:24])


def ico_from_png(png: bytes) -> bytes:
    width, height = png_size(png)
    if width > 256 or height > 256:
        raise ValueError("an icon image is at most 256 by 256 pixels")
    offset = _HEADER.size + _ENTRY.size
    # 256 is written as 0 in the one-byte width and height fields.
    entry = _ENTRY.pack(width % 256, height % 256, 0, 0, 1, 32, len(png), offset)
    return _HEADER.pack(0, 1, 1) + entry + png


if __name__ == "__main__":
    ICO.write_bytes(ico_from_png(PNG.read_bytes()))
    print(f"wrote {ICO.relative_to(ROOT)}")
