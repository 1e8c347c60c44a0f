// Reading and writing image files through GEGL, for the command-line front end and the
// plug-in's built-in paintings. Beside the engine, not in it: the engine has no GEGL.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "neural_style/image.h"

namespace neural_style::image_files {

// The most pixels a file may claim in its header: a gigapixel, 12 GB as float RGB. More is
// refused before decoding, so a small file cannot make us allocate what its header says.
inline constexpr std::int64_t kMaxPixels = std::int64_t{1} << 30;

// Call once before the others (initialises GEGL).
void init(int* argc, char*** argv);
void shutdown();

// Any format GEGL loads (PNG, JPEG, TIFF, WebP, ...), in the layout `channels` asks for
// (1 Y', 2 Y'A, 3 R'G'B', 4 R'G'B'A), or with 0 the file's own: grey stays grey, alpha is
// kept. A folder, an empty file, a header claiming over kMaxPixels and a file the decoder
// warns about (cut short, damaged) are refused: neural_style::Error naming the file.
Image load_image(const std::string& path, int channels = 0);

// The width and height of an image file, read from its header; {0, 0} when GEGL cannot
// load it.
std::pair<int, int> image_size(const std::string& path);

// Format from the extension; 8 bits per channel for PNG. Written to a temporary file
// first and renamed, so a failure never leaves half a file behind.
void save_image(const Image& image, const std::string& path);

}  // namespace neural_style::image_files
