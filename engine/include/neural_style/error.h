// The one exception type the engine throws. It carries a code and the variable parts of
// its message, so that a front end can show the message in the user's language without
// reading English (plugin/engine_messages.h); what() is the English message, for the
// command line and logs.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace neural_style {

// Each code's English message, with a %s for each argument in order, is in error.cpp's
// table (the msgid the plug-in's catalogues translate). Append new codes before `count`.
enum class ErrorCode {
  // Settings (validate()); arguments as noted.
  weight_out_of_range,         // field name, largest value
  style_weight_not_positive,
  style_mix_out_of_range,
  style_scale_out_of_range,    // smallest, largest
  size_out_of_range,           // smallest, largest
  memory_out_of_range,         // largest
  iterations_out_of_range,     // largest
  threads_out_of_range,        // largest
  no_style_layer,
  unknown_style_layer,         // layer
  unknown_content_layer,       // layer
  // The images handed to transfer().
  content_image_malformed,
  style_image_malformed,
  content_image_too_small,     // smallest side
  style_image_too_small,       // smallest side
  content_image_invalid_pixels,
  style_image_invalid_pixels,
  style_count,
  mix_without_second_style,
  // The plan.
  working_size_too_small,      // size asked, shorter side, smallest side
  memory_budget_too_small,     // budget in GB, width, height
  // The run.
  cuda_unavailable,
  out_of_memory,
  torch_failure,               // libtorch's message (English)
  loss_not_finite,             // the scale's number, steps undone on it
  no_known_layer,
  balance_on_tiles,
  // Weights files.
  weights_missing,             // path
  weights_unopenable,          // path
  weights_too_short,           // path
  weights_header_length,       // path
  weights_header_unreadable,   // path
  weights_header_not_object,   // path
  weights_metadata_not_object, // path
  weights_entry_not_object,    // path, tensor
  weights_entry_malformed,     // path, tensor
  weights_unknown_dtype,       // path, tensor, dtype
  weights_bad_shape,           // path, tensor
  weights_outside_file,        // path, tensor
  weights_tensor_missing,      // path, tensor
  weights_not_f32,             // path, tensor, dtype
  weights_tensor_unreadable,   // path, tensor
  weights_not_vgg19,           // path, tensor
  weights_wrong_vgg19_shape,   // path, tensor
  file_unwritable,             // path
  // Image files (engine/image_files/image_files.h: the CLI's and the plug-in's paintings).
  image_file_missing,          // path
  image_file_unreadable,       // path
  image_file_is_folder,        // path
  image_file_empty,            // path
  image_file_too_large,        // path, width, height, the most pixels opened
  image_file_damaged,          // path, the decoder's warning (English)
  image_file_unsavable,        // path
  image_file_not_renamed,      // path, the system's reason
  // The speed cache (speed.h).
  precision_variable_invalid,  // the variable's name, its value
  // Animation frames (frames.h).
  too_few_frames,
  frames_differ_in_size,       // first frame's width, height, the other's number, width, height
  // Any other failure, so that no exception but Error leaves the engine (as_error()).
  opencv_failure,              // OpenCV's message (English): the optical flow of frames
  unexpected_failure,          // the exception's what() (English), or that its type is unknown
  count
};

inline constexpr int kErrorCodeCount = static_cast<int>(ErrorCode::count);

// The English message of `code`, with %s (or %N$s) where its arguments go.
const char* error_format(ErrorCode code);

// `format` with its %s and %N$s replaced by `arguments` (nothing else is a format, so an
// argument is never read as one); "%%" is a '%'. Also fills translated formats.
std::string fill_format(const char* format, const std::vector<std::string>& arguments);

class Error : public std::runtime_error {
 public:
  explicit Error(ErrorCode code, std::vector<std::string> arguments = {});

  ErrorCode code() const { return code_; }
  const std::vector<std::string>& arguments() const { return arguments_; }

 private:
  ErrorCode code_;
  std::vector<std::string> arguments_;
};

// `error` as an Error: an Error as it is; libtorch's failure as torch_failure with its
// message; a failed allocation as out_of_memory; any other std::exception as
// unexpected_failure with its what(), and anything else as unexpected_failure saying its
// type is unknown. The engine's public calls throw nothing but what this returns (OpenCV's
// exceptions become opencv_failure where OpenCV is called); the front ends use it for
// whatever else reaches them, so that every failure shows a coded message.
Error as_error(const std::exception_ptr& error);

// A number as messages show it: whole numbers without a fraction, others as %g.
std::string number_text(double value);

}  // namespace neural_style
