#!/usr/bin/python3
"""Full resolution against today's stretched result: one photo, one painting, through
neural-style-cli twice, at a capped working size stretched to the photo's size (--size
512, what every run did before the engine worked at full size) and at the photo's own
size (the default). Prints the seconds, the colour noise at 100% and the layout SSIM of
each, and writes DIR/full-resolution.png: both results whole, then the same crops of
both at 100%, side by side.

    full_resolution.py [--cli PATH] [--content PHOTO] [--style PAINTING]
                       [--iterations 300] [--memory GB] [--out DIR]

The default photo is GIMP's splash (1920x1080, Debian's gimp-data); the default
painting The Starry Night from models/paintings.
"""

import argparse
import os
import sys

import numpy as np
from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import quality  # noqa: E402
import quality_metrics as qm  # noqa: E402

CROP = 400  # pixels, at 100%


def crops(t, count=2):
    """`count` CROP x CROP squares along the image's diagonal, at 100%."""
    h, w = t.shape[2:]
    out = []
    for i in range(count):
        y = (h - CROP) * (i + 1) // (count + 1)
        x = (w - CROP) * (i + 1) // (count + 1)
        out.append(t[:, :, y:y + CROP, x:x + CROP])
    return out


def to_pil(t):
    return Image.fromarray((t[0].permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8))


def sheet(rows, labels, path):
    widths = [sum(im.width for im in row) + 8 * (len(row) - 1) for row in rows]
    canvas = Image.new("RGB", (max(widths), sum(r[0].height + 22 for r in rows)), "white")
    draw = ImageDraw.Draw(canvas)
    y = 0
    for row, label in zip(rows, labels):
        draw.text((4, y + 4), label, fill="black")
        x = 0
        for im in row:
            canvas.paste(im, (x, y + 18))
            x += im.width + 8
        y += row[0].height + 22
    canvas.save(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", default=os.path.join(quality.ROOT, "build", "engine", "cli", "neural-style-cli"))
    ap.add_argument("--content", default=quality.SPLASH)
    ap.add_argument("--style", default=quality.painting("starry_night"))
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--memory", help="memory budget in GB for the full-size run")
    ap.add_argument("--out", default="full-resolution-benchmark")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    content = quality.load(args.content)
    style = quality.load(args.style)
    h, w = content.shape[2:]
    print("%s (%dx%d) in the style of %s, %d iterations" % (
        os.path.basename(args.content), w, h, os.path.basename(args.style), args.iterations))
    print("%-10s %8s %10s %8s %6s" % ("run", "seconds", "noise@100%", "layout", "pull"))
    results = {}
    for name, size, extra in (("stretched", 512, []),
                              ("full", 0, ["--memory", args.memory] if args.memory else [])):
        out = os.path.join(args.out, name + ".png")
        seconds, pull = quality.run_variant(args.cli, extra, args.content, args.style, out, size,
                                            args.iterations)
        result = quality.load(out)
        results[name] = result
        print("%-10s %8.1f %10.3f %8.3f %6s" % (name, seconds, qm.colour_noise(result, style),
                                               qm.repainted_and_layout(out, args.content)[1], pull), flush=True)
    whole = [to_pil(quality.fit(t, 640)) for t in (content, results["stretched"], results["full"])]
    pieces = []
    for a, b in zip(crops(results["stretched"]), crops(results["full"])):
        pieces += [to_pil(a), to_pil(b)]
    path = os.path.join(args.out, "full-resolution.png")
    sheet([whole, pieces], ["photo | stretched from 512 px | full size",
                            "crops at 100%: stretched | full size, twice"], path)
    print("sheet:", path)


if __name__ == "__main__":
    main()
