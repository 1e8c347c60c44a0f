// The speed cache's key (speed.cpp): what an optimisation step's cost depends on besides
// the image, in parts that a test can vary one at a time.
#pragma once

#include <iterator>
#include <string>
#include <vector>

#include "builtin_layers.h"
#include "neural_style/settings.h"

namespace neural_style {

// The built-in network's definition (builtin_layers.h).
struct NetworkShape {
  std::string revision = kBuiltinNetworkRevision;
  std::vector<BuiltinConv> convs{std::begin(kBuiltinConvs), std::end(kBuiltinConvs)};
  int octaves = kBuiltinOctaves;
  int colour_channels = kColourChannels;
};

// What built the engine.
struct EngineBuild {
  std::string version;   // the project's
  std::string compiler;  // its name and version (__VERSION__)
  std::string torch;     // libtorch's version
  std::string sources;   // a digest of the engine's sources (engine/source_digest.py)
  std::string options;   // the build type and optimisation
};

struct SpeedKeyParts {
  std::string cpu;          // cpu_identity(): the model and a digest of its flags
  int threads = 0;          // the threads a run gets
  bool pretrained = false;  // VGG-19 weights found; else the built-in network runs
  NetworkShape network;     // the built-in network's; not part of the key with VGG-19
  EngineBuild build;
};

// This machine's, this build's and this network's parts for a run with `settings`.
SpeedKeyParts speed_key_parts(const Settings& settings);

// One line's key: readable where it can be (the processor, libtorch's version, the
// threads), a digest of the rest ("cpu=... torch=1.13.1 engine=0.1.0+<digest> threads=2
// network=builtin+<digest>"). Equal parts give equal keys.
std::string speed_cache_key(const SpeedKeyParts& parts);

}  // namespace neural_style
