#include "neural_style/transfer.h"

#include <torch/autograd.h>
#include <torch/optim/adam.h>
#include <torch/optim/lbfgs.h>
#include <torch/utils.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>

#include "image_tensor.h"
#include "memory_reuse.h"
#include "objective.h"
#include "run_setup.h"
#include "start.h"
#include "neural_style/plan.h"

namespace neural_style {
namespace {

constexpr double kAdamRate = 0.02;    // pixels are in 0..1
constexpr double kStartPerturbation = 0.1;  // of the pixel range, either way
// The share of noise in the start per tenfold style strength beyond the default: the
// strongest styles repaint the whole photo rather than stop near it (docs/design.md).
constexpr double kStartNoisePerDecade = 0.25;
// How far the start moves towards the painting's palette: three quarters of the way from
// the default strength up (the photo's own tones keep the light of its big shapes), fading
// out down to the strength slider's low end, where the weakest styles keep the photo's
// colours (docs/design.md).
constexpr double kStartPalette = 0.75;
constexpr double kPhotoColoursAt = 0.1;
constexpr int kReferenceSide = 512;  // the largest scale that measures its own balance
constexpr int kMaxStepsUndone = 8;   // per scale, each try with half the step before
using Clock = std::chrono::steady_clock;

// The codes for a bad content image and a bad style image, in this order.
struct ImageCodes {
  ErrorCode malformed, too_small, invalid_pixels;
};
constexpr ImageCodes kContentCodes = {ErrorCode::content_image_malformed,
                                      ErrorCode::content_image_too_small,
                                      ErrorCode::content_image_invalid_pixels};
constexpr ImageCodes kStyleCodes = {ErrorCode::style_image_malformed,
                                    ErrorCode::style_image_too_small,
                                    ErrorCode::style_image_invalid_pixels};

void check_image(const Image& image, const ImageCodes& codes) {
  if (image.empty() || image.channels < 1 || image.channels > 4 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * image.channels)
    throw Error(codes.malformed);
  if (std::min(image.width, image.height) < kMinSide)
    throw Error(codes.too_small, {std::to_string(kMinSide)});
  for (float v : image.pixels)
    if (!std::isfinite(v)) throw Error(codes.invalid_pixels);
}

void check_inputs(const Image& content, const std::vector<Image>& styles, const Settings& s) {
  validate(s);
  check_image(content, kContentCodes);
  if (styles.empty() || styles.size() > 2) throw Error(ErrorCode::style_count);
  for (const Image& style : styles) check_image(style, kStyleCodes);
  if (s.style_mix > 0 && styles.size() < 2) throw Error(ErrorCode::mix_without_second_style);
}

// Weights for each style image's Gram targets.
std::vector<double> style_shares(const std::vector<Image>& styles, const Settings& s) {
  if (styles.size() == 1) return {1.0};
  return {1.0 - s.style_mix, s.style_mix};
}

// One run of the method: the network, the inputs on the device, and the bookkeeping
// for progress and time left.
class Run {
 public:
  Run(const Network& net, const Settings& settings, const std::vector<Scale>& scales,
      const ProgressCallback& callback)
      : net_(net), s_(settings), callback_(callback), scales_(scales) {
    for (const Scale& scale : scales_) total_ += scale.iterations;
  }

  // Optimises `image` (1x3xHxW, at the scale's size) in place; false if stopped.
  bool optimise(at::Tensor& image, const at::Tensor& content, const std::vector<at::Tensor>& styles,
                const std::vector<double>& shares, const Scale& scale);

  // Animation frames: the temporal term at the content's size, for every scale.
  void keep_near(const Temporal& temporal) { temporal_ = temporal; }

  int iterations_done() const { return done_; }
  int steps_undone() const { return undone_; }
  const Losses& losses() const { return losses_; }
  double style_share() const { return style_share_; }

 private:
  std::unique_ptr<torch::optim::Optimizer> optimizer(const at::Tensor& image, int history,
                                                     double step_scale) const;
  bool converged(const std::vector<double>& totals) const;
  void pass_on(int unused);
  bool report(const at::Tensor& image, double step_seconds, int tile = 0, int tiles = 0);

  const Network& net_;
  const Settings& s_;
  const ProgressCallback& callback_;
  std::vector<Scale> scales_;
  std::size_t scale_index_ = 0;
  int total_ = 0, done_ = 0, undone_ = 0;
  Losses losses_;
  Factors factors_;  // the last whole scale's, for tiled scales
  Clock::time_point start_ = Clock::now();
  double seconds_per_pixel_step_ = -1;  // running estimate for the time left
  double style_share_ = 0;
  Temporal temporal_;
};

std::unique_ptr<torch::optim::Optimizer> Run::optimizer(const at::Tensor& image, int history,
                                                        double step_scale) const {
  if (s_.optimizer == Optimizer::adam)
    return std::make_unique<torch::optim::Adam>(
        std::vector<at::Tensor>{image}, torch::optim::AdamOptions(kAdamRate * step_scale));
  // One iteration per step() call, so progress and stop are checked after each; the
  // history carries over between calls.
  return std::make_unique<torch::optim::LBFGS>(
      std::vector<at::Tensor>{image},
      torch::optim::LBFGSOptions(step_scale).max_iter(1).history_size(history));
}

// Whether a step's loss and the gradient it moved by are numbers.
bool finite_step(const Losses& losses, const at::Tensor& x) {
  return std::isfinite(losses.total) &&
         (!x.grad().defined() || x.grad().isfinite().all().item<bool>());
}

// Whether the best loss so far fell by less than settings.convergence per step over the
// last window of steps. The best, not the step's own: one leap of L-BFGS (see optimise)
// is no sign that the scale is done.
bool Run::converged(const std::vector<double>& totals) const {
  const std::size_t n = totals.size();
  if (s_.convergence <= 0 || n <= kConvergenceWindow) return false;
  const double before = totals[n - 1 - kConvergenceWindow];
  return before - totals[n - 1] < s_.convergence * kConvergenceWindow * std::abs(before);
}

// Ends the current scale `unused` steps early and gives the next scale as many steps as
// take the same time there (its steps cost more), so a run never takes longer than its
// budget and the finer scales, which decide the picture, get the time. The last scale's
// unused steps end the run early. The time left follows from the new plan.
void Run::pass_on(int unused) {
  Scale& here = scales_[scale_index_];
  here.iterations -= unused;
  total_ -= unused;
  if (scale_index_ + 1 == scales_.size()) return;
  Scale& next = scales_[scale_index_ + 1];
  const auto cost = [](const Scale& s) { return double(s.width) * s.height * s.work; };
  const int extra = static_cast<int>(unused * cost(here) / cost(next));
  next.iterations += extra;
  total_ += extra;
}

bool Run::optimise(at::Tensor& image, const at::Tensor& content,
                   const std::vector<at::Tensor>& styles, const std::vector<double>& shares,
                   const Scale& scale) {
  // The balance of the losses is measured on the scales up to kReferenceSide, and the
  // larger ones scale it (objective.h).
  const bool measure =
      scale.tile_side == 0 && std::max(scale.width, scale.height) <= kReferenceSide;
  if (scale_index_ == 0 && !measure) {
    // A run that starts large (one scale): measure it on a small copy.
    auto [w, h] = fit_longest(scale.width, scale.height, kReferenceSide);
    const Objective reference(net_, s_, Scale{w, h, 0}, resize(content, w, h), styles, shares, {});
    factors_ = reference.factors();
    style_share_ = reference.style_share(0.5 * (resize(content, w, h) + reference.style_picture()));
  }
  Objective objective(net_, s_, scale, content, styles, shares, measure ? Factors{} : factors_);
  if (measure) factors_ = objective.factors();
  if (temporal_.weight > 0)
    objective.keep_near({resize(temporal_.target, scale.width, scale.height),
                         resize(temporal_.mask, scale.width, scale.height), temporal_.weight});
  // Halfway between the two pictures both terms pull, and the image is the same
  // whatever the network: where the balance of the weights shows.
  if (scale_index_ == 0 && measure)
    style_share_ = objective.style_share(0.5 * (content + objective.style_picture()));
  at::Tensor x = image.detach().clone().requires_grad_(true);
  double step_scale = 1;
  int undone_here = 0;
  auto opt = optimizer(x, scale.history, step_scale);
  // The best iterate evaluated so far, not the last: L-BFGS without a line search now and
  // then leaps far (the loss 10 to 10^7 times higher for a step, on a 256-px frame of the
  // frames benchmark), and the convergence stop fires on just such a rise, so the last
  // iterate handed a wreck on to the next scale or the user.
  at::Tensor best = image;
  double best_total = std::numeric_limits<double>::infinity();
  Losses step_losses;
  auto between_tiles = [&](int tile, int tiles) { return report(best, -1, tile, tiles); };
  auto closure = [&]() -> at::Tensor {
    opt->zero_grad();
    return at::scalar_tensor(objective.evaluate(x, step_losses, between_tiles));
  };
  // This scale's steps: its budget, and what converged scales before it passed on.
  const int planned = scales_[scale_index_].iterations;
  std::vector<double> totals;
  for (int i = 0; i < planned; ++i) {
    const auto begin = Clock::now();
    const at::Tensor evaluated = x.detach().clone();  // the step's loss is this point's
    try {
      if (s_.optimizer == Optimizer::lbfgs) {
        opt->step(closure);
      } else {
        closure();
        opt->step();
      }
    } catch (const StopBetweenTiles&) {
      image = best;
      return false;
    }
    torch::NoGradGuard no_grad;
    if (!finite_step(step_losses, x)) {
      // Undone: from the best image, a fresh optimiser with half the step. Without a finite
      // image on this scale there is nothing to go back to.
      if (!std::isfinite(best_total) || ++undone_here > kMaxStepsUndone)
        throw Error(ErrorCode::loss_not_finite,
                    {std::to_string(scale_index_ + 1), std::to_string(undone_here)});
      ++undone_;
      x.copy_(best);
      step_scale /= 2;
      opt = optimizer(x, scale.history, step_scale);
    } else if (step_losses.total < best_total) {
      // Clamp the copy, not x: moving x behind L-BFGS's back spoils its curvature pairs, and
      // the loss then jumps 2-5x on some steps.
      best_total = step_losses.total;
      best = evaluated.clamp(0, 1);
      losses_ = step_losses;
    }
    ++done_;
    totals.push_back(best_total);
    const bool done = converged(totals);
    if (done) pass_on(planned - i - 1);  // before the report, which shows the new plan
    if (!report(best, std::chrono::duration<double>(Clock::now() - begin).count())) {
      image = best;
      return false;
    }
    if (done) break;
  }
  image = best;
  ++scale_index_;
  return true;
}

// After a step (step_seconds >= 0) or, within a tiled step, after a tile.
bool Run::report(const at::Tensor& image, double step_seconds, int tile, int tiles) {
  const Scale& scale = scales_[scale_index_];
  const double pixels = double(scale.width) * scale.height;
  const double rate = step_seconds / pixels;
  // The first steps of a scale include one-time set-up; an average settles that.
  if (step_seconds >= 0)
    seconds_per_pixel_step_ =
        seconds_per_pixel_step_ < 0 ? rate : 0.8 * seconds_per_pixel_step_ + 0.2 * rate;
  double pixel_steps_left = 0;
  int before = 0;
  for (const Scale& s : scales_) {
    const int left = std::clamp(before + s.iterations - done_, 0, s.iterations);
    pixel_steps_left += double(left) * s.width * s.height;
    before += s.iterations;
  }
  if (!callback_) return true;
  Progress p;
  p.scale = static_cast<int>(scale_index_) + 1;
  p.scales = static_cast<int>(scales_.size());
  p.width = scale.width;
  p.height = scale.height;
  p.iteration = done_;
  p.iterations = total_;
  p.tile = tile;
  p.tiles = tiles;
  p.losses = losses_;
  p.steps_undone = undone_;
  p.seconds_elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  p.seconds_left = seconds_per_pixel_step_ < 0 ? -1 : seconds_per_pixel_step_ * pixel_steps_left;
  p.snapshot = [&image] { return to_rgb_image(image); };
  return callback_(p);
}

// The start, at the coarsest scale: seeded noise, or the content in the painting's
// palette with a seeded perturbation. The palette gives the strokes the painting's colours
// and tones from the first step; the perturbation gives the style a foothold in flat areas
// (the built-in network's zero-mean filters answer a flat area with exactly nothing, and a
// ReLU passes no gradient there, so the style never reached it), and makes the seed pick
// one of many equally good paintings. Enlarged with the image, it leaves no pixel noise
// behind. Below the default strength the palette fades out, above it the start moves
// towards the noise.
at::Tensor initial_image(const at::Tensor& content, const std::vector<at::Tensor>& styles,
                         const std::vector<double>& shares, const Settings& s) {
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(s.seed);
  const at::Tensor noise = at::rand(content.sizes(), generator).to(content.device());
  if (s.init == Init::noise) return noise;
  const double fade = std::log10(s.style_weight / kPhotoColoursAt) /
                     std::log10(kDefaultStyleWeight / kPhotoColoursAt);
  const double palette = kStartPalette * std::clamp(fade, 0.0, 1.0);
  const double decades = std::log10(s.style_weight / kDefaultStyleWeight);
  const at::Tensor coloured = palette > 0 && !s.preserve_colors
                                  ? content.lerp(match_palette(content, styles, shares), palette)
                                  : content;
  const at::Tensor start = (coloured + kStartPerturbation * (2 * noise - 1)).clamp(0, 1);
  const double mix = std::clamp(kStartNoisePerDecade * decades, 0.0, 1.0);
  return mix > 0 ? start.lerp(noise, mix) : start;
}

// The first scale's start: `start`'s image where there is one.
at::Tensor first_image(const at::Tensor& content, const std::vector<at::Tensor>& styles,
                       const std::vector<double>& shares, const Settings& s,
                       const Start& start) {
  if (start.image.empty()) return initial_image(content, styles, shares, s);
  return resize(to_tensor(start.image).to(content.device()), int(content.size(3)), int(content.size(2)));
}

}  // namespace

Result transfer(const Image& content, const std::vector<Image>& styles, const Settings& settings,
                const ProgressCallback& progress) {
  return transfer_from(content, styles, settings, progress, Start{});
}

Result transfer_from(const Image& content, const std::vector<Image>& styles,
                     const Settings& settings, const ProgressCallback& progress,
                     const Start& start) {
  try {
    check_inputs(content, styles, settings);
    at::set_num_threads(thread_count(settings));
    const at::Device device = pick_device(settings);
    Result result;
    const std::unique_ptr<Network> net = load_network(settings, result.weights_path);
    result.pretrained = net->pretrained();
    const at::ScalarType dtype = pick_dtype(settings, device);
    result.device = device.is_cuda() ? "cuda" : "cpu";
    result.precision = dtype == at::kBFloat16 ? "bf16" : "fp32";
    net->to(device, dtype, /*channels_last=*/true);

    const at::Tensor full = to_tensor(content).to(device);
    std::vector<at::Tensor> style_tensors;
    for (const Image& style : styles) style_tensors.push_back(to_tensor(style).to(device));
    std::vector<Extent> style_extents;
    for (const Image& style : styles) style_extents.push_back({style.width, style.height});
    const MemoryPlan memory_plan = plan_memory(content.width, content.height, style_extents,
                                               settings, net->pretrained());
    result.memory_budget = memory_plan.budget;
    const std::vector<Scale>& scales = memory_plan.scales;
    Settings resolved = settings;
    resolved.content_layer = content_layer(settings, net->pretrained());
    result.content_layer = resolved.content_layer;
    Run run(*net, resolved, scales, progress);
    if (start.temporal_weight > 0)
      run.keep_near({to_tensor(start.target).to(device), to_tensor(start.mask).to(device),
                     start.temporal_weight});
    MemoryReuse memory(
        static_cast<std::size_t>(std::max(0.0, memory_plan.budget - memory_plan.peak)));
    const std::vector<double> shares = style_shares(styles, settings);
    at::Tensor image;
    for (const Scale& scale : scales) {
      memory.release_kept();  // the previous scale's sizes
      const at::Tensor content_s = resize(full, scale.width, scale.height);
      image = image.defined() ? resize(image, scale.width, scale.height)
                              : first_image(content_s, style_tensors, shares, settings, start);
      if (!run.optimise(image, content_s, style_tensors, shares, scale)) {
        result.stopped = true;
        break;
      }
    }
    at::Tensor out = resize(image, content.width, content.height);
    if (settings.preserve_colors) out = preserve_colors(out, full);
    result.image = to_image(out, content);
    result.iterations_done = run.iterations_done();
    result.steps_undone = run.steps_undone();
    result.losses = run.losses();
    result.style_share = run.style_share();
    return result;
  } catch (...) {  // libtorch's, a failed allocation, anything: as a coded Error
    throw as_error(std::current_exception());
  }
}

Losses losses_of(const Image& image, const Image& content, const std::vector<Image>& styles,
                 const Settings& settings) {
  // A run of one step from `image` reports the losses at its start: every optimiser step
  // evaluates the loss where it stands before it moves.
  Settings one = settings;
  one.multi_scale = false;
  one.iterations = 1;
  Start start;
  start.image = image;
  return transfer_from(content, styles, one, {}, start).losses;
}

}  // namespace neural_style
