#include "frame_files.h"

#include <cctype>
#include <cstdio>
#include <filesystem>

#include "options.h"

namespace neural_style::cli {

void check_frame_pattern(const std::string& pattern, const char* option) {
  int conversions = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') continue;
    if (i + 1 < pattern.size() && pattern[i + 1] == '%') {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[j]))) ++j;
    if (j >= pattern.size() || pattern[j] != 'd' || j - i > 4)  // at most %999d
      throw UsageError(std::string("--") + option + " with --frames takes a pattern with one "
                       "%d (e.g. frame-%03d.png), and '" + pattern + "' has another '%'.");
    ++conversions;
    i = j;
  }
  if (conversions != 1)
    throw UsageError(std::string("--") + option + " with --frames takes a pattern with one "
                     "%d (e.g. frame-%03d.png), not '" + pattern + "'.");
}

std::string frame_path(const std::string& pattern, int number) {
  // The pattern was checked: one integer conversion and "%%" only, so it is safe here.
  const int size = std::snprintf(nullptr, 0, pattern.c_str(), number);
  std::string path(static_cast<std::size_t>(size) + 1, '\0');
  std::snprintf(path.data(), path.size(), pattern.c_str(), number);
  path.resize(static_cast<std::size_t>(size));
  return path;
}

FrameRange find_frames(const std::string& pattern) {
  namespace fs = std::filesystem;
  FrameRange range;
  range.first = fs::exists(frame_path(pattern, 0)) ? 0 : 1;
  while (fs::exists(frame_path(pattern, range.first + range.count))) ++range.count;
  return range;
}

}  // namespace neural_style::cli
