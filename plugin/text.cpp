#include "text.h"

#include <charconv>
#include <cmath>
#include <cstdarg>

namespace neural_style::plugin {

std::string printf_text(const char* format, ...) {
  va_list args;
  va_start(args, format);
  gchar* text = g_strdup_vprintf(format, args);
  va_end(args);
  std::string result = text;
  g_free(text);
  return result;
}

std::string exact_number(double value) {
  // Whole numbers as integers: the shortest form of 100000 would be "1e+05".
  if (value == std::trunc(value) && std::abs(value) < 1e15)
    return std::to_string(static_cast<long long>(value));
  char text[32];
  const std::to_chars_result end = std::to_chars(text, text + sizeof text, value);
  return std::string(text, end.ptr);
}

}  // namespace neural_style::plugin
