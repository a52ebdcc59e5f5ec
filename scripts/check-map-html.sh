#!/usr/bin/env bash
# Checks that `evidence map --html` on a fresh default store renders in headless Chromium with the matrix visible:
# the screenshot is not blank (many distinct colours, not one uniform fill) and the DOM holds the matrix table with
# a row for each of the 24 concepts (21 or more rows).
#
# Usage: scripts/check-map-html.sh [path/to/evidence]   (default: .build/debug/evidence, built if missing)
# Leaves the page and screenshot in $KEEP_DIR when set (e.g. KEEP_DIR=/tmp/map-check).
set -euo pipefail
cd "$(dirname "$0")/.."

evidence="${1:-.build/debug/evidence}"
if [[ ! -x "$evidence" ]]; then
    swift build --product evidence
fi
evidence="$(cd "$(dirname "$evidence")" && pwd)/$(basename "$evidence")"

chromium=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then chromium="$candidate"; break; fi
done
if [[ -z "$chromium" ]]; then
    echo "check-map-html: installing chromium" >&2
    apt-get install -y chromium >/dev/null
    chromium=chromium
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data"
unset EVIDENCE_STORE

"$evidence" map --html "$work/map.html" >/dev/null
[[ -s "$work/map.html" ]] || { echo "FAIL: evidence map --html wrote nothing" >&2; exit 1; }
if grep -Eq '<(link|script)[^>]+(href|src)="https?:' "$work/map.html"; then
    echo "FAIL: the page loads network assets" >&2; exit 1
fi

flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,1000)
timeout 120 "$chromium" "${flags[@]}" --screenshot="$work/map.png" "file://$work/map.html" >/dev/null 2>&1
timeout 120 "$chromium" "${flags[@]}" --dump-dom "file://$work/map.html" 2>/dev/null >"$work/dom.html"

python3 - "$work/map.png" "$work/dom.html" <<'PY'
import re, struct, sys, zlib

png_path, dom_path = sys.argv[1], sys.argv[2]

def pixels(path):
    """Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) into rows of bytes."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, "unexpected PNG format"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        filter_type = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if filter_type == 1: line[i] = (line[i] + a) & 255
            elif filter_type == 2: line[i] = (line[i] + b) & 255
            elif filter_type == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif filter_type == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows

width, height, channels, rows = pixels(png_path)
colours, teal, dark = set(), 0, 0
for row in rows[::2]:
    for x in range(0, width * channels, channels * 2):
        r, g, b = row[x], row[x + 1], row[x + 2]
        colours.add((r >> 3, g >> 3, b >> 3))
        if b > r + 40 and g > r + 40: teal += 1   # the matrix's colour scale (teal)
        if r + g + b < 200: dark += 1               # text
failures = []
if len(colours) < 8: failures.append(f"screenshot looks blank ({len(colours)} colours)")
if teal < 500: failures.append(f"no coloured matrix cells visible ({teal} teal pixels sampled)")
if dark < 500: failures.append(f"no text visible ({dark} dark pixels sampled)")

dom = open(dom_path, encoding="utf-8").read()
table = re.search(r'<table class="matrix".*?</table>', dom, re.S)
if not table:
    failures.append("the DOM has no matrix table")
else:
    concept_rows = re.findall(r'<th scope="row"', table.group(0))
    if len(concept_rows) < 21: failures.append(f"the matrix has {len(concept_rows)} concept rows, expected 21 or more")
if failures:
    print("FAIL: " + "; ".join(failures)); sys.exit(1)
print(f"OK: {width}x{height} screenshot, {len(colours)} colours, {teal} teal and {dark} text pixels sampled; "
      f"matrix with {len(concept_rows)} concept rows")
PY
if [[ -n "${KEEP_DIR:-}" ]]; then
    mkdir -p "$KEEP_DIR" && cp "$work/map.html" "$work/map.png" "$work/dom.html" "$KEEP_DIR/"
fi
