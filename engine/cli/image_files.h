// Reading and writing image files through GEGL, for the command-line front end and the
// plug-in's built-in paintings.
#pragma once

#include <string>
#include <utility>

#include "neural_style/image.h"

namespace neural_style::cli {

// Call once before the others (initialises GEGL).
void init_image_files(int* argc, char*** argv);
void exit_image_files();

// Any format GEGL loads (PNG, JPEG, TIFF, WebP, ...), in the layout `channels` asks for
// (1 Y', 2 Y'A, 3 R'G'B', 4 R'G'B'A), or with 0 the file's own: grey stays grey, alpha is
// kept. Throws neural_style::Error with a message naming the file.
Image load_image(const std::string& path, int channels = 0);

// The width and height of an image file, read from its header; {0, 0} when GEGL cannot
// load it.
std::pair<int, int> image_size(const std::string& path);

// Format from the extension; 8 bits per channel for PNG. Written to a temporary file
// first and renamed, so a failure never leaves half a file behind.
void save_image(const Image& image, const std::string& path);

}  // namespace neural_style::cli
