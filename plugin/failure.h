// Why a run stops before changing the image: the message GIMP shows, and whose fault it
// is. Plain C++ so that the GIMP-independent parts can raise it too.
#pragma once

#include <stdexcept>
#include <string>

namespace neural_style::plugin {

class Failure : public std::runtime_error {
 public:
  // calling: the arguments or the drawables handed over cannot be used.
  // execution: the arguments are fine, but this image or machine cannot do it.
  enum class Kind { calling, execution };

  Failure(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

inline Failure calling_failure(const std::string& message) {
  return Failure(Failure::Kind::calling, message);
}

inline Failure execution_failure(const std::string& message) {
  return Failure(Failure::Kind::execution, message);
}

}  // namespace neural_style::plugin
