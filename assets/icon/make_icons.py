"""Draws the application icon (a seal-red square with a white balance) as RGBA PNGs.

Run: python3 assets/icon/make_icons.py  (standard library only)
"""
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "src-tauri" / "icons"


def png(size: int) -> bytes:
    red = (176, 32, 36, 255)
    white = (255, 255, 255, 255)
    clear = (0, 0, 0, 0)
    r = size * 0.18  # corner radius
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            fx, fy = (x + 0.5) / size, (y + 0.5) / size
            # rounded square
            cx = min(max(x + 0.5, r), size - r)
            cy = min(max(y + 0.5, r), size - r)
            inside = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r
            c = red if inside else clear
            if inside:
                # balance: post, beam, two pans, base
                if abs(fx - 0.5) < 0.035 and 0.22 < fy < 0.78:
                    c = white
                if abs(fy - 0.30) < 0.03 and 0.18 < fx < 0.82:
                    c = white
                for px in (0.27, 0.73):
                    if 0.30 < fy < 0.56 and abs(fx - px) < 0.015:
                        c = white
                    if abs(fy - 0.58) < 0.035 and abs(fx - px) < 0.13:
                        c = white
                if abs(fy - 0.78) < 0.035 and abs(fx - 0.5) < 0.2:
                    c = white
            row.extend(c)
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size in [("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)]:
        (OUT / name).write_bytes(png(size))
        print("wrote", OUT / name)
