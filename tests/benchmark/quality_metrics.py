"""Figures that judge a stylised image without the network that made it.

- style distance: sliced Wasserstein distance between the result's and the style's
  features in a small random network of its own shape and seed (used by no optimisation),
  and between their pixel colours; each relative to the content photo's own distance from
  the style (1 = no closer to the style than the photo, 0 = the style's statistics);
- content SSIM: structural similarity of the luminance with the content photo;
- colour noise: the result's high-frequency chroma energy over the style's at the same
  scale (single-pixel colour speckle that the painting does not have raises it).
All images are float tensors 1x3xHxW in 0..1.
"""
import torch
import torch.nn.functional as F

JUDGE_SEED = 20170401
PROJECTIONS = 64
QUANTILES = 256


def _judge_network():
    """Three 5x5 convolutions with 2x2 average pooling between: not VGG's shape."""
    g = torch.Generator().manual_seed(JUDGE_SEED)
    shapes = [(48, 3), (96, 48), (192, 96)]
    weights = []
    for out, inp in shapes:
        w = torch.randn(out, inp, 5, 5, generator=g) * (2.0 / (inp * 25)) ** 0.5
        weights.append(w - w.mean(dim=(1, 2, 3), keepdim=True))
    return weights


_JUDGE = _judge_network()


def judge_features(rgb):
    x = rgb - 0.5
    out = []
    for i, w in enumerate(_JUDGE):
        if i:
            x = F.avg_pool2d(x, 2)
        x = F.relu(F.conv2d(x, w, padding=2))
        out.append(x)
    return out


def sliced_wasserstein(a, b, seed=1):
    """a, b: N x C samples. Mean over random directions of the squared distance
    between the quantile functions of the projections."""
    g = torch.Generator().manual_seed(seed)
    dirs = torch.randn(a.shape[1], PROJECTIONS, generator=g)
    dirs = dirs / dirs.norm(dim=0, keepdim=True)
    q = torch.linspace(0, 1, QUANTILES)
    pa = torch.quantile(a @ dirs, q, dim=0)
    pb = torch.quantile(b @ dirs, q, dim=0)
    return ((pa - pb) ** 2).mean().item()


def _samples(t, limit=60000, seed=2):
    """C x H x W (or 1xCxHxW) -> N x C, subsampled for speed."""
    flat = t.reshape(t.shape[-3], -1).t()
    if flat.shape[0] > limit:
        g = torch.Generator().manual_seed(seed)
        flat = flat[torch.randperm(flat.shape[0], generator=g)[:limit]]
    return flat


def style_distances(result, style, content):
    """(feature distance, colour distance), each relative to the content's."""
    with torch.no_grad():
        fr, fs, fc = judge_features(result), judge_features(style), judge_features(content)
        feat = [sliced_wasserstein(_samples(r), _samples(s)) /
                max(sliced_wasserstein(_samples(c), _samples(s)), 1e-12)
                for r, s, c in zip(fr, fs, fc)]
        colour = (sliced_wasserstein(_samples(result), _samples(style)) /
                  max(sliced_wasserstein(_samples(content), _samples(style)), 1e-12))
    return sum(feat) / len(feat), colour


def luminance(rgb):
    return (0.299 * rgb[:, 0] + 0.587 * rgb[:, 1] + 0.114 * rgb[:, 2]).unsqueeze(1)


def chroma(rgb):
    r, g, b = rgb[:, 0], rgb[:, 1], rgb[:, 2]
    cb = -0.168736 * r - 0.331264 * g + 0.5 * b
    cr = 0.5 * r - 0.418688 * g - 0.081312 * b
    return torch.stack([cb, cr], 1)


def _gaussian(sigma, channels):
    radius = int(3 * sigma + 0.5)
    x = torch.arange(-radius, radius + 1, dtype=torch.float32)
    k = torch.exp(-x ** 2 / (2 * sigma ** 2))
    k = k / k.sum()
    return (k[:, None] * k[None, :]).expand(channels, 1, -1, -1).contiguous(), radius


def blur(t, sigma):
    k, r = _gaussian(sigma, t.shape[1])
    return F.conv2d(F.pad(t, (r, r, r, r), mode="reflect"), k, groups=t.shape[1])


def ssim(a, b):
    """Mean SSIM of two 1x1xHxW images in 0..1 (Gaussian window, sigma 1.5)."""
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    ma, mb = blur(a, 1.5), blur(b, 1.5)
    va = blur(a * a, 1.5) - ma ** 2
    vb = blur(b * b, 1.5) - mb ** 2
    cov = blur(a * b, 1.5) - ma * mb
    s = ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma ** 2 + mb ** 2 + c1) * (va + vb + c2))
    return s.mean().item()


def content_ssim(result, content):
    with torch.no_grad():
        return ssim(luminance(result), luminance(content))


def chroma_noise(rgb):
    c = chroma(rgb)
    return ((c - blur(c, 1.0)) ** 2).mean().item()


def colour_noise(result, style):
    with torch.no_grad():
        return chroma_noise(result) / max(chroma_noise(style), 1e-12)
