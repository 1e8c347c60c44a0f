#include "text.h"

#include <charconv>
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
  char text[32];
  const std::to_chars_result end = std::to_chars(text, text + sizeof text, value);
  return std::string(text, end.ptr);
}

}  // namespace neural_style::plugin
