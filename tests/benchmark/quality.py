#!/usr/bin/python3
"""Quality benchmark: the same panel of content x style pairs through one or more
variants of neural-style-cli, scored by figures that no optimisation sees
(quality_metrics.py), and a contact sheet to look at.

    quality.py --variant NAME=CLI[:ARGS] [--variant ...] [--size 512] [--iterations 300]
               [--out DIR] [--pairs a,b,...] [--reuse]

A variant is a CLI binary and extra arguments, e.g.
    --variant "before=/tmp/old/neural-style-cli" \\
    --variant "after=build/engine/cli/neural-style-cli:--seed 1"
For each pair and variant it prints the style distance (features, colour), the content
SSIM, the colour noise, the seconds, and the style's share of the pull on the pixels
halfway between the content and the style (what the weights balance; the CLI reports it); with two or more variants it says, per pair, whether the last
one beats the first: lower colour noise, content SSIM at least as high (within 0.01) and
a style distance at most as high (within 0.02). The contact sheet (content, style, one
result per variant, a row per pair) is DIR/contact-sheet.png, and each result is kept.

The panel: GIMP's splash photo (Debian's gimp-data) and a scene this program draws, and
the photographs in ../shared/images when present; styled with the paintings that ship
with the project (models/paintings) or, failing those, ../shared/images.
"""

import argparse
import math
import os
import re
import shlex
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import quality_metrics as qm  # noqa: E402

SHARED = os.path.join(ROOT, "..", "shared", "images")
SPLASH = "/usr/share/gimp/2.0/images/gimp-splash.png"


def painting(name):
    for folder in (os.path.join(ROOT, "models", "paintings"), SHARED):
        path = os.path.join(folder, name + ".jpg")
        if os.path.exists(path):
            return path
    return None


def drawn_scene(path, width=768, height=512):
    """A landscape with a house, a tree and a sky gradient: shapes a style must keep."""
    im = Image.new("RGB", (width, height))
    d = ImageDraw.Draw(im)
    for y in range(height):
        t = y / height
        d.line([(0, y), (width, y)], fill=(int(90 + 120 * t), int(150 + 70 * t), int(230 - 30 * t)))
    d.rectangle([0, int(height * 0.62), width, height], fill=(70, 130, 60))
    d.rectangle([420, 230, 640, 400], fill=(200, 180, 150), outline=(60, 40, 30), width=4)
    d.polygon([(400, 232), (530, 140), (660, 232)], fill=(150, 50, 40))
    d.rectangle([500, 310, 550, 400], fill=(90, 60, 40))
    d.rectangle([450, 260, 490, 295], fill=(170, 210, 240), outline=(60, 40, 30), width=3)
    d.rectangle([150, 250, 175, 380], fill=(100, 70, 40))
    d.ellipse([90, 150, 240, 290], fill=(40, 110, 45))
    d.ellipse([600, 40, 680, 120], fill=(250, 230, 120))
    im.save(path)
    return path


def panel(work):
    tubingen, golden_gate = (os.path.join(SHARED, n) for n in ("tubingen.jpg", "golden_gate.jpg"))
    scene = drawn_scene(os.path.join(work, "scene.png"))
    pairs = [("splash-starry", SPLASH, "starry_night"), ("splash-matisse", SPLASH, "woman-with-hat-matisse"),
             ("scene-scream", scene, "the_scream"), ("scene-shipwreck", scene, "shipwreck")]
    if os.path.exists(tubingen):
        pairs += [("tubingen-starry", tubingen, "starry_night"),
                  ("tubingen-shipwreck", tubingen, "shipwreck")]
    if os.path.exists(golden_gate):
        pairs += [("goldengate-scream", golden_gate, "the_scream"),
                  ("goldengate-matisse", golden_gate, "woman-with-hat-matisse")]
    return [(n, c, painting(s)) for n, c, s in pairs if os.path.exists(c) and painting(s)]


def load(path):
    a = np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255
    return torch.from_numpy(a.copy()).permute(2, 0, 1).unsqueeze(0)


def fit(t, longest):
    h, w = t.shape[2:]
    s = longest / max(w, h)
    size = (max(1, round(h * s)), max(1, round(w * s)))
    return F.interpolate(t, size=size, mode="bilinear", align_corners=False, antialias=s < 1).clamp(0, 1)


def run_variant(cli, extra, content, style, out, size, iterations):
    cmd = [cli, "--content", content, "--style", style, "--output", out, "--size", str(size),
           "--iterations", str(iterations), "--seed", "1"] + extra
    start = time.time()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        sys.exit("%s failed:\n%s" % (" ".join(map(shlex.quote, cmd)), done.stdout))
    pull = re.search(r"the style pulled (\d+)%", done.stdout)
    return time.time() - start, (pull.group(1) + "%") if pull else "-"


def score(result_path, content_path, style_path, size):
    content = fit(load(content_path), size)
    result = fit(load(result_path), size)
    style = fit(load(style_path), size)  # the style as the engine sees it (style-scale 1)
    feature, colour = qm.style_distances(result, style, content)
    return {"style": feature, "colour": colour, "ssim": qm.content_ssim(result, content),
            "noise": qm.colour_noise(result, style)}


def beats(new, old):
    return (new["noise"] < old["noise"] and new["ssim"] >= old["ssim"] - 0.01 and
            new["style"] <= old["style"] + 0.02)


def contact_sheet(rows, labels, path, cell=320):
    heights = [max(fit(t, cell).shape[2] for t in images) for images in rows]
    canvas = Image.new("RGB", (cell * len(labels), 16 + sum(h + 4 for h in heights)), "white")
    draw = ImageDraw.Draw(canvas)
    for i, label in enumerate(labels):
        draw.text((i * cell + 4, 2), label, fill="black")
    y = 16
    for images, h in zip(rows, heights):
        for i, t in enumerate(images):
            a = (fit(t, cell)[0].permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8)
            canvas.paste(Image.fromarray(a), (i * cell, y))
        y += h + 4
    canvas.save(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variant", action="append", required=True, help="NAME=CLI[:ARGS]")
    ap.add_argument("--size", type=int, default=512)
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--out", default="quality-benchmark")
    ap.add_argument("--pairs", help="only these pairs (comma-separated names)")
    ap.add_argument("--reuse", action="store_true",
                    help="score results already in DIR instead of running those variants again")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    variants = []
    for v in args.variant:
        name, rest = v.split("=", 1)
        cli, _, extra = rest.partition(":")
        variants.append((name, cli, shlex.split(extra)))
    pairs = panel(args.out)
    if args.pairs:
        pairs = [p for p in pairs if p[0] in args.pairs.split(",")]
    print("%-20s %-12s %8s %8s %8s %8s %7s %6s" % ("pair", "variant", "style", "colour", "ssim", "noise",
                                                    "sec", "pull"))
    rows, wins = [], 0
    for pair, content, style in pairs:
        images = [fit(load(content), args.size), fit(load(style), args.size)]
        scores = []
        for name, cli, extra in variants:
            out = os.path.join(args.out, "%s-%s.png" % (pair, name))
            if args.reuse and os.path.exists(out):
                seconds, pull = float("nan"), "-"
            else:
                seconds, pull = run_variant(cli, extra, content, style, out, args.size, args.iterations)
            s = score(out, content, style, args.size)
            scores.append(s)
            images.append(fit(load(out), args.size))
            print("%-20s %-12s %8.3f %8.3f %8.3f %8.3f %7.1f %6s" % (
                pair, name, s["style"], s["colour"], s["ssim"], s["noise"], seconds, pull), flush=True)
        if len(scores) > 1:
            won = beats(scores[-1], scores[0])
            wins += won
            print("%-20s %s %s %s" % (pair, variants[-1][0], "beats" if won else "does not beat", variants[0][0]))
        rows.append(images)
    sheet = os.path.join(args.out, "contact-sheet.png")
    contact_sheet(rows, ["content", "style"] + [v[0] for v in variants], sheet)
    if len(variants) > 1:
        print("%s beats %s on %d of %d pairs" % (variants[-1][0], variants[0][0], wins, len(pairs)))
    print("contact sheet:", sheet)


if __name__ == "__main__":
    main()
