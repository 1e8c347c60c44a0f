#!/usr/bin/python3
"""The PyTorch tutorial's neural style transfer ("Neural Transfer Using PyTorch",
Gatys et al.), as written there: one scale, L-BFGS, 300 steps, content at conv_4, style
at conv_1..conv_5, style weight 1e6 -- on Debian's python3-torch, which is the same
libtorch the engine uses. The benchmark's yardstick, not part of the product.

    baseline.py --content C --style S --output O --weights W [--size 512] [--steps 300]

W is a VGG-19 weights file in the engine's format (models/convert_vgg19.py), so that
both sides use the same network. Prints the seconds the optimisation took.
"""

import argparse
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "models"))
import convert_vgg19  # noqa: E402

CONTENT_LAYERS = ["conv_4"]
STYLE_LAYERS = ["conv_1", "conv_2", "conv_3", "conv_4", "conv_5"]


def load_image(path, size, like=None):
    """Longest side `size`, or exactly the size of the tensor `like` (the tutorial's style
    image has the content's size)."""
    image = Image.open(path).convert("RGB")
    scale = size / max(image.size)
    target = (round(image.width * scale), round(image.height * scale))
    if like is not None:
        target = (like.size(3), like.size(2))
    image = image.resize(target, Image.BICUBIC)
    return torchvision.transforms.functional.to_tensor(image).unsqueeze(0)


def gram_matrix(x):
    a, b, c, d = x.size()
    features = x.view(a * b, c * d)
    return torch.mm(features, features.t()).div(a * b * c * d)


class ContentLoss(nn.Module):
    def __init__(self, target):
        super().__init__()
        self.target = target.detach()

    def forward(self, x):
        self.loss = F.mse_loss(x, self.target)
        return x


class StyleLoss(nn.Module):
    def __init__(self, target_feature):
        super().__init__()
        self.target = gram_matrix(target_feature).detach()

    def forward(self, x):
        self.loss = F.mse_loss(gram_matrix(x), self.target)
        return x


class Normalization(nn.Module):
    def __init__(self):
        super().__init__()
        self.mean = torch.tensor([0.485, 0.456, 0.406]).view(-1, 1, 1)
        self.std = torch.tensor([0.229, 0.224, 0.225]).view(-1, 1, 1)

    def forward(self, img):
        return (img - self.mean) / self.std


def vgg_features(weights):
    cnn = torchvision.models.vgg19(weights=None).features.eval()
    state, _ = convert_vgg19.read_safetensors(weights)
    cnn.load_state_dict({k[len("features."):]: v for k, v in state.items()}, strict=False)
    return cnn


def build_model(cnn, style_img, content_img):
    """The tutorial's get_style_model_and_losses."""
    model = nn.Sequential(Normalization())
    content_losses, style_losses = [], []
    i = 0
    for layer in cnn.children():
        if isinstance(layer, nn.Conv2d):
            i += 1
            name = "conv_%d" % i
        elif isinstance(layer, nn.ReLU):
            name = "relu_%d" % i
            layer = nn.ReLU(inplace=False)
        elif isinstance(layer, nn.MaxPool2d):
            name = "pool_%d" % i
        else:
            continue
        model.add_module(name, layer)
        if name in CONTENT_LAYERS:
            loss = ContentLoss(model(content_img).detach())
            model.add_module("content_loss_%d" % i, loss)
            content_losses.append(loss)
        if name in STYLE_LAYERS:
            loss = StyleLoss(model(style_img).detach())
            model.add_module("style_loss_%d" % i, loss)
            style_losses.append(loss)
    for last in range(len(model) - 1, -1, -1):
        if isinstance(model[last], (ContentLoss, StyleLoss)):
            break
    return model[:last + 1], style_losses, content_losses


def run_style_transfer(cnn, content_img, style_img, steps, style_weight=1e6, content_weight=1):
    """The tutorial's run_style_transfer."""
    input_img = content_img.clone()
    model, style_losses, content_losses = build_model(cnn, style_img, content_img)
    input_img.requires_grad_(True)
    model.requires_grad_(False)
    optimizer = torch.optim.LBFGS([input_img])
    run = [0]
    while run[0] <= steps:
        def closure():
            with torch.no_grad():
                input_img.clamp_(0, 1)
            optimizer.zero_grad()
            model(input_img)
            style_score = sum(sl.loss for sl in style_losses) * style_weight
            content_score = sum(cl.loss for cl in content_losses) * content_weight
            loss = style_score + content_score
            loss.backward()
            run[0] += 1
            return style_score + content_score
        optimizer.step(closure)
    with torch.no_grad():
        input_img.clamp_(0, 1)
    return input_img


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", required=True)
    parser.add_argument("--style", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--weights", required=True)
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--steps", type=int, default=300)
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count())
    content = load_image(args.content, args.size)
    style = load_image(args.style, args.size, like=content)
    start = time.monotonic()
    result = run_style_transfer(vgg_features(args.weights), content, style, args.steps)
    seconds = time.monotonic() - start
    torchvision.utils.save_image(result, args.output)
    print("baseline: %.1f s for %d steps at %dx%d" % (seconds, args.steps, content.size(3),
                                                      content.size(2)))


if __name__ == "__main__":
    main()
