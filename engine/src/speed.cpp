#include "neural_style/speed.h"

#include <torch/version.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <locale>
#include <optional>
#include <sstream>
#include <vector>

#include "engine_sources_digest.h"
#include "hardware.h"
#include "objective.h"
#include "run_setup.h"
#include "neural_style/error.h"
#include "neural_style/weights.h"
#include "speed_key.h"
#include "user_folders.h"

namespace neural_style {
namespace {

// bf16 rounds the network's arithmetic, so it must earn its place: clearly faster.
constexpr double kBf16Advantage = 0.9;

// FNV-1a in hexadecimal, as hardware.cpp's: the same in every build, unlike std::hash.
std::string digest(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  std::ostringstream hex;
  hex << std::hex << std::setw(16) << std::setfill('0') << hash;
  return hex.str();
}

std::string cache_key(const Settings& settings) {
  return speed_cache_key(speed_key_parts(settings));
}

// What the cache knows for one key: the automatic choice (automatic: none made yet) and the
// step cost of each precision (0: not measured).
struct Entry {
  Precision choice = Precision::automatic;
  double fp32 = 0;
  double bf16 = 0;
  double& cost(Precision p) { return p == Precision::bf16 ? bf16 : fp32; }
};

const char* name(Precision p) {
  return p == Precision::bf16 ? "bf16" : p == Precision::fp32 ? "fp32" : "none";
}

// A line's value: "choice=bf16 fp32=0.81 bf16=0.42".
Entry parse(const std::string& value) {
  std::istringstream in(value);
  in.imbue(std::locale::classic());
  std::string choice;
  Entry entry;
  in.ignore(value.size(), '=') >> choice;
  in.ignore(value.size(), '=') >> entry.fp32;
  in.ignore(value.size(), '=') >> entry.bf16;
  if (!in || !(entry.fp32 >= 0) || !(entry.bf16 >= 0)) return {};
  for (Precision p : {Precision::fp32, Precision::bf16})
    if (choice == name(p) && entry.cost(p) > 0) entry.choice = p;
  return entry;
}

std::vector<std::string> cache_lines() {
  std::ifstream file(speed_cache_path());
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);) lines.push_back(line);
  return lines;
}

Entry cached(const std::string& key) {
  for (const std::string& line : cache_lines())
    if (line.rfind(key + '\t', 0) == 0) return parse(line.substr(key.size() + 1));
  return {};
}

// Replaces the key's line, keeping the others (other thread counts, the other network).
// Written to a temporary file and renamed, so that a reader never sees half a file. A
// cache that cannot be written only costs the next run its measurement.
void store(const std::string& key, const Entry& entry) {
  std::ostringstream line;
  line.imbue(std::locale::classic());
  line.precision(std::numeric_limits<double>::max_digits10);  // read back exactly
  line << key << "\tchoice=" << name(entry.choice) << " fp32=" << entry.fp32
       << " bf16=" << entry.bf16;
  const std::filesystem::path path = speed_cache_path();
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  const std::string temporary = path.string() + "." + std::to_string(getpid());
  {
    std::ofstream file(temporary);
    for (const std::string& other : cache_lines())
      if (other.rfind(key + '\t', 0) != 0) file << other << '\n';
    file << line.str() << '\n';
  }
  std::filesystem::rename(temporary, path, error);
  if (error) std::filesystem::remove(temporary, error);
}

std::optional<Precision> pinned_precision(const Settings& settings) {
  if (settings.precision != Precision::automatic) return settings.precision;
  const char* pinned = std::getenv(kPrecisionVariable);
  if (!pinned || !*pinned) return std::nullopt;
  if (std::string(pinned) == "fp32") return Precision::fp32;
  if (std::string(pinned) == "bf16") return Precision::bf16;
  throw Error(ErrorCode::precision_variable_invalid, {kPrecisionVariable, pinned});
}

double measured_cost(const Settings& settings, Precision precision) {
  Settings s = settings;
  s.precision = precision;
  s.device = Device::cpu;
  return measure_step_cost(s);
}

}  // namespace

SpeedKeyParts speed_key_parts(const Settings& settings) {
  SpeedKeyParts parts;
  parts.cpu = cpu_identity();
  parts.threads = thread_count(settings);
  parts.pretrained = !find_weights(settings.weights_path).empty();
  parts.build = {NEURAL_STYLE_VERSION, __VERSION__, TORCH_VERSION, NEURAL_STYLE_SOURCES_DIGEST,
                 NEURAL_STYLE_BUILD_OPTIONS};
  return parts;
}

std::string speed_cache_key(const SpeedKeyParts& parts) {
  // Each part ends in a byte no part has, so that no two lists of parts read alike.
  std::ostringstream build, network, key;
  network.imbue(std::locale::classic());
  key.imbue(std::locale::classic());
  const EngineBuild& b = parts.build;
  for (const std::string& part : {b.version, b.compiler, b.torch, b.sources, b.options})
    build << part << '\0';
  const NetworkShape& n = parts.network;
  network << n.revision << '\0' << n.octaves << ' ' << n.colour_channels;
  for (const BuiltinConv& conv : n.convs)
    network << ' ' << conv.kernel << ':' << conv.in << ':' << conv.out;
  key << "cpu=" << parts.cpu << " torch=" << b.torch << " engine=" << b.version << '+'
      << digest(build.str()) << " threads=" << parts.threads << " network="
      << (parts.pretrained ? "vgg19" : "builtin+" + digest(network.str()));
  return key.str();
}

std::string speed_cache_path() {
  return user_folder("XDG_CACHE_HOME", ".cache") + "/gimp-neural-style/speed";
}

bool precision_needs_measuring(const Settings& settings) {
  return !pinned_precision(settings) && cached(cache_key(settings)).choice == Precision::automatic;
}

Precision run_precision(const Settings& settings) {
  if (const std::optional<Precision> pinned = pinned_precision(settings)) return *pinned;
  return speed(settings).precision;
}

std::optional<Speed> cached_speed(const Settings& settings) {
  Entry entry = cached(cache_key(settings));
  const Precision precision = pinned_precision(settings).value_or(entry.choice);
  if (precision == Precision::automatic || !(entry.cost(precision) > 0)) return std::nullopt;
  return Speed{precision, entry.cost(precision), entry.fp32, entry.bf16};
}

Speed speed(const Settings& settings) {
  if (std::optional<Speed> known = cached_speed(settings)) return *known;
  const std::string key = cache_key(settings);
  Entry entry = cached(key);
  Precision precision = pinned_precision(settings).value_or(entry.choice);
  if (precision == Precision::automatic) {
    entry.fp32 = measured_cost(settings, Precision::fp32);
    if (cpu_may_run_bf16_fast()) entry.bf16 = measured_cost(settings, Precision::bf16);
    const bool bf16 = entry.bf16 > 0 && entry.bf16 < kBf16Advantage * entry.fp32;
    precision = entry.choice = bf16 ? Precision::bf16 : Precision::fp32;
  }
  if (!(entry.cost(precision) > 0)) entry.cost(precision) = measured_cost(settings, precision);
  store(key, entry);
  return {precision, entry.cost(precision), entry.fp32, entry.bf16};
}

// A step's cost is its evaluation, the forward and backward pass of the network over the
// pixels (the optimiser's update is a few vector operations on them): timed on a pattern,
// with the run's network, device and precision, after warm-up evaluations.
double measure_step_cost(const Settings& settings) try {
  constexpr int kSide = 256, kWarmup = 2, kMeasured = 3;
  at::set_num_threads(thread_count(settings));
  const at::Device device = pick_device(settings);
  std::string weights;
  const std::unique_ptr<Network> net = load_network(settings, weights);
  net->to(device, pick_dtype(settings, device), /*channels_last=*/true);
  Settings s = settings;
  s.content_layer = content_layer(settings, net->pretrained());
  const at::Tensor pattern =
      (0.5 + 0.4 * at::sin(0.37 * at::arange(3 * kSide * kSide).remainder(997)))
          .to(at::kFloat).reshape({1, 3, kSide, kSide}).to(device);
  const Objective objective(*net, s, Scale{kSide, kSide, 0}, pattern, {pattern}, {1.0}, {});
  const at::Tensor x = pattern.clone().requires_grad_(true);
  Losses losses;
  std::chrono::steady_clock::time_point start;
  for (int i = 0; i < kWarmup + kMeasured; ++i) {
    if (i == kWarmup) start = std::chrono::steady_clock::now();
    x.mutable_grad() = at::Tensor();
    objective.evaluate(x, losses, {});
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return seconds / kMeasured / (kSide * kSide / 1e6);
} catch (...) {  // libtorch's, a failed allocation, anything: as a coded Error
  throw as_error(std::current_exception());
}

}  // namespace neural_style
