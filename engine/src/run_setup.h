// What a run computes with, chosen from its settings: the device, the precision and the
// network. Shared by the run (transfer.cpp) and the measurement of a step's cost
// (speed.cpp), which times the same computation without running the method.
#pragma once

#include <ATen/ATen.h>

#include <memory>
#include <string>

#include "network.h"
#include "neural_style/settings.h"

namespace neural_style {

// The CPU, or CUDA where asked for or where libtorch has it (Device::automatic).
at::Device pick_device(const Settings& s);

// bf16 or fp32, as asked; automatic measures this machine once (speed.h).
at::ScalarType pick_dtype(const Settings& s, at::Device device);

// VGG-19 from the weights found (weights.h), their path in `path`; else the built-in
// network, with `path` empty.
std::unique_ptr<Network> load_network(const Settings& s, std::string& path);

}  // namespace neural_style
