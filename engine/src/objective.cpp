#include "objective.h"

#include <torch/autograd.h>

#include <algorithm>
#include <cmath>

#include "image_tensor.h"
#include "losses.h"
#include "neural_style/error.h"
#include "receptive_field.h"

namespace neural_style {
namespace {

// Floors a gradient norm that is zero (a term already met at its reference image).
constexpr double kTinyNorm = 1e-12;

double gradient_norm(const at::Tensor& loss, const at::Tensor& x, bool keep_graph) {
  return torch::autograd::grad({loss}, {x}, {}, keep_graph)[0].norm().item<double>();
}

// A style image's size at a scale whose longest side is `side`: side times style-scale,
// so that a stroke covers the same share of the picture at every scale, as the user sees
// it at "fit" view; grown where needed so that its shorter side still reaches kMinSide.
// Beyond the painting's own size it is enlarged: its Grams then ask for less single-pixel
// texture, hence less colour noise (docs/design.md, Full resolution).
std::pair<int, int> style_size(const at::Tensor& style, double side, double style_scale) {
  const double w = static_cast<double>(style.size(3)), h = static_cast<double>(style.size(2));
  const double wanted = side * style_scale;
  const double longest = std::max(wanted, kMinSide * std::max(w, h) / std::min(w, h));
  return fit_longest(static_cast<int>(w), static_cast<int>(h), static_cast<int>(std::ceil(longest)));
}

at::Tensor crop(const at::Tensor& image, const Tile& t) {
  return image.narrow(2, t.crop_y, t.crop_height).narrow(3, t.crop_x, t.crop_width);
}

// The tiles of an image at `side` (0: the whole image at once), with halos that cover
// the deepest of `layers`.
std::vector<Tile> tiles_for(int width, int height, int side, const std::vector<std::string>& layers,
                            bool pretrained) {
  const Reach reach = deepest_reach(layers, pretrained);
  return tile_layout(width, height, side, reach.radius, reach.stride);
}

// The factor of a mean squared difference over the pixels of `x`: the inverse of its
// gradient norm at a difference of mean square 1/3 (uniform noise against black),
// 2 / (3 sqrt(pixels)), as the other terms are normalised (measure_factors), so that
// weight w pulls w times as hard as the content at such a difference, at any size.
double squared_difference_factor(const at::Tensor& x) {
  return 1.5 * std::sqrt(double(x.size(2)) * x.size(3));
}

// Pulls pixels back into 0..1 as soon as they leave it, so that the clamp of the result
// takes nothing from the style; much stronger, it holds the optimiser back. It is this many
// times the other terms' weights together: a stronger pull of theirs pushes further out.
constexpr double kRangeShare = 11;

at::Tensor range_term(const at::Tensor& x, const Settings& s) {
  const double weight = kRangeShare * (s.content_weight + s.style_weight + s.tv_weight);
  return (weight * squared_difference_factor(x)) * range_loss(x);
}

// The photo's own pixels, which a coarse content layer does not describe, are held with
// this share of the content's pull times content-weight / style-weight: a weak style
// leaves the photo (style-weight 0.1: pixel SSIM 0.9), the default repaints it (a 1/1000
// pull; docs/design.md, The content layer).
constexpr double kDetailShare = 0.01;

// The pull of each pair of neighbouring scales' cross covariance against a style layer's, on
// the built-in network: one layer's Grams say how often each stroke direction occurs over
// the whole picture, which small rings satisfy as well as strokes; the covariance with the
// next scale asks that fine strokes run along the coarse ones (docs/design.md).
constexpr double kCrossScaleShare = 0.25;
// The finest pair (stride 1 onto 2) is left out: it took three quarters of the term's time
// and changed no quality figure (docs/benchmarks.md).
constexpr int kCrossFinestStride = 2;

// On the built-in network, the octaves of these strides also hold the covariance between
// their stroke filters and the same kStrokeShift positions to the right and below (Berger
// and Memisevic's shifted Gram matrices), each pulling kShiftShare: a Gram says which stroke
// directions occur, which crosshatching meets as well as strokes do; this asks that a stroke
// go on where it points (docs/design.md, Strokes that go on).
constexpr int kShiftedStrides[] = {2, 4};
constexpr int kStrokeShift = 4;
constexpr double kShiftShare = 0.25;

// On the built-in network, a style layer coarser than this stride pulls this stride over its
// own as hard as a finer one (relu4_1 a half, relu5_1 a quarter): the strokes live in the
// fine octaves, and the coarse octaves' Grams mostly move the large shapes, which the
// content keeps (docs/design.md, The coarse octaves pull less).
constexpr int kFullPullStride = 4;

// On the built-in network the content also keeps where the photo's edges run: a fine
// octave's filters (not its colours) averaged over the content layer's grid say which edges
// cross each cell and in which direction, but not their pixels, colours or phase, which the
// style repaints. The coarse content layer alone let the subject's edges dissolve into the
// strokes (docs/design.md, The photo's edges).
constexpr const char* kEdgeLayer = "relu2_1";
// Its pull against the content layer's, at the balance.
constexpr double kEdgeShare = 0.3;

// A style layer takes part in a scale only where the scale's grid of its positions holds at
// least this many (the finest style layer always does): over fewer, its Gram pins down where
// the painting's large shapes lie, through the borders its filters read, rather than its
// texture. The Starry Night's moon came back from the first scales in its own corner of
// every picture (docs/design.md, Few positions are a layout).
constexpr int64_t kMinStylePositions = 256;

// A style layer's gradient norm against the others' (measure_factors).
double layer_share(const std::string& layer, bool separate_scales) {
  if (!separate_scales) return 1.0;
  return std::min(1.0, double(kFullPullStride) / layer_reach(layer, false).stride);
}

void accumulate(CrossSums& total, const CrossSums& part) {
  if (part.positions == 0) return;
  if (!total.products.defined()) {
    total = part;
    return;
  }
  total.products += part.products;
  total.finer += part.finer;
  total.coarser += part.coarser;
  total.positions += part.positions;
}

// The inner product of a statistic's sums with its loss's gradient on them.
at::Tensor pulled(const CrossSums& sums, const CrossSums& pull) {
  return (sums.products * pull.products).sum() + (sums.finer * pull.finer).sum() +
         (sums.coarser * pull.coarser).sum();
}

}  // namespace

Objective::Objective(const Network& net, const Settings& settings, const Scale& scale,
                     const at::Tensor& content, const std::vector<at::Tensor>& styles,
                     const std::vector<double>& shares, const Factors& previous)
    : net_(net), s_(settings), content_image_(content) {
  layers_ = s_.style_layers;
  if (std::find(layers_.begin(), layers_.end(), s_.content_layer) == layers_.end())
    layers_.push_back(s_.content_layer);
  content_layers_ = {s_.content_layer};
  const int edge_stride = layer_reach(kEdgeLayer, false).stride;
  if (net_.separate_scales() && layer_reach(s_.content_layer, false).stride > edge_stride) {
    edge_pool_ = layer_reach(s_.content_layer, false).stride / edge_stride;
    content_layers_.push_back(kEdgeLayer);
    if (std::find(layers_.begin(), layers_.end(), kEdgeLayer) == layers_.end())
      layers_.push_back(kEdgeLayer);
  }
  if (net_.separate_scales())
    for (std::size_t l = 1; l < s_.style_layers.size(); ++l) {
      const int finer = layer_reach(s_.style_layers[l - 1], false).stride;
      if (finer >= kCrossFinestStride &&
          layer_reach(s_.style_layers[l], false).stride == 2 * finer)
        crosses_.push_back(l);
    }
  choose_layers_in_use(scale);
  choose_shifts(scale, styles, shares, previous);
  tiles_ = tiles_for(scale.width, scale.height, scale.tile_side, layers_, net_.pretrained());
  {
    torch::NoGradGuard no_grad;
    aim(scale, styles, shares, previous.pixels <= 0);
  }
  if (previous.pixels > 0) {
    factors_ = previous;
    const double growth = std::sqrt(double(scale.width) * scale.height / previous.pixels);
    for (double& f : factors_.style) f *= growth;
    for (double& f : factors_.cross) f *= growth;
    for (double& f : factors_.shift) f *= growth;
    factors_.content *= growth;
    factors_.edges *= growth;
    factors_.tv *= growth;
    factors_.pixels = double(scale.width) * scale.height;
  } else if (tiled()) {
    throw Error(ErrorCode::balance_on_tiles);
  } else {
    measure_factors();
  }
}

// The style layers with kMinStylePositions positions on this scale's grid, and the finest.
void Objective::choose_layers_in_use(const Scale& scale) {
  std::vector<int> strides;
  for (const std::string& layer : s_.style_layers)
    strides.push_back(layer_reach(layer, net_.pretrained()).stride);
  const int finest = strides.empty() ? 0 : *std::min_element(strides.begin(), strides.end());
  for (const int stride : strides) {
    const int64_t columns = (scale.width + stride - 1) / stride;
    const int64_t rows = (scale.height + stride - 1) / stride;
    in_use_.push_back(stride == finest || columns * rows >= kMinStylePositions);
  }
}

// The stroke continuations this scale holds: on the built-in network, at the style layers of
// kShiftedStrides whose partners' features the tiles' halos hold, where the content and
// every style picture have room for them; none where the factors taken over had none.
void Objective::choose_shifts(const Scale& scale, const std::vector<at::Tensor>& styles,
                              const std::vector<double>& shares, const Factors& previous) {
  if (net_.stroke_channels() == 0) return;
  const double side = std::max(scale.width, scale.height);
  int room = std::min(scale.width, scale.height);
  for (std::size_t i = 0; i < styles.size(); ++i)
    if (shares[i] > 0) {
      const auto [w, h] = style_size(styles[i], side, s_.style_scale);
      room = std::min({room, w, h});
    }
  const int halo = deepest_reach(layers_, false).radius;
  for (std::size_t l = 0; l < s_.style_layers.size(); ++l) {
    const Reach r = layer_reach(s_.style_layers[l], false);
    const int span = kStrokeShift * r.stride;
    if (std::find(std::begin(kShiftedStrides), std::end(kShiftedStrides), r.stride) ==
            std::end(kShiftedStrides) ||
        r.radius + span > halo || room < 2 * span)
      continue;
    shifts_.push_back({l, kStrokeShift, 0});
    shifts_.push_back({l, 0, kStrokeShift});
  }
  if (previous.pixels > 0 && previous.shift.size() != shifts_.size()) shifts_.clear();
}

// The targets: the styles' Grams, and the content's features (whole scales) or their
// squared norm (tiled ones, whose tiles compute their own part of the features); and
// for measuring the balance, the main style picture at the scale's size.
void Objective::aim(const Scale& scale, const std::vector<at::Tensor>& styles,
                    const std::vector<double>& shares, bool measuring) {
  const double side = std::max(scale.width, scale.height);
  for (std::size_t i = 0; i < styles.size(); ++i) {
    if (shares[i] <= 0) continue;
    auto [w, h] = style_size(styles[i], side, s_.style_scale);
    const at::Tensor picture = resize(styles[i], w, h);
    const Statistics stats =
        gather(picture, tiles_for(w, h, scale.tile_side, s_.style_layers, net_.pretrained()),
               [] { return true; });
    for (std::size_t l = 0; l < stats.grams.size(); ++l) {
      if (grams_.size() <= l) grams_.push_back(stats.grams[l] * shares[i]);
      else grams_[l] += stats.grams[l] * shares[i];
    }
    for (std::size_t c = 0; c < stats.crosses.size(); ++c) {
      const at::Tensor target = cross_covariance(stats.crosses[c]) * shares[i];
      if (cross_targets_.size() <= c) cross_targets_.push_back(target);
      else cross_targets_[c] += target;
    }
    for (std::size_t k = 0; k < stats.shifts.size(); ++k) {
      const at::Tensor target = cross_covariance(stats.shifts[k]) * shares[i];
      if (shift_targets_.size() <= k) shift_targets_.push_back(target);
      else shift_targets_[k] += target;
    }
    if (!style_.defined() && measuring) style_ = resize(styles[i], scale.width, scale.height);
  }
  if (!tiled()) {
    const auto f = net_.features(content_image_, content_layers_);
    content_ = f.at(s_.content_layer);
    if (edge_pool_ > 0) edges_ = edge_features(f.at(kEdgeLayer));
    return;
  }
  // The squared norm of a tile's part of the content's features on the content layer's grid.
  auto norm = [&](const at::Tensor& features, const Tile& t) {
    return interior(features, s_.content_layer, t, scale.width, scale.height)
        .to(at::kFloat).pow(2).sum().item<double>();
  };
  for (const Tile& t : tiles_) {
    const auto f = net_.features(crop(content_image_, t), content_layers_);
    content_norm_ += norm(f.at(s_.content_layer), t);
    if (edge_pool_ > 0) edges_norm_ += norm(edge_features(f.at(kEdgeLayer)), t);
  }
}

// Each style layer's gradient norm is measured at the content image, the content term's
// at the style image: each where it pulls as if starting from the other picture. The
// smoothness term's is measured on uniform noise, whose norm depends on the size alone.
// With every term at a gradient norm of 1 there, style-weight 10 means that the style
// (all its layers together) pulls ten times as hard as the content, on any network and
// at any scale. Every term is a mean over positions, so each norm falls as 1 / sqrt(pixels)
// alike: the large scales scale a small one's factors by that instead of measuring their
// own, which would cost them several steps' time each. So every statistic's factor is
// measured, also those of the layers this scale leaves out.
void Objective::measure_factors() {
  const at::Tensor x = content_image_.detach().clone().requires_grad_(true);
  const std::size_t layers = s_.style_layers.size();
  const std::size_t crosses = crosses_.size();
  std::vector<at::Tensor> terms(layers + crosses + shifts_.size()), finer(layers);
  net_.forward(x, s_.style_layers, [&](const std::string& layer, const at::Tensor& f) {
    style_losses(layer, f, finer, true,
                 [&](std::size_t i, const at::Tensor& loss) { terms[i] = loss; });
  });
  // Each layer pulls with its share (a gradient norm of 1, less for the built-in network's
  // coarse octaves; each pair of scales kCrossScaleShare, each shift kShiftShare), and then
  // they together pull with a norm of 1: the style's strength does not depend on how many
  // layers there are, nor on how far their pulls point the same way.
  at::Tensor together;
  std::vector<double> factors;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const at::Tensor g = torch::autograd::grad({terms[i]}, {x}, {}, i + 1 < terms.size())[0];
    const double share = i < layers ? layer_share(s_.style_layers[i], net_.separate_scales())
                         : i < layers + crosses ? kCrossScaleShare
                                                : kShiftShare;
    factors.push_back(share / std::max(g.norm().item<double>(), kTinyNorm));
    together = together.defined() ? together + factors.back() * g : factors.back() * g;
  }
  const double norm = std::max(together.norm().item<double>(), kTinyNorm);
  for (double& factor : factors) factor /= norm;
  factors_.style.assign(factors.begin(), factors.begin() + layers);
  factors_.cross.assign(factors.begin() + layers, factors.begin() + layers + crosses);
  factors_.shift.assign(factors.begin() + layers + crosses, factors.end());
  const at::Tensor y = style_.detach().clone().requires_grad_(true);
  const at::Tensor c =
      relative_loss(net_.features(y, {s_.content_layer}).at(s_.content_layer), content_);
  factors_.content = 1.0 / std::max(gradient_norm(c, y, false), kTinyNorm);
  if (edge_pool_ > 0) {
    const at::Tensor e =
        relative_loss(edge_features(net_.features(y, {kEdgeLayer}).at(kEdgeLayer)), edges_);
    factors_.edges = kEdgeShare / std::max(gradient_norm(e, y, false), kTinyNorm);
  }
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(kFixedSeed);
  const at::Tensor noise =
      at::rand(x.sizes(), generator).to(x.device()).requires_grad_(true);
  factors_.tv = 1.0 / std::max(gradient_norm(tv_loss(noise), noise, false), kTinyNorm);
  factors_.pixels = double(x.size(2)) * x.size(3);
}

Objective::Terms Objective::terms(const at::Tensor& image) const {
  // Each layer's losses as soon as the forward pass reaches it: autograd then computes
  // their gradients only when its backward pass gets back to that layer. Computed after
  // the whole forward, they would be computed first and held through the whole backward
  // (0.5 GB at 1024 px).
  at::Tensor content, edges, style;
  const std::size_t layers = s_.style_layers.size();
  std::vector<at::Tensor> finer(layers);
  net_.forward(image, layers_, [&](const std::string& layer, const at::Tensor& f) {
    if (layer == s_.content_layer) content = relative_loss(f, content_);
    if (layer == kEdgeLayer && edge_pool_ > 0) edges = relative_loss(edge_features(f), edges_);
    style_losses(layer, f, finer, false, [&](std::size_t i, const at::Tensor& loss) {
      const at::Tensor term = loss * style_factor(i);
      style = style.defined() ? style + term : term;
    });
  });
  content = factors_.content * content;
  if (edges.defined()) content = content + factors_.edges * edges;
  content = s_.content_weight * content + detail_term(image);
  style = style * s_.style_weight;
  at::Tensor tv = (s_.tv_weight * factors_.tv) * tv_loss(image).to(content.scalar_type());
  return {content, style, tv};
}

// A style statistic's factor: style layer l's, pair c's (statistic L + c), shift k's (L + C + k).
double Objective::style_factor(std::size_t i) const {
  const std::size_t layers = s_.style_layers.size(), crosses = crosses_.size();
  return i < layers ? factors_.style[i]
         : i < layers + crosses ? factors_.cross[i - layers]
                                : factors_.shift[i - layers - crosses];
}

// Hands `add` the relative losses that `layer`'s features complete: its Gram matrix's
// (statistic l for style layer l), where it is the coarser of a pair of scales the pair's
// cross covariance's (statistic L + c), and its shifts' covariances' (L + C + k); of the
// layers in use, or of `every` one. `finer` keeps each style layer's features until the
// next scale's arrive (a coarser layer is in use only where the finer one is).
void Objective::style_losses(const std::string& layer, const at::Tensor& f,
                             std::vector<at::Tensor>& finer, bool every,
                             const StyleLoss& add) const {
  const std::size_t layers = s_.style_layers.size();
  for (std::size_t l = 0; l < layers; ++l) {
    if (layer != s_.style_layers[l] || !(every || in_use_[l])) continue;
    add(l, relative_loss(gram(f), grams_[l]));
    for (std::size_t c = 0; c < crosses_.size(); ++c)
      if (crosses_[c] == l)
        add(layers + c, relative_loss(cross_covariance(cross_sums(onto_coarser(finer[l - 1]), f)),
                                      cross_targets_[c]));
    for (std::size_t k = 0; k < shifts_.size(); ++k)
      if (shifts_[k].layer == l)
        add(layers + crosses_.size() + k,
            relative_loss(cross_covariance(shifted_sums(f, net_.stroke_channels(), shifts_[k].dx,
                                                        shifts_[k].dy, 0, 0, f.size(2), f.size(3))),
                          shift_targets_[k]));
    if (l > 0) finer[l - 1] = at::Tensor();
    finer[l] = f;
  }
}

double Objective::style_share(const at::Tensor& image) const {
  const at::Tensor x = image.detach().clone().requires_grad_(true);
  const Terms t = terms(x);
  const double style = gradient_norm(t.style, x, true), content = gradient_norm(t.content, x, false);
  return style / std::max(style + content, kTinyNorm);
}

double Objective::evaluate(const at::Tensor& x, Losses& out, const TileCallback& between) const {
  return tiled() ? evaluate_tiled(x, out, between) : evaluate_whole(x, out);
}

// kEdgeLayer's filters without the colours, each edge_pool_ x edge_pool_ block of positions
// averaged: on the content layer's grid, as the built-in pyramid halves (ceil(n / pool)).
// Pooled before the colours are left out: a slice of the channels would be copied whole first.
at::Tensor Objective::edge_features(const at::Tensor& features) const {
  const at::Tensor pooled = at::avg_pool2d(features, {edge_pool_, edge_pool_},
                                           {edge_pool_, edge_pool_}, {0, 0}, /*ceil_mode=*/true,
                                           /*count_include_pad=*/false);
  return pooled.narrow(1, 0, pooled.size(1) - net_.colour_channels());
}

at::Tensor Objective::detail_term(const at::Tensor& x) const {
  const double weight = kDetailShare * s_.content_weight * s_.content_weight / s_.style_weight;
  return (weight * squared_difference_factor(x)) * (x - content_image_).pow(2).mean();
}

// Ruder et al.'s temporal loss: the mean over pixels and channels of the squared
// difference to the target, weighted by the mask.
at::Tensor Objective::temporal_term(const at::Tensor& x) const {
  if (temporal_.weight <= 0) return at::zeros({}, x.options().requires_grad(false));
  return (temporal_.weight * squared_difference_factor(x)) *
         (temporal_.mask * (x - temporal_.target).pow(2)).mean();
}

double Objective::evaluate_whole(const at::Tensor& x, Losses& out) const {
  const Terms t = terms(x);
  const at::Tensor temporal = temporal_term(x).to(t.content.scalar_type());
  const at::Tensor range = range_term(x, s_).to(t.content.scalar_type());
  const at::Tensor total = t.content + t.style + t.tv + temporal + range;
  total.backward();
  out = {t.content.item<double>(), t.style.item<double>(), t.tv.item<double>(), total.item<double>()};
  out.temporal = temporal.item<double>();
  out.range = range.item<double>();
  return out.total;
}

// Two passes over the tiles. The first, forward only, gathers the Gram matrices of the
// whole image; the style loss and its gradient with respect to each Gram follow. The
// second runs each tile forward and backward with those gradients held fixed, so that
// each tile's pixels receive exactly their share of the whole image's gradient, halo
// included, and adds it in. The smoothness term is cheap and runs on the whole image.
double Objective::evaluate_tiled(const at::Tensor& x, Losses& out,
                                 const TileCallback& between) const {
  const int count = 2 * static_cast<int>(tiles_.size());
  int done = 0;
  auto after_tile = [&] {
    if (!between(++done, count)) throw StopBetweenTiles{};
    return true;
  };
  Statistics stats;
  {
    torch::NoGradGuard no_grad;
    stats = gather(x.detach(), tiles_, after_tile);
  }
  double style = 0;
  std::vector<at::Tensor> pull;
  for (std::size_t l = 0; l < stats.grams.size(); ++l) {
    if (!in_use_[l]) {
      pull.emplace_back();
      continue;
    }
    const at::Tensor g = stats.grams[l].requires_grad_(true);
    const at::Tensor term = relative_loss(g, grams_[l]) * (factors_.style[l] * s_.style_weight);
    pull.push_back(torch::autograd::grad({term}, {g})[0] * (1.0 / stats.positions[l]));
    style += term.item<double>();
  }
  // A covariance's loss, added to `style`, and its gradient on the sums it is made of.
  auto pull_on = [&](CrossSums sums, const at::Tensor& target, double factor) {
    for (at::Tensor* t : {&sums.products, &sums.finer, &sums.coarser}) t->requires_grad_(true);
    const at::Tensor term =
        relative_loss(cross_covariance(sums), target) * (factor * s_.style_weight);
    const auto g = torch::autograd::grad({term}, {sums.products, sums.finer, sums.coarser});
    style += term.item<double>();
    return CrossSums{g[0], g[1], g[2], sums.positions};
  };
  std::vector<CrossSums> cross_pull, shift_pull;
  for (std::size_t c = 0; c < stats.crosses.size(); ++c)
    cross_pull.push_back(in_use_[crosses_[c]]
                             ? pull_on(stats.crosses[c], cross_targets_[c], factors_.cross[c])
                             : CrossSums{});
  for (std::size_t k = 0; k < stats.shifts.size(); ++k)
    shift_pull.push_back(in_use_[shifts_[k].layer]
                             ? pull_on(stats.shifts[k], shift_targets_[k], factors_.shift[k])
                             : CrossSums{});
  at::Tensor& grad = x.mutable_grad();
  if (!grad.defined()) grad = at::zeros_like(x);
  double content = 0;
  for (const Tile& t : tiles_) {
    const at::Tensor piece = crop(x.detach(), t).clone().requires_grad_(true);
    tile_loss(piece, t, pull, cross_pull, shift_pull, content).backward();
    crop(grad, t).add_(piece.grad());
    after_tile();
  }
  const at::Tensor tv = (s_.tv_weight * factors_.tv) * tv_loss(x);
  tv.backward();
  const at::Tensor detail = detail_term(x);
  detail.backward();
  content += detail.item<double>();
  const at::Tensor temporal = temporal_term(x);
  if (temporal.requires_grad()) temporal.backward();
  const at::Tensor range = range_term(x, s_);
  range.backward();
  out.content = content;
  out.style = style;
  out.tv = tv.item<double>();
  out.temporal = temporal.item<double>();
  out.range = range.item<double>();
  out.total = out.content + out.style + out.tv + out.temporal + out.range;
  return out.total;
}

// The Gram matrices and cross covariances' sums of `image` over its tiles, each tile adding
// its own positions' share. A pair's finer features are averaged onto the coarser grid
// over the whole crop, then cut to the tile's own positions like the coarser ones.
Objective::Statistics Objective::gather(const at::Tensor& image, const std::vector<Tile>& tiles,
                                        const std::function<bool()>& after_tile) const {
  const std::size_t layers = s_.style_layers.size();
  Statistics stats{std::vector<at::Tensor>(layers), std::vector<double>(layers, 0),
                   std::vector<CrossSums>(crosses_.size()), std::vector<CrossSums>(shifts_.size())};
  const int width = static_cast<int>(image.size(3)), height = static_cast<int>(image.size(2));
  for (const Tile& t : tiles) {
    std::vector<at::Tensor> finer(layers);
    net_.forward(crop(image, t), s_.style_layers, [&](const std::string& layer, const at::Tensor& f) {
      for (std::size_t l = 0; l < layers; ++l) {
        if (layer != s_.style_layers[l]) continue;
        const at::Tensor own = interior(f, layer, t, width, height);
        for (std::size_t c = 0; c < crosses_.size(); ++c)
          if (crosses_[c] == l)
            accumulate(stats.crosses[c],
                       cross_sums(interior(onto_coarser(finer[l - 1]), layer, t, width, height), own));
        for (std::size_t k = 0; k < shifts_.size(); ++k)
          if (shifts_[k].layer == l)
            accumulate(stats.shifts[k], tile_shift_sums(f, shifts_[k], t, width, height));
        finer[l] = f;
        const double n = double(own.size(2)) * own.size(3);
        if (n == 0) continue;  // a sliver at the edge, narrower than the layer's stride
        const at::Tensor sum = gram(own) * n;
        stats.grams[l] = stats.grams[l].defined() ? stats.grams[l] + sum : sum;
        stats.positions[l] += n;
      }
    });
    after_tile();
  }
  for (std::size_t l = 0; l < layers; ++l) stats.grams[l] /= stats.positions[l];
  return stats;
}

// A tile's part of the loss: its positions' content error, and the style's pull as the
// inner product of each Gram's fixed gradient (per position: `pull`) with the tile's sum
// of its positions' feature products, whose gradient on the tile's pixels is exactly the
// whole style loss's.
at::Tensor Objective::tile_loss(const at::Tensor& x, const Tile& t, const std::vector<at::Tensor>& pull,
                                const std::vector<CrossSums>& cross_pull,
                                const std::vector<CrossSums>& shift_pull, double& content) const {
  const int width = static_cast<int>(content_image_.size(3));
  const int height = static_cast<int>(content_image_.size(2));
  at::Tensor target, edge_target;
  {
    torch::NoGradGuard no_grad;
    const auto f = net_.features(crop(content_image_, t), content_layers_);
    target = interior(f.at(s_.content_layer), s_.content_layer, t, width, height).to(at::kFloat);
    if (edge_pool_ > 0)
      edge_target = interior(edge_features(f.at(kEdgeLayer)), s_.content_layer, t, width, height)
                        .to(at::kFloat);
  }
  at::Tensor loss = at::zeros({}, at::kFloat);
  // The tile's part of a relative squared error whose target's squared norm is `norm`.
  auto hold = [&](const at::Tensor& own, const at::Tensor& goal, double factor, double norm) {
    const at::Tensor term = (own.to(at::kFloat) - goal).pow(2).sum() *
                            (s_.content_weight * factor / (norm + kRelativeEpsilon));
    content += term.item<double>();
    loss = loss + term;
  };
  std::vector<at::Tensor> finer(s_.style_layers.size());
  net_.forward(x, layers_, [&](const std::string& layer, const at::Tensor& f) {
    const at::Tensor own = interior(f, layer, t, width, height);
    if (layer == s_.content_layer) hold(own, target, factors_.content, content_norm_);
    if (layer == kEdgeLayer && edge_pool_ > 0)
      hold(interior(edge_features(f), s_.content_layer, t, width, height), edge_target,
           factors_.edges, edges_norm_);
    for (std::size_t l = 0; l < s_.style_layers.size(); ++l) {
      if (layer != s_.style_layers[l] || !in_use_[l]) continue;
      for (std::size_t c = 0; c < crosses_.size(); ++c) {
        if (crosses_[c] != l) continue;
        const at::Tensor coarsened = interior(onto_coarser(finer[l - 1]), layer, t, width, height);
        loss = loss + pulled(cross_sums(coarsened, own), cross_pull[c]);
      }
      for (std::size_t k = 0; k < shifts_.size(); ++k) {
        if (shifts_[k].layer != l) continue;
        const CrossSums s = tile_shift_sums(f, shifts_[k], t, width, height);
        if (s.positions > 0) loss = loss + pulled(s, shift_pull[k]);
      }
      finer[l] = f;
      if (own.numel() != 0)
        loss = loss + (gram(own) * pull[l]).sum() * (double(own.size(2)) * own.size(3));
    }
  });
  return loss;
}

// The features of `layer` that belong to tile `t`: those whose positions lie in the tile's
// own pixels, out of the features of its crop. Crops start at multiples of the stride, so
// the crop's feature grid is the whole image's, shifted.
at::Tensor Objective::interior(const at::Tensor& features, const std::string& layer,
                               const Tile& t, int width, int height) const {
  const int stride = layer_reach(layer, net_.pretrained()).stride;
  auto range = [stride](at::Tensor f, int dim, int begin, int size, int from, int full) {
    const int64_t first = (begin - from) / stride;
    const int64_t last = begin + size == full ? f.size(dim) : (begin + size - from) / stride;
    return f.narrow(dim, first, last - first);
  };
  return range(range(features, 2, t.y, t.height, t.crop_y, height), 3, t.x, t.width, t.crop_x, width);
}

// Tile `t`'s own positions' part of `shift`'s sums, out of the features of its crop, whose
// halo holds their partners (choose_shifts).
CrossSums Objective::tile_shift_sums(const at::Tensor& features, const Shift& shift,
                                     const Tile& t, int width, int height) const {
  const std::string& layer = s_.style_layers[shift.layer];
  const at::Tensor own = interior(features, layer, t, width, height);
  const int stride = layer_reach(layer, false).stride;
  return shifted_sums(features, net_.stroke_channels(), shift.dx, shift.dy,
                      (t.y - t.crop_y) / stride, (t.x - t.crop_x) / stride, own.size(2),
                      own.size(3));
}

}  // namespace neural_style
