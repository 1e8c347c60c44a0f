// The engine's English messages that the plug-in translates (plugin/engine_messages.h):
// the messages the engine really produces must still match the table, or users would
// silently get English again; and a matched message comes out in the user's language.
// meson runs this with LANGUAGE=de and the built catalogues in NEURAL_STYLE_LOCALEDIR.
#include <glib/gi18n-lib.h>
#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "engine_messages.h"
#include "neural_style/error.h"
#include "neural_style/plan.h"
#include "neural_style/weights.h"

namespace neural_style::plugin {
namespace {

std::string error_of(void (*provoke)()) {
  try {
    provoke();
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

TEST(EngineMessages, TheWeightsHintIsKnown) {
  const auto match = match_engine_message(weights_install_hint());
  ASSERT_TRUE(match);
  ASSERT_EQ(match->parts.size(), 1u);
  EXPECT_NE(match->parts[0].find("fetch_weights.py"), std::string::npos) << match->parts[0];
}

TEST(EngineMessages, AMissingWeightsFileIsKnown) {
  const std::string message = error_of([] { find_weights("/no/such/vgg19.safetensors"); });
  const auto match = match_engine_message(message);
  ASSERT_TRUE(match) << message;
  EXPECT_EQ(match->parts, std::vector<std::string>{"/no/such/vgg19.safetensors"});
}

TEST(EngineMessages, ATooSmallWorkingSizeIsKnown) {
  const std::string message = error_of([] {
    Settings settings;
    settings.size = 20;
    plan_scales(40, 20, settings);
  });
  const auto match = match_engine_message(message);
  ASSERT_TRUE(match) << message;
  EXPECT_EQ(match->parts, (std::vector<std::string>{"20", "10", "16"}));
}

TEST(EngineMessages, ATooSmallMemoryBudgetIsKnown) {
  const std::string message = error_of([] {
    Settings settings;
    settings.memory = 0.1;
    plan_memory(4000, 3000, {}, settings, false);
  });
  const auto match = match_engine_message(message);
  ASSERT_TRUE(match) << message;
  const Scale first = plan_scales(4000, 3000, Settings{}).front();  // too large already
  EXPECT_EQ(match->parts, (std::vector<std::string>{"0.1", std::to_string(first.width),
                                                    std::to_string(first.height)}));
}

TEST(EngineMessages, OtherTextIsNotMatched) {
  EXPECT_FALSE(match_engine_message("Weights file"));
  EXPECT_FALSE(match_engine_message("Something else went wrong."));
  EXPECT_EQ(translate_engine_message("Something else went wrong."), "Something else went wrong.");
}

// A locale other than C for LANGUAGE=de to count: glibc 2.41 (Debian 13) ignores LANGUAGE
// under C.UTF-8 as under C, and these machines have no German locale. So C.UTF-8's data
// is given the name de_DE.UTF-8 through LOCPATH: German messages, C formats. Returns
// false when setlocale fails.
bool use_a_locale_that_honours_language() {
  const std::filesystem::path c_utf8 = "/usr/lib/locale/C.utf8";
  if (!std::filesystem::is_directory(c_utf8)) return std::setlocale(LC_ALL, "");
  char folder[] = "/tmp/neural-style-locales-XXXXXX";
  if (!mkdtemp(folder)) return false;
  std::filesystem::create_directory_symlink(c_utf8, std::filesystem::path(folder) / "de_DE.UTF-8");
  setenv("LOCPATH", folder, 1);
  setenv("LC_ALL", "de_DE.UTF-8", 1);
  const bool set = std::setlocale(LC_ALL, "");
  std::filesystem::remove_all(folder);  // glibc has loaded what it needs
  return set;
}

TEST(EngineMessages, AKnownMessageIsTranslated) {
  const char* locale_dir = std::getenv("NEURAL_STYLE_LOCALEDIR");
  ASSERT_TRUE(locale_dir) << "run through meson test";
  ASSERT_TRUE(use_a_locale_that_honours_language());
  bindtextdomain(GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
  const std::string english = weights_install_hint();
  const std::string german = translate_engine_message(english);
  EXPECT_NE(german, english);
  // The variable part, the command to run, comes through unchanged.
  EXPECT_NE(german.find(match_engine_message(english)->parts[0]), std::string::npos) << german;
  const std::string path = translate_engine_message("Weights file '/a b/c' does not exist.");
  EXPECT_NE(path.find("/a b/c"), std::string::npos) << path;
  EXPECT_EQ(path.find("%"), std::string::npos) << path;
}

}  // namespace
}  // namespace neural_style::plugin
