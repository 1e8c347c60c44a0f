#include "options.h"

#include <getopt.h>

#include <cerrno>
#include <cstdlib>
#include <random>

#include "neural_style/error.h"

namespace neural_style::cli {
namespace {

enum Key {
  kContent = 'c', kStyle = 's', kOutput = 'o', kHelp = 'h', kMix = 256, kSize, kIterations,
  kStyleWeight, kContentWeight, kTvWeight, kStyleScale, kPreserveColors, kSeed, kOptimizer,
  kInit, kWeights, kThreads, kDevice, kVersion, kSingleScale, kPrecision, kStyleLayers,
  kContentLayer, kMemory,
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
    {"help", no_argument, nullptr, kHelp},
    {"version", no_argument, nullptr, kVersion},
    {nullptr, 0, nullptr, 0},
};

double to_double(const char* text, const char* name) {
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text, &end);
  if (errno != 0 || end == text || *end != '\0')
    throw Error(std::string("--") + name + " needs a number, not '" + text + "'.");
  return value;
}

long long to_integer(const char* text, const char* name) {
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0')
    throw Error(std::string("--") + name + " needs a whole number, not '" + text + "'.");
  return value;
}

int to_int(const char* text, const char* name) {
  const long long value = to_integer(text, name);
  if (value < -1000000000LL || value > 1000000000LL)
    throw Error(std::string("--") + name + " is out of range.");
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
Enum choose(const char* text, const char* name, std::initializer_list<std::pair<const char*, Enum>> choices) {
  std::string list;
  for (const auto& [word, value] : choices) {
    if (std::string(text) == word) return value;
    list += list.empty() ? word : std::string(", ") + word;
  }
  throw Error(std::string("--") + name + " must be one of " + list + ", not '" + text + "'.");
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
    case kStyleWeight: s.style_weight = to_double(arg, "style-weight"); break;
    case kContentWeight: s.content_weight = to_double(arg, "content-weight"); break;
    case kTvWeight: s.tv_weight = to_double(arg, "tv-weight"); break;
    case kStyleScale: s.style_scale = to_double(arg, "style-scale"); break;
    case kPreserveColors: s.preserve_colors = true; break;
    case kSingleScale: s.multi_scale = false; break;
    case kSeed: s.seed = static_cast<std::uint64_t>(to_integer(arg, "seed")); break;
    case kOptimizer: s.optimizer = choose(arg, "optimizer", {std::pair{"lbfgs", Optimizer::lbfgs}, {"adam", Optimizer::adam}}); break;
    case kInit: s.init = choose(arg, "init", {std::pair{"content", Init::content}, {"noise", Init::noise}}); break;
    case kWeights: s.weights_path = arg; break;
    case kThreads: s.threads = to_int(arg, "threads"); break;
    case kDevice: s.device = choose(arg, "device", {std::pair{"auto", Device::automatic}, {"cpu", Device::cpu}, {"cuda", Device::cuda}}); break;
    case kPrecision: s.precision = choose(arg, "precision", {std::pair{"auto", Precision::automatic}, {"fp32", Precision::fp32}, {"bf16", Precision::bf16}}); break;
    case kStyleLayers: s.style_layers = split(arg); break;
    case kContentLayer: s.content_layer = arg; break;
    case kMemory: s.memory = to_double(arg, "memory"); break;
    case kHelp: o.help = true; break;
    case kVersion: o.version = true; break;
    default: throw Error("Unknown option; see --help.");
  }
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
      throw Error(std::string("Unknown or incomplete option '") + argv[optind - 1] + "'; see --help.");
    }
    apply(o, key, optarg);
  }
  if (optind < argc) throw Error(std::string("Unexpected argument '") + argv[optind] + "'.");
  if (o.help || o.version) return o;
  if (o.content.empty() || o.styles.empty() || o.output.empty())
    throw Error("--content, --style and --output are required; see --help.");
  if (o.styles.size() > 2) throw Error("At most two --style images can be mixed.");
  validate(o.settings);
  if (o.settings.style_mix > 0 && o.styles.size() < 2)
    throw Error("--mix needs a second --style image.");
  return o;
}

const char* usage() {
  return "Usage: neural-style-cli --content C --style S [--style S2 --mix F] --output O [options]\n"
         "\n"
         "Paints the content image in the style of the style image(s) (Gatys et al.).\n"
         "\n"
         "  -c, --content FILE      the photo to restyle (any format GEGL reads)\n"
         "  -s, --style FILE        the style image; give it twice to mix two styles\n"
         "  -o, --output FILE       where to write the result (.png, .jpg, .tif, ...)\n"
         "      --mix F             share of the second style, 0..1 (default 0)\n"
         "      --size N            working size cap, longest side in pixels, 16..524288, for\n"
         "                          quick trials; 0 = the content's own size (default); the\n"
         "                          output keeps the content's size\n"
         "      --iterations N      optimisation steps over all scales, 1..100000 (default 300)\n"
         "      --style-weight W    strength of the style, > 0 (default 30)\n"
         "      --content-weight W  how much of the content's structure to keep (default 1)\n"
         "      --tv-weight W       smoothness (default 1)\n"
         "      --style-scale F     size of the style's brush strokes, 0.1..8 (default 1)\n"
         "      --preserve-colors   keep the content's colours\n"
         "      --single-scale      all steps at the working size (default: coarse to fine)\n"
         "      --seed N            seed for noise initialisation (default: random)\n"
         "      --optimizer NAME    lbfgs (default) or adam\n"
         "      --init NAME         content (default) or noise\n"
         "      --weights FILE      VGG-19 weights (.safetensors); default: looked up\n"
         "      --threads N         CPU threads, 0 = all cores (default 0)\n"
         "      --memory GB         memory budget in gigabytes (10^9 bytes); larger images\n"
         "                          are computed in tiles to fit it, with the same result\n"
         "                          (default 0: half of this machine's memory)\n"
         "      --device NAME       auto (default), cpu or cuda\n"
         "      --precision NAME    auto (default: bf16 on CPUs with AMX, else fp32), fp32\n"
         "                          or bf16\n"
         "      --style-layers L,L  VGG-19 layers whose Gram matrices define the style\n"
         "                          (default relu1_1,relu2_1,relu3_1,relu4_1,relu5_1)\n"
         "      --content-layer L   layer that defines the content (default relu4_2, or\n"
         "                          relu1_1 with the built-in network)\n"
         "  -h, --help              show this help\n"
         "      --version           show the version\n"
         "\n"
         "Exit status: 0 on success, 1 on failure, 2 on bad usage.\n";
}

}  // namespace neural_style::cli
