// Engine errors as the plug-in shows them (plugin/engine_messages.h): every code has a
// message, every catalogue in po/LINGUAS translates every one of them, the arguments come
// through a translation unchanged, and any exception becomes a Failure with a message.
// meson runs this with the built catalogues in NEURAL_STYLE_LOCALEDIR and po/LINGUAS in
// NEURAL_STYLE_LINGUAS.
#include <glib/gi18n-lib.h>
#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "caught_error.h"
#include "engine_messages.h"
#include "neural_style/plan.h"
#include "neural_style/weights.h"

extern "C" int _nl_msg_cat_cntr;  // glibc: bumped to make gettext see a new LANGUAGE

namespace neural_style::plugin {
namespace {

std::vector<std::string> languages() {
  std::vector<std::string> found;
  const char* linguas = std::getenv("NEURAL_STYLE_LINGUAS");
  std::ifstream file(linguas ? linguas : "");
  for (std::string line; std::getline(file, line);)
    if (!line.empty() && line[0] != '#') found.push_back(line);
  return found;
}

// Messages in `language` from the built catalogues. glibc 2.41 (Debian 13) ignores
// LANGUAGE under C.UTF-8 as under C, and these machines have no other locale, so C.UTF-8's
// data is given the name de_DE.UTF-8 through LOCPATH: translated messages, C formats.
// TearDown goes back to the C locale: untranslated English.
class Translated : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* locale_dir = std::getenv("NEURAL_STYLE_LOCALEDIR");
    ASSERT_TRUE(locale_dir) << "run through meson test";
    bindtextdomain(GETTEXT_PACKAGE, locale_dir);
    bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
    const std::filesystem::path c_utf8 = "/usr/lib/locale/C.utf8";
    char folder[] = "/tmp/neural-style-locales-XXXXXX";
    ASSERT_TRUE(std::filesystem::is_directory(c_utf8) && mkdtemp(folder));
    std::filesystem::create_directory_symlink(c_utf8,
                                              std::filesystem::path(folder) / "de_DE.UTF-8");
    setenv("LOCPATH", folder, 1);
    const bool set = std::setlocale(LC_ALL, "de_DE.UTF-8");
    std::filesystem::remove_all(folder);  // glibc has loaded what it needs
    ASSERT_TRUE(set);
  }
  static void TearDownTestSuite() {
    unsetenv("LANGUAGE");
    std::setlocale(LC_ALL, "C");
    ++_nl_msg_cat_cntr;
  }
  static void use(const std::string& language) {
    setenv("LANGUAGE", language.c_str(), 1);
    ++_nl_msg_cat_cntr;
  }
};

TEST(EngineMessages, EveryCodeHasAMessage) {
  for (int i = 0; i < kErrorCodeCount; ++i)
    EXPECT_NE(error_format(static_cast<ErrorCode>(i)), nullptr) << "code " << i;
}

TEST_F(Translated, EveryCatalogueTranslatesEveryCode) {
  const std::vector<std::string> all = languages();
  ASSERT_GE(all.size(), 3u) << "NEURAL_STYLE_LINGUAS";
  for (const std::string& language : all) {
    use(language);
    for (int i = 0; i < kErrorCodeCount; ++i) {
      const char* english = error_format(static_cast<ErrorCode>(i));
      EXPECT_STRNE(_(english), english) << language << " lacks: " << english;
    }
    EXPECT_STRNE(_(weights_install_hint_format()), weights_install_hint_format()) << language;
  }
}

TEST_F(Translated, ARealErrorKeepsItsArgumentsInEveryLanguage) {
  const Error error = caught([] {
    Settings settings;
    settings.size = 20;
    plan_scales(40, 20, settings);
  });
  ASSERT_EQ(error.code(), ErrorCode::working_size_too_small);
  for (const std::string& language : languages()) {
    use(language);
    const std::string message = engine_message(error);
    EXPECT_NE(message, error.what()) << language;
    for (const std::string& argument : error.arguments())
      EXPECT_NE(message.find(argument), std::string::npos) << language << ": " << message;
    EXPECT_EQ(message.find('%'), std::string::npos) << message;
  }
}

// Positional arguments: the French message names the tensor before the file.
TEST_F(Translated, ReorderedArgumentsLandInTheirPlaces) {
  use("fr");
  const std::string message =
      engine_message(Error(ErrorCode::weights_not_vgg19, {"/a b/w.safetensors", "features.0.weight"}));
  const std::size_t tensor = message.find("features.0.weight"), file = message.find("/a b/w");
  ASSERT_NE(tensor, std::string::npos) << message;
  ASSERT_NE(file, std::string::npos) << message;
  EXPECT_LT(tensor, file) << message;
}

TEST_F(Translated, TheWeightsHintCarriesTheCommand) {
  use("de");
  const std::string hint = weights_hint();
  EXPECT_NE(hint, weights_install_hint());
  EXPECT_NE(hint.find(weights_install_command()), std::string::npos) << hint;
}

TEST(EngineMessages, UntranslatedTheMessageIsTheEnglishOne) {
  const Error error = caught([] { find_weights("/no/such/vgg19.safetensors"); });
  EXPECT_EQ(engine_message(error), error.what());
  EXPECT_EQ(error.arguments(), std::vector<std::string>{"/no/such/vgg19.safetensors"});
}

TEST(EngineMessages, AnyExceptionBecomesAFailureWithAMessage) {
  const Failure calling = failure_of(std::make_exception_ptr(calling_failure("bad size")));
  EXPECT_EQ(calling.kind(), Failure::Kind::calling);
  EXPECT_STREQ(calling.what(), "bad size");
  const Failure engine = failure_of(std::make_exception_ptr(Error(ErrorCode::out_of_memory)));
  EXPECT_EQ(engine.kind(), Failure::Kind::execution);
  EXPECT_STREQ(engine.what(), error_format(ErrorCode::out_of_memory));
  // Not a torch failure: what it is, and its own message.
  const Failure other = failure_of(std::make_exception_ptr(std::logic_error("odd")));
  EXPECT_EQ(other.kind(), Failure::Kind::execution);
  EXPECT_EQ(std::string(other.what()), "Unexpected error: odd");
  const Failure unknown = failure_of(std::make_exception_ptr(42));
  EXPECT_EQ(unknown.kind(), Failure::Kind::execution);
  EXPECT_EQ(std::string(unknown.what()), "Unexpected error: an exception of unknown type");
}

}  // namespace
}  // namespace neural_style::plugin
