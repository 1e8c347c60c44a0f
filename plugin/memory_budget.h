// How much memory a run needs, weighed against what the machine has free. The engine
// has no estimator of its own, so this is a cost model fitted to measurements (see
// memory_budget.cpp). No libgimp here: a GIMP 3 port reuses it.
#pragma once

#include <cstdint>
#include <vector>

namespace neural_style::plugin {

struct Extent {
  int width = 0;
  int height = 0;
};

struct Workload {
  Extent content;              // the part of the content layer that is computed
  std::vector<Extent> styles;  // the style layers, whole
  int size = 0;                // the size argument: 0 = the content's own
  double style_scale = 1.0;
};

// The longest side the engine works at: the content's, capped by `size`.
int working_side(const Workload& workload);

// Expected peak memory of a run at working side `side`, in bytes.
double estimated_bytes(const Workload& workload, int side);

// MemAvailable from /proc/meminfo in bytes; 0 when unknown (nothing is refused then).
std::uint64_t available_memory();

// Throws an execution Failure when the run would not fit in `available` bytes, saying
// the largest working size that does.
void check_memory(const Workload& workload, std::uint64_t available);

}  // namespace neural_style::plugin
