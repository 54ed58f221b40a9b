"""Draw the application icon, resources/icons/htx-desktop.ico (and a 256 px PNG beside it).

    python tools/make_icon.py

A report sheet with a bar chart on a rounded square in the Union's blue: it reads at 16 px
(the sheet and two bars) and at 256 px. Each size is drawn on its own at four times its size
and scaled down, so small sizes stay sharp instead of being shrunk from the large one. The
.ico is committed; run this again only to change the drawing.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons" / "htx-desktop.ico"
SIZES = (16, 24, 32, 48, 64, 256)
SCALE = 4

BLUE = (21, 101, 192, 255)
SHEET = (255, 255, 255, 255)
FOLD = (187, 222, 251, 255)
BARS = ((233, 30, 99, 255), (255, 160, 0, 255), (67, 160, 71, 255))


def draw(size: int) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (round(x0 * big), round(y0 * big), round(x1 * big), round(y1 * big))

    pen.rounded_rectangle(box(0.02, 0.02, 0.98, 0.98), radius=round(0.2 * big), fill=BLUE)
    # The sheet, its top-right corner folded.
    left, top, right, bottom, fold = 0.24, 0.14, 0.76, 0.86, 0.16
    pen.polygon(
        [
            (left * big, top * big),
            ((right - fold) * big, top * big),
            (right * big, (top + fold) * big),
            (right * big, bottom * big),
            (left * big, bottom * big),
        ],
        fill=SHEET,
    )
    pen.polygon(
        [
            ((right - fold) * big, top * big),
            ((right - fold) * big, (top + fold) * big),
            (right * big, (top + fold) * big),
        ],
        fill=FOLD,
    )
    # Three bars on a baseline; at 16 px only two would fit, so draw two there.
    heights = (0.22, 0.36, 0.50) if size >= 24 else (0.30, 0.48)
    width = (right - left - 0.12) / (len(heights) * 1.6)
    base = bottom - 0.09
    for i, height in enumerate(heights):
        x0 = left + 0.06 + i * width * 1.6
        pen.rectangle(box(x0, base - height, x0 + width, base), fill=BARS[i % len(BARS)])
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    images = [draw(size) for size in SIZES]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    largest = images[-1]
    largest.save(OUT, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    largest.save(OUT.with_suffix(".png"))
    print(f"wrote {OUT} ({', '.join(str(s) for s in SIZES)} px)")


if __name__ == "__main__":
    main()
