#include "neural_style/error.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <string_view>

// Marks a message for the plug-in's catalogues (xgettext --keyword=N_, po/POTFILES); the
// engine itself never translates, and knows nothing of gettext.
#define N_(text) text

namespace neural_style {
namespace {

using Formats = std::array<const char*, kErrorCodeCount>;

// In ErrorCode's order; a missing entry leaves a null at the end, which the test of
// every code finds.
constexpr Formats kFormats = {
    // xgettext:c-format
    N_("%s must be a number from 0 to %s."),
    N_("style-weight must be greater than 0."),
    N_("style-mix must be from 0 to 1."),
    // xgettext:c-format
    N_("style-scale must be from %s to %s."),
    // xgettext:c-format
    N_("size must be 0 (the image's own size) or from %s to %s pixels."),
    // xgettext:c-format
    N_("memory must be 0 (a share of this machine's) or a number of gigabytes up to %s."),
    // xgettext:c-format
    N_("iterations must be from 1 to %s."),
    // xgettext:c-format
    N_("threads must be from 0 (all cores) to %s."),
    N_("At least one style layer is needed."),
    // xgettext:c-format
    N_("Unknown style layer '%s' (relu1_1 ... relu5_1)."),
    // xgettext:c-format
    N_("Unknown content layer '%s' (relu1_1 ... relu5_1)."),
    N_("The content image is empty or malformed."),
    N_("The style image is empty or malformed."),
    // xgettext:c-format
    N_("The content image is too small: it must be at least %1$sx%1$s pixels."),
    // xgettext:c-format
    N_("The style image is too small: it must be at least %1$sx%1$s pixels."),
    N_("The content image has invalid pixels."),
    N_("The style image has invalid pixels."),
    N_("One or two style images are needed."),
    N_("style-mix needs a second style image."),
    // xgettext:c-format
    N_("The image is too small to stylise at size %s: its shorter side would be %s pixels, "
       "and at least %s are needed."),
    // xgettext:c-format
    N_("A memory budget of %s GB is too small for a %sx%s image: allow more memory or "
       "choose a smaller size."),
    N_("CUDA was requested but this libtorch has no usable CUDA device."),
    N_("The style transfer ran out of memory: try a smaller size."),
    // xgettext:c-format
    N_("The style transfer failed: %s"),
    // xgettext:c-format
    N_("The style transfer failed: the loss was not a number on scale %s, and %s steps undone "
       "and retried with smaller ones did not help. Try a lower style strength, fp32 "
       "precision or other weights."),
    N_("None of the layers asked for is known to the network."),
    N_("The balance of the losses is measured on a scale evaluated whole."),
    // xgettext:c-format
    N_("Weights file '%s' does not exist."),
    // xgettext:c-format
    N_("Cannot open weights file '%s'."),
    // xgettext:c-format
    N_("Weights file '%s' is not valid: it is too short."),
    // xgettext:c-format
    N_("Weights file '%s' is not valid: its header length is out of range."),
    // xgettext:c-format
    N_("Weights file '%s' is not valid: its header cannot be read."),
    // xgettext:c-format
    N_("Weights file '%s' is not valid: its header is not a JSON object."),
    // xgettext:c-format
    N_("Weights file '%s' is not valid: __metadata__ is not an object."),
    // xgettext:c-format
    N_("Weights file '%s' is not valid: tensor '%s' is not an object."),
    // xgettext:c-format
    N_("Weights file '%s' is not valid: tensor '%s' has a malformed entry."),
    // xgettext:c-format
    N_("Weights file '%s' is not valid: tensor '%s' has the unknown dtype %s."),
    // xgettext:c-format
    N_("Weights file '%s' is not valid: tensor '%s' has a bad shape."),
    // xgettext:c-format
    N_("Weights file '%s' is not valid: tensor '%s' lies outside the file or has the wrong "
       "size (truncated file?)."),
    // xgettext:c-format
    N_("Weights file '%s' is not valid: tensor '%s' is missing."),
    // xgettext:c-format
    N_("Weights file '%s' is not valid: tensor '%s' has dtype %s, expected F32."),
    // xgettext:c-format
    N_("Weights file '%s' is not valid: tensor '%s' cannot be read."),
    // xgettext:c-format
    N_("Weights file '%s' lacks tensor '%s': it is not a torchvision VGG-19."),
    // xgettext:c-format
    N_("Weights file '%s': tensor '%s' has the wrong shape for VGG-19."),
    // xgettext:c-format
    N_("Cannot write '%s'."),
    // xgettext:c-format
    N_("Cannot read '%s': no such file."),
    // xgettext:c-format
    N_("Cannot read '%s': not an image GEGL can load."),
    // xgettext:c-format
    N_("Cannot read '%s': it is a folder, not an image file."),
    // xgettext:c-format
    N_("Cannot read '%s': the file is empty."),
    // xgettext:c-format
    N_("Cannot read '%s': it claims %sx%s pixels, more than the %s this program opens."),
    // xgettext:c-format
    N_("Cannot read '%s': the file is damaged or cut short (%s)."),
    // xgettext:c-format
    N_("Cannot write '%s': check the folder exists and the extension is a format GEGL can "
       "save (.png, .jpg, .tif, ...)."),
    // xgettext:c-format
    N_("Cannot write '%s': %s."),
    // xgettext:c-format
    N_("%s must be fp32 or bf16, not '%s'."),
    N_("An animation needs at least two frames."),
    // xgettext:c-format
    N_("All frames must have the same size: the first is %sx%s pixels, frame %s is %sx%s."),
    // xgettext:c-format
    N_("Following the motion between the frames failed (OpenCV): %s"),
    // xgettext:c-format
    N_("Unexpected error: %s"),
};

// The argument a directive at format[at] ('%') names, and where the directive ends; or
// nothing for "%%" and anything that is not %s or %N$s.
struct Directive {
  std::size_t index;
  std::size_t end;
};

bool directive(std::string_view format, std::size_t at, std::size_t& next, Directive& out) {
  std::size_t j = at + 1, position = 0;
  while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j])))
    position = position * 10 + static_cast<std::size_t>(format[j++] - '0');
  if (position > 0 && format.substr(j, 2) == "$s") {
    out = {position - 1, j + 2};
    return true;
  }
  if (j == at + 1 && format.substr(j, 1) == "s") {
    out = {next++, j + 1};
    return true;
  }
  return false;
}

}  // namespace

const char* error_format(ErrorCode code) {
  const int index = static_cast<int>(code);
  return index >= 0 && index < kErrorCodeCount ? kFormats[index] : nullptr;
}

std::string fill_format(const char* format, const std::vector<std::string>& arguments) {
  const std::string_view text = format ? format : "";
  std::string out;
  std::size_t next = 0;
  for (std::size_t i = 0; i < text.size();) {
    Directive d{};
    if (text[i] != '%') {
      out += text[i++];
    } else if (directive(text, i, next, d)) {
      if (d.index < arguments.size()) out += arguments[d.index];
      i = d.end;
    } else {  // "%%", or a lone '%' kept as it is
      out += '%';
      i += text.substr(i, 2) == "%%" ? 2 : 1;
    }
  }
  return out;
}

Error::Error(ErrorCode code, std::vector<std::string> arguments)
    : std::runtime_error(fill_format(error_format(code), arguments)),
      code_(code),
      arguments_(std::move(arguments)) {}

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

}  // namespace neural_style
