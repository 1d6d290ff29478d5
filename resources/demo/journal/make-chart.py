"""Draws attachments/reading-minutes.png (a small bar chart) with the standard library only.

    python3 resources/demo/journal/make-chart.py
"""
import os
import struct
import zlib

W, H = 560, 220
BG = (251, 250, 248)
GRID = (226, 222, 214)
BAR = (59, 91, 219)
BAR_RECENT = (43, 138, 62)
MINUTES = [10, 0, 25, 30, 0, 15, 40, 35, 20, 45, 0, 50, 38, 55]  # two weeks, oldest first

px = [[BG for _ in range(W)] for _ in range(H)]
base, top, left, right = H - 24, 16, 24, W - 16
for y in range(top, base + 1, (base - top) // 4):
    for x in range(left, right):
        px[y][x] = GRID
slot = (right - left) / len(MINUTES)
peak = max(MINUTES)
for i, m in enumerate(MINUTES):
    h = round((base - top) * m / peak)
    x0 = round(left + i * slot + slot * 0.18)
    x1 = round(left + (i + 1) * slot - slot * 0.18)
    color = BAR_RECENT if i >= len(MINUTES) - 7 else BAR
    for y in range(base - h, base):
        for x in range(x0, x1):
            px[y][x] = color

raw = b''.join(b'\x00' + bytes(c for p in row for c in p) for row in px)


def chunk(tag, data):
    return struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data) & 0xFFFFFFFF)


png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', W, H, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'vault', 'attachments', 'reading-minutes.png')
with open(out, 'wb') as f:
    f.write(png)
print(out, len(png), 'bytes')
