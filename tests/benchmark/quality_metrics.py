"""Figures that judge a stylised image without the network that made it.

- style distance: sliced Wasserstein distance between the result's and the style's
  features in a small random network of its own shape and seed (used by no optimisation),
  and between their pixel colours; each relative to the content photo's own distance from
  the style (1 = no closer to the style than the photo, 0 = the style's statistics);
- second judge: the same distance between multi-scale oriented-filter statistics (the
  energy of Gabor filters at 8 orientations and 4 octaves of the luminance, Portilla and
  Simoncelli's kind of texture statistics), a judge of another kind than any random network;
- repainted (pixel SSIM) and layout (layout SSIM): the luminance's SSIM against the photo at
  384 px, and at an eighth of that: how much of the photo's own pixels survive, and whether
  its composition does (the method of shared/tools/painted.py);
- colour noise: the result's high-frequency chroma energy over the style's at the same
  scale (single-pixel colour speckle that the painting does not have raises it).
All images are float tensors 1x3xHxW in 0..1.
"""
import math

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


def _relative_distance(features, result, style, content):
    """The mean over `features`' maps of the result's distance from the style, relative to
    the content's."""
    with torch.no_grad():
        d = [sliced_wasserstein(_samples(r), _samples(s)) /
             max(sliced_wasserstein(_samples(c), _samples(s)), 1e-12)
             for r, s, c in zip(features(result), features(style), features(content))]
    return sum(d) / len(d)


def style_distances(result, style, content):
    """(feature distance, colour distance), each relative to the content's."""
    return (_relative_distance(judge_features, result, style, content),
            _relative_distance(lambda t: [t], result, style, content))


def _gabor_bank(orientations=8, size=11, wavelength=4.0, sigma=2.0):
    r = torch.arange(size, dtype=torch.float32) - size // 2
    y, x = torch.meshgrid(r, r, indexing="ij")
    bank = []
    for i in range(orientations):
        t = math.pi * i / orientations
        u = x * math.cos(t) + y * math.sin(t)
        envelope = torch.exp(-(x ** 2 + y ** 2) / (2 * sigma ** 2))
        even = envelope * torch.cos(2 * math.pi * u / wavelength)
        bank += [even - even.mean(), envelope * torch.sin(2 * math.pi * u / wavelength)]
    return torch.stack(bank).unsqueeze(1)


_GABOR = _gabor_bank()


def oriented_energy(rgb, octaves=4):
    """Per octave, the local energy of each orientation: 1x8xHxW tensors."""
    x = luminance(rgb) - 0.5
    out = []
    for octave in range(octaves):
        if octave:
            x = F.avg_pool2d(x, 2)
        r = F.conv2d(F.pad(x, (5, 5, 5, 5), mode="reflect"), _GABOR)
        out.append((r[:, 0::2] ** 2 + r[:, 1::2] ** 2).sqrt())
    return out


def oriented_distance(result, style, content):
    """The second judge: distance of the oriented energies, relative to the content's."""
    return _relative_distance(oriented_energy, result, style, content)


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


def _painted_ssim(a, b):
    """shared/tools/painted.py's SSIM: 7x7 Gaussian window (sigma 1), no padding."""
    k = torch.exp(-(torch.arange(7) - 3.0) ** 2 / 2)
    k = k / k.sum()
    w = (k[:, None] * k[None, :]).view(1, 1, 7, 7)
    ma, mb = F.conv2d(a, w), F.conv2d(b, w)
    va, vb = F.conv2d(a * a, w) - ma ** 2, F.conv2d(b * b, w) - mb ** 2
    cov = F.conv2d(a * b, w) - ma * mb
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    return (((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma ** 2 + mb ** 2 + c1) * (va + vb + c2))).mean().item()


def repainted_and_layout(result_path, content_path, side=384):
    """(pixel SSIM, layout SSIM) exactly as shared/tools/painted.py computes them: the photo
    at `side` px (PIL's bicubic, from its own size), the result at the same size, and both
    at an eighth of that."""
    from PIL import Image
    def tensor(im):
        a = torch.frombuffer(bytearray(im.tobytes()), dtype=torch.uint8).view(im.size[1], im.size[0], 3)
        return a.permute(2, 0, 1).float().div(255).unsqueeze(0)
    content = Image.open(content_path).convert("RGB")
    w, h = content.size
    s = side / max(w, h)
    size = (max(1, round(w * s)), max(1, round(h * s)))
    c = luminance(tensor(content.resize(size, Image.BICUBIC)))
    r = luminance(tensor(Image.open(result_path).convert("RGB").resize(size, Image.BICUBIC)))
    small = lambda t: F.interpolate(t, scale_factor=1 / 8, mode="area")
    with torch.no_grad():
        return _painted_ssim(r, c), _painted_ssim(small(r), small(c))


def chroma_noise(rgb):
    c = chroma(rgb)
    return ((c - blur(c, 1.0)) ** 2).mean().item()


def colour_noise(result, style):
    with torch.no_grad():
        return chroma_noise(result) / max(chroma_noise(style), 1e-12)
