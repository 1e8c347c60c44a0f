#!/usr/bin/python3
"""Quality benchmark: the same panel of content x style pairs through one or more
variants of neural-style-cli, beside jcjohnson/neural-style's published VGG-19 outputs and
G'MIC's Stylize, all scored by the same figures, which no optimisation sees
(quality_metrics.py), and a contact sheet to look at.

    quality.py --variant NAME=CLI[:ARGS] [--variant ...] [--size 512] [--iterations 300]
               [--out DIR] [--pairs a,b,...] [--reuse] [--no-gmic]

A variant is a CLI binary and extra arguments, e.g.
    --variant "before=/tmp/old/neural-style-cli" \\
    --variant "after=build/engine/cli/neural-style-cli:--seed 1"
For each pair and picture it prints:
  repainted  pixel SSIM with the photo at 384 px: how much of the photo's own pixels survive
             (jcjohnson's VGG-19 outputs 0.19-0.47; a photo with a tinted sky 0.7-0.9);
  layout     the same at an eighth of that: whether the composition is kept;
  style      the style distance in a random judge network's features (1 = no closer to the
             style than the photo; 0 = the style's statistics);
  oriented   the same in oriented-filter energies, a judge of another kind;
  colour     the same for the pixel colours;
  noise      colour speckle against the painting's own (1 = as much as the painting);
and the seconds and the style's share of the pull (the CLI reports it). "jcjohnson" rows
are the published outputs in ../shared/references/jcjohnson (the six pairs whose inputs
are ../shared/images; local comparisons only), "gmic" rows G'MIC's `stylize` on the same
inputs at the same size (Debian's gmic; left out when it is missing). Means are printed for
the six reference pairs and for the held-out ones (GIMP's splash and python3-skimage's
photographs, each left out when missing).
Every variant paints the photo fitted to --size (DIR/PAIR-content.png), as jcjohnson's
outputs were painted: a result enlarged to the photo's size and shrunk again for scoring
loses part of its finest strokes (docs/benchmarks.md, The photo at the working size).
The contact sheet (photo, jcjohnson, one result per variant, G'MIC; a row per pair) is
DIR/contact-sheet.png, and each result is kept.

The panel: GIMP's splash (Debian's gimp-data), the photographs of Debian's python3-skimage
(`apt-get install --no-install-recommends python3-skimage`) and those in ../shared/images;
styled with the paintings that ship with the project (models/paintings) or, failing those,
../shared/images.
"""

import argparse
import os
import re
import shlex
import shutil
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
REFERENCES = os.path.join(ROOT, "..", "shared", "references", "jcjohnson")
SPLASH = "/usr/share/gimp/2.0/images/gimp-splash.png"
# Public-domain and CC0 photographs that Debian's python3-skimage ships (a face, a cat, a
# still life, a launch): held out from every choice made on the reference pairs.
SKIMAGE = "/usr/lib/python3/dist-packages/skimage/data"
HELD_OUT_PHOTOS = [("astronaut.png", "starry_night", "starry"),
                   ("chelsea.png", "the_scream", "scream"),
                   ("coffee.png", "woman-with-hat-matisse", "matisse"),
                   ("rocket.jpg", "shipwreck", "shipwreck")]


def painting(name):
    for folder in (os.path.join(ROOT, "models", "paintings"), SHARED):
        path = os.path.join(folder, name + ".jpg")
        if os.path.exists(path):
            return path
    return None


def panel():
    """(name, content, style, jcjohnson's output or None), reference pairs first."""
    photos = {"tubingen": os.path.join(SHARED, "tubingen.jpg"),
              "golden_gate": os.path.join(SHARED, "golden_gate.jpg")}
    references = [("tubingen", "starry_night", "starry"), ("tubingen", "the_scream", "scream"),
                  ("tubingen", "shipwreck", "shipwreck"), ("golden_gate", "the_scream", "scream"),
                  ("golden_gate", "woman-with-hat-matisse", "matisse"),
                  ("golden_gate", "starry_night", "starry")]
    pairs = []
    for photo, style, short in references:
        reference = os.path.join(REFERENCES, "%s_%s.png" % (photo, short))
        pairs.append(("%s-%s" % (photo, short), photos[photo], style,
                      reference if os.path.exists(reference) else None))
    pairs += [("splash-starry", SPLASH, "starry_night", None),
              ("splash-matisse", SPLASH, "woman-with-hat-matisse", None)]
    pairs += [("%s-%s" % (os.path.splitext(photo)[0], short), os.path.join(SKIMAGE, photo), style,
               None) for photo, style, short in HELD_OUT_PHOTOS]
    return [(n, c, painting(s), r) for n, c, s, r in pairs if os.path.exists(c) and painting(s)]


def header():
    """The commit, the CPU and the command, which every figure goes with."""
    commit = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"],
                            stdout=subprocess.PIPE, text=True).stdout.strip()
    cpu = {}
    for line in subprocess.run(["lscpu"], stdout=subprocess.PIPE, text=True).stdout.splitlines():
        key, _, value = line.partition(":")
        cpu[key.strip()] = value.strip()
    flags = [f for f in cpu.get("Flags", "").split() if f.startswith(("avx", "amx"))]
    print("commit %s; CPU %s (family %s, model %s), %s cores, %s" % (
        commit, cpu.get("Model name", "?"), cpu.get("CPU family", "?"), cpu.get("Model", "?"),
        cpu.get("CPU(s)", "?"), " ".join(flags)))
    print("command:", " ".join(map(shlex.quote, sys.argv)))


def run_gmic(fitted_content, style, out, size):
    """G'MIC's Stylize of the content already fitted to `size` px, with the style at that size."""
    fitted_style = os.path.join(os.path.dirname(out), "gmic-style.png")
    save(fit(load(style), size), fitted_style)
    start = time.time()
    subprocess.run(["gmic", "-v", "-", fitted_content, fitted_style, "stylize[0]", "[1]", "o[0]",
                    out], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.time() - start


def load(path):
    a = np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255
    return torch.from_numpy(a.copy()).permute(2, 0, 1).unsqueeze(0)


def save(t, path):
    Image.fromarray((t[0].permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8)).save(path)


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
    pixel, layout = qm.repainted_and_layout(result_path, content_path)
    return {"repainted": pixel, "layout": layout, "style": feature,
            "oriented": qm.oriented_distance(result, style, content), "colour": colour,
            "noise": qm.colour_noise(result, style)}


FIGURES = ("repainted", "layout", "style", "oriented", "colour", "noise")


def print_row(pair, name, s, seconds=float("nan"), pull="-"):
    print("%-20s %-12s" % (pair, name) + "".join(" %9.3f" % s[f] for f in FIGURES) +
          " %7.1f %6s" % (seconds, pull), flush=True)


def print_means(label, rows):
    """Means per picture kind over `rows` (a list of {name: scores})."""
    for name in rows[0] if rows else []:
        scores = [r[name] for r in rows if name in r]
        print_row("mean " + label, name, {f: sum(s[f] for s in scores) / len(scores) for f in FIGURES})


def contact_sheet(rows, labels, path, cell=320):
    heights = [max(fit(t, cell).shape[2] for t in images if t is not None) for images in rows]
    canvas = Image.new("RGB", (cell * len(labels), 16 + sum(h + 4 for h in heights)), "white")
    draw = ImageDraw.Draw(canvas)
    for i, label in enumerate(labels):
        draw.text((i * cell + 4, 2), label, fill="black")
    y = 16
    for images, h in zip(rows, heights):
        for i, t in enumerate(images):
            if t is None:
                continue
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
    ap.add_argument("--no-gmic", action="store_true", help="leave G'MIC's Stylize out")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    variants = []
    for v in args.variant:
        name, rest = v.split("=", 1)
        cli, _, extra = rest.partition(":")
        variants.append((name, cli, shlex.split(extra)))
    gmic = not args.no_gmic and shutil.which("gmic")
    pairs = panel()
    if args.pairs:
        pairs = [p for p in pairs if p[0] in args.pairs.split(",")]
    header()
    print("%-20s %-12s" % ("pair", "picture") + "".join(" %9s" % f for f in FIGURES) +
          " %7s %6s" % ("sec", "pull"))
    rows, reference_scores, held_out_scores = [], [], []
    for pair, content, style, reference in pairs:
        images = [fit(load(content), args.size)]
        fitted = os.path.join(args.out, "%s-content.png" % pair)
        save(images[0], fitted)
        scores = {}
        if reference:
            scores["jcjohnson"] = score(reference, content, style, args.size)
            print_row(pair, "jcjohnson", scores["jcjohnson"])
            images.append(fit(load(reference), args.size))
        elif any(p[3] for p in pairs):
            images.append(None)  # the jcjohnson column stays empty
        for name, cli, extra in variants:
            out = os.path.join(args.out, "%s-%s.png" % (pair, name))
            if args.reuse and os.path.exists(out):
                seconds, pull = float("nan"), "-"
            else:
                seconds, pull = run_variant(cli, extra, fitted, style, out, args.size, args.iterations)
            scores[name] = score(out, content, style, args.size)
            print_row(pair, name, scores[name], seconds, pull)
            images.append(fit(load(out), args.size))
        if gmic:
            out = os.path.join(args.out, "%s-gmic.png" % pair)
            seconds = float("nan") if args.reuse and os.path.exists(out) else \
                run_gmic(fitted, style, out, args.size)
            scores["gmic"] = score(out, content, style, args.size)
            print_row(pair, "gmic", scores["gmic"], seconds)
            images.append(fit(load(out), args.size))
        (reference_scores if reference else held_out_scores).append(scores)
        rows.append(images)
    print_means("reference pairs", reference_scores)
    print_means("held-out pairs", held_out_scores)
    sheet = os.path.join(args.out, "contact-sheet.png")
    labels = ["photo"] + (["jcjohnson"] if any(p[3] for p in pairs) else []) + [v[0] for v in variants] + \
        (["G'MIC stylize"] if gmic else [])
    contact_sheet(rows, labels, sheet)
    print("contact sheet:", sheet)


if __name__ == "__main__":
    main()
