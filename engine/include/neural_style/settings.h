// What a style transfer is asked to do. Plain C++ so that every front end can fill it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace neural_style {

enum class Optimizer { lbfgs, adam };
enum class Init { content, noise };
enum class Device { automatic, cpu, cuda };
// bf16 runs the network in bfloat16 (Grams, losses and the optimiser stay fp32). Automatic
// picks it only where it is measured faster (speed.h).
enum class Precision { automatic, fp32, bf16 };

// Limits the front ends share, so a value is refused with the same words everywhere.
inline constexpr int kMinSide = 16;           // VGG-19 pools four times before relu5_1
// Working size, longest side: GIMP's own largest image. Memory is what limits a run.
inline constexpr int kMaxSize = 524288;
inline constexpr double kMaxMemory = 1e6;     // GB
inline constexpr int kMaxIterations = 100000;
inline constexpr double kMaxWeight = 1e9;
inline constexpr double kMinStyleScale = 0.1;
inline constexpr double kMaxStyleScale = 8.0;
inline constexpr int kMaxThreads = 1024;
// The style pulls this many times as hard as the content (objective.cpp's balance): the
// photo repainted everywhere while its composition stays (docs/benchmarks.md, Quality).
inline constexpr double kDefaultStyleWeight = 10.0;
// Four times the balance: the built-in content's edge term brings back the photo's fine
// colour detail, and this keeps it from turning into speckle (docs/benchmarks.md, Quality).
inline constexpr double kDefaultTvWeight = 4.0;
inline constexpr int kDefaultIterations = 300;
// A scale has converged when its loss fell by less than this share per step, on average
// over the last kConvergenceWindow steps (L-BFGS plateaus for a few steps before it drops
// again, so one step says little). A converged scale passes its unused steps on to the
// next (transfer.cpp; docs/design.md, Convergence).
inline constexpr double kDefaultConvergence = 1e-3;
inline constexpr int kConvergenceWindow = 10;
// The GIMP plug-ins have no argument for it (GIMP 2.10's batch contract is fixed): they take
// it from this environment variable when set, e.g. 0 for runs that must last until stopped.
inline constexpr const char* kConvergenceVariable = "NEURAL_STYLE_CONVERGENCE";

struct Settings {
  // The losses are normalised (see losses.h), so these weights mean the same at any
  // image size and for either network.
  double content_weight = 1.0;
  double style_weight = kDefaultStyleWeight;
  double tv_weight = kDefaultTvWeight;
  double style_mix = 0.0;     // share of the second style image, 0..1
  double style_scale = 1.0;   // style image size relative to the working size
  int size = 0;               // working size cap: longest side in pixels; 0 = the content's own
  int iterations = kDefaultIterations;  // optimiser steps over all scales, at most
  double convergence = kDefaultConvergence;  // 0..1; 0: every step of the budget
  bool preserve_colors = false;
  bool multi_scale = true;    // coarse-to-fine from ~128 px; false: all steps at full size
  std::uint64_t seed = 0;
  Optimizer optimizer = Optimizer::lbfgs;
  Init init = Init::content;
  Device device = Device::automatic;
  Precision precision = Precision::automatic;
  int threads = 0;            // 0 = every core
  double memory = 0;          // budget in GB (10^9 bytes); 0 = a share of the machine's
  std::vector<std::string> style_layers = {"relu1_1", "relu2_1", "relu3_1", "relu4_1",
                                           "relu5_1"};
  // Empty: the network's own (see content_layer()).
  std::string content_layer;
  std::string weights_path;   // empty = look up (see weights.h)
};

// Throws neural_style::Error naming the first bad field in its command-line spelling
// (e.g. "style-weight must be ...").
void validate(const Settings& settings);

// The content layer a run uses when settings.content_layer is empty: relu4_2 with the
// pre-trained VGG-19 (Gatys et al.'s) and relu4_1 with the built-in network, both at an
// eighth of the resolution: the layout is kept and every pixel is repainted
// (docs/design.md, The content layer).
inline constexpr const char* kPretrainedContentLayer = "relu4_2";
inline constexpr const char* kBuiltinContentLayer = "relu4_1";

// settings.content_layer, or else the network's default above.
std::string content_layer(const Settings& settings, bool pretrained);

// The CPU threads a run gets: settings.threads, or every core for 0 (at least 1).
int thread_count(const Settings& settings);

}  // namespace neural_style
