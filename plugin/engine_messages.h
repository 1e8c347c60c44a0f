// The engine speaks English: it knows nothing of gettext, so that it stays free of GLib.
// The messages from it that users meet are translated here, by matching the exact English
// text against the patterns the engine builds them from; any other message is shown as it
// is. When the engine's wording changes, the test of this table fails.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace neural_style::plugin {

// A message recognised: its pattern (the msgid, with %s for the variable parts) and the
// text of those parts in order.
struct EngineMessage {
  const char* pattern;
  std::vector<std::string> parts;
};

std::optional<EngineMessage> match_engine_message(const std::string& message);

// The message in the user's language where it is known, otherwise unchanged.
std::string translate_engine_message(const std::string& message);

}  // namespace neural_style::plugin
