#include "options.h"

#include <getopt.h>

#include <cerrno>
#include <cstdlib>
#include <random>
#include <sstream>

#include "frame_files.h"
#include "neural_style/error.h"
#include "neural_style/plan.h"

namespace neural_style::cli {
namespace {

enum Key {
  kContent = 'c', kStyle = 's', kOutput = 'o', kHelp = 'h', kMix = 256, kSize, kIterations,
  kStyleWeight, kContentWeight, kTvWeight, kStyleScale, kPreserveColors, kSeed, kOptimizer,
  kInit, kWeights, kThreads, kDevice, kVersion, kSingleScale, kPrecision, kStyleLayers,
  kContentLayer, kMemory, kConvergence, kFrames, kTemporalWeight,
};

const option kOptions[] = {
    {"content", required_argument, nullptr, kContent},
    {"style", required_argument, nullptr, kStyle},
    {"output", required_argument, nullptr, kOutput},
    {"mix", required_argument, nullptr, kMix},
    {"size", required_argument, nullptr, kSize},
    {"iterations", required_argument, nullptr, kIterations},
    {"style-weight", required_argument, nullptr, kStyleWeight},
    {"content-weight", required_argument, nullptr, kContentWeight},
    {"tv-weight", required_argument, nullptr, kTvWeight},
    {"style-scale", required_argument, nullptr, kStyleScale},
    {"preserve-colors", no_argument, nullptr, kPreserveColors},
    {"single-scale", no_argument, nullptr, kSingleScale},
    {"seed", required_argument, nullptr, kSeed},
    {"optimizer", required_argument, nullptr, kOptimizer},
    {"init", required_argument, nullptr, kInit},
    {"weights", required_argument, nullptr, kWeights},
    {"threads", required_argument, nullptr, kThreads},
    {"device", required_argument, nullptr, kDevice},
    {"precision", required_argument, nullptr, kPrecision},
    {"style-layers", required_argument, nullptr, kStyleLayers},
    {"content-layer", required_argument, nullptr, kContentLayer},
    {"memory", required_argument, nullptr, kMemory},
    {"convergence", required_argument, nullptr, kConvergence},
    {"frames", no_argument, nullptr, kFrames},
    {"temporal-weight", required_argument, nullptr, kTemporalWeight},
    {"help", no_argument, nullptr, kHelp},
    {"version", no_argument, nullptr, kVersion},
    {nullptr, 0, nullptr, 0},
};

template <typename Enum>
using Names = std::initializer_list<std::pair<const char*, Enum>>;

// The words each choice is given by: the parser and the usage text read the same lists.
const Names<Optimizer> kOptimizers = {{"lbfgs", Optimizer::lbfgs}, {"adam", Optimizer::adam}};
const Names<Init> kInits = {{"content", Init::content}, {"noise", Init::noise}};
const Names<Device> kDevices = {
    {"auto", Device::automatic}, {"cpu", Device::cpu}, {"cuda", Device::cuda}};
const Names<Precision> kPrecisions = {
    {"auto", Precision::automatic}, {"fp32", Precision::fp32}, {"bf16", Precision::bf16}};

double to_double(const char* text, const char* name) {
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text, &end);
  if (errno != 0 || end == text || *end != '\0')
    throw UsageError(std::string("--") + name + " needs a number, not '" + text + "'.");
  return value;
}

long long to_integer(const char* text, const char* name) {
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0')
    throw UsageError(std::string("--") + name + " needs a whole number, not '" + text + "'.");
  return value;
}

int to_int(const char* text, const char* name) {
  const long long value = to_integer(text, name);
  if (value < -1000000000LL || value > 1000000000LL)
    throw UsageError(std::string("--") + name + " is out of range.");
  return static_cast<int>(value);
}

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> items;
  for (std::size_t pos = 0; pos <= list.size();) {
    const std::size_t comma = std::min(list.find(',', pos), list.size());
    if (comma > pos) items.push_back(list.substr(pos, comma - pos));
    pos = comma + 1;
  }
  return items;
}

template <typename Enum>
Enum choose(const char* text, const char* name, Names<Enum> choices) {
  std::string list;
  for (const auto& [word, value] : choices) {
    if (std::string(text) == word) return value;
    list += list.empty() ? word : std::string(", ") + word;
  }
  throw UsageError(std::string("--") + name + " must be one of " + list + ", not '" + text +
                   "'.");
}

void apply(Options& o, int key, const char* arg) {
  Settings& s = o.settings;
  switch (key) {
    case kContent: o.content = arg; break;
    case kStyle: o.styles.push_back(arg); break;
    case kOutput: o.output = arg; break;
    case kMix: s.style_mix = to_double(arg, "mix"); break;
    case kSize: s.size = to_int(arg, "size"); break;
    case kIterations: s.iterations = to_int(arg, "iterations"); break;
    case kConvergence: s.convergence = to_double(arg, "convergence"); break;
    case kStyleWeight: s.style_weight = to_double(arg, "style-weight"); break;
    case kContentWeight: s.content_weight = to_double(arg, "content-weight"); break;
    case kTvWeight: s.tv_weight = to_double(arg, "tv-weight"); break;
    case kStyleScale: s.style_scale = to_double(arg, "style-scale"); break;
    case kPreserveColors: s.preserve_colors = true; break;
    case kSingleScale: s.multi_scale = false; break;
    case kSeed: s.seed = static_cast<std::uint64_t>(to_integer(arg, "seed")); break;
    case kOptimizer: s.optimizer = choose(arg, "optimizer", kOptimizers); break;
    case kInit: s.init = choose(arg, "init", kInits); break;
    case kWeights: s.weights_path = arg; break;
    case kThreads: s.threads = to_int(arg, "threads"); break;
    case kDevice: s.device = choose(arg, "device", kDevices); break;
    case kPrecision: s.precision = choose(arg, "precision", kPrecisions); break;
    case kStyleLayers: s.style_layers = split(arg); break;
    case kContentLayer: s.content_layer = arg; break;
    case kMemory: s.memory = to_double(arg, "memory"); break;
    case kFrames: o.frames = true; break;
    case kTemporalWeight: o.temporal_weight = to_double(arg, "temporal-weight"); break;
    case kHelp: o.help = true; break;
    case kVersion: o.version = true; break;
    default: throw UsageError("Unknown option; see --help.");
  }
}

// --temporal-weight only with --frames, in its range; with --frames, patterns.
void check_frames_options(const Options& o, int argc, char** argv) {
  bool weight_given = false;
  for (int i = 1; i < argc; ++i)
    weight_given |= std::string(argv[i]).rfind("--temporal-weight", 0) == 0;
  if (!o.frames) {
    if (weight_given) throw UsageError("--temporal-weight needs --frames.");
    return;
  }
  if (!(o.temporal_weight >= 0 && o.temporal_weight <= kMaxTemporalWeight))
    throw Error(ErrorCode::weight_out_of_range, {"temporal-weight", number_text(kMaxTemporalWeight)});
  check_frame_pattern(o.content, "content");
  check_frame_pattern(o.output, "output");
}

}  // namespace

Options parse_options(int argc, char** argv) {
  Options o;
  o.settings.seed = std::random_device{}();  // a fresh seed unless --seed is given
  opterr = 0;
  optind = 1;
  int key;
  while ((key = getopt_long(argc, argv, "c:s:o:h", kOptions, nullptr)) != -1) {
    if (key == '?') {
      throw UsageError(std::string("Unknown or incomplete option '") + argv[optind - 1] +
                       "'; see --help.");
    }
    apply(o, key, optarg);
  }
  if (optind < argc) throw UsageError(std::string("Unexpected argument '") + argv[optind] + "'.");
  if (o.help || o.version) return o;
  if (o.content.empty() || o.styles.empty() || o.output.empty())
    throw UsageError("--content, --style and --output are required; see --help.");
  if (o.styles.size() > 2) throw UsageError("At most two --style images can be mixed.");
  validate(o.settings);
  check_frames_options(o, argc, argv);
  if (o.settings.style_mix > 0 && o.styles.size() < 2)
    throw UsageError("--mix needs a second --style image.");
  return o;
}

namespace {

// "lbfgs (default) or adam": the words of a choice, the default marked.
template <typename Enum>
std::string choices(Names<Enum> names, Enum fallback, const char* why = "") {
  std::string text;
  std::size_t i = 0;
  for (const auto& [word, value] : names) {
    text += i == 0 ? "" : i + 1 == names.size() ? " or " : ", ";
    text += word;
    if (value == fallback) text += std::string(" (default") + why + ")";
    ++i;
  }
  return text;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ",") + item;
  return text;
}

// One option's line: the option, then its text from column 28, wrapped at 88.
void line(std::ostringstream& out, const char* option, const std::string& text) {
  constexpr std::size_t kColumn = 28, kWidth = 88;
  std::string pending = std::string("  ") + option;
  std::istringstream words(text);
  std::string word, current;
  auto flush = [&] {
    out << pending << std::string(kColumn - std::min(kColumn - 1, pending.size()), ' ')
        << current << "\n";
    pending.clear();
    current.clear();
  };
  while (words >> word) {
    if (!current.empty() && kColumn + current.size() + 1 + word.size() > kWidth) flush();
    current += (current.empty() ? "" : " ") + word;
  }
  flush();
}

}  // namespace

std::string usage() {
  const Settings d;  // the defaults
  const std::string n = " (default ";
  std::ostringstream out;
  out << "Usage: neural-style-cli --content C --style S [--style S2 --mix F] --output O "
         "[options]\n       neural-style-cli --frames --content frame-%03d.png --style S "
         "--output out-%03d.png [options]\n\nPaints the content image in the style of the "
         "style image(s) (Gatys et al.).\nWith --frames, paints the frames of an animation "
         "so that the strokes follow the motion\n(Ruder et al.): C and O are patterns with "
         "one %d; the frames are numbered from 0 if C's\nframe 0 exists, else from 1, up to "
         "the first missing number, and each result is written\nunder its frame's number.\n\n";
  line(out, "-c, --content FILE", "the photo to restyle (any format GEGL reads)");
  line(out, "-s, --style FILE", "the style image; give it twice to mix two styles");
  line(out, "-o, --output FILE", "where to write the result (.png, .jpg, .tif, ...)");
  line(out, "    --mix F", "share of the second style, 0..1" + n + number_text(d.style_mix) + ")");
  line(out, "    --size N", "working size cap, longest side in pixels, " + number_text(kMinSide) +
       ".." + number_text(kMaxSize) + ", for quick trials; 0 = the content's own size" +
       (d.size == 0 ? " (default)" : n + number_text(d.size) + ")") +
       "; the output keeps the content's size");
  line(out, "    --iterations N", "optimisation steps over all scales, 1.." +
       number_text(kMaxIterations) + n + number_text(d.iterations) + ")");
  line(out, "    --convergence F", "a scale ends early once its loss falls by less than this "
       "share per step (over " + number_text(kConvergenceWindow) + " steps), 0..1; 0 = every "
       "step" + n + number_text(d.convergence) + ")");
  line(out, "    --style-weight W", "strength of the style, > 0 up to " +
       number_text(kMaxWeight) + n + number_text(d.style_weight) + ")");
  line(out, "    --content-weight W", "how much of the content's structure to keep, 0.." +
       number_text(kMaxWeight) + n + number_text(d.content_weight) + ")");
  line(out, "    --tv-weight W", "smoothness, 0.." + number_text(kMaxWeight) + n +
       number_text(d.tv_weight) + ")");
  line(out, "    --style-scale F", "size of the style's brush strokes, " +
       number_text(kMinStyleScale) + ".." + number_text(kMaxStyleScale) + n +
       number_text(d.style_scale) + ")");
  line(out, "    --preserve-colors", "keep the content's colours");
  line(out, "    --single-scale", "all steps at the working size (default: coarse to fine)");
  line(out, "    --seed N", "seed for noise initialisation (default: random)");
  line(out, "    --optimizer NAME", choices(kOptimizers, d.optimizer));
  line(out, "    --init NAME", choices(kInits, d.init));
  line(out, "    --weights FILE", "VGG-19 weights (.safetensors); default: looked up");
  line(out, "    --threads N", "CPU threads, 0 = all cores, up to " + number_text(kMaxThreads) +
       n + number_text(d.threads) + ")");
  line(out, "    --memory GB", "memory budget in gigabytes (10^9 bytes), up to " +
       number_text(kMaxMemory) + "; larger images are computed in tiles to fit it, with the "
       "same result" + n + number_text(d.memory) + ": " +
       number_text(100 * kDefaultMemoryShare) + "% of this machine's memory)");
  line(out, "    --device NAME", choices(kDevices, d.device));
  line(out, "    --precision NAME",
       choices(kPrecisions, d.precision, ": the faster here, measured once per machine"));
  line(out, "    --style-layers L,L", "VGG-19 layers whose Gram matrices define the style" + n +
       joined(d.style_layers) + ")");
  line(out, "    --content-layer L", std::string("layer that defines the content") + n +
       kPretrainedContentLayer + ", or " + kBuiltinContentLayer + " with the built-in network)");
  line(out, "    --frames", "C and O are frame patterns (above): stylise an animation");
  line(out, "    --temporal-weight W", "with --frames, how closely each frame follows the "
       "previous one along the motion, 0.." + number_text(kMaxTemporalWeight) +
       "; 0 = every frame on its own" + n + number_text(kDefaultTemporalWeight) + ")");
  line(out, "-h, --help", "show this help");
  line(out, "    --version", "show the version");
  out << "\nExit status: 0 on success, 1 on failure, 2 on bad usage.\n";
  return out.str();
}

}  // namespace neural_style::cli
