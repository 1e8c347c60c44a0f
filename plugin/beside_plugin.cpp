#include "beside_plugin.h"

#include <filesystem>
#include <system_error>

#include "neural_style/weights.h"

namespace neural_style::plugin {

std::string beside_plugin(const std::string& name) {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return "";
  const std::filesystem::path path = self.parent_path() / name;
  return std::filesystem::exists(path, error) ? path.string() : "";
}

std::string weights_for_run() { return find_weights(beside_plugin(kWeightsFile)); }

}  // namespace neural_style::plugin
