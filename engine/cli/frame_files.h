// The files of an animation on the command line: one printf-style pattern with a single
// integer conversion (frame-%03d.png) names every frame.
#pragma once

#include <string>

namespace neural_style::cli {

// Throws UsageError naming `option` unless `pattern` has exactly one %d conversion (with
// optional zero padding and width, e.g. %03d); "%%" is a '%'.
void check_frame_pattern(const std::string& pattern, const char* option);

// The pattern with its conversion filled in with `number`.
std::string frame_path(const std::string& pattern, int number);

// The frames that exist: numbered from 0 if that file exists, else from 1, up to the
// first number with no file. count is 0 when there is neither a frame 0 nor a frame 1.
struct FrameRange {
  int first = 0;
  int count = 0;
};
FrameRange find_frames(const std::string& pattern);

}  // namespace neural_style::cli
