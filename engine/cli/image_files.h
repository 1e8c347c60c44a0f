// Reading and writing image files through GEGL, for the command-line front end.
#pragma once

#include <string>

#include "neural_style/image.h"

namespace neural_style::cli {

// Call once before the others (initialises GEGL).
void init_image_files(int* argc, char*** argv);
void exit_image_files();

// Any format GEGL loads (PNG, JPEG, TIFF, WebP, ...); grey stays grey, alpha is kept.
// Throws neural_style::Error with a message naming the file.
Image load_image(const std::string& path);

// Format from the extension; 8 bits per channel for PNG. Written to a temporary file
// first and renamed, so a failure never leaves half a file behind.
void save_image(const Image& image, const std::string& path);

}  // namespace neural_style::cli
