#include "engine_messages.h"

#include <glib/gi18n-lib.h>

#include <cctype>
#include <string_view>

namespace neural_style::plugin {
namespace {

// The engine's messages as it builds them, each variable part a %s (numbers included:
// they arrive as text). The English details of a bad weights file stay English.
const char* const kPatterns[] = {
    // xgettext:c-format
    N_("No VGG-19 weights are installed, so the built-in network is used. For Gatys et "
       "al.'s own network, install the VGG-19 weights once with: %s"),
    N_("The style transfer ran out of memory: try a smaller size."),
    // xgettext:c-format
    N_("The style transfer failed: %s"),
    // xgettext:c-format
    N_("Weights file '%s' does not exist."),
    // xgettext:c-format
    N_("Weights file '%s' is not valid: %s."),
    // xgettext:c-format
    N_("Cannot open weights file '%s'."),
    // xgettext:c-format
    N_("Weights file '%s' lacks tensor '%s': it is not a torchvision VGG-19."),
    // xgettext:c-format
    N_("Weights file '%s': tensor '%s' has the wrong shape for VGG-19."),
    // xgettext:c-format
    N_("The image is too small to stylise at size %s: its shorter side would be %s pixels, "
       "and at least %s are needed."),
    // xgettext:c-format
    N_("A memory budget of %s GB is too small for a %sx%s image: allow more memory or "
       "choose a smaller size."),
};

std::vector<std::string_view> literals(std::string_view pattern) {
  std::vector<std::string_view> pieces;
  for (std::size_t at; (at = pattern.find("%s")) != std::string_view::npos;
       pattern.remove_prefix(at + 2))
    pieces.push_back(pattern.substr(0, at));
  pieces.push_back(pattern);
  return pieces;
}

// The variable parts of `message` when it has the pattern's literal text around them.
std::optional<std::vector<std::string>> match(std::string_view pattern, std::string_view message) {
  const std::vector<std::string_view> text = literals(pattern);
  const std::string_view first = text.front(), last = text.back();
  if (message.size() < first.size() + last.size() || message.substr(0, first.size()) != first ||
      message.substr(message.size() - last.size()) != last)
    return std::nullopt;
  if (text.size() == 1) return std::vector<std::string>{};
  std::string_view rest = message.substr(first.size(), message.size() - first.size() - last.size());
  std::vector<std::string> parts;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    const std::size_t at = rest.find(text[i]);
    if (at == std::string_view::npos) return std::nullopt;
    parts.emplace_back(rest.substr(0, at));
    rest.remove_prefix(at + text[i].size());
  }
  parts.emplace_back(rest);
  return parts;
}

// printf for %s only, so that the parts are never read as formats themselves; allows the
// positional %1$s that translators use to reorder.
std::string fill(std::string_view format, const std::vector<std::string>& parts) {
  std::string out;
  std::size_t next = 0;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      out += format[i];
      continue;
    }
    std::size_t j = i + 1, position = 0;
    while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j])))
      position = position * 10 + static_cast<std::size_t>(format[j++] - '0');
    std::size_t index = 0;
    if (position > 0 && format.substr(j, 2) == "$s") {
      index = position - 1;
      i = j + 1;
    } else if (format.substr(i + 1, 1) == "s") {
      index = next++;
      ++i;
    } else {  // "%%"
      out += format.substr(++i, 1);
      continue;
    }
    if (index < parts.size()) out += parts[index];
  }
  return out;
}

}  // namespace

std::optional<EngineMessage> match_engine_message(const std::string& message) {
  for (const char* pattern : kPatterns)
    if (std::optional<std::vector<std::string>> parts = match(pattern, message))
      return EngineMessage{pattern, std::move(*parts)};
  return std::nullopt;
}

std::string translate_engine_message(const std::string& message) {
  const std::optional<EngineMessage> known = match_engine_message(message);
  return known ? fill(_(known->pattern), known->parts) : message;
}

}  // namespace neural_style::plugin
