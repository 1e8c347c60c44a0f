#!/usr/bin/python3
"""Time to result: the engine (neural-style-cli) against the PyTorch tutorial's recipe
(baseline.py) on the same images, the same VGG-19 weights and the same machine.

    compare_baseline.py --cli build/engine/cli/neural-style-cli --content C --style S
                        [--size 256] [--budgets 50,100,200,300] [--style-weight 10]

Both sides get the same inputs at the working size (the style resized to the content's
size, as the tutorial does), and both results are scored with one yardstick, the engine's
normalised losses (relative content error at relu4_2, mean relative Gram error at
relu1_1..relu5_1), so "equal loss" means the same numbers for both. For each precision,
the engine's smallest budget whose style AND content losses are at most the baseline's
gives its time to result; the ratio is that time over the baseline's, both whole
processes (start-up and model load included). The tutorial weighs style far more than
the engine's defaults do: --style-weight 30 gives the engine a similar balance. The
network is a seeded random VGG-19 in torchvision's layout (the real weights cannot be
downloaded here); its cost per step is the real one.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

import torch
import torchvision
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import baseline  # noqa: E402

STYLE = ["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"]
INDEX = {"relu1_1": 1, "relu2_1": 6, "relu3_1": 11, "relu4_1": 20, "relu4_2": 22, "relu5_1": 29}


def features(cnn, image):
    x = baseline.Normalization()(image)
    taps = {}
    for i, layer in enumerate(cnn.children()):
        x = layer(x)
        for name, index in INDEX.items():
            if index == i:
                taps[name] = x.clone()
        if i >= max(INDEX.values()):
            return taps
    return taps


def gram(f):
    _, c, h, w = f.shape
    m = f.view(c, h * w)
    return m @ m.t() / (h * w)


def relative(x, t):
    return float(((x - t) ** 2).sum() / ((t ** 2).sum() + 1e-8))


def score(cnn, result_path, content, style):
    """(content loss, style loss) of a result, by the engine's definitions."""
    result = torchvision.transforms.functional.to_tensor(Image.open(result_path).convert("RGB"))
    result = result.unsqueeze(0)
    with torch.no_grad():
        r, c, s = features(cnn, result), features(cnn, content), features(cnn, style)
    style_loss = sum(relative(gram(r[n]), gram(s[n])) for n in STYLE) / len(STYLE)
    return relative(r["relu4_2"], c["relu4_2"]), style_loss


def timed(command):
    start = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--content", required=True)
    parser.add_argument("--style", required=True)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--budgets", default="50,100,200,300")
    parser.add_argument("--style-weight", default="10",
                        help="the style weight passed to the engine")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="ns-baseline-")
    weights = os.path.join(work, "vgg19.safetensors")
    subprocess.run([sys.executable, os.path.join(HERE, "..", "fixtures", "make_vgg_fixture.py"),
                    "--weights", weights], check=True)
    cnn = baseline.vgg_features(weights)
    content = baseline.load_image(args.content, args.size)
    style = baseline.load_image(args.style, args.size, like=content)
    # Both sides get the same inputs at the working size, so both results come out at
    # that size and are scored without resampling.
    args.content, args.style = os.path.join(work, "content.png"), os.path.join(work, "style.png")
    torchvision.utils.save_image(content, args.content)
    torchvision.utils.save_image(style, args.style)

    out = os.path.join(work, "baseline.png")
    seconds = timed([sys.executable, os.path.join(HERE, "baseline.py"), "--content", args.content,
                     "--style", args.style, "--output", out, "--weights", weights,
                     "--size", str(args.size)])
    base_content, base_style = score(cnn, out, content, style)
    print("%-22s %8s %12s %12s" % ("run", "seconds", "content", "style"))
    print("%-22s %8.1f %12.4f %12.4f" % ("baseline (300 steps)", seconds, base_content, base_style))
    for precision in ("fp32", "auto"):
        matched = None
        for budget in [int(b) for b in args.budgets.split(",")]:
            out = os.path.join(work, "ours-%s-%d.png" % (precision, budget))
            t = timed([args.cli, "--content", args.content, "--style", args.style, "--output",
                       out, "--weights", weights, "--size", str(args.size), "--iterations",
                       str(budget), "--seed", "1", "--precision", precision,
                       "--style-weight", args.style_weight])
            c, s = score(cnn, out, content, style)
            print("%-22s %8.1f %12.4f %12.4f" % ("ours %s %d" % (precision, budget), t, c, s))
            if matched is None and s <= base_style and c <= base_content:
                matched = t
        if matched is None:
            print("ours %s: no budget reached both of the baseline's losses" % precision)
        else:
            print("ours %s: time to both of the baseline's losses = %.2f x the baseline's"
                  % (precision, matched / seconds))


if __name__ == "__main__":
    main()
