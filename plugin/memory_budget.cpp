#include "memory_budget.h"

#include <glib/gi18n-lib.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "failure.h"
#include "neural_style/settings.h"
#include "text.h"

namespace neural_style::plugin {
namespace {

// Peak RSS of neural-style-cli (fp32, CPU, a 1024x768 content and a 1024x640 style)
// measured at working sizes 256, 384 and 512, style-scale 1 and 2, grows by about
// 3100 bytes per working pixel and 560 per style pixel. Rounded up, these terms give
// the 3.4 GB measured at 1024 px and stay on the safe side at smaller sizes.
constexpr double kBaseBytes = 300e6;             // libtorch, the network, buffers
constexpr double kBytesPerWorkingPixel = 3300;   // VGG-19 forward and backward, optimiser
constexpr double kBytesPerStylePixel = 600;      // forward only, for the Gram targets
constexpr double kBytesPerSourcePixel = 64;      // full-size float copies, plug-in and engine
// Head room for what the model does not see: other threads, allocator slack.
constexpr double kUsableShare = 0.9;
constexpr double kGigabyte = 1e9;

double aspect(const Extent& e) {
  return double(std::min(e.width, e.height)) / std::max(1, std::max(e.width, e.height));
}

double pixels(const Extent& e) { return double(e.width) * e.height; }

// Bytes that do not depend on the working size.
double fixed_bytes(const Workload& w) {
  double source = pixels(w.content);
  for (const Extent& style : w.styles) source += pixels(style);
  return kBaseBytes + kBytesPerSourcePixel * source;
}

// Bytes per squared pixel of working side.
double bytes_per_side_squared(const Workload& w) {
  double bytes = kBytesPerWorkingPixel * aspect(w.content);
  for (const Extent& style : w.styles)
    bytes += kBytesPerStylePixel * w.style_scale * w.style_scale * aspect(style);
  return bytes;
}

}  // namespace

int working_side(const Workload& w) {
  const int longest = std::max(w.content.width, w.content.height);
  return w.size > 0 ? std::min(w.size, longest) : longest;
}

double estimated_bytes(const Workload& w, int side) {
  return fixed_bytes(w) + bytes_per_side_squared(w) * double(side) * side;
}

std::uint64_t available_memory() {
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  while (std::getline(meminfo, line)) {
    std::istringstream fields(line);
    std::string key;
    std::uint64_t kilobytes = 0;
    if (fields >> key >> kilobytes && key == "MemAvailable:") return kilobytes * 1024;
  }
  return 0;
}

void check_memory(const Workload& w, std::uint64_t available) {
  const int side = working_side(w);
  const double needed = estimated_bytes(w, side);
  const double usable = kUsableShare * double(available);
  if (available == 0 || needed <= usable) return;
  const double room = usable - fixed_bytes(w);
  const int largest = room > 0 ? int(std::sqrt(room / bytes_per_side_squared(w))) : 0;
  if (largest < kMinSide)
    throw execution_failure(printf_text(
        _("These layers need about %.1f GB of memory even at the smallest working size, "
          "but only %.1f GB are available: use smaller layers or close other programs."),
        estimated_bytes(w, kMinSide) / kGigabyte, double(available) / kGigabyte));
  throw execution_failure(printf_text(
      _("A working size of %d pixels needs about %.1f GB of memory, but only %.1f GB are "
        "available: the largest size that fits is %d pixels."),
      side, needed / kGigabyte, double(available) / kGigabyte, largest));
}

}  // namespace neural_style::plugin
