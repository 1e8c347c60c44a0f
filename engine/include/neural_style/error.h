// The one exception type the engine throws: its message is meant for the user.
#pragma once

#include <stdexcept>
#include <string>

namespace neural_style {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace neural_style
