#!/usr/bin/env python3
"""Draws Sinergi's home-screen icons (static/icon-192.png, static/icon-512.png) once, with the
standard library only: a brand-red square with a white block "S", the same shape as static/icon.svg.
Run from the repository root: python3 scripts/icons.py"""
import struct
import zlib

BRAND = (0x7A, 0x1F, 0x1F)
WHITE = (0xFF, 0xFF, 0xFF)
# The "S" on a 16 x 16 grid (x, y, width, height), as in icon.svg; the outer 2 cells are a safe margin.
BARS = [(4, 3, 8, 2), (4, 3, 2, 6), (4, 7, 8, 2), (10, 7, 2, 6), (4, 11, 8, 2)]


def pixel(x, y, size):
    gx, gy = x * 16 / size, y * 16 / size
    for bx, by, bw, bh in BARS:
        if bx <= gx < bx + bw and by <= gy < by + bh:
            return WHITE
    return BRAND


def png(size):
    rows = b"".join(b"\x00" + bytes(c for x in range(size) for c in pixel(x, y, size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    head = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


for s in (192, 512):
    with open(f"static/icon-{s}.png", "wb") as f:
        f.write(png(s))
